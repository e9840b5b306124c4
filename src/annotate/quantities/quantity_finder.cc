// QuantityFinder: tables (Data), the per-sentence tokenizer and the rules
// (Scanner). The contract is in quantity_finder.h; the words are in
// data/quantity_*.tsv.
#include "annotate/quantities/quantity_finder.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "annotate/quantities/letter_bits.h"
#include "core/byte_scan.h"
#include "dossier/utf8.h"
#include "lexicon/name_key.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier {
namespace {

constexpr size_t kMaxWordBytes = 40;  // < 64: the shape filter is one word

inline char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
inline bool IsDigitByte(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlphaByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool IsUpperByte(char c) { return c >= 'A' && c <= 'Z'; }

// A bit per byte of a 64-byte window of the text, set for the ASCII
// letters: the tokenizer finds where a word ends with a shift and a count
// of trailing zeros, and classifies the bytes once per 64 (SSE2) instead of
// taking a turn of a loop, and a mispredicted exit, per letter.
class LetterWindow {
 public:
  // p[0..size) is the text.
  LetterWindow(const char* p, size_t size) : p_(p), size_(size) {}

  // The end of the run of letters that goes on at p[j] (j itself may be
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
          while (j < e && IsAlphaByte(p_[j])) ++j;
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
    uint64_t letters = 0;
#if defined(__SSE2__)
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + base + 16 * k));
      const __m128i letter = AsciiLetters16(v);
      letters |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(letter))} << (16 * k);
    }
#else
    for (size_t k = 0; k < 64; ++k) letters |= uint64_t{IsAlphaByte(p_[base + k])} << k;
#endif
    other_ = ~letters;
  }

  const char* p_;
  size_t size_;
  size_t base_ = SIZE_MAX / 2;  // no window yet
  uint64_t other_ = 0;          // bit k: p_[base_ + k] is no letter
};

// Byte classes for the tokenizer and the sentence filter.
enum : uint8_t {
  kCAlpha = 1,    // A-Z a-z
  kCDigit = 2,    // 0-9
  kCSpace = 4,    // space, \t..\r
  kCNewline = 8,  // \n \r
  kCSymbol = 16,  // $ + < = > ^ ` | ~ (other ASCII marks are punctuation)
  kCWordGoesOn = 32,  // after the letters of a word, a byte that may go on
                      // with it: a digit, an apostrophe, a non-ASCII byte
};
constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = kCAlpha;
  for (int c = '0'; c <= '9'; ++c) t[c] = kCDigit;
  for (int c = '\t'; c <= '\r'; ++c) t[c] = kCSpace;
  t[' '] = kCSpace;
  t['\n'] |= kCNewline;
  t['\r'] |= kCNewline;
  for (unsigned char c : std::string_view("$+<=>^`|~")) t[c] = kCSymbol;
  for (int c = '0'; c <= '9'; ++c) t[c] |= kCWordGoesOn;
  t['\''] |= kCWordGoesOn;
  for (int c = 0x80; c < 256; ++c) t[c] |= kCWordGoesOn;
  return t;
}();

// The word hash works on 8-byte little-endian chunks of the ASCII-lowered
// bytes (the last chunk zero-padded), so a word of ASCII letters can be
// hashed from one or two unaligned loads (HashAlpha) with the same result as
// the byte-wise HashLower.
constexpr uint64_t kHashSeed = 0x9E3779B97F4A7C15ull;
constexpr uint64_t kHashMul = 0xC2B2AE3D27D4EB4Full;
constexpr uint64_t kLowerBits = 0x2020202020202020ull;

inline uint64_t HashStep(uint64_t h, uint64_t chunk) {
  return (h ^ chunk) * kHashMul;
}
inline uint64_t HashFinish(uint64_t h) {
  h ^= h >> 32;
  h *= kHashSeed;
  h ^= h >> 29;
  return h;
}
inline uint64_t Load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big)
    v = __builtin_bswap64(v);
  return v;
}
inline uint64_t LowMask(size_t bytes) {  // bytes 1..8
  return bytes >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * bytes)) - 1;
}

inline uint64_t HashLower(std::string_view s) {
  uint64_t h = s.size() * kHashSeed;
  for (size_t i = 0; i < s.size(); i += 8) {
    uint64_t chunk = 0;
    for (size_t k = 0; k < 8 && i + k < s.size(); ++k)
      chunk |= uint64_t{static_cast<unsigned char>(LowerAscii(s[i + k]))}
               << (8 * k);
    h = HashStep(h, chunk);
  }
  return HashFinish(h);
}

// HashLower of the `len` (1..16) ASCII letters at p, where p[0..15] may be
// read: for letters, OR 0x20 is the lowering.
inline uint64_t HashAlpha(const char* p, size_t len) {
  uint64_t h = len * kHashSeed;
  h = HashStep(h, (Load8(p) | kLowerBits) & LowMask(len));
  if (len > 8) h = HashStep(h, (Load8(p + 8) | kLowerBits) & LowMask(len - 8));
  return HashFinish(h);
}

// Lower-case words -> dense ids, open addressing. Find() folds ASCII case.
class Vocab {
 public:
  Vocab() : slots_(64, -1), mask_(63) {}

  int Find(std::string_view s) const {
    if (s.empty() || s.size() > kMaxWordBytes) return -1;
    // Most words of a text are not in the tables: a (first byte, length)
    // filter answers them without hashing.
    if (!(shape_[static_cast<unsigned char>(LowerAscii(s[0]))] >> s.size() & 1))
      return -1;
    return Probe(s, HashLower(s));
  }

  // Find() for `len` ASCII letters at p (len >= 1), where p[0..15] may be
  // read when `wide` (the text goes on for 16 bytes).
  int FindAlpha(const char* p, size_t len, bool wide) const {
    if (len > kMaxWordBytes || !(shape_[static_cast<unsigned char>(p[0] | 0x20)] >> len & 1))
      return -1;
    // Most words that pass have no table word with their second letter.
    if (len > 1 && !(second_[static_cast<size_t>((p[0] | 0x20) - 'a') * (kMaxWordBytes + 1) + len] >>
                         ((p[1] | 0x20) - 'a') & 1))
      return -1;
    if (wide && len <= 16) {
      // The lowered chunks hash the word and compare it with a table word.
      const uint64_t c0 = (Load8(p) | kLowerBits) & LowMask(len);
      const uint64_t c1 = len > 8 ? (Load8(p + 8) | kLowerBits) & LowMask(len - 8) : 0;
      uint64_t h = HashStep(len * kHashSeed, c0);
      if (len > 8) h = HashStep(h, c1);
      h = HashFinish(h);
      for (uint64_t k = h & mask_;; k = (k + 1) & mask_) {
        const int32_t id = slots_[k];
        if (id < 0) return -1;
        if (hashes_[id] == h && keys_[id][0] == c0 && keys_[id][1] == c1 &&
            words_[id].size() == len)
          return id;
      }
    }
    return Probe(std::string_view(p, len), HashLower(std::string_view(p, len)));
  }

  // Id of `lower` (already lower case), added if new.
  int Add(std::string_view lower) {
    int id = Find(lower);
    if (id >= 0) return id;
    if ((words_.size() + 1) * 2 > slots_.size()) Grow();
    id = static_cast<int>(words_.size());
    words_.emplace_back(lower);
    hashes_.push_back(HashLower(lower));
    std::array<uint64_t, 2> key{};
    for (size_t i = 0; i < lower.size() && i < 16; ++i)
      key[i / 8] |= uint64_t{static_cast<unsigned char>(lower[i])} << (8 * (i % 8));
    keys_.push_back(key);
    shape_[static_cast<unsigned char>(lower[0])] |= uint64_t{1} << lower.size();
    if (lower.size() > 1 && IsAlphaByte(lower[0]) && IsAlphaByte(lower[1]) &&
        lower.size() <= kMaxWordBytes)
      second_[static_cast<size_t>((lower[0] | 0x20) - 'a') * (kMaxWordBytes + 1) + lower.size()] |=
          uint32_t{1} << ((lower[1] | 0x20) - 'a');
    Place(id);
    return id;
  }

  size_t size() const { return words_.size(); }
  const std::string& word(int id) const { return words_[id]; }

 private:
  int Probe(std::string_view s, uint64_t h) const {
    for (uint64_t k = h & mask_;; k = (k + 1) & mask_) {
      int32_t id = slots_[k];
      if (id < 0) return -1;
      if (hashes_[id] != h) continue;
      const std::string& w = words_[id];
      if (w.size() != s.size()) continue;
      size_t i = 0;
      while (i < s.size() && LowerAscii(s[i]) == w[i]) ++i;
      if (i == s.size()) return id;
    }
  }

  void Place(int id) {
    uint64_t k = hashes_[id] & mask_;
    while (slots_[k] >= 0) k = (k + 1) & mask_;
    slots_[k] = id;
  }
  void Grow() {
    slots_.assign(slots_.size() * 2, -1);
    mask_ = slots_.size() - 1;
    for (size_t i = 0; i < words_.size(); ++i) Place(static_cast<int>(i));
  }

  std::vector<std::string> words_;
  std::vector<uint64_t> hashes_;
  // The first 16 bytes of each word, zero-padded, as two little-endian
  // chunks (FindAlpha compares them in two loads).
  std::vector<std::array<uint64_t, 2>> keys_;
  std::vector<int32_t> slots_;
  uint64_t mask_;
  std::array<uint64_t, 256>
      shape_{};  // bit len set if a word (first byte, len) exists
  // Per (first letter, len), a bit per second letter of the words made of
  // letters there ('a' = bit 0).
  std::array<uint32_t, 26 * (kMaxWordBytes + 1)> second_{};
};

// A set of phrases (sequences of vocab ids) with an index by first and by
// last word, longest phrase first.
struct PhraseSet {
  std::vector<std::vector<int>> words;
  std::vector<std::string> text;  // as written in the data, for evidence
  std::vector<std::vector<int>> by_first, by_last;
  // Per word id, the tags (a bit per kind of phrase, TagOf) of the phrases
  // that start (end) with it, ORed: a match that wants none of them is over
  // before a phrase is compared ("of" ends some qualifiers, none that opens
  // a range).
  std::vector<uint32_t> first_tags, last_tags;

  int Add(std::vector<int> ids, std::string written) {
    words.push_back(std::move(ids));
    text.push_back(std::move(written));
    return static_cast<int>(words.size()) - 1;
  }
  // tag_of(p): the tag of phrase p.
  template <typename TagOfPhrase>
  void Index(size_t vocab_size, TagOfPhrase tag_of) {
    by_first.assign(vocab_size, {});
    by_last.assign(vocab_size, {});
    first_tags.assign(vocab_size, 0);
    last_tags.assign(vocab_size, 0);
    for (size_t p = 0; p < words.size(); ++p) {
      by_first[words[p].front()].push_back(static_cast<int>(p));
      by_last[words[p].back()].push_back(static_cast<int>(p));
      first_tags[words[p].front()] |= tag_of(p);
      last_tags[words[p].back()] |= tag_of(p);
    }
    auto longer = [this](int a, int b) {
      return words[a].size() > words[b].size();
    };
    for (auto& v : by_first) std::stable_sort(v.begin(), v.end(), longer);
    for (auto& v : by_last) std::stable_sort(v.begin(), v.end(), longer);
  }
};

struct NumberWord {
  int number = -1;  // 0..90 for cardinal words
  double mult = 0;  // multiplier words
  bool article = false;
  double fraction = 0;
  double suffix = 0;  // letter suffix on a figure
};

struct Vague {
  double value = 0, low = 0, high = 0;
};

enum class QualPos : uint8_t { kBefore, kAfter, kOpen, kJoin };
struct Qualifier {
  std::string qualifier;  // at_least|at_most|about|range
  QualPos pos = QualPos::kBefore;
  std::string partner;  // for kOpen: the join word it needs
  int partner_id = -1;  // its vocab id
};

enum class UnitKind : uint8_t { kMeasure, kCurrency, kCount };
struct Unit {
  std::string unit;
  UnitKind kind = UnitKind::kCount;
  std::string role;
};

enum class CtxKind : uint8_t { kRole, kLink, kStop, kLabel, kTime };
struct Context {
  CtxKind kind = CtxKind::kStop;
  std::string role;
  bool before = false, after = false;
};

// The tag of a phrase (PhraseSet::first_tags): a bit for its position or
// kind in its table, and for a role word, a bit per side it reads.
constexpr uint32_t kAnyTag = ~0u;
constexpr uint32_t kTagRoleBefore = 1u << 8, kTagRoleAfter = 1u << 9;
constexpr uint32_t TagOf(QualPos p) { return 1u << static_cast<int>(p); }
constexpr uint32_t TagOf(UnitKind k) { return 1u << static_cast<int>(k); }
constexpr uint32_t TagOf(CtxKind k) { return 1u << static_cast<int>(k); }
constexpr uint32_t TagOf(const Context& x) {
  return TagOf(x.kind) | (x.kind == CtxKind::kRole && x.before ? kTagRoleBefore : 0) |
         (x.kind == CtxKind::kRole && x.after ? kTagRoleAfter : 0);
}

// Per-word flags.
enum : uint8_t {
  kTrigger = 1,     // may start a number: number word, article, fraction, vague
  kNpStop = 2,      // ends the noun phrase after a count
  kNumberWord = 4,  // a cardinal or multiplier word
  kNeeded = 8,      // a sentence without a figure has a count only if it
                    // has one of these words (see Scanner::Worth)
  kLoneArticle = 16,  // an article ("a", "an") that starts a number only
                      // before a kNeeded word: a multiplier ("a hundred") or
                      // the last word of a two-word vague phrase ("a few")
};

// (first letter, second letter or none, length) of a set of words made of
// ASCII letters: answers "not one of them" for most words without hashing.
struct ShapeSet {
  std::array<uint64_t, 26 * 27> bits{};
  // A bit per length of the words with each first byte (either case): one
  // load rejects most words ("the" still needs the second letter).
  std::array<uint64_t, 256> first_len{};
  // p[0..len) are ASCII letters (which '| 0x20' lowers), 1 <= len <=
  // kMaxWordBytes.
  static size_t Key(const char* p, size_t len) {
    return static_cast<size_t>((p[0] | 0x20) - 'a') * 27 +
           (len == 1 ? 26 : static_cast<size_t>((p[1] | 0x20) - 'a'));
  }
  void Add(std::string_view w) {
    bits[Key(w.data(), w.size())] |= uint64_t{1} << w.size();
    const unsigned char c = static_cast<unsigned char>(w[0]) | 0x20;
    first_len[c] |= uint64_t{1} << w.size();
    first_len[c & ~0x20u] |= uint64_t{1} << w.size();
  }
  bool MayHave(const char* p, size_t len) const {
    return len <= kMaxWordBytes &&
           (first_len[static_cast<unsigned char>(p[0])] >> len & 1) &&
           (bits[Key(p, len)] >> len & 1);
  }
};

inline bool AllAlpha(std::string_view w) {
  return !w.empty() && w.size() <= kMaxWordBytes &&
         std::all_of(w.begin(), w.end(), [](char x) { return IsAlphaByte(x); });
}

constexpr int16_t kLazyId = -2;  // Tok::id not looked up yet

enum class TK : uint8_t { kWord, kNumber, kPunct, kSymbol };
struct Tok {
  uint32_t b = 0, e = 0;
  // Vocab id (-1: none), looked up on first use (Scanner::Id): most tokens
  // are never asked. 16 bits (the tables have some hundreds of words; the
  // constructor checks): a Tok of 16 bytes is indexed with a shift.
  mutable int16_t id = -1;
  TK kind = TK::kWord;
  bool pure = false;        // ASCII letters only
  bool glued = false;       // no gap before it
  bool nb_gap = false;      // the gap before it is only no-break/thin spaces
  bool line_start = false;  // first in the sentence or after a newline
  bool fraction = false;    // a vulgar fraction or superscript digit
};
static_assert(sizeof(Tok) == 16);
// Scanner::Tokenize writes a Tok as two 8-byte words: (b, e) and (id,
// kind, pure, then the gap bytes glued, nb_gap, line_start, fraction).
static_assert(offsetof(Tok, id) == 8 && offsetof(Tok, kind) == 10 && offsetof(Tok, pure) == 11 &&
              offsetof(Tok, glued) == 12 && offsetof(Tok, nb_gap) == 13 &&
              offsetof(Tok, line_start) == 14 && offsetof(Tok, fraction) == 15);
static_assert(std::endian::native == std::endian::little, "Tokenize packs Tok words little-endian");

bool ParseDouble(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

// Splits a data phrase into its tokens: words, figures and single
// punctuation/symbol characters, the way the scanner tokenizes text.
std::vector<std::string> PhraseTokens(std::string_view phrase) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < phrase.size()) {
    char c = phrase[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    size_t j = i;
    if (IsAlphaByte(c) || IsDigitByte(c)) {
      while (j < phrase.size() && (IsAlphaByte(phrase[j]) ||
                                   IsDigitByte(phrase[j]) || phrase[j] == '\''))
        ++j;
    } else {
      j = i + utf8::SeqLen(static_cast<unsigned char>(c));
      if (j > phrase.size()) j = phrase.size();
    }
    out.push_back(Lower(phrase.substr(i, j - i)));
    i = j;
  }
  return out;
}

std::string FormatNumber(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

struct QuantityFinder::Data {
  Vocab vocab;
  std::vector<NumberWord> number_words;  // by vocab id
  std::vector<uint8_t> flags;            // by vocab id
  PhraseSet vague_set, qual_set, unit_set, ctx_set;
  std::vector<Vague> vague;
  std::vector<Qualifier> quals;
  std::vector<Unit> units;
  std::vector<Context> ctx;
  // Time words (lower case, matched on the raw text), by their first byte:
  // a number is followed by at most a few candidates.
  std::array<std::vector<std::string>, 256> time_words;
  std::vector<std::string> problems;
  // Ids of grammar words the rules name.
  int id_of = -1, id_and = -1, id_one = -1, id_according = -1,
      id_including = -1;
  std::vector<int> after_of;  // the, their, its, those, these
  // Prepositions that open a short phrase after a role noun: "the death
  // toll from the bombing rose to 27", "the toll in Aleppo reached 40".
  std::vector<int> noun_preps;
  // Link words that are not a verb's: crossing only these ("in the two
  // sides") is not crossing a verb.
  std::vector<int> determiners;
  // The verbs after which a conjoined subject ends: "two officers and a
  // bystander were shot dead".
  std::vector<int> auxiliaries;
  std::vector<int> not_one;   // the, no, any, each, every, this, that, which
  // Month names of date_words, sorted: English ones (written with a
  // capital: "15 may have died" is no date) and the others.
  std::vector<int> months_en, months_foreign;
  // The sentence pre-filter (Scanner::Worth): shapes of the kNeeded words,
  // and whether they are all plain ASCII letters (else the filter cannot see
  // them the way the tokenizer does and is off).
  ShapeSet needed_shape;
  bool filter_ok = true;
  // Shapes of the kTrigger words made of ASCII letters (a token with other
  // bytes is always looked up).
  ShapeSet trigger_shape;
  // The vocab id of each one-byte token ("," "(" "a"), the most looked up.
  std::array<int32_t, 256> single{};

  NumberWord& Num(int id) {
    if (number_words.size() <= static_cast<size_t>(id))
      number_words.resize(id + 1);
    return number_words[id];
  }
  const NumberWord* NumOf(int id) const {
    if (id < 0 || static_cast<size_t>(id) >= number_words.size())
      return nullptr;
    return &number_words[id];
  }
  uint8_t Flags(int id) const {
    return id < 0 || static_cast<size_t>(id) >= flags.size() ? 0 : flags[id];
  }
  std::vector<int> Ids(std::string_view phrase) {
    std::vector<int> ids;
    for (const std::string& w : PhraseTokens(phrase))
      ids.push_back(vocab.Add(w));
    return ids;
  }
};

QuantityFinder::~QuantityFinder() = default;

QuantityFinder::QuantityFinder(const Lexicon& lexicon) {
  auto d = std::make_unique<Data>();
  auto problem = [&](std::string_view table, std::string_view phrase,
                     std::string_view why) {
    d->problems.push_back(std::string(table) + ": " + std::string(phrase) +
                          ": " + std::string(why));
  };
  auto columns = [&](const Table& t, std::initializer_list<const char*> names,
                     std::vector<int>* idx) {
    idx->clear();
    for (const char* n : names) {
      int c = t.Column(n);
      if (c < 0) {
        if (!t.rows.empty())
          problem(t.name, "header", std::string("needs column ") + n);
        return false;
      }
      idx->push_back(c);
    }
    return true;
  };
  std::vector<int> c;

  // quantity_words: phrase kind value low high
  const Table& words = lexicon.table("quantity_words");
  if (columns(words, {"phrase", "kind", "value", "low", "high"}, &c)) {
    for (const auto& row : words.rows) {
      const std::string& phrase = row[c[0]];
      const std::string& kind = row[c[1]];
      double value = 0;
      if (phrase.empty()) continue;
      if (!ParseDouble(row[c[2]], &value)) {
        problem("quantity_words", phrase,
                "unreadable value '" + row[c[2]] + "'");
        continue;
      }
      std::vector<int> ids = d->Ids(phrase);
      if (kind == "vague") {
        Vague v;
        v.value = value;
        if (!ParseDouble(row[c[3]], &v.low) ||
            !ParseDouble(row[c[4]], &v.high)) {
          problem("quantity_words", phrase, "a vague word needs low and high");
          continue;
        }
        d->vague_set.Add(ids, phrase);
        d->vague.push_back(v);
        continue;
      }
      if (ids.size() != 1) {
        problem("quantity_words", phrase,
                "only vague phrases may have several words");
        continue;
      }
      NumberWord& nw = d->Num(ids[0]);
      if (kind == "number") {
        if (value < 0 || value > 99 || value != std::floor(value)) {
          problem("quantity_words", phrase, "a number word is 0..99");
          continue;
        }
        nw.number = static_cast<int>(value);
      } else if (kind == "multiplier") {
        nw.mult = value;
      } else if (kind == "article") {
        nw.article = true;
      } else if (kind == "fraction") {
        nw.fraction = value;
      } else if (kind == "suffix") {
        nw.suffix = value;
      } else {
        problem("quantity_words", phrase, "unknown kind '" + kind + "'");
      }
    }
  }

  // quantity_qualifiers: phrase qualifier position note
  const Table& quals = lexicon.table("quantity_qualifiers");
  if (columns(quals, {"phrase", "qualifier", "position", "note"}, &c)) {
    for (const auto& row : quals.rows) {
      const std::string& phrase = row[c[0]];
      if (phrase.empty()) continue;
      Qualifier q;
      q.qualifier = row[c[1]];
      const std::string& pos = row[c[2]];
      if (pos == "before")
        q.pos = QualPos::kBefore;
      else if (pos == "after")
        q.pos = QualPos::kAfter;
      else if (pos == "open")
        q.pos = QualPos::kOpen;
      else if (pos == "join")
        q.pos = QualPos::kJoin;
      else {
        problem("quantity_qualifiers", phrase,
                "unknown position '" + pos + "'");
        continue;
      }
      bool range = q.qualifier == "range";
      if (range != (q.pos == QualPos::kOpen || q.pos == QualPos::kJoin) ||
          (!range && q.qualifier != "at_least" && q.qualifier != "at_most" &&
           q.qualifier != "about")) {
        problem("quantity_qualifiers", phrase,
                "qualifier and position do not fit");
        continue;
      }
      if (q.pos == QualPos::kOpen) {
        q.partner = Lower(row[c[3]]);
        if (q.partner.empty() || q.partner.find(' ') != std::string::npos) {
          problem("quantity_qualifiers", phrase,
                  "an opening range word names its join word in note");
          continue;
        }
        q.partner_id = d->vocab.Add(q.partner);
      }
      d->qual_set.Add(d->Ids(phrase), phrase);
      d->quals.push_back(std::move(q));
    }
  }

  // quantity_units: phrase unit kind role
  const Table& units = lexicon.table("quantity_units");
  if (columns(units, {"phrase", "unit", "kind", "role"}, &c)) {
    for (const auto& row : units.rows) {
      const std::string& phrase = row[c[0]];
      if (phrase.empty()) continue;
      Unit u;
      u.unit = row[c[1]];
      const std::string& kind = row[c[2]];
      if (kind == "measure")
        u.kind = UnitKind::kMeasure;
      else if (kind == "currency")
        u.kind = UnitKind::kCurrency;
      else if (kind == "count")
        u.kind = UnitKind::kCount;
      else {
        problem("quantity_units", phrase, "unknown kind '" + kind + "'");
        continue;
      }
      u.role = row[c[3]];
      if (u.unit.empty()) {
        problem("quantity_units", phrase, "no unit");
        continue;
      }
      d->unit_set.Add(d->Ids(phrase), phrase);
      d->units.push_back(std::move(u));
    }
  }

  // quantity_context: phrase kind meaning position
  const Table& ctx = lexicon.table("quantity_context");
  if (columns(ctx, {"phrase", "kind", "meaning", "position"}, &c)) {
    for (const auto& row : ctx.rows) {
      const std::string& phrase = row[c[0]];
      if (phrase.empty()) continue;
      const std::string& kind = row[c[1]];
      Context x;
      if (kind == "time") {
        std::string w = Lower(phrase);
        d->time_words[static_cast<unsigned char>(w[0])].push_back(std::move(w));
        continue;
      }
      if (kind == "role") {
        x.kind = CtxKind::kRole;
        x.role = row[c[2]];
        const std::string& pos = row[c[3]];
        x.before = pos == "before" || pos == "both";
        x.after = pos == "after" || pos == "both";
        if (x.role.empty() || (!x.before && !x.after)) {
          problem("quantity_context", phrase,
                  "a role needs meaning and position before|after|both");
          continue;
        }
      } else if (kind == "link") {
        x.kind = CtxKind::kLink;
      } else if (kind == "stop") {
        x.kind = CtxKind::kStop;
      } else if (kind == "label") {
        x.kind = CtxKind::kLabel;
      } else {
        problem("quantity_context", phrase, "unknown kind '" + kind + "'");
        continue;
      }
      d->ctx_set.Add(d->Ids(phrase), phrase);
      d->ctx.push_back(std::move(x));
    }
  }

  // date_words: the month names. A day beside one ("Aug. 28", "25 August")
  // is part of a date even where the dates layer left it, having no year to
  // give it (no published date to count from).
  const Table& dw = lexicon.table("date_words");
  if (dw.Column("word") >= 0 && dw.Column("kind") >= 0) {
    const int w = dw.Column("word"), k = dw.Column("kind");
    for (const auto& row : dw.rows) {
      if (static_cast<size_t>(std::max(w, k)) >= row.size() || row[w].empty()) continue;
      if (row[k] == "month" || row[k] == "month_abbr")
        d->months_en.push_back(d->vocab.Add(Lower(row[w])));
      else if (row[k] == "month_foreign")
        d->months_foreign.push_back(d->vocab.Add(Lower(row[w])));
    }
    std::sort(d->months_en.begin(), d->months_en.end());
    std::sort(d->months_foreign.begin(), d->months_foreign.end());
  }

  d->id_of = d->vocab.Add("of");
  d->id_and = d->vocab.Add("and");
  d->id_one = d->vocab.Add("one");
  d->id_according = d->vocab.Add("according");
  d->id_including = d->vocab.Add("including");
  for (const char* w : {"the", "their", "its", "those", "these"})
    d->after_of.push_back(d->vocab.Add(w));
  for (const char* w : {"from", "in", "on"}) d->noun_preps.push_back(d->vocab.Add(w));
  for (const char* w : {"the", "a", "an", "of", "their", "its", "those", "these"})
    d->determiners.push_back(d->vocab.Add(w));
  for (const char* w : {"were", "was", "are", "is", "have", "has", "had"})
    d->auxiliaries.push_back(d->vocab.Add(w));
  for (const char* w :
       {"the", "no", "any", "each", "every", "this", "that", "which"})
    d->not_one.push_back(d->vocab.Add(w));

  size_t n = d->vocab.size();
  d->number_words.resize(n);
  d->flags.assign(n, 0);
  for (size_t id = 0; id < n; ++id) {
    const NumberWord& nw = d->number_words[id];
    if (nw.number >= 0 || nw.mult > 0)
      d->flags[id] |= kTrigger | kNumberWord | kNpStop;
    if (nw.article || nw.fraction > 0) d->flags[id] |= kTrigger;
  }
  for (const auto& w : d->vague_set.words) d->flags[w.front()] |= kTrigger;
  // A count needs a figure (a digit), a cardinal or multiplier word, or a
  // whole vague phrase (so its last word): a sentence with none of these is
  // skipped before it is tokenized.
  for (size_t id = 0; id < n; ++id)
    if (d->flags[id] & kNumberWord) d->flags[id] |= kNeeded;
  for (const auto& w : d->vague_set.words) d->flags[w.back()] |= kNeeded;
  for (size_t id = 0; id < n; ++id) {
    if (!(d->flags[id] & kNeeded)) continue;
    const std::string& w = d->vocab.word(static_cast<int>(id));
    if (AllAlpha(w))
      d->needed_shape.Add(w);
    else
      d->filter_ok = false;
  }
  for (size_t id = 0; id < n; ++id) {
    const std::string& w = d->vocab.word(static_cast<int>(id));
    if ((d->flags[id] & kTrigger) && AllAlpha(w)) d->trigger_shape.Add(w);
  }
  for (size_t id = 0; id < n; ++id) {
    const NumberWord& nw = d->number_words[id];
    if (nw.article && nw.number < 0 && nw.mult == 0 && nw.fraction == 0 &&
        static_cast<int>(id) != d->id_and)
      d->flags[id] |= kLoneArticle;
  }
  for (const auto& w : d->vague_set.words)
    if (w.size() != 2) d->flags[w.front()] &= ~kLoneArticle;
  for (size_t p = 0; p < d->ctx.size(); ++p)
    if (d->ctx[p].kind != CtxKind::kRole)
      d->flags[d->ctx_set.words[p].front()] |= kNpStop;
  d->vague_set.Index(n, [](size_t) { return kAnyTag; });
  d->qual_set.Index(n, [&](size_t p) { return TagOf(d->quals[p].pos); });
  d->unit_set.Index(n, [&](size_t p) { return TagOf(d->units[p].kind); });
  d->ctx_set.Index(n, [&](size_t p) { return TagOf(d->ctx[p]); });
  for (int c = 0; c < 256; ++c) {
    const char byte = static_cast<char>(c);
    d->single[c] = d->vocab.Find(std::string_view(&byte, 1));
  }
  if (n > static_cast<size_t>(INT16_MAX)) {
    // A token keeps its word's id in 16 bits (Tok::id): tables this big are
    // not read, figures still are.
    auto bare = std::make_unique<Data>();
    bare->problems = std::move(d->problems);
    bare->problems.push_back("quantity tables: more than 32767 words: not read");
    // Ids no token has (an unknown word is -1).
    bare->id_of = bare->id_and = bare->id_one = bare->id_according = bare->id_including = -3;
    bare->single.fill(-1);
    d = std::move(bare);
  }
  data_ = std::move(d);
}

const std::vector<std::string>& QuantityFinder::problems() const {
  return data_->problems;
}
size_t QuantityFinder::word_count() const { return data_->vocab.size(); }

// ---------------------------------------------------------------------------
// Scanner: tokenizes one sentence and applies the rules at each number.

class QuantityFinder::Scanner {
 public:
  Scanner(const Data& d, std::string_view text, std::vector<Span> skip,
          bool explain)
      : d_(d),
        text_(text),
        skip_(std::move(skip)),
        explain_(explain),
        letters_(text.data(), text.size()) {
    t_.swap(TokBuffer());  // reuse this thread's token buffer
    std::sort(skip_.begin(), skip_.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    worth_date_ = scan_date_ = overlap_date_ = skip_.begin();
  }

  ~Scanner() { t_.swap(TokBuffer()); }

  void Sentence(Span s, int index, std::vector<Mention>* out);

 private:
  // A number read at a token: figures or words, before qualifiers and units.
  struct Core {
    size_t first = 0, end = 0;  // tokens [first, end)
    double value = 0, low = 0, high = 0;
    bool vague = false, words = false, multiplier = false, suffix = false;
    bool year_like = false, one_alone = false;
    double mult = 1;       // multiplier applied, for "2 to 3 million"
    int suffix_unit = -1;  // units index from "55km"
  };
  static std::vector<Tok>& TokBuffer() {
    thread_local std::vector<Tok> buffer;
    return buffer;
  }
  // A phrase matched in the tokens.
  struct Match {
    int phrase = -1;
    size_t begin = 0, end = 0;  // tokens [begin, end)
  };

  // False if sentence `s` cannot hold a count: no digit and none of the
  // kNeeded words. Exact: each word the tokenizer would make of letters only
  // is a maximal run of ASCII letters here, looked up the same way.
  bool Worth(Span s) const;
  void Tokenize(Span s);
  bool Overlaps(uint32_t b, uint32_t e) const;
  using DateIt = std::vector<Span>::const_iterator;
  // The first date that ends after byte b, stepping on from `from` (the
  // answer for an earlier byte: the sentences come in text order).
  DateIt DateFrom(DateIt from, uint32_t b) const {
    if (from != skip_.begin() && std::prev(from)->end > b)  // not in order: search
      return std::lower_bound(skip_.begin(), skip_.end(), b,
                              [](const Span& d, uint32_t v) { return d.end <= v; });
    while (from != skip_.end() && from->end <= b) ++from;
    return from;
  }
  bool IsPunct(size_t i, char c) const {
    return i < n_ && t_[i].kind != TK::kWord &&
           t_[i].kind != TK::kNumber && t_[i].e - t_[i].b == 1 &&
           text_[t_[i].b] == c;
  }
  // Token i is one of the grammar words `ids` (Data::after_of, ...).
  bool IdIn(size_t i, const std::vector<int>& ids) const {
    return std::find(ids.begin(), ids.end(), Id(i)) != ids.end();
  }
  bool IsDeterminer(size_t i) const { return IdIn(i, d_.determiners); }
  // Token i starts with an ASCII capital.
  bool Upper(size_t i) const { return IsUpperByte(text_[t_[i].b]); }
  // Token i is a month name (Data::months_en capitalised). date_words
  // writes the other languages' months without accents ("marz").
  bool IsMonth(size_t i) const {
    if (t_[i].kind != TK::kWord) return false;
    const auto has = [&](const std::vector<int>& ids, int id) {
      return id >= 0 && std::binary_search(ids.begin(), ids.end(), id);
    };
    if (Upper(i) && has(d_.months_en, Id(i))) return true;
    const int id = t_[i].pure ? Id(i) : d_.vocab.Find(FoldName(TokText(i)));
    return has(d_.months_foreign, id);
  }
  std::string_view TokText(size_t i) const {
    return text_.substr(t_[i].b, t_[i].e - t_[i].b);
  }
  // Vocab id of token i (-1 if none), looked up once. The rules ask about
  // the same tokens many times: the answer they mostly get is inline.
  [[gnu::always_inline]] int32_t Id(size_t i) const {
    const Tok& tk = t_[i];
    return tk.id == kLazyId ? LookUp(tk) : tk.id;
  }
  [[gnu::noinline]] int32_t LookUp(const Tok& tk) const {
    size_t len = tk.e - tk.b;
    tk.id = static_cast<int16_t>(
        len == 1 ? d_.single[static_cast<unsigned char>(text_[tk.b])]
        : len > kMaxWordBytes ? -1
        : tk.pure ? d_.vocab.FindAlpha(text_.data() + tk.b, len, tk.b + 16 <= text_.size())
                  : d_.vocab.Find(text_.substr(tk.b, len)));
    return tk.id;
  }
  // False if token i cannot be part of a figure read at the token before it
  // (ParseFigure): no group of three digits after a no-break space, no
  // multiplier or suffix word.
  bool MayExtendFigure(size_t i) const {
    if (i >= n_) return false;
    const Tok& tk = t_[i];
    if (tk.kind == TK::kNumber) return tk.nb_gap;
    if (tk.kind != TK::kWord) return false;
    const NumberWord* nw = d_.NumOf(Id(i));
    return nw && (nw->mult > 0 || nw->suffix > 0);
  }
  // True if the role verb [b, e) ("killed") ends in -ed and a figure, a
  // number word or a qualifier that is no preposition ("at least", not
  // "around") follows it: its object, so the count before is its subject's.
  // A headline list ("Three killed, two injured", "2 persons killed 13
  // injured") is no object: a role word within four words after it says so.
  bool Active(size_t b, size_t e) const {
    const std::string_view verb = TokText(e - 1);
    if (verb.size() < 3 || verb.substr(verb.size() - 2) != "ed") return false;
    for (size_t k = e + 1; k < n_ && k <= e + 4; ++k)
      if (MatchAt(d_.ctx_set, k, kTagRoleAfter, [&](int p) {
            return d_.ctx[p].kind == CtxKind::kRole && d_.ctx[p].after;
          }).phrase >= 0)
        return false;
    if (t_[e].kind == TK::kNumber) return true;
    if (IsDeterminer(e) || IdIn(e, d_.noun_preps)) return false;
    if (Trigger(e)) return true;
    const Match q = MatchAt(d_.qual_set, e, TagOf(QualPos::kBefore),
                            [&](int p) { return d_.quals[p].pos == QualPos::kBefore; });
    return q.phrase >= 0 && q.end - q.begin >= 2;
  }
  // True if token i, one of may_start_, starts a number (kTrigger).
  bool Trigger(size_t i) const {
    return t_[i].kind == TK::kNumber || (d_.Flags(Id(i)) & kTrigger);
  }

  // Longest phrase of `set` starting at token i whose payload passes `ok`;
  // only a phrase with one of `tags` (TagOf) can.
  template <typename Ok>
  Match MatchAt(const PhraseSet& set, size_t i, uint32_t tags, Ok ok) const;
  // Longest phrase of `set` ending at token `last` (inclusive), starting at
  // or after `floor`, whose payload passes `ok`; only a phrase with one of
  // `tags` can.
  template <typename Ok>
  Match MatchEnding(const PhraseSet& set, size_t last, size_t floor,
                    uint32_t tags, Ok ok) const;

  bool ParseCore(size_t i, Core* c) const;
  bool ParseFigure(size_t i, Core* c) const;
  bool ParseWords(size_t i, Core* c) const;
  bool CurrencyGluedBefore(size_t i) const;
  // True if the figure core at `c` is an identifier, time, label, list
  // marker or the like.
  bool NotACount(const Core& c) const;
  bool TimeAfter(size_t end_tok) const;

  // Tries a quantity whose number starts at token i; on success appends it
  // and returns the token after it in *next.
  bool TryAt(size_t i, int sentence, std::vector<Mention>* out, size_t* next);

  const Data& d_;
  std::string_view text_;
  std::vector<Span> skip_;
  // Where Worth and Sentence found the first date of the sentence before.
  mutable DateIt worth_date_;  // Worth is const
  DateIt scan_date_;
  // The first date that ends after the span Overlaps was last asked about.
  mutable DateIt overlap_date_;
  bool explain_;  // fill Mention::evidence
  mutable LetterWindow letters_;  // for Tokenize
  std::vector<Tok> t_;
  size_t n_ = 0;  // the tokens of the sentence, t_[0 .. n_)
  // The tokens that may start a number, in order (Tokenize): figures, and
  // words but those of ASCII letters whose shape no kTrigger word has. The
  // rules run only there; most tokens are none.
  std::vector<uint32_t> may_start_;
  size_t floor_ = 0;  // tokens before this belong to an earlier mention
  // The previous mention of the sentence, for "killed 3 soldiers and 5
  // civilians": the token after its noun phrase and its role word.
  size_t prev_np_end_ = SIZE_MAX;
  // Views into the tables, which outlive the scanner.
  std::string_view prev_role_, prev_role_word_;
  bool prev_implied_ = false;          // that count's role came from its noun ("3 soldiers")
  bool prev_people_no_role_ = false;   // that count is of people and has no role ("ten children")
  size_t prev_index_ = SIZE_MAX;       // its index in the output
};

bool QuantityFinder::Scanner::Worth(Span s) const {
  if (!d_.filter_ok) return true;
  const size_t size = text_.size();
  const size_t e = std::min<size_t>(s.end, size);
  const char* p = text_.data();
  // The dates from the sentence on: the digits below come in text order, so
  // the date that may hold one is found by stepping, not by a search each.
  auto date = worth_date_ = DateFrom(worth_date_, s.begin);
  // Sixty-four bytes a step, from bit masks of the letters and digits. The
  // digits of the whole sentence are looked at first: most sentences that
  // hold a count hold a figure, and need no look at their words. The masks
  // of the first steps are kept for the words.
  constexpr size_t kKept = 8;
  std::array<LetterDigitBits, kKept> kept;
  auto masks = [&](size_t k) {
    return LetterDigitBits64(p + k, std::min<size_t>(e - k, 64), k + 64 <= size);
  };
  for (size_t k = s.begin, step = 0; k < e; k += 64, ++step) {
    const LetterDigitBits m = masks(k);
    if (step < kKept) kept[step] = m;
    // A digit outside the dates: a figure may start there. A figure whose
    // first digit is in a date is never read (TryAt drops a number that
    // overlaps a date), so one digit inside a date is none.
    for (uint64_t digits = m.digits; digits != 0; digits &= digits - 1) {
      const uint32_t b = static_cast<uint32_t>(k + static_cast<size_t>(std::countr_zero(digits)));
      while (date != skip_.end() && date->end <= b) ++date;
      if (date == skip_.end() || date->begin > b) return true;
    }
  }
  uint64_t carry = 0;  // the byte before this step is a letter (bit 0)
  for (size_t k = s.begin, step = 0; k < e; k += 64, ++step) {
    const LetterDigitBits m = step < kKept ? kept[step] : masks(k);
    // Each word the tokenizer would make of letters only is a maximal run of
    // ASCII letters here, looked up the same way where it starts.
    for (uint64_t starts = m.letters & ~(m.letters << 1 | carry); starts != 0;
         starts &= starts - 1) {
      const size_t at = static_cast<size_t>(std::countr_zero(starts)), i = k + at;
      // Most first letters start no kNeeded word.
      if (d_.needed_shape.first_len[static_cast<unsigned char>(p[i])] == 0) continue;
      const uint64_t after = ~m.letters >> at;  // bit 0 is clear
      size_t j = i + static_cast<size_t>(std::countr_zero(after));
      if (after == 0) {  // the run goes on past these 64 bytes
        j = k + 64;
        while (j < e && IsAlphaByte(p[j])) ++j;
      }
      const size_t len = j - i;
      if (d_.needed_shape.MayHave(p + i, len) &&
          (d_.Flags(d_.vocab.FindAlpha(p + i, len, i + 16 <= size)) & kNeeded))
        return true;
    }
    carry = m.letters >> 63;
  }
  return false;
}

void QuantityFinder::Scanner::Tokenize(Span s) {
  may_start_.clear();
  const char* p = text_.data();
  const size_t size = text_.size();
  size_t i = s.begin;
  const size_t e = std::min<size_t>(s.end, size);
  // A token has a byte at least: t_ (this thread's buffer, which keeps its
  // size: a Tok per byte of the longest sentence seen) is grown once for the
  // sentence and the tokens are written at t_[0 .. n_), with no check of its
  // capacity per token.
  if (t_.size() < e - i) t_.resize(e - i);
  size_t n = 0;
  // The gap before the next token as the last four bytes of its Tok
  // (glued, nb_gap, line_start, fraction), plus kSpaceSeen: an ordinary
  // space in the gap (then no nb_gap). One register instead of four flags
  // (they were kept on the stack), and a token is two 8-byte stores.
  constexpr uint64_t kGlued = 1, kNbGap = uint64_t{1} << 8, kLineStart = uint64_t{1} << 16,
                     kSpaceSeen = uint64_t{1} << 32;
  uint64_t gap = kLineStart;  // the first token: not glued, starts a line
  // Builds the token in place, each half written once (a copy of a freshly
  // written Tok costs a store-forwarding stall per token).
  auto push = [&](size_t b, size_t en, TK kind, bool pure = false) -> Tok& {
    Tok& tk = t_[n++];
    const uint64_t lo = static_cast<uint32_t>(b) | uint64_t{static_cast<uint32_t>(en)} << 32;
    const uint64_t hi = uint64_t{static_cast<uint16_t>(kind == TK::kNumber ? int16_t{-1} : kLazyId)} |
                        uint64_t{static_cast<uint8_t>(kind)} << 16 | uint64_t{pure} << 24 |
                        (gap & 0xFFFFFFFFu) << 32;
    std::memcpy(reinterpret_cast<char*>(&tk), &lo, 8);
    std::memcpy(reinterpret_cast<char*>(&tk) + 8, &hi, 8);
    gap = kGlued;
    return tk;
  };
  // The one space after most tokens is taken with the token, not by a turn
  // of the loop.
  auto space_after = [&](size_t j) {
    if (j < e && p[j] == ' ') {
      gap = kSpaceSeen;
      ++j;
    }
    return j;
  };
  while (i < e) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    uint8_t cls = kByteClass[c];
    if (c < 0x80) {
      if (cls & kCSpace) {
        gap = (gap & kLineStart) | kSpaceSeen | ((cls & kCNewline) ? kLineStart : 0);
        ++i;
        continue;
      }
      if (cls & kCAlpha) {
        size_t j = i + 1;
        bool pure = true;  // ASCII letters only
        // The letters first: most words end at a space.
        j = letters_.RunEnd(j, e);
        // Most words end at a byte that cannot go on with them (a space).
        if (j < e && (kByteClass[static_cast<unsigned char>(p[j])] & kCWordGoesOn)) {
          while (j < e) {
            unsigned char x = static_cast<unsigned char>(p[j]);
            uint8_t cx = kByteClass[x];
            if (cx & kCAlpha) {
              ++j;
            } else if (cx & kCDigit) {
              ++j;
              pure = false;
            } else if (x == '\'' && j + 1 < e && IsAlphaByte(p[j + 1])) {
              j += 2;
              pure = false;
            } else if (x >= 0x80) {
              size_t len;
              char32_t cp = utf8::Decode(text_, j, &len);
              if ((cp == 0x2019 || cp == 0x02BC) && j + len < e &&
                  IsAlphaByte(p[j + len])) {
                j += len;
              } else if (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000 &&
                         utf8::IsAlpha(cp)) {
                j += len;
              } else {
                break;
              }
              pure = false;
            } else {
              break;
            }
          }
        }
        if (!pure || d_.trigger_shape.MayHave(p + i, j - i))
          may_start_.push_back(static_cast<uint32_t>(n));
        push(i, j, TK::kWord, pure);
        i = space_after(j);
        continue;
      }
      if (cls & kCDigit) {
        size_t j = i + 1;
        while (j < e) {
          char x = p[j];
          if (kByteClass[static_cast<unsigned char>(x)] & (kCAlpha | kCDigit)) {
            ++j;
          } else if ((x == ',' || x == '.') && j + 1 < e &&
                     IsDigitByte(p[j + 1]) && IsDigitByte(p[j - 1])) {
            j += 2;
          } else {
            break;
          }
        }
        may_start_.push_back(static_cast<uint32_t>(n));
        push(i, j, TK::kNumber);
        i = space_after(j);
        continue;
      }
      push(i, i + 1, (cls & kCSymbol) ? TK::kSymbol : TK::kPunct);
      i = space_after(i + 1);
      continue;
    }
    size_t len;
    char32_t cp = utf8::Decode(text_, i, &len);
    if (len == 0) len = 1;
    if (cp == 0xA0 || cp == 0x2007 || cp == 0x2009 || cp == 0x202F ||
        cp == 0x200A || cp == 0x2060 || cp == 0xFEFF || cp == 0x200B) {
      // No-break and thin spaces: nb_gap unless an ordinary space came too.
      gap = (gap & (kLineStart | kSpaceSeen)) | ((gap & kSpaceSeen) ? 0 : kNbGap);
      i += len;
      continue;
    }
    if (utf8::IsSpace(cp)) {
      const bool newline = cp == 0x2028 || cp == 0x2029 || cp == 0x85;
      gap = (gap & kLineStart) | kSpaceSeen | (newline ? kLineStart : 0);
      i += len;
      continue;
    }
    bool fraction = (cp >= 0xBC && cp <= 0xBE) ||
                    (cp >= 0x2150 && cp <= 0x215F) || cp == 0xB2 ||
                    cp == 0xB3 || cp == 0xB9 || (cp >= 0x2070 && cp <= 0x2079);
    if (!fraction && utf8::IsAlpha(cp)) {
      // A word that starts with a non-ASCII letter: never a number word, but
      // a token all the same (a name before a count, "Kurdish" in Cyrillic).
      size_t j = i + len;
      while (j < e) {
        size_t l2;
        unsigned char x = static_cast<unsigned char>(p[j]);
        if (IsAlphaByte(x) || IsDigitByte(x)) {
          ++j;
          continue;
        }
        if (x < 0x80) break;
        char32_t cp2 = utf8::Decode(text_, j, &l2);
        if (l2 == 0 || !utf8::IsAlnum(cp2)) break;
        j += l2;
      }
      may_start_.push_back(static_cast<uint32_t>(n));
      push(i, j, TK::kWord);
      i = j;
      continue;
    }
    bool punct = (cp >= 0x2010 && cp <= 0x2027) || cp == 0xAB || cp == 0xBB ||
                 cp == 0x2212 || cp == 0xB7 || utf8::IsPunct(cp);
    push(i, i + len, punct ? TK::kPunct : TK::kSymbol).fraction = fraction;
    i += len;
  }
  n_ = n;
}

bool QuantityFinder::Scanner::Overlaps(uint32_t b, uint32_t e) const {
  // Date spans do not overlap each other, so their ends are sorted too. The
  // first date that ends after b is stepped to from the last answer: the
  // rules ask about spans near one another, mostly in text order (a binary
  // search per question cost more).
  DateIt it = overlap_date_;
  while (it != skip_.begin() && std::prev(it)->end > b) --it;
  while (it != skip_.end() && it->end <= b) ++it;
  overlap_date_ = it;
  return it != skip_.end() && it->begin < e;
}

template <typename Ok>
QuantityFinder::Scanner::Match QuantityFinder::Scanner::MatchAt(
    const PhraseSet& set, size_t i, uint32_t tags, Ok ok) const {
  Match m;
  if (i >= n_ || Id(i) < 0 || !(set.first_tags[Id(i)] & tags)) return m;
  for (int p : set.by_first[Id(i)]) {
    const std::vector<int>& w = set.words[p];
    if (i + w.size() > n_) continue;
    size_t k = 1;
    while (k < w.size() && Id(i + k) == w[k]) ++k;
    if (k < w.size() || !ok(p)) continue;
    m.phrase = p;
    m.begin = i;
    m.end = i + w.size();
    return m;
  }
  return m;
}

template <typename Ok>
QuantityFinder::Scanner::Match QuantityFinder::Scanner::MatchEnding(
    const PhraseSet& set, size_t last, size_t floor, uint32_t tags, Ok ok) const {
  Match m;
  if (last >= n_ || last < floor || Id(last) < 0 || !(set.last_tags[Id(last)] & tags)) return m;
  for (int p : set.by_last[Id(last)]) {
    const std::vector<int>& w = set.words[p];
    if (last + 1 < floor + w.size()) continue;
    size_t start = last + 1 - w.size();
    size_t k = 0;
    while (k + 1 < w.size() && Id(start + k) == w[k]) ++k;
    if (k + 1 < w.size() || !ok(p)) continue;
    m.phrase = p;
    m.begin = start;
    m.end = last + 1;
    return m;
  }
  return m;
}

bool QuantityFinder::Scanner::CurrencyGluedBefore(size_t i) const {
  if (i == 0 || !t_[i].glued) return false;
  Match m = MatchEnding(d_.unit_set, i - 1, 0, TagOf(UnitKind::kCurrency), [&](int p) {
    return d_.units[p].kind == UnitKind::kCurrency;
  });
  return m.phrase >= 0;
}

bool QuantityFinder::Scanner::ParseFigure(size_t i, Core* c) const {
  std::string_view s = TokText(i);
  // Most figures are digits alone: their value is read on the way, and the
  // groups are looked at only when a separator follows.
  size_t k = 0;
  double value = 0;
  while (k < s.size() && IsDigitByte(s[k])) {
    value = value * 10 + (s[k] - '0');
    ++k;
  }
  const bool separated = k < s.size() && (s[k] == ',' || s[k] == '.');
  if (separated)
    while (k < s.size() && (IsDigitByte(s[k]) || s[k] == ',' || s[k] == '.')) ++k;
  std::string_view num = s.substr(0, k), suffix = s.substr(k);
  int commas = 0, dots = 0, frac_digits = 0;
  bool decimal = false;
  if (!separated) {
    if (num.size() > 1 && num[0] == '0') return false;  // 007, 0600
  } else {
    // Groups between separators, summarised on the fly (no allocation): the
    // first group's length, the separator before the last group, and
    // whether every later group (every later group after a comma) has three
    // digits.
    size_t group_start = 0, first_len = 0;
    char sep = 0, last_sep = 0;
    bool later_all_3 = true, comma_groups_3 = true;
    for (size_t j = 0; j <= num.size(); ++j) {
      if (j == num.size() || num[j] == ',' || num[j] == '.') {
        size_t len = j - group_start;
        if (sep == 0) {
          first_len = len;
        } else if (len != 3) {
          later_all_3 = false;
          if (sep == ',') comma_groups_3 = false;
        }
        last_sep = sep;
        if (j < num.size()) {
          sep = num[j];
          if (sep == ',')
            ++commas;
          else
            ++dots;
        }
        group_start = j + 1;
      }
    }
    if (dots == 0 || (dots == 1 && last_sep == '.' && commas > 0)) {
      // 3,000 or 1,234.5: comma groups of three after a first group of 1..3.
      if (first_len > 3 || !comma_groups_3) return false;
      decimal = dots == 1;
    } else if (commas == 0 && dots == 1) {
      decimal = true;
    } else if (commas == 0 && dots >= 2) {
      // 1.500.000 (European thousands).
      if (first_len > 3 || !later_all_3) return false;
    } else {
      return false;
    }
    value = 0;
    double scale = 1;
    bool after_point = false;
    for (size_t j = 0; j < num.size(); ++j) {
      char x = num[j];
      if (x == '.' && decimal && j == num.rfind('.')) {
        after_point = true;
        continue;
      }
      if (!IsDigitByte(x)) continue;
      if (after_point) {
        scale /= 10;
        value += (x - '0') * scale;
        ++frac_digits;
      } else {
        value = value * 10 + (x - '0');
      }
    }
  }
  c->value = value;
  c->year_like = commas == 0 && dots == 0 && num.size() == 4 && value >= 1800 &&
                 value <= 2100;
  if (!suffix.empty()) {
    int id = d_.vocab.Find(suffix);
    const NumberWord* nw = d_.NumOf(id);
    bool money = CurrencyGluedBefore(i);
    if (nw && nw->suffix > 0 &&
        (suffix.size() > 1 || (LowerAscii(suffix[0]) == 'm'
                                   ? (decimal || money)
                                   : LowerAscii(suffix[0]) == 'k' || money))) {
      double m = nw->suffix;
      c->value = frac_digits > 0 && m >= std::pow(10.0, frac_digits)
                     ? std::round(value * m)
                     : value * m;
      c->mult = m;
      c->suffix = true;
      c->year_like = false;
    } else {
      Match u;
      if (id >= 0) {
        for (int p : d_.unit_set.by_first[id]) {
          if (d_.unit_set.words[p].size() == 1 &&
              d_.units[p].kind == UnitKind::kMeasure) {
            u.phrase = p;
            break;
          }
        }
      }
      if (u.phrase < 0) return false;  // 17th, 1990s, 4G, 6pm
      c->suffix_unit = u.phrase;
      c->year_like = false;
    }
  }
  c->first = i;
  c->end = i + 1;
  // "3 000" with no-break or thin spaces.
  if (commas == 0 && dots == 0 && suffix.empty() && num.size() <= 3) {
    size_t j = i + 1;
    while (j < n_ && t_[j].kind == TK::kNumber && t_[j].nb_gap &&
           t_[j].e - t_[j].b == 3) {
      std::string_view g = TokText(j);
      if (!IsDigitByte(g[0]) || !IsDigitByte(g[1]) || !IsDigitByte(g[2])) break;
      c->value = c->value * 1000 + (g[0] - '0') * 100 + (g[1] - '0') * 10 +
                 (g[2] - '0');
      c->year_like = false;
      c->end = ++j;
    }
  }
  // Multiplier words after the figure: "1.5 million", "2 dozen", "5 bn".
  if (!c->suffix && c->suffix_unit < 0) {
    double last = 1;
    size_t j = c->end;
    while (j < n_ && t_[j].kind == TK::kWord) {
      const NumberWord* nw = d_.NumOf(Id(j));
      double m = 0;
      if (nw && nw->mult > 0)
        m = nw->mult;
      else if (nw && nw->suffix > 0 && t_[j].e - t_[j].b > 1)
        m = nw->suffix;  // "5 bn", not "5 m"
      if (m <= last || (m == 12 && last > 1)) break;
      c->value = frac_digits > 0 && m >= std::pow(10.0, frac_digits)
                     ? std::round(c->value * m)
                     : c->value * m;
      last = m;
      c->mult *= m;
      c->multiplier = true;
      c->year_like = false;
      c->end = ++j;
    }
  }
  c->low = c->high = c->value;
  return true;
}

bool QuantityFinder::Scanner::ParseWords(size_t i, Core* c) const {
  enum Last {
    kNone,
    kArticle,
    kFraction,
    kTens,
    kSmall,
    kHundred,
    kBig,
    kAnd,
    kDozen
  };
  Last last = kNone;
  double total = 0, cur = 0, last_big = 1e300;
  size_t j = i, end = i;
  bool any = false;
  const size_t n = n_;
  auto number_at = [&](size_t k) -> int {
    if (k >= n) return -1;
    const NumberWord* nw = d_.NumOf(Id(k));
    return nw ? nw->number : -1;
  };
  auto mult_at = [&](size_t k) -> double {
    if (k >= n) return 0;
    const NumberWord* nw = d_.NumOf(Id(k));
    return nw ? nw->mult : 0;
  };
  while (j < n && last != kDozen) {
    const Tok& tk = t_[j];
    if (IsPunct(j, '-')) {
      // twenty-one: a hyphen inside the word, glued on both sides.
      int next = number_at(j + 1);
      if (last == kTens && tk.glued && j + 1 < n && t_[j + 1].glued &&
          next > 0 && next < 10) {
        ++j;
        continue;
      }
      break;
    }
    if (tk.kind != TK::kWord) break;
    const NumberWord* nw = d_.NumOf(Id(j));
    if (!nw) break;
    if (nw->number >= 0) {
      int v = nw->number;
      Last kind = v >= 20 && v % 10 == 0 ? kTens : kSmall;
      if (last == kNone) {
        cur = v;
      } else if (last == kTens && v > 0 && v < 10) {
        cur += v;
        kind = kSmall;
      } else if ((last == kHundred || last == kAnd) && v > 0 && v < 100) {
        cur += v;
      } else if (last == kBig && v > 0) {
        cur = v;
      } else {
        break;
      }
      last = kind;
      any = true;
      end = ++j;
      continue;
    }
    if (nw->mult > 0) {
      double m = nw->mult;
      bool after_count = last == kSmall || last == kTens || last == kArticle ||
                         last == kFraction;
      if (m == 100 && (after_count && cur < 100)) {
        cur = (last == kFraction ? cur : std::max(cur, 1.0)) * 100;
        last = kHundred;
      } else if (m == 12 && after_count) {
        cur = (last == kArticle ? 1 : cur) * 12;
        last = kDozen;
      } else if (m >= 1000 && (after_count || last == kHundred) &&
                 m < last_big) {
        total += (last == kArticle ? 1 : cur) * m;
        cur = 0;
        last_big = m;
        last = kBig;
      } else {
        break;
      }
      c->multiplier = true;
      any = true;
      end = ++j;
      continue;
    }
    if (nw->article && last == kNone && mult_at(j + 1) > 0) {
      cur = 1;
      last = kArticle;
      ++j;
      continue;
    }
    if (nw->fraction > 0 && last == kNone && j + 2 < n) {
      const NumberWord* a = d_.NumOf(Id(j + 1));
      if (a && a->article && mult_at(j + 2) > 0) {
        cur = nw->fraction;
        last = kFraction;
        j += 2;
        continue;
      }
    }
    if (Id(j) == d_.id_and && (last == kHundred || last == kBig)) {
      int next = number_at(j + 1);
      if (next > 0) {
        last = kAnd;
        ++j;
        continue;
      }
    }
    break;
  }
  if (!any) return false;
  c->first = i;
  c->end = end;
  c->value = c->low = c->high = total + cur;
  c->words = true;
  c->one_alone = end == i + 1 && Id(i) == d_.id_one;
  return true;
}

bool QuantityFinder::Scanner::ParseCore(size_t i, Core* c) const {
  *c = Core();
  if (t_[i].kind == TK::kNumber) return ParseFigure(i, c);
  if (t_[i].kind != TK::kWord || !(d_.Flags(Id(i)) & kTrigger)) return false;
  Match v = MatchAt(d_.vague_set, i, kAnyTag, [](int) { return true; });
  if (v.phrase >= 0) {
    const Vague& g = d_.vague[v.phrase];
    c->first = i;
    c->end = v.end;
    c->value = g.value;
    c->low = g.low;
    c->high = g.high;
    c->vague = true;
    // "several hundred", "a few thousand", "a few dozen".
    const NumberWord* nw =
        c->end < n_ ? d_.NumOf(Id(c->end)) : nullptr;
    if (nw && nw->mult > 0) {
      c->value *= nw->mult;
      c->low *= nw->mult;
      c->high *= nw->mult;
      c->multiplier = true;
      ++c->end;
    }
    return true;
  }
  return ParseWords(i, c);
}

bool QuantityFinder::Scanner::TimeAfter(size_t end_tok) const {
  if (end_tok >= n_) return false;
  size_t p = t_[end_tok].b;
  if (!t_[end_tok].glued && p > 0 && text_[p - 1] != ' ') return false;
  for (const std::string& w : d_.time_words[static_cast<unsigned char>(LowerAscii(text_[p]))]) {
    if (p + w.size() > text_.size()) continue;
    size_t k = 0;
    while (k < w.size() && LowerAscii(text_[p + k]) == w[k]) ++k;
    if (k < w.size()) continue;
    if (p + k == text_.size() ||
        !(IsAlphaByte(text_[p + k]) || IsDigitByte(text_[p + k])))
      return true;
  }
  return false;
}

bool QuantityFinder::Scanner::NotACount(const Core& c) const {
  const size_t i = c.first, n = n_;
  const Tok& first = t_[i];
  // Glued on the left to an identifier: F-16, Su-24, COVID-19, 9/11, #5, v.2
  if (i > 0 && first.glued && t_[i - 1].kind != TK::kWord &&
      t_[i - 1].kind != TK::kNumber) {
    std::string_view p = TokText(i - 1);
    if (p == "/" || p == ":" || p == "#" || p == "." || p == "_" || p == "@" ||
        p == "\\" || p == "+")
      return true;
    if ((p == "-" || p == "\u2013") && i >= 2 && t_[i - 1].glued &&
        (t_[i - 2].kind == TK::kWord || t_[i - 2].kind == TK::kNumber))
      return true;
  }
  if (i > 0 && t_[i - 1].fraction && first.glued) return true;
  // Glued on the right: 9/11, 24/7, 10:30, 2½.
  if (c.end < n && t_[c.end].glued) {
    const Tok& nx = t_[c.end];
    if (nx.fraction) return true;
    if ((IsPunct(c.end, '/') || IsPunct(c.end, ':')) && c.end + 1 < n &&
        t_[c.end + 1].kind == TK::kNumber && t_[c.end + 1].glued)
      return true;
  }
  // Labels: Resolution 2254, No. 5, Article 5, page 3, #5.
  size_t j = i;
  if (j > 0 && (IsPunct(j - 1, '.') || IsPunct(j - 1, '#'))) --j;
  if (j > 0) {
    Match m = MatchEnding(d_.ctx_set, j - 1, 0, TagOf(CtxKind::kLabel), [&](int p) {
      return d_.ctx[p].kind == CtxKind::kLabel;
    });
    if (m.phrase >= 0) return true;
  }
  if (TimeAfter(c.end)) return true;
  if (first.kind == TK::kNumber && c.end == i + 1 && c.value >= 1 && c.value <= 31 &&
      c.value == static_cast<int>(c.value)) {
    // A day beside a month name, "." between allowed: "Aug. 28", "25
    // August", "3. März".
    const size_t before = j;  // past a "." or "#" (the labels above)
    const size_t after = c.end < n && IsPunct(c.end, '.') ? c.end + 1 : c.end;
    if ((before > 0 && IsMonth(before - 1)) || (after < n && IsMonth(after))) return true;
  }
  if (first.kind == TK::kNumber) {
    // List markers: "1." or "2)" opening a line; "(3)" alone; "[3]".
    bool opens = i == 0 || first.line_start;
    if (opens && c.end < n && t_[c.end].glued &&
        (IsPunct(c.end, '.') || IsPunct(c.end, ')')))
      return true;
    if (i > 0 && first.glued && IsPunct(i - 1, '[') && IsPunct(c.end, ']'))
      return true;
    if (i > 0 && first.glued && IsPunct(i - 1, '(') && IsPunct(c.end, ')') &&
        (i == 1 || t_[i - 1].line_start))
      return true;
    // A sentence that is only a number (comment counts, page numbers).
    bool alone = true;
    for (size_t k = 0; k < n && alone; ++k)
      if (k < i || k >= c.end)
        alone = t_[k].kind == TK::kPunct || t_[k].kind == TK::kSymbol;
    if (alone) return true;
  } else {
    // Capitalised number word inside a name: "Channel Four", "Formula One".
    if (Upper(i) && i > 0 && t_[i - 1].kind == TK::kWord &&
        Upper(i - 1) && !first.line_start &&
        (Id(i - 1) < 0 || d_.Flags(Id(i - 1)) == 0)) {
      bool known_prev = false;
      if (Id(i - 1) >= 0) {
        known_prev = !d_.ctx_set.by_last[Id(i - 1)].empty() ||
                     !d_.qual_set.by_last[Id(i - 1)].empty();
      }
      if (!known_prev) return true;
    }
  }
  return false;
}

bool QuantityFinder::Scanner::TryAt(size_t i, int sentence,
                                    std::vector<Mention>* out, size_t* next) {
  const size_t n = n_;
  Core c;
  if (!ParseCore(i, &c)) return false;
  *next = c.end;
  if (Overlaps(t_[c.first].b, t_[c.end - 1].e)) return false;
  if (NotACount(c)) return false;

  std::vector<std::string> evidence;
  std::string_view qualifier = c.vague ? "approximate_plural" : "exact";
  double value = c.value, low = c.low, high = c.high;
  size_t start = c.first, end = c.end;
  bool range = false, has_qualifier = false;
  // Views into the tables (or guessed_unit): no allocation per mention.
  std::string_view unit;
  std::string guessed_unit;
  UnitKind unit_kind = UnitKind::kCount;
  bool unit_guessed = false, unit_adjacent = false;
  std::string_view unit_role, unit_word;

  // Ranges: "six to twelve", "10-15", "between 10 and 15", "two or three".
  Match open;
  if (start > floor_) {
    open = MatchEnding(d_.qual_set, start - 1, floor_, TagOf(QualPos::kOpen), [&](int p) {
      return d_.quals[p].pos == QualPos::kOpen;
    });
  }
  if (!c.vague && end < n) {
    Match join = MatchAt(d_.qual_set, end, TagOf(QualPos::kJoin), [&](int p) {
      return d_.quals[p].pos == QualPos::kJoin;
    });
    if (join.phrase >= 0 && join.end < n) {
      bool hyphen =
          join.end - join.begin == 1 &&
          (IsPunct(join.begin, '-') || TokText(join.begin) == "\u2013");
      bool and_word =
          Id(join.begin) == d_.id_and && join.end - join.begin == 1;
      bool ok = true;
      if (and_word) {
        ok = open.phrase >= 0 &&
             d_.quals[open.phrase].partner_id == d_.id_and;
      }
      Core c2;
      if (ok &&
          (t_[join.end].kind == TK::kNumber) ==
              (t_[c.first].kind == TK::kNumber) &&
          ParseCore(join.end, &c2) && !c2.vague &&
          !Overlaps(t_[c2.first].b, t_[c2.end - 1].e)) {
        if (hyphen) {
          // Identifiers and phone numbers chain more figures: 555-123-4567.
          if (c2.end + 1 < n &&
              (IsPunct(c2.end, '-') || IsPunct(c2.end, '/')) &&
              t_[c2.end].glued && t_[c2.end + 1].kind == TK::kNumber) {
            size_t k = c2.end;
            while (k < n && (t_[k].kind == TK::kNumber || IsPunct(k, '-') ||
                             IsPunct(k, '/')))
              ++k;
            *next = k;
            return false;
          }
        }
        double lo = c.value;
        if (c2.mult > 1 && c.mult == 1 && lo * c2.mult <= c2.value)
          lo *= c2.mult;
        if (lo < c2.value && !c2.year_like && !(c.year_like && hyphen)) {
          range = true;
          value = low = lo;
          high = c2.value;
          qualifier = "range";
          end = c2.end;
          if (c2.suffix_unit >= 0) c.suffix_unit = c2.suffix_unit;
          if (explain_) evidence.push_back("range joined by '" +
                             std::string(TokText(join.begin)) + "'");
          if (open.phrase >= 0) {
            start = open.begin;
          }
        } else if (hyphen) {
          *next = c2.end;  // 3-1, 2016-17: neither end is a count
          return false;
        }
      }
    }
  }

  // Money sign or word before the number: "$5 million", "US$5".
  if (start > floor_) {
    Match cur = MatchEnding(d_.unit_set, start - 1, floor_, TagOf(UnitKind::kCurrency), [&](int p) {
      return d_.units[p].kind == UnitKind::kCurrency;
    });
    if (cur.phrase >= 0 && !Overlaps(t_[cur.begin].b, t_[cur.end - 1].e)) {
      start = cur.begin;
      unit = d_.units[cur.phrase].unit;
      unit_kind = UnitKind::kCurrency;
      if (explain_) evidence.push_back("unit " + std::string(unit) + " from '" +
                         d_.unit_set.text[cur.phrase] + "'");
    }
  }

  // A measure written on the figure ("55km") or right after the number.
  if (unit.empty() && c.suffix_unit >= 0) {
    unit = d_.units[c.suffix_unit].unit;
    unit_kind = UnitKind::kMeasure;
    if (explain_) evidence.push_back("unit " + std::string(unit) + " from '" +
                       d_.unit_set.text[c.suffix_unit] + "'");
  } else if (end < n) {
    size_t k = end;
    bool hyphen = false;
    if ((IsPunct(k, '-') || TokText(k) == "\u2013") && t_[k].glued &&
        k + 1 < n && t_[k + 1].glued && t_[k + 1].kind == TK::kWord) {
      ++k;
      hyphen = true;
    }
    Match u = MatchAt(d_.unit_set, k, TagOf(UnitKind::kMeasure) | TagOf(UnitKind::kCurrency), [&](int p) {
      UnitKind kind = d_.units[p].kind;
      return kind == UnitKind::kMeasure ||
             (kind == UnitKind::kCurrency && unit.empty() && !hyphen);
    });
    if (u.phrase >= 0 && !Overlaps(t_[u.begin].b, t_[u.end - 1].e) &&
        (unit.empty() || d_.units[u.phrase].unit == unit)) {
      unit = d_.units[u.phrase].unit;
      unit_kind = d_.units[u.phrase].kind;
      end = u.end;
      if (explain_) evidence.push_back("unit " + std::string(unit) + " from '" +
                         d_.unit_set.text[u.phrase] + "'");
    }
  }

  // Qualifier before: "more than 3,000", "some 80,000".
  if (!range && start > floor_) {
    Match q = MatchEnding(d_.qual_set, start - 1, floor_, TagOf(QualPos::kBefore), [&](int p) {
      return d_.quals[p].pos == QualPos::kBefore;
    });
    if (q.phrase >= 0 && !Overlaps(t_[q.begin].b, t_[q.end - 1].e)) {
      start = q.begin;
      qualifier = d_.quals[q.phrase].qualifier;
      has_qualifier = true;
      if (explain_) evidence.push_back("qualifier " + std::string(qualifier) + " from '" +
                         d_.qual_set.text[q.phrase] + "'");
    }
  }
  // Qualifier after: "50 or more", "40-odd", "50+", "50-plus".
  if (!range && end < n) {
    size_t k = end;
    if (IsPunct(k, '-') && t_[k].glued && k + 1 < n && t_[k + 1].glued) ++k;
    Match q = MatchAt(d_.qual_set, k, TagOf(QualPos::kAfter), [&](int p) {
      return d_.quals[p].pos == QualPos::kAfter;
    });
    if (q.phrase >= 0 && (TokText(q.begin) != "+" || t_[q.begin].glued) &&
        !Overlaps(t_[q.begin].b, t_[q.end - 1].e)) {
      end = q.end;
      qualifier = d_.quals[q.phrase].qualifier;
      has_qualifier = true;
      if (explain_) evidence.push_back("qualifier " + std::string(qualifier) + " from '" +
                         d_.qual_set.text[q.phrase] + "'");
    }
  }
  if (has_qualifier) {
    if (qualifier == "at_least") {
      low = value;
      high = 0;
    } else if (qualifier == "at_most") {
      high = value;
      low = 0;
    } else {
      low = high = value;
    }
  }

  // The counted noun: up to three words after the number.
  size_t np_end = end;
  std::string_view inner_role, inner_role_word;
  if (unit.empty()) {
    size_t k = end, words = 0;
    if (k < n && Id(k) == d_.id_of) {
      ++k;
      if (k < n && IdIn(k, d_.after_of)) ++k;
    }
    while (k < n && words <= 3) {
      if (t_[k].kind != TK::kWord) {
        // US-backed, pro-government: a hyphen inside a word.
        if (IsPunct(k, '-') && t_[k].glued && k + 1 < n && t_[k + 1].glued &&
            t_[k + 1].kind == TK::kWord && k > end) {
          k += 2;
          continue;
        }
        break;
      }
      Match u = MatchAt(d_.unit_set, k, TagOf(UnitKind::kCount), [&](int p) {
        return d_.units[p].kind == UnitKind::kCount;
      });
      if (u.phrase >= 0) {
        unit = d_.units[u.phrase].unit;
        unit_role = d_.units[u.phrase].role;
        unit_word = d_.unit_set.text[u.phrase];
        unit_adjacent = k == end;
        np_end = u.end;
        if (explain_) evidence.push_back("unit " + std::string(unit) + " from '" + std::string(unit_word) + "'");
        break;
      }
      Match r = MatchAt(d_.ctx_set, k, TagOf(CtxKind::kRole), [&](int p) {
        return d_.ctx[p].kind == CtxKind::kRole;
      });
      if (r.phrase >= 0) {
        if (inner_role.empty()) {
          inner_role = d_.ctx[r.phrase].role;
          inner_role_word = d_.ctx_set.text[r.phrase];
        }
        k = r.end;
        ++words;
        continue;
      }
      if (d_.Flags(Id(k)) & kNpStop) break;
      ++k;
      ++words;
    }
    if (unit.empty()) inner_role = {};
    if (unit.empty() && end < n && t_[end].kind == TK::kWord && Upper(end) &&
        Id(end) < 0) {
      // A capitalised plural demonym right after the number: "83 Syrians",
      // "two Iraqis", "four Lebanese".
      std::string_view w = TokText(end);
      size_t len = w.size();
      auto ends = [&](std::string_view suf) {
        return len > suf.size() + 2 && w.substr(len - suf.size()) == suf;
      };
      if (ends("ans") || ends("is") || ends("ese")) {
        unit = "person";
        unit_guessed = true;
        unit_adjacent = true;
        np_end = end + 1;
        if (explain_) evidence.push_back("unit person guessed from the demonym '" +
                           std::string(w) + "'");
      }
    }
    if (unit.empty() && end < n && t_[end].kind == TK::kWord &&
        !Upper(end) && !(d_.Flags(Id(end)) & kNpStop)) {
      // An unlisted plural noun right after the number: "two teachers".
      std::string_view w = TokText(end);
      bool ascii = std::all_of(w.begin(), w.end(),
                               [](char x) { return IsAlphaByte(x); });
      size_t len = w.size();
      if (ascii && len >= 4 && w[len - 1] == 's' && w[len - 2] != 's' &&
          w[len - 2] != 'u' && w[len - 2] != 'i' &&
          !(Id(end) >= 0 && !d_.ctx_set.by_first[Id(end)].empty())) {
        std::string sing = Lower(w);
        if (len > 4 && sing.compare(len - 3, 3, "ies") == 0) {
          sing = sing.substr(0, len - 3) + "y";
        } else if (len > 4 && (sing.compare(len - 4, 4, "ches") == 0 ||
                               sing.compare(len - 4, 4, "shes") == 0 ||
                               sing.compare(len - 3, 3, "xes") == 0)) {
          sing.resize(len - 2);
        } else {
          sing.resize(len - 1);
        }
        guessed_unit = std::move(sing);
        unit = guessed_unit;
        unit_guessed = true;
        unit_adjacent = true;
        np_end = end + 1;
        if (explain_) evidence.push_back("unit " + std::string(unit) + " guessed from the plural '" +
                           std::string(w) + "'");
      }
    }
  }

  // Words that are counts only in company: "one", bare years.
  if (c.one_alone) {
    if (start > 0 && start == c.first && IdIn(start - 1, d_.not_one)) return false;
    if (c.end < n && Id(c.end) == d_.id_of) return false;
    if (!has_qualifier && !range &&
        (unit.empty() || (unit_kind == UnitKind::kCount && !unit_adjacent)))
      return false;
  }
  if (c.year_like && !has_qualifier && !range &&
      unit_kind == UnitKind::kCount && !(unit_adjacent && !unit_guessed))
    return false;

  // Role.
  std::string_view role, role_word;
  std::string role_how;  // for evidence only
  bool implied = false;  // the role comes from the counted noun
  bool from_after = false;  // the role comes from the words after the count
  // The counted noun names what happened to the people ("detainees", "24
  // dead"): it says more than a list or a conjoined subject around it.
  const bool event_noun = unit_role == "displaced" || unit_role == "captured" ||
                          unit_role == "injured" || unit_role == "killed";
  // Listed right after the count before: "three soldiers and two civilians".
  const bool listed = start > 0 && prev_np_end_ == start - 1 &&
                      (Id(start - 1) == d_.id_and || IsPunct(start - 1, ','));
  {
    // 1. Before the number, across links, a parenthesis or an aside.
    size_t j = start;
    int links = 0;
    bool paren = false, aside = false, shared = false, verb_link = false;
    while (j > 0 && role.empty()) {
      size_t last = j - 1;
      if (IsPunct(last, ')') && !paren) {
        size_t k = last, depth = 0, steps = 0;
        while (k > 0 && steps < 24) {
          if (IsPunct(k, ')')) ++depth;
          if (IsPunct(k, '(') && --depth == 0) break;
          --k;
          ++steps;
        }
        if (!IsPunct(k, '(') || depth != 0) break;
        paren = true;
        j = k;
        continue;
      }
      if (IsPunct(last, ',') && !aside) {
        // ", according to X," between the role word and the count.
        size_t k = last, steps = 0;
        while (k > 0 && steps < 12 && !IsPunct(k - 1, ',')) {
          --k;
          ++steps;
        }
        if (k > 0 && IsPunct(k - 1, ',') && Id(k) == d_.id_according) {
          aside = true;
          j = k - 1;
          continue;
        }
        // "killed 3 soldiers, 5 civilians": a list after the role word.
        shared = prev_np_end_ == last && !prev_role_.empty();
        break;
      }
      if (Id(last) == d_.id_and && prev_np_end_ == last &&
          !prev_role_.empty()) {
        shared = true;
        break;
      }
      // "killed 27 people, including 11 children": the children are among
      // the dead (not an age: "including a 9-year-old girl").
      if (Id(last) == d_.id_including && !prev_role_.empty() && prev_index_ != SIZE_MAX &&
          (unit.empty() || unit == "person")) {
        shared = true;
        break;
      }
      Match r = MatchEnding(d_.ctx_set, last, 0, kTagRoleBefore, [&](int p) {
        return d_.ctx[p].kind == CtxKind::kRole && d_.ctx[p].before;
      });
      if (r.phrase >= 0) {
        role = d_.ctx[r.phrase].role;
        role_word = d_.ctx_set.text[r.phrase];
        if (explain_)
          role_how = std::to_string(start - r.end + 1) + " token(s) before";
        break;
      }
      Match l = MatchEnding(d_.ctx_set, last, 0, TagOf(CtxKind::kLink), [&](int p) {
        return d_.ctx[p].kind == CtxKind::kLink;
      });
      if (l.phrase < 0 && verb_link) {
        // Past a verb or "to" ("rose to"): a phrase of up to four words
        // after the role noun, "the death toll from the bombing rose to 27".
        // The phrase has a word after its preposition: in "the toll in the
        // three weeks" the count is inside the phrase, not after it.
        for (size_t q = last > 0 ? last - 1 : 0, steps = 0; q > 0 && steps < 3 && !IsPunct(q, ',');
             --q, ++steps) {
          if (!IdIn(q, d_.noun_preps)) continue;
          Match pr = MatchEnding(d_.ctx_set, q - 1, 0, kTagRoleBefore, [&](int p) {
            return d_.ctx[p].kind == CtxKind::kRole && d_.ctx[p].before;
          });
          if (pr.phrase >= 0) {
            role = d_.ctx[pr.phrase].role;
            role_word = d_.ctx_set.text[pr.phrase];
            if (explain_) role_how = std::to_string(start - pr.end + 1) + " token(s) before, across a phrase";
          }
          break;
        }
        break;
      }
      if (l.phrase < 0 || ++links > 3) break;
      verb_link = verb_link || !IsDeterminer(l.begin);
      j = l.begin;
    }
    // 2. A role word inside the noun phrase: "5,000 displaced people".
    if (role.empty() && !inner_role.empty()) {
      role = inner_role;
      role_word = inner_role_word;
      if (explain_) role_how = "in the noun phrase";
    }
    // 3. After the number and its noun, across links and one aside
    // ("14 civilians, including six children, died").
    if (role.empty()) {
      size_t k = np_end;
      int links_after = 0;
      bool in_aside = start > 0 && Id(start - 1) == d_.id_including;
      bool crossed = false, joined = false;
      while (k < n) {
        // "two officers and a bystander were shot dead": a conjoined noun
        // phrase of up to four words, no figure in it, before the verb. Not
        // after a noun that says what happened ("24 dead and dozens
        // wounded": the second clause has its own count).
        // A bare number is no subject's head: in "children aged from four
        // to 10 and women were killed" the 10 is an age.
        if (!joined && !event_noun && !unit.empty() && Id(k) == d_.id_and) {
          joined = true;
          // Its first word may be anything ("a", "the"): a link word there
          // is a determiner.
          size_t a = k + 2;
          if (k + 1 >= n || t_[k + 1].kind != TK::kWord) break;
          while (a < n && a < k + 5 && t_[a].kind == TK::kWord &&
                 MatchAt(d_.ctx_set, a, TagOf(CtxKind::kLink) | kTagRoleAfter, [&](int p) {
                   return d_.ctx[p].kind == CtxKind::kLink ||
                          (d_.ctx[p].kind == CtxKind::kRole && d_.ctx[p].after);
                 }).phrase < 0)
            ++a;
          // A figure ends the phrase: "and 5 civilians" has its own count.
          // Only a phrase that ends at an auxiliary ("and a bystander
          // were"), not at a role word: "and registered as displaced" is a
          // verb phrase of its own.
          if (a < n && a < k + 5 && IdIn(a, d_.auxiliaries)) {
            k = a;
            continue;
          }
          break;
        }
        if (IsPunct(k, ',') && !crossed) {
          crossed = true;
          if (in_aside) {
            ++k;
            continue;
          }
          if (k + 1 < n && Id(k + 1) == d_.id_including) {
            size_t a = k + 2, steps = 0;
            while (a < n && steps < 12 && !IsPunct(a, ',')) {
              ++a;
              ++steps;
            }
            if (a < n && IsPunct(a, ',')) {
              k = a + 1;
              continue;
            }
          }
          break;
        }
        Match r = MatchAt(d_.ctx_set, k, kTagRoleAfter, [&](int p) {
          return d_.ctx[p].kind == CtxKind::kRole && d_.ctx[p].after;
        });
        // "Two gunmen killed five soldiers", "three bombers killed at least
        // two people": a count or a qualifier right after the verb is its
        // object, so the verb is active and this count its subject's.
        // Only a verb right after the noun phrase ("were killed", "dead"
        // and "killed around the town" keep their role), and not a
        // determiner or a preposition after it ("dead, a monitor said").
        // (A count of people who are no fighters is their own toll: "1
        // child killed 6 children" is a headline list.)
        if (r.phrase >= 0 && r.begin == np_end && r.end < n &&
            !unit.empty() && (unit != "person" || unit_role == "fighters") && Active(r.begin, r.end))
          break;
        if (r.phrase >= 0) {
          role = d_.ctx[r.phrase].role;
          role_word = d_.ctx_set.text[r.phrase];
          from_after = true;
          if (explain_)
            role_how =
                std::to_string(r.begin - np_end + 1) + " token(s) after";
          break;
        }
        Match l = MatchAt(d_.ctx_set, k, TagOf(CtxKind::kLink), [&](int p) {
          return d_.ctx[p].kind == CtxKind::kLink;
        });
        if (l.phrase < 0 || ++links_after > 4) break;
        k = l.end;
      }
    }
    // 4. The role of the count this one is listed with: "killed 3 soldiers
    // and 5 civilians" (after 3., so "... and 5 were wounded" is injured).
    // A noun that names what happened to the people ("internally displaced
    // persons", "detainees") says more than the list: "put the toll at 21
    // and said some 3,500 internally displaced persons" is displaced.
    if (role.empty() && shared && !event_noun) {
      role = prev_role_;
      role_word = prev_role_word_;
      if (explain_) role_how = "shared with the count before";
    }
    // 5. The counted noun.
    if (role.empty() && !unit_role.empty()) {
      role = unit_role;
      role_word = unit_word;
      implied = true;
      if (explain_) role_how = "implied by the noun";
    }
  }
  // A number word with nothing around it ("at six", "the two", French
  // "six" in a quotation) says too little to be worth a mention.
  if (c.words && !c.multiplier && unit.empty() && role.empty() &&
      !has_qualifier && !range)
    return false;
  if (role.empty()) {
    role = "other";
  } else {
    if (explain_) evidence.push_back("role " + std::string(role) + " from '" + std::string(role_word) + "' " +
                       role_how);
  }

  // The strings of a fresh Mention are empty: they are appended to, the
  // short way (an assign goes through the general _M_replace).
  Mention& m = out->emplace_back();  // built in place: a Mention is big
  m.kind.append("quantity");
  m.span = Span{t_[start].b, t_[end - 1].e};
  m.sentence = sentence;
  QuantityValue& q = m.quantity.emplace();  // filled in place
  q.value = value;
  q.low = low;
  q.high = high;
  q.qualifier.append(qualifier);
  q.unit.append(unit);
  q.role.append(role);
  m.rule.append(c.vague        ? "vague"
                : c.words      ? "words"
                : c.suffix     ? "figure_suffix"
                : c.multiplier ? "figure_multiplier"
                               : "figure");
  if (range) m.rule += "+range";
  if (explain_)
    evidence.insert(evidence.begin(),
                  "value " + FormatNumber(value) + " from '" +
                      std::string(text_.substr(
                          t_[c.first].b, t_[c.end - 1].e - t_[c.first].b)) +
                      "'");
  m.evidence = std::move(evidence);  // empty unless explain_
  double conf = c.vague ? 0.7 : c.words ? 0.85 : 0.9;
  if (unit.empty() && role == "other") conf -= 0.2;
  if (unit_guessed) conf -= 0.1;
  m.confidence = conf;

  // The other way round: "three soldiers and two civilians were wounded":
  // the verb after the list is the role of the earlier count too, when that
  // one had only its noun to go by.
  // So does a count of people with no role at all: "Ten children and 13
  // rebels were among those killed".
  if (listed && from_after && (prev_implied_ || prev_people_no_role_) &&
      prev_index_ + 1 == out->size() - 1) {
    Mention& prev = (*out)[prev_index_];
    if (prev.quantity && prev.sentence == sentence) {
      prev.quantity->role = std::string(role);
      if (explain_) prev.evidence.push_back("role " + std::string(role) + " shared with the count after");
    }
  }
  floor_ = end;
  prev_np_end_ = np_end;
  prev_role_ = role == "other" || implied ? std::string_view() : role;
  prev_role_word_ = role_word;
  // ("44 dead and 140 injured": a noun that itself says what happened keeps
  // its role.)
  prev_implied_ = implied && role != "killed" && role != "injured" && role != "captured" &&
                  role != "displaced";
  // (Not after "including": "56 dead including 11 children and dozens
  // more wounded" - the children are among the dead.)
  prev_people_no_role_ = role == "other" && unit == "person" &&
                         !(start > 0 && Id(start - 1) == d_.id_including);
  prev_index_ = out->size() - 1;
  *next = end;
  return true;
}

void QuantityFinder::Scanner::Sentence(Span s, int index,
                                       std::vector<Mention>* out) {
  if (!Worth(s)) return;
  Tokenize(s);
  floor_ = 0;
  prev_np_end_ = SIZE_MAX;
  prev_role_ = {};
  prev_implied_ = false;
  prev_people_no_role_ = false;
  prev_index_ = SIZE_MAX;
  // Tokens that are not in may_start_ start nothing: the scan moves on to
  // the next one that is.
  // The dates from the sentence on, stepped through as the tokens go.
  auto date = scan_date_ = DateFrom(scan_date_, s.begin);
  size_t i = 0;
  for (uint32_t k : may_start_) {
    if (k < i) continue;
    i = k;
    size_t next = i + 1;
    if (t_[i].kind == TK::kNumber) {
      // A figure that starts inside a date (most figures of news text) is
      // dropped by TryAt after it is read, and the scan goes on after it:
      // when the next token cannot go on with it, that is the next token.
      const uint32_t b = t_[i].b;
      while (date != skip_.end() && date->end <= b) ++date;
      if (date != skip_.end() && date->begin <= b && !MayExtendFigure(i + 1)) continue;
    } else if ((d_.Flags(Id(i)) & kLoneArticle) &&
               !(i + 1 < n_ && (d_.Flags(Id(i + 1)) & kNeeded))) {
      continue;  // ParseCore would read nothing here
    }
    if (Trigger(i) && TryAt(i, index, out, &next)) {
      i = next;
      continue;
    }
    i = std::max(next, i + 1);
  }
}

void QuantityFinder::FindInto(std::string_view text,
                              const std::vector<Span>& sentences,
                              std::vector<Span> skip, bool explain,
                              std::vector<Mention>* out) const {
  Scanner scanner(*data_, text, std::move(skip), explain);
  if (sentences.empty()) {
    scanner.Sentence(Span{0, static_cast<uint32_t>(text.size())}, -1, out);
  } else {
    for (size_t k = 0; k < sentences.size(); ++k)
      scanner.Sentence(sentences[k], static_cast<int>(k), out);
  }
}

std::vector<Mention> QuantityFinder::Find(std::string_view text,
                                          const std::vector<Span>& sentences,
                                          const std::vector<Span>& skip,
                                          bool explain) const {
  std::vector<Mention> out;
  FindInto(text, sentences, skip, explain, &out);
  return out;
}

void QuantityFinder::Annotate(const Document& doc,
                              std::vector<Mention>* out) const {
  std::vector<Span> dates;
  for (const Mention& m : doc.mentions)
    if (m.kind == "date") dates.push_back(m.span);
  FindInto(doc.text, doc.sentences, std::move(dates), doc.explain, out);
}

}  // namespace dossier
