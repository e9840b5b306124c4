#include "clean/rule_prefilter.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

#include "dossier/utf8.h"

namespace dossier {
namespace {

using Strings = std::vector<std::string>;

Strings Lits(std::string_view pattern) {
  auto l = RequiredLiterals(pattern);
  return l ? *l : Strings{"<none>"};
}

TEST(RequiredLiteralsTest, ReadsTheLiteralsOfDotStarRules) {
  EXPECT_EQ(Lits(R"((?i)^.*all rights reserved\.?$)"), Strings{"all rights reserved"});
  EXPECT_EQ(Lits(R"(^.*\((?:Source|Photo): [^()]+\)\.?$)"),
            (Strings{"(photo: ", "(source: "}));
  // Alternatives sharing a long enough piece come down to that piece.
  EXPECT_EQ(Lits(R"((?i)^.*\b(?:we use cookies|this (?:site|website) uses cookies|cookie policy)\b.*$)"),
            Strings{"cookie"});
  // Spellings multiplied out, then their shared piece.
  EXPECT_EQ(Lits(R"((?i)^.*kettle(?:s)? boiled.*$)"), Strings{" boiled"});
  EXPECT_EQ(Lits(R"((?i)^.*(?P<what>lantern|lamp)s? lit\b)"), Strings{" lit"});
  // A literal that contains another is dropped.
  EXPECT_EQ(Lits(R"((?i)^.*(?:teapot|teapots and cups)\b)"), Strings{"teapot"});
  EXPECT_EQ(Lits(R"(teapot*)"), Strings{"teapo"});
}

TEST(RequiredLiteralsTest, ClassesEscapesAndRunesAreSingleUnknownCharacters) {
  EXPECT_EQ(Lits(R"([]a]+teapot)"), Strings{"teapot"});
  EXPECT_EQ(Lits(R"([[:alpha:]]+teapot)"), Strings{"teapot"});
  EXPECT_EQ(Lits(R"(\p{Lu}teapot\pL)"), Strings{"teapot"});
  EXPECT_EQ(Lits(R"(\d+ teapots?\b)"), Strings{" teapot"});
  // The quantifier repeats the whole rune, not its last byte.
  EXPECT_EQ(Lits("\xC3\xA9+teapot"), Strings{"teapot"});
  EXPECT_EQ(Lits(R"(a{2,3}teapot)"), Strings{"teapot"});
  EXPECT_EQ(Lits(R"(\.\(\)teapot)"), Strings{".()teapot"});
}

TEST(RequiredLiteralsTest, GivesUpWhenNothingIsProvenOrSyntaxIsNotModelled) {
  EXPECT_EQ(Lits(R"(^.*$)"), Strings{"<none>"});
  EXPECT_EQ(Lits(R"(teapot|.*)"), Strings{"<none>"});         // one branch needs nothing
  EXPECT_EQ(Lits(R"((?:teapot)?)"), Strings{"<none>"});
  EXPECT_EQ(Lits(R"(\Qteapot\E)"), Strings{"<none>"});
  EXPECT_EQ(Lits(R"(\x41teapot)"), Strings{"<none>"});
  EXPECT_EQ(Lits(R"(teapot{)"), Strings{"<none>"});
  EXPECT_EQ(Lits(R"(ab)"), Strings{"<none>"});  // shorter than min_length
  EXPECT_EQ(Lits(R"((teapot)"), Strings{"<none>"});
}

// Each literal is searched for in the line with ASCII letters lower-cased.
bool AnyFound(const Strings& lits, std::string_view text) {
  for (const auto& l : lits)
    if (FoldedLiteral(l).FoundIn(text)) return true;
  return false;
}

// The property the cleaner relies on: a text the pattern matches holds one
// of the literals (RE2 itself is the judge). Random texts made of pieces of
// each pattern and some noise, in random case.
TEST(RequiredLiteralsTest, EveryMatchHoldsALiteral) {
  struct Case {
    std::string pattern;
    std::vector<std::string> pieces;
  };
  const std::vector<Case> cases = {
      {R"((?i)^.*all rights reserved\.?$)", {"all", "rights", "reserved", " ", " ", ".", "x", "all rights reserved", "all rights "}},
      {R"(^.*\((?:Source|Photo): [^()]+\)\.?$)",
       {"(", ")", "Source", "Photo", ": ", "x", " ", ".", "(Photo: "}},
      {R"((?i)^.*\b(?:we use cookies|this (?:site|website) uses cookies|cookie policy)\b.*$)",
       {"we", "use", "cookies", "cookie", "policy", "this", "site", "website", "uses", " ", " ",
        "x", "we use cookies", "cookie policy", "this site uses ", "this website "}},
      {R"((?i)^.*kettle(?:s)? boiled.*$)", {"kettle", "s", " ", "boiled", "x", "kettle boiled", "kettles "}},
      {R"((?i)(?:copper|tin) kettles? (?:at|by) (?:dawn|dusk))",
       {"copper", "tin", " ", "kettle", "s", "at", "by", "dawn", "dusk", "x", "copper kettle",
        "tin kettles ", "at dawn", " by dusk"}},
      {R"(^.*[Tt]ea ?pots? \d+$)", {"Tea", "tea", " ", "pot", "s", "7", "42", "x", "teapots ", "Tea pot "}},
      {R"((?i)^.*(?P<a>red|blue)\s+(?:kite|balloon)s?\b.*)",
       {"red", "blue", " ", "\t", "kite", "balloon", "s", "x"}},
  };
  const std::vector<std::string> noise = {"\xE2\x80\x9C", "\xC3\xA9", "@", "`", "[", "{"};
  std::mt19937 rng(12345);
  RE2::Options o;
  o.set_log_errors(false);
  for (const auto& c : cases) {
    auto lits = RequiredLiterals(c.pattern);
    ASSERT_TRUE(lits.has_value()) << c.pattern;
    RE2 re(c.pattern, o);
    ASSERT_TRUE(re.ok()) << c.pattern;
    int matched = 0;
    for (int n = 0; n < 20000; ++n) {
      std::string text;
      const int k = 1 + static_cast<int>(rng() % 8);
      for (int j = 0; j < k; ++j)
        text += rng() % 10 ? c.pieces[rng() % c.pieces.size()] : noise[rng() % noise.size()];
      for (auto& ch : text)
        if (ch >= 'a' && ch <= 'z' && rng() % 3 == 0) ch = static_cast<char>(ch - 32);
      if (RE2::PartialMatch(text, re)) {
        ++matched;
        EXPECT_TRUE(AnyFound(*lits, text)) << c.pattern << " on '" << text << "'";
      }
    }
    EXPECT_GT(matched, 10) << c.pattern;  // the texts do exercise the pattern
  }
}

Strings Prefixes(std::string_view pattern) {
  auto p = RequiredPrefixes(pattern);
  return p ? *p : Strings{"<none>"};
}

TEST(RequiredPrefixesTest, ReadsHowMatchesBegin) {
  EXPECT_EQ(Prefixes(R"((?i)^note to readers:.*$)"), Strings{"note to readers:"});
  // An optional piece lets the next one begin the match too.
  EXPECT_EQ(Prefixes(R"((?i)^(?:note:\s*)?please click\b.*$)"),
            (Strings{"note:", "please click"}));
  EXPECT_EQ(Prefixes(R"(^\(?(?i:reporting|editing) by [A-Z]\w*$)"),
            (Strings{"(editing by ", "(reporting by ", "editing by ", "reporting by "}));
  // A prefix that begins with another is dropped.
  EXPECT_EQ(Prefixes(R"((?i)^(?:share|share this|tweet)(?:\s*:\s*\w*)*$)"),
            (Strings{"share", "tweet"}));
  // Small classes, digits and caseless runes begin a match as themselves.
  EXPECT_EQ(Prefixes("^(?:[*]+|[-_=~]{3,}|\xE2\x80\xA2)$"),
            (Strings{"*", "-", "=", "_", "~", "\xE2\x80\xA2"}));
  EXPECT_EQ(Prefixes(R"(^[a-cX]\d)"), (Strings{"a", "b", "c", "x"}));
  EXPECT_EQ(Prefixes(R"((?i)^\d+ comments?$)"),
            (Strings{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
}

TEST(RequiredPrefixesTest, GivesUpWhenAMatchMayBeginWithAnything) {
  EXPECT_EQ(Prefixes(R"(^\S+@\S+$)"), Strings{"<none>"});
  EXPECT_EQ(Prefixes(R"(^.*teapot)"), Strings{"<none>"});
  EXPECT_EQ(Prefixes(R"(^[A-Z]teapot)"), Strings{"<none>"});   // too many members
  EXPECT_EQ(Prefixes(R"(^[^a]teapot)"), Strings{"<none>"});
  EXPECT_EQ(Prefixes(R"(^[\w]teapot)"), Strings{"<none>"});
  EXPECT_EQ(Prefixes("^\xC3\xA9teapot"), Strings{"<none>"});  // 'é' folds with 'É'
  EXPECT_EQ(Prefixes(R"(^(?:teapot)?$)"), Strings{"<none>"});   // matches ""
  EXPECT_EQ(Prefixes(R"(^(?:tea|.)pot)"), Strings{"<none>"});
}

// The property the cleaner relies on: a text an anchored pattern matches
// starts with one of the prefixes (RE2 itself is the judge), and PrefixSet
// says so.
TEST(RequiredPrefixesTest, EveryMatchStartsWithAPrefix) {
  struct Case {
    std::string pattern;
    std::vector<std::string> pieces;
  };
  const std::vector<Case> cases = {
      {R"((?i)^(?:note to readers:\s*)?please click (?:on )?the share buttons?\b.*$)",
       {"note to readers:", " ", "please click ", "on ", "the share button", "s", "x"}},
      {R"((?i)^(?:share|share this|tweet|email)(?:\s*[:|/]\s*\w*)*:?$)",
       {"share", " this", "tweet", "email", ":", "|", " ", "x", "/"}},
      {"^(?:[*]+|[-_=~]{3,}|[*] [*] [*]|\xE2\x80\xA2)$", {"*", "-", "_", "=", "~", " ", "\xE2\x80\xA2"}},
      {R"((?i)^\d+\s+(?:thoughts?|comments?) (?:on|to)\s+(?P<title>.+?)$)",
       {"1", "23 ", " ", "thoughts on ", "comment to ", "s", "x"}},
      {R"(^\(?(?i:additional reporting|reporting|editing) by [A-Z][\w'.-]*$)",
       {"(", "additional ", "reporting", "editing", " by ", "Jo", "x", "'"}},
      {"(?i)^(?:copyright\\s*)?(?:\xC2\xA9|\\(c\\)|copyright)\\s*.*$",
       {"copyright", " ", "\xC2\xA9", "(c)", "(", "c", ")", "x"}},
  };
  const std::vector<std::string> noise = {"\xE2\x80\x9C", "\xC3\xA9", "@", "`", "[", "{"};
  std::mt19937 rng(4242);
  RE2::Options o;
  o.set_log_errors(false);
  for (const auto& c : cases) {
    auto prefixes = RequiredPrefixes(c.pattern);
    ASSERT_TRUE(prefixes.has_value()) << c.pattern;
    const PrefixSet set(*prefixes);
    RE2 re(c.pattern, o);
    ASSERT_TRUE(re.ok()) << c.pattern;
    int matched = 0;
    for (int n = 0; n < 20000; ++n) {
      std::string text;
      const int k = 1 + static_cast<int>(rng() % 8);
      for (int j = 0; j < k; ++j)
        text += rng() % 10 ? c.pieces[rng() % c.pieces.size()] : noise[rng() % noise.size()];
      for (auto& ch : text)
        if (ch >= 'a' && ch <= 'z' && rng() % 3 == 0) ch = static_cast<char>(ch - 32);
      if (RE2::PartialMatch(text, re)) {
        ++matched;
        std::string lower = text;
        for (auto& ch : lower)
          if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
        bool starts = false;
        for (const auto& p : *prefixes) starts = starts || lower.rfind(p, 0) == 0;
        EXPECT_TRUE(starts) << c.pattern << " on '" << text << "'";
        EXPECT_TRUE(set.MayStart(text)) << c.pattern << " on '" << text << "'";
      }
    }
    EXPECT_GT(matched, 10) << c.pattern;  // the texts do exercise the pattern
  }
}

// The runes RequiredPrefixes takes as themselves (Latin-1 punctuation and
// symbols but U+00B5, General Punctuation) are those no case folding maps
// to another rune: under (?i) their class matches no rune outside it.
TEST(RequiredPrefixesTest, CaselessRunesFoldOntoNothing) {
  const char* kRanges = R"([\x{A0}-\x{B4}\x{B6}-\x{BF}\x{2000}-\x{206F}])";
  RE2 plain(kRanges), folded(std::string("(?i)") + kRanges);
  ASSERT_TRUE(plain.ok() && folded.ok());
  std::string s;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    s.clear();
    utf8::Append(cp, &s);
    EXPECT_EQ(RE2::FullMatch(s, plain), RE2::FullMatch(s, folded)) << std::hex << static_cast<uint32_t>(cp);
  }
}

TEST(PrefixSetTest, TellsLinesByTheirFirstBytes) {
  const PrefixSet set({"share", "this article was first published", "(c)", "\xC2\xA9", "7"});
  EXPECT_TRUE(set.MayStart("Share this"));
  EXPECT_TRUE(set.MayStart("THIS ARTICLE"));  // "this art": prefixes are cut short
  EXPECT_TRUE(set.MayStart("(C) 2020"));
  EXPECT_TRUE(set.MayStart("\xC2\xA9 2020"));
  EXPECT_TRUE(set.MayStart("7 comments"));
  EXPECT_FALSE(set.MayStart("The article"));
  EXPECT_FALSE(set.MayStart("shar"));
  EXPECT_FALSE(set.MayStart(""));
  EXPECT_FALSE(set.MayStart("8 comments"));
}

// RequiredLiterals lower-cases literals and compares them with ASCII case
// folding only. That is exact because under RE2's (?i) no non-ASCII rune
// matches an ASCII character except U+017F (s) and U+212A (k), the two that
// HasNonAsciiFoldRune looks for. Asked of RE2 itself for every rune.
TEST(RequiredLiteralsTest, OnlyTwoNonAsciiRunesFoldOntoAscii) {
  RE2 ascii(R"((?i)[\x{0}-\x{7F}])");
  ASSERT_TRUE(ascii.ok());
  std::vector<char32_t> folding;
  std::string s;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    s.clear();
    utf8::Append(cp, &s);
    if (RE2::FullMatch(s, ascii)) folding.push_back(cp);
  }
  EXPECT_EQ(folding, (std::vector<char32_t>{0x17F, 0x212A}));
}

TEST(RequiredLiteralsTest, FindsTheFoldingRunes) {
  EXPECT_FALSE(HasNonAsciiFoldRune("All rights reserved \xE2\x80\x9Cquoted\xE2\x80\x9D \xC5\xBE"));
  EXPECT_TRUE(HasNonAsciiFoldRune("All right\xC5\xBF reserved"));
  EXPECT_TRUE(HasNonAsciiFoldRune("5 \xE2\x84\xAA"));
  EXPECT_FALSE(HasNonAsciiFoldRune("\xE2\x84"));  // cut short
  EXPECT_FALSE(HasNonAsciiFoldRune("\xC2\xBF \xE2\x80\xAA \xC2\xAA"));  // other 0xBF, 0xAA ends
  EXPECT_TRUE(HasNonAsciiFoldRune("\xE2\x84\xAA"));
}

// FoundIn against a plain search on a lower-cased copy, over lengths around
// the sixteen-byte steps and with the bytes that differ from letters only in
// the case bit ('@' and '`', '[' and '{').
TEST(FoldedLiteralTest, AgreesWithAPlainSearch) {
  const std::vector<std::string> literals = {"a", "(s", "teapot", "all rights reserved",
                                             "[x@", "`{", "kettle boiled over the stove"};
  const std::string alphabet = "aAtTeEpPoO sSlL(x@`[{X]";
  std::mt19937 rng(777);
  for (const auto& lit : literals) {
    FoldedLiteral fl(lit);
    for (int n = 0; n < 3000; ++n) {
      std::string text;
      const size_t len = rng() % 70;
      for (size_t i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
      if (rng() % 3 == 0 && len > 0) {  // plant the literal in random case
        std::string planted = lit;
        for (auto& c : planted)
          if (rng() % 2 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        text.insert(rng() % text.size(), planted);
      }
      std::string lower = text;
      for (auto& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      EXPECT_EQ(fl.FoundIn(text), lower.find(lit) != std::string::npos)
          << "'" << lit << "' in '" << text << "'";
    }
  }
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST(Latin1TwinExactTest, NonAsciiOnlyInsideClasses) {
  EXPECT_TRUE(Latin1TwinExact("^(?i:by)\\s+(?P<names>\\p{Lu}[\\pL'\u2019.-]*)$"));
  EXPECT_TRUE(Latin1TwinExact("[\"\u201C]?(?P<t>[^\u201D]+)[\"\u201D]?$"));
  EXPECT_TRUE(Latin1TwinExact("[]\u2019]x"));   // a leading ']' is literal
  EXPECT_TRUE(Latin1TwinExact("[^]\u2019]x"));
  EXPECT_FALSE(Latin1TwinExact("a\u2019?b"));     // only the last byte would be optional
  EXPECT_FALSE(Latin1TwinExact("[a]\u2019"));
  EXPECT_FALSE(Latin1TwinExact("\\[\u2019"));     // an escaped '[' opens no class
  EXPECT_FALSE(Latin1TwinExact("\\Q[\\E\u2019"));
}

// Where Latin1TwinExact holds, the Latin-1 compilation finds on ASCII text
// the same match and the same groups as the UTF-8 one.
TEST(Latin1TwinExactTest, Latin1TwinMatchesAsciiTextLikeUtf8) {
  const char* kName = "(?:\\p{Lu}[\\pL'\u2019.-]*(?:\\s+(?:\\p{Lu}[\\pL'\u2019.-]*|de|van|al-\\pL+))*)";
  const std::string patterns[] = {
      std::string("^(?i:by|written by|author:?)\\s+(?P<names>") + kName +
          "(?:(?:\\s*,\\s*|\\s+and\\s+|\\s*&\\s*)" + kName + ")*)\\s*,?$",
      std::string("^(?P<names>") + kName + ") is (?:a |an |the )?(?:[\\w,-]+ )*" +
          "(?:writer|journalist|editor)\\b.*$",
      "(?i)^(?:published|posted)?\\s*:?\\s*(?P<date>(?i:June|Jul|Sept?)\\.?\\s+\\d{1,2},?\\s+"
      "\\d{4})$",
      "^.*\\((?:Source|Photo): [^()]+\\)\\.?$",
      "(?i)^\\d+\\s+(?:thoughts?|comments?) (?:on|to)\\s+[\u201C\"]?(?P<title>.+?)[\u201D\"]?$",
      "(?i)[.!?\"\u201D)]\\s*((?:read also|-\\s*reuters)\\s*)$",
      "^[\\pL\\pN'\u2019.&-]+(?:\\s+[^\\s\u2014]+)*$",
  };
  const std::string lines[] = {
      "By Nadia Farouk", "by Samir Rahimi and Joseph Karimi,", "Written by Anne-Marie O'Neil",
      "BY al-Hassan de Souza", "By nobody in particular", "Published: June 9, 2018",
      "posted Sept. 21, 2020", "JUNE 3 2019", "Lena Okafor is a freelance writer based in Kessin.",
      "Lena Okafor is an editor", "Children play (Photo: Lena Okafor).", "A (Source: x) b",
      "3 thoughts on \"The Myth\"", "12 COMMENTS TO The Return", "He left. Read Also",
      "It ended - Reuters", "Skip", "", " ", "K\xC2", "kelvin and sharp s: KS ks",
      "The U.S. State Department said it was deeply concerned by the reports."};
  RE2::Options utf8_opts;
  utf8_opts.set_log_errors(false);
  RE2::Options latin1_opts = utf8_opts;
  latin1_opts.set_encoding(RE2::Options::EncodingLatin1);
  for (const auto& p : patterns) {
    ASSERT_TRUE(Latin1TwinExact(p)) << p;
    RE2 u(p, utf8_opts), l(p, latin1_opts);
    ASSERT_TRUE(u.ok()) << p;
    ASSERT_TRUE(l.ok()) << p;
    ASSERT_EQ(u.NumberOfCapturingGroups(), l.NumberOfCapturingGroups());
    EXPECT_EQ(u.NamedCapturingGroups(), l.NamedCapturingGroups());
    const int n = u.NumberOfCapturingGroups() + 1;
    for (const auto& line : lines) {
      if (!utf8::IsAscii(line)) continue;
      for (auto anchor : {RE2::UNANCHORED, RE2::ANCHOR_START}) {
        std::vector<re2::StringPiece> gu(n), gl(n);
        const bool mu = u.Match(line, 0, line.size(), anchor, gu.data(), n);
        const bool ml = l.Match(line, 0, line.size(), anchor, gl.data(), n);
        ASSERT_EQ(mu, ml) << p << " on " << line;
        if (!mu) continue;
        for (int g = 0; g < n; ++g) {
          EXPECT_EQ(gu[g].data(), gl[g].data()) << p << " on " << line << " group " << g;
          EXPECT_EQ(gu[g].size(), gl[g].size()) << p << " on " << line << " group " << g;
        }
      }
    }
  }
}

TEST(WidenUnicodeClassesTest, LetterAndNumberClassesBecomeAsciiPlusNonAscii) {
  EXPECT_EQ(WidenUnicodeClasses("^\\p{Lu}[\\pL'\u2019.-]*$").value_or("-"),
            "^[A-Z\\x{80}-\\x{10FFFF}][A-Za-z\\x{80}-\\x{10FFFF}'\u2019.-]*$");
  EXPECT_EQ(WidenUnicodeClasses("al-\\pL+ \\pN \\p{Lo}").value_or("-"),
            "al-[A-Za-z\\x{80}-\\x{10FFFF}]+ [0-9\\x{80}-\\x{10FFFF}] [\\x{80}-\\x{10FFFF}]");
  EXPECT_EQ(WidenUnicodeClasses("[]\\pL]\\\\pL").value_or("-"),  // "\\pL" is '\' then "pL"
            "[]A-Za-z\\x{80}-\\x{10FFFF}]\\\\pL");
  EXPECT_FALSE(WidenUnicodeClasses("^by\\s+\\w+$"));     // nothing to widen
  EXPECT_FALSE(WidenUnicodeClasses("[^\\pL]"));          // negated: would narrow
  EXPECT_FALSE(WidenUnicodeClasses("\\PL"));
  EXPECT_FALSE(WidenUnicodeClasses("\\p{Greek}\\pL"));   // a class not modelled
  EXPECT_FALSE(WidenUnicodeClasses("[\\pL-z]"));         // a range's end
  EXPECT_FALSE(WidenUnicodeClasses("\\Q\\pL\\E"));
}

// The widened pattern matches every line the original matches (in UTF-8).
TEST(WidenUnicodeClassesTest, WidenedPatternMatchesASuperset) {
  const std::string patterns[] = {
      "^(?i:by)\\s+(?P<names>\\p{Lu}[\\pL'\u2019.-]*(?:\\s+\\p{Lu}[\\pL'\u2019.-]*)*)$",
      "^[\\p{Lu}0-9][\\pL\\pN'\u2019.&-]*,\\s+\\d{4}$", "(?i)^\\pL+ \\p{Ll}+$"};
  const std::string lines[] = {"By Nadia Farouk", "By \u00C9mile Za\u00EFd", "By \u201CNadia\u201D",
                               "By \u0391\u03B8\u03B7\u03BD\u03AC", "Al-Masdar News, 2019",
                               "\u00C9cho, 2020", "\u2014x, 2020", "word WORD", "\u00E9t\u00E9 x",
                               "12 x"};
  RE2::Options o;
  o.set_log_errors(false);
  for (const auto& p : patterns) {
    auto w = WidenUnicodeClasses(p);
    ASSERT_TRUE(w) << p;
    RE2 exact(p, o), wide(*w, o);
    ASSERT_TRUE(exact.ok() && wide.ok()) << p;
    for (const auto& line : lines) {
      if (!RE2::PartialMatch(line, exact)) continue;
      EXPECT_TRUE(RE2::PartialMatch(line, wide)) << p << " on " << line;
    }
  }
  // And more: a curly quote is no letter, but the widened class takes it.
  RE2 exact(patterns[0], o), wide(*WidenUnicodeClasses(patterns[0]), o);
  EXPECT_FALSE(RE2::PartialMatch("By \u201CNadia\u201D", exact));
  EXPECT_TRUE(RE2::PartialMatch("By \u201CNadia\u201D", wide));
}

}  // namespace
}  // namespace dossier
