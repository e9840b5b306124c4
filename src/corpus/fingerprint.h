// What a document looks like to the corpus layer: its word shingles (for
// near-duplicates), a MinHash signature of them (for LSH candidates), its
// paragraphs' hashes (for partial reuse), and an entity fingerprint of what
// survives translation (places, actors, people, numbers, dates) for
// translations. Pure functions, no store: src/corpus/provenance.h keeps the
// index; the pipeline uses EntityFeatures to spot a translated copy of the
// article in its comment section.
#ifndef DOSSIER_CORPUS_FINGERPRINT_H_
#define DOSSIER_CORPUS_FINGERPRINT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/document.h"

namespace dossier::corpus {

// Words per shingle. Five words: long enough that two articles on one topic
// share few, short enough that an edited copy keeps most.
inline constexpr int kShingleWords = 5;
// MinHash signature length and its LSH banding: 21 bands of 3 rows (63 of
// the 64 values) make a pair with Jaccard 0.5 a candidate with probability
// 0.94, 0.7 with 1.00, 0.3 with 0.44 and 0.1 with 0.02; candidates are then
// verified on their exact shingle sets. (16 bands of 4 rows missed 2 of 54
// FA-KES pairs at 0.51-0.53.)
inline constexpr int kMinHashSize = 64;
inline constexpr int kBands = 21;
inline constexpr int kRows = 3;
static_assert(kBands * kRows <= kMinHashSize);
// A paragraph counts for partial reuse when it has at least this many words.
inline constexpr int kMinParagraphWords = 12;

using MinHash = std::array<uint32_t, kMinHashSize>;

// Distinct shingle hashes of `text`, sorted. Words are runs of letters and
// digits (any script), ASCII lower-cased; a text of fewer than kShingleWords
// words gives one shingle of all its words (none if it has no word).
std::vector<uint64_t> Shingles(std::string_view text);

// MinHash signature of a shingle set by one-permutation hashing with
// densification (all 0xffffffff when the set is empty).
MinHash MinHashOf(const std::vector<uint64_t>& shingles);

// The LSH bucket keys of a signature, one per band (band number mixed in).
std::array<int64_t, kBands> BandKeys(const MinHash& sig);

// Share of equal positions: an estimate of the Jaccard similarity.
double EstimatedJaccard(const MinHash& a, const MinHash& b);

// |a ∩ b| of two sorted, distinct vectors.
size_t Intersection(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);
// |a ∩ b| / |a ∪ b| (0 when both are empty).
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Hashes of the paragraphs of `text` (split at blank lines or, failing
// that, at line breaks) that have at least kMinParagraphWords words, over
// their lower-cased words only (so punctuation, spacing and quote styles do
// not matter), in text order, with duplicates.
std::vector<uint64_t> ParagraphHashes(std::string_view text);

// Shingles(text) and ParagraphHashes(text), in one pass over the words of a
// valid UTF-8 text (each word is hashed once).
void ShinglesAndParagraphs(std::string_view text, std::vector<uint64_t>* shingles,
                           std::vector<uint64_t>* paragraphs);

// A feature that survives translation, with its count in the document:
//   "place:geonames:170794"  resolved places (countries and provinces weigh less)
//   "actor:actor:ISIS"       resolved actors, organisations, outlets
//   "person:dorrian"         people, by the last word of the name, folded
//   "number:83"              quantities of 10 or more (years excluded)
//   "date:2016-09-17"        dates to the day or month
struct Feature {
  std::string key;
  int count = 0;
  double weight = 1;  // how much sharing it says about two texts
};
// What EntityFeatures needs of a mention (from a Document or from the
// store's entities rows).
struct MentionFacts {
  std::string_view kind, ref, text;
  std::string_view feature;         // geo feature of a place ("country", "admin1", ...)
  std::string_view date_value, date_precision;
  bool has_quantity = false;
  double quantity = 0;
  std::string_view unit;
};
MentionFacts FactsOf(const Mention& m, std::string_view text);
// The features of a document's mentions, sorted by key.
std::vector<Feature> EntityFeatures(const std::vector<MentionFacts>& mentions);
std::vector<Feature> EntityFeatures(const Document& doc);

// What two feature lists share, for a translation check: the weighted
// multiset overlap sum(min) / sum over the smaller side (`containment`) and
// over both (`similarity`, generalised Jaccard), the number of distinct
// shared keys, and the strongest shared keys (for evidence).
struct FeatureMatch {
  double similarity = 0;
  double containment = 0;
  int shared = 0;
  double shared_weight = 0;  // weighted count of shared occurrences
  std::vector<std::string> top;  // up to 6 shared keys, heaviest first
};
FeatureMatch CompareFeatures(const std::vector<Feature>& a, const std::vector<Feature>& b);

// "7 shared: place:geonames:170654 Damascus, number:83, ..." style evidence.
std::string FeatureEvidence(const FeatureMatch& m);

// Serialisation of a feature list for the store: "key\tcount\tweight\n"...
std::string EncodeFeatures(const std::vector<Feature>& f);
std::vector<Feature> DecodeFeatures(std::string_view s);

// A signature as 4 * kMinHashSize little-endian bytes, and back (false if
// the size is wrong).
std::string EncodeMinHash(const MinHash& sig);
bool DecodeMinHash(std::string_view bytes, MinHash* sig);

// Lower-cased, letters-and-digits-only form of a title or outlet name for
// equality tests ("The Duran" == "the duran", "MintPress News" == "Mintpress
// news.").
std::string FoldName(std::string_view s);

}  // namespace dossier::corpus

#endif  // DOSSIER_CORPUS_FINGERPRINT_H_
