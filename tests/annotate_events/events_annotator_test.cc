// The events layer on sentences written for these tests, through the whole
// pipeline (the entity layers give it its roles, the voice layer its voice):
// one test per construction with exact triggers, codes, roles and values;
// modality; voice; repeated mentions; the no-event suite (opinion, history
// in general terms, metaphors); invariants; odd input.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "annotate/events/events_annotator.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace dossier {
namespace {

const Pipeline& TestPipeline(bool explain) {
  auto make = [](bool x) {
    auto lex = Lexicon::Load(Lexicon::DefaultDirs(""));
    EXPECT_TRUE(lex.ok()) << lex.status().ToString();
    PipelineOptions o;
    o.explain = x;
    auto r = Pipeline::Create(*lex, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(*r);
  };
  static std::unique_ptr<Pipeline> plain = make(false), explained = make(true);
  return explain ? *explained : *plain;
}

Document Events(const std::string& text, bool explain = false) {
  RawDocument raw;
  raw.path = "(test)";
  raw.raw = std::make_shared<const std::string>(text);
  raw.body = text;
  raw.body_map = OffsetMap::Identity(text.size());
  raw.encoding = "utf-8";
  raw.format = Format::kText;
  raw.given.published = "2017-04-20";
  auto d = TestPipeline(explain).Process(raw);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? std::move(*d) : Document();
}

std::string Text(const Document& d, Span s) { return d.text.substr(s.begin, s.end - s.begin); }
// The text of role mention i, or "-".
std::string R(const Document& d, int i) {
  return i >= 0 && static_cast<size_t>(i) < d.mentions.size() ? Text(d, d.mentions[i].span)
                                                               : std::string("-");
}
double Value(const Document& d, int i) {
  return i >= 0 && d.mentions[i].quantity ? d.mentions[i].quantity->value : -1;
}
std::string DateOf(const Document& d, int i) { return i >= 0 ? d.mentions[i].date->value : "-"; }
// The events that repeat no earlier one (same_as unset).
std::vector<const EventRecord*> NonRepeats(const Document& d) {
  std::vector<const EventRecord*> out;
  for (const EventRecord& e : d.events)
    if (e.same_as < 0) out.push_back(&e);
  return out;
}

// Every role points at an existing mention of the event's sentence, the
// trigger is inside the span, the span inside the sentence, ids run v1..vN
// and same_as points back.
void ExpectWellFormed(const Document& d) {
  for (size_t i = 0; i < d.events.size(); ++i) {
    const EventRecord& e = d.events[i];
    EXPECT_EQ(e.id, "v" + std::to_string(i + 1));
    ASSERT_GE(e.sentence, 0);
    ASSERT_LT(static_cast<size_t>(e.sentence), d.sentences.size());
    const Span s = d.sentences[e.sentence];
    EXPECT_LE(s.begin, e.span.begin);
    EXPECT_LE(e.span.end, s.end);
    EXPECT_LE(e.span.begin, e.trigger.begin);
    EXPECT_LE(e.trigger.end, e.span.end);
    EXPECT_LT(e.trigger.begin, e.trigger.end);
    for (int m : {e.actor, e.target, e.place, e.date, e.dead, e.injured, e.source}) {
      if (m < 0) continue;
      ASSERT_LT(static_cast<size_t>(m), d.mentions.size());
      // Roles come from the event's sentence, or the next one ("It killed
      // 83 …" completes the event before it).
      if (m != e.source) {
        EXPECT_GE(d.mentions[m].sentence, e.sentence);
        EXPECT_LE(d.mentions[m].sentence, e.sentence + 1);
      }
    }
    for (int r = 0; r < 6; ++r) {
      const int m = r == 0 ? e.actor : r == 1 ? e.target : r == 2 ? e.place
                  : r == 3 ? e.date : r == 4 ? e.dead : e.injured;
      EXPECT_EQ(m >= 0, e.how[r] != nullptr) << e.id << " role " << r;
    }
    if (e.date >= 0) {
      EXPECT_EQ(d.mentions[e.date].kind, "date");
    }
    if (e.place >= 0) {
      EXPECT_EQ(d.mentions[e.place].kind, "place");
    }
    if (e.dead >= 0) {
      EXPECT_EQ(d.mentions[e.dead].quantity->role, "killed");
    }
    if (e.injured >= 0) {
      EXPECT_EQ(d.mentions[e.injured].quantity->role, "injured");
    }
    if (e.same_as >= 0) {
      EXPECT_LT(static_cast<size_t>(e.same_as), i);
    }
    EXPECT_GT(e.confidence, 0.0);
    EXPECT_LE(e.confidence, 1.0);
  }
}

TEST(EventsTest, ActiveVerbWithObjectPlaceDateAndParticipialCasualties) {
  const std::string t = "Coalition jets struck Raqqa on 3 March 2017, killing 14 Syrian soldiers.";
  Document d = Events(t);
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "struck");
  EXPECT_EQ(e.trigger.begin, 15u);
  EXPECT_EQ(e.pattern, "strike:verb");
  // "jets" is the instrument: an air strike.
  EXPECT_EQ(e.plover, "ASSAULT");
  EXPECT_EQ(e.mode, "aerial");
  EXPECT_EQ(e.cameo, "195");
  EXPECT_EQ(e.acled, "Explosions/Remote violence");
  EXPECT_EQ(e.acled_sub, "Air/drone strike");
  EXPECT_EQ(R(d, e.actor), "Coalition jets");
  EXPECT_EQ(R(d, e.target), "Syrian soldiers");
  EXPECT_EQ(d.mentions[e.target].actor->country, "SY");
  EXPECT_EQ(R(d, e.place), "Raqqa");
  EXPECT_EQ(DateOf(d, e.date), "2017-03-03");
  EXPECT_EQ(Value(d, e.dead), 14);
  EXPECT_EQ(e.injured, -1);
  EXPECT_EQ(e.voice, "author");
  EXPECT_EQ(e.modality, "asserted");
  EXPECT_FALSE(e.negated);
  EXPECT_FALSE(e.hypothetical);
  EXPECT_STREQ(e.how[0], "subject");
  EXPECT_EQ(e.span, (Span{0, static_cast<uint32_t>(t.size())}));
}

TEST(EventsTest, PassiveWithByPhraseTakesTheAirstrikeNoun) {
  Document d = Events("Syrian soldiers were targeted by Russian airstrikes near Homs.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "airstrikes");
  EXPECT_EQ(e.pattern, "airstrike:noun");
  EXPECT_EQ(R(d, e.target), "Syrian soldiers");
  EXPECT_STREQ(e.how[1], "passive subject");
  EXPECT_EQ(R(d, e.actor), "Russian");
  EXPECT_EQ(d.mentions[e.actor].actor->country, "RU");
  EXPECT_EQ(R(d, e.place), "Homs");
}

TEST(EventsTest, NominalWithLedModifierAndPrepositions) {
  Document d = Events("The US-led coalition airstrike on ISIS in Mosul killed 12 fighters.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "airstrike");
  EXPECT_EQ(R(d, e.actor), "US-led coalition");
  EXPECT_STREQ(e.how[0], "modifier");
  EXPECT_EQ(R(d, e.target), "ISIS");
  EXPECT_STREQ(e.how[1], "prepositional object");
  EXPECT_EQ(R(d, e.place), "Mosul");
  EXPECT_EQ(Value(d, e.dead), 12);
}

TEST(EventsTest, ParentheticalSourceInsideTheConsequence) {
  Document d = Events(
      "Turkish artillery shelled Afrin, killing (according to the Kurdish Red Crescent) nine "
      "civilians.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "shelled");
  EXPECT_EQ(e.mode, "heavy-weapons");
  EXPECT_EQ(e.cameo, "194");
  EXPECT_EQ(e.acled_sub, "Shelling/artillery/missile attack");
  EXPECT_EQ(R(d, e.actor), "Turkish artillery");
  EXPECT_EQ(R(d, e.place), "Afrin");
  EXPECT_EQ(Value(d, e.dead), 9);
  // The source in the parentheses is the voice layer's.
  EXPECT_EQ(e.voice, "attributed");
  EXPECT_NE(R(d, e.source).find("Red Crescent"), std::string::npos) << R(d, e.source);
}

TEST(EventsTest, CoordinatedClausesAreTwoEvents) {
  Document d = Events("ISIS fighters attacked Kobani and Turkish jets bombed Afrin.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "attacked");
  EXPECT_EQ(R(d, d.events[0].actor), "ISIS fighters");
  EXPECT_EQ(R(d, d.events[0].place), "Kobani");
  EXPECT_EQ(d.events[0].mode, "");
  EXPECT_EQ(Text(d, d.events[1].trigger), "bombed");
  EXPECT_EQ(R(d, d.events[1].actor), "Turkish jets");
  EXPECT_EQ(R(d, d.events[1].place), "Afrin");
  EXPECT_EQ(d.events[1].mode, "aerial");
  EXPECT_EQ(d.events[1].same_as, -1);
}

TEST(EventsTest, SurrenderToATarget) {
  Document d = Events("More than 500 ISIS fighters surrendered to the SDF in Baghuz.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(e.plover, "RETREAT");
  EXPECT_EQ(e.cameo, "0874");
  EXPECT_EQ(e.acled, "Strategic developments");
  EXPECT_EQ(R(d, e.actor), "ISIS fighters");
  EXPECT_EQ(R(d, e.target), "SDF");
  EXPECT_EQ(R(d, e.place), "Baghuz");
  // A count of those who surrendered is not a death toll.
  EXPECT_EQ(e.dead, -1);
}

TEST(EventsTest, DeploymentWithRelativeDate) {
  Document d = Events("Russia deployed military police to Manbij on Tuesday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(e.plover, "MOBILIZE");
  EXPECT_EQ(e.cameo, "154");
  EXPECT_EQ(R(d, e.actor), "Russia");
  EXPECT_EQ(e.target, -1);  // the force sent is not a target
  EXPECT_EQ(R(d, e.place), "Manbij");
  EXPECT_EQ(DateOf(d, e.date), "2017-04-18");
}

TEST(EventsTest, RaidNearAPlace) {
  Document d = Events("US special forces raided a village near Deir ez-Zor on 8 January 2017.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "raided");
  EXPECT_EQ(R(d, d.events[0].actor), "US special forces");
  EXPECT_EQ(R(d, d.events[0].place), "Deir ez-Zor");
  EXPECT_EQ(DateOf(d, d.events[0].date), "2017-01-08");
}

TEST(EventsTest, TerritoryCapturedByAStateOrAGroup) {
  Document d = Events("ISIS seized Ramadi in May 2015. The Iraqi army retook Ramadi from ISIS in December 2015.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].acled_sub, "Non-state actor overtakes territory");
  EXPECT_EQ(R(d, d.events[0].place), "Ramadi");
  EXPECT_EQ(DateOf(d, d.events[0].date), "2015-05");
  EXPECT_EQ(d.events[1].acled_sub, "Government regains territory");
  EXPECT_EQ(R(d, d.events[1].target), "ISIS");
  // Other actors and dates: not the same event.
  EXPECT_EQ(d.events[1].same_as, -1);
}

TEST(EventsTest, TerritoryRegainedByAGroupOrRebelsIsNotTheGovernments) {
  // "regained"/"recaptured" name the government's sub-type by default; a
  // group or rebels (with a country, but no state) take the non-state one.
  Document d = Events(
      "ISIS fighters regained Palmyra in December 2016. Syrian rebels captured Idlib in March 2015. "
      "The Syrian army recaptured Palmyra in March 2017.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "regained");
  EXPECT_EQ(R(d, d.events[0].actor), "ISIS fighters");
  EXPECT_EQ(d.events[0].acled, "Battles");
  EXPECT_EQ(d.events[0].acled_sub, "Non-state actor overtakes territory");
  EXPECT_EQ(R(d, d.events[1].actor), "Syrian rebels");
  EXPECT_EQ(d.events[1].acled_sub, "Non-state actor overtakes territory");
  EXPECT_EQ(R(d, d.events[2].actor), "Syrian army");
  EXPECT_EQ(d.events[2].acled_sub, "Government regains territory");
}

// Capturing people is no taking of territory: people=arrest:verb gives the
// arrest codes; a state's named unit ("US Special Forces", US MIL) taking a
// town is the government's sub-type, never the non-state one.
TEST(EventsTest, CapturingPeopleIsAnArrestAndAStateUnitIsNoNonStateActor) {
  Document d = Events("Iraqi troops raided a farm at dawn and captured three ISIS commanders.");
  ExpectWellFormed(d);
  const EventRecord* cap = nullptr;
  for (const EventRecord& e : d.events)
    if (Text(d, e.trigger) == "captured") cap = &e;
  ASSERT_NE(cap, nullptr);
  EXPECT_EQ(cap->plover, "COERCE");
  EXPECT_EQ(cap->cameo, "173");
  EXPECT_EQ(cap->acled, "Strategic developments");
  EXPECT_EQ(cap->acled_sub, "Arrests");
  EXPECT_EQ(cap->pattern, "capture:verb");
  EXPECT_EQ(R(d, cap->target), "ISIS commanders");
  EXPECT_STREQ(cap->how[1], "object");
  Document p = Events("Two Hezbollah commanders were captured by Syrian rebels.");
  ExpectWellFormed(p);
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(p.events[0].plover, "COERCE");
  EXPECT_EQ(R(p, p.events[0].target), "Hezbollah commanders");
  // Territory stays territory, also with a counterpart after "from".
  Document t = Events("US Special Forces seized Tabqa from ISIS in March 2017.");
  ExpectWellFormed(t);
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].plover, "ASSAULT");
  EXPECT_EQ(t.events[0].acled_sub, "Government regains territory");
  EXPECT_EQ(R(t, t.events[0].target), "ISIS");
}

// "visit X upon/on Y" inflicts; it is no visit (visit:verb not_before=).
TEST(EventsTest, VisitedUponIsNoVisit) {
  for (const char* text : {"Iraqis still live with the ruin Iran visited upon their towns.",
                           "Iraqis still live with the ruin Iran visited on their towns.",
                           "Iran visited ruin upon the towns of Anbar."}) {
    Document d = Events(text);
    ExpectWellFormed(d);
    for (const EventRecord& e : d.events) EXPECT_NE(e.plover, "CONSULT") << text;
  }
  Document v = Events("Erdogan visited Turkish troops on the border. Lavrov visited on Monday.");
  ExpectWellFormed(v);
  ASSERT_EQ(v.events.size(), 2u);
  EXPECT_EQ(v.events[0].plover, "CONSULT");
  EXPECT_EQ(R(v, v.events[0].actor), "Erdogan");
  EXPECT_EQ(R(v, v.events[0].target), "Turkish troops");
  EXPECT_EQ(R(v, v.events[1].actor), "Lavrov");
}

// "continued the fight to retake": the infinitive's subject is the support
// verb's; US-backed Syrian forces are non-state (backed_forces.tsv), so
// they overtake territory, the government does not regain it.
TEST(EventsTest, InfinitiveAfterASupportVerbTakesItsSubject) {
  Document d = Events(
      "Although Turkish-backed Syrian fighters have kept up the push to seize the last villages near "
      "Afrin, the YPG holds out.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "seize");
  EXPECT_EQ(R(d, e.actor), "Turkish-backed Syrian fighters");
  EXPECT_STREQ(e.how[0], "subject of support verb");
  EXPECT_EQ(e.acled_sub, "Non-state actor overtakes territory");
  EXPECT_EQ(R(d, e.place), "Afrin");
}

// "air power", "aviation" after a demonym are a state's military (agents.tsv).
TEST(EventsTest, AirPowerAndAviationAreActors) {
  for (const char* agent : {"Syrian aviation", "Syrian air power"}) {
    const std::string text = std::string(agent) + " bombed the villages north of Hama.";
    Document d = Events(text);
    ExpectWellFormed(d);
    ASSERT_EQ(d.events.size(), 1u) << text;
    const EventRecord& e = d.events[0];
    EXPECT_EQ(R(d, e.actor), agent) << text;
    EXPECT_STREQ(e.how[0], "subject");
    ASSERT_TRUE(d.mentions[e.actor].actor.has_value());
    EXPECT_EQ(d.mentions[e.actor].actor->country, "SY");
    EXPECT_EQ(d.mentions[e.actor].actor->sectors, std::vector<std::string>{"MIL"});
    EXPECT_EQ(e.mode, "aerial");
  }
}

TEST(EventsTest, ClashesWithACounterpartAndCasualties) {
  Document d = Events(
      "Hezbollah fighters clashed with the Free Syrian Army near Qusayr, leaving 11 dead and 20 "
      "wounded.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(e.mode, "firearms");
  EXPECT_EQ(e.cameo, "193");
  EXPECT_EQ(R(d, e.actor), "Hezbollah fighters");
  EXPECT_EQ(R(d, e.target), "Free Syrian Army");
  EXPECT_EQ(Value(d, e.dead), 11);
  EXPECT_EQ(Value(d, e.injured), 20);
}

// Counts of one casualty role joined by "and" add up; the parts of a count
// after "including" do not.
TEST(EventsTest, CasualtiesOverSeveralMentionsAddUp) {
  Document d = Events("Government jets struck Marib on Friday, killing 12 civilians and at least five fighters.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Value(d, e.dead), 12);
  ASSERT_EQ(e.dead_also.size(), 1u);
  EXPECT_EQ(Value(d, e.dead_also[0]), 5);
  const QuantityValue q = CasualtyCount(d.mentions, e.dead, e.dead_also);
  EXPECT_EQ(q.value, 17);
  EXPECT_EQ(q.low, 17);
  EXPECT_EQ(q.high, 0);  // "at least" leaves the sum open
  EXPECT_EQ(q.qualifier, "at_least");
  Document p = Events("Shelling killed 20 people including four children and two women in Taiz.");
  ExpectWellFormed(p);
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(Value(p, p.events[0].dead), 20);
  EXPECT_TRUE(p.events[0].dead_also.empty());
  // The clause's nearest count is a later part of the list: the list from
  // its head; parts after a total before "including": the total.
  Document h = Events("Ten children and 13 rebels were among those killed in the raid.");
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(CasualtyCount(h.mentions, h.events[0].dead, h.events[0].dead_also).value, 23);
  Document t = Events("At least 18 civilians including five children and two women were killed in an airstrike.");
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(Value(t, t.events[0].dead), 18);
  EXPECT_TRUE(t.events[0].dead_also.empty());
  // A total of the role farther back, across the verb and a comma.
  Document f = Events("Nearly 1,200 civilians have since been killed, including 192 children and 163 women.");
  ASSERT_EQ(f.events.size(), 1u);
  EXPECT_EQ(Value(f, f.events[0].dead), 1200);
  EXPECT_TRUE(f.events[0].dead_also.empty());
}

// A place before "-based" is part of a modifier, no actor or place of an
// event; bare "gunmen" are an actor.
TEST(EventsTest, PlacesInsideModifiersAndGunmen) {
  Document d = Events("The Britain-based monitor said gunmen attacked a checkpoint in Idlib.");
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(R(d, e.actor), "gunmen");
  EXPECT_EQ(R(d, e.place), "Idlib");
}

TEST(EventsTest, AgreementBetweenCoordinatedSubjects) {
  Document d = Events("Russia and Turkey signed a ceasefire agreement in Moscow on 20 December 2016.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(e.plover, "AGREE");
  EXPECT_EQ(R(d, e.actor), "Russia");
  EXPECT_EQ(R(d, e.target), "Turkey");
  EXPECT_EQ(R(d, e.place), "Moscow");
  EXPECT_EQ(DateOf(d, e.date), "2016-12-20");
}

// Copy without commas: the source after "according to" is not the subject
// of the event after it; a mention after a plain word ("according to the
// report ISIS ...") is.
TEST(EventsTest, TheSourceOfAccordingToIsNoActor) {
  Document d = Events(
      "According to the Syrian Observatory for Human Rights warplanes hit the village of "
      "Hass. According to the report ISIS executed 30 prisoners near Raqqa.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "hit");
  EXPECT_NE(R(d, d.events[0].actor), "Syrian Observatory for Human Rights");
  EXPECT_EQ(Text(d, d.events[1].trigger), "executed");
  EXPECT_EQ(R(d, d.events[1].actor), "ISIS");
}

// The partner after "backed by", "along with", "in cooperation with" is not
// the subject: the phrase before it is; a named partner still makes the
// event specific. The modifier of the trigger itself stays its actor.
TEST(EventsTest, TheBackerAfterBackedByIsNoSubject) {
  Document d = Events(
      "Iraqi troops backed by coalition aircraft retook Hajin on Monday. The Syrian army - along "
      "with Russian jets - bombed Ariha. Regime forces backed by Hezbollah fighters killed the "
      "farmers. Rebels backed by Turkish shelling attacked the base.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 5u) << d.events.size();
  EXPECT_EQ(Text(d, d.events[0].trigger), "retook");
  EXPECT_EQ(R(d, d.events[0].actor), "Iraqi troops");
  EXPECT_EQ(R(d, d.events[0].place), "Hajin");
  EXPECT_EQ(Text(d, d.events[1].trigger), "bombed");
  EXPECT_EQ(R(d, d.events[1].actor), "Syrian army");
  EXPECT_EQ(Text(d, d.events[2].trigger), "killed");
  EXPECT_EQ(R(d, d.events[2].actor), "Regime forces");
  EXPECT_EQ(Text(d, d.events[3].trigger), "shelling");
  EXPECT_EQ(R(d, d.events[3].actor), "Turkish");
  EXPECT_EQ(Text(d, d.events[4].trigger), "attacked");
  EXPECT_EQ(R(d, d.events[4].actor), "Rebels");
}

// A trigger inside a ", which …," aside is no part of the main clause's
// event: the main verb keeps its own subject and object.
TEST(EventsTest, ATriggerInAWhichAsideStaysThere) {
  Document d = Events(
      "The coalition, which has carried out thousands of strikes, hit an ISIS depot near Raqqa.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "hit");
  EXPECT_EQ(R(d, d.events[0].actor), "coalition");
  EXPECT_EQ(R(d, d.events[0].target), "ISIS");
  EXPECT_EQ(R(d, d.events[0].place), "Raqqa");
}

TEST(EventsTest, CoordinatedSubjectWithArticlesKeepsTheFirstConjunct) {
  Document d = Events("The Turkish army and the Free Syrian Army eliminated 14 fighters near Afrin.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "eliminated");
  EXPECT_EQ(e.pattern, "eliminate:verb");
  EXPECT_EQ(e.plover, "ASSAULT");
  EXPECT_EQ(R(d, e.actor), "Turkish army");
  EXPECT_EQ(R(d, e.target), "-");  // "fighters" is no agent word of agents.tsv
  EXPECT_EQ(Value(d, e.dead), 14);
  EXPECT_EQ(R(d, e.place), "Afrin");
}

TEST(EventsTest, EventInsideARelativeClauseFindsItsOwnSubject) {
  // The "where …," clause is an aside for triggers outside it, but the
  // clause of a trigger inside it.
  Document d = Events(
      "Residents fled the villages near Manbij, where the Kurdish fighters killed 9 militants, "
      "last week.");
  ExpectWellFormed(d);
  const EventRecord* kill = nullptr;
  for (const EventRecord& e : d.events)
    if (Text(d, e.trigger) == "killed") kill = &e;
  ASSERT_NE(kill, nullptr);
  EXPECT_EQ(R(d, kill->actor), "Kurdish fighters");
  EXPECT_EQ(R(d, kill->target), "militants");
  EXPECT_EQ(Value(d, kill->dead), 9);
}

TEST(EventsTest, OpeningGerundTakesTheMainClauseSubject) {
  Document d = Events(
      "By shelling the checkpoints of the Iraqi army near Mosul, the insurgents cut the road.");
  ExpectWellFormed(d);
  ASSERT_GE(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "shelling");
  EXPECT_STREQ(e.how[0], "subject of the main clause (gerund)");
  EXPECT_EQ(R(d, e.actor), "insurgents");
  EXPECT_EQ(R(d, e.target), "Iraqi army");
  // After the main clause, the gerund's subject is the one on its left.
  Document late = Events("Government troops entered Palmyra after shelling the ISIS positions for a week.");
  ExpectWellFormed(late);
  ASSERT_GE(late.events.size(), 1u);
  EXPECT_EQ(R(late, late.events.back().actor), "Government troops");
}

// A pronoun inside the opening gerund phrase points forward to the main
// clause's subject, not back to the noun before it.
TEST(EventsTest, PronounInAnOpeningGerundPhraseIsTheMainClauseSubject) {
  Document d = Events(
      "By keeping a militia enclave in the valley it occupies, Turkey can claim a role in the talks.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "occupies");
  EXPECT_EQ(R(d, e.actor), "Turkey");
  EXPECT_STREQ(e.how[0], "subject of the main clause (pronoun in a gerund phrase)");
}

// Adverbs (event_cues.tsv aux and adverb rows, "in fact" of two words) and
// a negation between "be" and the participle keep the passive.
TEST(EventsTest, PassiveWithAnAdverbOrNegationBeforeTheParticiple) {
  for (const char* text : {"Monitors doubt that the Hezbollah commanders were in fact killed.",
                           "Monitors doubt that the Hezbollah commanders were actually killed.",
                           "Monitors doubt that the Hezbollah commanders were ever killed.",
                           "The Hezbollah commanders were not killed."}) {
    Document d = Events(text);
    ExpectWellFormed(d);
    ASSERT_EQ(d.events.size(), 1u) << text;
    EXPECT_EQ(Text(d, d.events[0].trigger), "killed");
    EXPECT_EQ(R(d, d.events[0].target), "Hezbollah commanders") << text;
    EXPECT_STREQ(d.events[0].how[1], "passive subject");
    EXPECT_EQ(d.events[0].actor, -1) << text;
  }
}

// "released" is an event for people, not for information (info=none and
// the info nouns of event_cues.tsv).
TEST(EventsTest, ReleasingInformationIsNoEvent) {
  for (const char* text : {"The Pentagon has released no footage of the Hezbollah prisoners.",
                           "Hezbollah released a list of the Nusra Front fighters.",
                           "No details of the Nusra Front detainees were released by Hezbollah."}) {
    Document d = Events(text);
    ExpectWellFormed(d);
    for (const EventRecord& e : d.events) EXPECT_NE(e.plover, "RETREAT") << text;
  }
  // The "no" of "no footage of the raid" is the footage's: the raid stands.
  Document r = Events("The Pentagon released no footage of the raid on Hezbollah in Qusayr.");
  ExpectWellFormed(r);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_FALSE(r.events[0].negated);
  Document p = Events("Hezbollah released two Nusra Front fighters.");
  ExpectWellFormed(p);
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(p.events[0].plover, "RETREAT");
  EXPECT_EQ(R(p, p.events[0].actor), "Hezbollah");
  EXPECT_EQ(R(p, p.events[0].target), "Nusra Front fighters");
  EXPECT_STREQ(p.events[0].how[1], "object");
}

TEST(EventsTest, ObjectNamedAfterOfWhenTheHeadIsUnnamed) {
  Document d = Events("Russian jets struck positions of Jaish al-Islam in Douma on Monday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(R(d, d.events[0].target), "Jaish al-Islam");
  EXPECT_EQ(R(d, d.events[0].place), "Douma");
  // A capitalised word before "of" is a headline running on, not a head.
  Document h = Events("Jets Bomb Douma Market The head of the Syrian Civil Defence spoke.");
  for (const EventRecord& e : h.events) EXPECT_NE(R(h, e.target), "Syrian Civil Defence");
}

TEST(EventsTest, ParticipleWithoutAMainEventTakesTheClauseSubject) {
  Document d = Events("Turkish troops remain in northern Syria, occupying the border town of Jarablus.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "occupying");
  EXPECT_EQ(R(d, e.actor), "Turkish troops");
  EXPECT_STREQ(e.how[0], "subject of the main clause (participle)");
}

// "US-occupied", "US occupied" (also after a place preposition): the
// country is the occupier; a country modifying a hyphenated word is neither
// the subject nor the object of another verb.
TEST(EventsTest, CountryBeforeOccupiedIsTheOccupier) {
  Document d = Events("Fighters were drilled in the US-occupied districts near Tanf.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "occupied");
  EXPECT_EQ(R(d, d.events[0].actor), "US");
  EXPECT_STREQ(d.events[0].how[0], "subject");
  EXPECT_EQ(R(d, d.events[0].place), "Tanf");
  Document s = Events("The final pocket of the militants sits in US occupied land in Syria.");
  ExpectWellFormed(s);
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_EQ(R(s, s.events[0].actor), "US");
  EXPECT_EQ(R(s, s.events[0].place), "Syria");
  Document t = Events("Rebels shelled the Turkish-occupied town of Afrin.");
  ExpectWellFormed(t);
  ASSERT_EQ(t.events.size(), 2u);
  EXPECT_EQ(Text(t, t.events[0].trigger), "shelled");
  EXPECT_EQ(R(t, t.events[0].actor), "Rebels");
  EXPECT_EQ(R(t, t.events[0].target), "-");
  EXPECT_EQ(R(t, t.events[0].place), "Afrin");
  EXPECT_EQ(Text(t, t.events[1].trigger), "occupied");
  EXPECT_EQ(R(t, t.events[1].actor), "Turkish");
  Document p = Events("The U.S.-occupied town of Tanf was shelled.");
  ExpectWellFormed(p);
  ASSERT_EQ(p.events.size(), 2u);
  EXPECT_EQ(Text(p, p.events[1].trigger), "shelled");
  EXPECT_EQ(R(p, p.events[1].target), "-");
}

TEST(EventsTest, ACountryAfterInIsNoSubject) {
  Document d = Events("Hezbollah fighters stayed in Syria and attacked the rebels near Qusayr.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(R(d, d.events[0].actor), "Hezbollah fighters");
  EXPECT_EQ(R(d, d.events[0].target), "rebels");
}

TEST(EventsTest, EliminatedNeedsATarget) {
  Document d = Events("Once the threat in Raqqa has been reduced or eliminated, aid can return.");
  for (const EventRecord& e : d.events) EXPECT_NE(Text(d, e.trigger), "eliminated");
}

TEST(EventsTest, SanctionsThroughASupportVerb) {
  Document d = Events("The United States imposed sanctions on Syrian officials in April 2017.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(e.plover, "SANCTION");
  EXPECT_EQ(e.cameo, "163");
  EXPECT_EQ(e.acled, "");
  EXPECT_STREQ(e.how[0], "subject of support verb");
  EXPECT_EQ(d.mentions[e.actor].geo ? d.mentions[e.actor].geo->country : d.mentions[e.actor].actor->country, "US");
  EXPECT_EQ(R(d, e.target), "Syrian officials");
}

// "-led" glued to a country is a support verb whose subject is that
// country, or nothing: never a noun phrase further left ("civilians were
// killed in Russian-led raids").
TEST(EventsTest, HyphenatedLedTakesOnlyTheWordBeforeIt) {
  Document d = Events("Forty civilians were killed in US-led strikes on Raqqa. "
                      "Ten farmers were killed in coalition-led raids on Monday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(R(d, d.events[0].actor), "US");
  EXPECT_STREQ(d.events[0].how[0], "subject of support verb");
  EXPECT_EQ(d.events[1].actor, -1) << R(d, d.events[1].actor);
}

// A participle right after its noun, with no "be", is a reduced relative
// clause: the noun is the target, never the actor. With a by-phrase
// ("shells fired by ISIS militants") the agent is the actor; a kill verb
// before a preposition ("civilians killed in strikes by …") is passive too.
TEST(EventsTest, ReducedRelativeIsPassive) {
  Document d = Events("Twelve civilians killed in air strikes by Russian jets near Saraqib were buried on Sunday. "
                      "Four teachers were wounded when two mortar shells fired by ISIS militants landed on a school in Deir Ezzor. "
                      "Rebels killed 20 soldiers in Hama.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 3u);
  const EventRecord& strikes = d.events[0];
  EXPECT_EQ(Text(d, strikes.trigger), "air strikes");
  EXPECT_EQ(R(d, strikes.actor), "Russian jets");
  EXPECT_STREQ(strikes.how[0], "by-phrase");
  EXPECT_EQ(R(d, strikes.target), "civilians");
  EXPECT_STREQ(strikes.how[1], "passive subject");
  EXPECT_EQ(R(d, strikes.place), "Saraqib");
  const EventRecord& fired = d.events[1];
  EXPECT_EQ(Text(d, fired.trigger), "fired");
  EXPECT_EQ(R(d, fired.actor), "ISIS militants");
  EXPECT_EQ(fired.target, -1) << R(d, fired.target);  // "shells" is no mention; never the teachers
  // An active kill keeps its subject and object.
  EXPECT_EQ(R(d, d.events[2].actor), "Rebels");
  EXPECT_EQ(R(d, d.events[2].target), "soldiers");
  // A kill/wound verb right after a count describes the victims: the
  // civilians left dead are no actor of the strikes.
  Document c = Events("Three days of airstrikes on Raqqa left 12 civilians dead and another 30 wounded, the monitor said.");
  ExpectWellFormed(c);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].actor, -1) << R(c, c.events[0].actor);
  EXPECT_EQ(Value(c, c.events[0].dead), 12);
  EXPECT_EQ(Value(c, c.events[0].injured), 30);
}

// "X were among those killed in …": X is the target of the event.
TEST(EventsTest, AmongTheVictims) {
  Document d = Events("Six children were among those killed in the air raids on Raqqa. "
                      "At least 12 civilians were among the 40 people killed in the bombing in Homs.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "air raids");
  EXPECT_EQ(R(d, d.events[0].target), "children");
  EXPECT_STREQ(d.events[0].how[1], "among the victims");
  EXPECT_EQ(d.events[0].actor, -1) << R(d, d.events[0].actor);
  EXPECT_EQ(R(d, d.events[1].target), "civilians");
  EXPECT_EQ(R(d, d.events[1].place), "Homs");
}

// A verb coordinated with a passive one is passive ("were rounded up and
// executed by"); an adverb in -ly stands between "be" and the participle;
// a group named "IS" is no form of "be".
TEST(EventsTest, PassiveAcrossCoordinationAndAdverbs) {
  Document d = Events("Twenty prisoners were rounded up and executed by the militia in Palmyra on Monday. "
                      "The town of Kafr Nabl is regularly bombarded by Syrian jets.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_EQ(Text(d, d.events[1].trigger), "executed");
  EXPECT_EQ(R(d, d.events[1].actor), "militia");
  EXPECT_EQ(R(d, d.events[1].target), "prisoners");
  EXPECT_EQ(Text(d, d.events[2].trigger), "bombarded");
  EXPECT_EQ(R(d, d.events[2].actor), "Syrian jets");
  EXPECT_STREQ(d.events[2].how[0], "by-phrase");
}

// "clashes between X and Y": X is the actor, Y the target; a party that is
// not named right there leaves its role empty.
TEST(EventsTest, ClashesBetweenTwoParties) {
  Document d = Events("Clashes between ISIS and the SDF near Raqqa left 15 dead and 30 wounded on Friday. "
                      "Heavy fighting broke out between the village elders and Hezbollah in Qusayr.");
  ExpectWellFormed(d);
  ASSERT_GE(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "Clashes");
  EXPECT_EQ(R(d, e.actor), "ISIS");
  EXPECT_STREQ(e.how[0], "between");
  EXPECT_EQ(R(d, e.target), "SDF");
  EXPECT_EQ(R(d, e.place), "Raqqa");
  EXPECT_EQ(Value(d, e.dead), 15);
  EXPECT_EQ(Value(d, e.injured), 30);
  for (const EventRecord& o : d.events) {
    if (Text(d, o.trigger) == "fighting") {
      EXPECT_EQ(o.actor, -1) << R(d, o.actor);
    }
  }
  // Three words after "between the": a named modifier before the agent.
  Document t = Events("Clashes broke out between the Shaitat tribesmen and ISIS near Mayadin.");
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(R(t, t.events[0].actor), "tribesmen");
  EXPECT_EQ(R(t, t.events[0].target), "ISIS");
}

TEST(EventsTest, AbductionOfCivilians) {
  Document d = Events("ISIS kidnapped 30 Yazidi women in Sinjar in August 2014.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].mode, "abduct");
  EXPECT_EQ(d.events[0].cameo, "181");
  EXPECT_EQ(d.events[0].acled, "Violence against civilians");
  EXPECT_EQ(d.events[0].acled_sub, "Abduction/forced disappearance");
  EXPECT_EQ(R(d, d.events[0].place), "Sinjar");
}

TEST(EventsTest, CiviliansMakeItViolenceAgainstCivilians) {
  Document d = Events("ISIS's attack on Kobani killed 40 civilians and wounded 70.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "attack");
  EXPECT_EQ(R(d, e.actor), "ISIS");
  EXPECT_EQ(R(d, e.target), "civilians");
  EXPECT_EQ(e.acled, "Violence against civilians");
  EXPECT_EQ(e.acled_sub, "Attack");
  EXPECT_EQ(Value(d, e.dead), 40);
  EXPECT_EQ(Value(d, e.injured), 70);
}

// ---- the non-violent types of wire news -------------------------------------

TEST(EventsCooperationTest, SupportCooperateAndConcede) {
  Document d = Events(
      "The German government welcomed the plan on Monday. "
      "Japan held joint military exercises with the Philippines on Tuesday. "
      "Colombia extradited a drug lord to the United States on Wednesday. "
      "The Israeli government apologized to Egypt for the death of three soldiers. "
      "The Sudanese army lifted the curfew in Khartoum on Saturday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 5u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "welcomed");
  EXPECT_EQ(d.events[0].plover, "SUPPORT");
  EXPECT_EQ(d.events[0].cameo, "051");
  EXPECT_EQ(R(d, d.events[0].actor), "German government");
  EXPECT_EQ(Text(d, d.events[1].trigger), "joint military exercises");
  EXPECT_EQ(d.events[1].plover, "COOPERATE");
  EXPECT_EQ(d.events[1].cameo, "062");
  EXPECT_EQ(R(d, d.events[1].actor), "Japan");
  EXPECT_EQ(R(d, d.events[1].target), "Philippines");
  EXPECT_EQ(Text(d, d.events[2].trigger), "extradited");
  EXPECT_EQ(d.events[2].plover, "COOPERATE");
  EXPECT_EQ(d.events[2].cameo, "063");
  EXPECT_EQ(R(d, d.events[2].actor), "Colombia");
  EXPECT_EQ(R(d, d.events[2].target), "United States");
  EXPECT_EQ(d.events[3].plover, "CONCEDE");
  EXPECT_EQ(d.events[3].cameo, "055");
  EXPECT_EQ(R(d, d.events[3].actor), "Israeli government");
  EXPECT_EQ(R(d, d.events[3].target), "Egypt");
  EXPECT_EQ(Text(d, d.events[4].trigger), "lifted the curfew");
  EXPECT_EQ(d.events[4].plover, "CONCEDE");
  EXPECT_EQ(d.events[4].cameo, "081");
  EXPECT_EQ(R(d, d.events[4].actor), "Sudanese army");
  EXPECT_EQ(R(d, d.events[4].place), "Khartoum");
}

TEST(EventsCooperationTest, HailsFromIsNoPraise) {
  Document d = Events("The new Syrian commander hails from a village near Aleppo.");
  EXPECT_TRUE(d.events.empty());
}

TEST(EventsUnrestTest, TearGasIsCrowdControlAndRiotPoliceNoRiot) {
  Document d = Events("Riot police fired tear gas at students in Dhaka on Sunday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(Text(d, e.trigger), "tear gas");
  EXPECT_EQ(e.plover, "ASSAULT");
  EXPECT_EQ(e.mode, "crowd-control");
  EXPECT_EQ(e.cameo, "175");
  EXPECT_EQ(e.acled, "Protests");
  EXPECT_EQ(e.acled_sub, "Protest with intervention");
  EXPECT_EQ(R(d, e.place), "Dhaka");
}

TEST(EventsUnrestTest, AnUnnamedCrowdProtestsAndTalksBetweenTwoParties) {
  Document d = Events(
      "Hundreds of farmers protested in New Delhi against the new laws. "
      "Qatar hosted talks between the Taliban and the United States in Doha.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "protested");
  EXPECT_EQ(d.events[0].plover, "PROTEST");
  EXPECT_EQ(d.events[0].actor, -1);
  EXPECT_EQ(R(d, d.events[0].place), "New Delhi");
  EXPECT_EQ(Text(d, d.events[1].trigger), "talks");
  EXPECT_EQ(d.events[1].plover, "CONSULT");
  EXPECT_EQ(R(d, d.events[1].actor), "Taliban");
  EXPECT_EQ(R(d, d.events[1].target), "United States");
  EXPECT_EQ(R(d, d.events[1].place), "Doha");
}

// The mediator is the actor of the mediation; the parties "between" are the
// actor and target of the truce.
TEST(EventsCooperationTest, MediatedATruceBetweenTwoParties) {
  Document d = Events("Egypt mediated a truce between Israel and Hamas on Sunday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "mediated");
  EXPECT_EQ(d.events[0].plover, "CONSULT");
  EXPECT_EQ(d.events[0].cameo, "045");
  EXPECT_EQ(R(d, d.events[0].actor), "Egypt");
  EXPECT_EQ(Text(d, d.events[1].trigger), "truce");
  EXPECT_EQ(d.events[1].plover, "AGREE");
  EXPECT_EQ(R(d, d.events[1].actor), "Israel");
  EXPECT_EQ(R(d, d.events[1].target), "Hamas");
}

TEST(EventsUnrestTest, CurfewStreetsAndBoycott) {
  Document d = Events(
      "The government imposed a curfew in Addis Ababa on Monday. "
      "Hundreds of protesters took to the streets of Nairobi on Tuesday. "
      "The opposition boycotted the vote in Kampala on Friday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "curfew");
  EXPECT_EQ(d.events[0].plover, "COERCE");
  EXPECT_EQ(d.events[0].cameo, "172");
  EXPECT_EQ(R(d, d.events[0].actor), "government");
  EXPECT_EQ(R(d, d.events[0].place), "Addis Ababa");
  EXPECT_EQ(Text(d, d.events[1].trigger), "took to the streets");
  EXPECT_EQ(d.events[1].plover, "PROTEST");
  EXPECT_EQ(R(d, d.events[1].actor), "protesters");
  EXPECT_EQ(R(d, d.events[1].place), "Nairobi");
  EXPECT_EQ(Text(d, d.events[2].trigger), "boycotted");
  EXPECT_EQ(d.events[2].plover, "PROTEST");
  EXPECT_EQ(d.events[2].cameo, "143");
  EXPECT_EQ(R(d, d.events[2].place), "Kampala");
}

TEST(EventsUnrestTest, SentencedDeportedTorchedMassedPulledBack) {
  Document d = Events(
      "A court in Tehran sentenced two Swedish journalists to prison on Monday. "
      "Germany deported 28 Afghan men to Kabul on Friday. "
      "Settlers torched a Palestinian house in Hebron on Sunday. "
      "Russia massed troops on the border in November. "
      "The Malian army pulled back from Kidal on Tuesday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 5u);
  EXPECT_EQ(d.events[0].pattern, "jail:verb");
  EXPECT_EQ(d.events[0].plover, "COERCE");
  EXPECT_EQ(d.events[0].cameo, "173");
  EXPECT_EQ(R(d, d.events[0].target), "Swedish journalists");
  EXPECT_EQ(R(d, d.events[0].place), "Tehran");
  EXPECT_EQ(d.events[1].cameo, "174");
  EXPECT_EQ(R(d, d.events[1].actor), "Germany");
  EXPECT_EQ(R(d, d.events[1].place), "Kabul");
  EXPECT_EQ(Text(d, d.events[2].trigger), "torched");
  EXPECT_EQ(d.events[2].mode, "destroy");
  EXPECT_EQ(R(d, d.events[2].place), "Hebron");
  EXPECT_EQ(Text(d, d.events[3].trigger), "massed");
  EXPECT_EQ(d.events[3].plover, "MOBILIZE");
  EXPECT_EQ(R(d, d.events[3].actor), "Russia");
  EXPECT_EQ(Text(d, d.events[4].trigger), "pulled back");
  EXPECT_EQ(d.events[4].plover, "RETREAT");
  EXPECT_EQ(R(d, d.events[4].actor), "Malian army");
  EXPECT_EQ(R(d, d.events[4].place), "Kidal");
}

// A participle between an article and its noun is an adjective: the town
// is besieged, the leaders detained, but the sentence reports neither.
TEST(EventsUnrestTest, AParticipleAfterAnArticleIsNoEvent) {
  Document d = Events(
      "The United Nations called on Myanmar to release the detained leaders. "
      "Aid reached the besieged town of Madaya on Monday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "called on");
  EXPECT_EQ(d.events[0].plover, "REQUEST");
  Document v = Events("Government forces besieged the town of Madaya on Monday.");
  ASSERT_EQ(v.events.size(), 1u);
  EXPECT_EQ(Text(v, v.events[0].trigger), "besieged");
  // So is one before a place after an article or a preposition ("the
  // occupied West Bank", "in besieged Aleppo"): the killing is the event.
  Document p = Events("In the occupied West Bank, troops killed three people. "
                      "Families in besieged Aleppo ran out of bread.");
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(Text(p, p.events[0].trigger), "killed");
  EXPECT_EQ(R(p, p.events[0].place), "West Bank");
}

// A verb right after "and" shares the subject of the verb before it, not
// the nearest mention; with an object between them they are two acts.
TEST(EventsUnrestTest, ACoordinatedVerbSharesTheSubject) {
  Document d = Events(
      "Turkish police raided the offices of an opposition newspaper in Istanbul and detained "
      "nine staff on Monday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "raided");
  EXPECT_EQ(Text(d, d.events[1].trigger), "detained");
  EXPECT_EQ(d.events[1].plover, "COERCE");
  EXPECT_EQ(R(d, d.events[1].actor), "Turkish police");
  EXPECT_STREQ(d.events[1].how[0], "subject of the verb before \"and\"");
  Document k = Events(
      "The coalition killed two ISIS commanders near Raqqa and captured one of their deputies "
      "on Monday.");
  ExpectWellFormed(k);
  ASSERT_EQ(k.events.size(), 2u);
  EXPECT_EQ(Text(k, k.events[0].trigger), "killed");
  EXPECT_EQ(Text(k, k.events[1].trigger), "captured");
  EXPECT_EQ(R(k, k.events[1].actor), "coalition");
  Document h = Events("ISIS fighters planned to attack the base near Raqqa and capture it.");
  ASSERT_FALSE(h.events.empty());
  for (const EventRecord& e : h.events) EXPECT_TRUE(e.hypothetical) << Text(h, e.trigger);
}

// "fired" names its weapon as its object; what fills it names it better.
TEST(EventsUnrestTest, FiredTakesTheWeaponAfterIt) {
  Document d = Events("North Korea fired two ballistic missiles into the sea on Thursday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].mode, "heavy-weapons");
  EXPECT_EQ(d.events[0].cameo, "194");
  Document g = Events("ISIS fired rockets filled with chlorine at Kurdish fighters near Hasakah on Monday.");
  ASSERT_EQ(g.events.size(), 1u);
  EXPECT_EQ(g.events[0].mode, "unconventional");
  EXPECT_EQ(g.events[0].cameo, "2041");
  Document f = Events("Gunmen fired at a police patrol in Peshawar on Friday.");
  ASSERT_EQ(f.events.size(), 1u);
  EXPECT_EQ(f.events[0].mode, "firearms");
}

TEST(EventsCooperationTest, PhoneCallsAndSeveredTies) {
  Document d = Events(
      "President Biden spoke by phone with Turkish President Erdogan on Friday. "
      "Morocco severed diplomatic ties with Iran on Tuesday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "spoke by phone with");
  EXPECT_EQ(d.events[0].plover, "CONSULT");
  EXPECT_EQ(R(d, d.events[0].actor), "Biden");
  EXPECT_EQ(R(d, d.events[0].target), "Erdogan");
  EXPECT_EQ(d.events[1].plover, "SANCTION");
  EXPECT_EQ(d.events[1].cameo, "161");
  EXPECT_EQ(R(d, d.events[1].actor), "Morocco");
  EXPECT_EQ(R(d, d.events[1].target), "Iran");
}

TEST(EventsUnrestTest, ExchangedFireIsAClash) {
  Document d = Events("Armenian and Azerbaijani forces exchanged fire along the border on Monday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "exchanged fire");
  EXPECT_EQ(d.events[0].pattern, "clash:verb");
  EXPECT_EQ(d.events[0].cameo, "193");
}

TEST(EventsUnrestTest, RalliedAndDemonstratedWithACrowdAndNoObject) {
  Document d = Events(
      "Thousands of farmers rallied in Quito on Monday against fuel prices. "
      "Hundreds of nurses demonstrated outside the parliament in Sofia. "
      "Shares rallied in Frankfurt on Monday. "
      "Chile demonstrated its new radar in Santiago. "
      "Daesh has rallied in the desert near Palmyra since the year began.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "rallied");
  EXPECT_EQ(d.events[0].plover, "PROTEST");
  EXPECT_EQ(R(d, d.events[0].place), "Quito");
  EXPECT_EQ(Text(d, d.events[1].trigger), "demonstrated");
  EXPECT_EQ(d.events[1].cameo, "141");
  EXPECT_EQ(R(d, d.events[1].place), "Sofia");
}

TEST(EventsUnrestTest, APoliceRaidOnUnarmedPeopleIsCoercion) {
  Document d = Events(
      "Georgian police raided the offices of an opposition television channel in Tbilisi. "
      "Police raided a militant hideout in Quetta, killing four gunmen.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "raided");
  EXPECT_EQ(d.events[0].plover, "COERCE");
  EXPECT_EQ(d.events[0].cameo, "171");
  EXPECT_EQ(d.events[1].plover, "ASSAULT");
  EXPECT_EQ(Value(d, d.events[1].dead), 4);
}

TEST(EventsUnrestTest, AStrikeByWorkersIsCameo143) {
  Document d = Events("Thousands of dockers went on strike in Antwerp on Monday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "went on strike");
  EXPECT_EQ(d.events[0].pattern, "work_strike:verb");
  EXPECT_EQ(d.events[0].plover, "PROTEST");
  EXPECT_EQ(d.events[0].cameo, "143");
  EXPECT_EQ(R(d, d.events[0].place), "Antwerp");
}

TEST(EventsUnrestTest, CrowdClashingWithPoliceIsARiotAndSharesThePlace) {
  Document d = Events(
      "In Dhaka, supporters of the detained opposition leader marched on parliament and "
      "clashed with riot police, who arrested more than 90 people.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "marched");
  EXPECT_EQ(Text(d, d.events[1].trigger), "clashed");
  EXPECT_EQ(d.events[1].plover, "PROTEST");
  EXPECT_EQ(d.events[1].cameo, "145");
  EXPECT_EQ(d.events[1].acled, "Riots");
  EXPECT_EQ(R(d, d.events[1].target), "police");
  EXPECT_EQ(R(d, d.events[1].place), "Dhaka");
  EXPECT_STREQ(d.events[1].how[2], "place of the verb before \"and\"");
  EXPECT_EQ(Text(d, d.events[2].trigger), "arrested");
  EXPECT_EQ(R(d, d.events[2].actor), "police");
  EXPECT_EQ(R(d, d.events[2].place), "Dhaka");
  EXPECT_STREQ(d.events[2].how[2], "place opening the sentence");
  // "the detained opposition leader": an adjective, no arrest.
  for (const auto& e : d.events) EXPECT_NE(Text(d, e.trigger), "detained");
  // An armed party on the other side keeps the armed clash.
  Document g = Events("Police clashed with gunmen in Lagos on Friday.");
  ASSERT_EQ(g.events.size(), 1u);
  EXPECT_EQ(g.events[0].plover, "ASSAULT");
  EXPECT_EQ(g.events[0].cameo, "193");
}

TEST(EventsCooperationTest, PledgedAidHasTheDonorAndTheRecipient) {
  Document d = Events(
      "Norway pledged 20 million euros in humanitarian aid to Yemen on Monday. "
      "Japan provided $10 million in emergency aid for Haiti.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "humanitarian aid");
  EXPECT_EQ(d.events[0].plover, "AID");
  EXPECT_EQ(d.events[0].cameo, "033");
  EXPECT_EQ(R(d, d.events[0].actor), "Norway");
  EXPECT_EQ(R(d, d.events[0].target), "Yemen");
  EXPECT_EQ(Text(d, d.events[1].trigger), "emergency aid");
  EXPECT_EQ(d.events[1].cameo, "073");
  EXPECT_EQ(R(d, d.events[1].actor), "Japan");
  EXPECT_EQ(R(d, d.events[1].target), "Haiti");
}

TEST(EventsCooperationTest, SuspendingAidIsASanction) {
  Document d = Events(
      "Sweden suspended military aid to Mali on Friday. "
      "Ottawa suspended talks with Beijing on Monday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "military aid");
  EXPECT_EQ(d.events[0].plover, "SANCTION");
  EXPECT_EQ(d.events[0].cameo, "162");
  EXPECT_EQ(R(d, d.events[0].actor), "Sweden");
  EXPECT_EQ(R(d, d.events[0].target), "Mali");
}

TEST(EventsCooperationTest, FrozenAssetsAndJointDrillsOfTwoStates) {
  Document d = Events(
      "Canada froze the assets of three Belarusian officials. "
      "Egypt and Greece held joint naval drills in the Mediterranean on Tuesday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].plover, "SANCTION");
  EXPECT_EQ(R(d, d.events[0].actor), "Canada");
  EXPECT_EQ(R(d, d.events[0].target), "Belarusian officials");
  EXPECT_EQ(Text(d, d.events[1].trigger), "joint naval drills");
  EXPECT_EQ(d.events[1].plover, "COOPERATE");
  EXPECT_EQ(R(d, d.events[1].actor), "Egypt");
  EXPECT_EQ(R(d, d.events[1].target), "Greece");
}

TEST(EventsUnrestTest, AWeaponsTestIsAShowOfForceNotAnAttack) {
  Document d = Events("North Korea test-fired two cruise missiles on Sunday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "test-fired");
  EXPECT_EQ(d.events[0].plover, "MOBILIZE");
  EXPECT_EQ(d.events[0].cameo, "150");
  EXPECT_EQ(R(d, d.events[0].actor), "North Korea");
}

TEST(EventsCooperationTest, SanctionsOnFirmsAccusedOfSupplying) {
  Document d = Events(
      "Britain imposed sanctions on four Turkish firms accused of shipping arms to Libya.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].plover, "SANCTION");
  EXPECT_EQ(R(d, d.events[0].actor), "Britain");
  EXPECT_EQ(R(d, d.events[0].target), "Turkish firms");
  // "to Libya" is where the arms went, not where the sanctions were.
  EXPECT_EQ(d.events[0].place, -1);
}

// The mention after a preposition is looked for up to the next preposition
// ("over its arms sales to Taiwan" is no place of the criticism); "for"
// names the place fought for.
TEST(EventsRolesTest, APrepositionalPhraseEndsAtTheNextPreposition) {
  Document d = Events(
      "China criticised Australia over its arms sales to Taiwan. "
      "Fighting for Mosul killed 40 fighters on Monday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].plover, "ACCUSE");
  EXPECT_EQ(R(d, d.events[0].target), "Australia");
  EXPECT_EQ(d.events[0].place, -1);
  EXPECT_EQ(R(d, d.events[1].place), "Mosul");
  EXPECT_EQ(Value(d, d.events[1].dead), 40);
}

TEST(EventsRolesTest, AWordInsideANameIsNoPreposition) {
  Document d = Events(
      "Three men were shot dead by police in the capital, the Uganda Commission on Human Rights said.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(R(d, d.events[0].actor), "police");
  EXPECT_EQ(d.events[0].target, -1);
  EXPECT_EQ(Value(d, d.events[0].dead), 3);
}

TEST(EventsRolesTest, GangsAreArmedActors) {
  Document d = Events("Haitian gangs attacked a prison in Port-au-Prince on Sunday.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(R(d, d.events[0].actor), "Haitian gangs");
  const Mention& a = d.mentions[d.events[0].actor];
  ASSERT_TRUE(a.actor);
  EXPECT_EQ(a.actor->country, "HT");
  EXPECT_EQ(a.actor->sectors, std::vector<std::string>{"UAF"});
}

TEST(EventsTriggerTest, OccupiedAfterAVerbIsAnAdjective) {
  Document d = Events("Ukrainian drones struck occupied Crimea overnight.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "struck");
  EXPECT_EQ(d.events[0].mode, "drone");
  EXPECT_EQ(R(d, d.events[0].place), "Crimea");
}

// ---- modality ---------------------------------------------------------------

TEST(EventsModalityTest, NegatedVerb) {
  Document d = Events("Russian jets did not attack Idlib.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_TRUE(d.events[0].negated);
  EXPECT_FALSE(d.events[0].hypothetical);
  EXPECT_EQ(d.events[0].modality, "negated");
}

TEST(EventsModalityTest, DeniedEventIsNegatedAndTheDenialIsAnEvent) {
  Document d = Events("Moscow denied that its warplanes bombed the market in Idlib.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].plover, "REJECT");
  EXPECT_FALSE(d.events[0].negated);
  EXPECT_EQ(Text(d, d.events[1].trigger), "bombed");
  EXPECT_TRUE(d.events[1].negated);
  EXPECT_EQ(R(d, d.events[1].place), "Idlib");
}

// What a threat, demand or accusation names is its content, not an event
// the author asserts (PLOVER/CAMEO coders code the verbal event only).
TEST(EventsModalityTest, ThreatenedAttackIsContentOfTheThreat) {
  Document d = Events("Turkey threatened to attack the SDF in Manbij.", true);
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].plover, "THREATEN");
  EXPECT_EQ(d.events[0].modality, "asserted");
  EXPECT_EQ(R(d, d.events[0].actor), "Turkey");
  EXPECT_EQ(R(d, d.events[0].target), "SDF");
  ASSERT_EQ(d.events_rejected.size(), 1u);
  EXPECT_EQ(Text(d, d.events_rejected[0].trigger), "attack");
  std::string why;
  for (const auto& l : d.events_rejected[0].evidence) why += l + "\n";
  EXPECT_NE(why.find("dropped: reported by \"threatened\" (content=report)"), std::string::npos) << why;
}

TEST(EventsModalityTest, AccusationsAndDemandsReportTheirContent) {
  struct Case {
    const char* text;
    const char* trigger;
    const char* plover;
    const char* actor;
    const char* target;
  } cases[] = {
      {"Pakistan accused India of shelling villages in Kashmir.", "accused", "ACCUSE", "Pakistan", "India"},
      {"Nigeria urged Chad to withdraw its troops from the border.", "urged", "REQUEST", "Nigeria", "Chad"},
      {"The African Union called for a ceasefire in Sudan.", "called for", "REQUEST", "African Union", "-"},
      {"Eritrea refused to release the prisoners held in Asmara.", "refused", "REJECT", "Eritrea", "-"},
      {"Ukraine accused Russia of shelling and bombing the city of Kharkiv.", "accused", "ACCUSE",
       "Ukraine", "Russia"},
  };
  for (const Case& k : cases) {
    Document d = Events(k.text);
    ExpectWellFormed(d);
    ASSERT_EQ(d.events.size(), 1u) << k.text;
    EXPECT_EQ(Text(d, d.events[0].trigger), k.trigger) << k.text;
    EXPECT_EQ(d.events[0].plover, k.plover) << k.text;
    EXPECT_EQ(R(d, d.events[0].actor), k.actor) << k.text;
    EXPECT_EQ(R(d, d.events[0].target), k.target) << k.text;
  }
}

// The complement ends at a subordinate word, a comma or a new finite verb;
// a definite event noun happened (the blame is about who did it), and what
// is condemned happened too.
TEST(EventsModalityTest, EventsOutsideTheComplementOrPresupposedStay) {
  Document a = Events("Kenya accused Somalia after militants attacked a base in Lamu.");
  ExpectWellFormed(a);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].plover, "ACCUSE");
  EXPECT_EQ(Text(a, a.events[1].trigger), "attacked");
  EXPECT_EQ(R(a, a.events[1].place), "Lamu");
  Document b = Events("Kabul blamed the Taliban for the bombing of a mosque in Kunduz.");
  ExpectWellFormed(b);
  ASSERT_EQ(b.events.size(), 2u);
  EXPECT_EQ(b.events[0].plover, "ACCUSE");
  EXPECT_EQ(b.events[1].plover, "ASSAULT");
  EXPECT_EQ(Text(b, b.events[1].trigger), "bombing");
  EXPECT_EQ(R(b, b.events[1].place), "Kunduz");
  Document c = Events("The United Nations condemned the shelling of a hospital in Marib.");
  ExpectWellFormed(c);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].plover, "ACCUSE");
  EXPECT_EQ(c.events[0].cameo, "111");
  EXPECT_EQ(c.events[1].plover, "ASSAULT");
  EXPECT_EQ(R(c, c.events[1].place), "Marib");
  // A denial keeps the denied event, negated.
  Document n = Events("Hamas denied carrying out the rocket attack on Sderot.");
  ExpectWellFormed(n);
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(n.events[0].plover, "REJECT");
  EXPECT_TRUE(n.events[1].negated);
}

TEST(EventsModalityTest, AskedToIsARequestAndADatedEventHappened) {
  Document d = Events(
      "Mali asked Algeria to close its border with Niger. "
      "When asked about the talks, Tunisia declined to comment. "
      "France asked the European Union to approve sanctions over a March 3 missile attack on Odesa.", true);
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "asked");
  EXPECT_EQ(d.events[0].plover, "REQUEST");
  EXPECT_EQ(R(d, d.events[0].actor), "Mali");
  EXPECT_EQ(R(d, d.events[0].target), "Algeria");
  EXPECT_EQ(Text(d, d.events[1].trigger), "asked");
  EXPECT_EQ(d.events[1].sentence, 2);
  // The sanctions asked for are its content; the dated attack happened.
  EXPECT_EQ(Text(d, d.events[2].trigger), "missile attack");
  EXPECT_EQ(DateOf(d, d.events[2].date), "2017-03-03");
  EXPECT_EQ(R(d, d.events[2].place), "Odesa");
}

TEST(EventsModalityTest, HeldConsultationsIsOneAct) {
  Document d = Events(
      "Japan and South Korea held consultations in Seoul. "
      "Ukraine requested air defence systems from Germany.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "consultations");
  EXPECT_EQ(d.events[0].plover, "CONSULT");
  EXPECT_EQ(d.events[0].modality, "asserted");
  EXPECT_EQ(R(d, d.events[0].actor), "Japan");
  EXPECT_EQ(R(d, d.events[0].target), "South Korea");
  EXPECT_EQ(d.events[1].plover, "REQUEST");
  EXPECT_EQ(R(d, d.events[1].target), "Germany");
  EXPECT_EQ(d.events[1].place, -1);
}

TEST(EventsModalityTest, ModalAndConditional) {
  Document d = Events("Ankara could launch an offensive against the YPG in Afrin.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].modality, "conditional");
  EXPECT_TRUE(d.events[0].hypothetical);
  EXPECT_EQ(R(d, d.events[0].actor), "Ankara");
  Document d2 = Events("If the SDF attacks Afrin again, Turkey will respond.");
  ASSERT_EQ(d2.events.size(), 1u);
  EXPECT_EQ(d2.events[0].modality, "conditional");
}

TEST(EventsModalityTest, QuestionAndGeneric) {
  Document q = Events("Did Russian jets bomb the hospital in Idlib?");
  ASSERT_EQ(q.events.size(), 1u);
  EXPECT_EQ(q.events[0].modality, "question");
  EXPECT_FALSE(q.events[0].hypothetical);
  Document g = Events("US airstrikes often kill civilians in Syria.");
  ASSERT_EQ(g.events.size(), 1u);
  EXPECT_EQ(g.events[0].modality, "generic");
}

// A bare plural that a past verb reports as happening is no general
// statement, even with no date or count in the sentence.
TEST(EventsModalityTest, ClashesBrokeOutIsAsserted) {
  Document d = Events("Clashes broke out between the army and rebels near Goma.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(Text(d, d.events[0].trigger), "Clashes");
  EXPECT_EQ(d.events[0].modality, "asserted");
  EXPECT_EQ(R(d, d.events[0].place), "Goma");
  Document g = Events("Clashes between the army and rebels near Goma kill civilians.");
  ASSERT_EQ(g.events.size(), 1u);
  EXPECT_EQ(g.events[0].modality, "generic");
}

// A named subject and a past support verb report one act.
TEST(EventsModalityTest, ImposedSanctionsIsAsserted) {
  Document d = Events("China imposed sanctions on U.S. defense firms over arms sales to Taiwan.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].plover, "SANCTION");
  EXPECT_EQ(R(d, d.events[0].actor), "China");
  EXPECT_EQ(d.events[0].modality, "asserted");
  Document g = Events("Russia carries out airstrikes on rebel areas.");
  ASSERT_EQ(g.events.size(), 1u);
  EXPECT_EQ(g.events[0].modality, "generic");
}

// ---- voice and repeated mentions ----------------------------------------------

TEST(EventsVoiceTest, AttributedEventCarriesItsSource) {
  Document d = Events(
      "According to the Syrian Observatory for Human Rights, coalition airstrikes killed 20 "
      "civilians in Hajin.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].voice, "attributed");
  EXPECT_EQ(R(d, d.events[0].source), "Syrian Observatory for Human Rights");
  EXPECT_EQ(Value(d, d.events[0].dead), 20);
  EXPECT_EQ(R(d, d.events[0].place), "Hajin");
}

TEST(EventsVoiceTest, TheReportingFrameIsTheAuthors) {
  Document d = Events("Russian warplanes bombed a hospital in Idlib, the Syrian Foreign Ministry said.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].voice, "attributed");
  EXPECT_EQ(R(d, d.events[0].source), "Syrian Foreign Ministry");
}

TEST(EventsCorefTest, TheStrikeRepeatsTheEarlierOne) {
  Document d = Events("Coalition jets struck Hajin on Monday. The strike on Hajin killed 12 civilians.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[1].same_as, 0);
  EXPECT_EQ(Value(d, d.events[1].dead), 12);
}

// "it" after a named agent opening its own sentence is that agent: a new
// event, not the one before told on.
TEST(EventsCorefTest, ItAfterANamedSubjectIsANewEvent) {
  Document d = Events(
      "Israeli forces shot dead a Palestinian man near Nablus on Monday. "
      "The Pakistani army said it had killed 11 militants in North Waziristan.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].dead, -1);
  EXPECT_EQ(d.events[0].target, -1);
  EXPECT_EQ(Text(d, d.events[1].trigger), "killed");
  EXPECT_EQ(R(d, d.events[1].actor), "Pakistani army");
  EXPECT_EQ(R(d, d.events[1].target), "militants");
  EXPECT_EQ(Value(d, d.events[1].dead), 11);
}

TEST(EventsCorefTest, ItKilledCompletesTheEventBefore) {
  Document d = Events(
      "The coalition airstrike of 17 September 2016 struck a Syrian army position in the Thardeh "
      "mountains. It killed 83 Syrian soldiers.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u);
  const EventRecord& e = d.events[0];
  EXPECT_EQ(DateOf(d, e.date), "2016-09-17");
  EXPECT_EQ(Value(d, e.dead), 83);
  EXPECT_EQ(d.mentions[e.dead].sentence, 1);
}

TEST(EventsCorefTest, TheRaidConfirmedBySomeoneRepeatsTheRaidWithItsOwnVoice) {
  Document d = Events(
      "US special forces raided a village near Hajin on Monday. Colonel John Dorrian, a coalition "
      "spokesman, confirmed that the raid took place.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(Text(d, d.events[1].trigger), "raid");
  EXPECT_EQ(d.events[1].same_as, 0);
  EXPECT_EQ(d.events[1].voice, "attributed");
  EXPECT_EQ(R(d, d.events[1].source), "John Dorrian");
  EXPECT_EQ(d.events[0].voice, "author");
  // With no earlier raid, "the raid" alone is no event.
  EXPECT_TRUE(Events("Colonel John Dorrian confirmed that the raid took place.").events.empty());
}

// The dead of an event told as parts ("12 civilians and five fighters")
// are compared as their sum.
TEST(EventsCorefTest, CasualtiesToldInPartsMatchTheirSum) {
  Document d = Events(
      "Russian airstrikes killed 12 civilians and five fighters in Idlib on Monday. "
      "The strikes on Idlib killed 17 people, a monitor said.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].dead_also.size(), 1u);
  EXPECT_EQ(Value(d, d.events[1].dead), 17);
  EXPECT_EQ(d.events[1].same_as, 0);
  Document e = Events(
      "Russian airstrikes killed 12 civilians and five fighters in Idlib on Monday. "
      "The strikes on Idlib killed 12 people, a monitor said.");
  ASSERT_EQ(e.events.size(), 2u);
  EXPECT_EQ(e.events[1].same_as, -1);
}

TEST(EventsCorefTest, DifferentPlacesAreDifferentEvents) {
  Document d = Events("Coalition jets struck Hajin on Monday. Coalition jets struck Raqqa on Monday.");
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[1].same_as, -1);
}

// ---- no events -------------------------------------------------------------------

TEST(EventsNoEventTest, OpinionHistoryAndMetaphorsYieldNothing) {
  const char* const kSentences[] = {
      "War is a terrible thing and violence only breeds more violence.",
      "Airstrikes never solve political problems.",
      "Critics have long attacked the policy of sanctions.",
      "History is full of invasions, sieges and massacres.",
      "The debate turned into a battle of ideas.",
      "Bombing a country into democracy has never worked.",
      "Every war kills civilians.",
      "The team struck a deal with its sponsors.",
      "Journalists must report on attacks without taking sides.",
      "Such offensives rarely achieve their aims.",
      "The minister shot down every argument at the meeting.",
      "Her speech was an attack on common sense.",
      "Fighting capacity depends on supply lines.",
      "Nobody can win a war of words.",
      "They waged a war to destroy Syria and divide the region.",
  };
  for (const char* s : kSentences) {
    Document d = Events(s);
    EXPECT_TRUE(d.events.empty()) << s << " -> " << Text(d, d.events[0].trigger) << " "
                                  << d.events[0].pattern;
  }
}

// ---- explain, odd input ------------------------------------------------------

TEST(EventsExplainTest, EvidenceNamesThePatternRolesAndRejections) {
  Document d = Events("Coalition jets struck Raqqa on 3 March 2017, killing 14 Syrian soldiers.", true);
  ASSERT_EQ(d.events.size(), 1u);
  std::string all;
  for (const auto& l : d.events[0].evidence) all += l + "\n";
  EXPECT_NE(all.find("pattern event_patterns.tsv:strike:verb"), std::string::npos) << all;
  EXPECT_NE(all.find("instrument event_instruments.tsv:jets -> aerial"), std::string::npos) << all;
  EXPECT_NE(all.find("merged with \"killing\""), std::string::npos) << all;
  // A date alone makes no event.
  Document x = Events("The senator attacked the proposal in a speech on Tuesday.", true);
  EXPECT_TRUE(x.events.empty());
  ASSERT_FALSE(x.events_rejected.empty());
  std::string why;
  for (const auto& l : x.events_rejected[0].evidence) why += l + "\n";
  EXPECT_NE(why.find("dropped:"), std::string::npos) << why;
  // Without explain nothing of this is kept.
  Document plain = Events("Coalition jets struck Raqqa on 3 March 2017, killing 14 Syrian soldiers.");
  EXPECT_TRUE(plain.events[0].evidence.empty());
  EXPECT_TRUE(plain.events_rejected.empty());
}

TEST(EventsOddInputTest, RunOnSentencesAndEmptyDocumentsDoNotFail) {
  EXPECT_TRUE(Events("No mentions, no events, only attacks and strikes.").events.empty());
  // A megabyte with no sentence end: bounded work, no crash.
  std::string big;
  while (big.size() < (1u << 20)) big += "Coalition jets struck Raqqa and ISIS attacked Kobani ";
  Document d = Events(big);
  ExpectWellFormed(d);
  EXPECT_FALSE(d.events.empty());
  // Many short sentences.
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "Coalition jets struck Raqqa on Monday. ";
  Document m = Events(many);
  ExpectWellFormed(m);
  EXPECT_EQ(m.events.size(), 20000u);
  // One actor, place and date: all repeat the first (looking back 64 events).
  EXPECT_EQ(m.events[19999].same_as, 0);
}

// The phrase index's lookups: FindPadded (one 8-byte load, the key masked to
// the word's length) finds what the plain Find (byte by byte) finds, for
// words of every length around the 8-byte key, first words and others,
// with padding bytes that are not zero; an empty index finds nothing.
TEST(EventsPhraseIndex, FindPaddedAgreesWithFind) {
  using events_internal::Phrase;
  using events_internal::PhraseIndex;
  PhraseIndex empty;
  empty.Finish();
  EXPECT_EQ(empty.finder().FindPadded(std::string_view("strike\0\0\0\0\0\0\0\0", 6)), nullptr);
  EXPECT_EQ(empty.Find("strike"), nullptr);
  PhraseIndex index;
  const std::vector<std::vector<std::string>> phrases = {
      {"a"}, {"of"}, {"the"}, {"strike"}, {"airstrike"}, {"airstrikes"}, {"bombard"},
      {"bombards"}, {"bombarded"}, {"carried", "out"}, {"carried"}, {"counteroffensive"},
      {"n't"}, {"u.s.-led"}, {","}};
  for (const auto& words : phrases) {
    Phrase p;
    p.words = words;
    index.Add(std::move(p));
  }
  index.Finish();
  const PhraseIndex::Finder finder = index.finder();
  const std::vector<std::string> words = {
      "a", "b", "of", "on", "the", "thE", "strike", "strikes", "airstrike", "airstrikes",
      "airstrikez", "bombard", "bombards", "bombarded", "bombardes", "carried", "out",
      "counteroffensive", "counteroffensivf", "n't", "u.s.-led", ",", ".", "bombar", "airstrik"};
  for (const std::string& w : words) {
    std::string buf = w + std::string(PhraseIndex::kPadding, 'x');  // garbage after the word
    const auto* padded = finder.FindPadded(std::string_view(buf.data(), w.size()));
    const auto* plain = index.Find(w);
    EXPECT_EQ(padded, plain) << w;
    bool listed = false;
    for (const auto& p : phrases) listed = listed || p[0] == w;
    EXPECT_EQ(plain != nullptr, listed) << w;
    if (plain) {
      EXPECT_EQ(plain->phrases[0]->words[0], w);
    }
  }
  // Longest first.
  const auto* carried = index.Find("carried");
  ASSERT_NE(carried, nullptr);
  ASSERT_EQ(carried->phrases.size(), 2u);
  EXPECT_EQ(carried->phrases[0]->words.size(), 2u);
}

// MayStartTrigger never says no to the first word of a trigger form (kind
// 0), whatever its length and the padding after it; an index without
// trigger forms says no to every word.
TEST(EventsPhraseIndex, MayStartTriggerKeepsEveryTrigger) {
  using events_internal::Phrase;
  using events_internal::PhraseIndex;
  PhraseIndex index, cues;
  const std::vector<std::vector<std::string>> triggers = {
      {"strike"}, {"airstrikes"}, {"carried", "out"}, {"counteroffensive"}, {"u.s.-led"}, {"a"}};
  for (const auto& words : triggers) {
    Phrase p;
    p.words = words;
    index.Add(std::move(p));
    p = Phrase();
    p.words = words;
    p.kind = 1;
    cues.Add(std::move(p));
  }
  index.Finish();
  cues.Finish();
  for (const auto& words : triggers) {
    std::string buf = words[0] + std::string(PhraseIndex::kPadding, 'x');
    const std::string_view w(buf.data(), words[0].size());
    EXPECT_TRUE(index.finder().MayStartTrigger(w)) << words[0];
    EXPECT_FALSE(cues.finder().MayStartTrigger(w)) << words[0];
  }
}

// LowerAscii against a byte-by-byte reference: every byte value, every
// length around the 16-byte steps, every readable bound from n up (the
// tail byte by byte when the source ends); bytes past n rounded up to
// sixteen are never written.
TEST(EventsLowerAscii, MatchesReference) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  for (int c = 255; c >= 0; c -= 3) all.push_back(static_cast<char>(c));
  all += "The U.S.-LED Coalition STRUCK Raqqa; ÄÖÜ déjà @[`{ AZaz";
  auto lower = [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); };
  for (size_t start = 0; start < 40; start += 7) {
    for (size_t n = 0; n <= 70 && start + n <= all.size(); ++n) {
      for (size_t readable = n; readable <= n + 20 && start + readable <= all.size(); ++readable) {
        std::string dst(n + 16 + 8, '#');
        events_internal::LowerAscii(all.data() + start, n, readable, dst.data());
        for (size_t i = 0; i < n; ++i)
          ASSERT_EQ(dst[i], lower(static_cast<unsigned char>(all[start + i])))
              << "start " << start << " n " << n << " readable " << readable << " i " << i;
        for (size_t i = (n + 15) / 16 * 16; i < dst.size(); ++i) ASSERT_EQ(dst[i], '#');
      }
    }
  }
}

// PartitionPointNear is std::partition_point whatever the bound it is given
// (too small, exact, too large, zero) and wherever the point is.
TEST(EventsPartitionPointNear, MatchesPartitionPoint) {
  for (int size = 0; size <= 40; ++size) {
    std::vector<int> v(size);
    for (int i = 0; i < size; ++i) v[i] = i;
    for (int point = 0; point <= size; ++point) {
      auto pred = [point](int x) { return x < point; };
      const auto want = std::partition_point(v.begin(), v.end(), pred);
      for (size_t near = 0; near <= static_cast<size_t>(size) + 3; ++near)
        ASSERT_EQ(events_internal::PartitionPointNear(v.begin(), v.end(), near, pred), want)
            << "size " << size << " point " << point << " near " << near;
    }
  }
}


// "killed in clashes with Y": Y is the other side of the fight and so the
// actor of the kill; the victims stay the target. In either order, and a
// plain "attack on" names no actor.
TEST(EventsTest, TheOtherSideOfAFightKilledTheVictims) {
  Document d = Events(
      "Twelve militiamen were killed in clashes with the Syrian Democratic Forces near Tabqa on "
      "Friday. Clashes with ISIS killed 30 Iraqi soldiers near Tal Afar. Five policemen were "
      "killed in an attack on a checkpoint near Arish. Syrian troops clashed with rebels near Hama.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 4u) << d.events.size();
  EXPECT_EQ(Text(d, d.events[0].trigger), "clashes");
  EXPECT_EQ(R(d, d.events[0].actor), "Syrian Democratic Forces");
  EXPECT_EQ(R(d, d.events[0].target), "militiamen");
  EXPECT_EQ(R(d, d.events[0].place), "Tabqa");
  EXPECT_EQ(Text(d, d.events[1].trigger), "Clashes");
  EXPECT_EQ(R(d, d.events[1].actor), "ISIS");
  EXPECT_EQ(R(d, d.events[1].target), "Iraqi soldiers");
  ASSERT_GE(d.events[1].dead, 0);
  EXPECT_EQ(R(d, d.events[1].dead), "30");
  EXPECT_EQ(Text(d, d.events[2].trigger), "attack");
  EXPECT_EQ(R(d, d.events[2].actor), "-");
  EXPECT_EQ(R(d, d.events[2].target), "policemen");
  EXPECT_EQ(Text(d, d.events[3].trigger), "clashed");
  EXPECT_EQ(R(d, d.events[3].actor), "Syrian troops");
  EXPECT_EQ(R(d, d.events[3].target), "rebels");
}

// "May" the month is no modal: "since 21 May have killed" stays asserted,
// while "may have killed" is conditional.
TEST(EventsTest, TheMonthMayIsNoModal) {
  Document d = Events(
      "More than 500 US airstrikes since 21 May have killed 229 civilians near Manbij. Russian "
      "jets may have killed 40 civilians near Idlib.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 2u) << d.events.size();
  EXPECT_EQ(Text(d, d.events[0].trigger), "airstrikes");
  EXPECT_EQ(d.events[0].modality, "asserted");
  EXPECT_FALSE(d.events[0].hypothetical);
  EXPECT_EQ(Text(d, d.events[1].trigger), "killed");
  EXPECT_EQ(d.events[1].modality, "conditional");
}

// "warned" is a threat to someone warned; "warned that …" and "warned of …"
// with no one warned are statements, no event.
TEST(EventsTest, AWarningWithNoOneWarnedIsNoThreat) {
  Document d = Events(
      "Russia warned Turkey against any incursion into Idlib. The United Nations warned that the "
      "siege could amount to a war crime. Aid agencies warned of a famine in Idlib.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 1u) << d.events.size();
  EXPECT_EQ(Text(d, d.events[0].trigger), "warned");
  EXPECT_EQ(d.events[0].plover, "THREATEN");
  EXPECT_EQ(R(d, d.events[0].actor), "Russia");
  EXPECT_EQ(R(d, d.events[0].target), "Turkey");
}

// The source of a report is no role of the events it reports: "activists
// said warplanes bombed …" has no actor, "state media reported that four
// people had been killed" no target. A state or army may speak of its own
// forces, and "claimed to have executed" is the claimant's act.
TEST(EventsTest, TheSourceOfAReportIsNoRoleOfItsContent) {
  Document d = Events(
      "The Syrian Observatory for Human Rights said 31 people were killed in Saraqeb. Local "
      "activists said warplanes bombed the market in Maarat al-Numan. The Israeli military said "
      "jets struck a Hamas command centre in Gaza. ISIS claimed to have executed three hostages "
      "near Raqqa. Syrian state media reported that four people had been killed in rebel "
      "shelling of a school in Aleppo.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 5u) << d.events.size();
  EXPECT_EQ(Text(d, d.events[0].trigger), "killed");
  EXPECT_EQ(R(d, d.events[0].actor), "-");
  EXPECT_EQ(R(d, d.events[0].target), "-");
  EXPECT_EQ(R(d, d.events[0].dead), "31");
  EXPECT_EQ(Text(d, d.events[1].trigger), "bombed");
  EXPECT_EQ(R(d, d.events[1].actor), "-");
  EXPECT_EQ(R(d, d.events[1].place), "Maarat al-Numan");
  EXPECT_EQ(Text(d, d.events[2].trigger), "struck");
  EXPECT_EQ(R(d, d.events[2].actor), "Israeli military");
  EXPECT_EQ(R(d, d.events[2].target), "Hamas");
  EXPECT_EQ(Text(d, d.events[3].trigger), "executed");
  EXPECT_EQ(R(d, d.events[3].actor), "ISIS");
  EXPECT_EQ(Text(d, d.events[4].trigger), "shelling");
  EXPECT_EQ(R(d, d.events[4].actor), "rebel");
  EXPECT_EQ(R(d, d.events[4].target), "-");
  EXPECT_EQ(R(d, d.events[4].dead), "four");
}

// "escalated its attacks", "ramped up their offensive": the subject of a
// verb of intensity is the actor of the event noun after it; "the
// escalating bombing campaign by X" keeps its by-phrase.
TEST(EventsTest, TheSubjectOfAnEscalationIsTheActor) {
  Document d = Events(
      "The Syrian government has escalated its attacks against rebel positions near Hama. Turkish "
      "forces ramped up their offensive on Manbij. Dozens were killed in the escalating bombing "
      "campaign by Russian jets on Idlib. Regime forces committed a new massacre in Tremseh. "
      "Turkey remains committed to a ceasefire in Idlib.");
  ExpectWellFormed(d);
  ASSERT_EQ(d.events.size(), 5u) << d.events.size();
  EXPECT_EQ(Text(d, d.events[0].trigger), "attacks");
  EXPECT_EQ(R(d, d.events[0].actor), "Syrian government");
  EXPECT_EQ(Text(d, d.events[1].trigger), "offensive");
  EXPECT_EQ(R(d, d.events[1].actor), "Turkish forces");
  EXPECT_EQ(R(d, d.events[1].place), "Manbij");
  EXPECT_EQ(Text(d, d.events[2].trigger), "bombing campaign");
  EXPECT_EQ(R(d, d.events[2].actor), "Russian jets");
  EXPECT_EQ(Text(d, d.events[3].trigger), "massacre");
  EXPECT_EQ(R(d, d.events[3].actor), "Regime forces");
  EXPECT_EQ(Text(d, d.events[4].trigger), "ceasefire");
  EXPECT_EQ(R(d, d.events[4].actor), "-");
  // A measure phrase between the support verb and the noun.
  Document m = Events(
      "Coalition aircraft unleashed a series of airstrikes on Raqqa. Russia launched a new wave "
      "of air strikes on Idlib.");
  ASSERT_EQ(m.events.size(), 2u) << m.events.size();
  EXPECT_EQ(Text(m, m.events[0].trigger), "airstrikes");
  EXPECT_EQ(R(m, m.events[0].actor), "Coalition aircraft");
  EXPECT_EQ(Text(m, m.events[1].trigger), "air strikes");
  EXPECT_EQ(R(m, m.events[1].actor), "Russia");
}

// "in addition to destroying": a gerund after "to" is no infinitive of
// intent; "tried to destroy" is.
TEST(EventsTest, AGerundAfterToIsNoIntent) {
  Document d = Events(
      "An army unit destroyed a convoy of militant vehicles near Quneitra in addition to "
      "destroying two tanks near Khan Arnabah. ISIS fighters tried to destroy the bridge at "
      "Raqqa.");
  ExpectWellFormed(d);
  ASSERT_GE(d.events.size(), 2u) << d.events.size();
  EXPECT_EQ(Text(d, d.events[0].trigger), "destroyed");
  EXPECT_EQ(d.events[0].modality, "asserted");
  const EventRecord& last = d.events.back();
  EXPECT_EQ(Text(d, last.trigger), "destroy");
  EXPECT_EQ(last.modality, "future");
  for (const EventRecord& e : d.events) {
    if (Text(d, e.trigger) == "destroying") {
      EXPECT_EQ(e.modality, "asserted");
    }
  }
}

// "were killed and dozens more injured in multiple Russian airstrikes": the
// kill names its cause after "in", however far, so the two are one event
// with the victims, the attacker and the counts; a second kill before the
// cause keeps the first apart.
TEST(EventsTest, APassiveKillAndItsCauseAreOneEvent) {
  Document d = Events(
      "Five civilians were killed and dozens more were injured in multiple Russian airstrikes on "
      "Saraqeb on Sunday. Thirty people were killed in Aleppo and 39 were killed by airstrikes in "
      "Idlib.");
  ExpectWellFormed(d);
  const std::vector<const EventRecord*> kept = NonRepeats(d);
  ASSERT_EQ(kept.size(), 3u) << kept.size();
  EXPECT_EQ(Text(d, kept[0]->trigger), "airstrikes");
  EXPECT_EQ(R(d, kept[0]->actor), "Russian");
  EXPECT_EQ(R(d, kept[0]->target), "civilians");
  EXPECT_EQ(R(d, kept[0]->place), "Saraqeb");
  EXPECT_EQ(R(d, kept[0]->dead), "Five");
  EXPECT_EQ(R(d, kept[0]->injured), "dozens");
  EXPECT_EQ(Text(d, kept[1]->trigger), "killed");
  EXPECT_EQ(R(d, kept[1]->place), "Aleppo");
  EXPECT_EQ(R(d, kept[1]->dead), "Thirty");
  EXPECT_EQ(Text(d, kept[2]->trigger), "airstrikes");
  EXPECT_EQ(R(d, kept[2]->place), "Idlib");
  EXPECT_EQ(R(d, kept[2]->dead), "39");
}

// "positions held by ISIS": the holder of what an assault hit is its target,
// never the subject of a verb after it; victims stay the better target;
// talks "held by" a host are no assault.
TEST(EventsTest, TheHolderOfWhatWasHitIsTheTarget) {
  Document d = Events(
      "Russian jets struck positions held by ISIS near Palmyra. Airstrikes on areas held by "
      "rebels killed ten people in Daraa. Shelling of districts controlled by the government "
      "killed four civilians in Aleppo.");
  ExpectWellFormed(d);
  const std::vector<const EventRecord*> kept = NonRepeats(d);
  ASSERT_EQ(kept.size(), 3u) << kept.size();
  EXPECT_EQ(Text(d, kept[0]->trigger), "struck");
  EXPECT_EQ(R(d, kept[0]->actor), "Russian jets");
  EXPECT_EQ(R(d, kept[0]->target), "ISIS");
  EXPECT_EQ(Text(d, kept[1]->trigger), "Airstrikes");
  EXPECT_EQ(R(d, kept[1]->actor), "-");
  EXPECT_EQ(R(d, kept[1]->target), "rebels");
  EXPECT_EQ(R(d, kept[1]->place), "Daraa");
  EXPECT_EQ(Text(d, kept[2]->trigger), "Shelling");
  EXPECT_EQ(R(d, kept[2]->actor), "-");
  EXPECT_EQ(R(d, kept[2]->target), "civilians");
}

}  // namespace
}  // namespace dossier
