// Hostile input: wrong types, huge strings, deep nesting, throwing objects, markup in
// values, pathological custom packs. Every call either succeeds or throws a CaucusError
// with diagnostics; none throws anything else, and none traps the module (a trap would
// leave it unusable, which the check after each test would catch).

import assert from "node:assert/strict";
import path from "node:path";
import { afterEach, test } from "node:test";
import { MINI_PACK, ROOT, caucus, diagnosticsThrown, packFiles } from "./support.mjs";

const TEN_MB = 10 * 1024 * 1024;
const MINI = Object.fromEntries(packFiles(MINI_PACK));
const MINI_CLAUSE = Object.keys(MINI).find((p) => p.startsWith("agreement/"));

function nested(depth, leaf = {}) {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { case: value };
  return value;
}

/** A value of every kind JavaScript has, none of which is a valid options object. */
function wrongValues() {
  const cyclic = { case: {} };
  cyclic.case.self = cyclic;
  return {
    number: 42,
    "negative zero": -0,
    NaN: Number.NaN,
    boolean: true,
    bigint: 10n,
    symbol: Symbol("options"),
    function: () => ({}),
    class: class Options {},
    array: [{ case: {} }],
    "empty string": "",
    "not JSON": "{ case: ",
    "JSON number": "42",
    "JSON null": "null",
    date: new Date(0),
    regexp: /x/,
    "typed array": new Uint8Array(8),
    promise: Promise.resolve({}),
    "cyclic object": cyclic,
    "throwing getter": Object.defineProperty({}, "case", { enumerable: true, get() { throw new Error("no"); } }),
    "throwing toJSON": { toJSON() { throw new TypeError("no JSON for you"); } },
    "throwing proxy": new Proxy({}, { ownKeys() { throw new Error("trap"); } }),
    "wrong field types": { case: 1, mediator: [], parties: "A and B", platform: { kind: 7 } },
    "unknown fields everywhere": { casе: {}, parties: [{ nam: "A" }, { name: "B", x: 1 }] },
    "out of range numbers": { attendance: { disclosure_deadline_hours: -1 }, documents: { delete_after_days: 1e100 } },
    "fractional integers": { technical_failure: { reconnection_minutes: 1.5 } },
    "bad date and time": { case: { date: "2026-02-30", time: "24:61" } },
    "requesting party out of range": { costs: { allocation: "requesting-party", requesting_party: 99 } },
    "shares of NaN": { costs: { allocation: "stated-shares", shares: [Number.NaN, 100] } },
  };
}

afterEach(() => {
  // The module still works after whatever the test did.
  assert.equal(caucus.generate({}).documents[0].kind, "agreement");
});

test("wrong types as options give diagnostics, from every function that takes options", () => {
  for (const [name, value] of Object.entries(wrongValues())) {
    for (const call of [() => caucus.generate(value), () => caucus.docx(value, "agreement")]) {
      const diagnostics = diagnosticsThrown(call);
      assert.ok(diagnostics.length >= 1, name);
    }
  }
});

test("naming in words takes any options: what it cannot read leaves list items named by number", () => {
  const huge = { parties: [{ name: "x".repeat(TEN_MB) }] };
  const { "unknown fields everywhere": readable, ...unreadable } = wrongValues();
  for (const [name, value] of Object.entries({ ...unreadable, "10 MB of options": huge })) {
    // Valid but odd options (a requesting party out of range) name party 2 from the defaults.
    assert.match(caucus.place("parties.1.name", value), /^Party 2( \(Party B\))?: Full legal name$/, name);
    assert.equal(caucus.sentence("see `recording.policy`", value), "See “Recording: Who may record”.", name);
  }
  // Wrong options that can be read still name what they can.
  assert.equal(caucus.place("parties.1.name", readable), "Party 2 (B): Full legal name");
});

test("wrong types as a pack give diagnostics", () => {
  const values = { ...wrongValues(), "object of numbers": { "pack.toml": 1 }, "pairs not pairs": [["pack.toml"], 5, ["a", "b", "c"]], "empty object": {} };
  for (const [name, value] of Object.entries(values)) {
    for (const call of [() => caucus.generate({}, value), () => caucus.clauses(value), () => caucus.docx({}, "agreement", value)]) {
      const diagnostics = diagnosticsThrown(call);
      assert.ok(diagnostics.length >= 1, name);
    }
  }
  const pairs = diagnosticsThrown(() => caucus.clauses([["pack.toml"], 5, ["x.md", 3]]));
  assert.deepEqual(
    pairs.map((d) => d.code),
    ["pack-entry-not-pair", "pack-entry-not-pair", "pack-file-not-text"],
  );
});

test("10 MB strings: as options text, inside options, as a pack file, as a document kind, as text to put in words", () => {
  const huge = "x".repeat(TEN_MB);
  assert.equal(diagnosticsThrown(() => caucus.generate(huge))[0].code, "options-too-large");
  assert.equal(
    diagnosticsThrown(() => caucus.generate({ parties: [{ name: huge }, { name: "B" }] }))[0].code,
    "options-too-large",
  );
  assert.equal(diagnosticsThrown(() => caucus.generate({}, { ...MINI, "pack.toml": huge }))[0].code, "pack-too-large");
  assert.equal(diagnosticsThrown(() => caucus.docx({}, huge))[0].code, "document-kind-invalid");
  assert.equal(diagnosticsThrown(() => caucus.sentence(huge))[0].code, "text-invalid");
  assert.equal(diagnosticsThrown(() => caucus.place(huge))[0].code, "text-invalid");
  // The longest text accepted appears in full.
  const long = "Ä".repeat(10_000);
  const result = caucus.generate({ parties: [{ name: long }, { name: "B" }] });
  assert.ok(result.documents[0].markdown.includes(long));
});

test("10,000-deep nesting, as an object and as JSON text, is refused", () => {
  for (const depth of [200, 10_000]) {
    const value = nested(depth);
    diagnosticsThrown(() => caucus.generate(value));
    const text = `${'{"case":'.repeat(depth)}{}${"}".repeat(depth)}`;
    const diagnostics = diagnosticsThrown(() => caucus.generate(text));
    assert.equal(diagnostics[0].code, "options-syntax");
    assert.match(diagnostics[0].message, /recursion limit/);
    const arrays = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    diagnosticsThrown(() => caucus.generate({}, arrays));
  }
});

test("strings full of markup appear literally, never as markup", () => {
  const script = "<script>alert(1)</script>";
  const options = {
    case: { reference: '<img src=x onerror="alert(1)">', jurisdiction: "[click](javascript:alert(1))" },
    mediator: { name: `*Bold* _it_ ${script} {{mediator.name}}`, organisation: "# Heading\n\n- item" },
    parties: [
      { name: `Acme & Co ${script}`, role: "`code` \\ <b>" },
      { name: "1. Not a list &amp; &lt;", role: "> quote\n\n---\n" },
    ],
    platform: { kind: "other", other_name: "<iframe src=//evil.example>", data_regions: ["](http://evil.example)"] },
    consent: { express_risk_consent: true, law_firm: "\"Q\" 'n' <Co>", client: "![img](http://evil.example/x.png)" },
    technical_failure: { dial_in: '<a href="http://evil.example">call</a>' },
  };
  const { documents } = caucus.generate(options);
  assert.equal(documents.length, 5);
  for (const doc of documents) {
    for (const tag of ["<script", "<img", "<iframe", "<a href=\"http://evil", "<b>"]) {
      assert.ok(!doc.html.includes(tag), `${doc.kind} HTML contains ${tag}`);
    }
    assert.ok(!/href="javascript:/i.test(doc.html), `${doc.kind}: javascript link`);
    assert.ok(!doc.html.includes("evil.example/x.png\""), `${doc.kind}: image`);
  }
  const agreement = documents.find((d) => d.kind === "agreement");
  assert.ok(agreement.html.includes("Acme &amp; Co &lt;script&gt;alert(1)&lt;/script&gt;"));
  assert.ok(agreement.text.includes(`Acme & Co ${script}`));
  assert.ok(agreement.markdown.includes("Acme \\& Co \\<script\\>alert(1)\\</script\\>"));
  assert.ok(!agreement.markdown.includes("{{"), "a value is never a template");
});

test("odd text: NUL and control characters, emoji, lone surrogates", () => {
  const odd = "\u0000 \u0007 \u200D \u{1F600}";
  const options = { parties: [{ name: `A${odd}` }, { name: "B" }] };
  assert.deepEqual(caucus.generate(JSON.stringify(options)), caucus.generate(options));
  // JSON.stringify writes a lone surrogate as the escape \ud800, which serde_json refuses:
  // a diagnostic, never a crash.
  const lone = diagnosticsThrown(() => caucus.generate({ parties: [{ name: "A\uD800" }, { name: "B" }] }));
  assert.equal(lone[0].code, "options-syntax");
});

test("bidi overrides and zero-width spaces in a name are refused with the option named", () => {
  for (const [char, name] of [["\u202E", "right-to-left override"], ["\u2066", "left-to-right isolate"], ["\u200B", "zero width space"], ["\uFEFF", "zero width no-break space"]]) {
    const diagnostics = diagnosticsThrown(() => caucus.generate({ parties: [{ name: "Acme" }, { name: `Bolt${char}Ltd` }] }));
    assert.equal(diagnostics[0].code, "invisible-character");
    assert.equal(diagnostics[0].path, "parties.1.name");
    assert.ok(diagnostics[0].message.includes(`(${name})`), diagnostics[0].message);
  }
});

test("JSON text follows the options files' rules: a BOM is skipped, a key given twice is refused", () => {
  assert.deepEqual(caucus.generate('\uFEFF{"mediator": {"name": "M"}}'), caucus.generate({ mediator: { name: "M" } }));
  const twice = diagnosticsThrown(() => caucus.generate('{"mediator": {"name": "A", "name": "B"}}'));
  assert.equal(twice[0].code, "duplicate-key");
  assert.equal(twice[0].path, "mediator.name");
  const year = diagnosticsThrown(() => caucus.generate({ case: { date: "0000-01-01" } }));
  assert.equal(year[0].path, "case.date");
  assert.match(year[0].message, /between 1900 and 9999/);
  const long = diagnosticsThrown(() => caucus.generate({ mediator: { name: "x".repeat(10_001) } }));
  assert.deepEqual([long[0].code, long[0].path], ["text-too-long", "mediator.name"]);
});

test("a list of 100 million entries is refused before it is turned into JSON", () => {
  // Its first element is a getter: JSON.stringify would call it first when writing the
  // list out, which took 59 s before the size limit refused the result.
  let touched = 0;
  const huge = new Array(1e8);
  Object.defineProperty(huge, 0, { enumerable: true, get: () => { touched += 1; return "EU"; } });
  const options = diagnosticsThrown(() => caucus.generate({ platform: { data_regions: huge } }));
  assert.equal(options[0].code, "options-too-large");
  const docx = diagnosticsThrown(() => caucus.docx({ parties: huge }, "agreement"));
  assert.equal(docx[0].code, "options-too-large");
  const pack = diagnosticsThrown(() => caucus.clauses({ "pack.toml": "", list: huge }));
  assert.equal(pack[0].code, "pack-too-large");
  assert.equal(touched, 0);
  // The limit itself is the engine's: just under it is read (and refused for what it says).
  const under = diagnosticsThrown(() => caucus.generate({ mediator: { name: "x".repeat(200_000) } }));
  assert.equal(under[0].code, "text-too-long");
});

test("a trap restarts the engine: the call that hit it says so, and the next call works", () => {
  // Overwriting the module's memory makes its next call trap, as a stack overflow or an
  // exhausted memory would: a route to a trap that no fix in the engine closes.
  const memory = caucus.initSync().memory;
  new Uint8Array(memory.buffer).fill(0xff);
  const diagnostics = diagnosticsThrown(() => caucus.generate({}));
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, "engine-restarted");
  assert.match(diagnostics[0].message, /RuntimeError/);
  for (let i = 0; i < 100; i++) assert.equal(caucus.generate({}).documents[0].kind, "agreement");
  assert.ok(caucus.docx({}, "guide") instanceof Uint8Array);
  assert.equal(caucus.clauses().documents[0].id, "agreement");
  assert.ok(caucus.schema().properties);
});

test("the 5,000-level pack that once killed the module leaves it working", () => {
  // The built-in clauses with 5,000 levels of (not ...) over several lines: the engine
  // refuses it, or (should its guard ever miss) the module traps and is restarted.
  const files = Object.fromEntries(packFiles(path.join(ROOT, "clauses")));
  const clause = Object.keys(files).find((p) => p.startsWith("agreement/"));
  const levels = 5000;
  files[clause] += `\n{{#if ${"(not\n".repeat(levels)}true${")".repeat(levels)}}}x{{/if}}\n`;
  assert.ok(JSON.stringify(files).length < 400_000);
  diagnosticsThrown(() => caucus.generate({}, files));
  for (let i = 0; i < 100; i++) assert.equal(caucus.generate({}).documents[0].kind, "agreement");
});

test("a custom pack nested thousands of levels deep is refused before it is parsed", () => {
  const deep = {
    "Markdown quotes": "\n\n" + "> ".repeat(5000) + "deep\n",
    "Markdown lists": "\n\n" + "- ".repeat(5000) + "deep\n",
    "ordered lists": "\n\n" + "1. ".repeat(3000) + "deep\n",
    "indented lists": "\n\n" + Array.from({ length: 400 }, (_, i) => `${" ".repeat(2 * i)}- level ${i}`).join("\n") + "\n",
    "template blocks": "\n" + "{{#if true}}".repeat(3000) + "x" + "{{/if}}".repeat(3000),
    "subexpressions": "\n{{#if " + "(not ".repeat(3000) + "true" + ")".repeat(3000) + "}}x{{/if}}",
  };
  for (const [name, extra] of Object.entries(deep)) {
    const diagnostics = diagnosticsThrown(() => caucus.generate({}, { ...MINI, [MINI_CLAUSE]: MINI[MINI_CLAUSE] + extra }));
    const d = diagnostics.find((x) => x.code === "pack-nesting-too-deep");
    assert.ok(d, `${name}: ${JSON.stringify(diagnostics)}`);
    assert.equal(d.location.file, MINI_CLAUSE);
  }
  const toml = diagnosticsThrown(() => caucus.clauses({ ...MINI, "terms.toml": `a = ${"[".repeat(50_000)}${"]".repeat(50_000)}` }));
  assert.ok(toml.some((d) => d.location?.file === "terms.toml"), JSON.stringify(toml));
});

test("a pack of hostile but shallow text works: emphasis and links thousands long", () => {
  const extra = "\n\n" + "*a ".repeat(3000) + "x" + " b*".repeat(3000) + "\n\n" + "[".repeat(3000) + "x" + "](y)".repeat(3000) + "\n";
  const result = caucus.generate({}, { ...MINI, [MINI_CLAUSE]: MINI[MINI_CLAUSE] + extra });
  assert.equal(result.documents[0].kind, "agreement");
});

test("many calls in a row do not leak into one another", () => {
  const first = caucus.generate({ mediator: { name: "First" } });
  for (let i = 0; i < 50; i++) {
    try {
      caucus.generate(i % 2 ? { recording: { policy: "never" } } : "{");
    } catch {
      // expected
    }
  }
  assert.deepEqual(caucus.generate({ mediator: { name: "First" } }), first);
});
