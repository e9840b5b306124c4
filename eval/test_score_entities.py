#!/usr/bin/env python3
"""Self-test of the entity scorer: the .ann parser, alignment, matching and
metrics on tiny synthetic inputs. Needs no dossier binary.

Run: python3 eval/test_score_entities.py   (or with -v)
"""

import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.dont_write_bytecode = True  # keep eval/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_entities as se  # noqa: E402


def entity(kind, text, full, occurrence=0, **fields):
    """A predicted entity object for `text` (its n-th occurrence in full)."""
    start = -1
    for _ in range(occurrence + 1):
        start = full.index(text, start + 1)
    e = {"kind": kind, "text": text, "start": start, "end": start + len(text)}
    e.update(fields)
    return e


class ParserTest(unittest.TestCase):

    def test_offsets_after_stripping_marks(self):
        doc = se.parse_ann(
            "published: 2019-03-14\ntitle: Strikes\n\n"
            "Jets hit [[place Deir El-Zour|lat=35.336|lon=40.141]] on "
            "[[date Tuesday|value=2019-03-12]], killing "
            "[[quantity 12|value=12|role=killed]] people.\n", "t.ann")
        self.assertEqual(doc.meta, {"published": "2019-03-14",
                                    "title": "Strikes"})
        self.assertEqual(doc.text,
                         "Jets hit Deir El-Zour on Tuesday, killing 12 "
                         "people.\n")
        got = [(m.kind, m.start, m.end, m.text) for m in doc.mentions]
        self.assertEqual(got, [("place", 9, 21, "Deir El-Zour"),
                               ("date", 25, 32, "Tuesday"),
                               ("quantity", 42, 44, "12")])
        for m in doc.mentions:
            self.assertEqual(doc.text[m.start:m.end], m.text)
        self.assertEqual(doc.mentions[0].attrs,
                         {"lat": "35.336", "lon": "40.141"})
        self.assertEqual(doc.mentions[2].attrs["role"], "killed")

    def test_code_points_not_bytes(self):
        # "Ḥamā" and the curly quotes are multi-byte in UTF-8; offsets are
        # code points, as in the output contract.
        doc = se.parse_ann("“Ḥamā” and [[place Homs]]\n")
        self.assertEqual(doc.text.index("Homs"), 11)
        self.assertEqual((doc.mentions[0].start, doc.mentions[0].end),
                         (11, 15))

    def test_nested_marks(self):
        doc = se.parse_ann(
            "The [[organization [[place Syrian]] Foreign Ministry"
            "|country=SY|sector=GOV]] said.\n")
        self.assertEqual(doc.text, "The Syrian Foreign Ministry said.\n")
        got = [(m.kind, m.start, m.end) for m in doc.mentions]
        self.assertEqual(got, [("organization", 4, 27), ("place", 4, 10)])

    def test_no_header(self):
        doc = se.parse_ann("Plain [[outlet CNN]] text.\n")
        self.assertEqual(doc.meta, {})
        self.assertEqual(doc.mentions[0].start, 6)

    def test_errors(self):
        bad = {
            "open": "a [[place Homs b\n",
            "close": "a Homs]] b\n",
            "kind": "a [[town Homs]]\n",
            "attr": "a [[place Homs|lng=36.7]]\n",
            "space": "a [[place Homs ]]\n",
            "nokind": "a [[Homs]]\n",
            "header": "published: 2019-03-14\nbody right away\n",
            "date": "published: 14/03/2019\n\nx\n",
        }
        for label, src in bad.items():
            with self.subTest(label):
                with self.assertRaises(se.AnnError):
                    se.parse_ann(src, "bad.ann")

    def test_error_names_line(self):
        with self.assertRaisesRegex(se.AnnError, r"bad\.ann:3:3"):
            se.parse_ann("published: 2019-03-14\n\nx [[town Homs]]\n",
                         "bad.ann")


class AlignTest(unittest.TestCase):

    def test_identity(self):
        doc = se.parse_ann("In [[place Homs]] today.\n")
        mapped, lost = se.align_mentions(doc.text, "In Homs today.",
                                         doc.mentions)
        self.assertEqual(lost, [])
        self.assertEqual((mapped[0].start, mapped[0].end), (3, 7))

    def test_cleaner_dropped_headline_and_whitespace(self):
        doc = se.parse_ann(
            "Headline here\n\nTroops  entered [[place Abu Kamal]] and\n"
            "[[place Al\nQaim]].\n")
        out = "Troops entered Abu Kamal and Al Qaim."
        mapped, lost = se.align_mentions(doc.text, out, doc.mentions)
        self.assertEqual(lost, [])
        spans = [(m.start, m.end, m.text) for m in mapped]
        self.assertEqual(spans, [(15, 24, "Abu Kamal"), (29, 36, "Al Qaim")])

    def test_repeated_name_maps_to_nearest(self):
        doc = se.parse_ann("X. Homs and Homs, then [[place Homs]].\n")
        out = "Homs and Homs, then Homs."
        mapped, _ = se.align_mentions(doc.text, out, doc.mentions)
        self.assertEqual(mapped[0].start, 20)

    def test_lost_line(self):
        doc = se.parse_ann("Keep this.\n\nShare on [[outlet Facebook]]\n")
        mapped, lost = se.align_mentions(doc.text, "Keep this.",
                                         doc.mentions)
        self.assertEqual(mapped, [])
        self.assertEqual([m.text for m in lost], ["Facebook"])


class MatchTest(unittest.TestCase):

    def setUp(self):
        M = se.Mention
        self.gold = [M("place", 0, 10, "Deir ez-Zor"),
                     M("date", 20, 27, "Tuesday"),
                     M("actor", 30, 45, "Syrian soldiers")]
        self.pred = [M("place", 0, 10, "Deir ez-Zor"),     # exact
                     M("date", 17, 27, "on Tuesday"),     # overlap only
                     M("place", 30, 36, "Syrian"),        # wrong kind
                     M("place", 50, 55, "Hope")]          # spurious

    def test_strict(self):
        self.assertEqual(se.match_strict(self.gold, self.pred), [(0, 0)])

    def test_lenient(self):
        self.assertEqual(se.match_lenient(self.gold, self.pred),
                         [(0, 0), (1, 1)])

    def test_kind_blind(self):
        self.assertEqual(
            se.match_lenient(self.gold, self.pred, kind_sensitive=False),
            [(0, 0), (1, 1), (2, 2)])

    def test_one_to_one(self):
        M = se.Mention
        gold = [M("place", 0, 4, "Homs")]
        pred = [M("place", 0, 4, "Homs"), M("place", 0, 4, "Homs"),
                M("place", 2, 8, "ms cit")]
        self.assertEqual(se.match_strict(gold, pred), [(0, 0)])
        self.assertEqual(se.match_lenient(gold, pred), [(0, 0)])
        # Two gold mentions cannot share one prediction either.
        gold2 = [M("place", 0, 4, "Homs"), M("place", 0, 4, "Homs")]
        self.assertEqual(se.match_strict(gold2, pred[:1]), [(0, 0)])
        self.assertEqual(se.match_lenient(gold2, pred[:1]), [(0, 0)])

    def test_prefers_exact_then_overlap(self):
        M = se.Mention
        gold = [M("actor", 10, 20, "x"), M("actor", 0, 12, "y")]
        pred = [M("actor", 0, 12, "y'"), M("actor", 8, 20, "x'")]
        self.assertEqual(se.match_lenient(gold, pred), [(0, 1), (1, 0)])

    def test_prf(self):
        self.assertEqual(se.prf(1, 2, 4), (0.25, 0.5, 1 / 3))
        self.assertEqual(se.prf(0, 3, 0), (None, 0.0, None))
        self.assertEqual(se.prf(0, 3, 2), (0.0, 0.0, 0.0))


class ScoreTest(unittest.TestCase):
    """End to end on one synthetic article and a hand-made record."""

    ANN = ("published: 2019-03-14\ntitle: Strike\n\n"
           "[[actor Syrian soldiers|country=SY|sector=MIL]] left "
           "[[place Deir El-Zour|lat=35.336|lon=40.141]] on "
           "[[date Tuesday|value=2019-03-12]] after "
           "[[quantity more than 3,000|value=3000|qualifier=at_least"
           "|role=displaced]] people fled "
           "[[place Homs|lat=34.727|lon=36.723]] and "
           "[[place Raqqa|lat=35.950|lon=39.010]]. Hope remains, said "
           "[[person Mark Dunn|name=Mark Dunn]] of "
           "[[outlet Reuters|country=GB]].\n")

    def record(self):
        doc = se.parse_ann(self.ANN, "s.ann")
        # The cleaner took the headline away and kept the body as is.
        text = doc.text.rstrip("\n")
        ents = [
            entity("actor", "Syrian soldiers", text,
                   actor={"country": "SY", "sectors": ["MIL"]}),
            entity("place", "Deir El-Zour", text,
                   geo={"lat": 35.336, "lon": 40.141}),       # exact
            entity("date", "on Tuesday", text,
                   date={"value": "2019-03-05"}),            # wrong week
            entity("quantity", "3,000", text,
                   quantity={"value": 3000, "qualifier": "exact",
                             "role": "displaced"}),
            entity("place", "Homs", text,
                   geo={"lat": 33.513, "lon": 36.292}),       # Damascus!
            entity("place", "Raqqa", text,
                   geo={"lat": 33.341, "lon": 44.401}),       # Baghdad!
            entity("place", "Hope", text, geo={"lat": 0, "lon": 0}),
            entity("place", "Reuters", text),                  # wrong kind
        ]
        return doc, {"text": text, "entities": ents,
                     "sentences": [[0, len(text)]]}

    def test_summary(self):
        doc, rec = self.record()
        s = se.summarize([se.score_document(doc, rec)])
        k = s["kinds"]
        self.assertEqual((k["place"]["gold"], k["place"]["pred"],
                          k["place"]["strict_tp"], k["place"]["lenient_tp"]),
                         (3, 5, 3, 3))
        self.assertEqual(k["place"]["strict_p"], 0.6)
        self.assertEqual(k["place"]["strict_r"], 1.0)
        self.assertEqual((k["date"]["strict_tp"], k["date"]["lenient_tp"]),
                         (0, 1))
        self.assertEqual((k["quantity"]["strict_tp"],
                          k["quantity"]["lenient_tp"]), (0, 1))
        self.assertEqual(k["person"]["pred"], 0)
        self.assertIsNone(k["person"]["strict_p"])
        self.assertEqual(k["person"]["strict_r"], 0.0)
        self.assertEqual(k["organization"]["gold"], 0)
        self.assertEqual((s["all"]["gold"], s["all"]["pred"],
                          s["all"]["strict_tp"], s["all"]["lenient_tp"]),
                         (8, 8, 4, 6))
        self.assertEqual(s["any_kind"]["lenient_tp"], 7)   # + Reuters
        a = s["attributes"]
        # Homs to Damascus is about 140 km (inside 161), Raqqa to Baghdad
        # about 560 km.
        self.assertEqual(a["place"]["geo@161km"],
                         {"right": 2, "total": 3, "accuracy": 2 / 3})
        self.assertEqual(a["place"]["geo@10km"]["right"], 1)
        self.assertAlmostEqual(a["place"]["median_error_km"], 140.0,
                               delta=5)
        self.assertAlmostEqual(a["place"]["mean_error_km"],
                               (140.0 + 560.0) / 3, delta=15)
        self.assertEqual(a["date"]["value"]["right"], 0)
        self.assertEqual(a["quantity"]["value"]["right"], 1)
        self.assertEqual(a["quantity"]["qualifier"]["right"], 0)
        self.assertEqual(a["quantity"]["role"]["right"], 1)
        self.assertEqual(a["actor"]["country"]["right"], 1)
        self.assertEqual(a["actor"]["sector"]["right"], 1)

    def test_table_and_errors(self):
        doc, rec = self.record()
        res = [se.score_document(doc, rec)]
        s = se.summarize(res)
        table = se.format_table(s)
        for kind in se.KINDS:
            self.assertIn(kind, table)
        self.assertIn("geo@161km 66.7% (2/3)", table)
        errors = se.format_errors(res, s)
        self.assertIn("FN person       'Mark Dunn'", errors)
        self.assertIn("FP place        'Hope'", errors)
        self.assertIn("[Hope] remains", errors)
        self.assertIn("geo@10km", errors)

    def test_sector_and_group_forms(self):
        M = se.Mention
        g = M("actor", 0, 4, "ISIS", {"group": "ISIS", "sector": "REB|UAF"})
        p = M("actor", 0, 4, "ISIS", raw={"ref": "actor:isis",
                                         "actor": {"sector": "UAF REB"}})
        stats, diffs = {}, []
        se.check_attributes(g, p, stats, diffs)
        self.assertEqual(stats[("actor", "group")].right, 1)
        self.assertEqual(stats[("actor", "sector")].right, 1)
        self.assertEqual(diffs, [])

    def test_haversine(self):
        # Deir ez-Zor to Abu Kamal, about 120 km down the Euphrates.
        d = se.haversine_km(35.336, 40.141, 34.452, 40.918)
        self.assertTrue(110 < d < 125, d)
        self.assertEqual(se.haversine_km(1, 2, 1, 2), 0.0)


class MainTest(unittest.TestCase):
    """The command line with a fake dossier that echoes a canned record."""

    def test_runs_fake_binary(self):
        with tempfile.TemporaryDirectory() as tmp:
            ann = os.path.join(tmp, "a.ann")
            with open(ann, "w", encoding="utf-8") as f:
                f.write("published: 2019-03-14\ntitle: T\n\n"
                        "It was [[date last month|value=2019-02]].\n")
            rec = {"text": "It was last month.", "entities": [
                {"kind": "date", "text": "last month", "start": 7, "end": 17,
                 "date": {"value": "2019-02"}}]}
            fake = os.path.join(tmp, "fake_dossier")
            with open(fake, "w") as f:
                f.write("#!/bin/sh\n"
                        "case \"$*\" in *'--published 2019-03-14'*) ;; "
                        "*) exit 9;; esac\n"
                        "cat <<'EOF'\n%s\nEOF\n" % json.dumps(rec))
            os.chmod(fake, 0o755)
            buf = io.StringIO()
            with redirect_stdout(buf):
                rc = se.main([ann, "--dossier", fake, "--json"])
            self.assertEqual(rc, 0)
            out = json.loads(buf.getvalue())
            self.assertEqual(out["kinds"]["date"]["strict_tp"], 1)
            self.assertEqual(out["attributes"]["date"]["value"]["accuracy"],
                             1.0)


if __name__ == "__main__":
    unittest.main()
