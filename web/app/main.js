// dossier's web UI: hash routing between the map (#/map?<filter>), the
// documents list (#/docs), one document (#/doc/ID), the sources view
// (#/sources) and search (#/search?q=). One event filter is shared by the
// map, the timeline, the facets, the lists, the search and the export menu.

import {h, replace, fmtDate} from './dom.js';
import {params, filterFrom, without} from './api.js';
import {MapView} from './mapview.js';
import {DocView} from './doc.js';
import {DocsView, SearchView, SourcesView} from './pages.js';
import {typeLabel} from './colors.js';

const state = {filter: {}, view: null};

function toast(msg) {
  const el = document.getElementById('toast');
  el.textContent = String(msg);
  el.hidden = false;
  clearTimeout(toast.t);
  toast.t = setTimeout(() => { el.hidden = true; }, 6000);
}

const views = {
  map: new MapView({setFilter, toast}),
  doc: new DocView({toast}),
  docs: new DocsView({toast}),
  search: new SearchView({toast}),
  sources: new SourcesView({toast, setFilter}),
};

// Changes the shared filter. On the map the hash follows (replaced, so the
// back button leaves the map rather than undoing each click).
function setFilter(f) {
  state.filter = clean(f);
  if (state.view === 'map') {
    const qs = params(state.filter).toString();
    history.replaceState(null, '', `#/map${qs ? '?' + qs : ''}`);
  }
  filterChanged();
}

function clean(f) {
  const out = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    out[k] = v;
  }
  return out;
}

function filterChanged() {
  views.map.update(state.filter);
  const qs = params(state.filter).toString();
  document.querySelector('nav a[data-view="map"]').setAttribute('href', `#/map${qs ? '?' + qs : ''}`);
  document.querySelector('a.brand').setAttribute('href', `#/map${qs ? '?' + qs : ''}`);
  renderFilterBar();
  renderExport();
  const qIn = document.getElementById('search-q');
  if (document.activeElement !== qIn) qIn.value = state.filter.q ?? '';
}

const LABELS = {q: 'search', type: 'type', voice: 'voice', actor: 'actor', target: 'target', place: 'place',
  country: 'country', outlet: 'outlet', from: 'from', to: 'to', cluster: 'cluster', document: 'document',
  mode: 'mode', bbox: 'box', min_confidence: 'confidence ≥', repeats: 'repeats', asserted: 'asserted only'};

function renderFilterBar() {
  const bar = document.getElementById('filterbar');
  const f = state.filter;
  const keys = Object.keys(f);
  if (!keys.length) {
    replace(bar, h('span', {class: 'muted'}, 'All events · choose facets, brush the timeline or search to narrow.'));
    return;
  }
  replace(bar, h('span', {class: 'fb-label'}, 'Filter:'),
    keys.map(k => {
      const v = Array.isArray(f[k]) ? f[k].map(x => k === 'type' ? typeLabel(x) : x).join(', ') : (k === 'from' || k === 'to' ? fmtDate(f[k]) : f[k]);
      return h('span', {class: 'chip', dataset: {key: k}}, `${LABELS[k] ?? k}: ${v} `,
        h('button', {type: 'button', 'aria-label': `Remove ${LABELS[k] ?? k}`, on: {click: () => setFilter(without(f, k))}}, '×'));
    }),
    h('button', {type: 'button', class: 'linkish', on: {click: () => setFilter({})}}, 'clear all'),
    state.view !== 'map' ? h('a', {href: `#/map?${params(f)}`, class: 'fb-map'}, 'show on map →') : null);
}

function renderExport() {
  const el = document.getElementById('export-links');
  const link = (format, label) => h('a', {href: `/api/export?${params(state.filter, {what: 'events', format})}`, download: `dossier-events.${format === 'jsonl' ? 'jsonl' : format}`, dataset: {format}}, label);
  replace(el, h('p', {class: 'muted'}, 'Events of the current filter, as `dossier export` writes them:'),
    h('ul', null, h('li', null, link('csv', 'CSV (ACLED-style columns)')), h('li', null, link('jsonl', 'JSON Lines')), h('li', null, link('geojson', 'GeoJSON'))));
}

function show(name) {
  state.view = name;
  for (const v of ['map', 'docs', 'doc', 'sources', 'search']) {
    document.getElementById(`view-${v}`).hidden = v !== name;
  }
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    if (a.dataset.view === name || (name === 'doc' && a.dataset.view === 'docs')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (name !== 'map') views.map.hide();
  if (name !== 'doc') document.title = 'dossier';
}

function onRoute() {
  const raw = location.hash.replace(/^#/, '') || '/map';
  const qi = raw.indexOf('?');
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const search = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
  const parts = path.split('/').filter(Boolean);
  const name = parts[0] ?? 'map';
  document.body.dataset.route = name;
  if (name === 'doc' && parts[1]) {
    show('doc');
    views.doc.open(decodeURIComponent(parts[1]), {event: search.get('event'), raw: search.get('raw') === '1'});
  } else if (name === 'docs') {
    show('docs');
    views.docs.open(search);
  } else if (name === 'sources') {
    show('sources');
    views.sources.open();
  } else if (name === 'search') {
    show('search');
    const q = search.get('q') ?? '';
    state.filter = clean({...state.filter, q});
    filterChanged();
    views.search.open(q, Number(search.get('offset') ?? 0) || 0, without(state.filter, 'q'));
  } else {
    show('map');
    if (name !== 'map') history.replaceState(null, '', '#/map');
    state.filter = clean(filterFrom(search));
    filterChanged();
    views.map.show();
  }
  renderFilterBar();
}

document.getElementById('search-form').addEventListener('submit', e => {
  e.preventDefault();
  const q = document.getElementById('search-q').value.trim();
  if (q) location.hash = `#/search?${new URLSearchParams({q})}`;
  else setFilter(without(state.filter, 'q'));
});

// Escape closes the export menu and the event card.
document.addEventListener('keydown', e => {
  if (e.key !== 'Escape') return;
  document.getElementById('export').open = false;
  document.getElementById('card').replaceChildren();
});

window.addEventListener('hashchange', onRoute);
onRoute();
