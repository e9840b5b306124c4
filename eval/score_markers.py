#!/usr/bin/env python3
"""Scores dossier's markers[] against team-written gold paragraphs.

Each gold article is an eval/markers/NAME.mg file: `key: value` header lines
(`split: dev` or `split: heldout`, optional `published`, `title`), a blank
line, then the body. A technique span is wrapped in a mark; marks may nest
(a loaded word inside a doubt construction):

    The [[doubt so-called]] talks were [[loaded_language a charade]].
    [[scare_quotes "moderate"]] fighters ...

Technique names are those of ontology.md. The marks are removed to give the
text dossier reads; spans are code point offsets into that text.

Figures: the character-level partial-overlap precision and recall of the
SemEval-2020 Task 11 technique-classification task. For a predicted span s
and a gold span t of the same technique, C(s, t, h) = |s ∩ t| / h;
  P = sum over predicted s, gold t of C(s, t, |s|) / |predicted|
  R = sum over gold t, predicted s of C(s, t, |t|) / |gold|
(each sum capped at 1 per span), F1 their harmonic mean; per technique, over
all techniques (labels must agree), and for spans alone (any technique).
Split by `split:` so the held-out files, which the layer was not tuned on,
are reported apart; `split: neutral` files are plain wire reporting with no
marks, for which the figure is false positives per 1,000 words. Standard library only.

    python3 eval/score_markers.py                      # eval/markers/*.mg, ./build/dossier
    python3 eval/score_markers.py --split heldout -v   # misses and false alarms
    python3 eval/score_markers.py --json
    python3 eval/test_score_markers.py                 # the scorer's self-test
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

TECHNIQUES = (
    "loaded_language", "name_calling", "repetition", "doubt", "exaggeration_minimisation",
    "appeal_to_fear", "flag_waving", "causal_oversimplification", "appeal_to_authority",
    "slogans", "whataboutism_straw_man_red_herring", "black_and_white_fallacy",
    "thought_terminating_cliche", "bandwagon_reductio_ad_hitlerum", "scare_quotes")


class GoldError(ValueError):
    pass


def parse_gold(content, path="(gold)"):
    """Returns (meta, text, spans) with spans [(technique, start, end)]."""
    head, sep, body = content.partition("\n\n")
    if not sep:
        raise GoldError(f"{path}: no blank line after the header")
    meta = {}
    for line in head.splitlines():
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise GoldError(f"{path}: header line without ':': {line!r}")
        meta[key.strip()] = value.strip()
    text = []
    n = 0
    stack = []
    spans = []
    i = 0
    while i < len(body):
        if body.startswith("[[", i):
            j = i + 2
            k = j
            while k < len(body) and body[k] not in " \n":
                k += 1
            tech = body[j:k]
            if tech not in TECHNIQUES:
                raise GoldError(f"{path}: unknown technique {tech!r}")
            stack.append((tech, n))
            i = k + 1
            continue
        if body.startswith("]]", i) and stack:
            tech, start = stack.pop()
            if n <= start:
                raise GoldError(f"{path}: empty {tech} mark")
            spans.append((tech, start, n))
            i += 2
            continue
        text.append(body[i])
        n += 1
        i += 1
    if stack:
        raise GoldError(f"{path}: unclosed mark {stack[-1][0]}")
    return meta, "".join(text), sorted(spans, key=lambda s: (s[1], s[2], s[0]))


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(pred, gold, techniques=None):
    """pred, gold: lists of (technique, start, end). Returns dict with p, r, f1,
    npred, ngold; techniques=None means labels must agree; "any" ignores them."""
    def c(s, t, h, same):
        if not same or h <= 0:
            return 0.0
        return overlap((s[1], s[2]), (t[1], t[2])) / h

    any_label = techniques == "any"
    p_sum = 0.0
    for s in pred:
        p_sum += min(1.0, sum(c(s, t, s[2] - s[1], any_label or s[0] == t[0]) for t in gold))
    r_sum = 0.0
    for t in gold:
        r_sum += min(1.0, sum(c(s, t, t[2] - t[1], any_label or s[0] == t[0]) for s in pred))
    p = p_sum / len(pred) if pred else 0.0
    r = r_sum / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "npred": len(pred), "ngold": len(gold)}


def run_dossier(binary, text, published=None):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "article.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        args = [binary, "extract", path]
        if published:
            args += ["--published", published]
        out = subprocess.run(args, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"dossier failed: {out.stderr}")
        rec = json.loads(out.stdout.splitlines()[0])
    return rec


def evaluate(files, binary, split=None, verbose=False):
    by_split = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            meta, text, gold = parse_gold(f.read(), path)
        sp = meta.get("split", "dev")
        if split and sp != split:
            continue
        rec = run_dossier(binary, text, meta.get("published"))
        if rec["text"] != text:
            # The cleaner may trim; offsets are only comparable on the same text.
            if rec["text"].strip() != text.strip():
                raise RuntimeError(f"{path}: dossier's text differs from the gold text")
            shift = text.find(rec["text"])
            gold = [(t, s - shift, e - shift) for t, s, e in gold]
            text = rec["text"]
        pred = [(m["technique"], m["start"], m["end"]) for m in rec["markers"]]
        entry = by_split.setdefault(sp, {"pred": [], "gold": [], "words": 0})
        # Offsets of different files must not meet: shift each file.
        base = entry.setdefault("base", 0)
        entry["pred"] += [(t, s + base, e + base) for t, s, e in pred]
        entry["gold"] += [(t, s + base, e + base) for t, s, e in gold]
        entry["base"] = base + len(text) + 1
        entry["words"] += rec["marker_profile"]["words"]
        if verbose:
            for t, s, e in gold:
                if not any(pt == t and overlap((s, e), (ps, pe)) for pt, ps, pe in pred):
                    print(f"  miss  {os.path.basename(path)} {t}: {text[s:e]!r}")
            for t, s, e in pred:
                if not any(gt == t and overlap((s, e), (gs, ge)) for gt, gs, ge in gold):
                    print(f"  false {os.path.basename(path)} {t}: {text[s:e]!r}")
    report = {}
    for sp, entry in sorted(by_split.items()):
        r = {"all": score(entry["pred"], entry["gold"]),
             "false_positives_per_1000_words":
                 1000.0 * sum(1 for x in entry["pred"]
                              if not any(x[0] == g[0] and overlap((x[1], x[2]), (g[1], g[2]))
                                         for g in entry["gold"])) / max(entry["words"], 1),
             "spans": score(entry["pred"], entry["gold"], "any"),
             "words": entry["words"], "techniques": {}}
        for t in TECHNIQUES:
            pt = [x for x in entry["pred"] if x[0] == t]
            gt = [x for x in entry["gold"] if x[0] == t]
            if pt or gt:
                r["techniques"][t] = score(pt, gt)
        report[sp] = r
    return report


def print_report(report):
    for sp, r in report.items():
        print(f"== {sp} ({r['words']} words)")
        print(f"{'technique':36} {'pred':>5} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for t, s in r["techniques"].items():
            print(f"{t:36} {s['npred']:5d} {s['ngold']:5d} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f}")
        if sp == "neutral" or not r["all"]["ngold"]:
            n = r["all"]["npred"]
            print(f"false positives: {n} markers in {r['words']} words = "
                  f"{1000.0 * n / max(r['words'], 1):.2f} per 1,000 words")
        for name in ("all", "spans"):
            s = r[name]
            label = "all techniques (labels agree)" if name == "all" else "spans (any technique)"
            print(f"{label:36} {s['npred']:5d} {s['ngold']:5d} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("files", nargs="*")
    ap.add_argument("--dossier", default=os.path.join(here, "..", "build", "dossier"))
    ap.add_argument("--split", choices=("dev", "heldout", "neutral"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true", help="only parse the gold files")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    files = a.files or sorted(glob.glob(os.path.join(here, "markers", "*.mg")))
    try:
        if a.check:
            for path in files:
                with open(path, encoding="utf-8") as f:
                    parse_gold(f.read(), path)
            print(f"{len(files)} gold files parse")
            return 0
        report = evaluate(files, a.dossier, a.split, a.verbose)
    except GoldError as e:
        print(e, file=sys.stderr)
        return 2
    except RuntimeError as e:
        print(e, file=sys.stderr)
        return 1
    if a.json:
        print(json.dumps(report, indent=1, sort_keys=True))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
