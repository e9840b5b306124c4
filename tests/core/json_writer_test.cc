#include "dossier/json_writer.h"

#include <charconv>
#include <cstdint>
#include <cmath>
#include <string>
#include <vector>

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

// Double() writes two-decimal values by hand; the text must be exactly what
// the general seven-digit form gives.
TEST(JsonWriterTest, DoubleMatchesGeneralSevenDigitForm) {
  auto general = [](double v) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 7);
    return std::string(buf, r.ptr);
  };
  std::vector<double> values = {0.85, 0.9, 0.05, 0.01, 0.0099, 0.005, -0.85, 1.5, -12.25,
                                99999.99, 100000.5, 0.851, 0.333333, 36.45, 40.1412,
                                1.0000000000001, 2.9999999999, 0.1 + 0.2, 1e-7, 123456.78};
  for (int cents = 1; cents < 300000; cents += 7) values.push_back(cents / 100.0);
  for (int cents = 1; cents < 3000; ++cents) values.push_back(-cents / 100.0);
  for (double v : values) {
    std::string out;
    JsonWriter w(&out);
    w.Double(v);
    std::string want = v == std::trunc(v) ? std::to_string(static_cast<int64_t>(v)) : general(v);
    EXPECT_EQ(out, want) << v;
  }
}

// Values between 1 and 1e5 that are not whole cents (coordinates) are also
// written by hand: the same text as the general seven-digit form, checked
// on random values, digit-count boundaries and values next to rounding ties.
TEST(JsonWriterTest, DoubleByHandMatchesGeneralFormOnRandomValues) {
  auto general = [](double v) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 7);
    return std::string(buf, r.ptr);
  };
  std::vector<double> values = {1.0000001, 9.9999995, 9.99999951, 9.9999994999, 99.999995,
                                99999.995, 99999.9949, 12345.675, 12345.665, 1.00000005,
                                36.2027778, -36.2027778, 37.0156, 1.5e-300 + 1, 10.000001};
  uint64_t state = 42;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 11;
  };
  for (int i = 0; i < 200000; ++i) {
    const double unit = static_cast<double>(next()) / static_cast<double>(1ULL << 53);
    const int exp10 = static_cast<int>(next() % 6);
    values.push_back((i % 2 ? -1 : 1) * (1 + unit * 9) * std::pow(10.0, exp10));
    // Near ties: k + 0.5 units of the last digit, nudged by a few ulps.
    const double tie = (static_cast<double>(next() % 9000000 + 1000000) + 0.5) / 1e6;
    values.push_back(std::nextafter(tie, 0.0));
    values.push_back(tie);
    values.push_back(std::nextafter(tie, 100.0));
  }
  for (double v : values) {
    if (v == std::trunc(v)) continue;
    std::string out;
    JsonWriter w(&out);
    w.Double(v);
    EXPECT_EQ(out, general(v)) << v;
  }
}

// Records written one after another into one string with a newline after
// each (the JSONL export): the caller's bytes between top-level values stay,
// with one writer or one per record, and *out is exact after each value.
TEST(JsonWriterTest, CallerAppendsBetweenTopLevelValues) {
  std::string out;
  for (int i = 0; i < 3; ++i) {
    JsonWriter w(&out);
    w.BeginObject();
    w.Key("i");
    w.Int(i);
    w.EndObject();
    out.push_back('\n');
  }
  EXPECT_EQ(out, "{\"i\":0}\n{\"i\":1}\n{\"i\":2}\n");
  std::string one;
  JsonWriter w(&one);
  w.String(std::string(1000, 'x'));
  EXPECT_EQ(one.size(), 1002u);
  one.push_back('\n');
  w.Null();
  // (A second top-level value with the same writer is comma-separated.)
  EXPECT_EQ(one.substr(1002), "\n,null");
}

// The store's JSONL export hands over an object part-way (Finish) and
// closes it itself; *out must then hold exactly what was written, however
// far *out had been grown ahead of the cursor.
TEST(JsonWriterTest, FinishHandsOverAValuePartWay) {
  std::string out = "head ";
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.Int(7);
  w.Finish();
  EXPECT_EQ(out, "head {\"a\":7");
  out.append("}\n");
  EXPECT_EQ(out, "head {\"a\":7}\n");
}

// A record far larger than the reserve and the growth step, written into a
// string that already holds text: nothing lost or left over where *out was
// grown and moved.
TEST(JsonWriterTest, LongValueGrowsOutAcrossReallocations) {
  std::string out = "x";
  std::string expected = "x[";
  {
    JsonWriter w(&out);
    w.Reserve(16);
    w.BeginArray();
    for (int i = 0; i < 20000; ++i) {
      w.Int(i);
      expected += (i ? "," : "") + std::to_string(i);
    }
    w.String(std::string(5000, 'y'));
    expected += ",\"" + std::string(5000, 'y') + "\"]";
    w.EndArray();
  }
  EXPECT_EQ(out, expected);
}

// Strings longer than the growth step (an article's text) are appended to
// *out past the cursor's room: the same bytes as Escape, whatever comes
// before and after them, at the top level too.
TEST(JsonWriterTest, LongStringsNeedingEscapesMatchEscape) {
  for (size_t n : {1024, 1025, 3000, 70000}) {
    for (const std::string special : {"\"", "\n", "\xff", "\xC3\xA9", "\xE2\x80\xA8"}) {
      std::string in;
      for (size_t i = 0; in.size() < n; ++i) in += i % 97 == 5 ? special : std::string(1, 'a' + i % 26);
      std::string escaped;
      JsonWriter::Escape(in, &escaped);
      std::string out = "x";
      {
        JsonWriter w(&out);
        w.Reserve(16);
        w.BeginObject();
        w.Key("a");
        w.Int(1);
        w.Key("text");
        w.String(in);
        w.Key(in);
        w.Null();
        w.Key("b");
        w.String("short");
        w.EndObject();
      }
      EXPECT_EQ(out, "x{\"a\":1,\"text\":" + escaped + "," + escaped + ":null,\"b\":\"short\"}")
          << n;
      std::string top;
      {
        JsonWriter w(&top);
        w.String(in);
        EXPECT_EQ(top, escaped) << n;
        w.Int(2);
      }
      EXPECT_EQ(top, escaped + ",2") << n;
    }
  }
}

// A std::string's bytes past its end (a shortened one's old contents) are
// read by the sixteen-byte load but never written as part of the value.
TEST(JsonWriterTest, StdStringBytesPastTheEndAreIgnored) {
  for (size_t n = 0; n <= 16; ++n) {
    std::string s(40, '"');
    s.replace(0, n, std::string(n, 'a'));
    s.resize(n);
    std::string out;
    {
      JsonWriter w(&out);
      w.String(s);
      w.Int(2);
    }
    EXPECT_EQ(out, "\"" + std::string(n, 'a') + "\",2") << n;
  }
}

TEST(JsonWriterTest, RuntimeKeysAreEscapedLiteralKeysAppended) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("plain");
  w.Int(1);
  std::string runtime = "q\"k";
  w.Key(runtime);
  w.Int(2);
  const char* column = "col";
  w.Key(column);
  w.Null();
  w.EndObject();
  EXPECT_EQ(out, "{\"plain\":1,\"q\\\"k\":2,\"col\":null}");
}

// Int() and Pair() format by hand (groups of digits): the text must be
// what std::to_chars writes, at every digit-count boundary and sign.
TEST(JsonWriterTest, IntAndPairMatchToChars) {
  auto reference = [](int64_t v) {
    char buf[24];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  };
  std::vector<int64_t> values = {0, INT64_MIN, INT64_MAX, INT64_MIN + 1, INT64_MAX - 1};
  for (int64_t p = 1; p <= INT64_MAX / 10; p *= 10) {
    for (int64_t d : {-1, 0, 1}) {
      values.push_back(p + d);
      values.push_back(-(p + d));
      values.push_back(p * 10 + d);
    }
  }
  for (int64_t v = 0; v < 200000; v += 3) values.push_back(v);
  uint64_t state = 7;
  for (int i = 0; i < 100000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    values.push_back(static_cast<int64_t>(state >> (state % 60)));
  }
  for (int64_t v : values) {
    std::string out;
    JsonWriter w(&out);
    w.Int(v);
    EXPECT_EQ(out, reference(v));
    std::string pair;
    JsonWriter pw(&pair);
    pw.Pair(v, v / 7);
    EXPECT_EQ(pair, "[" + reference(v) + "," + reference(v / 7) + "]");
  }
}

// String() copies plain strings of up to 64 bytes sixteen or eight bytes at
// a time and hands the rest to the general escaper (a std::string, or a
// part of one by StringIn, up to 32 bytes with sixteen-byte loads that may
// read past its end): every length, with a byte that needs a look at every
// position, must come out as Escape() writes it, and Escape() as a
// byte-at-a-time reference.
TEST(JsonWriterTest, StringMatchesReferenceAtEveryLengthAndPosition) {
  auto reference = [](const std::string& s) {
    std::string r = "\"";
    for (unsigned char c : s) {
      if (c == '"') r += "\\\"";
      else if (c == '\\') r += "\\\\";
      else if (c == '\n') r += "\\n";
      else if (c == 0x1f) r += "\\u001f";
      else if (c == 0xff) r += "\xEF\xBF\xBD";
      else r += static_cast<char>(c);
    }
    return r + "\"";
  };
  const std::vector<std::string> specials = {"\"", "\\", "\n", "\x1f", "\xff", "\xC3\xA9",
                                             "\x7f", " ", "~"};
  for (size_t n = 0; n <= 80; ++n) {
    for (const std::string& special : specials) {
      for (size_t pos = 0; pos + special.size() <= n || (n == 0 && pos == 0); ++pos) {
        std::string in(n, 'a');
        if (n > 0) in.replace(pos, special.size(), special);
        // `in` at the end of a text and inside one.
        const std::string at_end = "ab" + in, inside = at_end + std::string(20, '"');
        std::string out;
        {
          JsonWriter w(&out);
          w.BeginArray();
          w.Int(1);
          w.String(in);
          w.String(std::string_view(in));
          w.StringIn(std::string_view(at_end).substr(2), at_end);
          w.StringIn(std::string_view(inside).substr(2, n), inside);
          w.EndArray();
        }
        std::string escaped;
        JsonWriter::Escape(in, &escaped);
        EXPECT_EQ(escaped, reference(in)) << n << " " << pos;
        EXPECT_EQ(out, "[1," + escaped + "," + escaped + "," + escaped + "," + escaped + "]")
            << n << " " << pos;
        if (n == 0) break;
      }
    }
  }
}

}  // namespace
}  // namespace dossier
