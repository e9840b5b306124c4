#include "clean/html_text_elide.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier::html_internal {
namespace {

using sv = std::string_view;

constexpr sv kMarker = "\xEE\x80\x80";  // U+E000
constexpr size_t kDigits = 6;
constexpr size_t kMaxRuns = 1000000;  // what kDigits can number
// Shorter runs are not worth a placeholder (kMarker + kDigits bytes).
constexpr size_t kMinRun = 24;

inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }
inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Bytes of the character at s[i] if it may be part of an elided run, else 0:
// printable ASCII but '&' and '<', tab, LF, and U+00A0..U+D7FF (no controls,
// noncharacters or the marker). `s` is valid UTF-8.
inline size_t RunCharLen(sv s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    if (c == '&' || c == '<' || c == 0x7F) return 0;
    return (c >= 0x20 || c == '\t' || c == '\n') ? 1 : 0;
  }
  if (i + 1 >= s.size()) return 0;
  unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
  if (c == 0xC2) return c1 >= 0xA0 ? 2 : 0;
  if (c >= 0xC3 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xED) return i + 2 < s.size() ? 3 : 0;  // ED: < U+D800
  return 0;
}

// The ASCII bytes RunCharLen takes as a character of one byte: the scan over
// a run's ASCII stretches (SkipRunAscii) needs no call per byte.
constexpr std::array<bool, 256> kRunAscii = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '&' && c != '<';
  t['\t'] = t['\n'] = true;
  return t;
}();

// The first index in [i, e) whose byte is not in kRunAscii, or e.
inline size_t SkipRunAscii(sv s, size_t i, size_t e) {
#if defined(__SSE2__)
  // Sixteen bytes a step: a control byte but tab and newline, a byte >= 0x7F
  // (below 0x20 as a signed char, or 0x7F), '&' or '<' ends the stretch.
  for (; i + 16 <= e; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i ws = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    __m128i bad = _mm_andnot_si128(ws, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('&')));
    bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(bad));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  while (i < e && kRunAscii[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

bool NameIs(sv name, sv want) {
  if (name.size() != want.size()) return false;
  for (size_t i = 0; i < name.size(); ++i)
    if (Lower(name[i]) != want[i]) return false;
  return true;
}

class Scanner {
 public:
  Scanner(sv html, ElidedText* out) : html_(html), out_(out) {}

  // False if the document must be left alone.
  bool Run();

 private:
  // Elides the long runs in text [b, e) (data state, no '<').
  void Text(size_t b, size_t e);
  // After the tag name ending at `k`: index of the tag's '>' or npos.
  size_t TagEnd(size_t k) const;
  // Offset of "</name" ending raw text that starts at `from`, or npos.
  size_t RawTextEnd(size_t from, sv name) const;

  sv html_;
  ElidedText* out_;
  size_t copied_ = 0;  // input bytes before this are in out_->buf
};

void Scanner::Text(size_t b, size_t e) {
  size_t i = b;
  while (i < e) {
    while (i < e && (IsSpace(html_[i]) || RunCharLen(html_, i) == 0)) {
      if (html_[i++] != '&') continue;
      // A character reference reads on into the next bytes: keep them.
      while (i < e && (IsAlnum(html_[i]) || html_[i] == '#')) ++i;
      if (i < e && html_[i] == ';') ++i;
    }
    size_t start = i;
    for (size_t len;;) {
      i = SkipRunAscii(html_, i, e);
      if (i >= e || (len = RunCharLen(html_, i)) == 0) break;
      i += len;
    }
    if (i - start < kMinRun || out_->runs.size() >= kMaxRuns) continue;
    std::string& buf = out_->buf;
    buf.append(html_.data() + copied_, start - copied_);
    size_t at = buf.size();
    char digits[kDigits];
    for (size_t k = kDigits, v = out_->runs.size(); k-- > 0; v /= 10)
      digits[k] = static_cast<char>('0' + v % 10);
    buf.append(kMarker).append(digits, kDigits);
    size_t removed = out_->runs.empty() ? 0 : out_->runs.back().removed;
    removed += (i - start) - (buf.size() - at);
    out_->runs.push_back({at, start, i - start, removed});
    copied_ = i;
  }
}

size_t Scanner::TagEnd(size_t k) const {
  const size_t n = html_.size();
  for (;;) {
    while (k < n && (IsSpace(html_[k]) || html_[k] == '/')) ++k;
    if (k >= n) return sv::npos;
    if (html_[k] == '>') return k;
    // An attribute name (its first character may be '=').
    ++k;
    while (k < n && !IsSpace(html_[k]) && html_[k] != '/' && html_[k] != '>' && html_[k] != '=')
      ++k;
    while (k < n && IsSpace(html_[k])) ++k;
    if (k >= n || html_[k] != '=') continue;
    ++k;
    while (k < n && IsSpace(html_[k])) ++k;
    if (k >= n) return sv::npos;
    char q = html_[k];
    if (q == '"' || q == '\'') {
      const void* p = std::memchr(html_.data() + k + 1, q, n - k - 1);
      if (p == nullptr) return sv::npos;
      k = static_cast<const char*>(p) - html_.data() + 1;
    } else {
      while (k < n && !IsSpace(html_[k]) && html_[k] != '>') ++k;
    }
  }
}

size_t Scanner::RawTextEnd(size_t from, sv name) const {
  const size_t n = html_.size();
  for (size_t k = from; k < n;) {
    const void* p = std::memchr(html_.data() + k, '<', n - k);
    if (p == nullptr) return sv::npos;
    size_t lt = static_cast<const char*>(p) - html_.data();
    size_t after = lt + 2 + name.size();
    if (after <= n && html_[lt + 1] == '/' && NameIs(html_.substr(lt + 2, name.size()), name) &&
        (after == n || IsSpace(html_[after]) || html_[after] == '/' || html_[after] == '>'))
      return lt;
    k = lt + 1;
  }
  return sv::npos;
}

bool Scanner::Run() {
  const size_t n = html_.size();
  const char* d = html_.data();
  if (html_.find(kMarker) != sv::npos) return false;
  size_t i = 0;
  while (i < n) {
    const void* p = std::memchr(d + i, '<', n - i);
    size_t lt = p ? static_cast<const char*>(p) - d : n;
    Text(i, lt);
    if (lt + 1 >= n) break;
    char c = html_[lt + 1];
    size_t end;  // the markup's last byte, or npos (runs to the end)
    if (IsAlpha(c)) {
      size_t k = lt + 1;
      while (k < n && !IsSpace(html_[k]) && html_[k] != '/' && html_[k] != '>') ++k;
      sv name = html_.substr(lt + 1, k - lt - 1);
      end = TagEnd(k);
      if (NameIs(name, "frameset") || NameIs(name, "plaintext") || NameIs(name, "svg") ||
          NameIs(name, "math") || NameIs(name, "template"))
        return false;
      static constexpr sv kRaw[] = {"script",  "style",    "xmp",   "iframe", "noembed",
                                    "noframes", "noscript", "title", "textarea"};
      for (sv raw : kRaw) {
        if (end == sv::npos || !NameIs(name, raw)) continue;
        size_t close = RawTextEnd(end + 1, raw);
        if (raw == "script" &&
            html_.substr(end + 1, close == sv::npos ? sv::npos : close - end - 1).find("<!--") !=
                sv::npos)
          return false;
        end = close == sv::npos ? sv::npos : close - 1;
        break;
      }
    } else if (c == '/' && lt + 2 < n && IsAlpha(html_[lt + 2])) {
      end = TagEnd(lt + 2);
    } else if (c == '!' && html_.substr(lt + 2, 2) == "--") {
      size_t k = lt + 4;
      if (html_.substr(k, 1) == ">") {
        end = k;
      } else if (html_.substr(k, 2) == "->") {
        end = k + 1;
      } else {
        end = sv::npos;
        for (size_t dash = html_.find("--", k); dash != sv::npos; dash = html_.find("--", dash + 1)) {
          if (html_.substr(dash + 2, 1) == ">") {
            end = dash + 2;
            break;
          }
          if (html_.substr(dash + 2, 2) == "!>") {
            end = dash + 3;
            break;
          }
        }
      }
    } else if (c == '!' || c == '?' || c == '/') {
      end = html_.find('>', lt + 2);  // doctype, bogus comment, "</>"
    } else {
      i = lt + 1;  // a '<' that is text
      continue;
    }
    if (end == sv::npos) break;
    i = end + 1;
  }
  if (out_->runs.empty()) return false;
  out_->buf.append(html_.data() + copied_, n - copied_);
  return true;
}

class Restorer {
 public:
  Restorer(sv html, const ElidedText& e) : html_(html), e_(e) {
    // Every tag, attribute and text node asks Map, most of them several
    // times: a table by block of `buf` says where among the runs to start,
    // and a step or two finds the run (a binary search over all the runs
    // was most of the restoring).
    first_run_.resize(e_.buf.size() / kBlock + 1);
    size_t u = 0;
    for (size_t b = 0; b < first_run_.size(); ++b) {
      while (u < e_.runs.size() && e_.runs[u].at < b * kBlock) ++u;
      first_run_[b] = u;
    }
  }

  void Node(GumboNode* node);

 private:
  static constexpr size_t kBlock = 64;

  // Input offset of `buf` offset `p`.
  size_t Map(size_t p) const {
    const auto& runs = e_.runs;
    // The runs that start at or before p: those before p's block, then the
    // ones in it up to p.
    size_t u = first_run_[std::min(p / kBlock, first_run_.size() - 1)];
    while (u < runs.size() && runs[u].at <= p) ++u;
    if (u == 0) return p;
    const ElidedText::Run& r = runs[u - 1];
    size_t placeholder = kMarker.size() + kDigits;
    if (p >= r.at + placeholder) return p + r.removed;
    return r.src + std::min(p - r.at, r.len);  // inside a placeholder
  }
  void Position(GumboSourcePosition* pos) const { pos->offset = Map(pos->offset); }
  void Piece(GumboStringPiece* piece) const {
    const char* b = e_.buf.data();
    if (piece->data == nullptr || piece->data < b || piece->data > b + e_.buf.size()) return;
    size_t pb = piece->data - b;
    size_t ib = Map(pb), ie = Map(pb + piece->length);
    piece->data = html_.data() + ib;
    piece->length = ie - ib;
  }
  void Text(GumboText* t) const;

  sv html_;
  const ElidedText& e_;
  std::vector<size_t> first_run_;  // by block of kBlock bytes: runs that start before it
};

void Restorer::Text(GumboText* t) const {
  Piece(&t->original_text);
  Position(&t->start_pos);
  if (t->text == nullptr || std::strstr(t->text, kMarker.data()) == nullptr) return;
  sv text(t->text);
  std::string out;
  out.reserve(t->original_text.length);
  size_t i = 0;
  for (size_t m = text.find(kMarker); m != sv::npos; m = text.find(kMarker, i)) {
    out.append(text, i, m - i);
    size_t index = 0;
    for (size_t k = 0; k < kDigits; ++k) index = index * 10 + (text[m + kMarker.size() + k] - '0');
    const ElidedText::Run& r = e_.runs[index];
    out.append(html_, r.src, r.len);
    i = m + kMarker.size() + kDigits;
  }
  out.append(text, i);
  char* s = static_cast<char*>(std::malloc(out.size() + 1));
  std::memcpy(s, out.c_str(), out.size() + 1);
  std::free(const_cast<char*>(t->text));
  t->text = s;
}

void Restorer::Node(GumboNode* root) {
  std::vector<GumboNode*> stack{root};
  while (!stack.empty()) {
    GumboNode* node = stack.back();
    stack.pop_back();
    const GumboVector* kids = nullptr;
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
        kids = &node->v.document.children;
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        GumboElement& e = node->v.element;
        Piece(&e.original_tag);
        Piece(&e.original_end_tag);
        Position(&e.start_pos);
        Position(&e.end_pos);
        for (unsigned i = 0; i < e.attributes.length; ++i) {
          auto* a = static_cast<GumboAttribute*>(e.attributes.data[i]);
          Piece(&a->original_name);
          Piece(&a->original_value);
          Position(&a->name_start);
          Position(&a->name_end);
          // A valueless attribute has its name as original_value and no
          // value positions (gumbo leaves them unset).
          if (a->original_value.data != a->original_name.data) {
            Position(&a->value_start);
            Position(&a->value_end);
          }
        }
        kids = &e.children;
        break;
      }
      default:
        Text(&node->v.text);
        break;
    }
    if (kids == nullptr) continue;
    for (unsigned i = 0; i < kids->length; ++i)
      stack.push_back(static_cast<GumboNode*>(kids->data[i]));
  }
}

}  // namespace

bool ElideTextRuns(std::string_view html, ElidedText* out) {
  out->buf.clear();
  out->runs.clear();
  Scanner s(html, out);
  if (s.Run()) return true;
  out->buf.clear();
  out->runs.clear();
  return false;
}

void RestoreTextRuns(GumboNode* document, std::string_view html, const ElidedText& elided) {
  Restorer(html, elided).Node(document);
}

}  // namespace dossier::html_internal
