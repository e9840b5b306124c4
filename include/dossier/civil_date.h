// Day numbers of proleptic Gregorian dates (days since 1970-01-01, Howard
// Hinnant's days_from_civil / civil_from_days), shared by the dates
// annotator, the event-cluster index and the API's timeline.
#ifndef DOSSIER_CIVIL_DATE_H_
#define DOSSIER_CIVIL_DATE_H_

#include <cstdint>
#include <string_view>

namespace dossier {

// Days since 1970-01-01 of year `y`, month `m` (1-12), day `d` (1-31).
inline int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The date of day number `z`.
inline void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

// The day number of "YYYY-MM-DD" (month 1-12, day 1-31), or of the first
// day of "YYYY-MM" / "YYYY" when `allow_coarse`; false for anything else.
inline bool IsoDayNumber(std::string_view date, int64_t* days, bool allow_coarse = false) {
  auto num = [&](size_t at, size_t n, int* out) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (i >= date.size() || date[i] < '0' || date[i] > '9') return false;
      v = v * 10 + (date[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, m = 1, d = 1;
  if (!num(0, 4, &y)) return false;
  if (date.size() == 4) return allow_coarse && (*days = DaysFromCivil(y, 1, 1), true);
  if (date.size() < 7 || date[4] != '-' || !num(5, 2, &m) || m < 1 || m > 12) return false;
  if (date.size() == 7) return allow_coarse && (*days = DaysFromCivil(y, m, 1), true);
  if (date.size() != 10 || date[7] != '-' || !num(8, 2, &d) || d < 1 || d > 31) return false;
  *days = DaysFromCivil(y, m, d);
  return true;
}

}  // namespace dossier

#endif  // DOSSIER_CIVIL_DATE_H_
