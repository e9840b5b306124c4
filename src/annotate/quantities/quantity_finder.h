// Finds the quantities an article's text mentions: counts and measures written
// in figures or words ("83", "3,000", "1.5 million", "$5m", "three",
// "twenty-one", "two hundred and fifty", "a dozen", "dozens", "tens of
// thousands"), with how exact they are ("more than 3,000", "some 80,000",
// "six to twelve months"), what they count or measure (person, km, month,
// shelter ...) and the role of a count in the events around it (killed,
// injured, captured, displaced, fighters, other). Casualty figures are the
// reason this layer exists; everything else is kept because a count of
// shelters or a 55-kilometre zone is a fact the record may need.
//
// Contract
//   * Input: Document::text and Document::sentences (an empty list means the
//     whole text is one sentence, reported as sentence -1), and the date
//     mentions already in Document::mentions: a number inside a date span is
//     never a quantity. Document::tokens is not used (the pipeline does not
//     always fill it); the finder tokenizes each sentence itself in one pass.
//   * Output: mentions of kind "quantity" in text order, never overlapping,
//     each inside one sentence, with `quantity`, `rule`, `evidence` and
//     `confidence` set (ref and name stay empty).
//   * Span: the number words, plus
//       - a qualifier written before or after them ("more than 3,000", "some
//         80,000", "50 or more", "40-odd"),
//       - both ends of a range and its words ("between 10 and 15", "six to
//         twelve", "10-15"),
//       - a measure unit written right after them, with a space, a hyphen or
//         glued ("55 km", "55-kilometer" in "a 55-kilometer radius", "55km",
//         "six to twelve months", "60 percent", "60%", "8 year"),
//       - a money sign or word ("$5 million", "US$5", "5 million dollars").
//     A counted noun is NOT in the span ("83 Syrian soldiers" -> "83"), nor is
//     the article before a figure ("a 55-kilometer radius" -> "55-kilometer");
//     the article is in the span when it stands for one ("a hundred", "a
//     dozen").
//   * Value (QuantityValue):
//       exact       "83": value = low = high = 83
//       about       "some 80,000": value = low = high = 80000
//       at_least    "more than 3,000": value = low = 3000, high = 0 (no upper
//                   bound; 0 marks a missing bound)
//       at_most     "up to 50": value = high = 50, low = 0 (no lower bound)
//       range       "six to twelve": low = 6, high = 12, value = low (the
//                   figure a casualty count would cite)
//       approximate_plural  "dozens", "thousands", "several", "a few":
//                   value = low, high from data/quantity_words.tsv (dozens =
//                   24..99, hundreds = 200..999, tens of thousands =
//                   20000..99999 ...). A qualifier word before it wins
//                   ("at least dozens" is at_least, value 24).
//     Multipliers and suffixes apply: "1.5 million" = 1500000, "2.3m" =
//     2300000, "$5bn" = 5e9, "two dozen" = 24, "several hundred" = 300..900.
//     In "2 to 3 million" the multiplier of the second figure also scales the
//     first (2000000..3000000).
//   * unit: from data/quantity_units.tsv — "person" for people nouns, the
//     measure ("km", "mile", "month", "percent", "usd" ...), or the singular
//     of a counted object ("shelter", "post", "vehicle"). A counted noun may
//     stand up to three words after the number ("17 observation posts",
//     "3,000 ISIS fighters", "dozens of people"). An unlisted plural noun
//     right after the number becomes the unit in the singular ("two teachers"
//     -> "teacher", lower confidence), and a capitalised plural ending in
//     -ans, -is or -ese right after it is a demonym, unit person ("83
//     Syrians", "two Iraqis"). Else "".
//   * role: the first that applies of
//       1. a role word before the number, across up to three link words and
//          a parenthesis or a ", according to X," aside ("killed 83",
//          "killing (according to the ministry) three soldiers", "the death
//          toll rose to 156");
//       2. a role word used as an adjective inside the noun phrase ("5,000
//          displaced people");
//       3. a role word after the number and its noun, across up to four link
//          words and one ", including ...," aside ("83 people were killed",
//          "3,000 fighters have surrendered", "14 civilians, including six
//          children, died" gives both counts killed);
//       4. the role of the count just before, when this one is listed with
//          it after "and" or "," ("killed 3 soldiers and 5 civilians");
//       5. the role the counted noun implies (refugees -> displaced,
//          fighters/soldiers/troops -> fighters, deaths -> killed);
//       6. "other".
//     "surrendered" gives "captured" (the contract has no separate role).
//   * Figures: "3,000" (comma groups of three), "3.5" (one period is a decimal
//     point), "1.500.000" (two or more periods with groups of three are
//     thousands separators, European style), "3 000" with a no-break, thin or
//     narrow no-break space (U+00A0, U+2009, U+202F) as separator; an ordinary
//     space never joins figures. "3,5" and other odd groupings are skipped. A
//     single "3.000" is read as 3 (decimal point).
//   * Never a quantity: numbers inside date mentions; bare years (1800..2100
//     written without a comma) unless a counted noun follows directly or a
//     qualifier precedes ("2019 fighters"); ordinals ("17th", "first");
//     decades ("1990s"); figures with unknown letter suffixes ("4G");
//     identifiers joined by a hyphen, slash, colon or period ("F-16", "Su-24",
//     "S-400", "COVID-19", "9/11", "24/7", "10:30", "1.2.3", "555-123-4567");
//     leading-zero figures ("007", "0600"); numbers after a label word
//     ("Resolution 2254", "Article 5", "No. 5", "Flight 17"); clock times
//     ("6 p.m.", "0600 GMT"); list markers ("1." or "2)" opening a line, a
//     sentence that is only a number, "[3]" citation marks); fractions ("½");
//     "one" unless a unit, multiplier, qualifier or range makes it a count
//     ("one soldier" yes; "one of the", "the one", "one can say" no);
//     capitalised number words inside a name ("Channel Four"); a number
//     word with no unit, role, qualifier or range ("at six", "the two").
//
// Rules (Mention::rule): figure, figure_multiplier ("1.5 million"),
// figure_suffix ("2.3m"), words ("two hundred and fifty"), vague ("dozens"),
// each with "+range" when a range was read.
//
// Speed: a sentence with no digit and no number word (or last word of a
// vague phrase) is skipped after one cheap byte pass (most sentences of news
// text). Other sentences get one pass: a byte-class tokenizer that looks each
// word up once in an open-addressing table of the words the data files use;
// the rules run only at figures and number words (not at a figure that
// starts inside a date, nor at an article before no multiplier or vague
// word: neither can start a count). Evidence strings are built only for
// explain.
#ifndef DOSSIER_ANNOTATE_QUANTITIES_QUANTITY_FINDER_H_
#define DOSSIER_ANNOTATE_QUANTITIES_QUANTITY_FINDER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/annotator.h"
#include "dossier/document.h"
#include "dossier/lexicon.h"

namespace dossier {

class QuantityFinder : public Annotator {
 public:
  // Reads the tables quantity_words, quantity_qualifiers, quantity_units and
  // quantity_context of `lexicon` (data/quantity_*.tsv). Rows that cannot be
  // read are skipped and listed in problems(). Immutable afterwards.
  explicit QuantityFinder(const Lexicon& lexicon);
  ~QuantityFinder() override;

  std::string_view Name() const override { return "quantities"; }

  // Appends the quantity mentions of `doc` to *out (contract above). Uses
  // doc.text, doc.sentences and the date mentions in doc.mentions; fills
  // Mention::evidence only if doc.explain. Thread-safe.
  void Annotate(const Document& doc, std::vector<Mention>* out) const override;

  // The same on bare text: `sentences` are byte spans in order (empty = the
  // whole text, sentence -1), `skip` byte spans (the dates) in any order;
  // evidence only if `explain`.
  std::vector<Mention> Find(std::string_view text,
                            const std::vector<Span>& sentences,
                            const std::vector<Span>& skip,
                            bool explain = false) const;

  // Rows of the quantity tables that were skipped, as "table: phrase: reason".
  const std::vector<std::string>& problems() const;
  // Number of distinct words the tables use.
  size_t word_count() const;

 private:
  // Appends to *out the mentions of `text` (Find without the copy).
  void FindInto(std::string_view text, const std::vector<Span>& sentences,
                std::vector<Span> skip, bool explain,
                std::vector<Mention>* out) const;

  struct Data;    // compiled tables, in quantity_finder.cc
  class Scanner;  // per-sentence state, in quantity_finder.cc
  std::unique_ptr<const Data> data_;
};

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_QUANTITIES_QUANTITY_FINDER_H_
