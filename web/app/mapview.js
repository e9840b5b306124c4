// The map view: facets on the left, the map, the event card and the paged
// event list on the right, the timeline below. Everything is driven by one
// event filter; changes are debounced and every request supersedes the
// previous one of its kind, so a fast series of clicks costs one round.

import {h, replace, fmtNum, pager, debounce} from './dom.js';
import {get, params, without, isAbort} from './api.js';
import {EventMap} from './map.js';
import {Timeline, autoBin, axisRange} from './timeline.js';
import {renderFacets} from './facets.js';
import {renderCard} from './card.js';
import {typeLabel} from './colors.js';
import {token, fmtDate} from './dom.js';

const PAGE = 50;
// The properties a marker needs (its colour, title and identity); a clicked
// marker's full event comes from /api/events?document=ID.
const MAP_FIELDS = 'document_id,event_id,plover,mode,trigger_text,date_value,date_precision,place_text,dead_value';

export class MapView {
  constructor({setFilter, toast}) {
    this.setFilter = setFilter;
    this.toast = toast;
    this.filter = {};
    this.loadedKey = null;
    this.visible = false;
    this.docCache = new Map();
    this.facetsEl = document.getElementById('facets');
    this.cardEl = document.getElementById('card');
    this.listEl = document.getElementById('event-list');
    this.statusEl = document.getElementById('map-status');
    this.map = new EventMap(document.getElementById('map'), document.getElementById('legend'), {
      onSelect: p => this.select(p, false),
      onType: t => {
        const cur = new Set(this.filter.type ?? []);
        cur.has(t) ? cur.delete(t) : cur.add(t);
        this.setFilter({...this.filter, type: [...cur]});
      },
    });
    this.timeline = new Timeline(document.getElementById('timeline'), {
      onBrush: (from, to) => {
        const f = without(this.filter, 'from', 'to');
        if (from) f.from = from;
        if (to) f.to = to;
        this.setFilter(f);
      },
      onBin: b => { this.timeline.binChoice = b; this.tlKey = null; this.loadTimeline(this.filter); },
    });
    this.basemap = this.map.loadBasemap().catch(e => this.toast(`Basemap not loaded: ${e.message}`));
    this.debouncedLoad = debounce(() => this.load(), 200);
  }

  show() {
    this.visible = true;
    this.map.invalidate();
    if (this.key(this.filter) !== this.loadedKey) this.load();
  }

  hide() {
    this.visible = false;
  }

  key(f) {
    return params(f).toString();
  }

  update(filter) {
    if (this.key(filter) !== this.key(this.filter)) this.cardEl.replaceChildren();
    this.filter = filter;
    if (this.visible && this.key(filter) !== this.loadedKey) {
      document.getElementById('view-map').dataset.ready = '0';
      this.debouncedLoad();
    }
  }

  async load() {
    const f = this.filter;
    const key = this.key(f);
    this.loadedKey = key;
    const root = document.getElementById('view-map');
    root.dataset.ready = '0';
    try {
      await this.basemap;
      await Promise.all([this.loadMap(f), this.loadFacets(f), this.loadTimeline(f), this.loadList(f, 0)]);
      if (this.loadedKey === key) root.dataset.ready = '1';
    } catch (e) {
      if (!isAbort(e)) this.toast(`Could not load events: ${e.message}`);
    }
  }

  async loadMap(f) {
    const fc = await get('/api/events.geojson', params(f, {fields: MAP_FIELDS}), 'geo');
    this.statusEl.textContent = 'placing markers…';
    const n = await this.map.setEvents(fc);
    replace(this.statusEl,
      h('span', {id: 'map-count', dataset: {count: n}}, fmtNum(n)),
      ` event${n === 1 ? '' : 's'} on the map`,
      fc.truncated ? h('strong', {class: 'warn'}, ` (first ${fmtNum(n)} of ${fmtNum(fc.total)}: narrow the filter)`) : null);
  }

  // A chosen type or voice would hide the other types' or voices' counts, so
  // those groups are counted without their own choice (one more request
  // each, only while something is chosen there).
  async loadFacets(f) {
    const multi = ['type', 'voice'].filter(k => f[k]?.length);
    const [facets, ...others] = await Promise.all([
      get('/api/facets', params(f), 'facets'),
      ...multi.map(k => get('/api/facets', params(without(f, k)), `facets-${k}`)),
    ]);
    multi.forEach((k, i) => { facets[k] = others[i][k]; });
    renderFacets(this.facetsEl, facets, f, nf => this.setFilter(nf));
  }

  // The timeline shows the whole filtered range (without from/to) so the
  // brush can widen again; the bin follows the range unless chosen.
  async loadTimeline(f) {
    const base = without(f, 'from', 'to');
    const key = this.key(base) + '|' + this.timeline.binChoice;
    if (key !== this.tlKey) {
      let bin = this.timeline.binChoice;
      let data;
      if (bin === 'auto') {
        data = await get('/api/timeline', params(base, {bin: 'month'}), 'timeline');
        const r = axisRange(data, false);
        bin = r ? autoBin((r.t1 - r.t0) / 86400000, (r.full[1] - r.full[0]) / 86400000) : 'month';
        if (bin !== 'month') data = await get('/api/timeline', params(base, {bin}), 'timeline');
      } else {
        data = await get('/api/timeline', params(base, {bin}), 'timeline');
      }
      this.tlKey = key;
      this.tlData = data;
    }
    this.timeline.render(this.tlData, f.from, f.to);
  }

  async loadList(f, offset) {
    const page = await get('/api/events', params(f, {limit: PAGE, offset}), 'events');
    replace(this.listEl,
      h('h2', {class: 'panel-title'}, h('span', {id: 'events-total', dataset: {total: page.total}}, fmtNum(page.total)), ` event${page.total === 1 ? '' : 's'}`,
        h('span', {class: 'muted'}, ' (with and without coordinates)')),
      h('ol', {class: 'events', start: offset + 1}, page.items.map(ev => h('li', null,
        h('button', {type: 'button', class: `event-item t-${token(ev.plover)}`, dataset: {event: `${ev.document_id}#${ev.event_id}`},
          on: {click: () => this.select(ev, true)}},
          h('span', {class: 'swatch', 'aria-hidden': 'true'}),
          h('span', {class: 'ev-line'},
            h('strong', null, typeLabel(ev.plover)), ' ', ev.trigger_text ?? '',
            ev.place_text ? ` · ${ev.place_text}` : '',
            h('span', {class: 'muted'}, ` · ${ev.date_value ? fmtDate(ev.date_value, ev.date_precision) : 'undated'}`)),
          h('span', {class: 'ev-doc muted'}, [ev.title ?? '(untitled)', ev.outlet].filter(Boolean).join(' — ')))))),
      pager(page, o => this.loadList(this.filter, o).catch(e => { if (!isAbort(e)) this.toast(e.message); })));
  }

  async select(ev, fromList) {
    if (fromList) this.map.focus(ev.document_id, ev.event_id);
    const key = `${ev.document_id}#${ev.event_id}`;
    this.selectedKey = key;
    const close = () => { this.selectedKey = null; this.cardEl.replaceChildren(); };
    let full = ev.text !== undefined ? ev : null;
    if (full) replace(this.cardEl, renderCard(full, null, {onClose: close}));
    else replace(this.cardEl, h('article', {class: 'card loading', dataset: {event: key}}, 'Loading the event…'));
    try {
      const [doc, evs] = await Promise.all([
        this.document(ev.document_id),
        full ? null : get('/api/events', new URLSearchParams({document: ev.document_id, limit: 500}), 'card-events'),
      ]);
      if (!full) full = evs.items.find(e => e.event_id === ev.event_id);
      if (this.selectedKey !== key) return;
      if (!full) { replace(this.cardEl, h('p', {class: 'error'}, 'This event is no longer in the store.')); return; }
      replace(this.cardEl, renderCard(full, doc, {onClose: close}));
    } catch (e) {
      if (!isAbort(e)) this.toast(`Event not loaded: ${e.message}`);
    }
  }

  // The /api/documents/{id} answer, from a small cache.
  async document(id) {
    let doc = this.docCache.get(id);
    if (!doc) {
      doc = await get(`/api/documents/${encodeURIComponent(id)}`, null, 'card-doc');
      this.docCache.set(id, doc);
      if (this.docCache.size > 20) this.docCache.delete(this.docCache.keys().next().value);
    }
    return doc;
  }
}
