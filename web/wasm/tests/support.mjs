// Shared by the Node tests of the built package (web/wasm/pkg, made by `cargo xtask web
// package`): loading it, the option cases, and the native engine's answers to compare with.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const PKG = path.join(ROOT, "web/wasm/pkg");
export const CASES = path.join(ROOT, "web/wasm/tests/cases");
/** A small custom pack the engine's own tests use. */
export const MINI_PACK = path.join(ROOT, "core/tests/fixtures/mini");

if (!existsSync(path.join(PKG, "caucus_wasm_bg.wasm"))) {
  throw new Error(`${PKG} has no caucus_wasm_bg.wasm: build the package with \`cargo xtask web package\` first`);
}

/** The package as Node.js users get it (`import ... from "caucus-wasm"`). */
export const caucus = await import(pathToFileURL(path.join(PKG, "node.js")).href);

/** Every options file in tests/cases, as [name, JSON text]. */
export function cases() {
  return readdirSync(CASES)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => [name, readFileSync(path.join(CASES, name), "utf8")]);
}

/** A custom pack with a document of its own (`minutes`), and files that are not the pack's. */
export const MINUTES_PACK = path.join(ROOT, "tests/fixtures/minutes");

/** A pack folder's files as [path, text] pairs: those the engine says are the pack's. */
export function packFiles(dir) {
  const files = [];
  const walk = (sub) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relative);
      else if (caucus.isPackFile(relative)) {
        files.push([relative, readFileSync(path.join(dir, relative), "utf8")]);
      }
    }
  };
  walk("");
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The native engine's answers (`cargo run -p caucus-wasm --example native`), one process
 * for all of them: each query `{ options: "<JSON text>", pack?: "<folder>", docx?: kind }`
 * gives `{ ok: <generate() result> }` or `{ error: [diagnostics] }`.
 */
export function native(queries) {
  const out = execFileSync(
    "cargo",
    ["run", "--quiet", "--package", "caucus-wasm", "--example", "native"],
    { cwd: ROOT, input: JSON.stringify(queries), maxBuffer: 1 << 30, stdio: ["pipe", "pipe", "inherit"] },
  );
  const answers = JSON.parse(out.toString("utf8"));
  assert.equal(answers.length, queries.length);
  return answers;
}

/**
 * The command-line tool, built once (`cargo build --bin caucus`; cargo's own messages go to
 * this process's stderr, so a build failure shows in the log). Returns a function that runs
 * it with `args` and gives its standard output; when it fails, the error carries its exit
 * status and everything it wrote to stderr.
 */
export function cli() {
  const built = execFileSync(
    "cargo",
    ["build", "--quiet", "--bin", "caucus", "--message-format", "json-render-diagnostics"],
    { cwd: ROOT, maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "inherit"] },
  );
  const executable = built
    .toString("utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line))
    .find((m) => m.reason === "compiler-artifact" && m.target?.name === "caucus" && m.executable)?.executable;
  assert.ok(executable, "cargo build --bin caucus named no executable");
  return (args) => {
    try {
      return execFileSync(executable, args, { cwd: ROOT, maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "pipe"] })
        .toString("utf8");
    } catch (error) {
      const why = error.status === null ? `signal ${error.signal}` : `exit status ${error.status}`;
      throw new Error(`caucus ${args.join(" ")}: ${why}\n${error.stderr?.toString("utf8") ?? ""}`);
    }
  };
}

/** Calls `fn`, which must throw a CaucusError; returns its diagnostics after checking their shape. */
export function diagnosticsThrown(fn) {
  let thrown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown, "expected a CaucusError, but nothing was thrown");
  assert.ok(thrown instanceof Error, `expected an Error, got ${typeof thrown}: ${String(thrown)}`);
  assert.equal(thrown.name, "CaucusError", `unexpected error: ${thrown.stack}`);
  assert.ok(Array.isArray(thrown.diagnostics) && thrown.diagnostics.length > 0, "no diagnostics");
  for (const d of thrown.diagnostics) assertDiagnostic(d);
  assert.ok(thrown.diagnostics.some((d) => d.severity === "error"), "no error among the diagnostics");
  return thrown.diagnostics;
}

/** A diagnostic has the documented shape. */
export function assertDiagnostic(d) {
  assert.match(d.code, /^[a-z0-9]+(-[a-z0-9]+)*$/, `code ${JSON.stringify(d.code)}`);
  assert.ok(["error", "warning", "note"].includes(d.severity), `severity ${d.severity}`);
  for (const field of ["path", "message", "hint"]) {
    assert.equal(typeof d[field], "string", `${field} of ${JSON.stringify(d)}`);
  }
  assert.ok(d.message.length > 0, "empty message");
  if ("citation" in d) assert.equal(typeof d.citation.source, "string");
  if ("location" in d) assert.equal(typeof d.location.line, "number");
}

/**
 * Why the package may disagree with the native engine without a bug: sources (the
 * built-in clauses are compiled in) changed after it was built. Empty when it is current.
 */
export function staleness() {
  const built = statSync(path.join(PKG, "caucus_wasm_bg.wasm")).mtimeMs;
  const newer = [];
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (statSync(path.join(ROOT, relative)).mtimeMs > built) newer.push(relative);
    }
  };
  for (const dir of ["clauses", "core/src", "web/wasm/src"]) walk(dir);
  if (newer.length === 0) return "";
  return `web/wasm/pkg was built before ${newer.slice(0, 3).join(", ")}${newer.length > 3 ? ` and ${newer.length - 3} more` : ""} changed: rebuild it with \`cargo xtask web package\``;
}
