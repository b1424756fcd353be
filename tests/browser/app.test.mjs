// Browser tests of the drafting app (web/app), in headless Chromium via playwright-core.
//
// Build first: `cargo xtask web app` (cargo xtask test does). The test serves web/app/dist
// with `cargo xtask serve --built` on a free 127.0.0.1 port (the same server, gzip and
// Content-Security-Policy a mediator gets), drives the app as a mediator would,
// compares its downloads with the native engine (`cargo run -q -- generate`), saves
// screenshots of the main states under target/screenshots/, and measures speed and size.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(repo, 'web/app/dist');
const screenshots = path.join(repo, 'target/screenshots');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'caucus-app-test-'));

let server;
let origin;
let browser;
/** Every URL any page requested, over the whole run. */
const requested = [];
/** Measurements, printed at the end. */
const measured = {};

/** A port free on 127.0.0.1 just now. */
async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `xtask serve --built` on `port` and resolves once it listens. */
async function serve(port) {
  execFileSync('cargo', ['build', '-q', '-p', 'xtask'], { cwd: repo, stdio: 'inherit' });
  const child = spawn(path.join(repo, 'target/debug/xtask'), ['serve', '--built', '--port', String(port)], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('serving')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`xtask serve exited with ${code}: ${seen}`)));
  });
  return child;
}

before(async () => {
  assert.ok(
    fs.existsSync(path.join(dist, 'index.html')) && fs.existsSync(path.join(dist, 'caucus_web_bg.wasm')),
    `${dist} is not built: run \`cargo xtask web app\` first`,
  );
  fs.mkdirSync(screenshots, { recursive: true });
  const port = await freePort();
  server = await serve(port);
  origin = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
  fs.rmSync(work, { recursive: true, force: true });
  console.log('\nmeasurements (targets: input p95 < 16 ms, first preview < 500 ms, gzipped load < 700 KB):');
  for (const [name, value] of Object.entries(measured)) console.log(`  ${name}: ${value}`);
});

/**
 * A fresh browser context (its own localStorage) with a page on the app. Console errors
 * and page errors are collected; every request is recorded.
 */
async function open({ viewport = { width: 1440, height: 900 }, context: existing } = {}) {
  const context = existing ?? (await browser.newContext({ viewport, acceptDownloads: true }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requested.push(request.url()));
  // Record when the first document appears, measured from navigation start.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('#preview-document .caucus-document')) {
        window.__firstPreview = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('#preview-document .caucus-document h1');
  return { context, page, errors };
}

/** Waits for the preview to settle after an action (the app renders in a microtask). */
const settled = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));

/** The clause headings of the preview, "1. These Terms". */
const headings = (page) =>
  page.$$eval('#preview-document .caucus-document h2', (hs) =>
    hs.map((h) => h.textContent.replace(/\s+/g, ' ').trim()),
  );

/** Runs the native CLI on an options file and returns its output. */
function native(optionsFile, ...args) {
  return execFileSync('cargo', ['run', '-q', '--', 'generate', optionsFile, ...args], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 32 * 1024 * 1024,
  });
}

/** The "## N. Title" headings of Markdown. */
const markdownHeadings = (md) =>
  md
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => l.slice(3).trim());

/** Every "clause N" cross-reference, in order. */
const references = (text) => [...text.matchAll(/\bclauses? (\d+)/g)].map((m) => Number(m[1]));

/** Saves a screenshot of the main states. */
const shot = (page, name, options = {}) => page.screenshot({ path: path.join(screenshots, `app-${name}.png`), ...options });

/** A download triggered by clicking `selector`, saved under the test folder. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const target = path.join(work, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

/** Opens an options file through the "Open options…" button. */
async function load(page, name, text) {
  await page.setInputFiles('#options-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** The maximal option set: 8 parties with attendees and every feature on. */
function maximalOptions() {
  const capacities = ['party', 'lawyer', 'expert', 'interpreter', 'support-person', 'observer'];
  const parties = Array.from({ length: 8 }, (_, i) => ({
    name: `Party ${String.fromCharCode(65 + i)} Holdings Limited`,
    role: i % 2 ? 'Respondent' : 'Claimant',
    attendees: Array.from({ length: 3 }, (_, j) => ({
      name: `Attendee ${i + 1}.${j + 1}`,
      capacity: capacities[(i + j) % capacities.length],
    })),
  }));
  return {
    case: {
      reference: 'MED-2026-0147',
      date: '2026-12-03',
      time: '09:30',
      time_zone: 'Europe/London',
      locale: 'en-GB',
      jurisdiction: 'England and Wales',
    },
    mediator: { name: 'Dana Whitfield', organisation: 'Whitfield Mediation LLP' },
    parties,
    platform: {
      kind: 'zoom',
      account_holder: 'mediator',
      client: 'desktop-app',
      encryption: 'in-transit',
      data_regions: ['EU', 'United Kingdom'],
      test_session: true,
    },
    attendance: {
      disclose_in_advance: true,
      disclosure_deadline_hours: 72,
      observers: 'consent-of-all',
      private_location: true,
      cameras_on: true,
      identity_check: true,
      interpreters: true,
    },
    recording: { policy: 'consent-of-all' },
    breakout_rooms: {
      enabled: true,
      control: 'mediator-and-co-host',
      co_host: 'Sam Okafor',
      announce_entry: true,
      broadcasts: true,
      private_chat: 'mediator-only',
    },
    documents: { exchange: 'secure-file-share', delete_after_days: 14, breach_notice_hours: 12 },
    security: {
      unique_meeting_id: true,
      passcode: true,
      passcode_separate: true,
      waiting_room: 'use',
      lock_meeting: true,
      no_public_networks: true,
      current_version: true,
      screen_sharing: 'host-only',
    },
    costs: { allocation: 'stated-shares', shares: Array(8).fill(12.5), requesting_party: 0 },
    consent: {
      own_inquiry: true,
      express_risk_consent: true,
      law_firm: 'Hartley & Moss LLP',
      client: 'Party A Holdings Limited',
    },
    technical_failure: {
      reconnection_minutes: 20,
      fallback: 'teleconference',
      dial_in: '+44 20 7946 0000',
      no_cost_penalty: true,
    },
    settlement: { electronic_signature: true, counterparts: true },
  };
}

/**
 * In the page: types 120 names into the fourth party's name field, one input event each,
 * and returns the time from each event to the preview showing the name (the first 20
 * warm up: WebAssembly tiers up from its baseline compiler).
 */
async function measureKeystrokes(round) {
  const input = document.getElementById('opt-parties-3-name');
  const preview = document.getElementById('preview-document');
  input.focus();
  const out = [];
  for (let i = 0; i < 120; i++) {
    const name = `Party D Holdings ${round}.${i} Limited`;
    input.value = name;
    const started = performance.now();
    const seen = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (preview.textContent.includes(name)) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(preview, { childList: true, subtree: true, characterData: true });
    });
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await seen;
    if (i >= 20) out.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
}

test('loads with no console errors and shows the default agreement', async () => {
  const { context, page, errors } = await open();
  const optionsFile = path.join(work, 'defaults.json');
  fs.writeFileSync(optionsFile, '{}');
  const md = native(optionsFile, '--format', 'md');
  const title = md.split('\n')[0].replace(/^# /, '');
  assert.equal(await page.textContent('#preview-document h1'), title);
  assert.deepEqual(await headings(page), markdownHeadings(md));
  assert.equal(await page.getAttribute('#tab-agreement', 'aria-selected'), 'true');
  // An empty time zone is named as the options model names it.
  assert.equal(await page.textContent('#opt-case-time_zone option[value=""]'), 'Not stated');
  assert.equal(await page.textContent('#opt-parties-0-time_zone option[value=""]'), 'The same as the case');
  const startup = await page.evaluate(() => ({
    first: window.__firstPreview,
    parts: performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('caucus:'))
      .map((m) => `${m.name} ${m.duration.toFixed(0)} ms`),
  }));
  measured['navigation to first preview'] =
    `${startup.first.toFixed(0)} ms (${startup.parts.join(', ')})${startup.first < 500 ? '' : ' — over the 500 ms target'}`;
  await shot(page, '01-default');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.click('#tab-guide');
  await settled(page);
  assert.match(await page.textContent('#preview-document h1'), /Participant Guide/);
  await shot(page, '02-guide');
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing a party name updates the preview within one frame, and markup stays text', async () => {
  const { context, page, errors } = await open();
  const name = '*Acme* <script>window.__owned = 1</script> & <b>Sons</b>';
  const result = await page.evaluate(async (name) => {
    const input = document.getElementById('opt-parties-0-name');
    input.focus();
    input.value = name;
    const started = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => r()));
    const preview = document.getElementById('preview-document');
    return {
      shown: preview.textContent.includes(name),
      snippet: preview.textContent.slice(0, 400),
      elapsed: performance.now() - started,
      scripts: preview.querySelectorAll('script, b').length,
      owned: window.__owned === 1,
    };
  }, name);
  assert.ok(result.shown, `the name appears literally in the preview by the next frame (after ${result.elapsed} ms): ${result.snippet}`);
  assert.equal(result.scripts, 0, 'no markup from the name reaches the preview');
  assert.equal(result.owned, false);
  await shot(page, '03-party-name');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('breakout rooms off and on remove and add the clause; numbers and references follow', async () => {
  const { context, page, errors } = await open();
  const on = path.join(work, 'breakout-on.json');
  const off = path.join(work, 'breakout-off.json');
  fs.writeFileSync(on, JSON.stringify({ breakout_rooms: { enabled: true } }));
  fs.writeFileSync(off, JSON.stringify({ breakout_rooms: { enabled: false } }));
  const mdOn = native(on, '--format', 'md');
  const mdOff = native(off, '--format', 'md');
  const text = () => page.textContent('#preview-document');

  assert.ok(await page.isChecked('#opt-breakout_rooms-enabled'));
  const before = await headings(page);
  assert.deepEqual(before, markdownHeadings(mdOn));
  assert.deepEqual(references(await text()), references(mdOn));

  await page.uncheck('#opt-breakout_rooms-enabled');
  await settled(page);
  const without = await headings(page);
  assert.deepEqual(without, markdownHeadings(mdOff));
  assert.equal(without.length, before.length - 1, 'one clause fewer');
  assert.ok(!without.some((h) => /Breakout Room/i.test(h)), 'no breakout-room clause');
  assert.equal(await page.locator('#preview-document .clause.just-changed').count(), 1, 'the changed place is marked');
  assert.deepEqual(references(await text()), references(mdOff));
  // Every reference points at a clause that exists.
  for (const n of references(await text())) assert.ok(n >= 1 && n <= without.length, `clause ${n} exists`);
  await shot(page, '04-breakout-off');

  await page.check('#opt-breakout_rooms-enabled');
  await settled(page);
  assert.deepEqual(await headings(page), before);
  assert.deepEqual(references(await text()), references(mdOn));
  assert.deepEqual(errors, []);
  await context.close();
});

test('cost shares that do not total 100 show a diagnostic that focuses the field', async () => {
  const { context, page, errors } = await open();
  await page.check('#opt-costs-allocation-stated-shares');
  await settled(page);
  assert.equal(await page.inputValue('#opt-costs-shares-0'), '50');
  assert.equal(await page.inputValue('#opt-costs-shares-1'), '50');
  await page.fill('#opt-costs-shares-0', '60');
  await settled(page);
  const diagnostic = page.locator('.checks [data-code="cost-shares-total"]');
  await diagnostic.waitFor();
  assert.match(await diagnostic.textContent(), /110/);
  assert.equal(await page.getAttribute('.checks-list', 'aria-live'), 'polite');
  await page.focus('#opt-mediator-name');
  await diagnostic.locator('button').click();
  assert.equal(await focusedId(page, 'opt-costs-shares-0'), 'opt-costs-shares-0');
  await shot(page, '05-cost-shares-error');

  // A number field holding letters keeps the text and says what is wrong.
  await page.fill('#opt-costs-shares-1', 'forty');
  await page.locator('.checks [data-code="not-a-number"]').waitFor();
  await page.fill('#opt-costs-shares-1', '40');
  await settled(page);
  assert.equal(await page.locator('.checks [data-code="cost-shares-total"]').count(), 0);
  assert.equal(await page.locator('.checks [data-code="not-a-number"]').count(), 0);
  assert.equal(await page.locator('.stale').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the .docx download opens in LibreOffice; the Markdown download equals the native output', async () => {
  const { context, page, errors } = await open();
  await page.fill('#opt-case-reference', 'MED-2026-0147');
  await page.fill('#opt-mediator-name', 'Dana Whitfield');
  await page.fill('#opt-parties-0-name', 'Acme *Trading* <Ltd>');
  await page.fill('#opt-parties-1-name', 'Beta Logistics GmbH');
  await page.uncheck('#opt-breakout_rooms-enabled');
  await settled(page);
  const expected = await headings(page);

  await page.selectOption('#download-format', 'docx');
  const docx = await download(page, '#download-document');
  assert.equal(path.basename(docx), 'MED-2026-0147-agreement.docx');
  assert.equal(fs.readFileSync(docx).subarray(0, 2).toString(), 'PK');
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, docx], {
    stdio: 'ignore',
    timeout: 120_000,
    env: { ...process.env, HOME: work },
  });
  const pdf = docx.replace(/\.docx$/, '.pdf');
  assert.ok(fs.existsSync(pdf), 'LibreOffice converted the .docx to PDF');
  const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const heading of expected) {
    const title = heading.replace(/^\d+\.\s*/, '');
    assert.ok(pdfText.includes(title), `the PDF has the heading "${title}"`);
  }
  assert.ok(pdfText.includes('Acme *Trading* <Ltd>'), 'the name is literal in the Word file');

  await page.selectOption('#download-format', 'md');
  const md = fs.readFileSync(await download(page, '#download-document'), 'utf8');
  const options = await download(page, '#save-options');
  assert.equal(md, native(options, '--format', 'md'));

  await page.click('#tab-guide');
  await settled(page);
  const guide = fs.readFileSync(await download(page, '#download-document'), 'utf8');
  assert.equal(guide, native(options, '--format', 'md', '--document', 'guide'));

  const zip = fs.readFileSync(await download(page, '#download-all'));
  assert.equal(zip.subarray(0, 2).toString(), 'PK');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload restores the draft; "start over" clears it', async () => {
  const { context, page, errors } = await open();
  await page.fill('#opt-mediator-name', 'Rowan Ellis');
  await page.check('#opt-recording-policy-settlement-terms-only');
  await settled(page);
  await page.reload();
  await page.waitForSelector('#preview-document .caucus-document h1');
  assert.equal(await page.inputValue('#opt-mediator-name'), 'Rowan Ellis');
  assert.ok(await page.isChecked('#opt-recording-policy-settlement-terms-only'));
  assert.match(await page.textContent('#preview-document'), /Rowan Ellis/);
  await shot(page, '06-restored');

  await page.click('#start-over');
  await settled(page);
  assert.equal(await page.inputValue('#opt-mediator-name'), '');
  assert.ok(await page.isChecked('#opt-recording-policy-prohibited'));
  assert.equal(await page.evaluate(() => localStorage.getItem('caucus.draft')), null);
  await page.reload();
  await page.waitForSelector('#preview-document .caucus-document h1');
  assert.equal(await page.inputValue('#opt-mediator-name'), '');
  assert.doesNotMatch(await page.textContent('#preview-document'), /Rowan Ellis/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The preview's document as markup, without the brief mark on a clause just changed. */
const documentMarkup = (page) =>
  page.$eval('#preview-document .caucus-document', (article) => {
    const copy = article.cloneNode(true);
    copy.querySelectorAll('.just-changed').forEach((clause) => clause.classList.remove('just-changed'));
    return copy.outerHTML;
  });

test('clauses changed in place show what the engine drew, as a fresh page does', async () => {
  const { context, page, errors } = await open();
  // Words and lists change, a clause goes and comes back, then goes again: every later
  // clause is renumbered and shown in the element of the clause before it.
  await page.fill('#opt-parties-0-name', 'Alder & Birch <Holdings>');
  await page.check('#opt-recording-policy-consent-of-all');
  await page.uncheck('#opt-breakout_rooms-enabled');
  await settled(page);
  await page.click('#opt-parties');
  await page.fill('#opt-parties-2-name', 'Cedar LLP');
  await page.check('#opt-breakout_rooms-enabled');
  await page.check('#opt-recording-policy-prohibited');
  await settled(page);
  await page.uncheck('#opt-breakout_rooms-enabled');
  await settled(page);
  // Words alone, last: each clause keeps its element and only its text changes.
  await page.fill('#opt-parties-0-name', 'Alder and Birch Holdings');
  await page.fill('#opt-mediator-name', 'Rowan Ellis');
  await settled(page);
  const changed = await documentMarkup(page);
  assert.match(changed, /Cedar LLP/);
  await page.reload();
  await page.waitForSelector('#preview-document .caucus-document h1');
  assert.equal(changed, await documentMarkup(page));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a share link carries the options only when asked, and opens them', async () => {
  const { context, page, errors } = await open();
  await page.fill('#opt-parties-1-name', 'Beta Logistics GmbH');
  await settled(page);
  assert.equal(new URL(page.url()).hash, '', 'no options in the address until asked');
  await page.click('#share-link');
  await page.locator('.notice.warning').waitFor();
  assert.match(await page.textContent('.notice.warning'), /names/);
  const link = page.url();
  assert.match(link, /#o=[A-Za-z0-9_-]+$/, 'the options travel compressed, in base64url');
  await shot(page, '07-share-link');

  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const second = await other.newPage();
  second.on('request', (request) => requested.push(request.url()));
  await second.goto(link);
  await second.waitForSelector('#preview-document .caucus-document h1');
  assert.equal(await second.inputValue('#opt-parties-1-name'), 'Beta Logistics GmbH');
  assert.equal(new URL(second.url()).hash, '', 'the options leave the address bar once loaded');
  await other.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('options load from JSON and TOML files; errors name the option', async () => {
  const { context, page, errors } = await open();
  await load(page, 'case.toml', '[mediator]\nname = "Kim Osei"\n[recording]\npolicy = "consent-of-all"\n');
  await page.locator('.notice.info').waitFor();
  assert.equal(await page.inputValue('#opt-mediator-name'), 'Kim Osei');
  assert.ok(await page.isChecked('#opt-recording-policy-consent-of-all'));

  await load(page, 'broken.json', JSON.stringify({ recording: { policy: 'sometimes' }, parties: [{ nmae: 'X' }] }));
  await page.locator('.notice.error').waitFor();
  const message = await page.textContent('.notice.error');
  assert.match(message, /recording\.policy/);
  assert.match(message, /parties\.0\.nmae/);
  assert.equal(await page.inputValue('#opt-mediator-name'), 'Kim Osei', 'a broken file changes nothing');
  await shot(page, '08-load-error');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the maximal option set: every document, input-to-preview time, tablet and print layouts', async () => {
  const { context, page, errors } = await open();
  await load(page, 'maximal.json', JSON.stringify(maximalOptions()));
  await page.locator('#tab-consent').waitFor();
  // Agreement, guide, invitations, consent statement and the host's checklist.
  assert.equal(await page.locator('[role="tab"]').count(), 5);
  assert.equal(await page.textContent('#tab-checklist'), 'Checklist');
  await shot(page, '09-maximal');

  // Three rounds of 100 keystrokes, each reported with the other measurements. The time
  // is a reported figure, not an assertion: a busy machine must not fail the tests (speed
  // targets are checked by benchmarks and reported figures). What is asserted is that
  // every keystroke reached the preview.
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    const times = await page.evaluate(measureKeystrokes, round);
    assert.equal(times.length, 100, 'every keystroke updated the preview');
    times.sort((a, b) => a - b);
    const roundP95 = times[Math.ceil(times.length * 0.95) - 1];
    rounds.push(`${times[Math.floor(times.length / 2)].toFixed(1)} ms / ${roundP95.toFixed(1)} ms`);
  }
  measured['input event to updated preview, maximal options (p50 / p95 per round)'] = rounds.join('; ');

  await page.click('#tab-consent');
  await settled(page);
  await shot(page, '10-consent');
  await page.emulateMedia({ media: 'print' });
  await shot(page, '11-print', { fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 820, height: 1180 });
  await settled(page);
  await shot(page, '12-tablet-portrait-options');
  await page.click('#show-preview');
  await settled(page);
  assert.ok(await page.isVisible('#preview-document'));
  await shot(page, '13-tablet-portrait-documents');
  await page.click('#show-form');
  await page.setViewportSize({ width: 1180, height: 820 });
  await settled(page);
  await shot(page, '14-tablet-landscape');
  assert.deepEqual(errors, []);
  await context.close();
});

test('size of everything the page loads, gzipped', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  let total = 0;
  const files = [];
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    const gz = zlib.gzipSync(body, { level: 9 }).length;
    total += gz;
    files.push(`${new URL(response.url()).pathname} ${gz}`);
  });
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${origin}/`);
  await page.waitForSelector('#preview-document .caucus-document h1');
  await page.waitForLoadState('networkidle');
  measured['gzipped size of everything loaded'] =
    `${(total / 1024).toFixed(0)} KB (${files.join(', ')})${total < 700 * 1024 ? '' : ' — over the 700 KB target'}`;
  await context.close();
});

test('no request leaves 127.0.0.1', () => {
  assert.ok(requested.length > 0);
  const outside = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'));
  assert.deepEqual(outside, []);
});

// ---------------------------------------------------------------------------------------
// Issue 13: the second edition of the app. One test per point, each failing if the point
// comes back.

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is and returns its serious and critical violations, as
 * "rule: target" lines. axe is injected through a context that bypasses the page's
 * Content-Security-Policy (the app itself runs under it in every other test).
 */
async function seriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

/**
 * The id of the focused element once it is `expected`, or after 5 s. The app moves the
 * focus in an effect after the render that draws the target, so on a busy machine it
 * arrives a moment after the action that asked for it.
 */
async function focusedId(page, expected) {
  await page
    .waitForFunction((id) => document.activeElement?.id === id, expected, { timeout: 5_000 })
    .catch(() => {});
  return page.evaluate(() => document.activeElement?.id);
}

/** A page in a context that lets axe-core in. */
async function openForAxe(viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  return open({ context });
}

test('13.3: a new party or attendee row is being filled in, not an error', async () => {
  const { context, page, errors } = await open();
  await page.click('#opt-parties');
  await settled(page);
  assert.equal(await focusedId(page, 'opt-parties-2-name'), 'opt-parties-2-name', 'the new row is ready to type in');
  assert.equal(await page.getAttribute('#opt-parties-2-name', 'placeholder'), '[Party 3]');
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'nothing is marked wrong');
  assert.equal(await page.locator('.stale').count(), 0, 'the preview follows');
  assert.equal(await page.locator('.document.is-stale').count(), 0);
  assert.equal(await page.isDisabled('#download-document'), false, 'downloads stay available');
  assert.match(await page.textContent('#preview-document'), /\[Party 3\]/, 'the documents hold its place');
  await page.click('#opt-parties-0-attendees');
  await settled(page);
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
  assert.equal(await page.locator('.checks .diagnostic.error').count(), 0);
  await page.fill('#opt-parties-2-name', 'Gamma Freight SA');
  await settled(page);
  assert.match(await page.textContent('#preview-document'), /Gamma Freight SA/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('13.1: a choice shows the words it puts into the documents', async () => {
  const { context, page, errors } = await open();
  await page.fill('#opt-parties-0-name', 'Acme Ltd');
  await page.click('#opt-parties-0-attendees');
  await page.fill('#opt-parties-0-attendees-0-name', 'Ann Lee');
  await settled(page);
  const select = '#opt-parties-0-attendees-0-capacity';
  assert.equal(await page.inputValue(select), 'party');
  const describedBy = (await page.getAttribute(select, 'aria-describedby')).split(' ');
  const words = await page.textContent(`#${describedBy[0]}`);
  assert.match(words, /with authority to settle/, 'the form says what the choice adds');
  assert.match(await page.textContent('#preview-document'), /Ann Lee[^.]*with authority to settle/, 'and the documents say it');
  await page.selectOption(select, 'lawyer');
  await settled(page);
  assert.match(await page.textContent(`#${(await page.getAttribute(select, 'aria-describedby')).split(' ')[0]}`), /"lawyer"/);
  // Radio buttons carry their words too.
  const radio = '#opt-recording-policy-consent-of-all';
  const radioWords = await page.getAttribute(radio, 'aria-describedby');
  assert.ok(radioWords, 'the recording choice is described');
  assert.ok((await page.textContent(`#${radioWords}`)).length > 20);
  assert.deepEqual(errors, []);
  await context.close();
});

test('13.4: each message sits beside its field, named by aria-describedby; the total never looks right beside a wrong share', async () => {
  const { context, page, errors } = await open();
  await page.check('#opt-costs-allocation-stated-shares');
  await page.fill('#opt-costs-shares-0', '60');
  await settled(page);
  const note = page.locator('#opt-costs-shares-message');
  await note.waitFor();
  assert.match(await note.textContent(), /110/);
  assert.match(await page.getAttribute('#opt-costs-shares', 'aria-describedby'), /opt-costs-shares-message/);
  await page.fill('#opt-costs-shares-1', 'forty');
  await page.locator('#opt-costs-shares-1-message').waitFor();
  assert.match(await page.textContent('#opt-costs-shares-1-message'), /forty/);
  assert.match(await page.getAttribute('#opt-costs-shares-1', 'aria-describedby'), /opt-costs-shares-1-message/);
  assert.equal(await page.getAttribute('#opt-costs-shares-1', 'aria-invalid'), 'true');
  const total = await page.textContent('.per-item .total');
  assert.doesNotMatch(total, /\d/, `no total beside a share that is not a number: ${total}`);
  await shot(page, '15-message-beside-field');
  await page.fill('#opt-costs-shares-1', '40');
  await settled(page);
  assert.equal(await page.locator('#opt-costs-shares-message, #opt-costs-shares-1-message').count(), 0, 'the messages go with the mistakes');
  assert.match(await page.textContent('.per-item .total'), /100/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('13.7: the page says what it does and promises privacy at the top; names are placeholders; no warning before the first change', async () => {
  const { context, page, errors } = await open();
  // The page's one h1 names the tool; the document shown has its own title inside its article.
  const pageHeadings = page.locator('h1:not(#preview-document h1)');
  assert.equal(await pageHeadings.count(), 1);
  assert.match(await pageHeadings.textContent(), /caucus/);
  const promise = page.locator('.privacy-promise');
  assert.match(await promise.textContent(), /Nothing you type leaves this device/);
  const box = await promise.boundingBox();
  assert.ok(box && box.y + box.height < 300, `the privacy promise is at the top (y = ${box?.y})`);
  assert.match(await page.textContent('.intro'), /Start here/);
  assert.equal(await page.inputValue('#opt-parties-0-name'), '', 'no made-up name to overwrite');
  assert.equal(await page.getAttribute('#opt-parties-0-name', 'placeholder'), '[Party 1]');
  assert.equal(await page.locator('.checks .diagnostic').count(), 0, 'nothing to review before starting');
  await page.fill('#opt-mediator-name', 'Dana Whitfield');
  await settled(page);
  assert.ok((await page.locator('.checks .diagnostic').count()) > 0, 'the notes appear once the user has started');
  assert.deepEqual(errors, []);
  await context.close();
});

test('13.8: keyboard path to Download, one h1, landmarks, and no serious or critical axe violation in any state', async () => {
  const { context, page, errors } = await openForAxe();
  // From the top of the page: the skip link, then the documents' tab and the downloads.
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Skip to the documents/);
  await page.keyboard.press('Enter');
  let stops = 1;
  while (stops < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'download-document') {
    await page.keyboard.press('Tab');
    stops += 1;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'download-document', 'Download is reached');
  assert.ok(stops <= 5, `Download is Tab stop ${stops} after the skip link`);
  for (const role of ['banner', 'main', 'contentinfo']) {
    assert.equal(await page.getByRole(role).count(), 1, `one ${role} landmark`);
  }
  assert.deepEqual(await seriousViolations(page), [], 'the fresh page');
  await page.check('#opt-costs-allocation-stated-shares');
  await page.fill('#opt-costs-shares-0', '60');
  await page.fill('#opt-costs-shares-1', 'forty');
  await page.selectOption('#opt-platform-kind', 'other');
  await settled(page);
  assert.ok(await page.isVisible('.stale'), 'the error state');
  assert.deepEqual(await seriousViolations(page), [], 'the error state');
  await page.selectOption('#opt-platform-kind', 'zoom');
  await page.fill('#opt-costs-shares-1', '40');
  await page.click('#tab-invitation');
  await settled(page);
  assert.deepEqual(await seriousViolations(page), [], 'the invitations');
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  assert.deepEqual(await seriousViolations(page), [], 'the phone layout');
  assert.deepEqual(errors, []);
  await context.close();
});

test('13.2: after an edit, the changed clause is in view even with the preview scrolled down', async () => {
  const { context, page, errors } = await open();
  assert.equal(
    await page.$eval('#preview-document', (e) => getComputedStyle(e).overflowAnchor),
    'none',
    'scroll anchoring is off in the preview',
  );
  for (const [field, value] of [
    ['#opt-mediator-name', 'Dana Whitfield'],
    ['#opt-parties-0-name', 'Acme Trading Ltd'],
  ]) {
    await page.$eval('#preview-document', (e) => e.scrollTo(0, e.scrollHeight));
    await settled(page);
    await page.fill(field, value);
    await settled(page);
    await settled(page);
    const where = await page.evaluate(() => {
      const view = document.getElementById('preview-document').getBoundingClientRect();
      const changed = document.querySelector('#preview-document .clause.just-changed');
      if (!changed) return null;
      const box = changed.getBoundingClientRect();
      return { top: box.top - view.top, bottom: box.bottom - view.top, height: view.height, text: changed.textContent };
    });
    assert.ok(where, 'a clause is marked as changed');
    assert.ok(where.text.includes(value), `the marked clause holds "${value}"`);
    assert.ok(where.bottom > 0 && where.top < where.height, `the changed clause is in view: ${JSON.stringify({ ...where, text: undefined })}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('13.6: one ready message per attendee, names filled in, each with its own copy button', async () => {
  const { context, page, errors } = await open();
  await page.fill('#opt-parties-0-name', 'Acme Ltd');
  await page.fill('#opt-parties-1-name', 'Beta Logistics GmbH');
  await page.click('#opt-parties-0-attendees');
  await page.fill('#opt-parties-0-attendees-0-name', 'Ann Lee');
  await page.click('#opt-parties-0-attendees');
  await page.fill('#opt-parties-0-attendees-1-name', 'Raj Patel');
  await page.selectOption('#opt-parties-0-attendees-1-capacity', 'lawyer');
  await page.$eval('#preview-document', (e) => e.scrollTo(0, e.scrollHeight));
  await page.click('#tab-invitation');
  await settled(page);
  assert.equal(await page.$eval('#preview-document', (e) => e.scrollTop), 0, 'the invitations open at their top');
  const text = await page.textContent('#preview-document');
  assert.match(text, /Dear Ann Lee,/);
  assert.match(text, /Dear Raj Patel,/);
  assert.doesNotMatch(text, /Raj Patel[^.]*please send me the names of everyone/i, 'no one is asked for names already given');
  // Two messages (link, passcode) for each of Ann Lee, Raj Patel and Beta's recipient.
  const buttons = page.locator('.copy-message button');
  assert.equal(await buttons.count(), 6);
  await buttons.nth(2).click();
  await page.locator('.notice.info').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^Subject: /);
  assert.match(copied, /Dear Raj Patel,/);
  assert.doesNotMatch(copied, /Ann Lee,/, 'one message, not the whole page');
  assert.doesNotMatch(copied, /Schedule the meeting/, 'the instructions stay apart');
  await shot(page, '16-invitations');
  assert.deepEqual(errors, []);
  await context.close();
});

test('13.9: a reload keeps the document tab', async () => {
  const { context, page, errors } = await open();
  await page.fill('#opt-mediator-name', 'Rowan Ellis');
  await page.click('#tab-guide');
  await settled(page);
  await page.reload();
  await page.waitForSelector('#preview-document .caucus-document h1');
  assert.equal(await page.getAttribute('#tab-guide', 'aria-selected'), 'true');
  assert.match(await page.textContent('#preview-document h1'), /Participant Guide/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('13.5: the time zone is chosen from core\'s list and the time is typed as people write it', async () => {
  const { context, page, errors } = await open();
  assert.equal(await page.$eval('#opt-case-time_zone', (e) => e.tagName), 'SELECT');
  assert.ok((await page.locator('#opt-case-time_zone option').count()) > 20);
  assert.equal(await page.getAttribute('#opt-case-date', 'placeholder'), '25 November 2026', 'British style: day first');
  await page.fill('#opt-case-date', '3/12/2026');
  await page.fill('#opt-case-time', '2:30 pm');
  await page.selectOption('#opt-case-time_zone', 'Europe/London');
  await settled(page);
  await page.click('#tab-invitation');
  await settled(page);
  assert.match(await page.textContent('#preview-document'), /3 December 2026, starting at 14:30 London time/);
  // In American style the same date and time read the American way, in the form too.
  await page.check('#opt-case-locale-en-US');
  await settled(page);
  assert.match(await page.textContent('#preview-document'), /December 3, 2026, starting at 2:30 p\.m\. London time/);
  await page.reload();
  await page.waitForSelector('#preview-document .caucus-document h1');
  assert.equal(await page.inputValue('#opt-case-date'), 'December 3, 2026');
  assert.equal(await page.$eval('#opt-case-date', (e) => e.type), 'text', 'no browser date control in another style');
  await page.fill('#opt-case-time', '25:00');
  await page.locator('#opt-case-time-message').waitFor();
  assert.match(await page.textContent('#opt-case-time-message'), /not a time/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots of the desktop and phone layouts (issue 13)', async () => {
  const { context, page, errors } = await open();
  await shot(page, '20-desktop-fresh');
  await page.fill('#opt-mediator-name', 'Dana Whitfield');
  await page.fill('#opt-parties-0-name', 'Northwind Logistics Ltd');
  await page.fill('#opt-parties-1-name', 'Fabrikam Insurance plc');
  await page.click('#opt-parties-0-attendees');
  await page.fill('#opt-parties-0-attendees-0-name', 'Ann Lee');
  await settled(page);
  await shot(page, '21-desktop-filled');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await settled(page);
  await shot(page, '22-phone-form');
  await page.click('#show-preview');
  await settled(page);
  await shot(page, '23-phone-documents');
  assert.deepEqual(errors, []);
  await context.close();
});

test('13.9: a share link is short, and a cut one is explained in plain words without losing the draft', async () => {
  const { context, page, errors } = await open();
  await page.fill('#opt-mediator-name', 'Dana Whitfield');
  await page.fill('#opt-parties-0-name', 'Northwind Logistics Ltd');
  await page.fill('#opt-parties-1-name', 'Fabrikam Insurance plc');
  await page.selectOption('#opt-platform-kind', 'microsoft-teams');
  await page.check('#opt-recording-policy-consent-of-all');
  await page.check('#opt-costs-allocation-stated-shares');
  await page.fill('#opt-costs-shares-0', '60');
  await page.fill('#opt-costs-shares-1', '40');
  await settled(page);
  await page.click('#share-link');
  await page.locator('.notice.warning').waitFor();
  const link = page.url();
  const fragment = new URL(link).hash;
  // What the link carries reads back as the options' JSON; the first edition put that
  // JSON percent-encoded into the link.
  const json = zlib.inflateRawSync(Buffer.from(fragment.slice('#o='.length), 'base64url')).toString('utf8');
  assert.equal(JSON.parse(json).mediator.name, 'Dana Whitfield');
  const before = encodeURIComponent(json).length;
  measured['share link of the issue\'s task'] = `${fragment.length} characters after # (percent-encoded JSON: ${before})`;
  assert.ok(fragment.length < before * 0.6, `the link's options take ${fragment.length} characters, against ${before}`);

  // The same browser (its draft saved) opens the link cut short, as a mail client might.
  const cut = link.slice(0, link.length - 12);
  await page.goto('about:blank');
  await page.goto(cut);
  await page.waitForSelector('#preview-document .caucus-document h1');
  const notice = await page.textContent('.notice.error');
  assert.match(notice, /link you opened is incomplete/);
  assert.doesNotMatch(notice, /error\[|JSON|syntax/i, 'no developer words');
  assert.equal(await page.inputValue('#opt-mediator-name'), 'Dana Whitfield', 'the draft is kept');
  await shot(page, '17-broken-link');

  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const second = await other.newPage();
  await second.goto(link);
  await second.waitForSelector('#preview-document .caucus-document h1');
  assert.equal(await second.inputValue('#opt-parties-1-name'), 'Fabrikam Insurance plc');
  assert.equal(await second.inputValue('#opt-costs-shares-0'), '60');
  await other.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('own wording: a clause edited in the preview is used, marked, kept over a reload and in the saved options, and reverted', async () => {
  const { context, page, errors } = await open();
  await page.fill('#opt-parties-0-name', 'Acme Ltd');
  await page.fill('#opt-parties-1-name', 'Beta Logistics GmbH');
  await settled(page);
  const id = 'recording-prohibited';
  // By keyboard: the button, then Enter (a click would race the preview's clauses
  // taking their real size as they scroll into view).
  await page.focus(`#edit-${id}`);
  await page.keyboard.press('Enter');
  const area = `#wording-${id}`;
  await page.waitForSelector(area);
  assert.equal(await focusedId(page, `wording-${id}`), `wording-${id}`, 'the editor takes the focus');
  assert.match(await page.inputValue(area), /record/i, 'it starts from the clause as it is');
  await page.fill(area, 'Nobody may record any part of the Mediation, in any form.');
  await shot(page, '18-own-wording-editor');
  await page.click(`#wording-${id}-use`);
  await settled(page);
  const clause = page.locator(`#clause-${id}`);
  assert.match(await clause.textContent(), /in any form/);
  assert.match(await clause.getAttribute('class'), /edited/);
  assert.ok(await page.isVisible('.edited-mark'));
  const saved = JSON.parse(fs.readFileSync(await download(page, '#save-options'), 'utf8'));
  assert.equal(saved.edits[id], 'Nobody may record any part of the Mediation, in any form.');
  await shot(page, '19-own-wording');

  // Another recording choice: the edit waits unused, with a warning; back again, it is used.
  await page.check('#opt-recording-policy-consent-of-all');
  await settled(page);
  assert.equal(await page.locator(`.checks [data-code="edit-unused"]`).count(), 1);
  await page.check('#opt-recording-policy-prohibited');
  await settled(page);
  await page.reload();
  await page.waitForSelector('#preview-document .caucus-document h1');
  assert.match(await page.textContent(`#clause-${id}`), /in any form/, 'kept over a reload');

  await page.focus(`#revert-${id}`);
  await page.keyboard.press('Enter');
  await settled(page);
  assert.doesNotMatch(await page.textContent(`#clause-${id}`), /in any form/);
  assert.equal(await page.locator('.edited-mark').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('serving: the server gzips what it sends and the app runs under its strict Content-Security-Policy', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const headers = {};
  page.on('response', (response) => {
    headers[new URL(response.url()).pathname] = response.headers();
  });
  const violations = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('#preview-document .caucus-document h1');
  const csp = headers['/']['content-security-policy'];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /style-src 'self'(;|$)/, 'no inline styles allowed');
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  for (const file of ['/', '/caucus_web_bg.wasm', '/caucus_web.js', '/style.css']) {
    assert.equal(headers[file]['content-encoding'], 'gzip', `${file} is gzipped`);
  }
  // The documents' styles arrive as a constructed stylesheet, not an inline <style>.
  const styled = await page.evaluate(() => ({
    adopted: document.adoptedStyleSheets.length,
    inline: document.querySelectorAll('style, [style]').length,
    clauseFont: getComputedStyle(document.querySelector('#preview-document .caucus-document')).fontFamily,
  }));
  assert.ok(styled.adopted >= 1);
  assert.equal(styled.inline, 0);
  assert.match(styled.clauseFont, /serif/i);
  assert.deepEqual(violations, []);
  await context.close();
});

test('while the module loads the page says it is starting, and the app replaces the message', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Hold the module back until the message has been seen.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route('**/caucus_web_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${origin}/`);
  const status = page.locator('[data-caucus-app] > p.starting[role="status"]');
  await status.waitFor();
  assert.equal(await status.textContent(), 'Starting caucus…');
  release();
  await page.waitForSelector('#preview-document .caucus-document h1');
  assert.equal(await page.locator('p.starting').count(), 0);
  await context.close();
});
