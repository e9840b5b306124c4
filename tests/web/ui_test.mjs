// Browser tests of dossier's web UI (web/) in real headless Chromium.
//
// Builds a store from examples/ and the team-written fixtures beside this
// file, starts `dossier serve --port 0` on it, drives Debian's chromium
// through playwright-core and checks the map, the timeline's brushing, the
// document and raw views, the sources view, search, the export menu, and that
// hostile articles render inert. Every number the UI shows is checked
// against the JSON API for the same filter. Screenshots of each view go to
// the artifacts directory.
//
// node tests/web/ui_test.mjs --dossier build/dossier --source . --artifacts build/test-artifacts/web
//
// One browser, one server; both are stopped on every exit path.

import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const SOURCE = path.resolve(arg('source', path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..')));
const DOSSIER = path.resolve(arg('dossier', path.join(SOURCE, 'build', 'dossier')));
const ARTIFACTS = path.resolve(arg('artifacts', path.join(SOURCE, 'build', 'test-artifacts', 'web')));
const FIXTURES = path.join(SOURCE, 'tests', 'web', 'fixtures');

let tmp = null;
let db = null;
let server = null;
let browser = null;
let page = null;
let base = null;
const pageErrors = [];
const consoleErrors = [];
const dialogs = [];
const offsite = [];

// Stop the server whatever happens; playwright stops its browser on exit.
function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    try { server.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', () => {
  stopServer();
  if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { stopServer(); process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)); });
}
// A watchdog: the whole run must not hang CTest.
setTimeout(() => {
  console.error('ui_test: gave up after 150 s');
  stopServer();
  process.exit(1);
}, 150000).unref();

async function api(p) {
  const res = await fetch(base + p);
  assert.equal(res.status, 200, `GET ${p} -> ${res.status}`);
  return res.json();
}

// Code point slicing, the unit of every offset in the API.
function cpSlice(s, a, b) {
  return Array.from(s).slice(a, b).join('');
}

// The text of every highlighted piece of #doc-text that carries span `id`,
// joined: a span split by other spans' boundaries comes back whole.
async function spanText(id) {
  return page.evaluate(sid => [...document.querySelectorAll('#doc-text [data-spans]')]
    .filter(e => e.dataset.spans.split(' ').includes(sid)).map(e => e.textContent).join(''), id);
}

// Markers on the map: single pins plus the counts of the cluster icons.
async function markerSum() {
  return page.evaluate(() => {
    let n = document.querySelectorAll('.leaflet-marker-pane .ev-pin').length;
    for (const c of document.querySelectorAll('.leaflet-marker-pane .ev-cluster span')) n += Number(c.textContent);
    return n;
  });
}

async function waitReady(sel) {
  await page.waitForSelector(`${sel}[data-ready="1"]`, {timeout: 15000});
}

async function waitMap() {
  await waitReady('#view-map');
  await waitReady('#map');
}

async function shot(name) {
  await page.screenshot({path: path.join(ARTIFACTS, `${name}.png`)});
}

function hashParams() {
  return page.evaluate(() => {
    const h = location.hash;
    const i = h.indexOf('?');
    return Object.fromEntries(new URLSearchParams(i < 0 ? '' : h.slice(i + 1)));
  });
}

async function docId(q) {
  const r = await api(`/api/documents?q=${encodeURIComponent(q)}&limit=5`);
  assert.ok(r.items.length >= 1, `no document matches ${q}`);
  return r.items[0].id;
}

before(async () => {
  // Clear messages for what is missing, before anything starts.
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/setup does)`);
  }
  if (!fs.existsSync(DOSSIER)) throw new Error(`dossier binary not found at ${DOSSIER}: build it first (scripts/build)`);
  const pwPath = path.join(SOURCE, 'deps', 'npm', 'node_modules', 'playwright-core', 'index.mjs');
  if (!fs.existsSync(pwPath)) throw new Error(`playwright-core not installed at ${pwPath}: run scripts/setup (npm ci in deps/npm)`);
  const {chromium} = await import(pathToFileURL(pwPath).href);
  fs.mkdirSync(ARTIFACTS, {recursive: true});

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-web-'));
  db = path.join(tmp, 'ui.db');
  const ing = spawnSync(DOSSIER, ['ingest', 'examples/', FIXTURES, '--db', db], {cwd: SOURCE, encoding: 'utf8', timeout: 60000});
  if (ing.status !== 0) throw new Error(`dossier ingest failed (${ing.status ?? ing.signal}): ${ing.stderr}`);

  server = spawn(DOSSIER, ['serve', '--db', db, '--port', '0'], {cwd: SOURCE, stdio: ['ignore', 'pipe', 'pipe']});
  let stderr = '';
  server.stderr.on('data', d => { stderr += d; });
  base = await new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`dossier serve printed no address within 20 s; stdout: ${out} stderr: ${stderr}`)), 20000);
    server.stdout.on('data', d => {
      out += d;
      const m = /dossier: serving (https?:\/\/[^\s/]+)\//.exec(out);
      if (m) { clearTimeout(t); resolve(m[1]); }
    });
    server.on('error', e => { clearTimeout(t); reject(new Error(`dossier serve did not start: ${e.message}`)); });
    server.on('exit', (code, sig) => { clearTimeout(t); reject(new Error(`dossier serve exited (${code ?? sig}) before serving: ${stderr}`)); });
  });

  try {
    browser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30000});
  } catch (e) {
    throw new Error(`chromium at ${CHROMIUM} did not start: ${e.message}`);
  }
  const ctx = await browser.newContext({viewport: {width: 1440, height: 900}});
  const host = new URL(base).host;
  ctx.on('request', r => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.host !== host) offsite.push(r.url());
  });
  page = await ctx.newPage();
  // Collected before any page script runs; init scripts are not subject to
  // the page's CSP.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', e => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  page.on('pageerror', e => pageErrors.push(e.message));
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('dialog', d => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.setDefaultTimeout(15000);
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  stopServer();
});

test('the map shows one marker per located event of the view', async () => {
  await page.goto(`${base}/#/map`);
  await waitMap();
  const fc = await api('/api/events.geojson');
  assert.ok(fc.features.length > 0, 'the test store has located events');
  assert.equal(await markerSum(), fc.features.length, 'markers (pins + cluster counts) = GeoJSON features');
  assert.equal(Number(await page.getAttribute('#map-count', 'data-count')), fc.features.length);
  const all = await api('/api/events?limit=1');
  assert.equal(Number(await page.getAttribute('#events-total', 'data-total')), all.total, 'event list total = /api/events total');
  // The legend lists the types present, with their colours.
  assert.ok(await page.locator('.legend .legend-item.t-ASSAULT').count() === 1);
  // The facet panel agrees with /api/facets.
  const facets = await api('/api/facets');
  const typeCount = await page.textContent('.facet-item[data-facet="type"][data-value="ASSAULT"] .count');
  assert.equal(Number(typeCount.replace(/,/g, '')), facets.type.find(t => t[0] === 'ASSAULT')[1]);
  await shot('map');
});

test('a marker opens its event card with the evidence and a link to the document', async () => {
  await page.click('.event-list .event-item >> nth=0');
  await page.waitForSelector('#card .card .evidence');
  const ev = (await api('/api/events?limit=1')).items[0];
  assert.equal(await page.textContent('#card .evidence'), ev.text);
  const trig = await page.textContent('#card .evidence .ev-trigger');
  assert.equal(trig, cpSlice(ev.text, ev.trigger_start - ev.start, ev.trigger_end - ev.start));
  const href = await page.getAttribute('#card .card-foot a', 'href');
  assert.equal(href, `#/doc/${ev.document_id}?event=${ev.event_id}`);
  // Clicking a marker (or a cluster, then a marker) opens a card too.
  await page.click('#card .close');
  const pin = page.locator('.leaflet-marker-pane .ev-pin').first();
  if (await pin.count()) {
    await pin.click();
    await page.waitForSelector('#card .card .evidence');
    const [docId, evId] = (await page.getAttribute('#card .card', 'data-event')).split('#');
    const full = (await api(`/api/events?document=${docId}&limit=500`)).items.find(e => e.event_id === evId);
    assert.ok(full && full.place_lat !== null, 'a marker is a located event');
    assert.equal(await page.textContent('#card .evidence'), full.text, 'the marker card shows its event');
  }
  await shot('map-card');
});

test('brushing the timeline narrows the map and the list, in agreement with the API', async () => {
  await page.goto(`${base}/#/map`);
  await waitMap();
  await waitReady('#timeline');
  const before = (await api('/api/events?limit=1')).total;
  const boxes = await page.$$eval('.tl-bin', els => els.map(e => {
    const r = e.getBoundingClientRect();
    return {x: r.x, w: r.width, start: e.dataset.start};
  }));
  assert.ok(boxes.length >= 3, `at least three non-empty bins (got ${boxes.length})`);
  const ov = await page.locator('.tl-overlay').boundingBox();
  const y = ov.y + ov.height * 0.4;
  // From the middle of the second non-empty bin to the middle of the
  // second-to-last: the first and last bins fall outside.
  const x0 = boxes[1].x + boxes[1].w / 2, x1 = boxes[boxes.length - 2].x + boxes[boxes.length - 2].w / 2;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, y, {steps: 4});
  await page.mouse.move(x1, y, {steps: 4});
  await page.mouse.up();
  await page.waitForFunction(() => location.hash.includes('from=') && location.hash.includes('to='));
  await waitMap();
  const {from, to} = await hashParams();
  assert.match(from, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(to, /^\d{4}-\d{2}-\d{2}$/);
  const q = `from=${from}&to=${to}`;
  const narrowed = (await api(`/api/events?${q}&limit=1`)).total;
  assert.ok(narrowed > 0 && narrowed < before, `brushing narrows (${before} -> ${narrowed})`);
  await page.waitForFunction(n => Number(document.querySelector('#events-total')?.dataset.total) === n, narrowed);
  const fc = await api(`/api/events.geojson?${q}`);
  assert.equal(await markerSum(), fc.features.length, 'markers after brushing = GeoJSON features for from/to');
  // The facets follow the brush as well.
  const facets = await api(`/api/facets?${q}`);
  assert.match(await page.textContent('#facets .panel-title'), new RegExp(`${facets.total} events`));
  // The export menu exports the brushed filter.
  const csvHref = await page.getAttribute('#export-links a[data-format="csv"]', 'href');
  assert.ok(csvHref.includes(`from=${from}`) && csvHref.includes(`to=${to}`), csvHref);
  const csv = await fetch(base + csvHref);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  // ... byte for byte what the command line exports for the same filter.
  const cli = spawnSync(DOSSIER, ['export', '--db', db, '--what', 'events', '--format', 'csv', '--from', from, '--to', to],
    {cwd: SOURCE, encoding: 'utf8', timeout: 30000});
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(await csv.text(), cli.stdout, 'the UI export equals dossier export for the same filter');
  await shot('timeline-brushed');
});

test('the facets work from the keyboard and agree with the API', async () => {
  await page.goto(`${base}/#/map`);
  await waitMap();
  const item = page.locator('.facet-item[data-facet="type"][data-value="ASSAULT"]');
  await item.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.includes('type=ASSAULT'));
  // The view reloads after the hash change, but until the reload starts the
  // old view still reads as ready (a race under load): wait for the facet
  // list drawn for the new filter first, then for the view.
  await page.waitForFunction(
    () => document.querySelector('.facet-item[data-facet="type"][data-value="ASSAULT"]')
      ?.getAttribute('aria-pressed') === 'true', null, {timeout: 15000}).catch(() => {});
  await waitMap();
  assert.equal(await item.getAttribute('aria-pressed'), 'true');
  const fc = await api('/api/events.geojson?type=ASSAULT');
  assert.equal(await markerSum(), fc.features.length, 'markers = GeoJSON features for type=ASSAULT');
  // (The list re-renders after the map is ready: wait for its total.)
  const assaults = (await api('/api/events?type=ASSAULT&limit=1')).total;
  await page.waitForFunction(n => Number(document.querySelector('#events-total')?.dataset.total) === n, assaults);
  await page.locator('.facet-item[data-facet="type"][data-value="ASSAULT"]').focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !location.hash.includes('type='));
  await waitMap();
});

test('month- and year-dated events are spans, not day bars; undated are counted', async () => {
  await page.goto(`${base}/#/map`);
  await waitMap();
  await waitReady('#timeline');
  const tl = await api('/api/timeline?bin=month');
  assert.ok(tl.coarse.some(c => c.value === '2022-03' && c.precision === 'month'), 'fixture has a March 2022 event');
  const span = page.locator('.tl-coarse[data-value="2022-03"] rect');
  assert.equal(await span.count(), 1, 'the March 2022 event is drawn as a span');
  // A month span is as wide as its 31 days, not one day's bar.
  const w = (await span.boundingBox()).width;
  const perDay = await page.evaluate(() => {
    const b = document.querySelector('.tl-bin');
    const days = (Date.parse(b.dataset.end) - Date.parse(b.dataset.start)) / 86400000 + 1;
    return b.querySelector('rect').getBBox().width / days;
  });
  assert.ok(w >= perDay * 28, `the March 2022 span is ${w}px wide; a day is ${perDay}px`);
  assert.equal(await page.locator('.tl-bin[data-start="2022-03-01"]').count(), 0, 'no day-1 bar for a month date');
  const undated = await page.textContent('#tl-undated');
  assert.equal(Number(undated.replace(/[^0-9]/g, '')), tl.undated);
  // Clearing the brush brings every event back.
  await page.goto(`${base}/#/map?from=2022-01-01&to=2022-12-31`);
  await waitMap();
  assert.ok(await page.locator('.tl-sel').getAttribute('width') > 0, 'the brushed range is drawn');
  await page.click('.tl-range button');
  await page.waitForFunction(() => !location.hash.includes('from='));
  await waitMap();
  const all = (await api('/api/events?limit=1')).total;
  await page.waitForFunction(n => Number(document.querySelector('#events-total')?.dataset.total) === n, all);
});

test('the document view highlights spans whose text is the text they point at', async () => {
  const id = await docId('Rifaat');
  const doc = await api(`/api/documents/${id}`);
  const rec = doc.record;
  await page.goto(`${base}/#/doc/${id}`);
  await waitReady('#view-doc');
  const checks = ['Tal Rifaat', 'Syrian Democratic Forces', 'Manbij', 'March 2022', 'United Nations'];
  for (const name of checks) {
    const m = rec.entities.find(e => e.text === name);
    assert.ok(m, `entity ${name} in the record`);
    assert.equal(cpSlice(rec.text, m.start, m.end), name);
    assert.equal(await spanText(m.id), name, `highlight of ${name} (${m.id})`);
    const cls = await page.$eval(`#doc-text [data-spans~="${m.id}"]`, e => e.className);
    assert.ok(cls.includes(`e-${m.kind}`), `${name} coloured as ${m.kind}: ${cls}`);
  }
  for (const ev of rec.events) {
    assert.equal(await spanText(ev.id), cpSlice(rec.text, ev.trigger.start, ev.trigger.end), `trigger of ${ev.id}`);
  }
  for (const [i, mk] of rec.markers.entries()) {
    assert.equal(await spanText(`mk${i}`), cpSlice(rec.text, mk.start, mk.end), `marker ${mk.technique}`);
  }
  for (const [i, v] of rec.voice.entries()) {
    assert.equal(await spanText(`vo${i}`), cpSlice(rec.text, v.start, v.end), `voice record ${i}`);
  }
  assert.ok(await page.locator('#doc-text .v-attributed').count() > 0, 'attributed voice shown');
  // Details of a highlight: the place's entry and coordinates.
  const manbij = rec.entities.find(e => e.text === 'Manbij');
  await page.click(`#doc-text [data-spans~="${manbij.id}"]`);
  const insp = await page.textContent('.inspector');
  assert.ok(insp.includes(manbij.ref), `inspector names ${manbij.ref}`);
  assert.ok(insp.includes(manbij.geo.lat.toFixed(4)), 'inspector gives coordinates');
  // Layer toggles hide a layer's colours.
  await page.uncheck('input[data-layer="entities"]');
  assert.ok(await page.$eval('#doc-text', e => e.classList.contains('hide-entities')));
  await page.check('input[data-layer="entities"]');
  // Claims sorted by check-worthiness.
  const scores = await page.$$eval('.claims .score', els => els.map(e => Number(e.textContent)));
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  await shot('document');
  // The event link scrolls to the event and shows its card.
  await page.goto(`${base}/#/doc/${id}?event=v2`);
  await waitReady('#view-doc');
  await page.waitForFunction(() => document.activeElement?.dataset?.spans?.split(' ').includes('v2'));
  const v2 = rec.events.find(e => e.id === 'v2');
  assert.ok((await page.textContent('.inspector .evidence')).includes(v2.trigger.text), 'the event card is shown');
  await shot('document-event');
});

test('the raw view shows the input as text with the same spans mapped', async () => {
  const id = await docId('Rifaat');
  const rec = (await api(`/api/documents/${id}`)).record;
  const raw = await api(`/api/documents/${id}/raw`);
  await page.goto(`${base}/#/doc/${id}`);
  await waitReady('#view-doc');
  await page.click('.raw-toggle');
  await page.waitForSelector('#doc-text[data-mode="raw"]');
  await waitReady('#view-doc');
  // map: [text_begin, text_end, raw_begin, raw_end, copy]
  const mapBegin = s => {
    const p = raw.map.find(([tb, te]) => tb <= s && s < te) ?? raw.map[raw.map.length - 1];
    return p[4] ? p[2] + (s - p[0]) : p[2];
  };
  const mapEnd = e => {
    const p = raw.map.find(([tb, te]) => tb < e && e <= te) ?? raw.map[0];
    return p[4] ? p[2] + (e - p[0]) : p[3];
  };
  for (const name of ['Tal Rifaat', 'Manbij', 'Syrian Democratic Forces']) {
    const m = rec.entities.find(e => e.text === name);
    const [rb, re] = [mapBegin(m.start), mapEnd(m.end)];
    assert.deepEqual([rb, re], m.raw, `map agrees with the mention's raw offsets for ${name}`);
    assert.equal(await spanText(m.id), cpSlice(raw.raw, rb, re), `raw highlight of ${name}`);
    assert.equal(await spanText(m.id), name);
  }
  assert.equal(await page.textContent('#doc-text'), raw.raw, 'the whole raw input is shown, as text');
  await shot('document-raw');
});

test('the sources view lists outlets and the republication family', async () => {
  await page.goto(`${base}/#/sources`);
  await waitReady('#view-sources');
  const outlets = await api('/api/outlets?limit=100');
  const names = await page.$$eval('.outlets-table tbody tr td:first-child', els => els.map(e => e.textContent));
  for (const o of outlets.items.filter(o => o.outlet)) assert.ok(names.includes(o.outlet), `outlet ${o.outlet} listed`);
  for (const o of ['The Harbour Gazette', 'Crossroads Daily', 'The Ridge Report']) assert.ok(names.includes(o), o);
  const fams = await api('/api/provenance');
  const fam = fams.items.find(f => f.members.some(m => m.outlet === 'Crossroads Daily'));
  assert.ok(fam, 'the fixture pair is a family');
  assert.equal(fam.origin.outlet, 'The Harbour Gazette', 'the origin is the original');
  const rep = fam.members.find(m => m.outlet === 'Crossroads Daily');
  assert.equal(rep.relation, 'republication');
  const card = page.locator('.family-card', {hasText: 'Crossroads Daily'});
  assert.equal(await card.count(), 1);
  const text = await card.textContent();
  assert.ok(text.includes('Water Station Knocked Out in Hasakah') && text.includes('republication'), text);
  await shot('sources');
});

test('search lists documents with marked hits and filters the map', async () => {
  await page.goto(`${base}/#/map`);
  await waitMap();
  await page.fill('#search-q', 'Hasakah');
  await page.press('#search-q', 'Enter');
  await waitReady('#view-search');
  const r = await api('/api/documents?q=Hasakah&limit=20');
  assert.equal(Number(await page.textContent('#search-total')), r.total);
  assert.ok(r.total >= 2);
  const marks = await page.$$eval('.snippet mark', els => els.map(e => e.textContent));
  assert.ok(marks.length > 0 && marks.every(m => /hasakah/i.test(m)), `hits marked: ${marks}`);
  await shot('search');
  await page.click('#view-search a[href^="#/map"]');
  await waitMap();
  const fc = await api('/api/events.geojson?q=Hasakah');
  assert.equal(await markerSum(), fc.features.length, 'the search filters the map');
  assert.equal((await hashParams()).q, 'Hasakah');
  await page.click('#filterbar .chip[data-key="q"] button');
  await page.waitForFunction(() => !location.hash.includes('q='));
  await waitMap();
});

test('the documents list pages and links to documents', async () => {
  await page.goto(`${base}/#/docs`);
  await waitReady('#view-docs');
  const r = await api('/api/documents?limit=50');
  assert.equal(await page.locator('.docs-table tbody tr').count(), Math.min(50, r.total));
  await shot('documents');
});

test('hostile articles render inert', async () => {
  const scriptsBefore = await page.evaluate(() => document.scripts.length);
  for (const q of ['shattered', 'Saraqib']) {
    const id = await docId(q);
    const rec = (await api(`/api/documents/${id}`)).record;
    await page.goto(`${base}/#/doc/${id}`);
    await waitReady('#view-doc');
    assert.equal(await page.textContent('.doc-title'), rec.meta.title, 'the title with markup is shown as text');
    const shown = await page.textContent('#doc-text');
    assert.equal(shown, rec.text, 'the text with markup is shown as text');
    assert.ok(/<script>|&lt;script&gt;|<\/style>/.test(shown), 'the hostile text is visible');
    await page.click('.raw-toggle');
    await page.waitForSelector('#doc-text[data-mode="raw"]');
    await waitReady('#view-doc');
    const raw = await api(`/api/documents/${id}/raw`);
    assert.equal(await page.textContent('#doc-text'), raw.raw, 'the raw input is shown as text');
    await shot(`hostile-${q.toLowerCase()}`);
  }
  // The hostile events on the map: their cards show the text as text.
  await page.goto(`${base}/#/map?q=Saraqib`);
  await waitMap();
  await page.click('.event-list .event-item >> nth=0');
  await page.waitForSelector('#card .card .evidence');
  await page.fill('#search-q', 'pwned');
  await page.press('#search-q', 'Enter');
  await waitReady('#view-search');
  await shot('hostile-search');
  await page.goto(`${base}/#/sources`);
  await waitReady('#view-sources');

  const state = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    scripts: document.scripts.length,
    bodyScripts: document.querySelectorAll('body script').length,
    injected: document.querySelectorAll('body img, body iframe, body object, body embed, body style, body b, body i, body svg:not(.tl), body [onerror], body [onload]').length,
    badLinks: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
      .filter(h => !(h.startsWith('#') || h.startsWith('/api/') || /^https?:\/\//.test(h))),
    bodyDisplay: getComputedStyle(document.body).display,
    csp: window.__csp,
  }));
  assert.equal(state.pwned, null, 'no hostile script ran');
  assert.equal(state.scripts, scriptsBefore, 'no script element was added');
  assert.equal(state.bodyScripts, 0);
  assert.equal(state.injected, 0, 'no element was created from article text');
  assert.deepEqual(state.badLinks, [], 'only route and http(s) links');
  assert.notEqual(state.bodyDisplay, 'none', 'injected CSS did not apply');
  assert.deepEqual(state.csp, [], 'no CSP violation on this page');
  // The javascript: URL of the JSONL record is shown, not linked.
  const id = await docId('Saraqib');
  await page.goto(`${base}/#/doc/${id}`);
  await waitReady('#view-doc');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  assert.ok((await page.textContent('.doc-side')).includes("javascript:window.__pwned='url'"));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
});

test('no dialog, page error, CSP violation or off-site request in the whole run', async () => {
  assert.deepEqual(dialogs, [], 'dialogs');
  assert.deepEqual(pageErrors, [], 'page errors');
  assert.deepEqual(consoleErrors.filter(t => /Content Security Policy|Refused to/i.test(t)), [], 'CSP reports on the console');
  assert.deepEqual(consoleErrors, [], 'console errors');
  assert.deepEqual(offsite, [], 'requests that left the server');
});
