#!/usr/bin/env python3
"""Self-test of score_voice.py: gold parsing, offset mapping and the figures
on synthetic records (no dossier binary needed)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_voice as sv  # noqa: E402


class ParseTest(unittest.TestCase):
    def test_marks_give_plain_text_and_spans(self):
        g = sv.parse_gold("published: 2019-01-01\n\n"
                          "Plain. <<attributed [[src The ministry]] [[cue said]] "
                          "[[content it was over]].>> End.")
        self.assertEqual(g.meta["published"], "2019-01-01")
        self.assertEqual(g.text, "Plain. The ministry said it was over. End.")
        (c,) = g.clauses
        self.assertEqual(c["kind"], "attributed")
        self.assertEqual(g.text[c["start"]:c["end"]], "The ministry said it was over.")
        self.assertEqual(g.text[c["src"][0]:c["src"][1]], "The ministry")
        self.assertEqual(g.text[c["cue"][0][0]:c["cue"][0][1]], "said")
        self.assertEqual(g.text[c["content"][0]:c["content"][1]], "it was over")

    def test_nested_marks_and_attributes(self):
        g = sv.parse_gold("\n<<quoted [[content \"A,\" [[src he|is=Jo Ray]] [[cue said]], "
                          "\"B.\"]]>> <<quoted|is=memo| Block text.>>")
        self.assertEqual(g.text, "\"A,\" he said, \"B.\" Block text.")
        a, b = g.clauses
        self.assertEqual(a["src"][2], "Jo Ray")
        self.assertEqual(g.text[a["content"][0]:a["content"][1]], "\"A,\" he said, \"B.\"")
        self.assertEqual(b["is"], "memo")
        self.assertEqual(g.text[b["start"]:b["end"]], "Block text.")

    def test_errors_name_the_problem(self):
        for bad in ("\n<<opinion x>>", "\n[[src x]]", "\n<<quoted x", "\n<<quoted [[cue x>>"):
            with self.assertRaises(sv.GoldError):
                sv.parse_gold(bad)


class ScoreTest(unittest.TestCase):
    def test_figures_on_a_synthetic_record(self):
        g = sv.parse_gold("\n<<attributed [[src The ministry]] [[cue said]] "
                          "[[content it was over]].>> The end.")
        text = g.text
        record = {
            "text": text,
            "sentences": [[0, 30], [31, 39]],
            "entities": [{"id": "m1", "text": "The ministry", "start": 0, "end": 12}],
            "voice": [
                {"sentence": 0, "start": 0, "end": 30, "kind": "attributed", "source": "m1",
                 "cue": {"start": 13, "end": 17}, "content": {"start": 18, "end": 29}},
                {"sentence": 1, "start": 31, "end": 39, "kind": "author", "source": None,
                 "cue": None, "content": None},
            ],
        }
        c = sv.new_counts()
        sv.score_one(g, record, c)
        f = sv.figures(c)
        self.assertEqual(f["kind_accuracy"], 1.0)
        self.assertEqual(f["clauses"]["f1"], 1.0)
        self.assertEqual(f["sources"]["recall"], 1.0)
        self.assertEqual(f["cues"]["precision"], 1.0)
        self.assertEqual(f["content"]["recall"], 1.0)


if __name__ == "__main__":
    unittest.main()
