// The voice layer on sentences written for these tests, through the whole
// pipeline (the entity layers give it its sources): kinds, cues, sources,
// contents, citations and claims, with exact spans; and the traps (scare
// quotes, "said" inside a quote, nested and unbalanced quotes, block quotes
// over several paragraphs, "he" after two people).
#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "annotate/voice/voice_annotator.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace dossier {
namespace {

const Pipeline& TestPipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    auto lex = Lexicon::Load(Lexicon::DefaultDirs(""));
    EXPECT_TRUE(lex.ok()) << lex.status().ToString();
    PipelineOptions o;
    o.explain = true;
    auto r = Pipeline::Create(*lex, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(*r);
  }();
  return *p;
}

// The document, or nothing if the cleaner found no article text in it.
std::optional<Document> TryVoice(const std::string& text) {
  RawDocument raw;
  raw.path = "(test)";
  raw.raw = std::make_shared<const std::string>(text);
  raw.body = text;
  raw.body_map = OffsetMap::Identity(text.size());
  raw.encoding = "utf-8";
  raw.format = Format::kText;
  auto d = TestPipeline().Process(raw);
  if (!d.ok()) return std::nullopt;
  return std::move(*d);
}

Document Voice(const std::string& text) {
  RawDocument raw;
  raw.path = "(test)";
  raw.raw = std::make_shared<const std::string>(text);
  raw.body = text;
  raw.body_map = OffsetMap::Identity(text.size());
  raw.encoding = "utf-8";
  raw.format = Format::kText;
  raw.given.published = "2017-01-24";
  auto d = TestPipeline().Process(raw);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? std::move(*d) : Document();
}

std::string Text(const Document& d, Span s) { return d.text.substr(s.begin, s.end - s.begin); }
std::string Text(const Document& d, const std::optional<Span>& s) {
  return s ? Text(d, *s) : std::string("(none)");
}
std::string SourceText(const Document& d, int i) {
  return i >= 0 ? Text(d, d.mentions[i].span) : std::string("(none)");
}

// The records of sentence `si`, in order.
std::vector<VoiceRecord> Of(const Document& d, int si) {
  std::vector<VoiceRecord> out;
  for (const auto& v : d.voice)
    if (v.sentence == si) out.push_back(v);
  return out;
}

// Sentence si of `d` is one attributed record with the source, cue and
// content of want[si].
using Attribution = std::array<const char*, 3>;
void ExpectAttributed(const Document& d, const std::vector<Attribution>& want) {
  for (int si = 0; si < static_cast<int>(want.size()); ++si) {
    auto v = Of(d, si);
    ASSERT_EQ(v.size(), 1u) << si;
    EXPECT_EQ(v[0].kind, "attributed") << si;
    EXPECT_EQ(SourceText(d, v[0].source), want[si][0]) << si;
    EXPECT_EQ(Text(d, v[0].cue), want[si][1]) << si;
    EXPECT_EQ(Text(d, v[0].content), want[si][2]) << si;
  }
}

// Every sentence is covered by its records, in order, without gaps other
// than spaces; every source is a mention index.
void ExpectCovered(const Document& d) {
  size_t vi = 0;
  for (size_t si = 0; si < d.sentences.size(); ++si) {
    uint32_t at = d.sentences[si].begin;
    bool any = false;
    for (; vi < d.voice.size() && d.voice[vi].sentence == static_cast<int>(si); ++vi) {
      const VoiceRecord& v = d.voice[vi];
      ASSERT_GE(v.span.begin, at);
      EXPECT_EQ(d.text.substr(at, v.span.begin - at).find_first_not_of(" \n"), std::string::npos);
      at = v.span.end;
      any = true;
      EXPECT_LT(v.source, static_cast<int>(d.mentions.size()));
    }
    EXPECT_TRUE(any) << "sentence " << si << " has no voice record";
    EXPECT_EQ(at, d.sentences[si].end) << "sentence " << si;
  }
  EXPECT_EQ(vi, d.voice.size());
}

TEST(VoiceTest, PlainStatementIsTheAuthors) {
  Document d = Voice("Coalition jets struck the bridge over the Euphrates on Tuesday.\n");
  ASSERT_EQ(d.voice.size(), 1u);
  EXPECT_EQ(d.voice[0].kind, "author");
  EXPECT_EQ(d.voice[0].source, -1);
  EXPECT_FALSE(d.voice[0].cue);
  EXPECT_EQ(Text(d, d.voice[0].span), "Coalition jets struck the bridge over the Euphrates on Tuesday.");
}

// "continued" is speech only before a colon or a comma: "the army
// continued operations" and "continued on Monday to pound" are the
// author's, "The minister continued: "…"" is a quote.
TEST(VoiceTest, ContinuedIsSpeechOnlyBeforeAColonOrComma) {
  Document d = Voice(
      "The Syrian army continued operations against militants near Palmyra.\n\n"
      "Russian jets continued on Monday to pound rebel-held areas.\n\n"
      "The minister continued: \"We will not give up Aleppo.\"\n");
  ASSERT_EQ(Of(d, 0).size(), 1u);
  EXPECT_EQ(Of(d, 0)[0].kind, "author");
  EXPECT_FALSE(Of(d, 0)[0].cue);
  ASSERT_EQ(Of(d, 1).size(), 1u);
  EXPECT_EQ(Of(d, 1)[0].kind, "author");
  ASSERT_EQ(Of(d, 2).size(), 1u);
  EXPECT_EQ(Of(d, 2)[0].kind, "quoted");
  ASSERT_GE(Of(d, 2)[0].source, 0);
  EXPECT_EQ(Text(d, d.mentions[Of(d, 2)[0].source].span), "The minister");
}

TEST(VoiceTest, CueAfterTheContent) {
  Document d = Voice("Coalition jets struck the bridge on Tuesday, the Syrian Foreign Ministry said.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].cue), "said");
  EXPECT_EQ(SourceText(d, v[0].source), "Syrian Foreign Ministry");
  EXPECT_EQ(v[0].source_kind, "government");
  EXPECT_EQ(Text(d, v[0].content), "Coalition jets struck the bridge on Tuesday");
}

TEST(VoiceTest, CueBeforeTheContentWithThat) {
  Document d = Voice("Colonel John Dorrian told reporters on Tuesday that the strikes hit ISIS.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].cue), "told");
  EXPECT_EQ(SourceText(d, v[0].source), "John Dorrian");
  EXPECT_EQ(v[0].source_kind, "person");
  EXPECT_EQ(Text(d, v[0].content), "the strikes hit ISIS");
}

TEST(VoiceTest, SubjectBeforeAnAppositive) {
  Document d = Voice(
      "Colonel John Dorrian, the spokesman for the coalition, said the raid killed two "
      "commanders.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(SourceText(d, v[0].source), "John Dorrian");
  EXPECT_EQ(Text(d, v[0].content), "the raid killed two commanders");
}

TEST(VoiceTest, QuotationWithTheCueInside) {
  Document d = Voice("\"We are ready,\" Colonel John Dorrian said, \"and we will win the battle.\"\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "quoted");
  EXPECT_EQ(SourceText(d, v[0].source), "John Dorrian");
  EXPECT_EQ(Text(d, v[0].content),
            "\"We are ready,\" Colonel John Dorrian said, \"and we will win the battle.\"");
}

TEST(VoiceTest, QuotationWithTheSpeakerAfterTheVerb) {
  Document d = Voice("\"We will never surrender to them,\" said Colonel John Dorrian.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "quoted");
  EXPECT_EQ(Text(d, v[0].cue), "said");
  EXPECT_EQ(SourceText(d, v[0].source), "John Dorrian");
  EXPECT_EQ(Text(d, v[0].content), "\"We will never surrender to them,\"");
}

TEST(VoiceTest, AShortQuotationWithASpeakerIsQuoted) {
  Document d = Voice(
      "Colonel John Dorrian said the convoy left. \"We are done,\" he added. He called it a "
      "\"success\".\n");
  EXPECT_EQ(Of(d, 1)[0].kind, "quoted");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "John Dorrian");
  EXPECT_EQ(Of(d, 2)[0].kind, "author");  // a scare quote: no cue
}

TEST(VoiceTest, AccordingToADocumentOfAnIssuer) {
  Document d = Voice("According to the UN report, ISIS could regroup within a year.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].cue), "According to");
  EXPECT_EQ(SourceText(d, v[0].source), "report");
  EXPECT_EQ(v[0].source_kind, "document");
  EXPECT_EQ(Text(d, v[0].content), "ISIS could regroup within a year");
  ASSERT_EQ(d.citations.size(), 1u);
  EXPECT_EQ(d.citations[0].kind, "report");
  EXPECT_EQ(SourceText(d, d.citations[0].issuer), "UN");
}

TEST(VoiceTest, AccordingToAtTheEnd) {
  Document d = Voice("ISIS lost 500 fighters in the battle, according to Reuters.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(SourceText(d, v[0].source), "Reuters");
  EXPECT_EQ(v[0].source_kind, "outlet");
  EXPECT_EQ(Text(d, v[0].content), "ISIS lost 500 fighters in the battle");
}

TEST(VoiceTest, ImpersonalPassiveHasNoSource) {
  Document d = Voice("It was reported that twenty civilians died in the camp.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].cue), "It was reported that");
  EXPECT_EQ(v[0].source, -1);
  EXPECT_EQ(Text(d, v[0].content), "twenty civilians died in the camp");
}

TEST(VoiceTest, ScareQuotesStayInTheAuthorsVoice) {
  Document d = Voice(
      "The so-called \"moderates\" shelled the town again. The \"anti-ISIS\" coalition "
      "bombed the bridge.\n");
  ASSERT_EQ(d.voice.size(), 2u);
  EXPECT_EQ(d.voice[0].kind, "author");
  EXPECT_EQ(d.voice[1].kind, "author");
  ASSERT_FALSE(d.voice[1].evidence.empty());
  EXPECT_NE(d.voice[1].evidence[0].find("scare quote"), std::string::npos);
}

TEST(VoiceTest, SaidInsideAQuotationIsNotTheCue) {
  Document d = Voice(
      "Colonel John Dorrian said the convoy was gone.\n\n"
      "\"The rebels said the bridge was still standing on Monday.\"\n");
  auto v = Of(d, 1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "quoted");
  EXPECT_FALSE(v[0].cue) << Text(d, v[0].cue);
  EXPECT_EQ(SourceText(d, v[0].source), "John Dorrian");  // the speaker before
}

TEST(VoiceTest, NestedQuotationsBelongToTheOuterOne) {
  Document d = Voice(
      "Colonel John Dorrian said: \"The rebels told us 'we will leave the town' and then "
      "they stayed.\"\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "quoted");
  EXPECT_EQ(SourceText(d, v[0].source), "John Dorrian");
  EXPECT_EQ(Text(d, v[0].content),
            "\"The rebels told us 'we will leave the town' and then they stayed.\"");
}

TEST(VoiceTest, UnbalancedQuotationRunsToTheParagraphEnd) {
  Document d = Voice(
      "Colonel John Dorrian said: \"The convoy left at dawn and never came back.\n\n"
      "The town was quiet.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "quoted");
  EXPECT_EQ(Text(d, v[0].content), "\"The convoy left at dawn and never came back");
  EXPECT_EQ(Of(d, 1)[0].kind, "author");
  ExpectCovered(d);
}

TEST(VoiceTest, BlockQuoteOverSeveralParagraphs) {
  Document d = Voice(
      "Fighting went on in the east of the country for weeks.\n\n"
      "The report states:\n\n"
      "Fighters regrouped in the desert and moved at night.\n\n"
      "… they were resupplied through the border crossings.\n\n"
      "None of this explains why the crossings stayed open for so long.\n");
  ASSERT_EQ(d.sentences.size(), 5u);
  EXPECT_EQ(Of(d, 0)[0].kind, "author");
  VoiceRecord intro = Of(d, 1)[0];
  EXPECT_EQ(intro.kind, "attributed");
  EXPECT_EQ(SourceText(d, intro.source), "The report");
  EXPECT_EQ(Text(d, intro.cue), "states");
  EXPECT_EQ(Text(d, intro.content),
            "Fighters regrouped in the desert and moved at night.\n\n"
            "… they were resupplied through the border crossings.");
  for (int si : {2, 3}) {
    VoiceRecord v = Of(d, si)[0];
    EXPECT_EQ(v.kind, "quoted") << si;
    EXPECT_EQ(SourceText(d, v.source), "The report") << si;
    EXPECT_EQ(Text(d, v.cue), "states") << si;
  }
  EXPECT_EQ(Of(d, 4)[0].kind, "author");
}

// A quotation continued in the next paragraph (no closing mark before the
// break) is the last speaker's; the subject of the paragraph after it did
// not say it.
TEST(VoiceTest, QuotationContinuedAcrossParagraphsKeepsItsSpeaker) {
  Document d = Voice(
      "\"We will appeal,\" said Tom Reyes, a spokesman for the bank. \"We are sure the court "
      "will see the facts.\n\n"
      "\"This case has no merit.\"\n\n"
      "Senator Ruth Calloway thinks the regulators moved too slowly.\n");
  for (int si = 1; si < 3; ++si) {
    auto v = Of(d, si);
    ASSERT_EQ(v.size(), 1u) << si;
    EXPECT_EQ(v[0].kind, "quoted") << si;
    EXPECT_EQ(SourceText(d, v[0].source), "Tom Reyes") << si;
  }
  EXPECT_EQ(SourceText(d, Of(d, 3)[0].source), "Ruth Calloway");
  EXPECT_EQ(Text(d, Of(d, 3)[0].cue), "thinks");
}

TEST(VoiceTest, EmphasisAddedOpensABlockQuote) {
  Document d = Voice(
      "The memo would explicitly state that (emphasis added):\n\n"
      "There is the possibility of establishing a principality in eastern Syria.\n\n"
      "The author sees it otherwise.\n");
  VoiceRecord v = Of(d, 1)[0];
  EXPECT_EQ(v.kind, "quoted");
  EXPECT_EQ(SourceText(d, v.source), "The memo");
  EXPECT_EQ(Of(d, 2)[0].kind, "author");
}

TEST(VoiceTest, AnIntroWithoutAColonAlsoOpensABlockQuote) {
  Document d = Voice(
      "During the campaign Colonel John Dorrian spoke about the river crossings in this way\n\n"
      "We will hold the bridges until the last convoy has crossed the river.\n\n"
      "The bridges fell a week later.\n");
  ASSERT_EQ(d.sentences.size(), 3u);
  EXPECT_EQ(Of(d, 0)[0].kind, "attributed");
  VoiceRecord v = Of(d, 1)[0];
  EXPECT_EQ(v.kind, "quoted");
  EXPECT_EQ(SourceText(d, v.source), "John Dorrian");
  EXPECT_EQ(Text(d, v.cue), "spoke");
  EXPECT_EQ(Of(d, 2)[0].kind, "author");
}

// General news: unnamed collective subjects, belief and forecast verbs,
// "in the view of".
TEST(VoiceTest, TheCompanySaidIsAnUnnamedSource) {
  Document d = Voice("The company said in a statement that its revenue rose 12 percent.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].cue), "said");
  EXPECT_EQ(SourceText(d, v[0].source), "The company");
  EXPECT_EQ(v[0].source_kind, "anonymous");
  EXPECT_EQ(Text(d, v[0].content), "its revenue rose 12 percent");
}

TEST(VoiceTest, BeliefAndForecastVerbs) {
  Document d = Voice(
      "Analysts expect the vote to be close.\n\nProsecutors allege that the mayor took bribes.\n\n"
      "Many investors believe the merger will face a long review.\n\n"
      "The storm is believed to have killed four people.\n");
  auto a = Of(d, 0);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, "attributed");
  EXPECT_EQ(Text(d, a[0].cue), "expect");
  EXPECT_EQ(SourceText(d, a[0].source), "Analysts");
  EXPECT_EQ(Text(d, a[0].content), "the vote to be close");
  auto b = Of(d, 1);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Text(d, b[0].cue), "allege");
  EXPECT_EQ(SourceText(d, b[0].source), "Prosecutors");
  EXPECT_EQ(Text(d, b[0].content), "the mayor took bribes");
  auto c = Of(d, 2);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Text(d, c[0].cue), "believe");
  EXPECT_EQ(SourceText(d, c[0].source), "Many investors");
  EXPECT_EQ(Text(d, c[0].content), "the merger will face a long review");
  // A passive "is believed to" names no believer: a hedge (hedges.tsv).
  auto e = Of(d, 3);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, "hedged");
  EXPECT_EQ(e[0].source, -1);
}

TEST(VoiceTest, AnUnnamedSourceWithAPostModifier) {
  Document d = Voice(
      "People familiar with the matter said the deal was close.\n\n"
      "A person close to the negotiations said the price had not been agreed.\n");
  auto a = Of(d, 0);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, a[0].source), "People");
  EXPECT_EQ(Text(d, a[0].content), "the deal was close");
  auto b = Of(d, 1);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(SourceText(d, b[0].source), "A person");
  EXPECT_EQ(b[0].source_kind, "anonymous");
  EXPECT_EQ(Text(d, b[0].content), "the price had not been agreed");
}

TEST(VoiceTest, InTheViewOfIsAnAccordingCue) {
  Document d = Voice("In the view of most economists, the tax cut will add to the deficit.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].cue), "In the view of");
  EXPECT_EQ(SourceText(d, v[0].source), "most economists");
  EXPECT_EQ(Text(d, v[0].content), "the tax cut will add to the deficit");
}

TEST(VoiceTest, ATitleWithItsPeriodAroundTheQuotation) {
  Document d = Voice(
      "\"The charges are baseless,\" Mr. Ortiz told reporters outside the courthouse.\n\n"
      "\"The river rose faster than any model predicted,\" said Dr. Nadia Osei, a hydrologist.\n");
  auto a = Of(d, 0);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, "quoted");
  EXPECT_EQ(SourceText(d, a[0].source), "Ortiz");
  EXPECT_EQ(Text(d, a[0].content), "\"The charges are baseless,\"");
  auto b = Of(d, 1);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "quoted");
  EXPECT_EQ(SourceText(d, b[0].source), "Nadia Osei");
  EXPECT_EQ(Text(d, b[0].content), "\"The river rose faster than any model predicted,\"");
}

TEST(VoiceTest, AnUnnamedSourceBeforeARelativeClause) {
  Document d = Voice(
      "Coach Mark Ellis said his players were tired.\n\n"
      "A neighbour, who asked not to be named, said she had heard shouting that night.\n");
  auto v = Of(d, 1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, v[0].source), "A neighbour");
  EXPECT_EQ(v[0].source_kind, "anonymous");
  EXPECT_EQ(Text(d, v[0].content), "she had heard shouting that night");
}

TEST(VoiceTest, APronounInASubordinateClauseIsTheSentencesSubject) {
  Document d = Voice(
      "The Syrian Observatory for Human Rights said the bridge was hit.\n\n"
      "Reuters published a photograph that it said showed the damage.\n\n"
      "Residents said the water had been cut.\n\n"
      "Opposition fighters fired rockets at the city as they announced a new offensive.\n");
  auto a = Of(d, 1);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, a[0].source), "Reuters");
  EXPECT_EQ(Text(d, a[0].content), "showed the damage");
  auto b = Of(d, 3);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Text(d, b[0].cue), "announced");
  EXPECT_EQ(SourceText(d, b[0].source), "Opposition fighters");
  // Not after a subordinator: the latest document or group speaker, as before.
  Document e = Voice(
      "The Syrian Observatory for Human Rights said the bridge was hit.\n\n"
      "Government forces shelled the town on Friday, it said.\n");
  EXPECT_EQ(SourceText(e, Of(e, 1)[0].source), "Syrian Observatory for Human Rights");
}

TEST(VoiceTest, TheListenerIsNotTheContent) {
  Document d = Voice(
      "Mr. Baker, who has led the committee since 2019, told reporters he would not run again.\n\n"
      "The shelling went on all night, Colonel John Dorrian told reporters in Geneva.\n\n"
      "In a letter to shareholders, the chief executive wrote that the year had been hard.\n");
  auto a = Of(d, 0);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(Text(d, a[0].cue), "told");
  EXPECT_EQ(SourceText(d, a[0].source), "Baker");
  EXPECT_EQ(Text(d, a[0].content), "he would not run again");
  // A listener and a place after the verb: the content is before it.
  auto b = Of(d, 1);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(SourceText(d, b[0].source), "John Dorrian");
  EXPECT_EQ(Text(d, b[0].content), "The shelling went on all night");
  // After a comma, "wrote that" still opens the content.
  auto c = Of(d, 2);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Text(d, c[0].cue), "wrote");
  EXPECT_EQ(Text(d, c[0].content), "the year had been hard");
}

TEST(VoiceTest, APronounAfterTheVerbThatGoesOnIsNotTheSource) {
  Document d = Voice(
      "The ministry said the port was closed.\n\n"
      "Critics of the deal, including several senators, argue it gives away too much.\n");
  auto v = Of(d, 1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].source, -1);
}

TEST(VoiceTest, ALaterAccordingToNamesTheSourceOfAVerbWithoutOne) {
  Document d = Voice(
      "It is estimated that 300,000 people live in the old city, according to the Syrian "
      "Observatory for Human Rights.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].cue), "according to");
  EXPECT_EQ(SourceText(d, v[0].source), "Syrian Observatory for Human Rights");
  EXPECT_EQ(Text(d, v[0].content), "It is estimated that 300,000 people live in the old city");
}

TEST(VoiceTest, TheNameInAnAppositiveAndASubjectBeforeOne) {
  Document d = Voice(
      "\"We will fight this ruling,\" the company's general counsel, Mark Davis, said.\n\n"
      "The airline, meanwhile, said passengers would be rebooked. It added that no one "
      "had been hurt.\n");
  auto a = Of(d, 0);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, "quoted");
  EXPECT_EQ(SourceText(d, a[0].source), "Mark Davis");
  EXPECT_EQ(Text(d, a[0].content), "\"We will fight this ruling,\"");
  auto b = Of(d, 1);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, b[0].source), "The airline");
  EXPECT_EQ(Text(d, b[0].content), "passengers would be rebooked");
  auto c = Of(d, 2);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Text(d, c[0].cue), "added");
  EXPECT_EQ(SourceText(d, c[0].source), "The airline");
}

TEST(VoiceTest, ThatAfterAdjunctsMakesAVerbACueWithoutASource) {
  Document d =
      Voice("Harvest said on Tuesday that its sales had risen.\n\nHarvest said its sales had risen.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].cue), "said");
  EXPECT_EQ(v[0].source, -1);
  EXPECT_EQ(Text(d, v[0].content), "its sales had risen");
  // Without "that" and without a source, no cue ("harvest" is a common word;
  // "Apple" is a company of actors.tsv now).
  EXPECT_EQ(Of(d, 1)[0].kind, "author");
}

TEST(VoiceTest, HeAfterTwoPeopleIsTheSubjectOfTheSentenceBefore) {
  Document d = Voice(
      "Colonel John Dorrian met General Ali Hassan in Baghdad on Monday. He said the talks "
      "went well.\n");
  auto v = Of(d, 1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(SourceText(d, v[0].source), "John Dorrian");
}

TEST(VoiceTest, HeIsTheLatestSpeakerWhenNamedAgain) {
  Document d = Voice(
      "General Ali Hassan said the road was open. Colonel John Dorrian met General Ali "
      "Hassan later. He said the talks went well.\n");
  EXPECT_EQ(SourceText(d, Of(d, 2)[0].source), "Ali Hassan");
}

TEST(VoiceTest, TheTitleRefersToThePersonWithThatTitle) {
  Document d = Voice(
      "Colonel John Dorrian arrived in Baghdad on Monday. The ministers met in the evening. "
      "The colonel said the strikes would go on.\n");
  EXPECT_EQ(SourceText(d, Of(d, 2)[0].source), "John Dorrian");
}

TEST(VoiceTest, UnnamedSources) {
  Document d = Voice(
      "Sources said the convoy was hit near the border. A representative of the Russian "
      "forces in Syria claimed that the camp was used for training.\n");
  auto a = Of(d, 0), b = Of(d, 1);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(SourceText(d, a[0].source), "Sources");
  EXPECT_EQ(a[0].source_kind, "anonymous");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(SourceText(d, b[0].source), "A representative");
  EXPECT_EQ(b[0].source_kind, "anonymous");
  EXPECT_EQ(Text(d, b[0].content), "the camp was used for training");
  EXPECT_EQ(d.mentions[b[0].source].kind, "person");
}

TEST(VoiceTest, DocumentsAreCoreferencedIntoCitations) {
  Document d = Voice(
      "A recent report from the UN Security Council said ISIS had regrouped. The report also "
      "noted new camps. A leaked 2012 memo from the Defense Intelligence Agency said the "
      "opposition was armed. The memo was never denied.\n");
  ASSERT_EQ(d.citations.size(), 2u);
  const Citation& r = d.citations[0];
  EXPECT_EQ(r.id, "c1");
  EXPECT_EQ(r.kind, "report");
  ASSERT_EQ(r.mentions.size(), 2u);
  EXPECT_EQ(Text(d, r.mentions[0]), "A recent report");
  EXPECT_EQ(Text(d, r.mentions[1]), "The report");
  EXPECT_EQ(SourceText(d, r.issuer), "UN Security Council");
  const Citation& m = d.citations[1];
  EXPECT_EQ(m.kind, "memo");
  EXPECT_EQ(m.date, "2012");
  EXPECT_EQ(SourceText(d, m.issuer), "Defense Intelligence Agency");
  ASSERT_EQ(m.mentions.size(), 2u);
  EXPECT_EQ(Text(d, m.mentions[1]), "The memo");
  // The second sentence is the report's, found through "The report".
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "The report");
}

TEST(VoiceTest, WeakVerbsAfterAnAuxiliaryAndPossessiveDocuments) {
  Document d = Voice(
      "A recent report by the UN has found that the camp was closed. The Inspector General's "
      "report mentions the same camp. A recent report published by the Pentagon Inspector "
      "General himself would claim:\n\nThe camp was never closed.\n");
  EXPECT_EQ(Of(d, 0)[0].kind, "attributed");
  EXPECT_EQ(Text(d, Of(d, 0)[0].cue), "found");
  EXPECT_EQ(SourceText(d, Of(d, 0)[0].source), "A recent report");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "report");
  EXPECT_EQ(Of(d, 2)[0].kind, "attributed");
  EXPECT_EQ(Text(d, Of(d, 2)[0].cue), "claim");
  EXPECT_EQ(Of(d, 3)[0].kind, "quoted");
  // "the Inspector General's report" is definite: the report named before.
  ASSERT_GE(d.citations.size(), 2u);
  EXPECT_EQ(d.citations[0].mentions.size(), 2u);
}

TEST(VoiceTest, ArticleTitleAndLinkMentions) {
  Document d = Voice(
      "CNN in its article, \"Thousands flee the city,\" would note: the roads were full. A "
      "recent report (entire PDF version here) published by the UN would claim that the camp "
      "was closed.\n");
  ASSERT_EQ(d.citations.size(), 2u);
  EXPECT_EQ(d.citations[0].kind, "article");
  EXPECT_EQ(d.citations[0].title, "Thousands flee the city");
  EXPECT_EQ(SourceText(d, d.citations[0].issuer), "CNN");
  EXPECT_EQ(SourceText(d, Of(d, 0)[0].source), "CNN");
  const Citation& r = d.citations[1];
  ASSERT_EQ(r.mentions.size(), 2u);
  EXPECT_EQ(Text(d, r.mentions[1]), "(entire PDF version here)");
  EXPECT_EQ(SourceText(d, r.issuer), "UN");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "A recent report");
}

TEST(VoiceTest, UrlsAreLinksToTheDocumentBeforeThemOrCitationsOfTheirOwn) {
  Document d = Voice(
      "A recent report (full text: https://example.org/un/report-2018.pdf) said the camp was "
      "closed. More maps are at www.example.com/maps.\n");
  ASSERT_EQ(d.citations.size(), 2u);
  const Citation& r = d.citations[0];
  EXPECT_EQ(r.kind, "report");
  EXPECT_EQ(r.url, "https://example.org/un/report-2018.pdf");
  ASSERT_EQ(r.mentions.size(), 2u);
  EXPECT_EQ(Text(d, r.mentions[1]), "(full text: https://example.org/un/report-2018.pdf)");
  EXPECT_EQ(d.citations[1].kind, "other");
  EXPECT_EQ(d.citations[1].url, "www.example.com/maps");
  ASSERT_EQ(d.citations[1].mentions.size(), 1u);
  EXPECT_EQ(Text(d, d.citations[1].mentions[0]), "www.example.com/maps");
}

TEST(VoiceTest, HedgesWithTheirScope) {
  Document d = Voice(
      "ISIS may have moved its fighters to the desert. On May 5 the convoy left the town. "
      "The attack was allegedly planned abroad. One wonders who paid for it.\n");
  auto a = Of(d, 0);
  EXPECT_EQ(a[0].kind, "hedged");
  EXPECT_EQ(Text(d, a[0].cue), "may have");
  EXPECT_EQ(Text(d, a[0].content), "ISIS may have moved its fighters to the desert.");
  EXPECT_EQ(Of(d, 1)[0].kind, "author");  // "May" the month
  EXPECT_EQ(Text(d, Of(d, 2)[0].cue), "allegedly");
  EXPECT_EQ(Text(d, Of(d, 3)[0].cue), "One wonders");
}

TEST(VoiceTest, Questions) {
  Document d = Voice("Why would the coalition strike its own allies? The answer is simple.\n");
  EXPECT_EQ(Of(d, 0)[0].kind, "question");
  EXPECT_EQ(Of(d, 1)[0].kind, "author");
}

TEST(VoiceTest, MixedSentenceGetsOneRecordPerClause) {
  Document d = Voice("Colonel John Dorrian said the strikes hit ISIS, but the whole town was destroyed.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].span), "Colonel John Dorrian said the strikes hit ISIS,");
  EXPECT_EQ(Text(d, v[0].content), "the strikes hit ISIS");
  EXPECT_EQ(v[1].kind, "author");
  EXPECT_EQ(Text(d, v[1].span), "but the whole town was destroyed.");
  ExpectCovered(d);
}

// Cues and hedges are looked for only at the words that may start one, from
// the clause's first word on (not the sentence's).
TEST(VoiceTest, CueAndHedgeInALaterClause) {
  Document d = Voice(
      "The convoy left the town on Monday, but the ministry said that the strikes continued. "
      "The convoy left the town on Monday, but the strikes were allegedly planned abroad.\n");
  auto a = Of(d, 0);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].kind, "author");
  EXPECT_EQ(a[1].kind, "attributed");
  EXPECT_EQ(Text(d, a[1].cue), "said");
  auto b = Of(d, 1);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].kind, "author");
  EXPECT_EQ(b[1].kind, "hedged");
  EXPECT_EQ(Text(d, b[1].cue), "allegedly");
  ExpectCovered(d);
}

TEST(VoiceTest, NotOnlyButAlsoIsOneClause) {
  Document d = Voice(
      "A representative of the Russian forces claimed that the areas were used to not only "
      "resupply, but also train, the militants.\n");
  ASSERT_EQ(Of(d, 0).size(), 1u);
}

// Clauses with no cue, hedge, quotation or question mark (the sentence is
// split only at ", but") make one author record over the sentence, with the
// first clause's rule: a heading's, where that clause is one.
TEST(VoiceTest, ClausesWithoutACueAreOneAuthorRecord) {
  Document d = Voice(
      "The convoy left the town on Monday, but the strikes continued until the evening.\n\n"
      "Local Officials And Army Commanders Met In The Capital, but nobody voted on the long "
      "resolution today.\n");
  for (int si = 0; si < 2; ++si) {
    auto v = Of(d, si);
    ASSERT_EQ(v.size(), 1u) << si;
    EXPECT_EQ(v[0].kind, "author") << si;
    EXPECT_EQ(v[0].span, d.sentences[si]) << si;
    EXPECT_FALSE(v[0].cue) << si;
    EXPECT_EQ(v[0].rule, si == 0 ? "no cue" : "heading") << si;
  }
  ExpectCovered(d);
}

TEST(VoiceTest, ReportingVerbsThatReportNothing) {
  Document d = Voice(
      "That the stronghold lies in territory held by the United States says it all. The "
      "claims of the Syrian Foreign Ministry were ignored. America's continued occupation "
      "worries Damascus. Fighters came from Turkey, paid by the Gulf states.\n");
  ASSERT_EQ(d.voice.size(), 4u);
  for (const auto& v : d.voice) EXPECT_EQ(v.kind, "author") << Text(d, v.span);
}

TEST(VoiceTest, ShortReferencesToAnOrganisation) {
  Document d = Voice(
      "The Syrian Observatory for Human Rights counted the dead. The Observatory said that "
      "rebels shelled the town. The Syrian Observatory for Human Rights monitoring group said "
      "that the strikes stopped.\n");
  // The short name is a mention of the same organisation (actors.tsv).
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "Observatory");
  EXPECT_EQ(d.mentions[Of(d, 1)[0].source].ref, "org:SOHR");
  EXPECT_EQ(SourceText(d, Of(d, 2)[0].source), "Syrian Observatory for Human Rights");
  EXPECT_EQ(Of(d, 2)[0].source_kind, "organization");
}

// "a Syrian military source told": the actor before an unnamed-source noun
// is the source; other nouns after an actor do not make it one.
TEST(VoiceTest, UnnamedSourceNounAfterAnActor) {
  Document d = Voice(
      "A Syrian military source told the agency that the bridge was cut. An army source said "
      "the road reopened. The Syrian military source of the fire was never found.\n");
  ASSERT_EQ(Of(d, 0).size(), 1u);
  EXPECT_EQ(Of(d, 0)[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, Of(d, 0)[0].source), "Syrian military");
  EXPECT_EQ(Of(d, 0)[0].source_kind, "government");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "army");
  EXPECT_EQ(Of(d, 1)[0].source_kind, "anonymous");
  EXPECT_EQ(Of(d, 2)[0].kind, "author");
}

// Unnamed sources in wire copy: a collective head ("a monitoring group"),
// the last of two heads ("an activist group"), a capitalised modifier after
// a determiner ("another Syrian source"), "according to" right before the
// head, a parenthesised abbreviation after a named subject, and a compound
// whose first part is a mention ("the Britain-based monitoring group").
TEST(VoiceTest, UnnamedSourcesInWireCopy) {
  Document d = Voice(
      "Seven people were killed on Sunday a monitoring group said. Two died, an activist group "
      "said. Another Syrian source inside the camp told the agency that the gate was shut. "
      "Food is scarce according to field sources in the province. The Syrian Network for Human "
      "Rights (SNHR) said in a report that the city fell. The Britain-based monitoring group "
      "said the count was rising. The Britain-based monitor said two more died.\n");
  const std::vector<std::string> want = {"a monitoring group", "an activist group",
                                         "Another Syrian source", "field sources",
                                         "Syrian Network for Human Rights", "monitoring group",
                                         "monitor"};
  for (size_t si = 0; si < want.size(); ++si) {
    ASSERT_EQ(Of(d, si).size(), 1u) << si;
    EXPECT_EQ(Of(d, si)[0].kind, "attributed") << si;
    EXPECT_EQ(SourceText(d, Of(d, si)[0].source), want[si]) << si;
  }
}

// Wire copy without commas: a named person opening the clause, then an
// appositive that starts with a determiner or a title, then the verb.
TEST(VoiceTest, OpeningPersonBeforeAnAppositiveWithoutCommas) {
  Document d = Voice(
      "Omar Haddad the head of the rescue service in eastern Aleppo told the agency that the "
      "hospital was hit. Doctor Samir Karimi a surgeon in Saraqib said he treated nine people. "
      "Omar Haddad met the governor and the army said the road was open.\n");
  EXPECT_EQ(SourceText(d, Of(d, 0)[0].source), "Omar Haddad");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "Samir Karimi");
  EXPECT_EQ(Of(d, 1)[0].source_kind, "person");
  // "met" is no appositive: the army is the source.
  EXPECT_EQ(SourceText(d, Of(d, 2)[0].source), "army");
  // A named organisation or state too, and a relative clause; not a name
  // after a preposition ("In Iraq a ministry statement said").
  Document o = Voice(
      "The Syrian Observatory for Human Rights which tracks the war from Britain said nine died. "
      "Russia which moved a carrier to the coast said the rebels must leave. "
      "In Iraq a local statement said the dam held.\n");
  EXPECT_EQ(SourceText(o, Of(o, 0)[0].source), "Syrian Observatory for Human Rights");
  EXPECT_EQ(SourceText(o, Of(o, 1)[0].source), "Russia");
  EXPECT_NE(SourceText(o, Of(o, 2)[0].source), "Iraq");
}

// "continued the fight" continues an action; '"…," he continued' is speech.
TEST(VoiceTest, ContinuedIsSpeechOnlyWithoutAnObject) {
  Document d = Voice(
      "Rebel units have continued the fight to hold the bridge. \"We stay,\" he continued.\n");
  ASSERT_EQ(Of(d, 0).size(), 1u);
  EXPECT_EQ(Of(d, 0)[0].kind, "author");
  EXPECT_EQ(Of(d, 1)[0].kind, "quoted");
}

// Inversion after a plain word, in copy without commas: the source after
// the verb ends the clause or goes on with "adding that"; not after "told",
// whose object is the listener.
TEST(VoiceTest, InversionWithoutAComma) {
  Document d = Voice(
      "The army shelled the town. Ten fighters were killed in the raid said the source adding "
      "that two trucks burned. Mortars struck near the embassy said the Syrian Observatory for "
      "Human Rights. Our house is gone one woman told Reuters.\n");
  EXPECT_EQ(Of(d, 1)[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "the source");
  EXPECT_EQ(Of(d, 2)[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, Of(d, 2)[0].source), "Syrian Observatory for Human Rights");
  EXPECT_NE(SourceText(d, Of(d, 3)[0].source), "Reuters");
}

// Sentence i has one record, not the author's, whose source reads want[i].
void ExpectOneSourceEach(const Document& d, const std::vector<std::string>& want) {
  for (int si = 0; si < static_cast<int>(want.size()); ++si) {
    auto r = Of(d, si);
    ASSERT_EQ(r.size(), 1u) << si;
    EXPECT_NE(r[0].kind, "author") << si;
    ASSERT_GE(r[0].source, 0) << si;
    EXPECT_EQ(SourceText(d, r[0].source), want[si]) << si;
  }
}

// A bare agent noun opening the clause is the source across "familiar
// with …"; a noun inside the clause is not ("20 militants were killed in
// the attack, said the statement").
TEST(VoiceTest, AgentNounBeforeFamiliarWith) {
  Document d = Voice("Officials familiar with the investigation said the fire was set.\n");
  ExpectOneSourceEach(d, {"Officials"});
  Document n = Voice("At least 20 militants were killed in the attack said the statement.\n");
  ASSERT_FALSE(Of(n, 0).empty());
  if (Of(n, 0)[0].source >= 0) {
    EXPECT_NE(SourceText(n, Of(n, 0)[0].source), "militants");
  }
}

// The plural present of a reporting verb is a cue once its source is found
// ("Analysts warn"); "maintain a presence" is no reporting.
TEST(VoiceTest, PluralPresentCues) {
  Document d = Voice(
      "Analysts warn that the dam could fail. Rebel groups maintain a presence in the hills.\n");
  ExpectOneSourceEach(d, {"Analysts"});
  EXPECT_EQ(Text(d, Of(d, 0)[0].cue), "warn");
  EXPECT_EQ(Text(d, Of(d, 0)[0].content), "the dam could fail");
  ASSERT_EQ(Of(d, 1).size(), 1u);
  EXPECT_EQ(Of(d, 1)[0].kind, "author");
}

// A noun phrase after the verb that a finite auxiliary follows is the
// content's subject, not an inverted source: the source is before the verb.
TEST(VoiceTest, SubjectOfTheContentIsNotAnInvertedSource) {
  Document d = Voice(
      "The governor, Piet Ramos, said the army would deploy 300 troops. The road was closed, "
      "said the army.\n");
  ExpectOneSourceEach(d, {"The governor", "army"});
  EXPECT_EQ(Text(d, Of(d, 0)[0].content), "the army would deploy 300 troops");
  // So is an unnamed head a verb follows ("the office belonged"): no
  // mention of its own; after the verb with its complement ("a spokesman
  // for the ministry") or a participle, it is the source.
  Document u = Voice(
      "The governor said the office belonged to the mayor. The talks will resume, said a "
      "spokesman for the ministry. Roads were cut, said a resident speaking by phone.\n");
  for (const Mention& m : u.mentions) EXPECT_NE(Text(u, m.span), "the office");
  ExpectOneSourceEach(u, {"The governor", "a spokesman", "a resident"});
}

// A name no entity layer knows is a source by its place: the subject of a
// reporting verb at the start of a clause (after a comma, a quotation, an
// appositive), the name after an inverted verb or after "according to".
// Capitalised common words ("Police"), headings and possessives are not.
TEST(VoiceTest, UnknownNamesNextToAReportingVerb) {
  Document d = Voice(
      "Haddad said the convoy was hit twice near the bridge. Later, Rania said she had lost "
      "her brother. Mounzer Qadri, the head of the local council, said the pumps had stopped. "
      "The road to the crossing was closed, said Hazzouri. \"We had no warning,\" Baraa "
      "told reporters. According to Nassif, the bakery was empty. The market was full, said "
      "Idlib-based activist Karim Nasser.\n");
  ExpectOneSourceEach(d, {"Haddad", "Rania", "Mounzer Qadri", "Hazzouri", "Baraa", "Nassif",
                          "Karim Nasser"});
  for (int si = 0; si < 7; ++si) {
    EXPECT_EQ(Of(d, si)[0].source_kind, "person") << si;
    EXPECT_EQ(d.mentions[Of(d, si)[0].source].kind, "person") << si;
  }
  EXPECT_EQ(d.mentions[Of(d, 0)[0].source].rule, "voice:name_before_cue");
  EXPECT_EQ(d.mentions[Of(d, 3)[0].source].rule, "voice:name_after_cue");
  EXPECT_EQ(Text(d, Of(d, 0)[0].content), "the convoy was hit twice near the bridge");
  EXPECT_EQ(Text(d, Of(d, 2)[0].content), "the pumps had stopped");
  EXPECT_EQ(Text(d, Of(d, 3)[0].content), "The road to the crossing was closed");
}

// A company no table lists: name words and a voice_org_heads.tsv word, or
// one word with "it"/"its" after the verb, is an organisation; not the
// empty "it" of "it is".
TEST(VoiceTest, UnknownCompaniesNextToAReportingVerb) {
  Document d = Voice(
      "Corvane Group said on Monday that its profit fell. "
      "Brightwater Partners, which owns a stake in the lender, believes the shares are cheap. "
      "Velmora said it would cut 200 jobs. "
      "Dorvell said it is too early to judge.\n");
  ExpectOneSourceEach(d, {"Corvane Group", "Brightwater Partners", "Velmora", "Dorvell"});
  for (int si = 0; si < 3; ++si) {
    EXPECT_EQ(Of(d, si)[0].source_kind, "organization") << si;
    // ("Partners" is also an organisation head of the actors layer.)
    EXPECT_EQ(d.mentions[Of(d, si)[0].source].rule,
              si == 1 ? "org_heads.tsv:Partners" : "voice:name_before_cue")
        << si;
  }
  EXPECT_EQ(Of(d, 3)[0].source_kind, "person");
  EXPECT_EQ(Text(d, Of(d, 1)[0].cue), "believes");
  EXPECT_EQ(Text(d, Of(d, 1)[0].content), "the shares are cheap");
  EXPECT_EQ(Text(d, Of(d, 2)[0].content), "it would cut 200 jobs");
  // A head word alone names no company.
  Document g = Voice("The Group said the talks had failed.\n");
  EXPECT_NE(Of(g, 0)[0].source_kind, "organization");
}

// "X, who …, said <mention> <verb> …": the mention after the verb is the
// content's subject, not an inverted source.
TEST(VoiceTest, SubjectWithARelativeClauseBeforeTheVerb) {
  Document d = Voice(
      "Daniel Whitford, who represents the plaintiffs, said the bank misled investors. "
      "The road was closed, said the ministry.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(SourceText(d, v[0].source), "Daniel Whitford");
  EXPECT_EQ(Text(d, v[0].content), "the bank misled investors");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "the ministry");
  EXPECT_EQ(Text(d, Of(d, 1)[0].content), "The road was closed");
}

// A belief whose clause closes with a second attribution: the content
// stops before it.
TEST(VoiceTest, ContentStopsBeforeATrailingAttribution) {
  Document d = Voice(
      "Voters in the district believe the seat is safe, according to a poll released on Friday. "
      "The central bank expects inflation to ease, said one former governor. "
      "Investors fear a recession, analysts said. "
      "The board said the plan, which costs $5 million, would go ahead.\n");
  const char* want[] = {"the seat is safe", "inflation to ease", "a recession",
                        "the plan, which costs $5 million, would go ahead"};
  for (int si = 0; si < 4; ++si) {
    ASSERT_FALSE(Of(d, si).empty()) << si;
    EXPECT_EQ(Text(d, Of(d, si)[0].content), want[si]) << si;
  }
}

// A place inside the subject's prepositional phrase, plain words before
// the place, and an outlet before an unnamed-source noun followed by a
// phrase: the head is still the source.
TEST(VoiceTest, SubjectsWithAPlaceInTheirPhrase) {
  Document d = Voice(
      "A hospital source in Hassakeh city said there were 20 dead. Residents in eastern "
      "Aleppo said they feared shortages. An AFP photographer at the scene said rescuers "
      "dug for hours. In its statement, the military said the attack was repelled.\n");
  ExpectOneSourceEach(d, {"A hospital source", "Residents", "AFP", "the military"});
  EXPECT_EQ(Text(d, Of(d, 1)[0].content), "they feared shortages");
  EXPECT_EQ(Of(d, 2)[0].source_kind, "outlet");
}

// Copy without commas runs the inverted speaker on into an appositive or an
// adjunct; a title between an organisation and a person after the verb
// makes the person the speaker.
TEST(VoiceTest, InvertedSpeakersBeforeAnAppositiveOrAfterAnOrganisation) {
  Document d = Voice(
      "\"The pumps stopped\" said Hazzouri head of the water board. \"Two people died\" said "
      "UN spokesman Martin Nesirky.\n");
  ASSERT_EQ(Of(d, 0).size(), 1u);
  EXPECT_EQ(SourceText(d, Of(d, 0)[0].source), "Hazzouri");
  EXPECT_EQ(Of(d, 0)[0].kind, "quoted");
  ASSERT_EQ(Of(d, 1).size(), 1u);
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "Martin Nesirky");
  EXPECT_EQ(Of(d, 1)[0].source_kind, "person");
}

// A participle opens the subject's phrase as a preposition does; a name
// before the description with its phrase is the source; "his office".
TEST(VoiceTest, ParticiplePhrasesAndNamesBeforeADescription) {
  Document d = Voice(
      "Fighters died near the dam, a group tracking the violence said. Karim Nasser an "
      "activist in the area told reporters the road was cut. Fabius arrived on Saturday, "
      "his office said.\n");
  ExpectOneSourceEach(d, {"a group", "Karim Nasser", "his office"});
  EXPECT_EQ(Text(d, Of(d, 0)[0].content), "Fighters died near the dam");
}

// Copy without commas: an unknown name opening the clause, then an
// indefinite description up to the verb; a named organisation before "an
// activist collective".
TEST(VoiceTest, UnknownNameBeforeADescriptionWithoutCommas) {
  Document d = Voice(
      "Ahmed a resident of the west of the city said his home was hit. Bebars Mishal a rescue "
      "worker in rebel-held Aleppo told Reuters the school was hit. The Aleppo Media Center an "
      "activist collective said 45 people were killed.\n");
  ExpectOneSourceEach(d, {"Ahmed", "Bebars Mishal", "Aleppo Media Center"});
  EXPECT_EQ(Text(d, Of(d, 0)[0].content), "his home was hit");
}

TEST(VoiceTest, CommonWordsAndHeadingsAreNoNames) {
  Document d = Voice(
      "Police said the road was closed. Haddad's office said the pumps had stopped.\n\n"
      "Haddad Says Convoy Was Hit\n\nThe convoy was hit, said Tuesday.\n");
  for (const Mention& m : d.mentions)
    EXPECT_EQ(m.rule.rfind("voice:name", 0), std::string::npos)
        << m.rule << " " << Text(d, m.span);
}

// An organisation named before its indefinite description is the source
// ("the OPCW a global watchdog said"); after a description that names
// nothing, the name in parentheses is ("the UN children's agency (UNICEF)
// said"). Other mentions before a description end the content.
TEST(VoiceTest, NamedOrganisationBeforeItsDescription) {
  Document d = Voice(
      "Sarin was used in the strike on the town the OPCW a global watchdog said. "
      "Two schools were hit in the shelling, the UN children's agency (UNICEF) said. "
      "The raid killed five civilians a monitor said.\n");
  ASSERT_EQ(Of(d, 0).size(), 1u);
  EXPECT_EQ(Of(d, 0)[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, Of(d, 0)[0].source), "OPCW");
  EXPECT_EQ(Of(d, 0)[0].source_kind, "organization");
  EXPECT_EQ(Of(d, 1)[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "UNICEF");
  EXPECT_EQ(Text(d, Of(d, 1)[0].content), "Two schools were hit in the shelling");
  EXPECT_EQ(SourceText(d, Of(d, 2)[0].source), "a monitor");
}

// What follows the verb may only say when, how or to whom (voice_adjuncts.tsv,
// dates, listeners): the content is then the clause before the source.
TEST(VoiceTest, TrailingAdjunctsAreNotTheContent) {
  Document d = Voice(
      "Eight fighters died near the dam a monitoring group said on Wednesday. "
      "\"Nobody can leave the town\" Colonel Rami Haddad told Reuters by telephone. "
      "Five people died in the raid, the ministry said in a statement late on Sunday. "
      "The ministry said on Sunday that two bridges were hit.\n");
  EXPECT_EQ(Text(d, Of(d, 0)[0].content), "Eight fighters died near the dam");
  EXPECT_EQ(Of(d, 1)[0].kind, "quoted");
  EXPECT_EQ(Text(d, Of(d, 1)[0].content), "\"Nobody can leave the town\"");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "Rami Haddad");
  EXPECT_EQ(Text(d, Of(d, 2)[0].content), "Five people died in the raid");
  // "that" after the adjunct: the content follows.
  EXPECT_EQ(Text(d, Of(d, 3)[0].content), "two bridges were hit");
  // The source's modifiers after the closing quotation are not content.
  Document m = Voice("\"The road is open\" UN aid adviser Lena Moreau told Reuters.\n");
  EXPECT_EQ(Text(m, Of(m, 0)[0].content), "\"The road is open\"");
}

// Unnamed sources of wire copy (rescue workers, personnel, evacuees); a
// reporting verb before such a head is no modifier of it.
TEST(VoiceTest, MoreUnnamedSourcesAndAVerbBeforeOne) {
  Document d = Voice(
      "The shelter collapsed, rescue workers said. "
      "Two bodies were found, civil defence personnel told Reuters. "
      "UNICEF said health workers reached the town.\n");
  EXPECT_EQ(SourceText(d, Of(d, 0)[0].source), "rescue workers");
  EXPECT_EQ(Of(d, 0)[0].source_kind, "anonymous");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "civil defence personnel");
  EXPECT_EQ(Text(d, Of(d, 1)[0].content), "Two bodies were found");
  EXPECT_EQ(SourceText(d, Of(d, 2)[0].source), "UNICEF");
  EXPECT_EQ(Text(d, Of(d, 2)[0].content), "health workers reached the town");
  // The unnamed source before a preposition, not the agent word in the
  // name after it.
  Document p = Voice("A source at Tartus Police Command told SANA that a shell hit the port.\n");
  EXPECT_EQ(SourceText(p, Of(p, 0)[0].source), "A source");
  EXPECT_EQ(Of(p, 0)[0].source_kind, "anonymous");
  // Across two prepositional phrases; "claimed the lives" reports nothing.
  Document q = Voice(
      "An official at the mayor's office in Homs said ten rockets fell. "
      "The blast in Homs has claimed the lives of nine people.\n");
  EXPECT_EQ(SourceText(q, Of(q, 0)[0].source), "official");
  EXPECT_EQ(Of(q, 1)[0].kind, "author");
  // "one" is the quantities layer's, and still a determiner of the head.
  Document o = Voice("\"The water is gone,\" one resident said. One resident said the school was shut.\n");
  ASSERT_EQ(Of(o, 0).size(), 1u);
  EXPECT_EQ(Of(o, 0)[0].kind, "quoted");
  EXPECT_EQ(SourceText(o, Of(o, 0)[0].source), "resident");
  EXPECT_EQ(Text(o, Of(o, 0)[0].content), "\"The water is gone,\"");
  EXPECT_EQ(SourceText(o, Of(o, 1)[0].source), "resident");
  EXPECT_EQ(Text(o, Of(o, 1)[0].content), "the school was shut");
}

TEST(VoiceTest, WireCopyWithoutCommas) {
  Document d = Voice(
      "Air strikes near a hospital killed at least 10 civilians said the Syrian Observatory for "
      "Human Rights. The militants took 900 civilians hostage according to the Observatory and "
      "Kurdish officials. According to the Britain-based Syrian Observatory for Human Rights "
      "there were three airstrikes. Residents said ISIS fighters left.\n");
  for (int si : {0, 1, 2}) {
    EXPECT_EQ(SourceText(d, Of(d, si)[0].source),
              si == 1 ? "Observatory" : "Syrian Observatory for Human Rights")
        << si;
    EXPECT_EQ(d.mentions[Of(d, si)[0].source].ref, "org:SOHR") << si;
    EXPECT_EQ(Of(d, si)[0].source_kind, "organization") << si;
  }
  EXPECT_EQ(SourceText(d, Of(d, 3)[0].source), "Residents");
  EXPECT_EQ(Of(d, 3)[0].source_kind, "anonymous");
  // A person's appositive after the inverted verb ("… said Karim Nasser
  // director of the clinic").
  Document a = Voice("Jets hit the clinic twice said Karim Nasser director of the clinic.\n");
  ASSERT_EQ(Of(a, 0).size(), 1u);
  EXPECT_EQ(SourceText(a, Of(a, 0)[0].source), "Karim Nasser");
  EXPECT_EQ(Text(a, Of(a, 0)[0].content), "Jets hit the clinic twice");
  // A capitalised word before the title after the verb: the person is the source.
  Document t = Voice(
      "The blast killed a nurse and two soldiers said Observatory director Rami Abdel Rahman.\n");
  ASSERT_EQ(Of(t, 0).size(), 1u);
  EXPECT_EQ(SourceText(t, Of(t, 0)[0].source), "Rami Abdel Rahman");
}

TEST(VoiceTest, SourceBeforeAPrepositionalPhrase) {
  Document d = Voice(
      "Sources in the camp said food prices had tripled since December. Residents of the "
      "Rukban camp told aid workers in February that no convoy had arrived.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(SourceText(d, v[0].source), "Sources");
  EXPECT_EQ(Text(d, v[0].content), "food prices had tripled since December");
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "Residents");
  EXPECT_EQ(Text(d, Of(d, 1)[0].content), "no convoy had arrived");
}

TEST(VoiceTest, BeliefAndForecastVerbsOfUnnamedHolders) {
  Document d = Voice(
      "Several investors fear that the bank will cut its payout. "
      "Strategists at Halvorsen Brothers forecast a weaker dollar next year. "
      "The utility hopes to sell the plant by June. "
      "Most shareholders doubt the merger will close. "
      "Opponents of the mayor say the tax is unfair. "
      "Many traders worry that the rally will fade. "
      "Several lawmakers urged the agency to delay the rule.\n");
  ExpectAttributed(d, {
      {"investors", "fear", "the bank will cut its payout"},
      {"Strategists", "forecast", "a weaker dollar next year"},
      {"The utility", "hopes", "to sell the plant by June"},
      {"shareholders", "doubt", "the merger will close"},
      {"Opponents", "say", "the tax is unfair"},
      {"Many traders", "worry", "the rally will fade"},
      {"lawmakers", "urged", "the agency to delay the rule"},
  });
  for (int si = 0; si < 7; ++si) EXPECT_EQ(Of(d, si)[0].source_kind, "anonymous") << si;
  // The nouns and the worries report nothing; "is expected to" has no
  // holder.
  Document n = Voice(
      "Fears of a wider war grew on Monday. Residents fear for their homes. "
      "The council is expected to vote on Friday.\n");
  for (int si = 0; si < 3; ++si) EXPECT_EQ(Of(n, si)[0].kind, "author") << si;
}

TEST(VoiceTest, RepliesCitationsCourtPapersAndUnnamedOffices) {
  Document d = Voice(
      "Republicans countered that the bridge needed the money. "
      "The ministry reiterated that the accounts were sound. "
      "Several farmers cited the drought as the reason for the losses. "
      "The lawsuit, filed in a state court, alleges that the mill polluted the river. "
      "The report recommended a new board. "
      "The election commission warned that turnout could fall. "
      "Turnout may fall below half, the committee said on Sunday. "
      "Trenholm Pharma said on Thursday that it would appeal. "
      "The president said he would sign the bill.\n");
  ExpectAttributed(d, {
      {"Republicans", "countered", "the bridge needed the money"},
      {"The ministry", "reiterated", "the accounts were sound"},
      {"farmers", "cited", "the drought as the reason for the losses"},
      {"The lawsuit", "alleges", "the mill polluted the river"},
      {"The report", "recommended", "a new board"},
      {"The election commission", "warned", "turnout could fall"},
      {"the committee", "said", "Turnout may fall below half"},
      {"Trenholm Pharma", "said", "it would appeal"},
      {"The president", "said", "he would sign the bill"},
  });
  ExpectCovered(d);
}

TEST(VoiceTest, UnnamedSourcesWithNestedPhrasesAndOffices) {
  Document d = Voice(
      "Two people with knowledge of the plan said the vote would be delayed. "
      "Customs officers speaking on condition of anonymity said the gate was shut. "
      "Her attorney said she would appeal the verdict. "
      "The candidate has said repeatedly that he will not raise taxes. "
      "It is widely believed that the vote will be close. "
      "Rivals have complained that the rules favour incumbents. "
      "Federal prosecutors charged that the clerks hid the ledgers. "
      "Many economists now think the slump will end.\n");
  ExpectAttributed(d, {
      {"people", "said", "the vote would be delayed"},
      {"officers", "said", "the gate was shut"},
      {"Her attorney", "said", "she would appeal the verdict"},
      {"The candidate", "said", "he will not raise taxes"},
      {"(none)", "It is widely believed that", "the vote will be close"},
      {"Rivals", "complained", "the rules favour incumbents"},
      {"prosecutors", "charged that", "the clerks hid the ledgers"},
      {"Many economists", "think", "the slump will end"},
  });
}

// "The company" is the organisation that spoke last; "the ministry" the
// last speaker with "ministry" in its name; neither jumps to a name that
// did not speak ("the media" after the Aleppo Media Center was named).
TEST(VoiceTest, TheCompanyAndTheMinistryAreTheNamedSpeaker) {
  Document d = Voice(
      "Trenholm Pharma said on Monday that it would appeal. The company said the ruling "
      "was wrong. The Interior Ministry said the border was open. The ministry added "
      "that trucks were waiting. A volunteer with the Aleppo Media Center was hurt. "
      "The media said the road was closed.\n");
  const char* want[] = {"Trenholm Pharma", "Trenholm Pharma", "Interior Ministry",
                        "Interior Ministry"};
  for (int si = 0; si < 4; ++si) {
    auto v = Of(d, si);
    ASSERT_EQ(v.size(), 1u) << si;
    EXPECT_EQ(SourceText(d, v[0].source), want[si]) << si;
  }
  EXPECT_EQ(SourceText(d, Of(d, 5)[0].source), "The media");
}

// "One of them said" is the latest group speaker; "them" as an object is
// no source.
TEST(VoiceTest, OneOfThemIsTheLatestGroup) {
  Document d = Voice(
      "Western diplomats believe the delay is tactical. One of them said the real dispute "
      "was over customs revenue. Nobody showed the recruits how to use them complained a "
      "young fighter.\n");
  auto v = Of(d, 1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(SourceText(d, v[0].source), "Western diplomats");
  EXPECT_EQ(Text(d, v[0].content), "the real dispute was over customs revenue");
  for (const auto& r : Of(d, 2)) EXPECT_NE(SourceText(d, r.source), "Western diplomats");
}

// "… arguing that …" reports the subject of the verb phrase before it.
TEST(VoiceTest, ArguingAfterAComma) {
  Document d = Voice(
      "Norway backed the plan at the Security Council arguing that it called for a truce.\n");
  auto v = Of(d, 0);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, "attributed");
  EXPECT_EQ(Text(d, v[0].cue), "arguing");
  EXPECT_EQ(SourceText(d, v[0].source), "Norway");
  EXPECT_EQ(Text(d, v[0].content), "it called for a truce");
}

TEST(VoiceTest, RelativeClauseSubjectAndCitedAsSaying) {
  // "which" names the mention right before it, not the head of the phrase
  // that mention ends; "cited X as saying" gives the voice to X.
  Document d = Voice(
      "The embassy did not respond to the allegations by Amnesty International "
      "which cited interviews with six witnesses. "
      "A state radio station cited the Interior Ministry as saying on Friday.\n");
  auto a = Of(d, 0);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(SourceText(d, a[0].source), "Amnesty International");
  EXPECT_EQ(Text(d, a[0].cue), "cited");
  EXPECT_EQ(Text(d, a[0].content), "interviews with six witnesses");
  auto b = Of(d, 1);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Text(d, b[0].cue), "saying");
  EXPECT_EQ(SourceText(d, b[0].source), "Interior Ministry");
}

TEST(VoiceTest, ClaimsCarryTheirSlotsVoiceAndSource) {
  Document d = Voice(
      "Coalition jets killed 83 Syrian soldiers near Deir El-Zour on 17 September 2016, the "
      "Syrian Foreign Ministry said. I think this is absurd.\n");
  ASSERT_EQ(d.claims.size(), 1u);
  const Claim& c = d.claims[0];
  EXPECT_EQ(c.kind, "numeric");
  EXPECT_EQ(c.voice, "attributed");
  EXPECT_EQ(SourceText(d, c.source), "Syrian Foreign Ministry");
  ASSERT_EQ(c.quantities.size(), 1u);
  EXPECT_EQ(SourceText(d, c.quantities[0]), "83");
  ASSERT_EQ(c.places.size(), 1u);
  EXPECT_EQ(SourceText(d, c.places[0]), "Deir El-Zour");
  EXPECT_EQ(c.dates.size(), 1u);
  EXPECT_GE(c.checkworthy, 0.9);
}

// Session 21 (branch voice): attribution forms of general news writing.
// The record of a one-sentence clause, checked field by field.
void ExpectOne(const Document& d, int si, const char* kind, const char* source, const char* cue,
               const char* content) {
  auto v = Of(d, si);
  ASSERT_EQ(v.size(), 1u) << si;
  EXPECT_EQ(v[0].kind, kind) << si;
  EXPECT_EQ(SourceText(d, v[0].source), source) << si;
  EXPECT_EQ(Text(d, v[0].cue), cue) << si;
  EXPECT_EQ(Text(d, v[0].content), content) << si;
}

TEST(VoiceTest, AccusationsAreAttributedButTheirPassivesAreNot) {
  Document d = Voice(
      "The interior ministry accused the rebels of shelling a market in Homs. Four officers "
      "accused of torture appeared in court on Monday. Provincial governor Umar Kachalla blamed "
      "the ministry for the delays. The attack which the army blamed on the rebels killed six "
      "people.\n");
  ExpectOne(d, 0, "attributed", "The interior ministry", "accused",
            "the rebels of shelling a market in Homs");
  ExpectOne(d, 1, "author", "(none)", "(none)", "(none)");
  // A name no layer knew after a title opening the clause.
  ExpectOne(d, 2, "attributed", "Umar Kachalla", "blamed", "the ministry for the delays");
  ExpectOne(d, 3, "author", "(none)", "(none)", "(none)");
}

TEST(VoiceTest, APassiveHasNoSourceButIsSaidToIsACue) {
  Document d = Voice(
      "The residents were told that the camp would close. The commander is said to have fled "
      "to Turkey.\n");
  ExpectOne(d, 0, "author", "(none)", "(none)", "(none)");
  ExpectOne(d, 1, "attributed", "(none)", "is said to",
            "The commander is said to have fled to Turkey");
}

TEST(VoiceTest, ACueInCommasInsideTheContent) {
  Document d = Voice("The convoy, the ministry said, was hit by two rockets.\n");
  ExpectOne(d, 0, "attributed", "the ministry", "said",
            "The convoy, the ministry said, was hit by two rockets");
}

TEST(VoiceTest, WordsBeforeTheSourceAfterACommaAreNoContent) {
  Document d = Voice(
      "In a statement posted on its website, the Kurdish Red Crescent denied any involvement. "
      "At a news conference, the navy commander, Admiral Erik Solheim, said the ship had sunk. "
      "Opening the hearing, prosecutor Helen Gray told the court that the loans were never "
      "repaid. Savers have formed a group, whose chairman, Peter Quinn, said the inquiry was "
      "overdue.\n");
  // The statement is how the Red Crescent spoke, not a speaker of "posted".
  ExpectOne(d, 0, "attributed", "Red Crescent", "denied", "any involvement");
  // The name in the appositive, not the description before it.
  ExpectOne(d, 1, "attributed", "Erik Solheim", "said", "the ship had sunk");
  ExpectOne(d, 2, "attributed", "Helen Gray", "told", "the loans were never repaid");
  ExpectOne(d, 3, "attributed", "Peter Quinn", "said", "the inquiry was overdue");
}

TEST(VoiceTest, AccordingToFiguresAndAPlaceNamedState) {
  Document d = Voice(
      "Exports fell by 9 percent, according to figures from the customs office. Floods "
      "displaced 2,000 people in Kano state, the emergency agency said. Two clinics closed on "
      "Monday, the health ministry said in a statement.\n");
  ExpectOne(d, 0, "attributed", "figures", "according to", "Exports fell by 9 percent");
  EXPECT_EQ(Of(d, 0)[0].source_kind, "document");
  ExpectOne(d, 1, "attributed", "the emergency agency", "said",
            "Floods displaced 2,000 people in Kano state");
  ExpectOne(d, 2, "attributed", "the health ministry", "said", "Two clinics closed on Monday");
  // "figures" is a document only after "according to".
  Document e = Voice("The casualty figures reported by the two sides could not be reconciled.\n");
  ExpectOne(e, 0, "author", "(none)", "(none)", "(none)");
}

TEST(VoiceTest, AParticipleAfterACommaSpeaksForTheSubject) {
  Document d = Voice("The provincial ministry rejected the claim, saying the dam was safe.\n");
  ExpectOne(d, 0, "attributed", "The provincial ministry", "saying", "the dam was safe");
}

TEST(VoiceTest, ItAndTheMinistryResolveToTheSpeakerBefore) {
  Document d = Voice(
      "The Danish Refugee Council said in a statement that 300 families had fled. It warned "
      "of shortages of fuel.\n\nThe foreign ministry said it had received no proposal. The "
      "ministry added that talks would resume in May.\n");
  // "a statement" only says how the council spoke.
  EXPECT_EQ(SourceText(d, Of(d, 1)[0].source), "Danish Refugee Council");
  // An unnamed speaker with the same head.
  ExpectOne(d, 3, "attributed", "The foreign ministry", "added", "talks would resume in May");
}

TEST(VoiceTest, UnnamedSourcesAcrossCountsConjunctionsAndPossessives) {
  Document d = Voice(
      "Lawyers for the three men deny the charges. No group claimed the blast but supporters "
      "of the militia blamed rival fighters. The employers' federation said it backed the "
      "cuts. Business groups and unions both said the plan should protect jobs.\n");
  ExpectOne(d, 0, "attributed", "Lawyers", "deny", "the charges");
  ExpectOne(d, 1, "attributed", "supporters", "blamed", "rival fighters");
  ExpectOne(d, 2, "attributed", "federation", "said", "it backed the cuts");
  ExpectOne(d, 3, "attributed", "unions", "said", "the plan should protect jobs");
}

TEST(VoiceTest, EverySentenceIsCovered) {
  Document d = Voice(
      "The war went on. \"Nobody knows,\" he said; the ministry denied it, but reporters "
      "saw the camp. Was it true? Perhaps. \"\"\n\n"
      "A paragraph with an \"unbalanced quote that never ends\n\n"
      "Last one.\n");
  ExpectCovered(d);
}

TEST(VoiceTest, HostileInputsDoNotBreakTheLayer) {
  std::string many_quotes;
  for (int i = 0; i < 2000; ++i) many_quotes += "\"said \" ";
  std::string long_sentence = "The ministry said that";
  for (int i = 0; i < 3000; ++i) long_sentence += " the report said that";
  long_sentence += ".\n";
  // Many document mentions and no parenthesis anywhere: each mention's
  // look-ups stay inside its sentence (this takes minutes if they do not).
  std::string many_reports;
  for (int i = 0; i < 20000; ++i) many_reports += "The report said the DIA memo was sent. ";
  many_reports += "\n";
  {
    std::optional<Document> d = TryVoice(many_reports);
    ASSERT_TRUE(d);
    ASSERT_EQ(d->citations.size(), 2u);  // the report, the DIA memo
    EXPECT_EQ(d->citations[0].mentions.size(), 20000u);
  }
  for (const std::string& t : {many_reports, many_quotes + "\n", long_sentence,
                               std::string("\xE2\x80\x9C\xE2\x80\x9C\xE2\x80\x9C said: ? ; , but\n"),
                               std::string("According to\n\nsaid:\n\n:\n")}) {
    std::optional<Document> od = TryVoice(t);
    if (!od) continue;  // the cleaner found no article text
    const Document& d = *od;
    ExpectCovered(d);
    for (const auto& c : d.citations) {
      EXPECT_FALSE(c.mentions.empty());
      EXPECT_LT(c.issuer, static_cast<int>(d.mentions.size()));
    }
  }
}

// The voice layer's lookups by first word: FirstWordTable::FindPadded (the
// key in one load) agrees with Find and ignores the bytes after the word;
// ids are dense and distinct; PhraseTable::MatchFirst (rows by id) agrees
// with Match (rows by the word).
TEST(VoiceInternalTest, FirstWordIdsAndPaddedLookups) {
  using voice_internal::FirstWordTable;
  using voice_internal::PhraseRow;
  using voice_internal::PhraseTable;
  const voice_internal::StringMap<uint8_t> words{
      {"the", 1}, {"a", 2}, {"according", 4}, {"spokesman", 8}, {"it's", 16}, {"12345678", 32}};
  FirstWordTable t;
  t.Build(words);
  ASSERT_EQ(t.size(), words.size());
  std::vector<bool> seen(t.size(), false);
  for (const auto& [w, bits] : words) {
    uint32_t id = 1000, padded_id = 2000;
    EXPECT_EQ(t.Find(w, &id), bits) << w;
    const std::string buf = w + "zzzzzzzz";  // other bytes after the word
    EXPECT_EQ(t.FindPadded(buf.data(), w.size(), &padded_id), bits) << w;
    EXPECT_EQ(id, padded_id) << w;
    ASSERT_LT(id, t.size());
    EXPECT_FALSE(seen[id]) << w;
    seen[id] = true;
  }
  uint32_t id = 0;
  const std::string the = std::string("thezzzzz") + std::string(8, '\0');
  EXPECT_EQ(t.FindPadded(the.data(), 2, &id), 0);  // "th"
  const std::string according = "according" + std::string(8, '\0');
  EXPECT_EQ(t.FindPadded(according.data(), 8, &id), 0);  // "accordin"
  EXPECT_EQ(t.FindPadded(according.data(), 9, &id), 4);

  PhraseTable phrases;
  for (const char* text : {"according to", "the report", "the", "a"}) {
    PhraseRow row;
    row.words = voice_internal::PhraseTokens(text);
    row.text = text;
    phrases.Add(std::move(row));
  }
  phrases.IndexFirstWords(t);
  const std::vector<std::string_view> low{"according", "to", "the", "report", "a", "said"};
  const std::vector<char> lower(low.size(), 1);
  for (size_t i = 0; i < low.size(); ++i) {
    uint32_t first = static_cast<uint32_t>(-1);
    t.Find(low[i], &first);
    size_t n1 = 0, n2 = 0;
    const PhraseRow* by_word = phrases.Match(low, lower, i, low.size(), &n1);
    const PhraseRow* by_id = phrases.MatchFirst(
        first, [&](size_t k) { return low[k]; }, [&](size_t k) { return lower[k] != 0; }, i,
        low.size(), &n2);
    EXPECT_EQ(by_word, by_id) << low[i];
    EXPECT_EQ(n1, n2) << low[i];
  }
}

}  // namespace
}  // namespace dossier
