#!/usr/bin/env python3
"""Checks dossier's places against article-level location labels of a CSV.

Some public datasets label each article with the place its event happened
in (FA-KES, for one, gives the Syrian governorate in a `location` column).
Those labels were written by others, so they are a held-out check on the
places layer that the team did not tune on. For every row the scorer runs
`dossier extract` over the CSV and asks:

  found  some place mention lies in the labelled governorate (its geo.admin1
         is that governorate, or it is the governorate itself);
  top    the governorate with the most place mentions in the article is the
         labelled one (ties count as a miss);
  none   the article has no place mention in Syria at all.

Labels are matched by name through LABEL_ADMIN1 below (GeoNames admin1
names as dossier writes them); an unknown label is listed and skipped.

  python3 eval/score_location_labels.py --csv FILE.csv [--dossier BIN]
      [--column location] [--id-column unit_id] [--verbose]

Standard library only.
"""

import argparse
import collections
import csv
import json
import subprocess
import sys

# Governorate labels (lower case, as datasets spell them) -> the admin1
# names dossier writes in geo.admin1 for places inside them. Damascus
# labels cover the city governorate and the countryside around it.
LABEL_ADMIN1 = {
    "aleppo": {"Aleppo"},
    "damascus": {"Damascus Governorate", "Rif-dimashq"},
    "rif dimashq": {"Rif-dimashq"},
    "idlib": {"Idlib"},
    "deir ezzor": {"Deir ez-Zor"},
    "deir ez-zor": {"Deir ez-Zor"},
    "raqqa": {"Raqqa"},
    "homs": {"Homs"},
    "hasakeh": {"Al-Hasakah"},
    "hasakah": {"Al-Hasakah"},
    "hama": {"Hama"},
    "daraa": {"Daraa"},
    "lattakia": {"Latakia"},
    "latakia": {"Latakia"},
    "quneitra": {"Quneitra"},
    "tartous": {"Tartus"},
    "tartus": {"Tartus"},
    "sweida": {"As-Suwayda"},
}


def score(pairs, column):
    """pairs: (line, record, csv row) in order. Returns a dict of counts."""
    found = top = none = scored = 0
    unknown = collections.Counter()
    misses = []
    for line, rec, row in pairs:
        label = row[column].strip().lower()
        admins = LABEL_ADMIN1.get(label)
        if admins is None:
            unknown[label] += 1
            continue
        scored += 1
        counts = collections.Counter()
        for e in rec["entities"]:
            if e["kind"] != "place" or not e.get("geo"):
                continue
            g = e["geo"]
            if g.get("country") != "SY":
                continue
            a = g.get("admin1")
            if a:
                counts[a] += 1
        if not counts:
            none += 1
        if any(a in admins for a in counts):
            found += 1
        else:
            misses.append((line, label, dict(counts)))
        if counts:
            best = counts.most_common()
            lead = [a for a, n in best if n == best[0][1]]
            if len(lead) == 1 and lead[0] in admins:
                top += 1
    return {"scored": scored, "found": found, "top": top, "none": none,
            "unknown": dict(unknown), "misses": misses}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", required=True, help="the labelled CSV file")
    ap.add_argument("--dossier", default="./build/dossier", help="the dossier binary")
    ap.add_argument("--column", default="location", help="label column (default location)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list the misses")
    args = ap.parse_args()

    csv.field_size_limit(1 << 30)
    with open(args.csv, encoding="utf-8", errors="replace", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows or args.column not in rows[0]:
        sys.exit(f"{args.csv}: no column '{args.column}'")

    proc = subprocess.run([args.dossier, "extract", args.csv], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"dossier extract failed ({proc.returncode}): {proc.stderr.strip()}")
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]

    # Records carry the CSV record index (0-based data row) in source.line;
    # map each back to its row by the order the reader emitted them.
    by_line = {}
    for r in records:
        by_line[r["source"]["line"]] = r
    # CSV data rows start at line 2 (after the header) but a quoted field may
    # span lines, so match on order instead when the counts agree.
    ordered = sorted(by_line.items())
    if len(ordered) != len(rows):
        print(f"note: {len(rows)} rows, {len(ordered)} records (failed or duplicate rows skipped)")

    r = score([(line, rec, row) for (line, rec), row in zip(ordered, rows)], args.column)
    scored, found, top, none = r["scored"], r["found"], r["top"], r["none"]
    unknown, misses = r["unknown"], r["misses"]

    def pct(n):
        return f"{100.0 * n / scored:.1f}%" if scored else "-"

    print(f"{scored} labelled articles ({args.column})")
    print(f"  found  {found:5d}  {pct(found)}  a place mention in the labelled governorate")
    print(f"  top    {top:5d}  {pct(top)}  the most mentioned governorate is the label")
    print(f"  none   {none:5d}  {pct(none)}  no place in Syria at all")
    if unknown:
        print("  unknown labels skipped:", dict(unknown))
    if args.verbose:
        for line, label, counts in misses:
            print(f"  miss line {line}: label {label}, found {counts}")


if __name__ == "__main__":
    main()
