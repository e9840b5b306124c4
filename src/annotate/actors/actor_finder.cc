// ActorFinder: compiles the actor tables into one token-sequence matcher and
// applies the rules described in actor_finder.h sentence by sentence, then
// a document-level pass for later bare surnames.
#include "annotate/actors/actor_finder.h"

#include <strings.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/byte_scan.h"
#include "dossier/utf8.h"
#include "lexicon/name_key.h"

namespace dossier {
namespace {

// What a compiled pattern stands for.
enum class PType : uint8_t {
  kActor,          // actors.tsv row
  kOutlet,         // outlets.tsv row
  kPerson,         // people.tsv row
  kCountry,        // a country's name or multi-letter alias ("Syria", "United States")
  kCountryAbbrev,  // an all-caps country alias ("US", "U.S.", "UK")
  kDemonym,        // "Syrian"
  kAgent,          // agents.tsv row
  kModifier,       // actor_modifiers.tsv row
  kTitle,          // titles.tsv row
  kGiven,          // given_names.tsv row
  kOrgHead,        // org_heads.tsv row: "Center", "News Agency"
};
constexpr uint32_t Bit(PType t) { return 1u << static_cast<int>(t); }

// How letter case must agree: kFold any case; kCap the first word starts
// with a capital; kExact every word as written (periods ignored, "U.S." =
// "US").
enum class CaseMode : uint8_t { kFold, kCap, kExact };

struct Pattern {
  std::vector<std::string> folds;  // folded keywords (droppable articles removed)
  std::vector<std::string> exact;  // the same words as written without '.', for kExact
  CaseMode mode = CaseMode::kCap;
  PType type = PType::kActor;
  int entry = 0;          // index into the entry vector of `type`
  bool lead_the = false;  // the alias began with "The"
  std::string alias;      // as written in the table
  std::string dict_rule;  // "<table>.tsv:<alias>" for actors, outlets and people
  bool plural = false;    // a demonym that is another demonym of its country + "s"
  uint32_t possessive = 0;  // bit q: keyword q is a possessive ("Sheriff's Office")
};

// The `context` column of actors.tsv.
enum class Context : uint8_t { kNone, kGroup, kNotHeadline, kThe };
struct ActorEntry {
  std::string id, kind, name, country, context, affiliate_of;
  std::string ref;  // "actor:<id>" or "org:<id>", made once
  std::vector<std::string> sectors;
  // `kind` and `context` decoded once: the rules test them per hit.
  bool organization = false, state = false;
  Context ctx = Context::kNone;
};
struct OutletEntry {
  std::string canonical, country;
  std::string ref;  // "outlet:<slug>", made once
};
struct PersonEntry {
  std::string canonical, role, country;
  std::string ref;  // "person:<slug>", made once
};
struct CountryEntry {
  std::string code, iso3, name;
  // The state actor of `code`: its ref ("actor:<ISO3>") and name, from the
  // entry country_by_code gives for it; made once, after the table is read.
  std::string state_ref, state_name;
};
struct AgentEntry {
  std::string noun, group;
  std::vector<std::string> sectors;
  bool attack = false, alone = false, generic = false;
};
enum class ModKind : uint8_t { kModifier, kBacked, kLed, kPro, kHeld };
struct ModifierEntry {
  std::string word;
  ModKind kind = ModKind::kModifier;
  std::vector<std::string> sectors;
};
struct TitleEntry {
  std::string title;
  std::string rule;  // "title:<title>", built once for every mention it names
  bool any_case = false;
  int min_names = 1;
};
struct OrgHeadEntry {
  bool outlet = false;
  std::vector<std::string> sectors;
  std::string rule;  // "org_heads.tsv:<head>"
};
enum class GivenKind : uint8_t { kGiven, kKunya, kParticle };
struct GivenEntry {
  GivenKind kind = GivenKind::kGiven;
  bool ambiguous = false;
};

std::vector<std::string> SplitList(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(sep, i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view part = s.substr(i, j - i);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    i = j + 1;
  }
  return out;
}

std::string Unfold(std::string s) {  // FoldName without the spaces
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

std::string WithoutDots(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != '.') out += c;
  return out;
}

// WithoutDots(raw) == plain, without building the string.
bool EqualWithoutDots(std::string_view raw, std::string_view plain) {
  size_t j = 0;
  for (char c : raw) {
    if (c == '.') continue;
    if (j == plain.size() || plain[j] != c) return false;
    ++j;
  }
  return j == plain.size();
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }

// First code point of `s` is an upper-case letter.
bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return IsAsciiUpper(static_cast<char>(c));
  size_t len;
  return utf8::IsUpper(utf8::Decode(s, 0, &len));
}

// Counts ASCII letters and whether all of them are upper case.
void LetterShape(std::string_view s, int* letters, bool* all_upper) {
  *letters = 0;
  *all_upper = true;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') {
      ++*letters;
      *all_upper = false;
    } else if (IsAsciiUpper(c)) {
      ++*letters;
    }
  }
}

// Droppable Arabic articles: "al", "el", "ul", "il" before a space or a
// hyphen; the assimilated forms ("ash", "ad", "as", "an", ...) only glued by
// a hyphen, because as free words they are English ("as", "at", "an").
bool DroppableArticle(std::string_view fold, bool hyphen_after) {
  if (fold.size() == 2 && fold[1] == 'l' &&
      (fold[0] == 'a' || fold[0] == 'e' || fold[0] == 'u' || fold[0] == 'i'))
    return true;
  return hyphen_after && IsArticleToken(fold);
}

// Splits an alias into words the way the tokenizer splits text: whitespace,
// hyphens, slashes and other punctuation separate; periods and apostrophes
// inside a word stay ("U.S.", "Sha'abi").
struct AliasWord {
  std::string_view raw;  // in the alias
  bool hyphen_after = false;
  bool possessive = false;  // written with "'s", which raw drops
};
std::vector<AliasWord> SplitAlias(std::string_view alias) {
  std::vector<AliasWord> out;
  size_t b = 0;  // where the current word began
  auto flush = [&](size_t e, bool hyphen) {
    std::string_view cur = alias.substr(b, e - b);
    b = e + 1;
    // A possessive inside a name ("Sheriff's Office") is folded as the
    // text's words are: without its "'s".
    bool poss = cur.size() > 3 && cur.back() == 's' && cur[cur.size() - 2] == '\'';
    if (poss) cur.remove_suffix(2);
    if (!cur.empty()) {
      out.push_back({cur, hyphen, poss});
    } else if (hyphen && !out.empty()) {
      out.back().hyphen_after = true;
    }
  };
  for (size_t i = 0; i < alias.size(); ++i) {
    char c = alias[i];
    if (c == ' ' || c == '\t') {
      flush(i, false);
    } else if (c == '-' || c == '/' || c == ',' || c == '(' || c == ')' || c == '&' ||
               c == ':' || c == ';') {
      flush(i, c == '-');
    }
  }
  flush(alias.size(), false);
  // A period ending a word is a separator only when nothing else is
  // abbreviated in it ("Lt." stays "Lt." and folds to "lt").
  return out;
}

// FoldName(s) of a word or name with a non-ASCII byte. FoldName then goes
// through ICU (thousands of instructions) and texts repeat such words and
// names ("Erdoğan", "don’t"): remembered per thread, up to kMaxCached of
// them, then all forgotten at once.
const std::string& NonAsciiFoldName(std::string_view s) {
  static constexpr size_t kMaxCached = 4096;
  thread_local std::unordered_map<std::string, std::string> cache;
  std::string key(s);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  if (cache.size() >= kMaxCached) cache.clear();
  std::string fold = FoldName(s);
  return cache.emplace(std::move(key), std::move(fold)).first->second;
}

// Unfold(FoldName(s)) without a call for ASCII words: FoldName keeps their
// letters (lowered) and digits and turns every other byte into a space or
// nothing, which Unfold drops ("U.S." -> "us", "Sha'abi" -> "shaabi").
// Appends the fold of `s` to *out, through a pointer into room made first
// (a += per byte checks the capacity each time).
void FastFoldAppend(std::string_view s, std::string* out) {
  const size_t start = out->size();
  out->resize(start + s.size());
  char* o = out->data() + start;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      *o++ = static_cast<char>(c + 32);
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      *o++ = c;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      out->resize(start);
      for (const char x : NonAsciiFoldName(s))
        if (x != ' ') *out += x;
      return;
    }
  }
  out->resize(static_cast<size_t>(o - out->data()));
}
void FastFold(std::string_view s, std::string* out) {
  out->clear();
  FastFoldAppend(s, out);
}

// Hash of a folded word: its bytes in 8-byte little-endian chunks (the
// last one zero-padded) and its length, so that FoldFast hashes the fold
// of a word as it folds it, a chunk at a time, instead of a multiply per
// byte. Any function of the fold's bytes would do: every lookup confirms
// a hash match by comparing the folds (WordTable::Find, MatchAt, the surname
// pass), and a hash mismatch only ever means a fold mismatch. The final mix
// folds the high half into the low one, which the Bloom filter indexes
// (the table indexes the high half); one multiply is enough for that, and
// BuildWords pays the mix for every word of the text.
inline uint64_t MixChunk(uint64_t h, uint64_t chunk) { return (h ^ chunk) * 0x9e3779b97f4a7c15ull; }
inline uint64_t FinishHash(uint64_t h, size_t len) {
  h = (h ^ len) * 0xff51afd7ed558ccdull;
  return h ^ (h >> 32);
}
constexpr uint64_t kHashSeed = 0xcbf29ce484222325ull;
inline uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}
uint64_t FoldHash(std::string_view s) {
  uint64_t h = kHashSeed;
  size_t k = 0;
  for (; k + 8 <= s.size(); k += 8) h = MixChunk(h, Load8(s.data() + k));
  if (k < s.size()) {
    char tail[8] = {};
    std::memcpy(tail, s.data() + k, s.size() - k);
    h = MixChunk(h, Load8(tail));
  }
  return FinishHash(h, s.size());
}

// The fold of eight bytes of a word (the ASCII letters lowered), or false
// if a byte of the word is not an ASCII letter or digit. Bytes past the
// word (`valid` clear) may be anything and fold to zero, as FoldHash pads.
// Digits already have the 0x20 bit that lowers a letter.
inline bool FoldChunk(uint64_t x, uint64_t valid, uint64_t* fold) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x80 * kOnes;
  x &= valid;
  const uint64_t y = x | (0x20 * kOnes);
  // High bit of each byte: the byte is >= k (exact for bytes below 0x80,
  // and a byte at or above 0x80 fails the test below on its own).
  auto at_least = [](uint64_t v, uint64_t k) { return v + (0x80 - k) * kOnes; };
  const uint64_t letter = at_least(y, 'a') & ~at_least(y, 'z' + 1);
  const uint64_t digit = at_least(x, '0') & ~at_least(x, '9' + 1);
  *fold = y & valid;
  return ((((letter | digit) & ~x) | ~valid) & kHigh) == kHigh;
}

// The low n bytes of a chunk (n <= 8), by table: a load instead of a
// variable shift.
constexpr uint64_t kLowBytes[9] = {0,          0xff,           0xffff,
                                   0xffffff,   0xffffffff,     0xffffffffffull,
                                   0xffffffffffffull, 0xffffffffffffffull, ~0ull};

// The n = b.size() bytes at a equal b, eight bytes being readable from
// both: a short word, nearly every one, by one load from each side instead
// of a memcmp call.
inline bool SameBytes(const char* a, std::string_view b) {
  if (b.size() > 8) return std::memcmp(a, b.data(), b.size()) == 0;
  return ((Load8(a) ^ Load8(b.data())) & kLowBytes[b.size()]) == 0;
}

#if defined(__SSE2__)
// FoldChunk on sixteen lanes with SSE2 (the range tests take their
// constants from memory, where the SWAR form holds six in registers that
// BuildWords' loop then spills): the lanes with 0x20 set in *fold, and
// true if the first n are all ASCII letters or digits. ~ok has bits 16 up
// set, so its lowest set bit (the first lane that fails) always exists.
inline bool FoldLanes(__m128i v, size_t n, __m128i* fold) {
  const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
  const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
  const unsigned ok = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(AsciiLetters16(v), digit)));
  *fold = _mm_or_si128(v, _mm_set1_epi8(0x20));
  return static_cast<size_t>(std::countr_zero(~ok)) >= n;
}

// A word of n bytes (1..8) at p, eight readable.
inline bool FoldShort(const char* p, size_t n, uint64_t* fold) {
  __m128i f;
  if (!FoldLanes(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)), n, &f)) return false;
  *fold = static_cast<uint64_t>(_mm_cvtsi128_si64(f)) & kLowBytes[n];
  return true;
}

// A word of n bytes (9..16) at p, sixteen readable: its two chunks.
inline bool FoldMid(const char* p, size_t n, uint64_t* lo, uint64_t* hi) {
  __m128i f;
  if (!FoldLanes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), n, &f)) return false;
  *lo = static_cast<uint64_t>(_mm_cvtsi128_si64(f));
  *hi = static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(f, f))) & kLowBytes[n - 8];
  return true;
}
#else
inline bool FoldShort(const char* p, size_t n, uint64_t* fold) {
  return FoldChunk(Load8(p), kLowBytes[n], fold);
}
#endif

// Folds the n bytes at p (n > 0, readable in whole 8-byte chunks) into
// out (writing whole chunks) and sets *hash to FoldHash of the fold, if
// they are all ASCII letters and digits; false otherwise.
inline bool ChunkFoldHash(const char* p, size_t n, char* out, uint64_t* hash) {
  uint64_t h = kHashSeed, fold;
  if (n <= 8) {  // most words: one chunk, no loop
    if (!FoldShort(p, n, &fold)) return false;
    std::memcpy(out, &fold, 8);
    *hash = FinishHash(MixChunk(h, fold), n);
    return true;
  }
#if defined(__SSE2__)
  if (n <= 16) {  // most of the others: two chunks, one test
    uint64_t hi;
    if (!FoldMid(p, n, &fold, &hi)) return false;
    std::memcpy(out, &fold, 8);
    std::memcpy(out + 8, &hi, 8);
    *hash = FinishHash(MixChunk(MixChunk(h, fold), hi), n);
    return true;
  }
#endif
  for (size_t k = 0; k < n; k += 8) {
    const uint64_t valid = n - k >= 8 ? ~0ull : ~0ull >> (8 * (8 - (n - k)));
    if (!FoldChunk(Load8(p + k), valid, &fold)) return false;
    std::memcpy(out + k, &fold, 8);
    h = MixChunk(h, fold);
  }
  *hash = FinishHash(h, n);
  return true;
}

// The one pass BuildWords makes over each word: its fold (FastFoldAppend)
// written to `out` and FoldHash of it in *hash, for a word of ASCII
// letters and digits (nearly all of them) from which `readable` bytes
// (s.size() or more) may be read, at least a whole number of 8-byte chunks;
// false for other words, which FoldAppendSlow does. `out` has room for
// s.size() + 8 bytes (the fold is stored in whole chunks).
[[gnu::always_inline]] inline bool FoldFast(std::string_view s, size_t readable, char* out,
                                            uint64_t* hash) {
  const size_t n = s.size();
  return std::endian::native == std::endian::little && n > 0 &&
         ((n + 7) & ~size_t{7}) <= readable && ChunkFoldHash(s.data(), n, out, hash);
}

// FoldFast's other words, byte by byte: the fold is appended to *buf at
// *used (which advances past it), leaving at least `room` bytes of *buf
// past it; returns its FoldHash. Out of line: a non-ASCII word is rare.
[[gnu::noinline]] uint64_t FoldAppendSlow(std::string_view s, std::string* buf, size_t* used,
                                          size_t room) {
  std::string folded;
  FastFoldAppend(s, &folded);
  if (buf->size() < *used + folded.size() + room) buf->resize(*used + folded.size() + room);
  folded.copy(buf->data() + *used, folded.size());
  *used += folded.size();
  return FoldHash(folded);
}

// Gap between two words of a sentence.
enum class Gap : uint8_t { kStart, kSpace, kHyphen, kPeriod, kOther };

bool Joinable(Gap g) { return g == Gap::kSpace || g == Gap::kHyphen || g == Gap::kPeriod; }

// One word of a sentence. Its text, fold and gap are views that
// SentenceScan makes from the offsets here (Raw, Fold, GapText): a small
// Word is cheap to fill, and BuildWords fills one for every word of the text.
struct Word {
  Span span;                 // possessive "'s" excluded; Raw() is its text
  uint32_t tok_end = 0;      // end of the token, possessive included
  uint32_t fold_off = 0, fold_len = 0;  // Fold(): FoldName without spaces, in folds_
  uint32_t kinds = 0;  // Bit(type) of every hit whose first keyword is this word
  // The hits whose first keyword is this word, hits_[hit_begin, hit_end):
  // set by BuildHits only where kinds != 0, and read only there.
  uint32_t hit_begin = 0, hit_end = 0;
  uint64_t hash = 0;         // FoldHash(Fold())
  Gap gap_kind = Gap::kStart;  // of GapText(): the text since the previous word (or sentence start)
  bool article = false;      // droppable Arabic article
  bool cap = false;          // starts with a capital
  bool possessive = false;
};

struct Hit {
  int pattern;
  int b, e;    // words [b, e)
  PType type;  // patterns[pattern].type, kept here to spare the lookup
};

const char* SectorWord(std::string_view s) {
  if (s == "MIL") return "military";
  if (s == "GOV") return "government";
  if (s == "REB") return "rebels";
  if (s == "PRM") return "paramilitary";
  if (s == "UAF") return "armed group";
  if (s == "CVL") return "civilians";
  if (s == "REF") return "refugees";
  if (s == "COP") return "police";
  if (s == "JUD") return "judiciary";
  if (s == "MED") return "media";
  if (s == "OPP") return "opposition";
  if (s == "IGO") return "intergovernmental";
  if (s == "NGO") return "NGO";
  if (s == "BUS") return "business";
  return "";
}

std::string JoinSectors(const std::vector<std::string>& s, const char* sep) {
  std::string out;
  for (const auto& x : s) {
    if (!out.empty()) out += sep;
    out += x;
  }
  return out;
}

}  // namespace

// Hash and lookup by string_view for the maps keyed by folded words.
struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using SvMap = std::unordered_map<std::string, V, SvHash, std::equal_to<>>;
using SvSet = std::unordered_set<std::string, SvHash, std::equal_to<>>;

namespace {

// An open-addressing hash set of folded words keyed by FoldHash, with a
// payload per word. Probing reads only the dense hash array (8 bytes a
// slot); an optional 64 Kbit Bloom filter turns most words of running text
// away before that.
class WordTable {
 public:
  struct Slot {
    uint32_t key_off = 0, key_len = 0;    // in key_pool_
    uint32_t pat_begin = 0, pat_end = 0;  // payload: a range of Tables::heads
    // Payload: where the patterns of one keyword begin in that range (they
    // come last), and bit (h & 63) set for the hash h of every second
    // keyword of the others.
    uint32_t pat_single = 0;
    uint64_t second_bits = 0;
    uint8_t flags = 0;                    // payload: Tables::kStopFlag | ...
  };

  explicit WordTable(bool bloom) : use_bloom_(bloom) {
    if (bloom) bloom_.assign(1024, 0);
  }

  // Sizes the table for `keys` keys; call once before Insert.
  void Reserve(size_t keys) {
    size_t cap = 16;
    while (cap < 2 * keys) cap *= 2;
    hashes_.assign(cap, 0);
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
  }

  // False if no key has hash `h` (the Bloom filter; a table without one
  // says true).
  bool MayHave(uint64_t h) const { return !use_bloom_ || BloomHas(bloom_.data(), h); }
  // MayHave on the filter `bloom()` of a table that has one, which a caller
  // may keep in a local across a loop.
  static bool BloomHas(const uint64_t* bloom, uint64_t h) {
    return (bloom[(h >> 6) & 1023] >> (h & 63)) & 1;
  }
  const uint64_t* bloom() const { return bloom_.data(); }

  // The slot of `key` (FoldHash(key) must be `h`), or nullptr.
  const Slot* Find(std::string_view key, uint64_t h) const {
    if (!MayHave(h)) return nullptr;
    return Probe(key, h);
  }
  // Find after MayHave(h) said true. Eight bytes must be readable from
  // key.data(), as from every fold of BuildWords.
  const Slot* Probe(std::string_view key, uint64_t h) const {
    h = NonZero(h);
    for (size_t i = (h >> 32) & mask_; hashes_[i] != 0; i = (i + 1) & mask_) {
      if (hashes_[i] == h && KeyIs(i, key)) return &slots_[i];
    }
    return nullptr;
  }

  // The slot of `key`, added if new.
  Slot* Insert(std::string_view key) {
    const uint64_t raw = FoldHash(key);
    const uint64_t h = NonZero(raw);
    for (size_t i = (h >> 32) & mask_;; i = (i + 1) & mask_) {
      if (hashes_[i] == 0) {
        hashes_[i] = h;
        slots_[i].key_off = static_cast<uint32_t>(key_pool_.size() - kPad);
        slots_[i].key_len = static_cast<uint32_t>(key.size());
        key_pool_.insert(key_pool_.size() - kPad, key);
        if (use_bloom_) bloom_[(raw >> 6) & 1023] |= uint64_t{1} << (raw & 63);
        return &slots_[i];
      }
      if (hashes_[i] == h && KeyAt(i) == key) return &slots_[i];
    }
  }

 private:
  static uint64_t NonZero(uint64_t h) { return h == 0 ? 1 : h; }  // 0 marks a free slot
  std::string_view KeyAt(size_t i) const {
    // In range by construction: no substr (its bounds check is not inlined).
    return std::string_view(key_pool_.data() + slots_[i].key_off, slots_[i].key_len);
  }
  // KeyAt(i) == key (eight bytes readable from key.data()).
  bool KeyIs(size_t i, std::string_view key) const {
    return slots_[i].key_len == key.size() && SameBytes(key_pool_.data() + slots_[i].key_off, key);
  }

  bool use_bloom_;
  std::vector<uint64_t> bloom_;
  std::vector<uint64_t> hashes_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  // The keys, end to end, and kPad bytes past the last for KeyIs' loads.
  static constexpr size_t kPad = 8;
  std::string key_pool_ = std::string(kPad, '\0');
};

}  // namespace

struct ActorFinder::Tables {
  std::vector<Pattern> patterns;
  // First folded keyword -> patterns starting with it, longest first.
  SvMap<std::vector<int>> by_first;
  std::vector<ActorEntry> actors;
  std::vector<OutletEntry> outlets;
  std::vector<PersonEntry> people;
  std::vector<CountryEntry> countries;
  std::vector<AgentEntry> agents;
  std::vector<ModifierEntry> modifiers;
  std::vector<TitleEntry> titles;
  std::vector<GivenEntry> given;
  std::vector<OrgHeadEntry> org_heads;
  std::unordered_map<std::string, int> country_by_code;
  SvSet stopwords;    // folded
  SvSet place_preps;  // folded
  // actor_modifiers.tsv kind "shared_name": country names that are also a
  // first-level division of another country ("Georgia"), folded.
  SvSet shared_names;
  // backed_forces.tsv: "US>SY" -> sectors of US-backed Syrian forces.
  std::unordered_map<std::string, std::vector<std::string>> proxy_sectors;
  std::vector<std::string> problems;

  void Add(std::string_view alias, PType type, int entry, CaseMode mode, bool auto_case,
           const std::string& table) {
    std::vector<AliasWord> words = SplitAlias(alias);
    Pattern p;
    p.type = type;
    p.entry = entry;
    p.alias = std::string(alias);
    if (type == PType::kActor || type == PType::kOutlet || type == PType::kPerson)
      p.dict_rule = table + ".tsv:" + p.alias;
    // A leading "The" of a multi-word name is optional in text. FastFold
    // (Unfold(FoldName) without FoldName's strings for plain words, as for
    // every word below) is "the" whenever FoldName is.
    std::string f;  // a word's fold, reused
    if (words.size() > 1) {
      FastFold(words[0].raw, &f);
      if (f == "the" && FoldName(words[0].raw) == "the") {
        p.lead_the = true;
        words.erase(words.begin());
      }
    }
    int letters_total = 0;
    bool all_upper = true;
    std::string_view first_raw;
    for (size_t i = 0; i < words.size(); ++i) {
      FastFold(words[i].raw, &f);
      if (f.empty()) continue;
      if (words.size() > 1 && DroppableArticle(f, words[i].hyphen_after) && i + 1 < words.size())
        continue;
      int l;
      bool up;
      LetterShape(words[i].raw, &l, &up);
      letters_total += l;
      all_upper = all_upper && up && l > 0;
      if (p.folds.empty()) first_raw = words[i].raw;
      if (words[i].possessive && p.folds.size() < 32) p.possessive |= 1u << p.folds.size();
      p.folds.push_back(f);
      p.exact.push_back(WithoutDots(words[i].raw));
    }
    if (p.folds.empty()) {
      problems.push_back(table + ": '" + std::string(alias) + "': no letters");
      return;
    }
    // Short all-caps aliases (IS, SAA, SDF, US, U.S.) must match as written.
    p.mode = mode;
    if (auto_case) p.mode = (all_upper && letters_total <= 6) ? CaseMode::kExact : CaseMode::kCap;
    // "bin Laden", "de Mistura": a name written with a lower-case particle
    // first cannot ask for a capital there.
    if (p.mode == CaseMode::kCap && !first_raw.empty() && !StartsUpper(first_raw))
      p.mode = CaseMode::kFold;
    int id = static_cast<int>(patterns.size());
    by_first[p.folds[0]].push_back(id);
    // Text that dropped its apostrophes ("Russias Defense Ministry") has
    // the possessive glued on, as the name's words folded before.
    if (p.possessive) {
      Pattern bare = p;
      for (size_t q = 0; q < bare.folds.size(); ++q)
        if (bare.possessive >> q & 1u) {
          bare.folds[q] += 's';
          bare.exact[q] += 's';
        }
      bare.possessive = 0;
      by_first[bare.folds[0]].push_back(id + 1);
      patterns.push_back(std::move(p));
      patterns.push_back(std::move(bare));
      return;
    }
    patterns.push_back(std::move(p));
  }

  // Every folded word that opens a pattern, with its patterns (by_first
  // in run-time form): looked up once per word of the document.
  WordTable starts = WordTable(true);
  // Person stopwords and place prepositions, looked up only where a rule
  // asks (next to a hit).
  static constexpr uint8_t kStopFlag = 1, kPlacePrepFlag = 2, kSharedNameFlag = 4;
  WordTable stops = WordTable(false);
  // What BuildHits needs of a pattern, stored contiguously per key (the
  // patterns themselves are scattered over the heap: strings in vectors).
  struct PatHead {
    int pattern;
    uint32_t hash_off;  // fold_hashes[hash_off + q] = FoldHash(folds[q])
    uint32_t nfolds;
    CaseMode mode;
    PType type;
    uint32_t possessive;  // Pattern::possessive
  };
  std::vector<PatHead> heads;
  std::vector<uint64_t> fold_hashes;

  void Finish() {
    for (auto& [k, v] : by_first) {
      std::stable_sort(v.begin(), v.end(), [&](int a, int b) {
        return patterns[a].folds.size() > patterns[b].folds.size();
      });
    }
    starts.Reserve(by_first.size());
    for (const auto& [k, v] : by_first) {
      WordTable::Slot* s = starts.Insert(k);
      s->pat_begin = static_cast<uint32_t>(heads.size());
      s->pat_single = s->pat_begin;
      for (int pid : v) {
        const Pattern& p = patterns[pid];
        heads.push_back({pid, static_cast<uint32_t>(fold_hashes.size()),
                         static_cast<uint32_t>(p.folds.size()), p.mode, p.type, p.possessive});
        for (const std::string& f : p.folds) fold_hashes.push_back(FoldHash(f));
        if (p.folds.size() > 1) {
          s->pat_single = static_cast<uint32_t>(heads.size());
          s->second_bits |= uint64_t{1} << (fold_hashes[heads.back().hash_off + 1] & 63);
        }
      }
      s->pat_end = static_cast<uint32_t>(heads.size());
    }
    stops.Reserve(stopwords.size() + place_preps.size() + shared_names.size());
    for (const auto& k : stopwords) stops.Insert(k)->flags |= kStopFlag;
    for (const auto& k : place_preps) stops.Insert(k)->flags |= kPlacePrepFlag;
    for (const auto& k : shared_names) stops.Insert(k)->flags |= kSharedNameFlag;
  }
};

namespace {

// Column accessor that tolerates a missing column ("" then).
struct Cols {
  const Table& t;
  std::vector<int> idx;
  Cols(const Table& table, std::initializer_list<const char*> names) : t(table) {
    for (const char* n : names) idx.push_back(table.Column(n));
  }
  const std::string& get(const std::vector<std::string>& row, size_t i) const {
    static const std::string kEmpty;
    int c = idx[i];
    return (c >= 0 && static_cast<size_t>(c) < row.size()) ? row[c] : kEmpty;
  }
};

CaseMode ParseCase(const std::string& s, bool* auto_case) {
  *auto_case = false;
  if (s == "exact") return CaseMode::kExact;
  if (s == "fold") return CaseMode::kFold;
  if (s == "cap") return CaseMode::kCap;
  *auto_case = true;
  return CaseMode::kCap;
}

}  // namespace

ActorFinder::ActorFinder(const Lexicon& lexicon) {
  auto t = std::make_unique<Tables>();
  std::string fold;  // FastFold's, reused
  // Countries (generated by the gazetteer build; absent -> no country actors).
  {
    const Table& tab = lexicon.table("countries");
    Cols c(tab, {"code", "iso3", "name", "aliases", "demonyms"});
    for (const auto& row : tab.rows) {
      const std::string& code = c.get(row, 0);
      if (code.size() != 2) {
        t->problems.push_back("countries: '" + code + "': code is not ISO alpha-2");
        continue;
      }
      int id = static_cast<int>(t->countries.size());
      t->countries.push_back({code, c.get(row, 1), c.get(row, 2), "", ""});
      t->country_by_code[code] = id;
      std::vector<std::string> names = SplitList(c.get(row, 3), '|');
      names.insert(names.begin(), c.get(row, 2));
      for (const auto& n : names) {
        int letters;
        bool up;
        LetterShape(n, &letters, &up);
        if (letters == 0) continue;
        if (up && letters <= 4)
          t->Add(n, PType::kCountryAbbrev, id, CaseMode::kExact, false, "countries");
        else
          t->Add(n, PType::kCountry, id, CaseMode::kCap, false, "countries");
      }
      const std::vector<std::string> demonyms = SplitList(c.get(row, 4), '|');
      for (const auto& d : demonyms) {
        const size_t before = t->patterns.size();
        t->Add(d, PType::kDemonym, id, CaseMode::kCap, false, "countries");
        // "Syrians" beside "Syrian": the people of the country, an actor
        // on its own ("the Americans insist", "two Syrians were hurt").
        bool plural = false;
        for (const auto& other : demonyms) plural = plural || d == other + "s";
        for (size_t pi = before; pi < t->patterns.size(); ++pi) t->patterns[pi].plural = plural;
      }
    }
    for (CountryEntry& e : t->countries) {
      const CountryEntry& c = t->countries[t->country_by_code.at(e.code)];
      e.state_ref = "actor:" + (c.iso3.empty() ? c.code : c.iso3);
      e.state_name = c.name;
    }
  }
  {
    const Table& tab = lexicon.table("actors");
    Cols c(tab, {"alias", "id", "kind", "name", "country", "sectors", "case", "context",
                 "affiliate_of"});
    for (const auto& row : tab.rows) {
      ActorEntry e;
      e.id = c.get(row, 1);
      e.kind = c.get(row, 2);
      e.name = c.get(row, 3);
      e.country = c.get(row, 4);
      e.sectors = SplitList(c.get(row, 5), '|');
      e.context = c.get(row, 7);
      e.affiliate_of = c.get(row, 8);
      e.ref = (e.kind == "organization" ? "org:" : "actor:") + e.id;
      e.organization = e.kind == "organization";
      e.state = e.kind == "state";
      e.ctx = e.context == "group"          ? Context::kGroup
              : e.context == "not_headline" ? Context::kNotHeadline
              : e.context == "the"          ? Context::kThe
                                            : Context::kNone;
      if (e.id.empty() || (e.kind != "actor" && e.kind != "organization" && e.kind != "state")) {
        t->problems.push_back("actors: '" + c.get(row, 0) + "': needs an id and kind actor|organization|state");
        continue;
      }
      bool auto_case;
      CaseMode m = ParseCase(c.get(row, 6), &auto_case);
      int id = static_cast<int>(t->actors.size());
      t->actors.push_back(std::move(e));
      t->Add(c.get(row, 0), PType::kActor, id, m, auto_case, "actors");
    }
  }
  {
    const Table& tab = lexicon.table("outlets");
    Cols c(tab, {"alias", "canonical", "country"});
    for (const auto& row : tab.rows) {
      const std::string& alias = c.get(row, 0);
      // Domains and all-lower-case spellings serve metadata matching; in
      // running text they are either URLs or common words ("manar").
      int letters;
      bool up;
      LetterShape(alias, &letters, &up);
      if (alias.find('.') != std::string::npos && !up) continue;
      if (alias.empty() || (!StartsUpper(alias) && !std::isdigit(static_cast<unsigned char>(alias[0]))))
        continue;
      int id = static_cast<int>(t->outlets.size());
      t->outlets.push_back({c.get(row, 1), c.get(row, 2), "outlet:" + Slug(c.get(row, 1))});
      t->Add(alias, PType::kOutlet, id, CaseMode::kCap, true, "outlets");
    }
  }
  {
    const Table& tab = lexicon.table("people");
    Cols c(tab, {"alias", "canonical", "role", "country"});
    for (const auto& row : tab.rows) {
      int id = static_cast<int>(t->people.size());
      t->people.push_back(
          {c.get(row, 1), c.get(row, 2), c.get(row, 3), "person:" + Slug(c.get(row, 1))});
      t->Add(c.get(row, 0), PType::kPerson, id, CaseMode::kCap, false, "people");
    }
  }
  {
    const Table& tab = lexicon.table("agents");
    Cols c(tab, {"noun", "sectors", "role", "alone", "generic", "group"});
    for (const auto& row : tab.rows) {
      AgentEntry e;
      e.noun = c.get(row, 0);
      e.sectors = SplitList(c.get(row, 1), '|');
      e.attack = c.get(row, 2) == "attack";
      e.alone = c.get(row, 3) == "yes";
      e.generic = c.get(row, 4) == "yes";
      e.group = c.get(row, 5);
      int id = static_cast<int>(t->agents.size());
      t->agents.push_back(std::move(e));
      t->Add(c.get(row, 0), PType::kAgent, id, CaseMode::kFold, false, "agents");
    }
  }
  {
    const Table& tab = lexicon.table("actor_modifiers");
    Cols c(tab, {"word", "kind", "sectors"});
    for (const auto& row : tab.rows) {
      const std::string& kind = c.get(row, 1);
      if (kind == "place_prep") {
        FastFold(c.get(row, 0), &fold);
        t->place_preps.insert(fold);
        continue;
      }
      if (kind == "shared_name") {
        FastFold(c.get(row, 0), &fold);
        t->shared_names.insert(fold);
        continue;
      }
      ModifierEntry e;
      e.word = c.get(row, 0);
      if (kind == "backed") e.kind = ModKind::kBacked;
      else if (kind == "led") e.kind = ModKind::kLed;
      else if (kind == "pro") e.kind = ModKind::kPro;
      else if (kind == "held") e.kind = ModKind::kHeld;
      else if (kind == "modifier") e.kind = ModKind::kModifier;
      else {
        t->problems.push_back("actor_modifiers: '" + e.word + "': unknown kind '" + kind + "'");
        continue;
      }
      e.sectors = SplitList(c.get(row, 2), '|');
      int id = static_cast<int>(t->modifiers.size());
      t->modifiers.push_back(std::move(e));
      t->Add(c.get(row, 0), PType::kModifier, id, CaseMode::kFold, false, "actor_modifiers");
    }
  }
  {
    const Table& tab = lexicon.table("backed_forces");
    Cols c(tab, {"backer", "country", "sectors"});
    for (const auto& row : tab.rows)
      t->proxy_sectors[c.get(row, 0) + ">" + c.get(row, 1)] = SplitList(c.get(row, 2), '|');
  }
  {
    const Table& tab = lexicon.table("titles");
    Cols c(tab, {"title", "case", "min_names"});
    for (const auto& row : tab.rows) {
      TitleEntry e;
      e.title = c.get(row, 0);
      e.rule = "title:" + e.title;
      e.any_case = c.get(row, 1) == "any";
      e.min_names = c.get(row, 2) == "2" ? 2 : 1;
      int id = static_cast<int>(t->titles.size());
      t->titles.push_back(std::move(e));
      t->Add(c.get(row, 0), PType::kTitle, id, e.any_case ? CaseMode::kFold : CaseMode::kCap,
             false, "titles");
    }
  }
  {
    const Table& tab = lexicon.table("given_names");
    Cols c(tab, {"name", "kind", "ambiguous"});
    for (const auto& row : tab.rows) {
      GivenEntry e;
      const std::string& kind = c.get(row, 1);
      if (kind == "kunya") e.kind = GivenKind::kKunya;
      else if (kind == "particle") e.kind = GivenKind::kParticle;
      e.ambiguous = c.get(row, 2) == "yes";
      int id = static_cast<int>(t->given.size());
      t->given.push_back(e);
      // Particles are written in lower case inside names ("bin", "ibn").
      t->Add(c.get(row, 0), PType::kGiven, id,
             e.kind == GivenKind::kParticle ? CaseMode::kFold : CaseMode::kCap, false,
             "given_names");
    }
  }
  {
    const Table& tab = lexicon.table("org_heads");
    Cols c(tab, {"head", "kind", "sectors"});
    for (const auto& row : tab.rows) {
      OrgHeadEntry e;
      e.outlet = c.get(row, 1) == "outlet";
      e.sectors = SplitList(c.get(row, 2), '|');
      e.rule = "org_heads.tsv:" + c.get(row, 0);
      int id = static_cast<int>(t->org_heads.size());
      t->org_heads.push_back(std::move(e));
      t->Add(c.get(row, 0), PType::kOrgHead, id, CaseMode::kCap, false, "org_heads");
    }
  }
  {
    const Table& tab = lexicon.table("person_stopwords");
    for (const auto& row : tab.rows)
      if (!row.empty()) {
        FastFold(row[0], &fold);
        t->stopwords.insert(fold);
      }
  }
  t->Finish();
  t_ = std::move(t);
}

ActorFinder::~ActorFinder() = default;

const std::vector<std::string>& ActorFinder::problems() const { return t_->problems; }
size_t ActorFinder::pattern_count() const { return t_->patterns.size(); }

std::string Slug(std::string_view name) {
  std::string s = FoldName(name);
  std::replace(s.begin(), s.end(), ' ', '-');
  return s;
}

namespace {

// "person:" + Slug(name). Every person mention the rules find makes one:
// an ASCII name (nearly all) is slugged in one pass, as FoldName's ASCII
// path folds it, without its intermediate string.
std::string PersonRef(std::string_view name) {
  constexpr size_t kPrefix = 7;
  std::string out = "person:";
  out.reserve(kPrefix + name.size());
  for (const char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::string slug = NonAsciiFoldName(name);  // Slug(name)
      std::replace(slug.begin(), slug.end(), ' ', '-');
      return "person:" + slug;
    }
    if (IsAsciiUpper(c)) {
      out += static_cast<char>(c + 32);
    } else if (IsAsciiLower(c) || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c != '\'' && c != '`' && out.size() > kPrefix && out.back() != '-') {
      out += '-';  // a run of other characters separates
    }
  }
  if (out.back() == '-') out.pop_back();
  return out;
}

}  // namespace

namespace actors_internal {

uint64_t FoldWord(std::string_view word, std::string* fold) {
  // Padded as a word inside a text is, so that FoldFast applies as in
  // BuildWords.
  std::string padded(word);
  padded.append(8, '\0');
  std::string buf(word.size() + 8, '\0');
  uint64_t h;
  size_t used = 0;
  if (FoldFast(std::string_view(padded.data(), word.size()), padded.size(), buf.data(), &h))
    used = word.size();
  else
    h = FoldAppendSlow(word, &buf, &used, 0);
  fold->assign(buf, 0, used);
  return h;
}

uint64_t FoldWordSlow(std::string_view word, std::string* fold) {
  std::string buf;
  size_t used = 0;
  const uint64_t h = FoldAppendSlow(word, &buf, &used, 0);
  fold->assign(buf, 0, used);
  return h;
}

uint64_t WordHash(std::string_view fold) { return FoldHash(fold); }

}  // namespace actors_internal

namespace {

struct Cand {
  int wb = 0, we = 0;  // words covered (for overlap), may exceed the span (titles)
  int prio = 0;
  Mention m;
};

// A found person, for later bare-surname references.
struct Known {
  std::string ref, name, surname;
  uint32_t first = 0;
};

// Per-sentence working storage, kept across the sentences of a document
// (and the documents of a thread) so that a sentence allocates nothing.
struct ScanBuffers {
  std::vector<Word> w;
  std::string folds;
  std::vector<Hit> hits;
  std::vector<int> maybe_starts;
  // FindImpl's: the candidates (moved out or destroyed after each sentence,
  // so only the room is kept) and the overlap pass's indices.
  std::vector<Cand> cands;
  std::vector<int> order, accepted;
  std::vector<char> used;
  // Groups and organisations the document has named so far (ids, few):
  // after one of them a context-only alias of it stands alone ("Islamic
  // State ... IS seized", "the Syrian Observatory ... the Observatory said").
  std::vector<std::string> named_groups;
  // The document has no apostrophe at all: its possessives lost theirs
  // ("Assads forces", "Turkeys Erdogan").
  bool bare_possessives = false;
};

// One sentence's words, hits and candidates.
class SentenceScan {
 public:
  // `places`: spans of the place mentions of earlier layers; `explain`:
  // fill Mention::evidence.
  SentenceScan(const ActorFinder::Tables& t, std::string_view text, Span sentence, int index,
               const std::vector<Token>& tokens, size_t tok_begin,
               const std::vector<Span>* places, bool explain, ScanBuffers* buf)
      : t_(t),
        text_(text),
        sent_(sentence),
        index_(index),
        places_(places),
        explain_(explain),
        w_(buf->w),
        folds_(buf->folds),
        hits_(buf->hits),
        maybe_starts_(buf->maybe_starts),
        named_groups_(buf->named_groups),
        bare_possessives_(buf->bare_possessives) {
    hits_.clear();
    BuildWords(tokens, tok_begin);
    BuildHits();
  }

  void Run(std::vector<Cand>* cands) {
    cands_ = cands;
    // Every rule starts at a word that opens some pattern: one of the
    // words BuildHits looked at, in text order.
    // A rule is called only when the word has a hit of a type it starts
    // from (each would return at once otherwise): most words have one or
    // two types.
    constexpr uint32_t kDict = Bit(PType::kActor) | Bit(PType::kOutlet) | Bit(PType::kPerson);
    constexpr uint32_t kPhrase = Bit(PType::kCountry) | Bit(PType::kCountryAbbrev) |
                                 Bit(PType::kDemonym) | Bit(PType::kModifier) | Bit(PType::kAgent);
    for (const int k : maybe_starts_) {
      const uint32_t kinds = w_[k].kinds;
      if (kinds == 0) continue;  // no hit (articles have none of their own)
      if (kinds & kDict) Dictionary(k);
      if (kinds & kPhrase) Phrase(k);
      if (kinds & Bit(PType::kCountryAbbrev)) CountryAlone(k);
      if (kinds & Bit(PType::kDemonym)) {
        DemonymAlone(k);
        CoordinatedDemonym(k);
      }
      if (kinds & Bit(PType::kTitle)) Title(k);
      if (kinds & Bit(PType::kGiven)) GivenName(k);
      if (kinds & Bit(PType::kOrgHead)) OrgHead(k);
    }
  }

  std::span<const Word> words() const { return {w_.data(), static_cast<size_t>(nw_)}; }
  // Past the sentence's last token.
  size_t tok_end() const { return tok_end_; }
  // An all-caps headline ("US TROOPS LEAVE SYRIA"): capitalisation and
  // short capitals ("IS", "US") mean nothing there. Counted over the words
  // once per sentence, when a rule asks.
  bool headline() const {
    if (headline_ < 0) {
      int upper = 0, lower = 0;
      headline_ = 0;
      for (int i = 0; i < nw_; ++i) {
        CountCase(Raw(i), &upper, &lower);
        // The capitals still to come lie in the rest of the sentence: once
        // they cannot outnumber twice the small letters, it is no headline.
        if (2 * static_cast<int64_t>(lower) >=
            upper + static_cast<int64_t>(sent_.end) - w_[i].span.end)
          return false;
      }
      headline_ = upper >= 8 && upper > 2 * lower;
    }
    return headline_ == 1;
  }

 private:
  int n() const { return nw_; }

  // Fills w_ (one Word per word or number token of the sentence), folding
  // each word once into folds_ and hashing the fold for BuildHits, which
  // looks only at the words listed in maybe_starts_ (those that pass the
  // Bloom filter of the pattern starts, tested here while the hash is at
  // hand). The sentence's tokens are those from tb on that end inside it
  // (the caller has passed over the ones before it); tok_end_ is set past
  // them.
  void BuildWords(const std::vector<Token>& tokens, size_t tb) {
    // w_ only grows (it is reused): every field of a Word BuildHits and the
    // rules read is set below, so the slots need no clearing. Sized for
    // the rest of the document.
    if (w_.size() < tokens.size() - tb) w_.resize(tokens.size() - tb);
    maybe_starts_.clear();
    // folds_ only grows too; `used` is this sentence's part. ASCII folds
    // never outgrow their words, and the words lie inside the sentence:
    // room for all of them and FoldFast's whole-chunk stores past the last
    // (FoldAppendSlow keeps as much room past a longer fold).
    const size_t room = SlowRoom();
    if (folds_.size() < room) folds_.resize(room);
    // The loop works on locals: the byte stores of the folds may alias any
    // member, which would then be reloaded for every word.
    Word* const W = w_.data();
    char* folds = folds_.data();  // changes only in FoldAppendSlow
    const Token* const T = tokens.data();
    const size_t nt = tokens.size();
    const char* const text = text_.data();
    const size_t text_size = text_.size();
    const uint32_t sent_end = sent_.end;
    const uint64_t* const starts_bloom = t_.starts.bloom();  // the starts table has one
    Word* wp = W;  // the next word
    size_t used = 0;
    // By pointers, and the previous word's end read back from it: fewer
    // values live across the loop, which spilled them all.
    const Token* tp = T + tb;
    const Token* const tend = T + nt;
    for (; tp < tend && tp->span.end <= sent_end; ++tp) {
      const Token& tok = *tp;
      if (tok.kind != Token::Kind::kWord && tok.kind != Token::Kind::kNumber) continue;
      // Built in place, every field assigned: a Word assembled on the stack
      // and copied in stalls on store forwarding, and zeroing it first
      // costs as much again; this loop runs for every word of the text.
      Word& w = *wp;
      const Span span = tok.span;
      w.span = span;
      w.tok_end = span.end;
      w.possessive = false;
      w.article = false;
      w.kinds = 0;
      std::string_view raw(text + span.begin, span.end - span.begin);
      // Possessive: "Hezbollah's", "Assad’s". Most words do not end in
      // 's', which turns them away with one test.
      if (raw.size() > 3 && raw.back() == 's') {
        if (raw[raw.size() - 2] == '\'') {
          raw.remove_suffix(2);
        } else if (raw.size() > 5 && std::memcmp(raw.data() + raw.size() - 4, "\xE2\x80\x99s", 4) == 0) {
          raw.remove_suffix(4);
        }
        if (raw.size() != span.end - span.begin) {
          w.possessive = true;
          w.span.end = span.begin + static_cast<uint32_t>(raw.size());
        }
      }
      w.fold_off = static_cast<uint32_t>(used);
      uint64_t hash;
      if (FoldFast(raw, text_size - span.begin, folds + used, &hash)) {
        used += raw.size();
      } else {
        hash = FoldAppendSlow(raw, &folds_, &used, SlowRoom());
        folds = folds_.data();
      }
      w.hash = hash;
      w.fold_len = static_cast<uint32_t>(used - w.fold_off);
      if (WordTable::BloomHas(starts_bloom, hash)) maybe_starts_.push_back(static_cast<int>(wp - W));
      const unsigned char c0 = raw.empty() ? 0 : static_cast<unsigned char>(raw[0]);
      w.cap = c0 < 0x80 ? IsAsciiUpper(static_cast<char>(c0)) : StartsUpper(raw);
      if (wp == W) {
        w.gap_kind = Gap::kStart;
      } else {
        Word& prev = wp[-1];
        const uint32_t prev_end = prev.tok_end;
        w.gap_kind = ClassifyGap(std::string_view(text + prev_end, span.begin - prev_end), prev);
        // The previous word is a droppable article if this one joins it.
        // Articles fold to two or three letters: most words fail on length.
        const bool hyphen = w.gap_kind == Gap::kHyphen;
        prev.article = prev.fold_len - 2u <= 1u && (hyphen || w.gap_kind == Gap::kSpace) &&
                       !prev.possessive &&
                       DroppableArticle(std::string_view(folds + prev.fold_off, prev.fold_len), hyphen);
      }
      ++wp;
    }
    nw_ = static_cast<int>(wp - W);
    if (bare_possessives_) BarePossessives();
    tok_end_ = static_cast<size_t>(tp - T);
    sent_tail_ = wp > W ? wp[-1].tok_end : sent_.begin;
    headline_ = -1;  // worked out when a rule asks (headline())
  }

  // "Assads", "ISILs" in copy without apostrophes: a capitalised word that opens
  // no pattern, but without its final "s" is a whole name of one word (a
  // country, actor, outlet or person), becomes that name's possessive.
  // Apart from BuildWords' loop, which runs for every word of the text.
  [[gnu::noinline]] void BarePossessives() {
    const uint64_t* const starts_bloom = t_.starts.bloom();
    bool added = false;
    for (int i = 0; i < nw_; ++i) {
      Word& w = w_[i];
      const std::string_view raw = Raw(i);
      const std::string_view fold = Fold(i);
      // (A name, "Assads", or an acronym, "ISILs", "SANAs".)
      if (w.possessive || raw.size() < 3 || !IsAsciiUpper(raw[0]) || raw.back() != 's' ||
          fold.empty() || fold.back() != 's' || WordTable::BloomHas(starts_bloom, w.hash))
        continue;
      const std::string_view stem_raw = raw.substr(0, raw.size() - 1);
      const bool acronym = std::all_of(stem_raw.begin(), stem_raw.end(), IsAsciiUpper);
      if (!acronym && (raw.size() <= 4 || !IsAsciiLower(raw[raw.size() - 2]))) continue;
      const std::string_view stem = fold.substr(0, fold.size() - 1);
      const uint64_t hash = FoldHash(stem);
      const WordTable::Slot* slot = t_.starts.Probe(stem, hash);
      if (!slot) continue;
      bool whole = false;
      for (uint32_t pi = slot->pat_begin; pi < slot->pat_end && !whole; ++pi) {
        const ActorFinder::Tables::PatHead& h = t_.heads[pi];
        whole = h.nfolds == 1 && (h.type == PType::kCountry || h.type == PType::kActor ||
                                  h.type == PType::kOutlet || h.type == PType::kPerson);
      }
      if (!whole) continue;
      w.hash = hash;
      w.fold_len -= 1;
      w.possessive = true;
      w.span.end -= 1;
      maybe_starts_.push_back(i);
      added = true;
    }
    if (added) std::sort(maybe_starts_.begin(), maybe_starts_.end());
  }

  // Adds the ASCII capitals and small letters of `word` (a view of text_)
  // to *upper and *lower: eight bytes at a time where text_ can be read
  // that far (headline() counts the letters of whole sentences).
  void CountCase(std::string_view word, int* upper, int* lower) const {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x80 * kOnes;
    // High bit of each byte of a chunk with its high bits cleared: the byte
    // is >= k (no carry crosses a byte below 0x80).
    auto at_least = [](uint64_t v, uint64_t k) { return v + (0x80 - k) * kOnes; };
    // The number of flagged bytes (high bits) of a chunk.
    auto count = [](uint64_t flags) { return static_cast<int>(((flags >> 7) * kOnes) >> 56); };
    const size_t readable = text_.size() - static_cast<size_t>(word.data() - text_.data());
    size_t k = 0;
    for (; k < word.size() && k + 8 <= readable; k += 8) {
      const uint64_t x = Load8(word.data() + k) & kLowBytes[std::min<size_t>(word.size() - k, 8)];
      const uint64_t h = x & ~kHigh, ascii = ~x & kHigh;
      *upper += count(at_least(h, 'A') & ~at_least(h, 'Z' + 1) & ascii);
      *lower += count(at_least(h, 'a') & ~at_least(h, 'z' + 1) & ascii);
    }
    for (; k < word.size(); ++k) {
      *upper += IsAsciiUpper(word[k]);
      *lower += IsAsciiLower(word[k]);
    }
  }

  // The room BuildWords keeps in folds_: the sentence's bytes and a chunk.
  // A function, not a local of the loop, which has too many already.
  size_t SlowRoom() const { return (sent_.end > sent_.begin ? sent_.end - sent_.begin : 0) + 8; }

  // The text, fold and gap (the text since the previous word, or since the
  // sentence start) of word i.
  std::string_view Raw(int i) const {
    return std::string_view(text_.data() + w_[i].span.begin, w_[i].span.end - w_[i].span.begin);
  }
  std::string_view Fold(int i) const {
    return std::string_view(folds_.data() + w_[i].fold_off, w_[i].fold_len);
  }
  std::string_view GapText(int i) const {
    const uint32_t b = i > 0 ? w_[i - 1].tok_end : sent_.begin;
    return std::string_view(text_.data() + b, w_[i].span.begin - b);
  }

  static Gap ClassifyGap(std::string_view g, const Word& prev) {
    if (g.size() == 1 && g[0] == ' ') return Gap::kSpace;  // the usual case
    if (g.empty()) return Gap::kOther;
    bool space = true;
    for (char c : g)
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') space = false;
    if (space) return Gap::kSpace;
    if (g == "-" || g == "\xE2\x80\x90" || g == "\xE2\x80\x91") return Gap::kHyphen;
    if (g.size() >= 2 && g[0] == '.' && prev.span.end - prev.span.begin <= 4 && prev.cap &&
        !prev.possessive) {
      bool rest_space = true;
      for (size_t i = 1; i < g.size(); ++i)
        if (g[i] != ' ') rest_space = false;
      if (rest_space) return Gap::kPeriod;
    }
    return Gap::kOther;
  }

  // Text between word i and the next word (or the sentence end).
  std::string_view GapAfter(int i) const {
    uint32_t b = w_[i].tok_end;
    uint32_t e = i + 1 < n() ? w_[i + 1].span.begin : std::max(b, sent_.end);
    return text_.substr(b, e - b);
  }

  bool CaseOk(const ActorFinder::Tables::PatHead& h, size_t q, int i) const {
    switch (h.mode) {
      case CaseMode::kFold:
        return true;
      case CaseMode::kCap:
        return q > 0 || w_[i].cap;
      case CaseMode::kExact:
        return EqualWithoutDots(Raw(i), t_.patterns[h.pattern].exact[q]);
    }
    return false;
  }

  // Matches pattern h with its first keyword at word k, whose fold is known
  // to equal the pattern's first fold (both are the key h was found under):
  // the words [*b, end). Later words are compared by hash first.
  int MatchAt(const ActorFinder::Tables::PatHead& h, int k, int* b) const {
    int i = k;
    for (size_t q = 0; q < h.nfolds; ++q) {
      if (q > 0) {
        // A possessive ends a name ("Hezbollah's fighters") unless the
        // name has it there ("Sheriff's Office").
        if (w_[i - 1].possessive && !(h.possessive >> (q - 1) & 1u)) return -1;
        while (i < n() && w_[i].article && Joinable(w_[i].gap_kind)) ++i;
        if (i >= n() || !Joinable(w_[i].gap_kind)) return -1;
        // (A std::string has sixteen bytes readable: SameBytes applies.)
        const std::string& f = t_.patterns[h.pattern].folds[q];
        if (w_[i].hash != t_.fold_hashes[h.hash_off + q] || w_[i].fold_len != f.size() ||
            !SameBytes(f.data(), Fold(i)))
          return -1;
      }
      if (!CaseOk(h, q, i)) return -1;
      ++i;
    }
    const Pattern& p = t_.patterns[h.pattern];
    int begin = k;
    if (k > 0 && w_[k - 1].article && Joinable(w_[k].gap_kind)) begin = k - 1;
    if (p.lead_the && begin > 0 && Raw(begin - 1) == "The" && w_[begin].gap_kind == Gap::kSpace)
      --begin;
    *b = begin;
    return i;
  }

  void BuildHits() {
    for (const int k : maybe_starts_) {
      if (w_[k].article) continue;
      const WordTable::Slot* slot = t_.starts.Probe(Fold(k), w_[k].hash);
      if (!slot) continue;
      // The word a pattern's second keyword must be (as MatchAt finds it),
      // or -1: most longer patterns fail on its hash, tested here once per
      // pattern without the call.
      int second = -1;
      {
        int i = k + 1;
        while (i < n() && w_[i].article && Joinable(w_[i].gap_kind)) ++i;
        if (i < n() && Joinable(w_[i].gap_kind)) second = i;
      }
      uint32_t kinds = 0;
      const uint32_t first_hit = static_cast<uint32_t>(hits_.size());
      // Most words that open longer patterns ("Syrian", "Islamic") are
      // followed by no second keyword of any: then only the patterns of one
      // keyword are tried.
      const bool longer = second >= 0 && (slot->second_bits >> (w_[second].hash & 63) & 1u);
      for (uint32_t pi = longer ? slot->pat_begin : slot->pat_single; pi < slot->pat_end; ++pi) {
        const ActorFinder::Tables::PatHead& h = t_.heads[pi];
        if (k + static_cast<int>(h.nfolds) > n()) continue;
        if (h.nfolds > 1 &&
            (second < 0 || w_[second].hash != t_.fold_hashes[h.hash_off + 1]))
          continue;
        int b;
        int e = MatchAt(h, k, &b);
        if (e >= 0) {
          hits_.push_back({h.pattern, b, e, h.type});
          kinds |= Bit(h.type);
        }
      }
      w_[k].kinds = kinds;
      w_[k].hit_begin = first_hit;
      w_[k].hit_end = static_cast<uint32_t>(hits_.size());
    }
  }

  // The longest hit whose first keyword is word k and type is in `mask`.
  // Inline: the word's kinds turn most asks away before the walk of its
  // hits, which the rules make for many words.
  [[gnu::always_inline]] const Hit* Longest(int k, uint32_t mask) const {
    if (k < 0 || k >= n() || !(w_[k].kinds & mask)) return nullptr;
    return LongestHit(k, mask);
  }
  [[gnu::noinline]] const Hit* LongestHit(int k, uint32_t mask) const {
    for (uint32_t h = w_[k].hit_begin; h < w_[k].hit_end; ++h)
      if (mask & Bit(hits_[h].type)) return &hits_[h];
    return nullptr;
  }
  // The longest hit of `mask` covering word j as its first word (an article
  // at j belongs to the hit of the next word).
  [[gnu::always_inline]] const Hit* At(int j, uint32_t mask) const {
    if (j < 0 || j >= n()) return nullptr;
    if (w_[j].article) {
      const Hit* h = Longest(j + 1, mask);
      return h && h->b == j ? h : nullptr;
    }
    return Longest(j, mask);
  }
  const Pattern& P(const Hit* h) const { return t_.patterns[h->pattern]; }

  Span SpanOf(int b, int e) const { return Span{w_[b].span.begin, w_[e - 1].span.end}; }
  std::string_view TextOf(int b, int e) const {
    Span s = SpanOf(b, e);
    return text_.substr(s.begin, s.end - s.begin);
  }

  // A new candidate over words [wb, we) with `span`, whose mention the rule
  // then fills in place: a Mention is large (strings, four boxed values),
  // and built where it stays it is neither moved nor destroyed twice. Most
  // candidates are kept, so building them only after the overlap pass
  // would not pay.
  Mention& Emit(int wb, int we, Span span, int prio) {
    Cand& c = cands_->emplace_back();
    c.wb = wb;
    c.we = we;
    c.prio = prio;
    c.m.span = span;
    c.m.sentence = index_;
    return c.m;
  }

  // True if word k (a place already found by an earlier layer) overlaps a
  // place mention.
  bool OverlapsPlace(Span s) const {
    for (const Span& p : *places_)
      if (p.begin < s.end && s.begin < p.end) return true;
    return false;
  }

  bool AfterPlacePrep(int b) const {
    int i = b - 1;
    if (i >= 0 && Fold(i) == "the") --i;
    return i >= 0 && (StopFlags(i) & ActorFinder::Tables::kPlacePrepFlag);
  }

  // True if a `held` word of actor_modifiers.tsv ("occupied", "controlled")
  // follows word e-1, after a hyphen or a space: "US-occupied".
  bool HeldAfter(int e) const {
    if (e >= n() || (w_[e].gap_kind != Gap::kHyphen && w_[e].gap_kind != Gap::kSpace)) return false;
    const Hit* md = At(e, Bit(PType::kModifier));
    return md && t_.modifiers[P(md).entry].kind == ModKind::kHeld;
  }

  // True if a `led` word of actor_modifiers.tsv follows word e-1 after a
  // hyphen: "US-led".
  bool LedAfter(int e) const {
    if (e >= n() || w_[e].gap_kind != Gap::kHyphen) return false;
    const Hit* md = At(e, Bit(PType::kModifier));
    return md && t_.modifiers[P(md).entry].kind == ModKind::kLed;
  }

  bool IsAgentNoun(int j) const {
    const Hit* h = At(j, Bit(PType::kAgent));
    return h && !t_.agents[P(h).entry].attack;
  }

  // "(ISIS/ISIL/IS/Daesh)", "(IS)", "IS fighters", "IS-held".
  bool GroupContext(int b, int e) const {
    if (headline()) return false;
    std::string_view before = GapText(b), after = GapAfter(e - 1);
    if (before.find('/') != std::string_view::npos || after.find('/') != std::string_view::npos)
      return true;
    auto trim = [](std::string_view s) {
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      return s;
    };
    std::string_view tb = trim(before), ta = trim(after);
    if (!tb.empty() && tb.back() == '(' && !ta.empty() && ta.front() == ')') return true;
    if (e < n() && w_[e].gap_kind == Gap::kHyphen) return true;
    if (e < n() && w_[e].gap_kind == Gap::kSpace && IsAgentNoun(e)) return true;
    return false;
  }

  // "IS seized the town" after the document has named the group: in mixed
  // case, and not after a word the verb "is" follows ("it IS", "what IS").
  bool NamedBefore(int b, const std::string& id) const {
    if (headline() ||
        std::find(named_groups_.begin(), named_groups_.end(), id) == named_groups_.end())
      return false;
    if (b > 0 && w_[b].gap_kind == Gap::kSpace) {
      const std::string_view p = Fold(b - 1);
      for (std::string_view v : {"it", "this", "there", "here", "what", "which", "who",
                                 "he", "she", "all", "everything", "nothing", "so"})
        if (p == v) return false;
    }
    // The sentence is not written in capitals ("WHAT IS LEFT").
    int caps = 0, words = 0;
    for (int i = 0; i < n(); ++i) {
      if (Raw(i).size() < 2) continue;
      ++words;
      bool upper = true;
      for (char ch : Raw(i)) upper &= !(ch >= 'a' && ch <= 'z');
      caps += upper;
    }
    return caps * 2 < words;
  }

  // "call it ISIL, IS or Daesh": a context-free alias of the same group
  // next to words [b, e) in a list, after or before a comma, "or" or "and".
  bool ListedWithAlias(int b, int e, const std::string& id) const {
    if (headline()) return false;
    // An alias of `id` over words [x, end) (end_at) or [start, x) (!end_at).
    auto alias = [&](int edge, bool end_at) {
      const int lo = end_at ? std::max(0, edge - 4) : edge, hi = end_at ? edge : edge + 1;
      for (int x = lo; x < hi && x < n(); ++x) {
        if (!(w_[x].kinds & Bit(PType::kActor))) continue;
        for (uint32_t h = w_[x].hit_begin; h < w_[x].hit_end; ++h) {
          const Hit& hit = hits_[h];
          if (hit.type != PType::kActor || (end_at ? hit.e != edge : hit.b != edge)) continue;
          const ActorEntry& a = t_.actors[t_.patterns[hit.pattern].entry];
          if (a.id == id && a.ctx != Context::kGroup) return true;
        }
      }
      return false;
    };
    auto joins = [&](int w) { return Fold(w) == "or" || Fold(w) == "and"; };
    if (b > 0 && GapText(b).find(',') != std::string_view::npos && alias(b, true)) return true;
    if (b > 1 && joins(b - 1) && alias(b - 1, true)) return true;
    if (e < n() && GapText(e).find(',') != std::string_view::npos && alias(e, false)) return true;
    if (e + 1 < n() && joins(e) && alias(e + 1, false)) return true;
    return false;
  }

  // --- rule: dictionary entries (actors, outlets, people) ----------------
  void Dictionary(int k) {
    bool seen_actor = false, seen_outlet = false, seen_person = false;
    for (uint32_t h = w_[k].hit_begin; h < w_[k].hit_end; ++h) {
      const Hit& hit = hits_[h];
      const Pattern& p = t_.patterns[hit.pattern];
      if (p.type == PType::kActor && !seen_actor) {
        const ActorEntry& a = t_.actors[p.entry];
        if (a.ctx == Context::kGroup && !GroupContext(hit.b, hit.e) &&
            !ListedWithAlias(hit.b, hit.e, a.id) && !NamedBefore(hit.b, a.id))
          continue;
        if (a.ctx == Context::kNotHeadline && headline()) continue;
        if (a.ctx == Context::kThe) {
          if (hit.b == 0 || Fold(hit.b - 1) != "the" || AfterPlacePrep(hit.b)) continue;
        }
        seen_actor = true;
        int e = hit.e;
        bool agent = false;
        // "ISIS fighters", "Hezbollah militants": the agent noun joins the
        // group's mention.
        if (e < n() && w_[e].gap_kind == Gap::kSpace && !w_[e - 1].possessive && IsAgentNoun(e)) {
          e = At(e, Bit(PType::kAgent))->e;
          agent = true;
        }
        Mention& m = Emit(hit.b, e, SpanOf(hit.b, e), 50);
        FillActor(&m, a, p);
        m.rule = p.dict_rule;
        if (agent) m.rule += "+agent";
        m.confidence = a.ctx == Context::kGroup ? 0.8 : (p.mode == CaseMode::kFold ? 0.85 : 0.95);
      } else if (p.type == PType::kOutlet && !seen_outlet) {
        seen_outlet = true;
        const OutletEntry& o = t_.outlets[p.entry];
        Mention& m = Emit(hit.b, hit.e, SpanOf(hit.b, hit.e), 50);
        m.kind = "outlet";
        m.ref = o.ref;
        m.name = o.canonical;
        m.actor = ActorValue{o.country, {"MED"}, "", ""};
        m.rule = p.dict_rule;
        if (explain_)
          m.evidence.push_back("outlets.tsv: '" + p.alias + "' -> " + o.canonical +
                               (o.country.empty() ? "" : " (" + o.country + ")"));
        m.confidence = 0.9;
      } else if (p.type == PType::kPerson && !seen_person) {
        seen_person = true;
        const PersonEntry& pe = t_.people[p.entry];
        Mention& m = Emit(hit.b, hit.e, SpanOf(hit.b, hit.e), 50);
        FillPerson(&m, pe.canonical, p.dict_rule, &pe.ref);
        if (explain_)
          m.evidence.push_back("people.tsv: '" + p.alias + "' -> " + pe.canonical +
                               (pe.role.empty() ? "" : ", " + pe.role));
        m.confidence = p.folds.size() > 1 ? 0.95 : 0.85;
      }
    }
  }

  // Fills the kind, ref, name, actor value and (explain) evidence of actors
  // entry `a`, found by pattern `p`, into the fresh mention *m.
  void FillActor(Mention* m, const ActorEntry& a, const Pattern& p) const {
    m->kind = a.organization ? "organization" : "actor";
    m->ref = a.ref;
    ActorValue& v = m->actor.emplace();
    v.country = a.country;
    v.sectors = a.sectors;
    if (!a.state) v.group = a.id;
    m->name = a.name;
    if (!explain_) return;
    std::string ev = "actors.tsv: '" + p.alias + "' -> " + a.id + " (" + a.name + ")";
    if (!a.country.empty()) ev += " country " + a.country;
    if (!a.sectors.empty()) ev += " sectors " + JoinSectors(a.sectors, "|");
    m->evidence.push_back(ev);
    if (!a.affiliate_of.empty()) m->evidence.push_back("affiliate_of: " + a.affiliate_of);
  }

  // A person mention in the fresh *m; `ref`: "person:" + Slug(canonical)
  // when known already.
  void FillPerson(Mention* m, const std::string& canonical, std::string rule,
                  const std::string* ref = nullptr) const {
    m->kind = "person";
    m->name = canonical;
    m->ref = ref ? *ref : PersonRef(canonical);
    m->rule = std::move(rule);
  }

  const CountryEntry* CountryOf(const Hit* h) const {
    PType ty = P(h).type;
    if (ty == PType::kCountry || ty == PType::kCountryAbbrev || ty == PType::kDemonym)
      return &t_.countries[P(h).entry];
    return nullptr;
  }

  // "US" in an all-caps headline is usually the pronoun.
  bool AbbrevOk(const Hit* h, int next) const {
    if (P(h).type != PType::kCountryAbbrev || Fold(h->e - 1) != "us" || !headline()) return true;
    return next < n() && (w_[next].gap_kind == Gap::kHyphen || IsAgentNoun(next));
  }

  // --- rule: [country|demonym][-backed|-led] [modifiers] agent|group -------
  void Phrase(int k) {
    const uint32_t kCountryMask = Bit(PType::kCountry) | Bit(PType::kCountryAbbrev) | Bit(PType::kDemonym);
    // A phrase opens with a country, a modifier or an agent (Run passes
    // over articles): other words (names, titles) are done at once.
    if (!(w_[k].kinds & (kCountryMask | Bit(PType::kModifier) | Bit(PType::kAgent)))) return;
    int j = k, begin = -1, country_end = -1;
    std::string country, backed, group;
    const CountryEntry* country_ce = nullptr;  // the entry `country` came from
    bool led = false, mods = false, country_adjective = false;
    std::vector<std::string> hints, evidence;
    for (int step = 0; step < 6 && j < n(); ++step) {
      if (j > k && !(w_[j].gap_kind == Gap::kSpace || w_[j].gap_kind == Gap::kHyphen)) break;
      if (j > k && w_[j - 1].possessive) break;
      // A named group after a backer: "U.S.-backed Syrian Democratic Forces".
      if (begin >= 0) {
        const Hit* g = At(j, Bit(PType::kActor));
        if (g && t_.actors[P(g).entry].ctx != Context::kGroup) break;
      }
      if (const Hit* c = At(j, kCountryMask)) {
        const CountryEntry* ce = CountryOf(c);
        int e = c->e;
        if (!AbbrevOk(c, e)) break;
        const Hit* bk = e < n() && w_[e].gap_kind == Gap::kHyphen ? At(e, Bit(PType::kModifier)) : nullptr;
        const ModifierEntry* me = bk ? &t_.modifiers[P(bk).entry] : nullptr;
        if (begin < 0) begin = c->b;
        if (me && me->kind == ModKind::kBacked) {
          backed = ce->code;
          if (explain_)
            evidence.push_back("backed_by '" + std::string(TextOf(c->b, c->e)) + "' -> " + ce->code);
          j = bk->e;
          continue;
        }
        if (me && me->kind == ModKind::kLed) {
          country = ce->code;
          country_ce = ce;
          led = true;
          if (explain_)
            evidence.push_back("led by '" + std::string(TextOf(c->b, c->e)) + "' -> " + ce->code);
          j = bk->e;
          continue;
        }
        if (P(c).type == PType::kCountry && country_end < 0 && step == 0 &&
            e < n() && w_[e].gap_kind == Gap::kHyphen)
          break;  // "Syria-Iraq border", "Iraq-based"
        // "In Syria fighters call themselves ...": a country's name after a
        // place preposition is the place, not the agent's country.
        if (P(c).type == PType::kCountry && step == 0 && AfterPlacePrep(c->b)) break;
        // "Georgia lawmakers": a country's name that a division of another
        // country shares says nothing sure of whose agents they are; the
        // places layer reads the name in its context.
        if (P(c).type == PType::kCountry && SharedName(c)) break;
        country = ce->code;
        country_ce = ce;
        if (country_end < 0) {
          country_end = e;
          // "Syria strikes" is a place before a noun; "Syrian strikes" an actor.
          country_adjective = P(c).type != PType::kCountry;
        }
        if (explain_)
          evidence.push_back("country '" + std::string(TextOf(c->b, c->e)) + "' -> " + ce->code +
                             " (countries)");
        j = e;
        continue;
      }
      if (const Hit* md = At(j, Bit(PType::kModifier))) {
        const ModifierEntry& me = t_.modifiers[P(md).entry];
        if (me.kind == ModKind::kPro && md->e < n() && w_[md->e].gap_kind == Gap::kHyphen) {
          if (const Hit* c = At(md->e, kCountryMask)) {  // "pro-Iranian militias"
            if (begin < 0) begin = md->b;
            backed = CountryOf(c)->code;
            hints.insert(hints.end(), me.sectors.begin(), me.sectors.end());
            if (explain_)
              evidence.push_back("pro- '" + std::string(TextOf(c->b, c->e)) + "' -> backed_by " + backed);
            mods = true;
            j = c->e;
            continue;
          }
          break;
        }
        if (me.kind != ModKind::kModifier) break;
        // A word that is both a modifier and an agent ("government",
        // "coalition") is the head unless an agent or modifier follows it
        // ("Syrian government forces"); a longer agent wins ("air strikes").
        if (const Hit* ag = At(j, Bit(PType::kAgent))) {
          if (ag->e > md->e) break;
          // ("rebel-held": a held word follows the head, not a modifier.)
          if (ag->e == md->e && !IsAgentNoun(md->e) &&
              (!At(md->e, Bit(PType::kModifier)) || HeldAfter(md->e)))
            break;
        }
        if (begin < 0) begin = md->b;
        hints.insert(hints.end(), me.sectors.begin(), me.sectors.end());
        if (explain_)
          evidence.push_back("modifier '" + me.word + "'" +
                             (me.sectors.empty() ? "" : " -> " + JoinSectors(me.sectors, "|")) +
                             " (actor_modifiers.tsv)");
        mods = true;
        j = md->e;
        continue;
      }
      break;
    }
    if (j >= n() || (j > k && w_[j].gap_kind != Gap::kSpace && w_[j].gap_kind != Gap::kHyphen))
      return;
    if (j > k && w_[j - 1].possessive) return;
    bool prefix = begin >= 0;
    // A named group after a backer or a country: "Iranian-backed Popular
    // Mobilization Forces".
    if (prefix && (!backed.empty() || led)) {
      if (const Hit* g = At(j, Bit(PType::kActor))) {
        const ActorEntry& a = t_.actors[P(g).entry];
        if (!a.state && a.ctx != Context::kGroup) {
          Mention& m = Emit(begin, g->e, SpanOf(begin, g->e), 55);
          FillActor(&m, a, P(g));
          if (m.actor->country.empty()) m.actor->country = country;
          m.actor->backed_by = backed;
          if (explain_)
            m.evidence.insert(m.evidence.begin(), evidence.begin(), evidence.end());
          m.rule = "backer+actors.tsv:" + P(g).alias;
          m.confidence = 0.85;
          return;
        }
      }
    }
    const Hit* ag = At(j, Bit(PType::kAgent));
    if (!ag) return;
    // "Sudanese President Bashir", "US Ambassador Jane Hale": an office
    // that is also a title, capitalised, before a capitalised word is the
    // title of a person, not the state acting through its office.
    if (w_[ag->b].cap && ag->e < n() && w_[ag->e].cap && w_[ag->e].gap_kind == Gap::kSpace &&
        At(ag->b, Bit(PType::kTitle)))
      return;
    const AgentEntry& a = t_.agents[P(ag).entry];
    if (a.attack) {
      // "Israeli airstrikes": the country words alone are the actor.
      if (country_end < 0 || mods || !backed.empty() || led || country_end != j ||
          !country_adjective)
        return;
      Mention& m = Emit(begin, country_end, SpanOf(begin, country_end), 30);
      m.kind = "actor";
      m.ref = country_ce->state_ref;
      m.name = country_ce->state_name;
      m.actor = ActorValue{country, {"MIL"}, "", ""};
      m.rule = "demonym+attack";
      if (explain_) {
        m.evidence = evidence;
        m.evidence.push_back("attack noun '" + a.noun +
                             "' (agents.tsv): the country is the attacker, MIL");
      }
      m.confidence = 0.7;
      return;
    }
    if (!prefix) {
      begin = ag->b;
      // "Syria's army", "Saudi Arabia's air force": the agent is the
      // country's, as after a demonym; the country keeps its own mention
      // (a place).
      if (ag->b > 0 && w_[ag->b - 1].possessive && w_[ag->b].gap_kind == Gap::kSpace) {
        for (int b = ag->b - 1; b >= 0 && b >= ag->b - 3 && country.empty(); --b) {
          const Hit* c = At(b, Bit(PType::kCountry));
          if (!c || c->e != ag->b || SharedName(c)) continue;
          country_ce = CountryOf(c);
          country = country_ce->code;
          if (explain_)
            evidence.push_back("country's '" + std::string(TextOf(c->b, c->e)) + "' -> " + country +
                               " (countries)");
        }
      }
      if (country.empty() && !a.alone) return;
      // "Russia's envoy, Vassily Nebenzia, ...": the office holder named
      // next is the actor.
      if (!country.empty() && ag->e < n() && w_[ag->e].cap && GapAfter(ag->e - 1) == ", ") return;
    }
    Mention& m = Emit(begin, ag->e, SpanOf(begin, ag->e), prefix ? 30 : 10);
    // The value is built in the mention's box: no copies of the sectors.
    ActorValue& v = m.actor.emplace();
    std::vector<std::string>& sectors = v.sectors;
    sectors = a.sectors;
    if (a.generic && !hints.empty()) {
      sectors = hints;
    } else if (a.generic && hints.empty() && !backed.empty() && country.empty()) {
      sectors = {"REB"};  // "US-backed fighters": a foreign-backed non-state force
      if (explain_)
        evidence.push_back("generic agent backed from abroad without a country -> REB");
    } else if (a.generic && hints.empty() && !backed.empty() && !country.empty() && backed != country) {
      // "U.S.-backed Syrian forces": not the Syrian state's (backed_forces.tsv).
      if (auto it = t_.proxy_sectors.find(backed + ">" + country); it != t_.proxy_sectors.end()) {
        sectors = it->second;
        if (explain_)
          evidence.push_back("generic agent of " + country + " backed by " + backed + " -> " +
                             JoinSectors(sectors, "|") + " (backed_forces.tsv)");
      }
    }
    std::sort(sectors.begin(), sectors.end());
    sectors.erase(std::unique(sectors.begin(), sectors.end()), sectors.end());
    m.kind = "actor";
    const std::string& grp = a.group;
    if (!country.empty()) {
      m.ref = country_ce->state_ref;
      m.name = country_ce->state_name;
    } else if (!grp.empty()) {
      m.ref = "actor:" + grp;
    }
    v.country = country;
    v.group = grp;
    v.backed_by = backed;
    m.rule = !country.empty() || !backed.empty() ? "demonym+agent" : (prefix ? "modifier+agent" : "agent");
    if (explain_) {
      m.evidence = std::move(evidence);
      m.evidence.push_back("agent '" + a.noun + "' -> " + JoinSectors(a.sectors, "|") +
                           (a.generic ? " (generic: modifiers decide)" : "") + " (agents.tsv)");
      if (!sectors.empty())
        m.evidence.push_back(std::string("sectors ") + JoinSectors(sectors, "|") + " (" +
                             SectorWord(sectors[0]) + ")");
    }
    m.confidence = prefix ? 0.85 : 0.7;
  }

  // --- rule: "the U.S.", "US" as a state actor ---------------------------
  void CountryAlone(int k) {
    const Hit* c = Longest(k, Bit(PType::kCountryAbbrev));
    if (!c || !AbbrevOk(c, c->e)) return;
    // "in the US-occupied zone", "in US occupied territory": the country
    // that holds the place is the actor even after a place preposition; so
    // is one that leads what follows ("killed in US-led strikes").
    if (AfterPlacePrep(c->b) && !HeldAfter(c->e) && !LedAfter(c->e)) return;
    // "U.S.-controlled": still the state; "US-Iraq border": not an actor.
    if (c->e < n() && w_[c->e].gap_kind == Gap::kHyphen && At(c->e, Bit(PType::kCountry) |
        Bit(PType::kCountryAbbrev) | Bit(PType::kDemonym)))
      return;
    EmitState(c, "country", "country abbreviation", 0.8, 20);
  }

  // The state of hit h's country as an actor with no sector ("the U.S.",
  // "the Syrians").
  void EmitState(const Hit* h, const char* rule, const char* what, double confidence, int prio) {
    const CountryEntry& ce = t_.countries[P(h).entry];
    Mention& m = Emit(h->b, h->e, SpanOf(h->b, h->e), prio);
    m.kind = "actor";
    m.ref = ce.state_ref;
    m.name = ce.name;
    m.actor = ActorValue{ce.code, {}, "", ""};
    m.rule = rule;
    if (explain_)
      m.evidence.push_back(std::string(what) + " '" + P(h).alias + "' -> " + ce.code + " (countries)");
    m.confidence = confidence;
  }

  // A plural demonym alone: "the Syrians", "two Iraqis" -> the country's
  // people, no sector. A phrase ("Syrians soldiers") is longer and wins.
  // A singular one before "-occupied", "-held" (held words of
  // actor_modifiers.tsv): the state that holds the place.
  void DemonymAlone(int k) {
    const Hit* d = Longest(k, Bit(PType::kDemonym));
    if (!d || d->b != k) return;
    // "the Turkish-occupied town": the country that holds it, a state actor.
    if (!P(d).plural && d->e < n() && w_[d->e].gap_kind == Gap::kHyphen && HeldAfter(d->e)) {
      EmitState(d, "demonym_held", "demonym before a held word", 0.75, 10);
      return;
    }
    if (!P(d).plural) return;
    // "Americans-backed" and the like belong to the phrase rules.
    if (d->e < n() && w_[d->e].gap_kind == Gap::kHyphen) return;
    EmitState(d, "demonym_plural", "plural demonym", 0.7, 10);
  }

  // "American, British and French warships": a demonym listed before the
  // demonym + agent phrase shares its agent: "American" -> US MIL. The last
  // one is the phrase rule's.
  void CoordinatedDemonym(int k) {
    const Hit* d = Longest(k, Bit(PType::kDemonym));
    if (!d || d->b != k || P(d).plural) return;
    int j = d->e;
    bool listed = false;
    for (int step = 0; step < 4 && j < n(); ++step) {
      // A comma, "and" or "or" (or a comma and one of them) before the next demonym.
      const bool comma = GapText(j).find(',') != std::string_view::npos;
      if (!comma && w_[j].gap_kind != Gap::kSpace) return;
      int x = j;
      if (Fold(x) == "and" || Fold(x) == "or") ++x;
      else if (!comma) break;
      const Hit* next = x < n() ? Longest(x, Bit(PType::kDemonym)) : nullptr;
      if (!next || next->b != x || P(next).plural) return;
      if (x > j && w_[x].gap_kind != Gap::kSpace) return;
      listed = true;
      j = next->e;
    }
    if (!listed || j >= n() || w_[j].gap_kind != Gap::kSpace) return;
    const Hit* ag = At(j, Bit(PType::kAgent));
    if (!ag) return;
    const AgentEntry& a = t_.agents[P(ag).entry];
    EmitState(d, "demonym+listed_agent", "demonym", 0.7, 25);
    Mention& m = cands_->back().m;
    m.name = t_.countries[P(d).entry].state_name;  // as the phrase rule names it
    m.actor->sectors = a.attack ? std::vector<std::string>{"MIL"} : a.sectors;
    if (explain_)
      m.evidence.push_back("listed before '" + std::string(TextOf(ag->b, ag->e)) + "' (agents.tsv) -> " +
                           JoinSectors(m.actor->sectors, "|"));
  }

  // --- people --------------------------------------------------------------
  uint8_t StopFlags(int i) const {
    const WordTable::Slot* s = t_.stops.Find(Fold(i), w_[i].hash);
    return s ? s->flags : 0;
  }
  bool IsStop(int i) const { return StopFlags(i) & ActorFinder::Tables::kStopFlag; }
  // A one-word country name of actor_modifiers.tsv kind "shared_name".
  bool SharedName(const Hit* c) const {
    return !t_.shared_names.empty() && c->e == c->b + 1 &&
           (StopFlags(c->b) & ActorFinder::Tables::kSharedNameFlag);
  }

  bool IsNameToken(int i) const {
    if (i < 0 || i >= n()) return false;
    const Word& w = w_[i];
    if (!w.cap || w.article || IsStop(i)) return false;
    const std::string_view raw = Raw(i);
    if (raw.empty() || (static_cast<unsigned char>(raw[0]) < 0x80 && !IsAsciiUpper(raw[0])))
      return false;
    const uint32_t bad = Bit(PType::kActor) | Bit(PType::kOutlet) | Bit(PType::kCountry) |
                         Bit(PType::kCountryAbbrev) | Bit(PType::kDemonym) | Bit(PType::kAgent) |
                         Bit(PType::kTitle) | Bit(PType::kModifier) | Bit(PType::kOrgHead);
    return Longest(i, bad) == nullptr;
  }
  bool IsParticle(int i) const {
    const Hit* h = Longest(i, Bit(PType::kGiven));
    return h && h->e == i + 1 && t_.given[P(h).entry].kind == GivenKind::kParticle;
  }
  // The given name starting at word i ("Abdel-Rahman" is one), or nullptr;
  // *end is set past it.
  const GivenEntry* GivenAt(int i, int* end) const {
    const Hit* h = Longest(i, Bit(PType::kGiven));
    if (!h || h->b != i || !w_[i].cap) return nullptr;
    const GivenEntry* g = &t_.given[P(h).entry];
    if (g->kind == GivenKind::kParticle) return nullptr;
    *end = h->e;
    return g;
  }

  // Extends a name over "al-X", "bin X", "ibn X" pieces from word i;
  // returns the new end and counts the pieces.
  int Particles(int i, int* pieces) const {
    for (int r = 0; r < 2 && i + 1 < n(); ++r) {
      if (!Joinable(w_[i].gap_kind) || w_[i - 1].possessive) break;
      bool art = w_[i].article || IsParticle(i);
      if (!art || !IsNameToken(i + 1)) break;
      i += 2;
      ++*pieces;
    }
    return i;
  }

  // A person name starting at word s: "John Dorrian", "Bashar al-Assad",
  // "Funk". Returns the end word (s if none).
  int NameRun(int s) const {
    int i = s, tokens = 0;
    while (i < n() && tokens < 4) {
      if (i > s && (!Joinable(w_[i].gap_kind) || w_[i - 1].possessive)) break;
      if ((w_[i].article || (tokens > 0 && IsParticle(i))) && IsNameToken(i + 1) &&
          i + 1 < n() && Joinable(w_[i + 1].gap_kind)) {
        i += 2;
        ++tokens;
        continue;
      }
      if (!IsNameToken(i)) {
        // A country that is also a given name ends a name as its surname:
        // "Rep. Jim Jordan", "Michael Jordan" (not before another
        // capitalised word).
        if (tokens > 0 && w_[i].cap && !w_[i].possessive && Longest(i, Bit(PType::kCountry)) &&
            Longest(i, Bit(PType::kGiven)) && (i + 1 >= n() || !w_[i + 1].cap))
          ++i;
        break;
      }
      ++i;
      ++tokens;
    }
    return i;
  }

  // The canonical spelling of the words [b, e): whitespace collapsed,
  // hyphens kept.
  std::string Canonical(int b, int e) const {
    std::string out;
    for (int i = b; i < e; ++i) {
      if (i > b) out += w_[i].gap_kind == Gap::kHyphen ? "-" : " ";
      out += Raw(i);
    }
    return out;
  }

  void Title(int k) {
    const Hit* th = Longest(k, Bit(PType::kTitle));
    if (!th || th->b != k) return;
    const TitleEntry& te = t_.titles[P(th).entry];
    int s = th->e;
    if (s >= n() || w_[s - 1].possessive) return;
    // "Hezbollah's secretary-general, Naim Qassem, said": the name in
    // apposition, between commas, of two name words at least.
    const bool appositive = GapText(s) == ", ";
    if (!Joinable(w_[s].gap_kind) && !appositive) return;
    const Hit* ph = At(s, Bit(PType::kPerson));
    int e;
    std::string canonical;
    std::string why;
    const std::string* ref = nullptr;
    int names;
    if (ph && ph->b == s) {
      e = ph->e;
      canonical = t_.people[P(ph).entry].canonical;
      ref = &t_.people[P(ph).entry].ref;
      if (explain_) why = "people.tsv: '" + P(ph).alias + "' -> " + canonical;
      names = 2;
    } else {
      e = NameRun(s);
      if (e == s) return;
      names = 0;
      for (int i = s; i < e; ++i)
        if (!w_[i].article && !IsParticle(i)) ++names;
      canonical = Canonical(s, e);
    }
    if (names < te.min_names) return;
    if (appositive && (names < 2 || GapAfter(e - 1).substr(0, 1) != ",")) return;
    Span span = SpanOf(s, e);
    if (te.min_names > 1 && OverlapsPlace(SpanOf(k, e))) return;
    Mention& m = Emit(k, e, span, 40);
    FillPerson(&m, canonical, te.rule, ref);
    if (explain_) {
      m.evidence.push_back("title '" + te.title + "' (titles.tsv) before a capitalised name");
      if (!why.empty()) m.evidence.push_back(std::move(why));
    }
    m.confidence = 0.9;
  }

  void GivenName(int k) {
    int i = k + 1;
    const GivenEntry* g = GivenAt(k, &i);
    if (!g) return;
    // At a sentence start an ambiguous given name ("Chad", "Georgia")
    // opens a name only before one capitalised word and a comma ("Chad
    // Morris, a coach, ...").
    if (g->ambiguous && k == 0 &&
        !(i + 1 < n() && w_[i].gap_kind == Gap::kSpace && IsNameToken(i) && !w_[i].possessive &&
          !GapAfter(i).empty() && GapAfter(i)[0] == ','))
      return;
    if (const Hit* h = Longest(k, Bit(PType::kCountry) | Bit(PType::kDemonym) |
                                      Bit(PType::kActor) | Bit(PType::kOutlet))) {
      // A country that is also a given name ("Jordan Ellis") opens a name
      // when a surname follows it and no place preposition stands before.
      if (P(h).type != PType::kCountry || h->e != k + 1 || AfterPlacePrep(k) || k + 1 >= n() ||
          w_[k + 1].gap_kind != Gap::kSpace || !IsNameToken(k + 1))
        return;
    }
    int givens = 1, pieces = 0, next;
    while (i < n() && givens < 3 && w_[i].gap_kind == Gap::kSpace && !w_[i - 1].possessive &&
           GivenAt(i, &next) && IsNameToken(i)) {
      i = next;
      ++givens;
    }
    i = Particles(i, &pieces);
    bool surname = false;
    if (pieces == 0 && i < n() && Joinable(w_[i].gap_kind) && w_[i].gap_kind != Gap::kPeriod &&
        !w_[i - 1].possessive && IsNameToken(i)) {
      ++i;
      surname = true;
    }
    int parts = givens + pieces + (surname ? 1 : 0);
    if (g->kind == GivenKind::kKunya) {
      // "Abu Bakr al-Baghdadi" is a person; "Abu Kamal" is a town.
      if (givens < 2 || pieces + (surname ? 1 : 0) < 1) return;
    } else if (parts < 2) {
      return;
    }
    if (OverlapsPlace(SpanOf(k, i))) return;
    Mention& m = Emit(k, i, SpanOf(k, i), 20);
    FillPerson(&m, Canonical(k, i), "given_name+surname");
    if (explain_)
      m.evidence.push_back("given name '" + std::string(Raw(k)) + "' (given_names.tsv) + " +
                           std::to_string(parts - 1) + " more name word(s)");
    m.confidence = 0.75;
  }

  // A sentence of mostly capitalised words ("Rebels Shell Idlib Media
  // Center"): capitals do not mark names there. Counted once, when asked.
  bool title_case() const {
    if (title_case_ < 0) {
      int words = 0, caps = 0;
      for (int i = 0; i < nw_; ++i) {
        const std::string_view r = Raw(i);
        if (r.empty() || !((r[0] >= 'A' && r[0] <= 'Z') || (r[0] >= 'a' && r[0] <= 'z'))) continue;
        ++words;
        caps += w_[i].cap;
      }
      title_case_ = words >= 4 && caps * 10 >= words * 7;
    }
    return title_case_ == 1;
  }

  // A capitalised word that may stand in an organisation's name before its
  // head: not a function word, month or weekday (person_stopwords.tsv),
  // unless it is a head itself ("Local Council", "Media Office"), a demonym
  // or country ("Syrian Network ...", "North Press Agency" stops at North).
  bool OrgNameWord(int i) const {
    if (i < 0 || i >= n() || !w_[i].cap || w_[i].possessive) return false;
    const std::string_view raw = Raw(i);
    if (raw.empty() || (static_cast<unsigned char>(raw[0]) < 0x80 && !IsAsciiUpper(raw[0])))
      return false;
    if (!IsStop(i)) return true;
    return Longest(i, Bit(PType::kOrgHead) | Bit(PType::kDemonym) | Bit(PType::kCountry) |
                          Bit(PType::kCountryAbbrev)) != nullptr;
  }

  // An organisation or outlet named by its head (org_heads.tsv) and the
  // capitalised words before it, with a tail "for|of|on [the] Capitalised
  // words": "the Idlib Media Center", "the Syrian Network for Human
  // Rights", "the Raqqa Times". Names of the dictionaries win: a name with
  // a dictionary word inside is left to them.
  void OrgHead(int k) {
    const Hit* h = Longest(k, Bit(PType::kOrgHead));
    if (!h || h->b != k || !w_[k].cap || headline() || title_case()) return;
    // The head's last word ends the name unless a tail follows.
    int b = k;
    // A country opens the name: nothing before it belongs ("Aleppo Syria
    // UK Russia UK Parliament", a run of tags, is the UK Parliament).
    while (b > 0 && k - b < 5 && Joinable(w_[b].gap_kind) && OrgNameWord(b - 1) &&
           !(b < k && Longest(b, Bit(PType::kCountry))))
      --b;
    int e = h->e;
    if (!w_[e - 1].possessive && e + 1 < n() && w_[e].gap_kind == Gap::kSpace) {
      const std::string_view f = Fold(e);
      if (f == "for" || f == "of" || f == "on") {
        int j = e + 1;
        if (j < n() && Fold(j) == "the" && !w_[j].cap) ++j;
        int last = -1;
        for (int words = 0; j < n() && words < 6 && w_[j].gap_kind == Gap::kSpace; ++words) {
          if (OrgNameWord(j) && !IsStop(j)) {
            last = j++;
            // A possessive or a country ends the name ("Council of Syria").
            if (w_[last].possessive || Longest(last, Bit(PType::kCountry))) break;
            continue;
          }
          const std::string_view g = Fold(j);
          if ((g == "of" || g == "for" || g == "and") && !w_[j].cap && j + 1 < n() &&
              OrgNameWord(j + 1) && !IsStop(j + 1)) {
            ++j;
            continue;
          }
          break;
        }
        if (last >= 0) e = last + 1;
      }
    }
    // A head alone names nothing, nor heads and stopwords ("News Agency").
    if (e == h->e) {
      bool named = false;
      for (int i = b; i < k && !named; ++i) named = !IsStop(i);
      if (!named) return;
    }
    // A dictionary name inside: the dictionaries' rules have it.
    std::string country;
    for (int i = b; i < e; ++i) {
      if (Longest(i, Bit(PType::kActor) | Bit(PType::kOutlet) | Bit(PType::kPerson))) return;
      if (country.empty())
        if (const Hit* c = Longest(i, Bit(PType::kDemonym) | Bit(PType::kCountry) |
                                          Bit(PType::kCountryAbbrev));
            c && c->e <= e)
          country = t_.countries[P(c).entry].code;
    }
    const OrgHeadEntry& oh = t_.org_heads[P(h).entry];
    Mention& m = Emit(b, e, SpanOf(b, e), 5);
    m.kind = oh.outlet ? "outlet" : "organization";
    m.name = Canonical(b, e);
    m.actor = ActorValue{country, oh.sectors, "", ""};
    m.rule = oh.rule;
    if (explain_)
      m.evidence.push_back("head '" + P(h).alias + "' (org_heads.tsv) after capitalised words" +
                           (country.empty() ? "" : ", country " + country + " from a name word"));
    m.confidence = 0.6;
  }

  const ActorFinder::Tables& t_;
  std::string_view text_;
  Span sent_;
  int index_;
  const std::vector<Span>* places_;
  const bool explain_;
  std::vector<Word>& w_;  // the first nw_ are this sentence's
  int nw_ = 0;
  std::string& folds_;  // every word's fold, back to back
  std::vector<Hit>& hits_;
  std::vector<int>& maybe_starts_;  // words that may open a pattern, in order (BuildWords)
  const std::vector<std::string>& named_groups_;  // ScanBuffers::named_groups
  const bool bare_possessives_;                    // ScanBuffers::bare_possessives
  uint32_t sent_tail_ = 0;
  size_t tok_end_ = 0;
  mutable int8_t headline_ = -1;  // -1 unknown, 0 no, 1 yes
  mutable int8_t title_case_ = -1;  // the same
  std::vector<Cand>* cands_ = nullptr;
};

// The last name word of a canonical person name, folded, articles dropped:
// "Abu Bakr al-Baghdadi" -> "baghdadi", "John Dorrian" -> "dorrian".
std::string SurnameKey(const std::string& canonical) {
  std::string key = NameKey(canonical);
  size_t sp = key.rfind(' ');
  return sp == std::string::npos ? key : key.substr(sp + 1);
}

}  // namespace

std::vector<Mention> ActorFinder::Find(std::string_view text, const std::vector<Token>& tokens,
                                       const std::vector<Span>& sentences) const {
  std::vector<Mention> out;
  FindImpl(text, tokens, sentences, nullptr, /*explain=*/true, &out);
  return out;
}

void ActorFinder::Annotate(const Document& doc, std::vector<Mention>* out) const {
  FindImpl(doc.text, doc.tokens, doc.sentences, &doc.mentions, doc.explain, out);
}

void ActorFinder::FindImpl(std::string_view text, const std::vector<Token>& tokens,
                           const std::vector<Span>& sentences_in,
                           const std::vector<Mention>* earlier, bool explain,
                           std::vector<Mention>* out) const {
  std::vector<Span> whole;
  const std::vector<Span>* sentences = &sentences_in;
  if (sentences_in.empty()) {
    whole.push_back(Span{0, static_cast<uint32_t>(text.size())});
    sentences = &whole;
  }
  const size_t first_out = out->size();
  std::vector<Known> known;
  // Capitalised words not covered by any mention, for the surname pass.
  // Only those not followed by another capitalised word ("Dorrian", not
  // "Dorrian Street") can be a bare surname.
  struct Free {
    int sentence;
    Span span;
    uint64_t hash;  // FoldHash of the word's fold
    uint32_t name_begin;  // span.begin, or the glued article's ("al-Hussein")
  };
  std::vector<Free> free_words;
  // Place mentions of earlier layers (none in the standard layer order,
  // where places come after actors), looked at once here instead of for
  // every person candidate.
  std::vector<Span> places;
  if (earlier)
    for (const Mention& m : *earlier)
      if (m.kind == "place") places.push_back(m.span);
  thread_local ScanBuffers buf;
  buf.named_groups.clear();
  buf.bare_possessives = !HasApostrophe(text);
  std::vector<Cand>& cands = buf.cands;
  std::vector<int>& order = buf.order;
  std::vector<int>& accepted = buf.accepted;
  std::vector<char>& used = buf.used;
  size_t ti = 0;
  for (size_t si = 0; si < sentences->size(); ++si) {
    Span s = (*sentences)[si];
    while (ti < tokens.size() && tokens[ti].span.begin < s.begin) ++ti;
    SentenceScan scan(*t_, text, s, static_cast<int>(si), tokens, ti, &places, explain, &buf);
    ti = scan.tok_end();
    cands.clear();
    scan.Run(&cands);
    const auto& w = scan.words();
    used.assign(w.size(), 0);
    order.resize(cands.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    auto cover = [&](const Cand& c) { return w[c.we - 1].span.end - w[c.wb].span.begin; };
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      const Cand &x = cands[a], &y = cands[b];
      if (cover(x) != cover(y)) return cover(x) > cover(y);
      if (x.prio != y.prio) return x.prio > y.prio;
      return x.wb < y.wb;
    });
    accepted.clear();
    for (int idx : order) {
      const Cand& c = cands[idx];
      bool clash = false;
      for (int i = c.wb; i < c.we && !clash; ++i) clash = used[i];
      if (clash) continue;
      for (int i = c.wb; i < c.we; ++i) used[i] = 1;
      accepted.push_back(idx);
    }
    // Moved once, in text order (mentions of one sentence never overlap).
    std::sort(accepted.begin(), accepted.end(), [&](int a, int b) {
      return cands[a].m.span.begin < cands[b].m.span.begin;
    });
    for (int idx : accepted) {
      Mention& m = cands[idx].m;
      if ((m.kind == "actor" || m.kind == "organization") && m.actor && !m.actor->group.empty() &&
          std::find(buf.named_groups.begin(), buf.named_groups.end(), m.actor->group) ==
              buf.named_groups.end())
        buf.named_groups.push_back(m.actor->group);
      // The last words of a full name named earlier are that person
      // ("director Abdel Rahman" after "Rami Abdel Rahman").
      if (m.kind == "person" && m.name.find(' ') != std::string::npos)
        for (const Known& k : known)
          if (k.name.size() > m.name.size() + 1 && k.name[k.name.size() - m.name.size() - 1] == ' ' &&
              strcasecmp(k.name.c_str() + (k.name.size() - m.name.size()), m.name.c_str()) == 0) {
            if (explain) m.evidence.push_back("end of the name " + k.name + " named earlier in the document");
            m.ref = k.ref;
            m.name = k.name;
            break;
          }
      // Only a full name teaches a surname: a lone title + word ("Gen.
      // Funk") may be a misread, and spreading it would multiply the error.
      if (m.kind == "person" && m.name.find(' ') != std::string::npos) {
        std::string sk = SurnameKey(m.name);
        if (!sk.empty()) known.push_back({m.ref, m.name, sk, m.span.begin});
      }
      out->push_back(std::move(m));
    }
    // A bare surname must come after its full name: before the first full
    // name of the document no word can be one.
    if (known.empty()) continue;
    for (size_t i = 0; i < w.size(); ++i) {
      if (!w[i].cap || used[i]) continue;  // most words are lower case
      bool next_cap = i + 1 < w.size() && w[i + 1].cap && w[i + 1].gap_kind == Gap::kSpace;
      if (!next_cap) {
        // A glued article belongs to the surname: "Al-Hussein" after
        // "Mohammed al-Hussein" is the person, not "Hussein" alone.
        const bool article = i > 0 && w[i].gap_kind == Gap::kHyphen && w[i - 1].article && !used[i - 1];
        free_words.push_back({static_cast<int>(si), w[i].span, w[i].hash,
                              article ? w[i - 1].span.begin : w[i].span.begin});
      }
    }
  }
  // Later bare surnames: "Dorrian" after "Colonel John Dorrian".
  std::vector<Mention> coref;
  if (!known.empty()) {
    std::unordered_map<std::string, const Known*> by_surname;
    std::unordered_set<std::string> clashing;
    for (const Known& k : known) {
      auto [it, inserted] = by_surname.emplace(k.surname, &k);
      if (!inserted) {
        if (it->second->ref != k.ref) clashing.insert(k.surname);
        else if (k.first < it->second->first) it->second = &k;
      }
    }
    // Most capitalised words are no known surname: turned away by hash
    // before any folding or map lookup.
    std::vector<uint64_t> surname_hashes;
    for (const Known& k : known) surname_hashes.push_back(FoldHash(k.surname));
    std::sort(surname_hashes.begin(), surname_hashes.end());
    std::string fold;
    for (const Free& f : free_words) {
      if (!std::binary_search(surname_hashes.begin(), surname_hashes.end(), f.hash)) continue;
      FastFold(text.substr(f.span.begin, f.span.end - f.span.begin), &fold);
      auto it = by_surname.find(fold);
      if (it == by_surname.end() || clashing.count(fold)) continue;
      const Known& k = *it->second;
      if (f.span.begin <= k.first) continue;
      bool place = false;
      for (const Span& p : places)
        if (p.begin < f.span.end && f.span.begin < p.end) place = true;
      if (place) continue;
      Mention m;
      m.kind = "person";
      m.span = Span{f.name_begin, f.span.end};
      m.sentence = f.sentence;
      m.ref = k.ref;
      m.name = k.name;
      m.rule = "coref:surname";
      if (explain) m.evidence.push_back("surname of " + k.name + " named earlier in the document");
      m.confidence = 0.8;
      coref.push_back(std::move(m));
    }
  }
  if (!coref.empty()) {
    // Both runs are in text order; merge them.
    size_t mid = out->size();
    out->insert(out->end(), std::make_move_iterator(coref.begin()),
                std::make_move_iterator(coref.end()));
    std::inplace_merge(out->begin() + first_out, out->begin() + mid, out->end(),
                       [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
  }
}

}  // namespace dossier
