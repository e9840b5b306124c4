// Segmentation of cleaned text: paragraphs, sentences, tokens and quotation
// spans, all as byte spans into Document::text. Rules are code; the list of
// abbreviations that do not end a sentence is data (data/abbreviations.tsv),
// and so is the list of words that start a sentence after an initialism such
// as "U.S." (data/sentence_starters.tsv).
#ifndef DOSSIER_SEGMENT_SEGMENTER_H_
#define DOSSIER_SEGMENT_SEGMENTER_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dossier/document.h"
#include "dossier/lexicon.h"

namespace dossier {

struct SegmentOptions {
  // Sentences longer than this many bytes are split at the last clause
  // boundary (";", ":", " – ", " — ") in the second half of the window, else
  // at the last whitespace, so later layers stay bounded on
  // punctuation-stripped text. 0 means no limit.
  size_t max_sentence_bytes = 2000;
};

// How a period after an abbreviation is treated (the "kind" column of
// data/abbreviations.tsv; the file's header explains each).
enum class AbbrevKind : uint8_t { kTitle, kMonth, kNumber, kInitialism, kSuffix, kOther };

class Segmenter {
 public:
  // Reads the "abbreviations" and "sentence_starters" tables of `lexicon`.
  explicit Segmenter(const Lexicon& lexicon, SegmentOptions options = {});

  // Fills doc->paragraphs, sentences, tokens and quotes from doc->text.
  void Segment(Document* doc) const;

  // The parts, for tests and explain.
  std::vector<Span> Paragraphs(std::string_view text) const;
  std::vector<Span> Sentences(std::string_view text, const std::vector<Span>& paragraphs) const;
  std::vector<Token> Tokens(std::string_view text) const;
  std::vector<Quote> Quotes(std::string_view text, const std::vector<Span>& paragraphs) const;

  // Kind of `abbrev` (any case, without its final period), or nullptr.
  const AbbrevKind* FindAbbreviation(std::string_view abbrev) const;
  // True if `word` (any case) is listed in sentence_starters.
  bool IsSentenceStarter(std::string_view word) const;
  // How `word` (any case, accents folded) names a month in date_words:
  // 0 not at all, 1 an English month, 2 a month of another language.
  int MonthName(std::string_view word) const;

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

  SegmentOptions options_;
  // Lower-cased abbreviation without its final period -> kind.
  std::unordered_map<std::string, AbbrevKind, StringHash, std::equal_to<>> abbreviations_;
  // Lower-cased words of sentence_starters.
  StringSet starters_;
  // Month names of date_words (folded, as the table writes them) -> 1 for
  // the English ones (kind month), 2 for the others (month_foreign).
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> months_;
  // Longest key of either table, in bytes: longer words skip the lookup.
  size_t max_abbrev_bytes_ = 0, max_starter_bytes_ = 0;
  // A filter before the abbreviation lookup of an ASCII word: bit
  // AbbrevShape(key) is set for every key. Most words before a period
  // ("reports.") fail it.
  std::array<uint64_t, 32 * 32 * 8 / 64> abbrev_shape_{};
  // The keys of up to eight bytes again, each packed into an integer (byte
  // k at bits 8k; keys hold no NUL, so the packing is unique), in an
  // open-addressing table of a power-of-two size (0 = empty slot): the
  // lookup of an ASCII word that passes the shape filter, without hashing
  // a string.
  struct PackedAbbrev {
    uint64_t key = 0;
    AbbrevKind kind = AbbrevKind::kOther;
  };
  std::vector<PackedAbbrev> packed_abbrevs_;
};

}  // namespace dossier

#endif  // DOSSIER_SEGMENT_SEGMENTER_H_
