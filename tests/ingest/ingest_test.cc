// ListInputs, FormatFromPath and ReadInput for whole-file formats, gzip,
// stdin and file-level errors.
#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "dossier/content_id.h"
#include "ingest_test_util.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::CollectingSink;
using testing::Gzip;
using testing::ReadPath;
using testing::TempDir;

struct ListedError {
  std::string path;
  StatusCode code;
  std::string message;
};

std::vector<std::string> ListPaths(const std::vector<std::string>& paths,
                                   std::vector<ListedError>* errors = nullptr) {
  std::vector<std::string> out;
  for (const InputFile& f :
       ListInputs(paths, [&](const std::string&p, const Status&s) {
         if (errors != nullptr) errors->push_back({p, s.code(), s.message()});
       })) {
    out.push_back(f.path);
  }
  return out;
}

TEST(FormatFromPathTest, MapsExtensionsAndLooksThroughGz) {
  EXPECT_EQ(FormatFromPath("a/b.txt"), Format::kText);
  EXPECT_EQ(FormatFromPath("b.md"), Format::kMarkdown);
  EXPECT_EQ(FormatFromPath("b.html"), Format::kHtml);
  EXPECT_EQ(FormatFromPath("B.HTM"), Format::kHtml);
  EXPECT_EQ(FormatFromPath("x.jsonl"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("x.ndjson"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("x.csv"), Format::kCsv);
  EXPECT_EQ(FormatFromPath("x.jsonl.gz"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("x.CSV.GZ"), Format::kCsv);
  EXPECT_EQ(FormatFromPath("x.gz"), std::nullopt);
  EXPECT_EQ(FormatFromPath("x.pdf"), std::nullopt);
  EXPECT_EQ(FormatFromPath("README"), std::nullopt);
  EXPECT_EQ(FormatFromPath("dir.txt/README"), std::nullopt);
  EXPECT_EQ(FormatFromPath(".txt"), std::nullopt);
}

TEST(ListInputsTest, DirectoryWalkIsSortedAndRecursive) {
  TempDir dir;
  dir.Write("b.txt", "b");
  dir.Write("a/z.md", "z");
  dir.Write("a/c/d.jsonl", "{}");
  dir.Write("a.csv", "text\nx\n");
  dir.Write("c.html.gz", Gzip("<p>x</p>"));
  const std::string root = dir.path();
  EXPECT_EQ(ListPaths({root}),
            (std::vector<std::string>{root + "/a.csv", root + "/a/c/d.jsonl",
                                      root + "/a/z.md", root + "/b.txt",
                                      root + "/c.html.gz"}));
}

TEST(ListInputsTest, SkipsHiddenFilesAndFoldersAndUnknownExtensions) {
  TempDir dir;
  dir.Write(".hidden.txt", "h");
  dir.Write(".git/config.txt", "h");
  dir.Write("keep/.DS_Store", "h");
  dir.Write("keep/notes.pdf", "h");
  dir.Write("keep/backup.txt~", "h");
  dir.Write("keep/article.txt", "a");
  const std::string root = dir.path();
  EXPECT_EQ(ListPaths({root}),
            (std::vector<std::string>{root + "/keep/article.txt"}));
}

TEST(ListInputsTest, KeepsFilesAndStdinAsGivenInOrder) {
  TempDir dir;
  const std::string z = dir.Write("z.txt", "z");
  const std::string odd = dir.Write(".odd-name", "named explicitly");
  const std::string a = dir.Write("a.txt", "a");
  std::vector<InputFile> inputs =
      ListInputs({z, "-", odd, a}, [](auto&, auto&) {});
  ASSERT_EQ(inputs.size(), 4u);
  EXPECT_EQ(inputs[0].path, z);
  EXPECT_EQ(inputs[0].size, 1u);
  EXPECT_EQ(inputs[1].path, "-");
  EXPECT_EQ(inputs[1].size, 0u);
  EXPECT_EQ(inputs[2].path, odd);
  EXPECT_EQ(inputs[3].path, a);
}

TEST(ListInputsTest, NonexistentPathIsReportedAsNotFound) {
  TempDir dir;
  const std::string real = dir.Write("real.txt", "r");
  const std::string missing = dir.path() + "/missing.txt";
  std::vector<ListedError> errors;
  EXPECT_EQ(ListPaths({missing, real}, &errors),
            (std::vector<std::string>{real}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, missing);
  EXPECT_EQ(errors[0].code, StatusCode::kNotFound);
  EXPECT_EQ(errors[0].message, missing + ": no such file or directory");
}

TEST(ReadInputTest, TextFileIsOneDocument) {
  TempDir dir;
  const std::string text = "Title line\n\nBody of the article. Caf\xC3\xA9.\n";
  const std::string path = dir.Write("story.txt", text);
  CollectingSink sink = ReadPath(path);
  ASSERT_TRUE(sink.errors.empty());
  ASSERT_EQ(sink.docs.size(), 1u);
  const RawDocument& doc = sink.docs[0];
  EXPECT_EQ(doc.path, path);
  EXPECT_EQ(doc.line, 0);
  EXPECT_EQ(doc.record, 0);
  EXPECT_EQ(doc.format, Format::kText);
  EXPECT_EQ(doc.encoding, "utf-8");
  EXPECT_EQ(*doc.raw, text);
  EXPECT_EQ(doc.body, text);
  EXPECT_FALSE(doc.body_is_html);
  ASSERT_EQ(doc.body_map.pieces().size(), 1u);
  EXPECT_EQ(doc.body_map.MapBegin(11), 11u);
  EXPECT_EQ(doc.body_map.MapEnd(text.size()), text.size());
  EXPECT_EQ(doc.id, ContentId(std::string("text\0", 5) + text));
  EXPECT_TRUE(doc.diagnostics.empty());
  EXPECT_EQ(sink.progress.back(), text.size());
}

TEST(ReadInputTest, MarkdownAndHtmlFormats) {
  TempDir dir;
  CollectingSink md = ReadPath(dir.Write("a.md", "# Head\n\nText.\n"));
  ASSERT_EQ(md.docs.size(), 1u);
  EXPECT_EQ(md.docs[0].format, Format::kMarkdown);
  EXPECT_FALSE(md.docs[0].body_is_html);
  EXPECT_EQ(md.docs[0].id,
            ContentId(std::string("markdown\0", 9) + "# Head\n\nText.\n"));

  CollectingSink html =
      ReadPath(dir.Write("a.htm", "<html><body><p>Hi</p></body></html>"));
  ASSERT_EQ(html.docs.size(), 1u);
  EXPECT_EQ(html.docs[0].format, Format::kHtml);
  EXPECT_TRUE(html.docs[0].body_is_html);
  EXPECT_EQ(html.docs[0].body, "<html><body><p>Hi</p></body></html>");
}

TEST(ReadInputTest, EmptyFileIsReported) {
  TempDir dir;
  for (const char* content : {"", " \n\t\r\n", "\xEF\xBB\xBF", "\xC2\xA0\n"}) {
    const std::string path = dir.Write("empty.txt", content);
    CollectingSink sink = ReadPath(path);
    EXPECT_TRUE(sink.docs.empty());
    ASSERT_EQ(sink.errors.size(), 1u);
    EXPECT_EQ(sink.errors[0].path, path);
    EXPECT_EQ(sink.errors[0].line, 0);
    EXPECT_EQ(sink.errors[0].code, StatusCode::kInvalidInput);
    EXPECT_EQ(sink.errors[0].message, "empty document");
  }
}

TEST(ReadInputTest, DocumentOverLimitIsTooLarge) {
  TempDir dir;
  IngestOptions options;
  options.max_document_bytes = 10;
  CollectingSink decoded =
      ReadPath(dir.Write("eleven.txt", "eleven byte"), options);
  EXPECT_TRUE(decoded.docs.empty());
  ASSERT_EQ(decoded.errors.size(), 1u);
  EXPECT_EQ(decoded.errors[0].code, StatusCode::kTooLarge);
  EXPECT_EQ(decoded.errors[0].message,
            "document of 11 bytes exceeds the limit of 10 bytes");

  // Far over the limit: refused before reading.
  CollectingSink unread =
      ReadPath(dir.Write("big.txt", std::string(100, 'x')), options);
  ASSERT_EQ(unread.errors.size(), 1u);
  EXPECT_EQ(unread.errors[0].code, StatusCode::kTooLarge);
  EXPECT_EQ(unread.errors[0].message,
            "document of 100 bytes exceeds the limit of 10 bytes");

  CollectingSink fits = ReadPath(dir.Write("ten.txt", "ten bytes!"), options);
  EXPECT_EQ(fits.docs.size(), 1u);
}

TEST(ReadInputTest, BinaryJunkIsRejected) {
  TempDir dir;
  std::string junk = "\x89PNG\r\n\x1A\n";
  junk.append(std::string(40, '\0'));
  junk.append("IHDR");
  const std::string path = dir.Write("image.txt", junk);
  CollectingSink sink = ReadPath(path);
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].path, path);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kInvalidInput);
  EXPECT_EQ(sink.errors[0].message,
            "binary data (40 NUL bytes in the first 8 KiB)");
}

TEST(ReadInputTest, Utf16TextFileIsDecoded) {
  TempDir dir;
  std::string bytes = "\xFE\xFF";
  for (char c : std::string("Aleppo")) {
    bytes.push_back('\0');
    bytes.push_back(c);
  }
  CollectingSink sink = ReadPath(dir.Write("u.txt", bytes));
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(*sink.docs[0].raw, "Aleppo");
  EXPECT_EQ(sink.docs[0].encoding, "utf-16be");
  EXPECT_EQ(sink.progress.back(), bytes.size());
}

TEST(ReadInputTest, Windows1252TextFileCarriesFallbackDiagnostic) {
  TempDir dir;
  CollectingSink sink = ReadPath(dir.Write("l.txt", "na\xEFve"));
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(*sink.docs[0].raw, "na\xC3\xAFve");
  EXPECT_EQ(sink.docs[0].body, "na\xC3\xAFve");
  EXPECT_EQ(sink.docs[0].encoding, "windows-1252");
  ASSERT_EQ(sink.docs[0].diagnostics.size(), 1u);
  EXPECT_EQ(sink.docs[0].diagnostics[0].code, "encoding_fallback");
}

TEST(ReadInputTest, GzippedFilesAreReadTransparently) {
  TempDir dir;
  CollectingSink text =
      ReadPath(dir.Write("a.txt.gz", Gzip("Compressed article.")));
  ASSERT_EQ(text.docs.size(), 1u);
  EXPECT_EQ(text.docs[0].format, Format::kText);
  EXPECT_EQ(*text.docs[0].raw, "Compressed article.");
  EXPECT_EQ(text.docs[0].id,
            ContentId(std::string("text\0", 5) + "Compressed article."));

  const std::string gz = Gzip("{\"text\":\"one\"}\n{\"text\":\"two\"}\n");
  CollectingSink jsonl = ReadPath(dir.Write("b.jsonl.gz", gz));
  ASSERT_EQ(jsonl.docs.size(), 2u);
  EXPECT_EQ(jsonl.docs[1].body, "two");
  EXPECT_EQ(jsonl.docs[1].line, 2);
  EXPECT_EQ(jsonl.progress.back(), gz.size());  // progress is in bytes on disk
}

TEST(ReadInputTest, ReportsTruncatedGzipAndContinues) {
  TempDir dir;
  const std::string article =
      "The whole article is here; only the gzip trailer is lost.";
  std::string gz = Gzip(article);
  gz.resize(gz.size() - 6);
  dir.Write("a-broken.txt.gz", gz);
  dir.Write("b-good.txt", "Good article.");
  std::vector<InputFile> inputs = ListInputs({dir.path()}, [](auto&, auto&) {});
  ASSERT_EQ(inputs.size(), 2u);
  CollectingSink sink;
  for (const InputFile& input : inputs)
    EXPECT_TRUE(ReadInput(input, {}, sink).ok());
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].path, inputs[0].path);
  EXPECT_EQ(sink.errors[0].line, 0);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kInvalidInput);
  EXPECT_EQ(sink.errors[0].message, "truncated gzip stream after " +
                                        std::to_string(article.size()) +
                                        " bytes");
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(*sink.docs[0].raw, "Good article.");
}

TEST(ReadInputTest, GzipOverLimitIsTooLarge) {
  TempDir dir;
  IngestOptions options;
  options.max_gunzip_bytes = 1000;
  CollectingSink sink =
      ReadPath(dir.Write("bomb.txt.gz", Gzip(std::string(5000, 'a'))), options);
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kTooLarge);
  EXPECT_EQ(sink.errors[0].message,
            "gzip output exceeds the limit of 1000 bytes");
}

TEST(ReadInputTest, MissingFileIsReportedAsNotFound) {
  TempDir dir;
  const std::string path = dir.path() + "/gone.txt";
  Status status;
  CollectingSink sink = ReadPath(path, {}, &status);
  EXPECT_TRUE(status.ok());
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].code, StatusCode::kNotFound);
  EXPECT_EQ(sink.errors[0].message, path + ": no such file or directory");
}

TEST(ReadInputTest, UnknownExtensionIsSniffed) {
  TempDir dir;
  CollectingSink jsonl =
      ReadPath(dir.Write("export", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n"));
  ASSERT_EQ(jsonl.docs.size(), 2u);
  EXPECT_EQ(jsonl.docs[0].format, Format::kJsonl);

  CollectingSink html =
      ReadPath(dir.Write("page", "\n<!DOCTYPE html><p>x</p>"));
  ASSERT_EQ(html.docs.size(), 1u);
  EXPECT_EQ(html.docs[0].format, Format::kHtml);

  CollectingSink text = ReadPath(dir.Write("notes", "{not json} but text"));
  ASSERT_EQ(text.docs.size(), 1u);
  EXPECT_EQ(text.docs[0].format, Format::kText);

  CollectingSink gz =
      ReadPath(dir.Write("feed.gz", Gzip("{\"text\":\"zipped\"}\n")));
  ASSERT_EQ(gz.docs.size(), 1u);
  EXPECT_EQ(gz.docs[0].body, "zipped");
}

// Reads stdin (redirected from `content`) with `options`.
CollectingSink ReadStdinWith(const std::string& content,
                             const IngestOptions& options = {}) {
  TempDir dir;
  const std::string path = dir.Write("stdin", content);
  EXPECT_NE(std::freopen(path.c_str(), "rb", stdin), nullptr);
  return ReadPath("-", options);
}

TEST(ReadInputTest, StdinIsSniffedAsJsonlHtmlOrText) {
  CollectingSink jsonl =
      ReadStdinWith("  {\"text\":\"from stdin\",\"title\":\"T\"}\n");
  ASSERT_EQ(jsonl.docs.size(), 1u);
  EXPECT_EQ(jsonl.docs[0].path, "-");
  EXPECT_EQ(jsonl.docs[0].format, Format::kJsonl);
  EXPECT_EQ(jsonl.docs[0].line, 1);
  EXPECT_EQ(jsonl.docs[0].body, "from stdin");

  CollectingSink html = ReadStdinWith("<html><body><p>Hi</p></body></html>\n");
  ASSERT_EQ(html.docs.size(), 1u);
  EXPECT_EQ(html.docs[0].format, Format::kHtml);
  EXPECT_TRUE(html.docs[0].body_is_html);

  CollectingSink text = ReadStdinWith("Just words, <3.\n");
  ASSERT_EQ(text.docs.size(), 1u);
  EXPECT_EQ(text.docs[0].format, Format::kText);
  EXPECT_EQ(*text.docs[0].raw, "Just words, <3.\n");
}

TEST(ReadInputTest, StdinFormatOptionWins) {
  IngestOptions options;
  options.stdin_format = Format::kCsv;
  CollectingSink csv =
      ReadStdinWith("text\n\"{\"\"not\"\": \"\"jsonl\"\"}\"\n", options);
  ASSERT_EQ(csv.docs.size(), 1u);
  EXPECT_EQ(csv.docs[0].format, Format::kCsv);
  EXPECT_EQ(csv.docs[0].body, "{\"not\": \"jsonl\"}");
  EXPECT_EQ(csv.docs[0].path, "-");
}

}  // namespace
}  // namespace dossier
