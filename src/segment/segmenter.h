// Segmentation of cleaned text: paragraphs, sentences, tokens and quotation
// spans, all as byte spans into Document::text. Rules are code; the list of
// abbreviations that do not end a sentence is data (data/abbreviations.tsv).
#ifndef DOSSIER_SEGMENT_SEGMENTER_H_
#define DOSSIER_SEGMENT_SEGMENTER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dossier/document.h"
#include "dossier/lexicon.h"

namespace dossier {

struct SegmentOptions {
  // Sentences longer than this many bytes are split at the next clause
  // boundary (";", ":", " – ") or whitespace, so later layers stay bounded
  // on punctuation-stripped text.
  size_t max_sentence_bytes = 2000;
};

class Segmenter {
 public:
  // Reads the "abbreviations" table of `lexicon`.
  explicit Segmenter(const Lexicon& lexicon, SegmentOptions options = {});

  // Fills doc->paragraphs, sentences, tokens and quotes from doc->text.
  void Segment(Document* doc) const;

  // The parts, for tests and explain.
  std::vector<Span> Paragraphs(std::string_view text) const;
  std::vector<Span> Sentences(std::string_view text, const std::vector<Span>& paragraphs) const;
  std::vector<Token> Tokens(std::string_view text) const;
  std::vector<Quote> Quotes(std::string_view text, const std::vector<Span>& paragraphs) const;

 private:
  SegmentOptions options_;
  // Lower-cased abbreviation without its final period -> kind column.
  std::unordered_map<std::string, std::string> abbreviations_;
};

}  // namespace dossier

#endif  // DOSSIER_SEGMENT_SEGMENTER_H_
