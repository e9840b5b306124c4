#include "clean/cleaner.h"

#include <gtest/gtest.h>

#include "dossier/content_id.h"
#include "test_util.h"

namespace dossier {
namespace {

class CleanerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto lex = Lexicon::Load({testing::DataDir()});
    ASSERT_TRUE(lex.ok()) << lex.status().ToString();
    lexicon_ = *lex;
  }
  std::unique_ptr<Cleaner> MakeCleaner(CleanOptions o = {}) {
    auto c = Cleaner::Create(lexicon_, o);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(c).value();
  }
  static RawDocument Raw(std::string text, Format f = Format::kText) {
    RawDocument r;
    r.path = "test.txt";
    r.format = f;
    r.encoding = "utf-8";
    r.raw = std::make_shared<const std::string>(text);
    r.body = text;
    r.body_map = OffsetMap::Identity(text.size());
    r.id = ContentId(text);
    return r;
  }
  Document Clean(const std::string& text, CleanOptions o = {}) {
    auto c = MakeCleaner(o);
    auto d = c->Clean(Raw(text));
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? std::move(d).value() : Document();
  }
  // Every byte of text that was copied maps to the same byte in raw.
  static void ExpectCopiedBytesMapBack(const Document& d) {
    for (const auto& p : d.raw_map.pieces()) {
      if (!p.copy) continue;
      EXPECT_EQ(d.text.substr(p.out_begin, p.out_end - p.out_begin),
                d.raw->substr(p.in_begin, p.in_end - p.in_begin));
    }
  }
  static std::shared_ptr<const Lexicon> lexicon_;
};
std::shared_ptr<const Lexicon> CleanerTest::lexicon_;

const char kRepublished[] =
    "\n\nThe Checkpoint Economy of the Desert Road\n\n"
    "Every convoy pays twice, once at each end of the highway.\n\n"
    "By [Karim Nassar](#)\n\n"
    "Global Research, November 3, 2020\n\n"
    "[Desert Dispatch](#) 1 November 2020\n\n"
    "Region: [Middle East & North Africa](#)\n\n"
    "Theme: [Law and Justice](#), [US NATO War](#)\n[Agenda](#)\n\n"
    "In-depth Report: [SYRIA](#)\n\n"
    "Note to readers: please click the share buttons above\n\n"
    "Drivers on the M4 highway told [our reporter](#) that militias collect fees at eleven "
    "checkpoints between Aleppo and the coast, and that prices doubled in October.\n\n"
    "According to a *trader* in Saraqib:\n\n"
    "Each truck pays 150 dollars at the first barrier and more at the last one.\n\n"
    "A photo of the queue at the Saraqib crossing. (Source: [Local Council](#))\n\n"
    "*\n\n"
    "Karim Nassar is a freelance journalist based in Gaziantep who writes for Desert Dispatch.\n\n"
    "The original source of this article is [Desert Dispatch](#)\n"
    "Copyright \xC2\xA9 [Karim Nassar](#), [Desert Dispatch](#), 2020\n\n"
    "[Comment on Global Research Articles on our Facebook page](#)\n\n"
    "Become a Member of Global Research\n\n"
    "Articles by: **Karim Nassar**\n\n"
    "Disclaimer: The contents of this article are the author's sole responsibility.\n\n"
    "For media inquiries: press@example.org";

TEST_F(CleanerTest, ExtractsTitleBylineOutletDateAndRepublication) {
  Document d = Clean(kRepublished);
  EXPECT_EQ(d.meta.title.value_or(""), "The Checkpoint Economy of the Desert Road");
  ASSERT_EQ(d.meta.authors.size(), 1u);
  EXPECT_EQ(d.meta.authors[0], "Karim Nassar");
  EXPECT_EQ(d.meta.outlet.value_or(""), "Global Research");
  EXPECT_EQ(d.meta.published.value_or(""), "2020-11-03");
  EXPECT_EQ(d.meta.republished_from.outlet.value_or(""), "Desert Dispatch");
  EXPECT_EQ(d.meta.republished_from.published.value_or(""), "2020-11-01");
}

TEST_F(CleanerTest, KeepsOnlyTheArticleText) {
  Document d = Clean(kRepublished);
  EXPECT_EQ(d.text,
            "Every convoy pays twice, once at each end of the highway.\n\n"
            "Drivers on the M4 highway told our reporter that militias collect fees at eleven "
            "checkpoints between Aleppo and the coast, and that prices doubled in October.\n\n"
            "According to a trader in Saraqib:\n\n"
            "Each truck pays 150 dollars at the first barrier and more at the last one.");
  ExpectCopiedBytesMapBack(d);
}

TEST_F(CleanerTest, LinkTextMapsToItsRawPosition) {
  Document d = Clean(kRepublished);
  size_t at = d.text.find("our reporter");
  ASSERT_NE(at, std::string::npos);
  size_t raw_at = d.raw_map.MapBegin(at);
  EXPECT_EQ(d.raw->substr(raw_at - 1, 13), "[our reporter");
  EXPECT_EQ(d.raw_map.MapEnd(at + 12), raw_at + 12);
}

TEST_F(CleanerTest, CombinedBylineLineIsSplitIntoNameOutletAndDate) {
  Document d = Clean(
      "Is the Truce in Idlib Over?\n\n"
      "By <u>Nadia Farouk</u> Global Research, June 2, 2020 Region: <u>Middle East</u> Theme: "
      "<u>Terrorism</u> In-depth Report: <u>SYRIA</u>\n\n"
      "The guns fell silent for eleven days. Then the shelling of Ariha began again, and the "
      "roads south filled with families once more.\n\n"
      "Nobody in the town believes the truce will return soon.");
  EXPECT_EQ(d.meta.title.value_or(""), "Is the Truce in Idlib Over?");
  ASSERT_EQ(d.meta.authors.size(), 1u);
  EXPECT_EQ(d.meta.authors[0], "Nadia Farouk");
  EXPECT_EQ(d.meta.outlet.value_or(""), "Global Research");
  EXPECT_EQ(d.meta.published.value_or(""), "2020-06-02");
  EXPECT_EQ(d.text.find("Region"), std::string::npos);
}

// The head rules are screened by a set holding their patterns widened
// (\p{Lu} becomes any non-ASCII character too); the rule's own regex decides.
TEST_F(CleanerTest, BylineNamesMustBeLettersEvenPastTheWidenedScreen) {
  const std::string body =
      "\n\nThe water trucks reached the camp at dawn and left before noon, watched by the "
      "guards at the gate.\n";
  Document quoted = Clean("Trucks at the Gate\n\nBy \u201CNadia Farouk\u201D" + body);
  EXPECT_TRUE(quoted.meta.authors.empty());
  EXPECT_EQ(quoted.text.substr(0, 21), "By \u201CNadia Farouk\u201D");  // not a byline: kept
  Document accented = Clean("Trucks at the Gate\n\nBy \u00C9mile Za\u00EFd" + body);
  ASSERT_EQ(accented.meta.authors.size(), 1u);
  EXPECT_EQ(accented.meta.authors[0], "\u00C9mile Za\u00EFd");
  EXPECT_EQ(accented.text.find("By"), std::string::npos);
}

TEST_F(CleanerTest, BioSayingWhereItWasFirstPublishedGivesRepublication) {
  Document d = Clean(
      "Supply Lines Through the Desert\n\n"
      "By Samir Haddad\n\n"
      "Global Research, May 5, 2019\n\n"
      "The route from the border crossing runs for 200 kilometres through open desert, and "
      "every truck on it is watched.\n\n"
      "Those who control it decide who eats in the eastern villages.\n\n"
      "Samir Haddad is a Beirut-based analyst and writer, especially for the magazine "
      "\"Eastern Ledger\" where this article was originally published.\n\n"
      "The original source of this article is Global Research Copyright \xC2\xA9 Samir Haddad, "
      "Global Research, 2019");
  EXPECT_EQ(d.meta.outlet.value_or(""), "Global Research");
  EXPECT_EQ(d.meta.republished_from.outlet.value_or(""), "Eastern Ledger");
  EXPECT_EQ(d.text.find("Beirut-based"), std::string::npos);
  EXPECT_EQ(d.text.find("original source"), std::string::npos);
}

TEST_F(CleanerTest, CommentSectionIsSeparatedAndGivesTitle) {
  Document d = Clean(
      "The convoy reached the camp after eleven weeks of waiting, aid workers said on Monday.\n\n"
      "Families queued through the night for flour and blankets.\n\n"
      "Leila Aziz\n"
      "Desert Dispatch\n"
      "Read the source : Here !\n\n"
      "2 thoughts on \xE2\x80\x9C" "Eleven Weeks at the Berm\xE2\x80\x9D" "\n\n"
      "  1. A translation:\n"
      "    Le convoi a atteint le camp.\n\n"
      "  2. Thank you for this report.\n\n"
      "Leave a Comment\n\n"
      "This site uses Akismet to reduce spam.");
  EXPECT_EQ(d.meta.title.value_or(""), "Eleven Weeks at the Berm");
  ASSERT_EQ(d.meta.authors.size(), 1u);
  EXPECT_EQ(d.meta.authors[0], "Leila Aziz");
  EXPECT_EQ(d.meta.outlet.value_or(""), "Desert Dispatch");
  EXPECT_EQ(d.text,
            "The convoy reached the camp after eleven weeks of waiting, aid workers said on "
            "Monday.\n\nFamilies queued through the night for flour and blankets.");
  ASSERT_EQ(d.comments.size(), 2u);
  EXPECT_EQ(d.comments[0].text, "A translation:\nLe convoi a atteint le camp.");
  EXPECT_EQ(d.comments[1].text, "Thank you for this report.");
  EXPECT_EQ(d.raw->substr(d.comments[1].raw.begin, d.comments[1].raw.end - d.comments[1].raw.begin),
            "Thank you for this report.");
}

TEST_F(CleanerTest, MonthOnlyDatelineHasMonthPrecision) {
  Document d = Clean(
      "MAY 2022\n\n"
      "Militants Regroup in the Badia Desert\n\n"
      "Click to see full-size image\n\n"
      "Officials said on Tuesday that cells of fighters had regrouped in the desert south of "
      "the river over the past month.\n\n"
      "The claim could not be verified independently.");
  EXPECT_EQ(d.meta.published.value_or(""), "2022-05");
  EXPECT_EQ(d.meta.title.value_or(""), "Militants Regroup in the Badia Desert");
  EXPECT_EQ(d.text.find("Click"), std::string::npos);
}

TEST_F(CleanerTest, WireDatelineAndRepeatedTitleAreRemovedFromBody) {
  auto c = MakeCleaner();
  RawDocument r = Raw(
      "Tue 14 Mar 2017 Mortar shells hit Damascus old city. Three mortar shells landed near "
      "the Umayyad Mosque on Tuesday wounding five people state media said. Read Also");
  r.format = Format::kCsv;
  r.given.title = "Mortar shells hit Damascus old city";
  auto d = c->Clean(r);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text,
            "Three mortar shells landed near the Umayyad Mosque on Tuesday wounding five people "
            "state media said.");
  EXPECT_EQ(d->meta.published.value_or(""), "2017-03-14");
  EXPECT_EQ(d->meta.title.value_or(""), "Mortar shells hit Damascus old city");
}

// A place dateline in capitals with an optional agency and a dash opens wire
// copy: dropped, the agency is the outlet, or where the copy came from under
// another outlet's name; the agencies' credit line goes too.
// A wire dateline's agency and dash leave the text; its toponym stays as a
// paragraph of its own (geoparsers and readers count it), mapped to its raw
// bytes.
TEST_F(CleanerTest, PlaceDatelineAndWireCreditsAreRemoved) {
  Document d = Clean(
      "BEIRUT (Reuters) - Shells hit the market on Monday, a monitor said.\n\n"
      "The army denied it.\n\nReporting by Lena Marsh in Amman; editing by Tom Ruiz.");
  EXPECT_EQ(d.text,
            "BEIRUT\n\nShells hit the market on Monday, a monitor said.\n\nThe army denied it.");
  EXPECT_EQ(d.raw_map.MapBegin(0), 0u);
  EXPECT_EQ(d.raw_map.MapBegin(8), 19u);  // "Shells", after "(Reuters) - "
  EXPECT_EQ(d.meta.outlet.value_or(""), "Reuters");
  EXPECT_FALSE(d.meta.republished_from.outlet.has_value());
  ExpectCopiedBytesMapBack(d);
  auto c = MakeCleaner();
  RawDocument r = Raw("DAMASCUS, Syria (Reuters) \xE2\x80\x94 Shells hit the market on Monday.");
  r.given.outlet = "Daily Sabah";
  auto carried = c->Clean(r);
  ASSERT_TRUE(carried.ok());
  EXPECT_EQ(carried->text, "DAMASCUS, Syria\n\nShells hit the market on Monday.");
  EXPECT_EQ(carried->meta.republished_from.outlet.value_or(""), "Reuters");
  EXPECT_EQ(Clean("KESSA \xE2\x80\x94 Rain forced 4,000 people from their homes.").text,
            "KESSA\n\nRain forced 4,000 people from their homes.");
  // Not a dateline, not a credit line.
  const std::string keep =
      "ISIS fighters - some of them foreign - held the town.\n\nReporting by the agency has "
      "shown that the fees doubled in October.";
  EXPECT_EQ(Clean(keep).text, keep);
}

// A date in the dateline, between the place and the agency: it leaves the
// text with them and is the published date when it has a year. Agencies
// that write the place in title case give a date and their name with it.
TEST_F(CleanerTest, DatedWireDatelines) {
  Document d = Clean("TARVEN, Norland, March 3, 2019 (Reuters) - Shells hit the market.");
  EXPECT_EQ(d.text, "TARVEN, Norland\n\nShells hit the market.");
  EXPECT_EQ(d.meta.published.value_or(""), "2019-03-03");
  EXPECT_EQ(d.meta.outlet.value_or(""), "Reuters");
  ExpectCopiedBytesMapBack(d);
  Document yearless = Clean("TARVEN, March 3 (Reuters) - Shells hit the market.");
  EXPECT_EQ(yearless.text, "TARVEN\n\nShells hit the market.");
  EXPECT_FALSE(yearless.meta.published.has_value());
  Document title = Clean("Tarven, 3 March 2019 (AFP) \xE2\x80\x94 Shells hit the market.");
  EXPECT_EQ(title.text, "Tarven\n\nShells hit the market.");
  EXPECT_EQ(title.meta.published.value_or(""), "2019-03-03");
  // Agencies that write their name after the place without brackets.
  Document sana = Clean("Tarven, SANA \xE2\x80\x93 Shells hit the market.");
  EXPECT_EQ(sana.text, "Tarven\n\nShells hit the market.");
  EXPECT_EQ(sana.meta.outlet.value_or(""), "SANA");
  // Title case with no agency is a sentence, not a dateline; nor is a
  // country's code where an agency would be.
  const std::string keep = "Tarven, March 3 - the day the market burned - is remembered.";
  EXPECT_EQ(Clean(keep).text, keep);
  const std::string usa = "Tarven, USA - the town and its twin.";
  EXPECT_EQ(Clean(usa).text, usa);
}

// A dateline credited to the outlet's own staff or to unnamed agencies, and
// a byline or credit line that names no one, give no outlet and no author
// ("Staff" is neither).
TEST_F(CleanerTest, StaffCreditsAreNoOutletOrAuthor) {
  Document d = Clean("TARVEN (Staff) - Shells hit the market.\n\nThe army denied it.\n\nBy Staff");
  EXPECT_EQ(d.text, "TARVEN\n\nShells hit the market.\n\nThe army denied it.");
  EXPECT_FALSE(d.meta.outlet.has_value());
  EXPECT_TRUE(d.meta.authors.empty());
  ExpectCopiedBytesMapBack(d);
  Document dated = Clean("Tarven, March 3 (Agencies) - Shells hit the market.");
  EXPECT_EQ(dated.text, "Tarven\n\nShells hit the market.");
  EXPECT_FALSE(dated.meta.outlet.has_value());
  Document byline = Clean(
      "Shells Hit Tarven Market\n\nBy Staff Writer\n\nShells hit the market on Monday, a "
      "monitor said. The army denied it on Tuesday.");
  EXPECT_TRUE(byline.meta.authors.empty());
  EXPECT_EQ(byline.text.find("Staff"), std::string::npos);
  // A named reporter's byline is still an author.
  Document named = Clean(
      "Shells Hit Tarven Market\n\nBy Lena Marsh\n\nShells hit the market on Monday, a "
      "monitor said. The army denied it on Tuesday.");
  ASSERT_EQ(named.meta.authors.size(), 1u);
  EXPECT_EQ(named.meta.authors[0], "Lena Marsh");
}

TEST_F(CleanerTest, GivenMetadataWinsAndOutletIsCanonical) {
  auto c = MakeCleaner();
  RawDocument r = Raw("Rockets struck the outskirts of the city overnight, the agency reported.");
  r.given.outlet = "sana";
  r.given.published = "4/5/2017";
  auto d = c->Clean(r);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->meta.outlet.value_or(""), "SANA");
  EXPECT_EQ(d->meta.published.value_or(""), "2017-04-05");
}

// A date inside the first paragraph, when nothing else gives one: an
// agency and a weekday date after the standfirst, a date opening the text.
// The text keeps them.
TEST_F(CleanerTest, DateInTheFirstParagraphIsThePublishedDate) {
  const std::string wire =
      "Shelling kills nine in Karsa says monitor AFP Friday 23 Aug 2013 Shelling killed nine "
      "people in the town of Karsa on Friday, a monitor said.";
  Document d = Clean(wire);
  EXPECT_EQ(d.meta.published.value_or(""), "2013-08-23");
  EXPECT_EQ(d.text, wire);
  d = Clean("March 4 2016 by Lina Darrow The council met on Thursday to discuss the dam.");
  EXPECT_EQ(d.meta.published.value_or(""), "2016-03-04");
  // "Posted on" is a dateline prefix, dropped like "Posted:".
  d = Clean("Posted on May 2 2016 The council met on Thursday to discuss the dam.");
  EXPECT_EQ(d.meta.published.value_or(""), "2016-05-02");
  EXPECT_EQ(d.text, "The council met on Thursday to discuss the dam.");
  // A date later in the text, or without an agency before the weekday, is
  // what the article is about.
  EXPECT_FALSE(Clean("The council met on Thursday, and on Friday 23 Aug 2013 the dam opened.")
                   .meta.published.has_value());
  // The published date of the text's own header wins.
  d = Clean("Published: June 2, 2020\n\nThe AP Friday 23 Aug 2013 archive was opened by the council.");
  EXPECT_EQ(d.meta.published.value_or(""), "2020-06-02");
}

TEST_F(CleanerTest, PublishedAnchorFillsMissingDate) {
  CleanOptions o;
  o.published_anchor = "2020-01-02";
  Document d = Clean("A statement was issued by the ministry on the attack in the north.", o);
  EXPECT_EQ(d.meta.published.value_or(""), "2020-01-02");
  ASSERT_FALSE(d.diagnostics.empty());
  EXPECT_EQ(d.diagnostics.back().code, "published_from_anchor");
}

TEST_F(CleanerTest, ControlCharactersCrlfAndNbspAreNormalised) {
  Document d = Clean(std::string("The shelling\xC2\xA0resumed on Monday,\r\nnear the\t\tdam.\x01\r\n\r\n") +
                     std::string("Second para\0graph.", 18));
  EXPECT_EQ(d.text, "The shelling resumed on Monday,\nnear the dam.\n\nSecond paragraph.");
  ExpectCopiedBytesMapBack(d);
}

TEST_F(CleanerTest, DecomposedAccentsAreComposedAndMapToTheirBytes) {
  // "Ce\u0301line" (e + combining acute) -> "C\u00e9line".
  Document d = Clean("C" "e\xCC\x81" "line said the road was closed at the dam.");
  EXPECT_EQ(d.text.substr(0, 7), "C\xC3\xA9line");
  EXPECT_EQ(d.raw_map.MapBegin(0), 0u);
  EXPECT_EQ(d.raw_map.MapEnd(7), 8u);
}

TEST_F(CleanerTest, MarkdownEmphasisHeadingsAndImagesAreStripped) {
  Document d = Clean(
      "The ministry spoke on Monday, as it does every week.\n\n## A heading\n\nThe **ministry** said the *latest* strike hit a __depot__ "
      "![map](img.png) near the border, not a snake_case_name or 2*3*4.");
  EXPECT_EQ(d.text,
            "The ministry spoke on Monday, as it does every week.\n\nA heading\n\nThe ministry said the latest strike hit a depot near the border, not a "
            "snake_case_name or 2*3*4.");
}

// Rules that can match anywhere in a line ("^.*all rights reserved") are
// screened by their literals before their regex runs; the screen must not
// lose a line that differs in case, or that spells the words with U+017F,
// which (?i) matches as 's'.
TEST_F(CleanerTest, ScreenedRulesStillTakeEveryMatchingLine) {
  const std::string body =
      "The kettle works reopened on Tuesday after a month of repairs to the boiler hall, "
      "the owners said, and the first batch left the yard in the evening.\n\n"
      "Workers said the new boiler was quieter than the old one.\n\n";
  for (const char* footer : {"The Teapot Gazette 2021. ALL RIGHTS RESERVED.",
                             "The Teapot Gazette 2021, all right\xC5\xBF re\xC5\xBF" "erved",
                             "A new boiler at the works. (Photo: Teapot Gazette)"}) {
    Document d = Clean(body + footer);
    EXPECT_EQ(d.text.find("Gazette"), std::string::npos) << footer;
    EXPECT_NE(d.text.find("quieter"), std::string::npos);
  }
  // Near misses stay.
  for (const char* footer : {"The Teapot Gazette 2021. All rights are reserved.",
                             "A new boiler at the works. (photo: Teapot Gazette)"}) {
    Document d = Clean(body + footer);
    EXPECT_NE(d.text.find("Gazette"), std::string::npos) << footer;
  }
}

TEST_F(CleanerTest, NothingLeftIsAnError) {
  auto c = MakeCleaner();
  auto d = c->Clean(Raw("Note to readers: please click the share buttons above\n\nBecome a Member of Global Research"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(d.status().message().find("no article text"), std::string::npos);
}

TEST_F(CleanerTest, DetectsLanguage) {
  Document en = Clean(
      "The ministry said on Monday that the convoy had reached the camp after weeks of delays, "
      "and that more trucks would follow.");
  EXPECT_EQ(en.meta.language.value_or(""), "en");
  Document fr = Clean(
      "Le ministère a déclaré lundi que le convoi avait atteint le camp après des semaines de "
      "retard, et que d'autres camions suivraient bientôt.");
  EXPECT_EQ(fr.meta.language.value_or(""), "fr");
}

// Long plain English takes the function-word fast path; everything else
// still goes to CLD2, and both agree where both could answer.
TEST(DetectLanguageTest, FastPathAgreesWithCld2) {
  const std::string en =
      "The convoy left the border crossing at dawn and reached the camp by noon. Aid workers "
      "said that the trucks carried food, water and medicine for the families who had fled "
      "the fighting in the east. It was the first delivery in three weeks, and officials "
      "warned that the road would not stay open for long if the shelling continued. They "
      "asked both sides to respect the truce that was agreed last month.";
  EXPECT_EQ(DetectLanguage(en).value_or(""), "en");
  // Short English is below the fast path's minimum and is CLD2's call.
  EXPECT_EQ(DetectLanguage("The convoy reached the camp on Monday after weeks of delays.")
                .value_or(""),
            "en");
  // A French text full of words that are also English letters: CLD2.
  const std::string fr =
      "Le convoi a quitt\u00e9 le poste fronti\u00e8re \u00e0 l'aube et a atteint le camp \u00e0 "
      "midi. Les travailleurs humanitaires ont dit que les camions transportaient de la "
      "nourriture, de l'eau et des m\u00e9dicaments pour les familles qui avaient fui les "
      "combats dans l'est. C'\u00e9tait la premi\u00e8re livraison depuis trois semaines.";
  EXPECT_EQ(DetectLanguage(fr).value_or(""), "fr");
  // German in ASCII only: few English function words, so CLD2 decides.
  const std::string de =
      "Der Konvoi verliess den Grenzuebergang im Morgengrauen und erreichte das Lager am "
      "Mittag. Helfer sagten, dass die Lastwagen Lebensmittel, Wasser und Medikamente fuer "
      "die Familien brachten, die vor den Kaempfen im Osten geflohen waren. Es war die erste "
      "Lieferung seit drei Wochen, und Beamte warnten, dass die Strasse nicht lange offen "
      "bleiben wuerde, wenn der Beschuss weiterginge.";
  EXPECT_EQ(DetectLanguage(de).value_or(""), "de");
}

}  // namespace
}  // namespace dossier
