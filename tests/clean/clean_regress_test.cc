// Regression tests for what the fuzzers (fuzz/, issue 10) found in the clean
// stage. Each test holds the exact input bytes of the finding (or its
// minimised form) and checks the invariant that was broken.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>

#include "clean/cleaner.h"
#include "clean/html_depth_guard.h"
#include "clean/html_extract.h"
#include "dossier/lexicon.h"
#include "dossier/utf8.h"
#include "test_util.h"

namespace dossier {
namespace {

using namespace std::string_literals;

// Copy pieces of `x.map` are byte-identical to `html` and the map covers the
// text.
void ExpectMapConsistent(const HtmlExtract& x, std::string_view html) {
  size_t pos = 0;
  for (const OffsetMap::Piece& p : x.map.pieces()) {
    EXPECT_EQ(p.out_begin, pos);
    ASSERT_LE(p.in_end, html.size());
    if (p.copy) {
      EXPECT_EQ(x.text.substr(p.out_begin, p.out_end - p.out_begin),
                html.substr(p.in_begin, p.in_end - p.in_begin));
    }
    pos = p.out_end;
  }
  EXPECT_EQ(pos, x.text.size());
}

// fuzz_html crash-f4a5d3a9b5f4a5b80ca48874b09de65c15a67217: gumbo adds up the
// digits of "&#222222222220;" in an int, overflows, and wrote the single byte
// 0x8C into the text, which was then not valid UTF-8.
TEST(CleanRegressTest, HugeDecimalCharRefIsReplacementCharacter) {
  const std::string html =
      "<p>&amp;t&l;&gt;&q,utrikot;&#38;&#x2014;&#222222222220;&#xD800;"
      "&notanentity; &nbsp&copy &rsqueed</p>";
  auto x = ExtractHtml(html);
  ASSERT_TRUE(x.ok());
  EXPECT_TRUE(utf8::IsValid(x->text));
  EXPECT_NE(x->text.find("\u2014\uFFFD\uFFFD\u00ac"), std::string::npos) << x->text;
  ExpectMapConsistent(*x, html);
}

// The same overflow can give a NUL (0xFFFFFF00 = 4294967040), which ended
// gumbo's text node: everything after it was lost. Hex references overflow
// too (0x80000041 wrapped to a negative value).
TEST(CleanRegressTest, HugeCharRefDoesNotCutTextShort) {
  const std::string html = "<p>x&#4294967040;after and &#x80000041;more</p>";
  auto x = ExtractHtml(html);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->text, "x\uFFFDafter and \uFFFDmore");
  ExpectMapConsistent(*x, html);
  // The replacement character maps back to the whole reference.
  const size_t at = x->text.find("\uFFFD");
  EXPECT_EQ(x->map.MapBegin(at), 4u);
  EXPECT_EQ(x->map.MapEnd(at + 3), 4u + std::string_view("&#4294967040;").size());
}

// Values that wrapped to a valid code point gave a wrong character instead of
// U+FFFD ("&#4294967101;" became "=").
TEST(CleanRegressTest, HugeCharRefNeverWrapsToAnotherCharacter) {
  const std::string html = "<p>t&#4294967101;u and &#00000000065;</p>";
  auto x = ExtractHtml(html);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->text, "t\uFFFDu and A");
}

// fuzz_html leak-31991f930d22ef6bfe519bbceb77dd35d1923e18, minimised to
// "<noscript><!DOCTYPE": gumbo ignores a DOCTYPE in <noscript> in <head>
// without freeing its name and identifiers (LeakSanitizer: 7 bytes in 3
// allocations per DOCTYPE; this test fails under scripts/test --sanitize
// without the fix). A DOCTYPE after a tag is now a bogus comment.
TEST(CleanRegressTest, DoctypeInHeadNoscriptDoesNotLeak) {
  for (const std::string& html :
       {"<noscript><!DOCTYPE"s, "<noscript><!DOCTYPE html>\n<p>kept</p>"s,
        "<head><noscript><!doctype html PUBLIC \"-//W3C\" \"x\"></noscript></head>"
        "<p>kept</p>"s}) {
    auto x = ExtractHtml(html);
    ASSERT_TRUE(x.ok());
    EXPECT_TRUE(utf8::IsValid(x->text));
    if (html.find("kept") != std::string::npos) {
      EXPECT_EQ(x->text, "kept");
    }
  }
  std::string patched;
  auto r = html_internal::PrepareForGumbo("<p>x<!DoCtYpE html>y", 256, &patched);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(patched, "<p>x<!-oCtYpE html>y");
  // The document's own DOCTYPE (before any tag) decides quirks mode: kept.
  patched.clear();
  r = html_internal::PrepareForGumbo("<!-- c --> <!DOCTYPE html><p>x<p>y", 256, &patched);
  EXPECT_FALSE(r.changed);
}

// fuzz_html crash-aa2c752cd8faa43af4be5f9a9d34598da0f6800e: a comment's raw
// span was [MapBegin(first text byte), MapEnd(last text byte)), but gumbo
// moves text out of source order (a table's stray content is foster-parented
// before the table), so the span came out with begin > end. It is now the
// span covering every byte of the comment.
TEST(CleanRegressTest, HtmlCommentSpanCoversReorderedText) {
  const std::string html =
      "<div id=\"comments\">@<p>one<omonth.</p>\n<p>&ldquo;We saw therived at "
      "noon.</p>\n<ul><li>Three injurclosed</li></ul>\n<blooctkqeu><p is a "
      "violation,&#8221; the ministry said.</p></blockquote>\n<table><tr><td>Day"
      "</4d><td>Strikes</td></tr><tr><td>Mon</td><td>5(</td>/p><p>tw\t\0\0\0>"
      "</div>"s;
  auto x = ExtractHtml(html);
  ASSERT_TRUE(x.ok());
  ASSERT_FALSE(x->comments.empty());
  for (const Comment& c : x->comments) {
    EXPECT_LE(c.raw.begin, c.raw.end) << c.text;
    EXPECT_LE(c.raw.end, html.size());
  }
}

// The same for comments the cleaner's line rules find ("Comments" header)
// in HTML text: "stray foster text" comes first in the text but after the
// cell in the source; the span covers both.
TEST(CleanRegressTest, LineCommentSpanCoversReorderedText) {
  auto lexicon = Lexicon::Load({testing::DataDir()});
  ASSERT_TRUE(lexicon.ok());
  auto cleaner = Cleaner::Create(*lexicon);
  ASSERT_TRUE(cleaner.ok());
  const std::string html =
      "<p>The article text is here and long enough to be an article body for "
      "sure.</p><p>Comments</p><table><tr><td>first comment in a cell</td></tr>"
      "stray foster text</table>";
  RawDocument raw;
  raw.raw = std::make_shared<const std::string>(html);
  raw.body = html;
  raw.body_map = OffsetMap::Identity(html.size());
  raw.body_is_html = true;
  raw.format = Format::kHtml;
  auto doc = (*cleaner)->Clean(raw);
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->comments.size(), 1u);
  const Comment& c = doc->comments[0];
  EXPECT_EQ(c.text, "stray foster text\n\nfirst comment in a cell");
  ASSERT_LE(c.raw.begin, c.raw.end);
  const std::string span = html.substr(c.raw.begin, c.raw.end - c.raw.begin);
  EXPECT_EQ(span, "first comment in a cell</td></tr>stray foster text");
}

// Seconds NormalizeText(text, markup) takes.
double SecondsToNormalize(const std::string& text, bool markup, std::string* out,
                          OffsetMap* map) {
  const auto start = std::chrono::steady_clock::now();
  *out = NormalizeText(text, markup, map);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// fuzz_clean stress input "<p>" + 59997 x '\r' (timeout): every lone CR
// started a new line whose markup plan scanned (three memchr) up to the next
// '\n', i.e. the rest of the text: quadratic in CR-only (old Mac) text. A
// megabyte of it took hours; it must take well under a second.
TEST(CleanRegressTest, CrOnlyLineEndsAreLinear) {
  std::string out;
  OffsetMap map;
  const std::string finding = "<p>" + std::string(59997, '\r');
  SecondsToNormalize(finding, true, &out, &map);
  EXPECT_EQ(out.find_first_not_of('\n'), std::string::npos);

  const std::string big = "a\r" + std::string(1 << 20, '\r') + "b";
  EXPECT_LT(SecondsToNormalize(big, true, &out, &map), 10.0);
  EXPECT_EQ(out.size(), big.size());
  EXPECT_EQ(out.front(), 'a');
  EXPECT_EQ(out.back(), 'b');
  EXPECT_EQ(map.MapBegin(out.size() - 1), big.size() - 1);

  // The same with U+2028 LINE SEPARATOR, which also breaks lines.
  std::string ls;
  for (int i = 0; i < (1 << 18); ++i) ls += "x\u2028";
  EXPECT_LT(SecondsToNormalize(ls, true, &out, &map), 10.0);
  EXPECT_EQ(out.size(), ls.size() / 2);
}

// fuzz_clean stress inputs "[" x 60000 and "[a](b" x 12000 (each ~0.8 s
// under the sanitizers): every '[' scanned up to 600 bytes for its ']' and
// every "](" up to 2048 for its ')'. The scans are now skipped when no ']' or
// ')' is in their reach; what is a link is unchanged, up to the limits.
TEST(CleanRegressTest, BracketRunsAreNotRescanned) {
  std::string out;
  OffsetMap map;
  const std::string brackets = std::string(1 << 20, '[') + "[a](https://x.example/)";
  EXPECT_LT(SecondsToNormalize(brackets, true, &out, &map), 10.0);
  EXPECT_EQ(out, std::string(1 << 20, '[') + "a");
  // A ']' exactly 600 bytes after the '[' and a ')' 2048 after the ']' are
  // still in reach; one byte further they are not.
  const std::string at_limit = "[" + std::string(599, 'a') + "](" + std::string(2046, 'u') + ")";
  EXPECT_EQ(NormalizeText(at_limit, true, &map), std::string(599, 'a'));
  const std::string past_limit = "[" + std::string(600, 'a') + "](u)";
  EXPECT_EQ(NormalizeText(past_limit, true, &map), past_limit);
  const std::string url_past = "[a](" + std::string(2047, 'u') + ")";
  EXPECT_EQ(NormalizeText(url_past, true, &map), url_past);
}

// A lone CR ends the line for inline markup too: emphasis and links on each
// side are found, and none is paired across the break.
TEST(CleanRegressTest, CrOnlyLinesKeepTheirMarkup) {
  OffsetMap map;
  EXPECT_EQ(NormalizeText("*one*\r[two](https://x.example/)\r**three**", true, &map),
            "one\ntwo\nthree");
  EXPECT_EQ(NormalizeText("a *b\rc* d", true, &map), "a *b\nc* d");
}

}  // namespace
}  // namespace dossier
