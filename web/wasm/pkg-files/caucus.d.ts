// The package's entry point (caucus.js): the functions of caucus_wasm.js, each restarting
// the engine after a trap, every type of the API, and `init` / `initSync`, which also load
// the built-in clause pack (caucus_pack.json, which the module does not embed).
import type { InitInput, InitOutput, SyncInitInput } from "./caucus_wasm.js";

/** The built-in clause pack's files as `initSync` takes them: caucus_pack.json's text, or its object of path → text. */
export type BuiltinPackFiles = string | Record<string, string>;

/**
 * Instantiates the module (from caucus_wasm_bg.wasm beside caucus.js unless given) and
 * loads the built-in clause pack (from caucus_pack.json beside caucus.js unless given as
 * its URL, a `Request`, a `Response` or its files); both are fetched at once. `null` as
 * the pack loads none: every call must then pass a pack of its own.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
  pack?: string | URL | Request | Response | Record<string, string> | null,
): Promise<InitOutput>;

/**
 * Instantiates the module from its bytes or a compiled `WebAssembly.Module`, with the
 * built-in clause pack from caucus_pack.json's text; without it, only calls that pass a
 * pack of their own work.
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput, pack?: BuiltinPackFiles | null): InitOutput;

export { generate, document, docx, isPackFile, schema, defaults, clauses, place, sentence, version } from "./caucus_wasm.js";
export type * from "./caucus_wasm.js";
