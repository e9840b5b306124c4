#!/usr/bin/env python3
"""Scores dossier's voice[] against team-written gold paragraphs.

Each gold article is an eval/voice/NAME.vg file: `key: value` header lines
(published, title), a blank line, then the body. Text outside marks is in the
author's voice. A clause in another voice is wrapped in a clause mark, and
its source, cue and content are marked inside it:

    <<attributed Shelling resumed, [[src the Syrian Observatory]] [[cue said]].>>
    <<quoted [[content "We acted in self-defence,"]] [[src he|is=Mehmet Aydin]] [[cue added]].>>
    <<quoted|is=memo| A paragraph of a block quote whose source is named before it.>>

Clause kinds: attributed, quoted, hedged, question. `is=` names the mention
a source resolves to (a pronoun, a block quote): the prediction is right if
its source mention's text and the name contain one another (case-folded).
Marks nest ([[content ...]] may hold the src and cue of a cue inside a
quotation).

Figures (the quote-attribution evaluation style):
  - kind accuracy per sentence: the first non-author kind of the sentence's
    clauses (or author), gold versus predicted, with a confusion table;
  - clause detection: gold non-author clauses versus predicted non-author
    records, matched one-to-one by overlap (P/R/F1), and kind agreement;
  - source: over matched clauses with a gold source, the predicted source is
    right if its mention overlaps the gold src span or matches `is=`; P over
    predicted records with a source, R over gold clauses with a source;
  - cue: predicted cue overlaps the gold cue (P/R over records with a cue
    inside them);
  - content: character overlap of predicted and gold content spans (P =
    overlap / predicted length, R = overlap / gold length, summed over the
    matched clauses that have gold content).

Standard library only.
"""

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile

KINDS = ("attributed", "quoted", "hedged", "question")
ALL_KINDS = ("author",) + KINDS
INNER = ("src", "cue", "content")


class GoldError(ValueError):
    pass


class Gold:
    def __init__(self, path, meta, text, clauses):
        self.path = path
        self.meta = meta
        self.text = text
        # Each clause: {"kind", "start", "end", "is", "src": (s, e, is),
        # "cue": [(s, e)], "content": (s, e) or None}
        self.clauses = clauses


def parse_gold(source, path="<string>"):
    """Parses a .vg document into a Gold (plain text and clause marks)."""
    lines = source.split("\n")
    meta = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        key, sep, value = lines[i].partition(":")
        if not sep:
            raise GoldError("%s:%d: header line without ':'" % (path, i + 1))
        meta[key.strip()] = value.strip()
        i += 1
    body = "\n".join(lines[i + 1:])
    out = []
    clauses = []
    stack = []  # open marks: dicts with "type", "start", attrs
    k = 0
    n = len(body)

    def where():
        return "%s: body offset %d" % (path, k)

    while k < n:
        if body.startswith("<<", k):
            k += 2
            j = k
            while j < n and body[j].isalpha():
                j += 1
            kind = body[k:j]
            if kind not in KINDS:
                raise GoldError("%s: unknown clause kind %r" % (where(), kind))
            attrs = {}
            k = j
            if k < n and body[k] == "|":
                end = body.find("|", k + 1)
                while end != -1 and "=" in body[k + 1:end]:
                    key, _, value = body[k + 1:end].partition("=")
                    attrs[key] = value
                    k = end
                    end = body.find("|", k + 1)
                    if end == -1 or "=" not in body[k + 1:end]:
                        break
                k += 1  # the last '|'
            if k < n and body[k] == " ":
                k += 1
            if any(m["type"] == "clause" for m in stack):
                raise GoldError("%s: nested clause mark" % where())
            stack.append({"type": "clause", "kind": kind, "start": len(out),
                          "attrs": attrs, "src": None, "cue": [],
                          "content": None})
            continue
        if body.startswith(">>", k):
            if not stack or stack[-1]["type"] != "clause":
                raise GoldError("%s: '>>' without an open clause" % where())
            m = stack.pop()
            clauses.append({"kind": m["kind"], "start": m["start"],
                            "end": len(out), "is": m["attrs"].get("is"),
                            "src": m["src"], "cue": m["cue"],
                            "content": m["content"]})
            k += 2
            continue
        if body.startswith("[[", k):
            k += 2
            j = k
            while j < n and body[j].isalpha():
                j += 1
            typ = body[k:j]
            if typ not in INNER:
                raise GoldError("%s: unknown mark %r" % (where(), typ))
            clause = next((m for m in reversed(stack)
                           if m["type"] == "clause"), None)
            if clause is None:
                raise GoldError("%s: [[%s]] outside a clause mark" % (where(), typ))
            k = j + 1 if j < n and body[j] == " " else j
            stack.append({"type": typ, "start": len(out), "attrs": {},
                          "clause": clause})
            continue
        if body.startswith("]]", k):
            if not stack or stack[-1]["type"] not in INNER:
                raise GoldError("%s: ']]' without an open mark" % where())
            m = stack.pop()
            span = (m["start"], len(out))
            if span[0] >= span[1]:
                raise GoldError("%s: empty [[%s]]" % (where(), m["type"]))
            c = m["clause"]
            if m["type"] == "src":
                c["src"] = (span[0], span[1], m["attrs"].get("is"))
            elif m["type"] == "cue":
                c["cue"].append(span)
            else:
                c["content"] = span
            k += 2
            continue
        if body[k] == "|" and stack and stack[-1]["type"] in INNER:
            end = body.find("]]", k)
            if end == -1:
                raise GoldError("%s: attribute without ']]'" % where())
            for part in body[k + 1:end].split("|"):
                key, _, value = part.partition("=")
                stack[-1]["attrs"][key] = value
            k = end
            continue
        out.append(body[k])
        k += 1
    if stack:
        raise GoldError("%s: unclosed mark %r" % (path, stack[-1]["type"]))
    return Gold(path, meta, "".join(out), clauses)


class Mapper:
    """Maps offsets of the gold text onto the record's text."""

    def __init__(self, a, b):
        self.blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()

    def map(self, pos):
        for blk in self.blocks:
            if blk.a <= pos < blk.a + blk.size:
                return blk.b + (pos - blk.a)
        # Between blocks: the start of the next block.
        for blk in self.blocks:
            if blk.a >= pos:
                return blk.b
        return self.blocks[-1].b if self.blocks else pos

    def span(self, s, e):
        b = self.map(s)
        en = self.map(e - 1) + 1 if e > s else b
        return b, max(b, en)


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def run_dossier(dossier, gold, tmpdir, extra_args=()):
    path = os.path.join(tmpdir, os.path.basename(gold.path) + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        if gold.meta.get("title"):
            f.write(gold.meta["title"] + "\n\n")
        f.write(gold.text)
    cmd = [dossier, "extract", path]
    if gold.meta.get("published"):
        cmd += ["--published", gold.meta["published"]]
    cmd += list(extra_args)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError("dossier failed on %s: %s" % (gold.path, proc.stderr))
    return json.loads(proc.stdout.splitlines()[0])


def fold(s):
    return " ".join(s.lower().replace("\u2019", "'").split())


def score_one(gold, record, counts, verbose=False):
    """Adds the figures of one article to `counts`."""
    text = record["text"]
    mp = Mapper(gold.text, text)
    ents = {e["id"]: e for e in record["entities"]}
    sents = record["sentences"]
    voice = record["voice"]
    gcl = []
    for c in gold.clauses:
        g = dict(c)
        g["span"] = mp.span(c["start"], c["end"])
        g["src_span"] = mp.span(c["src"][0], c["src"][1]) if c["src"] else None
        g["src_is"] = (c["src"][2] if c["src"] else None) or c["is"]
        g["cue_spans"] = [mp.span(*x) for x in c["cue"]]
        g["content_span"] = mp.span(*c["content"]) if c["content"] else None
        gcl.append(g)
    # 1. Kind per sentence.
    for s, e in sents:
        gk = next((g["kind"] for g in gcl if overlap(g["span"], (s, e)) >
                   0.5 * min(e - s, g["span"][1] - g["span"][0])), "author")
        pk = next((v["kind"] for v in voice if v["start"] >= s and v["end"] <= e
                   and v["kind"] != "author"), "author")
        counts["sent_total"] += 1
        counts["sent_right"] += gk == pk
        counts["confusion"].setdefault(gk, {}).setdefault(pk, 0)
        counts["confusion"][gk][pk] += 1
        if verbose and gk != pk:
            print("  kind %-10s predicted %-10s | %s" % (gk, pk, text[s:e][:110]))
    # 2. Clauses, one-to-one by overlap.
    preds = [v for v in voice if v["kind"] != "author"]
    used = set()
    pairs = []
    for g in gcl:
        best, best_ov = None, 0
        for i, v in enumerate(preds):
            if i in used:
                continue
            ov = overlap(g["span"], (v["start"], v["end"]))
            if ov > best_ov:
                best, best_ov = i, ov
        if best is not None:
            used.add(best)
            pairs.append((g, preds[best]))
        elif verbose:
            print("  missed %s clause | %s" % (g["kind"], text[g["span"][0]:g["span"][1]][:110]))
    counts["gold_clauses"] += len(gcl)
    counts["pred_clauses"] += len(preds)
    counts["matched_clauses"] += len(pairs)
    counts["matched_kind"] += sum(g["kind"] == v["kind"] for g, v in pairs)
    if verbose:
        for i, v in enumerate(preds):
            if i not in used:
                print("  false %s clause | %s" % (v["kind"], text[v["start"]:v["end"]][:110]))
    # 3. Sources.
    counts["gold_sources"] += sum(1 for g in gcl if g["src_span"] or g["src_is"])
    counts["pred_sources"] += sum(1 for v in preds if v["source"])
    for g, v in pairs:
        if not (g["src_span"] or g["src_is"]) or not v["source"]:
            continue
        m = ents.get(v["source"])
        if m is None:
            continue
        ok = False
        if g["src_is"]:
            a, b = fold(m["text"]), fold(g["src_is"])
            ok = a in b or b in a
        elif g["src_span"]:
            ok = overlap(g["src_span"], (m["start"], m["end"])) > 0
        counts["right_sources"] += ok
        if verbose and not ok:
            print("  source %r, gold %r | %s" % (m["text"], g["src_is"] or
                  text[g["src_span"][0]:g["src_span"][1]], text[g["span"][0]:g["span"][1]][:90]))
    # 4. Cues.
    counts["gold_cues"] += sum(1 for g in gcl if g["cue_spans"])
    # A block quote's records carry the cue of the sentence that opened it,
    # outside the record: not a cue of that clause.
    counts["pred_cues"] += sum(1 for v in preds if v["cue"] and v["start"] <= v["cue"]["start"]
                               and v["cue"]["end"] <= v["end"])
    for g, v in pairs:
        if g["cue_spans"] and v["cue"]:
            counts["right_cues"] += any(overlap(c, (v["cue"]["start"], v["cue"]["end"])) > 0
                                        for c in g["cue_spans"])
    # 5. Content overlap.
    for g, v in pairs:
        if not g["content_span"]:
            continue
        gs = g["content_span"]
        counts["content_gold_chars"] += gs[1] - gs[0]
        if v["content"]:
            ps = (v["content"]["start"], v["content"]["end"])
            counts["content_pred_chars"] += ps[1] - ps[0]
            counts["content_overlap"] += overlap(gs, ps)


def prf(tp, pred, gold):
    p = tp / pred if pred else None
    r = tp / gold if gold else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return p, r, f


def fmt(x):
    return "-" if x is None else "%.3f" % x


def new_counts():
    keys = ("sent_total", "sent_right", "gold_clauses", "pred_clauses", "matched_clauses",
            "matched_kind", "gold_sources", "pred_sources", "right_sources", "gold_cues",
            "pred_cues", "right_cues", "content_gold_chars", "content_pred_chars",
            "content_overlap")
    c = {k: 0 for k in keys}
    c["confusion"] = {}
    return c


def figures(c):
    out = {
        "sentences": c["sent_total"],
        "kind_accuracy": c["sent_right"] / c["sent_total"] if c["sent_total"] else None,
    }
    for name, tp, pred, gold in (
            ("clauses", c["matched_clauses"], c["pred_clauses"], c["gold_clauses"]),
            ("sources", c["right_sources"], c["pred_sources"], c["gold_sources"]),
            ("cues", c["right_cues"], c["pred_cues"], c["gold_cues"]),
            ("content", c["content_overlap"], c["content_pred_chars"], c["content_gold_chars"])):
        p, r, f = prf(tp, pred, gold)
        out[name] = {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted": pred,
                     "gold": gold}
    out["clause_kind_agreement"] = (c["matched_kind"] / c["matched_clauses"]
                                    if c["matched_clauses"] else None)
    out["confusion"] = c["confusion"]
    return out


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", help="gold .vg files (default: eval/voice/*.vg)")
    ap.add_argument("--dossier", default=os.path.join(here, "..", "build", "dossier"))
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every disagreement")
    ap.add_argument("--check", action="store_true", help="only parse the gold files")
    ap.add_argument("--arg", action="append", default=[], help="extra dossier extract argument")
    a = ap.parse_args(argv)
    files = a.files or sorted(os.path.join(here, "voice", f)
                              for f in os.listdir(os.path.join(here, "voice"))
                              if f.endswith(".vg"))
    golds = []
    try:
        for f in files:
            with open(f, encoding="utf-8") as fh:
                golds.append(parse_gold(fh.read(), f))
    except (GoldError, OSError) as e:
        print("score_voice: %s" % e, file=sys.stderr)
        return 2
    if a.check:
        print("%d gold files, %d clauses" % (len(golds), sum(len(g.clauses) for g in golds)))
        return 0
    if not os.path.exists(a.dossier):
        print("score_voice: no dossier binary at %s" % a.dossier, file=sys.stderr)
        return 2
    counts = new_counts()
    with tempfile.TemporaryDirectory() as tmp:
        for g in golds:
            if a.verbose:
                print(os.path.basename(g.path))
            try:
                rec = run_dossier(a.dossier, g, tmp, a.arg)
            except RuntimeError as e:
                print("score_voice: %s" % e, file=sys.stderr)
                return 1
            score_one(g, rec, counts, a.verbose)
    fig = figures(counts)
    if a.json:
        print(json.dumps(fig, indent=2, sort_keys=True))
        return 0
    print("voice on %d gold articles, %d sentences" % (len(golds), fig["sentences"]))
    print("kind accuracy per sentence: %s" % fmt(fig["kind_accuracy"]))
    print("%-8s %9s %9s %9s %6s %6s %6s" % ("", "precision", "recall", "F1", "tp", "pred", "gold"))
    for name in ("clauses", "sources", "cues", "content"):
        x = fig[name]
        print("%-8s %9s %9s %9s %6d %6d %6d" % (name, fmt(x["precision"]), fmt(x["recall"]),
                                              fmt(x["f1"]), x["tp"], x["predicted"], x["gold"]))
    print("kind agreement of matched clauses: %s" % fmt(fig["clause_kind_agreement"]))
    print("confusion (gold -> predicted):")
    for gk in ALL_KINDS:
        row = fig["confusion"].get(gk)
        if row:
            print("  %-10s %s" % (gk, ", ".join("%s %d" % (k, row[k]) for k in sorted(row))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
