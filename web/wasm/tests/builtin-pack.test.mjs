// The built-in clause pack travels beside the module, in caucus_pack.json, and caucus.js
// passes it in: init() fetches it, initSync() takes its text, a restart passes it again,
// and the engine takes only the files it was built with.
//
// This file loads caucus.js itself, with no pack at first, so it does not use
// support.mjs (whose import of node.js loads the pack for the whole process).

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import test from "node:test";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PKG = path.join(ROOT, "web/wasm/pkg");
const MODULE = readFileSync(path.join(PKG, "caucus_wasm_bg.wasm"));
const PACK_TEXT = readFileSync(path.join(PKG, "caucus_pack.json"), "utf8");
const PACK = JSON.parse(PACK_TEXT);
const caucus = await import(pathToFileURL(path.join(PKG, "caucus.js")).href);

/** The codes of the diagnostics `call` throws as a CaucusError. */
function codesThrown(call) {
  try {
    call();
  } catch (error) {
    assert.equal(error.name, "CaucusError", String(error));
    return error.diagnostics.map((d) => d.code);
  }
  assert.fail("no CaucusError was thrown");
}

/** The CaucusError `promise` rejects with. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.name, "CaucusError", String(error));
    return error;
  }
  assert.fail("no CaucusError was thrown");
}

/** The engine's small test pack, as a page that brings its own passes it to each call. */
const MINI = path.join(ROOT, "core/tests/fixtures/mini");
const OWN_PACK = Object.fromEntries(
  ["pack.toml", "terms.toml", ...readdirSync(path.join(MINI, "agreement")).map((file) => `agreement/${file}`)].map(
    (file) => [file, readFileSync(path.join(MINI, file), "utf8")],
  ),
);

/** The files of the pack folder `dir` (relative paths), by the engine's own rule. */
function packFolder(dir, sub = "") {
  return readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((entry) => {
    const relative = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return packFolder(dir, relative);
    return caucus.isPackFile(relative) ? [relative] : [];
  });
}

test("the module does not hold the built-in pack; caucus_pack.json holds every file of clauses/", () => {
  caucus.initSync({ module: MODULE });
  const files = Object.keys(PACK);
  assert.deepEqual(files, packFolder(path.join(ROOT, "clauses")).sort());
  const clauses = files.filter((file) => file.endsWith(".md"));
  assert.ok(clauses.length > 50, `${clauses.length} clause files`);
  for (const file of clauses) {
    const text = PACK[file];
    const body = text.slice(text.lastIndexOf("+++") + 3).trim();
    const sample = body.slice(0, 80);
    assert.ok(sample.length >= 20, `${file}: ${JSON.stringify(sample)}`);
    assert.equal(MODULE.indexOf(sample), -1, `${file}'s text is in the module: ${sample}`);
  }
  // The search does find text the module holds: the codes of its own errors.
  assert.notEqual(MODULE.indexOf("builtin-pack-mismatch"), -1);
});

test("without the built-in pack, only calls that bring a pack of their own work", () => {
  caucus.initSync({ module: MODULE });
  assert.deepEqual(codesThrown(() => caucus.generate({})), ["builtin-pack-not-loaded"]);
  assert.deepEqual(codesThrown(() => caucus.clauses()), ["builtin-pack-not-loaded"]);
  const parties = [{ name: "Ada Okafor Ltd" }, { name: "Brightwater plc" }];
  const own = caucus.document({ parties }, "agreement", OWN_PACK);
  assert.match(own.markdown, /These terms are between Ada Okafor Ltd and Brightwater plc\./);
});

test("the engine takes only the pack it was built with", () => {
  const changed = { ...PACK, "pack.toml": `${PACK["pack.toml"]}\n` };
  assert.deepEqual(codesThrown(() => caucus.initSync({ module: MODULE }, changed)), ["builtin-pack-mismatch"]);
  const fewer = Object.fromEntries(Object.entries(PACK).slice(1));
  assert.deepEqual(codesThrown(() => caucus.initSync({ module: MODULE }, fewer)), ["builtin-pack-mismatch"]);
  assert.deepEqual(codesThrown(() => caucus.generate({})), ["builtin-pack-not-loaded"]);

  caucus.initSync({ module: MODULE }, PACK_TEXT);
  assert.equal(caucus.generate({}).documents[0].kind, "agreement");
});

test("a restarted module has the built-in pack again", () => {
  const memory = caucus.initSync({ module: MODULE }, PACK_TEXT).memory;
  const before = caucus.generate({});
  new Uint8Array(memory.buffer).fill(0xff);
  assert.deepEqual(codesThrown(() => caucus.generate({})), ["engine-restarted"]);
  assert.deepEqual(caucus.generate({}), before);
  assert.equal(caucus.clauses().documents[0].id, "agreement");
});

test("init fetches the pack, or takes it as a Response or as files, and says when it cannot", async () => {
  // The module is instantiated by now; init still loads the pack it is given.
  await caucus.default({ module_or_path: MODULE }, new Response(PACK_TEXT));
  await caucus.default({ module_or_path: MODULE }, PACK);

  const server = createServer((request, response) => {
    if (request.url === "/caucus_pack.json") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(PACK_TEXT);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    await caucus.default({ module_or_path: MODULE }, `${base}/caucus_pack.json`);
    await caucus.default({ module_or_path: MODULE }, new URL(`${base}/caucus_pack.json`));
    const missing = `${base}/elsewhere/caucus_pack.json`;
    const error = await rejection(caucus.default({ module_or_path: MODULE }, missing));
    assert.deepEqual(error.diagnostics.map((d) => d.code), ["builtin-pack-unreadable"]);
    assert.match(error.message, /elsewhere\/caucus_pack\.json \(HTTP 404\)/);
  } finally {
    server.close();
  }
  assert.equal(caucus.generate({}).documents[0].kind, "agreement");
});
