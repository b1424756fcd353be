// Per-call time of the component from Node.js (transpiled by jco): generating the
// default agreement, the median of many calls on one instance after a warm-up.
//
//   cargo xtask bench        (or: node web/component/bench/per_call.mjs)

import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const COMPONENT = process.env.CAUCUS_COMPONENT || path.join(ROOT, "target/component/caucus.wasm");
const OUT = path.join(path.dirname(COMPONENT), "bench-js");
const WARM_UP = 20;
const CALLS = 300;

/** What is timed: [label, document, format]. */
const TIMED = [
  ["default agreement, Markdown", "agreement", "markdown"],
  ["default agreement, .docx", "agreement", "docx"],
  ["every default document, HTML", undefined, "html"],
];

rmSync(OUT, { recursive: true, force: true });
execFileSync(path.join(ROOT, "node_modules/.bin/jco"), ["transpile", COMPONENT, "--name", "caucus", "-o", OUT, "--quiet"]);
let started = performance.now();
const { engine } = await import(pathToFileURL(path.join(OUT, "caucus.js")).href);
const loaded = performance.now() - started;

console.log(`node ${process.version}, jco-transpiled: load and instantiate ${loaded.toFixed(0)} ms`);
for (const [label, document, format] of TIMED) {
  for (let i = 0; i < WARM_UP; i++) engine.generate("{}", undefined, document, format);
  const times = [];
  for (let i = 0; i < CALLS; i++) {
    started = performance.now();
    const generated = engine.generate("{}", undefined, document, format);
    times.push(performance.now() - started);
    if (generated.documents.length === 0) throw new Error("no document");
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`  ${label.padEnd(30)} median ${median.toFixed(3).padStart(7)} ms  (min ${times[0].toFixed(3)}, ${CALLS} calls)`);
}
