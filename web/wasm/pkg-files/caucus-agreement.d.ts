import type { Diagnostic, DocumentKind, GenerateResult, Options, PackFiles } from "./caucus_wasm.js";

/**
 * `<caucus-agreement options='{...}' document="agreement">`: renders one caucus document
 * in a shadow root and dispatches `caucus-diagnostics` after each render.
 */
export declare class CaucusAgreement extends HTMLElement {
  static observedAttributes: string[];
  /** An object or JSON text; once set, it wins over the `options` attribute. */
  get options(): Options | string | null | undefined;
  set options(value: Options | string | null | undefined);
  /** An institution's own clause pack as its files; null (the default): the built-in pack. */
  get pack(): PackFiles | null;
  set pack(files: PackFiles | null | undefined);
  /**
   * Which document is shown, by its id in the pack; reflects the `document` attribute
   * (default `agreement`).
   */
  get documentKind(): DocumentKind;
  set documentKind(kind: DocumentKind);
  /** The last successful generate() result: every document in every format. */
  readonly result: GenerateResult | null;
  /** The diagnostics of the last render. */
  readonly diagnostics: Diagnostic[];
}

/** The event dispatched after every render; `detail` is the diagnostics. */
export type CaucusDiagnosticsEvent = CustomEvent<Diagnostic[]>;

declare global {
  interface HTMLElementTagNameMap {
    "caucus-agreement": CaucusAgreement;
  }
  interface HTMLElementEventMap {
    "caucus-diagnostics": CaucusDiagnosticsEvent;
  }
}
