// Names and order of the categories the UI colours. The colours themselves
// live in style.css (classes t-TYPE, v-KIND, e-KIND), so the map, the
// legend, the timeline and the document view agree.

// The 16 PLOVER event types, roughly from cooperative to violent.
export const PLOVER = ['AGREE', 'CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT',
  'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];

export const VOICE = ['author', 'attributed', 'quoted', 'hedged', 'question'];

export const ENTITY_KINDS = ['place', 'actor', 'person', 'organization', 'outlet', 'date', 'quantity', 'document'];

export const ROLES = ['actor', 'target', 'place', 'date', 'dead', 'injured'];

export function typeLabel(t) {
  return t ? String(t).charAt(0) + String(t).slice(1).toLowerCase() : 'unknown';
}

export function techniqueLabel(t) {
  return String(t ?? '').replace(/_/g, ' ');
}
