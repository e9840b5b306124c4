// The event card: one event of /api/events (the export's JSONL object) with
// its evidence clause, the trigger and the roles highlighted in it, codes,
// roles, date with its precision, casualties, voice and source, confidence,
// its cluster (reports / independent origins) and a link to the document.

import {h, token, fmtNum, fmtCount, fmtDate, route, cpIndex} from './dom.js';
import {typeLabel} from './colors.js';
import {renderSegments} from './segments.js';

// Spans of the trigger and roles inside the clause, relative to ev.start.
// Roles use the mentions' offsets from the document record when it is at
// hand; otherwise the first occurrence of the role's text in the clause.
export function clauseSpans(ev, entities) {
  const spans = [];
  const n = cpIndex(ev.text ?? '').length - 1;
  const add = (id, s, e, cls) => {
    if (Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= n && e > s) spans.push({id, start: s, end: e, cls});
  };
  add('trigger', ev.trigger_start - ev.start, ev.trigger_end - ev.start, 'ev-trigger');
  const byId = new Map((entities ?? []).map(m => [m.id, m]));
  for (const role of ['actor', 'target', 'place', 'date', 'dead', 'injured']) {
    const mid = ev[`${role}_mention`];
    if (!mid) continue;
    const m = byId.get(mid);
    if (m) { add(role, m.start - ev.start, m.end - ev.start, `role role-${role}`); continue; }
    const t = ev[`${role}_text`];
    if (!t || !ev.text) continue;
    const i = ev.text.indexOf(t);
    if (i < 0) continue;
    const s = [...ev.text.slice(0, i)].length;
    add(role, s, s + [...t].length, `role role-${role}`);
  }
  return spans;
}

function row(label, ...value) {
  const v = value.filter(x => x !== null && x !== undefined && x !== '');
  if (!v.length) return null;
  return h('div', {class: 'kv'}, h('dt', null, label), h('dd', null, ...v));
}

function party(ev, role) {
  const t = ev[`${role}_text`];
  if (!t) return null;
  const extra = [ev[`${role}_ref`], ev[`${role}_country`], ev[`${role}_sector`]].filter(Boolean).join(' · ');
  return [h('span', {class: `role-chip role-${role}`}, t), extra ? h('span', {class: 'muted'}, ` ${extra}`) : null];
}

// ev: the event object; doc: the /api/documents/{id} answer or null (for
// cluster counts and exact mention offsets); onClose.
export function renderCard(ev, doc, {onClose, compact} = {}) {
  const type = ev.plover ?? 'none';
  const clause = h('blockquote', {class: 'evidence', 'aria-label': 'Evidence'});
  renderSegments(clause, ev.text ?? '', clauseSpans(ev, doc?.record?.entities));
  const cl = doc?.clusters?.[ev.event_id];
  const dead = fmtCount({value: ev.dead_value, low: ev.dead_low, high: ev.dead_high, qualifier: ev.dead_qualifier});
  const injured = fmtCount({value: ev.injured_value, low: ev.injured_low, high: ev.injured_high, qualifier: ev.injured_qualifier});
  const flags = [ev.modality && ev.modality !== 'asserted' ? ev.modality : null,
    ev.negated ? 'negated' : null, ev.hypothetical ? 'hypothetical' : null].filter(Boolean);
  const place = ev.place_text ? [h('span', {class: 'role-chip role-place'}, ev.place_text),
    h('span', {class: 'muted'}, ' ' + [ev.place_ref, ev.place_country,
      Number.isFinite(ev.place_lat) ? `${ev.place_lat.toFixed(3)}, ${ev.place_lon.toFixed(3)}` : null].filter(Boolean).join(' · '))] : null;
  const docHash = `#/doc/${encodeURIComponent(ev.document_id)}?event=${encodeURIComponent(ev.event_id)}`;
  return h('article', {class: `card t-${token(type)}`, 'aria-label': 'Event', dataset: {event: `${ev.document_id}#${ev.event_id}`}},
    h('header', {class: 'card-head'},
      h('span', {class: 'swatch', 'aria-hidden': 'true'}),
      h('strong', null, typeLabel(type)), ev.mode ? h('span', {class: 'muted'}, ` · ${ev.mode}`) : null,
      onClose ? h('button', {type: 'button', class: 'close', 'aria-label': 'Close event card', on: {click: onClose}}, '×') : null),
    clause,
    h('dl', {class: 'kvs'},
      row('Trigger', ev.trigger_text ? h('span', {class: 'ev-trigger-chip'}, ev.trigger_text) : null, ev.pattern ? h('span', {class: 'muted'}, ` ${ev.pattern}`) : null),
      row('Codes', [ev.cameo ? `CAMEO ${ev.cameo}` : null, ev.acled ? `ACLED ${ev.acled}${ev.acled_sub ? ' / ' + ev.acled_sub : ''}` : null].filter(Boolean).join(' · ')),
      row('Actor', party(ev, 'actor')),
      row('Target', party(ev, 'target')),
      row('Place', place),
      row('Date', h('span', {class: ev.date_precision && ev.date_precision !== 'day' ? 'coarse-date' : null}, fmtDate(ev.date_value, ev.date_precision))),
      row('Dead', dead), row('Injured', injured),
      row('Voice', h('span', {class: `voice-chip v-${token(ev.voice)}`}, ev.voice ?? '–'), ev.source_text ? ` — ${ev.source_text}` : null),
      row('Modality', flags.join(', ')),
      row('Confidence', ev.confidence !== null && ev.confidence !== undefined ? fmtNum(ev.confidence, 2) : null),
      row('Repeats', ev.same_as),
      row('Cluster', cl && cl.reports > 1 ? [`${cl.cluster_id}: ${fmtNum(cl.reports)} reports, ${fmtNum(cl.independent_origins)} independent origin${cl.independent_origins === 1 ? '' : 's'} `,
        route(`#/map?cluster=${encodeURIComponent(cl.cluster_id)}`, 'all reports on the map')] : (doc ? 'told by this document only' : null)),
      compact ? null : row('Document', h('span', null, ev.title ?? '(untitled)'),
        h('span', {class: 'muted'}, ` ${[ev.outlet, ev.published].filter(Boolean).join(', ')}`))),
    compact ? null : h('p', {class: 'card-foot'}, route(docHash, 'Open in the document →')));
}
