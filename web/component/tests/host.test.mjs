// The component in Node.js, transpiled by jco (`@bytecodealliance/jco`, pinned in the
// root package-lock.json): it imports nothing, its documents are byte-identical to the
// native engine's for every shared case and format, and hostile input comes back as
// diagnostics with the instance still working.
//
// The same checks as test_python_host.py, through another host: jco turns the component
// into an ES module and a core module that Node's own WebAssembly runs.
//
//   cargo xtask web component && node --test web/component/tests/host.test.mjs

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const COMPONENT = process.env.CAUCUS_COMPONENT || path.join(ROOT, "target/component/caucus.wasm");
const TRANSPILED = path.join(path.dirname(COMPONENT), "js");
const CASES = path.join(ROOT, "web/wasm/tests/cases");
const MINI_PACK = path.join(ROOT, "core/tests/fixtures/mini");
const JCO = path.join(ROOT, "node_modules/.bin/jco");
const FORMATS = ["markdown", "html", "html-page", "text", "json", "docx"];
const KINDS = ["agreement", "guide", "invitation", "consent", "checklist"];
const TEN_MB = 10 << 20;

if (!existsSync(COMPONENT)) {
  throw new Error(`${COMPONENT} is missing: build it with \`cargo xtask web component\` first`);
}

// Transpiled afresh on every run (about two seconds), so the bindings are never older
// than the component.
rmSync(TRANSPILED, { recursive: true, force: true });
execFileSync(JCO, ["transpile", COMPONENT, "--name", "caucus", "--out-dir", TRANSPILED, "--quiet"], {
  cwd: ROOT,
  stdio: "inherit",
});
const { engine } = await import(pathToFileURL(path.join(TRANSPILED, "caucus.js")).href);

/** A pack folder's files as [path, text] pairs: .toml anywhere, .md in document folders. */
function packFiles(dir) {
  const files = [];
  const walk = (sub) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relative);
      else if (relative.endsWith(".toml") || (relative.endsWith(".md") && relative.includes("/"))) {
        files.push([relative, readFileSync(path.join(dir, relative), "utf8")]);
      }
    }
  };
  walk("");
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const MINI = packFiles(MINI_PACK);
const CASE_LIST = readdirSync(CASES)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => [name, readFileSync(path.join(CASES, name), "utf8")]);

/** Every case in every format, every document on its own, and the small custom pack. */
const queries = [];
for (const [name, options] of CASE_LIST) {
  for (const format of FORMATS) queries.push({ name: `${name} ${format}`, options, pack: null, document: null, format });
  for (const kind of KINDS) {
    for (const format of ["markdown", "docx"]) {
      queries.push({ name: `${name} ${kind} ${format}`, options, pack: null, document: kind, format });
    }
  }
  for (const format of ["markdown", "docx"]) {
    queries.push({ name: `${name} mini pack ${format}`, options, pack: MINI, document: null, format });
  }
}

/** The native engine's answers, one process for all of them. */
const answers = JSON.parse(
  execFileSync("cargo", ["run", "--quiet", "--package", "caucus-component", "--example", "native"], {
    cwd: ROOT,
    input: JSON.stringify(queries.map(({ options, pack, document, format }) => ({ options, pack, document, format }))),
    maxBuffer: 1 << 30,
    stdio: ["pipe", "pipe", "inherit"],
  }).toString("utf8"),
);
assert.equal(answers.length, queries.length);

const asPack = (files) => files?.map(([path, text]) => ({ path, text }));

/** jco throws a result's `err` as a ComponentError whose payload is the diagnostics. */
function diagnosticsOf(fn) {
  let thrown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown, "expected an err, but the call succeeded");
  assert.ok(Array.isArray(thrown.payload), `not a result's err: ${thrown.stack}`);
  const diagnostics = thrown.payload;
  assert.ok(diagnostics.length > 0, "an err without diagnostics");
  for (const d of diagnostics) {
    assert.match(d.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(["error", "warning", "note"].includes(d.severity), d.severity);
    assert.ok(d.message.length > 0);
    assert.equal(typeof d.hint, "string");
  }
  assert.ok(diagnostics.some((d) => d.severity === "error"));
  return diagnostics;
}

/** A `diagnostic` record in the shape the native engine serialises it. */
function native(d) {
  const out = { code: d.code, severity: d.severity, path: d.path, message: d.message, hint: d.hint };
  if (d.citation) out.citation = { as_of: d.citation.asOf, source: d.citation.source };
  if (d.location) out.location = { file: d.location.file, line: d.location.line, column: d.location.column };
  return out;
}

/** What the component answers to one query, in the native helper's shape. */
function componentAnswer({ options, pack, document, format }) {
  try {
    const generated = engine.generate(options, asPack(pack), document ?? undefined, format);
    return {
      ok: {
        documents: generated.documents.map((d) => ({
          kind: d.kind,
          title: d.title,
          content: d.content.tag === "bytes" ? Buffer.from(d.content.val).toString("hex") : d.content.val,
        })),
        diagnostics: generated.diagnostics.map(native),
      },
    };
  } catch (error) {
    if (!Array.isArray(error.payload)) throw error;
    return { error: error.payload.map(native) };
  }
}

const defaultAgreement = () => engine.generate("{}", undefined, "agreement", "markdown").documents[0].content.val;
const REFERENCE = defaultAgreement();

test("the component imports nothing and exports the engine", () => {
  const wit = execFileSync(JCO, ["wit", COMPONENT], { cwd: ROOT }).toString("utf8");
  assert.doesNotMatch(wit, /^\s*import\s/m, wit);
  assert.match(wit, /^\s*export caucus:engine\/engine@0\.1\.0;/m, wit);
  const imports = readFileSync(path.join(TRANSPILED, "caucus.js"), "utf8").match(/^import .*$/gm) ?? [];
  assert.deepEqual(imports, [], "the transpiled module imports something");
});

test("there are cases to compare, succeeding, failing and missing", () => {
  assert.ok(CASE_LIST.length >= 5);
  for (const kind of ["ok", "error", "missing"]) assert.ok(answers.some((a) => kind in a), kind);
});

queries.forEach((query, i) => {
  test(`${query.name}: component = native`, () => {
    const expected = answers[i];
    const actual = componentAnswer(query);
    if (expected.missing) {
      assert.deepEqual(actual.error?.map((d) => d.code), ["no-such-document"]);
      return;
    }
    if (expected.error) {
      assert.deepEqual(actual, expected);
      return;
    }
    assert.ok(actual.ok, `native succeeded, the component failed: ${JSON.stringify(actual.error)}`);
    assert.deepEqual(actual.ok.documents.map((d) => d.kind), expected.ok.documents.map((d) => d.kind));
    actual.ok.documents.forEach((doc, j) => {
      const want = expected.ok.documents[j];
      assert.equal(doc.title, want.title);
      // Compared as strings so that a difference shows as a text diff.
      assert.equal(doc.content, want.content, `${doc.kind} in ${query.format}`);
    });
    assert.deepEqual(actual.ok.diagnostics, expected.ok.diagnostics);
  });
});

test("schema, defaults, clauses and version", () => {
  const committed = JSON.parse(readFileSync(path.join(ROOT, "core/src/options.schema.json"), "utf8"));
  assert.deepEqual(JSON.parse(engine.schema()), committed);
  const defaults = engine.defaults();
  assert.deepEqual(engine.generate(defaults, undefined, undefined, "text"), engine.generate("{}", undefined, undefined, "text"));
  const info = engine.clauses(undefined);
  assert.deepEqual(info.documents.map((d) => d.id), KINDS);
  const mini = engine.clauses(asPack(MINI));
  assert.deepEqual(mini.clauses.map((c) => c.file).sort(), MINI.map(([p]) => p).filter((p) => p.endsWith(".md")).sort());
  const manifest = readFileSync(path.join(ROOT, "Cargo.toml"), "utf8");
  assert.ok(manifest.includes(`version = "${engine.version()}"`), engine.version());
});

test("place and sentence put a diagnostic in words, as the JS API does", () => {
  const options = JSON.stringify({ parties: [{ name: "Acme Ltd" }, { name: "" }] });
  const err = diagnosticsOf(() => engine.generate(options, undefined, undefined, "text"));
  const unnamed = err.find((d) => d.path === "parties.1.name");
  assert.ok(unnamed, JSON.stringify(err));
  assert.equal(engine.place(unnamed.path, options), "Party 2: Full legal name");
  assert.equal(engine.place("parties.0.name", options), "Party 1 (Acme Ltd): Full legal name");
  assert.equal(engine.place("parties.0.name", "{ not json"), "Party 1: Full legal name");
  const said = engine.sentence(unnamed.message, options);
  assert.match(said, /^[A-Z].*[.!?]$/);
  assert.doesNotMatch(said, /`/);
  assert.equal(engine.sentence("see `recording.policy`", "{}"), "See “Recording: Who may record”.");
});

test("hostile input gives diagnostics and the instance keeps working", (t) => {
  const codes = (options, pack, document, format = "markdown") =>
    diagnosticsOf(() => engine.generate(options, pack, document, format)).map((d) => d.code);
  const huge = "x".repeat(TEN_MB);
  const broken = Object.fromEntries(MINI);
  broken["pack.toml"] += "\n[unclosed\n";

  const checks = [
    ["invalid JSON", () => assert.deepEqual(codes("{"), ["options-syntax"])],
    ["deep nesting", () => assert.deepEqual(codes("[".repeat(100_000)), ["options-syntax"])],
    ["not an object", () => assert.deepEqual(codes("[]"), ["options-not-object"])],
    [
      "wrong types",
      () => {
        const paths = diagnosticsOf(() =>
          engine.generate('{"parties": 5, "recording": {"policy": "sometimes"}}', undefined, undefined, "text"),
        ).map((d) => d.path);
        assert.ok(paths.includes("parties") && paths.includes("recording.policy"), paths.join(", "));
      },
    ],
    [
      "a broken pack",
      () => {
        const found = diagnosticsOf(() => engine.generate("{}", asPack(Object.entries(broken)), undefined, "markdown"));
        assert.ok(found.some((d) => d.location?.file === "pack.toml"), JSON.stringify(found));
        assert.ok(codes("{}", []).length > 0);
      },
    ],
    [
      "a pack nested deeper than any parser can go",
      () => {
        // A clause of the mini pack with its front matter intact, so that its template is read.
        const files = Object.fromEntries(MINI);
        const deep = { ...files, "agreement/parties.md": files["agreement/parties.md"] + "{{#if x}}".repeat(10_000) };
        assert.deepEqual(codes("{}", asPack(Object.entries(deep))), ["pack-nesting-too-deep"]);
      },
    ],
    ["10 MB of options", () => assert.deepEqual(codes(huge), ["options-too-large"])],
    ["a 10 MB pack", () => assert.deepEqual(codes("{}", [{ path: "pack.toml", text: huge }]), ["pack-too-large"])],
    ["a 10 MB document kind", () => assert.deepEqual(codes("{}", undefined, huge), ["document-kind-invalid"])],
    ["a document not produced", () => assert.deepEqual(codes("{}", undefined, "consent", "docx"), ["no-such-document"])],
    // The typed interface at work: jco refuses these before the component sees them.
    ["a format that does not exist", () => assert.throws(() => engine.generate("{}", undefined, undefined, "pdf"), TypeError)],
    ["options that are not text", () => assert.throws(() => engine.generate({}, undefined, undefined, "text"), TypeError)],
  ];
  for (const [name, check] of checks) {
    check();
    assert.equal(defaultAgreement(), REFERENCE, `the instance changed after ${name}`);
    t.diagnostic(`${name}: refused, then the same agreement`);
  }
});
