#include "dossier/json_writer.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(JsonWriterTest, EscapesControlCharactersAndQuotes) {
  std::string out;
  JsonWriter::Escape(std::string("a\"b\\c\n\t\x01", 8), &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001\"");
}

TEST(JsonWriterTest, EscapesSpecialBytesAtEveryPositionOfLongStrings) {
  for (char special : {'"', '\\', '\n', '\x1f'}) {
    for (size_t pos = 0; pos < 24; ++pos) {
      std::string in(24, 'a');
      in[pos] = special;
      std::string out;
      JsonWriter::Escape(in, &out);
      std::string expected = "\"" + std::string(pos, 'a');
      expected += special == '"' ? "\\\"" : special == '\\' ? "\\\\" : special == '\n' ? "\\n" : "\\u001f";
      expected += std::string(23 - pos, 'a') + "\"";
      EXPECT_EQ(out, expected) << "special " << int(special) << " at " << pos;
    }
  }
}

TEST(JsonWriterTest, InvalidUtf8BecomesReplacementCharacter) {
  std::string out;
  JsonWriter::Escape("ok\xff\xfeok", &out);
  EXPECT_EQ(out, "\"ok\xEF\xBF\xBD\xEF\xBF\xBDok\"");
}

TEST(JsonWriterTest, LineSeparatorIsEscaped) {
  std::string out;
  JsonWriter::Escape("a\xE2\x80\xA8" "b", &out);
  EXPECT_EQ(out, "\"a\\u2028b\"");
}

TEST(JsonWriterTest, WritesNestedStructures) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.Int(1);
  w.Key("b");
  w.BeginArray();
  w.Pair(0, 3);
  w.Null();
  w.String("x");
  w.EndArray();
  w.Key("c");
  w.Bool(false);
  w.EndObject();
  EXPECT_EQ(out, "{\"a\":1,\"b\":[[0,3],null,\"x\"],\"c\":false}");
}

}  // namespace
}  // namespace dossier
