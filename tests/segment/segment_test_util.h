// Shared fixture for the segment tests: one Segmenter over the real lexicon.
#ifndef DOSSIER_TESTS_SEGMENT_SEGMENT_TEST_UTIL_H_
#define DOSSIER_TESTS_SEGMENT_SEGMENT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/lexicon.h"
#include "segment/segmenter.h"
#include "test_util.h"

namespace dossier::testing {

inline const Lexicon& RealLexicon() {
  static std::shared_ptr<const Lexicon> lex = [] {
    auto r = Lexicon::Load({DataDir()});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.value() : std::make_shared<const Lexicon>();
  }();
  return *lex;
}

class SegmentTest : public ::testing::Test {
 protected:
  SegmentTest() : seg_(RealLexicon()) {}

  std::vector<std::string> Paragraphs(std::string_view text) const {
    return Texts(text, seg_.Paragraphs(text));
  }
  std::vector<std::string> Sentences(std::string_view text) const {
    return Texts(text, seg_.Sentences(text, seg_.Paragraphs(text)));
  }
  std::vector<std::string> TokenTexts(std::string_view text) const {
    std::vector<std::string> out;
    for (const Token& t : seg_.Tokens(text))
      out.emplace_back(text.substr(t.span.begin, t.span.end - t.span.begin));
    return out;
  }
  std::vector<Quote> Quotes(std::string_view text) const {
    return seg_.Quotes(text, seg_.Paragraphs(text));
  }
  static std::string At(std::string_view text, Span s) {
    return std::string(text.substr(s.begin, s.end - s.begin));
  }
  static std::vector<std::string> Texts(std::string_view text, const std::vector<Span>& spans) {
    std::vector<std::string> out;
    for (const Span& s : spans) out.push_back(At(text, s));
    return out;
  }

  Segmenter seg_;
};

using Strings = std::vector<std::string>;

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SEGMENT_SEGMENT_TEST_UTIL_H_
