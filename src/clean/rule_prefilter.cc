#include "clean/rule_prefilter.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/byte_scan.h"
#include "dossier/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier {
namespace {

constexpr size_t kMaxSet = 16;        // most strings an exact set may hold
constexpr size_t kMaxLiteral = 64;    // longest string it may hold
constexpr size_t kMaxPrefixes = 64;   // most strings a Start may hold

using Strings = std::vector<std::string>;

// How the matches of a piece begin: each is empty (only if `empty`) or
// starts with one of `strings` (non-empty).
struct Start {
  Strings strings;
  bool empty = false;
};

// What is known of the strings a piece of pattern matches, each taken
// through the folding of RequiredLiterals (ASCII lower case).
struct Info {
  // The piece matches exactly one of these strings (nullopt: unknown).
  std::optional<Strings> exact;
  // Every match of the piece contains one of these (nullopt: unknown).
  std::optional<Strings> required;
  // How every match begins, when `exact` is unknown (nullopt: unknown).
  std::optional<Start> start;
};

Info Any() { return {}; }
Info Empty() { return {Strings{""}, std::nullopt, std::nullopt}; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

void Dedupe(Strings* s) {
  std::sort(s->begin(), s->end());
  s->erase(std::unique(s->begin(), s->end()), s->end());
}

// How the matches of `a` begin: its exact strings, if known.
std::optional<Start> StartOf(const Info& a) {
  if (!a.exact) return a.start;
  Start st;
  for (const auto& s : *a.exact) {
    if (s.empty()) st.empty = true;
    else st.strings.push_back(s);
  }
  return st;
}

// The start of a concatenation: the exact strings of its leading pieces,
// multiplied out, then the start of the first piece that is not exact. A
// piece that may be empty lets the next one begin the match too.
std::optional<Start> SequenceStart(const std::vector<Info>& items) {
  Start out;
  Strings open{""};  // what the pieces so far matched, exactly
  auto settle = [&](const Strings& done) {
    for (const auto& s : done) {
      if (s.empty()) return false;  // the match may begin with anything
      out.strings.push_back(s);
    }
    return out.strings.size() <= kMaxPrefixes;
  };
  for (const Info& item : items) {
    if (open.empty()) break;
    if (item.exact && open.size() * item.exact->size() <= kMaxSet) {
      Strings next;
      for (const auto& a : open)
        for (const auto& b : *item.exact)
          if (a.size() + b.size() <= kMaxLiteral) next.push_back(a + b);
      if (next.size() == open.size() * item.exact->size()) {
        Dedupe(&next);
        open = std::move(next);
        continue;
      }
    }
    const std::optional<Start> st = StartOf(item);
    if (!st || open.size() * st->strings.size() > kMaxPrefixes) {
      if (!settle(open)) return std::nullopt;  // each is as far as is known
      open.clear();
      break;
    }
    Strings begun;
    for (const auto& a : open)
      for (const auto& b : st->strings) begun.push_back(a + b);
    if (!settle(begun)) return std::nullopt;
    if (!st->empty) open.clear();
  }
  for (const auto& s : open) {
    if (s.empty()) out.empty = true;
    else out.strings.push_back(s);
  }
  if (out.strings.size() > kMaxPrefixes) return std::nullopt;
  Dedupe(&out.strings);
  return out;
}

// The start of an alternation: that of every branch.
std::optional<Start> UnionStart(const std::vector<Info>& alts) {
  Start out;
  for (const Info& a : alts) {
    auto st = StartOf(a);
    if (!st) return std::nullopt;
    out.strings.insert(out.strings.end(), st->strings.begin(), st->strings.end());
    out.empty = out.empty || st->empty;
  }
  Dedupe(&out.strings);
  if (out.strings.size() > kMaxPrefixes) return std::nullopt;
  return out;
}

// What every match contains: the exact strings (unless one is empty, which
// any text contains), else the required ones.
std::optional<Strings> Required(const Info& a) {
  if (a.exact) {
    for (const auto& s : *a.exact)
      if (s.empty()) return std::nullopt;
    return a.exact;
  }
  return a.required;
}

// Keeps the better of two requirements: the longer shortest literal (fewer
// chance hits), then the fewer literals (fewer searches).
void Consider(std::optional<Strings>* best, const std::optional<Strings>& cand) {
  if (!cand || cand->empty()) return;
  auto shortest = [](const Strings& s) {
    size_t m = s[0].size();
    for (const auto& x : s) m = std::min(m, x.size());
    return m;
  };
  if (!*best) {
    *best = cand;
    return;
  }
  const size_t a = shortest(*cand), b = shortest(**best);
  if (a > b || (a == b && cand->size() < (*best)->size())) *best = cand;
}

// A concatenation. Runs of pieces with exact strings are multiplied out
// ("(" then "source|photo" then ": " is "(source: " or "(photo: "); the
// requirement is the best of the runs and of the other pieces' own.
Info Sequence(const std::vector<Info>& items) {
  std::optional<Strings> cur = Strings{""}, best;
  bool all_exact = true;
  for (const Info& item : items) {
    if (cur && item.exact && cur->size() * item.exact->size() <= kMaxSet) {
      size_t longest = 0;
      for (const auto& a : *cur)
        for (const auto& b : *item.exact) longest = std::max(longest, a.size() + b.size());
      if (longest <= kMaxLiteral) {
        Strings next;
        for (const auto& a : *cur)
          for (const auto& b : *item.exact) next.push_back(a + b);
        Dedupe(&next);
        cur = std::move(next);
        continue;
      }
    }
    all_exact = false;
    if (cur) Consider(&best, Required(Info{cur, std::nullopt, std::nullopt}));
    if (item.exact) {
      cur = item.exact;
    } else {
      cur.reset();
      Consider(&best, item.required);
    }
  }
  if (cur) Consider(&best, Required(Info{cur, std::nullopt, std::nullopt}));
  Info out;
  if (all_exact) out.exact = cur;
  out.required = best;
  if (!out.exact) out.start = SequenceStart(items);
  return out;
}

// An alternation: exact if every branch is (and the union is small); a
// requirement only if every branch has one.
Info Union(const std::vector<Info>& alts) {
  if (alts.size() == 1) return alts[0];
  Info out;
  out.start = UnionStart(alts);
  Strings all;
  bool exact = true;
  for (const Info& a : alts) {
    if (!a.exact) {
      exact = false;
      break;
    }
    all.insert(all.end(), a.exact->begin(), a.exact->end());
  }
  if (exact) {
    Dedupe(&all);
    if (all.size() <= kMaxSet) out.exact = all;
  }
  Strings req;
  for (const Info& a : alts) {
    auto r = Required(a);
    if (!r) return out;
    req.insert(req.end(), r->begin(), r->end());
  }
  Dedupe(&req);
  out.required = std::move(req);
  return out;
}

// x{min,max} (max < 0: unbounded).
Info Repeat(const Info& a, int min, int max) {
  // The first repetition that is not empty begins the match.
  std::optional<Start> start = StartOf(a);
  if (start && min == 0) start->empty = true;
  if (min == 0) {
    // x? is "" or x; x* and x{0,n} could be anything.
    if (max == 1 && a.exact && a.exact->size() < kMaxSet) {
      Strings s = *a.exact;
      s.push_back("");
      Dedupe(&s);
      return {s, std::nullopt, std::nullopt};
    }
    Info out;
    out.start = start;
    return out;
  }
  Info out;
  out.required = Required(a);  // each repetition contains one
  if (min == 1 && max == 1) out.exact = a.exact;
  if (!out.exact) out.start = start;
  return out;
}

// True if RE2's case folding maps `cp` to no other rune: the Latin-1
// punctuation and symbols (but U+00B5 MICRO SIGN, which folds with Greek mu)
// and General Punctuation.
bool Caseless(char32_t cp) {
  return (cp >= 0xA0 && cp <= 0xBF && cp != 0xB5) || (cp >= 0x2000 && cp <= 0x206F);
}

// A recursive-descent reader of RE2 syntax that keeps only what literal
// requirements need. Anything it does not model sets ok_ = false, and the
// pattern gets no prefilter: it must never misread a pattern RE2 accepts.
class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  std::optional<Info> Parse() {
    Info r = Alt();
    if (!ok_ || i_ != p_.size()) return std::nullopt;
    return r;
  }

 private:
  bool More() const { return ok_ && i_ < p_.size(); }
  Info Fail() {
    ok_ = false;
    return Any();
  }

  // a|b|c up to the closing ')' of the group (or the end).
  Info Alt() {
    std::vector<Info> alts;
    alts.push_back(Concat());
    while (More() && p_[i_] == '|') {
      ++i_;
      alts.push_back(Concat());
    }
    return Union(alts);
  }

  Info Concat() {
    std::vector<Info> items;
    while (More() && p_[i_] != '|' && p_[i_] != ')') {
      Info a = Atom();
      if (!ok_) break;
      items.push_back(Quantified(a));
    }
    return Sequence(items);
  }

  // The repetition operators after an atom, if any.
  Info Quantified(const Info& a) {
    if (!More()) return a;
    int min, max;
    const char c = p_[i_];
    if (c == '*') {
      min = 0, max = -1;
      ++i_;
    } else if (c == '+') {
      min = 1, max = -1;
      ++i_;
    } else if (c == '?') {
      min = 0, max = 1;
      ++i_;
    } else if (c == '{') {
      // {n}, {n,} or {n,m}; any other '{' is a literal to RE2: not modelled.
      size_t j = i_ + 1;
      auto number = [&](int* v) {
        size_t start = j;
        long n = 0;
        while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9' && j - start < 5)
          n = n * 10 + (p_[j++] - '0');
        *v = static_cast<int>(n);
        return j > start;
      };
      if (!number(&min)) return Fail();
      max = min;
      if (j < p_.size() && p_[j] == ',') {
        ++j;
        if (!number(&max)) max = -1;
      }
      if (j >= p_.size() || p_[j] != '}') return Fail();
      i_ = j + 1;
    } else {
      return a;
    }
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // non-greedy: same strings
    if (i_ < p_.size() && (p_[i_] == '*' || p_[i_] == '+' || p_[i_] == '?' || p_[i_] == '{'))
      return Fail();  // a repeated repetition: RE2 refuses "**"; not modelled
    return Repeat(a, min, max);
  }

  Info Atom() {
    const unsigned char c = static_cast<unsigned char>(p_[i_]);
    switch (c) {
      case '(':
        return Group();
      case '[':
        return Class();
      case '.':
        ++i_;
        return Any();
      case '^':
      case '$':
        ++i_;
        return Empty();
      case '\\':
        return Escape();
      case '*':
      case '+':
      case '?':
      case '{':
        return Fail();
      default:
        break;
    }
    if (c >= 0x80) {
      // A non-ASCII rune: one atom (a quantifier after it repeats the whole
      // rune), matched as an unknown character. One that no case folding
      // maps to another (punctuation such as '•' or '©') begins a match as
      // itself.
      const size_t b = i_;
      i_ += utf8::SeqLen(c);
      if (i_ > p_.size()) return Fail();
      Info out = Any();
      size_t len;
      const char32_t cp = utf8::Decode(p_, b, &len);
      if (len == i_ - b && Caseless(cp))
        out.start = Start{Strings{std::string(p_.substr(b, len))}, false};
      return out;
    }
    ++i_;
    return {Strings{std::string(1, Lower(static_cast<char>(c)))}, std::nullopt, std::nullopt};
  }

  // (...), (?:...), (?P<name>...), (?<name>...), (?flags) and (?flags:...).
  // Flags do not matter here: every literal is compared case-insensitively.
  Info Group() {
    ++i_;  // '('
    if (i_ < p_.size() && p_[i_] == '?') {
      ++i_;
      if (p_.substr(i_, 2) == "P<" || p_.substr(i_, 1) == "<") {
        size_t close = p_.find('>', i_);
        if (close == std::string_view::npos) return Fail();
        i_ = close + 1;
      } else {
        while (i_ < p_.size() && (p_[i_] == 'i' || p_[i_] == 'm' || p_[i_] == 's' ||
                                  p_[i_] == 'U' || p_[i_] == '-'))
          ++i_;
        if (i_ >= p_.size()) return Fail();
        if (p_[i_] == ')') {
          ++i_;
          return Empty();
        }
        if (p_[i_] != ':') return Fail();
        ++i_;
      }
    }
    Info inner = Alt();
    if (!ok_ || i_ >= p_.size() || p_[i_] != ')') return Fail();
    ++i_;
    return inner;
  }

  // [...]: one character. A class of a few ASCII characters, written as
  // themselves or as ranges, begins a match with one of them.
  Info Class() {
    ++i_;  // '['
    bool plain = true;  // only ASCII characters and ranges of them so far
    std::string chars;
    if (i_ < p_.size() && p_[i_] == '^') {
      ++i_;
      plain = false;
    }
    if (i_ < p_.size() && p_[i_] == ']') {  // a leading ']' is literal
      chars += ']';
      ++i_;
    }
    while (true) {
      if (i_ >= p_.size()) return Fail();
      const char c = p_[i_];
      if (c == ']') {
        ++i_;
        Info out = Any();
        if (plain && !chars.empty() && chars.size() <= kMaxSet) {
          Start st;
          for (char ch : chars) st.strings.emplace_back(1, Lower(ch));
          Dedupe(&st.strings);
          out.start = std::move(st);
        }
        return out;
      }
      if (c == '-' && !chars.empty() && i_ + 1 < p_.size() && p_[i_ + 1] != ']') {
        // A range from the last character: its members, if few and ASCII.
        const unsigned char lo = static_cast<unsigned char>(chars.back()),
                            hi = static_cast<unsigned char>(p_[i_ + 1]);
        if (hi >= 0x80 || hi == '\\' || hi == '[' || hi < lo ||
            static_cast<size_t>(hi - lo) > kMaxSet)
          plain = false;
        else
          for (unsigned ch = lo + 1; ch <= hi; ++ch) chars += static_cast<char>(ch);
        i_ += 2;
        continue;
      }
      if (static_cast<unsigned char>(c) >= 0x80 || c == '\\' || c == '[') plain = false;
      if (c == '\\') {
        if (i_ + 1 >= p_.size()) return Fail();
        const char e = p_[i_ + 1];
        if ((e == 'p' || e == 'P' || e == 'x') && i_ + 2 < p_.size() && p_[i_ + 2] == '{') {
          size_t close = p_.find('}', i_ + 3);
          if (close == std::string_view::npos) return Fail();
          i_ = close + 1;
        } else {
          i_ += 2;
        }
        continue;
      }
      if (c == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {  // [:alpha:]
        size_t close = p_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return Fail();
        i_ = close + 2;
        continue;
      }
      chars += c;
      ++i_;
    }
  }

  Info Escape() {
    ++i_;  // '\'
    if (i_ >= p_.size()) return Fail();
    const unsigned char e = static_cast<unsigned char>(p_[i_++]);
    if (e < 0x80 && !std::isalnum(e)) {  // escaped punctuation is itself
      return {Strings{std::string(1, static_cast<char>(e))}, std::nullopt, std::nullopt};
    }
    switch (e) {
      case 'd': {
        Info out = Any();
        out.start = Start{};
        for (char ch = '0'; ch <= '9'; ++ch) out.start->strings.emplace_back(1, ch);
        return out;
      }
      case 'D': case 'w': case 'W': case 's': case 'S': case 'C':
        return Any();
      case 'b': case 'B': case 'A': case 'z':
        return Empty();
      case 'p': case 'P':
        if (i_ < p_.size() && p_[i_] == '{') {
          size_t close = p_.find('}', i_);
          if (close == std::string_view::npos) return Fail();
          i_ = close + 1;
        } else {
          if (i_ >= p_.size() || !std::isalpha(static_cast<unsigned char>(p_[i_])))
            return Fail();
          ++i_;
        }
        return Any();
      default:
        return Fail();  // \Q...\E, \x.., octal, \n and the like: not modelled
    }
  }

  std::string_view p_;
  size_t i_ = 0;
  bool ok_ = true;
};

}  // namespace

std::optional<std::vector<std::string>> RequiredLiterals(std::string_view pattern,
                                                         size_t min_length) {
  auto info = Parser(pattern).Parse();
  if (!info) return std::nullopt;
  auto req = Required(*info);
  if (!req || req->empty()) return std::nullopt;
  Strings lits = std::move(*req);
  Dedupe(&lits);
  // A literal that contains another adds nothing: a text holding it holds
  // the other.
  Strings kept;
  for (const auto& a : lits) {
    bool redundant = false;
    for (const auto& b : lits)
      redundant = redundant || (b != a && a.find(b) != std::string::npos);
    if (!redundant) kept.push_back(a);
  }
  lits.swap(kept);
  // Several literals that share a long enough piece ("we use cookies",
  // "cookie policy"): that one piece, which each of them contains.
  if (lits.size() > 1) {
    const std::string& shortest =
        *std::min_element(lits.begin(), lits.end(),
                          [](const auto& a, const auto& b) { return a.size() < b.size(); });
    std::string common;
    for (size_t len = shortest.size(); len > 0 && common.empty(); --len) {
      for (size_t b = 0; b + len <= shortest.size(); ++b) {
        const std::string piece = shortest.substr(b, len);
        bool all = true;
        for (const auto& l : lits) all = all && l.find(piece) != std::string::npos;
        if (all) {
          common = piece;
          break;
        }
      }
    }
    if (common.size() >= std::max<size_t>(min_length, 4)) lits = {common};
  }
  for (const auto& l : lits)
    if (l.size() < min_length) return std::nullopt;
  return lits;
}

std::optional<std::vector<std::string>> RequiredPrefixes(std::string_view pattern) {
  auto info = Parser(pattern).Parse();
  if (!info) return std::nullopt;
  auto start = StartOf(*info);
  if (!start || start->empty || start->strings.empty()) return std::nullopt;
  // A prefix that begins with another adds nothing (sorted, it follows it).
  Strings kept;
  for (const auto& s : start->strings)
    if (kept.empty() || s.compare(0, kept.back().size(), kept.back()) != 0) kept.push_back(s);
  return kept;
}

PrefixSet::PrefixSet(const std::vector<std::string>& prefixes) {
  // Cut to a few bytes, the prefixes of a set are far fewer ("this article
  // was first published on" and its 31 spellings are "this art"), and a line
  // of prose is told from all of them after a byte or two.
  constexpr size_t kBytes = 8;
  Strings cut;
  for (const auto& p : prefixes) cut.push_back(p.substr(0, kBytes));
  Dedupe(&cut);
  for (const auto& p : cut) {
    auto& bucket = by_first_[static_cast<unsigned char>(p[0])];
    if (bucket.empty() || p.compare(0, bucket.back().size(), bucket.back()) != 0)
      bucket.push_back(p);
  }
}

bool PrefixSet::MayStart(std::string_view s) const {
  if (s.empty()) return false;
  for (const auto& p : by_first_[static_cast<unsigned char>(Lower(s[0]))]) {
    if (p.size() > s.size()) continue;
    size_t k = 1;
    while (k < p.size() && Lower(s[k]) == p[k]) ++k;
    if (k == p.size()) return true;
  }
  return false;
}

bool Latin1TwinExact(std::string_view pattern) {
  bool in_class = false;
  for (size_t k = 0; k < pattern.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(pattern[k]);
    if (c >= 0x80) {
      if (!in_class) return false;
    } else if (c == '\\') {
      if (k + 1 < pattern.size() && pattern[k + 1] == 'Q') return false;
      ++k;
    } else if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      if (k + 1 < pattern.size() && pattern[k + 1] == '^') ++k;
      if (k + 1 < pattern.size() && pattern[k + 1] == ']') ++k;  // "[]...]"
    }
  }
  return true;
}

std::optional<std::string> WidenUnicodeClasses(std::string_view pattern) {
  // The classes widened, by name, with their ASCII members.
  static constexpr std::pair<std::string_view, std::string_view> kClasses[] = {
      {"L", "A-Za-z"}, {"Lu", "A-Z"}, {"Ll", "a-z"}, {"Lt", ""}, {"Lm", ""}, {"Lo", ""},
      {"N", "0-9"},    {"Nd", "0-9"}, {"Nl", ""},    {"No", ""}};
  constexpr std::string_view kNonAscii = "\\x{80}-\\x{10FFFF}";
  std::string out;
  bool widened = false, in_class = false, negated = false;
  for (size_t k = 0; k < pattern.size(); ++k) {
    const char c = pattern[k];
    if (c == '\\' && k + 1 < pattern.size()) {
      const char e = pattern[k + 1];
      if (e == 'Q' || e == 'P') return std::nullopt;
      if (e != 'p') {
        out.append(pattern.substr(k, 2));
        ++k;
        continue;
      }
      // \pX or \p{Name}
      std::string_view name;
      size_t end;
      if (k + 2 < pattern.size() && pattern[k + 2] == '{') {
        end = pattern.find('}', k + 3);
        if (end == std::string_view::npos) return std::nullopt;
        name = pattern.substr(k + 3, end - k - 3);
      } else {
        end = k + 2;
        name = pattern.substr(k + 2, 1);
      }
      const auto* hit = std::find_if(std::begin(kClasses), std::end(kClasses),
                                     [&](const auto& p) { return p.first == name; });
      if (hit == std::end(kClasses) || (in_class && negated)) return std::nullopt;
      // Nor at a range's end ("[\\pL-z]", an error the widened class would
      // not make): the set's Add then checks both patterns at once.
      if (in_class && ((k > 0 && pattern[k - 1] == '-') ||
                       (end + 1 < pattern.size() && pattern[end + 1] == '-')))
        return std::nullopt;
      if (!in_class) out += '[';
      out.append(hit->second);
      out.append(kNonAscii);
      if (!in_class) out += ']';
      widened = true;
      k = end;
      continue;
    }
    out += c;
    if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      negated = k + 1 < pattern.size() && pattern[k + 1] == '^';
      if (negated) out += pattern[++k];
      if (k + 1 < pattern.size() && pattern[k + 1] == ']') out += pattern[++k];  // "[]...]"
    }
  }
  if (!widened) return std::nullopt;
  return out;
}

bool HasNonAsciiFoldRune(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  // Found by their last bytes: the lead byte 0xE2 is in every curly quote
  // and dash, while 0xBF and 0xAA end few of the characters of a text.
  for (size_t k = 0; (k = FindAnyOf<0xBF, 0xAA>(p, k, n)) < n; ++k) {
    if (p[k] == 0xBF && k >= 1 && p[k - 1] == 0xC5) return true;  // U+017F
    if (p[k] == 0xAA && k >= 2 && p[k - 2] == 0xE2 && p[k - 1] == 0x84) return true;  // U+212A
  }
  return false;
}

namespace {

// How rare byte `c` is in English running text, as a rank: letters and the
// space by their usual frequency, anything else (digits, punctuation) rarer
// still. Only speed depends on it.
int Rarity(char c) {
  static constexpr std::string_view kCommonFirst = " etaoinsrhldcumfpgwybvkxjqz";
  const size_t k = kCommonFirst.find(c);
  return k == std::string_view::npos ? 100 : static_cast<int>(k);
}

}  // namespace

FoldedLiteral::FoldedLiteral(std::string text) : text_(std::move(text)) {
  for (size_t i = 1; i < text_.size(); ++i)
    if (Rarity(text_[i]) > Rarity(text_[a_])) a_ = i;
  b_ = a_ == 0 && text_.size() > 1 ? 1 : 0;
  for (size_t i = 0; i < text_.size(); ++i)
    if (i != a_ && Rarity(text_[i]) > Rarity(text_[b_])) b_ = i;
}

bool FoldedLiteral::FoundIn(std::string_view s) const {
  const size_t m = text_.size();
  if (m > s.size()) return false;
  if (m == 1 && !(text_[0] >= 'a' && text_[0] <= 'z'))  // one byte, no case: memchr
    return std::memchr(s.data(), text_[0], s.size()) != nullptr;
  const size_t starts = s.size() - m + 1;  // candidate start positions
  const char ca = text_[a_], cb = text_[b_];
  auto verify = [&](size_t i) {
    for (size_t k = 0; k < m; ++k)
      if (Lower(s[i + k]) != text_[k]) return false;
    return true;
  };
  size_t i = 0;
#if defined(__SSE2__)
  // (x | 0x20) == c exactly when x is c or its upper-case form, for a
  // lower-case letter c (0x20 is the case bit); other bytes compare as is.
  auto case_bit = [](char c) { return _mm_set1_epi8(c >= 'a' && c <= 'z' ? 0x20 : 0); };
  const __m128i va = _mm_set1_epi8(ca), vb = _mm_set1_epi8(cb), oa = case_bit(ca),
                ob = case_bit(cb);
  // Loads reach s[i + 15 + max(a, b)] <= s[starts - 1 + m - 1]: in bounds.
  for (; i + 16 <= starts; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + a_));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + b_));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(x, oa), va),
                      _mm_cmpeq_epi8(_mm_or_si128(y, ob), vb))));
    while (mask != 0) {
      if (verify(i + static_cast<size_t>(__builtin_ctz(mask)))) return true;
      mask &= mask - 1;
    }
  }
#endif
  for (; i < starts; ++i)
    if (Lower(s[i + a_]) == ca && Lower(s[i + b_]) == cb && verify(i)) return true;
  return false;
}

}  // namespace dossier
