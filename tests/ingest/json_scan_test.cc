// json_scan: locating a top-level string member and decoding its escapes
// with a map back to the source characters.
#include "ingest/json_scan.h"

#include <gtest/gtest.h>

#include <string>

namespace dossier::json_scan {
namespace {

std::string_view Extent(std::string_view json, std::optional<StringExtent> e) {
  if (!e) return "<none>";
  return json.substr(e->begin, e->end - e->begin);
}

TEST(FindTopLevelStringTest, FindsMemberAndIgnoresNestedKeys) {
  const std::string_view json =
      R"({"meta": {"text": "nested"}, "list": ["text", {"text": 1}], "text" : "top \"q\""})";
  EXPECT_EQ(Extent(json, FindTopLevelString(json, "text")), R"(top \"q\")");
}

TEST(FindTopLevelStringTest, HandlesEscapedBackslashBeforeQuote) {
  const std::string_view json =
      R"({"text":"ends in \\","x":"a\\\"b","text2":"z"})";
  EXPECT_EQ(Extent(json, FindTopLevelString(json, "text")), R"(ends in \\)");
  EXPECT_EQ(Extent(json, FindTopLevelString(json, "x")), R"(a\\\"b)");
  EXPECT_EQ(Extent(json, FindTopLevelString(json, "text2")), "z");
}

TEST(FindTopLevelStringTest, LastDuplicateKeyWins) {
  const std::string_view json = R"({"text":"first","text":"second"})";
  EXPECT_EQ(Extent(json, FindTopLevelString(json, "text")), "second");
  const std::string_view overridden = R"({"text":"first","text":null})";
  EXPECT_FALSE(FindTopLevelString(overridden, "text").has_value());
}

TEST(FindTopLevelStringTest, MatchesEscapedKeys) {
  const std::string_view json = R"({"t\u0065xt":"found"})";
  EXPECT_EQ(Extent(json, FindTopLevelString(json, "text")), "found");
}

TEST(FindTopLevelStringTest, NonStringOrMissingValueIsNotFound) {
  EXPECT_FALSE(FindTopLevelString(R"({"text": 12})", "text").has_value());
  EXPECT_FALSE(FindTopLevelString(R"({"title": "x"})", "text").has_value());
  EXPECT_FALSE(FindTopLevelString(R"(["text", "x"])", "text").has_value());
  EXPECT_FALSE(FindTopLevelString("{}", "text").has_value());
}

TEST(DecodeStringTest, MapsEveryEscapeToItsSourceBytes) {
  //                        0123456789...
  const std::string_view json =
      R"({"text":"a\nb \"q\" \u00e9\/ \ud83d\ude00!"})";
  const auto extent = FindTopLevelString(json, "text");
  ASSERT_TRUE(extent.has_value());
  TextBuilder out;
  ASSERT_TRUE(DecodeString(json, *extent, &out));
  EXPECT_EQ(out.text(), "a\nb \"q\" \xC3\xA9/ \xF0\x9F\x98\x80!");

  const OffsetMap& map = out.map();
  auto source = [&](size_t b, size_t e) {
    return json.substr(map.MapBegin(b), map.MapEnd(e) - map.MapBegin(b));
  };
  EXPECT_EQ(source(0, 1), "a");
  EXPECT_EQ(source(1, 2), R"(\n)");
  EXPECT_EQ(source(4, 5), R"(\")");
  EXPECT_EQ(source(4, 7), R"(\"q\")");
  EXPECT_EQ(source(8, 10), R"(\u00e9)");  // é is two output bytes
  EXPECT_EQ(source(10, 11), R"(\/)");
  EXPECT_EQ(source(12, 16), R"(\ud83d\ude00)");  // one pair, one piece
  EXPECT_EQ(source(16, 17), "!");
  EXPECT_EQ(map.MapBegin(0), extent->begin);
  EXPECT_EQ(map.MapEnd(out.size()), extent->end);
}

TEST(DecodeStringTest, LoneSurrogatesBecomeReplacementCharacter) {
  const std::string_view json = R"({"text":"x\ud800y\udc00"})";
  TextBuilder out;
  ASSERT_TRUE(DecodeString(json, *FindTopLevelString(json, "text"), &out));
  EXPECT_EQ(out.text(), "x\xEF\xBF\xBDy\xEF\xBF\xBD");
  EXPECT_EQ(json.substr(out.map().MapBegin(1), 6), R"(\ud800)");
}

TEST(DecodeStringTest, ControlEscapesAndNul) {
  const std::string_view json = R"({"text":"\b\f\r\t\u0000"})";
  TextBuilder out;
  ASSERT_TRUE(DecodeString(json, *FindTopLevelString(json, "text"), &out));
  EXPECT_EQ(out.text(), std::string("\b\f\r\t\0", 5));
}

TEST(DecodeStringTest, RejectsMalformedEscape) {
  const std::string_view json = R"({"text":"ab\q"})";
  TextBuilder out;
  EXPECT_FALSE(DecodeString(json, *FindTopLevelString(json, "text"), &out));
}

TEST(SurrogateEscapeTest, ReplacesOnlyLoneSurrogatesAndKeepsLength) {
  const std::string_view json = R"({"a":"\ud83d\ude00 \ud800 \\ud800 \udfff"})";
  EXPECT_TRUE(HasSurrogateEscape(json));
  const std::string fixed = ReplaceLoneSurrogateEscapes(json);
  EXPECT_EQ(fixed, R"({"a":"\ud83d\ude00 \uFFFD \\ud800 \uFFFD"})");
  EXPECT_EQ(fixed.size(), json.size());
  EXPECT_FALSE(HasSurrogateEscape(R"({"a":"\\ud800 \u00e9"})"));
}

}  // namespace
}  // namespace dossier::json_scan
