// Browser tests of the drafting app (web/app), in headless Chromium via playwright-core.
//
// Build first: `cargo xtask web app` (cargo xtask test does). The test serves web/app/dist
// with a tiny static server on a free 127.0.0.1 port, drives the app as a mediator would,
// compares its downloads with the native engine (`cargo run -q -- generate`), saves
// screenshots of the main states under target/screenshots/, and measures speed and size.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(repo, 'web/app/dist');
const screenshots = path.join(repo, 'target/screenshots');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'caucus-app-test-'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

let server;
let origin;
let browser;
/** Every URL any page requested, over the whole run. */
const requested = [];
/** Measurements, printed at the end. */
const measured = {};

/** Serves `dist` read-only; nothing outside it. */
function serve() {
  return http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let file = path.normalize(path.join(dist, pathname));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    res.end(fs.readFileSync(file));
  });
}

before(async () => {
  assert.ok(
    fs.existsSync(path.join(dist, 'index.html')) && fs.existsSync(path.join(dist, 'caucus_web_bg.wasm')),
    `${dist} is not built: run \`cargo xtask web app\` first`,
  );
  fs.mkdirSync(screenshots, { recursive: true });
  server = serve();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
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
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
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
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'opt-costs-shares-0');
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

test('a share link carries the options only when asked, and opens them', async () => {
  const { context, page, errors } = await open();
  await page.fill('#opt-parties-1-name', 'Beta Logistics GmbH');
  await settled(page);
  assert.equal(new URL(page.url()).hash, '', 'no options in the address until asked');
  await page.click('#share-link');
  await page.locator('.notice.warning').waitFor();
  assert.match(await page.textContent('.notice.warning'), /names/);
  const link = page.url();
  assert.match(link, /#options=/);
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
