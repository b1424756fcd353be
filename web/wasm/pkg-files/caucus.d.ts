// The package's entry point (caucus.js): the functions of caucus_wasm.js, each restarting
// the engine after a trap, and every type of the API.
export { default, initSync, generate, document, docx, isPackFile, schema, defaults, clauses, version } from "./caucus_wasm.js";
export type * from "./caucus_wasm.js";
