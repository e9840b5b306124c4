// Fuzzes the Segmenter on valid UTF-8 made from the bytes (invalid bytes ->
// U+FFFD). The first byte picks a small sentence limit. Invariants: all
// paragraph, sentence, token and quote spans in bounds, ordered, on
// character boundaries, sentences inside paragraphs (fuzz_common.h).
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "segment/segmenter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dossier;
  if (size == 0) return 0;
  static const Segmenter default_segmenter(*fuzz::GetLexicon());
  static const Segmenter small_segmenter(*fuzz::GetLexicon(),
                                         SegmentOptions{.max_sentence_bytes = 40});
  const Segmenter& seg = (data[0] & 1) ? small_segmenter : default_segmenter;
  Document doc;
  doc.text = fuzz::ToValidUtf8(
      std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  seg.Segment(&doc);
  fuzz::CheckSegments(doc);
  if (data[0] & 1) {
    for (const Span& s : doc.sentences) {
      // A forced split happens within the limit (plus one character).
      FUZZ_CHECK(s.end - s.begin <= 40 + 4);
    }
  }
  return 0;
}
