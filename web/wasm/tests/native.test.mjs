// The same options give byte-identical output from the WebAssembly package and from the
// native engine: Markdown, HTML, text, titles, diagnostics and Word files, for every
// options file in tests/cases, with the built-in pack and with a custom one.
//
// The native side is `cargo run -p caucus-wasm --example native` (the engine compiled for
// this machine, answering every case in one process), and for Markdown also the command
// line tool itself, `caucus generate FILE --format md` (built once by `cargo build`).

import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { CASES, MINI_PACK, caucus, cases, cli, native, packFiles, staleness } from "./support.mjs";

const CASE_LIST = cases();
const MINI = Object.fromEntries(packFiles(MINI_PACK));
const DOCX_KINDS = ["agreement", "guide", "invitation", "consent", "checklist"];

const queries = [];
for (const [name, options] of CASE_LIST) {
  for (const docx of DOCX_KINDS) queries.push({ name, options, docx, pack: null });
  queries.push({ name: `${name} (mini pack)`, options, pack: MINI_PACK, docx: "agreement" });
}
const answers = native(queries.map(({ options, pack, docx }) => ({ options, pack, docx })));

/** What the package gives for one query, in the native helper's shape. */
function wasmAnswer({ options, pack, docx }) {
  const files = pack ? MINI : undefined;
  try {
    const ok = caucus.generate(options, files);
    let bytes = "";
    try {
      bytes = Buffer.from(caucus.docx(options, docx, files)).toString("hex");
    } catch (error) {
      assert.equal(error.diagnostics?.[0]?.code, "no-such-document", String(error));
    }
    return { ok: { ...ok, docx: bytes } };
  } catch (error) {
    assert.equal(error.name, "CaucusError", error.stack);
    return { error: error.diagnostics };
  }
}

test("there are cases to compare, succeeding and failing", () => {
  assert.ok(CASE_LIST.length >= 5, `only ${CASE_LIST.length} cases in ${CASES}`);
  assert.ok(answers.some((a) => a.ok) && answers.some((a) => a.error));
});

/** Runs a comparison; a failure names a stale package as the likely cause. */
function compare(body) {
  return (t) => {
    try {
      body(t);
    } catch (error) {
      const stale = staleness();
      if (stale) error.message = `${stale}\n${error.message}`;
      throw error;
    }
  };
}

queries.forEach((query, i) => {
  test(`${query.name}, docx ${query.docx}: WebAssembly = native`, compare(() => {
    const expected = answers[i];
    const actual = wasmAnswer(query);
    if (expected.error) {
      assert.deepEqual(actual, expected);
      return;
    }
    assert.ok(actual.ok, `native succeeded, WebAssembly threw: ${JSON.stringify(actual.error)}`);
    assert.equal(actual.ok.documents.length, expected.ok.documents.length);
    actual.ok.documents.forEach((doc, j) => {
      const want = expected.ok.documents[j];
      for (const field of ["kind", "title", "markdown", "html", "text"]) {
        // Compared as strings so that a difference shows as a text diff.
        assert.equal(doc[field], want[field], `${doc.kind}.${field}`);
      }
    });
    assert.deepEqual(actual.ok.diagnostics, expected.ok.diagnostics);
    assert.equal(actual.ok.docx.length, expected.ok.docx.length, "docx size");
    assert.ok(actual.ok.docx === expected.ok.docx, "docx bytes differ");
  }));
});

test("Markdown is the same as `caucus generate FILE --format md` prints", compare((t) => {
  const run = cli();
  for (const [name] of CASE_LIST) {
    const answer = answers[queries.findIndex((q) => q.name === name)];
    if (!answer.ok) continue;
    for (const doc of answer.ok.documents) {
      const printed = run(["generate", path.join(CASES, name), "--format", "md", "--document", doc.kind]);
      const wasm = caucus.generate(cliInput(name)).documents;
      assert.equal(wasm.find((d) => d.kind === doc.kind).markdown, printed, `${name} ${doc.kind}`);
    }
    t.diagnostic(`${name}: matches the command line`);
  }
}));

function cliInput(name) {
  return CASE_LIST.find(([n]) => n === name)[1];
}
