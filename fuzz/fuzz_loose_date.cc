// Fuzzes ParseLooseDate and MonthFromName. Invariants: a parsed date is
// "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day; the two slash
// orders agree whenever the input has no slash; MonthFromName is 0..12.
#include <cstdint>
#include <string>
#include <string_view>

#include "clean/loose_date.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dossier;
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  const auto month_first = ParseLooseDate(s, DateOrder::kMonthFirst);
  const auto day_first = ParseLooseDate(s, DateOrder::kDayFirst);
  if (month_first) fuzz::CheckIsoDate(*month_first);
  if (day_first) fuzz::CheckIsoDate(*day_first);
  if (s.find('/') == std::string_view::npos)
    FUZZ_CHECK(month_first == day_first);
  const int m = MonthFromName(s);
  FUZZ_CHECK(m >= 0 && m <= 12);
  return 0;
}
