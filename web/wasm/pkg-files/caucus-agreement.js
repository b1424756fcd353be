// <caucus-agreement>: one caucus document, drafted in the visitor's browser.
//
// Embedding takes two lines:
//
//   <script type="module" src="/caucus/caucus-agreement.js"></script>
//   <caucus-agreement options='{"mediator": {"name": "A. Mediator"}}'></caucus-agreement>
//
// Attributes: `options` (JSON, as in an options file; absent: the defaults) and
// `document` (the id of one of the pack's documents: agreement, guide, invitation or
// consent in the built-in pack; absent: agreement). Properties: `options` (an object or
// JSON text; wins over the attribute once set), `documentKind`, `pack` (an institution's
// own clause pack as its files, as generate() takes it; null: the built-in pack), and,
// read-only, `result` (the last generate() result) and `diagnostics`.
// After every render it dispatches `caucus-diagnostics` (bubbling, composed) whose
// `detail` is the array of diagnostics: warnings and notes after a success, errors (and
// any warnings) when the options could not be assembled. After a successful render it
// also dispatches `caucus-rendered` (bubbling, composed; `detail`: `{ kind, title }`).
// When the options have errors, the element keeps showing the last document it drafted
// (marked as out of date) and lists the problems above it in plain words, each option
// named as the engine names it (place()); the codes and paths stay in `diagnostics`.
// The attribute `heading-level` (1 to 4; default 1) lowers the document's headings so
// that its title fits the host page's outline (2: the title is an <h2>).
//
// Theme it from the host page with CSS custom properties on the element or an ancestor:
// --caucus-font, --caucus-heading-font, --caucus-ui-font (diagnostics), --caucus-font-size,
// --caucus-line-height, --caucus-text, --caucus-background, --caucus-accent,
// --caucus-muted, --caucus-rule, --caucus-error, --caucus-warning, --caucus-max-width,
// --caucus-padding, --caucus-max-height (the element scrolls inside it; default: no
// limit); or with ::part(document) and ::part(diagnostics).
//
// It works under `Content-Security-Policy: default-src 'self'; script-src 'self'
// 'wasm-unsafe-eval'`: no inline script or style, no eval, no style attributes. The
// styles are a constructed stylesheet adopted by the shadow root, and the only markup
// inserted is the engine's HTML, which is escaped by construction (a value typed by a
// user never becomes markup); diagnostics are inserted as text.

import init, { document as draftDocument, generate, place, sentence } from "./caucus.js";

/**
 * The engine, instantiated once for every element on the page on first use; and the
 * built-in clause pack (caucus_pack.json), loaded once the first element without a pack of
 * its own needs it. A page whose elements all bring a pack never downloads it.
 */
let engine = null;
let engineWithPack = null;
function loadEngine(withBuiltinPack) {
  if (withBuiltinPack) {
    engineWithPack ??= init();
    return engineWithPack;
  }
  engine ??= init(undefined, null);
  return engine;
}

const STYLES = new CSSStyleSheet();
STYLES.replaceSync(`
:host {
  display: block;
  color: var(--caucus-text, #1b1b1b);
  background: var(--caucus-background, transparent);
  font-family: var(--caucus-font, Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif);
  font-size: var(--caucus-font-size, 1.0625rem);
  line-height: var(--caucus-line-height, 1.6);
  max-height: var(--caucus-max-height, none);
  overflow: auto;
}
.content.stale { opacity: 1; border-left: 4px solid var(--caucus-warning, #7a5400); }
:host([hidden]) { display: none; }
.caucus-document, .status, .diagnostics {
  box-sizing: border-box;
  max-width: var(--caucus-max-width, 42rem);
  margin: 0 auto;
  padding: var(--caucus-padding, 1.5rem 1.25rem);
}
.caucus-document { font-kerning: normal; hyphens: auto; overflow-wrap: break-word; }
.caucus-document h1, .caucus-document h2, .caucus-document h3, .caucus-document h4 {
  font-family: var(--caucus-heading-font, inherit);
  color: var(--caucus-accent, #1b1b1b);
  break-after: avoid;
}
.caucus-document h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 1.5em; }
.caucus-document h2 { font-size: 1.06em; line-height: 1.35; margin: 1.9em 0 0.5em; }
.caucus-document h3, .caucus-document h4, .caucus-document h5, .caucus-document h6 {
  font-size: 1em; margin: 1.2em 0 0.25em;
}
.caucus-document .clause-number {
  display: inline-block; min-width: 2.25rem; font-variant-numeric: tabular-nums;
}
.caucus-document .clause > :not(h2) { margin-left: 2.25rem; }
.caucus-document p { margin: 0 0 0.75em; }
.caucus-document ol, .caucus-document ul { margin: 0 0 0.75em; padding-left: 2.5rem; }
.caucus-document li { margin: 0.25em 0; padding-left: 0.25rem; }
.caucus-document ol.caucus-lower-alpha > li::marker { content: "(" counter(list-item, lower-alpha) ") "; }
.caucus-document ol.caucus-lower-roman > li::marker { content: "(" counter(list-item, lower-roman) ") "; }
.caucus-document ol.caucus-upper-alpha > li::marker { content: "(" counter(list-item, upper-alpha) ") "; }
.caucus-document ol.caucus-decimal > li::marker { content: "(" counter(list-item, decimal) ") "; }
.caucus-document blockquote {
  margin: 0 0 0.75em; padding-left: 1rem; border-left: 3px solid var(--caucus-rule, #c8c8c8);
}
.caucus-document code, .caucus-document pre {
  font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em;
}
.caucus-document a { color: var(--caucus-accent, #0b57a4); }
.status { color: var(--caucus-muted, #5f5f5f); font-style: italic; }
.diagnostics {
  margin: 1.5rem auto;
  padding: 0.75rem 1.25rem 0.25rem;
  font-family: var(--caucus-ui-font, system-ui, sans-serif);
  font-size: 0.95em;
  border-left: 4px solid var(--caucus-error, #b3261e);
}
.diagnostics h2 { font-size: 1.05em; margin: 0 0 0.75em; color: var(--caucus-error, #b3261e); }
.diagnostics ul { list-style: none; margin: 0; padding: 0; }
.diagnostics li { margin: 0 0 0.9em; }
.diagnostics .severity { font-weight: 700; text-transform: capitalize; }
.diagnostics .error .severity { color: var(--caucus-error, #b3261e); }
.diagnostics .warning .severity, .diagnostics .note .severity { color: var(--caucus-warning, #7a5400); }
.diagnostics code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
.diagnostics .hint, .diagnostics .where { display: block; color: var(--caucus-muted, #5f5f5f); }
.diagnostics .kept { color: var(--caucus-muted, #5f5f5f); font-style: italic; }
[hidden] { display: none !important; }
@media print {
  :host { color: #000; background: none; font-size: 11pt; line-height: 1.45; }
  .caucus-document { max-width: none; padding: 0; }
  .caucus-document a { color: inherit; text-decoration: none; }
  .status, .diagnostics { display: none; }
}
`);

/** The document shown when the element has no `document` attribute. */
const DEFAULT_KIND = "agreement";

export class CaucusAgreement extends HTMLElement {
  static observedAttributes = ["options", "document", "heading-level"];

  /** Set through the `options` property: an object or JSON text; `undefined` if never set. */
  #options = undefined;
  #optionsSet = false;
  #pack = null;
  #result = null;
  #diagnostics = [];
  #queued = false;
  /** Counts renders, so that one overtaken while the engine loaded draws nothing. */
  #renders = 0;
  /** Whether #content holds a document drafted earlier (kept while options have errors). */
  #drafted = false;
  #status;
  #content;
  #problems;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [STYLES];
    this.#status = element("p", "status", "Drafting…");
    this.#status.setAttribute("role", "status");
    this.#content = element("div", "content");
    this.#content.setAttribute("part", "document");
    this.#problems = element("section", "diagnostics");
    this.#problems.setAttribute("part", "diagnostics");
    this.#problems.setAttribute("role", "alert");
    this.#problems.hidden = true;
    root.append(this.#status, this.#problems, this.#content);
  }

  connectedCallback() {
    // A page may set `options` or `pack` before this module loads and upgrades the
    // element: that own property would hide the setter, so take its value and remove it.
    for (const property of ["options", "pack"]) {
      if (Object.prototype.hasOwnProperty.call(this, property)) {
        const value = this[property];
        delete this[property];
        this[property] = value;
      }
    }
    this.#schedule();
  }

  attributeChangedCallback() {
    this.#schedule();
  }

  /** The options: what was set through the property, else the `options` attribute. */
  get options() {
    return this.#optionsSet ? this.#options : this.getAttribute("options");
  }

  set options(value) {
    this.#options = value;
    this.#optionsSet = value !== undefined;
    this.#schedule();
  }

  /** The clause pack: its files (`{ "pack.toml": "...", ... }`, pairs or a Map), or null for the built-in pack. */
  get pack() {
    return this.#pack;
  }

  set pack(files) {
    this.#pack = files ?? null;
    this.#schedule();
  }

  /** Which document to show; reflects the `document` attribute. */
  get documentKind() {
    return this.getAttribute("document") || DEFAULT_KIND;
  }

  set documentKind(kind) {
    this.setAttribute("document", kind);
  }

  /** The last successful `generate()` result (every document, every format), or null. */
  get result() {
    return this.#result;
  }

  /** The diagnostics of the last render. */
  get diagnostics() {
    return this.#diagnostics;
  }

  /** Renders once per task, however many attributes and properties changed in it. */
  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#render();
    });
  }

  async #render() {
    if (!this.isConnected) return;
    const render = ++this.#renders;
    const options = this.options ?? undefined;
    const kind = this.documentKind;
    const pack = this.#pack ?? undefined;
    let loadFailure = null;
    try {
      await loadEngine(pack === undefined);
    } catch (error) {
      loadFailure = error;
    }
    // The engine was loading: the element may have been removed, or changed again, and
    // a later render (which may have waited less) draws that.
    if (!this.isConnected || render !== this.#renders) return;
    if (loadFailure !== null) {
      this.#fail(null, loadProblems(loadFailure), "The document cannot be drafted: caucus did not load");
      return;
    }
    let result;
    try {
      result = generate(options, pack);
    } catch (error) {
      this.#fail(null, diagnosticsOf(error));
      return;
    }
    const chosen = result.documents.find((d) => d.kind === kind);
    if (!chosen) {
      // The engine says why: the pack has no such document, or these options do not
      // call for it (and when they would).
      let why = [];
      try {
        draftDocument(options, kind, pack);
      } catch (error) {
        why = diagnosticsOf(error);
      }
      this.#fail(result, [...why, ...result.diagnostics]);
      return;
    }
    this.#result = result;
    this.#diagnostics = result.diagnostics;
    this.#status.hidden = true;
    this.#problems.hidden = true;
    this.#problems.replaceChildren();
    // The engine's HTML is escaped by construction: raw HTML in a clause or a value
    // never passes through, links are limited to http(s), mailto and #fragments.
    this.#content.innerHTML = chosen.html;
    this.#content.classList.remove("stale");
    this.#content.removeAttribute("aria-describedby");
    lowerHeadings(this.#content, Number(this.getAttribute("heading-level")) || 1);
    this.#drafted = true;
    this.#announce();
    this.dispatchEvent(
      new CustomEvent("caucus-rendered", {
        detail: { kind: chosen.kind, title: chosen.title },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /**
   * Lists the problems in plain words and reports them. The last document drafted stays
   * in place, marked as out of date, so that a reader never loses the page.
   */
  #fail(result, diagnostics, title) {
    this.#result = result;
    this.#diagnostics = diagnostics;
    this.#status.hidden = true;
    const errors = diagnostics.filter((d) => d.severity === "error");
    const shown = errors.length > 0 ? errors : diagnostics;
    const heading = element(
      "h2",
      "",
      title ??
        (errors.length === 1
          ? "The document cannot be updated: 1 detail needs correcting"
          : `The document cannot be updated: ${errors.length} details need correcting`),
    );
    heading.id = "caucus-problems-title";
    const list = element("ul");
    const options = optionsText(this.options);
    for (const d of shown) list.append(describe(d, options));
    const parts = [heading, list];
    if (this.#drafted) {
      parts.push(element("p", "kept", "The document below is the last version drafted; it is updated as soon as these details are corrected."));
      this.#content.classList.add("stale");
      this.#content.setAttribute("aria-describedby", "caucus-problems-title");
    }
    this.#problems.replaceChildren(...parts);
    this.#problems.hidden = false;
    this.#announce();
  }

  #announce() {
    this.dispatchEvent(
      new CustomEvent("caucus-diagnostics", {
        detail: this.#diagnostics,
        bubbles: true,
        composed: true,
      }),
    );
  }
}

/**
 * Why the engine could not load, for the people who run the page: the engine explains a
 * built-in pack it cannot load (`builtin-pack-unreadable`, `builtin-pack-mismatch`), and
 * a module that cannot load is explained here. An element's own pack is its `pack`
 * property, which the hints name instead of `init`'s arguments.
 */
function loadProblems(error) {
  if (Array.isArray(error?.diagnostics)) {
    return error.diagnostics.map((d) =>
      d.code === "builtin-pack-unreadable"
        ? { ...d, hint: "serve caucus_pack.json beside caucus_wasm_bg.wasm, or give the element a pack of its own (its pack property)" }
        : d,
    );
  }
  return [
    {
      code: "engine-not-loaded",
      severity: "error",
      path: "",
      message: `the caucus engine could not be loaded: ${error?.message ?? error}`,
      hint: "check that caucus_wasm_bg.wasm is served beside caucus-agreement.js, as application/wasm",
    },
  ];
}

/** The diagnostics a thrown error carries, or one describing an unexpected error. */
function diagnosticsOf(error) {
  if (Array.isArray(error?.diagnostics)) return error.diagnostics;
  return [
    {
      code: "internal",
      severity: "error",
      path: "",
      message: String(error?.message ?? error),
      hint: "this is a bug in caucus: please report it with the options that caused it",
    },
  ];
}

/**
 * One diagnostic as a list item in plain words, built from text nodes only: where the
 * option sits as the engine names it ("Party 2 (Acme Ltd): Full legal name") rather than
 * its path, the message and hint as sentences with any option path in them named the
 * same way. The code and path stay on the item as data attributes, and in the element's
 * `diagnostics`. `options`: JSON text, written once for every item. Without the engine
 * (it failed to load) a text only gets its capital letter and full stop.
 */
function describe(d, options) {
  const words = (inWords, text) => {
    try {
      return inWords(text, options);
    } catch {
      const capital = text.charAt(0).toUpperCase() + text.slice(1);
      return inWords === place || /[.!?]$/.test(capital) ? capital : `${capital}.`;
    }
  };
  const item = element("li", d.severity);
  item.dataset.code = d.code;
  if (d.path) {
    item.dataset.path = d.path;
    item.append(element("strong", "place", words(place, d.path)), ": ");
  }
  item.append(words(sentence, d.message));
  if (d.location) {
    item.append(
      element("span", "where", `${d.location.file}:${d.location.line}:${d.location.column}`),
    );
  }
  if (d.hint) item.append(element("span", "hint", words(sentence, d.hint)));
  if (d.citation) {
    item.append(element("span", "hint", `Source: ${d.citation.source} (as of ${d.citation.as_of})`));
  }
  return item;
}

/**
 * The options as JSON text, written once to name every problem in words: `undefined`
 * when there are none (the defaults), and text the engine cannot read when they cannot
 * be written (a cycle), so that list items are named by number.
 */
function optionsText(options) {
  if (options === null || options === undefined || typeof options === "string") return options ?? undefined;
  try {
    return JSON.stringify(options);
  } catch {
    return "";
  }
}

/** Lowers the document's headings by `level - 1` (h1 → h2 for level 2), at most to h6. */
function lowerHeadings(root, level) {
  const shift = Math.min(Math.max(Math.trunc(level), 1), 4) - 1;
  if (shift === 0) return;
  for (const heading of root.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const lowered = document.createElement(`h${Math.min(Number(heading.tagName[1]) + shift, 6)}`);
    for (const { name, value } of heading.attributes) lowered.setAttribute(name, value);
    lowered.append(...heading.childNodes);
    heading.replaceWith(lowered);
  }
}

function element(name, className = "", text = "") {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

if (!customElements.get("caucus-agreement")) {
  customElements.define("caucus-agreement", CaucusAgreement);
}
