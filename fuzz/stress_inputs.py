#!/usr/bin/env python3
"""Writes large repetitive inputs for the quadratic-behaviour check of
scripts/fuzz stress: every token of fuzz/dict/*.dict (plus a few extra
characters) repeated up to SIZE bytes, bare and after "<p>", '{"text":"' and
"text\\n\\"" openers; 600 random token pairs repeated; and deep nestings.
libFuzzer's mutations rarely build such inputs, but they are where a loop
that rescans the rest of the text from every line break, quote or tag shows.

usage: stress_inputs.py OUT_DIR PREFIX_HEX [SIZE]
PREFIX_HEX is the target's selector byte ("" for none, "00", "03", ...).
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    out = []
    for line in open(os.path.join(HERE, "dict", name + ".dict"), encoding="latin-1"):
        line = line.strip()
        if not line.startswith('"'):
            continue
        s, b, i = line[1:-1], bytearray(), 0
        while i < len(s):
            if s[i] == "\\":
                if s[i + 1] == "x":
                    b.append(int(s[i + 2:i + 4], 16))
                    i += 4
                else:
                    b.append(ord(s[i + 1]))
                    i += 2
            else:
                b.append(ord(s[i]))
                i += 1
        out.append(bytes(b))
    return out


EXTRA = [b"a", b" ", b"\n", b"\n\n", b".", b". ", b"A. ", b"1. ", b'"', b"'",
         "\u201c".encode(), "\u2019".encode(), "\ufffd".encode(), "\u00a0".encode(),
         "\u200b".encode(), "\u2028".encode(), "e\u0301".encode(), "\u0301".encode(),
         b"\xff", b"\xe9", b"\t", b"\r", b"\x00", b"\\", b"\\u", b"*", b"_", b"[", b"](",
         b"[a](b", b"**a", b"`", b"#", b"(", b")", b"By A, ", b"A B ", b"Aa. ", b"1",
         b"&", b"&#", b"&a", b"<", b">", b"<a", b"<p", b"</", b"<b><i>", b"<p><p>",
         b"<select>", b"<table>", b'"a",', b'"",', b"a,", b'{"text":"']


def main():
    out = sys.argv[1]
    prefix = bytes.fromhex(sys.argv[2]) if len(sys.argv) > 2 else b""
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 60000
    toks = set(EXTRA)
    for name in ("html", "text", "json", "csv", "date"):
        toks.update(load(name))
    toks = sorted(toks)
    os.makedirs(out, exist_ok=True)
    n = 0

    def write(data):
        nonlocal n
        with open(os.path.join(out, "s%05d" % n), "wb") as f:
            f.write(prefix + data[:size])
        n += 1

    for t in toks:
        rep = t * (size // len(t) + 1)
        for opener in (b"", b"<p>", b'{"text":"', b'text\n"'):
            write(opener + rep)
    rnd = random.Random(1)
    for _ in range(600):
        a, b = rnd.sample(toks, 2)
        write((a + b) * (size // (len(a) + len(b)) + 1))
    for a, b in [(b"<div>", b"</div>"), (b"<b>", b"</b>"), (b"<p>", b""),
                 (b"<table><tr><td>", b""), (b"<ul><li>", b""), (b'"', b'"'),
                 ("\u201c".encode(), b""), (b"(", b")"), (b"[", b"]"), (b"<i><b>", b""),
                 (b'<span class="byline">', b""), (b'<div id="comments">', b"")]:
        k = size // (len(a) + len(b) + 1)
        write(a * k + b"x" + b * k)
    print(n)


if __name__ == "__main__":
    main()
