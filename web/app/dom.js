// DOM helpers for the dossier UI. Every piece of article or store text enters
// the page through these as a text node: h() turns string children into
// text nodes and never sets innerHTML, links are made only for http(s) URLs,
// and search snippets become <mark> elements by splitting on the
// U+0002 / U+0003 hit markers the API puts around hits.

// h('div', {class: 'x', on: {click: fn}}, 'text', child, [more]) -> Element.
// Attribute values are set with setAttribute (never parsed as markup);
// children that are strings or numbers become text nodes; null/false skip.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'on') {
        for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      } else if (k === 'dataset') {
        for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
      } else if (k === 'href') {
        const safe = safeHref(v);
        if (safe) el.setAttribute('href', safe);
      } else if (k === 'text') {
        el.textContent = String(v);
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// Removes every child, then appends.
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// An href the UI may follow: its own routes ("#/...") or an http(s) URL.
// Anything else (javascript:, data:, vbscript:, relative paths) is null.
export function safeHref(url) {
  if (typeof url !== 'string') return null;
  if (url.startsWith('#/')) return url;
  if (url.startsWith('/api/')) return url;
  return externalUrl(url);
}

// An absolute http: or https: URL, normalised, or null.
export function externalUrl(url) {
  if (typeof url !== 'string' || url.length > 4096) return null;
  let u;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return u.href;
}

// A link to an outside URL, or the URL as plain text when it is not http(s).
export function extLink(url, label) {
  const safe = externalUrl(url);
  if (!safe) return h('span', {class: 'url-text'}, label ?? url ?? '');
  return h('a', {href: safe, target: '_blank', rel: 'noopener noreferrer'}, label ?? url);
}

// A route link ("#/doc/ID").
export function route(hash, ...children) {
  return h('a', {href: hash}, ...children);
}

// Snippet with U+0002 hit U+0003 markers -> DocumentFragment of text and <mark>.
export function snippet(s) {
  const frag = document.createDocumentFragment();
  if (typeof s !== 'string') return frag;
  let inHit = false;
  let buf = '';
  const flush = () => {
    if (!buf) return;
    frag.appendChild(inHit ? h('mark', null, buf) : document.createTextNode(buf));
    buf = '';
  };
  for (const ch of s) {
    if (ch === '\u0002') { flush(); inHit = true; }
    else if (ch === '\u0003') { flush(); inHit = false; }
    else buf += ch;
  }
  flush();
  return frag;
}

// Code point offsets -> UTF-16 offsets for one string: u16[i] is where code
// point i starts (u16[n] = s.length). The API counts code points.
export function cpIndex(s) {
  const u16 = [];
  let i = 0;
  for (const ch of s) { u16.push(i); i += ch.length; }
  u16.push(i);
  return u16;
}

export function fmtNum(x, digits = 0) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return Number(x).toLocaleString('en', {maximumFractionDigits: digits, minimumFractionDigits: 0});
}

// "at least 4", "about 80,000", "6-12", "83".
export function fmtCount(c) {
  if (!c || c.value === null || c.value === undefined) return null;
  const q = c.qualifier;
  const v = fmtNum(c.value);
  if (q === 'at_least') return `at least ${v}`;
  if (q === 'at_most') return `at most ${v}`;
  if (q === 'about') return `about ${v}`;
  if (q === 'approximate_plural') return `${v}s (approx.)`;
  if (q === 'range' && c.low !== null && c.high !== null) return `${fmtNum(c.low)}–${fmtNum(c.high)}`;
  return v;
}

// A date with its precision made visible: "2017-04-03", "April 2017 (month)".
export function fmtDate(value, precision) {
  if (!value) return 'undated';
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
                  'August', 'September', 'October', 'November', 'December'];
  if (precision === 'month' || /^\d{4}-\d{2}$/.test(value)) {
    const [y, m] = value.split('-');
    return `${months[Number(m) - 1] ?? m} ${y} (month precision)`;
  }
  if (precision === 'year' || /^\d{4}$/.test(value)) return `${value} (year precision)`;
  return value;
}

export function debounce(fn, ms) {
  let t = null;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

// A class-name-safe token (PLOVER types, kinds, techniques come from the
// store; only letters, digits, '_' and '-' survive).
export function token(s) {
  return String(s ?? 'none').replace(/[^A-Za-z0-9_-]/g, '_');
}

// A table from column specs [{label, cell: row => Node|string, num?}].
export function table(cols, rows, attrs) {
  return h('table', attrs ?? {class: 'data'},
    h('thead', null, h('tr', null, cols.map(c => h('th', {scope: 'col', class: c.num ? 'num' : null}, c.label)))),
    h('tbody', null, rows.map(r => h('tr', null,
      cols.map(c => h('td', {class: c.num ? 'num' : null}, c.cell(r)))))));
}

// Prev/next pager for a {total, limit, offset} answer.
export function pager(page, go) {
  const {total, limit, offset} = page;
  const last = Math.min(offset + limit, total);
  return h('div', {class: 'pager'},
    h('button', {type: 'button', disabled: offset <= 0, on: {click: () => go(Math.max(0, offset - limit))}}, '‹ prev'),
    h('span', {class: 'pager-pos'}, total ? `${fmtNum(offset + 1)}–${fmtNum(last)} of ${fmtNum(total)}` : '0 of 0'),
    h('button', {type: 'button', disabled: last >= total, on: {click: () => go(offset + limit)}}, 'next ›'));
}
