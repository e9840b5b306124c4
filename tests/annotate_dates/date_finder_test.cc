// Tests of DateFinder: every form it reads, the traps it must not fall into,
// calendar edges (leap years, month and year ends) and a throughput printout.
// The default anchor, 2017-01-24, is a Tuesday.
#include "annotate/dates/date_finder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "clean/loose_date.h"
#include "dossier/lexicon.h"
#include "builtin_lexicon.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::DataDir;
using testing::TempDir;

using testing::BuiltinLexicon;

const DateFinder& Finder() {
  static DateFinder finder(BuiltinLexicon());
  return finder;
}

constexpr const char* kAnchor = "2017-01-24";

// Every mention as "span=value[..value_end]/precision[/rel]", joined by "; ".
std::string Describe(std::string_view text, std::optional<std::string> anchor = kAnchor,
                     const std::vector<Span>& sentences = {}) {
  std::string out;
  for (const DateMention& m : Finder().Find(text, sentences, anchor)) {
    if (!out.empty()) out += "; ";
    out += std::string(text.substr(m.span.begin, m.span.end - m.span.begin));
    out += "=" + m.value;
    if (!m.value_end.empty()) out += ".." + m.value_end;
    out += std::string("/") + PrecisionName(m.precision);
    if (m.relative) out += "/rel";
  }
  return out;
}

// The single mention in `text` (a test failure if there is not exactly one).
DateMention One(std::string_view text, std::optional<std::string> anchor = kAnchor) {
  std::vector<DateMention> all = Finder().Find(text, {}, anchor);
  EXPECT_EQ(all.size(), 1u) << Describe(text, anchor);
  return all.empty() ? DateMention{} : all[0];
}

std::string RuleOf(std::string_view text, std::optional<std::string> anchor = kAnchor) {
  return One(text, anchor).rule;
}

// --- the table -----------------------------------------------------------------

TEST(DateWordsTest, TheShippedTableLoadsWithoutProblems) {
  EXPECT_TRUE(Finder().problems().empty())
      << (Finder().problems().empty() ? "" : Finder().problems()[0]);
  EXPECT_GT(Finder().word_count(), 150u);
}

TEST(DateWordsTest, MonthRowsAgreeWithMonthFromName) {
  const Table& t = BuiltinLexicon().table("date_words");
  int cw = t.Column("word"), ck = t.Column("kind"), cm = t.Column("meaning");
  ASSERT_GE(cw, 0);
  int months = 0;
  for (const auto& row : t.rows) {
    if (row[ck] != "month" && row[ck] != "month_abbr") continue;
    ++months;
    EXPECT_EQ(MonthFromName(row[cw]), MonthFromName(row[cm])) << row[cw];
  }
  EXPECT_EQ(months, 24);  // 12 names, 12 abbreviations incl. "sept" (May has none)
}

TEST(DateWordsTest, AnOverrideCanRemoveAWordAndBadRowsAreReported) {
  TempDir user;
  user.Write("date_words.tsv",
             "# test override\nword\tkind\tmeaning\tnote\n-yesterday\t\t\t\n"
             "fortnight\tunit\tfourteen days\tnot a unit the finder knows\n"
             "someday\tnonsense\t1\t\n");
  auto lex = Lexicon::Load({DataDir(), user.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  DateFinder finder(**lex);
  EXPECT_EQ(finder.problems().size(), 2u);
  std::string text = "The shelling resumed yesterday near Idlib.";
  EXPECT_TRUE(finder.Find(text, {}, kAnchor).empty());
  EXPECT_EQ(Finder().Find(text, {}, kAnchor).size(), 1u);
}

// The scanner looks a word up only when its first letters and length are
// those of a word a rule starts at (or a rule asks about it): start words in
// any case, words that share their shape, and words the rules only read
// around a start must all come out as before.
TEST(DateWordsTest, StartWordsAreFoundInAnyCaseNextToWordsOfTheSameShape) {
  EXPECT_EQ(Describe("THIS WEEK the them then this year."),
            "THIS WEEK=2017-01-23..2017-01-29/day/rel; this year=2017/year/rel");
  EXPECT_EQ(Describe("Lots of last-ditch talks, Last month and LAST NIGHT."),
            "Last month=2016-12/month/rel; LAST NIGHT=2017-01-23/day/rel");
  EXPECT_EQ(Describe("Sinks and since the year began; SINCE THE START OF THE MONTH."),
            "since the year began=2017/year/rel; SINCE THE START OF THE MONTH=2017-01/month/rel");
  EXPECT_EQ(Describe("Monday's mood. Mondays are slow; on Monday it rained."),
            "Monday=2017-01-23/day/rel; Monday=2017-01-23/day/rel");
  // Months and weekdays start a date only capitalised.
  EXPECT_EQ(Describe("the convoy may arrive in march, not in March."), "March=2016-03/month/rel");
  EXPECT_EQ(Describe("on monday, on friday"), "");
  // Rules that start at a period edge, a unit and a qualifier.
  EXPECT_EQ(Describe("At the end of last year, three weeks ago, earlier today."),
            "the end of last year=2016/year/rel; three weeks ago=2017-01-03/day/rel; "
            "earlier today=2017-01-24/day/rel");
  // An override that adds a start word of a new shape is looked up too.
  TempDir user;
  user.Write("date_words.tsv",
             "# test override\nword\tkind\tmeaning\tnote\nerstwhile\tmodifier\t-1\t\n");
  auto lex = Lexicon::Load({DataDir(), user.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  DateFinder finder(**lex);
  std::vector<DateMention> found = finder.Find("It happened erstwhile week.", {}, kAnchor);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "2017-01-16");
}

// --- absolute dates ------------------------------------------------------------

// Months of other languages, between a day and a year only: translations
// keep their dates; "Mars" alone is the planet.
TEST(DateFinderTest, ForeignMonthsBetweenADayAndAYear) {
  EXPECT_EQ(Describe("Le 12 mars 2019, des frappes."), "12 mars 2019=2019-03-12/day");
  EXPECT_EQ(Describe("El 3 de marzo de 2020 hubo ataques."), "3 de marzo de 2020=2020-03-03/day");
  EXPECT_EQ(Describe("Il 21 giugno 2018 la città."), "21 giugno 2018=2018-06-21/day");
  EXPECT_EQ(Describe("The Mars rover and mayo in 12 mars."), "");
  EXPECT_EQ(Describe("Le 31 avril 2019."), "");  // no such day
  // Accented spellings (the table's are folded), any case, and the French
  // ordinal of the first.
  EXPECT_EQ(Describe("Le 3 août 2020 et le 1er février 2021."),
            "3 août 2020=2020-08-03/day; 1er février 2021=2021-02-01/day");
  EXPECT_EQ(Describe("LE 25 DÉCEMBRE 2021. Em 7 de março de 2022."),
            "25 DÉCEMBRE 2021=2021-12-25/day; 7 de março de 2022=2022-03-07/day");
  // The German day is an ordinal with a period (the segmenter keeps the
  // sentence whole).
  EXPECT_EQ(Describe("Am 3. März 2022 begann es."), "3. März 2022=2022-03-03/day");
}

TEST(DateFinderTest, ReadsDayMonthYearWithOrdinalSuffix) {
  EXPECT_EQ(Describe("The ceasefire collapsed on 17th September 2016 after a week."),
            "17th September 2016=2016-09-17/day");
  EXPECT_EQ(RuleOf("The ceasefire collapsed on 17th September 2016."), "day_month_year");
}

TEST(DateFinderTest, ReadsMonthDayCommaYear) {
  EXPECT_EQ(Describe("Talks resumed on September 17, 2016 in Geneva."),
            "September 17, 2016=2016-09-17/day");
  EXPECT_EQ(Describe("The convoy was hit on Jan. 8, 2017 near Aleppo."),
            "Jan. 8, 2017=2017-01-08/day");
  EXPECT_EQ(Describe("Sept 3, 2015 was the day the shelling began."), "Sept 3, 2015=2015-09-03/day");
}

TEST(DateFinderTest, ReadsDayOfMonthYearAndCommaBeforeYear) {
  EXPECT_EQ(Describe("It was signed on the 17th of September, 2016."),
            "17th of September, 2016=2016-09-17/day");
}

TEST(DateFinderTest, ReadsOrdinalWordsIncludingHyphenatedOnes) {
  EXPECT_EQ(Describe("Remember the fifth of November 2016 in Mosul."),
            "fifth of November 2016=2016-11-05/day");
  EXPECT_EQ(Describe("The raid came on the twenty-first of March 2016."),
            "twenty-first of March 2016=2016-03-21/day");
  EXPECT_EQ(Describe("The attacks of September eleventh, 2001 changed the war."),
            "September eleventh, 2001=2001-09-11/day");
}

TEST(DateFinderTest, ReadsIsoDates) {
  EXPECT_EQ(Describe("The report, dated 2016-09-17, lists 40 strikes."),
            "2016-09-17=2016-09-17/day");
  EXPECT_EQ(Describe("Logged at 2016-09-17T09:30:00Z by the monitor."),
            "2016-09-17=2016-09-17/day");
  EXPECT_EQ(Describe("The 2016-09 dataset was revised."), "2016-09=2016-09/month");
  EXPECT_EQ(RuleOf("Filed 2016-09-17."), "iso_date");
}

TEST(DateFinderTest, RejectsImpossibleIsoDates) {
  EXPECT_EQ(Describe("Reference 2017-02-30 is a typo."), "");
  EXPECT_EQ(Describe("Case 2016-13-01 is not a date."), "");
}

TEST(DateFinderTest, NumericDatesAreDayFirstWhenTheDayIsAbove12) {
  EXPECT_EQ(Describe("The UN letter of 17/09/2016 was leaked."), "17/09/2016=2016-09-17/day");
  EXPECT_EQ(RuleOf("The UN letter of 17/09/2016 was leaked."), "numeric_day_first");
}

TEST(DateFinderTest, NumericDatesAreMonthFirstWhenTheSecondPartIsAbove12) {
  EXPECT_EQ(Describe("A memo dated 9/17/2016 was cited."), "9/17/2016=2016-09-17/day");
  EXPECT_EQ(RuleOf("A memo dated 9/17/2016 was cited."), "numeric_month_first");
}

TEST(DateFinderTest, AmbiguousSlashDatesAreMonthFirstAndSaySo) {
  EXPECT_EQ(Describe("A memo dated 4/5/2017 was cited."), "4/5/2017=2017-04-05/day");
  EXPECT_EQ(RuleOf("A memo dated 4/5/2017 was cited."), "numeric_month_first_ambiguous");
}

TEST(DateFinderTest, DottedAndDashedNumericDatesAreDayFirst) {
  EXPECT_EQ(Describe("Minutes of 01.10.2017 show the vote."), "01.10.2017=2017-10-01/day");
  EXPECT_EQ(Describe("Minutes of 23-04-2016 show the vote."), "23-04-2016=2016-04-23/day");
  EXPECT_EQ(Describe("A claim dated 31/02/2017 is invalid."), "");
}

TEST(DateFinderTest, ReadsMonthYear) {
  EXPECT_EQ(Describe("Fighting resumed in November 2017."), "November 2017=2017-11/month");
  EXPECT_EQ(Describe("Since November 2017 the road has been closed."),
            "November 2017=2017-11/month");
  EXPECT_EQ(Describe("The siege of March of 2016 ended."), "March of 2016=2016-03/month");
  EXPECT_EQ(RuleOf("Fighting resumed in November 2017."), "month_year");
}

TEST(DateFinderTest, KeepsAWeekdayInFrontOfAFullDate) {
  EXPECT_EQ(Describe("On Tuesday, January 24, 2017, the talks opened in Astana."),
            "Tuesday, January 24, 2017=2017-01-24/day");
  EXPECT_EQ(Describe("Dated Tue 17 Jan 2017 and signed by both sides."),
            "Tue 17 Jan 2017=2017-01-17/day");
  EXPECT_EQ(Describe("The strike came on Saturday 17 September 2016."),
            "Saturday 17 September 2016=2016-09-17/day");
}

TEST(DateFinderTest, ReadsDayRanges) {
  EXPECT_EQ(Describe("Talks were held 17-19 September 2016 in Lausanne."),
            "17-19 September 2016=2016-09-17..2016-09-19/day");
  EXPECT_EQ(Describe("Talks were held September 17–19, 2016 in Lausanne."),
            "September 17–19, 2016=2016-09-17..2016-09-19/day");
}

// --- dates without a year ------------------------------------------------------

TEST(DateFinderTest, AYearlessDateTakesTheMostRecentPastYear) {
  EXPECT_EQ(Describe("The convoy left Aleppo on August 24th."), "August 24th=2016-08-24/day/rel");
  EXPECT_EQ(Describe("The truce began on Sept. 17 and failed."), "Sept. 17=2016-09-17/day/rel");
  EXPECT_EQ(Describe("The truce began on 17 Sept and failed."), "17 Sept=2016-09-17/day/rel");
  DateMention m = One("The convoy left Aleppo on August 24th.");
  EXPECT_EQ(m.anchor_used, "2017-01-24");
  EXPECT_EQ(m.rule, "month_day_yearless");
}

TEST(DateFinderTest, AYearlessDateOnTheAnchorDayIsThatDayAndTheNextDayIsLastYear) {
  EXPECT_EQ(Describe("The talks opened on January 24."), "January 24=2017-01-24/day/rel");
  EXPECT_EQ(Describe("The talks opened on January 25."), "January 25=2016-01-25/day/rel");
}

TEST(DateFinderTest, AYearlessDateNeedsAnAnchorFineEnoughToPlaceIt) {
  EXPECT_EQ(Describe("The convoy left Aleppo on August 24th.", std::nullopt), "");
  EXPECT_EQ(Describe("The convoy left Aleppo on August 24th.", "2017"), "");
  EXPECT_EQ(Describe("The convoy left on January 30.", "2017-01"), "January 30=2017-01-30/day/rel");
  EXPECT_EQ(Describe("The convoy left on February 3.", "2017-01"), "February 3=2016-02-03/day/rel");
  EXPECT_EQ(Describe("The convoy left Aleppo on August 24th.", "not a date"), "");
}

TEST(DateFinderTest, February29WithoutAYearFindsTheLastLeapYear) {
  EXPECT_EQ(Describe("The shelling of February 29 was filmed."), "February 29=2016-02-29/day/rel");
  EXPECT_EQ(Describe("The shelling of February 29 was filmed.", "2019-03-01"),
            "February 29=2016-02-29/day/rel");
  EXPECT_EQ(Describe("The vote on February 29, 2017 never happened."), "");
}

TEST(DateFinderTest, ABareMonthNeedsAPrepositionOrAnEdgeWord) {
  EXPECT_EQ(Describe("The offensive began in November."), "November=2016-11/month/rel");
  EXPECT_EQ(Describe("The offensive began in January."), "January=2017-01/month/rel");
  EXPECT_EQ(Describe("By mid-November the city had fallen."), "November=2016-11/month/rel");
  EXPECT_EQ(Describe("Aid arrived in early December."), "December=2016-12/month/rel");
  EXPECT_EQ(RuleOf("The offensive began in November."), "month_yearless");
}

TEST(DateFinderTest, ListedMonthsBorrowTheYearThatFollows) {
  EXPECT_EQ(Describe("Raids were reported in March and April 2017."),
            "March=2017-03/month; April 2017=2017-04/month");
  EXPECT_EQ(RuleOf("The sieges of March, 2016 ended."), "month_year");
}

TEST(DateFinderTest, AYearlessDateTakesTheYearOfAnEarlierDateInTheSentence) {
  EXPECT_EQ(Describe("The war began on 24 February 2022, and by April the army had withdrawn."),
            "24 February 2022=2022-02-24/day; April=2022-04/month");
  EXPECT_EQ(Describe("The siege began on 20 December 2016 and ended on 3 January."),
            "20 December 2016=2016-12-20/day; 3 January=2017-01-03/day");
  EXPECT_EQ(Describe("In 2015, the raids peaked in March.", std::nullopt),
            "2015=2015/year; March=2015-03/month");
}

// --- years ------------------------------------------------------------------------

TEST(DateFinderTest, AYearAfterAPrepositionIsAYear) {
  EXPECT_EQ(Describe("The siege began in 2012."), "2012=2012/year");
  EXPECT_EQ(Describe("The border has been closed since 2014."), "2014=2014/year");
  EXPECT_EQ(Describe("Until 2011 the town was calm."), "2011=2011/year");
  EXPECT_EQ(RuleOf("The siege began in 2012."), "year_after_preposition");
}

TEST(DateFinderTest, AYearAfterAnEdgeWordIsAYearAndTheEdgeIsNotInTheSpan) {
  EXPECT_EQ(Describe("The militia formed in early 2015."), "2015=2015/year");
  EXPECT_EQ(Describe("By mid-2015 the front had moved."), "2015=2015/year");
  EXPECT_EQ(Describe("At the end of 2016 the city fell."), "2016=2016/year");
  EXPECT_EQ(Describe("In the first half of 2016 the raids doubled."), "2016=2016/year");
}

TEST(DateFinderTest, AYearBeforeAnEventNounIsAYear) {
  EXPECT_EQ(Describe("After the 2016 election the strikes grew."), "2016=2016/year");
  EXPECT_EQ(Describe("Analysts said 2016 was the deadliest year."), "2016=2016/year");
  EXPECT_EQ(RuleOf("After the 2016 election the strikes grew."), "year_before_noun");
}

TEST(DateFinderTest, ListedYearsAreAllYears) {
  EXPECT_EQ(Describe("Raids rose in 2014, 2015 and 2016."),
            "2014=2014/year; 2015=2015/year; 2016=2016/year");
}

TEST(DateFinderTest, ReadsYearRanges) {
  EXPECT_EQ(Describe("The war lasted from 2012 to 2014 in that province."),
            "from 2012 to 2014=2012..2014/year");
  EXPECT_EQ(Describe("Between 2012 and 2014 the town changed hands."),
            "Between 2012 and 2014=2012..2014/year");
  EXPECT_EQ(Describe("During 2012-14 the town changed hands."), "2012-14=2012..2014/year");
  EXPECT_EQ(Describe("During 2012–2014 the town changed hands."), "2012–2014=2012..2014/year");
  EXPECT_EQ(RuleOf("Between 2012 and 2014 the town changed hands."), "range_between");
}

TEST(DateFinderTest, DecadesAreYearRanges) {
  EXPECT_EQ(Describe("The militia dates from the 1990s."), "1990s=1990..1999/year");
  EXPECT_EQ(Describe("In the mid-1980s the valley was emptied."), "1980s=1980..1989/year");
  EXPECT_EQ(RuleOf("The militia dates from the 1990s."), "decade");
}

TEST(DateFinderTest, ReadsMonthRanges) {
  EXPECT_EQ(Describe("The siege lasted from March to May 2017 by most counts."),
            "from March to May 2017=2017-03..2017-05/month");
  EXPECT_EQ(RuleOf("The siege lasted from March to May 2017."), "range_from_to");
  EXPECT_EQ(Describe("The siege lasted March–May 2017."), "March–May 2017=2017-03..2017-05/month");
  EXPECT_EQ(Describe("Talks ran from 17 March to 3 May 2016."),
            "from 17 March to 3 May 2016=2016-03-17..2016-05-03/day");
}

TEST(DateFinderTest, AYearlessRangeEndsAfterItsStart) {
  EXPECT_EQ(Describe("The blockade lasted from November to February."),
            "from November to February=2016-11..2017-02/month/rel");
}

TEST(DateFinderTest, ReadsSeasons) {
  EXPECT_EQ(Describe("Aid stopped in the summer of 2016."),
            "summer of 2016=2016-06..2016-08/month");
  EXPECT_EQ(Describe("Aid stopped in winter 2016."), "winter 2016=2016/year");
  EXPECT_EQ(Describe("The offensive began last summer."), "last summer=2016-06..2016-08/month/rel");
  EXPECT_EQ(Describe("Fuel ran out last winter."), "last winter=2015-12..2016-02/month/rel");
  EXPECT_EQ(Describe("Fuel is running out this winter."), "this winter=2016-12..2017-02/month/rel");
  EXPECT_EQ(Describe("In the summer months water is scarce."), "");
}

// --- relative dates --------------------------------------------------------------

TEST(DateFinderTest, LastMonthNameIsStrictlyBeforeTheAnchorMonth) {
  EXPECT_EQ(Describe("The hospital was bombed last November."), "last November=2016-11/month/rel");
  EXPECT_EQ(Describe("The hospital was bombed last January."), "last January=2016-01/month/rel");
  EXPECT_EQ(Describe("The hospital was bombed last November.", "2016-11-05"),
            "last November=2015-11/month/rel");
  EXPECT_EQ(Describe("Elections are due next March."), "next March=2017-03/month/rel");
  EXPECT_EQ(RuleOf("The hospital was bombed last November."), "month_last");
}

TEST(DateFinderTest, ReadsThisLastNextMonthAndYear) {
  EXPECT_EQ(Describe("Talks collapsed last month."), "last month=2016-12/month/rel");
  EXPECT_EQ(Describe("Talks resume this month."), "this month=2017-01/month/rel");
  EXPECT_EQ(Describe("Talks resume next month."), "next month=2017-02/month/rel");
  EXPECT_EQ(Describe("Last year 400 people died."), "Last year=2016/year/rel");
  EXPECT_EQ(Describe("This year the toll is lower."), "This year=2017/year/rel");
  EXPECT_EQ(Describe("The vote is due next year's spring."), "next year=2018/year/rel");
}

TEST(DateFinderTest, ReadsEarlierThisYearAndSinceTheYearBegan) {
  EXPECT_EQ(Describe("The town was retaken earlier this year."),
            "earlier this year=2017/year/rel");
  EXPECT_EQ(Describe("More than 200 have died since the year began."),
            "since the year began=2017/year/rel");
  EXPECT_EQ(Describe("More than 200 have died since the start of the year."),
            "since the start of the year=2017/year/rel");
  EXPECT_EQ(Describe("Prices rose earlier this month."), "earlier this month=2017-01/month/rel");
  EXPECT_EQ(Describe("By the end of last year the camp was full."),
            "the end of last year=2016/year/rel");
  EXPECT_EQ(RuleOf("More than 200 have died since the year began."), "since_period_began");
}

TEST(DateFinderTest, RelativeYearWordsWorkWithAYearOnlyAnchor) {
  EXPECT_EQ(Describe("Talks collapsed last year.", "2017"), "last year=2016/year/rel");
  EXPECT_EQ(Describe("Talks collapsed last month.", "2017"), "");
  EXPECT_EQ(Describe("Talks collapsed yesterday.", "2017-01"), "");
}

TEST(DateFinderTest, NothingRelativeIsEmittedWithoutAnAnchor) {
  EXPECT_EQ(Describe("Yesterday, last month and last year, on Tuesday, two days ago.",
                     std::nullopt),
            "");
  EXPECT_EQ(Describe("But in 2012 and on 17 September 2016 it was calm.", std::nullopt),
            "2012=2012/year; 17 September 2016=2016-09-17/day");
}

TEST(DateFinderTest, ReadsDayWords) {
  EXPECT_EQ(Describe("The convoy was attacked yesterday."), "yesterday=2017-01-23/day/rel");
  EXPECT_EQ(Describe("Talks open today in Astana."), "today=2017-01-24/day/rel");
  EXPECT_EQ(Describe("The vote is tomorrow."), "tomorrow=2017-01-25/day/rel");
  EXPECT_EQ(Describe("Shells fell yesterday morning."), "yesterday morning=2017-01-23/day/rel");
  EXPECT_EQ(Describe("Shells fell last night."), "last night=2017-01-23/day/rel");
  EXPECT_EQ(Describe("Shells fell this morning."), "this morning=2017-01-24/day/rel");
  EXPECT_EQ(Describe("Officials confirmed it earlier today."), "earlier today=2017-01-24/day/rel");
}

TEST(DateFinderTest, ABareWeekdayIsTheMostRecentOnOrBeforeTheAnchor) {
  EXPECT_EQ(Describe("The strike happened on Tuesday."), "Tuesday=2017-01-24/day/rel");
  EXPECT_EQ(Describe("The strike happened on Monday."), "Monday=2017-01-23/day/rel");
  EXPECT_EQ(Describe("The strike happened on Wednesday."), "Wednesday=2017-01-18/day/rel");
  EXPECT_EQ(Describe("Officials said Sunday that 12 died."), "Sunday=2017-01-22/day/rel");
  EXPECT_EQ(Describe("Saturday's attack killed 12."), "Saturday=2017-01-21/day/rel");
  EXPECT_EQ(Describe("The strike came on Tuesday night."), "Tuesday night=2017-01-24/day/rel");
  EXPECT_EQ(RuleOf("The strike happened on Tuesday."), "weekday_on_or_before");
}

TEST(DateFinderTest, LastAndNextWeekdaysAreStrictlyBeforeOrAfter) {
  EXPECT_EQ(Describe("The strike happened last Tuesday."), "last Tuesday=2017-01-17/day/rel");
  EXPECT_EQ(Describe("The strike happened last Friday."), "last Friday=2017-01-20/day/rel");
  EXPECT_EQ(Describe("Talks resume next Tuesday."), "next Tuesday=2017-01-31/day/rel");
  EXPECT_EQ(Describe("Talks resume this Thursday."), "this Thursday=2017-01-26/day/rel");
}

TEST(DateFinderTest, WeeksAreMondayToSundayRanges) {
  EXPECT_EQ(Describe("Talks stalled last week."), "last week=2017-01-16..2017-01-22/day/rel");
  EXPECT_EQ(Describe("Talks stall this week."), "this week=2017-01-23..2017-01-29/day/rel");
  EXPECT_EQ(Describe("Protests grew last weekend."), "last weekend=2017-01-21..2017-01-22/day/rel");
  EXPECT_EQ(Describe("Talks stalled last week.", "2017-01-03"),
            "last week=2016-12-26..2017-01-01/day/rel");
}

TEST(DateFinderTest, ReadsAgoWithNumbersAndNumberWords) {
  EXPECT_EQ(Describe("The town fell two days ago."), "two days ago=2017-01-22/day/rel");
  EXPECT_EQ(Describe("The town fell three weeks ago."), "three weeks ago=2017-01-03/day/rel");
  EXPECT_EQ(Describe("The town fell a month ago."), "a month ago=2016-12/month/rel");
  EXPECT_EQ(Describe("The town fell 18 months ago."), "18 months ago=2015-07/month/rel");
  EXPECT_EQ(Describe("The town fell two years ago."), "two years ago=2015/year/rel");
  EXPECT_EQ(Describe("The town fell a decade ago."), "a decade ago=2007/year/rel");
  EXPECT_EQ(RuleOf("The town fell three weeks ago."), "ago_week");
}

// Sentence spans of `text`, split after ". " (the tests' texts have no other periods).
std::vector<Span> SplitSentences(std::string_view text) {
  std::vector<Span> out;
  uint32_t b = 0;
  for (size_t k = 0; k + 1 < text.size(); ++k) {
    if (text[k] == '.' && text[k + 1] == ' ') {
      out.push_back({b, static_cast<uint32_t>(k + 1)});
      b = static_cast<uint32_t>(k + 2);
    }
  }
  out.push_back({b, static_cast<uint32_t>(text.size())});
  return out;
}

// A date counted from another date of the text, not from the anchor: the
// sentence's date before it, else its date after it, else the last date
// of the three sentences before; chained, and never from a coarser date.
TEST(DateFinderTest, CountsFromTheDateBefore) {
  const std::string t =
      "On 3 March 2021 gunmen stormed the village. Two days later, the army arrived. "
      "The next day, talks began. A year earlier, the village had been shelled.";
  EXPECT_EQ(Describe(t, kAnchor, SplitSentences(t)),
            "3 March 2021=2021-03-03/day; Two days later=2021-03-05/day/rel; "
            "The next day=2021-03-06/day/rel; A year earlier=2020/year/rel");
  std::vector<DateMention> all = Finder().Find(t, SplitSentences(t), kAnchor);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[1].rule, "ref_day");
  EXPECT_EQ(all[1].anchor_used, "2021-03-03");
  EXPECT_EQ(all[3].rule, "ref_year");
  const std::string u =
      "The truce, agreed two days earlier, collapsed on 9 November 2019. It held for a while. "
      "The following week, aid arrived. In March the talks resumed; three months later they ended.";
  EXPECT_EQ(Describe(u, kAnchor, SplitSentences(u)),
            "two days earlier=2019-11-07/day/rel; 9 November 2019=2019-11-09/day; "
            "The following week=2019-11-16/day/rel; March=2016-03/month/rel; "
            "three months later=2016-06/month/rel");
}

TEST(DateFinderTest, CountsNeedADateToCountFrom) {
  const std::string t =
      "Two days later, the army arrived. In 2019 the dam opened. Two or three days later it "
      "closed. Years later it failed, and a week later nobody came. Following the vote, the "
      "previous government fell. It rained. It rained. It rained. It rained. A day later the "
      "sun came out.";
  EXPECT_EQ(Describe(t, kAnchor, SplitSentences(t)), "2019=2019/year");
}

// --- calendar edges ---------------------------------------------------------------

TEST(DateFinderTest, LastFebruaryFromMarchOfALeapYear) {
  EXPECT_EQ(Describe("Raids peaked last February.", "2016-03-10"), "last February=2016-02/month/rel");
}

TEST(DateFinderTest, YesterdayCrossesMonthAndYearEnds) {
  EXPECT_EQ(Describe("The convoy was hit yesterday.", "2016-03-01"), "yesterday=2016-02-29/day/rel");
  EXPECT_EQ(Describe("The convoy was hit yesterday.", "2015-03-01"), "yesterday=2015-02-28/day/rel");
  EXPECT_EQ(Describe("The convoy was hit yesterday.", "2017-01-01"), "yesterday=2016-12-31/day/rel");
  EXPECT_EQ(Describe("The truce ends tomorrow.", "2016-12-31"), "tomorrow=2017-01-01/day/rel");
}

TEST(DateFinderTest, MonthArithmeticCrossesTheYear) {
  EXPECT_EQ(Describe("Talks collapsed last month.", "2017-01-15"), "last month=2016-12/month/rel");
  EXPECT_EQ(Describe("Talks resume next month.", "2016-12-15"), "next month=2017-01/month/rel");
  EXPECT_EQ(Describe("It fell 13 months ago.", "2017-01-15"), "13 months ago=2015-12/month/rel");
}

TEST(DateFinderTest, TheAnchorMayBeATimestamp) {
  EXPECT_EQ(Describe("The convoy was hit yesterday.", "2017-01-24T08:00:00Z"),
            "yesterday=2017-01-23/day/rel");
  EXPECT_EQ(One("The convoy was hit yesterday.", "2017-01-24T08:00:00Z").anchor_used, "2017-01-24");
}

// --- traps ------------------------------------------------------------------------

TEST(DateFinderTest, MayAsAModalVerbOrASurnameIsNotAMonth) {
  EXPECT_EQ(Describe("The convoy may arrive before dawn."), "");
  EXPECT_EQ(Describe("May the talks succeed, the envoy said."), "");
  EXPECT_EQ(Describe("Prime Minister Theresa May said the strikes were legal."), "");
  EXPECT_EQ(Describe("Critics lost trust in May's government."), "");
}

TEST(DateFinderTest, MarchAsAVerbOrANounIsNotAMonth) {
  EXPECT_EQ(Describe("Thousands joined a march on the capital."), "");
  EXPECT_EQ(Describe("March on the capital, the leaflets said."), "");
  EXPECT_EQ(Describe("Protesters March On Capital"), "");
  EXPECT_EQ(Describe("They held a march in March."), "March=2016-03/month/rel");
}

TEST(DateFinderTest, NamesThatContainDateWordsAreNotDates) {
  EXPECT_EQ(Describe("The Sun Yat-sen Memorial hosted the talks."), "");
  EXPECT_EQ(Describe("The Good Friday Agreement was cited."), "");
  EXPECT_EQ(Describe("A report by USA Today listed the dead."), "");
  EXPECT_EQ(Describe("Thousands rallied in an august hall."), "");
}

TEST(DateFinderTest, AYearlessDateDoesNotTakeAYearFromAnotherSentence) {
  const std::string text = "Fighting ended in 2015. It resumed in March.";
  std::vector<Span> two = {{0, 23}, {24, static_cast<uint32_t>(text.size())}};
  EXPECT_EQ(Describe(text, kAnchor, two), "2015=2015/year; March=2016-03/month/rel");
  EXPECT_EQ(Finder().Find(text, two, kAnchor)[1].rule, "month_yearless");
  EXPECT_EQ(Finder().Find(text, {}, kAnchor)[1].rule, "month_yearless+year_from_sentence");
}

TEST(DateFinderTest, AWeekdayThatOpensANameIsNotADate) {
  EXPECT_EQ(Describe("The Sunday Times sent a reporter to the camp."), "");
  EXPECT_EQ(Describe("Sunday Times reporters visited the camp."), "");
  EXPECT_EQ(Describe("On Sunday Putin met the envoy."), "Sunday=2017-01-22/day/rel");
}

TEST(DateFinderTest, CountsAreNotYears) {
  EXPECT_EQ(Describe("The convoy of 2000 trucks waited for 2000 years."), "");
  EXPECT_EQ(Describe("Over 2016 and 2017 the fighting moved south."),
            "2016=2016/year; 2017=2017/year");
  EXPECT_EQ(Describe("Some 1,200 people fled the shelling."), "");
  EXPECT_EQ(Describe("An estimated 2019 fighters remain in the city."), "");
  EXPECT_EQ(Describe("The force grew by 2000 men."), "");
  EXPECT_EQ(Describe("Between 2000 and 2500 fighters remain."), "");
  EXPECT_EQ(Describe("A force of 2000 soldiers moved north."), "");
  EXPECT_EQ(Describe("The fund spent $2016 on fuel."), "");
  EXPECT_EQ(Describe("About 2,000 were displaced, up 2016% on paper."), "");
}

TEST(DateFinderTest, ADayNumberFollowedByACountNounIsACount) {
  EXPECT_EQ(Describe("In May 17 people died in the camp."), "May=2016-05/month/rel");
  EXPECT_EQ(Describe("On May 17 militants attacked the base."), "May 17=2016-05-17/day/rel");
}

TEST(DateFinderTest, TimesAndDurationsAreNotDates) {
  EXPECT_EQ(Describe("The curfew starts at 6 p.m. every day."), "");
  EXPECT_EQ(Describe("The curfew starts at 6 p.m. on Tuesday."), "Tuesday=2017-01-24/day/rel");
  EXPECT_EQ(Describe("The siege could last six to twelve months."), "");
  EXPECT_EQ(Describe("It happened six to twelve months ago."), "");
  EXPECT_EQ(Describe("Over the last year the toll doubled."), "");
  EXPECT_EQ(Describe("In the next month the aid will arrive."), "");
  EXPECT_EQ(Describe("It lasted for 48 hours ago or more."), "");
  EXPECT_EQ(Describe("The talks ran for two weeks."), "");
}

TEST(DateFinderTest, LowerCaseWeekdaysAndPluralsAreNotDates) {
  EXPECT_EQ(Describe("Markets close on fridays and Sundays."), "");
}

TEST(DateFinderTest, YearlessMonthAfterANameIsRejected) {
  EXPECT_EQ(Describe("He met Theresa May 17 times."), "");
}

// --- spans and sentences -------------------------------------------------------------

TEST(DateFinderTest, SpansAreExactByteOffsets) {
  const std::string text = "Aleppo — «on 17 September 2016» — and again yesterday.";
  std::vector<DateMention> all = Finder().Find(text, {}, kAnchor);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].span.begin, text.find("17 September"));
  EXPECT_EQ(all[0].span.end, text.find("2016") + 4);
  EXPECT_EQ(all[1].span.begin, text.find("yesterday"));
  EXPECT_EQ(all[1].span.end, text.find("yesterday") + 9);
  EXPECT_FALSE(all[0].relative);
  EXPECT_EQ(all[0].anchor_used, "");
  EXPECT_EQ(all[0].precision, DateMention::Precision::kDay);
}

TEST(DateFinderTest, NeverCrossesASentenceBoundary) {
  const std::string text = "The siege ended in March\n\n2016 saw more fighting.";
  EXPECT_EQ(Describe(text), "March\n\n2016=2016-03/month");  // one sentence: one date
  const size_t cut = text.find("2016");
  std::vector<Span> two = {{0, static_cast<uint32_t>(text.find('\n'))},
                           {static_cast<uint32_t>(cut), static_cast<uint32_t>(text.size())}};
  EXPECT_EQ(Describe(text, kAnchor, two), "March=2016-03/month/rel; 2016=2016/year");
}

TEST(DateFinderTest, OnlyTextInsideSentencesIsRead) {
  const std::string text = "Dateline 2017-01-01. The shelling began in 2012.";
  std::vector<Span> one = {{21, static_cast<uint32_t>(text.size())}};
  EXPECT_EQ(Describe(text, kAnchor, one), "2012=2012/year");
}

TEST(DateFinderTest, MentionsAreInTextOrderAndDoNotOverlap) {
  const std::string text =
      "Yesterday, the UN said that between 2012 and 2014, and again since the year began, "
      "17th September 2016 and last November were the worst, two days ago a report said.";
  std::vector<DateMention> all = Finder().Find(text, {}, kAnchor);
  ASSERT_EQ(all.size(), 6u) << Describe(text);
  for (size_t k = 1; k < all.size(); ++k) EXPECT_LE(all[k - 1].span.end, all[k].span.begin);
}

// A sentence is skipped before it is tokenized when no rule can start in it
// (DateFinder::Scanner::Worth, sixty-four bytes a step). Every kind of start
// must keep its sentence, wherever the sentence sits against the 64-byte
// steps, and next to the marks the tokenizer reads as spaces or quotes.
TEST(DateFinderTest, SentenceFilterKeepsEveryRuleStartAtAnyOffset) {
  const std::pair<const char*, const char*> kCases[] = {
      {"It was 17/09/2016 then.", "17/09/2016=2016-09-17/day"},
      {"On 3-4-2016 it rained.", "3-4-2016=2016-04-03/day"},
      {"It was 17.09.2016, again.", "17.09.2016=2016-09-17/day"},
      {"Talks began 2016-09-17.", "2016-09-17=2016-09-17/day"},
      {"Since the 1990s, 300 died.", "1990s=1990..1999/year"},
      {"The 2016 election had 12 rounds.", "2016=2016/year"},
      {"Last week 300 people fled.", "Last week=2017-01-16..2017-01-22/day/rel"},
      {"Some 12 said last\n\n  month was worse.", "last\n\n  month=2016-12/month/rel"},
      {"A 45 km road; last\u00a0month it shut.", "last\u00a0month=2016-12/month/rel"},
      {"Of 30 men,\u201cYesterday\u201d was hard.", "Yesterday=2017-01-23/day/rel"},
      {"On 5 days\u2014Monday\u2014it rained.", "Monday=2017-01-23/day/rel"},
      {"It came on\u00a0Monday for 2 hours.", "Monday=2017-01-23/day/rel"},
      {"Of 3 talks, earlier today one failed.", "earlier today=2017-01-24/day/rel"},
      {"Up 40 percent later this year.", "later this year=2017/year/rel"},
      {"At the end of last year 7 fled.", "the end of last year=2016/year/rel"},
      {"At the start of the month 7 fled.", "the start of the month=2017-01/month/rel"},
      {"Prices rose 9 percent since the year began.", "since the year began=2017/year/rel"},
      {"Some 20 arrived two days ago.", "two days ago=2017-01-22/day/rel"},
      {"This morning 4 shells fell.", "This morning=2017-01-24/day/rel"},
      {"By next Tuesday 5 will leave.", "next Tuesday=2017-01-31/day/rel"},
      {"Of 8 raids, last summer saw most.", "last summer=2016-06..2016-08/month/rel"},
      {"The 6 men left last November.", "last November=2016-11/month/rel"},
      {"It was summer 2016.", "summer 2016=2016-06..2016-08/month"},
      // None here: counts, a lower-case month, a modifier without its noun.
      {"Sales rose 300 percent this quarter, 12 or 123 or 12345 units.", ""},
      {"The convoy may arrive in march with 40 trucks.", ""},
      {"This is the last of 25, the next of 26; mid 13.", ""},
  };
  for (const auto& [body, expected] : kCases) {
    for (size_t pad = 0; pad < 72; ++pad) {
      // `pad` bytes before the body move it across the steps, in its own
      // sentence and in the body's.
      std::string text = std::string(pad, 'x') + " " + body;
      const uint32_t size = static_cast<uint32_t>(text.size());
      const std::vector<Span> two = {{0, static_cast<uint32_t>(pad)},
                                     {static_cast<uint32_t>(pad + 1), size}};
      ASSERT_EQ(Describe(text, kAnchor, two), expected) << body << " after " << pad;
      ASSERT_EQ(Describe(text, kAnchor, {{0, size}}), expected) << body << " at " << pad;
    }
  }
}

TEST(DateFinderTest, SurvivesOddInput) {
  EXPECT_TRUE(Finder().Find("", {}, kAnchor).empty());
  EXPECT_TRUE(Finder().Find("2016-", {}, kAnchor).empty());
  EXPECT_TRUE(Finder().Find("\xE2\x80", {}, kAnchor).empty());
  EXPECT_TRUE(Finder().Find("in", {{0, 900}}, kAnchor).empty());  // span past the end
  EXPECT_EQ(Describe("in 2012", kAnchor, {{0, 7}, {3, 7}}), "2012=2012/year");
  std::string digits(5000, '9');
  EXPECT_TRUE(Finder().Find(digits, {}, kAnchor).empty());
}

// --- speed -----------------------------------------------------------------------------

TEST(DateFinderTest, ThroughputOnOneMegabyteOfPlainEnglish) {
  const char* kSentences[] = {
      "The convoy reached the northern districts after a long delay at the checkpoint.",
      "Officials said the shelling had stopped, but residents reported more explosions.",
      "According to the monitoring group, at least 40 civilians were killed last week.",
      "The talks in Geneva resumed on 17 September 2016 after a pause of several months.",
      "Aid agencies warned that food and fuel would run out before the winter arrives.",
      "A spokesman for the coalition declined to comment on the reports of the raid.",
      "Witnesses described the aftermath of the strike on the market in some detail.",
      "The government has denied using barrel bombs since the war began in 2011.",
  };
  std::string text;
  std::vector<Span> sentences;
  size_t k = 0;
  while (text.size() < (1u << 20)) {
    const std::string s = kSentences[k++ % 8];
    sentences.push_back({static_cast<uint32_t>(text.size()), static_cast<uint32_t>(text.size() + s.size())});
    text += s;
    text += k % 5 == 0 ? "\n\n" : " ";
  }
  size_t found = 0;
  const int kRounds = 20;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < kRounds; ++r) found += Finder().Find(text, sentences, kAnchor).size();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double mbps = kRounds * text.size() / (1024.0 * 1024.0) / secs;
  std::printf("[ throughput ] DateFinder: %.1f MB/s over %zu bytes (%zu mentions per round)\n", mbps,
              text.size(), found / kRounds);
  EXPECT_GT(found, 0u);
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// A yearless date after a word that points ahead takes the first such date
// on or after the anchor; without the cue, the most recent one before it.
TEST(DateFinderFutureCueTest, CuedYearlessDatesLookAhead) {
  auto lex = Lexicon::Load({testing::DataDir()});
  ASSERT_TRUE(lex.ok());
  DateFinder f(**lex);
  auto one = [&](const std::string& text) {
    auto found = f.Find(text, {}, std::string("2017-09-07"));
    return found.size() == 1 ? found[0].value + " " + found[0].rule : std::to_string(found.size());
  };
  EXPECT_EQ(one("A referendum is scheduled for September 25 in the region."),
            "2017-09-25 month_day_yearless+future_cue");
  EXPECT_EQ(one("Troops will stay until December, officials said."),
            "2017-12 month_yearless+future_cue");
  EXPECT_EQ(one("The convoy will leave on March 3."), "2018-03-03 month_day_yearless+future_cue");
  EXPECT_EQ(one("Fighting began on September 25 near the town."), "2016-09-25 month_day_yearless");
  // "until" is still a strong preposition before a year.
  EXPECT_EQ(one("The base was held until 2016."), "2016 year_after_preposition");
}

}  // namespace
}  // namespace dossier
