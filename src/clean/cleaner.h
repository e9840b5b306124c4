// Clean: from a RawDocument to the article itself. HTML goes through main-
// content extraction first; then line endings, control characters, inline
// markup ([text](#), <u>x</u>, *x*) and Unicode normalisation (NFC) are
// handled, and a line pass removes page furniture (data/boilerplate.tsv),
// lifts bylines, outlets, dates and republication notices into meta
// (data/meta_patterns.tsv, data/outlets.tsv) and moves reader comments out of
// the text. Every byte of the resulting text maps back to the raw input.
#ifndef DOSSIER_CLEAN_CLEANER_H_
#define DOSSIER_CLEAN_CLEANER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "clean/loose_date.h"
#include "clean/rule_prefilter.h"
#include "dossier/document.h"
#include "dossier/lexicon.h"
#include "dossier/status.h"


namespace dossier {

struct CleanOptions {
  // Date used as meta.published when the document states none
  // ("YYYY-MM-DD"; --published). Empty = none.
  std::string published_anchor;
  // How "4/5/2017" is read in metadata (CSV date columns).
  DateOrder slash_date_order = DateOrder::kMonthFirst;
  // How many lines from the top may hold the headline, byline and datelines.
  int max_head_lines = 25;
  // How many non-empty lines from the end count as the article's tail
  // (author bios, signatures).
  int tail_lines = 12;
  // Lines longer than this are never treated as boilerplate or metadata.
  size_t max_rule_line_bytes = 1500;
  // Bytes of text given to language identification.
  size_t max_language_bytes = 1024;
};

class Cleaner {
 public:
  // Compiles the rules of `lexicon`; fails (kInvalidInput) on a pattern RE2
  // cannot compile, naming the table and rule id.
  static Result<std::unique_ptr<Cleaner>> Create(std::shared_ptr<const Lexicon> lexicon,
                                                 CleanOptions options = {});
  ~Cleaner();

  // Cleans one document. Never fails on odd content; fails (kInvalidInput)
  // only when nothing of the article remains ("no article text after
  // cleaning") so the caller can report it.
  Result<Document> Clean(const RawDocument& raw) const;

  // The canonical outlet name for `alias` (outlets.tsv), or nullopt.
  std::optional<std::string> CanonicalOutlet(std::string_view alias) const;

  struct Rule;  // one compiled line of boilerplate.tsv / meta_patterns.tsv

 private:
  Cleaner() = default;
  std::shared_ptr<const Lexicon> lexicon_;
  CleanOptions options_;
  std::vector<std::unique_ptr<Rule>> rules_;
  // Which line rules match a line, asked once per line. Rules anchored at
  // the line start ("^...", nearly all) are in an anchored set, which gives
  // up at the first byte no rule can take; the others in an unanchored one.
  std::unique_ptr<re2::RE2::Set> line_set_, line_set_free_;
  std::vector<int> line_set_rule_, line_set_free_rule_;  // set index -> rules_ index
  // How every match of the anchored set begins (rule_prefilter.h), and, for
  // its rules whose matches may begin with anything ("^\S+@\S+\.\w+$"),
  // literals every match contains; unset unless one or the other is known
  // for every rule. A set call costs about a thousand instructions even when
  // the DFA gives up at the first byte, and most lines start with none of
  // the prefixes and hold none of the literals.
  std::optional<PrefixSet> line_set_prefixes_;
  std::vector<FoldedLiteral> line_set_literals_;
  // The anchored rules that apply only in the head or only in the tail zone
  // have sets of their own, asked only for lines of that zone: most lines
  // are in neither, and these rules (names, outlets, dates) are the ones
  // that keep the anchored set's DFA running longest on a line of prose.
  std::unique_ptr<re2::RE2::Set> head_set_, tail_set_;
  std::vector<int> head_set_rule_, tail_set_rule_;
  // Line rules that can match anywhere in a line ("^.*all rights
  // reserved", or no "^"), for which the literals every match must contain
  // are known (rule_prefilter.h). They are kept out of the sets, whose DFA
  // they would keep alive to the end of every line; a line is run through
  // such a rule's own regex only when it holds one of the literals.
  struct ScreenedRule {
    int rule;                           // rules_ index
    RE2::Anchor anchor;                 // as the set it would be in
    std::vector<FoldedLiteral> literals;
    // A byte that is neither a letter nor a space and that every literal
    // holds ('(' of "(photo: " and "(source: "), or 0: a line without it
    // holds none of the literals, and memchr says so fastest.
    char common_byte = 0;
  };
  std::vector<ScreenedRule> screened_;
  std::vector<int> lead_rules_, trail_rules_;
  // The `date` rules: a date inside the first paragraph, asked only when
  // nothing else gave the published date; each is run alone.
  std::vector<int> date_rules_;
  // The lead and trail rules as one set each (anchored at the start, and
  // unanchored): the first and last paragraphs are often the whole article
  // (one-line JSON bodies), and one pass says which rules match before any
  // of them is run for its groups.
  std::unique_ptr<re2::RE2::Set> lead_set_, trail_set_;
  std::unordered_map<std::string, std::string> outlets_;  // lower alias -> canonical

  friend class CleanerImpl;
};

// Replaces the inline markup of plain text and Markdown ([t](u), ![a](u),
// **b**, *i*, _i_, <u>..</u> and similar inline tags, "# " heading marks,
// "> " quote marks), normalises line endings, drops control characters and
// zero-width characters, turns NBSP and tabs into spaces and collapses runs of
// spaces. `markup` false keeps markup characters (HTML-extracted text).
// Returns the new text; `*map` maps it to `text`.
std::string NormalizeText(std::string_view text, bool markup, OffsetMap* map);

// Applies Unicode NFC to `text` where needed (word by word, so the map stays
// fine-grained). Returns false if the text was already NFC (nothing changed).
bool NormalizeNfc(std::string* text, OffsetMap* map);

// ISO 639-1 code of the text's language per CLD2, or nullopt when unreliable.
std::optional<std::string> DetectLanguage(std::string_view text);

}  // namespace dossier

#endif  // DOSSIER_CLEAN_CLEANER_H_
