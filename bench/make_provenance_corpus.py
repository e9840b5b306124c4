#!/usr/bin/env python3
"""Makes a provenance benchmark corpus: every article of a CSV (e.g. the
FA-KES dataset, columns article_title, article_content, source, date) N
times as JSON Lines; copy 0 as it is, the others perturbed like real
republications: ~3% of words dropped, ~2% swapped with a neighbour, a new
outlet and a later date. Seeded, so runs are comparable.

  bench/make_provenance_corpus.py FA-KES-Dataset.csv 10 > fakes-x10.jsonl
"""
import csv
import json
import random
import sys


def perturb(text, rng):
    words = text.split()
    out = []
    i = 0
    while i < len(words):
        r = rng.random()
        if r < 0.03:
            i += 1
            continue
        if r < 0.05 and i + 1 < len(words):
            out += [words[i + 1], words[i]]
            i += 2
            continue
        out.append(words[i])
        i += 1
    return " ".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    path, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(20261122)
    csv.field_size_limit(1 << 30)
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        rows = list(csv.DictReader(f))
    out = sys.stdout
    for k in range(n):
        for i, row in enumerate(rows):
            text = row.get("article_content") or ""
            rec = {
                "id": f"{i}-{k}",
                "title": row.get("article_title") or "",
                "outlet": row.get("source") or "" if k == 0 else f"Outlet {k % 50}",
                "text": text if k == 0 else perturb(text, rng),
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
