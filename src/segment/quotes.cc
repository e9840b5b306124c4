// Quotations: a stack of open marks per paragraph, carried into the next
// paragraph when that one opens with the same mark (the multi-paragraph
// convention: each paragraph of a long quote opens it, only the last closes).
//
//   “ ”  „ (closed by “ or ”)  « »  ‹ ›   paired by kind, nesting allowed
//   "    straight: open and close alternate; with none open, a mark that
//        looks like a closer (after a non-space, before space/punct/end, as
//        in 12" guns) is ignored
//   ‘ ’  single curly, when used as quotes: ’ between letters, after a
//        letter when no ‘ is open (ISIS’ fighters), or before a digit (’90s)
//        is an apostrophe; "rebels’ positions" inside an open ‘…’ too when a
//        later ’ can close it
// An opening mark never closed ends at its paragraph end (balanced=false); a
// mark left open inside a quote that closes ends where that quote closes. A
// closing mark with no opener is ignored. Quote.content is trimmed.
#include <algorithm>
#include <cstring>

#include "segment/segmenter.h"

#include "core/byte_scan.h"
#include "segment/text_class.h"

namespace dossier {
namespace {
using namespace segment_internal;

enum class QKind : uint8_t { kCurly, kLow9, kStraight, kSingle, kGuillemet, kSingleGuillemet };

struct OpenMark {
  QKind kind;
  size_t begin, content;  // the mark's first byte, first byte after it
};

class QuoteFinder {
 public:
  QuoteFinder(std::string_view t, std::vector<Quote>* out) : t_(t), out_(out) {}

  // Scans one paragraph; `next_begin` is the first byte of the next paragraph
  // (or npos). Returns the offset of a continuation mark to skip there, or npos.
  size_t Paragraph(size_t pb, size_t pe, size_t skip, size_t next_begin);

 private:
  bool OpenCtx(size_t i, size_t pb) const;
  bool CloseCtx(size_t end, size_t pe) const;
  bool HasOpen(QKind a, QKind b) const {
    for (const auto& o : stack_)
      if (o.kind == a || o.kind == b) return true;
    return false;
  }
  // Closes the innermost open quote of kind a or b with the mark [i, e).
  void Close(QKind a, QKind b, size_t i, size_t e);
  void Push(const OpenMark& o, size_t end, bool balanced, size_t content_end);

  // Deeper nesting than this is noise (a run of openers): further openers
  // are ignored, which also keeps every mark O(1).
  static constexpr size_t kMaxDepth = 16;

  void Open(QKind kind, size_t i, size_t e) {
    if (stack_.size() < kMaxDepth) stack_.push_back({kind, i, e});
  }

  std::string_view t_;
  std::vector<Quote>* out_;
  std::vector<OpenMark> stack_;
};

bool QuoteFinder::OpenCtx(size_t i, size_t pb) const {
  if (i <= pb) return true;
  size_t len;
  char32_t cp = CpBefore(t_, i, &len);
  if (IsSpaceCp(cp) || IsOpenerCp(cp)) return true;
  switch (cp) {
    case '[': case '{': case '-': case '/': case 0x2013: case 0x2014:
      return true;
    default:
      return false;
  }
}

bool QuoteFinder::CloseCtx(size_t end, size_t pe) const {
  if (end >= pe) return true;
  size_t len;
  char32_t cp = CpAt(t_, end, &len);
  if (IsSpaceCp(cp) || IsCloserCp(cp)) return true;
  switch (cp) {
    case '.': case ',': case ';': case ':': case '!': case '?': case 0x2026: case '-':
    case 0x2013: case 0x2014:
      return true;
    default:
      return false;
  }
}

void QuoteFinder::Push(const OpenMark& o, size_t end, bool balanced, size_t content_end) {
  size_t cb = o.content, ce = content_end;
  Trim(t_, &cb, &ce);
  if (cb >= ce) return;  // nothing quoted
  Quote q;
  q.span = Span{static_cast<uint32_t>(o.begin), static_cast<uint32_t>(end)};
  q.content = Span{static_cast<uint32_t>(cb), static_cast<uint32_t>(ce)};
  q.balanced = balanced;
  out_->push_back(q);
}

void QuoteFinder::Close(QKind a, QKind b, size_t i, size_t e) {
  for (size_t k = stack_.size(); k-- > 0;) {
    if (stack_[k].kind != a && stack_[k].kind != b) continue;
    // Marks opened inside and never closed end where this quote closes.
    for (size_t j = stack_.size(); j-- > k + 1;) Push(stack_[j], i, false, i);
    Push(stack_[k], e, true, i);
    stack_.resize(k);
    return;
  }
}

size_t QuoteFinder::Paragraph(size_t pb, size_t pe, size_t skip, size_t next_begin) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(t_.data());
  size_t i = pb;
  while (i < pe) {
    i = FindAnyOf<'"', 0xE2, 0xC2>(p, i, pe);
    if (i >= pe) break;
    size_t len;
    char32_t cp = CpAt(t_, i, &len);
    size_t e = i + len;
    if (i == skip) {  // continuation mark of a multi-paragraph quote
      i = e;
      continue;
    }
    switch (cp) {
      case '"':
        if (HasOpen(QKind::kStraight, QKind::kStraight)) {
          Close(QKind::kStraight, QKind::kStraight, i, e);
        } else if (OpenCtx(i, pb) || !CloseCtx(e, pe)) {
          Open(QKind::kStraight, i, e);  // not a stray closer like 12" guns
        }
        break;
      case 0x201C:  // “
        if (!OpenCtx(i, pb) && CloseCtx(e, pe) && HasOpen(QKind::kCurly, QKind::kLow9)) {
          Close(QKind::kCurly, QKind::kLow9, i, e);
        } else {
          Open(QKind::kCurly, i, e);
        }
        break;
      case 0x201E:  // „
        Open(QKind::kLow9, i, e);
        break;
      case 0x201D:  // ”
        Close(QKind::kCurly, QKind::kLow9, i, e);
        break;
      case 0x2018: {  // ‘
        size_t l2;
        char32_t prev = i > pb ? CpBefore(t_, i, &l2) : 0;
        char32_t next = e < pe ? CpAt(t_, e, &l2) : 0;
        if (prev && IsWordCp(prev)) break;  // mis-curled apostrophe
        if (next && IsDigitCp(next)) break;  // ‘90s
        if (CloseCtx(e, pe)) {
          if (!OpenCtx(i, pb) && HasOpen(QKind::kSingle, QKind::kSingle))
            Close(QKind::kSingle, QKind::kSingle, i, e);
          break;
        }
        Open(QKind::kSingle, i, e);
        break;
      }
      case 0x2019: {  // ’
        size_t l2;
        char32_t prev = i > pb ? CpBefore(t_, i, &l2) : 0;
        char32_t next = e < pe ? CpAt(t_, e, &l2) : 0;
        bool prev_word = prev && IsWordCp(prev);
        if (prev_word && next && IsWordCp(next)) break;  // Syria’s
        if (OpenCtx(i, pb)) break;                      // ’90s, ’em
        if (!HasOpen(QKind::kSingle, QKind::kSingle)) break;  // ISIS’ fighters
        if ((prev == 's' || prev == 'S') && next == ' ' && e + 1 < pe) {
          // "the rebels’ positions" inside ‘…’: possessive if a later ’ exists.
          size_t l3;
          char32_t after = CpAt(t_, e + 1, &l3);
          if (IsLowerCp(after) || IsDigitCp(after)) {
            std::string_view rest = t_.substr(e, pe - e);
            if (rest.find("\xE2\x80\x99") != std::string_view::npos) break;
          }
        }
        Close(QKind::kSingle, QKind::kSingle, i, e);
        break;
      }
      case 0x00AB:  // «
        Open(QKind::kGuillemet, i, e);
        break;
      case 0x00BB:  // »
        Close(QKind::kGuillemet, QKind::kGuillemet, i, e);
        break;
      case 0x2039:  // ‹
        Open(QKind::kSingleGuillemet, i, e);
        break;
      case 0x203A:  // ›
        Close(QKind::kSingleGuillemet, QKind::kSingleGuillemet, i, e);
        break;
      default:
        break;
    }
    i = e;
  }
  if (stack_.empty()) return std::string_view::npos;

  // Does the next paragraph open with the same mark as the outermost quote?
  size_t cont = std::string_view::npos;
  if (next_begin != std::string_view::npos && next_begin < t_.size()) {
    size_t len;
    char32_t cp = CpAt(t_, next_begin, &len);
    bool same = false;
    switch (stack_.front().kind) {
      case QKind::kCurly: same = cp == 0x201C; break;
      case QKind::kLow9: same = cp == 0x201E; break;
      case QKind::kStraight: same = cp == '"'; break;
      case QKind::kSingle: same = cp == 0x2018; break;
      case QKind::kGuillemet: same = cp == 0x00AB || cp == 0x00BB; break;
      case QKind::kSingleGuillemet: same = cp == 0x2039; break;
    }
    if (same) cont = next_begin;
  }
  size_t keep = cont != std::string_view::npos ? 1 : 0;
  for (size_t j = stack_.size(); j-- > keep;) Push(stack_[j], pe, false, pe);
  stack_.resize(keep);
  return cont;
}

}  // namespace

std::vector<Quote> Segmenter::Quotes(std::string_view text,
                                     const std::vector<Span>& paragraphs) const {
  std::vector<Quote> out;
  QuoteFinder finder(text, &out);
  size_t skip = std::string_view::npos;
  for (size_t k = 0; k < paragraphs.size(); ++k) {
    size_t next = k + 1 < paragraphs.size() ? paragraphs[k + 1].begin : std::string_view::npos;
    skip = finder.Paragraph(paragraphs[k].begin, paragraphs[k].end, skip, next);
  }
  std::sort(out.begin(), out.end(), [](const Quote& a, const Quote& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
  });
  return out;
}

}  // namespace dossier
