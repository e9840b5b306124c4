// Paragraphs and sentences, and the tables they read. See sentence rules at
// SentenceSplitter below; tokens are in tokenizer.cc, quotes in quotes.cc.
#include "segment/segmenter.h"

#include "core/byte_scan.h"

#include <unicode/uchar.h>

#include <cstring>

#include "lexicon/name_key.h"
#include "segment/text_class.h"

namespace dossier {
namespace {
using namespace segment_internal;

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Lower-cases `s` into *out (reused buffer, no allocation once warm).
void LowerInto(std::string_view s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
      ++i;
      continue;
    }
    size_t len;
    char32_t cp = utf8::Decode(s, i, &len);
    utf8::Append(static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))), out);
    i += len;
  }
}

bool ParseKind(std::string_view k, AbbrevKind* kind) {
  static const struct {
    std::string_view name;
    AbbrevKind kind;
  } kKinds[] = {{"title", AbbrevKind::kTitle},           {"month", AbbrevKind::kMonth},
                {"number", AbbrevKind::kNumber},         {"initialism", AbbrevKind::kInitialism},
                {"suffix", AbbrevKind::kSuffix},         {"other", AbbrevKind::kOther}};
  for (const auto& e : kKinds)
    if (e.name == k) {
      *kind = e.kind;
      return true;
    }
  return false;
}

// The bit of abbrev_shape_ for a lower-cased key or word of `n` bytes
// (n >= 1): its first two bytes (the second 0 for one-byte words) and its
// length, capped at 7 (the longest key is "lieut"-sized). Any byte works,
// so keys with non-ASCII bytes get a bit too; only the ASCII lookup reads it.
size_t AbbrevShape(const char* s, size_t n) {
  const size_t b0 = static_cast<unsigned char>(s[0]) & 31;
  const size_t b1 = n > 1 ? static_cast<unsigned char>(s[1]) & 31 : 0;
  return (b0 << 8) | (b1 << 3) | std::min<size_t>(n, 7);
}

// Slot of a packed key in a table of `size` slots (a power of two).
size_t PackedSlot(uint64_t key, size_t size) {
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 40) & (size - 1);
}

}  // namespace

Segmenter::Segmenter(const Lexicon& lexicon, SegmentOptions options) : options_(options) {
  const Table& abbr = lexicon.table("abbreviations");
  int ka = abbr.Column("abbrev"), kk = abbr.Column("kind");
  if (ka < 0) ka = 0;
  if (kk < 0) kk = 1;
  for (const auto& row : abbr.rows) {
    if (static_cast<size_t>(std::max(ka, kk)) >= row.size()) continue;
    std::string key = AsciiLower(row[ka]);
    while (!key.empty() && key.back() == '.') key.pop_back();
    if (key.empty()) continue;
    AbbrevKind kind = AbbrevKind::kOther;  // unknown kinds behave like "other"
    ParseKind(row[kk], &kind);
    max_abbrev_bytes_ = std::max(max_abbrev_bytes_, key.size());
    const size_t bit = AbbrevShape(key.data(), key.size());
    abbrev_shape_[bit >> 6] |= uint64_t{1} << (bit & 63);
    abbreviations_[std::move(key)] = kind;
  }
  size_t slots = 16;
  while (slots < 2 * abbreviations_.size()) slots *= 2;
  packed_abbrevs_.resize(slots);
  for (const auto& [key, kind] : abbreviations_) {
    if (key.size() > 8 || key.find('\0') != std::string::npos) continue;
    uint64_t packed = 0;
    for (size_t i = 0; i < key.size(); ++i)
      packed |= uint64_t{static_cast<unsigned char>(key[i])} << (8 * i);
    size_t k = PackedSlot(packed, slots);
    while (packed_abbrevs_[k].key != 0) k = (k + 1) & (slots - 1);
    packed_abbrevs_[k] = {packed, kind};
  }
  const Table& st = lexicon.table("sentence_starters");
  int kw = st.Column("word");
  if (kw < 0) kw = 0;
  for (const auto& row : st.rows) {
    if (static_cast<size_t>(kw) >= row.size() || row[kw].empty()) continue;
    std::string w = AsciiLower(row[kw]);
    max_starter_bytes_ = std::max(max_starter_bytes_, w.size());
    starters_.insert(std::move(w));
  }
  const Table& dw = lexicon.table("date_words");
  const int mw = dw.Column("word"), mk = dw.Column("kind");
  if (mw >= 0 && mk >= 0) {
    for (const auto& row : dw.rows) {
      if (static_cast<size_t>(std::max(mw, mk)) >= row.size() || row[mw].empty()) continue;
      if (row[mk] == "month") months_[FoldName(row[mw])] = 1;
      else if (row[mk] == "month_foreign") months_.emplace(FoldName(row[mw]), 2);
    }
  }
}

int Segmenter::MonthName(std::string_view word) const {
  if (word.empty() || word.size() > 24 || months_.empty()) return 0;
  auto it = months_.find(std::string_view(FoldName(word)));
  return it == months_.end() ? 0 : it->second;
}

const AbbrevKind* Segmenter::FindAbbreviation(std::string_view abbrev) const {
  if (abbrev.size() > max_abbrev_bytes_) return nullptr;
  // ASCII words (nearly all): lower-cased on the stack, and most of them
  // ruled out by the shape filter. Keys are lower-cased the same way
  // (AsciiLower), so a word whose shape bit is clear has no key.
  char buf[16];
  if (!abbrev.empty() && abbrev.size() <= sizeof buf) {
    bool ascii = true;
    uint64_t packed = 0;  // the first eight bytes, as packed_abbrevs_ keys are
    for (size_t i = 0; i < abbrev.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(abbrev[i]);
      if (c >= 0x80 || c == 0) {  // NUL too: "a\0" would pack as "a"
        ascii = false;
        break;
      }
      buf[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (i < 8) packed |= uint64_t{static_cast<unsigned char>(buf[i])} << (8 * i);
    }
    if (ascii) {
      const size_t bit = AbbrevShape(buf, abbrev.size());
      if (!((abbrev_shape_[bit >> 6] >> (bit & 63)) & 1)) return nullptr;
      if (abbrev.size() <= 8) {
        const size_t mask = packed_abbrevs_.size() - 1;
        for (size_t k = PackedSlot(packed, packed_abbrevs_.size());; k = (k + 1) & mask) {
          if (packed_abbrevs_[k].key == packed) return &packed_abbrevs_[k].kind;
          if (packed_abbrevs_[k].key == 0) return nullptr;
        }
      }
      auto it = abbreviations_.find(std::string_view(buf, abbrev.size()));
      return it == abbreviations_.end() ? nullptr : &it->second;
    }
  }
  thread_local std::string lower;
  LowerInto(abbrev, &lower);
  auto it = abbreviations_.find(std::string_view(lower));
  return it == abbreviations_.end() ? nullptr : &it->second;
}

bool Segmenter::IsSentenceStarter(std::string_view word) const {
  if (word.empty() || word.size() > max_starter_bytes_) return false;
  thread_local std::string lower;
  LowerInto(word, &lower);
  return starters_.find(std::string_view(lower)) != starters_.end();
}

void Segmenter::Segment(Document* doc) const {
  std::string_view text = doc->text;
  doc->paragraphs = Paragraphs(text);
  doc->sentences = Sentences(text, doc->paragraphs);
  doc->tokens = Tokens(text);
  doc->quotes = Quotes(text, doc->paragraphs);
}

// ---------------------------------------------------------------------------
// Paragraphs: runs of non-blank lines separated by blank lines; if the text
// has no blank line between two non-blank ones, every line is a paragraph.

std::vector<Span> Segmenter::Paragraphs(std::string_view text) const {
  struct Line {
    size_t b, e;
    bool blank_before;
  };
  std::vector<Line> lines;
  bool any_blank = false, pending_blank = false;
  const char* data = text.data();
  size_t pos = 0, n = text.size();
  while (pos < n) {
    const void* nlp = std::memchr(data + pos, '\n', n - pos);
    size_t nl = nlp ? static_cast<size_t>(static_cast<const char*>(nlp) - data) : n;
    size_t b = pos, e = nl;
    Trim(text, &b, &e);
    if (b < e) {
      bool blank_before = pending_blank && !lines.empty();
      any_blank |= blank_before;
      lines.push_back({b, e, blank_before});
      pending_blank = false;
    } else {
      pending_blank = true;
    }
    pos = nl + 1;
  }
  std::vector<Span> out;
  out.reserve(any_blank ? 16 : lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!any_blank || i == 0 || lines[i].blank_before) {
      out.push_back(Span{static_cast<uint32_t>(lines[i].b), static_cast<uint32_t>(lines[i].e)});
    } else {
      out.back().end = static_cast<uint32_t>(lines[i].e);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Sentences.
//
// Within a paragraph a sentence ends after a run of terminal punctuation
// (. ! ? … ...) plus any closing quotes/brackets, when whitespace follows and
// the next character is an uppercase (or uncased) letter, a digit or an
// opening quote/bracket. After a lone "." the word before it may veto:
//   - a list marker at line start ("1. ");
//   - an abbreviation from data/abbreviations.tsv, by kind;
//   - an initialism (U.S., N.A.T.O.) or a single capital initial (F.):
//     split only if the next word is in data/sentence_starters.tsv.
// A line break inside a paragraph ends a sentence when the next line is a
// list item, when this line is a list item and the next does not start in
// lower case, or when this line looks like a heading (no final punctuation,
// the next line starts uppercase, and — in a hard-wrapped paragraph — the
// line is clearly shorter than the others).
// Overlong sentences are cut (SegmentOptions::max_sentence_bytes).

namespace {


class SentenceSplitter {
 public:
  SentenceSplitter(const Segmenter& seg, std::string_view t, size_t max_bytes,
                   std::vector<Span>* out)
      : seg_(seg), t_(t), max_(max_bytes), out_(out) {}

  void Paragraph(size_t pb, size_t pe);

 private:
  bool IsEllipsisAt(size_t i, size_t end) const {
    return i + 2 < end && static_cast<unsigned char>(t_[i]) == 0xE2 &&
           static_cast<unsigned char>(t_[i + 1]) == 0x80 &&
           static_cast<unsigned char>(t_[i + 2]) == 0xA6;
  }
  bool StartsSentence(size_t m) const;
  bool StartsLower(size_t m) const {
    size_t len;
    return IsLowerCp(CpAt(t_, m, &len));
  }
  bool IsListItem(size_t p, size_t pe) const;
  bool SplitAfterPeriod(size_t i, size_t m) const;
  // The word at m names a month (SplitAfterPeriod after a day number).
  bool DayBeforeMonth(size_t m) const;
  bool StarterRule(size_t m) const;
  bool HeadingLike(size_t lb, size_t le, size_t next) const;
  bool EndsWithTerminal(size_t lb, size_t le) const;
  void ScanLines(size_t pb, size_t pe);
  void Emit(size_t b, size_t e);
  void EmitLong(size_t b, size_t e);

  const Segmenter& seg_;
  std::string_view t_;
  size_t max_;
  std::vector<Span>* out_;
  // Per paragraph.
  size_t pb_ = 0, line_first_ = 0;
  bool wrapped_ = false;  // some line break continues a sentence in lower case
  size_t max_line_ = 0;
};

bool SentenceSplitter::StartsSentence(size_t m) const {
  unsigned char c = static_cast<unsigned char>(t_[m]);
  if (c < 0x80) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c == '\'' ||
           c == '(' || c == '[' || c == '{';
  }
  size_t len;
  char32_t cp = utf8::Decode(t_, m, &len);
  if (IsOpenerCp(cp)) return true;
  if (IsUpperCp(cp) || IsDigitCp(cp)) return true;
  // Scripts without case (Arabic, Hebrew, CJK...): a letter that is not
  // lower case starts a sentence.
  return IsAlphaCp(cp) && !IsLowerCp(cp);
}

bool SentenceSplitter::IsListItem(size_t p, size_t pe) const {
  auto space_at = [&](size_t q) {
    return q < pe && (t_[q] == ' ' || t_[q] == '\t');
  };
  unsigned char c = static_cast<unsigned char>(t_[p]);
  if (c == '-' || c == '*' || c == '+') return space_at(p + 1);
  if (c >= '0' && c <= '9') {
    size_t q = p;
    while (q < pe && q - p < 4 && t_[q] >= '0' && t_[q] <= '9') ++q;
    if (q - p > 3 || q >= pe) return false;
    return (t_[q] == '.' || t_[q] == ')') && space_at(q + 1);
  }
  if (c == '(') {
    size_t q = p + 1;
    while (q < pe && q - p <= 4 && kAscii.cls[static_cast<unsigned char>(t_[q])] <= kDigit &&
           kAscii.cls[static_cast<unsigned char>(t_[q])] != kSpace)
      ++q;
    return q > p + 1 && q - p <= 4 && q < pe && t_[q] == ')' && space_at(q + 1);
  }
  if (kAscii.cls[c] == kAlpha) return p + 1 < pe && t_[p + 1] == ')' && space_at(p + 2);
  if (c >= 0x80) {
    size_t len;
    char32_t cp = utf8::Decode(t_, p, &len);
    switch (cp) {
      case 0x2022: case 0x2023: case 0x25E6: case 0x25AA: case 0x25CF: case 0x25A0:
      case 0x25BA: case 0x27A2: case 0x00B7: case 0x2013: case 0x2014: case 0x2043:
        return space_at(p + len);
      default:
        return false;
    }
  }
  return false;
}

bool SentenceSplitter::StarterRule(size_t m) const {
  size_t len;
  char32_t cp = CpAt(t_, m, &len);
  // Look through opening quotes and brackets: U.S. “protection” does not
  // start a sentence, U.S. “The ... does.
  while (IsOpenerCp(cp) && m + len < t_.size()) {
    m += len;
    cp = CpAt(t_, m, &len);
  }
  if (IsOpenerCp(cp)) return true;
  if (IsDigitCp(cp)) return false;
  size_t e = m;
  while (e < t_.size() && e - m <= 32) {
    cp = CpAt(t_, e, &len);
    if (!IsAlphaCp(cp)) break;
    e += len;
  }
  return seg_.IsSentenceStarter(t_.substr(m, e - m));
}

bool SentenceSplitter::DayBeforeMonth(size_t m) const {
  size_t e = m, len;
  while (e < t_.size() && e - m <= 24 && IsAlphaCp(CpAt(t_, e, &len))) e += len;
  const int month = e > m ? seg_.MonthName(t_.substr(m, e - m)) : 0;
  if (month != 1) return month == 2;
  size_t k = e;
  while (k < t_.size() && t_[k] == ' ') ++k;
  if (k == e || k + 4 > t_.size()) return false;
  for (size_t d = k; d < k + 4; ++d)
    if (ClassOf(static_cast<unsigned char>(t_[d])) != kDigit) return false;
  return true;
}

bool SentenceSplitter::SplitAfterPeriod(size_t i, size_t m) const {
  // The word before the period: letters, digits and internal periods.
  size_t wb = i;
  bool has_digit = false, has_alpha = false, has_period = false;
  size_t letters = 0;
  while (wb > pb_ && i - wb <= 32) {
    size_t len;
    char32_t cp = CpBefore(t_, wb, &len);
    if (cp == '.') {
      has_period = true;
    } else if (IsDigitCp(cp)) {
      has_digit = true;
    } else if (IsAlphaCp(cp)) {
      has_alpha = true;
      ++letters;
    } else {
      break;
    }
    wb -= len;
  }
  if (wb == i || i - wb > 32) return true;
  std::string_view w = t_.substr(wb, i - wb);
  if (w.front() == '.') return true;  // "..", a run the tokenizer keeps apart
  size_t len;
  char32_t next = CpAt(t_, m, &len);
  bool next_digit = IsDigitCp(next);

  // "1. " at the start of a line is a list marker.
  if (wb == line_first_ && !has_alpha && !has_period && w.size() <= 3) return false;
  // "am 3. März 2022", "den 1. januar": a day written as an ordinal before
  // a month name. An English month name only with a year after it ("12.
  // May God help us" ends a sentence).
  if (!has_alpha && !has_period && w.size() <= 2 && DayBeforeMonth(m)) return false;

  if (const AbbrevKind* kind = seg_.FindAbbreviation(w)) {
    switch (*kind) {
      case AbbrevKind::kTitle:
        return false;
      case AbbrevKind::kMonth:
        return next_digit ? false : StarterRule(m);
      case AbbrevKind::kNumber:
        return !(next_digit || next == '#');
      case AbbrevKind::kInitialism:
      case AbbrevKind::kSuffix:
        return StarterRule(m);
      case AbbrevKind::kOther:  // etc. The -> split; approx. 300, et al. (2019) -> not
        return IsAlphaCp(next);
    }
  }
  if (has_period && !has_digit) return StarterRule(m);  // N.A.T.O.
  if (letters == 1 && !has_digit && !has_period) {
    size_t l;
    if (IsUpperCp(CpAt(t_, wb, &l))) return StarterRule(m);  // John F. Kennedy
  }
  return true;
}

bool SentenceSplitter::EndsWithTerminal(size_t lb, size_t le) const {
  // Last character of the line, closing quotes/brackets skipped.
  while (le > lb) {
    size_t len;
    char32_t cp = CpBefore(t_, le, &len);
    if (IsSpaceCp(cp) || IsCloserCp(cp)) {
      le -= len;
      continue;
    }
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ':';
  }
  return false;
}

bool SentenceSplitter::HeadingLike(size_t lb, size_t le, size_t next) const {
  size_t e = le;
  char32_t last = 0;
  while (e > lb) {
    size_t len;
    char32_t cp = CpBefore(t_, e, &len);
    if (IsSpaceCp(cp) || IsCloserCp(cp)) {
      e -= len;
      continue;
    }
    last = cp;
    break;
  }
  switch (last) {
    case 0: case '.': case '!': case '?': case 0x2026: case ',': case ';': case ':':
    case '-': case 0x2013: case 0x2014: case '/': case '(': case '&': case '+':
      return false;
    default:
      break;
  }
  size_t len;
  char32_t cp = CpAt(t_, next, &len);
  if (IsOpenerCp(cp) && next + len < t_.size()) cp = CpAt(t_, next + len, &len);
  if (!IsUpperCp(cp)) return false;
  if (!wrapped_) return true;
  // Hard-wrapped paragraph: a heading is clearly shorter than wrapped lines.
  return (e - lb) * 10 < max_line_ * 6;
}

void SentenceSplitter::ScanLines(size_t pb, size_t pe) {
  wrapped_ = false;
  max_line_ = 0;
  size_t lb = pb;
  while (true) {
    const void* nlp = std::memchr(t_.data() + lb, '\n', pe - lb);
    size_t nl = nlp ? static_cast<size_t>(static_cast<const char*>(nlp) - t_.data()) : pe;
    size_t b = lb, e = nl;
    Trim(t_, &b, &e);
    max_line_ = std::max(max_line_, e - b);
    if (nl >= pe) break;
    size_t next = SkipSpace(t_, nl + 1, pe);
    if (next < pe && b < e && !EndsWithTerminal(b, e) && StartsLower(next)) wrapped_ = true;
    lb = nl + 1;
  }
}

void SentenceSplitter::Paragraph(size_t pb, size_t pe) {
  pb_ = pb;
  line_first_ = pb;
  const bool multiline = std::memchr(t_.data() + pb, '\n', pe - pb) != nullptr;
  bool line_is_list = false;
  if (multiline) {
    ScanLines(pb, pe);
    line_is_list = IsListItem(pb, pe);
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(t_.data());
  size_t start = pb, i = pb;
  while (true) {
    i = FindAnyOf<'.', '!', '?', '\n', 0xE2>(p, i, pe);
    if (i >= pe) break;
    const unsigned char c = p[i];
    if (c == '\n') {
      size_t next = SkipSpace(t_, i + 1, pe);
      if (next < pe) {
        bool next_list = IsListItem(next, pe);
        bool boundary = next_list || (line_is_list && !StartsLower(next)) ||
                        HeadingLike(line_first_, i, next);
        if (boundary) {
          Emit(start, i);
          start = next;
        }
        line_first_ = next;
        line_is_list = next_list;
      }
      ++i;
      continue;
    }
    if (c == 0xE2 && !IsEllipsisAt(i, pe)) {
      ++i;
      continue;
    }
    // A run of terminal punctuation.
    size_t j = i;
    while (j < pe) {
      unsigned char d = p[j];
      if (d == '.' || d == '!' || d == '?') {
        ++j;
      } else if (IsEllipsisAt(j, pe)) {
        j += 3;
      } else {
        break;
      }
    }
    const bool single_period = (j == i + 1 && c == '.');
    // Closing quotes and brackets stay with the sentence.
    size_t k = j;
    while (k < pe) {
      size_t len;
      char32_t cp = CpAt(t_, k, &len);
      if (!IsCloserCp(cp)) break;
      k += len;
    }
    if (k >= pe) break;
    size_t len;
    if (!IsSpaceCp(CpAt(t_, k, &len))) {
      i = j;
      continue;
    }
    size_t m = SkipSpace(t_, k, pe);
    if (m >= pe) break;
    if (!StartsSentence(m) || (single_period && !SplitAfterPeriod(i, m))) {
      i = k;
      continue;
    }
    Emit(start, k);
    start = k;
    i = k;
  }
  Emit(start, pe);
}

void SentenceSplitter::Emit(size_t b, size_t e) {
  Trim(t_, &b, &e);
  if (b >= e) return;
  if (max_ > 0 && e - b > max_) {
    EmitLong(b, e);
    return;
  }
  out_->push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
}

// Cuts [b, e) into pieces of at most max_ bytes: after the last clause mark
// (; : – — or " - ") in the second half of the window, else at the last
// whitespace, else (one huge word) at a character boundary.
void SentenceSplitter::EmitLong(size_t b, size_t e) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(t_.data());
  auto is_sp = [&](size_t q) { return q >= e || kAscii.cls[p[q]] == kSpace; };
  while (e - b > max_) {
    const size_t limit = b + max_, half = b + max_ / 2;
    size_t clause = 0, space = 0;
    for (size_t q = limit; q > b + 1; --q) {
      // Character ending at q; cutting at q keeps it in this piece.
      unsigned char c = p[q - 1];
      if (clause == 0 && q > half) {
        if ((c == ';' || c == ':') && is_sp(q)) {
          clause = q;
        } else if (c == '-' && is_sp(q) && p[q - 2] == ' ') {
          clause = q;
        } else if (c == 0x93 || c == 0x94) {  // – — end in 0x93 / 0x94
          if (q >= b + 3 && p[q - 3] == 0xE2 && p[q - 2] == 0x80 && is_sp(q)) clause = q;
        }
        if (clause) break;
      }
      if (space == 0 && kAscii.cls[c] == kSpace) space = q - 1;
      if (space && q <= half) break;
    }
    size_t cut = clause ? clause : space;
    if (cut <= b) {
      cut = limit;
      while (cut > b && (p[cut] & 0xC0) == 0x80) --cut;
      if (cut == b) {
        cut = limit;
        while (cut < e && (p[cut] & 0xC0) == 0x80) ++cut;
      }
    }
    size_t pb = b, pe = cut;
    Trim(t_, &pb, &pe);
    if (pb < pe) out_->push_back(Span{static_cast<uint32_t>(pb), static_cast<uint32_t>(pe)});
    b = SkipSpace(t_, cut, e);
  }
  if (b < e) out_->push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
}

}  // namespace

std::vector<Span> Segmenter::Sentences(std::string_view text,
                                       const std::vector<Span>& paragraphs) const {
  std::vector<Span> out;
  out.reserve(text.size() / 100 + paragraphs.size());
  SentenceSplitter splitter(*this, text, options_.max_sentence_bytes, &out);
  for (const Span& para : paragraphs) splitter.Paragraph(para.begin, para.end);
  return out;
}

}  // namespace dossier
