// Highlighting overlapping spans in a text without markup: every span
// boundary splits the text, and each piece becomes one <span> carrying the
// classes and ids of all spans that cover it. Nested and crossing spans
// therefore both come out right, and the text itself only ever goes into
// text nodes. Offsets are code points (the API's unit).

import {cpIndex} from './dom.js';

// spans: [{id, start, end, cls}] in code points. Returns [{start, end,
// spans: [...]}] covering [0, n) in order.
export function buildSegments(n, spans) {
  const opens = new Map(), closes = new Map();
  const cuts = new Set([0, n]);
  for (const sp of spans) {
    const a = Math.max(0, Math.min(n, sp.start)), b = Math.max(0, Math.min(n, sp.end));
    if (!(b > a)) continue;
    cuts.add(a); cuts.add(b);
    if (!opens.has(a)) opens.set(a, []);
    opens.get(a).push(sp);
    if (!closes.has(b)) closes.set(b, []);
    closes.get(b).push(sp);
  }
  const points = [...cuts].sort((p, q) => p - q);
  const active = new Set();
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    for (const sp of closes.get(a) ?? []) active.delete(sp);
    for (const sp of opens.get(a) ?? []) active.add(sp);
    out.push({start: a, end: points[i + 1], spans: [...active]});
  }
  return out;
}

// Fills `el` with the text and its highlighted pieces. Returns the
// code-point index of the text (for callers that need to map offsets).
export function renderSegments(el, text, spans, {focusable} = {}) {
  const u16 = cpIndex(text);
  const n = u16.length - 1;
  const frag = document.createDocumentFragment();
  for (const seg of buildSegments(n, spans)) {
    const piece = text.slice(u16[seg.start], u16[seg.end]);
    if (!seg.spans.length) { frag.appendChild(document.createTextNode(piece)); continue; }
    const span = document.createElement('span');
    const classes = new Set(['hl']);
    for (const sp of seg.spans) for (const c of String(sp.cls).split(' ')) if (c) classes.add(c);
    span.className = [...classes].join(' ');
    span.dataset.spans = seg.spans.map(sp => sp.id).join(' ');
    if (focusable && seg.spans.some(sp => sp.focus)) span.tabIndex = 0;
    span.textContent = piece;
    frag.appendChild(span);
  }
  el.replaceChildren(frag);
  return u16;
}

// The offset map of /api/documents/{id}/raw: [[text_begin, text_end,
// raw_begin, raw_end, copy], ...] in text order without gaps.
export class RawMap {
  constructor(pieces) {
    this.p = pieces ?? [];
  }

  _find(t, forEnd) {
    const p = this.p;
    let lo = 0, hi = p.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [tb, te] = p[mid];
      if (forEnd ? t <= tb : t < tb) hi = mid - 1;
      else if (forEnd ? t > te : t >= te) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  // Where text offset s begins in the raw input.
  begin(s) {
    const i = this._find(s, false);
    if (i < 0) {
      const last = this.p[this.p.length - 1];
      return last && s >= last[1] ? last[3] : 0;
    }
    const [tb, , rb, , copy] = this.p[i];
    return copy ? rb + (s - tb) : rb;
  }

  // Where a span ending at text offset e ends in the raw input.
  end(e) {
    const i = this._find(e, true);
    if (i < 0) return this.p.length ? (e <= this.p[0][0] ? this.p[0][2] : this.p[this.p.length - 1][3]) : 0;
    const [tb, , rb, re, copy] = this.p[i];
    return copy ? rb + (e - tb) : re;
  }

  span(s, e) {
    if (e <= s) { const b = this.begin(s); return [b, b]; }
    return [this.begin(s), this.end(e)];
  }
}
