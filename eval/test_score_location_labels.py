#!/usr/bin/env python3
"""Self-test of score_location_labels.score on made-up records (no binary)."""

import os
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_location_labels as sl  # noqa: E402


def record(*places):
    """A record whose place mentions lie in the given (country, admin1)s."""
    return {"entities": [{"kind": "place", "geo": {"country": c, "admin1": a}} for c, a in places]
            + [{"kind": "actor"}]}


class ScoreTest(unittest.TestCase):
    def test_found_top_none_and_unknown(self):
        pairs = [
            (2, record(("SY", "Aleppo"), ("SY", "Aleppo"), ("SY", "Idlib")), {"location": "Aleppo"}),
            (3, record(("SY", "Idlib"), ("SY", "Idlib"), ("SY", "Aleppo")), {"location": "aleppo"}),
            (4, record(("SY", "Rif-dimashq")), {"location": "damascus"}),
            (5, record(("IQ", "Nineveh")), {"location": "raqqa"}),
            (6, record(("SY", "Homs"), ("SY", "Hama")), {"location": "hama"}),
            (7, record(), {"location": "atlantis"}),
        ]
        r = sl.score(pairs, "location")
        self.assertEqual(r["scored"], 5)
        self.assertEqual(r["found"], 4)  # all but the Iraqi one
        self.assertEqual(r["top"], 2)    # Aleppo and Rif-dimashq; Idlib leads row 3; a tie in row 6
        self.assertEqual(r["none"], 1)   # row 5 has no place in Syria
        self.assertEqual(r["unknown"], {"atlantis": 1})
        self.assertEqual([m[0] for m in r["misses"]], [5])


if __name__ == "__main__":
    unittest.main()
