#include "clean/cleaner.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <mutex>

#include "clean/html_extract.h"
#include "dossier/utf8.h"

namespace dossier {

// One compiled rule from boilerplate.tsv or meta_patterns.tsv.
struct Cleaner::Rule {
  enum class Where { kLine, kHead, kAny, kTail, kLead, kTrail, kDate };
  enum class Action {
    kDrop, kCut, kComments, kEndComments, kKeep,             // boilerplate
    kByline, kDateline, kRepublished, kRepubHead, kAuthors, kBio  // meta
  };
  std::string id;
  Where where = Where::kLine;
  Action action = Action::kDrop;
  bool is_meta = false;
  size_t max_bytes = 0;  // 0 = any line

  // The rule's own regex, for its capture groups. The sets screen every
  // line, so a rule runs alone only after its set said it matches: it is
  // compiled then, once (thread-safe; documents are cleaned in parallel).
  // Compiling all of them up front was about half of start-up (~200 M
  // instructions, the name macros make each large); a batch uses a few.
  struct Compiled {
    std::unique_ptr<RE2> re;
    // Capture group indices (1-based; 0 = absent).
    int g_names = 0, g_outlet = 0, g_date = 0, g_url = 0, g_title = 0, g_place = 0;
  };
  const Compiled& C() const;
  // The regex to run on `line`: on an ASCII line, when `latin1_twin`, the
  // same pattern compiled for Latin-1, which matches an ASCII text exactly as
  // the UTF-8 one does, with the same groups, and is far smaller (a "\pL" is
  // a few byte ranges, not a UTF-8 automaton): cheaper to compile and to run
  // for its groups.
  const Compiled& For(std::string_view line) const;

  std::string pattern;  // macros expanded; parsed and checked by the set's Add
  RE2::Options options;
  bool latin1_twin = false;  // see Latin1TwinExact
  // Its set holds the pattern widened (WidenUnicodeClasses): a set hit is
  // only a candidate, which Confirmed checks with the rule's own regex.
  bool widened_in_set = false;
  bool Confirmed(std::string_view line) const {
    return !widened_in_set || For(line).re->Match(line, 0, line.size(), RE2::UNANCHORED, nullptr, 0);
  }

 private:
  mutable std::once_flag once_, latin1_once_;
  mutable Compiled compiled_, latin1_;
};

namespace {

using Rule = Cleaner::Rule;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Expands {MACRO} references (upper-case names defined in pattern_macros.tsv).
std::string ExpandMacros(std::string pattern, const std::map<std::string, std::string>& macros) {
  for (int round = 0; round < 8; ++round) {
    bool changed = false;
    std::string out;
    size_t i = 0;
    while (i < pattern.size()) {
      if (pattern[i] == '{') {
        size_t j = i + 1;
        while (j < pattern.size() && (std::isupper(static_cast<unsigned char>(pattern[j])) ||
                                      pattern[j] == '_'))
          ++j;
        if (j < pattern.size() && pattern[j] == '}' && j > i + 1) {
          auto it = macros.find(pattern.substr(i + 1, j - i - 1));
          if (it != macros.end()) {
            out += it->second;
            i = j + 1;
            changed = true;
            continue;
          }
        }
      }
      out.push_back(pattern[i++]);
    }
    pattern.swap(out);
    if (!changed) break;
  }
  return pattern;
}

int Group(const RE2& re, const char* name) {
  const auto& m = re.NamedCapturingGroups();
  auto it = m.find(name);
  return it == m.end() ? 0 : it->second;
}

void Compile(const std::string& pattern, const RE2::Options& options, Rule::Compiled* c) {
  c->re = std::make_unique<RE2>(pattern, options);
  const RE2& re = *c->re;
  c->g_names = Group(re, "names");
  c->g_outlet = Group(re, "outlet");
  c->g_place = Group(re, "place");
  c->g_date = Group(re, "date");
  c->g_url = Group(re, "url");
  c->g_title = Group(re, "title");
}

}  // namespace

const Rule::Compiled& Rule::C() const {
  std::call_once(once_, [this] { Compile(pattern, options, &compiled_); });
  return compiled_;
}

const Rule::Compiled& Rule::For(std::string_view line) const {
  if (!latin1_twin || !utf8::IsAscii(line)) return C();
  std::call_once(latin1_once_, [this] {
    RE2::Options latin1 = options;
    latin1.set_encoding(RE2::Options::EncodingLatin1);
    Compile(pattern, latin1, &latin1_);
  });
  return latin1_.re->ok() ? latin1_ : C();
}

namespace {

// A line of the text after NormalizeText: byte range and classification.
struct Line {
  size_t begin = 0, end = 0;  // content, trimmed
  bool blank = true;
  bool keep = true;
  const Rule* rule = nullptr;  // the rule that removed it, if any
  size_t cut_prefix = 0, cut_suffix = 0;  // bytes removed at either end
  // A wire dateline's place ("NAIROBI, Kenya" of "NAIROBI, Kenya (AP) —"),
  // inside the cut prefix: kept as a paragraph of its own.
  size_t lead_place_begin = 0, lead_place_end = 0;
  int words = -1;  // counted on first use (Words())
  bool matched_known = false;  // `matched` has been computed
  // `matched` holds the matching rules of Cleaner::head_set_ (tail_set_);
  // they are looked for only when the line is asked about in that zone.
  bool head_known = false, tail_known = false;
  std::vector<int> matched;    // indices into rules_ of the line rules that match
};

int CountWords(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

bool EndsSentence(std::string_view s) {
  if (s.empty()) return false;
  // Look through closing quotes and brackets.
  size_t i = s.size();
  while (i > 0) {
    size_t len;
    char32_t cp = utf8::DecodeBefore(s, i, &len);
    if (cp == '"' || cp == 0x201D || cp == 0x2019 || cp == ')' || cp == ']' || cp == '\'' ||
        cp == 0xBB) {
      i -= len;
      continue;
    }
    return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == 0x2026;
  }
  return false;
}

// A headline may end in a letter, digit, quote, '?' or '!', not in '.', ',',
// ';' or ':' (those end sentences and lead-ins).
bool HeadlineEnding(std::string_view s) {
  size_t i = s.size();
  while (i > 0) {
    size_t len;
    char32_t cp = utf8::DecodeBefore(s, i, &len);
    if (cp == '"' || cp == 0x201D || cp == 0x2019 || cp == '\'' || cp == 0xBB) {
      i -= len;
      continue;
    }
    return !(cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == 0x2026);
  }
  return false;
}

// Body-like: a line that reads as running prose, which ends the head zone.
bool BodyLike(std::string_view s, int words) {
  if (s.size() > 600) return true;
  if (words >= 14) return true;
  // A short line ending in '?' or '!' is more often a headline than prose.
  return words >= 8 && EndsSentence(s) && HeadlineEnding(s) == false;
}

// Person-name shape for signatures: 2-4 capitalised words, no digits.
bool NameShaped(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  int words = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    size_t len;
    char32_t cp = utf8::Decode(s, i, &len);
    if (!utf8::IsUpper(cp)) return false;
    ++words;
    while (i < s.size() && s[i] != ' ') {
      cp = utf8::Decode(s, i, &len);
      if (!(utf8::IsAlpha(cp) || cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019))
        return false;
      i += len;
    }
  }
  return words >= 2 && words <= 4;
}

// Outlet shape: 1-6 words, the first capitalised, no sentence punctuation.
bool OutletShaped(std::string_view s) {
  if (s.empty() || s.size() > 60 || EndsSentence(s)) return false;
  size_t len;
  char32_t cp = utf8::Decode(s, 0, &len);
  if (!utf8::IsUpper(cp) && !utf8::IsDigit(cp)) return false;
  return CountWords(s) <= 6;
}

std::vector<std::string> SplitNames(std::string_view names) {
  std::vector<std::string> out;
  // Normalise separators: " and ", " & " become ",".
  std::string s;
  s.reserve(names.size());
  for (size_t i = 0; i < names.size();) {
    bool sep = false;
    for (std::string_view sv : {std::string_view(" and "), std::string_view(" & "),
                                std::string_view(" And ")}) {
      if (names.substr(i, sv.size()) == sv) {
        s.push_back(',');
        i += sv.size();
        sep = true;
        break;
      }
    }
    if (!sep) s.push_back(names[i++]);
  }
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find_first_of(",;", start);
    if (comma == std::string::npos) comma = s.size();
    std::string_view part = Trim(std::string_view(s).substr(start, comma - start));
    while (!part.empty() && (part.back() == '.' || part.back() == ',')) part.remove_suffix(1);
    if (part.size() >= 2 && part.size() <= 80) out.emplace_back(part);
    start = comma + 1;
  }
  return out;
}

void AddAuthors(const std::vector<std::string>& names, std::vector<std::string>* authors) {
  for (const auto& n : names) {
    bool dup = false;
    for (const auto& a : *authors) dup = dup || Lower(a) == Lower(n);
    if (!dup) authors->push_back(n);
  }
}

// Case-insensitive ASCII prefix test ignoring a trailing period in `prefix`.
bool StartsWithTitle(std::string_view text, std::string_view title, size_t* len) {
  title = Trim(title);
  while (!title.empty() && (title.back() == '.' || title.back() == ' ')) title.remove_suffix(1);
  if (title.size() < 8 || text.size() < title.size()) return false;
  for (size_t i = 0; i < title.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(title[i])))
      return false;
  }
  size_t k = title.size();
  if (k < text.size() && text[k] != ' ' && text[k] != '\n' && text[k] != '.' && text[k] != ':')
    return false;
  // The title may be followed by " . ", ". ", ": " or " - " before the body.
  while (k < text.size() && text[k] == ' ') ++k;
  if (k < text.size() && (text[k] == '.' || text[k] == ':' || text[k] == '-')) ++k;
  while (k < text.size() && text[k] == ' ') ++k;
  *len = k;
  return true;
}

}  // namespace

// True if `pattern` can only match at the start of the text: "^..." after
// any leading flag groups such as "(?i)", with no top-level alternative
// ("^a|b" matches b anywhere).
static bool StartAnchored(std::string_view pattern) {
  size_t i = 0;
  while (pattern.substr(i, 2) == "(?") {
    size_t j = i + 2;
    while (j < pattern.size() && std::isalpha(static_cast<unsigned char>(pattern[j]))) ++j;
    if (j >= pattern.size() || pattern[j] != ')') return false;  // "(?i:...)" or "(?P<...>"
    i = j + 1;
  }
  if (i >= pattern.size() || pattern[i] != '^') return false;
  int depth = 0;
  bool in_class = false;
  for (size_t k = i; k < pattern.size(); ++k) {
    const char c = pattern[k];
    if (c == '\\') {
      ++k;
    } else if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      if (k + 1 < pattern.size() && pattern[k + 1] == ']') ++k;  // "[]...]"
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return true;
}

// True if `pattern` starts (after leading flag groups and "^") with ".*" or
// ".+": anchored in form, but its matches may start anywhere in the line.
static bool LeadingDotStar(std::string_view pattern) {
  size_t i = 0;
  while (pattern.substr(i, 2) == "(?") {
    size_t j = i + 2;
    while (j < pattern.size() && std::isalpha(static_cast<unsigned char>(pattern[j]))) ++j;
    if (j >= pattern.size() || pattern[j] != ')') return false;
    i = j + 1;
  }
  if (pattern.substr(i, 1) == "^") ++i;
  return pattern.substr(i, 2) == ".*" || pattern.substr(i, 2) == ".+";
}

Cleaner::~Cleaner() = default;

Result<std::unique_ptr<Cleaner>> Cleaner::Create(std::shared_ptr<const Lexicon> lexicon,
                                                 CleanOptions options) {
  std::unique_ptr<Cleaner> c(new Cleaner());
  c->lexicon_ = lexicon;
  c->options_ = options;
  std::map<std::string, std::string> macros;
  const Table& mt = lexicon->table("pattern_macros");
  for (const auto& row : mt.rows) macros[row[0]] = row.size() > 1 ? row[1] : "";

  RE2::Options re_opts;
  re_opts.set_log_errors(false);
  re_opts.set_max_mem(64 << 20);
  c->line_set_ = std::make_unique<RE2::Set>(re_opts, RE2::ANCHOR_START);
  c->line_set_free_ = std::make_unique<RE2::Set>(re_opts, RE2::UNANCHORED);
  c->head_set_ = std::make_unique<RE2::Set>(re_opts, RE2::ANCHOR_START);
  c->tail_set_ = std::make_unique<RE2::Set>(re_opts, RE2::ANCHOR_START);
  c->lead_set_ = std::make_unique<RE2::Set>(re_opts, RE2::ANCHOR_START);
  c->trail_set_ = std::make_unique<RE2::Set>(re_opts, RE2::UNANCHORED);
  std::vector<std::string> line_prefixes;
  bool line_screen_known = true;

  auto add_rule = [&](const std::string& table, const std::vector<std::string>& row,
                      const std::string& where, const std::string& action,
                      const std::string& pattern, bool is_meta,
                      const std::string& max_bytes) -> Status {
    auto r = std::make_unique<Rule>();
    r->id = row[0];
    r->is_meta = is_meta;
    if (!max_bytes.empty()) {
      char* end = nullptr;
      r->max_bytes = std::strtoul(max_bytes.c_str(), &end, 10);
      if (!end || *end != '\0')
        return InvalidInput(table + ".tsv rule '" + r->id + "': max_bytes '" + max_bytes +
                            "' is not a number");
    }
    static const std::map<std::string, Rule::Where> kWhere = {
        {"line", Rule::Where::kLine}, {"head", Rule::Where::kHead}, {"any", Rule::Where::kAny},
        {"tail", Rule::Where::kTail}, {"lead", Rule::Where::kLead}, {"trail", Rule::Where::kTrail},
        {"date", Rule::Where::kDate}};
    static const std::map<std::string, Rule::Action> kAction = {
        {"drop", Rule::Action::kDrop},
        {"cut", Rule::Action::kCut},
        {"comments", Rule::Action::kComments},
        {"endcomments", Rule::Action::kEndComments},
        {"keep", Rule::Action::kKeep},
        {"byline", Rule::Action::kByline},
        {"dateline", Rule::Action::kDateline},
        {"republished", Rule::Action::kRepublished},
        {"repub_head", Rule::Action::kRepubHead},
        {"authors", Rule::Action::kAuthors},
        {"bio", Rule::Action::kBio}};
    auto w = kWhere.find(where);
    auto a = kAction.find(action);
    if (w == kWhere.end() || a == kAction.end())
      return InvalidInput(table + ".tsv rule '" + r->id + "': unknown where '" + where +
                          "' or action '" + action + "'");
    r->where = w->second;
    r->action = a->second;
    std::string expanded = ExpandMacros(pattern, macros);
    r->pattern = expanded;
    r->options = re_opts;
    r->latin1_twin = Latin1TwinExact(expanded);
    int index = static_cast<int>(c->rules_.size());
    if ((r->where == Rule::Where::kDate) != (r->action == Rule::Action::kKeep))
      return InvalidInput(table + ".tsv rule '" + r->id +
                          "': where 'date' goes with action 'keep', and only it");
    if (r->where == Rule::Where::kDate) {
      // Run alone, when asked (TextDate); the set's Add checks the pattern.
      std::string err;
      RE2::Set check(re_opts, RE2::UNANCHORED);
      if (check.Add(expanded, &err) < 0)
        return InvalidInput(table + ".tsv rule '" + r->id + "': " + err);
      c->date_rules_.push_back(index);
    } else if (r->where == Rule::Where::kLead) {
      std::string err;
      if (c->lead_set_->Add(expanded, &err) < 0)  // set index == position in lead_rules_
        return InvalidInput(table + ".tsv rule '" + r->id + "': " + err);
      c->lead_rules_.push_back(index);
    } else if (r->where == Rule::Where::kTrail) {
      std::string err;
      if (c->trail_set_->Add(expanded, &err) < 0)  // set index == position in trail_rules_
        return InvalidInput(table + ".tsv rule '" + r->id + "': " + err);
      c->trail_rules_.push_back(index);
    } else {
      std::string err;
      const bool anchored = StartAnchored(expanded);
      std::optional<std::vector<std::string>> literals;
      if (!anchored || LeadingDotStar(expanded)) literals = RequiredLiterals(expanded);
      if (literals) {
        // Not in a set; a set's Add still checks the pattern, so that a bad
        // one fails here, at start-up, with the same message.
        RE2::Set check(re_opts, RE2::UNANCHORED);
        if (check.Add(expanded, &err) < 0)
          return InvalidInput(table + ".tsv rule '" + r->id + "': " + err);
        Cleaner::ScreenedRule sr{index, anchored ? RE2::ANCHOR_START : RE2::UNANCHORED, {}};
        for (unsigned char b = 1; b < 0x80 && !sr.common_byte; ++b) {
          if (std::isalpha(b) || b == ' ') continue;
          bool all = true;
          for (const auto& l : *literals) all = all && l.find(static_cast<char>(b)) != l.npos;
          if (all) sr.common_byte = static_cast<char>(b);
        }
        for (auto& l : *literals) sr.literals.emplace_back(std::move(l));
        c->screened_.push_back(std::move(sr));
      } else {
        RE2::Set* set = c->line_set_free_.get();
        std::vector<int>* set_rule = &c->line_set_free_rule_;
        if (anchored && r->where == Rule::Where::kHead) {
          set = c->head_set_.get();
          set_rule = &c->head_set_rule_;
        } else if (anchored && r->where == Rule::Where::kTail) {
          set = c->tail_set_.get();
          set_rule = &c->tail_set_rule_;
        } else if (anchored) {
          set = c->line_set_.get();
          set_rule = &c->line_set_rule_;
        }
        std::optional<std::string> widened = WidenUnicodeClasses(expanded);
        r->widened_in_set = widened.has_value();
        if (set->Add(widened ? *widened : expanded, &err) < 0)
          return InvalidInput(table + ".tsv rule '" + r->id + "': " + err);
        set_rule->push_back(index);
        if (set == c->line_set_.get()) {
          if (auto prefixes = RequiredPrefixes(expanded)) {
            line_prefixes.insert(line_prefixes.end(), prefixes->begin(), prefixes->end());
          } else if (auto lits = RequiredLiterals(expanded, /*min_length=*/1)) {
            for (auto& l : *lits) c->line_set_literals_.emplace_back(std::move(l));
          } else {
            line_screen_known = false;
          }
        }
      }
    }
    c->rules_.push_back(std::move(r));
    return Status::Ok();
  };

  const Table& bp = lexicon->table("boilerplate");
  int bw = bp.Column("where"), ba = bp.Column("action"), bpat = bp.Column("pattern"),
      bmax = bp.Column("max_bytes");
  if (!bp.rows.empty() && (bw < 0 || ba < 0 || bpat < 0))
    return InvalidInput("boilerplate.tsv: needs columns id, where, action, pattern");
  for (const auto& row : bp.rows)
    DOSSIER_RETURN_IF_ERROR(add_rule("boilerplate", row, row[bw], row[ba], row[bpat], false,
                                     bmax >= 0 ? row[bmax] : ""));
  const Table& mp = lexicon->table("meta_patterns");
  int mw = mp.Column("where"), mf = mp.Column("field"), mpat = mp.Column("pattern");
  if (!mp.rows.empty() && (mw < 0 || mf < 0 || mpat < 0))
    return InvalidInput("meta_patterns.tsv: needs columns id, where, field, pattern");
  for (const auto& row : mp.rows)
    DOSSIER_RETURN_IF_ERROR(add_rule("meta_patterns", row, row[mw], row[mf], row[mpat], true, ""));
  if ((!c->line_set_rule_.empty() && !c->line_set_->Compile()) ||
      (!c->line_set_free_rule_.empty() && !c->line_set_free_->Compile()) ||
      (!c->head_set_rule_.empty() && !c->head_set_->Compile()) ||
      (!c->tail_set_rule_.empty() && !c->tail_set_->Compile()) ||
      (!c->lead_rules_.empty() && !c->lead_set_->Compile()) ||
      (!c->trail_rules_.empty() && !c->trail_set_->Compile()))
    return InvalidInput("boilerplate/meta patterns: RE2 set does not compile (too large?)");
  if (line_screen_known) c->line_set_prefixes_.emplace(line_prefixes);
  else c->line_set_literals_.clear();

  const Table& ot = lexicon->table("outlets");
  int oc = ot.Column("canonical");
  for (const auto& row : ot.rows)
    if (oc >= 0 && !row[oc].empty()) c->outlets_[Lower(row[0])] = row[oc];
  return c;
}

std::optional<std::string> Cleaner::CanonicalOutlet(std::string_view alias) const {
  std::string key = Lower(Trim(alias));
  while (!key.empty() && (key.back() == '.' || key.back() == ',')) key.pop_back();
  auto it = outlets_.find(key);
  if (it != outlets_.end()) return it->second;
  if (key.rfind("the ", 0) == 0) {
    it = outlets_.find(key.substr(4));
    if (it != outlets_.end()) return it->second;
  }
  return std::nullopt;
}

// The work of one Clean() call, kept out of the header.
class CleanerImpl {
 public:
  CleanerImpl(const Cleaner& c, const RawDocument& raw) : c_(c), raw_(raw) {}
  Result<Document> Run();

 private:
  using Where = Rule::Where;
  using Action = Rule::Action;

  void SplitLines();
  void FindZones();
  // Running prose that no rule claims: such lines end the head zone.
  bool IsBody(size_t li);
  int Words(size_t li) {
    Line& l = lines_[li];
    if (l.words < 0) l.words = CountWords(std::string_view(text_).substr(l.begin, l.end - l.begin));
    return l.words;
  }
  void ClassifyLines();
  void ApplyMeta(const Rule& r, std::string_view line);
  void ResplitNamesAndOutlet(std::string* names, std::string* outlet) const;
  bool MatchLine(size_t li, bool in_head, bool in_tail, const Rule** hit);
  // Appends to *matched the screened rules (Cleaner::screened_) that match
  // line `s`.
  void MatchScreened(std::string_view s, std::vector<int>* matched);
  // True if text_ has U+017F or U+212A; asked once per document.
  bool FoldRunes() {
    if (fold_runes_ < 0) fold_runes_ = HasNonAsciiFoldRune(text_) ? 1 : 0;
    return fold_runes_ == 1;
  }
  void TrimLeadTrail();
  // The published date a `date` rule finds in the first kept paragraph.
  std::optional<std::string> TextDate() const;
  void BuildText(TextBuilder* out);
  void BuildComments(const OffsetMap& to_raw);
  std::string Outlet(std::string_view s) const {
    auto canon = c_.CanonicalOutlet(s);
    return canon ? *canon : std::string(Trim(s));
  }
  std::optional<std::string> Date(std::string_view s) const {
    return ParseLooseDate(s, c_.options_.slash_date_order);
  }

  const Cleaner& c_;
  const RawDocument& raw_;
  std::string text_;  // after NormalizeText (+NFC)
  std::vector<Line> lines_;
  std::vector<int> set_hits_;  // MatchLine's scratch
  int fold_runes_ = -1;        // text_ has U+017F or U+212A: 1 yes, 0 no, -1 not asked
  size_t head_end_ = 0;       // lines [0, head_end_) are the head zone
  size_t article_end_ = 0;    // lines [article_end_, ...) are comments or footer
  size_t comments_begin_ = 0, comments_end_ = 0;  // comment lines
  size_t tail_begin_ = 0;
  Meta meta_;
  std::optional<std::string> comment_title_;
  std::optional<RepublishedFrom> repub_notice_, repub_bio_, repub_head_;
  std::optional<std::string> lead_date_;
  std::string_view first_kept_;  // the first kept line after its lead cut (TrimLeadTrail)
  std::optional<std::string> lead_outlet_;  // "BEIRUT (Reuters) -": the wire agency
  bool last_was_dateline_ = false;
  std::vector<Comment> comments_;
  std::vector<Diagnostic> diags_;
};

void CleanerImpl::SplitLines() {
  size_t i = 0;
  while (i <= text_.size()) {
    size_t nl = text_.find('\n', i);
    if (nl == std::string::npos) nl = text_.size();
    Line l;
    std::string_view content = std::string_view(text_).substr(i, nl - i);
    size_t lead = 0;
    while (lead < content.size() && content[lead] == ' ') ++lead;
    std::string_view t = Trim(content);
    l.begin = i + lead;
    l.end = l.begin + t.size();
    l.blank = t.empty();
    lines_.push_back(l);
    if (nl == text_.size()) break;
    i = nl + 1;
  }
}

bool CleanerImpl::MatchLine(size_t li, bool in_head, bool in_tail, const Rule** hit) {
  Line& l = lines_[li];
  std::string_view s(text_.data() + l.begin, l.end - l.begin);
  if (s.size() > c_.options_.max_rule_line_bytes) return false;
  // The set tells which rules match; it is asked once per line.
  // A set's hit, once its rule confirms it (Rule::Confirmed).
  auto add = [&](int rule) {
    if (!c_.rules_[rule]->Confirmed(s)) return false;
    l.matched.push_back(rule);
    return true;
  };
  if (!l.matched_known) {
    l.matched_known = true;
    // Rule indices, in table order (the first rule that applies wins).
    std::vector<int>& hits = set_hits_;
    hits.clear();
    // The prefixes prove nothing in a text with U+017F or U+212A (see
    // RequiredLiterals).
    auto may_match = [&] {
      if (!c_.line_set_prefixes_ || FoldRunes() || c_.line_set_prefixes_->MayStart(s))
        return true;
      for (const FoldedLiteral& lit : c_.line_set_literals_)
        if (lit.FoundIn(s)) return true;
      return false;
    };
    if (!c_.line_set_rule_.empty() && may_match() && c_.line_set_->Match(s, &hits))
      for (int m : hits) add(c_.line_set_rule_[m]);
    hits.clear();
    if (!c_.line_set_free_rule_.empty() && c_.line_set_free_->Match(s, &hits))
      for (int m : hits) add(c_.line_set_free_rule_[m]);
    if (!c_.screened_.empty()) MatchScreened(s, &l.matched);
    std::sort(l.matched.begin(), l.matched.end());
  }
  // A head (tail) rule is never taken outside its zone, so its set is asked
  // only here: a line outside both zones never pays for them.
  bool grew = false;
  auto add_zone = [&](bool* known, const re2::RE2::Set& set, const std::vector<int>& set_rule) {
    *known = true;
    if (set_rule.empty()) return;
    std::vector<int>& hits = set_hits_;
    hits.clear();
    if (!set.Match(s, &hits)) return;
    for (int m : hits) grew |= add(set_rule[m]);
  };
  if (in_head && !l.head_known) add_zone(&l.head_known, *c_.head_set_, c_.head_set_rule_);
  if (in_tail && !l.tail_known) add_zone(&l.tail_known, *c_.tail_set_, c_.tail_set_rule_);
  if (grew) std::sort(l.matched.begin(), l.matched.end());
  for (int m : l.matched) {
    const Rule& r = *c_.rules_[m];
    if (r.max_bytes && s.size() > r.max_bytes) continue;
    if (r.where == Where::kHead && !in_head) continue;
    if (r.where == Where::kTail && !in_tail) continue;
    if (r.action == Action::kRepubHead && !last_was_dateline_) continue;
    *hit = &r;
    return true;
  }
  return false;
}

void CleanerImpl::MatchScreened(std::string_view s, std::vector<int>* matched) {
  for (const Cleaner::ScreenedRule& sr : c_.screened_) {
    const Rule& r = *c_.rules_[sr.rule];
    // A line longer than the rule's max_bytes is never taken by the rule
    // (MatchLine skips it), so whether the rule matches it does not matter.
    if (r.max_bytes && s.size() > r.max_bytes) continue;
    // The literals prove nothing in a text with U+017F or U+212A (see
    // RequiredLiterals).
    if (!FoldRunes()) {
      if (sr.common_byte && !std::memchr(s.data(), sr.common_byte, s.size())) continue;
      bool found = false;
      for (const FoldedLiteral& lit : sr.literals) {
        if (lit.FoundIn(s)) {
          found = true;
          break;
        }
      }
      if (!found) continue;  // no match of the rule lacks all its literals
    }
    if (r.For(s).re->Match(s, 0, s.size(), sr.anchor, nullptr, 0)) matched->push_back(sr.rule);
  }
}

// "By Nadia Farouk Global Research, June 2, 2020": with no comma between the
// name and the outlet the pattern cannot know where one ends. A known outlet
// at the end wins; otherwise the name takes two words.
void CleanerImpl::ResplitNamesAndOutlet(std::string* names, std::string* outlet) const {
  std::string combined = *names + " " + *outlet;
  std::vector<size_t> starts;  // word starts
  for (size_t i = 0; i < combined.size(); ++i)
    if (combined[i] != ' ' && (i == 0 || combined[i - 1] == ' ')) starts.push_back(i);
  for (size_t k = 1; k < starts.size(); ++k) {
    std::string_view tail = std::string_view(combined).substr(starts[k]);
    if (c_.CanonicalOutlet(tail)) {
      *names = std::string(Trim(std::string_view(combined).substr(0, starts[k])));
      *outlet = std::string(tail);
      return;
    }
  }
  if (CountWords(*names) == 1 && CountWords(*outlet) >= 2) {
    *names = std::string(Trim(std::string_view(combined).substr(0, starts[2])));
    *outlet = combined.substr(starts[2]);
  }
}

void CleanerImpl::ApplyMeta(const Rule& r, std::string_view s) {
  const Rule::Compiled& rc = r.For(s);
  int ngroups = rc.re->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> g(ngroups + 1);
  if (!rc.re->Match(s, 0, s.size(), RE2::UNANCHORED, g.data(), ngroups + 1)) return;
  auto get = [&](int idx) -> std::optional<std::string> {
    if (idx <= 0 || g[idx].data() == nullptr) return std::nullopt;
    std::string_view v = Trim(std::string_view(g[idx].data(), g[idx].size()));
    if (v.empty()) return std::nullopt;
    return std::string(v);
  };
  auto names = get(rc.g_names);
  auto outlet = get(rc.g_outlet);
  auto date = get(rc.g_date);
  auto url = get(rc.g_url);
  std::optional<std::string> iso = date ? Date(*date) : std::nullopt;
  switch (r.action) {
    case Action::kByline: {
      if (names && outlet) ResplitNamesAndOutlet(&*names, &*outlet);
      if (names) AddAuthors(SplitNames(*names), &meta_.authors);
      if (outlet && !meta_.outlet) meta_.outlet = Outlet(*outlet);
      if (iso && !meta_.published) meta_.published = iso;
      break;
    }
    case Action::kDateline:
      if (outlet && !meta_.outlet) meta_.outlet = Outlet(*outlet);
      if (iso && !meta_.published) meta_.published = iso;
      break;
    case Action::kRepublished:
    case Action::kRepubHead: {
      RepublishedFrom rf;
      if (outlet) rf.outlet = Outlet(*outlet);
      rf.published = iso;
      rf.url = url;
      auto& slot = r.action == Action::kRepubHead ? repub_head_ : repub_notice_;
      if (!slot) slot = rf;
      break;
    }
    case Action::kAuthors:
      if (names) AddAuthors(SplitNames(*names), &meta_.authors);
      break;
    case Action::kBio:
      // A bio names the author when no byline did.
      if (names && meta_.authors.empty() && raw_.given.authors.empty())
        AddAuthors({*names}, &meta_.authors);
      if (outlet) {
        RepublishedFrom rf;
        rf.outlet = Outlet(*outlet);
        if (!repub_bio_) repub_bio_ = rf;
      }
      break;
    default:
      break;
  }
}

bool CleanerImpl::IsBody(size_t li) {
  const Line& l = lines_[li];
  std::string_view s(text_.data() + l.begin, l.end - l.begin);
  if (!BodyLike(s, Words(li))) return false;
  const Rule* hit = nullptr;
  return !MatchLine(li, /*in_head=*/true, /*in_tail=*/true, &hit);
}

void CleanerImpl::FindZones() {
  // Comment section and footer cut: the first matching line after the head.
  article_end_ = lines_.size();
  comments_begin_ = comments_end_ = lines_.size();
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (lines_[i].blank) continue;
    const Rule* hit = nullptr;
    if (!MatchLine(i, false, false, &hit)) continue;
    if (hit->action == Action::kCut) {
      article_end_ = std::min(article_end_, i);
      if (comments_begin_ < lines_.size() && comments_end_ == lines_.size()) comments_end_ = i;
      break;
    }
    if (hit->action == Action::kComments && comments_begin_ == lines_.size()) {
      article_end_ = i;
      comments_begin_ = i + 1;
      const Rule::Compiled& hc = hit->C();
      if (hc.g_title) {
        std::string_view s(text_.data() + lines_[i].begin, lines_[i].end - lines_[i].begin);
        std::string title;
        if (RE2::PartialMatch(s, *hc.re)) {
          int ng = hc.re->NumberOfCapturingGroups();
          std::vector<re2::StringPiece> g(ng + 1);
          if (hc.re->Match(s, 0, s.size(), RE2::UNANCHORED, g.data(), ng + 1) &&
              g[hc.g_title].data())
            title = std::string(g[hc.g_title].data(), g[hc.g_title].size());
        }
        // The pattern's optional closing mark may have taken the title's own
        // (“The Myth of the “Return”): give it back when marks are unbalanced.
        auto count = [&](std::string_view mark) {
          size_t n = 0;
          for (size_t p = title.find(mark); p != std::string::npos; p = title.find(mark, p + 1)) ++n;
          return n;
        };
        if (count("\u201C") > count("\u201D")) title += "\u201D";
        if (!title.empty()) comment_title_ = title;
      }
      continue;
    }
    if (hit->action == Action::kEndComments && comments_begin_ < lines_.size() &&
        comments_end_ == lines_.size()) {
      comments_end_ = i;
      break;
    }
  }
  if (comments_begin_ < lines_.size() && comments_end_ == lines_.size() &&
      article_end_ < comments_begin_) {
    comments_end_ = lines_.size();
  }
  // Head zone: until the first body-like line that is followed by another
  // body-like line (or is the last line), at most max_head_lines lines.
  head_end_ = 0;
  std::vector<size_t> nonblank;
  for (size_t i = 0; i < article_end_; ++i)
    if (!lines_[i].blank) nonblank.push_back(i);
  head_end_ = nonblank.empty() ? 0 : nonblank.back() + 1;
  for (size_t k = 0; k < nonblank.size(); ++k) {
    size_t i = nonblank[k];
    if (static_cast<int>(k) >= c_.options_.max_head_lines) {
      head_end_ = i;
      break;
    }
    if (!IsBody(i)) continue;
    bool next_body = true;
    if (k + 1 < nonblank.size()) next_body = IsBody(nonblank[k + 1]);
    if (next_body) {
      head_end_ = i;
      break;
    }
  }
  // Tail zone: the last tail_lines non-empty lines of the article.
  tail_begin_ = 0;
  int count = 0;
  for (size_t i = article_end_; i-- > 0;) {
    if (lines_[i].blank) continue;
    tail_begin_ = i;
    if (++count >= c_.options_.tail_lines) break;
  }
}

void CleanerImpl::ClassifyLines() {
  bool have_given_title = raw_.given.title.has_value();
  bool title_done = false;
  const Rule* prev_drop = nullptr;
  size_t prev_line = static_cast<size_t>(-1);
  for (size_t i = 0; i < lines_.size(); ++i) {
    Line& l = lines_[i];
    if (l.blank) continue;
    if (i >= article_end_) {
      l.keep = false;
      continue;
    }
    bool in_head = i < head_end_;
    bool in_tail = i >= tail_begin_;
    std::string_view s(text_.data() + l.begin, l.end - l.begin);
    const Rule* hit = nullptr;
    bool matched = MatchLine(i, in_head, in_tail, &hit);
    if (matched) {
      if (hit->is_meta) ApplyMeta(*hit, s);
      last_was_dateline_ = hit->action == Action::kDateline ||
                           (hit->action == Action::kByline && hit->For(s).g_date);
      l.keep = false;
      l.rule = hit;
      prev_drop = hit;
      prev_line = i;
      continue;
    }
    last_was_dateline_ = false;
    // The wrapped continuation of a taxonomy line ("Theme: US NATO War" /
    // "Agenda"): short, directly under it, in the head.
    if (in_head && prev_drop && prev_line + 1 == i && prev_drop->id.rfind("region", 0) == 0 &&
        Words(i) <= 5 && !EndsSentence(s)) {
      l.keep = false;
      prev_line = i;
      continue;
    }
    prev_drop = nullptr;
    // The headline: the first remaining line of the head, short, no final
    // period; or the repeat of a given title.
    if (!title_done && in_head) {
      title_done = true;
      size_t cut;
      if (have_given_title) {
        if (StartsWithTitle(s, *raw_.given.title, &cut) && cut >= s.size()) l.keep = false;
      } else if (s.size() <= 250 && Words(i) <= 35 && HeadlineEnding(s) && i + 1 < article_end_) {
        meta_.title = std::string(s);
        l.keep = false;
      }
      if (!l.keep) continue;
    }
  }
  // Signature at the end: "Name" line then "Outlet" line, then nothing kept.
  std::vector<size_t> kept;
  for (size_t i = 0; i < article_end_; ++i)
    if (!lines_[i].blank && lines_[i].keep) kept.push_back(i);
  if (kept.size() >= 3) {
    size_t a = kept[kept.size() - 2], b = kept.back();
    std::string_view sa(text_.data() + lines_[a].begin, lines_[a].end - lines_[a].begin);
    std::string_view sb(text_.data() + lines_[b].begin, lines_[b].end - lines_[b].begin);
    bool known = c_.CanonicalOutlet(sb).has_value();
    if (NameShaped(sa) && (known || OutletShaped(sb)) && a >= tail_begin_) {
      AddAuthors({std::string(sa)}, &meta_.authors);
      if (!meta_.outlet) meta_.outlet = Outlet(sb);
      lines_[a].keep = lines_[b].keep = false;
    }
  }
}

void CleanerImpl::TrimLeadTrail() {
  // Lead rules and a repeated title at the start of the first kept line.
  size_t first = lines_.size(), last = lines_.size();
  for (size_t i = 0; i < article_end_; ++i) {
    if (lines_[i].blank || !lines_[i].keep) continue;
    if (first == lines_.size()) first = i;
    last = i;
  }
  if (first == lines_.size()) return;
  std::optional<std::string> title = raw_.given.title ? raw_.given.title : meta_.title;
  Line& f = lines_[first];
  std::vector<int> could;  // rule positions whose pattern matches s (by the set)
  for (int round = 0; round < 4; ++round) {
    std::string_view s(text_.data() + f.begin + f.cut_prefix, f.end - f.begin - f.cut_prefix);
    bool changed = false;
    could.clear();
    if (!c_.lead_rules_.empty() && c_.lead_set_->Match(s, &could))
      std::sort(could.begin(), could.end());  // the rules' order decides
    for (int pos : could) {
      const Rule& r = *c_.rules_[c_.lead_rules_[pos]];
      const Rule::Compiled& rc = r.For(s);
      int ng = rc.re->NumberOfCapturingGroups();
      std::vector<re2::StringPiece> g(ng + 1);
      if (!rc.re->Match(s, 0, s.size(), RE2::ANCHOR_START, g.data(), ng + 1)) continue;
      if (g[0].size() == 0 || g[0].size() >= s.size()) continue;
      if (rc.g_date && g[rc.g_date].data() && !lead_date_)
        lead_date_ = Date(std::string_view(g[rc.g_date].data(), g[rc.g_date].size()));
      if (rc.g_outlet && g[rc.g_outlet].data() && g[rc.g_outlet].size() && !lead_outlet_)
        lead_outlet_ = Outlet(std::string_view(g[rc.g_outlet].data(), g[rc.g_outlet].size()));
      if (rc.g_place && g[rc.g_place].data() && g[rc.g_place].size() && f.lead_place_end == 0) {
        f.lead_place_begin = static_cast<size_t>(g[rc.g_place].data() - text_.data());
        f.lead_place_end = f.lead_place_begin + g[rc.g_place].size();
      }
      f.cut_prefix += g[0].size();
      changed = true;
      break;
    }
    if (!changed && title) {
      size_t len;
      if (StartsWithTitle(s, *title, &len) && len < s.size()) {
        f.cut_prefix += len;
        changed = true;
        title.reset();  // only once
      }
    }
    if (!changed) break;
  }
  first_kept_ = std::string_view(text_.data() + f.begin + f.cut_prefix, f.end - f.begin - f.cut_prefix);
  Line& t = lines_[last];
  for (int round = 0; round < 4 && !c_.trail_rules_.empty(); ++round) {
    size_t b = t.begin + (last == first ? f.cut_prefix : 0);
    if (t.end - t.cut_suffix <= b) break;
    std::string_view s(text_.data() + b, t.end - t.cut_suffix - b);
    could.clear();
    if (!c_.trail_set_->Match(s, &could)) break;
    std::sort(could.begin(), could.end());
    bool changed = false;
    for (int pos : could) {
      const Rule& r = *c_.rules_[c_.trail_rules_[pos]];
      re2::StringPiece m[2];
      const RE2& re = *r.For(s).re;
      int groups = std::min(1, re.NumberOfCapturingGroups()) + 1;
      if (!re.Match(s, 0, s.size(), RE2::UNANCHORED, m, groups)) continue;
      re2::StringPiece cut = groups > 1 && m[1].data() ? m[1] : m[0];
      if (cut.size() == 0 || cut.size() >= s.size()) continue;
      if (cut.data() + cut.size() != s.data() + s.size()) continue;
      t.cut_suffix += cut.size();
      changed = true;
      break;
    }
    if (!changed) break;
  }
}

void CleanerImpl::BuildText(TextBuilder* out) {
  bool gap = false;       // blank or removed lines since the last kept line
  bool removed = false;   // a removed line since the last kept line
  size_t prev_end = 0;
  bool any = false;
  // Appends input bytes [b, e) as the next line.
  auto emit = [&](size_t b, size_t e) {
    if (any) {
      // A sentence broken by a stray blank line ("... carried out a
      // ground\n\noperation in ..."): no final punctuation before the gap, a
      // lower-case letter after it. Join the halves with a space.
      size_t len;
      bool joins = false;
      if (gap && !removed && utf8::IsLower(utf8::Decode(text_, b, &len))) {
        // The output's last line (found only here: searching back for it
        // at every line was most of this function's cost).
        std::string_view prev_line(out->text());
        size_t nl = prev_line.rfind('\n');
        if (nl != std::string_view::npos) prev_line.remove_prefix(nl + 1);
        joins = HeadlineEnding(prev_line) && !EndsSentence(prev_line) &&
                CountWords(prev_line) >= 4;
      }
      if (joins) {
        out->Replace(" ", prev_end, b);
      } else if (gap) {
        out->Insert("\n\n", b);
      } else {
        out->Replace("\n", prev_end, b);
      }
    }
    out->Copy(std::string_view(text_).substr(b, e - b), b);
    prev_end = e;
    any = true;
    gap = false;
    removed = false;
  };
  for (size_t i = 0; i < article_end_; ++i) {
    const Line& l = lines_[i];
    if (l.blank || !l.keep) {
      gap = true;
      removed = removed || !l.blank;
      continue;
    }
    size_t b = l.begin + l.cut_prefix, e = l.end - l.cut_suffix;
    while (e > b && text_[e - 1] == ' ') --e;
    if (e <= b) {
      gap = true;
      continue;
    }
    // The place of a wire dateline is a paragraph of its own, before the
    // body it was cut from: the agency and the dash go, the toponym stays.
    if (l.lead_place_end > l.lead_place_begin) {
      emit(l.lead_place_begin, l.lead_place_end);
      gap = true;
      removed = true;  // never joined to the body
    }
    emit(b, e);
  }
}

namespace {

// The input span covering output bytes [b, e) of `map`, from the smallest to
// the largest input offset they map to. Text extracted from HTML need not be
// in source order (gumbo moves a table's stray text before the table), so
// MapBegin(b) can lie after MapEnd(e).
std::pair<size_t, size_t> CoveringInputSpan(const OffsetMap& map, size_t b, size_t e) {
  const auto& pieces = map.pieces();
  auto it = std::upper_bound(pieces.begin(), pieces.end(), b,
                             [](size_t v, const OffsetMap::Piece& p) { return v < p.out_end; });
  size_t lo = static_cast<size_t>(-1), hi = 0;
  for (; it != pieces.end() && it->out_begin < e; ++it) {
    size_t ib = it->in_begin, ie = it->in_end;
    if (it->copy) {
      ib += std::max<size_t>(b, it->out_begin) - it->out_begin;
      ie = it->in_begin + (std::min<size_t>(e, it->out_end) - it->out_begin);
    }
    lo = std::min(lo, ib);
    hi = std::max(hi, ie);
  }
  if (lo > hi) return {map.MapBegin(b), map.MapBegin(b)};
  return {lo, hi};
}

}  // namespace

void CleanerImpl::BuildComments(const OffsetMap& to_raw) {
  if (comments_begin_ >= comments_end_) return;
  // A new comment starts at a numbered line ("1. ..."); otherwise the whole
  // section is one comment.
  std::vector<std::pair<size_t, size_t>> groups;  // line ranges
  size_t start = static_cast<size_t>(-1);
  for (size_t i = comments_begin_; i < comments_end_; ++i) {
    const Line& l = lines_[i];
    if (l.blank) continue;
    std::string_view s(text_.data() + l.begin, l.end - l.begin);
    size_t k = 0;
    while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
    bool numbered = k > 0 && k < 4 && k + 1 < s.size() && s[k] == '.' && s[k + 1] == ' ';
    if (start == static_cast<size_t>(-1)) start = i;
    else if (numbered) {
      groups.push_back({start, i});
      start = i;
    }
  }
  if (start != static_cast<size_t>(-1)) groups.push_back({start, comments_end_});
  for (auto [gb, ge] : groups) {
    Comment c;
    size_t first_b = 0, last_e = 0;
    bool any = false, gap = false;
    for (size_t i = gb; i < ge; ++i) {
      const Line& l = lines_[i];
      if (l.blank) {
        gap = any;
        continue;
      }
      std::string_view s(text_.data() + l.begin, l.end - l.begin);
      if (!any) {
        // Drop the "1. " numbering of the first line.
        size_t k = 0;
        while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
        if (k > 0 && k < 4 && k + 1 < s.size() && s[k] == '.' && s[k + 1] == ' ')
          s.remove_prefix(k + 2);
        first_b = static_cast<size_t>(s.data() - text_.data());
      } else {
        c.text += gap ? "\n\n" : "\n";
      }
      c.text.append(s);
      last_e = l.end;
      any = true;
      gap = false;
    }
    if (!any || c.text.empty()) continue;
    const auto [raw_b, raw_e] = CoveringInputSpan(to_raw, first_b, last_e);
    c.raw.begin = static_cast<uint32_t>(raw_b);
    c.raw.end = static_cast<uint32_t>(raw_e);
    comments_.push_back(std::move(c));
  }
}

std::optional<std::string> CleanerImpl::TextDate() const {
  for (int ri : c_.date_rules_) {
    const Rule& r = *c_.rules_[ri];
    std::string_view s = first_kept_.substr(0, r.max_bytes ? r.max_bytes : 400);
    const Rule::Compiled& rc = r.For(s);
    if (!rc.g_date) continue;
    const int ng = rc.re->NumberOfCapturingGroups();
    std::vector<re2::StringPiece> g(ng + 1);
    if (!rc.re->Match(s, 0, s.size(), RE2::UNANCHORED, g.data(), ng + 1) || !g[rc.g_date].data())
      continue;
    if (auto d = Date(std::string_view(g[rc.g_date].data(), g[rc.g_date].size()))) return d;
  }
  return std::nullopt;
}

Result<Document> CleanerImpl::Run() {
  Document doc;
  doc.id = raw_.id;
  doc.path = raw_.path;
  doc.line = raw_.line;
  doc.format = raw_.format;
  doc.encoding = raw_.encoding;
  doc.raw = raw_.raw;
  doc.given_id = raw_.given.id;
  doc.diagnostics = raw_.diagnostics;

  // 1. The body as text, with its map to raw. Plain text is read where it
  // is, not copied.
  std::string extracted;
  std::string_view base = raw_.body;
  OffsetMap extracted_map;
  const OffsetMap* base_map = &raw_.body_map;  // base -> raw
  GivenMeta given = raw_.given;
  std::vector<Comment> html_comments;
  if (raw_.body_is_html) {
    auto ex = ExtractHtml(raw_.body);
    if (!ex.ok()) return ex.status();
    extracted = std::move(ex->text);
    base = extracted;
    extracted_map = ex->map.Compose(raw_.body_map);
    base_map = &extracted_map;
    for (auto& d : ex->diagnostics) doc.diagnostics.push_back(d);
    // Container metadata wins over what the page says; the page fills gaps.
    auto fill = [](std::optional<std::string>& dst, const std::optional<std::string>& src) {
      if (!dst && src) dst = src;
    };
    fill(given.title, ex->meta.title);
    fill(given.url, ex->meta.url);
    fill(given.outlet, ex->meta.outlet);
    fill(given.published, ex->meta.published);
    fill(given.language, ex->meta.language);
    if (given.authors.empty()) given.authors = ex->meta.authors;
    for (auto& c : ex->comments) {
      Comment rc;
      rc.text = c.text;
      rc.raw.begin = static_cast<uint32_t>(raw_.body_map.MapBegin(c.raw.begin));
      rc.raw.end = static_cast<uint32_t>(raw_.body_map.MapEnd(c.raw.end));
      html_comments.push_back(std::move(rc));
    }
  }

  // 2. Characters: line endings, controls, markup, NFC.
  OffsetMap norm_map;  // text_ -> base
  text_ = NormalizeText(base, /*markup=*/!raw_.body_is_html, &norm_map);
  OffsetMap nfc_map;
  if (NormalizeNfc(&text_, &nfc_map)) norm_map = nfc_map.Compose(norm_map);
  OffsetMap text_to_raw = norm_map.Compose(*base_map);

  // 3. Lines: zones, rules, meta.
  SplitLines();
  FindZones();
  ClassifyLines();
  TrimLeadTrail();
  TextBuilder out;
  BuildText(&out);
  BuildComments(text_to_raw);

  doc.text = out.TakeText();
  doc.raw_map = out.TakeMap().Compose(text_to_raw);
  doc.comments = std::move(html_comments);
  for (auto& c : comments_) doc.comments.push_back(std::move(c));

  // 4. Meta: the container's fields first, then what the text said.
  Meta& m = doc.meta;
  m.title = given.title ? given.title : meta_.title;
  if (!m.title && comment_title_) m.title = comment_title_;
  m.authors = given.authors;
  AddAuthors(meta_.authors, &m.authors);
  if (given.outlet) m.outlet = Outlet(*given.outlet);
  else m.outlet = meta_.outlet;
  if (given.published) {
    m.published = Date(*given.published);
    if (!m.published) {
      doc.diagnostics.push_back({Diagnostic::Level::kWarning, "unparsed_date",
                                 "published date '" + *given.published + "' not understood"});
    }
  }
  if (!m.published) m.published = meta_.published;
  if (!m.published) m.published = lead_date_;
  if (!m.published) m.published = TextDate();
  if (!m.published && !c_.options_.published_anchor.empty()) {
    m.published = c_.options_.published_anchor;
    doc.diagnostics.push_back({Diagnostic::Level::kInfo, "published_from_anchor",
                               "no date in the document; using --published"});
  }
  m.url = given.url;
  // A wire dateline's agency ("BEIRUT (Reuters) -") is the outlet of a text
  // that names none; under another outlet's name, it is where the copy came
  // from (after the explicit notices below).
  if (!m.outlet) m.outlet = lead_outlet_;
  // Republication: an explicit notice or bio beats the head layout; a
  // "source" that is the outlet itself is not a republication.
  RepublishedFrom rf;
  for (const auto* cand : {&repub_bio_, &repub_notice_, &repub_head_}) {
    if (!*cand) continue;
    const RepublishedFrom& r = **cand;
    if (r.outlet && m.outlet && Lower(*r.outlet) == Lower(*m.outlet)) continue;
    if (!rf.outlet) rf = r;
    else if (r.outlet && Lower(*r.outlet) == Lower(*rf.outlet)) {
      if (!rf.published) rf.published = r.published;
      if (!rf.url) rf.url = r.url;
    }
  }
  if (!rf.outlet && lead_outlet_ && m.outlet && Lower(*lead_outlet_) != Lower(*m.outlet))
    rf.outlet = lead_outlet_;
  m.republished_from = rf;
  m.language = given.language;
  if (!m.language) {
    std::string_view sample(doc.text);
    if (sample.size() > c_.options_.max_language_bytes) {
      size_t cut = c_.options_.max_language_bytes;
      while (cut > 0 && (static_cast<unsigned char>(sample[cut]) & 0xC0) == 0x80) --cut;
      sample = sample.substr(0, cut);
    }
    m.language = DetectLanguage(sample);
  }

  if (doc.text.empty())
    return InvalidInput("no article text after cleaning");
  return doc;
}

Result<Document> Cleaner::Clean(const RawDocument& raw) const {
  CleanerImpl impl(*this, raw);
  return impl.Run();
}

}  // namespace dossier
