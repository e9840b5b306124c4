// DecodeBytes, SniffEncoding, CheckNotBinary and Gunzip.
#include "ingest/decode.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "ingest_test_util.h"

namespace dossier {
namespace {

using testing::Gzip;

std::string Bytes(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

TEST(DecodeBytesTest, KeepsValidUtf8Unchanged) {
  Result<Decoded> d =
      DecodeBytes(std::string_view("Caf\xC3\xA9 \xE2\x80\x94 ok"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->text, "Caf\xC3\xA9 \xE2\x80\x94 ok");
  EXPECT_EQ(d->encoding, "utf-8");
  EXPECT_TRUE(d->diagnostics.empty());
}

TEST(DecodeBytesTest, TakesOwnershipOfValidUtf8) {
  std::string input = "plain text \xC3\xA9";
  Result<Decoded> d = DecodeBytes(std::move(input));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "plain text \xC3\xA9");
  EXPECT_EQ(d->encoding, "utf-8");
}

TEST(DecodeBytesTest, StripsUtf8Bom) {
  Result<Decoded> d = DecodeBytes(std::string("\xEF\xBB\xBFhello"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "hello");
  EXPECT_EQ(d->encoding, "utf-8-bom");
}

TEST(DecodeBytesTest, EmptyInputDecodesToEmptyText) {
  Result<Decoded> d = DecodeBytes(std::string_view());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "");
  EXPECT_EQ(d->encoding, "utf-8");
}

TEST(DecodeBytesTest, DecodesUtf16LeWithBom) {
  // "Hi é😀" : U+1F600 is D83D DE00.
  const std::string bytes = Bytes(
      {0xFF, 0xFE, 'H', 0, 'i', 0, ' ', 0, 0xE9, 0, 0x3D, 0xD8, 0x00, 0xDE});
  Result<Decoded> d = DecodeBytes(bytes);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->text, "Hi \xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(d->encoding, "utf-16le");
  EXPECT_TRUE(d->diagnostics.empty());
}

TEST(DecodeBytesTest, DecodesUtf16BeWithBom) {
  const std::string bytes =
      Bytes({0xFE, 0xFF, 0, 'O', 0, 'k', 0x20, 0x14, 0, '!'});
  Result<Decoded> d = DecodeBytes(bytes);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "Ok\xE2\x80\x94!");
  EXPECT_EQ(d->encoding, "utf-16be");
}

TEST(DecodeBytesTest, DetectsUtf16LeWithoutBomFromNulPattern) {
  std::string bytes;
  for (char c : std::string("Syrian army reports")) {
    bytes.push_back(c);
    bytes.push_back('\0');
  }
  Result<Decoded> d = DecodeBytes(bytes);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->text, "Syrian army reports");
  EXPECT_EQ(d->encoding, "utf-16le");
  ASSERT_EQ(d->diagnostics.size(), 1u);
  EXPECT_EQ(d->diagnostics[0].code, "encoding_guessed");
  EXPECT_EQ(d->diagnostics[0].level, Diagnostic::Level::kInfo);
}

TEST(DecodeBytesTest, Utf16LoneSurrogateBecomesReplacementCharacter) {
  const std::string bytes = Bytes({0xFF, 0xFE, 'a', 0, 0x3D, 0xD8, 'b', 0});
  Result<Decoded> d = DecodeBytes(bytes);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text,
            "a\xEF\xBF\xBD"
            "b");
}

TEST(DecodeBytesTest, Utf16OddLengthEndsWithReplacementAndWarning) {
  const std::string bytes = Bytes({0xFF, 0xFE, 'a', 0, 'b'});
  Result<Decoded> d = DecodeBytes(bytes);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "a\xEF\xBF\xBD");
  ASSERT_EQ(d->diagnostics.size(), 1u);
  EXPECT_EQ(d->diagnostics[0].code, "encoding_odd_length");
  EXPECT_EQ(d->diagnostics[0].level, Diagnostic::Level::kWarning);
}

TEST(DecodeBytesTest, FallsBackToWindows1252ForInvalidUtf8) {
  Result<Decoded> d =
      DecodeBytes(std::string_view("Caf\xE9 \x93quoted\x94 \x80"
                                   "5"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text,
            "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC"
            "5");
  EXPECT_EQ(d->encoding, "windows-1252");
  ASSERT_EQ(d->diagnostics.size(), 1u);
  EXPECT_EQ(d->diagnostics[0].level, Diagnostic::Level::kInfo);
  EXPECT_EQ(d->diagnostics[0].code, "encoding_fallback");
  EXPECT_EQ(d->diagnostics[0].message,
            "invalid UTF-8 at byte 3; decoded as Windows-1252");
}

TEST(DecodeBytesTest, Windows1252UndefinedBytesBecomeC1Controls) {
  Result<Decoded> d = DecodeBytes(std::string_view("a\x81z\x9F"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "a\xC2\x81z\xC5\xB8");  // U+0081, U+0178
}

TEST(DecodeBytesTest, Utf8BomWithInvalidBodyFallsBackAndNamesOffsetInInput) {
  Result<Decoded> d =
      DecodeBytes(std::string_view("\xEF\xBB\xBF"
                                   "ab\xFF"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "ab\xC3\xBF");
  EXPECT_EQ(d->encoding, "windows-1252");
  ASSERT_EQ(d->diagnostics.size(), 1u);
  EXPECT_EQ(d->diagnostics[0].message,
            "invalid UTF-8 at byte 5; decoded as Windows-1252");
}

TEST(DecodeBytesTest, BinaryJunkIsRejected) {
  std::string junk = "PK\x03\x04";
  junk.append(100, '\0');
  junk.append("data");
  Result<Decoded> d = DecodeBytes(junk);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(d.status().message(),
            "binary data (100 NUL bytes in the first 8 KiB)");
}

TEST(DecodeBytesTest, ControlByteJunkIsRejected) {
  std::string junk;
  for (int i = 0; i < 64; ++i) junk += "ab\x01\x02\x03\x7F";
  Result<Decoded> d = DecodeBytes(junk);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "binary data (256 control bytes in the first 8 KiB)");
}

TEST(DecodeBytesTest, StrayControlCharactersAndANulStayInText) {
  const char kText[] =
      "A long enough sentence\x01 with one stray control and one NUL\0 here.";
  const std::string text(kText, sizeof kText - 1);
  Result<Decoded> d = DecodeBytes(text);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->text, text);
}

TEST(DecodeBytesTest, OnlyTheFirst8KiBAreCheckedForBinary) {
  std::string text(8192, 'a');
  text.append(1000, '\0');
  EXPECT_TRUE(DecodeBytes(text).ok());
}

TEST(DecodeBytesTest, Utf32IsRejectedAsBinary) {
  const std::string bytes =
      Bytes({0xFF, 0xFE, 0, 0, 'a', 0, 0, 0, 'b', 0, 0, 0, 'c', 0, 0, 0});
  Result<Decoded> d = DecodeBytes(bytes);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidInput);
}

// CheckNotBinary's word-at-a-time scan agrees with a plain byte count.
TEST(CheckNotBinaryTest, AgreesWithBytewiseCount) {
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 300; ++round) {
    const size_t size = next() % 9000;
    const unsigned percent_special = next() % 40;
    std::string bytes(size, 'a');
    for (char& c : bytes) {
      if (next() % 100 < percent_special)
        c = static_cast<char>(next() % 0x20);
      else if (next() % 50 == 0)
        c = 0x7F;
      else if (next() % 20 == 0)
        c = static_cast<char>(0x80 + next() % 0x80);
    }
    size_t nul = 0, control = 0;
    const size_t sample = std::min<size_t>(size, 8192);
    for (size_t i = 0; i < sample; ++i) {
      const unsigned char c = static_cast<unsigned char>(bytes[i]);
      if (c == 0)
        ++nul;
      else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' &&
                c != '\r' && c != 0x1B) ||
               c == 0x7F)
        ++control;
    }
    std::string expected;
    if (nul > 0 && nul * 20 > sample) {
      expected = "binary data (" + std::to_string(nul) +
                 " NUL bytes in the first 8 KiB)";
    } else if (nul + control >= 4 && (nul + control) * 16 > sample) {
      expected = "binary data (" + std::to_string(nul + control) +
                 " control bytes in the first 8 KiB)";
    }
    EXPECT_EQ(CheckNotBinary(bytes).message(), expected) << "round " << round;
  }
}

TEST(SniffEncodingTest, NamesBomsAndLeavesTheRestToContent) {
  EXPECT_EQ(SniffEncoding("\xEF\xBB\xBFx"), "utf-8-bom");
  EXPECT_EQ(SniffEncoding(Bytes({0xFF, 0xFE, 'x', 0})), "utf-16le");
  EXPECT_EQ(SniffEncoding(Bytes({0xFE, 0xFF, 0, 'x'})), "utf-16be");
  EXPECT_EQ(SniffEncoding("plain \xE9 text"), "");
  EXPECT_EQ(SniffEncoding(""), "");
}

TEST(GunzipTest, GunzipsOneMember) {
  Result<std::string> out = Gunzip(Gzip("hello, world"), 1 << 20);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "hello, world");
}

TEST(GunzipTest, GunzipsConcatenatedMembers) {
  Result<std::string> out = Gunzip(Gzip("first;") + Gzip("second"), 1 << 20);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "first;second");
}

TEST(GunzipTest, IgnoresTrailingZeroPadding) {
  Result<std::string> out =
      Gunzip(Gzip("padded") + std::string(16, '\0'), 1 << 20);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "padded");
}

TEST(GunzipTest, GrowsOutputForHighlyCompressibleInput) {
  const std::string big(5'000'000, 'z');
  Result<std::string> out = Gunzip(Gzip(big), 10'000'000);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, big);
}

TEST(GunzipTest, ReportsTruncatedTrailerWithBytesDecompressed) {
  const std::string data = "all of the data is here but the trailer is cut";
  std::string gz = Gzip(data);
  gz.resize(gz.size() - 4);
  Result<std::string> out = Gunzip(gz, 1 << 20);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(out.status().message(), "truncated gzip stream after " +
                                        std::to_string(data.size()) + " bytes");
}

TEST(GunzipTest, ReportsStreamCutInTheMiddle) {
  std::string data;
  for (int i = 0; i < 2000; ++i)
    data += "line " + std::to_string(i * 7919 % 1000) + "\n";
  std::string gz = Gzip(data);
  gz.resize(gz.size() / 2);
  Result<std::string> out = Gunzip(gz, 1 << 20);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(out.status().message().rfind("truncated gzip stream after ", 0), 0u)
      << out.status().message();
}

TEST(GunzipTest, EmptyInputIsTruncated) {
  Result<std::string> out = Gunzip("", 1 << 20);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "truncated gzip stream after 0 bytes");
}

TEST(GunzipTest, RejectsCorruptHeader) {
  std::string gz = Gzip("text");
  gz[2] = 7;  // compression method other than deflate
  Result<std::string> out = Gunzip(gz, 1 << 20);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(out.status().message(),
            "corrupt gzip stream: unknown compression method (after 0 bytes)");
}

TEST(GunzipTest, EnforcesOutputLimit) {
  const std::string data(1000, 'x');
  Result<std::string> over = Gunzip(Gzip(data), 999);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), StatusCode::kTooLarge);
  EXPECT_EQ(over.status().message(),
            "gzip output exceeds the limit of 999 bytes");
  Result<std::string> exact = Gunzip(Gzip(data), 1000);
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(*exact, data);
}

}  // namespace
}  // namespace dossier
