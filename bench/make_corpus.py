#!/usr/bin/env python3
"""Writes a deterministic synthetic corpus for scripts/bench.

Articles are generated from team-written sentence templates about conflict
reporting (invented places, people and organisations; numbers, dates, ranks and
abbreviations such as Gen., Lt. Col., U.S. and Jan.; straight and curly
quotations; a headline, byline and dateline on top; a share prompt and a
copyright line at the bottom). Nothing outside this file is read.

Layout of OUT:
  text/NN/article-NNNNN.txt     one article per file, UTF-8 plain text
  html/NN/article-NNNNN.html    the same articles as web pages (navigation,
                                related links, comments, scripts around them)
  jsonl/articles.jsonl          the same articles, one JSON object per line
  corpus.json                   what was generated (counts, bytes, seed)

The same seed and arguments always give byte-identical files.

Usage: bench/make_corpus.py OUT [--articles 2000] [--mean-bytes 10000] [--seed 20240611]
"""
import argparse
import html
import json
import os
import random
import re
import sys

PLACES = ["Varnitsa", "Kessin", "Dolmar", "Tarbek", "Sarel", "Halvany", "Mireth",
          "Oskoryn", "Port Ardin", "Kharuv", "Nemira", "Abrin", "Zelin", "Belgora",
          "Lusk", "Eastern Terrace", "Old Dorrel", "Vasko", "Tessaly Ford", "Gravane"]
FIRST = ["Amira", "Daniel", "Olena", "Tomás", "Samir", "Irina", "Joseph", "Leyla",
         "Marko", "Hana", "Pavel", "Nadia", "Chidi", "Ingrid", "Rafael", "Zeynep"]
LAST = ["Haddad", "Kovalenko", "Mensah", "Ortega", "Petrov", "Rahimi", "Novak",
        "Karimi", "Lindqvist", "Osei", "Demir", "Farouk", "Brennan", "Okafor", "Sørensen"]
RANKS = ["Gen.", "Lt. Col.", "Maj.", "Capt.", "Col.", "Brig. Gen.", "Sgt."]
ORGS = ["the Regional Monitoring Mission", "the International Medical Relief Network",
        "the Civil Defence Directorate", "the Independent Casualty Register",
        "the Open Witness Lab", "the Northern Red Crescent branch",
        "the U.N. refugee agency", "the Coalition for Safe Corridors"]
MONTH_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.",
              "Sept.", "Oct.", "Nov.", "Dec."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["The Frontline Ledger", "Valley Courier", "Eastern Wire Service",
           "The Checkpoint Review"]
STATEMENTS = [
    "We have not been able to reach the eastern districts since Tuesday",
    "There is no safe road out of the city",
    "Our teams are working without electricity and without rest",
    "Every night we hear the artillery getting closer",
    "We will not comment on operational matters",
    "The numbers we have are certainly an undercount",
    "The corridor was open for two hours and then the shelling started again",
    "We buried eleven people this week, and four of them were children",
    "Nobody told us the bridge would be closed",
]
QUESTIONS = ["Who will rebuild the houses that are gone",
             "Where are we supposed to go now",
             "How many more convoys will be turned back"]

# Slots: {P} {P2} place, {F} first name, {L} {L2} last name, {R} rank,
# {O} organisation, {M} {M2} month as in datelines, {MF} full month,
# {D} {D2} day, {WD} weekday, {N} {N2} small number, {NN} large number,
# {Y} year, {Q} statement, {QQ} question.
SENTENCES = [
    "Shelling near {P} killed at least {N} civilians on {M} {D}, according to the regional health office.",
    "{R} {F} {L}, who commands the {N}th Brigade, told reporters that the unit had pulled back {N2} kilometres to the east.",
    "“{Q},” said {F} {L}, a spokesperson for {O}.",
    "The U.S. State Department said it was “deeply concerned” by the reports from {P} and called for an independent inquiry.",
    "Aid convoys carrying {NN} tonnes of flour reached {P} on {M} {D} after a delay of {N} days.",
    "Satellite images reviewed by analysts at {O} show at least {N} damaged buildings along the road to {P2}.",
    "Officials in {P} put the number of displaced people at {NN}, though that figure could not be independently verified.",
    "In a statement released late on {WD}, the ministry denied that its forces had used cluster munitions near {P}.",
    "Residents said the power had been out since {M} {D} and that the only working clinic was treating more than {N} patients a day.",
    "{L} added that the ceasefire agreed in {MF} {Y} “exists only on paper.”",
    "The U.N. Office for the Coordination of Humanitarian Affairs said roughly {N}% of the district’s water points were not working.",
    "Neither claim could be confirmed; journalists have had limited access to {P} since early {MF}.",
    "A witness, who asked not to be named for fear of reprisals, described hearing “{N} or {N2} loud explosions” before dawn.",
    "According to Dr. {L}, the hospital in {P} has run out of anaesthetics and is relying on donations from {O}.",
    "The figures, published on {M} {D}, are higher than those given by the defence ministry, which listed {N} dead and {NN} wounded.",
    "Lt. Col. {L} said the drone strike on {WD} targeted a fuel depot, not the market, and that “{Q}.”",
    "Approx. {NN} people crossed at the {P} checkpoint last week, about {N2} times the usual number.",
    "Monitors from {O} recorded {NN} ceasefire violations between {M} {D} and {M2} {D2}.",
    "‘We are counting the dead by the names their neighbours give us,’ one volunteer in {P} told the paper.",
    "It was not clear who fired first. Both sides have accused each other of breaking the truce at least {N} times.",
    "The governor of {P}, Mr. {L}, said schools would stay closed until at least {M} {D}.",
    "Reporters visiting {P} on {WD} saw burned-out vehicles, a collapsed bridge and a queue of several hundred people waiting for water.",
    "The report cites {N} interviews with survivors, {N2} with medical staff and documents obtained by the St. {L} Institute.",
    "Prices of bread in {P} have risen by {N} per cent since Jan. 1, traders said.",
    "No. {N} Battalion was redeployed to the front near {P2}, a military source said on condition of anonymity.",
    "Gen. {L}’s office did not respond to a request for comment by the time of publication.",
    "The E.U. foreign policy chief called the attack on {P} “a grave violation of international humanitarian law.”",
    "“{QQ}?” {F} {L} asked. “Nobody in {P} can answer that.”",
    "Casualty counts are often revised; the early figures from {P} have already been corrected twice, from {N} to {N2}.",
    "At 6:40 a.m. local time on {M} {D}, sirens sounded across {P} and residents were told to go to the shelters.",
    "The full list of incidents is in [the monitors’ report](https://example.org/reports/{NN}), which {O} published on {WD}.",
    "The strike, which local officials *initially* blamed on a mine, damaged a grain store that fed about {NN} families.",
    "\"We have asked for a pause of {N} hours to evacuate the wounded,\" said {F} {L2}, who coordinates volunteers in {P}.",
    "The U.K. and Canada said on {WD} they would send {N} more mobile surgical units to the region by {M} {D2}.",
    "Mr. {L} and Ms. {L2} were detained at a checkpoint outside {P2} on {M} {D} and released {N} hours later.",
    "A ceasefire brokered in {Y} held for {N} weeks before fighting resumed near {P} and {P2}.",
    "Engineers from {O} said it would take at least {N} weeks to repair the pumping station in {P}, which served some {NN} people.",
    "The army said it had “neutralised” {N} positions near {P2}; the claim was repeated by state television on {WD} evening.",
]
HEADLINES = [
    "Fighting intensifies near {P} as aid deliveries stall",
    "Residents of {P} describe weeks under shelling",
    "Ceasefire around {P} frays amid new strikes",
    "Monitors report {NN} violations along the {P} line",
    "Hospital in {P} runs short of supplies as casualties rise",
    "Evacuation corridor from {P} closes after {N} hours",
]
SLOT = re.compile(r"\{(\w+)\}")


def fill(tmpl, rng):
    def one(m):
        s = m.group(1)
        if s in ("P", "P2"):
            return rng.choice(PLACES)
        if s == "F":
            return rng.choice(FIRST)
        if s in ("L", "L2"):
            return rng.choice(LAST)
        if s == "R":
            return rng.choice(RANKS)
        if s == "O":
            return rng.choice(ORGS)
        if s in ("M", "M2"):
            return rng.choice(MONTH_ABBR)
        if s == "MF":
            return rng.choice(MONTHS)
        if s in ("D", "D2"):
            return str(rng.randint(1, 28))
        if s == "WD":
            return rng.choice(WEEKDAYS)
        if s in ("N", "N2"):
            return str(rng.randint(2, 95))
        if s == "NN":
            return str(rng.randint(120, 48000))
        if s == "Y":
            return str(rng.randint(2014, 2024))
        if s == "Q":
            return rng.choice(STATEMENTS)
        if s == "QQ":
            return rng.choice(QUESTIONS)
        return s
    return SLOT.sub(one, tmpl)


def make_article(rng, target):
    month, day, year = rng.randint(1, 12), rng.randint(1, 28), rng.randint(2016, 2024)
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}"]
    if rng.random() < 0.4:
        authors.append(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    a = {
        "title": fill(rng.choice(HEADLINES), rng),
        "authors": authors,
        "outlet": rng.choice(OUTLETS),
        "date": f"{MONTHS[month - 1]} {day}, {year}",
        "iso": f"{year:04d}-{month:02d}-{day:02d}",
        "year": year,
    }
    lead = (f"{rng.choice(PLACES).upper()}, {MONTH_ABBR[month - 1]} {day} ({a['outlet']}) — "
            + fill(rng.choice(SENTENCES), rng))
    paras, size = [lead], len(lead)
    while size < target:
        p = " ".join(fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(2, 5)))
        paras.append(p)
        size += len(p)
    a["paragraphs"] = paras
    tail = []
    if rng.random() < 0.5:
        tail.append("Read also: " + fill(rng.choice(HEADLINES), rng))
    if rng.random() < 0.2:
        tail.append(f"Follow us on Telegram for updates from {rng.choice(PLACES)}.")
    tail.append("Please click the share button above to email or forward this article to your friends.")
    tail.append(f"Copyright © {year} {a['outlet']}. All rights reserved.")
    a["tail"] = tail
    return a


def as_text(a):
    out = [a["title"], "", "By " + " and ".join(a["authors"]), "Published: " + a["date"], ""]
    for p in a["paragraphs"]:
        out += [p, ""]
    out += a["tail"]
    return "\n".join(out) + "\n"


def plain_body(a):
    """The article body as a JSONL producer would store it (no header/furniture)."""
    return "\n\n".join(a["paragraphs"])


LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
EMPH = re.compile(r"\*([^*]+)\*")


def html_para(text, entities):
    s = html.escape(text, quote=True)
    s = LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', s)
    s = EMPH.sub(r"<em>\1</em>", s)
    if entities:
        s = s.replace("’", "&rsquo;").replace("“", "&ldquo;").replace("”", "&rdquo;")
    return s


def as_html(a, rng):
    e = html.escape
    entities = rng.random() < 0.5
    authors = " and ".join(a["authors"])
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{e(a['title'])} | {e(a['outlet'])}</title>\n",
        f'<meta name="author" content="{e(authors)}">\n',
        f'<meta property="article:published_time" content="{a["iso"]}T08:00:00Z">\n',
        f'<meta property="og:site_name" content="{e(a["outlet"])}">\n',
        "<style>body{font-family:serif}.nav a{margin:0 4px}</style>\n",
        "<script>window.dataLayer=window.dataLayer||[];function track(e){dataLayer.push(e)}</script>\n",
        '</head>\n<body>\n<header class="site-header"><nav class="nav"><a href="/">Home</a> '
        '<a href="/world">World</a> <a href="/conflict">Conflict</a> <a href="/analysis">Analysis</a> '
        '<a href="/about">About</a></nav></header>\n',
        '<div class="cookie-banner">We use cookies to improve your experience. '
        "<button>Accept all cookies</button></div>\n",
        f"<main>\n<article>\n<h1>{e(a['title'])}</h1>\n",
        f'<div class="byline">By {e(authors)}</div>\n',
        f'<time datetime="{a["iso"]}">{a["date"]}</time>\n',
    ]
    for i, p in enumerate(a["paragraphs"]):
        parts.append(f"<p>{html_para(p, entities)}</p>\n")
        if i == 2:
            parts.append(f'<figure><img src="/img/{rng.randint(1000, 9999)}.jpg" alt="">'
                         "<figcaption>A street in the old town. (Photo: staff)</figcaption></figure>\n")
    parts.append('<div class="share-buttons"><a href="#">Share</a> <a href="#">Tweet</a> '
                 '<a href="#">Email</a></div>\n</article>\n<aside class="related"><h2>Related</h2><ul>')
    for _ in range(4):
        parts.append(f'<li><a href="/story/{rng.randint(10000, 99999)}">'
                     f"{e(fill(rng.choice(HEADLINES), rng))}</a></li>")
    parts.append('</ul></aside>\n</main>\n<section id="comments" class="comments"><h2>Comments</h2>'
                 '<ol class="comment-list">')
    for _ in range(rng.randint(0, 3)):
        parts.append(f'<li class="comment"><p>{e(fill(rng.choice(SENTENCES), rng))}</p></li>')
    parts.append(f'</ol></section>\n<footer class="site-footer"><p>Copyright © {a["year"]} '
                 f'{e(a["outlet"])}. All rights reserved.</p></footer>\n'
                 "<script>track({event:'pageview'});</script>\n</body>\n</html>\n")
    return "".join(parts)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--mean-bytes", type=int, default=10000,
                    help="mean size of an article's plain text (sizes vary from 0.3x to 1.7x)")
    ap.add_argument("--seed", type=int, default=20240611)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    sizes = {"text": 0, "html": 0, "jsonl": 0}
    os.makedirs(os.path.join(args.out, "jsonl"), exist_ok=True)
    with open(os.path.join(args.out, "jsonl", "articles.jsonl"), "wb") as jl:
        for i in range(args.articles):
            target = int(args.mean_bytes * rng.uniform(0.3, 1.7))
            a = make_article(rng, target)
            shard = f"{i // 100:02d}"
            name = f"article-{i:05d}"
            sizes["text"] += write(os.path.join(args.out, "text", shard, name + ".txt"),
                                   as_text(a).encode("utf-8"))
            sizes["html"] += write(os.path.join(args.out, "html", shard, name + ".html"),
                                   as_html(a, rng).encode("utf-8"))
            rec = {"id": name, "title": a["title"], "authors": a["authors"],
                   "outlet": a["outlet"], "published": a["iso"],
                   "url": f"https://example.org/{a['iso']}/{name}", "text": plain_body(a)}
            line = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
            jl.write(line)
            sizes["jsonl"] += len(line)
    manifest = {"generator": "bench/make_corpus.py", "seed": args.seed, "articles": args.articles,
                "mean_bytes": args.mean_bytes, "bytes": sizes}
    with open(os.path.join(args.out, "corpus.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"corpus: {args.articles} articles in {args.out}: "
          + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
