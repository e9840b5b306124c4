// The events layer: who did what to whom, where and when. It runs after the
// voice layer (a DocumentLayer), finds event words of
// data/event_patterns.tsv in each sentence that has entity mentions, reads
// the phrase structure around each one (subject, object, passive by-phrase,
// noun modifiers, prepositional phrases, participial consequences, support
// verbs) to fill actor, target, place, date, dead and injured from the
// existing mentions, flags negated, conditional, future, generic and
// question events, takes voice and source from the voice record around the
// trigger, and links repeated mentions of one event in the document
// (same_as). It adds no mentions; it refers to mentions by index.
//
// Knowledge is data (docs/dictionaries.md): event_patterns.tsv (triggers and
// their PLOVER / CAMEO / ACLED codes and role hints), event_cues.tsv
// (prepositions, modality cues, support verbs, function-word classes),
// event_instruments.tsv (jets, artillery, drones... that refine an attack).
// The rules are in events_annotator.cc's header comment and
// docs/annotators.md.
#ifndef DOSSIER_ANNOTATE_EVENTS_EVENTS_ANNOTATOR_H_
#define DOSSIER_ANNOTATE_EVENTS_EVENTS_ANNOTATOR_H_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/byte_scan.h"
#include "dossier/document_layer.h"
#include "dossier/lexicon.h"

namespace dossier {

namespace events_internal {

// Role a preposition or hint gives a mention.
// kHolder: "positions held by X": X holds what an assault hit, its target
// (for other events no role).
enum class Role : uint8_t { kNone, kActor, kTarget, kPlace, kDate, kHolder };

// One row of event_patterns.tsv, parsed.
struct PatternRow {
  std::string key;  // "strike:verb"
  bool noun = false;
  std::string plover, mode, cameo, acled, acled_sub;
  bool assault = false, reject = false;  // plover is ASSAULT, REJECT
  std::vector<std::pair<std::string, Role>> preps;  // row-specific PREP=ROLE hints
  bool obj_none = false, refine = false, consequence = false, passive_only = false;
  bool obj_instrument = false;  // obj=instrument: the object is the weapon ("fired rockets")
  bool obj_absent = false;  // obj=absent: no event with an object ("demonstrated its resolve")
  // 0 none, 1 actor, 2 a role found by phrase structure, 3 an actor or a
  // count of people as the subject (needs=crowd: "Hundreds of teachers rallied")
  uint8_t needs = 0;
  bool needs_target = false;
  bool needs_victim = false;  // needs=victim: a target or casualties
  bool needs_infinitive = false;  // needs=infinitive: "to" and a verb after the object ("asked Kenya to withdraw")
  bool no_country_target = false;  // country=none: a whole country as its only role is rhetoric
  bool no_info_object = false;     // info=none: information as the object is no event ("released no pictures")
  bool content = false;  // content=report: events named in its complement are what it reports ("accused X of shelling")
  bool party = false;  // party: the mention after "with" is the other side of a fight (its actor when the victims are a passive subject)
  std::string civ_acled, civ_sub, state_acled, state_sub, nonstate_acled, nonstate_sub;
  // people=PATTERN: with people as the object ("captured militant
  // commanders"), the codes of that row ("arrest:verb"); -1 none.
  std::string people_key;
  int people_row = -1;
  // crowd=PATTERN: police on one side and no armed force on the other
  // ("clashed with riot police"), the codes of that row ("riot:noun").
  std::string crowd_key;
  int crowd_row = -1;
  // pledge=PATTERN: the actor is the subject of a pledge verb of
  // event_cues.tsv ("pledged 40 million euros in aid"), the codes of that row.
  std::string pledge_key;
  int pledge_row = -1;
  // halt=PATTERN: after a halt verb of event_cues.tsv ("suspended military
  // aid to Niger"), the codes of that row (cutting aid is a sanction).
  std::string halt_key;
  int halt_row = -1;
  // passive_before=W|W: the participle right before one of these words is
  // a reduced passive ("companies accused of supplying drones").
  std::vector<std::string> passive_before;
  // not_before=W|W: no event when one of these words follows the trigger
  // ("the scourge it visited upon the region").
  std::vector<std::string> not_before;
};

// A phrase of one of the tables, as lower-cased tokens (the segmenter's
// split: words, each punctuation character its own token).
struct Phrase {
  std::vector<std::string> words;
  uint32_t kind = 0;  // cue kind bit (kCue* in the .cc), or 0 for trigger forms
  int noun = -1, verb = -1;  // trigger forms: pattern rows
  Role role = Role::kNone;   // prep cues
  bool wide = false;         // conditional cues: anywhere before the trigger ("if")
  int row = -1;              // instrument row / cue row
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Phrases indexed by their first token, longest first. Lookups go through
// an open-addressing table keyed on the word's first eight bytes and length
// (the one lookup per word token of the layer; faster than a hash map of
// strings on short words).
class PhraseIndex {
  struct Slot {
    uint64_t key = 0;   // the first 8 bytes, zero-padded
    uint32_t len = 0;   // 0 = empty
    uint32_t list = 0;  // index into lists_ / firsts_
  };

 public:
  // The phrases starting with one word, longest first, and a summary of
  // them so that most words need not walk the list.
  struct List {
    std::vector<const Phrase*> phrases;
    uint32_t kinds = 0;    // the kind bits of its phrases, or'ed
    uint32_t single = 0;   // the kind bits of its one-word phrases (always match)
    bool trigger = false;  // one of them is a trigger form (kind 0)
  };
  // Adds a phrase; a phrase already present (same words and kind) is
  // returned so the caller can merge into it.
  Phrase* Add(Phrase p);
  // Sorts each list longest first and builds the lookup table and the
  // trigger filter.
  void Finish();
  // Bytes FindPadded and MayStartTrigger may read from a word's start.
  static constexpr size_t kPadding = 8;
  // The lookup state as plain pointers, for a per-token loop: a local copy
  // stays in registers, where the vectors of the index would be reloaded
  // after every store the loop makes through a pointer.
  class Finder {
   public:
    // The phrases starting with `first` (lower case), or nullptr.
    const List* Find(std::string_view first) const {
      if (!MayStart(first)) return nullptr;
      return Probe(ShortKey(first), first);
    }
    // Find, for a word with kPadding readable bytes from its start (a view
    // into a buffer padded at its end): the key is one load.
    const List* FindPadded(std::string_view first) const {
      if (!MayStart(first)) return nullptr;
      return Probe(ShortKeyPadded(first.data(), first.size()), first);
    }
    // False when no trigger form starts with `first` (padded as for
    // FindPadded); true for every word that starts one and a few others: a
    // filter on the key, with no probe of the table.
    bool MayStartTrigger(std::string_view first) const {
      const uint64_t b = TriggerBit(ShortKeyPadded(first.data(), first.size()), first.size());
      return (trigger_filter_[b >> 6] >> (b & 63)) & 1;
    }

   private:
    friend class PhraseIndex;
    // Per first byte, a bit per length (31 = 31 or more) of the first
    // words: most tokens are rejected without hashing. Always false on an
    // empty index.
    bool MayStart(std::string_view w) const {
      return !w.empty() && (len_mask_[static_cast<unsigned char>(w[0])] &
                            (1u << (w.size() < 31 ? w.size() : 31)));
    }
    const List* Probe(uint64_t key, std::string_view first) const {
      for (uint64_t i = ShortKeyHash(key, first.size()) & mask_;; i = (i + 1) & mask_) {
        const Slot& s = slots_[i];
        if (s.len == 0) return nullptr;
        if (s.key == key && s.len == first.size() &&
            (first.size() <= 8 || firsts_[s.list] == first))
          return &lists_[s.list];
      }
    }
    const Slot* slots_ = nullptr;
    const uint64_t* trigger_filter_ = nullptr;
    uint64_t mask_ = 0;
    const uint32_t* len_mask_ = nullptr;
    const std::string* firsts_ = nullptr;
    const List* lists_ = nullptr;
  };
  // Valid until the next Add or Finish.
  Finder finder() const;
  const List* Find(std::string_view first) const { return finder().Find(first); }

 private:
  std::vector<std::unique_ptr<Phrase>> phrases_;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> index_;  // first -> list
  std::vector<std::string> firsts_;
  std::vector<List> lists_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  uint32_t len_mask_[256] = {};
  // A bit per first word of the trigger forms (64 Kibit: one false hit
  // among twenty words would pass most sentences), the high bits of one
  // multiplication of its key and length.
  static constexpr size_t kTriggerFilterWords = 1024;
  static uint64_t TriggerBit(uint64_t key, size_t len) {
    return ((key + len) * 0x9E3779B97F4A7C15ull) >> 48;
  }
  uint64_t trigger_filter_[kTriggerFilterWords] = {};
};

// dst[0, n) = src[0, n) with ASCII A-Z lowered, other bytes as they are.
// Sixteen bytes a step (SSE2): it reads src up to `readable` bytes (>= n)
// and may write dst up to n rounded up to sixteen, so that a sentence
// needs no byte-by-byte tail unless it ends the text.
void LowerAscii(const char* src, size_t n, size_t readable, char* dst);

// std::partition_point over [first, last), searching [first, first + near)
// first: the layer knows a bound that holds when tokens are not empty (no
// more tokens than bytes), a few steps of binary search instead of a
// search of the whole document. Exact whatever `near` is.
template <class It, class Pred>
It PartitionPointNear(It first, It last, size_t near, Pred pred) {
  const It mid = static_cast<size_t>(last - first) > near ? first + near : last;
  const It p = std::partition_point(first, mid, pred);
  return p == mid && mid != last ? std::partition_point(mid, last, pred) : p;
}

// Splits a phrase into lower-cased tokens the way the segmenter splits text.
std::vector<std::string> PhraseTokens(std::string_view phrase);

struct Instrument {
  std::string text, mode, cameo, acled, acled_sub;
};

}  // namespace events_internal

class EventsAnnotator : public DocumentLayer {
 public:
  // Reads the three tables named in the file comment; a missing table means
  // no events (or no cues of that kind), never an error.
  explicit EventsAnnotator(const Lexicon& lexicon);
  std::string_view Name() const override { return "events"; }
  void Apply(Document* doc) const override;

 private:
  struct Impl;
  friend struct Impl;
  std::vector<events_internal::PatternRow> rows_;
  // Trigger forms (kind 0), event_cues and instruments in one table: one
  // lookup per word finds both.
  events_internal::PhraseIndex phrases_;
  std::vector<events_internal::Instrument> instruments_;
  // Units of quantity_units.tsv that measure (currencies, weights, …)
  // rather than count: "20 million euros in aid" is the aid's amount.
  std::vector<std::string> amount_units_;
};

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_EVENTS_EVENTS_ANNOTATOR_H_
