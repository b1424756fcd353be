// Every function of the built package, through its Node.js entry point and its browser
// entry point.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  MINI_PACK,
  MINUTES_PACK,
  PKG,
  ROOT,
  assertDiagnostic,
  caucus,
  diagnosticsThrown,
  native,
  packFiles,
} from "./support.mjs";

test("version() is the crate's and the package's version", () => {
  const cargo = readFileSync(path.join(ROOT, "Cargo.toml"), "utf8");
  const workspaceVersion = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)?.[1];
  assert.ok(workspaceVersion, "no version in [workspace.package]");
  assert.equal(caucus.version(), workspaceVersion);
  const manifest = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  assert.equal(manifest.version, workspaceVersion, "web/wasm/pkg-files/package.json version");
  assert.equal(manifest.name, "caucus-wasm");
  assert.equal(manifest.type, "module");
});

test("schema() is the JSON Schema of the options and rejects unknown fields", () => {
  const schema = caucus.schema();
  assert.match(schema.$schema, /json-schema\.org/);
  assert.equal(schema.type, "object");
  assert.equal(schema.additionalProperties, false);
  for (const key of ["case", "mediator", "parties", "platform", "recording", "costs", "consent"]) {
    assert.ok(key in schema.properties, `schema lacks ${key}`);
  }
  // Each call builds a fresh object: callers may mutate what they get.
  schema.properties = null;
  assert.notEqual(caucus.schema().properties, null);
});

test("defaults() is complete, schema-shaped, and the same as passing {}", () => {
  const defaults = caucus.defaults();
  assert.deepEqual(Object.keys(defaults).sort(), Object.keys(caucus.schema().properties).sort());
  assert.equal(defaults.parties.length, 2);
  assert.equal(defaults.case.locale, "en-GB");
  assert.equal(defaults.recording.policy, "prohibited");
  assert.deepEqual(caucus.generate(defaults), caucus.generate({}));
  assert.deepEqual(caucus.generate(), caucus.generate({}));
  assert.deepEqual(caucus.generate(null), caucus.generate({}));
  assert.deepEqual(caucus.generate("{}"), caucus.generate({}));
});

test("generate() gives every document in Markdown, HTML and text, with warnings", () => {
  const result = caucus.generate({ mediator: { name: "Dana Whitfield" } });
  assert.deepEqual(Object.keys(result).sort(), ["diagnostics", "documents"]);
  assert.deepEqual(
    result.documents.map((d) => d.kind),
    ["agreement", "guide", "invitation", "checklist"],
  );
  for (const d of result.documents) {
    assert.deepEqual(Object.keys(d).sort(), ["html", "kind", "markdown", "text", "title"]);
    assert.ok(d.title.length > 0);
    assert.ok(d.markdown.startsWith(`# ${d.title}`), d.markdown.slice(0, 80));
    assert.ok(d.html.startsWith('<article class="caucus-document"'), d.html.slice(0, 80));
    assert.ok(d.text.length > 0);
  }
  assert.match(result.documents[0].markdown, /Dana Whitfield/);
  for (const d of result.diagnostics) {
    assertDiagnostic(d);
    assert.notEqual(d.severity, "error");
  }
});

test("generate() accepts the options as an object or as JSON text, with the same result", () => {
  const options = {
    case: { locale: "en-US", date: "2026-11-25" },
    platform: { kind: "webex" },
    consent: { express_risk_consent: true, law_firm: "Greaves LLP" },
  };
  const fromObject = caucus.generate(options);
  assert.deepEqual(caucus.generate(JSON.stringify(options)), fromObject);
  assert.deepEqual(
    fromObject.documents.map((d) => d.kind),
    ["agreement", "guide", "invitation", "consent", "checklist"],
  );
  assert.match(fromObject.documents[0].markdown, /November 25, 2026/);
});

test("option errors are thrown together, each with its path, code and hint", () => {
  const diagnostics = diagnosticsThrown(() =>
    caucus.generate({
      parties: [{ name: "A" }, { name: "B", colour: "red" }],
      recording: { policy: "sometimes" },
      costs: { allocation: "stated-shares", shares: [60, 30] },
    }),
  );
  const paths = diagnostics.map((d) => d.path);
  assert.ok(paths.includes("parties.1.colour"), paths.join(", "));
  assert.ok(paths.includes("recording.policy"), paths.join(", "));
  for (const d of diagnostics) assert.ok(d.hint.length > 0, `no hint: ${JSON.stringify(d)}`);

  const shares = diagnosticsThrown(() =>
    caucus.generate({ costs: { allocation: "stated-shares", shares: [60, 30] } }),
  );
  assert.ok(shares.some((d) => d.code === "cost-shares-total" && d.path === "costs.shares"));
});

test("place() and sentence() put a diagnostic in words, naming options as the app's form does", () => {
  const options = { parties: [{ name: "Acme Ltd" }, { name: "Beta plc" }], costs: { allocation: "stated-shares", shares: [60, 30] } };
  const [total] = diagnosticsThrown(() => caucus.generate(options)).filter((d) => d.code === "cost-shares-total");
  assert.equal(caucus.place(total.path, options), "Costs: Each party's share");
  assert.equal(caucus.place("parties.1.name", options), "Party 2 (Beta plc): Full legal name");
  assert.equal(caucus.place("parties.1.name", JSON.stringify(options)), "Party 2 (Beta plc): Full legal name", "options as JSON text");
  assert.equal(caucus.place("parties.1.name"), "Party 2 (Party B): Full legal name", "no options: the defaults' names");
  assert.equal(caucus.place("parties.1.name", { costs: {} }), "Party 2 (Party B): Full legal name", "what options leave out: the defaults");
  assert.equal(caucus.place("parties.1.name", "{ not JSON"), "Party 2: Full legal name", "unreadable options: items by number");
  assert.equal(caucus.place(""), "Options");
  assert.equal(caucus.sentence("set `attendance.observers` to \"consent-of-all\""), "Set “Attendance: Observers” to \"consent-of-all\".");
  assert.equal(caucus.sentence("`parties.0.name` is empty", options), "“Party 1 (Acme Ltd): Full legal name” is empty.");
  const said = caucus.sentence(total.message, options);
  assert.match(said, /^[A-Z].*\.$/);
  assert.doesNotMatch(said, /`/);
  assert.equal(caucus.sentence("`sometimes` is not one of the choices"), "“sometimes” is not one of the choices.");
  for (const wrong of [undefined, 42, {}, "x".repeat(300_000)]) {
    const [d] = diagnosticsThrown(() => caucus.sentence(wrong));
    assert.equal(d.code, "text-invalid");
    assert.equal(diagnosticsThrown(() => caucus.place(wrong))[0].code, "text-invalid");
  }
});

test("a thrown CaucusError's message lists the diagnostics as the command line does", () => {
  try {
    caucus.generate({ recording: { policy: "sometimes" } });
    assert.fail("expected an error");
  } catch (error) {
    assert.match(error.message, /^error\[[a-z-]+\] recording\.policy: /);
    assert.match(error.message, /\n {2}hint: /);
    assert.match(String(error), /^CaucusError: error\[/);
  }
});

test("docx() writes a Word file for each document, and only for documents that exist", () => {
  for (const kind of ["agreement", "guide", "invitation", "checklist"]) {
    const bytes = caucus.docx({}, kind);
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], "a zip archive");
    assert.ok(Buffer.from(bytes).includes("word/document.xml"));
  }
  assert.deepEqual(caucus.docx({}), caucus.docx({}, "agreement"), "agreement by default");
  assert.deepEqual(caucus.docx("{}", undefined, undefined), caucus.docx({}, "agreement"));
  const consent = caucus.docx({ consent: { express_risk_consent: true, law_firm: "Greaves LLP" } }, "consent");
  assert.ok(consent.length > 1000);

  const missing = diagnosticsThrown(() => caucus.docx({}, "consent"));
  assert.equal(missing[0].code, "no-such-document");
  assert.match(missing[0].hint, /express_risk_consent/);
  const unknown = diagnosticsThrown(() => caucus.docx({}, "memo"));
  assert.equal(unknown[0].code, "no-such-document");
  assert.match(unknown[0].hint, /agreement, guide, invitation/);
  for (const bad of [42, true, {}, ["agreement"], Symbol("agreement"), "x".repeat(1000)]) {
    const d = diagnosticsThrown(() => caucus.docx({}, bad));
    assert.equal(d[0].code, "document-kind-invalid");
  }
});

test("docx() is deterministic", () => {
  const options = { case: { reference: "MED-1" }, parties: [{ name: "A" }, { name: "B" }] };
  assert.deepEqual(caucus.docx(options, "guide"), caucus.docx(options, "guide"));
});

test("clauses() describes the built-in pack: documents, topics in order, clauses", () => {
  const pack = caucus.clauses();
  assert.equal(typeof pack.name, "string");
  assert.equal(typeof pack.version, "string");
  assert.deepEqual(
    pack.documents.map((d) => d.id),
    ["agreement", "guide", "invitation", "consent", "checklist"],
  );
  const ids = new Set(pack.clauses.map((c) => c.id));
  assert.equal(ids.size, pack.clauses.length, "clause ids are unique");
  for (const doc of pack.documents) {
    assert.equal(typeof doc.numbered, "boolean");
    assert.equal(typeof doc.when.text, "string");
    for (const topic of doc.topics) {
      for (const id of topic.clauses) assert.ok(ids.has(id), `${topic.id} names unknown clause ${id}`);
    }
  }
  const consent = pack.documents.find((d) => d.id === "consent");
  assert.deepEqual(consent.when.tests, [{ path: "consent.express_risk_consent", allowed: [true] }]);
  for (const clause of pack.clauses) {
    assert.ok(clause.rationale.trim().length > 0, `${clause.id} has no rationale`);
    assert.ok(clause.sources.length > 0, `${clause.id} has no sources`);
    assert.ok(clause.file.startsWith(`${clause.document}/`), clause.file);
    assert.equal(typeof clause.numbered, "boolean");
    assert.equal(typeof clause.when.text, "string");
  }
  const recording = pack.clauses.filter((c) => c.topic === "recording" && c.document === "agreement");
  assert.ok(recording.length >= 2, "recording has variants");
  assert.ok(recording.every((c) => c.when.text.includes("recording.policy")));
});

test("a custom pack may be given as an object, as [path, text] pairs or as a Map", () => {
  const pairs = packFiles(MINI_PACK);
  const asObject = Object.fromEntries(pairs);
  const expected = caucus.generate({}, asObject);
  assert.deepEqual(expected.documents.map((d) => d.kind), ["agreement"]);
  assert.match(expected.documents[0].title, /^Terms for Zoom$/);
  assert.deepEqual(caucus.generate({}, pairs), expected);
  assert.deepEqual(caucus.generate({}, new Map(pairs)), expected);
  assert.deepEqual(caucus.generate({}, JSON.stringify(asObject)), expected);
  assert.equal(caucus.clauses(asObject).name, "mini");
  assert.deepEqual([...caucus.docx({}, "agreement", pairs).subarray(0, 2)], [0x50, 0x4b]);
});

test("a custom pack's own document comes from generate(), document() and docx(), as natively", () => {
  const pack = packFiles(MINUTES_PACK);
  assert.deepEqual(
    pack.map(([p]) => p),
    ["agreement/parties.md", "minutes/present.md", "minutes/recording-allowed.md", "minutes/recording-prohibited.md", "pack.toml"],
    "the README, the notes and the hidden draft are not the pack's",
  );
  const result = caucus.generate({}, pack);
  assert.deepEqual(result.documents.map((d) => d.kind), ["agreement", "minutes"]);
  const minutes = caucus.document({}, "minutes", pack);
  assert.equal(
    minutes.markdown,
    "# Minutes of the Mediation on Zoom\n\n## 1. Present\n\nPresent: the Mediator, and for the parties Party A and Party B.\n\n## 2. Recording\n\nNobody recorded the session.\n",
  );
  assert.deepEqual(minutes, result.documents[1]);
  assert.deepEqual(caucus.document({}, undefined, pack), result.documents[0], "agreement by default");

  const options = { recording: { policy: "consent-of-all" } };
  const bytes = caucus.docx(options, "minutes", pack);
  const [answer] = native([{ options: JSON.stringify(options), pack: MINUTES_PACK, docx: "minutes" }]);
  assert.equal(Buffer.from(bytes).toString("hex"), answer.ok.docx, "the same .docx as the native engine");
  const { docx: _, ...generated } = answer.ok;
  assert.deepEqual(caucus.generate(options, pack), generated, "the same documents as the native engine");

  const unknown = diagnosticsThrown(() => caucus.document({}, "memo", pack));
  assert.equal(unknown[0].code, "no-such-document");
  assert.equal(unknown[0].hint, "choose one of: agreement, minutes");
  const builtin = diagnosticsThrown(() => caucus.docx({}, "minutes"));
  assert.match(builtin[0].hint, /agreement, guide, invitation, consent/);
});

test("document() says why a document is absent, from the pack's own condition", () => {
  const consent = { consent: { express_risk_consent: true, law_firm: "Greaves LLP" } };
  assert.equal(caucus.document(consent, "consent").kind, "consent");
  const [missing] = diagnosticsThrown(() => caucus.document({}, "consent"));
  assert.equal(missing.code, "no-such-document");
  assert.equal(
    missing.hint,
    "it exists only when consent.express_risk_consent = true; these options produce: agreement, guide, invitation, checklist",
  );
});

test("isPackFile() is the engine's rule for the files of a pack folder", () => {
  for (const yes of ["pack.toml", "agreement/recording.md", "minutes/present.md"]) assert.equal(caucus.isPackFile(yes), true, yes);
  for (const no of ["README.md", "minutes/notes.txt", "minutes/.draft.md", ".git/x.toml", ""]) assert.equal(caucus.isPackFile(no), false, no);
  for (const odd of [undefined, null, 42, {}, Symbol("x")]) assert.equal(caucus.isPackFile(odd), false);
});

test("a broken custom pack is reported with file, line and column", () => {
  const files = Object.fromEntries(packFiles(MINI_PACK));
  const [clause] = Object.keys(files).filter((p) => p.startsWith("agreement/"));
  files[clause] = files[clause].replace(/\+\+\+\s*$/m, "+++\n{{no_such.option}}\n");
  const diagnostics = diagnosticsThrown(() => caucus.generate({}, files));
  const located = diagnostics.filter((d) => d.location);
  assert.ok(located.length > 0, JSON.stringify(diagnostics));
  assert.ok(located.some((d) => d.location.file.endsWith(clause.split("/").pop())), JSON.stringify(located));
  assert.ok(located.every((d) => d.location.line >= 1 && d.location.column >= 1));

  const empty = diagnosticsThrown(() => caucus.clauses({}));
  assert.ok(empty.some((d) => /pack\.toml/.test(d.message + d.hint)), JSON.stringify(empty));
});

test("the browser entry point works from the .wasm bytes, as a bundler or a page loads it", async () => {
  const browser = await import(`${pathToFileURL(path.join(PKG, "caucus_wasm.js")).href}?fresh`);
  const bytes = readFileSync(path.join(PKG, "caucus_wasm_bg.wasm"));
  await browser.default({ module_or_path: bytes });
  // The module does not embed the built-in pack: caucus.js's init passes it in
  // (builtin-pack.test.mjs tests that route).
  browser.installBuiltinPack(readFileSync(path.join(PKG, "caucus_pack.json"), "utf8"));
  assert.deepEqual(browser.generate({}), caucus.generate({}));
  assert.equal(browser.version(), caucus.version());
});
