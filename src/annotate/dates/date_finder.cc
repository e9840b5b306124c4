// Date mentions in article text. How it works:
//   1. Each sentence is cut into tokens by a byte-class table: words (ASCII
//      letters and non-ASCII letters), numbers (digits with a glued suffix:
//      "17th", "1990s", "6pm"), and single punctuation marks (en and em
//      dashes read as '-' and curly apostrophes as '\''). Each word is looked
//      up in data/date_words.tsv through a (first letter, length) bucket, so
//      most words cost one table read.
//   2. A left-to-right pass runs rules only at numbers and at words from the
//      table. A rule may look back a few tokens (the "17" of "17 September",
//      the "in" of "in 2012") and forward a few; it yields a Match over tokens
//      [first, last]. Tokens already inside an emitted mention are never used
//      again, so mentions do not overlap.
//   3. Emit resolves what the text left open (a missing year) against the
//      anchor, validates the calendar and writes the DateMention.
#include "annotate/dates/date_finder.h"

#include "dossier/civil_date.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <map>

#include "clean/loose_date.h"
#include "core/byte_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier {
namespace {

enum WordKind : uint8_t {
  kNone = 0,
  kMonth,
  kMonthAbbr,
  kWeekday,
  kWeekdayAbbr,
  kDayWord,
  kModifier,
  kQualifier,
  kUnit,
  kPartOfDay,
  kOrdinal,
  kCardinal,
  kAgo,
  kSeason,
  kPreposition,
  kPeriodEdge,
  kAfterYear,
  kCountNoun,
  kFutureCue,
  kMonthForeign,
};

struct KindName {
  std::string_view name;
  WordKind kind;
};
constexpr KindName kKindNames[] = {
    {"month", kMonth},         {"month_abbr", kMonthAbbr},   {"weekday", kWeekday},
    {"weekday_abbr", kWeekdayAbbr}, {"day_word", kDayWord},  {"modifier", kModifier},
    {"qualifier", kQualifier}, {"unit", kUnit},              {"part_of_day", kPartOfDay},
    {"ordinal", kOrdinal},     {"cardinal", kCardinal},      {"ago", kAgo},
    {"season", kSeason},       {"preposition", kPreposition}, {"period_edge", kPeriodEdge},
    {"after_year", kAfterYear}, {"count_noun", kCountNoun},   {"future_cue", kFutureCue},
    {"month_foreign", kMonthForeign},
};

// The kinds AtWord has a rule for (a bit per WordKind); of the prepositions
// only "since" starts one (AtSince).
constexpr uint32_t kStartKinds =
    1u << kMonth | 1u << kMonthAbbr | 1u << kWeekday | 1u << kDayWord | 1u << kModifier |
    1u << kQualifier | 1u << kSeason | 1u << kAgo | 1u << kPeriodEdge | 1u << kPreposition |
    1u << kMonthForeign;

enum Unit : int16_t { kUDay = 1, kUWeek, kUWeekend, kUMonth, kUYear, kUDecade };
enum Prep : int16_t { kPrepStrong = 1, kPrepWeak, kPrepOf, kPrepDay };
enum Pod : int16_t { kMorning = 1, kAfternoon, kEvening, kNight };

// ---------------------------------------------------------------------------
// Calendar.

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int MaxDay(int m) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m >= 1 && m <= 12 ? kDays[m - 1] : 0;
}

bool ValidDay(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > MaxDay(m)) return false;
  return !(m == 2 && d == 29 && !IsLeap(y));
}

// ISO weekday of a day count: 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday).
int IsoWeekday(int64_t z) { return static_cast<int>(((z % 7 + 7) % 7 + 3) % 7) + 1; }

std::string Iso(int y, int m, int d) {
  char buf[24];
  // The usual case by hand (snprintf was 1,600 instructions a date).
  if (y >= 0 && y <= 9999 && m >= 0 && m <= 99 && d >= 0 && d <= 99) {
    auto two = [](char* p, int v) {
      p[0] = static_cast<char>('0' + v / 10);
      p[1] = static_cast<char>('0' + v % 10);
    };
    two(buf, y / 100);
    two(buf + 2, y % 100);
    size_t n = 4;
    if (m > 0 || d > 0) {
      buf[n] = '-';
      two(buf + n + 1, m);
      n += 3;
    }
    if (d > 0) {
      buf[n] = '-';
      two(buf + n + 1, d);
      n += 3;
    }
    return std::string(buf, n);
  }
  if (d > 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  else if (m > 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  else
    std::snprintf(buf, sizeof buf, "%04d", y);
  return buf;
}

struct Anchor {
  bool ok = false;
  int y = 0, m = 0, d = 0;  // m, d are 0 when the anchor does not give them
  int64_t days = 0;         // when d > 0
  std::string text;
};

Anchor ParseAnchor(const std::optional<std::string>& in) {
  Anchor a;
  if (!in) return a;
  std::string_view s = *in;
  if (s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) s = s.substr(0, 10);
  auto num = [&](size_t at, size_t len, int* v) {
    *v = 0;
    for (size_t k = at; k < at + len; ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
      *v = *v * 10 + (s[k] - '0');
    }
    return true;
  };
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return a;
  if (!num(0, 4, &a.y) || a.y < 1000) return a;
  if (s.size() >= 7 && (s[4] != '-' || !num(5, 2, &a.m) || a.m < 1 || a.m > 12)) return a;
  if (s.size() == 10 && (s[7] != '-' || !num(8, 2, &a.d) || !ValidDay(a.y, a.m, a.d))) return a;
  a.ok = true;
  if (a.d) a.days = DaysFromCivil(a.y, a.m, a.d);
  a.text = Iso(a.y, a.m, a.d);
  return a;
}

// ---------------------------------------------------------------------------
// Lexicon rows.

int WeekdayFromName(std::string_view s) {
  static const char* kNames[] = {"monday", "tuesday", "wednesday", "thursday",
                                 "friday", "saturday", "sunday"};
  std::string w;
  for (char c : s) w.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  for (int k = 0; k < 7; ++k)
    if (w == kNames[k]) return k + 1;
  return 0;
}

bool ParseInt(std::string_view s, int lo, int hi, int16_t* v) {
  if (s.empty()) return false;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 6) return false;
  int x = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    x = x * 10 + (c - '0');
  }
  if (neg) x = -x;
  if (x < lo || x > hi) return false;
  *v = static_cast<int16_t>(x);
  return true;
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> names, int16_t* v) {
  int16_t k = 1;
  for (std::string_view n : names) {
    if (s == n) {
      *v = k;
      return true;
    }
    ++k;
  }
  return false;
}

// Decodes the `meaning` column of a row of kind `kind` into (a, b).
bool DecodeMeaning(WordKind kind, std::string_view meaning, int16_t* a, int16_t* b) {
  switch (kind) {
    case kMonth:
    case kMonthAbbr:
    case kMonthForeign:
      *a = static_cast<int16_t>(MonthFromName(meaning));
      return *a != 0;
    case kWeekday:
    case kWeekdayAbbr:
      *a = static_cast<int16_t>(WeekdayFromName(meaning));
      return *a != 0;
    case kDayWord:
    case kModifier:
      return ParseInt(meaning, -1000, 1000, a);
    case kQualifier:
      if (meaning == "earlier") *a = -1;
      else if (meaning == "later") *a = 1;
      else return false;
      return true;
    case kUnit:
      return OneOf(meaning, {"day", "week", "weekend", "month", "year", "decade"}, a);
    case kPartOfDay:
      return OneOf(meaning, {"morning", "afternoon", "evening", "night"}, a);
    case kOrdinal:
      return ParseInt(meaning, 1, 31, a);
    case kCardinal:
      return ParseInt(meaning, 1, 1000, a);
    case kSeason: {
      size_t dash = meaning.find('-');
      return dash != std::string_view::npos && ParseInt(meaning.substr(0, dash), 1, 12, a) &&
             ParseInt(meaning.substr(dash + 1), 1, 12, b);
    }
    case kPreposition:
      return OneOf(meaning, {"strong", "weak", "of", "day"}, a);
    case kAfterYear:
      return OneOf(meaning, {"event", "verb"}, a);
    case kAgo:
    case kPeriodEdge:
    case kCountNoun:
    case kFutureCue:
      return true;
    case kNone:
      break;
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool AllLetters(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < 'a' || c > 'z') return false;
  return true;
}

// ---------------------------------------------------------------------------
// Tokens.

enum CharClass : uint8_t { cOther, cSpace, cDigit, cUpper, cLower, cHigh };

struct ClassTable {
  uint8_t c[256];
  // 1 for the bytes that go on a word: ASCII letters and non-ASCII bytes but
  // the lead bytes 0xC2 and 0xE2 (no-break space, dashes, curly quotes...).
  uint8_t word[256];
  constexpr ClassTable() : c(), word() {
    for (int i = 0; i < 256; ++i) c[i] = cOther;
    c[' '] = c['\t'] = c['\n'] = c['\r'] = c['\f'] = c['\v'] = cSpace;
    for (int i = '0'; i <= '9'; ++i) c[i] = cDigit;
    for (int i = 'A'; i <= 'Z'; ++i) c[i] = cUpper;
    for (int i = 'a'; i <= 'z'; ++i) c[i] = cLower;
    for (int i = 0x80; i < 256; ++i) c[i] = cHigh;
    for (int i = 0; i < 256; ++i)
      word[i] = c[i] == cUpper || c[i] == cLower || (c[i] == cHigh && i != 0xC2 && i != 0xE2);
  }
};
constexpr ClassTable kClass;

// The bit of DateFinder::start_third_ for the second and third letters of a
// word (0 = 'a'): a hash, so a few other pairs share it.
constexpr unsigned StartPairBit(unsigned c1, unsigned c2) { return (c1 * 26 + c2) & 63; }

// Three bit masks of the 64 bytes at p (bit k for p[k]): kClass.word bytes,
// ASCII digits, and the marks 0xC2 and 0xE2. SSE2 where there is SSE2.
struct Masks {
  uint64_t word = 0, digit = 0, mark = 0;
};
[[gnu::always_inline]] inline Masks Masks64(const unsigned char* p) {
  Masks m;
#if defined(__SSE2__)
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i letter = AsciiLetters16(v);
    const __m128i mark = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2))),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE2))));
    // A non-ASCII byte is negative as a signed char.
    const __m128i high = _mm_andnot_si128(mark, _mm_cmplt_epi8(v, _mm_setzero_si128()));
    // A digit is a byte whose b - '0' is below 10, unsigned.
    const __m128i t = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t);
    m.word |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(_mm_or_si128(letter, high)))} << (16 * k);
    m.digit |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(digit))} << (16 * k);
    m.mark |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(mark))} << (16 * k);
  }
#else
  for (size_t k = 0; k < 64; ++k) {
    m.word |= uint64_t{kClass.word[p[k]]} << k;
    m.digit |= uint64_t{kClass.c[p[k]] == cDigit} << k;
    m.mark |= uint64_t{p[k] == 0xC2 || p[k] == 0xE2} << k;
  }
#endif
  return m;
}

// A bit per byte of a 64-byte window of the text, set for the kClass.word
// bytes: the tokenizer finds where a word ends with a
// shift and a count of trailing zeros, and classify the bytes once per 64
// (SSE2) instead of taking a turn of a loop, and a mispredicted exit, per
// letter.
class WordWindow {
 public:
  // s[0..size) is the text.
  WordWindow(const unsigned char* s, size_t size) : s_(s), size_(size) {}

  // The end of the run of word bytes that goes on at s[j] (j itself may be
  // any byte), clipped to e.
  [[gnu::always_inline]] size_t RunEnd(size_t j, size_t e) {
    const size_t off = j - base_;  // wraps to a huge value below the window
    if (off < 64) {
      const uint64_t stop = other_ >> off;
      if (stop != 0) return std::min<size_t>(j + static_cast<size_t>(std::countr_zero(stop)), e);
    }
    return RunEndSlow(j, e);
  }

 private:
  [[gnu::noinline]] size_t RunEndSlow(size_t j, size_t e) {
    while (j < e) {
      size_t off = j - base_;
      if (off >= 64) {
        if (size_ < 64 || j > size_ - 64) {
          while (j < e && kClass.word[s_[j]]) ++j;
          return j;
        }
        Fill(j);
        off = 0;
      }
      const uint64_t stop = other_ >> off;
      if (stop != 0) return std::min<size_t>(j + static_cast<size_t>(std::countr_zero(stop)), e);
      j = base_ + 64;
    }
    return e;
  }

  void Fill(size_t base) {
    base_ = base;
    other_ = ~Masks64(s_ + base).word;
  }

  const unsigned char* s_;
  size_t size_;
  size_t base_ = SIZE_MAX / 2;  // no window yet
  uint64_t other_ = 0;          // bit k: s_[base_ + k] is no word byte
};

enum TokKind : uint8_t { kWordTok, kNumTok, kPunctTok };
constexpr int16_t kUnlooked = -2;  // Tok::word of a word not looked up yet
enum TokFlag : uint8_t {
  kCap = 1,          // word starting with A-Z
  kSpace = 2,        // whitespace (or the sentence start) before the token
  kOrd = 4,          // number with st/nd/rd/th
  kPluralS = 8,      // number with s (1990s)
  kOtherSuffix = 16, // number with other glued letters (6pm, 3km)
};
constexpr uint8_t kSuffixMask = kOrd | kPluralS | kOtherSuffix;
constexpr char kDashCh = '\x01';   // en or em dash
constexpr char kOtherCh = '\x02';  // any other non-ASCII punctuation

struct Tok {
  uint32_t b = 0, e = 0;
  int32_t num = 0;     // value of a number (up to 9 digits)
  // Index into words_ or -1; kUnlooked until Scanner::WordAt looks it up
  // (most word tokens are never asked about).
  mutable int16_t word = -1;
  uint8_t kind = kPunctTok, flags = 0, digits = 0;
  char ch = 0;         // punctuation: the ASCII mark, '$' for currency signs
};

// What a match is, for lists ("in 2014 and 2015") and ranges.
enum MatchType : uint8_t { kTypeYear = 1, kTypeMonth, kTypeDay, kTypeSeason, kTypeRel, kTypeRef };

struct Match {
  int first = 0, last = 0;  // token range
  int y = 0, m = 0, d = 0;  // y == 0: written without a year
  bool has_end = false;
  int ey = 0, em = 0, ed = 0;  // range end; ey == 0: no year yet
  bool relative = false;       // computed from the anchor
  const char* rule = "";
  uint8_t type = 0;
  // kTypeRef: counted from another date of the text ("two days later"):
  // ref_n units (a Unit) after it, or before it if negative.
  int ref_unit = 0, ref_n = 0;
};

}  // namespace

const char* PrecisionName(DateMention::Precision p) {
  switch (p) {
    case DateMention::Precision::kDay:
      return "day";
    case DateMention::Precision::kMonth:
      return "month";
    case DateMention::Precision::kYear:
      return "year";
  }
  return "day";
}

DateFinder::DateFinder(const Lexicon& lexicon) {
  const Table& t = lexicon.table("date_words");
  int cw = t.Column("word"), ck = t.Column("kind"), cm = t.Column("meaning");
  if (cw < 0 || ck < 0 || cm < 0) {
    if (!t.rows.empty()) problems_.push_back("date_words: the header needs word, kind, meaning");
    return;
  }
  std::map<std::string, size_t> index;  // later rows replace earlier ones
  for (const auto& row : t.rows) {
    std::string word = Lower(row[cw]);
    if (word.empty()) continue;
    WordKind kind = kNone;
    for (const KindName& k : kKindNames)
      if (k.name == row[ck]) kind = k.kind;
    if (kind == kNone) {
      problems_.push_back(word + ": unknown kind '" + row[ck] + "'");
      continue;
    }
    Word w;
    w.kind = kind;
    if (!DecodeMeaning(kind, row[cm], &w.a, &w.b)) {
      problems_.push_back(word + ": unreadable meaning '" + row[cm] + "' for kind " + row[ck]);
      continue;
    }
    size_t dash = word.find('-');
    if (dash != std::string::npos) {
      std::string head = word.substr(0, dash), tail = word.substr(dash + 1);
      if (!AllLetters(head) || !AllLetters(tail) || head.size() > kMaxWordLen) {
        problems_.push_back(word + ": a hyphenated word needs letters on both sides");
        continue;
      }
      compounds_.push_back({std::move(head), std::move(tail), w.kind, w.a});
      continue;
    }
    if (!AllLetters(word) || word.size() > kMaxWordLen) {
      problems_.push_back(word + ": only ASCII letters, at most 15");
      continue;
    }
    w.text = word;
    w.future_cue = kind == kFutureCue;
    auto it = index.find(word);
    if (it != index.end() && kind == kFutureCue) {
      // A cue is a property, not a kind: "until" stays a preposition too.
      words_[it->second].future_cue = true;
    } else if (it != index.end()) {
      const bool cue = words_[it->second].future_cue;
      words_[it->second] = std::move(w);
      words_[it->second].future_cue = words_[it->second].future_cue || cue;
    } else {
      if (words_.size() >= 65535) break;
      index.emplace(word, words_.size());
      words_.push_back(std::move(w));
    }
  }
  // Buckets by (first letter, length).
  std::array<uint16_t, 26 * (kMaxWordLen + 1) + 1> count{};
  auto bucket = [](const std::string& s) { return (s[0] - 'a') * (kMaxWordLen + 1) + s.size(); };
  for (const Word& w : words_) ++count[bucket(w.text) + 1];
  for (size_t k = 1; k < count.size(); ++k) count[k] += count[k - 1];
  start_ = count;
  order_.resize(words_.size());
  for (size_t i = 0; i < words_.size(); ++i)
    order_[count[bucket(words_[i].text)]++] = static_cast<uint16_t>(i);
  for (const Word& w : words_)
    if (w.text.size() > 1) second_[bucket(w.text)] |= 1u << (w.text[1] - 'a');
  for (const Word& w : words_) {
    if (!(kStartKinds >> w.kind & 1) || (w.kind == kPreposition && w.text != "since")) continue;
    const unsigned c = static_cast<unsigned char>(w.text[0]);
    // AtMonth and AtWeekday give up on a lower-case word at once.
    const bool cap_only = w.kind == kMonth || w.kind == kMonthAbbr || w.kind == kWeekday;
    if (!cap_only) start_len_[c] |= static_cast<uint16_t>(1u << w.text.size());
    start_len_[c - 32] |= static_cast<uint16_t>(1u << w.text.size());
    if (w.text.size() > 1) start_second_[bucket(w.text)] |= 1u << (w.text[1] - 'a');
    if (w.text.size() > 2)
      start_third_[bucket(w.text)] |= uint64_t{1} << StartPairBit(w.text[1] - 'a', w.text[2] - 'a');
  }
}

int DateFinder::Lookup(const char* p, size_t len) const {
  if (len == 0 || len > kMaxWordLen) return -1;
  unsigned c = static_cast<unsigned char>(p[0]) | 0x20u;
  if (c < 'a' || c > 'z') return -1;
  size_t k = (c - 'a') * (kMaxWordLen + 1) + len;
  if (len > 1) {
    // Only ASCII letters fall in 'a'..'z' once 0x20 is set.
    const unsigned c1 = (static_cast<unsigned char>(p[1]) | 0x20u) - 'a';
    if (c1 >= 26 || !(second_[k] >> c1 & 1)) return -1;
  }
  for (size_t o = start_[k]; o < start_[k + 1]; ++o) {
    const char* q = words_[order_[o]].text.data();
    size_t i = 1;
    while (i < len && (static_cast<unsigned char>(p[i]) | 0x20u) == static_cast<unsigned char>(q[i]))
      ++i;
    if (i == len) return order_[o];
  }
  return -1;
}

// The word with the Latin-1 letters of UTF-8 (U+00C0..U+00FF, "é", "û",
// "ç", "ä") folded to their ASCII base letter, looked up; other
// non-ASCII letters make no table word.
int DateFinder::LookupFolded(const char* p, size_t len) const {
  // Base letters of U+00C0..U+00FF ('\0': no letter, or none in ASCII).
  static constexpr char kBase[65] =
      "AAAAAAACEEEEIIII\0NOOOOO\0OUUUUY\0\0aaaaaaaceeeeiiii\0nooooo\0ouuuuy\0y";
  if (len > 2 * kMaxWordLen) return -1;  // folds to more than a table word
  char buf[2 * kMaxWordLen];
  size_t n = 0;
  for (size_t i = 0; i < len; ++i) {
    const unsigned char b = static_cast<unsigned char>(p[i]);
    if (b < 0x80) {
      buf[n++] = static_cast<char>(b);
      continue;
    }
    if (b != 0xC3 || i + 1 >= len) return -1;
    const unsigned char t = static_cast<unsigned char>(p[++i]);
    if (t < 0x80 || t > 0xBF || kBase[t - 0x80] == 0) return -1;
    buf[n++] = kBase[t - 0x80];
  }
  return Lookup(buf, n);
}

// ---------------------------------------------------------------------------

class DateFinder::Scanner {
 public:
  Scanner(const DateFinder& f, std::string_view text, const Anchor& a, std::vector<DateMention>* out)
      : f_(f),
        text_(text),
        a_(a),
        out_(out),
        words_in_(reinterpret_cast<const unsigned char*>(text.data()), text.size()) {}

  void Sentence(size_t b, size_t e) {
    ++sentence_;
    if (!Worth(b, e)) return;
    Tokenize(b, e);
    const size_t out_begin = out_->size();
    pending_.clear();
    min_first_ = 0;
    prev_last_ = -10;
    prev_type_ = 0;
    ctx_y_ = ctx_m_ = ctx_d_ = 0;
    // Most tokens start no rule (Tokenize lists those that may, starts_),
    // nor do the table words of a kind AtWord passes over.
    int i = 0;
    for (int k : starts_) {
      if (k < i) continue;
      i = k;
      const Tok& t = toks_[i];
      if (t.kind != kNumTok && !(kStartKinds >> Kind(i) & 1)) {
        ++i;
        continue;
      }
      Match m;
      bool ok = false;
      if (t.kind == kNumTok)
        ok = AtNumber(i, false, &m);
      else
        ok = AtWord(i, &m);
      if (ok && !m.has_end && m.type >= kTypeYear && m.type <= kTypeDay) ok = TryRange(&m);
      if (ok && m.type == kTypeRef && m.first >= min_first_) {
        pending_.push_back(m);  // resolved once the sentence's other dates are known
        min_first_ = m.last + 1;
        i = m.last + 1;
      } else if (ok && m.first >= min_first_ && Emit(&m)) {
        prev_last_ = m.last;
        prev_type_ = m.type;
        min_first_ = m.last + 1;
        i = m.last + 1;
      } else {
        ++i;
      }
    }
    for (const Match& m : pending_) ResolveRef(m, out_begin);
    if (out_->size() > out_begin) {
      last_date_sentence_ = sentence_;
      // The sentence's last date in the text (those counted from another
      // were added after the others).
      last_date_ = out_begin;
      for (size_t k = out_begin + 1; k < out_->size(); ++k)
        if ((*out_)[k].span.begin > (*out_)[last_date_].span.begin) last_date_ = k;
    }
  }

 private:
  // A date counted from another: the sentence's date before it, else its
  // date after it ("agreed two days earlier, collapsed on 9 November"),
  // else the last date of the three sentences before. A range, or a date
  // coarser than the count ("2019" for "two days later"), gives none.
  void ResolveRef(const Match& m, size_t out_begin) {
    const uint32_t b = toks_[m.first].b, e = toks_[m.last].e;
    const DateMention* ref = nullptr;
    for (size_t k = out_begin; k < out_->size(); ++k) {
      const DateMention& d = (*out_)[k];
      if (d.span.end <= b) ref = &d;
      else if (!ref && d.span.begin >= e) {
        ref = &d;
        break;
      }
    }
    if (!ref && out_begin > 0 && sentence_ - last_date_sentence_ <= 3) ref = &(*out_)[last_date_];
    if (!ref || !ref->value_end.empty()) return;
    const Anchor r = ParseAnchor(ref->value);
    if (!r.ok) return;
    int y = r.y, mo = 0, d = 0;
    const char* rule = "";
    switch (m.ref_unit) {
      case kUDay:
      case kUWeek:
        if (!r.d) return;
        CivilFromDays(r.days + (m.ref_unit == kUWeek ? 7 : 1) * static_cast<int64_t>(m.ref_n), &y, &mo, &d);
        rule = m.ref_unit == kUWeek ? "ref_week" : "ref_day";
        break;
      case kUMonth: {
        if (!r.m) return;
        const int idx = r.y * 12 + (r.m - 1) + m.ref_n;
        y = idx / 12;
        mo = idx % 12 + 1;
        rule = "ref_month";
        break;
      }
      case kUYear:
      case kUDecade:
        y = r.y + (m.ref_unit == kUDecade ? 10 : 1) * m.ref_n;
        rule = m.ref_unit == kUDecade ? "ref_decade" : "ref_year";
        break;
      default:
        return;
    }
    if (y < 1 || y > 9999) return;
    DateMention& out = out_->emplace_back();
    out.span = Span{b, e};
    out.value = Iso(y, mo, d);
    out.precision = d ? DateMention::Precision::kDay
                    : mo ? DateMention::Precision::kMonth
                         : DateMention::Precision::kYear;
    out.relative = true;
    out.anchor_used = r.text;
    out.rule = rule;
  }

  // --- tokens --------------------------------------------------------------

  void Tokenize(size_t b, size_t e) {
    // A token takes a byte at least: toks_ holds e - b of them, grown only,
    // and the sentence's are written over its first slots (an emplace_back
    // per token checks the capacity each time); n_ counts them.
    if (toks_.size() < e - b) toks_.resize(e - b);
    Tok* const first = toks_.data();
    Tok* next = first;
    starts_.clear();
    const unsigned char* s = reinterpret_cast<const unsigned char*>(text_.data());
    size_t i = b;
    bool space = true;
    while (i < e) {
      const unsigned char c = s[i];
      const uint8_t cls = kClass.c[c];
      if (cls == cSpace) {
        space = true;
        ++i;
        continue;
      }
      // Built in place; a Unicode space below leaves the slot to the next
      // token.
      Tok& t = *next;
      t = Tok{};
      t.b = static_cast<uint32_t>(i);
      if (cls == cDigit) {
        size_t j = i;
        int64_t v = 0;
        while (j < e && kClass.c[s[j]] == cDigit) {
          if (j - i < 9) v = v * 10 + (s[j] - '0');
          ++j;
        }
        t.kind = kNumTok;
        starts_.push_back(static_cast<int>(next - first));
        t.digits = static_cast<uint8_t>(std::min<size_t>(j - i, 255));
        t.num = j - i <= 9 ? static_cast<int32_t>(v) : -1;
        size_t k = j;
        while (k < e && (kClass.c[s[k]] == cLower || kClass.c[s[k]] == cUpper)) ++k;
        // The "T" of an ISO timestamp (2016-09-17T09:30) is its own token.
        if (k == j + 1 && (s[j] | 0x20) == 't' && k < e && kClass.c[s[k]] == cDigit) k = j;
        if (k > j) {
          char s0 = static_cast<char>(s[j] | 0x20), s1 = k - j == 2 ? static_cast<char>(s[j + 1] | 0x20) : 0;
          // (French "1er février".)
          if (k - j == 2 && ((s0 == 's' && s1 == 't') || (s0 == 'n' && s1 == 'd') ||
                             (s0 == 'r' && s1 == 'd') || (s0 == 't' && s1 == 'h') ||
                             (s0 == 'e' && s1 == 'r')))
            t.flags |= kOrd;
          else if (k - j == 1 && s0 == 's')
            t.flags |= kPluralS;
          else
            t.flags |= kOtherSuffix;
        }
        t.e = static_cast<uint32_t>(k);
        i = k;
      } else if (kClass.word[c]) {
        const size_t j = words_in_.RunEnd(i + 1, e);
        t.kind = kWordTok;
        t.e = static_cast<uint32_t>(j);
        t.flags = cls == cUpper ? kCap : 0;
        t.word = kUnlooked;
        if (MayStart(s + i, j - i)) starts_.push_back(static_cast<int>(next - first));
        i = j;
      } else if (c == 0xC2 && i + 1 < e) {
        if (s[i + 1] == 0xA0) {  // no-break space
          space = true;
          i += 2;
          continue;
        }
        t.ch = s[i + 1] == 0xA3 || s[i + 1] == 0xA5 ? '$' : kOtherCh;  // £ ¥
        i += 2;
        t.e = static_cast<uint32_t>(i);
      } else if (c == 0xE2 && i + 2 < e) {
        const unsigned char c1 = s[i + 1], c2 = s[i + 2];
        if (c1 == 0x80 && (c2 <= 0x8A || c2 == 0xAF)) {  // Unicode spaces
          space = true;
          i += 3;
          continue;
        }
        if (c1 == 0x80 && (c2 == 0x93 || c2 == 0x94))
          t.ch = kDashCh;
        else if (c1 == 0x80 && (c2 == 0x98 || c2 == 0x99))
          t.ch = '\'';
        else if (c1 == 0x82 && c2 == 0xAC)
          t.ch = '$';  // €
        else
          t.ch = kOtherCh;
        i += 3;
        t.e = static_cast<uint32_t>(i);
      } else {
        t.ch = cls == cHigh ? kOtherCh : static_cast<char>(c);
        ++i;
        t.e = static_cast<uint32_t>(i);
      }
      t.flags |= space ? kSpace : 0;
      // The one space after most tokens is taken here, not by a turn of the
      // loop.
      space = i < e && s[i] == ' ';
      i += space;
      ++next;
    }
    n_ = static_cast<int>(next - first);
    // The first word token: found here, not tested at every word above.
    first_word_ = 0;
    while (first_word_ < n_ && toks_[first_word_].kind != kWordTok) ++first_word_;
    if (first_word_ == n_) first_word_ = -1;
  }

  // False if no rule can fire in [b, e) (most sentences of news text,
  // skipped before they are tokenized). Exact: AtNumber reads only a run of
  // four digits (a year, an ISO date, a decade) or of one or two digits with
  // '/', '.' or '-' right after it (17/09/2016); AtWord starts only at a word
  // that passes MayStart and is of kStartKinds, and most of those need a
  // given word right after them (WordMayFire). Sixty-four bytes a step: the
  // digit runs and the word tokens are found from bit masks and only those
  // that may matter are looked at.
  bool Worth(size_t b, size_t e) const {
    const unsigned char* s = reinterpret_cast<const unsigned char*>(text_.data());
    const size_t size = text_.size();
    Masks prev;  // of the 64 bytes before, inside [b, e)
    for (size_t k = b; k < e; k += 64) {
      Masks m;
      if (size - k >= 64) {
        m = Masks64(s + k);
      } else {  // the end of the text: zeros are none of the bytes looked for
        unsigned char tail[64] = {};
        std::memcpy(tail, s + k, size - k);
        m = Masks64(tail);
      }
      if (e - k < 64) {
        const uint64_t in = (uint64_t{1} << (e - k)) - 1;
        m.word &= in;
        m.digit &= in;
        m.mark &= in;
      }
      // Each run of digits is measured where it starts.
      for (uint64_t runs = m.digit & ~(m.digit << 1 | prev.digit >> 63); runs != 0; runs &= runs - 1) {
        const size_t i = k + static_cast<size_t>(std::countr_zero(runs));
        size_t j = i + 1;
        while (j < e && kClass.c[s[j]] == cDigit) ++j;
        if (j - i == 4 || (j - i <= 2 && j < e && (s[j] == '/' || s[j] == '.' || s[j] == '-')))
          return true;
      }
      // A word token starts where a run of word bytes does, or two or three
      // bytes after a 0xC2 or 0xE2 mark (Tokenize reads the mark with the
      // one or two bytes after it; a superset is fine).
      const uint64_t marked = m.mark << 2 | m.mark << 3 | prev.mark >> 62 | prev.mark >> 61;
      for (uint64_t starts = m.word & (~(m.word << 1 | prev.word >> 63) | marked); starts != 0;
           starts &= starts - 1) {
        const size_t p = static_cast<size_t>(std::countr_zero(starts)), i = k + p;
        if (f_.start_len_[s[i]] == 0) continue;  // no start word begins with this byte
        const uint64_t after = ~m.word >> p;  // bit 0 is clear
        size_t j = i + static_cast<size_t>(std::countr_zero(after));
        if (after == 0) {  // the run goes on past these 64 bytes
          j = k + 64;
          while (j < e && kClass.word[s[j]]) ++j;
        }
        if (MayStart(s + i, j - i)) {
          const int w = f_.Lookup(text_.data() + i, j - i);
          if (w >= 0 && WordMayFire(f_.words_[w].kind, s[i], b, i, j, e)) return true;
        }
      }
      prev = m;
    }
    return false;
  }

  // False if AtWord cannot match at a word of kind `kind` whose first byte is
  // c0 and which ends at j, in a sentence that Worth found no number to start
  // at: each case is a test the rule makes first. The word after it is the
  // run of word bytes after ASCII whitespace; after anything else (a mark that
  // may be a Unicode space) the answer is true, to be safe.
  bool WordMayFire(uint8_t kind, unsigned char c0, size_t b, size_t i, size_t j, size_t e) const {
    switch (kind) {
      case kMonth:
      case kMonthAbbr:
      case kWeekday:
        return kClass.c[c0] == cUpper;  // AtMonth, AtWeekday: capitalised only
      case kDayWord:
      case kAgo:
        return true;
      case kSeason:  // AtSeason needs a four-digit year
        return false;
      case kQualifier:  // two days later, whatever follows
        if (UnitBefore(b, i)) return true;
        break;
      case kModifier:
      case kPeriodEdge:
      case kPreposition:
        break;
      default:
        return false;
    }
    const unsigned char* s = reinterpret_cast<const unsigned char*>(text_.data());
    while (j < e && kClass.c[s[j]] == cSpace) ++j;
    if (j >= e) return false;  // no token after it
    if (!kClass.word[s[j]]) return s[j] == 0xC2 || s[j] == 0xE2;  // a number or a mark
    const size_t k = words_in_.RunEnd(j + 1, e);
    const char* p = text_.data() + j;
    auto is = [&](std::string_view lower) {
      if (k - j != lower.size()) return false;
      for (size_t x = 0; x < lower.size(); ++x)
        if ((static_cast<unsigned char>(p[x]) | 0x20u) != static_cast<unsigned char>(lower[x]))
          return false;
      return true;
    };
    switch (kind) {
      case kModifier: {  // last week, this month, next Tuesday, last summer, this morning
        const int w = f_.Lookup(p, k - j);
        if (w < 0) return false;
        const uint8_t next = f_.words_[w].kind;
        return next == kUnit || next == kMonth || next == kWeekday || next == kSeason ||
               next == kPartOfDay;
      }
      case kQualifier:  // earlier today, later this year
        return is("today") || is("this");
      case kPeriodEdge:  // the end of last year
        return is("of");
      default:  // since the year began
        return is("the");
    }
  }

  // The word before byte i (after ASCII spaces, not before b) is a unit of
  // date_words ("days" in "two days later").
  bool UnitBefore(size_t b, size_t i) const {
    const unsigned char* s = reinterpret_cast<const unsigned char*>(text_.data());
    size_t k = i;
    while (k > b && kClass.c[s[k - 1]] == cSpace) --k;
    const size_t end = k;
    while (k > b && kClass.word[s[k - 1]]) --k;
    if (k == end) return false;
    const int w = f_.Lookup(text_.data() + k, end - k);
    return w >= 0 && f_.words_[w].kind == kUnit;
  }

  // False if the `len` bytes at p (a word token) are none of the words a
  // rule starts at (DateFinder::start_len_, start_second_, start_third_).
  bool MayStart(const unsigned char* p, size_t len) const {
    if (len > kMaxWordLen || !(f_.start_len_[p[0]] >> len & 1)) return false;
    if (len == 1) return true;
    // p[0] is an ASCII letter (no bit is set for other bytes); a byte that
    // is no letter falls outside 'a'..'z' once 0x20 is set.
    const size_t k = ((p[0] | 0x20u) - 'a') * (kMaxWordLen + 1) + len;
    const unsigned c1 = (p[1] | 0x20u) - 'a';
    if (c1 >= 26 || !(f_.start_second_[k] >> c1 & 1)) return false;
    if (len == 2) return true;
    const unsigned c2 = (p[2] | 0x20u) - 'a';
    return c2 < 26 && (f_.start_third_[k] >> StartPairBit(c1, c2) & 1);
  }

  const Tok& T(int i) const { return toks_[i]; }
  bool In(int i) const { return i >= 0 && i < n_; }
  bool IsWordTok(int i) const { return In(i) && toks_[i].kind == kWordTok; }
  bool IsNum(int i) const { return In(i) && toks_[i].kind == kNumTok; }
  int NumDigits(int i) const { return IsNum(i) ? toks_[i].digits : 0; }
  bool NoSuffix(int i) const { return In(i) && !(toks_[i].flags & kSuffixMask); }
  bool P(int i, char c) const { return In(i) && toks_[i].kind == kPunctTok && toks_[i].ch == c; }
  bool Dash(int i) const { return P(i, '-') || P(i, kDashCh); }
  // No whitespace between token i - 1 and token i.
  bool Glued(int i) const { return In(i) && !(toks_[i].flags & kSpace); }
  bool Cap(int i) const { return In(i) && (toks_[i].flags & kCap); }
  // Index into words_ of token i (-1 if none), looked up once.
  int WordAt(int i) const {
    const Tok& t = toks_[i];
    if (t.word == kUnlooked) t.word = static_cast<int16_t>(f_.Lookup(text_.data() + t.b, t.e - t.b));
    return t.word;
  }
  int Kind(int i) const {
    return In(i) && WordAt(i) >= 0 ? static_cast<int>(f_.words_[toks_[i].word].kind) : 0;
  }
  const Word& W(int i) const { return f_.words_[WordAt(i)]; }
  bool IsMonthWord(int i) const {
    int k = Kind(i);
    return (k == kMonth || k == kMonthAbbr) && Cap(i);
  }
  // Token i is the word `lower` (any case).
  bool IsW(int i, std::string_view lower) const {
    if (!IsWordTok(i)) return false;
    const Tok& t = toks_[i];
    if (t.e - t.b != lower.size()) return false;
    for (size_t k = 0; k < lower.size(); ++k)
      if ((static_cast<unsigned char>(text_[t.b + k]) | 0x20u) != static_cast<unsigned char>(lower[k]))
        return false;
    return true;
  }
  bool Plural(int i) const { return IsWordTok(i) && (text_[toks_[i].e - 1] | 0x20) == 's'; }
  int SkipComma(int i) const { return P(i, ',') ? i + 1 : i; }
  bool SentenceInitial(int i) const { return i <= first_word_; }

  // A capitalised word that is not a date word and does not start the
  // sentence: "Theresa May", "Good Friday", "USA Today".
  bool PrevIsName(int i) const {
    int p = i - 1;
    return IsWordTok(p) && Cap(p) && Kind(p) == kNone && !SentenceInitial(p);
  }

  // The number at i continues something before it ("1,200", "v2016", "$2016").
  bool GluedBefore(int i) const {
    if (!Glued(i) || i == 0) return false;
    const Tok& p = toks_[i - 1];
    if (p.kind != kPunctTok) return true;
    switch (p.ch) {
      case '/': case '.': case ':': case ',': case '$': case '#': case '+':
        return true;
      case '-':
      case kDashCh:
        return IsNum(i - 2) && Glued(i - 1);
      default:
        return false;
    }
  }
  // The number at i goes on after it ("2,000", "2016.5", "10%", "6pm").
  bool BiggerAfter(int i) const {
    if (!Glued(i + 1)) return false;
    const Tok& t = toks_[i + 1];
    if (t.kind != kPunctTok) return true;
    switch (t.ch) {
      case '%':
        return true;
      case '/': case '.': case ':': case ',':
        return Glued(i + 2) && IsNum(i + 2);
      default:
        return false;
    }
  }

  // The word at j shows that the number before it is a count: a listed
  // count noun or a lower-case plural ("2000 people", "May 17 militants").
  bool CountFollows(int j) const {
    if (!IsWordTok(j) || Cap(j)) return false;
    int k = Kind(j);
    if (k == kCountNoun || k == kUnit) return true;  // 2000 people, 2016 days
    if (k != kNone) return false;
    const Tok& t = toks_[j];
    if (t.e - t.b < 4) return false;
    char last = text_[t.e - 1], prev = text_[t.e - 2];
    return last == 's' && prev != 's' && prev != 'u' && prev != 'i';
  }

  // Value of a hyphenated number word head-'-'-tail of kind `kind`, or 0.
  int CompoundValue(int head, int tail, uint8_t kind) const {
    for (const Compound& c : f_.compounds_)
      if (c.kind == kind && IsW(head, c.head) && IsW(tail, c.tail)) return c.value;
    return 0;
  }

  // Day of month written by the tokens that end at k ("17", "17th", "fifth",
  // "twenty-first" when `words`); sets *start. 0 if none.
  int DayEndingAt(int k, bool words, int* start) const {
    if (k < min_first_ || !In(k)) return 0;
    if (IsNum(k)) {
      const Tok& t = toks_[k];
      if (t.digits > 2 || (t.flags & (kPluralS | kOtherSuffix)) || t.num < 1 || t.num > 31) return 0;
      *start = k;
      return t.num;
    }
    if (!words || Kind(k) != kOrdinal) return 0;
    if (P(k - 1, '-') && Glued(k) && Glued(k - 1) && k - 2 >= min_first_) {
      if (int v = CompoundValue(k - 2, k, kOrdinal)) {
        *start = k - 2;
        return v;
      }
    }
    *start = k;
    return W(k).a;
  }
  // Day of month written by the tokens that start at j; sets *end.
  int DayStartingAt(int j, bool words, int* end) const {
    if (IsNum(j)) {
      const Tok& t = toks_[j];
      if (t.digits > 2 || (t.flags & (kPluralS | kOtherSuffix)) || t.num < 1 || t.num > 31) return 0;
      *end = j;
      return t.num;
    }
    if (!words || !IsWordTok(j)) return 0;
    if (P(j + 1, '-') && Glued(j + 1) && Glued(j + 2) && Kind(j + 2) == kOrdinal) {
      if (int v = CompoundValue(j, j + 2, kOrdinal)) {
        *end = j + 2;
        return v;
      }
    }
    if (Kind(j) != kOrdinal) return 0;
    *end = j;
    return W(j).a;
  }

  // A four-digit year in [lo, hi] at i that is not part of a bigger number.
  int YearAt(int i, int lo, int hi) const {
    if (!IsNum(i)) return 0;
    const Tok& t = toks_[i];
    if (t.digits != 4 || (t.flags & kSuffixMask) || t.num < lo || t.num > hi) return 0;
    if (GluedBefore(i) || BiggerAfter(i)) return 0;
    return t.num;
  }

  bool IsListConnector(int i) const { return P(i, ',') || IsW(i, "and") || IsW(i, "or"); }

  // --- dispatch -------------------------------------------------------------

  bool AtWord(int i, Match* m) {
    switch (Kind(i)) {
      case kMonth:
      case kMonthAbbr:
        return AtMonth(i, false, m);
      case kMonthForeign:
        return AtForeignMonth(i, m);
      case kWeekday:
        return AtWeekday(i, 0, -1, m);
      case kDayWord:
        return AtDayWord(i, m);
      case kModifier:
        return AtModifier(i, m);
      case kQualifier:
        return AtQualifier(i, m);
      case kSeason:
        return AtSeason(i, m);
      case kAgo:
        return AtAgo(i, m);
      case kPeriodEdge:
        return AtEdge(i, m);
      case kPreposition:
        return IsW(i, "since") && AtSince(i, m);
      default:
        return false;
    }
  }

  // --- numbers --------------------------------------------------------------

  // ISO dates, numeric dates, years and decades. `forced`: the caller has
  // already established a date context (the second half of a range).
  bool AtNumber(int i, bool forced, Match* m) {
    const Tok& t = toks_[i];
    // A day before an accented month of another language ("3 août 2020",
    // "1er février"), which no word start finds: such words are rare, so
    // they are looked up (accents folded) only here.
    if (t.digits <= 2) {
      int k = i + 1;
      if (IsW(k, "de") || (P(k, '.') && Glued(k))) ++k;
      if (In(k) && IsWordTok(k) && Kind(k) == 0) {
        const std::string_view w = text_.substr(T(k).b, T(k).e - T(k).b);
        if (w.find('\xC3') != std::string_view::npos) {
          const int f = f_.LookupFolded(w.data(), w.size());
          if (f >= 0 && f_.words_[f].kind == kMonthForeign) {
            toks_[k].word = static_cast<int16_t>(f);
            return AtForeignMonth(k, m);
          }
        }
      }
    }
    if (t.flags & (kOrd | kOtherSuffix)) return false;
    if (t.flags & kPluralS) return AtDecade(i, m);
    if (GluedBefore(i)) return false;
    // ISO 8601: 2016-09-17, 2016-09.
    if (t.digits == 4 && P(i + 1, '-') && Glued(i + 1) && Glued(i + 2) && NumDigits(i + 2) == 2 &&
        NoSuffix(i + 2)) {
      const int y = t.num, mo = T(i + 2).num;
      if (P(i + 3, '-') && Glued(i + 3) && Glued(i + 4) && NumDigits(i + 4) == 2 && NoSuffix(i + 4)) {
        const int d = T(i + 4).num;
        const bool time_after = Glued(i + 5) && IsWordTok(i + 5) && T(i + 5).e - T(i + 5).b == 1 &&
                                (text_[T(i + 5).b] | 0x20) == 't' && Glued(i + 6) && IsNum(i + 6);
        if (!ValidDay(y, mo, d) || (!time_after && BiggerAfter(i + 4))) return false;
        Set(m, i, i + 4, y, mo, d, "iso_date", kTypeDay);
        return true;
      }
      // "2011-12" is more often a span of years than December 2011.
      if (mo >= 1 && mo <= 12 && mo != (y + 1) % 100 && !BiggerAfter(i + 2) &&
          !(Dash(i + 3) && Glued(i + 3))) {
        Set(m, i, i + 2, y, mo, 0, "iso_month", kTypeMonth);
        return true;
      }
    }
    // 17/09/2016, 9/17/2016, 17.09.2016, 17-09-2016.
    if (t.digits <= 2 && In(i + 4) && T(i + 1).kind == kPunctTok && Glued(i + 1)) {
      const char sep = T(i + 1).ch;
      if ((sep == '/' || sep == '.' || sep == '-') && Glued(i + 2) && NumDigits(i + 2) >= 1 &&
          NumDigits(i + 2) <= 2 && NoSuffix(i + 2) && P(i + 3, sep) && Glued(i + 3) &&
          Glued(i + 4) && NumDigits(i + 4) == 4 && NoSuffix(i + 4) && !BiggerAfter(i + 4)) {
        const int a = t.num, b = T(i + 2).num, y = T(i + 4).num;
        if (y < 1800 || y > 2199) return false;
        int d, mo;
        const char* rule;
        if (a > 12) {
          d = a, mo = b, rule = "numeric_day_first";
        } else if (b > 12) {
          d = b, mo = a, rule = "numeric_month_first";
        } else if (sep == '/') {
          d = b, mo = a, rule = "numeric_month_first_ambiguous";
        } else {
          d = a, mo = b, rule = "numeric_day_first";
        }
        if (!ValidDay(y, mo, d)) return false;
        Set(m, i, i + 4, y, mo, d, rule, kTypeDay);
        return true;
      }
    }
    if (t.digits == 4) return AtYear(i, forced, m);
    return false;
  }

  // A bare four-digit year 1900-2099, only where the context says it is one.
  bool AtYear(int i, bool forced, Match* m) {
    const int y = YearAt(i, 1900, 2099);
    if (!y) return false;
    int last = i, end_y = 0;
    // 2012-2014, 2012–14.
    if (Dash(i + 1) && Glued(i + 1) && Glued(i + 2) && IsNum(i + 2) && NoSuffix(i + 2) &&
        !BiggerAfter(i + 2)) {
      const int dg = T(i + 2).digits, v = T(i + 2).num;
      if (dg == 4 && v > y && v <= 2099) end_y = v;
      else if (dg == 2 && y / 100 * 100 + v > y) end_y = y / 100 * 100 + v;
      if (!end_y) return false;
      last = i + 2;
    }
    const char* rule = end_y ? "year_range" : "year_after_preposition";
    if (!forced) {
      bool ok = false;
      const int p = i - 1;
      if (Dash(p) && Glued(i) && Glued(p) && Kind(p - 1) == kPeriodEdge) {  // mid-2015
        ok = true;
        if (!end_y) rule = "year_after_period_edge";
      } else if (Kind(p) == kPeriodEdge) {  // early 2015
        ok = true;
        if (!end_y) rule = "year_after_period_edge";
      } else if (Kind(p) == kPreposition) {
        switch (W(p).a) {
          case kPrepStrong:
            ok = true;
            break;
          case kPrepWeak:  // by 2016 / by 2000 men
            ok = !CountFollows(last + 1);
            break;
          case kPrepOf: {  // the end of 2016, the summer of 2016
            const int k = Kind(p - 1);
            ok = (k == kPeriodEdge || k == kSeason || k == kUnit) && !CountFollows(last + 1);
            break;
          }
          default:
            break;
        }
      } else if (IsListConnector(p) && prev_last_ == p - 1 && prev_type_ == kTypeYear) {
        ok = !CountFollows(last + 1);
        if (!end_y) rule = "year_list";
      }
      if (!ok && Kind(last + 1) == kAfterYear) {  // the 2016 election, 2016 was
        ok = true;
        if (!end_y) rule = "year_before_noun";
      }
      if (!ok) return false;
    } else if (CountFollows(last + 1)) {
      return false;
    }
    Set(m, i, last, y, 0, 0, rule, kTypeYear);
    if (end_y) {
      m->has_end = true;
      m->ey = end_y;
    }
    return true;
  }

  // "the 1990s", "the mid-1990s": value 1990, value_end 1999.
  bool AtDecade(int i, Match* m) {
    const Tok& t = toks_[i];
    if (t.digits != 4 || t.num % 10 || t.num < 1800 || t.num > 2090) return false;
    if (GluedBefore(i) || BiggerAfter(i)) return false;
    const int p = i - 1;
    if (!(IsW(p, "the") || Kind(p) == kPeriodEdge || Kind(p) == kPreposition ||
          (Dash(p) && Glued(i) && Kind(p - 1) == kPeriodEdge)))
      return false;
    Set(m, i, i, t.num, 0, 0, "decade", kTypeYear);
    m->has_end = true;
    m->ey = t.num + 9;
    return true;
  }

  // --- months ---------------------------------------------------------------

  // True if the bare month at i is a date by its context: a preposition or
  // an edge word before it, a list it continues, or a dash range it starts.
  bool MonthContext(int i) const {
    const int p = i - 1;
    if (Dash(p) && Glued(i) && Kind(p - 1) == kPeriodEdge) return true;  // mid-November
    const int k = Kind(p);
    if (k == kPeriodEdge) return true;
    if (k == kPreposition && W(p).a != kPrepDay) return true;
    if (IsListConnector(p) && prev_last_ == p - 1 && prev_type_ == kTypeMonth) return true;
    if (Dash(i + 1) && IsMonthWord(i + 2)) return true;  // March–May 2017
    return false;
  }

  // The year after a list of months: "March, April and May 2017".
  int BorrowYear(int k) const {
    int hops = 0;
    while (hops < 4 && (IsListConnector(k) || IsW(k, "to") || IsW(k, "until") || IsW(k, "through") ||
                        Dash(k)) &&
           IsMonthWord(k + 1)) {
      k += 2;
      ++hops;
    }
    if (!hops) return 0;
    return YearAt(SkipComma(k), 1800, 2199);
  }

  // A month named in another language, in lower or upper case, read only
  // between a day and a year: "12 mars 2019", "12 de marzo de 2019", "3.
  // Januar 2020" (a foreign month word alone is an English word or a name:
  // "Mars", "mayo"). Translations keep their dates this way. (The German
  // form is read only where the segmenter has not ended a sentence at
  // "3.", which in running text it does.)
  bool AtForeignMonth(int i, Match* m) {
    const int mon = W(i).a;
    int k = i - 1;
    if (IsW(k, "de")) --k;
    else if (P(k, '.') && Glued(k)) --k;  // German "3. Januar"
    int s = 0;
    const int day = DayEndingAt(k, false, &s);
    if (!day || GluedBefore(s) || IsNum(s - 1)) return false;
    int y = i + 1;
    if (IsW(y, "de") || IsW(y, "del")) ++y;
    const int year = YearAt(y, 1800, 2199);
    if (!year || !ValidDay(year, mon, day)) return false;
    Set(m, s, y, year, mon, day, "day_month_year_foreign", kTypeDay);
    return true;
  }

  // Every form built on a month name: 17th September 2016, the fifth of
  // November, September 17, 2016, Sept. 17, 17-19 September, November 2017,
  // in November. `forced`: a bare month needs no context.
  bool AtMonth(int i, bool forced, Match* m) {
    if (!Cap(i)) return false;
    const int mon = W(i).a;
    const bool abbr = Kind(i) == kMonthAbbr;
    int j = i + 1;
    if (abbr && P(j, '.') && Glued(j)) ++j;
    int first = i, last = i, day = 0, day0 = 0, year = 0;
    bool day_first = false;
    {  // The day before the month.
      int k = i - 1, s = 0;
      const bool of = IsW(k, "of");
      if (of) --k;
      int d = DayEndingAt(k, of, &s);
      if (d) {
        int q = s - 1, s0 = 0, d0 = 0;
        if ((Dash(q) || IsW(q, "to")) && (d0 = DayEndingAt(q - 1, false, &s0)) && d0 < d &&
            !GluedBefore(s0)) {
          day0 = d0;
          first = s0;
        } else if (GluedBefore(s) || IsNum(s - 1)) {
          d = 0;
        } else {
          first = s;
        }
      }
      if (d) {
        day = d;
        day_first = true;
      }
    }
    if (day_first) {
      const int y = SkipComma(j);
      if ((year = YearAt(y, 1800, 2199))) last = y;
    } else {
      int e = 0;
      int d = DayStartingAt(j, true, &e);
      if (d) {
        if (IsNum(j)) {
          if (BiggerAfter(j) || (!IsW(i - 1, "on") && CountFollows(j + 1))) d = 0;
        } else if (IsWordTok(e + 1)) {
          d = 0;  // "May second quarter"
        }
      }
      if (d) {
        day = d;
        last = e;
        int q = e + 1, e2 = 0, d2 = 0;
        if ((Dash(q) || IsW(q, "to")) && (d2 = DayStartingAt(q + 1, false, &e2)) > d &&
            !BiggerAfter(e2) && !CountFollows(e2 + 1)) {
          day0 = d;
          day = d2;
          last = e2;
        }
        const int y = SkipComma(last + 1);
        if ((year = YearAt(y, 1800, 2199))) last = y;
      } else {
        int y = SkipComma(j);
        if (IsW(y, "of")) ++y;
        if ((year = YearAt(y, 1800, 2199))) last = y;
      }
    }
    if (day) {
      if (year ? !ValidDay(year, mon, day) : day > MaxDay(mon)) return false;
      if (!year && !day_first && PrevIsName(i)) return false;
      const char* rule = day0 ? (year ? "day_range_year" : "day_range_yearless")
                         : day_first ? (year ? "day_month_year" : "day_month_yearless")
                                     : (year ? "month_day_year" : "month_day_yearless");
      Set(m, first, last, year, mon, day0 ? day0 : day, rule, kTypeDay);
      if (day0) {
        m->has_end = true;
        m->ey = year;
        m->em = mon;
        m->ed = day;
      }
      // A weekday in front: "Tuesday, 17 January 2017", "Tue. 17 Jan".
      int w = first - 1;
      if (P(w, ',')) --w;
      else if (P(w, '.') && Glued(w) && Kind(w - 1) == kWeekdayAbbr) --w;
      if (w >= min_first_ && (Kind(w) == kWeekday || Kind(w) == kWeekdayAbbr) && Cap(w)) m->first = w;
      return true;
    }
    if (year) {
      Set(m, i, last, year, mon, 0, "month_year", kTypeMonth);
      return true;
    }
    // A bare month.
    if (abbr) return false;
    if (P(i + 1, '\'') && Glued(i + 1) && IsW(i + 2, "s")) return false;  // May's
    if (!forced && !MonthContext(i)) return false;
    if (PrevIsName(i)) return false;
    const int borrowed = BorrowYear(i + 1);
    Set(m, i, i, borrowed, mon, 0, borrowed ? "month_borrowed_year" : "month_yearless", kTypeMonth);
    return true;
  }

  // --- ranges -----------------------------------------------------------------

  // Extends an absolute match into "from X to Y", "between X and Y" or
  // "March–May". Returns false if the match must be dropped ("between 2000
  // and 2500 fighters": the numbers were counts).
  bool TryRange(Match* m) {
    const int p = m->first - 1, n = m->last + 1;
    const bool from = IsW(p, "from"), between = IsW(p, "between");
    bool conn;
    if (from)
      conn = IsW(n, "to") || IsW(n, "until") || IsW(n, "till") || IsW(n, "through") || Dash(n);
    else if (between)
      conn = IsW(n, "and");
    else
      conn = m->type == kTypeMonth && Dash(n) && IsMonthWord(n + 1);
    if (!conn) return true;
    Match s;
    const int saved = min_first_;
    min_first_ = n + 1;
    const bool ok = ParseAt(n + 1, &s);
    min_first_ = saved;
    if (!ok || s.has_end || s.type < kTypeYear || s.type > kTypeDay)
      return !(m->type == kTypeYear && (from || between) && IsNum(n + 1));
    if (from || between) m->first = p;
    m->last = s.last;
    m->has_end = true;
    m->ey = s.y;
    m->em = s.m;
    m->ed = s.d;
    m->rule = from ? "range_from_to" : between ? "range_between" : "range_dash";
    return true;
  }

  // An absolute date starting exactly at token j (the end of a range).
  bool ParseAt(int j, Match* s) {
    if (IsNum(j)) {
      int e = 0;
      if (DayStartingAt(j, false, &e)) {
        int k = e + 1;
        if (IsW(k, "of")) ++k;
        if (IsMonthWord(k)) return AtMonth(k, true, s) && s->first == j;
      }
      return AtNumber(j, true, s);
    }
    if (IsMonthWord(j)) return AtMonth(j, true, s) && s->first == j;
    return false;
  }

  // --- relative ---------------------------------------------------------------

  bool HasDay() const { return a_.ok && a_.d > 0; }
  bool HasMonth() const { return a_.ok && a_.m > 0; }

  void SetDays(Match* m, int64_t days) {
    CivilFromDays(days, &m->y, &m->m, &m->d);
    m->relative = true;
  }
  void SetDaysRange(Match* m, int64_t b, int64_t e) {
    SetDays(m, b);
    CivilFromDays(e, &m->ey, &m->em, &m->ed);
    m->has_end = true;
  }
  void SetMonthOffset(Match* m, int delta) {
    const int idx = a_.y * 12 + (a_.m - 1) + delta;
    m->y = idx / 12;
    m->m = idx % 12 + 1;
    m->relative = true;
  }

  // this/last/next (v = 0/-1/+1) week, weekend, month or year.
  bool RelativeUnit(int unit, int v, Match* m) {
    switch (unit) {
      case kUWeek:
      case kUWeekend: {
        if (!HasDay()) return false;
        const int64_t monday = a_.days - (IsoWeekday(a_.days) - 1) + 7 * v;
        if (unit == kUWeek) SetDaysRange(m, monday, monday + 6);
        else SetDaysRange(m, monday + 5, monday + 6);
        return true;
      }
      case kUMonth:
        if (!HasMonth()) return false;
        SetMonthOffset(m, v);
        return true;
      case kUYear:
        if (!a_.ok) return false;
        m->y = a_.y + v;
        m->relative = true;
        return true;
      default:
        return false;
    }
  }
  static const char* UnitRule(const char* const (&names)[7], int unit) {
    return unit >= 1 && unit <= 6 ? names[unit] : names[0];
  }

  // yesterday, today, tonight, tomorrow (+ morning/night...).
  bool AtDayWord(int i, Match* m) {
    if (Cap(i) && PrevIsName(i)) return false;  // USA Today
    if (!HasDay()) return false;
    int last = i;
    if (Kind(i + 1) == kPartOfDay && !IsW(i, "tonight")) last = i + 1;
    Set(m, i, last, 0, 0, 0, "day_word", kTypeRel);
    SetDays(m, a_.days + W(i).a);
    return true;
  }

  // Tuesday, on Tuesday, last/next/this Tuesday, Tuesday night; or the
  // weekday in front of a full date.
  bool AtWeekday(int i, int mod, int mod_tok, Match* m) {
    if (!Cap(i)) return false;
    if (mod_tok < 0) {
      const int j = SkipComma(i + 1);
      int mi = -1, e = 0;
      if (IsMonthWord(j)) {
        mi = j;
      } else if (IsNum(j) && DayStartingAt(j, false, &e)) {
        int k = e + 1;
        if (IsW(k, "of")) ++k;
        if (IsMonthWord(k)) mi = k;
      }
      if (mi >= 0) {
        Match r;
        if (AtMonth(mi, true, &r) && r.d && r.first == i) {
          *m = r;
          return true;
        }
      }
      if (PrevIsName(i)) return false;  // Good Friday
      // The Sunday Times, Sunday Times reporters: a weekday that opens a name.
      if ((SentenceInitial(i) || IsW(i - 1, "the")) && IsWordTok(i + 1) && Cap(i + 1) &&
          Kind(i + 1) == kNone)
        return false;
    }
    if (!HasDay()) return false;
    const int wd = W(i).a, aw = IsoWeekday(a_.days);
    int64_t day;
    const char* rule;
    if (mod < 0) {
      int delta = (aw - wd + 7) % 7;
      day = a_.days - (delta ? delta : 7);
      rule = "weekday_last";
    } else if (mod > 0) {
      int delta = (wd - aw + 7) % 7;
      day = a_.days + (delta ? delta : 7);
      rule = "weekday_next";
    } else if (mod_tok >= 0) {
      day = a_.days - (aw - wd);
      rule = "weekday_this_week";
    } else {
      day = a_.days - (aw - wd + 7) % 7;
      rule = "weekday_on_or_before";
    }
    int last = i;
    if (Kind(i + 1) == kPartOfDay) last = i + 1;
    Set(m, mod_tok >= 0 ? mod_tok : i, last, 0, 0, 0, rule, kTypeRel);
    SetDays(m, day);
    return true;
  }

  // last/this/next + week, month, year, a month name, a weekday, a season,
  // a part of the day. "the last year" is a duration, not a date.
  bool AtModifier(int i, Match* m) {
    if (IsW(i - 1, "the") && i - 1 >= min_first_ && Kind(i + 1) == kUnit && !Plural(i + 1) &&
        (IsW(i, "next") || IsW(i, "following") || IsW(i, "previous")) && W(i + 1).a != kUWeekend) {
      // the next day, the following week, the previous year: counted from
      // another date of the text.
      Set(m, i - 1, i + 1, 0, 0, 0, "", kTypeRef);
      m->ref_unit = W(i + 1).a;
      m->ref_n = W(i).a;
      return true;
    }
    // "following" and "previous" are modifiers only after "the".
    if (IsW(i, "following") || IsW(i, "previous")) return false;
    if (IsW(i - 1, "the") || IsW(i - 1, "a") || IsW(i - 1, "every")) return false;
    const int v = W(i).a, j = i + 1;
    switch (Kind(j)) {
      case kUnit: {
        if (Plural(j)) return false;
        const int unit = W(j).a;
        static const char* const kNames[7] = {"",           "",           "relative_week",
                                              "relative_weekend", "relative_month", "relative_year",
                                              ""};
        Set(m, i, j, 0, 0, 0, UnitRule(kNames, unit), kTypeRel);
        return RelativeUnit(unit, v, m);
      }
      case kMonth: {
        if (!Cap(j) || !HasMonth()) return false;
        const int mon = W(j).a;
        int y = a_.y;
        const char* rule = "month_this";
        if (v < 0) {
          if (mon >= a_.m) --y;
          rule = "month_last";
        } else if (v > 0) {
          if (mon <= a_.m) ++y;
          rule = "month_next";
        }
        Set(m, i, j, y, mon, 0, rule, kTypeRel);
        m->relative = true;
        return true;
      }
      case kWeekday:
        return AtWeekday(j, v, i, m);
      case kSeason:
        return AtSeasonRelative(j, v, i, m);
      case kPartOfDay: {
        if (!HasDay()) return false;
        const int pod = W(j).a;
        int64_t day;
        if (v < 0 && (pod == kNight || pod == kEvening)) day = a_.days - 1;  // last night
        else if (v == 0) day = a_.days;                                      // this morning
        else return false;
        Set(m, i, j, 0, 0, 0, "part_of_day", kTypeRel);
        SetDays(m, day);
        return true;
      }
      default:
        return false;
    }
  }

  // earlier/later this year/month/week, earlier today, later this morning.
  bool AtQualifier(int i, Match* m) {
    const bool earlier = W(i).a < 0;
    const int j = i + 1;
    if (Kind(i - 1) == kUnit && i - 2 >= min_first_) {
      // two days later, a year earlier, three weeks later.
      const int u = i - 1, q = i - 2;
      int n;
      if (IsNum(q) && T(q).digits <= 3 && NoSuffix(q) && !GluedBefore(q)) n = T(q).num;
      else if (Kind(q) == kCardinal) n = W(q).a;
      else return false;
      const int unit = W(u).a;
      if (n <= 0 || unit == kUWeekend) return false;
      // "two or three days later": too vague.
      if ((IsW(q - 1, "to") || IsW(q - 1, "or") || Dash(q - 1)) && (IsNum(q - 2) || Kind(q - 2) == kCardinal))
        return false;
      Set(m, q, i, 0, 0, 0, "", kTypeRef);
      m->ref_unit = unit;
      m->ref_n = earlier ? -n : n;
      return true;
    }
    if (IsW(j, "today") || (IsW(j, "this") && Kind(j + 1) == kPartOfDay)) {
      if (!HasDay()) return false;
      Set(m, i, IsW(j, "today") ? j : j + 1, 0, 0, 0, earlier ? "earlier_today" : "later_today",
          kTypeRel);
      SetDays(m, a_.days);
      return true;
    }
    if (!IsW(j, "this") || Kind(j + 1) != kUnit || Plural(j + 1)) return false;
    const int unit = W(j + 1).a;
    static const char* const kEarlier[7] = {"", "", "earlier_this_week", "earlier_this_weekend",
                                            "earlier_this_month", "earlier_this_year", ""};
    static const char* const kLater[7] = {"", "", "later_this_week", "later_this_weekend",
                                          "later_this_month", "later_this_year", ""};
    Set(m, i, j + 1, 0, 0, 0, UnitRule(earlier ? kEarlier : kLater, unit), kTypeRel);
    return RelativeUnit(unit, 0, m);
  }

  // since the year began; since the start of the month.
  bool AtSince(int i, Match* m) {
    if (!IsW(i + 1, "the")) return false;
    int u = -1;
    if (Kind(i + 2) == kUnit && (IsW(i + 3, "began") || IsW(i + 3, "started") ||
                                 IsW(i + 3, "begun") || IsW(i + 3, "opened"))) {
      u = i + 2;
      Set(m, i, i + 3, 0, 0, 0, "since_period_began", kTypeRel);
    } else if ((IsW(i + 2, "start") || IsW(i + 2, "beginning")) && IsW(i + 3, "of") &&
               (IsW(i + 4, "the") || IsW(i + 4, "this")) && Kind(i + 5) == kUnit) {
      u = i + 5;
      Set(m, i, i + 5, 0, 0, 0, "since_period_began", kTypeRel);
    }
    if (u < 0 || Plural(u)) return false;
    const int unit = W(u).a;
    if (unit != kUYear && unit != kUMonth && unit != kUWeek) return false;
    return RelativeUnit(unit, 0, m);
  }

  // the end of last year, the start of the month, the middle of next week.
  bool AtEdge(int i, Match* m) {
    if (!IsW(i + 1, "of")) return false;
    int j = i + 2, v = 0;
    if (IsW(j, "the") || IsW(j, "this")) {
      ++j;
    } else if (Kind(j) == kModifier) {
      v = W(j).a;
      ++j;
    }
    if (Kind(j) != kUnit || Plural(j)) return false;
    const int first = i - 1 >= min_first_ && IsW(i - 1, "the") ? i - 1 : i;
    Set(m, first, j, 0, 0, 0, "period_edge_relative", kTypeRel);
    return RelativeUnit(W(j).a, v, m);
  }

  // two days ago, three weeks ago, a month ago, 10 years ago.
  bool AtAgo(int i, Match* m) {
    const int u = i - 1, q = i - 2;
    if (Kind(u) != kUnit || q < min_first_) return false;
    int n;
    if (IsNum(q) && T(q).digits <= 3 && NoSuffix(q) && !GluedBefore(q)) n = T(q).num;
    else if (Kind(q) == kCardinal) n = W(q).a;
    else return false;
    if (n <= 0) return false;
    // "six to twelve months ago", "two or three days ago": too vague.
    if ((IsW(q - 1, "to") || IsW(q - 1, "or") || Dash(q - 1)) && (IsNum(q - 2) || Kind(q - 2) == kCardinal))
      return false;
    switch (W(u).a) {
      case kUDay:
        if (!HasDay()) return false;
        Set(m, q, i, 0, 0, 0, "ago_day", kTypeRel);
        SetDays(m, a_.days - n);
        return true;
      case kUWeek:
        if (!HasDay()) return false;
        Set(m, q, i, 0, 0, 0, "ago_week", kTypeRel);
        SetDays(m, a_.days - 7 * static_cast<int64_t>(n));
        return true;
      case kUMonth:
        if (!HasMonth()) return false;
        Set(m, q, i, 0, 0, 0, "ago_month", kTypeRel);
        SetMonthOffset(m, -n);
        return true;
      case kUYear:
      case kUDecade:
        if (!a_.ok) return false;
        Set(m, q, i, a_.y - (W(u).a == kUYear ? n : 10 * n), 0, 0,
            W(u).a == kUYear ? "ago_year" : "ago_decade", kTypeRel);
        m->relative = true;
        return true;
      default:
        return false;
    }
  }

  // summer 2016, the summer of 2016 (a range of months); winter 2016 (year).
  bool AtSeason(int i, Match* m) {
    int j = i + 1;
    if (IsW(j, "of")) ++j;
    const int y = YearAt(j, 1800, 2199);
    if (!y) return false;
    const int s = W(i).a, e = W(i).b;
    if (s > e) {
      Set(m, i, j, y, 0, 0, "season_year_winter", kTypeSeason);
      return true;
    }
    Set(m, i, j, y, s, 0, "season_year", kTypeSeason);
    m->has_end = true;
    m->ey = y;
    m->em = e;
    return true;
  }

  // last/this/next summer: a range of months around the anchor.
  bool AtSeasonRelative(int j, int v, int mod_tok, Match* m) {
    if (!HasMonth()) return false;
    const int s = W(j).a, e = W(j).b, am = a_.y * 12 + a_.m - 1;
    auto start = [&](int y) { return y * 12 + s - 1; };
    auto end = [&](int y) { return (e < s ? y + 1 : y) * 12 + e - 1; };
    int y;
    const char* rule;
    if (v < 0) {
      y = a_.y + 1;
      while (end(y) >= am) --y;
      rule = "season_last";
    } else if (v > 0) {
      y = a_.y - 1;
      while (start(y) <= am) ++y;
      rule = "season_next";
    } else {
      y = a_.y;
      if (start(y - 1) <= am && am <= end(y - 1)) --y;
      rule = "season_this";
    }
    Set(m, mod_tok, j, y, s, 0, rule, kTypeRel);
    m->relative = true;
    m->has_end = true;
    m->ey = e < s ? y + 1 : y;
    m->em = e;
    return true;
  }

  // --- output -----------------------------------------------------------------

  static void Set(Match* m, int first, int last, int y, int mo, int d, const char* rule, uint8_t type) {
    m->first = first;
    m->last = last;
    m->y = y;
    m->m = mo;
    m->d = d;
    m->rule = rule;
    m->type = type;
  }

  // (m2, d2) comes before (m1, d1) within a year.
  static bool Before(int m2, int d2, int m1, int d1) {
    return m2 < m1 || (m2 == m1 && d2 && d1 && d2 < d1);
  }

  // A future_cue word ("until", "scheduled") among the few words before
  // token `first` in this sentence.
  bool FutureCueBefore(int first) const {
    for (int k = first - 1; k >= 0 && k >= first - 6; --k)
      if (In(k) && WordAt(k) >= 0 && W(k).future_cue) return true;
    return false;
  }

  bool Emit(Match* m) {
    bool from_context = false, future = false;
    if (m->y == 0) {  // written without a year
      if (m->has_end && m->ey != 0) {  // 17 March to 3 May 2017
        m->y = m->ey;
        if (Before(m->em, m->ed, m->m, m->d)) --m->y;
      } else if (ctx_y_) {
        // An earlier date in the sentence gave a year: the first such date
        // on or after it ("On 24 February 2022 ..., by April").
        m->y = ctx_y_;
        if (Before(m->m, m->d, ctx_m_, ctx_d_)) ++m->y;
        from_context = true;
      } else if (FutureCueBefore(m->first)) {
        // "scheduled for September 25", "until December": the first such
        // date on or after the anchor.
        if (!HasMonth()) return false;
        m->y = a_.y;
        if (Before(m->m, m->d, a_.m, a_.d)) ++m->y;
        for (int k = 0; k < 8 && m->d && !ValidDay(m->y, m->m, m->d); ++k) ++m->y;
        m->relative = true;
        future = true;
      } else {
        // The most recent such date not after the anchor.
        if (!HasMonth()) return false;
        m->y = a_.y;
        if (m->m > a_.m || (m->m == a_.m && m->d && a_.d && m->d > a_.d)) --m->y;
        for (int k = 0; k < 8 && m->d && !ValidDay(m->y, m->m, m->d); ++k) --m->y;
        m->relative = true;
      }
    }
    if (m->has_end && m->ey == 0) {
      m->ey = m->y;
      if (Before(m->em, m->ed, m->m, m->d)) ++m->ey;
    }
    if (m->d && !ValidDay(m->y, m->m, m->d)) return false;
    if (m->has_end && m->ed && !ValidDay(m->ey, m->em, m->ed)) return false;
    if (m->relative && !a_.ok) return false;
    DateMention& out = out_->emplace_back();  // built in place
    out.span = Span{toks_[m->first].b, toks_[m->last].e};
    out.value = Iso(m->y, m->m, m->d);
    if (m->has_end) out.value_end = Iso(m->ey, m->em, m->ed);
    out.precision = m->d ? DateMention::Precision::kDay
                    : m->m ? DateMention::Precision::kMonth
                           : DateMention::Precision::kYear;
    out.relative = m->relative;
    if (m->relative) out.anchor_used = a_.text;
    out.rule = m->rule;
    if (from_context) out.rule += "+year_from_sentence";
    if (future) out.rule += "+future_cue";
    if (!m->relative && m->type >= kTypeYear && m->type <= kTypeSeason) {
      if (m->has_end) ctx_y_ = m->ey, ctx_m_ = m->em, ctx_d_ = m->ed;
      else ctx_y_ = m->y, ctx_m_ = m->m, ctx_d_ = m->d;
    }
    return true;
  }

  const DateFinder& f_;
  std::string_view text_;
  const Anchor& a_;
  std::vector<DateMention>* out_;
  mutable WordWindow words_in_;  // for Worth and Tokenize
  std::vector<Tok> toks_;
  std::vector<int> starts_;  // the numbers and the words that pass MayStart
  int n_ = 0;
  int first_word_ = -1;  // index of the sentence's first word token
  int min_first_ = 0;    // tokens before this belong to an emitted mention
  int prev_last_ = -10;  // last token of the previous mention in the sentence
  uint8_t prev_type_ = 0;
  // The last date with a written year in this sentence (year, month, day;
  // 0 where not given); years missing later in the sentence come from it.
  int ctx_y_ = 0, ctx_m_ = 0, ctx_d_ = 0;
  std::vector<Match> pending_;  // dates counted from another, this sentence
  int sentence_ = 0;            // sentences seen
  int last_date_sentence_ = -100;  // the last one that gave a date
  size_t last_date_ = 0;           // its last date, in out_
};

std::vector<DateMention> DateFinder::Find(std::string_view text, const std::vector<Span>& sentences,
                                          std::optional<std::string> anchor) const {
  std::vector<DateMention> out;
  FindInto(text, sentences, anchor, &out);
  return out;
}

void DateFinder::FindInto(std::string_view text, const std::vector<Span>& sentences,
                          const std::optional<std::string>& anchor, std::vector<DateMention>* found) const {
  found->clear();
  std::vector<DateMention>& out = *found;
  const Anchor a = ParseAnchor(anchor);
  Scanner scanner(*this, text, a, &out);
  if (sentences.empty()) {
    scanner.Sentence(0, text.size());
  } else {
    for (const Span& s : sentences) {
      const size_t b = std::min<size_t>(s.begin, text.size()), e = std::min<size_t>(s.end, text.size());
      if (b < e) scanner.Sentence(b, e);
    }
  }
  auto by_begin = [](const DateMention& x, const DateMention& y) { return x.span.begin < y.span.begin; };
  if (!std::is_sorted(out.begin(), out.end(), by_begin)) std::stable_sort(out.begin(), out.end(), by_begin);
}

}  // namespace dossier
