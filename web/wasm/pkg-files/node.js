// The package's entry point in Node.js: the same functions as caucus.js, with the
// module already instantiated from the .wasm file beside this one (Node's fetch cannot
// read file: URLs, which the browser entry point would use).

import { readFileSync } from "node:fs";
import { initSync } from "./caucus.js";

initSync({ module: readFileSync(new URL("./caucus_wasm_bg.wasm", import.meta.url)) });

export * from "./caucus.js";
