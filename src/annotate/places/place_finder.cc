// Place mentions in article text. How it works, per document:
//   1. Candidates (Run::Collect). Each sentence's tokens are walked; a token
//      can start a name if it is capitalised, an Arabic article before a
//      capitalised word ("al-Tanf"), or a direction word before one ("eastern
//      Syria", for curated regions). From a start, the n-grams that end at a
//      capitalised token (joined by spaces, hyphens, apostrophes, articles
//      and connectors like "of") are looked up longest first, by NameKey and,
//      for names of 5+ letters, by SkeletonKey. The first n-gram that is a
//      stopword or has gazetteer hits wins. Only capitalised starts cost a
//      lookup, so plain prose is cheap.
//   2. Traps (Run::IsNamePart): the words around the n-gram say whether it is
//      part of a person's or an organisation's name; then the whole run of
//      capitalised words is skipped, so no part of "Abu Bakr al-Baghdadi" is
//      looked up again.
//   3. Context (Run::Resolve): every candidate entry gets a score without
//      document context; winners that are unambiguous (countries, provinces,
//      curated places, big cities, single candidates) give the document's
//      context countries and provinces. A second scoring adds that context,
//      "X, Y", the hint words around the name ("province", "city of", "near")
//      and one sense per name, and picks the winner. Common-word names and
//      skeleton-only matches are dropped unless the context supports them.
#include "annotate/places/place_finder.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <type_traits>
#include <unordered_map>

#include "core/byte_scan.h"
#include "dossier/utf8.h"
#include "lexicon/name_key.h"

namespace dossier {
namespace {

// How a spelling matched the text. Order matters: better is larger.
enum class Quality : uint8_t { kSkeleton, kAltKey, kPreferredKey, kExact, kExactPreferred };

const char* QualityName(Quality q) {
  switch (q) {
    case Quality::kSkeleton: return "skeleton";
    case Quality::kAltKey: return "alt key";
    case Quality::kPreferredKey: return "key";
    case Quality::kExact: return "exact alt";
    case Quality::kExactPreferred: return "exact";
  }
  return "?";
}

// Minimum final score for a mention of a small place (not IsBig) to be
// emitted: below it the best
// candidate is a small foreign village matched by an alternate spelling,
// more often a person's name or a word than a place.
constexpr double kMinScore = 4.0;
// Entries of the per-thread lookup cache before it is emptied, between two
// documents (bounds its memory: each entry holds a few candidates).
constexpr size_t kMaxCacheEntries = 200000;
// Words a place n-gram may span, whatever the gazetteer's longest name.
constexpr int kMaxWords = 8;
// Candidates listed in a mention's evidence.
constexpr size_t kMaxEvidence = 8;
// A skeleton shared by more entries than this generates no candidates
// (fewer when the spelling itself matched: "Washington" has 200).
constexpr size_t kMaxSkeletonHits = 32;
constexpr size_t kMaxSkeletonHitsWithKey = 16;
constexpr size_t kMaxCrowdedSkeleton = 400;

}  // namespace

namespace places_internal {

void FastNameKey(std::string_view name, std::string* out) {
  // FoldName on ASCII: lower-case letters and digits; apostrophes dropped;
  // other runs become one space; trimmed. Written in place (the key is
  // never longer than the name) rather than byte by byte with push_back:
  // every new n-gram and skeleton spelling comes through here.
  out->resize(name.size());
  char* d = out->data();
  size_t w = 0, spaces = 0;
  for (unsigned char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      d[w++] = static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      d[w++] = static_cast<char>(c + 32);
    } else if (c >= 0x80) {
      *out = NameKey(name);
      return;
    } else if (c == '\'' || c == '`') {
      continue;
    } else if (w > 0 && d[w - 1] != ' ') {
      d[w++] = ' ';
      ++spaces;
    }
  }
  if (w > 0 && d[w - 1] == ' ') {
    --w;
    --spaces;
  }
  out->resize(w);
  if (spaces == 0) return;
  // Drop article tokens, unless the name is only articles.
  w = 0;
  size_t b = 0;
  const size_t n = out->size();
  bool any = false;
  std::string& s = *out;
  while (b < n) {
    size_t e = s.find(' ', b);
    if (e == std::string::npos) e = n;
    std::string_view tok(s.data() + b, e - b);
    if (!IsArticleToken(tok)) {
      if (any) s[w++] = ' ';
      std::memmove(&s[w], s.data() + b, e - b);
      w += e - b;
      any = true;
    }
    b = e + 1;
  }
  if (!any) return;  // only articles: keep the folded name
  s.resize(w);
}

}  // namespace places_internal

namespace {
using places_internal::FastNameKey;

// Compares FoldName(a) == FoldName(b) without allocating when both are
// ASCII: sets *equal and returns true; returns false for non-ASCII input.
bool AsciiFoldEqual(std::string_view a, std::string_view b, bool* equal) {
  auto alnum = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  auto apostrophe = [](unsigned char c) { return c == '\'' || c == '`'; };
  // Next folded symbol at *i: a lower-case letter/digit, ' ' for a run of
  // separators (not at the ends), 0 at the end, -1 for non-ASCII.
  auto next = [&](std::string_view s, size_t* i, bool* started) -> int {
    bool sep = false;
    while (*i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[*i]);
      if (c >= 0x80) return -1;
      if (alnum(c)) {
        if (sep && *started) return ' ';  // leave *i at the letter
        ++*i;
        *started = true;
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
      }
      ++*i;
      if (!apostrophe(c)) sep = true;
    }
    return 0;
  };
  size_t i = 0, j = 0;
  bool si = false, sj = false;
  for (;;) {
    int x = next(a, &i, &si), y = next(b, &j, &sj);
    if (x < 0 || y < 0) return false;
    if (x != y) {
      *equal = false;
      // A mismatch may hide a later non-ASCII byte; that is fine: not equal
      // stays not equal unless folding would merge them, which needs the
      // slow path.
      for (unsigned char c : a) if (c >= 0x80) return false;
      for (unsigned char c : b) if (c >= 0x80) return false;
      return true;
    }
    if (x == 0) {
      *equal = true;
      return true;
    }
  }
}

// Lower-case connectors that may sit inside a place name ("Gulf of Aden",
// "Stratford-upon-Avon", "Bosnia and Herzegovina", "Rio de Janeiro",
// "Port-au-Prince", "Aix-les-Bains").
[[gnu::always_inline]] inline bool IsConnector(std::string_view w) {
  // By length: the scan asks for every lower-case word inside a run.
  static constexpr std::string_view kTwo[] = {"of", "de", "la", "le", "on", "du", "di",
                                              "da", "al", "el", "am", "an", "au", "en"};
  static constexpr std::string_view kThree[] = {"del", "the", "and", "des", "sur",
                                                "der", "den", "les", "aux"};
  switch (w.size()) {
    case 1: return w[0] == 'y';
    case 2:
      for (std::string_view k : kTwo)
        if (w[0] == k[0] && w[1] == k[1]) return true;
      return false;
    case 3:
      for (std::string_view k : kThree)
        if (w[0] == k[0] && w[1] == k[1] && w[2] == k[2]) return true;
      return false;
    case 4: return w == "upon";
    default: return false;
  }
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// True if a spelling carries an Arabic article token ("al-Tanf", "Ar Raqqah").
bool HasArticle(std::string_view spelling) {
  std::string folded = FoldName(spelling);
  size_t b = 0;
  while (b < folded.size()) {
    size_t e = folded.find(' ', b);
    if (e == std::string::npos) e = folded.size();
    if (IsArticleToken(std::string_view(folded).substr(b, e - b))) return true;
    b = e + 1;
  }
  return false;
}

bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(unsigned char c) { return c >= 'a' && c <= 'z'; }

// The bit of a word in PlaceFinder::shape2_: its first two bytes & 31
// (ASCII letters fold case) and its length (31 for longer). Non-empty input.
size_t ShapeBit(std::string_view w) {
  size_t c0 = static_cast<unsigned char>(w[0]) & 31;
  size_t c1 = w.size() > 1 ? static_cast<unsigned char>(w[1]) & 31 : 0;
  return (c0 << 10) | (c1 << 5) | std::min<size_t>(w.size(), 31);
}

// The same with the last byte for the second: "soldiers" has the first
// two letters and the length of "southern", not its last letter.
size_t ShapeBitLast(std::string_view w) {
  size_t c0 = static_cast<unsigned char>(w[0]) & 31;
  size_t cl = static_cast<unsigned char>(w.back()) & 31;
  return (c0 << 10) | (cl << 5) | std::min<size_t>(w.size(), 31);
}

// False if no word of a ShapeBit filter has the shape of `w`. Forced
// inline: it runs for most capitalised words and the words after them, and
// the call cost as much as the test.
[[gnu::always_inline]] inline bool InShape(const std::array<uint64_t, 32 * 32 * 32 / 64>& shape,
                                             std::string_view w) {
  if (w.empty()) return false;
  const size_t b = ShapeBit(w);
  return (shape[b >> 6] >> (b & 63)) & 1;
}

// A hash of the n bytes of a lower-case word by 8-byte chunks, never 0 (0
// marks an empty slot of the flat word table). p is zero-padded to a
// multiple of 8 bytes.
uint64_t WordHash(const char* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  for (size_t i = 0; i < n; i += 8) {
    uint64_t v;
    std::memcpy(&v, p + i, 8);
    h = (h ^ v) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  return h == 0 ? 1 : h;
}

// The r bytes at p (1 <= r <= 7) as the low bytes of a word, the rest
// zero; the 8 bytes before p + r are readable when `back` is set (a word's
// tail after its first chunks). Fixed-size loads that overlap: a loop by
// bytes cost more than the rest of the lookup.
uint64_t LoadTail(const char* p, size_t r, bool back) {
  uint64_t v;
  if (back) {
    std::memcpy(&v, p + r - 8, 8);
    return v >> (8 * (8 - r));
  }
  if (r >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + r - 4, 4);
    return lo | (static_cast<uint64_t>(hi) >> (8 * (8 - r))) << 32;
  }
  v = 0;
  for (size_t i = 0; i < r; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

// The 8 ASCII bytes of v (high bits clear) with 'A'..'Z' lower-cased: a
// byte plus 0x3F reaches 0x80 from 'A' on, plus 0x25 from past 'Z' on.
uint64_t LowerAscii8(uint64_t v) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const uint64_t upper = ((v + 0x3F * kOnes) & ~(v + 0x25 * kOnes)) & (0x80 * kOnes);
  return v | (upper >> 2);
}

// FoldName(in) into buf[0..*n) for ASCII input of at most `cap` bytes
// (lower-case letters and digits, apostrophes dropped, other runs one
// space, trimmed); false (buf unspecified) for other input.
bool AsciiFold(std::string_view in, char* buf, size_t cap, size_t* n) {
  if (in.size() > cap) return false;
  size_t w = 0;
  for (unsigned char c : in) {
    if (c >= 0x80) return false;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      buf[w++] = static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      buf[w++] = static_cast<char>(c + 32);
    } else if (c == '\'' || c == '`') {
      continue;
    } else if (w > 0 && buf[w - 1] != ' ') {
      buf[w++] = ' ';
    }
  }
  if (w > 0 && buf[w - 1] == ' ') --w;
  *n = w;
  return true;
}

// a[0..n) == b[0..n). Inline for the short strings the lookups compare
// (words, n-grams of a few words): memcmp is a library call.
[[gnu::always_inline]] inline bool BytesEqual(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    uint64_t a0, b0, a1, b1;  // the first and the last 8 bytes (overlapping)
    std::memcpy(&a0, a, 8);
    std::memcpy(&b0, b, 8);
    std::memcpy(&a1, a + n - 8, 8);
    std::memcpy(&b1, b + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n >= 4) {
    uint32_t a0, b0, a1, b1;
    std::memcpy(&a0, a, 4);
    std::memcpy(&b0, b, 4);
    std::memcpy(&a1, a + n - 4, 4);
    std::memcpy(&b1, b + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// A fast hash of an n-gram's bytes (8 at a time), for the lookup cache.
[[gnu::always_inline]] inline uint64_t NameHash(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    h = (h ^ v) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  if (i < s.size()) {
    // The tail by fixed-size loads that overlap (a memcpy of a variable
    // length is a library call, a loop by bytes cost more than the rest):
    // the last 8 bytes of a longer name, else the first and last 4, else
    // the first, middle and last byte (with the length, one value per name).
    const size_t n = s.size();
    const char* p = s.data();
    uint64_t v;
    if (n >= 8) {
      std::memcpy(&v, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      v = lo | static_cast<uint64_t>(hi) << 32;
    } else {
      v = static_cast<unsigned char>(p[0]) | static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
  }
  h ^= h >> 29;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 32;
  return h;
}

// The 32 bits of a word hash kept in a word-table slot: the high half (the
// low bits pick the slot), never 0.
uint32_t WordSlotHash(uint64_t h) {
  uint32_t x = static_cast<uint32_t>(h >> 32);
  return x == 0 ? 1 : x;
}

// Lower-case ASCII article token (IsArticleToken) without a table scan:
// al el il ul ar as at ad an az ez es et ed en er, ash adh ath.
[[gnu::always_inline]] inline bool IsArticleLower(const char* w, size_t n) {
  if (n == 2) {
    char a = w[0], b = w[1];
    if (b == 'l') return a == 'a' || a == 'e' || a == 'i' || a == 'u';
    if (a == 'a') return b == 'r' || b == 's' || b == 't' || b == 'd' || b == 'n' || b == 'z';
    if (a == 'e') return b == 'z' || b == 's' || b == 't' || b == 'd' || b == 'n' || b == 'r';
    return false;
  }
  if (n == 3 && w[0] == 'a' && w[2] == 'h') return w[1] == 's' || w[1] == 'd' || w[1] == 't';
  return false;
}

// Levenshtein distance of two short strings (longer inputs are cut), or
// limit + 1 as soon as it is known to exceed `limit`.
int EditDistance(std::string_view a, std::string_view b, int limit) {
  if (a.size() > 40) a = a.substr(0, 40);
  if (b.size() > 40) b = b.substr(0, 40);
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > limit) return limit + 1;
  // Only cells within `limit` of the diagonal can lie on a path that costs
  // at most `limit` (each step off it costs 1), so only that band is filled;
  // every other cell counts as inf = limit + 1, a cap that changes no
  // distance <= limit (the skeleton checks ask with limits 0..2 mostly).
  const int inf = limit + 1;
  int row_a[41], row_b[41];
  int* prev = row_a;
  int* cur = row_b;
  for (int j = 0; j <= lb; ++j) {
    prev[j] = std::min(j, inf);
    cur[j] = inf;
  }
  for (int i = 1; i <= la; ++i) {
    const int lo = std::max(1, i - limit), hi = std::min(lb, i + limit);
    cur[lo - 1] = lo == 1 ? std::min(i, inf) : inf;
    int row_min = cur[lo - 1];
    for (int j = lo; j <= hi; ++j) {
      int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1, inf});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min >= inf) return inf;
    std::swap(prev, cur);
  }
  return prev[lb];
}

// `s` without spaces.
std::string Squash(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ' ') out.push_back(c);
  return out;
}

// Squash, with the spelling variants of transliterated Arabic that the
// skeleton ignores but an edit distance counts made equal: "ou" and "oo"
// are "u", a final "ah"/"eh" is "a", doubled letters are one
// ("Mansoura" = "Mansurah", "Raqqa" = "Raqa").
std::string TranslitSquash(std::string_view key) {
  std::string s = Squash(key);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i + 1 < s.size()) {
      const char d = s[i + 1];
      if (c == 'o' && (d == 'u' || d == 'o')) {
        c = 'u';
        ++i;
      }
    }
    if (!out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  if (out.size() > 3 && out.back() == 'h' && (out[out.size() - 2] == 'a' || out[out.size() - 2] == 'e')) {
    out.pop_back();
    out.back() = 'a';
  }
  return out;
}

// Letters and digits of a folded key (spaces excluded).
size_t KeyLetters(std::string_view key) {
  size_t n = 0;
  for (char c : key)
    if (c != ' ') ++n;
  return n;
}

bool IsPointFeature(std::string_view f) {
  return f == "city" || f == "site" || f == "camp" || f == "base" || f == "landform";
}

const char* PrecisionOf(std::string_view feature) {
  if (feature == "admin1") return "admin1";
  if (feature == "admin2") return "admin2";
  if (feature == "country") return "country";
  if (feature == "region" || feature == "water") return "region";
  return "point";
}

bool IsCurated(const PlaceEntry& e) { return e.ref.substr(0, 8) == "dossier:"; }

// Countries, provinces, curated places, capitals and cities of 100k+: names
// a reader knows without help, so they may fix the document's context and
// be accepted on a weaker match.
bool IsBig(const PlaceEntry& e) {
  if (e.feature == "country" || e.feature == "admin1" || IsCurated(e)) return true;
  if (e.feature_code == "PPLC") return true;
  if (e.feature_code == "PPLA" && e.population >= 50000) return true;
  return e.population >= 100000;
}

// The bit of a two-capital country code ("SY") in a table of 26 * 26 bits,
// else -1.
int CodeBit(std::string_view code) {
  if (code.size() != 2) return -1;
  const unsigned a = static_cast<unsigned char>(code[0]) - 'A', b = static_cast<unsigned char>(code[1]) - 'A';
  return a < 26 && b < 26 ? static_cast<int>(a * 26 + b) : -1;
}

enum class Feat : uint8_t { kCity, kAdmin1, kAdmin2, kCountry, kRegion, kOther };

Feat FeatOf(std::string_view f) {
  if (f == "city") return Feat::kCity;
  if (f == "admin1") return Feat::kAdmin1;
  if (f == "admin2") return Feat::kAdmin2;
  if (f == "country") return Feat::kCountry;
  if (f == "region") return Feat::kRegion;
  return Feat::kOther;
}

// A candidate entry for one mention.
struct Cand {
  // (Wide fields first: a Cand fills one cache line, not two.)
  std::string_view spelling;
  // The entry, fetched once, kept in a deque that outlives the document
  // (the lookup cache's, or the Run's): Cand is copied per mention.
  const PlaceEntry* e = nullptr;
  double prior = 0;  // match quality + feature prior (no context)
  double score = 0;
  uint32_t entry = 0;
  int dist = 0;  // edit distance of the skeleton match
  int16_t country_bit = -1;  // CodeBit of the entry's country
  Quality quality = Quality::kAltKey;
  Feat feat = Feat::kOther;
  bool curated = false, big = false, point = false;
  bool holds_x = false;  // the Y of "X, Y" holding one of X's readings (ReadYByX)
  // Another name supports its entry's country (SetContext, pass 2).
  bool ctx = false;
  // What the last Score with context found, for the rule: kCtxCountry,
  // kCommaXY (bits below). Always set, unlike Found::why.
  uint8_t reasons = 0;
  // No string here (the reasons are in Found::why): Cand stays trivially
  // copyable, and every found name copies its candidates from the cache.
};
static_assert(std::is_trivially_copyable_v<Cand> && sizeof(Cand) <= 64);
constexpr uint8_t kCtxCountry = 1;  // "ctx country" in why
constexpr uint8_t kCommaXY = 2;     // "\"X, Y\"" in why
// A foreign candidate that needs kMinScore even when big: reached by an
// alternate spelling ("foreign by alternate spelling" in why), or a
// district of a country the document does not support ("foreign province").
constexpr uint8_t kForeignWeak = 4;

// Fills the cached fields of c from its entry.
void Prepare(const Gazetteer& gaz, std::deque<PlaceEntry>* store, Cand* c) {
  store->push_back(gaz.entry(c->entry));
  c->e = &store->back();
  const PlaceEntry& e = *c->e;
  c->feat = FeatOf(e.feature);
  c->country_bit = static_cast<int16_t>(CodeBit(e.country));
  c->curated = IsCurated(e);
  c->big = IsBig(e);
  c->point = IsPointFeature(e.feature);
  double s = 0;
  switch (c->quality) {
    case Quality::kExactPreferred: s = 3.0; break;
    case Quality::kExact: s = 2.7; break;
    case Quality::kPreferredKey: s = 2.4; break;
    case Quality::kAltKey: s = 2.0; break;
    case Quality::kSkeleton: s = std::max(0.4, 1.4 - 0.25 * c->dist); break;
  }
  // Feature prior: countries > provinces > capitals and big cities > towns
  // by population; curated entries were put there on purpose.
  if (c->curated) {
    s += 2.6;
  } else if (c->feat == Feat::kCountry) {
    // A country named by its own name is the country, not a town that
    // lists the name as an alternate ("Iraq" is not Arak, Iran).
    s += c->quality >= Quality::kPreferredKey ? 4.5 : 3.0;
  } else if (c->feat == Feat::kAdmin1) {
    s += 2.0;
  } else if (c->feat == Feat::kAdmin2) {
    // Namesake districts (thirty US states have a "Washington County") go
    // by the people living there: "Harris County" is Houston's, not
    // Georgia's 30,000, when nothing else tells them apart. A tenth of a
    // point per tenfold, so the district still weighs as a district
    // against a town or province of its name.
    s += 1.2 + 0.1 * (std::log10(static_cast<double>(e.population) + 10.0) - 5.0);
  } else if (c->feat == Feat::kCity) {
    s += 0.35 * std::log10(static_cast<double>(e.population) + 10.0);
    // A national capital is what a bare mention of its name means almost
    // always: it outweighs a small namesake in a country the document
    // names ("Washington" with "Britain" nearby is still the US capital).
    if (e.feature_code == "PPLC") s += 1.8;
    else if (e.feature_code == "PPLA") s += 0.6;
    else if (e.feature_code == "PPLA2") s += 0.3;
    else if (e.feature_code.substr(0, 4) == "PPLA") s += 0.1;
  } else {
    s += 1.5;
  }
  c->prior = s;
}

// A place name found in the text, before and after resolution.
struct Found {
  Found(uint32_t b, uint32_t e, int s, int f, int l, std::string k, std::vector<Cand> c)
      : begin(b), end(e), sentence(s), first(f), last(l), key(std::move(k)), cands(std::move(c)) {}
  uint32_t begin = 0, end = 0;  // span of the name
  int sentence = -1;
  int first = 0, last = 0;      // token indices
  std::string key;              // NameKey of the name
  std::vector<Cand> cands;
  uint32_t hints = 0;           // hint bits from the words around it
  bool prep = false;            // a preposition or hint word next to it
  bool the_prep = false;        // a preposition, then "the" ("in the Middle East")
  bool common = false;          // every word is a common English word
  bool headline = false;        // common, and in a title-case line (every word capitalised)
  bool all_caps = false;        // written in capitals ("DAMASCUS")
  bool hashtag = false;
  bool plural_hint = false;     // the hint word after it is a plural ("provinces")
  // A name shared by a country and another country's province: +1 if its
  // sentence says the province, -1 the country, 0 neither (ReadCues).
  int8_t cue = 0;
  bool shared = false;          // its n-gram's SharedName (ReadCues runs only then)
  bool no_context = false;      // an earlier layer's outlet or organisation name (IsOrgName)
  // "X in Y": the country of a province or town Y of the context that the
  // text puts this name in (InArea), read by the first Score that needs it; "" if none.
  mutable std::string_view in_area;
  mutable bool in_area_read = false;
  uint32_t direction_begin = 0;  // > 0: a direction word starts here ("eastern")
  bool has_direction = false;
  int comma_next = -1;          // "X, Y": index of Y in the found list
  int comma_prev = -1;          // and of X, on Y
  bool other_context = false;   // other names give some country context (SetContext)
  // Reasons of cands[k]'s last Score with explain, for the evidence; empty
  // until one is written (WhyOf).
  mutable std::vector<std::string> why;
  // Resolution.
  int pass1 = -1;               // best candidate without context
  double pass1_margin = 0;
  int best = -1;
  std::string rule;
  bool dropped = false;
};

// Reasons of a score, written only when `on`.
struct Why {
  bool on;
  std::string text;
  explicit Why(bool o) : on(o) {}
  Why& operator+=(std::string_view s) {
    if (on) text += s;
    return *this;
  }
};

// Context countries and provinces: per code, how many mentions and which
// keys gave it, so a mention never supports itself.
struct Support {
  int count = 0;
  std::string key1, key2;  // up to two distinct keys that gave it
  void Add(const std::string& key) {
    ++count;
    if (key1.empty()) key1 = key;
    else if (key != key1 && key2.empty()) key2 = key;
  }
  bool Other(const std::string& key) const {
    return (!key1.empty() && key1 != key) || (!key2.empty() && key2 != key);
  }
};

}  // namespace

// ---------------------------------------------------------------------------
// Construction.

PlaceFinder::PlaceFinder(std::shared_ptr<const Gazetteer> gazetteer, const Lexicon& lexicon)
    : gaz_(std::move(gazetteer)) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id.fetch_add(1);
  static const std::pair<std::string_view, uint32_t> kKinds[] = {
      {"prep", kPrep},
      {"near", kNear | kPrep},
      {"city_after", kCityAfter},
      {"city_before", kCityBefore},
      {"admin1_after", kAdmin1After},
      {"admin1_before", kAdmin1Before},
      {"admin2_after", kAdmin2After},
      {"admin2_before", kAdmin2Before},
      {"site_after", kSiteAfter},
      {"direction", kDirection},
      {"org_after", kOrgAfter},
      {"org_before", kOrgBefore},
      {"title", kTitle},
      {"kunya", kKunya},
      {"breaks_name", kBreaksName},
      {"site_before", kSiteBefore},
      {"phrase_end", kPhraseEnd},
      {"naming", kNaming},
      {"street_after", kStreetAfter},
      {"hyphen_after", kHyphenAfter},
      {"group_after", kGroupAfter},
      {"area_after", kAreaAfter},
      {"division_cue", kDivisionCue},
      {"country_cue", kCountryCue},
      {"small_place", kSmallAfter},
  };
  const Table& ctx = lexicon.table("place_context");
  int wc = ctx.Column("word"), kc = ctx.Column("kinds");
  if (!ctx.rows.empty() && (wc < 0 || kc < 0))
    problems_.push_back("place_context: missing column word or kinds");
  if (wc >= 0 && kc >= 0) {
    for (const auto& row : ctx.rows) {
      std::string w;
      for (char c : row[wc]) w.push_back(static_cast<char>(IsAsciiUpper(c) ? c + 32 : c));
      if (!w.empty() && w.back() == '.') w.pop_back();
      if (w.empty()) continue;
      uint32_t bits = 0;
      std::string_view kinds = row[kc];
      while (!kinds.empty()) {
        size_t comma = kinds.find(',');
        std::string_view k = kinds.substr(0, comma);
        while (!k.empty() && k.front() == ' ') k.remove_prefix(1);
        while (!k.empty() && k.back() == ' ') k.remove_suffix(1);
        bool known = false;
        for (const auto& [name, bit] : kKinds) {
          if (k == name) {
            bits |= bit;
            known = true;
          }
        }
        if (!known && !k.empty())
          problems_.push_back("place_context: " + w + ": unknown kind " + std::string(k));
        if (comma == std::string_view::npos) break;
        kinds.remove_prefix(comma + 1);
      }
      if (bits != 0 && (bits & ~(kDivisionCue | kCountryCue)) == 0)
        cue_words_[w] |= bits;
      else
        AddWord(w, bits);
    }
  }

  auto add_stop = [&](std::string_view name, bool not_name, bool surname = false) {
    std::string key = NameKey(name);
    if (key.empty()) return;
    stop_keys_.insert(key);
    // One-word demonyms, months and weekdays are never given names or
    // surnames of a person standing next to a place.
    if (not_name && key.find(' ') == std::string::npos) AddWord(key, kNotName);
    if (surname && key.find(' ') == std::string::npos) AddWord(key, kSurname);
  };
  const Table& stop = lexicon.table("place_stopwords");
  int nc = stop.Column("name"), sk = stop.Column("kind");
  if (!stop.rows.empty() && nc < 0) problems_.push_back("place_stopwords: missing column name");
  if (nc >= 0) {
    for (const auto& row : stop.rows) {
      std::string_view kind = sk >= 0 ? std::string_view(row[sk]) : std::string_view();
      add_stop(row[nc], kind == "demonym" || kind == "month" || kind == "weekday",
               kind == "person");
    }
  }
  // Demonyms of a countries table, if the lexicon has one.
  const Table& countries = lexicon.table("countries");
  for (std::string_view col : {"demonyms", "demonym"}) {
    int dc = countries.Column(col);
    if (dc < 0) continue;
    for (const auto& row : countries.rows) {
      std::string_view v = row[dc];
      while (!v.empty()) {
        size_t sep = v.find_first_of(",|;");
        add_stop(v.substr(0, sep), true);
        if (sep == std::string_view::npos) break;
        v.remove_prefix(sep + 1);
      }
    }
  }
  BuildWordTable();
}

PlaceFinder::~PlaceFinder() = default;

void PlaceFinder::AddWord(const std::string& w, uint32_t bits) {
  words_[w] |= bits;
  max_word_bytes_ = std::max(max_word_bytes_, w.size());
  // Upper and lower case letters share the low five bits.
  shape_[static_cast<unsigned char>(w[0]) & 31] |= 1ull << std::min<size_t>(w.size(), 63);
  size_t b = ShapeBit(w);
  shape2_[b >> 6] |= 1ull << (b & 63);
}

void PlaceFinder::BuildWordTable() {
  size_t n = 16;
  while (n < words_.size() * 2) n *= 2;  // load <= 1/2: short probes
  word_slots_.assign(n, WordSlot{});
  word_keys_.assign(n, WordKey{});
  word_pool_.clear();
  direction_len_ = {};
  direction_shape_ = {};
  direction_last_ = {};
  title_shape_ = {};
  join_shape_ = {};
  starter_first_ = {};
  for (const auto& [w, bits] : words_) {
    if (bits & (kDirection | kSiteBefore)) {
      direction_len_[static_cast<unsigned char>(w[0]) & 31] |= 1ull << std::min<size_t>(w.size(), 63);
      size_t b = ShapeBit(w);
      direction_shape_[b >> 6] |= 1ull << (b & 63);
      if (!w.empty()) {
        const size_t l = ShapeBitLast(w);
        direction_last_[l >> 6] |= 1ull << (l & 63);
      }
      if (!w.empty()) starter_first_[static_cast<unsigned char>(w[0])] = true;
    }
    if (bits & (kTitle | kOrgBefore | kKunya | kNaming)) {
      size_t b = ShapeBit(w);
      title_shape_[b >> 6] |= 1ull << (b & 63);
    }
    if (bits & (kBreaksName | kDirection | kSiteBefore | kSiteAfter)) {
      size_t b = ShapeBit(w);
      join_shape_[b >> 6] |= 1ull << (b & 63);
    }
    std::string padded = w;
    padded.resize((w.size() + 7) / 8 * 8, '\0');
    uint64_t h = WordHash(padded.data(), w.size());
    size_t i = h & (n - 1);
    while (word_slots_[i].hash != 0) i = (i + 1) & (n - 1);
    word_slots_[i] = WordSlot{WordSlotHash(h), bits};
    word_keys_[i] = WordKey{static_cast<uint32_t>(word_pool_.size()), static_cast<uint32_t>(w.size())};
    word_pool_ += w;
  }
  for (int c = 0; c < 256; ++c) {
    uint8_t k = 0;
    if (IsAsciiLower(static_cast<unsigned char>(c))) k |= kLowerFirst;
    if (c == 'a' || c == 'e' || c == 'i' || c == 'u') k |= kVowelFirst;
    if (starter_first_[c]) k |= kStarterFirst;
    first_class_[c] = k;
  }
}

[[gnu::always_inline]] inline bool PlaceFinder::MaybeDirection(std::string_view word) const {
  if (!((direction_len_[static_cast<unsigned char>(word[0]) & 31] >> std::min<size_t>(word.size(), 63)) & 1))
    return false;
  const size_t b = ShapeBit(word);
  if (!((direction_shape_[b >> 6] >> (b & 63)) & 1)) return false;
  const size_t l = ShapeBitLast(word);
  return (direction_last_[l >> 6] >> (l & 63)) & 1;
}

[[gnu::always_inline]] inline bool PlaceFinder::MaybeTitle(std::string_view word) const {
  return InShape(title_shape_, word);
}

[[gnu::always_inline]] inline bool PlaceFinder::MaybeJoin(std::string_view word) const {
  return InShape(join_shape_, word);
}

// The filters inline (most words fail them), the table lookup a call.
[[gnu::always_inline]] inline uint32_t PlaceFinder::Flags(std::string_view word) const {
  if (word.empty() || word.size() > max_word_bytes_) return 0;
  size_t b = ShapeBit(word);
  if (!(shape2_[b >> 6] & (1ull << (b & 63)))) return 0;
  unsigned char c0 = static_cast<unsigned char>(word[0]);
  if (!(shape_[c0 & 31] & (1ull << std::min<size_t>(word.size(), 63)))) return 0;
  return LookupWord(word);
}

[[gnu::noinline]] uint32_t PlaceFinder::LookupWord(std::string_view word) const {
  // Lower-cased 8 bytes at a time into buf, zero-padded for WordHash.
  uint64_t buf[8];
  const size_t n = word.size();
  if (n > sizeof buf) return 0;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t v;
    std::memcpy(&v, word.data() + i, 8);
    if (v & kHigh) return 0;
    buf[i / 8] = LowerAscii8(v);
  }
  if (i < n) {
    const uint64_t v = LoadTail(word.data() + i, n - i, i > 0);
    if (v & kHigh) return 0;
    buf[i / 8] = LowerAscii8(v);
  }
  const uint64_t h = WordHash(reinterpret_cast<const char*>(buf), n);
  const uint32_t h32 = WordSlotHash(h);
  const size_t mask = word_slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const WordSlot& s = word_slots_[i];
    if (s.hash == 0) return 0;
    if (s.hash == h32) {
      const WordKey& k = word_keys_[i];
      if (k.len == n && BytesEqual(word_pool_.data() + k.offset, reinterpret_cast<const char*>(buf), n))
        return s.bits;
    }
  }
}

// ---------------------------------------------------------------------------
// Per-document work.

class PlaceFinder::Run {
 public:
  Run(const PlaceFinder& f, const Document& doc)
      : f_(f), gaz_(*f.gaz_), doc_(doc), text_(doc.text), toks_(doc.tokens.data()),
        tx_(doc.text.data()), memo_(Memo()), common_(CommonMemo()), found_(FoundBuffer()) {
    memo_.assign(doc.tokens.size(), kUnknown);
    memo_data_ = memo_.data();
    common_.assign(doc.tokens.size(), 0);
    if (cache_.entries.size() >= kMaxCacheEntries) cache_.Clear();
  }
  // Emptied here, not at the next start: its candidates point into
  // own_places_, which goes now.
  ~Run() { found_.clear(); }

  void Go(std::vector<Mention>* out) {
    size_t t = 0;
    const auto& toks = doc_.tokens;
    for (size_t s = 0; s < doc_.sentences.size(); ++s) {
      Span sp = doc_.sentences[s];
      while (t < toks.size() && toks[t].span.begin < sp.begin) ++t;
      // Token ends increase: gallop to the first token past the sentence,
      // then bisect (a step per token cost more than the sentence's scan).
      size_t lo = t, step = 8;
      while (lo + step < toks.size() && toks[lo + step].span.end <= sp.end) {
        lo += step;
        step *= 2;
      }
      const size_t hi = std::min(lo + step, toks.size());
      const size_t te = static_cast<size_t>(
          std::partition_point(toks.begin() + static_cast<std::ptrdiff_t>(lo),
                               toks.begin() + static_cast<std::ptrdiff_t>(hi),
                               [&](const Token& k) { return k.span.end <= sp.end; }) -
          toks.begin());
      if (te > t) CollectSentence(static_cast<int>(s), static_cast<int>(t), static_cast<int>(te));
      t = te;
    }
    if (found_.empty()) return;
    LinkCommas();
    ShareHints();
    Resolve(out);
  }

 private:
  // --- tokens -------------------------------------------------------------

  std::string_view Tok(int k) const {
    const Span& s = toks_[k].span;
    return std::string_view(tx_ + s.begin, s.end - s.begin);
  }
  bool IsWord(int k) const { return toks_[k].kind == Token::Kind::kWord; }
  bool IsPunct(int k, char c) const {
    return toks_[k].kind == Token::Kind::kPunct && Tok(k).size() == 1 && Tok(k)[0] == c;
  }
  // Starts with an upper-case letter. Asked for most tokens: the ASCII test
  // is small enough to inline, other letters are a call.
  [[gnu::always_inline]] bool IsCap(int k) const {
    if (!IsWord(k)) return false;
    const unsigned char c = static_cast<unsigned char>(tx_[toks_[k].span.begin]);
    if (c < 0x80) return IsAsciiUpper(c);
    return IsCapNonAscii(k);
  }
  [[gnu::noinline]] bool IsCapNonAscii(int k) const {
    size_t len;
    return utf8::IsUpper(utf8::Decode(Tok(k), 0, &len));
  }
  // Starts with an Arabic-script letter: no capitals to tell names from
  // prose, so every such word may start a name (Match keeps only strong
  // candidates for them).
  bool IsCaseless(int k) const {
    if (!IsWord(k)) return false;
    std::string_view w = Tok(k);
    const unsigned char c = static_cast<unsigned char>(w[0]);
    if (c >= 0xD8 && c <= 0xDB) return true;  // U+0600..U+06FF
    return c == 0xDD && w.size() > 1 && static_cast<unsigned char>(w[1]) >= 0x90;  // U+0750..
  }
  // Upper case first, then a lower-case ASCII letter ("Trump", not "ISIS").
  [[gnu::always_inline]] bool IsTitleCase(int k) const {
    if (!IsCap(k)) return false;
    std::string_view w = Tok(k);
    for (size_t i = 1; i < w.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(w[i]);
      if (IsAsciiLower(c)) return true;
      if (IsAsciiUpper(c)) return false;
    }
    return false;
  }
  bool IsAllCaps(int k) const {
    std::string_view w = Tok(k);
    int letters = 0;
    for (unsigned char c : w) {
      if (IsAsciiLower(c) || c >= 0x80) return false;
      if (IsAsciiUpper(c)) ++letters;
    }
    return letters >= 2;
  }
  // The token is a lower- or title-case Arabic article ("al", "El", "ad").
  [[gnu::always_inline]] bool IsArticle(int k) const {
    std::string_view w = Tok(k);
    if (w.size() < 2 || w.size() > 3 || !IsWord(k)) return false;
    char buf[3];
    for (size_t i = 0; i < w.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(w[i]);
      if (i > 0 && !IsAsciiLower(c)) return false;
      buf[i] = static_cast<char>(IsAsciiUpper(c) ? c + 32 : c);
    }
    return IsArticleLower(buf, w.size());
  }
  // An article token that is also an English word: "at", "as", "an"...
  [[gnu::always_inline]] bool IsEnglishArticle(int k) const {
    if (!IsArticle(k)) return false;
    std::string_view w = Tok(k);
    return !((w[0] == 'a' || w[0] == 'A' || w[0] == 'e' || w[0] == 'E') && w.size() == 2 &&
             w[1] == 'l');
  }
  // An article token (IsArticle) that is no English or French word: not
  // "at", "as", "an", "en", "et".
  static bool IsArabicOnlyArticle(std::string_view w) {
    return !(w.size() == 2 && (w[0] == 'a' || w[0] == 'e') &&
             (w[1] == 't' || w[1] == 'n' || (w[0] == 'a' && w[1] == 's')));
  }
  // Article k is glued by a hyphen to a following word ("as-Sukhnah").
  bool GluedArticle(int k, int te) const {
    return k + 2 < te && IsPunct(k + 1, '-') && Glued(k, k + 1) && Glued(k + 1, k + 2) &&
           IsWord(k + 2);
  }
  // Bytes between tokens a and b (a < b) are only spaces or tabs, at least one.
  [[gnu::always_inline]] bool Spaced(int a, int b) const {
    uint32_t e = toks_[a].span.end, s = toks_[b].span.begin;
    if (s <= e) return false;
    for (uint32_t i = e; i < s; ++i)
      if (tx_[i] != ' ' && tx_[i] != '\t') return false;
    return true;
  }
  bool Glued(int a, int b) const { return toks_[a].span.end == toks_[b].span.begin; }
  bool IsApostropheTok(int k) const {
    std::string_view w = Tok(k);
    return (w.size() == 1 && w[0] == '\'') ||
           (w.size() == 3 && w[0] == '\xE2' && w[1] == '\x80' && w[2] == '\x99');
  }
  // Flags of token k, looked up once per document (memo_[k], kUnknown until
  // asked): the scans ask again for the same tokens.
  static constexpr uint32_t kUnknown = 0xFFFFFFFFu;
  [[gnu::always_inline]] uint32_t Flags(int k) const {
    const uint32_t m = memo_data_[k];
    return m != kUnknown ? m : FlagsMiss(k);
  }
  [[gnu::noinline]] uint32_t FlagsMiss(int k) const {
    return memo_data_[k] = IsWord(k) ? f_.Flags(Tok(k)) : 0;
  }
  // FoldName(Tok(k)) is a common English word; once per token and
  // document (common_[k]: 0 unknown, 1 no, 2 yes), ASCII folded on the stack.
  // FoldName(Tok(k)) is a common English word (a WordNet lemma); with
  // `plurals`, also a plural of one ("Farms", "Industries": WordNet lists
  // lemmas only). Once per token and document (common_[k]: bit 1 known, 2
  // lemma, 4 plural), ASCII folded on the stack.
  bool IsCommon(int k, bool plurals = false) const {
    uint8_t& m = common_[k];
    if (m == 0) {
      char buf[64];
      size_t n = 0;
      m = 1;
      if (AsciiFold(Tok(k), buf, sizeof buf, &n)) {
        std::string_view w(buf, n);
        if (n > 0 && gaz_.IsCommonWord(w))
          m |= 2;
        else if (gaz_.IsCommonPlural(w))
          m |= 4;
      } else {
        std::string folded = FoldName(Tok(k));
        if (!folded.empty() && gaz_.IsCommonWord(folded)) m |= 2;
      }
    }
    return (m & 2) || (plurals && (m & 4));
  }

  // "The", "A", "An": no name by themselves ("The River" is as common as
  // "river").
  bool IsEnglishDeterminer(int k) const {
    std::string_view w = Tok(k);
    auto eq = [&](std::string_view d) {
      if (w.size() != d.size()) return false;
      for (size_t i = 0; i < w.size(); ++i)
        if ((w[i] | 0x20) != d[i]) return false;
      return true;
    };
    return eq("the") || eq("a") || eq("an");
  }

  // The next token after k that continues a name, or -1: a word joined by
  // spaces, or by a hyphen/apostrophe glued on both sides ("ez-Zor"), or by
  // the period of a short abbreviation ("St. Louis").
  [[gnu::always_inline]] int NextInName(int k, int te) const {
    if (k + 1 >= te) return -1;
    if (IsWord(k + 1))
      return Spaced(k, k + 1) && !(f_.MaybeJoin(Tok(k + 1)) && (Flags(k + 1) & kBreaksName)) ? k + 1 : -1;
    if (k + 2 >= te || !IsWord(k + 2)) return -1;
    if ((IsPunct(k + 1, '-') || IsApostropheTok(k + 1)) && Glued(k, k + 1) && Glued(k + 1, k + 2))
      return k + 2;
    if (IsPunct(k + 1, '.') && Glued(k, k + 1) && Spaced(k + 1, k + 2) && Tok(k).size() <= 3 &&
        IsCap(k) && IsCap(k + 2))
      return k + 2;
    return -1;
  }

  // The previous token before k that is joined to it by spaces only, or -1.
  int PrevSpaced(int k, int ts) const {
    if (k - 1 < ts || !Spaced(k - 1, k)) return -1;
    return k - 1;
  }

  // --- candidates ---------------------------------------------------------

  // A Title-Case headline line ("US Troops Leave Syria After Battle"):
  // capitalisation says nothing about names there. Tokens ts..te are the
  // current sentence; computed once per sentence, on demand.
  bool Headline(int ts, int te) {
    if (headline_ < 0) {
      int cap = 0, low = 0;
      for (int k = ts; k < te; ++k) {
        if (!IsWord(k) || Tok(k).size() < 4) continue;
        if (IsCap(k)) ++cap;
        else ++low;
      }
      headline_ = cap >= 3 && low * 5 <= cap;
    }
    return headline_ == 1;
  }

  void CollectSentence(int s, int ts, int te) {
    headline_ = -1;  // worked out when a name needs it (Headline)
    const int max_words = max_words_;
    const Token* const toks = doc_.tokens.data();
    const char* const text = tx_;
    const uint8_t* const first_class = f_.first_class_.data();

    for (int i = ts; i < te;) {
      // Most tokens are punctuation or lower-case prose that can start
      // nothing (the tests below, made here on locals: the loop calls
      // Match, so the members would be reloaded for every token).
      for (; i < te; ++i) {
        const Token& t = toks[i];
        const unsigned char c = static_cast<unsigned char>(text[t.span.begin]);
        const uint32_t len = t.span.end - t.span.begin;
        if (t.kind != Token::Kind::kWord) {
          if (t.kind == Token::Kind::kPunct && len == 1 && c == '#') break;
          continue;
        }
        const uint8_t k = first_class[c];
        if (k == kLowerFirst) continue;  // most prose
        // A lower-case vowel-first word of 2-3 letters starts a name only as
        // an article ("al", "as"): "and", "in", "is" are skipped here, not
        // below (IsArticle of a lower-case word is IsArticleLower of its
        // bytes: an upper-case byte never matches).
        if (!(k & kLowerFirst) ||
            ((k & kStarterFirst) && f_.MaybeDirection(std::string_view(text + t.span.begin, len))) ||
            ((k & kVowelFirst) && len >= 2 && len <= 3 &&
             IsArticleLower(text + t.span.begin, len)))
          break;
      }
      if (i >= te) break;
      if (!IsWord(i)) {
        // Hashtags: "#DeirEzzor".
        if (IsPunct(i, '#') && i + 1 < te && IsWord(i + 1) && Glued(i, i + 1)) {
          TryHashtag(s, i + 1);
          i += 2;
          continue;
        }
        ++i;
        continue;
      }
      std::string_view w = Tok(i);
      unsigned char c0 = static_cast<unsigned char>(w[0]);
      // Most words are lower-case prose that can start nothing: not an
      // article ("al", "el", "il", "ul", 2-3 letters) nor a direction word
      // (e/w/n/s/c...). Skip them before any lookup.
      const bool maybe_direction = f_.starter_first_[c0] && f_.MaybeDirection(w);
      if (IsAsciiLower(c0) && !maybe_direction &&
          !((c0 == 'a' || c0 == 'e' || c0 == 'i' || c0 == 'u') && w.size() >= 2 && w.size() <= 3)) {
        ++i;
        continue;
      }
      // IsCap(i) and IsCaseless(i) of this word (the n-gram walk below asks
      // both again for its first word, and IsCaseless(i) for every word).
      const bool caseless = c0 >= 0x80 && IsCaseless(i);
      const bool cap_i = c0 < 0x80 ? IsAsciiUpper(c0) : IsCapNonAscii(i);
      const bool cap = cap_i || caseless;
      const bool article_i = IsArticle(i);
      uint32_t fl = maybe_direction ? Flags(i) : 0;
      // Articles that are also English words ("at", "as", "an") start a
      // name only when glued to it ("as-Sukhnah") or capitalised.
      bool article = article_i && (cap || !IsEnglishArticle(i) || GluedArticle(i, te));
      // A direction word starts a name ("eastern Syria" may be a curated
      // region), but not the second half of "north-east".
      bool direction = (fl & kDirection) && !(i - 2 >= ts && IsPunct(i - 1, '-') &&
                                              Glued(i - 1, i) && (Flags(i - 2) & kDirection));
      // "the river Jordan": tried as a curated name first (Match).
      bool site = !cap && (fl & kSiteBefore) && i + 1 < te && Spaced(i, i + 1) && IsCap(i + 1);
      bool starter = cap || article || direction || site;
      if (!starter) {
        ++i;
        continue;
      }
      // The n-gram ends: capitalised tokens reachable through the name.
      int ends[kMaxWords * 3];
      int n_ends = 0, words = 0;
      for (int k = i; k >= 0 && n_ends < kMaxWords * 3;) {
        const bool k_cap = k == i ? cap : IsCap(k) || (caseless && IsCaseless(k));
        const bool article = k == i ? article_i : IsArticle(k);
        const uint32_t kf = k_cap || article || !f_.MaybeJoin(Tok(k)) ? 0 : Flags(k);
        if (!k_cap && !article && !(kf & kDirection) && !(k == i && (kf & kSiteBefore))) {
          std::string_view w = Tok(k);
          // A lower-case feature word may end a curated name ("Thardeh
          // mountains", "Syrian desert"): try it as the last word.
          if (k != i && (kf & kSiteAfter) && n_ends < kMaxWords * 3 &&
              words + 1 <= max_words) {
            ends[n_ends++] = k;
            break;
          }
          if (k == i || !IsConnector(w)) break;
        }
        if (!article) ++words;
        if (words > max_words) break;
        // (An article opens a name, never ends one: "Damascus Countryside
        // An army unit" in a heading run into its paragraph; but a word
        // glued by a hyphen is one, "Hpa-An".)
        if (k_cap && (!article || (k >= i + 2 && IsPunct(k - 1, '-') && Glued(k - 2, k - 1) &&
                                   Glued(k - 1, k))))
          ends[n_ends++] = k;
        k = NextInName(k, te);
      }
      if (n_ends == 0) {
        ++i;
        continue;
      }
      int next = caseless ? MatchCaseless(s, ts, te, i, ends, n_ends) : Match(s, ts, te, i, ends, n_ends);
      i = std::max(next, i + 1);
    }
  }

  // Looks up the n-grams from token i (not IsCaseless: MatchCaseless) to
  // each end (longest first). Returns the token index to continue from.
  int Match(int s, int ts, int te, int i, const int* ends, int n_ends) {
    // The cache probes of the n-grams are mostly cache misses (the table
    // outlives documents): start them all now, so they overlap one another
    // and the checks below.
    // The n-gram to end x is text_[b, end_bytes[x]).
    uint64_t hashes[kMaxWords * 3];
    uint32_t end_bytes[kMaxWords * 3];
    const uint32_t b = toks_[i].span.begin;
    // (b and the ends lie inside the text: no substr and its range check.)
    const char* const text = tx_;
    // Most starts are one capitalised word that no longer name continues
    // ("The", "He", a person's name): when the gazetteer and the stopwords
    // know nothing of it, the title and prefix tests below cannot change
    // the answer (their SkipRun stops at i, or CollectSentence would have
    // found a second end), so only the possessive-less stem is left to try.
    const Looked* one = nullptr;  // that word's lookup
    if (n_ends == 1 && ends[0] == i && max_words_ >= 2) {
      end_bytes[0] = EndWithoutPossessive(i);
      const std::string_view name(text + b, end_bytes[0] - b);
      one = &LookupCached(name, NameHash(name));
      // (StemLook is a call, and finds nothing in a document known to have
      // apostrophes, most documents.)
      if (one->kind == Looked::kNone && (no_apostrophes_ == 0 || StemLook(i) == nullptr)) return i + 1;
    }
    for (int x = one != nullptr ? 1 : 0; x < n_ends; ++x) {
      end_bytes[x] = EndWithoutPossessive(ends[x]);
      hashes[x] = NameHash(std::string_view(text + b, end_bytes[x] - b));
      cache_.Prefetch(hashes[x]);
    }
    const bool cap = IsCap(i);
    // After a title, kunya or group word the capitalised run is a name;
    // so is a run that opens with a title or group word ("Jabhat al-Nusra").
    if (PrefixSaysName(ts, i)) return SkipRun(i, te) + 1;
    if (cap && f_.MaybeTitle(Tok(i)) && (Flags(i) & (kTitle | kOrgBefore))) return SkipRun(i, te) + 1;
    // Longest first; but a longer n-gram that only a skeleton reaches
    // ("Ariha August", "Aleppo Russia") gives way to a shorter one with a
    // real spelling, and is used only if none has.
    int chosen = -1, weak = -1;
    bool weak_curated = false;  // the weak n-gram reaches a curated place
    // What each n-gram tried found, by end (the cache's entries stay put
    // while it grows), so the choice below looks nothing up again.
    const Looked* looks[kMaxWords * 3];
    for (int x = n_ends - 1; x >= 0; --x) {
      int j = ends[x];
      const Looked& look =
          one != nullptr ? *one : LookupCached(std::string_view(text + b, end_bytes[x] - b), hashes[x]);
      looks[x] = &look;
      if (look.kind == Looked::kNone) continue;
      if (look.kind == Looked::kHits && j > i && weak < 0 &&
          std::all_of(look.cands.begin(), look.cands.end(),
                      [](const Cand& c) { return c.quality == Quality::kSkeleton; })) {
        weak = x;
        weak_curated = std::any_of(look.cands.begin(), look.cands.end(),
                                   [](const Cand& c) { return c.curated; });
        continue;
      }
      chosen = x;
      break;
    }
    // Only when the words the shorter name leaves are plainly something
    // else: a common word ("August") or a country ("Aleppo Russia"). Else
    // the weak n-gram stands, as a name of its own ("Abu Hassan", "Shahba
    // al-Jadida"), and Resolve drops it if nothing supports it.
    // A weak n-gram that comes near a curated place ("Bab al-Salama
    // crossing") gives way only to a well-known place.
    if (chosen >= 0 && weak >= 0) {
      const int k = ends[chosen] + 1;
      bool other = !weak_curated && k < te && IsWord(k) && IsCommon(k);
      // Or the shorter name is a well-known place by its own spelling ("Deir
      // Ezzor SANA", "Aleppo Syrias largest city").
      {
        // The entries the longer run reaches.
        const std::vector<Cand>& longer = looks[weak]->cands;
        const Looked& shorter = *looks[chosen];
        bool same_place = false;
        for (const Cand& c : shorter.cands) {
          other = other || (c.quality != Quality::kSkeleton &&
                            (c.big || c.feat == Feat::kCountry || c.feat == Feat::kAdmin1));
          same_place = same_place || std::any_of(longer.begin(), longer.end(), [&](const Cand& w) {
                         return w.entry == c.entry;
                       });
        }
        // Not when the longer run reaches the same place ("Bab al-Salama
        // crossing", the crossing itself).
        if (same_place) other = false;
      }
      if (!other && !weak_curated && k < te && IsCap(k)) {
        const Looked& next = LookupCached(Tok(k));
        for (const Cand& c : next.cands)
          other = other || (c.feat == Feat::kCountry && c.quality >= Quality::kPreferredKey);
      }
      if (!other) chosen = weak;
    }
    if (chosen < 0 && ends[0] == i && cap) {
      if (const Looked* stem = StemLook(i))
        return MatchChosen(s, ts, te, i, i, b, toks_[i].span.end - 1, *stem);
    }
    // A lower-case site word ("river") starts only a name spelt so in the
    // gazetteer ("river Jordan"); otherwise the name after it is read alone.
    if (!cap && (Flags(i) & kSiteBefore) && chosen < 0) return i + 1;
    if (chosen < 0) chosen = weak;
    if (chosen >= 0) {
      int j = ends[chosen];
      const uint32_t e = end_bytes[chosen];
      const Looked& look = *looks[chosen];
      // Stopwords and demonyms ("Syrian" is an actor attribute) never start
      // a place, nor do the words after them in the same name.
      // A lone demonym before another name ("the Syrian Trans-Euphrates",
      // "Iraqi Kurdistan") only gives up its own word.
      if (look.kind == Looked::kStop) return j == i ? i + 1 : SkipRun(j, te) + 1;
      return MatchChosen(s, ts, te, i, j, b, e, look);
    }
    return i + 1;
  }

  struct Looked;  // below
  // Copy stripped of apostrophes writes "Syrias north", "Aleppos old
  // city": a capitalised word i that names nothing, but whose stem without
  // the final "s" is a country, a province or a big place by its own
  // spelling. The stem's lookup if so, else nullptr.
  const Looked* StemLook(int i) {
    if (!NoApostrophes()) return nullptr;
    const uint32_t b = toks_[i].span.begin, end = toks_[i].span.end;
    if (end - b > 4 && tx_[end - 1] == 's' && IsAsciiLower(static_cast<unsigned char>(tx_[end - 2]))) {
      const Looked& look = LookupCached(std::string_view(tx_ + b, end - 1 - b));
      if (look.kind == Looked::kHits &&
          std::any_of(look.cands.begin(), look.cands.end(), [](const Cand& c) {
            return c.quality >= Quality::kPreferredKey &&
                   (c.big || c.feat == Feat::kCountry || c.feat == Feat::kAdmin1);
          }))
        return &look;
    }
    return nullptr;
  }

  // The rest of Match for the chosen n-gram i..j (text_[b, e)), which the
  // gazetteer knows: the traps, then the name is kept. Apart so that Match,
  // which most capitalised words leave before this, keeps a small frame.
  [[gnu::noinline]] int MatchChosen(int s, int ts, int te, int i, int j, uint32_t b, uint32_t e,
                                    const Looked& look) {
    const std::string& key = look.key;
    // The candidates, copied only when a check below drops some or the
    // name is kept: most chosen n-grams end at a check that keeps nothing.
    std::vector<Cand> own;
    const std::vector<Cand>* cands = &look.cands;
    auto drop_if = [&](auto pred) {
      if (cands != &own) {
        own = *cands;
        cands = &own;
      }
      std::erase_if(own, pred);
    };
    // "At Tanf" is a name only if written so in the gazetteer; "At Raqqa,"
    // at the start of a sentence is the preposition: retry from "Raqqa".
    if (IsEnglishArticle(i) && !GluedArticle(i, te)) {
      // Arabic articles assimilate: "at" comes before a t-word ("At
      // Tanf"), "as" before an s-word. And the place's own name must carry
      // an article.
      std::string_view art = Tok(i);
      std::string_view next = i + 1 < te ? Tok(i + 1) : std::string_view();
      bool sun = !next.empty() && (next[0] | 0x20) == (art[1] | 0x20);
      drop_if([&](const Cand& c) {
        return !sun || !(HasArticle(c.spelling) || HasArticle(c.e->name));
      });
      if (cands->empty()) return i + 1;
    }
    // A sentence-initial "The" (NameKey drops it) stays out of the span
    // unless the place's own name has it ("The Hague").
    if (i < j && IsEnglishDeterminer(i) && IsWord(i + 1) &&
        std::none_of(cands->begin(), cands->end(), [](const Cand& c) {
          std::string_view n = c.e->name;
          return n.size() > 4 && (n[0] | 0x20) == 't' && (n[1] | 0x20) == 'h' &&
                 (n[2] | 0x20) == 'e' && n[3] == ' ';
        })) {
      // The name without it, matched as written ("London" exactly, not by
      // key as "The London" is).
      const uint32_t nb = toks_[i + 1].span.begin;
      const Looked& rest = LookupCached(std::string_view(tx_ + nb, e - nb));
      if (rest.kind == Looked::kHits) return MatchChosen(s, ts, te, i + 1, j, nb, e, rest);
      ++i;
      b = nb;
    }

    // One- and two-letter words alone are not places ("us", "Al"), except
    // a country's own abbreviation in capitals that a place preposition
    // opens and that ends its phrase (punctuation, a preposition, a
    // phrase_end or breaks_name word of place_context.tsv follows),
    // outside an all-caps line: "in the US.", "to the U.S. on Monday",
    // "in the UK now" (not "in U.S. air strikes", "of the
    // US-led coalition", "between US and Russia", "HELP US NOW"). Elsewhere
    // "US" is the actors layer's ("the US struck").
    if (i == j && KeyLetters(key) <= 2) {
      int p = i - 1;
      if (p >= ts && (Tok(p) == "the" || Tok(p) == "The")) --p;
      const bool opened = p >= ts && (Flags(p) & kPrep) && !IsAllCaps(p) && Tok(p) != "of" &&
                          Tok(p) != "between";
      const int nx = i + 1;
      const bool ends =
          nx >= te || (IsWord(nx) ? (Flags(nx) & (kPrep | kPhraseEnd | kBreaksName)) && !IsAllCaps(nx)
                                  : Tok(nx)[0] != '-');
      if (!opened || !ends || !IsAllCaps(i)) return j + 1;
      drop_if([&](const Cand& c) { return c.feat != Feat::kCountry || c.spelling != Tok(i); });
      if (cands->empty()) return j + 1;
    }
    // A direction word alone ("Eastern", "North") is not a place.
    if (i == j && (Flags(i) & kDirection)) return j + 1;
    // Acronyms: a capitals-only name must be the entry's own name.
    bool all_caps = true;
    for (int k = i; k <= j; ++k)
      if (IsWord(k) && !IsArticle(k) && !IsAllCaps(k)) all_caps = false;
    if (all_caps) {
      // ("SAA", "NATO", "DIA" are also villages somewhere.)
      drop_if([](const Cand& c) {
        return c.quality < Quality::kPreferredKey || !c.big;
      });
      if (cands->empty()) return SkipRun(j, te) + 1;
    }

    if (IsNamePart(ts, te, i, j, *cands, e)) return SkipRun(j, te) + 1;
    if (ShortPersonRef(ts, i, b, e)) return j + 1;

    if (cands != &own) own = *cands;
    // Built where it is kept: moving a Found moves its strings and vectors.
    Found& fd = found_.emplace_back(b, e, s, i, j, key, std::move(own));
    if (look.shared < 0) look.shared = SharedName(look.cands) ? 1 : 0;
    fd.shared = look.shared == 1;
    fd.all_caps = all_caps;
    fd.common = true;
    // A one-word name is the cached n-gram's text, which keeps its IsCommon
    // answer across documents: the same names recur, and folding and
    // looking the word up again for each was most of this check.
    const bool one_word = i == j && e == toks_[i].span.end;
    if (one_word && look.common != 0) common_[i] = look.common;
    for (int k = i; k <= j; ++k)
      if (IsWord(k) && !IsArticle(k) && !IsConnector(Tok(k)) && !IsEnglishDeterminer(k) &&
          !IsCommon(k, /*plurals=*/true))
        fd.common = false;
    // Capitalised words glued by hyphens around a lower-case one
    // ("Port-au-Prince", "Stratford-upon-Avon") are a name's shape, whatever
    // the words mean alone.
    if (fd.common && j - i >= 4 && IsCap(i) && IsCap(j)) {
      bool glued = true, lower_inside = false;
      for (int k = i + 1; k <= j && glued; ++k) {
        glued = Glued(k - 1, k) && (IsWord(k) || IsPunct(k, '-'));
        if (IsWord(k) && k < j && !IsCap(k)) lower_inside = true;
      }
      if (glued && lower_inside) fd.common = false;
    }
    if (one_word) look.common = common_[i];
    if (fd.common) fd.headline = Headline(ts, te);
    return Keep(&fd, ts, te);
  }

  // Reads the words around a found name just kept (the last of found_), and
  // returns the token to continue from.
  int Keep(Found* fd, int ts, int te) {
    ReadContext(ts, te, fd);
    last_place_tok_ = fd->last;
    return fd->last + 1;
  }

  // Match for Arabic-script words. Every word can start a name, so only
  // strong candidates count: countries, provinces, districts, curated
  // places and big cities (a village name is too often also a word). A
  // one-letter proclitic ("و" and, "ب" in, "ل" to, "ف", "ك") is left out
  // of the span when the name without it is known and the word with it
  // is not: "ودمشق" is "and Damascus".
  int MatchCaseless(int s, int ts, int te, int i, const int* ends, int n_ends) {
    for (int x = n_ends - 1; x >= 0; --x) {
      const int j = ends[x];
      const uint32_t e = toks_[j].span.end;
      for (uint32_t strip : {0u, 2u}) {
        const uint32_t b = toks_[i].span.begin + strip;
        if (strip) {
          std::string_view w = Tok(i);
          const unsigned char c0 = static_cast<unsigned char>(w[0]), c1 = static_cast<unsigned char>(w[1]);
          const bool proclitic = (c0 == 0xD9 && (c1 == 0x88 || c1 == 0x84 || c1 == 0x81 || c1 == 0x83)) ||
                                 (c0 == 0xD8 && c1 == 0xA8);
          if (!proclitic || w.size() < 2 + 6) continue;  // three letters left at least
        }
        const Looked& look = LookupCached(std::string_view(text_).substr(b, e - b));
        if (look.kind != Looked::kHits) continue;
        std::vector<Cand> cands;
        for (const Cand& c : look.cands)
          if (c.quality != Quality::kSkeleton &&
              (c.big || c.curated || c.feat == Feat::kCountry || c.feat == Feat::kAdmin1 ||
               c.feat == Feat::kAdmin2))
            cands.push_back(c);
        if (cands.empty()) continue;
        Found& fd = found_.emplace_back(b, e, s, i, j, look.key, std::move(cands));
        fd.common = false;
        return Keep(&fd, ts, te);
      }
    }
    return i + 1;
  }

  // The document has no apostrophe at all: its possessives lost theirs
  // ("Syrias"). Once per document.
  bool NoApostrophes() {
    if (no_apostrophes_ < 0) no_apostrophes_ = !HasApostrophe(text_);
    return no_apostrophes_ == 1;
  }
  int no_apostrophes_ = -1;

  // End byte of token j without a possessive "'s" / "’s".
  [[gnu::always_inline]] uint32_t EndWithoutPossessive(int j) const {
    const Span& sp = toks_[j].span;
    const size_t n = sp.end - sp.begin;
    const char* w = tx_ + sp.begin;
    if (n > 3 && w[n - 2] == '\'' && w[n - 1] == 's') return sp.end - 2;
    if (n > 5 && w[n - 1] == 's' && w[n - 4] == '\xE2' && w[n - 3] == '\x80' && w[n - 2] == '\x99')
      return sp.end - 4;
    return sp.end;
  }

  // The last token of the run of capitalised name words from j on.
  int SkipRun(int j, int te) const {
    for (;;) {
      int n = NextInName(j, te);
      if (n < 0) return j;
      if (IsArticle(n)) {
        // "at", "as", "an" in lower case between spaces are English ("the
        // BRP Sierra Madre at Second Thomas Shoal"), not "At Tanf".
        const std::string_view a = Tok(n);
        if ((a == "at" || a == "as" || a == "an") && n + 1 < te && Spaced(n, n + 1)) return j;
        int m = NextInName(n, te);
        if (m < 0 || !IsCap(m)) return j;
        j = m;
        continue;
      }
      if (!IsCap(n) || (Flags(n) & (kPrep | kAdmin1After | kAdmin2After | kCityAfter | kSiteAfter)))
        return j;
      j = n;
    }
  }

  // What the stopwords and the gazetteer say about one n-gram text; cached
  // per document, since articles repeat their names.
  struct Looked {
    enum Kind : uint8_t { kNone, kStop, kHits } kind = kNone;
    // IsCommon's memo (common_'s bits) for a one-word n-gram, 0 unknown.
    mutable uint8_t common = 0;
    // SharedName's memo: 1 if a country and another country's province
    // have this name ("Georgia"), 0 if not, -1 unknown.
    mutable int8_t shared = -1;
    std::string key;
    std::vector<Cand> cands;
  };
  const Looked& LookupCached(std::string_view name) { return LookupCached(name, NameHash(name)); }
  // The same, with h = NameHash(name) already known. Most n-grams were
  // looked up before (the cache outlives documents): the hit stays small
  // enough to inline, the miss is a call.
  const Looked& LookupCached(std::string_view name, uint64_t h) {
    if (const Looked* hit = cache_.Find(h, name)) return *hit;
    return LookupMiss(name, h);
  }
  [[gnu::noinline]] const Looked& LookupMiss(std::string_view name, uint64_t h) {
    LookupCache& cache = cache_;
    Looked l;
    FastNameKey(name, &l.key);
    if (l.key.empty()) {
      l.kind = Looked::kNone;
    } else if (f_.stop_keys_.count(l.key) ||
               (l.key.find(' ') == std::string::npos && gaz_.CountryOfDemonym(l.key))) {
      l.kind = Looked::kStop;
    } else if (Lookup(name, l.key, &l.cands, &cache.places)) {
      l.kind = Looked::kHits;
    }
    return cache.Add(h, name, std::move(l));
  }

  // Gazetteer candidates of `name` (NameKey `key`). False if none.
  bool Lookup(std::string_view name, const std::string& key, std::vector<Cand>* out,
              std::deque<PlaceEntry>* store) {
    hits_.clear();
    gaz_.LookupKey(key, &hits_);
    std::string folded;
    for (const NameHit& h : hits_) {
      Cand c;
      c.entry = h.entry;
      c.spelling = h.spelling;
      bool exact;
      if (AsciiFoldEqual(name, h.spelling, &exact)) {
        // decided without allocating
      } else {
        if (folded.empty()) folded = FoldName(name);
        exact = FoldName(h.spelling) == folded;
      }
      c.quality = exact ? (h.preferred ? Quality::kExactPreferred : Quality::kExact)
                        : (h.preferred ? Quality::kPreferredKey : Quality::kAltKey);
      Prepare(gaz_, store, &c);
      out->push_back(c);
    }
    // Skeleton matches (other spellings, and entries whose own spellings
    // differ: the province of a city): for names of 5+ letters (short skeletons collide everywhere) and at most
    // three words (longer runs are titles and org names; saves lookups).
    // A common word ("However", "Region") is not a misspelt place.
    const bool one_word = key.find(' ') == std::string::npos;
    // Nor is a phrase that opens with one ("The Centre", "It Best").
    std::string_view first_word = std::string_view(key).substr(0, key.find(' '));
    if (KeyLetters(key) >= 5 && std::count(key.begin(), key.end(), ' ') <= 2 &&
        !(one_word && gaz_.IsCommonWord(key)) &&
        !(!one_word && (gaz_.IsCommonWord(first_word) || f_.stop_keys_.count(first_word)))) {
      std::string skel = SkeletonOfKey(key);
      // Skeletons of three consonants collide by the hundred ("rk" of
      // Raqqa): worth it only when the spelling itself is unknown.
      const bool have_key = !out->empty();
      if (skel.size() >= (have_key ? 4u : 3u)) {
        hits_.clear();
        gaz_.LookupSkeleton(skel, &hits_);
        // Too ambiguous to help; with a known spelling, only a few are
        // worth a look (the province of a city spelt another way).
        // A known spelling with a crowded skeleton ("Mansoura": a city in
        // Egypt by that spelling, villages in Syria and Iraq spelt otherwise)
        // keeps only the same spelling up to vowel variants (distance 0
        // after TranslitSquash) of at most kMaxCrowdedSkeleton;
        // Resolve keeps those only in a country the document names. One
        // word only: a longer n-gram that finds nothing but weak candidates
        // would hide the name inside it ("Ariha August").
        bool crowded = false;
        if (hits_.size() > (have_key ? kMaxSkeletonHitsWithKey : kMaxSkeletonHits)) {
          crowded = have_key && one_word && hits_.size() <= kMaxCrowdedSkeleton;
          if (!crowded) hits_.clear();
        }
        // Vowel variants are made equal for one-word names only: across
        // several words they let unrelated runs ("Aleppo Raqqa") reach some
        // entry and hide the names inside them.
        auto squash = [&](std::string_view k) { return one_word ? TranslitSquash(k) : Squash(k); };
        std::string sq = squash(key);
        const size_t n_key = out->size();
        std::string spelling_key;
        for (const NameHit& h : hits_) {
          bool dup = false;
          for (size_t k = 0; k < n_key && !dup; ++k) dup = (*out)[k].entry == h.entry;
          if (dup) continue;
          FastNameKey(h.spelling, &spelling_key);
          std::string other = squash(spelling_key);
          // A nisba adjective is a person's name or a demonym, not the
          // place: "Baghdadi" is not "Baghdad".
          if (sq.size() > 4 && sq.back() == 'i' && !other.empty() && !IsVowel(other.back()))
            continue;
          int limit = crowded ? 0 : have_key ? 2 : static_cast<int>(std::max(sq.size(), other.size()) / 2);
          int d = EditDistance(sq, other, limit);
          if (d > limit) continue;
          Cand c;
          c.entry = h.entry;
          c.spelling = h.spelling;
          c.quality = Quality::kSkeleton;
          c.dist = d;
          Prepare(gaz_, store, &c);
          out->push_back(c);
        }
      }
    }
    return !out->empty();
  }

  bool HasDivision(const std::vector<Cand>& cands) const {
    for (const Cand& c : cands) {
      if (c.quality < Quality::kPreferredKey) continue;
      if (c.feat == Feat::kCountry || c.feat == Feat::kAdmin1) return true;
    }
    return false;
  }

  // True if tokens i..j are part of a person's or an organisation's name,
  // judged by the words right around them.
  // True if the word before token i makes what follows a person's or a
  // group's name: a title ("President", "Gen."), a group word ("Jabhat",
  // "Operation") or a kunya ("Abu" in "Abu Bakr"; not "Abu Kamal", which
  // starts at "Abu" itself).
  bool PrefixSaysName(int ts, int i) const {
    if (i - 2 >= ts && IsPunct(i - 1, '.') && Glued(i - 2, i - 1) && Spaced(i - 1, i) &&
        IsCap(i - 2) && (Flags(i - 2) & kTitle))
      return true;
    int p = PrevSpaced(i, ts);
    if (p < 0 || !f_.MaybeTitle(Tok(p))) return false;
    uint32_t pf = Flags(p);
    if (!IsCap(p)) {
      if (!(pf & kNaming)) return false;
      // "a witness named Ahmad" is a person; "a region named Rojava", "a
      // village named Tal Abyad" keep their place.
      constexpr uint32_t kPlaceNoun = kCityBefore | kCityAfter | kAdmin1Before | kAdmin1After |
                                      kAdmin2Before | kAdmin2After | kSiteBefore | kSiteAfter;
      int q = PrevSpaced(p, ts);
      return q < 0 || !(Flags(q) & kPlaceNoun);
    }
    if (pf & (kTitle | kOrgBefore)) return true;
    return (pf & kKunya) && !(Flags(i) & kKunya);
  }

  // "Kerry" after "John Kerry": the actors layer's short reference to a
  // person the document names in full is that person, not a village of
  // the same name. "in" or a "near" word before it still makes a place
  // ("in Kerry"; not "between Kerry and Lavrov", "to Kerry").
  // So is a name inside a longer person's name the actors layer found
  // ("Austin" of "Austin Carver", whose surname is also a common word).
  bool ShortPersonRef(int ts, int i, uint32_t b, uint32_t e) const {
    const std::vector<Mention>& ms = doc_.mentions;
    auto it = std::lower_bound(ms.begin(), ms.end(), b,
                               [](const Mention& m, uint32_t x) { return m.span.begin < x; });
    auto person_over = [&](const Mention& m) {
      if (m.kind != "person" || m.span.begin > b || m.span.end < e) return false;
      return m.span.begin != b || m.span.end != e ? true : m.name.size() > e - b;
    };
    if (!((it != ms.end() && person_over(*it)) || (it != ms.begin() && person_over(it[-1]))))
      return false;
    int p = PrevSpaced(i, ts);
    return p < 0 || !(Tok(p) == "in" || (Flags(p) & kNear));
  }

  // "The Manbij area": an area_after word right after the name's last token j.
  bool AreaAfter(int j, int te) const {
    int n = NextInName(j, te);
    return n >= 0 && (Flags(n) & kAreaAfter);
  }

  // (e: where the name ends in the text, before a possessive "'s".)
  [[gnu::always_inline]] bool IsNamePart(int ts, int te, int i, int j, const std::vector<Cand>& cands, uint32_t e) {
    int p = PrevSpaced(i, ts);
    if (p >= 0 && IsCap(p)) {
      uint32_t pf = Flags(p);
      // "Donald Trump": a given name before a one-word place, or before
      // an article and one word ("Raed al-Hussein"). Not in headlines
      // (everything is capitalised there), not after a place ("Raqqa Deir
      // ez-Zor"), not for countries and provinces.
      const bool one_word = i == j || (IsArticle(i) && NextInName(i, te) == j);
      // (A sentence-initial "The" is no given name, but opens the names of
      // much else: a city of millions after it is the city, "The
      // London-based group"; "The IDA", "The Castello road" are not Japan's
      // Iida or Spain's Castello.)
      // (The headline test, a scan of the sentence, after the word's own.)
      if (pf == 0 && one_word && IsTitleCase(p) && p != last_place_tok_ &&
          EndWithoutPossessive(p) == toks_[p].span.end && !IsCommon(p) && !Headline(ts, te) &&
          !(IsEnglishDeterminer(p) &&
            (std::any_of(cands.begin(), cands.end(),
                         [](const Cand& c) {
                           return c.e->population >= 1000000 || c.feat == Feat::kCountry;
                         }) ||
             AreaAfter(j, te))) &&
          !HasDivision(cands))
        return true;
    }
    // "Aqareb es Safi": a one-word name after a capitalised word and an
    // Arabic article written apart is the tail of a longer name the
    // gazetteer lacks (the whole name was looked up first), not Safi,
    // Morocco. Only articles that are no English words ("at", "as", "an").
    if (p >= 0 && i == j && toks_[p].span.end - toks_[p].span.begin <= 3 &&
        IsAsciiLower(static_cast<unsigned char>(tx_[toks_[p].span.begin])) && IsArticle(p) &&
        IsArabicOnlyArticle(Tok(p))) {
      const int q = PrevSpaced(p, ts);
      if (q >= 0 && IsTitleCase(q) && q != last_place_tok_) return true;
    }
    // After a possessive ("Aleppo's Bustan al-Qasr") the words that follow
    // name something else.
    if (e < toks_[j].span.end) return false;
    // The word after the name, if a space joins it (the three tests below
    // start there).
    int after = NextInName(j, te);
    if (after >= 0 && !Spaced(j, after)) after = -1;
    // "the Santa Rosa de Lima gang": a criminal group's word right after.
    if (after >= 0 && (Flags(after) & kGroupAfter)) return true;
    // "Deir ez-Zor Military Council", "Al-Masdar News": an organisation
    // word within the next three capitalised words.
    int k = j;
    for (int step = 0; step < 3; ++step) {
      int n = step == 0 ? after : NextInName(k, te);
      if (n < 0 || (step > 0 && !Spaced(k, n)) || !IsCap(n)) break;
      if (Flags(n) & kOrgAfter) return true;
      k = n;
    }
    // "Abu Bakr al-Baghdadi", "Jordan Peterson": a surname after the name
    // (also in headlines: a name is not a common word there either).
    {
      int n = after;
      if (n >= 0) {
        int word = IsArticle(n) ? NextInName(n, te) : n;  // "al-Baghdadi"
        if (word >= 0 && IsTitleCase(word) && (Flags(word) & kSurname)) return true;  // "Trump"
        if (word >= 0 && IsTitleCase(word) && Flags(word) == 0 && !IsCommon(word)) {
          // Not if the next word is a well-known place of its own ("Raqqa
          // Deir ez-Zor" without a comma); a small town's name ("Webb" in
          // "Whitney Webb") is still a surname.
          // The word's n-gram lookup, cached across documents: its
          // candidates by key are all the entries of its NameKey.
          const Looked& look = LookupCached(Tok(word));
          // A listed non-place name (an outlet, an organisation: "Deir
          // Ezzor Reuters reported") is no surname.
          if (look.kind == Looked::kStop && f_.stop_keys_.count(look.key)) return false;
          bool big = false;
          if (look.kind == Looked::kStop) {  // a demonym: no candidates were looked up
            std::vector<NameHit> hits;
            gaz_.LookupKey(look.key, &hits);
            for (const NameHit& h : hits) big = big || IsBig(gaz_.entry(h.entry));
          }
          for (const Cand& c : look.cands) big = big || (c.quality != Quality::kSkeleton && c.big);
          if (!big) return true;
        }
      }
    }
    return false;
  }

  // Hint words and prepositions around a found name; direction words.
  void ReadContext(int ts, int te, Found* fd) {
    int p = PrevSpaced(fd->first, ts);
    if (p >= 0) {
      uint32_t pf = Flags(p);
      if (pf & kPrep) fd->prep = true;
      if (Tok(p) == "the" && p - 1 >= ts && Spaced(p - 1, p) && (Flags(p - 1) & kPrep)) fd->the_prep = true;
      if (pf & kNear) fd->hints |= kNear;
      if (pf & kSiteBefore) fd->hints |= kSiteAfter | kSiteBefore;  // "the river Jordan"
      if (pf & kDirection) {
        fd->prep = true;
        fd->has_direction = true;
        fd->direction_begin = toks_[p].span.begin;
        // "north-east Syria": two direction words joined by a hyphen.
        if (p - 2 >= ts && IsPunct(p - 1, '-') && Glued(p - 2, p - 1) && Glued(p - 1, p) &&
            (Flags(p - 2) & kDirection))
          fd->direction_begin = toks_[p - 2].span.begin;
      }
      // "city of X", "province of X": the hint word before "of".
      if (Tok(p) == "of" && p - 1 >= ts && Spaced(p - 1, p)) {
        uint32_t qf = Flags(p - 1);
        if (qf & kCityBefore) fd->hints |= kCityAfter;
        if (qf & kSmallAfter) fd->hints |= kSmallAfter;
        if (qf & kAdmin1Before) fd->hints |= kAdmin1After;
        if (qf & kAdmin2Before) fd->hints |= kAdmin2After;
        if (qf & kNear) fd->hints |= kNear;  // "outskirts of X"
      }
    }
    int n = fd->last + 1 < te && Spaced(fd->last, fd->last + 1) ? fd->last + 1 : -1;
    if (n >= 0 && IsWord(n) && EndWithoutPossessive(fd->last) == toks_[fd->last].span.end) {
      uint32_t nf = Flags(n) & (kCityAfter | kAdmin1After | kAdmin2After | kSiteAfter | kSmallAfter);
      if (nf) {
        fd->hints |= nf;
        fd->prep = true;
        fd->plural_hint = Tok(n).back() == 's';
      }
      fd->hints |= Flags(n) & kStreetAfter;
    }
    // "London-based", "Texas-born".
    const int h = fd->last + 2;
    if (h < te && IsPunct(h - 1, '-') && Glued(fd->last, h - 1) && Glued(h - 1, h) && IsWord(h) &&
        (Flags(h) & kHyphenAfter))
      fd->prep = true;
  }

  void TryHashtag(int s, int k) {
    std::string_view w = Tok(k);
    // CamelCase split: "DeirEzzor" -> "Deir Ezzor".
    std::string split;
    for (size_t i = 0; i < w.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(w[i]);
      if (i > 0 && IsAsciiUpper(c) && IsAsciiLower(static_cast<unsigned char>(w[i - 1])))
        split.push_back(' ');
      split.push_back(static_cast<char>(c));
    }
    std::string key = NameKey(split);
    if (KeyLetters(key) <= 2 || f_.stop_keys_.count(key)) return;
    if (key.find(' ') == std::string::npos && gaz_.CountryOfDemonym(key)) return;
    std::vector<Cand> cands;
    if (!Lookup(split, key, &cands, &own_places_)) return;
    Found fd(toks_[k].span.begin, toks_[k].span.end, s, k, k, std::move(key),
             std::move(cands));
    fd.hashtag = true;
    fd.common = fd.key.find(' ') == std::string::npos && gaz_.IsCommonWord(fd.key);
    found_.push_back(std::move(fd));
  }

  // "the Idlib and Hama provinces", "Kursk, Belgorod and Bryansk regions":
  // a plural hint word after the last name of a list is every name's.
  void ShareHints() {
    // Found names a and b next to each other in one list ("X and Y", "X,
    // Y", "X, and Y", "X or Y").
    auto listed = [&](const Found& a, const Found& b) {
      if (a.sentence != b.sentence || b.begin < a.end) return false;
      std::string_view gap = std::string_view(text_).substr(a.end, b.begin - a.end);
      return gap == " and " || gap == ", " || gap == ", and " || gap == " or ";
    };
    // "in England and Wales": the preposition is the list's, which a
    // common-word name needs ("Wales").
    for (size_t y = 1; y < found_.size(); ++y)
      if (found_[y - 1].prep && !found_[y].prep && listed(found_[y - 1], found_[y]))
        found_[y].prep = true;
    for (size_t y = found_.size(); y-- > 1;) {
      if (!found_[y].plural_hint) continue;
      const uint32_t hint = found_[y].hints & (kCityAfter | kAdmin1After | kAdmin2After | kSiteAfter);
      for (size_t x = y; x-- > 0;) {
        Found& a = found_[x];
        if (a.hints != 0 || !listed(a, found_[x + 1])) break;
        a.hints |= hint;
        a.prep = true;
        a.plural_hint = true;
      }
    }
  }

  // "X, Y" pairs in one sentence.
  void LinkCommas() {
    for (size_t a = 0; a + 1 < found_.size(); ++a) {
      const Found& x = found_[a];
      const Found& y = found_[a + 1];
      if (x.sentence != y.sentence || y.begin < x.end + 1) continue;
      std::string_view gap = std::string_view(text_).substr(x.end, y.begin - x.end);
      if (gap.size() >= 2 && gap[0] == ',' && gap.find_first_not_of(' ', 1) == std::string_view::npos) {
        found_[a].comma_next = static_cast<int>(a + 1);
        found_[a + 1].comma_prev = static_cast<int>(a);
      }
    }
  }

  // Is area (a country or province reading of the Y of "X, Y") where one
  // of X's likely readings lies? Likely: within a point of X's first-pass
  // best, so a village namesake of a big city does not count ("Raqqa,
  // Deir ez-Zor" stays the city of Deir ez-Zor).
  // (any: every reading of X counts, however unlikely.)
  bool HoldsX(const Found& x, const PlaceEntry& area, Feat af, bool any = false) const {
    if (x.pass1 < 0 || area.country.empty() || (af != Feat::kCountry && af != Feat::kAdmin1))
      return false;
    const double floor = any ? -1e9 : x.cands[x.pass1].score - 1.0;
    for (const Cand& c : x.cands) {
      if (c.score < floor || c.feat == Feat::kCountry || c.feat == af ||
          c.quality == Quality::kSkeleton || c.e->country != area.country)
        continue;
      if (af == Feat::kCountry || c.e->admin1_code == area.admin1_code) return true;
    }
    return false;
  }

  // The Y of "X, Y" reads as the country or province that holds X when one
  // does: "Harris County, Georgia" is the US state, though "Georgia" alone
  // is the country; "Athens, Georgia" too.
  void ReadYByX() {
    for (Found& y : found_) {
      if (y.comma_prev < 0 || y.pass1 < 0) continue;
      const Found& x = found_[y.comma_prev];
      int best = -1;
      for (size_t k = 0; k < y.cands.size(); ++k) {
        Cand& c = y.cands[k];
        // A country by its own name only: in a list ("Rio de Janeiro,
        // Brasilia and Parana") the next town is no country that has it as
        // an alternate name. (A province's alternates include the AP
        // abbreviations: "Wichita, Kan.")
        c.holds_x = (c.feat != Feat::kCountry || c.quality == Quality::kExactPreferred ||
                     c.quality == Quality::kPreferredKey) &&
                    HoldsX(x, *c.e, c.feat);
        if (c.holds_x && (best < 0 || c.score > y.cands[best].score)) best = static_cast<int>(k);
      }
      // A country that holds no town of X's name at all is not meant
      // when a province of the same name holds one, however small: in
      // "Athens, Georgia" and "Americus, Georgia" Georgia is the US state.
      const Cand& top = y.cands[y.pass1];
      if (best < 0 && top.feat == Feat::kCountry && !HoldsX(x, *top.e, Feat::kCountry, true)) {
        for (size_t k = 0; k < y.cands.size(); ++k) {
          Cand& c = y.cands[k];
          if (c.feat != Feat::kAdmin1 || !HoldsX(x, *c.e, c.feat, true)) continue;
          c.holds_x = true;
          if (best < 0 || c.score > y.cands[best].score) best = static_cast<int>(k);
        }
      }
      if (best >= 0 && !y.cands[y.pass1].holds_x) y.pass1 = best;
    }
  }

  // --- resolution ---------------------------------------------------------

  // Score of candidate c of mention fd without the document's context: its
  // prior and the words around the name. Apart from Score so that the first
  // pass, which scores every candidate of every name this way, gets it
  // inline with the reasons off (a call of the whole Score cost more than
  // the sums).
  // The hint bits HintScore reads: without them (and a direction word) it
  // is the prior.
  static constexpr uint32_t kScoreHints = kAdmin1After | kAdmin2After | kCityAfter | kNear | kSiteAfter;
  [[gnu::always_inline]] static double HintScore(const Found& fd, const Cand& c, Why& why) {
    const Feat f = c.feat;
    double s = c.prior;
    bool division = f == Feat::kCountry || f == Feat::kAdmin1 || f == Feat::kAdmin2;
    // Words around the name.
    if (fd.hints & kAdmin1After) {
      s += f == Feat::kAdmin1 ? 3.0 : f == Feat::kAdmin2 ? 1.5 : -1.0;
      why += ", province word";
    }
    if (fd.hints & kAdmin2After) {
      s += f == Feat::kAdmin2 ? 3.0 : f == Feat::kAdmin1 ? 1.5 : -1.0;
      why += ", district word";
    }
    if (fd.hints & kCityAfter) {
      s += f == Feat::kCity ? 1.0 : division ? -1.5 : 0;
      why += ", city word";
    }
    if (fd.cue != 0 && (f == Feat::kCountry || f == Feat::kAdmin1)) {
      // "Georgia's governor" is the US state, "Georgia's president" the
      // country (ReadCues). The sentence's own words outweigh the
      // document's context (a country's +1.5, its province's +1.5): an
      // article may name both ("Georgia lawmakers" and, later, Tbilisi).
      if ((fd.cue > 0) == (f == Feat::kAdmin1)) {
        s += 5.0;
        why += f == Feat::kAdmin1 ? ", division cue" : ", country cue";
      }
    }
    if (fd.hints & kNear) {
      s += c.point ? 0.5 : -0.5;
      why += ", near";
    }
    if (fd.hints & kSiteAfter) {
      bool site = c.curated || (!division && f != Feat::kCity);
      // "the river Jordan" is not the country.
      s += site ? 1.5 : f == Feat::kCountry && (fd.hints & kSiteBefore) ? -1.5 : 0;
      why += ", site word";
    }
    if (fd.has_direction && (f == Feat::kCountry || f == Feat::kAdmin1 || f == Feat::kRegion))
      s += 0.5;
    return s;
  }

  // Score of candidate c of mention fd with the document's context. Reasons
  // go to WhyOf(fd, c).
  double Score(const Found& fd, Cand* c, bool explain) {
    const PlaceEntry& e = *c->e;
    const Feat f = c->feat;
    // Reasons are written only for the evidence (they cost allocations).
    Why why(explain);
    why += QualityName(c->quality);
    if (why.on && c->quality == Quality::kSkeleton) why += " d=" + std::to_string(c->dist);
    if (c->curated) why += ", curated";
    double s = HintScore(fd, *c, why);
    // The document's context.
    c->reasons = 0;
    bool ctx_country = c->ctx;
    if (ctx_country) {
      c->reasons |= kCtxCountry;
      // A town of under 100,000 against a namesake city of millions thirty
      // times its size gets half: "Melbourne" in a text that also names US
      // places is still the Australian city, "Manhattan" near a Kansas
      // town still New York's.
      const bool dwarfed =
          f == Feat::kCity && e.population < 100000 &&
          std::any_of(fd.cands.begin(), fd.cands.end(), [&](const Cand& o) {
            return o.feat == Feat::kCity && o.e->population >= 1000000 &&
                   o.e->population > 30 * e.population;
          });
      s += dwarfed ? 0.75 : 1.5;
      if (why.on) why += ", ctx country " + std::string(e.country) + (dwarfed ? " (dwarfed)" : "");
      // The country its own sentence names is the nearer context: "Tororo
      // and Mbale in Uganda" in an article that also names Kenya's Mbale
      // county; "Trujillo, on the coast of Honduras", not Peru's city. Only
      // when the sentence names no other country ("fighters from Jordan in
      // Daraa's Manshiyah district" is no Jordanian town), and not for a
      // country's own name ("Iraq" beside "Iran" is no Iranian town).
      if (f != Feat::kCountry &&
          std::none_of(fd.cands.begin(), fd.cands.end(), [](const Cand& o) {
            return o.feat == Feat::kCountry && o.quality >= Quality::kPreferredKey;
          }) &&
          SentenceCountry(fd.sentence) == e.country) {
        s += 1.5;
        why += ", country of its sentence";
      }
    } else if (c->big && !e.country.empty() && actor_countries_.count(e.country)) {
      s += 0.6;
      if (why.on) why += ", actor country " + std::string(e.country);
    } else if (f == Feat::kCity && fd.other_context) {
      // A town in a country the document does not name is unlikely; a big
      // city too when only an alternate spelling reaches it ("Mansoura" is
      // a spelling of the Egyptian city, and of a village near Raqqa).
      // An alternate spelling that is not the entry's own name reaches
      // foreign cities by accident ("Mare" is Malé, "Zara" Zadar).
      // (A big city only when a candidate of a context country is there to
      // win instead: "Geneva" is still Geneva, not its canton.)
      const bool alt = c->quality == Quality::kAltKey || c->quality == Quality::kExact;
      if (e.population < 100000) {
        if (alt) c->reasons |= kForeignWeak;
        s -= 0.8;
        why += alt ? ", foreign by alternate spelling" : ", foreign";
        // Less still when the text puts it in a province or town of
        // another country: "the town of Milis in Idlib province" is a
        // Syrian town missing from the gazetteer, not the Sardinian village.
        if (!fd.in_area_read) {
          fd.in_area = fd.pass1 >= 0 ? InArea(fd) : std::string_view();
          fd.in_area_read = true;
        }
        if (!fd.in_area.empty() && fd.in_area != e.country) {
          s -= 1.5;
          why += ", \"X in Y\" of another country";
        }
      } else if (c->quality == Quality::kAltKey ||
                 (alt && std::any_of(fd.cands.begin(), fd.cands.end(), [&](const Cand& o) {
                    return &o != c && !o.e->country.empty() && o.e->country != e.country &&
                           o.ctx;
                  }))) {
        c->reasons |= kForeignWeak;
        s -= 1.0;
        why += ", foreign by alternate spelling";
      } else if (alt && e.population < 1000000 && e.feature_code != "PPLA" &&
                 e.feature_code != "PPLC") {
        // Nor is a city under a million known by an alternate spelling
        // the place in a document about other countries: a village missing
        // from the gazetteer ("Boni" in Mali is not Watampone, Indonesia,
        // once called Bone). Capitals, provincial seats and cities of
        // millions keep their exonyms ("Geneva" for Genève, "Kiev").
        c->reasons |= kForeignWeak;
        s -= 2.0;
        why += ", foreign by alternate spelling";
      }
    } else if ((f == Feat::kAdmin2 || (f == Feat::kAdmin1 && (fd.hints & kAdmin2After))) &&
               fd.other_context) {
      // A district of a country the document neither names nor has actors
      // of ("al-Faris", "Al-Manar" are Iraqi and Yemeni districts), or a
      // province called a district there: "the Sahel district" of Zabadani
      // is not Burkina Faso's region. (A bare foreign province stays:
      // "Chechnya", "Tibet".)
      c->reasons |= kForeignWeak;
      s -= 3.0;
      why += ", foreign province";
    }
    if ((fd.hints & kSmallAfter) && f == Feat::kCity && !c->curated && e.population > 100000) {
      // "the village of al-Tiba", "Aqareb es Safi village": a village
      // missing from the gazetteer, not a namesake city of 100,000 or more
      // (Chiba, Safi); such a reading needs kMinScore even when big.
      c->reasons |= kForeignWeak;
      s -= 3.0;
      why += ", a village word for a city";
    }
    if ((fd.hints & kSmallAfter) && (f == Feat::kCountry || f == Feat::kAdmin1 || f == Feat::kAdmin2)) {
      // Nor a province or country ("al-Jafra village" is no Libyan
      // district): it too needs kMinScore.
      c->reasons |= kForeignWeak;
    }
    if (f != Feat::kCountry &&
        std::any_of(fd.cands.begin(), fd.cands.end(), [&](const Cand& o) {
          return o.feat == Feat::kAdmin1 && o.e->population > 10 * e.population &&
                 (o.e->country != e.country ||
                  (f == Feat::kCity && o.e->population > 100 * e.population));
        })) {
      // A small namesake of a big province: "Florida" is the US state of
      // 16 million, not the Uruguayan town or the Puerto Rican
      // municipality; "Wales" is not the English village. (At home a
      // hundred times smaller: a province's own seat keeps its name.)
      s -= 0.5;
      why += ", namesake of a far bigger province";
    }
    if (f == Feat::kCity && c->quality <= Quality::kExact &&
        std::any_of(fd.cands.begin(), fd.cands.end(), [&](const Cand& o) {
          return o.feat == Feat::kAdmin1 && o.quality == Quality::kExactPreferred &&
                 o.e->country == e.country && o.e->population > 4 * e.population;
        })) {
      // "Oklahoma" is the state by its own name, not Oklahoma City by an
      // alternate one; a city of a quarter of its state or more keeps the
      // name ("New York"). More than a context town in the province gives
      // the city ("Oklahoma and Tulsa").
      s -= 1.5;
      why += ", its province by its own name";
    }
    if (f == Feat::kCountry && c->quality == Quality::kExact &&
        std::any_of(fd.cands.begin(), fd.cands.end(), [&](const Cand& o) {
          return o.quality == Quality::kExactPreferred && o.e->country == e.country &&
                 o.e->feature_code == "PPLC";
        })) {
      // "Brasilia" is a name of Brazil in some language and the capital's
      // own name: the capital.
      s -= 1.0;
      why += ", its capital by its own name";
    }
    if (!e.admin1_code.empty() && f != Feat::kCountry && !admin1s_.empty()) {
      // "SY.07", cut at 63 bytes; built by hand (snprintf was a hot spot).
      char ak[64];
      size_t n = 0;
      for (char ch : e.country) if (n < 63) ak[n++] = ch;
      if (n < 63) ak[n++] = '.';
      for (char ch : e.admin1_code) if (n < 63) ak[n++] = ch;
      auto ai = admin1s_.find(std::string_view(ak, n));
      if (ai != admin1s_.end() && ai->second.Other(fd.key)) {
        if (f != Feat::kAdmin1) {
          // Against a bigger namesake town of a country the document does
          // not name, as much as a context country: the province the
          // document is about keeps its own small town ("Lisbon" near
          // Lewiston, Maine, is not Portugal's capital). (A big namesake of
          // the same country keeps its lead: "Atlanta" in a text about Texas
          // is still Georgia's.)
          const bool rival = f == Feat::kCity &&
              std::any_of(fd.cands.begin(), fd.cands.end(), [&](const Cand& o) {
                return o.feat == Feat::kCity && o.e->population > e.population &&
                       o.e->country != e.country && !o.ctx;
              });
          s += rival ? 1.5 : 0.7;
          if (why.on) why += ", ctx admin1 " + std::string(e.admin1);
        } else if (std::any_of(fd.cands.begin(), fd.cands.end(), [&](const Cand& o) {
                     return o.feat == Feat::kCountry && o.e->country != e.country;
                   })) {
          // A province the document names towns of, against a foreign
          // country of the same name: "Georgia" after Atlanta and Savannah.
          s += 1.5;
          if (why.on) why += ", ctx admin1 itself";
        } else {
          // Against foreign towns as much as its own towns get: "Victoria"
          // near Melbourne is the Australian state (its seat, named the
          // same, keeps its lead by its prior).
          s += 0.7;
          if (why.on) why += ", ctx admin1 itself";
        }
      }
    }
    if (c->holds_x) {
      s += 3.0;
      why += ", holds X of \"X, Y\"";
    }
    if (fd.comma_next >= 0) {
      const Found& y = found_[fd.comma_next];
      if (y.pass1 >= 0) {
        const Cand& yc = y.cands[y.pass1];
        const PlaceEntry& ye = *yc.e;
        if (yc.feat == Feat::kAdmin1 && ye.country == e.country &&
            ye.admin1_code == e.admin1_code && f != Feat::kAdmin1) {
          s += 3.0;
          c->reasons |= kCommaXY;
          why += ", \"X, Y\" admin1";
        } else if (yc.feat == Feat::kCountry && ye.country == e.country && f != Feat::kCountry) {
          s += 2.0;
          c->reasons |= kCommaXY;
          why += ", \"X, Y\" country";
        }
      }
    }
    if (explain) WhyOf(fd, c) = std::move(why.text);
    return s;
  }

  // Scores every candidate of fd; returns the best index and the margin.
  int Best(Found* fd, bool with_context, double* margin) {
    int best = -1;
    double b1 = -1e9, b2 = -1e9;
    Why off(false);
    // Most names have no hint word around them: then HintScore is the
    // prior, and pass 1 ranks their many candidates without a look at it.
    const bool prior_only =
        !with_context && !fd->has_direction && !(fd->hints & kScoreHints) && fd->cue == 0;
    for (size_t k = 0; k < fd->cands.size(); ++k) {
      Cand& c = fd->cands[k];
      c.score = with_context ? Score(*fd, &c, /*explain=*/false)
                : prior_only ? c.prior
                             : HintScore(*fd, c, off);
      if (c.score > b1) {
        b2 = b1;
        b1 = c.score;
        best = static_cast<int>(k);
      } else if (c.score > b2) {
        b2 = c.score;
      }
    }
    *margin = b2 < -1e8 ? 10.0 : b1 - b2;
    return best;
  }

  // The one country that sentence names (pass 1), else "".
  std::string_view SentenceCountry(int sentence) const {
    std::string_view one;
    for (const auto& [sent, country] : named_countries_) {
      if (sent != sentence) continue;
      if (!one.empty() && one != country) return {};
      one = country;
    }
    return one;
  }

  // Sets fd.other_context and each candidate's ctx once the context is
  // complete (pass 2). A name has many candidates (small namesakes by
  // alternate spellings, most of which pass 2 drops for want of context),
  // so the test is a bit of the countries other names support, by the two
  // capitals of an ISO code (other codes, if any, are looked for in a list).
  [[gnu::always_inline]] void SetContext(Found* fd) {
    ctx_code_bits_ = ctx_shared_.bits;
    ctx_other_codes_ = ctx_shared_.other_codes;
    fd->other_context = ctx_shared_.any;
    for (const OneKeyCountry& o : ctx_one_key_) {
      if (o.key == fd->key) continue;  // a name never supports itself
      fd->other_context = true;
      if (o.bit >= 0) ctx_code_bits_[o.bit >> 6] |= 1ull << (o.bit & 63);
      else ctx_other_codes_.push_back(o.code);
    }
    for (Cand& c : fd->cands) {
      const int bit = c.country_bit;
      c.ctx = bit >= 0 ? (ctx_code_bits_[bit >> 6] >> (bit & 63)) & 1
                       : std::find(ctx_other_codes_.begin(), ctx_other_codes_.end(), c.e->country) !=
                             ctx_other_codes_.end();
    }
  }
  std::array<uint64_t, (26 * 26 + 63) / 64> ctx_code_bits_{};  // SetContext's
  std::vector<std::string_view> ctx_other_codes_;
  // countries_ once pass 1 has filled it, for SetContext, which runs per
  // name (a walk of the map and its keys for each was most of its cost):
  // the codes that two names or more give, context for every name; and
  // the codes that one name gives, context for the others.
  struct {
    std::array<uint64_t, (26 * 26 + 63) / 64> bits{};
    std::vector<std::string_view> other_codes;
    bool any = false;
  } ctx_shared_;
  struct OneKeyCountry {
    std::string_view key, code;
    int bit;  // CodeBit(code)
  };
  std::vector<OneKeyCountry> ctx_one_key_;
  void SplitContext() {
    for (const auto& [code, sup] : countries_) {
      // Support::Other(key) is false for every key while no key gave the
      // code, true for every key once two did, else true but for key1.
      if (sup.key1.empty()) continue;
      const int bit = CodeBit(code);
      if (sup.key2.empty()) {
        ctx_one_key_.push_back(OneKeyCountry{sup.key1, code, bit});
        continue;
      }
      ctx_shared_.any = true;
      if (bit >= 0) ctx_shared_.bits[bit >> 6] |= 1ull << (bit & 63);
      else ctx_shared_.other_codes.push_back(code);
    }
  }

  std::set<std::string, std::less<>> actor_countries_;  // countries of earlier actor mentions

  // A name that is a country's and a first-level division's of another
  // country ("Georgia": the country and the US state): the words of its
  // sentence may say which. division_cue words ("governor", "lawmakers",
  // "Senate") and demonyms of the division's country ("American") count
  // for the division; country_cue words ("president", "parliament") and
  // the country's demonyms ("Georgian") for the country.
  // Do a country and a first-level division of another country share
  // this name (by their own spelling, not a skeleton)?
  static bool SharedName(const std::vector<Cand>& cands) {
    const Cand* cc = nullptr;
    for (const Cand& c : cands)
      if (c.feat == Feat::kCountry && c.quality != Quality::kSkeleton) cc = &c;
    if (cc == nullptr) return false;
    for (const Cand& c : cands)
      if (c.feat == Feat::kAdmin1 && c.quality != Quality::kSkeleton && c.e->country != cc->e->country)
        return true;
    return false;
  }

  void ReadCues(Found* fd) {
    if (!fd->shared || fd->cands.size() < 2) return;
    const Cand* cc = nullptr;
    bool admin1 = false;
    for (const Cand& c : fd->cands) {
      if (c.feat == Feat::kCountry && c.quality != Quality::kSkeleton) cc = &c;
      admin1 = admin1 || c.feat == Feat::kAdmin1;
    }
    if (cc == nullptr || !admin1) return;
    const std::string_view country = cc->e->country;
    std::string_view division;
    for (const Cand& c : fd->cands)
      if (c.quality != Quality::kSkeleton && c.feat == Feat::kAdmin1 && c.e->country != country)
        division = c.e->country;
    if (division.empty() || fd->sentence < 0) return;
    const Span sp = doc_.sentences[fd->sentence];
    int b = fd->first, e = fd->last;
    while (b > 0 && toks_[b - 1].span.begin >= sp.begin) --b;
    while (e + 1 < static_cast<int>(doc_.tokens.size()) && toks_[e + 1].span.end <= sp.end) ++e;
    int div = 0, cty = 0;
    for (int k = b; k <= e; ++k) {
      if ((k >= fd->first && k <= fd->last) || !IsWord(k)) continue;
      uint32_t fl = Flags(k);
      if (!(fl & (kDivisionCue | kCountryCue)) && !f_.cue_words_.empty()) {
        std::string w(Tok(k));
        for (char& ch : w) ch = static_cast<char>(IsAsciiUpper(static_cast<unsigned char>(ch)) ? ch + 32 : ch);
        auto it = f_.cue_words_.find(w);
        if (it != f_.cue_words_.end()) fl |= it->second;
      }
      if (fl & kDivisionCue) ++div;
      if (fl & kCountryCue) ++cty;
      if (!(fl & (kDivisionCue | kCountryCue)) && IsCap(k)) {
        const std::string key = NameKey(Tok(k));
        if (key == fd->key) continue;  // the name again
        if (auto code = gaz_.CountryOfDemonym(key)) {
          if (*code == country) ++cty;
          else if (*code == division) ++div;
        }
      }
    }
    fd->cue = static_cast<int8_t>(div > cty ? 1 : cty > div ? -1 : 0);
  }

  // Is [b, e) the whole name of an outlet or organisation an earlier layer
  // found ("SANA reported": the agency, not Sanaa)? Such a name gives no
  // context (else "SANA" made Yemen a context country, and a village of
  // the article went to Yemen). It is still resolved: the merge settles
  // the span ("toward Al Mayadin" is the town, not the channel). A place
  // inside a longer name still tells where ("Lamar County Sheriff's
  // Office").
  bool IsOrgName(uint32_t b, uint32_t e) const {
    const std::vector<Mention>& ms = doc_.mentions;
    auto it = std::upper_bound(ms.begin(), ms.end(), b,
                               [](uint32_t x, const Mention& m) { return x < m.span.begin; });
    // Mentions never overlap one another: only the last that starts at or
    // before b can hold [b, e).
    if (it == ms.begin()) return false;
    const Mention& m = it[-1];
    return m.span.begin == b && m.span.end == e && (m.kind == "outlet" || m.kind == "organization");
  }

  // "the Syrian American Medical Society (SAMS)": a word in capitals in
  // brackets right after a capitalised word abbreviates the name before it;
  // only a country keeps its reading ("the Democratic Republic of the
  // Congo (DRC)"), not a town that has it as an alternate name (Samsun).
  bool AbbreviationInParens(const Found& fd) const {
    if (fd.first != fd.last || fd.first < 2 || fd.last + 1 >= static_cast<int>(doc_.tokens.size()) ||
        !IsPunct(fd.first - 1, '(') || !IsPunct(fd.last + 1, ')') || !IsAllCaps(fd.first))
      return false;
    return IsCap(fd.first - 2) && !IsAllCaps(fd.first - 2);
  }

  void Resolve(std::vector<Mention>* out) {
    // Pass 1: no context; unambiguous winners give it.
    for (Found& fd : found_) {
      if (IsOrgName(fd.begin, fd.end)) fd.no_context = true;
      if (AbbreviationInParens(fd))
        std::erase_if(fd.cands, [](const Cand& c) { return c.feat != Feat::kCountry; });
      ReadCues(&fd);
      fd.pass1 = Best(&fd, false, &fd.pass1_margin);
    }
    ReadYByX();
    for (const Found& fd : found_) {
      if (fd.pass1 < 0 || fd.no_context) continue;
      const Cand& c = fd.cands[fd.pass1];
      if (c.quality == Quality::kSkeleton) continue;
      // Common words give context only as a province that a preposition
      // opens or that takes several words ("in New South Wales" makes
      // Orange and Bathurst Australian); a common-word town ("from
      // Orange") or country ("United States", which would make Geneva
      // Illinois's) gives none.
      if (fd.common && !(c.feat == Feat::kAdmin1 && (fd.prep || fd.last > fd.first))) continue;
      const PlaceEntry& e = *c.e;
      bool clear = fd.cands.size() == 1 || fd.pass1_margin >= 0.5;
      // A lone small town counts only by a spelling written as the
      // gazetteer has it: one reached by the key of an alternate spelling
      // needs a context country to survive pass 2, so it cannot give one
      // ("al-Mazare", a Syrian village missing from the gazetteer, is an
      // alternate name of a Spanish hamlet). Divisions and curated places
      // count ("Jackson, Miss.").
      if (!(c.big || (fd.cands.size() == 1 && (c.quality >= Quality::kExact ||
                                                c.feat != Feat::kCity || c.curated))))
        continue;
      if (!clear) {
        // The sense is open but the country may not be: "Raqqa" the city or
        // the province is Syria either way.
        bool one_country = !e.country.empty();
        for (const Cand& o : fd.cands)
          if (o.score >= c.score - 0.5 && o.e->country != e.country) one_country = false;
        if (one_country) {
          countries_[std::string(e.country)].Add(fd.key);
        }
        continue;
      }
      if (!e.country.empty()) countries_[std::string(e.country)].Add(fd.key);
      if (c.feat == Feat::kCountry && fd.sentence >= 0) named_countries_.emplace_back(fd.sentence, e.country);
      if (!e.admin1_code.empty())
        admin1s_[std::string(e.country) + "." + std::string(e.admin1_code)].Add(fd.key);
    }

    // Countries of the actors found by earlier layers ("a British
    // volunteer", "Syrian soldiers") are context too: "near Bath" after
    // "British" is the English town.
    // They only weigh between big candidates (Score); they never support a
    // weak or small candidate, which takes a place named in the text.
    for (const Mention& m : doc_.mentions)
      if (m.actor && !m.actor->country.empty()) actor_countries_.insert(m.actor->country);

    SplitContext();
    // Pass 2: with context; one sense per name.
    std::unordered_map<std::string, uint32_t> sense;
    int last_end = -1;
    // The Y of an "X, Y" pair whose X took Y's reading ("Springfield,
    // Ill."), and that reading's entry.
    int confirmed_y = -1;
    uint32_t confirmed_entry = 0;
    for (Found& fd : found_) {
      double margin = 0;
      SetContext(&fd);
      // Weak candidates need support: a skeleton match must be a big place
      // or a close spelling in a context country; a small place known only
      // by an alternate spelling ("She" for Scheer, "Since" for Sincé) must
      // be in a context country.
      std::erase_if(fd.cands, [&](const Cand& c) {
        if (c.quality == Quality::kSkeleton) {
          if (!c.big) return !(c.dist <= 1 && c.ctx);
          // A big place in a country the document does not otherwise name
          // ("Thardeh" is not Taranto in an article about Syria).
          return c.dist > 2 || (!c.ctx && fd.other_context);
        }
        if (c.big) return false;
        if (c.quality <= Quality::kExact) return !c.ctx;
        return false;
      });
      if (fd.cands.empty()) continue;
      fd.best = Best(&fd, true, &margin);
      if (fd.best < 0) continue;
      Cand* win = &fd.cands[fd.best];
      // (A sentence cue is its own context too: "Georgia's president" after
      // "Georgia lawmakers" in one article.)
      bool own_context = fd.hints != 0 || fd.comma_next >= 0 || fd.has_direction || fd.cue != 0;
      std::string rule = std::string(win->quality == Quality::kSkeleton ? "skeleton" : "key");
      auto si = sense.find(fd.key);
      if (si != sense.end() && !own_context && si->second != win->entry) {
        for (size_t k = 0; k < fd.cands.size(); ++k) {
          if (fd.cands[k].entry == si->second) {
            fd.best = static_cast<int>(k);
            win = &fd.cands[k];
            rule += "+one_sense";
            margin = 1.0;
            break;
          }
        }
      }
      Score(fd, win, doc_.explain);  // the winner's reasons
      const PlaceEntry& e = *win->e;
      const bool y_of_xy = &fd - found_.data() == confirmed_y && win->entry == confirmed_entry;
      const bool curated_area = win->curated && (e.feature == "region" || e.feature == "water" ||
                                                 e.feature == "landform");
      // A district named after a region of several countries is not the
      // region ("the Sahel district" of Zabadani).
      if (curated_area && e.country.empty() && (fd.hints & kAdmin2After)) continue;
      // "Nile Street", "Baghdad Street", "Syria Avenue": a street named
      // after a country, province, river, region or big city is not it;
      // the quarter or village a street is named for is ("al-Kallasa
      // Street" is in al-Kallasa).
      if ((fd.hints & kStreetAfter) &&
          (win->feat == Feat::kCountry || win->feat == Feat::kAdmin1 ||
           win->feat == Feat::kAdmin2 || e.feature == "water" || e.feature == "region" ||
           e.feature == "landform" || (win->feat == Feat::kCity && win->big && !win->curated)))
        continue;
      // Common words need a preposition or hint word and a supported
      // candidate; countries ("Turkey", "China") are exempt.
      if (fd.common && e.feature != "country") {
        bool xy = fd.comma_next >= 0 && (win->reasons & kCommaXY);
        // (A curated region or sea after "in the", "to the": "the Middle
        // East", "the Levant".)
        bool ok = (fd.prep && (xy || win->ctx || win->big)) ||
                  (fd.the_prep && curated_area) || y_of_xy;
        // Several capitalised common words that together name a curated
        // region, sea or range, or a big city, are that name wherever they
        // stand ("The Middle East has", "Great Lakes states", "Cape Town
        // flooded"); a heading capitalises every word, so not there.
        if (!ok && (curated_area || (win->big && e.feature == "city")) && fd.last > fd.first &&
            !fd.headline) {
          ok = true;
          for (int k = fd.first; k <= fd.last && ok; ++k)
            if (IsWord(k) && !IsArticle(k) && !IsConnector(Tok(k)) && !IsTitleCase(k)) ok = false;
        }
        // A big city of a country the document is about needs no
        // preposition ("reached Latakia", a word for a tobacco too), unless
        // it opens the sentence or stands in a title-case heading, where
        // every word is capitalised ("Illegitimacy of Kurdish Independence").
        if (!ok && win->big && win->ctx && fd.sentence >= 0 && !fd.headline &&
            fd.begin > doc_.sentences[fd.sentence].begin)
          ok = true;
        if (!ok) continue;
        rule += "+common_word_supported";
      }
      // A big place is kept on a low score, unless it is a weak foreign
      // reading (kForeignWeak) or a province or district reached by its
      // skeleton in a country neither the places nor the actors of the
      // text support ("al-Jafra" in a text without context is no Libyan
      // district; "Deir Ezour" after "the Syrian army" is Deir ez-Zor).
      const bool lone_skeleton = win->quality == Quality::kSkeleton && !win->ctx &&
                                 win->feat != Feat::kCity &&
                                 !actor_countries_.count(std::string(e.country));
      if ((!win->big || (win->reasons & kForeignWeak) || lone_skeleton) &&
          win->score < kMinScore &&
          !(si != sense.end() && si->second == win->entry))
        continue;
      if (win->reasons & kCtxCountry) rule += "+ctx_country";
      if (fd.hints & (kAdmin1After | kAdmin2After)) rule += "+division_word";
      if (fd.hints & kCityAfter) rule += "+city_word";
      if (fd.comma_next >= 0 && (win->reasons & kCommaXY)) {
        rule += "+x_comma_y";
        const Found& y = found_[fd.comma_next];
        confirmed_y = fd.comma_next;
        confirmed_entry = y.cands[y.pass1].entry;
      }
      if (fd.hashtag) rule += "+hashtag";
      if (si == sense.end()) sense.emplace(fd.key, win->entry);

      Mention m;
      m.kind = "place";
      m.span = Span{fd.begin, fd.end};
      // An abbreviation's period is part of it ("Ill.", "Calif."; "Kan."
      // also when a spelling without the period reached it).
      if (y_of_xy && fd.end < text_.size() && text_[fd.end] == '.' &&
          ((win->spelling.size() > 1 && win->spelling.back() == '.') ||
           (win->feat == Feat::kAdmin1 && fd.end - fd.begin <= 4 && fd.end - fd.begin < e.name.size())))
        ++m.span.end;
      m.sentence = fd.sentence;
      m.ref = std::string(e.ref);
      m.name = std::string(e.name);
      GeoValue g;
      g.lat = e.lat;
      g.lon = e.lon;
      g.country = std::string(e.country);
      g.admin1 = e.feature == "admin1" ? std::string(e.name) : std::string(e.admin1);
      g.feature = std::string(e.feature);
      g.precision = PrecisionOf(e.feature);
      if (fd.has_direction && (e.feature == "country" || e.feature == "admin1")) {
        m.span.begin = fd.direction_begin;
        g.feature = "region";
        g.precision = "region";
        rule += "+direction";
      }
      if (static_cast<int>(m.span.begin) < last_end) continue;  // never overlap
      last_end = static_cast<int>(m.span.end);
      m.geo = std::move(g);
      m.rule = "places:" + rule;
      double conf = 1.0 - 0.5 * std::exp(-std::min(margin, 10.0) / 1.5);
      if (win->quality == Quality::kSkeleton) conf *= 0.85;
      m.confidence = std::clamp(conf, 0.05, 0.99);
      if (doc_.explain) Evidence(fd, &m.evidence);  // only dossier explain shows it
      out->push_back(std::move(m));
    }
  }

  // The reasons slot of candidate c (an element of fd.cands).
  static std::string& WhyOf(const Found& fd, const Cand* c) {
    if (fd.why.size() < fd.cands.size()) fd.why.resize(fd.cands.size());
    return fd.why[static_cast<size_t>(c - fd.cands.data())];
  }

  void Evidence(Found& fd, std::vector<std::string>* ev) {
    std::vector<int> order(fd.cands.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      if (a == fd.best) return b != fd.best;
      if (b == fd.best) return false;
      return fd.cands[a].score > fd.cands[b].score;
    });
    for (size_t k = 0; k < order.size() && k < kMaxEvidence; ++k) {
      Cand& c = fd.cands[order[k]];
      if (WhyOf(fd, &c).empty()) Score(fd, &c, /*explain=*/true);
      const PlaceEntry& e = *c.e;
      char num[64];
      std::snprintf(num, sizeof num, " pop=%llu score=%.1f",
                    static_cast<unsigned long long>(e.population), c.score);
      std::string line = std::string(e.ref) + " " + std::string(e.name) + " " +
                         std::string(e.country.empty() ? "-" : e.country) + " " +
                         std::string(e.feature) + num + " [" + WhyOf(fd, &c) + ", spelling \"" +
                         std::string(c.spelling) + "\"]";
      ev->push_back(std::move(line));
    }
    if (order.size() > kMaxEvidence)
      ev->push_back("+" + std::to_string(order.size() - kMaxEvidence) + " more candidates");
  }

  // The per-token flag memo of this thread, reused across documents.
  static std::vector<uint32_t>& Memo() {
    thread_local std::vector<uint32_t> memo;
    return memo;
  }
  static std::vector<uint8_t>& CommonMemo() {
    thread_local std::vector<uint8_t> memo;
    return memo;
  }
  // found_'s storage, kept across documents: growing it anew for each one
  // moved every Found (strings and vectors) a few times.
  static std::vector<Found>& FoundBuffer() {
    thread_local std::vector<Found> found;
    return found;
  }

  const PlaceFinder& f_;
  const Gazetteer& gaz_;
  const Document& doc_;
  const std::string& text_;
  // doc_.tokens and text_ as plain pointers: the token helpers run for
  // most tokens, and each reference costs them another load.
  const Token* const toks_;
  const char* const tx_;
  std::vector<uint32_t>& memo_;
  uint32_t* memo_data_ = nullptr;  // memo_.data(), which stays put while this Run works
  std::deque<PlaceEntry> own_places_;  // Cand::e of candidates not cached (hashtags)
  std::vector<uint8_t>& common_;
  int headline_ = -1;  // Headline() of the current sentence; -1 unknown
  const int max_words_ = std::clamp(gaz_.max_tokens(), 1, kMaxWords);  // of an n-gram
  int last_place_tok_ = -1;
  std::vector<NameHit> hits_;
  std::vector<Found>& found_;  // FoundBuffer()
  std::map<std::string, Support, std::less<>> countries_, admin1s_;
  // (sentence, country) of each country named clearly (pass 1).
  std::vector<std::pair<int, std::string_view>> named_countries_;
  // "X in Y": is fd followed, across a few lower-case words that hold
  // "in" ("Milis in Idlib", "Harfa village in Quneitra"), by a province,
  // district or town Y of a country that two names of the document or
  // more give as context? Returns that country, else "".
  std::string_view InArea(const Found& fd) const {
    const size_t at = static_cast<size_t>(&fd - found_.data());
    if (at + 1 >= found_.size()) return {};
    const Found& y = found_[at + 1];
    if (y.sentence != fd.sentence || y.pass1 < 0 || y.begin < fd.end || y.begin - fd.end > 40)
      return {};
    const Cand& yc = y.cands[y.pass1];
    if (yc.feat == Feat::kCountry || yc.e->country.empty()) return {};
    std::string_view gap = std::string_view(text_).substr(fd.end, y.begin - fd.end);
    bool in = false;
    int words = 0;
    for (size_t i = 0; i < gap.size();) {
      if (gap[i] == ' ') { ++i; continue; }
      size_t j = i;
      while (j < gap.size() && IsAsciiLower(static_cast<unsigned char>(gap[j]))) ++j;
      if (j == i || (j < gap.size() && gap[j] != ' ')) return {};
      in = in || gap.substr(i, j - i) == "in";
      if (++words > 4) return {};
      i = j;
    }
    if (!in) return {};
    const int bit = CodeBit(yc.e->country);
    const bool shared = bit >= 0 ? (ctx_shared_.bits[bit >> 6] >> (bit & 63)) & 1
                                 : std::find(ctx_shared_.other_codes.begin(),
                                             ctx_shared_.other_codes.end(),
                                             yc.e->country) != ctx_shared_.other_codes.end();
    return shared ? yc.e->country : std::string_view();
  }
  // The lookup cache of this thread, kept across documents (articles share
  // most capitalised words): n-gram text -> Looked. A flat open-addressing
  // index (power-of-two size, linear probing) over a deque of entries, whose
  // references stay valid while entries are added. It belongs to one
  // PlaceFinder at a time: ids are never reused, so another finder (another
  // gazetteer) starts afresh.
  struct LookupCache {
    struct Entry {
      uint64_t hash;
      std::string name;
      Looked looked;
    };
    struct Slot {
      uint64_t hash = 0;
      Entry* entry = nullptr;  // into entries; nullptr = empty
    };
    uint64_t owner = 0;
    std::vector<Slot> slots;
    std::deque<Entry> entries;
    std::deque<PlaceEntry> places;  // what the entries' Cand::e point to

    void Clear() {
      entries.clear();
      places.clear();
      slots.assign(1024, Slot{});
    }
    void Prefetch(uint64_t h) const { __builtin_prefetch(&slots[h & (slots.size() - 1)]); }
    const Looked* Find(uint64_t h, std::string_view name) const {
      const size_t mask = slots.size() - 1;
      for (size_t i = h & mask;; i = (i + 1) & mask) {
        const Slot& sl = slots[i];
        if (sl.entry == nullptr) return nullptr;
        // By hand: std::string == string_view is an out-of-line compare.
        if (sl.hash == h && sl.entry->name.size() == name.size() &&
            BytesEqual(sl.entry->name.data(), name.data(), name.size()))
          return &sl.entry->looked;
      }
    }
    const Looked& Add(uint64_t h, std::string_view name, Looked l) {
      if ((entries.size() + 1) * 2 > slots.size()) {  // load <= 1/2
        std::vector<Slot> bigger(slots.size() * 2);
        const size_t mask = bigger.size() - 1;
        for (const Slot& sl : slots) {
          if (sl.entry == nullptr) continue;
          size_t i = sl.hash & mask;
          while (bigger[i].entry != nullptr) i = (i + 1) & mask;
          bigger[i] = sl;
        }
        slots.swap(bigger);
      }
      entries.push_back(Entry{h, std::string(name), std::move(l)});
      const size_t mask = slots.size() - 1;
      size_t i = h & mask;
      while (slots[i].entry != nullptr) i = (i + 1) & mask;
      slots[i] = Slot{h, &entries.back()};
      return entries.back().looked;
    }
  };
  // Emptied only between documents (at kMaxCacheEntries, in the
  // constructor), never while the candidates of a document point into it.
  LookupCache& Cache() {
    thread_local LookupCache t;
    if (t.owner != f_.id_ || t.slots.empty()) {
      t.Clear();
      t.owner = f_.id_;
    }
    return t;
  }
  // Cache(), asked once per document: the owner and the table cannot
  // change while this Run works on this thread.
  LookupCache& cache_ = Cache();
};

void PlaceFinder::Annotate(const Document& doc, std::vector<Mention>* out) const {
  if (doc.tokens.empty() || doc.sentences.empty()) return;
  Run run(*this, doc);
  run.Go(out);
}

}  // namespace dossier
