// Tests of QuantityFinder on sentences written for them: every number form,
// qualifier, range, unit and role rule of quantity_finder.h, and the traps
// (dates, years, identifiers, labels, times, list markers, "one"). Documents
// are segmented by the real Segmenter and dated by the real DateFinder, as in
// the pipeline, so a number inside a date is seen as the pipeline sees it.
#include "annotate/quantities/quantity_finder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "annotate/dates/date_finder.h"
#include "dossier/lexicon.h"
#include "segment/segmenter.h"
#include "builtin_lexicon.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::DataDir;
using testing::TempDir;

using testing::BuiltinLexicon;

const QuantityFinder& Finder() {
  static QuantityFinder finder(BuiltinLexicon());
  return finder;
}

// A segmented document with its date mentions, as the pipeline builds it
// before the quantities layer runs (published `anchor`; "" for none: the
// dates layer then leaves the dates without a year).
Document MakeDoc(std::string_view text, const std::string& anchor = "2017-01-24") {
  static Segmenter segmenter(BuiltinLexicon());
  static DateFinder dates(BuiltinLexicon());
  Document doc;
  doc.text = std::string(text);
  doc.paragraphs = segmenter.Paragraphs(doc.text);
  doc.sentences = segmenter.Sentences(doc.text, doc.paragraphs);
  std::optional<std::string> published;
  if (!anchor.empty()) published = anchor;
  for (const DateMention& d : dates.Find(doc.text, doc.sentences, published)) {
    Mention m;
    m.kind = "date";
    m.span = d.span;
    doc.mentions.push_back(m);
  }
  return doc;
}

std::vector<Mention> Quantities(std::string_view text, bool explain = false,
                                const std::string& anchor = "2017-01-24") {
  Document doc = MakeDoc(text, anchor);
  doc.explain = explain;
  std::vector<Mention> out;
  Finder().Annotate(doc, &out);
  return out;
}

std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// One mention as "span=value[..high] qualifier unit role" (unit "-" if none).
std::string Show(std::string_view text, const Mention& m) {
  const QuantityValue& q = *m.quantity;
  std::string out(text.substr(m.span.begin, m.span.end - m.span.begin));
  out += "=" + Num(q.value);
  if (q.qualifier == "range" || q.qualifier == "approximate_plural")
    out += ".." + Num(q.high);
  out +=
      " " + q.qualifier + " " + (q.unit.empty() ? "-" : q.unit) + " " + q.role;
  return out;
}

// Every mention of `text`, joined by "; ".
std::string Describe(std::string_view text, const std::string& anchor = "2017-01-24") {
  std::string out;
  for (const Mention& m : Quantities(text, false, anchor)) {
    if (!out.empty()) out += "; ";
    out += Show(text, m);
  }
  return out;
}

// --- numbers -----------------------------------------------------------------

TEST(QuantityFinderTest, TablesLoadCleanly) {
  EXPECT_TRUE(Finder().problems().empty()) << Finder().problems()[0];
  EXPECT_GT(Finder().word_count(), 300u);
  EXPECT_EQ(Finder().Name(), "quantities");
}

TEST(QuantityFinderTest, Figures) {
  EXPECT_EQ(Describe("The strike killed 83 soldiers."),
            "83=83 exact person killed");
  EXPECT_EQ(Describe("They counted 3,000 tents."),
            "3,000=3000 exact tent other");
  EXPECT_EQ(Describe("Aid reached 1,234.5 tonnes."),
            "1,234.5 tonnes=1234.5 exact ton other");
  EXPECT_EQ(Describe("About 1.5 million people fled."),
            "About 1.5 million=1500000 about person displaced");
  EXPECT_EQ(Describe("The fund lost 2.3m dollars."),
            "2.3m dollars=2300000 exact usd other");
  EXPECT_EQ(Describe("The bill was $5 million."),
            "$5 million=5000000 exact usd other");
  EXPECT_EQ(Describe("The bill was US$5bn."),
            "US$5bn=5000000000 exact usd other");
  EXPECT_EQ(Describe("Rebels hold 27 villages."), "27=27 exact village other");
}

TEST(QuantityFinderTest, SpacesAndPeriodsInFigures) {
  // No-break space (U+00A0) and narrow no-break space (U+202F) group
  // thousands; an ordinary space never does.
  EXPECT_EQ(Describe("They fed 3\u00a0000 families."),
            "3\u00a0000=3000 exact person other");
  EXPECT_EQ(Describe("They fed 12\u202f500 families."),
            "12\u202f500=12500 exact person other");
  EXPECT_EQ(Describe("They fed 12\u2009500 families."),
            "12\u2009500=12500 exact person other");
  // Two periods with groups of three: European thousands. One period: decimal.
  EXPECT_EQ(Describe("They fed 1.500.000 people."),
            "1.500.000=1500000 exact person other");
  EXPECT_EQ(Describe("They fed 3.000 people."), "3.000=3 exact person other");
  // Odd groupings are not read at all.
  EXPECT_EQ(Describe("They fed 3,00 people."), "");
}

// The scan passes over a figure that starts inside a date and over an
// article before no multiplier or vague word without reading them; a
// figure in a date that a no-break group or a multiplier would go on with
// is read (and dropped) as before, and the scan goes on after all of it.
TEST(QuantityFinderTest, PassedOverTokensReadAsBefore) {
  EXPECT_EQ(Describe("On 5 March 2016 about 40 people were hurt."),
            "about 40=40 about person injured");
  EXPECT_EQ(Describe("The toll rose to 12 on June 3, 2017 million."),
            "12=12 exact - killed");
  EXPECT_EQ(Describe("On 3 May 2016\u00a0000 people fled."), "");
  EXPECT_EQ(Describe("An estimated 300 people fled."),
            "An estimated 300=300 about person displaced");
  EXPECT_EQ(Describe("A couple of fighters surrendered."),
            "A couple=2..3 approximate_plural person captured");
  EXPECT_EQ(Describe("A few soldiers died."),
            "A few=3..5 approximate_plural person killed");
  EXPECT_EQ(Describe("He is a doctor and an engineer."), "");
}

TEST(QuantityFinderTest, Words) {
  EXPECT_EQ(Describe("Three soldiers died."), "Three=3 exact person killed");
  EXPECT_EQ(Describe("It took twenty-one days."),
            "twenty-one days=21 exact day other");
  EXPECT_EQ(Describe("They freed two hundred and fifty prisoners."),
            "two hundred and fifty=250 exact person captured");
  EXPECT_EQ(Describe("A hundred homes burned."),
            "A hundred=100 exact building other");
  EXPECT_EQ(Describe("Police arrested a dozen men."),
            "a dozen=12 exact person captured");
  EXPECT_EQ(Describe("They found half a dozen rockets."),
            "half a dozen=6 exact rocket other");
  EXPECT_EQ(Describe("She counted three thousand four hundred tents."),
            "three thousand four hundred=3400 exact tent other");
  EXPECT_EQ(Describe("Seven warehouses burned."),
            "Seven=7 exact warehouse other");
}

TEST(QuantityFinderTest, VaguePlurals) {
  EXPECT_EQ(Describe("Dozens of civilians were wounded."),
            "Dozens=24..99 approximate_plural person injured");
  EXPECT_EQ(Describe("Thousands of troops surrendered."),
            "Thousands=2000..9999 approximate_plural person captured");
  EXPECT_EQ(
      Describe("Tens of thousands of people fled."),
      "Tens of thousands=20000..99999 approximate_plural person displaced");
  EXPECT_EQ(Describe("Several hundred fighters remain."),
            "Several hundred=300..900 approximate_plural person fighters");
  EXPECT_EQ(Describe("At least dozens were killed."),
            "At least dozens=24 at_least - killed");
}

TEST(QuantityFinderTest, MoreVagueAndMoneyForms) {
  EXPECT_EQ(Describe("A few soldiers stayed."),
            "A few=3..5 approximate_plural person fighters");
  EXPECT_EQ(
      Describe("Hundreds of thousands fled."),
      "Hundreds of thousands=200000..999999 approximate_plural - displaced");
  EXPECT_EQ(Describe("A few dozen tanks moved."),
            "A few dozen=36..60 approximate_plural tank other");
  EXPECT_EQ(Describe("The aid was \u20ac3bn."),
            "\u20ac3bn=3000000000 exact eur other");
  EXPECT_EQ(Describe("The aid was $1.2 billion."),
            "$1.2 billion=1200000000 exact usd other");
  EXPECT_EQ(Describe("The aid was 5 million dollars."),
            "5 million dollars=5000000 exact usd other");
}

// --- qualifiers and ranges --------------------------------------------------

TEST(QuantityFinderTest, Qualifiers) {
  std::string text = "More than 3,000 ISIS fighters have surrendered.";
  auto ms = Quantities(text);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(Show(text, ms[0]), "More than 3,000=3000 at_least person captured");
  EXPECT_EQ(ms[0].quantity->low, 3000);
  EXPECT_EQ(ms[0].quantity->high, 0);  // no upper bound
  EXPECT_EQ(
      Describe("The camp holds some 80,000 internally displaced persons."),
      "some 80,000=80000 about person displaced");
  EXPECT_EQ(Describe("The raid killed at least 156 people."),
            "at least 156=156 at_least person killed");
  EXPECT_EQ(Describe("Nearly 100 homes were destroyed."),
            "Nearly 100=100 about building other");
  auto up = Quantities("Up to 50 vehicles were seen.");
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(Show("Up to 50 vehicles were seen.", up[0]),
            "Up to 50=50 at_most vehicle other");
  EXPECT_EQ(up[0].quantity->low, 0);
  EXPECT_EQ(up[0].quantity->high, 50);
  EXPECT_EQ(Describe("They fired 50 or more rockets."),
            "50 or more=50 at_least rocket other");
  EXPECT_EQ(Describe("They sent 40-odd trucks."),
            "40-odd=40 about truck other");
  EXPECT_EQ(Describe("An estimated 2,000 civilians fled."),
            "An estimated 2,000=2000 about person displaced");
  EXPECT_EQ(Describe("No fewer than 10 tanks came."),
            "No fewer than 10=10 at_least tank other");
  EXPECT_EQ(Describe("They fired 50+ rockets."),
            "50+=50 at_least rocket other");
  EXPECT_EQ(Describe("They fired 50-plus rockets."),
            "50-plus=50 at_least rocket other");
  EXPECT_EQ(Describe("They fired 50 or so rockets."),
            "50 or so=50 about rocket other");
  EXPECT_EQ(Describe("They fired fewer than 20 rockets."),
            "fewer than 20=20 at_most rocket other");
}

TEST(QuantityFinderTest, Ranges) {
  EXPECT_EQ(Describe("ISIS could resurge within six to twelve months."),
            "six to twelve months=6..12 range month other");
  EXPECT_EQ(Describe("The convoy had between 10 and 15 trucks."),
            "between 10 and 15=10..15 range truck other");
  EXPECT_EQ(Describe("The convoy had 10-15 trucks."),
            "10-15=10..15 range truck other");
  EXPECT_EQ(Describe("The convoy had 10 to 15 trucks."),
            "10 to 15=10..15 range truck other");
  EXPECT_EQ(Describe("The convoy had 10\u201315 trucks."),
            "10\u201315=10..15 range truck other");
  EXPECT_EQ(Describe("The convoy had from 10 to 15 trucks."),
            "from 10 to 15=10..15 range truck other");
  // "and" joins only after "between".
  EXPECT_EQ(Describe("They lost 10 and 15 more died."),
            "10=10 exact - other; 15=15 exact - killed");
  EXPECT_EQ(Describe("Two or three soldiers were hurt."),
            "Two or three=2..3 range person injured");
  EXPECT_EQ(Describe("It cost 2 to 3 million dollars."),
            "2 to 3 million dollars=2000000..3000000 range usd other");
  auto ms = Quantities("The convoy had 10-15 trucks.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].quantity->low, 10);
  EXPECT_EQ(ms[0].quantity->value, 10);
  EXPECT_EQ(ms[0].rule, "figure+range");
}

// --- units ----------------------------------------------------------------

TEST(QuantityFinderTest, MeasureUnitsJoinTheSpan) {
  EXPECT_EQ(Describe("They imposed a 55-kilometer radius."),
            "55-kilometer=55 exact km other");
  EXPECT_EQ(Describe("The base lies 55 km away."), "55 km=55 exact km other");
  EXPECT_EQ(Describe("The base lies 55km away."), "55km=55 exact km other");
  EXPECT_EQ(Describe("The front is 10 miles long."),
            "10 miles=10 exact mile other");
  EXPECT_EQ(Describe("Turnout was 60 percent."),
            "60 percent=60 exact percent other");
  EXPECT_EQ(Describe("Turnout was 60%."), "60%=60 exact percent other");
  EXPECT_EQ(Describe("Turnout was 60 per cent."),
            "60 per cent=60 exact percent other");
  EXPECT_EQ(Describe("It ended the 8 year proxy war."),
            "8 year=8 exact year other");
  EXPECT_EQ(Describe("They fought a three-day battle."),
            "three-day=3 exact day other");
  EXPECT_EQ(Describe("The tunnel was 100m long."), "100m=100 exact m other");
}

TEST(QuantityFinderTest, CountedNounsStayOutOfTheSpan) {
  std::string text =
      "Troops destroyed 134 shelters, 17 observation posts and five "
      "underground "
      "storage facilities.";
  EXPECT_EQ(Describe(text),
            "134=134 exact shelter other; 17=17 exact post other; five=5 exact "
            "warehouse other");
  EXPECT_EQ(Describe("Two farmers were murdered."),
            "Two=2 exact farmer killed");
  EXPECT_EQ(Describe("The 2 thoughts on this."), "2=2 exact thought other");
  auto ms = Quantities("Two farmers were murdered.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_LT(ms[0].confidence, 0.85);  // the unit is a guess
}

// --- roles ----------------------------------------------------------------

TEST(QuantityFinderTest, RoleBeforeTheNumber) {
  EXPECT_EQ(Describe("It killed 83 Syrian soldiers and destroyed vehicles."),
            "83=83 exact person killed");
  EXPECT_EQ(
      Describe("The army eliminated 27 militants, destroyed 134 shelters."),
      "27=27 exact person killed; 134=134 exact shelter other");
  EXPECT_EQ(Describe("The death toll rose to 156."), "156=156 exact - killed");
  EXPECT_EQ(Describe("It bombed a camp, killing (according to the Syrian "
                     "Foreign Ministry) "
                     "three Syrian soldiers."),
            "three=3 exact person killed");
  EXPECT_EQ(Describe("It bombed a camp, killing, according to the ministry, "
                     "three soldiers."),
            "three=3 exact person killed");
  auto ms = Quantities("The strike killed 83 soldiers.", /*explain=*/true);
  ASSERT_EQ(ms.size(), 1u);
  ASSERT_FALSE(ms[0].evidence.empty());
  EXPECT_EQ(ms[0].evidence.back(),
            "role killed from 'killed' 1 token(s) before");
}

TEST(QuantityFinderTest, RoleAfterTheNumber) {
  EXPECT_EQ(Describe("83 people were killed."), "83=83 exact person killed");
  EXPECT_EQ(Describe("The blast left 12 dead and 40 wounded."),
            "12=12 exact person killed; 40=40 exact person injured");
  EXPECT_EQ(Describe("Nine were reportedly abducted."),
            "Nine=9 exact - captured");
  EXPECT_EQ(Describe("Some 5,000 displaced people returned."),
            "Some 5,000=5000 about person displaced");
}

// A short phrase after the role noun, once a verb has been crossed; not a
// phrase that holds the count, nor one after a verb.
TEST(QuantityFinderTest, RoleNounAcrossAPhrase) {
  EXPECT_EQ(Describe("The death toll from the bombing rose to 27."), "27=27 exact - killed");
  EXPECT_EQ(Describe("The toll in Aleppo reached 40."), "40=40 exact - killed");
  EXPECT_EQ(Describe("More than 300 people were killed in a battle between the two sides."),
            "More than 300=300 at_least person killed; two=2 exact side other");
  EXPECT_EQ(Describe("Dozens were wounded after the explosion of the two car bombs."),
            "Dozens=24..99 approximate_plural - injured; two=2 exact bomb other");
}

// A conjoined subject ends at its auxiliary: "two officers and a bystander
// were shot dead"; not after a noun that says what happened.
TEST(QuantityFinderTest, RoleAfterAConjoinedSubject) {
  EXPECT_EQ(Describe("Two officers and a bystander were shot dead."),
            "Two=2 exact person killed");
  EXPECT_EQ(Describe("Some 12 men and two women were abducted."),
            "Some 12=12 about person captured; two=2 exact person captured");
  EXPECT_EQ(Describe("The blast left 24 dead and dozens more wounded."),
            "24=24 exact person killed; dozens=24..99 approximate_plural - injured");
  EXPECT_EQ(Describe("Families reached the two cities and registered as displaced."),
            "two=2 exact city other");
  // A count of people with no role takes the role of the count after it;
  // "among those killed" is read through.
  EXPECT_EQ(Describe("Ten children and 13 rebels were among those killed."),
            "Ten=10 exact person killed; 13=13 exact person killed");
  EXPECT_EQ(Describe("It left 56 dead including 11 children and dozens more wounded."),
            "56=56 exact person killed; 11=11 exact person other; "
            "dozens=24..99 approximate_plural - injured");
  // A bare number heads no subject: the 10 is an age.
  EXPECT_EQ(Describe("Boys aged 8 to 10 and women were killed."), "8 to 10=8..10 range - other");
}

// A count of one takes its noun in the singular; "others" are people; the
// demonym before a noun is not the counted noun.
TEST(QuantityFinderTest, SingularNounsAndOthers) {
  EXPECT_EQ(Describe("At least one protester died in custody."),
            "At least one=1 at_least person killed");
  EXPECT_EQ(Describe("Two were killed and four others were hurt."),
            "Two=2 exact - killed; four=4 exact person injured");
  EXPECT_EQ(Describe("Buses left the two Shiite villages."), "two=2 exact village other");
  EXPECT_EQ(Describe("Three civilians were killed and 4 others sustained injuries."),
            "Three=3 exact person killed; 4=4 exact person injured");
}

TEST(QuantityFinderTest, RoleAcrossAnIncludingAside) {
  EXPECT_EQ(
      Describe("Officials said 14 civilians, including six children, died."),
      "14=14 exact person killed; six=6 exact person killed");
  EXPECT_EQ(Describe("Some 4 million Syrians are internally displaced."),
            "Some 4 million=4000000 about person displaced");
  EXPECT_EQ(Describe("The raid killed two Iraqis."),
            "two=2 exact person killed");
  // A count after "including" is a part of the count before: its role.
  EXPECT_EQ(Describe("Jets killed 27 people overnight, including 11 children."),
            "27=27 exact person killed; 11=11 exact person killed");
  EXPECT_EQ(Describe("Shells wounded 3 women including a 9-year-old girl."),
            "3=3 exact person injured; 9-year=9 exact year other");
}

TEST(QuantityFinderTest, RoleSharedAcrossAList) {
  EXPECT_EQ(Describe("The raid killed 3 soldiers and 5 civilians."),
            "3=3 exact person killed; 5=5 exact person killed");
  EXPECT_EQ(Describe("The raid killed 3 soldiers and wounded 5 civilians."),
            "3=3 exact person killed; 5=5 exact person injured");
  EXPECT_EQ(Describe("The raid killed 3 soldiers, 5 civilians."),
            "3=3 exact person killed; 5=5 exact person killed");
  // A role word after the second count wins over the shared one.
  EXPECT_EQ(Describe("The raid killed 3 soldiers and 5 were wounded."),
            "3=3 exact person killed; 5=5 exact - injured");
  // Nothing is shared from a role the noun implied.
  EXPECT_EQ(Describe("It has 300 fighters and 20 tanks."),
            "300=300 exact person fighters; 20=20 exact tank other");
}

// The verb after a list is the role of every count in it whose own role
// was only its noun; a count with a role of its own keeps it, and a count
// after ", and" in another clause is not in the list.
TEST(QuantityFinderTest, RoleSharedBackwardsFromTheVerbAfterAList) {
  EXPECT_EQ(Describe("Three soldiers and two civilians were wounded."),
            "Three=3 exact person injured; two=2 exact person injured");
  EXPECT_EQ(Describe("The strike killed 3 soldiers and 5 civilians were wounded."),
            "3=3 exact person killed; 5=5 exact person injured");
  EXPECT_EQ(Describe("Airstrikes killed 12 fighters, and 40 families fled."),
            "12=12 exact person killed; 40=40 exact person displaced");
}

TEST(QuantityFinderTest, RoleFromTheNoun) {
  EXPECT_EQ(Describe("There are 300 fighters in the town."),
            "300=300 exact person fighters");
  EXPECT_EQ(Describe("The camp shelters 9,000 refugees."),
            "9,000=9000 exact person displaced");
  EXPECT_EQ(Describe("The camp shelters 9,000 children."),
            "9,000=9000 exact person other");
}

// --- what is not a quantity -------------------------------------------------

TEST(QuantityFinderTest, DatesAndYearsAreNotQuantities) {
  EXPECT_EQ(Describe("The strike of 17th September 2016 hit the base."), "");
  EXPECT_EQ(Describe("On August 24th 2016, 12 people died."),
            "12=12 exact person killed");
  EXPECT_EQ(Describe("The memo from 2012 was leaked."), "");
  EXPECT_EQ(Describe("Copyright Jane Doe, 2018"), "");
  EXPECT_EQ(Describe("The 1990s were hard."), "");
  EXPECT_EQ(Describe("He counted 2019 fighters."),
            "2019=2019 exact person fighters");
  EXPECT_EQ(Describe("They met three weeks ago."), "");
}

TEST(QuantityFinderTest, IdentifiersAreNotQuantities) {
  EXPECT_EQ(Describe("Resolution 2254 was adopted."), "");
  EXPECT_EQ(Describe("An F-16 and a Su-24 flew over."), "");
  EXPECT_EQ(Describe("It deployed S-400 systems."), "");
  EXPECT_EQ(Describe("COVID-19 spread."), "");
  EXPECT_EQ(Describe("After 9/11 the war began."), "");
  EXPECT_EQ(Describe("We work 24/7 here."), "");
  EXPECT_EQ(Describe("Call 555-123-4567 now."), "");
  EXPECT_EQ(Describe("See Article 5 and No. 7 and page 12."), "");
  EXPECT_EQ(Describe("Flight 17 was shot down."), "");
  EXPECT_EQ(Describe("Agent 007 left."), "");
  EXPECT_EQ(Describe("The result was 3-1."), "");
  EXPECT_EQ(Describe("The 4G network failed."), "");
}

TEST(QuantityFinderTest, TimesOrdinalsAndMarkersAreNotQuantities) {
  EXPECT_EQ(Describe("They met at 6 p.m. on the road."), "");
  EXPECT_EQ(Describe("They met at 10:30 on the road."), "");
  EXPECT_EQ(Describe("The raid began at 0600 GMT."), "");
  EXPECT_EQ(Describe("It was the 8th raid."), "");
  EXPECT_EQ(Describe("It was the first raid."), "");
  EXPECT_EQ(Describe("1. Introduction\n2) Method"), "");
  EXPECT_EQ(Describe("As reported [3] by the agency."), "");
  EXPECT_EQ(Describe("42"), "");
  EXPECT_EQ(Describe("About 2\u00bd miles."), "");
}

// Without a published date the dates layer leaves a date with no year
// ("Aug. 28"); its day is still no count.
TEST(QuantityFinderTest, DaysBesideMonthsAreNotQuantities) {
  auto unanchored = [](std::string_view text) { return Describe(text, ""); };

  EXPECT_EQ(unanchored("ISLAMABAD, Aug. 28 (Wire) - Floods killed 12 people."),
            "12=12 exact person killed");
  EXPECT_EQ(unanchored("The state of emergency began on 25 August and 3,000 fled."),
            "3,000=3000 exact - displaced");
  EXPECT_EQ(unanchored("Sie kamen am 3. M\u00e4rz, 40 Menschen starben."), "40=40 exact - other");
  // A month needs its capital; the day is at most 31.
  EXPECT_EQ(unanchored("Officials said 15 may have died."), "15=15 exact - other");
  EXPECT_EQ(unanchored("In August 40 people died."), "40=40 exact person killed");
}

TEST(QuantityFinderTest, OneIsACountOnlyInCompany) {
  EXPECT_EQ(Describe("One of the soldiers was hurt."), "");
  EXPECT_EQ(Describe("He is the one who left."), "");
  EXPECT_EQ(Describe("No one was hurt."), "");
  EXPECT_EQ(Describe("That makes one wonder."), "");
  EXPECT_EQ(Describe("All one can say is this."), "");
  EXPECT_EQ(Describe("Someone left."), "");
  EXPECT_EQ(Describe("One soldier was killed."), "One=1 exact person killed");
  EXPECT_EQ(Describe("It lasted one year."), "one year=1 exact year other");
  EXPECT_EQ(Describe("One hundred soldiers left."),
            "One hundred=100 exact person fighters");
  EXPECT_EQ(Describe("He watched Channel Four news."), "");
  EXPECT_EQ(Describe("They left at six."), "");
  EXPECT_EQ(Describe("The two met."), "");
}

// --- mention fields
// -----------------------------------------------------------

TEST(QuantityFinderTest, MentionFields) {
  std::string text =
      "The town was calm. Later, the strike killed 83 Syrian soldiers.";
  Document doc = MakeDoc(text);
  doc.explain = true;
  std::vector<Mention> out;
  Finder().Annotate(doc, &out);
  ASSERT_EQ(out.size(), 1u);
  const Mention& m = out[0];
  EXPECT_EQ(m.kind, "quantity");
  EXPECT_EQ(text.substr(m.span.begin, m.span.end - m.span.begin), "83");
  EXPECT_EQ(m.span.begin, text.find("83"));
  EXPECT_EQ(m.sentence, 1);
  EXPECT_EQ(m.rule, "figure");
  EXPECT_EQ(m.quantity->value, 83);
  EXPECT_EQ(m.quantity->low, 83);
  EXPECT_EQ(m.quantity->high, 83);
  EXPECT_EQ(m.quantity->qualifier, "exact");
  EXPECT_EQ(m.quantity->unit, "person");
  EXPECT_EQ(m.quantity->role, "killed");
  EXPECT_DOUBLE_EQ(m.confidence, 0.9);
  ASSERT_EQ(m.evidence.size(), 3u);
  EXPECT_EQ(m.evidence[0], "value 83 from '83'");
  EXPECT_EQ(m.evidence[1], "unit person from 'soldiers'");
}

TEST(QuantityFinderTest, EvidenceOnlyWhenExplaining) {
  std::string text = "The strike killed 83 soldiers.";
  Document doc = MakeDoc(text);
  std::vector<Mention> out;
  Finder().Annotate(doc, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].evidence.empty());
  EXPECT_EQ(out[0].rule, "figure");
  EXPECT_EQ(out[0].quantity->role, "killed");
  auto ms = Finder().Find(text, {}, {}, /*explain=*/true);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].evidence.front(), "value 83 from '83'");
}

// Sentences with no digit and no number word are skipped before they are
// tokenized; the words that must keep a sentence are number words,
// multipliers and the last word of each vague phrase, in any case and after
// any punctuation.
TEST(QuantityFinderTest, SentenceFilterKeepsEveryKindOfCount) {
  EXPECT_EQ(Describe("Nothing to count here. They saw A COUPLE of tanks."),
            "A COUPLE=2..3 approximate_plural tank other");
  EXPECT_EQ(Describe("It was quiet. \u201cDozens of people died,\u201d he said."),
            "Dozens=24..99 approximate_plural person killed");
  EXPECT_EQ(Describe("Calm returned. Tens of thousands fled."),
            "Tens of thousands=20000..99999 approximate_plural - displaced");
  EXPECT_EQ(Describe("Calm returned.\nTwenty-one soldiers died."),
            "Twenty-one=21 exact person killed");
  EXPECT_EQ(Describe("Calm returned. No count in this one either."), "");
}

TEST(QuantityFinderTest, FindWithoutSentencesReportsSentenceMinusOne) {
  std::string text = "Some 80,000 people live there.";
  auto ms = Finder().Find(text, {}, {});
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].sentence, -1);
  // A skip span (a date) over the number removes it.
  EXPECT_TRUE(Finder().Find(text, {}, {Span{5, 11}}).empty());
}

// The date test steps from its last answer (Scanner::Overlaps): skip spans
// in any order, a number between and after them, and a qualifier before a
// number (asked about after the number) each get the answer of a search.
TEST(QuantityFinderTest, SkipSpansAnsweredInAnyOrder) {
  const std::string text = "Some 10 rose, 20 fell, about 30 left, 40 came and 50 went.";
  auto at = [&](std::string_view w) {
    const uint32_t b = static_cast<uint32_t>(text.find(w));
    return Span{b, b + static_cast<uint32_t>(w.size())};
  };
  auto spans = [&](const std::vector<Mention>& ms) {
    std::string out;
    for (const Mention& m : ms) out += text.substr(m.span.begin, m.span.end - m.span.begin) + ";";
    return out;
  };
  EXPECT_EQ(spans(Finder().Find(text, {}, {})), "Some 10;20;about 30;40;50;");
  EXPECT_EQ(spans(Finder().Find(text, {}, {at("40"), at("Some"), at("20")})), "10;about 30;50;");
  EXPECT_EQ(spans(Finder().Find(text, {}, {at("about"), at("50")})), "Some 10;20;30;40;");
}

TEST(QuantityFinderTest, MentionsStayInsideSentencesAndDoNotOverlap) {
  std::string text =
      "The strike killed 83 soldiers. 12 more died in 2016! Between 10 and 15 "
      "trucks left.\n"
      "Some 3\u00a0000 people fled; dozens of homes burned.";
  Document doc = MakeDoc(text);
  std::vector<Mention> out;
  Finder().Annotate(doc, &out);
  ASSERT_EQ(out.size(), 5u);
  for (size_t k = 0; k < out.size(); ++k) {
    const Span& s = doc.sentences[out[k].sentence];
    EXPECT_GE(out[k].span.begin, s.begin);
    EXPECT_LE(out[k].span.end, s.end);
    if (k > 0) { EXPECT_LE(out[k - 1].span.end, out[k].span.begin); }
  }
}

TEST(QuantityFinderTest, OverrideTablesTeachNewWords) {
  TempDir dir;
  dir.Write("quantity_units.tsv",
            "phrase\tunit\tkind\trole\tnote\nsandbags\tsandbag\tcount\t\t\n");
  dir.Write(
      "quantity_context.tsv",
      "phrase\tkind\tmeaning\tposition\tnote\nzapped\trole\tkilled\tboth\t\n");
  auto lex = Lexicon::Load({DataDir(), dir.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  QuantityFinder finder(*lex.value());
  EXPECT_TRUE(finder.problems().empty());
  std::string text = "They zapped 40 sandbags.";
  auto ms = finder.Find(text, {}, {});
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].quantity->unit, "sandbag");
  EXPECT_EQ(ms[0].quantity->role, "killed");
}

TEST(QuantityFinderTest, BadRowsAreReported) {
  TempDir dir;
  dir.Write("quantity_words.tsv",
            "phrase\tkind\tvalue\tlow\thigh\tnote\nzillion\tmultiplier\tlots\t"
            "\t\t\n");
  auto lex = Lexicon::Load({DataDir(), dir.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  QuantityFinder finder(*lex.value());
  ASSERT_EQ(finder.problems().size(), 1u);
  EXPECT_EQ(finder.problems()[0],
            "quantity_words: zillion: unreadable value 'lots'");
}

TEST(QuantityFinderTest, OddTextDoesNotBreakTheScanner) {
  // Every slice of a text full of digits, signs and multi-byte characters:
  // mentions must stay in bounds, in order and apart.
  std::string text =
      "\u00bd 3\u00a0 ,5 -7 $ 5$ \u20ac-2 (1) [ ] 10-  -15 9/ /11 1.2.3.4 "
      "between and 4 to "
      "\u201c3\u201d \u0662\u0663 \u4e09\u5341 a hundred and a dozen 2,0000 "
      ",000 0.5m 5bn- "
      "COVID-19- F- 16 killed ( 5 ) , according , 6 ;";
  for (size_t b = 0; b < text.size(); ++b) {
    if ((static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) continue;
    std::string_view part(text.data() + b, text.size() - b);
    std::vector<Mention> ms = Finder().Find(part, {}, {});
    for (size_t k = 0; k < ms.size(); ++k) {
      EXPECT_LT(ms[k].span.begin, ms[k].span.end);
      EXPECT_LE(ms[k].span.end, part.size());
      if (k > 0) { EXPECT_LE(ms[k - 1].span.end, ms[k].span.begin); }
    }
  }
}

// Deliberately dense (a mention every 65 bytes, some 40 times the rate of
// news text), so the printout is a floor; no timing is asserted.
TEST(QuantityFinderTest, ThroughputPrintout) {
  std::string para =
      "The US-led coalition said on Tuesday that its aircraft killed at least "
      "83 Syrian "
      "soldiers near the airport, while some 80,000 internally displaced "
      "persons remain in "
      "the camp within a 55-kilometer zone. Officials expect six to twelve "
      "months of fighting "
      "and say more than 3,000 fighters have surrendered since the year "
      "began.\n";
  std::string text;
  while (text.size() < (4u << 20)) text += para;
  Document doc = MakeDoc(text);
  std::vector<Mention> out;
  auto t0 = std::chrono::steady_clock::now();
  Finder().Annotate(doc, &out);
  double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  std::printf("quantities: %.1f MB/s, %zu mentions\n", text.size() / s / 1e6,
              out.size());
  EXPECT_GT(out.size(), 0u);
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// A noun naming what happened to the people beats the role of the count
// listed before it; plain nouns still share it.
TEST(QuantityFinderTest, EventNounBeatsTheSharedRole) {
  EXPECT_EQ(Describe("The monitor put the death toll at 21 and said some 3,500 internally "
                     "displaced persons had fled."),
            "21=21 exact - killed; some 3,500=3500 about person displaced");
  EXPECT_EQ(Describe("Jets killed 3 militants and 5 soldiers."),
            "3=3 exact person killed; 5=5 exact person killed");
}

// A count before an active kill verb with its own count after it is the
// killers': "Two gunmen killed five soldiers". A headline list ("Three
// killed, two injured"), a passive ("were killed") and a count of people
// who are no fighters keep the role.
TEST(QuantityFinderTest, TheSubjectOfAnActiveKillIsNoToll) {
  EXPECT_EQ(Describe("Two gunmen killed five soldiers near Arish."),
            "Two=2 exact person fighters; five=5 exact person killed");
  EXPECT_EQ(Describe("Three suicide bombers killed at least 20 people in Damascus."),
            "Three=3 exact person fighters; at least 20=20 at_least person killed");
  EXPECT_EQ(Describe("Two car bombs killed 25 people in Homs."),
            "Two=2 exact bomb other; 25=25 exact person killed");
  const std::string list = Describe("Three soldiers killed two injured in a blast in Hama.");
  EXPECT_EQ(list.substr(0, list.find(';')), "Three=3 exact person killed") << list;
  EXPECT_EQ(Describe("Thirty militants were killed around the town."),
            "Thirty=30 exact person killed");
}

}  // namespace
}  // namespace dossier
