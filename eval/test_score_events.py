#!/usr/bin/env python3
"""Self-test of score_events.py: gold parsing and the figures on synthetic
records (no dossier binary needed)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_events as se  # noqa: E402

GOLD = """published: 2017-06-12

Jets struck Raqqa, killing 17 civilians. Critics say war is bad. ISIS shelled Tabqa.

== events
struck | ASSAULT | 195 | actor=US MIL | target=- CVL | place=35.95,39.01 | dead=17
shelled | ASSAULT | 194 | actor=ISIS | place=
"""


def record(events, text):
    return {"text": text, "sentences": [[0, 40], [41, 63], [64, 84]],
            "entities": [{"id": "m1", "actor": {"sectors": ["MIL"], "group": None}},
                         {"id": "m2", "actor": {"sectors": ["CVL"], "group": None}},
                         {"id": "m3", "actor": {"sectors": ["UAF"], "group": "ISIS"}}],
            "events": events}


def event(trigger, start, plover, cameo, sentence, **roles):
    e = {"trigger": {"text": trigger, "start": start, "end": start + len(trigger)},
         "type": {"plover": plover, "cameo": cameo}, "sentence": sentence, "same_as": None,
         "actor": None, "target": None, "place": None, "dead": None, "injured": None}
    e.update(roles)
    return e


class ParseTest(unittest.TestCase):
    def test_events_and_roles(self):
        g = se.parse_gold(GOLD)
        self.assertEqual(g.meta["published"], "2017-06-12")
        self.assertEqual(len(g.events), 2)
        s, t = g.events
        self.assertEqual(g.text[s["offset"]:s["offset"] + 6], "struck")
        self.assertEqual(s["actor"], {"country": "US", "sector": "MIL"})
        self.assertEqual(s["target"], {"country": None, "sector": "CVL"})
        self.assertEqual(s["place"], (35.95, 39.01))
        self.assertEqual(s["dead"], 17)
        self.assertEqual(t["actor"], {"group": "ISIS"})
        self.assertTrue(t["has_place"])
        self.assertIsNone(t["place"])

    def test_errors(self):
        with self.assertRaises(se.GoldError):
            se.parse_gold("\nText.\n== events\nmissing | ASSAULT | 190\n")
        with self.assertRaises(se.GoldError):
            se.parse_gold("\nJets struck.\n== events\nstruck | ASSAULT | 195 | colour=red\n")


class ScoreTest(unittest.TestCase):
    def setUp(self):
        self.g = se.parse_gold(GOLD)
        self.text = self.g.text

    def test_perfect(self):
        c = se.new_counts()
        evs = [event("struck", 5, "ASSAULT", "195", 0,
                     actor={"mention": "m1", "country": "US", "sector": "MIL"},
                     target={"mention": "m2", "country": None, "sector": "CVL"},
                     place={"lat": 35.9, "lon": 39.1}, dead={"value": 17}),
               event("shelled", 69, "ASSAULT", "194", 2,
                     actor={"mention": "m3", "country": None, "sector": "UAF", "ref": "actor:ISIS"})]
        se.score_one(self.g, record(evs, self.text), c)
        f = se.figures(c)
        self.assertEqual(f["detection"]["f1"], 1.0)
        self.assertEqual(f["plover_accuracy"], 1.0)
        self.assertEqual(f["actor"]["tp"], 2)
        self.assertEqual(f["target"]["tp"], 1)
        self.assertEqual(f["place"]["tp"], 1)
        self.assertEqual(f["dead"]["tp"], 1)

    def test_wrong_roles_far_place_spurious_and_repeats(self):
        c = se.new_counts()
        evs = [event("struck", 5, "COERCE", "173", 0,
                     actor={"mention": "m3", "country": None, "sector": "UAF"},
                     place={"lat": 33.5, "lon": 36.3}, dead={"value": 16}),
               event("war", 56, "ASSAULT", "190", 1),
               event("struck", 5, "ASSAULT", "195", 0)]
        evs[2]["same_as"] = "v1"  # repeats are not predictions
        se.score_one(self.g, record(evs, self.text), c)
        f = se.figures(c)
        self.assertEqual(f["detection"]["predicted"], 2)
        self.assertEqual(f["detection"]["tp"], 1)
        self.assertEqual(f["detection"]["gold"], 2)
        self.assertEqual(f["plover_accuracy"], 0.0)
        self.assertEqual(f["cameo_root_accuracy"], 0.0)
        self.assertEqual(f["actor"]["tp"], 0)
        self.assertEqual(f["place"]["tp"], 0)   # Damascus is not within 161 km of Raqqa
        self.assertEqual(f["dead"]["tp"], 0)

    def test_same_sentence_same_type_matches_another_trigger_word(self):
        c = se.new_counts()
        evs = [event("killing", 19, "ASSAULT", "190", 0)]
        se.score_one(self.g, record(evs, self.text), c)
        self.assertEqual(c["matched"], 1)
        self.assertEqual(c["cameo_root"], 1)


if __name__ == "__main__":
    unittest.main()
