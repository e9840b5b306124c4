#include "clean/loose_date.h"

#include <cctype>
#include <cstdio>
#include <vector>

namespace dossier {
namespace {

struct Tok {
  std::string text;  // lower-cased
  bool number = false;
  char sep_after = ' ';  // the separator that followed ('/', '-', '.', ',', ' ')
};

std::vector<Tok> Tokenize(std::string_view s) {
  std::vector<Tok> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isalnum(c)) {
      size_t j = i;
      bool digits = std::isdigit(c);
      while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j])) &&
             (digits ? std::isdigit(static_cast<unsigned char>(s[j])) != 0 : true))
        ++j;
      Tok t;
      t.number = digits;
      for (size_t k = i; k < j; ++k)
        t.text.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[k]))));
      // Ordinal suffix glued to a number: 17th, 1st.
      if (digits && j + 1 < s.size() + 1) {
        size_t k = j;
        while (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k]))) ++k;
        std::string suf;
        for (size_t m = j; m < k; ++m)
          suf.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[m]))));
        if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") j = k;
      }
      t.sep_after = j < s.size() ? s[j] : ' ';
      out.push_back(std::move(t));
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

std::string Format(int y, int m, int d) {
  char buf[40];
  if (d > 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  else if (m > 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  else
    std::snprintf(buf, sizeof buf, "%04d", y);
  return buf;
}

bool ValidDay(int y, int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  if (d > kDays[m - 1]) return false;
  if (m == 2 && d == 29) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return true;
}

bool IsYear(const Tok& t) {
  if (!t.number || t.text.size() != 4) return false;
  int y = std::stoi(t.text);
  return y >= 1800 && y <= 2199;
}

}  // namespace

int MonthFromName(std::string_view word) {
  static const char* kNames[] = {"january", "february", "march",     "april",
                                 "may",     "june",     "july",      "august",
                                 "september", "october", "november", "december"};
  std::string w;
  for (char c : word)
    if (c != '.') w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (w.size() < 3) return 0;
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kNames[m];
    if (w == full) return m + 1;
    if (w.size() == 3 && full.substr(0, 3) == w) return m + 1;
  }
  return 0;
}

std::optional<std::string> ParseLooseDate(std::string_view s, DateOrder slash_order) {
  std::vector<Tok> t = Tokenize(s);
  // ISO: 2018-08-16, 2018-08, 2018-08-16T09:00.
  for (size_t i = 0; i < t.size(); ++i) {
    if (IsYear(t[i]) && t[i].sep_after == '-' && i + 1 < t.size() && t[i + 1].number &&
        t[i + 1].text.size() <= 2) {
      int y = std::stoi(t[i].text), m = std::stoi(t[i + 1].text);
      if (m < 1 || m > 12) continue;
      if (t[i + 1].sep_after == '-' && i + 2 < t.size() && t[i + 2].number &&
          t[i + 2].text.size() <= 2) {
        int d = std::stoi(t[i + 2].text);
        if (ValidDay(y, m, d)) return Format(y, m, d);
      }
      return Format(y, m, 0);
    }
  }
  // Numeric: a/b/yyyy, dd-mm-yyyy, dd.mm.yyyy.
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i].number && t[i + 1].number && IsYear(t[i + 2]) && t[i].text.size() <= 2 &&
        t[i + 1].text.size() <= 2 && t[i].sep_after == t[i + 1].sep_after &&
        (t[i].sep_after == '/' || t[i].sep_after == '-' || t[i].sep_after == '.')) {
      int a = std::stoi(t[i].text), b = std::stoi(t[i + 1].text), y = std::stoi(t[i + 2].text);
      bool day_first = t[i].sep_after != '/' || slash_order == DateOrder::kDayFirst || a > 12;
      if (t[i].sep_after == '/' && b > 12) day_first = false;
      int d = day_first ? a : b, m = day_first ? b : a;
      if (ValidDay(y, m, d)) return Format(y, m, d);
    }
  }
  // Month names: "August 16, 2018", "16 August 2018", "Aug 2018", "JUNE 2023".
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].number) continue;
    int m = MonthFromName(t[i].text);
    if (m == 0) continue;
    // Day before the month: "16 August 2018".
    int y = 0, d = 0;
    if (i + 1 < t.size() && IsYear(t[i + 1])) {
      y = std::stoi(t[i + 1].text);
      if (i > 0 && t[i - 1].number && t[i - 1].text.size() <= 2) d = std::stoi(t[i - 1].text);
    } else if (i + 2 < t.size() && t[i + 1].number && t[i + 1].text.size() <= 2 &&
               IsYear(t[i + 2])) {
      d = std::stoi(t[i + 1].text);
      y = std::stoi(t[i + 2].text);
    } else {
      continue;
    }
    if (d > 0 && !ValidDay(y, m, d)) d = 0;
    return Format(y, m, d);
  }
  // A year alone ("2019") only if it is all there is.
  if (t.size() == 1 && IsYear(t[0])) return Format(std::stoi(t[0].text), 0, 0);
  return std::nullopt;
}

}  // namespace dossier
