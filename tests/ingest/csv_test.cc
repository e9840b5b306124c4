// The CSV reader through ReadInput: RFC 4180 quoting, record lines, raw
// extents, body maps, column recognition and overrides, row errors.
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

std::string ErrorsOf(const CollectingSink& sink) {
  std::string out;
  for (const auto& e : sink.errors) out += e.message + "\n";
  return out;
}

TEST(CsvReaderTest, ReadsFakesStyleColumnsIntoMeta) {
  TempDir dir;
  const std::string path = dir.Write(
      "fakes.csv",
      "unit_id,article_title,article_content,source,date,location,labels\n"
      "1914947530,Syria attack,\"Damascus, Syria (SANA) - An attack killed "
      "3.\",sana,"
      "4/21/2013,idlib,0\n");
  CollectingSink sink = ReadPath(path);
  ASSERT_TRUE(sink.errors.empty()) << ErrorsOf(sink);
  ASSERT_EQ(sink.docs.size(), 1u);
  const RawDocument& doc = sink.docs[0];
  EXPECT_EQ(doc.format, Format::kCsv);
  EXPECT_EQ(doc.path, path);
  EXPECT_EQ(doc.line, 2);
  EXPECT_EQ(doc.record, 0);
  EXPECT_EQ(doc.encoding, "utf-8");
  EXPECT_EQ(doc.body, "Damascus, Syria (SANA) - An attack killed 3.");
  EXPECT_EQ(*doc.raw,
            "1914947530,Syria attack,\"Damascus, Syria (SANA) - An attack "
            "killed 3.\",sana,"
            "4/21/2013,idlib,0");
  EXPECT_EQ(doc.body_map.MapBegin(0), 25u);  // just after the opening quote
  EXPECT_EQ(doc.given.id, "1914947530");
  EXPECT_EQ(doc.given.title, "Syria attack");
  EXPECT_EQ(doc.given.outlet, "sana");
  EXPECT_EQ(doc.given.published, "4/21/2013");
  EXPECT_EQ(doc.given.url, std::nullopt);
  EXPECT_EQ(doc.id, ContentId(std::string("csv\0", 4) + *doc.raw));
  ExpectBodyMapConsistent(doc);
}

TEST(CsvReaderTest, CsvEmbeddedNewlineKeepsRecordLine) {
  TempDir dir;
  CollectingSink sink =
      ReadPath(dir.Write("nl.csv",
                         "title,text\r\n"
                         "one,\"first line\r\nsecond line\r\n\r\nfourth\"\r\n"
                         "two,plain\r\n"
                         "three,\"a,b\"\r\n"));
  ASSERT_TRUE(sink.errors.empty()) << ErrorsOf(sink);
  ASSERT_EQ(sink.docs.size(), 3u);
  EXPECT_EQ(sink.docs[0].line, 2);
  EXPECT_EQ(sink.docs[0].body, "first line\r\nsecond line\r\n\r\nfourth");
  EXPECT_EQ(*sink.docs[0].raw,
            "one,\"first line\r\nsecond line\r\n\r\nfourth\"");
  EXPECT_EQ(sink.docs[1].line, 6);
  EXPECT_EQ(*sink.docs[1].raw, "two,plain");
  EXPECT_EQ(sink.docs[1].body, "plain");
  EXPECT_EQ(RawOf(sink.docs[1], 0, 5), "plain");
  EXPECT_EQ(sink.docs[2].line, 7);
  EXPECT_EQ(sink.docs[2].body, "a,b");
  EXPECT_EQ(sink.docs[2].record, 2);
}

TEST(CsvReaderTest, DoubledQuotesMapBackToRaw) {
  TempDir dir;
  CollectingSink sink = ReadPath(
      dir.Write("q.csv", "text,id\n\"He said \"\"no\"\", twice.\",9\n"));
  ASSERT_EQ(sink.docs.size(), 1u) << ErrorsOf(sink);
  const RawDocument& doc = sink.docs[0];
  EXPECT_EQ(doc.body, "He said \"no\", twice.");
  EXPECT_EQ(*doc.raw, "\"He said \"\"no\"\", twice.\",9");
  // Body: H0 ... "8 n9 o10 "11 ,12
  EXPECT_EQ(RawOf(doc, 0, 8), "He said ");
  EXPECT_EQ(doc.body_map.MapBegin(0), 1u);
  EXPECT_EQ(RawOf(doc, 8, 9), "\"\"");
  EXPECT_EQ(RawOf(doc, 8, 12), "\"\"no\"\"");
  EXPECT_EQ(RawOf(doc, 12, doc.body.size()), ", twice.");
  EXPECT_EQ(doc.body_map.MapEnd(doc.body.size()), 23u);  // the closing quote
  EXPECT_EQ(doc.given.id, "9");
  ExpectBodyMapConsistent(doc);
}

TEST(CsvReaderTest, LatinOneCsvDecodes) {
  TempDir dir;
  CollectingSink sink = ReadPath(
      dir.Write("latin.csv",
                "article_title,article_content\nCaf\xE9,\"Le caf\xE9 \x93"
                "ferm\xE9\x94.\"\n"));
  ASSERT_EQ(sink.docs.size(), 1u) << ErrorsOf(sink);
  const RawDocument& doc = sink.docs[0];
  EXPECT_EQ(doc.encoding, "windows-1252");
  EXPECT_EQ(doc.body,
            "Le caf\xC3\xA9 \xE2\x80\x9C"
            "ferm\xC3\xA9\xE2\x80\x9D.");
  EXPECT_EQ(doc.given.title, "Caf\xC3\xA9");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "encoding_fallback");
  EXPECT_EQ(doc.diagnostics[0].message,
            "invalid UTF-8 at byte 33; decoded as Windows-1252");
  ExpectBodyMapConsistent(doc);
}

TEST(CsvReaderTest, BomHeaderAndCaseInsensitiveColumns) {
  TempDir dir;
  CollectingSink sink = ReadPath(dir.Write(
      "bom.csv",
      "\xEF\xBB\xBF Headline ,Body,URL,Byline\nH,Text here,http://u,A; B\n"));
  ASSERT_EQ(sink.docs.size(), 1u) << ErrorsOf(sink);
  const RawDocument& doc = sink.docs[0];
  EXPECT_EQ(doc.encoding, "utf-8-bom");
  EXPECT_EQ(doc.body, "Text here");
  EXPECT_EQ(doc.given.title, "H");
  EXPECT_EQ(doc.given.url, "http://u");
  EXPECT_EQ(doc.given.authors, (std::vector<std::string>{"A", "B"}));
}

TEST(CsvReaderTest, RowWithWrongFieldCountIsReportedAndSkipped) {
  TempDir dir;
  const std::string path = dir.Write(
      "count.csv",
      "id,title,text\n1,a,ok one\n2,missing\n3,c,ok,extra\n4,d,ok two\n");
  CollectingSink sink = ReadPath(path);
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[1].body, "ok two");
  EXPECT_EQ(sink.docs[1].record, 3);
  ASSERT_EQ(sink.errors.size(), 2u);
  EXPECT_EQ(sink.errors[0].path, path);
  EXPECT_EQ(sink.errors[0].line, 3);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kInvalidInput);
  EXPECT_EQ(sink.errors[0].message, "line 3: row has 2 fields, header has 3");
  EXPECT_EQ(sink.errors[1].message, "line 4: row has 4 fields, header has 3");
}

TEST(CsvReaderTest, EmptyTextFieldIsReported) {
  TempDir dir;
  CollectingSink sink =
      ReadPath(dir.Write("e.csv", "title,text\nt1,\nt2,\"  \"\nt3,fine\n"));
  ASSERT_EQ(sink.docs.size(), 1u);
  ASSERT_EQ(sink.errors.size(), 2u);
  EXPECT_EQ(sink.errors[0].line, 2);
  EXPECT_EQ(sink.errors[0].message, "line 2: empty text field");
  EXPECT_EQ(sink.errors[1].message, "line 3: empty text field");
}

TEST(CsvReaderTest, UnterminatedQuoteReportsRecordButKeepsEarlierRows) {
  TempDir dir;
  CollectingSink sink = ReadPath(
      dir.Write("u.csv", "text\nfirst\n\"second\nstill open,\nthird\n"));
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].body, "first");
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].line, 3);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kInvalidInput);
  EXPECT_EQ(sink.errors[0].message,
            "line 3: malformed CSV: unterminated quoted field");
}

TEST(CsvReaderTest, MissingTextColumnListsColumns) {
  TempDir dir;
  const std::string path = dir.Write("n.csv", "id,title,summary\n1,a,b\n");
  CollectingSink sink = ReadPath(path);
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].path, path);
  EXPECT_EQ(sink.errors[0].line, 0);
  EXPECT_EQ(sink.errors[0].message,
            "no text column (columns: id, title, summary); expected one of "
            "text, content, "
            "article_content, body, article_text");
}

TEST(CsvReaderTest, ColumnOverridesAreUsed) {
  TempDir dir;
  const std::string path =
      dir.Write("o.csv", "Summary,text,Name,When\nthe summary,other,N,2019\n");
  IngestOptions options;
  options.csv_text = "summary";
  options.csv_title = "name";
  options.csv_date = "When";
  CollectingSink sink = ReadPath(path, options);
  ASSERT_EQ(sink.docs.size(), 1u) << ErrorsOf(sink);
  EXPECT_EQ(sink.docs[0].body, "the summary");
  EXPECT_EQ(sink.docs[0].given.title, "N");
  EXPECT_EQ(sink.docs[0].given.published, "2019");
}

TEST(CsvReaderTest, OverrideNamingMissingColumnIsReported) {
  TempDir dir;
  IngestOptions options;
  options.csv_outlet = "paper";
  CollectingSink sink =
      ReadPath(dir.Write("m.csv", "text,source\nx,y\n"), options);
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kInvalidInput);
  EXPECT_EQ(sink.errors[0].message,
            "csv outlet column \"paper\" not found (columns: text, source)");
}

TEST(CsvReaderTest, RecordOverLimitIsTooLarge) {
  TempDir dir;
  IngestOptions options;
  options.max_line_bytes = 20;
  CollectingSink sink = ReadPath(dir.Write("big.csv",
                                           "text\nshort\n\"this record is far "
                                           "longer\nthan twenty bytes\"\nok\n"),
                                 options);
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[1].body, "ok");
  EXPECT_EQ(sink.docs[1].line, 5);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kTooLarge);
  EXPECT_EQ(sink.errors[0].message, "line 3: 45 bytes exceeds the limit of 20");
}

TEST(CsvReaderTest, BlankLinesAreSkipped) {
  TempDir dir;
  CollectingSink sink =
      ReadPath(dir.Write("b.csv", "\n\ntitle,text\n\na,one\n   \nb,two\n\n"));
  ASSERT_TRUE(sink.errors.empty()) << ErrorsOf(sink);
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[0].line, 5);
  EXPECT_EQ(sink.docs[0].record, 0);
  EXPECT_EQ(sink.docs[1].line, 7);
  EXPECT_EQ(sink.docs[1].record, 1);
}

TEST(CsvReaderTest, SemicolonDelimitedFileIsSniffed) {
  TempDir dir;
  CollectingSink sink =
      ReadPath(dir.Write("semi.csv", "title;text\nT;\"one; two, three\"\n"));
  ASSERT_EQ(sink.docs.size(), 1u) << ErrorsOf(sink);
  EXPECT_EQ(sink.docs[0].body, "one; two, three");
  EXPECT_EQ(sink.docs[0].given.title, "T");
}

TEST(CsvReaderTest, LenientAboutStrayQuotes) {
  TempDir dir;
  CollectingSink sink = ReadPath(
      dir.Write("l.csv", "text,n\nsay \"hi\" now,1\n\"quoted\" tail,2\n"));
  ASSERT_EQ(sink.docs.size(), 2u) << ErrorsOf(sink);
  EXPECT_EQ(sink.docs[0].body, "say \"hi\" now");
  EXPECT_EQ(sink.docs[1].body, "quoted tail");
  ExpectBodyMapConsistent(sink.docs[1]);
}

TEST(CsvReaderTest, HtmlTextFieldIsFlagged) {
  TempDir dir;
  CollectingSink sink =
      ReadPath(dir.Write("h.csv", "text\n\"<p>Para one.</p><p>Two.</p>\"\n"));
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_TRUE(sink.docs[0].body_is_html);
}

TEST(CsvReaderTest, HeaderOnlyGivesNoDocumentsAndEmptyFileIsReported) {
  TempDir dir;
  CollectingSink header_only = ReadPath(dir.Write("h.csv", "title,text\n"));
  EXPECT_TRUE(header_only.docs.empty());
  EXPECT_TRUE(header_only.errors.empty());
  CollectingSink empty = ReadPath(dir.Write("e.csv", ""));
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_EQ(empty.errors[0].message, "empty document");
}

}  // namespace
}  // namespace dossier
