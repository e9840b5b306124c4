#include "segment_test_util.h"

namespace dossier::testing {
namespace {

class QuotesTest : public SegmentTest {
 protected:
  // "span|content|balanced" for each quote.
  Strings Q(std::string_view text) const {
    Strings out;
    for (const Quote& q : Quotes(text))
      out.push_back(At(text, q.span) + "|" + At(text, q.content) + "|" +
                    (q.balanced ? "1" : "0"));
    return out;
  }
};

TEST_F(QuotesTest, CurlyDoubleQuote) {
  EXPECT_EQ(Q("Funk said “we will hold Raqqa” on Monday."),
            (Strings{"“we will hold Raqqa”|we will hold Raqqa|1"}));
}

TEST_F(QuotesTest, StraightQuotesAlternate) {
  EXPECT_EQ(Q("\"We will fight,\" he said, \"until the end.\" The \"ceasefire\" failed."),
            (Strings{"\"We will fight,\"|We will fight,|1", "\"until the end.\"|until the end.|1",
                     "\"ceasefire\"|ceasefire|1"}));
}

TEST_F(QuotesTest, StraightQuoteWithoutSpacesAndInchMark) {
  EXPECT_EQ(Q("He said\"we stay\" and left. The 12\" guns fired."),
            (Strings{"\"we stay\"|we stay|1"}));
}

TEST_F(QuotesTest, GuillemetsWithInnerSpaces) {
  EXPECT_EQ(Q("Le ministre a dit « nous resterons » hier."),
            (Strings{"« nous resterons »|nous resterons|1"}));
}

TEST_F(QuotesTest, NestedQuotesBothFound) {
  EXPECT_EQ(Q("He said: “They told us ‘leave now’ and then fired.”"),
            (Strings{"“They told us ‘leave now’ and then fired.”|They told us ‘leave now’ and "
                     "then fired.|1",
                     "‘leave now’|leave now|1"}));
  EXPECT_EQ(Q("\"The order was 'hold', not retreat\""),
            (Strings{"\"The order was 'hold', not retreat\"|The order was 'hold', not "
                     "retreat|1"}));
}

TEST_F(QuotesTest, UnbalancedQuoteClosedAtParagraphEnd) {
  EXPECT_EQ(Q("The colonel said “we will not withdraw from the city.\n\nThe army left."),
            (Strings{"“we will not withdraw from the city.|we will not withdraw from the "
                     "city.|0"}));
}

TEST_F(QuotesTest, StrayClosingMarkIsIgnored) {
  EXPECT_EQ(Q("The army left” before dawn. Nobody » stayed."), Strings{});
}

TEST_F(QuotesTest, MultiParagraphQuote) {
  std::string text =
      "The statement read: “Our forces have withdrawn from the eastern bank.\n\n"
      "“We call on all parties to respect the truce.\n\n"
      "“We will respond to any violation.”\n\n"
      "The ministry did not comment.";
  auto qs = Quotes(text);
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_TRUE(qs[0].balanced);
  EXPECT_EQ(At(text, qs[0].span),
            "“Our forces have withdrawn from the eastern bank.\n\n“We call on all parties to "
            "respect the truce.\n\n“We will respond to any violation.”");
  EXPECT_EQ(At(text, qs[0].content),
            "Our forces have withdrawn from the eastern bank.\n\n“We call on all parties to "
            "respect the truce.\n\n“We will respond to any violation.");
}

TEST_F(QuotesTest, ApostropheIsNotAQuote) {
  EXPECT_EQ(Q("Syria’s army and ISIS’ fighters met in the ’90s. The rebels’ positions held."),
            Strings{});
  EXPECT_EQ(Q("He called it ‘the rebels’ last stand’ on TV."),
            (Strings{"‘the rebels’ last stand’|the rebels’ last stand|1"}));
  EXPECT_EQ(Q("Officials called the strike ‘a mistake’."),
            (Strings{"‘a mistake’|a mistake|1"}));
}

TEST_F(QuotesTest, InnerUnclosedEndsAtOuterClose) {
  EXPECT_EQ(Q("“They said ‘go and we went.” Later."),
            (Strings{"“They said ‘go and we went.”|They said ‘go and we went.|1",
                     "‘go and we went.|go and we went.|0"}));
}

TEST_F(QuotesTest, GermanLowQuote) {
  EXPECT_EQ(Q("Er sagte „wir bleiben“ gestern."), (Strings{"„wir bleiben“|wir bleiben|1"}));
}

}  // namespace
}  // namespace dossier::testing
