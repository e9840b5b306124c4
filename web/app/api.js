// Talking to dossier serve's JSON API (docs/api.md). One place that builds
// query strings from the event filter, retries once after a 429, and cancels
// a request when a newer one on the same channel replaces it.

// The event filter's parameters (docs/api.md "The event filter"), in the
// order they appear in URLs.
export const FILTER_KEYS = ['q', 'type', 'mode', 'voice', 'actor', 'target', 'place', 'country',
  'outlet', 'from', 'to', 'bbox', 'min_confidence', 'document', 'cluster', 'repeats', 'asserted'];

// filter object -> URLSearchParams with only the non-empty keys; extra
// parameters (paging, bin) are appended after.
export function params(filter, extra) {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filter?.[k];
    if (v === undefined || v === null || v === '') continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  if (extra) for (const [k, v] of Object.entries(extra)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  }
  return p;
}

// URLSearchParams -> filter object (lists for type and voice).
export function filterFrom(search) {
  const f = {};
  for (const k of FILTER_KEYS) {
    const v = search.get(k);
    if (v === null || v === '') continue;
    f[k] = (k === 'type' || k === 'voice') ? v.split(',').filter(Boolean) : v;
  }
  return f;
}

export function without(filter, ...keys) {
  const f = {...filter};
  for (const k of keys) delete f[k];
  return f;
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const channels = new Map();

// GET path?query -> parsed JSON. A request on a named channel aborts the
// previous one on that channel (its promise rejects with AbortError).
export async function get(path, query, channel) {
  let signal;
  if (channel) {
    channels.get(channel)?.abort();
    const ctl = new AbortController();
    channels.set(channel, ctl);
    signal = ctl.signal;
  }
  const url = query && String(query) ? `${path}?${query}` : path;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, {signal, headers: {Accept: 'application/json'}});
    if (res.status === 429 && attempt === 0) {
      await new Promise(r => setTimeout(r, 1000));
      continue;
    }
    if (!res.ok) {
      let code = 'http_' + res.status, message = `${res.status} ${res.statusText}`;
      try {
        const body = await res.json();
        if (body?.error) { code = body.error.code; message = body.error.message; }
      } catch { /* not JSON */ }
      throw new ApiError(res.status, code, message);
    }
    return res.json();
  }
}

export function isAbort(e) {
  return e?.name === 'AbortError';
}
