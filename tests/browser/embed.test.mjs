// The example page web/wasm/examples/embed.html in headless Chromium, served from the
// repository under a strict Content-Security-Policy: <caucus-agreement> renders, follows
// the form, reports diagnostics, and the page stays on its own origin without console
// errors or CSP violations. Needs web/wasm/pkg (`cargo xtask web package`).
// Leaves a screenshot in target/screenshots/embed.png.

import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const PAGE = "/web/wasm/examples/embed.html";
/** An empty page on the same origin, for the two-line embedding test. */
const BLANK = "/__blank.html";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

let server;
let origin;
let browser;

/** Serves the repository read-only, every response under the strict CSP. */
function serve() {
  return createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    if (url.pathname === BLANK) {
      response.writeHead(200, { "Content-Type": TYPES[".html"], "Content-Security-Policy": CSP });
      response.end(
        '<!DOCTYPE html><html lang="en"><head><title>Blank</title><link rel="icon" href="/web/wasm/examples/favicon.svg"></head><body></body></html>',
      );
      return;
    }
    const file = path.normalize(path.join(ROOT, decodeURIComponent(url.pathname)));
    const type = TYPES[path.extname(file)];
    if (!file.startsWith(ROOT) || !type || request.method !== "GET") {
      response.writeHead(404, { "Content-Security-Policy": CSP }).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "Content-Type": type,
        "Content-Security-Policy": CSP,
        "Cache-Control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "Content-Security-Policy": CSP }).end();
    }
  });
}

before(async () => {
  assert.ok(
    existsSync(path.join(ROOT, "web/wasm/pkg/caucus-agreement.js")),
    "web/wasm/pkg is missing: build it with `cargo xtask web package`",
  );
  server = serve();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

/** Opens the page, recording console errors, CSP violations, failures and requests. */
async function open() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const seen = { errors: [], requests: [], violations: [] };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      seen.errors.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => seen.errors.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => seen.errors.push(`failed: ${request.url()}`));
  page.on("request", (request) => seen.requests.push(request.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  const response = await page.goto(origin + PAGE);
  return { page, seen, response };
}

/**
 * Waits until the element's shadow root shows what `want` says: `text` (the document
 * contains it), `notText`, `problems` (the diagnostics panel contains it) or
 * `noProblems`.
 */
async function rendered(page, want) {
  await page.waitForFunction(
    ({ text, notText, problems, noProblems }) => {
      const root = document.querySelector("caucus-agreement")?.shadowRoot;
      const shown = root?.querySelector(".content")?.textContent ?? "";
      const panel = root?.querySelector(".diagnostics:not([hidden])")?.textContent ?? "";
      return (
        shown !== "" || problems
      ) && (text === undefined || shown.includes(text))
        && (notText === undefined || !shown.includes(notText))
        && (problems === undefined || panel.includes(problems))
        && (!noProblems || panel === "");
    },
    want,
    { timeout: 20_000 },
  );
}

test("the page renders the agreement under the strict CSP, on its own origin only", async () => {
  const { page, seen, response } = await open();
  assert.equal(response.headers()["content-security-policy"], CSP);
  const shadow = page.locator("caucus-agreement");
  await shadow.locator(".caucus-document h1").waitFor({ timeout: 20_000 });
  const title = await shadow.locator(".caucus-document h1").textContent();
  assert.equal(title, "Video Mediation Terms");
  const body = await shadow.locator(".caucus-document").textContent();
  assert.match(body, /Orchard Lane Developments Ltd/);
  assert.match(body, /Finch & Marsh Builders/);
  assert.ok((await shadow.locator("section.clause").count()) > 5);

  // Styles come from the adopted stylesheet and the host's custom properties.
  const styles = await page.evaluate(() => {
    const element = document.querySelector("caucus-agreement");
    const h1 = element.shadowRoot.querySelector(".caucus-document h1");
    return {
      adopted: element.shadowRoot.adoptedStyleSheets.length,
      styleElements: element.shadowRoot.querySelectorAll("style, [style]").length,
      headingColour: getComputedStyle(h1).color,
      font: getComputedStyle(element).fontFamily,
    };
  });
  assert.equal(styles.adopted, 1);
  assert.equal(styles.styleElements, 0);
  assert.equal(styles.headingColour, "rgb(18, 61, 92)", "--caucus-accent from the page");
  assert.match(styles.font, /Georgia/, "--caucus-font from the page");

  await page.screenshot({ path: screenshotPath(), fullPage: false });

  const violations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(violations, []);
  assert.deepEqual(seen.errors, []);
  const foreign = seen.requests.filter((url) => !url.startsWith(`${origin}/`));
  assert.deepEqual(foreign, [], "requests outside the page's origin");
  assert.ok(seen.requests.some((url) => url.endsWith("/web/wasm/pkg/caucus_wasm_bg.wasm")));
  assert.ok(seen.requests.some((url) => url.endsWith("/web/wasm/pkg/caucus_pack.json")));
  await page.close();
});

test("the element follows the form: names, platform, document", async () => {
  const { page, seen } = await open();
  const shadow = page.locator("caucus-agreement");
  await shadow.locator(".caucus-document h1").waitFor({ timeout: 20_000 });

  await page.fill('input[name="party0"]', "Riverside <b>Holdings</b> *plc*");
  await rendered(page, { text: "Riverside <b>Holdings</b> *plc*" });
  assert.equal(await shadow.locator(".caucus-document b").count(), 0, "a typed tag stays text");

  await page.selectOption('select[name="platform"]', "microsoft-teams");
  await rendered(page, { text: "Microsoft Teams" });

  await page.selectOption('select[name="document"]', "guide");
  await rendered(page, { notText: "Video Mediation Terms" });
  assert.equal(await page.evaluate(() => document.querySelector("caucus-agreement").documentKind), "guide");
  assert.notEqual(await shadow.locator(".caucus-document h1").textContent(), "Video Mediation Terms");

  await page.selectOption('select[name="locale"]', "en-US");
  await page.waitForFunction(
    () =>
      document.querySelector("caucus-agreement").shadowRoot.querySelector(".caucus-document")?.lang ===
      "en-US",
  );

  assert.deepEqual(seen.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
});

test("diagnostics: warnings reach the page, errors are shown in plain words above the last document", async () => {
  const { page, seen } = await open();
  const shadow = page.locator("caucus-agreement");
  await shadow.locator(".caucus-document h1").waitFor({ timeout: 20_000 });

  const events = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const element = document.querySelector("caucus-agreement");
        element.addEventListener("caucus-diagnostics", (e) => resolve(e.detail), { once: true });
        element.options = { costs: { allocation: "stated-shares", shares: [70, 20] } };
      }),
  );
  assert.ok(events.some((d) => d.code === "cost-shares-total" && d.severity === "error"), JSON.stringify(events));
  await rendered(page, { problems: "Costs: Each party's share" });
  assert.match(await shadow.locator(".content").textContent(), /Video Mediation Terms/, "the last document drafted stays");
  assert.match(await shadow.locator(".content").getAttribute("class"), /stale/, "marked as out of date");
  const problem = await shadow.locator(".diagnostics li.error").first().textContent();
  assert.match(problem, /^Costs: Each party's share: The stated cost shares total 90/);
  assert.doesNotMatch(problem, /costs\.shares|error\[/, "no developer text");
  assert.equal(await shadow.locator(".diagnostics li.error").first().getAttribute("data-path"), "costs.shares");
  await page.screenshot({ path: screenshotPath("embed-diagnostics.png") });

  // The page's own list shows what the element reported.
  await page.selectOption('select[name="costs"]', "stated-shares");
  await page.fill('input[name="share0"]', "150");
  await page.locator("#checks li.error").first().waitFor({ timeout: 20_000 });

  // Fixing it brings the document back, and the warnings remain for the page to show.
  await page.fill('input[name="share0"]', "60");
  await rendered(page, { noProblems: true, text: "60" });
  const warnings = await page.evaluate(() => document.querySelector("caucus-agreement").diagnostics);
  assert.ok(warnings.every((d) => d.severity !== "error"));

  // A document these options do not produce is reported, with the ones they do.
  await page.evaluate(() => {
    document.querySelector("caucus-agreement").documentKind = "consent";
  });
  await rendered(page, { problems: "no “consent” document" });
  await page.evaluate(() => {
    document.querySelector("caucus-agreement").documentKind = "agreement";
  });
  await rendered(page, { noProblems: true });

  // Options the engine cannot read at all are reported the same way.
  await page.evaluate(() => {
    document.querySelector("caucus-agreement").setAttribute("options", "{ not json");
    document.querySelector("caucus-agreement").options = undefined;
  });
  await rendered(page, { problems: "not valid JSON" });

  assert.deepEqual(seen.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
});

/**
 * Opens the blank page and adds the two lines of an embedding as DOM (no inline script):
 * the element's module and one element with `attributes`, and with `options` and `pack`
 * set as properties when given (before the module upgrades the element).
 */
async function embedOnBlankPage(page, { attributes = {}, options = null, pack = null } = {}) {
  await page.goto(`${origin}${BLANK}`);
  await page.evaluate(
    ({ attributes, options, pack }) => {
      const script = document.createElement("script");
      script.type = "module";
      script.src = "/web/wasm/pkg/caucus-agreement.js";
      const element = document.createElement("caucus-agreement");
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      if (options !== null) element.options = options;
      if (pack !== null) element.pack = pack;
      document.head.append(script);
      document.body.append(element);
    },
    { attributes, options, pack },
  );
}

test("two lines of HTML are enough: the element on a bare page", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  // A blank page on the same origin, then the two lines.
  await embedOnBlankPage(page, {
    attributes: { options: '{"mediator": {"name": "Two Lines"}}', document: "invitation" },
  });
  const shadow = page.locator("caucus-agreement");
  await shadow.locator(".caucus-document h1").waitFor({ timeout: 20_000 });
  assert.match(await shadow.locator(".caucus-document").textContent(), /Two Lines/);
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * The first problem the element shows on a bare page when `file` of the package answers
 * 404, and the page's uncaught errors by then; the page is photographed as `shot`.
 */
async function problemWithout(file, shot) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route(`**/${file}`, (route) => route.fulfill({ status: 404, body: "" }));
  await embedOnBlankPage(page);
  const problem = page.locator("caucus-agreement").locator(".diagnostics li.error");
  await problem.waitFor({ timeout: 20_000 });
  await page.screenshot({ path: screenshotPath(shot) });
  const shown = {
    heading: await page.locator("caucus-agreement").locator(".diagnostics h2").textContent(),
    code: await problem.getAttribute("data-code"),
    text: await problem.textContent(),
    errors,
  };
  await page.close();
  return shown;
}

test("without its engine the element says so in words, and the page keeps working", async () => {
  const { heading, code, text, errors } = await problemWithout("caucus_wasm_bg.wasm", "embed-no-engine.png");
  assert.equal(heading, "The document cannot be drafted: caucus did not load");
  assert.equal(code, "engine-not-loaded");
  assert.match(text, /^The caucus engine could not be loaded: .*\.Check that caucus_wasm_bg\.wasm is served/);
  assert.deepEqual(errors, []);
});

test("without the built-in pack's file the element says which file and why", async () => {
  const { heading, code, text, errors } = await problemWithout("caucus_pack.json", "embed-no-pack.png");
  assert.equal(heading, "The document cannot be drafted: caucus did not load");
  assert.equal(code, "builtin-pack-unreadable");
  assert.match(text, /caucus_pack\.json \(HTTP 404\)\.Serve caucus_pack\.json beside caucus_wasm_bg\.wasm, or give the element a pack of its own/);
  assert.deepEqual(errors, []);
});

/** Options naming two parties, whose names the test pack's agreement states. */
const TWO_PARTIES = { parties: [{ name: "Ada Okafor Ltd" }, { name: "Brightwater plc" }] };

/** The engine's small test pack (core/tests/fixtures/mini), as a page passes a pack: its files. */
async function miniPack() {
  const dir = path.join(ROOT, "core/tests/fixtures/mini");
  const files = ["pack.toml", "terms.toml", ...(await readdir(path.join(dir, "agreement"))).map((f) => `agreement/${f}`)];
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f), "utf8")])));
}

test("an element with a pack of its own never fetches the built-in pack; one without it does", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  const requests = [];
  page.on("request", (request) => requests.push(new URL(request.url()).pathname));
  await embedOnBlankPage(page, { options: TWO_PARTIES, pack: await miniPack() });
  const shown = page.locator("caucus-agreement").locator(".caucus-document");
  await shown.waitFor({ timeout: 20_000 });
  assert.match(await shown.textContent(), /These terms are between Ada Okafor Ltd and Brightwater plc\./);
  assert.ok(requests.includes("/web/wasm/pkg/caucus_wasm_bg.wasm"));
  assert.ok(!requests.includes("/web/wasm/pkg/caucus_pack.json"), "the built-in pack was fetched");

  // The same element without its pack: the built-in pack is fetched and drafts.
  await page.evaluate(() => {
    document.querySelector("caucus-agreement").pack = null;
  });
  await page.waitForFunction(
    () => /Video Mediation Terms/.test(document.querySelector("caucus-agreement").shadowRoot.textContent),
    null,
    { timeout: 20_000 },
  );
  assert.ok(requests.includes("/web/wasm/pkg/caucus_pack.json"));
  assert.equal(await page.locator("caucus-agreement").locator(".diagnostics").isHidden(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a pack given while the built-in pack loads is the one drawn, whichever arrives last", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // Hold the built-in pack back until the element has drawn with its own pack.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  let asked;
  const packAsked = new Promise((resolve) => {
    asked = resolve;
  });
  await page.route("**/caucus_pack.json", async (route) => {
    asked();
    await held;
    await route.continue();
  });
  await embedOnBlankPage(page, { options: TWO_PARTIES });
  await packAsked;
  await page.evaluate((pack) => {
    document.querySelector("caucus-agreement").pack = pack;
  }, await miniPack());
  const own = () => /These terms are between Ada Okafor Ltd and Brightwater plc\./.test(document.querySelector("caucus-agreement").shadowRoot.textContent);
  await page.waitForFunction(own, null, { timeout: 20_000 });
  release();
  // A second element, without a pack, waits for the built-in pack after the first
  // element's overtaken render did: once it has drawn, that render has had its turn.
  await page.evaluate(() => document.body.append(document.createElement("caucus-agreement")));
  await page.waitForFunction(
    () => /Video Mediation Terms/.test(document.querySelectorAll("caucus-agreement")[1].shadowRoot.textContent),
    null,
    { timeout: 20_000 },
  );
  assert.ok(await page.evaluate(own), "the element still shows the document of its own pack");
  assert.deepEqual(errors, []);
  await page.close();
});

function screenshotPath(name = "embed.png") {
  const dir = path.join(ROOT, "target/screenshots");
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

test("the element fires caucus-rendered, keeps the last good document on error, names options in plain words and lowers its headings", async () => {
  const { page, seen } = await open();
  const shadow = page.locator("caucus-agreement");
  await shadow.locator(".caucus-document h1").waitFor({ timeout: 20_000 });
  const detail = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const element = document.querySelector("caucus-agreement");
        element.addEventListener("caucus-rendered", (e) => resolve(e.detail), { once: true });
        element.options = { parties: [{ name: "Acme Ltd" }, { name: "Beta plc" }] };
      }),
  );
  assert.equal(detail.kind, "agreement");
  assert.equal(detail.title, "Video Mediation Terms");

  await page.evaluate(() => {
    document.querySelector("caucus-agreement").options = { parties: [{ name: "Acme Ltd" }, { name: "" }] };
  });
  await rendered(page, { problems: "Party 2: Full legal name" });
  const text = await shadow.locator(".diagnostics").textContent();
  assert.doesNotMatch(text, /parties\.1\.name/, "no option path shown to the public");
  // A list's item is named by its name, as the drafting app names it.
  await page.evaluate(() => {
    document.querySelector("caucus-agreement").options = { parties: [{ name: "Acme Ltd", attendees: [{ name: "" }] }, { name: "Beta plc" }] };
  });
  await rendered(page, { problems: "Party 1 (Acme Ltd), Attendee 1: Name" });
  assert.match(await shadow.locator(".content").textContent(), /Beta plc/, "the last good document stays");

  await page.evaluate(() => {
    const element = document.querySelector("caucus-agreement");
    element.setAttribute("heading-level", "2");
    element.options = { parties: [{ name: "Acme Ltd" }, { name: "Beta plc" }] };
  });
  await rendered(page, { noProblems: true });
  await shadow.locator(".caucus-document h2").first().waitFor();
  assert.equal(await shadow.locator(".caucus-document h1").count(), 0, "the title is lowered to h2");
  assert.equal(await shadow.locator(".caucus-document h2").first().textContent(), "Video Mediation Terms");
  assert.ok((await shadow.locator(".caucus-document h3").count()) > 5, "the clause headings follow");
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
});
