// The list pages: documents (#/docs), search results (#/search?q=) and the
// sources view (#/sources: outlets, republication families, event clusters
// with their independent origins, shared citations). Everything is paged.

import {h, replace, route, extLink, fmtNum, fmtDate, snippet, table, pager, token} from './dom.js';
import {get, params, isAbort} from './api.js';
import {typeLabel, techniqueLabel} from './colors.js';

const docLink = (id, title) => route(`#/doc/${encodeURIComponent(id)}`, title || '(untitled)');

function fail(toast) {
  return e => { if (!isAbort(e)) toast(e.message); };
}

export class DocsView {
  constructor({toast}) {
    this.toast = toast;
    this.root = document.getElementById('view-docs');
  }

  async open(search) {
    const q = {relation: search.get('relation') ?? '', has: search.get('has') ?? '', outlet: search.get('outlet') ?? ''};
    const offset = Number(search.get('offset') ?? 0) || 0;
    this.root.dataset.ready = '0';
    const go = patch => {
      const p = new URLSearchParams(Object.entries({...q, offset: 0, ...patch}).filter(([, v]) => v !== '' && v !== 0 && v !== '0'));
      location.hash = `#/docs${p.toString() ? '?' + p : ''}`;
    };
    const select = (name, label, opts) => h('label', null, `${label} `, h('select', {on: {change: e => go({[name]: e.target.value})}},
      opts.map(([v, l]) => h('option', {value: v, selected: q[name] === v}, l))));
    const controls = h('div', {class: 'controls'},
      select('relation', 'Relation', [['', 'any'], ['original', 'original'], ['republication', 'republication'], ['near_duplicate', 'near duplicate'], ['translation', 'translation']]),
      select('has', 'Has', [['', 'anything'], ['events', 'events'], ['markers', 'markers']]),
      q.outlet ? h('span', {class: 'chip'}, `outlet: ${q.outlet} `, h('button', {type: 'button', 'aria-label': 'Remove outlet', on: {click: () => go({outlet: ''})}}, '×')) : null);
    try {
      const page = await get('/api/documents', new URLSearchParams(Object.entries({...q, limit: 50, offset}).filter(([, v]) => v !== '')), 'docs');
      replace(this.root, h('h1', null, 'Documents'), controls,
        h('p', {class: 'muted'}, 'Newest published first.'),
        docTable(page.items), pager(page, o => go({offset: o})));
    } catch (e) { fail(this.toast)(e); }
    this.root.dataset.ready = '1';
  }
}

function docTable(items) {
  return table([
    {label: 'Title', cell: d => docLink(d.id, d.title)},
    {label: 'Outlet', cell: d => d.outlet ?? '–'},
    {label: 'Published', cell: d => h('span', {class: 'nowrap'}, d.published ?? '–')},
    {label: 'Relation', cell: d => d.relation ? (d.origin && d.origin !== d.id ? [d.relation, ' of ', docLink(d.origin, 'origin')] : d.relation) : '–'},
    {label: 'Events', num: true, cell: d => fmtNum(d.events)},
    {label: 'Markers', num: true, cell: d => fmtNum(d.markers)},
    {label: 'per 1k words', num: true, cell: d => d.per_1000_words === null || d.per_1000_words === undefined ? '–' : fmtNum(d.per_1000_words, 1)},
  ], items, {class: 'data docs-table'});
}

export class SearchView {
  constructor({toast}) {
    this.toast = toast;
    this.root = document.getElementById('view-search');
  }

  async open(q, offset, filter) {
    this.root.dataset.ready = '0';
    if (!q) {
      replace(this.root, h('h1', null, 'Search'), h('p', {class: 'muted'}, 'Type words in the search box (FTS5 syntax: "exact phrase", OR, NOT, prefix*).'));
      this.root.dataset.ready = '1';
      return;
    }
    try {
      const [page, evs] = await Promise.all([
        get('/api/documents', new URLSearchParams({q, limit: 20, offset}), 'search'),
        get('/api/events', params({...filter, q}, {limit: 1}), 'search-events'),
      ]);
      replace(this.root,
        h('h1', null, 'Search: ', h('q', null, q)),
        h('p', null, h('span', {id: 'search-total'}, fmtNum(page.total)), ` document${page.total === 1 ? '' : 's'} · `,
          route(`#/map?${params({...filter, q})}`, `${fmtNum(evs.total)} matching event${evs.total === 1 ? '' : 's'} on the map →`)),
        h('ol', {class: 'results', start: offset + 1}, page.items.map(d => h('li', {class: 'result'},
          h('div', {class: 'result-title'}, docLink(d.id, d.title)),
          h('div', {class: 'muted'}, [d.outlet, d.published, d.relation].filter(Boolean).join(' · ')),
          d.snippet ? h('p', {class: 'snippet'}, snippet(d.snippet)) : null))),
        pager(page, o => { location.hash = `#/search?${new URLSearchParams({q, offset: o})}`; }));
    } catch (e) {
      if (!isAbort(e)) replace(this.root, h('h1', null, 'Search'), h('p', {class: 'error'}, `The query did not run: ${e.message}`));
    }
    this.root.dataset.ready = '1';
  }
}

// One paged section of the sources view.
function pagedSection(title, note, load, render, toast) {
  const body = h('div', {class: 'section-body'}, h('p', {class: 'muted'}, 'Loading…'));
  const go = async offset => {
    try {
      const page = await load(offset);
      replace(body, page.items.length ? render(page.items) : h('p', {class: 'muted'}, 'none'),
        page.total > page.limit ? pager(page, go) : null);
    } catch (e) {
      if (!isAbort(e)) { replace(body, h('p', {class: 'error'}, e.message)); toast(e.message); }
    }
  };
  const el = h('section', {class: 'sources-section', 'aria-label': title}, h('h2', null, title), note ? h('p', {class: 'muted'}, note) : null, body);
  return {el, ready: go(0)};
}

export class SourcesView {
  constructor({toast, setFilter}) {
    this.toast = toast;
    this.setFilter = setFilter;
    this.root = document.getElementById('view-sources');
  }

  async open() {
    this.root.dataset.ready = '0';
    const members = ms => h('ul', {class: 'members'}, ms.map(m => h('li', null, docLink(m.id ?? m.document_id, m.title),
      h('span', {class: 'muted'}, ` ${[m.relation, m.outlet, m.published, m.language,
        m.similarity !== undefined && m.similarity !== null && m.relation !== 'original' ? `sim ${fmtNum(m.similarity, 2)}` : null].filter(Boolean).join(' · ')}`),
      m.evidence ? h('div', {class: 'evidence-note'}, m.evidence) : null)));
    const outlets = pagedSection('Outlets', 'Documents, copies and technique markers per outlet; densities per 1,000 words.',
      o => get('/api/outlets', new URLSearchParams({limit: 100, offset: o}), 'outlets'),
      items => table([
        {label: 'Outlet', cell: r => r.outlet === null ? h('span', {class: 'muted'}, '(no outlet)') : route(`#/map?${params({outlet: r.outlet})}`, r.outlet)},
        {label: 'Docs', num: true, cell: r => r.outlet === null ? fmtNum(r.documents) : route(`#/docs?${new URLSearchParams({outlet: r.outlet})}`, fmtNum(r.documents))},
        {label: 'Originals', num: true, cell: r => fmtNum(r.originals)},
        {label: 'Copies', num: true, cell: r => fmtNum(r.copies)},
        {label: 'Translations', num: true, cell: r => fmtNum(r.translations)},
        {label: 'Languages', cell: r => (r.languages ?? []).join(', ')},
        {label: 'First–last', cell: r => h('span', {class: 'nowrap'}, r.first && r.last && r.first !== r.last ? `${r.first} – ${r.last}` : (r.first ?? r.last ?? '–'))},
        {label: 'Events', num: true, cell: r => fmtNum(r.events)},
        {label: 'Markers', num: true, cell: r => fmtNum(r.markers)},
        {label: 'per 1k', num: true, cell: r => r.per_1000_words === null || r.per_1000_words === undefined ? '–' : fmtNum(r.per_1000_words, 1)},
        {label: 'Top techniques (per 1k words)', cell: r => Object.entries(r.techniques ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 3)
          .map(([t, v]) => h('span', {class: 'tech'}, `${techniqueLabel(t)} ${fmtNum(v, 1)}`))},
      ], items, {class: 'data outlets-table'}), this.toast);
    const families = pagedSection('Republication families', 'Copies, republications and translations grouped by origin (origin first).',
      o => get('/api/provenance', new URLSearchParams({limit: 25, offset: o}), 'families'),
      items => h('div', {class: 'families'}, items.map(f => h('div', {class: 'family-card'},
        h('h3', null, 'Origin: ', docLink(f.origin?.id, f.origin?.title), h('span', {class: 'muted'}, ` ${[f.origin?.outlet, f.origin?.published].filter(Boolean).join(', ')}`)),
        members(f.members ?? [])))), this.toast);
    const clusters = pagedSection('Event clusters', 'One happening told by several documents: reports versus independent origins.',
      o => get('/api/clusters', new URLSearchParams({limit: 25, offset: o}), 'clusters'),
      items => table([
        {label: 'Cluster', cell: c => route(`#/map?${params({cluster: c.cluster_id})}`, c.cluster_id)},
        {label: 'Type', cell: c => h('span', {class: `t-${token(c.plover)}`}, h('span', {class: 'swatch', 'aria-hidden': 'true'}), ` ${typeLabel(c.plover)}`)},
        {label: 'Date', cell: c => c.date ? fmtDate(c.date) : '–'},
        {label: 'Place', cell: c => c.place_text ?? '–'},
        {label: 'Reports', num: true, cell: c => fmtNum(c.reports)},
        {label: 'Independent origins', num: true, cell: c => h('strong', {class: c.independent_origins < c.reports ? 'warn' : null}, fmtNum(c.independent_origins))},
        {label: 'Told by', cell: c => h('ul', {class: 'members'}, (c.members ?? []).map(m => h('li', null,
          route(`#/doc/${encodeURIComponent(m.document_id)}?event=${encodeURIComponent(m.event_id)}`, m.title || '(untitled)'),
          h('span', {class: 'muted'}, ` ${[m.outlet, m.published].filter(Boolean).join(', ')}`),
          m.text ? h('div', {class: 'evidence-note'}, m.text) : null)))},
      ], items, {class: 'data clusters-table'}), this.toast);
    const citations = pagedSection('Shared citations', 'Reports and statements cited by several documents: reports versus independent origins.',
      o => get('/api/citations', new URLSearchParams({limit: 25, offset: o}), 'citations'),
      items => table([
        {label: 'Kind', cell: c => c.kind ?? '–'},
        {label: 'Title / issuer', cell: c => [c.title ? h('div', null, `“${c.title}”`) : null,
          c.issuer ? h('div', {class: 'muted'}, typeof c.issuer === 'string' ? c.issuer : (c.issuer.name ?? c.issuer.text ?? '')) : null,
          c.url ? h('div', null, extLink(c.url)) : null, c.match ? h('div', {class: 'evidence-note'}, `matched by ${c.match}`) : null]},
        {label: 'Date', cell: c => c.date ?? '–'},
        {label: 'Reports', num: true, cell: c => fmtNum(c.reports ?? (c.documents ?? []).length)},
        {label: 'Independent origins', num: true, cell: c => h('strong', {class: c.independent_origins < c.reports ? 'warn' : null}, fmtNum(c.independent_origins))},
        {label: 'Cited by', cell: c => h('ul', {class: 'members'}, (c.documents ?? c.citers ?? []).map(m => h('li', null, docLink(m.id ?? m.document_id, m.title),
          h('span', {class: 'muted'}, ` ${[m.outlet, m.use].filter(Boolean).join(' · ')}`))))},
      ], items, {class: 'data citations-table'}), this.toast);
    replace(this.root, h('h1', null, 'Sources'), outlets.el, families.el, clusters.el, citations.el);
    await Promise.all([outlets.ready, families.ready, clusters.ready, citations.ready]);
    this.root.dataset.ready = '1';
  }
}
