// The document view (#/doc/ID): the cleaned text with every layer
// highlighted (voice kinds as sentence backgrounds, entities by kind, event
// triggers and roles, technique markers, cited documents), per-layer
// toggles, details of any highlight on hover, focus or click, and a side
// panel with meta, provenance, reuse, events, citations, check-worthy
// claims and the marker profile. The raw view shows the decoded input, as
// text, with the same spans mapped through the offset map.

import {h, replace, append, extLink, route, fmtNum, fmtDate, fmtCount, token, cpIndex} from './dom.js';
import {get, isAbort, ApiError} from './api.js';
import {renderSegments, RawMap} from './segments.js';
import {renderCard} from './card.js';
import {typeLabel, techniqueLabel} from './colors.js';

export const LAYERS = [
  {key: 'voice', label: 'Voice'},
  {key: 'entities', label: 'Entities'},
  {key: 'events', label: 'Events'},
  {key: 'markers', label: 'Techniques'},
  {key: 'citations', label: 'Citations'},
];

// The nested event of a record -> the flat object of /api/events, so one
// card renders both.
export function flatEvent(ev, rec) {
  const text = rec.text ?? '';
  const u16 = cpIndex(text);
  const ents = new Map((rec.entities ?? []).map(m => [m.id, m]));
  const f = {
    document_id: rec.id, event_id: ev.id, sentence: ev.sentence, start: ev.start, end: ev.end,
    text: text.slice(u16[ev.start], u16[ev.end]),
    trigger_text: ev.trigger?.text, trigger_start: ev.trigger?.start, trigger_end: ev.trigger?.end,
    pattern: ev.pattern, plover: ev.type?.plover, mode: ev.type?.mode, cameo: ev.type?.cameo,
    acled: ev.type?.acled, acled_sub: ev.type?.acled_sub,
    voice: ev.voice, source: ev.source, source_text: ents.get(ev.source)?.text ?? null,
    negated: ev.negated, hypothetical: ev.hypothetical, modality: ev.modality, same_as: ev.same_as,
    confidence: ev.confidence, title: rec.meta?.title, outlet: rec.meta?.outlet, published: rec.meta?.published,
  };
  for (const role of ['actor', 'target']) {
    const r = ev[role];
    Object.assign(f, {[`${role}_mention`]: r?.mention ?? null, [`${role}_text`]: r?.text ?? null,
      [`${role}_ref`]: r?.ref ?? null, [`${role}_country`]: r?.country ?? null, [`${role}_sector`]: r?.sector ?? null});
  }
  const pm = ents.get(ev.place?.mention);
  Object.assign(f, {place_mention: ev.place?.mention ?? null, place_text: ev.place?.text ?? null,
    place_ref: ev.place?.ref ?? null, place_country: pm?.geo?.country ?? null,
    place_lat: pm?.geo?.lat ?? null, place_lon: pm?.geo?.lon ?? null,
    date_mention: ev.date?.mention ?? null, date_value: ev.date?.value ?? null, date_precision: ev.date?.precision ?? null});
  for (const k of ['dead', 'injured']) {
    const c = ev[k];
    Object.assign(f, {[`${k}_value`]: c?.value ?? null, [`${k}_low`]: c?.low ?? null, [`${k}_high`]: c?.high ?? null,
      [`${k}_qualifier`]: c?.qualifier ?? null, [`${k}_mention`]: c?.mention ?? null});
  }
  return f;
}

// Every highlight of a record: [{id, start, end, cls, layer, focus, item}].
export function recordSpans(rec) {
  const spans = [];
  const ents = new Map((rec.entities ?? []).map(m => [m.id, m]));
  (rec.voice ?? []).forEach((v, i) => {
    spans.push({id: `vo${i}`, start: v.start, end: v.end, cls: `v v-${token(v.kind)}`, layer: 'voice', item: v});
    if (v.cue && v.kind !== 'author') spans.push({id: `vo${i}c`, start: v.cue.start, end: v.cue.end, cls: 'v-cue', layer: 'voice', item: v});
  });
  for (const m of rec.entities ?? []) {
    spans.push({id: m.id, start: m.start, end: m.end, cls: `e e-${token(m.kind)}`, layer: 'entities', focus: true, item: m});
  }
  for (const ev of rec.events ?? []) {
    if (ev.trigger) spans.push({id: ev.id, start: ev.trigger.start, end: ev.trigger.end, cls: `ev-trigger t-${token(ev.type?.plover)}`, layer: 'events', focus: true, item: ev});
    for (const role of ['actor', 'target', 'place', 'date']) {
      const m = ents.get(ev[role]?.mention);
      if (m) spans.push({id: `${ev.id}:${role}`, start: m.start, end: m.end, cls: `role role-${role}`, layer: 'events', item: ev});
    }
    for (const role of ['dead', 'injured']) {
      const m = ents.get(ev[role]?.mention);
      if (m) spans.push({id: `${ev.id}:${role}`, start: m.start, end: m.end, cls: `role role-${role}`, layer: 'events', item: ev});
    }
  }
  (rec.markers ?? []).forEach((mk, i) => {
    spans.push({id: `mk${i}`, start: mk.start, end: mk.end, cls: `mk mk-${token(mk.technique)}`, layer: 'markers', focus: true, item: mk});
  });
  for (const c of rec.citations ?? []) {
    (c.mentions ?? []).forEach(([s, e], j) => {
      spans.push({id: `${c.id}.${j}`, start: s, end: e, cls: 'cite', layer: 'citations', focus: true, item: c});
    });
  }
  return spans;
}

function kv(label, ...value) {
  const v = value.flat().filter(x => x !== null && x !== undefined && x !== '');
  if (!v.length) return null;
  return h('div', {class: 'kv'}, h('dt', null, label), h('dd', null, ...v));
}

function section(title, ...body) {
  return h('section', {class: 'side-section'}, h('h3', null, title), ...body);
}

export class DocView {
  constructor({toast}) {
    this.toast = toast;
    this.root = document.getElementById('view-doc');
    this.layers = new Set(LAYERS.map(l => l.key));
    this.raw = false;
  }

  async open(id, {event, raw} = {}) {
    this.root.dataset.ready = '0';
    this.raw = !!raw;
    if (this.id !== id) {
      replace(this.root, h('p', {class: 'loading'}, 'Loading document…'));
      try {
        this.doc = await get(`/api/documents/${encodeURIComponent(id)}`, null, 'doc');
      } catch (e) {
        if (isAbort(e)) return;
        replace(this.root, h('p', {class: 'error'}, e instanceof ApiError && e.status === 404 ? 'No document with this id.' : `Could not load the document: ${e.message}`));
        this.root.dataset.ready = '1';
        return;
      }
      this.id = id;
      this.rawDoc = null;
      this.build();
    }
    await this.renderText();
    if (event) this.scrollTo(event);
    this.root.dataset.ready = '1';
  }

  build() {
    const rec = this.doc.record;
    this.spans = recordSpans(rec);
    this.byId = new Map(this.spans.map(s => [s.id, s]));
    this.ents = new Map((rec.entities ?? []).map(m => [m.id, m]));
    this.textEl = h('div', {class: 'doc-text', id: 'doc-text', tabindex: '-1'});
    this.inspector = h('div', {class: 'inspector', 'aria-live': 'polite'},
      h('p', {class: 'muted'}, 'Point at, focus or click a highlight to see what it is.'));
    for (const t of ['mouseover', 'focusin', 'click']) {
      this.textEl.addEventListener(t, e => {
        const seg = e.target.closest?.('[data-spans]');
        if (seg && this.textEl.contains(seg)) this.inspect(seg.dataset.spans.split(' '), t === 'click' || t === 'focusin');
        else if (t === 'click') this.pinned = false;
      });
    }
    const toggles = h('div', {class: 'toggles', role: 'group', 'aria-label': 'Layers'},
      LAYERS.map(l => h('label', {class: `toggle toggle-${l.key}`},
        h('input', {type: 'checkbox', checked: this.layers.has(l.key), dataset: {layer: l.key},
          on: {change: e => { e.target.checked ? this.layers.add(l.key) : this.layers.delete(l.key); this.applyLayers(); }}}),
        ` ${l.label}`)));
    this.rawBtn = h('button', {type: 'button', class: 'raw-toggle', 'aria-pressed': 'false',
      on: {click: () => { location.hash = `#/doc/${encodeURIComponent(this.id)}${this.raw ? '' : '?raw=1'}`; }}}, 'Raw input');
    this.modeNote = h('span', {class: 'muted mode-note'});
    const meta = rec.meta ?? {};
    document.title = `${meta.title ?? 'Document'} · dossier`;
    replace(this.root,
      h('div', {class: 'doc-main'},
        h('header', {class: 'doc-head'},
          h('h1', {class: 'doc-title'}, meta.title ?? '(untitled)'),
          h('p', {class: 'doc-byline muted'}, [meta.outlet, meta.published ? fmtDate(meta.published) : null,
            (meta.authors ?? []).length ? `by ${(meta.authors ?? []).join(', ')}` : null, meta.language].filter(Boolean).join(' · '))),
        h('div', {class: 'doc-toolbar'}, toggles, this.rawBtn, this.modeNote,
          (rec.events ?? []).length ? route(`#/map?document=${encodeURIComponent(rec.id)}`, 'events on the map') : null),
        this.legend(),
        this.textEl),
      h('aside', {class: 'doc-side', 'aria-label': 'Details'},
        section('Selected', this.inspector),
        this.sideMeta(), this.sideProvenance(), this.sideEvents(), this.sideCitations(),
        this.sideClaims(), this.sideMarkers(), this.sideVersions()));
    this.applyLayers();
  }

  legend() {
    return h('div', {class: 'doc-legend', 'aria-label': 'Legend'},
      h('span', {class: 'lg-group'}, 'voice: ', ['author', 'attributed', 'quoted', 'hedged', 'question'].map(k => h('span', {class: `lg v v-${k}`}, k))),
      h('span', {class: 'lg-group'}, 'entities: ', ['place', 'actor', 'person', 'organization', 'outlet', 'date', 'quantity', 'document'].map(k => h('span', {class: `lg e e-${k}`}, k))),
      h('span', {class: 'lg-group'}, h('span', {class: 'lg ev-trigger'}, 'event trigger'), ' ', h('span', {class: 'lg role role-actor'}, 'actor'), ' ',
        h('span', {class: 'lg role role-target'}, 'target'), ' ', h('span', {class: 'lg mk'}, 'technique'), ' ', h('span', {class: 'lg cite'}, 'citation')));
  }

  applyLayers() {
    for (const l of LAYERS) this.textEl.classList.toggle(`hide-${l.key}`, !this.layers.has(l.key));
  }

  async renderText() {
    const rec = this.doc.record;
    this.rawBtn.setAttribute('aria-pressed', this.raw ? 'true' : 'false');
    this.rawBtn.textContent = this.raw ? 'Cleaned text' : 'Raw input';
    this.textEl.classList.toggle('raw', this.raw);
    if (!this.raw) {
      this.modeNote.textContent = `cleaned text · ${fmtNum(this.spans.length)} highlights`;
      renderSegments(this.textEl, rec.text ?? '', this.spans, {focusable: true});
      this.textEl.dataset.mode = 'text';
      return;
    }
    if (!this.rawDoc) {
      try {
        this.rawDoc = await get(`/api/documents/${encodeURIComponent(this.id)}/raw`, null, 'raw');
      } catch (e) {
        if (isAbort(e)) return;
        replace(this.textEl, h('p', {class: 'error'}, e instanceof ApiError && e.status === 404
          ? 'The store holds no raw input for this document (ingested before schema 9).' : `Raw input not loaded: ${e.message}`));
        this.textEl.dataset.mode = 'raw';
        return;
      }
    }
    const map = new RawMap(this.rawDoc.map);
    const spans = this.spans.map(sp => {
      const [s, e] = map.span(sp.start, sp.end);
      return {...sp, start: s, end: e};
    });
    this.modeNote.textContent = `raw input (${this.rawDoc.format ?? '?'}, ${this.rawDoc.encoding ?? '?'}), shown as text; spans mapped from the cleaned text`;
    renderSegments(this.textEl, this.rawDoc.raw ?? '', spans, {focusable: true});
    this.textEl.dataset.mode = 'raw';
  }

  // Scrolls to the trigger of event `id` (or any span id) and shows it.
  scrollTo(id) {
    const el = [...this.textEl.querySelectorAll('[data-spans]')].find(e => e.dataset.spans.split(' ').includes(id));
    if (!el) return;
    el.scrollIntoView({block: 'center'});
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 1600);
    el.focus({preventScroll: true});
    this.inspect(el.dataset.spans.split(' '), true);
  }

  // Shows the details of the spans `ids` in the inspector. A click or focus
  // pins them; pointing elsewhere then does not replace them until a click
  // outside any highlight.
  inspect(ids, pin) {
    if (!pin && this.pinned) return;
    if (pin) this.pinned = true;
    const seen = new Set();
    const parts = [];
    for (const id of ids) {
      const sp = this.byId.get(id);
      if (!sp || !this.layers.has(sp.layer) || seen.has(sp.item)) continue;
      seen.add(sp.item);
      parts.push(this.detail(sp));
    }
    replace(this.inspector, parts.length ? parts : h('p', {class: 'muted'}, 'No highlight here in the shown layers.'));
  }

  entText(id) {
    const m = this.ents.get(id);
    return m ? m.text : null;
  }

  detail(sp) {
    const it = sp.item;
    if (sp.layer === 'entities') {
      const g = it.geo, a = it.actor, d = it.date, q = it.quantity;
      return h('div', {class: 'detail'}, h('h4', null, h('span', {class: `e e-${token(it.kind)}`}, it.kind), ` ${it.text}`),
        h('dl', {class: 'kvs'},
          kv('Entry', it.ref ? `${it.ref}` : null, it.name && it.name !== it.text ? ` — ${it.name}` : null),
          g ? kv('Coordinates', Number.isFinite(g.lat) ? `${g.lat.toFixed(4)}, ${g.lon.toFixed(4)}` : null,
            ` ${[g.country, g.admin1, g.feature, g.precision].filter(Boolean).join(' · ')}`) : null,
          a ? kv('Actor', [a.country, (a.sectors ?? [a.sector]).filter(Boolean).join('/'), a.group, a.backed_by ? `backed by ${a.backed_by}` : null].filter(Boolean).join(' · ')) : null,
          d ? kv('Date', fmtDate(d.value, d.precision), d.end ? ` to ${d.end}` : null, d.relative ? ` (relative to ${d.anchor})` : null) : null,
          q ? kv('Quantity', fmtCount(q), q.unit ? ` ${q.unit}` : null, q.role ? ` · ${q.role}` : null) : null,
          kv('Offsets', `${it.start}–${it.end}`, it.raw ? ` (raw ${it.raw[0]}–${it.raw[1]})` : null),
          kv('Confidence', fmtNum(it.confidence, 2))));
    }
    if (sp.layer === 'voice') {
      const text = this.doc.record.text ?? '';
      const u16 = cpIndex(text);
      const content = it.content ? text.slice(u16[it.content.start], u16[it.content.end]) : null;
      return h('div', {class: 'detail'}, h('h4', null, h('span', {class: `v v-${token(it.kind)}`}, it.kind), ' voice'),
        h('dl', {class: 'kvs'},
          kv('Source', this.entText(it.source), it.source_kind ? ` (${it.source_kind})` : null),
          kv('Cue', it.cue?.text),
          kv('Content', content)));
    }
    if (sp.layer === 'events') {
      return h('div', {class: 'detail'}, renderCard(flatEvent(it, this.doc.record), this.doc, {compact: true}));
    }
    if (sp.layer === 'markers') {
      return h('div', {class: 'detail'}, h('h4', null, h('span', {class: 'mk'}, techniqueLabel(it.technique))),
        h('dl', {class: 'kvs'},
          kv('Text', it.text), kv('Voice', it.voice, it.source ? ` — ${this.entText(it.source) ?? it.source}` : null),
          kv('Rule', it.rule), kv('Confidence', fmtNum(it.confidence, 2))));
    }
    if (sp.layer === 'citations') return h('div', {class: 'detail'}, this.citation(it));
    return h('div');
  }

  citation(c) {
    return h('div', {class: 'citation'},
      h('h4', null, h('span', {class: 'cite'}, c.kind ?? 'document'), c.title ? ` “${c.title}”` : ''),
      h('dl', {class: 'kvs'},
        kv('Issuer', this.entText(c.issuer)), kv('Date', c.date), kv('URL', c.url ? extLink(c.url) : null),
        kv('Mentions', (c.mentions ?? []).map(([s, e], j) => h('button', {type: 'button', class: 'linkish', on: {click: () => this.scrollTo(`${c.id}.${j}`)}}, `${s}–${e}`)))));
  }

  sideMeta() {
    const rec = this.doc.record;
    const m = rec.meta ?? {}, src = rec.source ?? {};
    const rf = m.republished_from;
    return section('Meta', h('dl', {class: 'kvs'},
      kv('Id', rec.id),
      kv('Outlet', m.outlet), kv('Published', m.published ? fmtDate(m.published) : null),
      kv('Authors', (m.authors ?? []).join(', ')), kv('Language', m.language),
      kv('Republished from', rf ? [rf.outlet, rf.published].filter(Boolean).join(', ') : null, rf?.url ? [' ', extLink(rf.url)] : null),
      kv('Source', src.path, src.line ? `:${src.line}` : null),
      kv('URL', src.url ? extLink(src.url) : null),
      kv('Format', [src.format, src.encoding].filter(Boolean).join(' · ')),
      kv('Given id', src.given_id),
      kv('Diagnostics', (rec.diagnostics ?? []).map(d => h('div', {class: 'diag'}, `${d.level}: ${d.code} — ${d.message}`)))));
  }

  sideProvenance() {
    const p = this.doc.provenance;
    const reuse = this.doc.reuse ?? [];
    const member = g => h('li', null, g.id === this.id ? h('strong', null, g.title ?? g.id) : route(`#/doc/${encodeURIComponent(g.id)}`, g.title ?? g.id),
      h('span', {class: 'muted'}, ` ${[g.relation, g.outlet, g.published, g.language, g.similarity !== undefined && g.similarity !== null ? `sim ${fmtNum(g.similarity, 2)}` : null].filter(Boolean).join(' · ')}`),
      g.evidence ? h('div', {class: 'evidence-note'}, g.evidence) : null);
    return section('Provenance',
      p ? h('dl', {class: 'kvs'},
        kv('Relation', p.relation),
        kv('Origin', p.origin && p.origin !== this.id ? route(`#/doc/${encodeURIComponent(p.origin)}`, (p.group ?? []).find(g => g.id === p.origin)?.title ?? p.origin) : (p.origin ? 'this document' : null)),
        kv('Similarity', p.similarity !== null && p.similarity !== undefined ? fmtNum(p.similarity, 2) : null),
        kv('Evidence', p.evidence)) : h('p', {class: 'muted'}, 'Not indexed yet.'),
      p?.group?.length > 1 ? [h('h4', null, `Family (${p.group.length})`), h('ul', {class: 'family'}, p.group.map(member))] : null,
      reuse.some(r => r.direction !== 'reused_by') ? [h('h4', null, 'Reuses paragraphs of'), h('ul', null, reuse.filter(r => r.direction !== 'reused_by').map(member))] : null,
      reuse.some(r => r.direction === 'reused_by') ? [h('h4', null, 'Paragraphs reused by'), h('ul', null, reuse.filter(r => r.direction === 'reused_by').map(member))] : null);
  }

  sideEvents() {
    const evs = this.doc.record.events ?? [];
    if (!evs.length) return section('Events', h('p', {class: 'muted'}, 'none'));
    return section(`Events (${evs.length})`, h('ul', {class: 'side-list'}, evs.map(ev => {
      const cl = this.doc.clusters?.[ev.id];
      return h('li', null, h('button', {type: 'button', class: `linkish t-${token(ev.type?.plover)}`, on: {click: () => this.scrollTo(ev.id)}},
        h('span', {class: 'swatch', 'aria-hidden': 'true'}), `${typeLabel(ev.type?.plover)}: ${ev.trigger?.text ?? ''}`),
        h('span', {class: 'muted'}, ` ${[ev.place?.text, ev.date?.value ? fmtDate(ev.date.value, ev.date.precision) : null, ev.voice,
          cl && cl.reports > 1 ? `${cl.cluster_id}: ${cl.reports} reports / ${cl.independent_origins} origin${cl.independent_origins === 1 ? '' : 's'}` : null, ev.same_as ? `repeats ${ev.same_as}` : null].filter(Boolean).join(' · ')}`));
    })));
  }

  sideCitations() {
    const cs = this.doc.record.citations ?? [];
    return section(`Citations (${cs.length})`, cs.length ? cs.map(c => this.citation(c)) : h('p', {class: 'muted'}, 'none'));
  }

  sideClaims() {
    const rec = this.doc.record;
    const text = rec.text ?? '';
    const u16 = cpIndex(text);
    const claims = [...(rec.claims ?? [])].sort((a, b) => (b.checkworthy ?? 0) - (a.checkworthy ?? 0));
    return section(`Check-worthy claims (${claims.length})`, claims.length ? h('ol', {class: 'claims'}, claims.map(c => h('li', null,
      h('div', null, h('strong', {class: 'score'}, fmtNum(c.checkworthy, 2)), ` ${c.kind} · `,
        h('span', {class: `voice-chip v-${token(c.voice)}`}, c.voice), c.source ? ` — ${this.entText(c.source) ?? c.source}` : (c.voice === 'author' ? ' — asserted by the author' : ' — no named source')),
      h('button', {type: 'button', class: 'linkish claim-text', on: {click: () => this.scrollToRange(c.start)}}, text.slice(u16[c.start], u16[c.end]))))) : h('p', {class: 'muted'}, 'none'));
  }

  scrollToRange(start) {
    const vi = (this.doc.record.voice ?? []).findIndex(v => v.start <= start && start < v.end);
    if (vi >= 0) this.scrollTo(`vo${vi}`);
  }

  sideMarkers() {
    const p = this.doc.marker_profile ?? this.doc.record.marker_profile;
    if (!p) return section('Technique profile', h('p', {class: 'muted'}, 'no marker profile'));
    const techs = Object.entries(p.techniques ?? {}).sort((a, b) => (b[1].count ?? 0) - (a[1].count ?? 0));
    const text = this.doc.record.text ?? '';
    const u16 = cpIndex(text);
    return section('Technique profile', h('dl', {class: 'kvs'},
      kv('Markers', `${fmtNum(p.markers)} in ${fmtNum(p.words)} words (${fmtNum(p.per_1000_words, 1)} per 1,000)`),
      kv('Author\u2019s voice', `${fmtNum((p.author_share ?? 0) * 100)}%`)),
      techs.length ? h('table', {class: 'data compact'}, h('tbody', null, techs.map(([t, v]) => h('tr', null,
        h('td', null, techniqueLabel(t)), h('td', {class: 'num'}, fmtNum(v.count)), h('td', {class: 'num'}, `${fmtNum(v.per_1000_words, 1)}/1k`))))) : null,
      (p.densest ?? []).length ? [h('h4', null, 'Densest passages'), h('ol', null, p.densest.map(d => h('li', null,
        h('button', {type: 'button', class: 'linkish', on: {click: () => this.scrollToRange(d.start)}},
          `${text.slice(u16[d.start], u16[Math.min(d.end, d.start + 90)])}${d.end - d.start > 90 ? '…' : ''}`),
        h('span', {class: 'muted'}, ` ${d.markers} markers, ${fmtNum(d.per_1000_words, 1)}/1k`))))] : null);
  }

  sideVersions() {
    const v = this.doc.record.versions ?? {};
    return section('Versions', h('dl', {class: 'kvs'},
      kv('dossier', v.dossier), kv('Lexicon', v.lexicon), kv('Layers', (v.layers ?? []).join(', ')),
      kv('Sources', (this.doc.sources ?? []).map(s => h('div', null, `${s.source_key} v${s.version}${s.latest ? ' (latest)' : ''} ${s.created_at ?? ''}`)))));
  }
}
