// The facet panel: counts of the matching events by type, voice, actor,
// country and outlet (/api/facets). Choosing a value narrows the filter;
// chosen values stay listed (pressed) so they can be unchosen.

import {h, replace, fmtNum, token} from './dom.js';
import {typeLabel} from './colors.js';

// The filter value for an actor facet entry [key, name, count]: an entry
// key ("actor:ISIS") is passed as is; a mention-text key ("text:rebels")
// becomes the words themselves (the API matches them as a substring).
export function actorValue(key, name) {
  if (typeof key === 'string' && key.startsWith('text:')) return key.slice(5);
  if (typeof key === 'string' && key.includes(':')) return key;
  return name ?? key;
}

const GROUPS = [
  {key: 'type', label: 'Type', multi: true},
  {key: 'voice', label: 'Voice', multi: true},
  {key: 'actor', label: 'Actor'},
  {key: 'country', label: 'Country'},
  {key: 'outlet', label: 'Outlet'},
];

export function renderFacets(el, facets, filter, setFilter) {
  const groups = GROUPS.map(g => {
    const rows = (facets?.[g.key] ?? []).map(r => {
      if (g.key === 'actor') return {value: actorValue(r[0], r[1]), label: r[1] ?? r[0], count: r[2]};
      return {value: r[0], label: r[0], count: r[1]};
    });
    const chosen = g.multi ? (filter[g.key] ?? []) : (filter[g.key] ? [filter[g.key]] : []);
    for (const v of chosen) {
      if (!rows.some(r => r.value === v)) rows.unshift({value: v, label: v, count: null});
    }
    const toggle = v => {
      const f = {...filter};
      if (g.multi) {
        const cur = new Set(f[g.key] ?? []);
        cur.has(v) ? cur.delete(v) : cur.add(v);
        f[g.key] = [...cur];
        if (!f[g.key].length) delete f[g.key];
      } else if (f[g.key] === v) {
        delete f[g.key];
      } else {
        f[g.key] = v;
      }
      setFilter(f);
    };
    return h('section', {class: 'facet', 'aria-label': g.label},
      h('h3', null, g.label),
      rows.length ? h('ul', null, rows.map(r => {
        const on = chosen.includes(r.value);
        const label = r.label === null || r.label === undefined ? '(none)' : g.key === 'type' ? typeLabel(r.label) : String(r.label);
        return h('li', null, h('button', {
          type: 'button', class: `facet-item${g.key === 'type' ? ' t-' + token(r.value) : ''}${g.key === 'voice' ? ' v-' + token(r.value) : ''}`,
          'aria-pressed': on ? 'true' : 'false', dataset: {facet: g.key, value: r.value ?? ''},
          disabled: r.value === null || r.value === undefined,
          on: {click: () => toggle(r.value)},
        }, g.key === 'type' || g.key === 'voice' ? h('span', {class: 'swatch', 'aria-hidden': 'true'}) : null,
          h('span', {class: 'facet-label'}, label),
          h('span', {class: 'count'}, r.count === null ? '' : fmtNum(r.count))));
      })) : h('p', {class: 'muted'}, 'none'));
  });
  replace(el, h('h2', {class: 'panel-title'}, `Filter · ${fmtNum(facets?.total ?? 0)} events`), groups);
}
