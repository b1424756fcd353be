// The hand-written TypeScript declarations (web/wasm/src/types.d.ts, shipped inside
// pkg/caucus_wasm.d.ts) agree with the JSON Schema the engine publishes, and declare
// every function the package exports.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { PKG, caucus } from "./support.mjs";

const DTS = readFileSync(path.join(PKG, "caucus_wasm.d.ts"), "utf8");
const SCHEMA = caucus.schema();

/** `export interface Name { field?: Type; ... }` → Map(name → Map(field → type)). */
function interfaces(source) {
  const found = new Map();
  for (const [, name, body] of source.matchAll(/^export interface (\w+)(?: extends \w+)? \{\n([\s\S]*?)^\}/gm)) {
    const fields = new Map();
    for (const [, field, type] of body.matchAll(/^ +(\w+)\??: ([^;]+);$/gm)) fields.set(field, type);
    found.set(name, fields);
  }
  return found;
}

/** `export type Name = "a" | "b";` → Map(name → sorted literals). */
function unions(source) {
  const found = new Map();
  for (const [, name, body] of source.matchAll(/^export type (\w+) =([\s\S]*?);$/gm)) {
    const literals = [...body.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    if (literals.length > 0 && !body.includes("{")) found.set(name, literals.sort());
  }
  return found;
}

const defName = (ref) => ref.replace("#/$defs/", "");
const STRING_FORMS = new Set(["Date", "TimeOfDay"]);

/** The TypeScript type a schema node describes, as types.d.ts spells it. */
function tsType(node) {
  if (node.$ref) {
    const name = defName(node.$ref);
    return STRING_FORMS.has(name) ? "string" : name;
  }
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) return alternatives.map(tsType).join(" | ");
  switch (node.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return `${tsType(node.items)}[]`;
    case "object":
      // A table whose keys the writer chooses (the mediator's own wording, by clause id).
      if (node.additionalProperties && typeof node.additionalProperties === "object") {
        return `{ [key: string]: ${tsType(node.additionalProperties)} }`;
      }
      assert.fail(`no TypeScript form for ${JSON.stringify(node)}`);
      break;
    default:
      assert.fail(`no TypeScript form for ${JSON.stringify(node)}`);
  }
}

function choices(def) {
  if (def.enum) return [...def.enum].sort();
  if (def.oneOf?.every((alt) => "const" in alt)) return def.oneOf.map((alt) => alt.const).sort();
  return null;
}

const declared = interfaces(DTS);
const declaredUnions = unions(DTS);
const objects = [["Options", SCHEMA], ...Object.entries(SCHEMA.$defs).filter(([, d]) => d.properties)];
const choiceDefs = Object.entries(SCHEMA.$defs).filter(([, d]) => choices(d));

for (const [name, def] of objects) {
  test(`interface ${name} has exactly the schema's fields, with their types`, () => {
    const fields = declared.get(name);
    assert.ok(fields, `types.d.ts declares no interface ${name}`);
    assert.deepEqual([...fields.keys()].sort(), Object.keys(def.properties).sort());
    for (const [field, node] of Object.entries(def.properties)) {
      assert.equal(fields.get(field), tsType(node), `${name}.${field}`);
    }
  });
}

for (const [name, def] of choiceDefs) {
  test(`type ${name} has exactly the schema's choices`, () => {
    assert.deepEqual(declaredUnions.get(name), choices(def), `types.d.ts: type ${name}`);
  });
}

test("every option field is optional in the input types", () => {
  for (const [name] of objects) {
    const body = DTS.match(new RegExp(`^export interface ${name} \\{\\n([\\s\\S]*?)^\\}`, "m"))[1];
    for (const line of body.split("\n").filter((l) => /^ +\w/.test(l))) {
      assert.match(line, /^ +\w+\?: /, `${name}: ${line.trim()} should be optional`);
    }
  }
});

test("every exported function is declared, and nothing more", () => {
  const exported = Object.keys(caucus)
    .filter((name) => typeof caucus[name] === "function")
    .sort();
  // wasm-bindgen's own hook `__wbg_reset_state` is for caucus.js, which restarts the
  // engine with it, and is not exported by the package.
  const functions = [...DTS.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]).filter((name) => !name.startsWith("__wbg_"));
  assert.deepEqual([...new Set(functions)].sort(), [...new Set([...exported, "initSync"])].sort());
  // No function is left to wasm-bindgen's `any` signatures.
  for (const name of exported) {
    const declaration = DTS.match(new RegExp(`^export function ${name}\\(([^)]*)\\): ([^;]+);`, "m"));
    assert.ok(declaration, `no declaration of ${name}`);
    assert.doesNotMatch(declaration[0], /\bany\b/, declaration[0]);
  }
});

test("the entry point's declarations (caucus.d.ts) name every function it exports", async () => {
  const entry = readFileSync(path.join(PKG, "caucus.d.ts"), "utf8");
  const reexported = entry.match(/^export \{ ([^}]+) \} from "\.\/caucus_wasm\.js";$/m);
  assert.ok(reexported, "caucus.d.ts re-exports the engine's functions");
  const declared = [
    ...reexported[1].split(",").map((name) => name.trim()),
    ...[...entry.matchAll(/^export (?:default )?function (\w+)\(/gm)].map((m) => m[1]),
  ];
  const browser = await import(pathToFileURL(path.join(PKG, "caucus.js")).href);
  const exported = Object.keys(browser).map((name) => (name === "default" ? "init" : name));
  assert.deepEqual(declared.sort(), exported.sort());
});

test("the result types name every field the functions return", () => {
  const result = caucus.generate({});
  assert.deepEqual([...declared.get("GenerateResult").keys()].sort(), Object.keys(result).sort());
  assert.deepEqual(
    [...declared.get("GeneratedDocument").keys()].sort(),
    Object.keys(result.documents[0]).sort(),
  );
  const diagnostic = { ...result.diagnostics[0], citation: {}, location: {} };
  assert.deepEqual([...declared.get("Diagnostic").keys()].sort(), Object.keys(diagnostic).sort());
  const pack = caucus.clauses();
  assert.deepEqual([...declared.get("PackInfo").keys()].sort(), Object.keys(pack).sort());
  assert.deepEqual([...declared.get("DocumentInfo").keys()].sort(), Object.keys(pack.documents[0]).sort());
  assert.deepEqual([...declared.get("TopicInfo").keys()].sort(), Object.keys(pack.documents[0].topics[0]).sort());
  assert.deepEqual([...declared.get("ClauseInfo").keys()].sort(), Object.keys(pack.clauses[0]).sort());
  assert.deepEqual([...declared.get("Condition").keys()].sort(), Object.keys(pack.clauses[0].when).sort());
});
