#include "dossier/civil_date.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(CivilDateTest, DayNumbersOfIsoDates) {
  int64_t d = -1;
  ASSERT_TRUE(IsoDayNumber("1970-01-01", &d));
  EXPECT_EQ(d, 0);
  ASSERT_TRUE(IsoDayNumber("2016-09-17", &d));
  EXPECT_EQ(d, 17061);
  ASSERT_TRUE(IsoDayNumber("1969-12-31", &d));
  EXPECT_EQ(d, -1);
  // Months and years only when asked for: their first day.
  EXPECT_FALSE(IsoDayNumber("2016-09", &d));
  ASSERT_TRUE(IsoDayNumber("2016-09", &d, /*allow_coarse=*/true));
  EXPECT_EQ(d, 17045);
  ASSERT_TRUE(IsoDayNumber("2016", &d, true));
  EXPECT_EQ(d, 16801);
  for (const char* bad : {"2016-13-01", "2016-00-10", "2016-09-32", "2016-09-17T10", "2016-9-17",
                          "x", "", "20160917", "2016/09/17"}) {
    EXPECT_FALSE(IsoDayNumber(bad, &d, true)) << bad;
  }
}

TEST(CivilDateTest, RoundTripsAcrossLeapYearsAndCenturies) {
  for (int64_t z = DaysFromCivil(1899, 12, 25); z < DaysFromCivil(2101, 1, 10); z += 17) {
    int y = 0, m = 0, d = 0;
    CivilFromDays(z, &y, &m, &d);
    EXPECT_EQ(DaysFromCivil(y, m, d), z);
  }
  int y = 0, m = 0, d = 0;
  CivilFromDays(DaysFromCivil(2000, 2, 29), &y, &m, &d);
  EXPECT_EQ(y * 10000 + m * 100 + d, 20000229);
  EXPECT_EQ(DaysFromCivil(2001, 3, 1) - DaysFromCivil(2001, 2, 28), 1);  // not a leap year
  EXPECT_EQ(DaysFromCivil(1900, 3, 1) - DaysFromCivil(1900, 2, 28), 1);  // nor is 1900
}

}  // namespace
}  // namespace dossier
