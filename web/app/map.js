// The map: Leaflet with the Natural Earth countries of npm world-atlas as the
// only basemap (no tiles, nothing fetched from outside), and the filtered
// events of /api/events.geojson as clustered markers coloured by PLOVER type.
// Leaflet, Leaflet.markercluster and topojson-client are classic scripts
// loaded before the modules (globals L and topojson).

import {h, replace, token, fmtNum} from './dom.js';
import {PLOVER, typeLabel} from './colors.js';

const L = window.L;

export class EventMap {
  // el: the map container; onSelect(properties) when a marker is chosen;
  // onType(type) when a legend entry is clicked.
  constructor(el, legendEl, {onSelect, onType}) {
    this.el = el;
    this.legendEl = legendEl;
    this.onSelect = onSelect;
    this.onType = onType;
    this.markers = new Map();   // "docid#v1" -> L.Marker
    this.map = L.map(el, {
      preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 14,
      zoomSnap: 0.5, attributionControl: true,
    }).setView([30, 20], 2);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution('Natural Earth via world-atlas · Leaflet');
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40,
      spiderfyOnMaxZoom: true, iconCreateFunction: c => this._clusterIcon(c),
    });
    this.map.addLayer(this.cluster);
    this.el.dataset.ready = '0';
  }

  // Draws the countries of world-atlas (TopoJSON -> GeoJSON).
  async loadBasemap() {
    const res = await fetch('/vendor/world-atlas/countries-50m.json');
    if (!res.ok) throw new Error(`basemap: ${res.status}`);
    const topo = await res.json();
    const land = window.topojson.feature(topo, topo.objects.countries);
    for (const f of land.features) unwrapGeometry(f.geometry);
    L.geoJSON(land, {
      renderer: L.canvas({padding: 0.5}), interactive: false,
      style: {color: '#8a8f98', weight: 0.6, fillColor: '#eef0ea', fillOpacity: 1},
    }).addTo(this.map);
    this.map.getPane('overlayPane').classList.add('basemap-pane');
  }

  // Replaces the markers with the features of a FeatureCollection; resolves
  // when every marker has been added. Fits the view to them.
  setEvents(fc) {
    this.el.dataset.ready = '0';
    this.cluster.clearLayers();
    this.markers.clear();
    const counts = new Map();
    const layers = [];
    for (const f of fc.features ?? []) {
      const p = f.properties ?? {};
      const c = f.geometry?.coordinates;
      if (!c || c.length < 2 || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) continue;
      const type = p.plover ?? 'none';
      counts.set(type, (counts.get(type) ?? 0) + 1);
      const label = `${typeLabel(type)}: ${p.trigger_text ?? ''} — ${p.place_text ?? ''} ${p.date_value ?? ''}`;
      const m = L.marker([c[1], c[0]], {
        icon: L.divIcon({className: `ev-pin t-${token(type)}`, iconSize: [14, 14], html: ''}),
        title: label, alt: label, keyboard: true, riseOnHover: true,
      });
      m.plover = type;
      m.on('click', () => { this.highlight(m); this.onSelect({...p, place_lon: c[0], place_lat: c[1]}); });
      this.markers.set(`${p.document_id}#${p.event_id}`, m);
      layers.push(m);
    }
    this.el.dataset.features = String(layers.length);
    this._legend(counts);
    // Fit the view first, so the clusters are built once at the final zoom
    // (fitting afterwards animates from the old clusters to the new ones).
    this.map.invalidateSize();
    if (layers.length) {
      const b = L.latLngBounds(layers.map(m => m.getLatLng()));
      this.map.fitBounds(b, {padding: [30, 30], maxZoom: 7, animate: false});
    }
    return new Promise(resolve => {
      let finished = false;
      const done = () => {
        if (finished) return;
        finished = true;
        requestAnimationFrame(() => requestAnimationFrame(() => {
          this.el.dataset.ready = '1';
          resolve(layers.length);
        }));
      };
      if (!layers.length) { done(); return; }
      // Called before the group's last step (adding the top clusters to the
      // map), so finish on the next turn.
      this.cluster.options.chunkProgress = (processed, total) => { if (processed === total) setTimeout(done, 0); };
      this.cluster.addLayers(layers);
    });
  }

  // Brings the marker of an event into view (opening its cluster).
  focus(documentId, eventId) {
    const m = this.markers.get(`${documentId}#${eventId}`);
    if (!m) return false;
    this.cluster.zoomToShowLayer(m, () => this.highlight(m));
    return true;
  }

  highlight(m) {
    this.selected?.getElement()?.classList.remove('selected');
    this.selected = m;
    m.getElement()?.classList.add('selected');
  }

  invalidate() {
    this.map.invalidateSize();
  }

  _clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const by = new Map();
    for (const m of children) by.set(m.plover, (by.get(m.plover) ?? 0) + 1);
    let top = 'none', best = -1;
    for (const [t, n] of by) if (n > best) { top = t; best = n; }
    const n = children.length;
    const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    const mixed = by.size > 1 ? ' mixed' : '';
    // The html is a number the UI computed; no store text goes in here.
    return L.divIcon({
      html: `<span>${Number(n)}</span>`, className: `ev-cluster t-${token(top)}${mixed}`,
      iconSize: L.point(size, size),
    });
  }

  _legend(counts) {
    const present = PLOVER.filter(t => counts.has(t)).concat([...counts.keys()].filter(t => !PLOVER.includes(t)));
    replace(this.legendEl,
      h('div', {class: 'legend-title'}, 'Event types'),
      present.length ? present.map(t => h('button', {
        type: 'button', class: `legend-item t-${token(t)}`, title: `Filter by ${t}`,
        on: {click: () => this.onType(t)},
      }, h('span', {class: 'swatch', 'aria-hidden': 'true'}), `${typeLabel(t)} `, h('span', {class: 'count'}, fmtNum(counts.get(t)))))
        : h('div', {class: 'muted'}, 'no located events'));
  }
}

// Rings that cross the antimeridian (Chukotka, Fiji) jump from +180 to -180;
// drawn as is they streak across the whole map. Continue their longitudes
// past 180 instead.
function unwrapRing(ring) {
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const prev = ring[i - 1][0];
    let lon = ring[i][0] + shift;
    if (lon - prev > 180) { shift -= 360; lon -= 360; }
    else if (prev - lon > 180) { shift += 360; lon += 360; }
    ring[i] = [lon, ring[i][1]];
  }
}

function unwrapGeometry(g) {
  if (!g) return;
  if (g.type === 'Polygon') g.coordinates.forEach(unwrapRing);
  else if (g.type === 'MultiPolygon') g.coordinates.forEach(p => p.forEach(unwrapRing));
}
