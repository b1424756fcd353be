// The Node.js entry point: the engine's functions, ready to call (no init needed).
export * from "./caucus.js";
