#!/usr/bin/env python3
"""Latency of the main API queries of `dossier serve` on a store: starts the
server on a free port, asks each query N times from one client and prints
the median and 95th percentile in milliseconds, and the answer size.

  bench/serve_latency.py --dossier build/dossier --db fakes.db [--runs 20] [--no-provenance]
  (--db also takes a postgresql:// URL)
"""
import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.request

LEAN = "document_id,event_id,plover,mode,date_value,date_precision,place_text,dead_value"
QUERIES = [
    ("health", "/api/health"),
    ("documents page 1", "/api/documents?limit=50"),
    ("documents page 100", "/api/documents?limit=50&offset=5000"),
    ("search", "/api/documents?q=chemical&limit=50"),
    ("one document", None),  # the first document of the list
    ("raw input", None),
    ("events page", "/api/events?limit=100"),
    ("events.geojson, all properties", "/api/events.geojson?repeats=0"),
    ("events.geojson (map: lean fields)", "/api/events.geojson?repeats=0&fields=" + LEAN),
    ("events.geojson, type + dates", "/api/events.geojson?type=ASSAULT&from=2013-01-01&to=2013-12-31&repeats=0&fields=" + LEAN),
    ("timeline (week)", "/api/timeline?repeats=0"),
    ("facets", "/api/facets?repeats=0"),
    ("facets, bbox", "/api/facets?bbox=35,33,38,37&repeats=0"),
    ("entities: places", "/api/entities?kind=place&limit=50"),
    ("clusters", "/api/clusters?limit=50"),
    ("provenance families", "/api/provenance?limit=50"),
    ("citations", "/api/citations?limit=50"),
    ("outlets", "/api/outlets"),
    ("export events csv", "/api/export?what=events&format=csv"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", default="build/dossier")
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--no-provenance", action="store_true",
                    help="serve without bringing the corpus index up to date first")
    args = ap.parse_args()
    t0 = time.time()
    proc = subprocess.Popen([args.dossier, "serve", "--db", args.db, "--port", "0",
                             "--rate-limit", "100000"] +
                            (["--no-provenance"] if args.no_provenance else []),
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    start_s = time.time() - t0
    base = line.strip().split()[-1].rstrip("/")
    try:
        docs = json.load(urllib.request.urlopen(base + "/api/documents?limit=1"))
        first = docs["items"][0]["id"]
        total = docs["total"]
        print(f"store: {args.db}, {total} documents; server ready in {start_s:.2f} s")
        print(f"| query | median ms | p95 ms | answer KB |")
        print(f"|---|--:|--:|--:|")
        for name, path in QUERIES:
            if name == "one document":
                path = f"/api/documents/{first}"
            elif name == "raw input":
                path = f"/api/documents/{first}/raw"
            times, size = [], 0
            for _ in range(args.runs):
                t = time.perf_counter()
                with urllib.request.urlopen(base + path) as r:
                    size = len(r.read())
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print(f"| {name} | {statistics.median(times):.1f} | {p95:.1f} | {size / 1024:.0f} |")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    sys.exit(main())
