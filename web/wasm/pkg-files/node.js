// The package's entry point in Node.js: the same functions as caucus.js, with the
// module and the built-in clause pack already loaded from the files beside this one
// (Node's fetch cannot read file: URLs, which the browser entry point would use).

import { readFileSync } from "node:fs";
import { initSync } from "./caucus.js";

initSync(
  { module: readFileSync(new URL("./caucus_wasm_bg.wasm", import.meta.url)) },
  readFileSync(new URL("./caucus_pack.json", import.meta.url), "utf8"),
);

export * from "./caucus.js";
