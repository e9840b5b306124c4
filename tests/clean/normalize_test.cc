// NormalizeText copies runs of plain text in one piece (sixteen bytes a step,
// on through non-ASCII characters it keeps as they are). Checked here against
// a plain character-by-character reference, on text without markup handling
// (markup = false), where the reference is short enough to be obviously
// right: same text, same map.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "clean/cleaner.h"
#include "dossier/offset_map.h"
#include "dossier/utf8.h"

namespace dossier {
namespace {

std::string ReferenceNormalize(std::string_view s, OffsetMap* map) {
  TextBuilder b;
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      b.Copy("\n", i++);
    } else if (c == '\r') {
      if (!(i + 1 < n && s[i + 1] == '\n')) b.Replace("\n", i, i + 1);
      ++i;
    } else if (c == ' ' || c == '\t') {
      size_t j = i;
      while (j < n && (s[j] == ' ' || s[j] == '\t')) ++j;
      const bool line_end = j >= n || s[j] == '\n' || s[j] == '\r';
      const bool line_begin = b.empty() || b.back() == '\n';
      if (!line_end && !line_begin && b.back() != ' ') {
        if (j - i == 1 && c == ' ')
          b.Copy(" ", i);
        else
          b.Replace(" ", i, j);
      }
      i = j;
    } else if (c < 0x20 || c == 0x7F) {
      ++i;
    } else if (c < 0x80) {
      b.Copy(s.substr(i, 1), i);
      ++i;
    } else {
      size_t len;
      const char32_t cp = utf8::Decode(s, i, &len);
      if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A) ||
          cp == 0x3000) {
        if (!b.empty() && b.back() != ' ' && b.back() != '\n') b.Replace(" ", i, i + len);
      } else if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD ||
                 (cp >= 0x80 && cp <= 0x9F)) {
        // dropped
      } else if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
        b.Replace("\n", i, i + len);
      } else {
        b.Copy(s.substr(i, len), i);
      }
      i += len;
    }
  }
  *map = b.TakeMap();
  return b.TakeText();
}

TEST(NormalizeTextTest, RunsAgreeWithCharacterByCharacterReference) {
  // Pieces that end, or do not end, a run: words, single and double spaces,
  // tabs, line ends, controls, markup characters, kept non-ASCII characters,
  // Unicode spaces, zero-width characters, line separators and truncated
  // UTF-8 sequences (whose length swallows the next bytes).
  const std::vector<std::string> pieces = {
      "word", "Longer words of plain running text here", " ", "  ", "\t", "\n", "\r", "\r\n",
      "\x01", "\x7F", "*", "_", "[", "]", "<b>", "!", "#", ">",
      "\u201C", "\u201D", "\u2014", "\u00E9", "\u4E2D", "\U0001F600",
      "\u00A0", "\u2003", "\u3000", "\u200B", "\u00AD", "\u0085", "\u2028", "\uFEFF",
      "\xE2", "\xE2\x80", "\xC2", "\x80", "\xBF"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int count = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < count; ++k) s += pieces[rng() % pieces.size()];
    OffsetMap got_map, want_map;
    const std::string got = NormalizeText(s, /*markup=*/false, &got_map);
    const std::string want = ReferenceNormalize(s, &want_map);
    ASSERT_EQ(got, want) << "input: " << s;
    for (size_t o = 0; o <= got.size(); ++o) {
      ASSERT_EQ(got_map.MapBegin(o), want_map.MapBegin(o)) << "input: " << s << " at " << o;
      ASSERT_EQ(got_map.MapEnd(o), want_map.MapEnd(o)) << "input: " << s << " at " << o;
    }
  }
}

TEST(NormalizeTextTest, MarkupCharactersThatStayAreCopiedAsText) {
  OffsetMap map;
  // Unpaired marks and a bracket that opens no link stay, in the same run
  // as the text around them.
  EXPECT_EQ(NormalizeText("a*b [c] 2*3 snake_case \u201Cq\u201D", true, &map),
            "a*b [c] 2*3 snake_case \u201Cq\u201D");
  EXPECT_EQ(map.pieces().size(), 1u);
  EXPECT_EQ(NormalizeText("x \u201C*y*\u201D z", true, &map), "x \u201Cy\u201D z");
}

// A line's links and emphasis are planned only once the copy reaches one of
// their bytes; the heading or quote mark at its start is dropped before that.
// Each deletion must still be made exactly once, with the map around it.
TEST(NormalizeTextTest, MarkupLaterInTheLineAfterPlainText) {
  struct Piece {
    uint32_t out_begin, out_end, in_begin, in_end;
  };
  auto check = [](std::string_view in, std::string_view want,
                  const std::vector<Piece>& want_pieces) {
    OffsetMap map;
    EXPECT_EQ(NormalizeText(in, true, &map), want);
    ASSERT_EQ(map.pieces().size(), want_pieces.size()) << in;
    for (size_t k = 0; k < want_pieces.size(); ++k) {
      const auto& p = map.pieces()[k];
      EXPECT_TRUE(p.copy) << in << " piece " << k;
      EXPECT_EQ(p.out_begin, want_pieces[k].out_begin) << in << " piece " << k;
      EXPECT_EQ(p.out_end, want_pieces[k].out_end) << in << " piece " << k;
      EXPECT_EQ(p.in_begin, want_pieces[k].in_begin) << in << " piece " << k;
      EXPECT_EQ(p.in_end, want_pieces[k].in_end) << in << " piece " << k;
    }
  };
  check("## Long plain heading text then [a link](http://x.y/a_b) and *em* here\n"
        "next line ![img](u) end",
        "Long plain heading text then a link and em here\nnext line end",
        {{0, 29, 3, 32}, {29, 35, 33, 39}, {35, 40, 56, 61}, {40, 42, 62, 64}, {42, 58, 65, 81},
         {58, 61, 91, 94}});
  check("Plain words first, then an image: ![alt text](http://a/b.png) and **bold**.",
        "Plain words first, then an image: and bold.",
        {{0, 34, 0, 34}, {34, 38, 62, 66}, {38, 42, 68, 72}, {42, 43, 74, 75}});
  check("> quoted line with _under_ and [x](y)\n# Title\nplain",
        "quoted line with under and x\nTitle\nplain",
        {{0, 17, 2, 19}, {17, 22, 20, 25}, {22, 27, 26, 31}, {27, 28, 32, 33}, {28, 29, 37, 38},
         {29, 40, 40, 51}});
}

}  // namespace
}  // namespace dossier
