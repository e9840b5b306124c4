// A literal prefilter for the cleaner's line rules. A rule such as
// `(?i)^.*all rights reserved\.?$` keeps RE2's DFA alive to the end of every
// line, so screening all lines with it costs a full pass per line. Most lines
// cannot match it because they lack the words "all rights reserved"; a plain
// substring search says so far more cheaply. RequiredLiterals derives those
// words from the pattern itself (rules are user data, so nothing here is
// written for a particular rule) and gives up on any syntax it does not
// fully understand.
#ifndef DOSSIER_CLEAN_RULE_PREFILTER_H_
#define DOSSIER_CLEAN_RULE_PREFILTER_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

// Literals, one of which every match of the RE2 `pattern` contains, written
// in ASCII lower case: for every text T the pattern matches, T with its
// ASCII letters lower-cased contains at least one of them, provided T holds
// neither of the two
// non-ASCII runes RE2's case folding maps onto ASCII letters (U+017F 'ſ',
// which folds with 's', and U+212A KELVIN SIGN, which folds with 'k'; see
// HasNonAsciiFoldRune). nullopt when no such literals can be proven: syntax
// the analysis does not model, or a pattern that can match without any
// literal ("^.*$"). Each literal is at least `min_length` bytes long (shorter
// ones would screen out too little to pay for the search).
std::optional<std::vector<std::string>> RequiredLiterals(std::string_view pattern,
                                                         size_t min_length = 3);

// Strings, one of which every match of the RE2 `pattern` starts with, in
// ASCII lower case and under the same proviso as RequiredLiterals: for every
// text T the pattern matches (from its first byte), T with its ASCII letters
// lower-cased starts with one of them. For a pattern anchored at the start
// ("(?i)^share this\b"), a text that starts with none cannot match at all.
// nullopt when none can be proven: a match may begin with a character class
// of many members, '.', or nothing (the pattern matches the empty text), or
// the syntax is not modelled. None of them begins with another.
std::optional<std::vector<std::string>> RequiredPrefixes(std::string_view pattern);

// The prefixes of RequiredPrefixes (of one pattern or several), prepared for
// a quick test.
class PrefixSet {
 public:
  explicit PrefixSet(const std::vector<std::string>& prefixes);  // each non-empty

  // True if `s` with its ASCII letters lower-cased starts with one of them.
  bool MayStart(std::string_view s) const;

 private:
  std::array<std::vector<std::string>, 256> by_first_;  // by first byte
};

// True if `s` contains U+017F or U+212A, the non-ASCII runes that match an
// ASCII letter under RE2's case folding ((?i)s, (?i)k). Literal screening is
// not exact on such text; callers skip it there.
bool HasNonAsciiFoldRune(std::string_view s);

// True if `pattern` compiled for Latin-1 matches every ASCII text exactly as
// compiled for UTF-8 (same matches, same groups): each non-ASCII character is
// inside a character class, where its bytes read as Latin-1 only add bytes
// >= 0x80 to the class and never change which ASCII characters it holds (the
// lower end of a range is then ASCII or not in it at all). Outside a class a
// UTF-8 character read as Latin-1 is several atoms, and "’?" would make only
// its last byte optional. "\Q...\E" (quoted text) is not modelled.
bool Latin1TwinExact(std::string_view pattern);

// `pattern` with each letter or number class (\pL, \p{Lu}, \pN, ... also
// inside brackets) widened to its ASCII members plus every non-ASCII
// character: a pattern that matches every text the original matches, and
// more. Compiled for UTF-8 it is a few byte ranges where \pL is hundreds:
// the cleaner's sets hold the widened patterns (a tenth of start-up) and a
// line the set says matches is confirmed by the rule's own regex. nullopt
// when there is nothing to widen, or it cannot be widened safely: another
// \p / \P class, one inside a negated class ("[^\pL]") or next to a '-'
// in a class. Otherwise the original is valid if and only if the widened
// pattern is.
std::optional<std::string> WidenUnicodeClasses(std::string_view pattern);

// A literal of RequiredLiterals, prepared for a fast search.
class FoldedLiteral {
 public:
  explicit FoldedLiteral(std::string text);  // `text`: ASCII lower case, non-empty
  const std::string& text() const { return text_; }

  // True if `s` with its ASCII letters lower-cased contains the literal.
  bool FoundIn(std::string_view s) const;

 private:
  std::string text_;
  // Two positions in text_ whose bytes are rare in running text: a start
  // is only verified when both match (sixteen starts a step with SSE2).
  size_t a_ = 0, b_ = 0;
};
}  // namespace dossier

#endif  // DOSSIER_CLEAN_RULE_PREFILTER_H_
