#!/usr/bin/env python3
"""Scores dossier's events[] against team-written gold articles.

Each gold article is an eval/events/NAME.eg file: `key: value` header lines
(published, title), a blank line, the body, then a line `== events` and one
line per event the body reports, in text order:

    struck | ASSAULT | 195 | actor=US MIL | target=- CVL | place=35.95,39.01 | dead=17

Fields: the trigger as it is written in the body (the next occurrence after
the previous event's trigger), the PLOVER type, the CAMEO code, then
optional roles. An actor or target is `CC SECTOR` (ISO country code or `-`,
then a sector) or a named group's id (`ISIS`); a place is `lat,lon` (empty:
the event has a place the gazetteer cannot know, not scored); dead and
injured are numbers. A sentence with no gold line must yield no event (the
opinion sentences of each article).

Figures (the event-coder evaluation style of the PLOVER/PETRARCH reports):
  - detection: gold events versus predicted events that are not repeats of
    an earlier one (same_as), matched one-to-one: the predicted trigger
    overlaps the gold trigger, else the same sentence and PLOVER type
    (a merged "were targeted by airstrikes" names either word); P/R/F1;
  - over matched events: PLOVER type accuracy, CAMEO root (two digits)
    accuracy; actor and target: country+sector (or group) right, as
    precision over predicted roles and recall over gold roles; place within
    161 km (100 miles) of the gold point; dead and injured exactly equal.

Standard library only.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile


class GoldError(ValueError):
    pass


class Gold:
    def __init__(self, path, meta, text, events):
        self.path = path
        self.meta = meta
        self.text = text
        self.events = events  # dicts: trigger, plover, cameo, actor, target, place, dead, injured


def parse_role(v):
    v = v.strip()
    if not v:
        return None
    parts = v.split()
    if len(parts) == 2 and (len(parts[0]) == 2 or parts[0] == "-"):
        return {"country": None if parts[0] == "-" else parts[0], "sector": parts[1]}
    if len(parts) == 1 and len(parts[0]) == 2 and parts[0].isupper():
        return {"country": parts[0], "sector": None}
    if len(parts) == 1:
        return {"group": parts[0]}
    raise GoldError("role '%s': write 'CC SECTOR', 'CC' or a group id" % v)


def parse_gold(source, path="<string>"):
    lines = source.split("\n")
    meta = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        if ":" not in lines[i]:
            raise GoldError("%s:%d: header line without ':'" % (path, i + 1))
        k, v = lines[i].split(":", 1)
        meta[k.strip()] = v.strip()
        i += 1
    body, events = [], []
    in_events = False
    for n in range(i + 1, len(lines)):
        line = lines[n]
        if line.strip() == "== events":
            in_events = True
            continue
        if not in_events:
            body.append(line)
            continue
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("|")]
        if len(fields) < 3:
            raise GoldError("%s:%d: trigger | PLOVER | CAMEO expected" % (path, n + 1))
        ev = {"trigger": fields[0], "plover": fields[1], "cameo": fields[2], "actor": None,
              "target": None, "place": None, "has_place": False, "dead": None, "injured": None,
              "line": n + 1}
        for f in fields[3:]:
            if "=" not in f:
                raise GoldError("%s:%d: role '%s' without '='" % (path, n + 1, f))
            k, v = f.split("=", 1)
            k = k.strip()
            try:
                if k in ("actor", "target"):
                    ev[k] = parse_role(v)
                elif k == "place":
                    ev["has_place"] = True
                    if v.strip():
                        lat, lon = v.split(",")
                        ev["place"] = (float(lat), float(lon))
                elif k in ("dead", "injured"):
                    ev[k] = float(v)
                else:
                    raise GoldError("%s:%d: unknown role '%s'" % (path, n + 1, k))
            except ValueError as e:
                raise GoldError("%s:%d: %s" % (path, n + 1, e))
        events.append(ev)
    text = "\n".join(body).strip("\n") + "\n"
    pos = 0
    for ev in events:
        at = text.find(ev["trigger"], pos)
        if at < 0:
            raise GoldError("%s:%d: trigger '%s' not found after the previous one"
                            % (path, ev["line"], ev["trigger"]))
        ev["offset"] = at
        pos = at + len(ev["trigger"])
    return Gold(path, meta, text, events)


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


def km(a, b):
    r = math.pi / 180
    dlat, dlon = (b[0] - a[0]) * r, (b[1] - a[1]) * r
    h = math.sin(dlat / 2) ** 2 + math.cos(a[0] * r) * math.cos(b[0] * r) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def role_ok(gold, pred, entities):
    """True if the predicted role (events[].actor/target) is the gold actor."""
    if pred is None:
        return False
    ent = entities.get(pred.get("mention"), {})
    actor = ent.get("actor") or {}
    if "group" in gold:
        return actor.get("group") == gold["group"] or pred.get("ref") == "actor:" + gold["group"]
    country = pred.get("country")
    if gold["country"] != country:
        return False
    if gold["sector"] is None:
        return True
    sectors = actor.get("sectors") or ([pred["sector"]] if pred.get("sector") else [])
    return gold["sector"] in sectors


def new_counts():
    keys = ("gold", "pred", "matched", "plover", "cameo_root", "actor_tp", "actor_pred",
            "actor_gold", "target_tp", "target_pred", "target_gold", "place_tp", "place_pred",
            "place_gold", "dead_tp", "dead_pred", "dead_gold", "injured_tp", "injured_pred",
            "injured_gold")
    return {k: 0 for k in keys}


def role_text(role, entities=None):
    """A gold or predicted actor/target as `CC SECTOR` or a group id, for -v."""
    if role is None:
        return "none"
    if entities is None:
        if role.get("group"):
            return role["group"]
        return "%s %s" % (role.get("country") or "-", role.get("sector") or "-")
    actor = (entities.get(role.get("mention"), {}) or {}).get("actor") or {}
    sectors = actor.get("sectors") or ([role["sector"]] if role.get("sector") else [])
    return '"%s" (%s %s%s)' % (role.get("text"), role.get("country") or "-",
                               "/".join(sectors) or "-",
                               ", group " + role["group"] if role.get("group") else "")


def score_one(gold, record, counts, verbose=False):
    text = record["text"]
    sentences = record["sentences"]
    entities = {e["id"]: e for e in record["entities"]}
    # Body offsets -> record offsets: the body starts after the title.
    shift = text.find(gold.text.strip()[:40])
    if shift < 0:
        shift = 0

    def sentence_of(pos):
        for i, (s, e) in enumerate(sentences):
            if s <= pos < e:
                return i
        return -1

    preds = [e for e in record["events"] if e.get("same_as") is None]
    used = set()
    counts["gold"] += len(gold.events)
    counts["pred"] += len(preds)
    for g in gold.events:
        gs, ge = g["offset"] + shift, g["offset"] + shift + len(g["trigger"])
        best = None
        for i, p in enumerate(preds):
            if i in used:
                continue
            t = p["trigger"]
            if t["start"] < ge and gs < t["end"]:
                best = i
                break
        if best is None:
            si = sentence_of(gs)
            for i, p in enumerate(preds):
                if i not in used and p["sentence"] == si and p["type"]["plover"] == g["plover"]:
                    best = i
                    break
        if best is None:
            if verbose:
                print("  missed: %s (line %d)" % (g["trigger"], g["line"]))
            continue
        used.add(best)
        p = preds[best]
        counts["matched"] += 1
        ok = {}
        ok["plover"] = p["type"]["plover"] == g["plover"]
        counts["plover"] += ok["plover"]
        cameo = p["type"]["cameo"] or ""
        ok["cameo"] = cameo[:2] == g["cameo"][:2]
        counts["cameo_root"] += ok["cameo"]
        for role in ("actor", "target"):
            if p[role] is not None:
                counts[role + "_pred"] += 1
            if g[role] is not None:
                counts[role + "_gold"] += 1
            if g[role] is not None and role_ok(g[role], p[role], entities):
                counts[role + "_tp"] += 1
                ok[role] = True
            elif g[role] is not None or p[role] is not None:
                ok[role] = False
        if g["place"] is not None:
            counts["place_gold"] += 1
            pl = p["place"]
            geo = (entities.get(pl.get("mention"), {}).get("geo") if pl else None) or pl or {}
            if pl is not None and "lat" in geo:
                counts["place_pred"] += 1
                ok["place"] = km(g["place"], (geo["lat"], geo["lon"])) <= 161
                counts["place_tp"] += ok["place"]
            else:
                ok["place"] = False
        elif p["place"] is not None and not g["has_place"]:
            counts["place_pred"] += 1
            ok["place"] = False
        for role in ("dead", "injured"):
            if p[role] is not None:
                counts[role + "_pred"] += 1
            if g[role] is not None:
                counts[role + "_gold"] += 1
                if p[role] is not None and p[role]["value"] == g[role]:
                    counts[role + "_tp"] += 1
                else:
                    ok[role] = False
        if verbose and not all(ok.values()):
            wrong = [k for k, v in ok.items() if not v]
            print("  %s (line %d): wrong %s" % (g["trigger"], g["line"], ", ".join(wrong)))
            for k in wrong:
                if k in ("actor", "target"):
                    print("      %s: gold %s, predicted %s" % (
                        k, role_text(g[k]), role_text(p[k], entities)))
            print("      predicted %s" % json.dumps(
                {k: p[k] for k in ("trigger", "type", "actor", "target", "place",
                                   "dead", "injured")}))
    if verbose:
        for i, p in enumerate(preds):
            if i not in used:
                print("  spurious: %s %s in sentence %d" % (p["trigger"]["text"],
                                                           p["type"]["plover"], p["sentence"]))


def prf(tp, pred, gold):
    p = tp / pred if pred else None
    r = tp / gold if gold else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted": pred, "gold": gold}


def fmt(x):
    return "-" if x is None else "%.3f" % x


def figures(c):
    m = c["matched"]
    fig = {"detection": prf(m, c["pred"], c["gold"]),
           "plover_accuracy": c["plover"] / m if m else None,
           "cameo_root_accuracy": c["cameo_root"] / m if m else None}
    for role in ("actor", "target", "place", "dead", "injured"):
        fig[role] = prf(c[role + "_tp"], c[role + "_pred"], c[role + "_gold"])
    return fig


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*",
                    help="gold .eg files (default: eval/events/*.eg; --heldout: eval/events/heldout)")
    ap.add_argument("--heldout", action="store_true", help="score the held-out set")
    ap.add_argument("--dossier", default=os.path.join(here, "..", "build", "dossier"))
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every disagreement")
    ap.add_argument("--check", action="store_true", help="only parse the gold files")
    ap.add_argument("--arg", action="append", default=[], help="extra dossier extract argument")
    a = ap.parse_args(argv)
    folder = os.path.join(here, "events", "heldout") if a.heldout else os.path.join(here, "events")
    files = a.files or sorted(os.path.join(folder, f) for f in os.listdir(folder)
                              if f.endswith(".eg"))
    golds = []
    try:
        for f in files:
            with open(f, encoding="utf-8") as fh:
                golds.append(parse_gold(fh.read(), f))
    except (GoldError, OSError) as e:
        print("score_events: %s" % e, file=sys.stderr)
        return 2
    if a.check:
        print("%d gold files, %d events" % (len(golds), sum(len(g.events) for g in golds)))
        return 0
    if not os.path.exists(a.dossier):
        print("score_events: no dossier binary at %s" % a.dossier, file=sys.stderr)
        return 2
    counts = new_counts()
    with tempfile.TemporaryDirectory() as tmp:
        for g in golds:
            if a.verbose:
                print(os.path.basename(g.path))
            try:
                rec = run_dossier(a.dossier, g, tmp, a.arg)
            except RuntimeError as e:
                print("score_events: %s" % e, file=sys.stderr)
                return 1
            score_one(g, rec, counts, a.verbose)
    fig = figures(counts)
    if a.json:
        print(json.dumps(fig, indent=2, sort_keys=True))
        return 0
    print("events on %d gold articles, %d gold events" % (len(golds), counts["gold"]))
    print("PLOVER type accuracy (matched): %s" % fmt(fig["plover_accuracy"]))
    print("CAMEO root accuracy (matched):  %s" % fmt(fig["cameo_root_accuracy"]))
    print("%-9s %9s %9s %9s %6s %6s %6s" % ("", "precision", "recall", "F1", "tp", "pred", "gold"))
    for name in ("detection", "actor", "target", "place", "dead", "injured"):
        x = fig[name]
        print("%-9s %9s %9s %9s %6d %6d %6d" % (name, fmt(x["precision"]), fmt(x["recall"]),
                                               fmt(x["f1"]), x["tp"], x["predicted"], x["gold"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
