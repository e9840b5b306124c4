// The timeline: events per day, week or month from /api/timeline, drawn as
// SVG bars stacked by PLOVER type, with brushing (drag across the bars to
// set from/to; click a bar for its bin; click empty space to clear). Events
// dated only to a month or a year ("coarse") are drawn in their own lane as
// hatched spans across their whole month or year, never as a bar on day 1.

import {h, replace, fmtNum, fmtDate, token} from './dom.js';
import {PLOVER} from './colors.js';

const SVG = 'http://www.w3.org/2000/svg';
const DAY = 86400000;

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  for (const c of children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

export function parseDay(d) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
}

export function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

// [start, end) in ms of a coarse value "YYYY-MM" or "YYYY".
function coarseSpan(value) {
  let m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (m) return [Date.UTC(+m[1], +m[2] - 1, 1), Date.UTC(+m[1], +m[2], 1)];
  m = /^(\d{4})$/.exec(value ?? '');
  if (m) return [Date.UTC(+m[1], 0, 1), Date.UTC(+m[1] + 1, 0, 1)];
  return null;
}

// The bin for a span of dated events: day up to four months, week up to
// three years, month beyond; never so fine that the whole dated range
// (which the API bins contiguously) needs more than 3,000 bins.
export function autoBin(days, fullDays = days) {
  const order = ['day', 'week', 'month'];
  const len = {day: 1, week: 7, month: 30.4};
  let i = days <= 120 ? 0 : days <= 3 * 366 ? 1 : 2;
  while (i < 2 && fullDays / len[order[i]] > 3000) i++;
  return order[i];
}

// The dated items of a /api/timeline answer: [{a, z, count}] in ms, z
// exclusive, for day bins with events and for month/year spans.
function items(data) {
  const out = [];
  for (const b of data.bins ?? []) {
    if (b.count) out.push({a: parseDay(b.start), z: parseDay(b.end) + DAY, count: b.count});
  }
  for (const c of data.coarse ?? []) {
    const sp = coarseSpan(c.value);
    if (sp) out.push({a: sp[0], z: sp[1], count: c.count});
  }
  return out;
}

// The range the axis shows, [t0, t1) in ms, and the events left outside it.
// A few far outliers (a 1920s year in a corpus about 2016) would squeeze
// everything else into a sliver, so unless `full` is asked for, the axis
// drops the earliest and latest 1% of dated events when that at least
// halves its length.
export function axisRange(data, full) {
  const its = items(data);
  if (!its.length) return null;
  let t0 = Math.min(...its.map(i => i.a)), t1 = Math.max(...its.map(i => i.z));
  const total = its.reduce((n, i) => n + i.count, 0);
  let before = 0, after = 0;
  if (!full && total >= 20) {
    const cut = total * 0.01;
    const byA = [...its].sort((p, q) => p.a - q.a);
    let n = 0, a = t0;
    for (const i of byA) { if (n + i.count > cut) { a = i.a; break; } n += i.count; }
    const byZ = [...its].sort((p, q) => q.z - p.z);
    let m = 0, z = t1;
    for (const i of byZ) { if (m + i.count > cut) { z = i.z; break; } m += i.count; }
    if (z > a && (z - a) * 2 <= t1 - t0) {
      before = its.filter(i => i.z <= a).reduce((k, i) => k + i.count, 0);
      after = its.filter(i => i.a >= z).reduce((k, i) => k + i.count, 0);
      t0 = a; t1 = z;
    }
  }
  return {t0, t1, before, after, full: [Math.min(...its.map(i => i.a)), Math.max(...its.map(i => i.z))]};
}

// The dated range [first, last] in ms of a /api/timeline answer, or null.
export function dataRange(data) {
  const r = axisRange(data, true);
  return r ? [r.t0, r.t1 - DAY] : null;
}

export class Timeline {
  // onBrush(from, to) with ISO days (inclusive), or (null, null) to clear;
  // onBin(bin) when the user picks a bin ('auto', 'day', 'week', 'month').
  constructor(el, {onBrush, onBin}) {
    this.el = el;
    this.onBrush = onBrush;
    this.onBin = onBin;
    this.data = null;
    this.sel = null;
    this.binChoice = 'auto';
    this.head = h('div', {class: 'tl-head'});
    this.svgWrap = h('div', {class: 'tl-svg'});
    replace(el, this.head, this.svgWrap);
    new ResizeObserver(() => { if (this.data) this._draw(); }).observe(this.svgWrap);
  }

  render(data, from, to) {
    this.data = data;
    this.sel = from || to ? [from ?? null, to ?? null] : null;
    this._head();
    this._draw();
  }

  _head() {
    const d = this.data;
    const coarseCount = (d.coarse ?? []).reduce((a, c) => a + c.count, 0);
    const dated = (d.bins ?? []).reduce((a, b) => a + b.count, 0);
    const fromIn = h('input', {type: 'date', 'aria-label': 'From date', value: this.sel?.[0] ?? ''});
    const toIn = h('input', {type: 'date', 'aria-label': 'To date', value: this.sel?.[1] ?? ''});
    const apply = () => this.onBrush(fromIn.value || null, toIn.value || null);
    fromIn.addEventListener('change', apply);
    toIn.addEventListener('change', apply);
    const binSel = h('select', {'aria-label': 'Bin size', on: {change: e => this.onBin(e.target.value)}},
      ['auto', 'day', 'week', 'month'].map(b => h('option', {value: b, selected: b === this.binChoice}, b === 'auto' ? `auto (${d.bin})` : b)));
    replace(this.head,
      h('strong', null, 'Timeline'),
      h('span', {class: 'tl-stat'}, `${fmtNum(dated)} day-dated`),
      h('span', {class: 'tl-stat coarse-key'}, h('span', {class: 'hatch-swatch', 'aria-hidden': 'true'}), `${fmtNum(coarseCount)} month/year-dated (spans)`),
      h('span', {class: 'tl-stat', id: 'tl-undated'}, `${fmtNum(d.undated ?? 0)} undated`),
      this.outsideEl = h('span', {class: 'tl-stat'}),
      h('label', null, 'bin ', binSel),
      h('span', {class: 'tl-range'},
        h('label', null, 'from ', fromIn), h('label', null, ' to ', toIn),
        h('button', {type: 'button', disabled: !this.sel, on: {click: () => this.onBrush(null, null)}}, 'clear')));
  }

  _draw() {
    const d = this.data;
    const W = Math.max(300, this.svgWrap.clientWidth || 800);
    const H = 132, L = 44, R = 12, top = 8, barsH = 72, coarseY = top + barsH + 6, rowH = 9, axisY = 118;
    const svg = s('svg', {width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: 'tl', role: 'img',
      'aria-label': 'Events over time; drag to select a date range'});
    const defs = s('defs', null,
      s('pattern', {id: 'tl-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)'},
        s('rect', {width: 6, height: 6, class: 'hatch-bg'}),
        s('line', {x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line'})));
    svg.appendChild(defs);
    const bins = d.bins ?? [];
    const coarse = (d.coarse ?? []).map(c => ({...c, span: coarseSpan(c.value)})).filter(c => c.span);
    const range = axisRange(d, this.fullRange);
    let t0 = range ? range.t0 : NaN, t1 = range ? range.t1 : NaN;
    this._outside(range);
    if (!Number.isFinite(t0)) {
      svg.appendChild(s('text', {x: L, y: 40, class: 'tl-empty'}, 'No dated events in this filter.'));
      replace(this.svgWrap, svg);
      this.el.dataset.ready = '1';
      return;
    }
    if (t1 - t0 < DAY) t1 = t0 + DAY;
    const x = t => L + (t - t0) / (t1 - t0) * (W - L - R);
    const inv = px => t0 + (Math.min(Math.max(px, L), W - R) - L) / (W - L - R) * (t1 - t0);
    this.scale = {x, inv, t0, t1, L, R, W};
    const max = Math.max(1, ...bins.filter(b => parseDay(b.end) + DAY > t0 && parseDay(b.start) < t1).map(b => b.count));
    const selA = this.sel?.[0] ? parseDay(this.sel[0]) : -Infinity;
    const selB = this.sel?.[1] ? parseDay(this.sel[1]) + DAY : Infinity;

    // Axis line and ticks.
    const g = s('g', {class: 'tl-axis'});
    g.appendChild(s('line', {x1: L, x2: W - R, y1: axisY, y2: axisY}));
    g.appendChild(s('text', {x: L - 6, y: top + 8, class: 'tl-ylab', 'text-anchor': 'end'}, fmtNum(max)));
    g.appendChild(s('text', {x: L - 6, y: coarseY + 8, class: 'tl-ylab', 'text-anchor': 'end'}, 'm/y'));
    for (const t of ticks(t0, t1, Math.floor((W - L - R) / 80))) {
      g.appendChild(s('line', {x1: x(t.t), x2: x(t.t), y1: axisY, y2: axisY + 4}));
      g.appendChild(s('text', {x: x(t.t), y: axisY + 13, 'text-anchor': 'middle'}, t.label));
    }
    svg.appendChild(g);

    // Day-precision bins, stacked by type.
    const gb = s('g', {class: 'tl-bars'});
    for (const b of bins) {
      if (!b.count) continue;
      const a = Math.max(t0, parseDay(b.start)), z = Math.min(t1, parseDay(b.end) + DAY);
      if (z <= a) continue;
      const bx = x(a), bw = Math.max(1, x(z) - x(a) - (x(z) - x(a) > 3 ? 1 : 0));
      const out = z <= selA || a >= selB;
      const grp = s('g', {class: out ? 'tl-bin out' : 'tl-bin', 'data-start': b.start, 'data-end': b.end, 'data-count': b.count});
      grp.appendChild(s('title', null, `${b.start} – ${b.end}: ${b.count} event${b.count === 1 ? '' : 's'}`));
      const types = Object.entries(b.by_type ?? {}).sort((p, q) => PLOVER.indexOf(p[0]) - PLOVER.indexOf(q[0]));
      if (!types.length) types.push(['none', b.count]);
      let y = top + barsH;
      for (const [t, n] of types) {
        const bh = n / max * barsH;
        y -= bh;
        grp.appendChild(s('rect', {x: bx, y, width: bw, height: Math.max(bh, 0.5), class: `tl-bar t-${token(t)}`}));
      }
      gb.appendChild(grp);
    }
    svg.appendChild(gb);

    // Month/year spans, greedily in rows so overlapping spans stay visible.
    const gc = s('g', {class: 'tl-coarse-lane'});
    const rows = [];
    coarse.sort((p, q) => p.span[0] - q.span[0] || q.span[1] - p.span[1]);
    for (const c of coarse) {
      if (c.span[1] <= t0 || c.span[0] >= t1) continue;
      c.span = [Math.max(t0, c.span[0]), Math.min(t1, c.span[1])];
      let r = rows.findIndex(end => end <= c.span[0]);
      if (r < 0) { r = rows.length; rows.push(0); }
      rows[r] = c.span[1];
      const cx = x(c.span[0]), cw = Math.max(2, x(c.span[1]) - cx - 1);
      const y = coarseY + Math.min(r, 2) * rowH;
      const out = c.span[1] <= selA || c.span[0] >= selB;
      const cg = s('g', {class: out ? 'tl-coarse out' : 'tl-coarse', 'data-value': c.value, 'data-precision': c.precision, 'data-count': c.count});
      cg.appendChild(s('title', null, `${fmtDate(c.value, c.precision)}: ${c.count} event${c.count === 1 ? '' : 's'}`));
      cg.appendChild(s('rect', {x: cx, y, width: cw, height: rowH - 2, class: 'tl-span'}));
      if (cw > 24) cg.appendChild(s('text', {x: cx + 3, y: y + rowH - 3, class: 'tl-span-label'}, String(c.count)));
      gc.appendChild(cg);
    }
    svg.appendChild(gc);

    // Current selection.
    const selRect = s('rect', {y: top - 4, height: coarseY + 3 * rowH - top + 4, class: 'tl-sel', x: 0, width: 0});
    if (this.sel) {
      const a = Math.max(t0, selA), z = Math.min(t1, selB);
      if (z > a) { selRect.setAttribute('x', x(a)); selRect.setAttribute('width', Math.max(1, x(z) - x(a))); }
    }
    svg.appendChild(selRect);

    // The brush: a transparent overlay that takes the pointer.
    const overlay = s('rect', {x: L, y: top - 4, width: W - L - R, height: coarseY + 3 * rowH - top + 4, class: 'tl-overlay'});
    svg.appendChild(overlay);
    let x0 = null;
    overlay.addEventListener('pointerdown', e => {
      x0 = this._px(e, svg);
      overlay.setPointerCapture(e.pointerId);
      selRect.setAttribute('x', x0);
      selRect.setAttribute('width', 0);
    });
    overlay.addEventListener('pointermove', e => {
      if (x0 === null) return;
      const x1 = this._px(e, svg);
      selRect.setAttribute('x', Math.min(x0, x1));
      selRect.setAttribute('width', Math.abs(x1 - x0));
    });
    const end = e => {
      if (x0 === null) return;
      const x1 = this._px(e, svg);
      const a = x0;
      x0 = null;
      if (Math.abs(x1 - a) < 3) {
        const bin = this._binAt(inv(x1));
        if (bin) this.onBrush(bin.start, bin.end);
        else this.onBrush(null, null);
        return;
      }
      const [from, to] = this._snap(inv(Math.min(a, x1)), inv(Math.max(a, x1)));
      this.onBrush(from, to);
    };
    overlay.addEventListener('pointerup', end);
    overlay.addEventListener('pointercancel', () => { x0 = null; });
    replace(this.svgWrap, svg);
    this.el.dataset.ready = '1';
  }

  // Says how many dated events lie beyond the axis, with a toggle.
  _outside(range) {
    if (!this.outsideEl) return;
    const n = range ? range.before + range.after : 0;
    const toggle = label => h('button', {type: 'button', class: 'linkish', on: {click: () => { this.fullRange = !this.fullRange; this._draw(); }}}, label);
    if (this.fullRange) replace(this.outsideEl, toggle('trim outliers'));
    else if (n) replace(this.outsideEl, `${fmtNum(n)} beyond the axis (${isoDay(range.full[0]).slice(0, 4)}–${isoDay(range.full[1] - DAY).slice(0, 4)}) `, toggle('show all'));
    else this.outsideEl.replaceChildren();
  }

  _px(e, svg) {
    const r = svg.getBoundingClientRect();
    return (e.clientX - r.left) * (this.scale.W / r.width);
  }

  _binAt(t) {
    for (const b of this.data.bins ?? []) {
      if (parseDay(b.start) <= t && t < parseDay(b.end) + DAY) return b;
    }
    return null;
  }

  // A dragged range [ta, tb] in ms -> inclusive ISO days, widened to the
  // bins it touches.
  _snap(ta, tb) {
    const a = this._binAt(ta), b = this._binAt(tb);
    const from = a ? a.start : isoDay(Math.floor(ta / DAY) * DAY);
    const to = b ? b.end : isoDay(Math.max(Math.floor(tb / DAY) * DAY, parseDay(from)));
    return [from, to];
  }
}

// Axis ticks for [t0, t1): years, quarters, months, weeks or days, the
// finest with at most n ticks.
function ticks(t0, t1, n) {
  const out = [];
  const d0 = new Date(t0);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const gen = (stepMonths) => {
    const r = [];
    let y = d0.getUTCFullYear(), m = d0.getUTCMonth();
    m = Math.ceil(m / stepMonths) * stepMonths;
    for (let t = Date.UTC(y, m, 1); t < t1; m += stepMonths, t = Date.UTC(y, m, 1)) {
      if (t < t0) continue;
      const d = new Date(t);
      r.push({t, label: stepMonths >= 12 || d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : `${mon[d.getUTCMonth()]} ${String(d.getUTCFullYear()).slice(2)}`});
    }
    return r;
  };
  const days = (step) => {
    const r = [];
    for (let t = Math.ceil(t0 / DAY) * DAY; t < t1; t += step * DAY) {
      const d = new Date(t);
      r.push({t, label: `${d.getUTCDate()} ${mon[d.getUTCMonth()]}`});
    }
    return r;
  };
  for (const cand of [() => days(1), () => days(7), () => gen(1), () => gen(3), () => gen(12), () => gen(60)]) {
    const r = cand();
    if (r.length <= Math.max(2, n)) return r;
  }
  for (let step = 120; ; step *= 2) {
    const r = gen(step);
    if (r.length <= Math.max(2, n)) return r;
  }
}
