// Finds the dates an article's text mentions and resolves each to ISO 8601 at
// the precision the text gives: absolute forms ("17th September 2016",
// "Jan. 8, 2017", "2016-09-17", "17/09/2016", "November 2017", "in 2012") and
// relative ones anchored to the article's published date ("yesterday",
// "on Tuesday", "last November", "earlier this year", "three weeks ago").
//
// Contract
//   * Input: the document text, its sentence spans (from the segment stage)
//     and an optional anchor "YYYY-MM-DD", "YYYY-MM" or "YYYY" (the article's
//     published date or --published; a longer ISO timestamp is cut to its
//     date; anything else counts as no anchor).
//   * Output: mentions sorted by span.begin, never overlapping, each inside
//     one sentence (a mention never crosses a sentence boundary). Spans are
//     exact UTF-8 byte ranges of the words that carry the date: leading
//     prepositions ("in", "on", "since") and vague qualifiers ("early", "mid-")
//     are not part of the span; the words that make a date relative are
//     ("last November", "earlier this year", "two days ago"), as are "from" and
//     "between" of a range ("from March to May 2017") and "since" in the
//     clause "since the year began".
//   * `value` is "YYYY-MM-DD", "YYYY-MM" or "YYYY" and `precision` says which.
//     A range also fills `value_end` (written at its own precision, which
//     may differ from `precision`, e.g. "2017-03-03" .. "2017-05").
//   * A date written without a year takes it from an earlier date with a
//     written year in the same sentence, as the first such date on or after
//     it ("On 24 February 2022 ..., by April" is 2022-04; the rule gets the
//     suffix "+year_from_sentence"); otherwise from the anchor (below).
//   * `relative` is true whenever the anchor was needed: relative words, and
//     dates written without a year and with no year earlier in the sentence
//     ("August 24th"), which take the year that makes them the most recent
//     date not after the anchor. Then `anchor_used` holds the anchor
//     (normalised, e.g. "2017-01-24"). A mention that needs an anchor finer
//     than the one given (a weekday with a "YYYY-MM" anchor, "August 24th"
//     with a "YYYY" anchor, anything relative without an anchor) is not
//     emitted at all.
//   * A date counted from another date of the text ("two days later", "a
//     year earlier", "the next day", "the following week", "the previous
//     month") is resolved against the sentence's date before it, else its
//     date after it, else the last date of the three sentences before; it
//     is `relative` with `anchor_used` that date, and is not emitted when
//     there is none, or when it is a range or coarser than the count
//     ("2019" for "two days later").
//   * Without sentences (empty vector) the whole text is one sentence.
//   * Never emitted: durations ("six to twelve months", "the last year"),
//     times ("6 p.m."), counts ("1,200 people", "2019 fighters", "May 17
//     people died" gives "May"), lower-case month and weekday words ("the
//     convoy may arrive", "a march on the capital"), month and weekday
//     words that follow a capitalised name ("Theresa May", "Good Friday",
//     "USA Today") or open one ("The Sunday Times"), weekday abbreviations
//     outside a full date ("Sun"), bare day numbers ("on the 5th"), "9/11".
//
// Rules (DateMention::rule names them; see date_finder.cc for each):
//   iso_date, iso_month, numeric_day_first, numeric_month_first,
//   numeric_month_first_ambiguous (d/m/yyyy with both parts <= 12 is read
//   month first; dotted and dashed forms are read day first),
//   day_month_year, month_day_year, day_month_yearless, month_day_yearless,
//   day_range_*, month_year, month_borrowed_year ("March and April 2017"),
//   month_yearless ("in November": needs a preposition, an edge word or a
//   list), month_last / month_this / month_next, year_after_preposition,
//   year_after_period_edge, year_before_noun ("the 2016 election"),
//   year_list ("in 2014 and 2015"), year_range ("2012-14"), decade ("the
//   1990s": value "1990", value_end "1999", precision year), range_from_to,
//   range_between, range_dash, season_year, season_year_winter (year
//   precision: a winter straddles two years), season_last/this/next,
//   day_word, part_of_day ("last night", "this morning"),
//   weekday_on_or_before (bare "Tuesday": the most recent Tuesday on or
//   before the anchor), weekday_last (strictly before), weekday_next,
//   weekday_this_week, relative_week / relative_weekend (Monday..Sunday or
//   Saturday..Sunday as value..value_end, precision day), relative_month,
//   relative_year, earlier_this_* / later_this_* (the whole period, as
//   "this"), earlier_today / later_today,
//   since_period_began, period_edge_relative ("the end of last year"),
//   ago_day / ago_week (precision day), ago_month, ago_year, ago_decade,
//   ref_day / ref_week (precision day), ref_month, ref_year, ref_decade
//   (counted from another date of the text).
//
// Speed: a sentence where no rule can start is skipped after one cheap pass
// over bit masks of its bytes (most sentences of news text): no four-digit
// number, no one- or two-digit number before '/', '.' or '-', and no word a
// rule starts at, with the word after it that rule needs. Other sentences
// get one pass: a byte-class tokenizer; rules run only at digits and at the
// words from data/date_words.tsv a rule starts at. A word is looked up (a
// bucketed (first letter, length) table) only when its first three letters
// and length are those of such a word, or when a rule reads it.
#ifndef DOSSIER_ANNOTATE_DATES_DATE_FINDER_H_
#define DOSSIER_ANNOTATE_DATES_DATE_FINDER_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/document.h"
#include "dossier/lexicon.h"

namespace dossier {

// One date found in the text.
struct DateMention {
  enum class Precision : uint8_t { kDay, kMonth, kYear };

  Span span;               // byte span in the text
  std::string value;       // "2016-09-17" | "2016-09" | "2016"
  std::string value_end;   // end of a range ("from March to May 2017",
                           // "between 2012 and 2014", "last week"), else ""
  Precision precision = Precision::kDay;  // of `value`
  bool relative = false;   // resolved with the anchor
  std::string anchor_used; // the anchor when `relative`, else ""
  std::string rule;        // which rule fired, for explain
};

// "day", "month" or "year".
const char* PrecisionName(DateMention::Precision p);

class DateFinder {
 public:
  // Reads the "date_words" table of `lexicon` (data/date_words.tsv). Rows
  // with an unknown kind or an unreadable meaning are skipped and listed in
  // problems(). Immutable afterwards; Find may be called from many threads.
  explicit DateFinder(const Lexicon& lexicon);

  // The dates mentioned in `text` (see the contract at the top of this file).
  // `sentences` are byte spans into `text`, in order; `anchor` is the
  // publication date ("YYYY-MM-DD", "YYYY-MM" or "YYYY") or nullopt.
  std::vector<DateMention> Find(std::string_view text, const std::vector<Span>& sentences,
                                std::optional<std::string> anchor) const;
  // The same into *found (cleared first), whose capacity a caller may keep
  // from call to call.
  void FindInto(std::string_view text, const std::vector<Span>& sentences,
                const std::optional<std::string>& anchor, std::vector<DateMention>* found) const;

  // Rows of date_words that were skipped, as "word: reason".
  const std::vector<std::string>& problems() const { return problems_; }
  // Number of words loaded.
  size_t word_count() const { return words_.size(); }

 private:
  class Scanner;  // per-call state, in date_finder.cc
  friend class Scanner;

  static constexpr size_t kMaxWordLen = 15;
  struct Word {
    std::string text;  // lower case ASCII letters
    uint8_t kind = 0;  // WordKind in date_finder.cc
    int16_t a = 0, b = 0;  // the meaning, decoded per kind
    bool future_cue = false;  // also a future_cue row ("until" is a preposition too)
  };
  // A hyphenated word ("twenty-first"), read as head, '-', tail.
  struct Compound {
    std::string head, tail;
    uint8_t kind = 0;
    int16_t value = 0;
  };

  // Index into words_ of the `len` bytes at p (any case), or -1.
  int Lookup(const char* p, size_t len) const;
  // The same with Latin accents folded ("février" is "fevrier").
  int LookupFolded(const char* p, size_t len) const;

  std::vector<Word> words_;
  std::vector<Compound> compounds_;
  // words_ indices grouped by (first letter, length): bucket k holds
  // order_[start_[k] .. start_[k + 1]).
  std::vector<uint16_t> order_;
  std::array<uint16_t, 26 * (kMaxWordLen + 1) + 1> start_{};
  // Per bucket, a bit per second letter of its words ('a' = bit 0): most
  // words of a text share a bucket with some date word but not its second
  // letter, and stop at this bit.
  std::array<uint32_t, 26 * (kMaxWordLen + 1)> second_{};
  // The words a rule can start at (kStartKinds in date_finder.cc; months
  // and weekdays only capitalised, of the prepositions only "since"): per
  // first byte a bit per length, per (first letter, length) bucket a bit
  // per second letter, and per bucket a bit per (second, third letter) pair
  // hashed to 64 (StartPairBit: "that", "they", "than" pass the first two
  // as "this" does, and stop at the third). The scanner looks a word token
  // up only if it passes all three (MayStart) or a rule asks about it.
  std::array<uint16_t, 256> start_len_{};
  std::array<uint32_t, 26 * (kMaxWordLen + 1)> start_second_{};
  std::array<uint64_t, 26 * (kMaxWordLen + 1)> start_third_{};
  std::vector<std::string> problems_;
};

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_DATES_DATE_FINDER_H_
