// The places layer: finds the place names an article mentions and resolves
// each to one gazetteer entry (src/lexicon/gazetteer.h), with coordinates,
// country, province, feature type and a precision.
//
// Contract
//   * Input: a segmented Document (text, sentences, tokens). Without tokens
//     nothing is found. Output: Mention records of kind "place", each inside
//     one sentence, sorted by span, never overlapping one another.
//   * Span: the exact bytes of the name as written, Arabic article included
//     ("al-Tanf", "Al Anbar"), context words excluded ("Homs" in "Homs
//     province"), a possessive "'s" excluded; a directional region ("eastern
//     Syria") spans both words; a hashtag ("#DeirEzzor") spans the tag without
//     '#'.
//   * ref/name: the entry's ref ("geonames:170794") and preferred name.
//     geo.precision is "point" for cities, sites, camps, bases and landforms,
//     "admin1"/"admin2"/"country" for divisions, "region" for regions, water
//     and directional regions ("eastern Syria" without a curated entry keeps
//     the country's ref and point, with feature and precision "region").
//   * One sense per name in a document: a later mention with the same
//     NameKey and no context of its own takes the entry an earlier one chose.
//   * rule: how the name matched and what decided ("key+ctx_country");
//     evidence: one line per candidate considered, best first, with its score
//     and reasons ("geonames:170794 Deir ez-Zor SY city pop=242565 score=7.3
//     [key, ctx country SY]"). confidence in (0, 1) grows with the margin
//     between the best and the second candidate.
//   * Never places: demonyms and the names in data/place_stopwords.tsv; names
//     right after a title or kunya ("Gen. Funk", "Abu Bakr al-Baghdadi") or
//     followed by a surname-like capitalised word; words of organisation
//     names (before "Army", "News", "Council"..., after "Jabhat",
//     "Operation"...; data/place_context.tsv); one- and two-letter words
//     alone ("US", "UK": the actors layer owns them); common English words
//     (Gazetteer::IsCommonWord) without a preposition or context word next
//     to them and a candidate in a country the document names (or a big
//     place); skeleton-only matches shorter than 5 letters, or whose
//     candidate is neither in a context country nor a big place.
//
// How (see place_finder.cc): candidates at capitalised tokens by longest
// n-gram lookup (NameKey, then SkeletonKey); traps filtered; a first scoring
// without document context finds the unambiguous places whose countries and
// provinces become the context; a second scoring with that context (plus
// "X, Y", "X province", "near X", direction words) picks each winner.
#ifndef DOSSIER_ANNOTATE_PLACES_PLACE_FINDER_H_
#define DOSSIER_ANNOTATE_PLACES_PLACE_FINDER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dossier/annotator.h"
#include "dossier/document.h"
#include "dossier/lexicon.h"
#include "lexicon/gazetteer.h"

namespace dossier {

class PlaceFinder : public Annotator {
 public:
  // Reads the "place_context" and "place_stopwords" tables of `lexicon`
  // (and the demonyms of a "countries" table, if one has a "demonyms" or
  // "demonym" column). Rows with unknown kinds are listed in problems().
  // `gazetteer` must not be null. Immutable afterwards.
  PlaceFinder(std::shared_ptr<const Gazetteer> gazetteer, const Lexicon& lexicon);
  ~PlaceFinder() override;

  std::string_view Name() const override { return "places"; }
  // Appends the place mentions of `doc` (contract above). Thread-safe.
  void Annotate(const Document& doc, std::vector<Mention>* out) const override;

  // Rows of the data tables that were skipped, as "table: word: reason".
  const std::vector<std::string>& problems() const { return problems_; }

  // Bits of data/place_context.tsv "kinds" (and stopword kinds), per word.
  enum WordFlag : uint32_t {
    kPrep = 1u << 0,
    kNear = 1u << 1,
    kCityAfter = 1u << 2,
    kCityBefore = 1u << 3,
    kAdmin1After = 1u << 4,
    kAdmin1Before = 1u << 5,
    kAdmin2After = 1u << 6,
    kAdmin2Before = 1u << 7,
    kSiteAfter = 1u << 8,
    kDirection = 1u << 9,
    kOrgAfter = 1u << 10,
    kOrgBefore = 1u << 11,
    kTitle = 1u << 12,
    kKunya = 1u << 13,
    // From place_stopwords (single-word rows): never a given name/surname.
    kNotName = 1u << 14,
    // place_stopwords kind "person": a known surname ("Trump").
    kSurname = 1u << 15,
    // place_context kind "breaks_name": never continues a place name.
    kBreaksName = 1u << 16,
    // place_context kind "site_before": "the river Jordan" prefers a site.
    kSiteBefore = 1u << 17,
    // place_context kind "phrase_end": "in the US now" — the noun phrase
    // before it has ended, so a capitals abbreviation stands alone.
    kPhraseEnd = 1u << 18,
    // place_context kind "naming": "a witness named Ahmad" — the
    // capitalised words after it are a name, unless a place noun stands
    // before it ("a region named Rojava").
    kNaming = 1u << 19,
    // place_context kind "street_after": "Nile Street" — a street named
    // after a place, not the place.
    kStreetAfter = 1u << 20,
    // place_context kind "hyphen_after": "London-based", "Texas-born" — the
    // word glued after a name by a hyphen says it is a place (support like
    // a preposition).
    kHyphenAfter = 1u << 21,
    // place_context kind "group_after": "the Santa Rosa de Lima gang", "the
    // Sinaloa cartel" — the name before it, even in lower case, is a
    // criminal group's.
    kGroupAfter = 1u << 22,
    // place_context kind "area_after": "the Manbij area" — the name before
    // it is a place (a sentence-initial "The" before it is no given name).
    kAreaAfter = 1u << 23,
    // place_context kind "division_cue": a word of its sentence says a
    // name shared by a country and a first-level division of another
    // country means the division ("Georgia's governor", "Georgia
    // lawmakers", "in Georgia, where the Senate race ...": the US state).
    kDivisionCue = 1u << 24,
    // place_context kind "country_cue": the same for the country
    // ("Georgia's president", "the Georgian parliament").
    kCountryCue = 1u << 25,
    // place_context kind "small_place": "village", "hamlet" before "of" or
    // after the name — a city of 100,000 or more is not meant.
    kSmallAfter = 1u << 26,
  };

 private:
  class Run;  // per-document state, in place_finder.cc
  friend class Run;

  // Flags of a word (ASCII, any case, no final period), 0 if unknown.
  // This and the Maybe* tests below are inline, defined in place_finder.cc
  // (their only user): the scans ask them for most tokens.
  inline uint32_t Flags(std::string_view word) const;
  // Flags after its shape filters passed: the flat table lookup.
  uint32_t LookupWord(std::string_view word) const;
  void AddWord(const std::string& lower_word, uint32_t bits);

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

  std::shared_ptr<const Gazetteer> gaz_;
  uint64_t id_ = 0;  // unique per instance, for the per-thread lookup cache
  // Lower-case word -> WordFlag bits.
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> words_;
  size_t max_word_bytes_ = 0;
  // A cheap filter before the hash lookup: bit min(length, 63) of entry
  // (first byte & 31) is set if some word has that first letter and length.
  std::array<uint64_t, 32> shape_{};
  // A finer filter, tried first: bit ShapeBit(word) is set if some word has
  // the same first two letters (& 31) and length (min 31). Most lower-case
  // prose words ("said", "some") fail here.
  std::array<uint64_t, 32 * 32 * 32 / 64> shape2_{};
  // The same filter for the words with kDirection or kSiteBefore only: the
  // scan asks every lower-case word whether it is one.
  std::array<uint64_t, 32 * 32 * 32 / 64> direction_shape_{};
  // Tried before it: bit min(length, 63) of entry (first byte & 31) is set
  // if such a word has that first letter and length ("said", "with" fail).
  std::array<uint64_t, 32> direction_len_{};
  // And by first letter, last letter and length (ShapeBitLast): most
  // lower-case words that pass the first ("soldiers", "earlier") fail here.
  std::array<uint64_t, 32 * 32 * 32 / 64> direction_last_{};
  // False if `word` (not empty) certainly has no kDirection or kSiteBefore
  // flag (the lower-case words that can start a name).
  inline bool MaybeDirection(std::string_view word) const;
  // The same for kTitle, kOrgBefore, kKunya and kNaming, the words that
  // make the capitalised ones after them a name: Match asks every
  // capitalised start
  // (and the capitalised word before it), most of which are no such word
  // and would otherwise cost a word-table lookup each.
  std::array<uint64_t, 32 * 32 * 32 / 64> title_shape_{};
  inline bool MaybeTitle(std::string_view word) const;
  // The same for kBreaksName, kDirection, kSiteBefore and kSiteAfter, what
  // the n-gram walk asks of the word after each capitalised one ("were" in
  // "Halvany were"): most such words are prose.
  std::array<uint64_t, 32 * 32 * 32 / 64> join_shape_{};
  inline bool MaybeJoin(std::string_view word) const;
  // First bytes of those words: the scan asks MaybeDirection only then.
  std::array<bool, 256> starter_first_{};
  // What the scan's first test needs of a word's first byte, in one load:
  // kLowerFirst (ASCII lower case), kVowelFirst (a, e, i, u: a 2- or
  // 3-letter word may be an article), kStarterFirst (starter_first_).
  static constexpr uint8_t kLowerFirst = 1, kVowelFirst = 2, kStarterFirst = 4;
  std::array<uint8_t, 256> first_class_{};
  // words_ again as a flat open-addressing table (power-of-two size, linear
  // probing, hash 0 = empty), built once by the constructor: Flags runs for
  // many tokens of every document, and the node-based map's modulo and
  // pointer chase dominated it.
  // 8 bytes a slot so the table stays in the first-level cache; the word
  // itself (word_keys_, same index) is read only when the hash matches.
  struct WordSlot {
    uint32_t hash = 0;  // high half of the 64-bit hash, never 0
    uint32_t bits = 0;
  };
  struct WordKey {
    uint32_t offset = 0;  // in word_pool_
    uint32_t len = 0;
  };
  std::vector<WordSlot> word_slots_;
  std::vector<WordKey> word_keys_;
  std::string word_pool_;
  void BuildWordTable();
  // Words whose only kinds are division_cue/country_cue, apart from
  // words_ so that the hot Flags filters do not grow: only ReadCues, for
  // the rare name shared by a country and a province, asks them.
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> cue_words_;
  // NameKey of every stopword and demonym.
  StringSet stop_keys_;
  std::vector<std::string> problems_;
};

namespace places_internal {
// NameKey(name) into *out (same result), without allocating for ASCII names,
// which are most lookups. Exposed for tests.
void FastNameKey(std::string_view name, std::string* out);
}  // namespace places_internal

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_PLACES_PLACE_FINDER_H_
