#include "clean/loose_date.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(LooseDateTest, ReadsTheLayoutsNewsSitesUse) {
  EXPECT_EQ(ParseLooseDate("August 16, 2018").value_or(""), "2018-08-16");
  EXPECT_EQ(ParseLooseDate("15 August 2018").value_or(""), "2018-08-15");
  EXPECT_EQ(ParseLooseDate("Wed 05 Apr 2017").value_or(""), "2017-04-05");
  EXPECT_EQ(ParseLooseDate("Thu Jul 7 2016").value_or(""), "2016-07-07");
  EXPECT_EQ(ParseLooseDate("Jan. 8, 2017").value_or(""), "2017-01-08");
  EXPECT_EQ(ParseLooseDate("17th September 2016").value_or(""), "2016-09-17");
  EXPECT_EQ(ParseLooseDate("Sept 3, 2015").value_or(""), "2015-09-03");
  EXPECT_EQ(ParseLooseDate("2018-08-16T09:00:00Z").value_or(""), "2018-08-16");
}

TEST(LooseDateTest, KeepsThePrecisionTheTextGives) {
  EXPECT_EQ(ParseLooseDate("JUNE 2023").value_or(""), "2023-06");
  EXPECT_EQ(ParseLooseDate("2019-03").value_or(""), "2019-03");
  EXPECT_EQ(ParseLooseDate("2019").value_or(""), "2019");
}

TEST(LooseDateTest, NumericDatesFollowTheConfiguredOrder) {
  EXPECT_EQ(ParseLooseDate("4/5/2017").value_or(""), "2017-04-05");
  EXPECT_EQ(ParseLooseDate("4/5/2017", DateOrder::kDayFirst).value_or(""), "2017-05-04");
  EXPECT_EQ(ParseLooseDate("23/4/2016").value_or(""), "2016-04-23");
  EXPECT_EQ(ParseLooseDate("23-04-2016").value_or(""), "2016-04-23");
  EXPECT_EQ(ParseLooseDate("01.10.2017").value_or(""), "2017-10-01");
}

TEST(LooseDateTest, RejectsWhatIsNotADate) {
  EXPECT_FALSE(ParseLooseDate("").has_value());
  EXPECT_FALSE(ParseLooseDate("May the best win").has_value());
  EXPECT_FALSE(ParseLooseDate("31/02/2017").has_value());
  EXPECT_FALSE(ParseLooseDate("at 0914").has_value());
  EXPECT_EQ(ParseLooseDate("February 30, 2016").value_or(""), "2016-02");
}

}  // namespace
}  // namespace dossier
