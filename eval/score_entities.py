#!/usr/bin/env python3
"""Scores dossier's entities[] against team-written gold articles.

Each gold article is an eval/articles/NAME.ann file: a few `key: value`
header lines (published, title), a blank line, then the body with inline
marks `[[KIND TEXT|attr=value|...]]` (see eval/README.md). The scorer strips
the marks to get the plain body and the gold spans, runs `dossier extract` on
the plain body, maps the gold spans onto the record's `text` (the cleaner may
change whitespace or drop a line) and compares the record's entities with the
gold: strict (same kind, same span) and lenient (same kind, overlapping span)
precision/recall/F1 per kind, then attribute accuracy over the lenient
matches (place coordinates within 161 km and 10 km, date values, quantity
value/qualifier/role, actor country/sectors/group, person names).

Standard library only, so it runs wherever python3 does.
"""

import argparse
import bisect
import difflib
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile

# The kinds of the output contract (contract.md, entities[]). Every one of
# them appears in the report, even when dossier predicts none of it yet.
KINDS = ("place", "actor", "person", "organization", "outlet", "date",
         "quantity")
KNOWN_KINDS = frozenset(KINDS + ("document",))

# Attributes a mark may carry, per kind. An unknown attribute is an error so
# a typo in the gold ("lng=" for "lon=") is caught instead of silently
# dropping a fact from the evaluation.
ATTRS = {
    "place": {"ref", "name", "lat", "lon", "feature", "country", "admin1",
              "note"},
    "actor": {"ref", "name", "country", "sector", "group", "backed_by",
              "note"},
    "organization": {"ref", "name", "country", "sector", "group",
                     "backed_by", "note"},
    "outlet": {"ref", "name", "country", "sector", "note"},
    "person": {"ref", "name", "note"},
    "date": {"value", "end", "precision", "relative", "note"},
    "quantity": {"value", "low", "high", "qualifier", "unit", "role",
                 "note"},
    "document": {"ref", "name", "note"},
}

HEADER_RE = re.compile(r"^([a-z_]+):\s?(.*)$")
KIND_RE = re.compile(r"[a-z]+")

EARTH_RADIUS_KM = 6371.0088


class AnnError(ValueError):
    """A malformed .ann file; the message names the line and column."""


class Mention:
    """One entity mention: a span of code points in some text."""

    __slots__ = ("kind", "start", "end", "text", "attrs", "raw")

    def __init__(self, kind, start, end, text, attrs=None, raw=None):
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.attrs = attrs or {}
        self.raw = raw  # the predicted entity's JSON object, if predicted

    def __repr__(self):
        return "Mention(%s %r [%d,%d) %r)" % (self.kind, self.text,
                                              self.start, self.end,
                                              self.attrs)


class AnnDoc:
    """A parsed gold article: header metadata, plain text, gold mentions."""

    def __init__(self, name, meta, text, mentions):
        self.name = name
        self.meta = meta
        self.text = text
        self.mentions = mentions


def _line_col(source, pos):
    line = source.count("\n", 0, pos) + 1
    col = pos - (source.rfind("\n", 0, pos) + 1) + 1
    return line, col


def parse_marked(body, offset_in_source=0, source=None, name="<text>"):
    """Strips `[[KIND TEXT|a=v|...]]` marks from `body`.

    Returns (plain_text, mentions) where each mention's start/end are code
    point offsets into plain_text and mention.text == plain_text[start:end].
    Marks may nest (the inner mark's text is part of the outer one's).
    Raises AnnError on unbalanced brackets, unknown kinds or attributes.
    """
    source = body if source is None else source
    out = []
    out_len = 0
    stack = []  # open marks: [kind, start_in_plain, pos_in_body]
    mentions = []
    i = 0
    n = len(body)

    def fail(msg, pos):
        line, col = _line_col(source, offset_in_source + pos)
        raise AnnError("%s:%d:%d: %s" % (name, line, col, msg))

    while i < n:
        if body.startswith("[[", i):
            m = KIND_RE.match(body, i + 2)
            if not m or m.end() >= n or body[m.end()] != " ":
                fail("expected '[[KIND ' after '[['", i)
            kind = m.group(0)
            if kind not in KNOWN_KINDS:
                fail("unknown kind %r" % kind, i)
            stack.append([kind, out_len, i])
            i = m.end() + 1
            continue
        if body.startswith("]]", i) or (stack and body[i] == "|"):
            if not stack:
                fail("']]' without an open mark", i)
            kind, start, open_pos = stack.pop()
            attrs = {}
            if body[i] == "|":
                close = body.find("]]", i)
                if close < 0:
                    fail("mark never closed", open_pos)
                for part in body[i + 1:close].split("|"):
                    if "=" not in part:
                        fail("attribute without '=': %r" % part, i)
                    key, value = part.split("=", 1)
                    key = key.strip()
                    if key not in ATTRS[kind]:
                        fail("unknown attribute %r for kind %s" % (key, kind),
                             i)
                    if key in attrs:
                        fail("attribute %r given twice" % key, i)
                    attrs[key] = value.strip()
                if "[[" in body[i:close]:
                    fail("a mark inside the attributes", i)
                i = close + 2
            else:
                i += 2
            text = "".join(out)[start:out_len]
            if not text or text != text.strip():
                fail("mark text is empty or has surrounding spaces: %r" %
                     text, open_pos)
            mentions.append(Mention(kind, start, out_len, text, attrs))
            continue
        out.append(body[i])
        out_len += 1
        i += 1
    if stack:
        fail("mark never closed", stack[-1][2])
    mentions.sort(key=lambda m: (m.start, -m.end))
    return "".join(out), mentions


def parse_ann(source, name="<ann>"):
    """Parses a whole .ann file (header lines, blank line, marked body)."""
    meta = {}
    pos = 0
    lines = source.split("\n")
    idx = 0
    while idx < len(lines):
        line = lines[idx]
        m = HEADER_RE.match(line)
        if not m:
            break
        meta[m.group(1)] = m.group(2).strip()
        pos += len(line) + 1
        idx += 1
    if meta:
        if idx < len(lines) and lines[idx].strip() == "":
            pos += len(lines[idx]) + 1
        else:
            raise AnnError("%s:%d:1: the header must end with a blank line" %
                           (name, idx + 1))
    if "published" in meta and not re.fullmatch(r"\d{4}-\d{2}-\d{2}",
                                                meta["published"]):
        raise AnnError("%s: published must be YYYY-MM-DD, got %r" %
                       (name, meta["published"]))
    body = source[pos:]
    text, mentions = parse_marked(body, pos, source, name)
    # Trailing blank lines are not part of the article.
    stripped = text.rstrip()
    for m in mentions:
        if m.end > len(stripped):
            raise AnnError("%s: mark at the end of the text" % name)
    return AnnDoc(name, meta, stripped + "\n", mentions)


def load_ann(path):
    with open(path, encoding="utf-8") as f:
        return parse_ann(f.read(), os.path.basename(path))


# ---------------------------------------------------------------------------
# Predicted mentions and alignment


def predicted_mentions(record):
    """The record's entities[] as Mentions over record["text"]."""
    text = record.get("text", "")
    result = []
    for e in record.get("entities", []) or []:
        kind = e.get("kind")
        start, end = e.get("start"), e.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        result.append(Mention(kind, start, end, e.get("text", text[start:end]),
                              raw=e))
    return result


def _ws_pattern(s):
    """A regex that matches s with any run of whitespace for each run."""
    parts = [re.escape(p) for p in re.split(r"\s+", s.strip())]
    return re.compile(r"\s+".join(parts))


def align_mentions(gold_text, out_text, mentions, window=300):
    """Maps gold mentions (offsets in gold_text) onto out_text.

    Returns (mapped, lost): mapped is a list of new Mention objects with
    offsets in out_text; lost lists the gold mentions whose text could not be
    found near the expected place (e.g. the cleaner dropped the line).
    """
    if gold_text == out_text or gold_text.rstrip() == out_text.rstrip():
        return [Mention(m.kind, m.start, m.end, m.text, m.attrs)
                for m in mentions], []
    sm = difflib.SequenceMatcher(None, gold_text, out_text, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size]
    a_starts = [b.a for b in blocks]

    def approx(pos):
        k = bisect.bisect_right(a_starts, pos) - 1
        if k < 0:
            return 0
        b = blocks[k]
        if pos < b.a + b.size:
            return b.b + (pos - b.a)
        return b.b + b.size  # in a deleted/changed stretch: its start

    mapped, lost = [], []
    for m in mentions:
        guess = approx(m.start)
        found = None
        if out_text[guess:guess + len(m.text)] == m.text:
            found = (guess, guess + len(m.text))
        else:
            lo = max(0, guess - window)
            hi = min(len(out_text), guess + len(m.text) + window)
            best = None
            for hit in _ws_pattern(m.text).finditer(out_text, lo, hi):
                d = abs(hit.start() - guess)
                if best is None or d < best[0]:
                    best = (d, hit.start(), hit.end())
            if best:
                found = (best[1], best[2])
        if found is None:
            lost.append(m)
        else:
            mapped.append(Mention(m.kind, found[0], found[1],
                                  out_text[found[0]:found[1]], m.attrs))
    return mapped, lost


# ---------------------------------------------------------------------------
# Matching


def _overlap(a, b):
    return min(a.end, b.end) - max(a.start, b.start)


def match_strict(gold, pred, kind_sensitive=True):
    """One-to-one pairs (gi, pi) with the same span (and kind)."""
    used = set()
    pairs = []
    by_span = {}
    for pi, p in enumerate(pred):
        key = (p.start, p.end, p.kind if kind_sensitive else None)
        by_span.setdefault(key, []).append(pi)
    for gi, g in enumerate(gold):
        key = (g.start, g.end, g.kind if kind_sensitive else None)
        for pi in by_span.get(key, []):
            if pi not in used:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def match_lenient(gold, pred, kind_sensitive=True):
    """One-to-one pairs (gi, pi) with overlapping spans (and same kind).

    Greedy over candidate pairs, best first: exact span, then larger
    overlap, then closer start. Greedy is enough here: mentions of one kind
    rarely overlap more than one mention of the other side.
    """
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if kind_sensitive and g.kind != p.kind:
                continue
            ov = _overlap(g, p)
            if ov <= 0:
                continue
            exact = g.start == p.start and g.end == p.end
            cands.append((not exact, -ov, abs(g.start - p.start), gi, pi))
    cands.sort()
    gused, pused, pairs = set(), set(), []
    for _, _, _, gi, pi in cands:
        if gi in gused or pi in pused:
            continue
        gused.add(gi)
        pused.add(pi)
        pairs.append((gi, pi))
    pairs.sort()
    return pairs


def prf(tp, n_gold, n_pred):
    p = tp / n_pred if n_pred else None
    r = tp / n_gold if n_gold else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else (
        0.0 if p is not None and r is not None else None)
    return p, r, f


# ---------------------------------------------------------------------------
# Attribute checks


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = (math.sin(dp / 2) ** 2 +
         math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _sector_set(v):
    """'GOV|MIL', 'GOV MIL', ['GOV', 'MIL'] -> {'GOV', 'MIL'}."""
    if v is None:
        return set()
    if isinstance(v, (list, tuple)):
        items = v
    else:
        items = re.split(r"[|+,\s]+", str(v))
    return {s.strip().upper() for s in items if s and s.strip()}


def _norm(v):
    return re.sub(r"\s+", " ", str(v)).strip().casefold() if v is not None else None


class Tally:
    """Counts right/total for one attribute check."""

    def __init__(self):
        self.right = 0
        self.total = 0

    def add(self, ok):
        self.total += 1
        self.right += 1 if ok else 0

    def rate(self):
        return self.right / self.total if self.total else None


def _actor_obj(e):
    a = e.get("actor") or {}
    return a if isinstance(a, dict) else {}


def check_attributes(g, p, stats, diffs):
    """Compares the gold attributes of g with prediction p (a Mention with
    .raw). Adds to stats[(kind, check)] and appends human-readable
    differences to diffs."""
    e = p.raw or {}
    kind = g.kind

    def tally(check, ok, detail):
        stats.setdefault((kind, check), Tally()).add(ok)
        if not ok:
            diffs.append((g, p, check, detail))

    if kind == "place":
        glat, glon = _num(g.attrs.get("lat")), _num(g.attrs.get("lon"))
        if glat is not None and glon is not None:
            geo = e.get("geo") or {}
            plat, plon = _num(geo.get("lat")), _num(geo.get("lon"))
            if plat is None or plon is None:
                tally("geo@161km", False, "no coordinates")
                tally("geo@10km", False, "no coordinates")
            else:
                d = haversine_km(glat, glon, plat, plon)
                stats.setdefault(("place", "error_km"), []).append(d)
                tally("geo@161km", d <= 161.0, "%.0f km off" % d)
                tally("geo@10km", d <= 10.0, "%.1f km off" % d)
        if "ref" in g.attrs:
            tally("ref", e.get("ref") == g.attrs["ref"],
                  "ref %s, gold %s" % (e.get("ref"), g.attrs["ref"]))
    elif kind in ("actor", "organization", "outlet"):
        a = _actor_obj(e)
        if "country" in g.attrs:
            want = g.attrs["country"].upper() or None
            got = (a.get("country") or None)
            got = got.upper() if isinstance(got, str) else got
            tally("country", want == got, "country %s, gold %s" % (got, want))
        if "sector" in g.attrs:
            want = _sector_set(g.attrs["sector"])
            got = _sector_set(a.get("sectors", a.get("sector")))
            tally("sector", want == got, "sectors %s, gold %s" %
                  ("|".join(sorted(got)) or "-", "|".join(sorted(want)) or "-"))
        if "group" in g.attrs:
            want = _norm(g.attrs["group"])
            got = _norm(a.get("group"))
            ref = _norm(e.get("ref"))
            ok = want == got or (ref is not None and want is not None and
                                 ref.split(":", 1)[-1] == want)
            tally("group", ok, "group %s (ref %s), gold %s" %
                  (a.get("group"), e.get("ref"), g.attrs["group"]))
        if "backed_by" in g.attrs:
            want = g.attrs["backed_by"].upper() or None
            got = a.get("backed_by")
            if isinstance(got, list):
                got = "|".join(got)
            got = got.upper() if isinstance(got, str) and got else None
            tally("backed_by", want == got,
                  "backed_by %s, gold %s" % (got, want))
    elif kind == "person":
        if "name" in g.attrs:
            tally("name", _norm(e.get("name")) == _norm(g.attrs["name"]),
                  "name %r, gold %r" % (e.get("name"), g.attrs["name"]))
    elif kind == "date":
        d = e.get("date") or {}
        if "value" in g.attrs:
            tally("value", d.get("value") == g.attrs["value"],
                  "value %s, gold %s" % (d.get("value"), g.attrs["value"]))
        if "end" in g.attrs:
            tally("end", d.get("end") == g.attrs["end"],
                  "end %s, gold %s" % (d.get("end"), g.attrs["end"]))
    elif kind == "quantity":
        q = e.get("quantity") or {}
        for key in ("value", "low", "high"):
            if key in g.attrs:
                want, got = _num(g.attrs[key]), _num(q.get(key))
                ok = want is not None and got is not None and abs(want - got) < 1e-9
                tally(key, ok, "%s %s, gold %s" % (key, q.get(key),
                                                   g.attrs[key]))
        for key in ("qualifier", "role", "unit"):
            if key in g.attrs:
                tally(key, _norm(q.get(key)) == _norm(g.attrs[key]),
                      "%s %s, gold %s" % (key, q.get(key), g.attrs[key]))


# ---------------------------------------------------------------------------
# Scoring


class DocResult:
    """Gold and predicted mentions of one document, aligned and matched."""

    def __init__(self, name, text, gold, pred, lost, sentences=None):
        self.name = name
        self.text = text
        self.gold = gold
        self.pred = pred
        self.lost = lost
        self.sentences = sentences or []
        self.strict = match_strict(gold, pred)
        self.lenient = match_lenient(gold, pred)
        self.blind = match_lenient(gold, pred, kind_sensitive=False)


def score_document(doc, record):
    """Aligns doc's gold onto record['text'] and matches it with
    record['entities']. Gold mentions the record's text lost are kept as
    false negatives (they count in recall, not in the matching)."""
    out_text = record.get("text", "")
    gold, lost = align_mentions(doc.text, out_text, doc.mentions)
    pred = predicted_mentions(record)
    return DocResult(doc.name, out_text, gold, pred, lost,
                     record.get("sentences"))


def summarize(results):
    """Aggregates DocResults into a JSON-able dict of figures."""
    per_kind = {}
    kinds = list(KINDS)
    for r in results:
        for m in r.gold + r.lost + r.pred:
            if m.kind not in kinds:
                kinds.append(m.kind)
    for k in kinds:
        per_kind[k] = {"gold": 0, "pred": 0, "strict_tp": 0, "lenient_tp": 0,
                       "lost": 0}
    blind_tp = 0
    stats = {}
    diffs = []
    for r in results:
        for m in r.gold:
            per_kind[m.kind]["gold"] += 1
        for m in r.lost:
            per_kind[m.kind]["gold"] += 1
            per_kind[m.kind]["lost"] += 1
        for m in r.pred:
            per_kind[m.kind]["pred"] += 1
        for gi, _ in r.strict:
            per_kind[r.gold[gi].kind]["strict_tp"] += 1
        for gi, pi in r.lenient:
            per_kind[r.gold[gi].kind]["lenient_tp"] += 1
            check_attributes(r.gold[gi], r.pred[pi], stats, diffs)
        blind_tp += len(r.blind)
    total = {"gold": 0, "pred": 0, "strict_tp": 0, "lenient_tp": 0, "lost": 0}
    for k in kinds:
        c = per_kind[k]
        for key in total:
            total[key] += c[key]
        _add_prf(c)
    _add_prf(total)
    blind = {"gold": total["gold"], "pred": total["pred"],
             "lenient_tp": blind_tp}
    p, r_, f = prf(blind_tp, blind["gold"], blind["pred"])
    blind.update({"lenient_p": p, "lenient_r": r_, "lenient_f1": f})
    attributes = {}
    for (kind, check), t in sorted(stats.items()):
        if check == "error_km":
            continue
        attributes.setdefault(kind, {})[check] = {
            "right": t.right, "total": t.total, "accuracy": t.rate()}
    errs = stats.get(("place", "error_km"), [])
    if errs:
        attributes.setdefault("place", {})["mean_error_km"] = sum(errs) / len(errs)
        attributes["place"]["median_error_km"] = statistics.median(errs)
    return {"documents": len(results), "kinds": per_kind, "all": total,
            "any_kind": blind, "attributes": attributes,
            "_diffs": diffs}


def _add_prf(c):
    for mode in ("strict", "lenient"):
        p, r, f = prf(c[mode + "_tp"], c["gold"], c["pred"])
        c[mode + "_p"], c[mode + "_r"], c[mode + "_f1"] = p, r, f


# ---------------------------------------------------------------------------
# Report


def _pct(x):
    return "    -" if x is None else "%5.1f" % (100.0 * x)


def format_table(summary):
    lines = []
    head = ("%-13s %5s %5s | %6s %5s %5s %5s | %6s %5s %5s %5s" %
            ("kind", "gold", "pred", "strTP", "P", "R", "F1", "lenTP", "P",
             "R", "F1"))
    lines.append(head)
    lines.append("-" * len(head))

    def row(label, c):
        return ("%-13s %5d %5d | %6d %s %s %s | %6d %s %s %s" %
                (label, c["gold"], c["pred"], c["strict_tp"],
                 _pct(c["strict_p"]), _pct(c["strict_r"]),
                 _pct(c["strict_f1"]), c["lenient_tp"], _pct(c["lenient_p"]),
                 _pct(c["lenient_r"]), _pct(c["lenient_f1"])))

    for k, c in summary["kinds"].items():
        lines.append(row(k, c))
    lines.append("-" * len(head))
    lines.append(row("all", summary["all"]))
    b = summary["any_kind"]
    lines.append("%-13s %5d %5d | %6s %5s %5s %5s | %6d %s %s %s" %
                 ("any kind", b["gold"], b["pred"], "", "", "", "",
                  b["lenient_tp"], _pct(b["lenient_p"]), _pct(b["lenient_r"]),
                  _pct(b["lenient_f1"])))
    lost = summary["all"]["lost"]
    if lost:
        lines.append("(%d gold mentions not found in dossier's text; counted "
                     "as misses)" % lost)
    lines.append("")
    lines.append("Attributes over lenient matches (right/total):")
    attrs = summary["attributes"]
    if not attrs:
        lines.append("  (no matched mention carries gold attributes)")
    for kind in list(KINDS) + sorted(set(attrs) - set(KINDS)):
        if kind not in attrs:
            continue
        parts = []
        for check, v in attrs[kind].items():
            if isinstance(v, dict):
                parts.append("%s %s%% (%d/%d)" % (check,
                                                 _pct(v["accuracy"]).strip(),
                                                 v["right"], v["total"]))
        if "mean_error_km" in attrs[kind]:
            parts.append("mean error %.1f km, median %.1f km" %
                         (attrs[kind]["mean_error_km"],
                          attrs[kind]["median_error_km"]))
        lines.append("  %-12s %s" % (kind, "; ".join(parts)))
    return "\n".join(lines)


def _context(r, m, width=160):
    """The sentence around mention m in r.text, with the mention bracketed."""
    s, e = None, None
    for a, b in r.sentences or []:
        if a <= m.start < b or (a < m.end <= b):
            s = a if s is None else min(s, a)
            e = b if e is None else max(e, b)
    if s is None:
        s, e = max(0, m.start - width // 2), min(len(r.text), m.end + width // 2)
    e = max(e, m.end)
    ctx = r.text[s:m.start] + "[" + r.text[m.start:m.end] + "]" + r.text[m.end:e]
    ctx = re.sub(r"\s+", " ", ctx).strip()
    if len(ctx) > width:
        pos = ctx.find("[")
        lo = max(0, pos - width // 2)
        ctx = ("…" if lo else "") + ctx[lo:lo + width] + "…"
    return ctx


def format_errors(results, summary):
    lines = []
    diffs_by_gold = {}
    for g, p, check, detail in summary["_diffs"]:
        diffs_by_gold.setdefault(id(g), []).append((p, check, detail))
    for r in results:
        lines.append("== %s" % r.name)
        gmatched = {gi for gi, _ in r.lenient}
        pmatched = {pi for _, pi in r.lenient}
        blind = dict(r.blind)
        for gi, g in enumerate(r.gold):
            if gi not in gmatched:
                other = ""
                if gi in blind:
                    p = r.pred[blind[gi]]
                    other = "  (predicted as %s %r)" % (p.kind, p.text)
                lines.append("  FN %-12s %r%s\n       %s" % (
                    g.kind, g.text, other, _context(r, g)))
        for g in r.lost:
            lines.append("  FN %-12s %r  (not in dossier's text)" %
                         (g.kind, g.text))
        for pi, p in enumerate(r.pred):
            if pi not in pmatched:
                lines.append("  FP %-12s %r%s\n       %s" % (
                    p.kind, p.text, _pred_note(p), _context(r, p)))
        for gi, pi in r.lenient:
            g, p = r.gold[gi], r.pred[pi]
            if (g.start, g.end) != (p.start, p.end):
                lines.append("  ~~ %-12s gold %r, predicted %r" %
                             (g.kind, g.text, p.text))
            for _, check, detail in diffs_by_gold.get(id(g), []):
                lines.append("  != %-12s %r %s: %s" % (g.kind, g.text, check,
                                                        detail))
    return "\n".join(lines)


def _pred_note(p):
    e = p.raw or {}
    bits = [e[k] for k in ("ref", "rule") if e.get(k)]
    if not bits and isinstance(e.get("date"), dict):
        bits = [e["date"].get("rule") or ""]
    return ("  [" + ", ".join(str(b) for b in bits if b) + "]") if any(bits) else ""


# ---------------------------------------------------------------------------
# Running dossier


def run_dossier(dossier, doc, tmpdir, extra_args=()):
    """Writes doc's plain text to a .txt and returns dossier's record."""
    path = os.path.join(tmpdir, os.path.splitext(doc.name)[0] + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        # A headline line first, as in a real article: without it the
        # cleaner would take a short first paragraph for the headline. The
        # gold offsets are mapped through the record's text anyway.
        if doc.meta.get("title"):
            f.write(doc.meta["title"] + "\n\n")
        f.write(doc.text)
    cmd = [dossier, "extract"]
    if doc.meta.get("published"):
        cmd += ["--published", doc.meta["published"]]
    cmd += list(extra_args) + [path]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=False)
    if proc.returncode != 0:
        raise RuntimeError("%s failed (exit %d): %s" %
                           (" ".join(cmd), proc.returncode,
                            proc.stderr.decode("utf-8", "replace").strip()))
    records = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines()
               if l.strip()]
    if len(records) != 1:
        raise RuntimeError("%s: expected one record, got %d" %
                           (doc.name, len(records)))
    return records[0]


def find_ann_files(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p)
                            if f.endswith(".ann"))
        else:
            files.append(p)
    return files


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(
        description="Score dossier's entities against gold .ann articles.")
    ap.add_argument("paths", nargs="*",
                    default=[os.path.join(here, "articles")],
                    help=".ann files or directories (default eval/articles)")
    ap.add_argument("--dossier", default="./build/dossier",
                    help="the dossier binary (default ./build/dossier)")
    ap.add_argument("--arg", action="append", default=[], dest="extra",
                    help="extra argument for `dossier extract` (repeatable)")
    ap.add_argument("--json", action="store_true",
                    help="print the figures as JSON instead of a table")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="list false positives/negatives and attribute "
                    "errors with their sentence")
    ap.add_argument("--check", action="store_true",
                    help="only parse the .ann files and print their counts")
    args = ap.parse_args(argv)

    files = find_ann_files(args.paths)
    if not files:
        print("no .ann files found", file=sys.stderr)
        return 2
    try:
        docs = [load_ann(f) for f in files]
    except AnnError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    if args.check:
        for d in docs:
            counts = {}
            for m in d.mentions:
                counts[m.kind] = counts.get(m.kind, 0) + 1
            print("%-36s %4d words  %s" % (
                d.name, len(d.text.split()),
                " ".join("%s=%d" % kv for kv in sorted(counts.items()))))
        return 0
    if not os.path.exists(args.dossier):
        print("error: no dossier binary at %s (use --dossier)" % args.dossier,
              file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory(prefix="dossier-eval-") as tmp:
        for d in docs:
            try:
                record = run_dossier(args.dossier, d, tmp, args.extra)
            except (RuntimeError, ValueError) as e:
                print("error: %s" % e, file=sys.stderr)
                return 1
            results.append(score_document(d, record))
    summary = summarize(results)
    if args.json:
        out = {k: v for k, v in summary.items() if not k.startswith("_")}
        json.dump(out, sys.stdout, indent=2, sort_keys=True)
        print()
    else:
        print("%d articles, %d gold mentions" %
              (len(results), summary["all"]["gold"]))
        print(format_table(summary))
    if args.verbose:
        print()
        print(format_errors(results, summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
