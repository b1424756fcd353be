// The package's entry point: the engine's functions from caucus_wasm.js (wasm-bindgen's
// glue), each guarded so that no input can leave the engine unusable.
//
// - A WebAssembly module that traps (a stack overflow, memory exhausted, a bug) is dead:
//   every later call into it fails the same way. Here a call that ends in anything but a
//   CaucusError restarts the module (a fresh instance of the compiled module, through
//   wasm-bindgen's `__wbg_reset_state`) before returning, and throws a CaucusError whose
//   diagnostic `engine-restarted` says so; the next call works.
// - An object passed as options or a pack is turned into JSON here, with a replacer that
//   counts what it has written and stops as soon as the engine's limit (web/wasm/src/
//   boundary.rs) is certainly passed: `{ parties: new Array(1e8) }` is refused at once,
//   rather than written out as 500 MB of JSON first. The engine gets the text, and still
//   checks the exact limit and everything else.

import * as glue from "./caucus_wasm.js";

/** The engine's limits, in UTF-16 code units of JSON (boundary.rs: MAX_OPTIONS_LEN, MAX_PACK_LEN). */
const LIMITS = {
  options: { max: 256 << 10, code: "options-too-large", noun: "the options", hint: "options are a few kilobytes: check that no field holds a whole document by mistake" },
  pack: { max: 4 << 20, code: "pack-too-large", noun: "the clause pack", hint: "a pack is clause text only: leave out anything else in its folder" },
};

/** Whether the module was instantiated (before that, calls fail as the glue has them fail). */
let ready = false;
/** Whether the last restart failed, so that the next call must try again first. */
let needsRestart = false;
/**
 * The built-in clause pack's files as passed in (the text of caucus_pack.json), kept to
 * pass them again to a restarted module. The module does not embed them, so that a page
 * that brings its own pack never downloads them.
 */
let builtinPack = null;

/**
 * Instantiates the module (browsers: from caucus_wasm_bg.wasm beside this file, or as
 * given) and loads the built-in clause pack (from caucus_pack.json beside this file, or
 * as given: its URL as a string or `URL`, a `Request`, a `Response`, or the files as an
 * object). Both are fetched at once. Pass `null` as the pack when every call brings a
 * pack of its own.
 */
export default async function init(moduleOrPath, pack) {
  const [exports, files] = await Promise.all([glue.default(moduleOrPath), packText(pack)]);
  install(files);
  return exports;
}

/**
 * Instantiates the module from its bytes or a compiled `WebAssembly.Module`, with the
 * built-in clause pack from the text of caucus_pack.json (or its files as an object);
 * without it, only calls that bring their own pack work.
 */
export function initSync(module, pack) {
  const exports = glue.initSync(module);
  install(pack ?? null);
  return exports;
}

/**
 * Marks the instantiated module ready and loads the built-in pack into it (none when
 * `files` is null); the engine checks that the pack is its own.
 */
function install(files) {
  ready = true;
  if (files === null) return;
  glue.installBuiltinPack(json(files, LIMITS.pack));
  builtinPack = files;
}

/** The text of the built-in pack's file: `pack` as `init` takes it. */
async function packText(pack) {
  if (pack === null) return null;
  if (typeof pack === "object" && !(pack instanceof URL) && !isResponse(pack) && !isRequest(pack)) return pack;
  const source = pack ?? new URL("./caucus_pack.json", import.meta.url);
  let response = source;
  if (!isResponse(source)) {
    try {
      response = await fetch(source);
    } catch (error) {
      throw packUnreadable(source, describe(error));
    }
  }
  if (!response.ok) throw packUnreadable(response.url || source, `HTTP ${response.status}`);
  return response.text();
}

function isResponse(value) {
  return typeof Response === "function" && value instanceof Response;
}

function isRequest(value) {
  return typeof Request === "function" && value instanceof Request;
}

function packUnreadable(source, why) {
  return caucusError({
    code: "builtin-pack-unreadable",
    severity: "error",
    path: "",
    message: `cannot load the built-in clause pack from ${isRequest(source) ? source.url : String(source)} (${why})`,
    hint: "serve caucus_pack.json beside caucus_wasm_bg.wasm, or call init(module, null) and pass a pack of your own to each call",
  });
}

export const generate = guarded((options, pack) => glue.generate(json(options, LIMITS.options), json(pack, LIMITS.pack)));
export const document = guarded((options, kind, pack) => glue.document(json(options, LIMITS.options), kind, json(pack, LIMITS.pack)));
export const docx = guarded((options, kind, pack) => glue.docx(json(options, LIMITS.options), kind, json(pack, LIMITS.pack)));
export const isPackFile = guarded((path) => glue.isPackFile(path));
export const schema = guarded(() => glue.schema());
export const defaults = guarded(() => glue.defaults());
export const clauses = guarded((pack) => glue.clauses(json(pack, LIMITS.pack)));
export const place = guarded((path, options) => glue.place(path, readable(options)));
export const sentence = guarded((text, options) => glue.sentence(text, readable(options)));
export const version = guarded(() => glue.version());

/** `call`, restarting the module when it fails in any way but a CaucusError. */
function guarded(call) {
  return function (...args) {
    if (!ready) return call(...args);
    if (needsRestart) restart();
    try {
      return call(...args);
    } catch (error) {
      if (isCaucusError(error)) throw error;
      try {
        restart();
      } catch {
        // Tried again before the next call.
      }
      throw caucusError({
        code: "engine-restarted",
        severity: "error",
        path: "",
        message: `the engine stopped on this call (${describe(error)}) and was restarted; this call has no result, the next one will work`,
        hint: "if the same input stops the engine again, please report it with that input: it is a bug in caucus",
      });
    }
  };
}

function restart() {
  needsRestart = true;
  glue.__wbg_reset_state();
  install(builtinPack);
  needsRestart = false;
}

function isCaucusError(error) {
  return error instanceof Error && error.name === "CaucusError" && Array.isArray(error.diagnostics);
}

function describe(error) {
  try {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return "an exception that cannot be shown";
  }
}

/** An Error as the engine throws them: named CaucusError, with its diagnostics. */
function caucusError(...diagnostics) {
  const lines = diagnostics.map((d) => `${d.severity}[${d.code}]${d.path ? ` ${d.path}` : ""}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ""}`);
  const error = new Error(lines.join("\n"));
  error.name = "CaucusError";
  error.diagnostics = diagnostics;
  return error;
}

const TOO_LARGE = Symbol("too large");

/**
 * A plain object or array as JSON text, refused as soon as it certainly passes the
 * limit; anything else is left for the engine to take or refuse (it explains why a
 * Promise or a Map will not do, and reports a cycle or a throwing getter).
 */
function json(value, limit) {
  if (value === null || typeof value !== "object") return value;
  let tag;
  try {
    tag = Object.prototype.toString.call(value);
  } catch {
    return value;
  }
  if (tag !== "[object Object]" && tag !== "[object Array]") return value;
  let text;
  try {
    text = JSON.stringify(value, counter(limit.max));
  } catch (error) {
    if (error !== TOO_LARGE) return value;
    throw caucusError({
      code: limit.code,
      severity: "error",
      path: "",
      message: `more than ${limit.max} characters of JSON for ${limit.noun}; at most ${limit.max} are accepted`,
      hint: limit.hint,
    });
  }
  return typeof text === "string" ? text : value;
}

/**
 * Options for naming things in words only: options too large to pass are left out, as
 * the engine leaves out options it cannot read, and items are then named by number.
 */
function readable(options) {
  try {
    return json(options, LIMITS.options);
  } catch {
    return null;
  }
}

/**
 * A JSON.stringify replacer that counts a lower bound of what is written (a string's
 * characters and quotes, a key with its quotes and colon, a list's commas) and throws
 * TOO_LARGE once that passes `max`: it sees a list's length before its elements.
 */
function counter(max) {
  // The first call is for the value itself, under the key "" that is never written.
  let written = -3;
  return function (key, value) {
    const kind = typeof value;
    if (value === undefined || kind === "function" || kind === "symbol") return value;
    written += Array.isArray(this) ? 1 : key.length + 3;
    if (kind === "string") written += value.length + 2;
    else if (Array.isArray(value)) written += value.length + 1;
    else written += 1;
    if (written > max) throw TOO_LARGE;
    return value;
  };
}
