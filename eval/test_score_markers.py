#!/usr/bin/env python3
"""Self-test of score_markers.py on synthetic inputs (no dossier binary)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_markers as sm  # noqa: E402


class ParseTest(unittest.TestCase):
    def test_marks_nest_and_are_removed(self):
        meta, text, spans = sm.parse_gold(
            "split: heldout\n\nThe [[doubt so-called [[loaded_language puppet]]]] rulers.\n")
        self.assertEqual(meta["split"], "heldout")
        self.assertEqual(text, "The so-called puppet rulers.\n")
        self.assertEqual(spans, [("doubt", 4, 20), ("loaded_language", 14, 20)])
        self.assertEqual(text[4:20], "so-called puppet")

    def test_errors(self):
        with self.assertRaises(sm.GoldError):
            sm.parse_gold("no header blank line")
        with self.assertRaises(sm.GoldError):
            sm.parse_gold("a: b\n\n[[propaganda x]]")
        with self.assertRaises(sm.GoldError):
            sm.parse_gold("a: b\n\n[[doubt x")


class ScoreTest(unittest.TestCase):
    def test_exact_match(self):
        g = [("doubt", 0, 10)]
        s = sm.score(g, g)
        self.assertEqual((s["p"], s["r"], s["f1"]), (1.0, 1.0, 1.0))

    def test_partial_overlap(self):
        # Predicted 0-10 against gold 5-15: half of each.
        s = sm.score([("doubt", 0, 10)], [("doubt", 5, 15)])
        self.assertAlmostEqual(s["p"], 0.5)
        self.assertAlmostEqual(s["r"], 0.5)
        self.assertAlmostEqual(s["f1"], 0.5)

    def test_labels_must_agree_unless_any(self):
        pred, gold = [("doubt", 0, 10)], [("loaded_language", 0, 10)]
        self.assertEqual(sm.score(pred, gold)["f1"], 0.0)
        self.assertEqual(sm.score(pred, gold, "any")["f1"], 1.0)

    def test_false_alarm_and_miss(self):
        s = sm.score([("doubt", 0, 4), ("doubt", 20, 24)], [("doubt", 0, 4), ("doubt", 40, 44)])
        self.assertAlmostEqual(s["p"], 0.5)
        self.assertAlmostEqual(s["r"], 0.5)

    def test_capped_at_one_per_span(self):
        # Two predictions covering one gold span do not give it more than 1.
        s = sm.score([("doubt", 0, 5), ("doubt", 5, 10)], [("doubt", 0, 10)])
        self.assertAlmostEqual(s["r"], 1.0)
        self.assertAlmostEqual(s["p"], 1.0)

    def test_empty(self):
        s = sm.score([], [])
        self.assertEqual(s["f1"], 0.0)


if __name__ == "__main__":
    unittest.main()
