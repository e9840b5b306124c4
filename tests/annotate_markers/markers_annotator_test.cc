// The markers layer on sentences written for these tests, through the whole
// pipeline (the voice layer gives each marker its voice): exact spans and
// techniques for every technique, the context traps ("visa regime", a
// designation reported plainly, plain "killed"), voice scoping, scare quotes,
// repetition, the profile, user tables via --data, and odd input.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "annotate/markers/markers_annotator.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace dossier {
namespace {

std::unique_ptr<Pipeline> MakePipeline(const std::string& extra_data = "",
                                       std::vector<std::string> layers = {}) {
  auto lex = Lexicon::Load(Lexicon::DefaultDirs(extra_data));
  EXPECT_TRUE(lex.ok()) << lex.status().ToString();
  PipelineOptions o;
  o.layers = std::move(layers);
  auto r = Pipeline::Create(*lex, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(*r) : nullptr;
}

const Pipeline& TestPipeline() {
  static std::unique_ptr<Pipeline> p = MakePipeline();
  return *p;
}

Document Mark(const std::string& text, const Pipeline& p = TestPipeline()) {
  RawDocument raw;
  raw.path = "(test)";
  raw.raw = std::make_shared<const std::string>(text);
  raw.body = text;
  raw.body_map = OffsetMap::Identity(text.size());
  raw.encoding = "utf-8";
  raw.format = Format::kText;
  raw.given.published = "2017-01-24";
  auto d = p.Process(raw);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? std::move(*d) : Document();
}

std::string Text(const Document& d, Span s) { return d.text.substr(s.begin, s.end - s.begin); }

// "technique:text:voice" per marker, in order.
std::vector<std::string> Lines(const Document& d) {
  std::vector<std::string> out;
  for (const Marker& m : d.markers) out.push_back(m.technique + ":" + Text(d, m.span) + ":" + m.voice);
  return out;
}
using V = std::vector<std::string>;

TEST(MarkersTest, TechniqueNamesRoundTrip) {
  using namespace markers_internal;
  for (int t = 0; t < kTechniqueCount; ++t) EXPECT_EQ(TechniqueFromName(TechniqueName(t)), t);
  EXPECT_EQ(TechniqueFromName("propaganda"), -1);
  EXPECT_STREQ(TechniqueName(kTechniqueCount), "");
  EXPECT_EQ(std::string(TechniqueName(kScareQuotes)), "scare_quotes");
}

TEST(MarkersTest, FoldHashIgnoresCaseAndApostropheForm) {
  using markers_internal::FoldHash;
  EXPECT_EQ(FoldHash("Regime"), FoldHash("regime"));
  EXPECT_EQ(FoldHash("isn\xE2\x80\x99t"), FoldHash("isn't"));
  EXPECT_NE(FoldHash("regime"), FoldHash("regimes"));
  EXPECT_NE(FoldHash(""), 0u);
}

TEST(MarkersTest, FoldHashAtMatchesFoldHash) {
  using markers_internal::FoldHash;
  using markers_internal::FoldHashAt;
  // Every slice of a text with ASCII and non-ASCII words of every length up
  // to past 16 bytes, including slices that end at the text's end (where
  // FoldHashAt may not read whole words).
  const std::string text =
      "The REGIME isn\xE2\x80\x99t a Regime: Mu\xCA\xBCtah, x, ab, "
      "Internationally-recognised Counterterrorism \xC3\x89tat abcdefgh ABCDEFGHI @[`{";
  for (size_t b = 0; b < text.size(); ++b)
    for (size_t e = b; e <= text.size() && e <= b + 40; ++e)
      ASSERT_EQ(FoldHashAt(text, b, e), FoldHash(std::string_view(text).substr(b, e - b)))
          << b << " " << e;
  EXPECT_EQ(FoldHashAt("ISN\xE2\x80\x99T", 0, 7), FoldHash("isn't"));
}

TEST(MarkersTest, QuickFoldHashMatchesFoldHash) {
  using markers_internal::FoldHash;
  using markers_internal::QuickFoldHash;
  uint64_t one_byte[256];
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    one_byte[c] = FoldHash(std::string_view(&ch, 1));
  }
  // Every slice, as in FoldHashAtMatchesFoldHash: one byte, one chunk, two
  // chunks (9 to 16 bytes) and longer, near the text's end too.
  const std::string text =
      "The REGIME isn\xE2\x80\x99t a Regime: Mu\xCA\xBCtah, x, ab, "
      "Internationally-recognised Counterterrorism \xC3\x89tat abcdefgh ABCDEFGHI @[`{"
      " Overstretched ABCDEFGHIJKLMNOP";
  for (size_t b = 0; b < text.size(); ++b)
    for (size_t e = b + 1; e <= text.size() && e <= b + 40; ++e)
      ASSERT_EQ(QuickFoldHash(text, b, e, one_byte),
                FoldHash(std::string_view(text).substr(b, e - b)))
          << b << " " << e;
}

TEST(MarkersTest, LoadedLanguageAndLabels) {
  Document d = Mark("Its cold-blooded mercenaries slaughtered the villagers. "
                   "The puppet government is run by thugs and warmongers.");
  EXPECT_EQ(Lines(d), (V{"loaded_language:cold-blooded mercenaries:author",
                         "loaded_language:slaughtered:author", "loaded_language:puppet:author",
                         "name_calling:thugs:author", "name_calling:warmongers:author"}));
}

// Labels for people and groups, with the contexts that are no label
// ("war criminals" has its own row, "criminal gangs", "serial killers").
TEST(MarkersTest, MoreLabels) {
  Document d = Mark("The army freed the town from the armed gangs and their warlords. "
                   "Police arrested criminal gangs and serial killers.");
  EXPECT_EQ(Lines(d), (V{"name_calling:armed gangs:author", "name_calling:warlords:author"}));
}

// Partisan news: loaded words and constructions with their contexts ("woke
// up" is a verb; "does nothing to" is no exaggeration).
TEST(MarkersTest, PartisanNewsRowsAndTheirContexts) {
  Document d = Mark("Congress rammed through a bill while the border stays wide open. "
                   "The woke mob is the most corrupt in history.");
  EXPECT_EQ(Lines(d), (V{"loaded_language:rammed through:author",
                         "exaggeration_minimisation:wide open:author", "name_calling:woke:author",
                         "loaded_language:mob:author",
                         "exaggeration_minimisation:the most corrupt in history:author",
                         "loaded_language:corrupt:author"}));
  Document n = Mark("She woke up at six. The rule does nothing to stop the flow.");
  EXPECT_EQ(Lines(n), V{});
}

// Op-ed rallying: appeals to common sense and the crowd, one-cause claims,
// the country; "sold out" of tickets is no betrayal.
TEST(MarkersTest, OpEdAppealsAndTheirContexts) {
  Document d = Mark("Career politicians sold out the town. Anyone with a shred of common sense "
                   "sees it. Nothing else explains the mess. Millions of voters have already "
                   "signed. Enough is enough.");
  EXPECT_EQ(Lines(d), (V{"name_calling:Career politicians:author",
                         "loaded_language:sold out:author",
                         "bandwagon_reductio_ad_hitlerum:a shred of common sense:author",
                         "causal_oversimplification:Nothing else explains:author",
                         "bandwagon_reductio_ad_hitlerum:Millions of voters have already:author",
                         "slogans:Enough is enough:author"}));
  Document n = Mark("The concert sold out in an hour. Tickets were sold out by noon.");
  EXPECT_EQ(Lines(n), V{});
}

// State-media constructions: cui bono, unnamed authorities, rallying calls.
TEST(MarkersTest, StateMediaConstructions) {
  Document d = Mark("Who benefits? The press swallowed the story, as any serious analyst knows. "
                   "Victory is inevitable.");
  EXPECT_EQ(Lines(d), (V{"doubt:Who benefits:question",
                         "loaded_language:swallowed the story:author",
                         "appeal_to_authority:as any serious analyst knows:author",
                         "slogans:Victory is inevitable:author"}));
}

// Session 18: doubt and whataboutism as clauses, unnamed authorities as
// proof, one-cause claims, the Nazis' and Stalin's methods, tautologies.
TEST(MarkersTest, OpinionClausesOnAnyTopic) {
  Document d = Mark("Nobody in this town has explained why the tender was cancelled. We are "
                   "asked to believe it was a typo. As every serious economist knows, caps "
                   "fail. It all comes down to greed. Where was the board when the plant "
                   "closed? The rules are straight out of the Soviet playbook. Rules are rules.");
  EXPECT_EQ(Lines(d),
            (V{"doubt:Nobody in this town has explained why:author",
               "doubt:We are asked to believe:author",
               "appeal_to_authority:As every serious economist knows:author",
               "causal_oversimplification:It all comes down to:author",
               "whataboutism_straw_man_red_herring:Where was the board when:question",
               "bandwagon_reductio_ad_hitlerum:straight out of the Soviet playbook:author",
               "thought_terminating_cliche:Rules are rules:author"}));
  // A denied sole reason, an explanation given, a plain "where ... when".
  Document n = Mark("The strike was not the sole reason for the delay. Nobody was hurt, the "
                   "company said. Officials explained where the convoy was when it stopped.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

// Labels and insinuations of columns on business and culture; the verb
// "staggering" and a reported sole reason stay plain.
TEST(MarkersTest, ColumnLabelsAndInsinuations) {
  Document d = Mark("The compliant press praised the unelected bureaucrats and their overlords. "
                   "It is no secret who paid. Draw your own conclusions. The bill is a "
                   "staggering sum.");
  EXPECT_EQ(Lines(d), (V{"loaded_language:compliant press:author",
                         "loaded_language:unelected bureaucrats:author",
                         "name_calling:overlords:author", "doubt:It is no secret:author",
                         "doubt:Draw your own conclusions:author",
                         "exaggeration_minimisation:staggering:author"}));
  Document n = Mark("Survivors were staggering through the dust. The firm said the sole reason "
                   "for the delay was the weather.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

// One-word insinuations: a sentence of its own, not the same word inside one.
TEST(MarkersTest, OneWordInsinuations) {
  Document d = Mark("The firm is his cousin's. Coincidence? I think not. Really? You be the "
                   "judge. Go figure.");
  EXPECT_EQ(Lines(d), (V{"doubt:Coincidence:question", "doubt:I think not:author",
                         "doubt:Really:question", "doubt:You be the judge:author",
                         "doubt:Go figure:author"}));
  Document n = Mark("Was it really? Seriously, the plan works. I think not only of him.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

// Populist labels for bankers, officials and academics.
TEST(MarkersTest, PopulistLabelsOnBusiness) {
  Document d = Mark("The fat cats took the bailout, a case of corporate welfare, while the "
                   "thought police on campus practised virtue-signalling.");
  EXPECT_EQ(Lines(d), (V{"name_calling:fat cats:author",
                         "loaded_language:corporate welfare:author",
                         "name_calling:thought police:author",
                         "loaded_language:virtue-signalling:author"}));
}

// to_clause_end: a conditional threat is its whole clause, consequence
// included, and stops at the next comma or a quotation mark, not at the one
// that closes the "if" clause; "does nothing" in it is no exaggeration.
TEST(MarkersTest, ConditionalThreatIsTheWholeClause) {
  Document d = Mark("If the council does nothing, the river will flood the town, and then what? "
                   "\"Unless we act now, people will die,\" she said. Our forefathers bled for "
                   "this valley, and we forget it.");
  EXPECT_EQ(Lines(d), (V{"appeal_to_fear:If the council does nothing, the river will flood the "
                         "town:question",
                         "appeal_to_fear:Unless we act now, people will die:quoted",
                         "flag_waving:Our forefathers bled for this valley:author"}));
  // A treatment that fails is no threat, a country's ancestors no flag.
  Document n = Mark("If the drug does nothing, doctors try another. The valley was settled by "
                   "the ancestors of today's farmers.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

// Courtroom and doom labels of partisan columns.
TEST(MarkersTest, ShowTrialAndDoom) {
  Document d = Mark("The hearing was a kangaroo court run by shills. The new tax will destroy our "
                   "economy and mean the end of democracy.");
  EXPECT_EQ(Lines(d), (V{"loaded_language:kangaroo court:author", "name_calling:shills:author",
                         "appeal_to_fear:will destroy our economy:author",
                         "appeal_to_fear:the end of democracy:author"}));
  Document n = Mark("The army said it will destroy our enemies. The show ran for a week. The "
                   "deal marks the end of freedom of movement. She wrote a dystopian novel. "
                   "Scientists have long known that bats carry viruses.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

// Idioms of the opinion column: the nation its workers built, the generous
// party's patience, ruin edging closer, the crowd of ordinary people.
TEST(MarkersTest, ColumnIdiomsOfFlagFearAndCrowd) {
  Document d = Mark("Our dock workers built this nation's prosperity. The council has been more "
                   "than patient. Each week the mill stays shut, another farm edges closer to "
                   "ruin. Free speech is the birthright of every citizen of this republic.");
  EXPECT_EQ(Lines(d), (V{"flag_waving:built this nation's:author",
                         "exaggeration_minimisation:more than patient:author",
                         "appeal_to_fear:edges closer to ruin:author",
                         "flag_waving:birthright of every citizen of this republic:author"}));
  // Wire reporting of the same words: a firm built in a country, a figure
  // "more than" a number, a company that files for bankruptcy.
  Document n = Mark("The bridge was built in the country in 1950. The fund paid more than 300 "
                   "families. The mill edged lower after the firm filed for bankruptcy.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

TEST(MarkersTest, DoubtConstructions) {
  Document d = Mark("The so-called monitors left early. The group claims to be neutral, "
                   "but the real story isn't the monitors.");
  EXPECT_EQ(Lines(d)[0], "doubt:so-called:author");
  bool claims = false, real = false;
  for (const auto& l : Lines(d)) {
    claims = claims || l.rfind("doubt:claims to be:", 0) == 0;
    real = real || l.rfind("doubt:the real story isn't:", 0) == 0;
  }
  EXPECT_TRUE(claims) << ::testing::PrintToString(Lines(d));
  EXPECT_TRUE(real) << ::testing::PrintToString(Lines(d));
}

TEST(MarkersTest, ExaggerationAndItsCountTraps) {
  Document d = Mark("The bridge was the sole obstruction to an absolute defeat, and the army "
                   "had all but collapsed.");
  EXPECT_EQ(Lines(d), (V{"exaggeration_minimisation:the sole:author",
                         "exaggeration_minimisation:absolute:author",
                         "exaggeration_minimisation:all but:author"}));
  // Counts are not exaggeration.
  Document n = Mark("The party won an absolute majority, and all but one of the seats were "
                   "counted by the sole survivor of the commission.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

TEST(MarkersTest, FearFlagCauseAuthorityBandwagon) {
  Document d = Mark("This is an existential threat to our homeland. Experts agree that the "
                   "sanctions are the sole reason for the hunger. Everyone knows it.");
  EXPECT_EQ(Lines(d), (V{"appeal_to_fear:existential threat:author",
                         "flag_waving:our homeland:author",
                         "appeal_to_authority:Experts agree:author",
                         "causal_oversimplification:are the sole reason:author",
                         "bandwagon_reductio_ad_hitlerum:Everyone knows:author"}));
}

TEST(MarkersTest, WhataboutismEitherOrClicheSlogan) {
  Document d = Mark("What about the hospitals in the south? Either we leave now or we die here. "
                   "It is what it is. Hands off Syria!");
  EXPECT_EQ(Lines(d), (V{"whataboutism_straw_man_red_herring:What about:question",
                         "black_and_white_fallacy:Either we leave now or:author",
                         "thought_terminating_cliche:It is what it is:author",
                         "slogans:Hands off Syria:author"}));
  // "what about" inside a clause is a plain question word pair, and "either"
  // not at a clause start is not the construction.
  Document n = Mark("Officials asked what about the plan had changed. Troops on either side "
                   "of the river or the road stayed.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

// The charged words and labels of opinion writing on politics at large,
// and the plain uses of the same words in a report.
TEST(MarkersTest, PoliticalColumnVocabulary) {
  Document d = Mark("The senators caved to the lobbyists. Their hysterical allies call every "
                   "critic a bigot, and the hearings were rigged. It is a spineless disgrace.");
  EXPECT_EQ(Lines(d), (V{"loaded_language:caved:author", "loaded_language:hysterical:author",
                         "name_calling:bigot:author", "loaded_language:rigged:author",
                         "loaded_language:spineless:author", "loaded_language:disgrace:author"}));
  Document q = Mark("Can we really trust the count? Crime has never been worse.");
  EXPECT_EQ(Lines(q), (V{"doubt:Can we really trust:question",
                         "exaggeration_minimisation:never been worse:author"}));
  Document n = Mark("A car rigged with explosives slammed into the checkpoint. Residents were "
                   "treated for exposure to toxic gas. Government forces take back control of "
                   "the town. The flood was a natural disaster, and disaster relief arrived.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

// A short sentence ending in "!" is a slogan by its shape; exclamations,
// questions, figures and long sentences are not.
TEST(MarkersTest, SloganByShape) {
  Document d = Mark("The vote is on Sunday. Secure the border, save the nation!");
  EXPECT_EQ(Lines(d), (V{"slogans:Secure the border, save the nation!:author"}));
  EXPECT_EQ(d.markers[0].rule, "slogan: a sentence of 6 words ending in an exclamation mark");
  Document n = Mark("My god! What a day! The polls close at 9! Is this fair! The count went on "
                   "through the night in every district of the county!");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

TEST(MarkersTest, ContextTrapsStayNeutral) {
  Document d = Mark(
      "Travellers will face a stricter visa regime from April. The sanctions regime imposed in "
      "2019 remains in place. The Kurdistan Workers' Party, which Turkey designates as a "
      "terrorist organization, denied any role. Two soldiers were killed and three were "
      "wounded when a bomb exploded near the checkpoint. The villages lie north of the river.");
  EXPECT_TRUE(d.markers.empty()) << ::testing::PrintToString(Lines(d));
  // The same words where they are loaded.
  Document l = Mark("The regime bombed the market. The terrorists fled. The minister lies.");
  EXPECT_EQ(Lines(l), (V{"loaded_language:regime:author", "name_calling:terrorists:author",
                         "loaded_language:lies:author"}));
}

TEST(MarkersTest, CapitalisedNameIsNotTheLabel) {
  Document d = Mark("The State Department keeps a Foreign Terrorist Organization list.");
  EXPECT_TRUE(d.markers.empty()) << ::testing::PrintToString(Lines(d));
}

TEST(MarkersTest, VoiceScoping) {
  Document d = Mark("\"These cold-blooded mercenaries butchered our families,\" the mayor said. "
                   "The Syrian Foreign Ministry said the regime had withdrawn.");
  ASSERT_EQ(Lines(d), (V{"loaded_language:cold-blooded mercenaries:quoted",
                         "loaded_language:butchered:quoted",
                         "loaded_language:regime:attributed"}));
  // Each carries the source of its clause.
  ASSERT_GE(d.markers[0].source, 0);
  EXPECT_EQ(Text(d, d.mentions[d.markers[0].source].span), "the mayor");
  ASSERT_GE(d.markers[2].source, 0);
  EXPECT_EQ(Text(d, d.mentions[d.markers[2].source].span), "Syrian Foreign Ministry");
  // Author voice has no source.
  Document a = Mark("The regime had withdrawn.");
  ASSERT_EQ(a.markers.size(), 1u);
  EXPECT_EQ(a.markers[0].voice, "author");
  EXPECT_EQ(a.markers[0].source, -1);
}

TEST(MarkersTest, ScareQuotes) {
  Document d = Mark("The \"moderate\" fighters crossed the border with their \"humanitarian "
                   "aid\" trucks.");
  EXPECT_EQ(Lines(d), (V{"scare_quotes:\"moderate\":author",
                         "scare_quotes:\"humanitarian aid\":author"}));
  // A naming word, a title in capitals, a speaker, a long quotation: none.
  Document n = Mark("The army began an operation called \"Dawn\" on Monday. Reporters read "
                   "\"Burning Valleys\" last year. The minister said the attack was "
                   "\"unacceptable\". \"We will not leave this town,\" a resident said.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
}

TEST(MarkersTest, RepetitionOfPhrasesAndLoadedWords) {
  Document d = Mark("They armed the rebels. Foreign patrons armed the rebels again, and foreign "
                   "patrons armed them once more. Then foreign patrons armed the militias. "
                   "Foreign patrons armed the guards. "
                   "A massacre, a bloodbath, a bloodbath, a bloodbath, a bloodbath.");
  std::vector<std::string> reps;
  for (const Marker& m : d.markers)
    if (m.technique == "repetition") reps.push_back(Text(d, m.span));
  EXPECT_EQ(reps, (V{"foreign patrons armed", "foreign patrons armed", "Foreign patrons armed",
                     "bloodbath", "bloodbath", "bloodbath"}));
  // A topic named three times in plain reporting is not repetition.
  Document n = Mark("The water supply failed on Monday. Engineers said the water supply would "
                   "return. The water supply returned on Friday.");
  EXPECT_TRUE(n.markers.empty()) << ::testing::PrintToString(Lines(n));
  // Nor is a pair used five times in a short wire story (rates count over
  // at least 800 words), nor a phrase of the first sentence used four times.
  Document w = Mark("Troops held the bridge on Monday. Rocket shells hit a school in the north. "
                    "Later rocket shells struck a bakery. Residents said rocket shells fell on "
                    "two homes. Police said rocket shells damaged a clinic. Rocket shells "
                    "landed near a mosque too.");
  EXPECT_TRUE(w.markers.empty()) << ::testing::PrintToString(Lines(w));
  Document l = Mark("Shelling caused material damage in the old town. Mortars caused material "
                    "damage to the grid. Rockets caused material damage to roads. Shops saw "
                    "that bombs caused material damage too.");
  EXPECT_TRUE(l.markers.empty()) << ::testing::PrintToString(Lines(l));
}

// fuzz/findings/extract/crash-502cfe3c…: a text ending in two content
// words (no final punctuation) made the repetition scan read one token past
// the end when it looked for 4-grams (ASan heap-buffer-overflow; CI's
// sanitizer build fails on it).
TEST(MarkersTest, RepetitionAtTheEndOfTheText) {
  for (const std::string text :
       {"Aiellid convt", "* Aiellid convt(onvr thoe", "Foreign patrons armed the rebels. Foreign patrons",
        "foreign patrons armed foreign patrons armed foreign patrons"}) {
    Document d = Mark(text);
    for (const Marker& m : d.markers) EXPECT_LE(m.span.end, d.text.size()) << text;
  }
  // (The sanitizer build CI runs is what catches the read past the end.)
}

TEST(MarkersTest, Profile) {
  Document d = Mark("The regime slaughtered them. \"The regime lies,\" the mayor said about the "
                   "matter at length today.\n\nThe talks resumed on Monday. Delegates met in "
                   "the capital. The meeting ended at noon.");
  const MarkerProfile& p = d.marker_profile;
  ASSERT_TRUE(p.computed);
  EXPECT_EQ(p.words, 31);
  EXPECT_EQ(p.total, static_cast<int>(d.markers.size()));
  EXPECT_EQ(Lines(d), (V{"loaded_language:regime:author", "loaded_language:slaughtered:author",
                         "loaded_language:regime:quoted", "loaded_language:lies:quoted"}));
  EXPECT_EQ(p.counts[markers_internal::kLoadedLanguage], 4);
  EXPECT_DOUBLE_EQ(p.author_share, 0.5);
  ASSERT_EQ(p.densest.size(), 1u);
  EXPECT_EQ(Text(d, p.densest[0].span),
            "The regime slaughtered them. \"The regime lies,\" the mayor said about the matter "
            "at length today.");
  EXPECT_EQ(p.densest[0].markers, 4);
  // No markers: an empty profile that still counts words.
  Document n = Mark("The talks resumed on Monday.");
  EXPECT_TRUE(n.marker_profile.computed);
  EXPECT_EQ(n.marker_profile.words, 5);
  EXPECT_EQ(n.marker_profile.total, 0);
  EXPECT_TRUE(n.marker_profile.densest.empty());
}

TEST(MarkersTest, UserTablesOverrideAndAdd) {
  testing::TempDir dir;
  dir.Write("technique_lexicon.tsv",
            "phrase\ttechnique\tweight\tcontext\tnote\n"
            "-regime\t\t\t\t\n"
            "jackals\tname_calling\t0.9\t\tours\n");
  auto p = MakePipeline(dir.path());
  ASSERT_TRUE(p);
  Document d = Mark("The regime sent its jackals.", *p);
  EXPECT_EQ(Lines(d), (V{"name_calling:jackals:author"}));
  ASSERT_EQ(d.markers.size(), 1u);
  EXPECT_DOUBLE_EQ(d.markers[0].confidence, 0.9);
  EXPECT_EQ(d.markers[0].rule, "technique_lexicon.tsv: jackals");
}

TEST(MarkersTest, WithoutTheVoiceLayerEverythingIsAuthor) {
  auto p = MakePipeline("", {"markers"});
  ASSERT_TRUE(p);
  Document d = Mark("\"These thugs will pay,\" the mayor said.", *p);
  EXPECT_EQ(Lines(d), (V{"name_calling:thugs:quoted"}));
}

TEST(MarkersTest, OddInputGivesFewerRecordsNeverACrash) {
  MarkersAnnotator layer(*Lexicon::Load(Lexicon::DefaultDirs("")).value());
  Document empty;
  layer.Apply(&empty);
  EXPECT_TRUE(empty.markers.empty());
  EXPECT_TRUE(empty.marker_profile.computed);
  // Tokens but no sentences, spans past the text, a mention with no value.
  Document odd;
  odd.text = "regime thugs";
  odd.tokens = {Token{{0, 6}}, Token{{7, 12}}, Token{{20, 30}}};
  Mention m;
  m.kind = "actor";
  m.span = {0, 6};
  odd.mentions = {m};
  layer.Apply(&odd);
  EXPECT_TRUE(odd.markers.empty());
  odd.sentences = {{0, 12}};
  odd.quotes = {Quote{{0, 40}, {1, 39}, true}};
  layer.Apply(&odd);
  EXPECT_EQ(odd.markers.size(), 2u);
  // One sentence of 1 MB and 50,000 short sentences.
  std::string big;
  while (big.size() < (1 << 20)) big += "the regime and its thugs slaughtered ";
  big += "everyone.";
  Document b = Mark(big);
  EXPECT_GT(b.markers.size(), 1000u);
  // A long chain of conjunctions, and a 1 MB quotation full of loaded words.
  std::string ands = "Either";
  for (int i = 0; i < 200000; ++i) ands += " and";
  ands += " or.";
  Mark(ands);
  std::string quoted = "\"";
  while (quoted.size() < (1 << 20)) quoted += "the regime lies and ";
  quoted += "\" the mayor said.";
  auto q0 = std::chrono::steady_clock::now();
  Document q = Mark(quoted);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - q0).count(), 60.0);
  std::string many;
  for (int i = 0; i < 50000; ++i) many += i % 10 ? "Troops moved. " : "The regime lies. ";
  auto t0 = std::chrono::steady_clock::now();
  Document m2 = Mark(many);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_GE(m2.markers.size(), 10000u);
  EXPECT_LT(s, 60.0);
}

}  // namespace
}  // namespace dossier
