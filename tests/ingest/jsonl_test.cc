// The JSONL reader through ReadInput: records, line numbers, body maps,
// metadata, per-line errors and limits.
#include <gtest/gtest.h>

#include <string>

#include "dossier/content_id.h"
#include "ingest/ingest.h"
#include "ingest_test_util.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::CollectingSink;
using testing::ExpectBodyMapConsistent;
using testing::RawOf;
using testing::ReadPath;
using testing::TempDir;

TEST(JsonlReaderTest, ReadsOneDocumentPerLineAndSkipsBlankLines) {
  TempDir dir;
  const std::string path = dir.Write("a.jsonl",
                                     "{\"text\": \"First article.\"}\n"
                                     "\n"
                                     "   \r\n"
                                     "{\"text\": \"Second article.\"}\r\n"
                                     "{\"text\": \"Third, no newline.\"}");
  CollectingSink sink = ReadPath(path);
  EXPECT_TRUE(sink.errors.empty());
  ASSERT_EQ(sink.docs.size(), 3u);
  EXPECT_EQ(sink.docs[0].line, 1);
  EXPECT_EQ(sink.docs[1].line, 4);
  EXPECT_EQ(sink.docs[2].line, 5);
  EXPECT_EQ(sink.docs[0].record, 0);
  EXPECT_EQ(sink.docs[1].record, 1);
  EXPECT_EQ(sink.docs[2].record, 2);
  EXPECT_EQ(*sink.docs[1].raw, "{\"text\": \"Second article.\"}");  // no CR LF
  EXPECT_EQ(sink.docs[1].body, "Second article.");
  EXPECT_EQ(sink.docs[2].body, "Third, no newline.");
  for (const RawDocument& doc : sink.docs) {
    EXPECT_EQ(doc.path, path);
    EXPECT_EQ(doc.format, Format::kJsonl);
    EXPECT_EQ(doc.encoding, "utf-8");
    EXPECT_FALSE(doc.body_is_html);
    ExpectBodyMapConsistent(doc);
  }
}

TEST(JsonlReaderTest, JsonlEscapesMapBackToRaw) {
  TempDir dir;
  const std::string line =
      R"({"id": 7, "text": "He said \"no\".\nCaf\u00e9 \ud83d\ude00 a\/b"})";
  CollectingSink sink = ReadPath(dir.Write("e.jsonl", line + "\n"));
  ASSERT_EQ(sink.docs.size(), 1u);
  const RawDocument& doc = sink.docs[0];
  EXPECT_EQ(*doc.raw, line);
  EXPECT_EQ(doc.body, "He said \"no\".\nCaf\xC3\xA9 \xF0\x9F\x98\x80 a/b");
  ExpectBodyMapConsistent(doc);
  // Body offsets: H0 ... "8 n9 o10 "11 .12 \n13 C14 a15 f16 é17-18 ' '19 😀20-23
  // ' '24 a25 /26 b27
  EXPECT_EQ(doc.body_map.MapBegin(0), line.find("He said"));
  EXPECT_EQ(RawOf(doc, 0, 7), "He said");
  EXPECT_EQ(RawOf(doc, 8, 9), R"(\")");
  EXPECT_EQ(RawOf(doc, 8, 12), R"(\"no\")");
  EXPECT_EQ(RawOf(doc, 13, 14), R"(\n)");
  EXPECT_EQ(RawOf(doc, 17, 19), R"(\u00e9)");
  EXPECT_EQ(RawOf(doc, 20, 24), R"(\ud83d\ude00)");
  EXPECT_EQ(RawOf(doc, 26, 27), R"(\/)");
  EXPECT_EQ(doc.body_map.MapEnd(doc.body.size()),
            line.size() - 2);  // before `"}`
  EXPECT_EQ(doc.given.id, "7");
}

TEST(JsonlReaderTest, IdHashesFormatAndRawLine) {
  TempDir dir;
  const std::string line = R"({"text":"Same words."})";
  CollectingSink a = ReadPath(dir.Write("a.jsonl", line + "\n"));
  CollectingSink b = ReadPath(dir.Write("sub/b.ndjson", "\n\n" + line));
  ASSERT_EQ(a.docs.size(), 1u);
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].id, ContentId(std::string("jsonl\0", 6) + line));
  EXPECT_EQ(a.docs[0].id, b.docs[0].id);
  EXPECT_EQ(a.docs[0].id.size(), 32u);
}

TEST(JsonlReaderTest, MalformedJsonLineReportedWithLineNumber) {
  TempDir dir;
  const std::string path = dir.Write("m.jsonl",
                                     "{\"text\": \"ok one\"}\n"
                                     "{\"text\": \"broken\n"
                                     "{\"text\": \"ok two\"}\n");
  CollectingSink sink = ReadPath(path);
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[0].body, "ok one");
  EXPECT_EQ(sink.docs[1].body, "ok two");
  EXPECT_EQ(sink.docs[1].line, 3);
  EXPECT_EQ(sink.docs[1].record, 2);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].path, path);
  EXPECT_EQ(sink.errors[0].line, 2);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kInvalidInput);
  EXPECT_EQ(
      sink.errors[0].message,
      "line 2: malformed JSON: parse error at column 17: syntax error while "
      "parsing "
      "value - invalid string: missing closing quote; last read: '\"broken'");
}

TEST(JsonlReaderTest, ReportsLinesThatAreNotArticles) {
  TempDir dir;
  const std::string path = dir.Write("bad.jsonl",
                                     "[1, 2]\n"
                                     "{\"title\": \"no body\"}\n"
                                     "{\"text\": 42}\n"
                                     "{\"text\": \"  \\n \"}\n"
                                     "{\"text\": \"good\"} trailing\n");
  CollectingSink sink = ReadPath(path);
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.errors.size(), 5u);
  EXPECT_EQ(sink.errors[0].message,
            "line 1: expected a JSON object, got array");
  EXPECT_EQ(
      sink.errors[1].message,
      "line 2: no text field (looked for \"text\", \"content\", \"body\", "
      "\"article_content\")");
  EXPECT_EQ(sink.errors[2].message, "line 3: field \"text\" is not a string");
  EXPECT_EQ(sink.errors[3].message, "line 4: empty text field");
  EXPECT_EQ(sink.errors[4].line, 5);
  EXPECT_EQ(sink.errors[4].message.rfind("line 5: malformed JSON: ", 0), 0u);
  for (const auto& e : sink.errors)
    EXPECT_EQ(e.code, StatusCode::kInvalidInput);
  // One "empty document" is not added: the file had records, they failed.
}

TEST(JsonlReaderTest, FallsBackToOtherBodyFields) {
  TempDir dir;
  CollectingSink sink =
      ReadPath(dir.Write("f.jsonl",
                         "{\"content\": \"from content\"}\n"
                         "{\"body\": \"from body\", \"text\": \"\"}\n"
                         "{\"article_content\": \"from article_content\"}\n"
                         "{\"text\": null, \"content\": \"null text\"}\n"));
  ASSERT_EQ(sink.docs.size(), 4u)
      << (sink.errors.empty() ? "" : sink.errors[0].message);
  EXPECT_EQ(sink.docs[0].body, "from content");
  EXPECT_EQ(sink.docs[1].body, "from body");
  EXPECT_EQ(RawOf(sink.docs[1], 0, 9), "from body");
  EXPECT_EQ(sink.docs[2].body, "from article_content");
  EXPECT_EQ(sink.docs[3].body, "null text");
}

TEST(JsonlReaderTest, ReadsMetadataFieldsAndAliases) {
  TempDir dir;
  CollectingSink sink = ReadPath(dir.Write(
      "meta.jsonl",
      R"({"text":"t","id":"a-1","title":" Strike kills 12 ","url":"https://x.example/a","published":"2018-08-16","outlet":"SANA","language":"ar","authors":["Jane Roe", {"name":"John Doe"}, ""]})"
      "\n"
      R"({"text":"t","date":"2016-09-17","source":{"id":"bbc","name":"BBC News"},"lang":"en","author":"A. One; B. Two"})"
      "\n"
      R"({"text":"t","site":"example.org","published":12345,"authors":"Solo Writer"})"
      "\n"));
  ASSERT_EQ(sink.docs.size(), 3u);
  const GivenMeta& a = sink.docs[0].given;
  EXPECT_EQ(a.id, "a-1");
  EXPECT_EQ(a.title, "Strike kills 12");
  EXPECT_EQ(a.url, "https://x.example/a");
  EXPECT_EQ(a.published, "2018-08-16");
  EXPECT_EQ(a.outlet, "SANA");
  EXPECT_EQ(a.language, "ar");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Jane Roe", "John Doe"}));
  const GivenMeta& b = sink.docs[1].given;
  EXPECT_EQ(b.id, std::nullopt);
  EXPECT_EQ(b.published, "2016-09-17");
  EXPECT_EQ(b.outlet, "BBC News");
  EXPECT_EQ(b.language, "en");
  EXPECT_EQ(b.authors, (std::vector<std::string>{"A. One", "B. Two"}));
  const GivenMeta& c = sink.docs[2].given;
  EXPECT_EQ(c.outlet, "example.org");
  EXPECT_EQ(c.published, std::nullopt);  // numbers are not dates
  EXPECT_EQ(c.authors, (std::vector<std::string>{"Solo Writer"}));
}

// Lines the reader's own scan takes and lines it leaves to nlohmann::json
// (escaped keys, numbers it does not vouch for, names in objects) read
// alike: last duplicate wins, ids as nlohmann prints them.
TEST(JsonlReaderTest, FieldRulesHoldOnEveryLineShape) {
  TempDir dir;
  CollectingSink sink = ReadPath(dir.Write(
      "shapes.jsonl",
      R"({"text":"first","id":"x","text":"second \"body\"","id":-12,"title":"T\u00e9st\n"})"
      "\n"
      R"({"te\u0078t":"escaped key","id":12.5,"x":[true,null,{"y":[0.25]}]})"
      "\n"
      R"({"text":"exponent","id":1e3})"
      "\n"
      R"({"text":"minus zero","id":-0,"title":"  ","date":"2016"})"
      "\n"
      R"({"text":7,"content":"  ","body":"the body","outlet":{"name":" AFP "}})"
      "\n"
      R"( { "text" : "spaced" , "id" : 123456789012345678901 , "authors" : "" , "author" : "A; B" } )"
      "\n"));
  EXPECT_TRUE(sink.errors.empty());
  ASSERT_EQ(sink.docs.size(), 6u);
  EXPECT_EQ(sink.docs[0].body, "second \"body\"");
  EXPECT_EQ(sink.docs[0].given.id, "-12");
  EXPECT_EQ(sink.docs[0].given.title, "T\u00e9st");
  EXPECT_EQ(RawOf(sink.docs[0], 7, 8), R"(\")");
  EXPECT_EQ(sink.docs[1].body, "escaped key");
  EXPECT_EQ(sink.docs[1].given.id, "12.5");
  EXPECT_EQ(sink.docs[2].given.id, "1000.0");
  EXPECT_EQ(sink.docs[3].given.id, "0");
  EXPECT_EQ(sink.docs[3].given.title, std::nullopt);
  EXPECT_EQ(sink.docs[3].given.published, "2016");
  EXPECT_EQ(sink.docs[4].body, "the body");
  EXPECT_EQ(sink.docs[4].given.outlet, "AFP");
  EXPECT_EQ(sink.docs[5].body, "spaced");
  EXPECT_EQ(sink.docs[5].given.id, "1.2345678901234568e+20");
  EXPECT_EQ(sink.docs[5].given.authors, (std::vector<std::string>{"A", "B"}));
  for (const RawDocument& doc : sink.docs) {
    EXPECT_TRUE(doc.diagnostics.empty());
    ExpectBodyMapConsistent(doc);
  }
}

TEST(JsonlReaderTest, HtmlBodyIsFlagged) {
  TempDir dir;
  CollectingSink sink = ReadPath(dir.Write(
      "h.jsonl", R"({"text":"  <div class=\"story\"><p>One.</p><br/></div>"})"
                 "\n"
                 R"({"text":"<3 is not markup, and 2 < 3 > 1"})"
                 "\n"
                 R"({"text":"Plain text mentioning <p> later"})"
                 "\n"));
  ASSERT_EQ(sink.docs.size(), 3u);
  EXPECT_TRUE(sink.docs[0].body_is_html);
  EXPECT_EQ(sink.docs[0].body, "  <div class=\"story\"><p>One.</p><br/></div>");
  EXPECT_FALSE(sink.docs[1].body_is_html);
  EXPECT_FALSE(sink.docs[2].body_is_html);
}

TEST(JsonlReaderTest, LoneSurrogateEscapeBecomesReplacementCharacter) {
  TempDir dir;
  const std::string line = R"({"text":"emoji half \ud83d here"})";
  CollectingSink sink = ReadPath(dir.Write("s.jsonl", line));
  ASSERT_EQ(sink.docs.size(), 1u) << sink.errors[0].message;
  EXPECT_EQ(sink.docs[0].body, "emoji half \xEF\xBF\xBD here");
  EXPECT_EQ(RawOf(sink.docs[0], 11, 14), R"(\ud83d)");
  EXPECT_EQ(*sink.docs[0].raw, line);
}

TEST(JsonlReaderTest, LatinOneLineAmongUtf8LinesOnlyAffectsItself) {
  TempDir dir;
  CollectingSink sink =
      ReadPath(dir.Write("mixed.jsonl",
                         "{\"text\": \"caf\xC3\xA9 utf8\"}\n"
                         "{\"text\": \"caf\xE9 latin\"}\n"
                         "{\"text\": \"na\xC3\xAFve utf8\"}\n"));
  ASSERT_EQ(sink.docs.size(), 3u);
  EXPECT_EQ(sink.docs[0].body, "caf\xC3\xA9 utf8");
  EXPECT_EQ(sink.docs[0].encoding, "utf-8");
  EXPECT_TRUE(sink.docs[0].diagnostics.empty());
  EXPECT_EQ(sink.docs[1].body, "caf\xC3\xA9 latin");
  EXPECT_EQ(sink.docs[1].encoding, "windows-1252");
  ASSERT_EQ(sink.docs[1].diagnostics.size(), 1u);
  EXPECT_EQ(sink.docs[1].diagnostics[0].code, "encoding_fallback");
  EXPECT_EQ(sink.docs[1].diagnostics[0].message,
            "invalid UTF-8 at byte 13; decoded as Windows-1252");
  EXPECT_EQ(*sink.docs[1].raw, "{\"text\": \"caf\xC3\xA9 latin\"}");
  EXPECT_EQ(sink.docs[2].body, "na\xC3\xAFve utf8");
  EXPECT_EQ(sink.docs[2].encoding, "utf-8");
}

TEST(JsonlReaderTest, Utf8BomIsStrippedFromTheFirstLine) {
  TempDir dir;
  CollectingSink sink = ReadPath(dir.Write(
      "bom.jsonl", "\xEF\xBB\xBF{\"text\":\"one\"}\n{\"text\":\"two\"}\n"));
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(*sink.docs[0].raw, "{\"text\":\"one\"}");
  EXPECT_EQ(sink.docs[0].encoding, "utf-8-bom");
  EXPECT_EQ(sink.docs[0].body_map.MapBegin(0), 9u);
  EXPECT_EQ(sink.docs[1].line, 2);
}

TEST(JsonlReaderTest, Utf16FileIsDecodedWhole) {
  TempDir dir;
  const std::string text = "{\"text\": \"one\"}\n{\"text\": \"two\"}\n";
  std::string bytes = "\xFF\xFE";
  for (char c : text) {
    bytes.push_back(c);
    bytes.push_back('\0');
  }
  CollectingSink sink = ReadPath(dir.Write("u16.jsonl", bytes));
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[1].body, "two");
  EXPECT_EQ(sink.docs[1].line, 2);
  EXPECT_EQ(sink.docs[1].encoding, "utf-16le");
}

TEST(JsonlReaderTest, LineOverLimitIsTooLargeAndReadingContinues) {
  TempDir dir;
  const std::string long_line =
      "{\"text\": \"" + std::string(100, 'x') + "\"}";  // 112 bytes
  const std::string path =
      dir.Write("long.jsonl", "{\"text\":\"short\"}\n" + long_line +
                                  "\n{\"text\":\"after\"}\n");
  IngestOptions options;
  options.max_line_bytes = 100;
  CollectingSink sink = ReadPath(path, options);
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[1].body, "after");
  EXPECT_EQ(sink.docs[1].record, 2);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].line, 2);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kTooLarge);
  EXPECT_EQ(sink.errors[0].message,
            "line 2: 112 bytes exceeds the limit of 100");
}

TEST(JsonlReaderTest, FiftyMegabyteLineIsTooLarge) {
  TempDir dir;
  std::string big = "{\"text\": \"";
  big.append(50u << 20, 'a');
  big += "\"}";
  const size_t big_size = big.size();
  big = "{\"text\":\"before\"}\n" + big + "\n{\"text\":\"after\"}\n";
  const std::string path = dir.Write("big.jsonl", big);
  big.clear();
  big.shrink_to_fit();
  IngestOptions options;
  options.max_line_bytes = 32u << 20;
  CollectingSink sink = ReadPath(path, options);
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[0].body, "before");
  EXPECT_EQ(sink.docs[1].body, "after");
  EXPECT_EQ(sink.docs[1].line, 3);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kTooLarge);
  EXPECT_EQ(sink.errors[0].message, "line 2: " + std::to_string(big_size) +
                                        " bytes exceeds the limit of 33554432");
}

TEST(JsonlReaderTest, BinaryLineIsRejectedWithItsLineNumber) {
  TempDir dir;
  std::string text = "{\"text\":\"fine and long enough to dilute the file\"}\n";
  text += std::string("{\"text\":\"") + std::string(20, '\0') + "\"}\n";
  text += std::string(500, ' ') + "{\"text\":\"last\"}\n";
  CollectingSink sink = ReadPath(dir.Write("nul.jsonl", text));
  ASSERT_EQ(sink.docs.size(), 2u);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].line, 2);
  EXPECT_EQ(sink.errors[0].message,
            "line 2: binary data (20 NUL bytes in the first 8 KiB)");
}

TEST(JsonlReaderTest, EmptyFileIsReported) {
  TempDir dir;
  const std::string path = dir.Write("empty.jsonl", "\n  \n");
  CollectingSink sink = ReadPath(path);
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].line, 0);
  EXPECT_EQ(sink.errors[0].message, "empty document");
}

TEST(JsonlReaderTest, SinkCanStopReading) {
  TempDir dir;
  const std::string path = dir.Write(
      "stop.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c\"}\n");
  CollectingSink sink;
  sink.stop_after = 2;
  Status status = ReadInput(InputFile{path, 0}, IngestOptions{}, sink);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(sink.docs.size(), 2u);
}

TEST(JsonlReaderTest, ReportsProgressUpToFileSize) {
  TempDir dir;
  const std::string content = "{\"text\":\"a\"}\n{\"text\":\"b\"}\n";
  CollectingSink sink = ReadPath(dir.Write("p.jsonl", content));
  ASSERT_FALSE(sink.progress.empty());
  for (size_t i = 1; i < sink.progress.size(); ++i)
    EXPECT_LE(sink.progress[i - 1], sink.progress[i]);
  EXPECT_EQ(sink.progress.front(), 13u);
  EXPECT_EQ(sink.progress.back(), content.size());
}

}  // namespace
}  // namespace dossier
