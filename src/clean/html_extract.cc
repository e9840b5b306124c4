// Main-content extraction from HTML (see html_extract.h).
//
// Steps:
//  1. Validate UTF-8; PrepareForGumbo blanks tags nested deeper than
//     max_depth and svg/math elements, on which gumbo can abort
//     (html_depth_guard.h); then gumbo parses.
//  2. Analyze: one iterative walk over the tree that classifies every element
//     (dropped by tag, dropped by id/class/role/style, comments section,
//     candidate main container), sums text lengths bottom-up (all non-link
//     text and non-link text inside <p>), and collects metadata candidates.
//     An element dropped by a furniture tag (nav, aside, footer, header,
//     form) or by its id/class that holds more text than everything kept
//     ("content-sidebar-wrap", an ASP.NET <form> around the page) is rescued
//     and the walk repeated.
//  3. Choose the main container: the best semantic candidate (<article>,
//     articleBody / "entry-content"-like class, <main>) when it holds >= 30%
//     of the text; else the deepest container (div, section, td, ...)
//     holding >= 80% of it; else <body>. Text is measured as non-link text
//     inside <p> when paragraphs make up a third of the page, else as all
//     non-link text in runs of >= 25 bytes; link-dominated blocks inside the
//     container are dropped.
//  4. Emit: walk the container, block elements start paragraphs, text nodes
//     are aligned with their source (entities and CR map to their source
//     run) and fed to an Emitter that collapses whitespace and records the
//     offset map through TextBuilder.
//  5. Comments sections are emitted the same way, one Comment per item.
//  6. Metadata from meta tags, JSON-LD, h1, bylines, <time>.
#include "clean/html_extract.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clean/html_classify.h"
#include "clean/html_depth_guard.h"
#include "clean/html_text_elide.h"
#include "dossier/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier {
namespace {

using sv = std::string_view;
using html_internal::ClassifyIdClass;
using html_internal::IsBoilerplateRole;
using html_internal::kHintAuthor;
using html_internal::kHintBoilerplate;
using html_internal::kHintByline;
using html_internal::kHintCommentItem;
using html_internal::kHintCommentMeta;
using html_internal::kHintComments;
using html_internal::kHintMainBody;

// Extra levels the tree walks tolerate beyond max_depth (gumbo inserts
// implied elements the depth guard does not count) before treating deeper
// elements as plain inline text.
constexpr int kDepthSlack = 32;

// ---------------------------------------------------------------------------
// Small string helpers.

inline bool IsWsByte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
// The bytes that may start a space in text: ASCII whitespace and the lead
// byte of NBSP (U+00A0, "\xC2\xA0").
constexpr std::array<bool, 256> kMaySpace = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f'}) t[c] = true;
  t[0xC2] = true;
  return t;
}();
// The first index in [i, n) where a run of words joined by single spaces may
// end: a byte of kMaySpace, or a space followed by one (or by the end). All
// bytes before it are either not spaces or single spaces before a byte that
// cannot start one. Sixteen bytes a step with SSE2; the caller finishes the
// last few bytes and looks at the byte found.
inline size_t SkipSpacedWords(std::string_view s, size_t i) {
#if defined(__SSE2__)
  const size_t n = s.size();
  const __m128i sp = _mm_set1_epi8(' ');
  auto may_space = [](__m128i v) {
    return _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\f')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2))))));
  };
  while (i + 17 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + 1));
    const __m128i next = may_space(w);
    // A byte that may start a space, but a space before a byte that cannot.
    const __m128i stop = _mm_andnot_si128(
        _mm_andnot_si128(next, _mm_cmpeq_epi8(v, sp)), may_space(v));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
    i += 16;
  }
#endif
  return i;
}

inline char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline bool IsAlnum(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool EqualsIgnoreCase(sv a, sv b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  return true;
}

bool StartsWithIgnoreCase(sv s, sv p) {
  return s.size() >= p.size() && EqualsIgnoreCase(s.substr(0, p.size()), p);
}

// True if the whitespace-separated `list` contains `token` (ASCII case-
// insensitive), e.g. rel="author noopener", itemprop="author creator".
bool ListHas(sv list, sv token) {
  size_t i = 0;
  while (i < list.size()) {
    if (IsWsByte(static_cast<unsigned char>(list[i]))) { ++i; continue; }
    size_t j = i;
    while (j < list.size() && !IsWsByte(static_cast<unsigned char>(list[j]))) ++j;
    if (EqualsIgnoreCase(list.substr(i, j - i), token)) return true;
    i = j;
  }
  return false;
}

// Collapses runs of ASCII whitespace and NBSP to one space and trims.
std::string CollapseWs(sv s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = IsWsByte(c);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::optional<std::string> NonEmpty(sv s) {
  std::string v = CollapseWs(s);
  if (v.empty()) return std::nullopt;
  return v;
}

bool LooksLikeUrl(sv s) {
  return StartsWithIgnoreCase(s, "http://") || StartsWithIgnoreCase(s, "https://") ||
         StartsWithIgnoreCase(s, "www.") || StartsWithIgnoreCase(s, "//");
}

// ---------------------------------------------------------------------------
// Attributes of one element, read in a single pass over its attribute list.

struct Attrs {
  sv id, cls, role, itemprop, rel, name, property, content, href, datetime,
      lang, xml_lang, type, http_equiv;
  sv data_component;  // data-component / data-testid / data-module (read like a class)
  bool hidden = false;        // hidden attribute or display:none / visibility:hidden
  bool pubdate = false;       // <time pubdate>
  bool article_body = false;  // itemprop / name / property articleBody
};

bool StyleHides(sv style) {
  // "display:none", "display : none", "visibility:hidden" (case-insensitive).
  auto after = [&](size_t pos, sv key, sv val) {
    size_t k = pos + key.size();
    while (k < style.size() && IsWsByte(static_cast<unsigned char>(style[k]))) ++k;
    if (k >= style.size() || style[k] != ':') return false;
    ++k;
    while (k < style.size() && IsWsByte(static_cast<unsigned char>(style[k]))) ++k;
    return StartsWithIgnoreCase(style.substr(k), val);
  };
  for (size_t i = 0; i + 4 <= style.size(); ++i) {
    char c = LowerAscii(style[i]);
    if (c == 'd' && StartsWithIgnoreCase(style.substr(i), "display") &&
        after(i, "display", "none"))
      return true;
    if (c == 'v' && StartsWithIgnoreCase(style.substr(i), "visibility") &&
        after(i, "visibility", "hidden"))
      return true;
  }
  return false;
}

Attrs ReadAttrs(const GumboElement& e) {
  Attrs a;
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const auto* at = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    const char* n = at->name;
    if (n == nullptr || at->value == nullptr) continue;
    sv name(n);
    auto val = [&] { return sv(at->value); };
    switch (name.size()) {
      case 2:
        if (name == "id") a.id = val();
        break;
      case 3:
        if (name == "rel") a.rel = val();
        break;
      case 4:
        if (name == "role") a.role = val();
        else if (name == "name") a.name = val();
        else if (name == "href") a.href = val();
        else if (name == "lang") a.lang = val();
        else if (name == "type") a.type = val();
        break;
      case 5:
        if (name == "class") a.cls = val();
        else if (name == "style") a.hidden = a.hidden || StyleHides(val());
        break;
      case 6:
        if (name == "hidden") a.hidden = true;
        break;
      case 7:
        if (name == "content") a.content = val();
        else if (name == "pubdate") a.pubdate = true;
        break;
      case 8:
        if (name == "itemprop") a.itemprop = val();
        else if (name == "property") a.property = val();
        else if (name == "datetime") a.datetime = val();
        else if (name == "xml:lang") a.xml_lang = val();
        break;
      case 10:
        if (name == "http-equiv") a.http_equiv = val();
        break;
      case 11:
        if (name == "data-testid" || name == "data-module") a.data_component = val();
        break;
      case 14:
        if (name == "data-component") a.data_component = val();
        break;
      default:
        break;
    }
  }
  if (ListHas(a.itemprop, "articleBody") || EqualsIgnoreCase(a.name, "articleBody") ||
      EqualsIgnoreCase(a.property, "articleBody"))
    a.article_body = true;
  return a;
}

// ---------------------------------------------------------------------------
// Element classification.

enum class Disp : uint8_t {
  kInline,
  kBlock,     // starts and ends a paragraph
  kPre,       // a block keeping its whitespace
  kBreak,     // <br>
  kRule,      // <hr>: a paragraph boundary
  kHardDrop,  // never text, never walked (script, style, svg, form controls)
  kSoftDrop,  // page furniture by tag (nav, aside, footer, form): dropped
              // unless it turns out to hold the article (rescue)
  kHeader,    // <header>: kept inside <article>/<main>, else a soft drop
};

Disp TagDisp(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_TITLE: case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_MENU:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_MAP:
    case GUMBO_TAG_AREA: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_BASE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_PARAM: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_IMG: case GUMBO_TAG_IMAGE: case GUMBO_TAG_PROGRESS:
    case GUMBO_TAG_METER: case GUMBO_TAG_MENUITEM: case GUMBO_TAG_ISINDEX:
      return Disp::kHardDrop;
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
      return Disp::kSoftDrop;
    case GUMBO_TAG_HEADER:
      return Disp::kHeader;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HGROUP: case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_UL: case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_MULTICOL:
      return Disp::kBlock;
    case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
      return Disp::kPre;
    case GUMBO_TAG_BR:
      return Disp::kBreak;
    case GUMBO_TAG_HR:
      return Disp::kRule;
    default:
      return Disp::kInline;
  }
}

// Kinds of semantic main-content candidates, in order of preference.
enum CandKind : uint8_t { kCandNone = 0, kCandMain = 1, kCandBody = 2, kCandArticle = 3 };

struct ElemClass {
  Disp disp = Disp::kInline;
  uint8_t hints = 0;         // ClassHint bits (after protection)
  bool class_drop = false;   // boilerplate/hidden/byline by attributes
  CandKind cand = kCandNone;
  bool articleish = false;   // <article>, <main>, role=main/article
  bool protect = false;      // never dropped for its attributes or links
};

bool IsRoleMain(sv role) { return ListHas(role, "main"); }
bool IsRoleArticle(sv role) { return ListHas(role, "article"); }

// `deep`: beyond the walk depth limit, only tag drops and <br> matter.
ElemClass Classify(const GumboNode* n, const Attrs& a, bool deep) {
  ElemClass ec;
  const GumboElement& e = n->v.element;
  GumboTag tag = e.tag;
  ec.disp = (n->type == GUMBO_NODE_TEMPLATE) ? Disp::kHardDrop : TagDisp(tag);
  if (e.tag_namespace == GUMBO_NAMESPACE_SVG) ec.disp = Disp::kHardDrop;
  if (deep) {
    if (ec.disp != Disp::kHardDrop && ec.disp != Disp::kBreak) ec.disp = Disp::kInline;
    return ec;
  }
  if (ec.disp == Disp::kHardDrop) return ec;
  bool role_main = !a.role.empty() && IsRoleMain(a.role);
  bool role_article = !a.role.empty() && IsRoleArticle(a.role);
  ec.articleish = tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN || role_main ||
                  role_article;
  uint8_t hints = (a.id.empty() && a.cls.empty()) ? 0 : ClassifyIdClass(a.id, a.cls);
  if (!a.data_component.empty()) hints |= ClassifyIdClass({}, a.data_component);
  if (a.article_body) hints |= kHintMainBody;
  if (ListHas(a.itemprop, "author")) hints |= kHintByline | kHintAuthor;
  if (!a.role.empty() && IsBoilerplateRole(a.role)) hints |= kHintBoilerplate;
  if (a.hidden) hints |= kHintBoilerplate;
  bool protect = tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || ec.articleish ||
                 (hints & kHintMainBody);
  if (protect)
    hints &= static_cast<uint8_t>(~(kHintBoilerplate | kHintByline | kHintAuthor |
                                    kHintComments));
  ec.hints = hints;
  ec.protect = protect;
  // A byline block ("By Jane Doe | 16 August") is meta, not text; an inline
  // author link inside a sentence ("Reporting by <a>Jane</a>") stays.
  ec.class_drop = (hints & kHintBoilerplate) ||
                  ((hints & kHintByline) && ec.disp != Disp::kInline);
  if (tag == GUMBO_TAG_ARTICLE || role_article)
    ec.cand = kCandArticle;
  else if (hints & kHintMainBody)
    ec.cand = kCandBody;
  else if (tag == GUMBO_TAG_MAIN || role_main)
    ec.cand = kCandMain;
  return ec;
}

const GumboVector& Children(const GumboNode* n) {
  return n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
}

bool IsElement(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

bool IsDescendant(const GumboNode* n, const GumboNode* ancestor) {
  for (const GumboNode* p = n; p != nullptr; p = p->parent)
    if (p == ancestor) return true;
  return false;
}

// Source range [begin, end) of an element's start tag.
std::pair<size_t, size_t> StartTagRange(const GumboElement& e, size_t buf_size) {
  size_t b = std::min<size_t>(e.start_pos.offset, buf_size);
  size_t len = e.original_tag.length;
  return {b, std::min(buf_size, b + len)};
}

// ---------------------------------------------------------------------------
// Emitter: turns aligned text runs and block events into text + offset map.

class Emitter {
 public:
  Emitter(sv orig, bool patched, TextBuilder* out)
      : orig_(orig), patched_(patched), out_(out) {}

  // A run of decoded text. `copy`: `s` equals source bytes [b, b + size);
  // otherwise `s` replaces source [b, e) (an entity, a CR, unaligned text).
  void Run(sv s, size_t b, size_t e, bool copy) {
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
      size_t j = i;
      if (IsSpaceAt(s, i)) {
        while (j < n && IsSpaceAt(s, j)) j += SpaceLen(s, j);
        size_t sb = copy ? b + i : b, se = copy ? b + j : e;
        if (pre_ > 0)
          PreSpace(s.substr(i, j - i), sb, se, copy);
        else
          Space(sb, se, copy && j - i == 1 && s[i] == ' ');
      } else {
        // Words separated by single spaces stay one run (the common case).
        for (;;) {
          // (Outside <pre> with no blanked spaces to tell from the source
          // ones, the single spaces need no look at the source.)
          if (pre_ == 0 && !(copy && patched_)) j = SkipSpacedWords(s, j);
          while (j < n && !IsSpaceAt(s, j)) {
            // Bytes that cannot start a space are skipped by table lookup.
            ++j;
            while (j < n && !kMaySpace[static_cast<unsigned char>(s[j])]) ++j;
          }
          // (A space blanked by the depth guard is not a copy of the source.)
          if (pre_ == 0 && j + 1 < n && s[j] == ' ' && !IsSpaceAt(s, j + 1) &&
              (!copy || !patched_ || orig_[b + j] == ' ')) {
            ++j;
            continue;
          }
          break;
        }
        Content(s.substr(i, j - i), copy ? b + i : b, copy ? b + j : e, copy);
      }
      i = j;
    }
  }

  // <br> at source [b, e).
  void Break(size_t b, size_t e) {
    if (pre_ > 0) {
      PreSpace("\n", b, e, false);
      return;
    }
    if (!in_block_) return;
    space_ = false;
    if (brs_ == 0) br_b_ = b;
    br_e_ = e;
    ++brs_;
  }

  // The start or end of a block element.
  void Boundary() {
    in_block_ = false;
    Reset();
  }
  void EnterPre() { ++pre_; }
  void LeavePre() {
    if (pre_ > 0) --pre_;
  }

 private:
  bool IsSpaceAt(sv s, size_t i) const {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (IsWsByte(c)) return true;
    return pre_ == 0 && c == 0xC2 && i + 1 < s.size() &&
           static_cast<unsigned char>(s[i + 1]) == 0xA0;
  }
  static size_t SpaceLen(sv s, size_t i) {
    return static_cast<unsigned char>(s[i]) == 0xC2 ? 2 : 1;
  }

  void Reset() {
    space_ = false;
    brs_ = 0;
    pre_pieces_.clear();
    pre_ws_.clear();
  }

  void Space(size_t b, size_t e, bool single) {
    if (!in_block_ || brs_ > 0) return;
    if (!space_) {
      space_ = true;
      sp_b_ = b;
      sp_e_ = e;
      sp_single_ = single;
    } else {
      sp_e_ = std::max(sp_e_, e);
      sp_single_ = false;
    }
  }

  void PreSpace(sv s, size_t b, size_t e, bool copy) {
    if (!in_block_) return;
    if (copy && patched_ && orig_.substr(b, s.size()) != s) copy = false;
    pre_pieces_.push_back({static_cast<uint32_t>(pre_ws_.size()),
                           static_cast<uint32_t>(s.size()), b, e, copy});
    pre_ws_.append(s);
  }

  void Content(sv s, size_t b, size_t e, bool copy) {
    if (!in_block_) {
      if (!out_->empty()) out_->Insert("\n\n", last_end_);
      in_block_ = true;
    } else if (brs_ >= 2) {
      out_->Replace("\n\n", br_b_, br_e_);
    } else if (brs_ == 1) {
      out_->Replace("\n", br_b_, br_e_);
    } else if (!pre_pieces_.empty()) {
      for (const PrePiece& p : pre_pieces_) {
        sv ws(pre_ws_.data() + p.off, p.len);
        if (p.copy)
          out_->Copy(ws, p.b);
        else
          out_->Replace(ws, p.b, p.e);
      }
    } else if (space_) {
      if (sp_single_ && (!patched_ || orig_[sp_b_] == ' '))
        out_->Copy(" ", sp_b_);
      else
        out_->Replace(" ", sp_b_, sp_e_);
    }
    Reset();
    if (copy)
      out_->Copy(s, b);
    else
      out_->Replace(s, b, e);
    last_end_ = e;
  }

  struct PrePiece {
    uint32_t off, len;
    size_t b, e;
    bool copy;
  };

  sv orig_;
  bool patched_;
  TextBuilder* out_;
  int pre_ = 0;
  bool in_block_ = false;
  size_t last_end_ = 0;
  bool space_ = false, sp_single_ = false;
  size_t sp_b_ = 0, sp_e_ = 0;
  int brs_ = 0;
  size_t br_b_ = 0, br_e_ = 0;
  std::string pre_ws_;
  std::vector<PrePiece> pre_pieces_;
};

// ---------------------------------------------------------------------------
// Aligning a text node's decoded text with its source.

// If src[j] starts a tag ("<x ...>", "</x>", "<!DOCTYPE ...>"), returns the
// offset after it; else npos. gumbo ignores some tags (a stray end tag, a
// second <body>) and keeps the text around them in one node whose
// original_text spans the ignored markup.
size_t SkipTag(sv src, size_t j) {
  const size_t m = src.size();
  if (j + 1 >= m || src[j] != '<') return sv::npos;
  char c = src[j + 1];
  bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (!letter && c != '/' && c != '!') return sv::npos;
  size_t k = j + 2;
  while (k < m) {
    char ch = src[k];
    if (ch == '>') return k + 1;
    if (ch == '=') {
      ++k;
      while (k < m && IsWsByte(static_cast<unsigned char>(src[k]))) ++k;
      if (k < m && (src[k] == '"' || src[k] == '\'')) {
        size_t q = src.find(src[k], k + 1);
        if (q == sv::npos) return sv::npos;
        k = q + 1;
      }
      continue;
    }
    ++k;
  }
  return sv::npos;
}

// True if text[ti..] continues like src[sj..] (up to the next byte gumbo may
// have transformed; ignored tags in the source are skipped).
bool Consistent(sv text, size_t ti, sv src, size_t sj) {
  if (ti > text.size() || sj > src.size()) return false;
  int compared = 0, tags = 0;
  while (compared < 16) {
    if (sj == src.size()) return ti == text.size();
    char c = src[sj];
    if (c == '&' || c == '\r' || c == '\0') return true;
    if (ti < text.size() && text[ti] == c) {
      ++ti;
      ++sj;
      ++compared;
      continue;
    }
    if (c == '<' && tags < 8) {
      size_t after = SkipTag(src, sj);
      if (after != sv::npos) {
        sj = after;
        ++tags;
        continue;
      }
    }
    return false;
  }
  return true;
}

// src[j] == '&'. If gumbo decoded a character reference there, sets its
// source length *L and decoded length *D and returns true; false means the
// '&' is literal.
bool CharRef(sv text, size_t i, sv src, size_t j, size_t* L, size_t* D) {
  const size_t m = src.size();
  size_t k = j + 1;
  if (k < m && src[k] == '#') {
    size_t d = k + 1;
    bool hex = false;
    if (d < m && (src[d] == 'x' || src[d] == 'X')) {
      hex = true;
      ++d;
    }
    size_t ds = d;
    while (d < m && (hex ? IsHexDigit(src[d]) : IsDigit(src[d]))) ++d;
    if (d == ds) return false;
    if (d < m && src[d] == ';') ++d;
    *L = d - j;
    *D = std::min(utf8::SeqLen(static_cast<unsigned char>(text[i])), text.size() - i);
    // A literal "&#..." (text where gumbo did not decode) reads on as is.
    if (text[i] == '&' && !Consistent(text, i + *D, src, d) && Consistent(text, i + 1, src, j + 1))
      return false;
    return true;
  }
  size_t e = k;
  while (e < m && IsAlnum(src[e])) ++e;
  size_t namelen = e - k;
  if (namelen < 2) return false;
  constexpr size_t kMaxName = 32;  // the longest entity name has 31 letters
  if (text[i] == '&') {  // only &amp; / &AMP; (with or without ';') give '&'
    sv name = src.substr(k, 3);
    if (namelen >= 3 && (name == "amp" || name == "AMP")) {
      *L = (namelen == 3 && e < m && src[e] == ';') ? 5 : 4;
      *D = 1;
      return Consistent(text, i + 1, src, j + *L) || !Consistent(text, i + 1, src, j + 1);
    }
    return false;
  }
  size_t cp1 = std::min(utf8::SeqLen(static_cast<unsigned char>(text[i])), text.size() - i);
  size_t cp2 = cp1;
  if (i + cp1 < text.size())
    cp2 = cp1 + std::min(utf8::SeqLen(static_cast<unsigned char>(text[i + cp1])),
                         text.size() - i - cp1);
  // The longest name first ("&notin;" before "&not"), one decoded code point
  // before two (a few entities decode to a pair).
  for (int round = 0; round < 2; ++round) {
    size_t d = round == 0 ? cp1 : cp2;
    if (round == 1 && cp2 == cp1) break;
    if (namelen <= kMaxName && e < m && src[e] == ';' && Consistent(text, i + d, src, e + 1)) {
      *L = namelen + 2;
      *D = d;
      return true;
    }
    for (size_t n = std::min(namelen, kMaxName); n >= 2; --n) {
      if (Consistent(text, i + d, src, k + n)) {
        *L = 1 + n;
        *D = d;
        return true;
      }
    }
  }
  return false;
}

// True if gumbo does not decode character references in text under `parent`
// (raw text elements; script and style are never emitted).
bool IsRawTextParent(const GumboNode* parent) {
  if (parent == nullptr || !IsElement(parent)) return false;
  switch (parent->v.element.tag) {
    case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
      return true;
    default:
      return false;
  }
}

// Feeds the text of `node` (TEXT, WHITESPACE or CDATA) to `em`, mapped to its
// position in `buf`.
void EmitText(const GumboNode* node, sv buf, Emitter* em) {
  const GumboText& t = node->v.text;
  if (t.text == nullptr) return;
  sv text(t.text);
  if (text.empty()) return;
  const char* od = t.original_text.data;
  size_t olen = t.original_text.length;
  if (od == nullptr || od < buf.data() || od + olen > buf.data() + buf.size()) {
    size_t p = std::min<size_t>(t.start_pos.offset, buf.size());
    em->Run(text, p, p, false);
    return;
  }
  size_t off = static_cast<size_t>(od - buf.data());
  sv src(od, olen);
  if (node->type == GUMBO_NODE_CDATA) {
    if (src.substr(0, 9) == "<![CDATA[") {
      src.remove_prefix(9);
      off += 9;
    }
    if (src.size() >= 3 && src.substr(src.size() - 3) == "]]>") src.remove_suffix(3);
  }
  if (text.size() == src.size() && std::memcmp(text.data(), src.data(), src.size()) == 0) {
    em->Run(text, off, off + src.size(), true);
    return;
  }
  const size_t n = text.size(), m = src.size();
  const bool raw = node->type == GUMBO_NODE_CDATA || IsRawTextParent(node->parent);
  size_t i = 0, j = 0, run_i = 0, run_j = 0;
  auto flush = [&] {
    if (i > run_i) em->Run(text.substr(run_i, i - run_i), off + run_j, off + j, true);
  };
  while (i < n && j < m) {
#if defined(__SSE2__)
    // Sixteen bytes a step while text and source agree and the source holds
    // none of the bytes looked at below.
    while (i + 16 <= n && j + 16 <= m) {
      const __m128i t16 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i s16 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src.data() + j));
      const __m128i special =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(s16, _mm_set1_epi8('&')),
                                    _mm_cmpeq_epi8(s16, _mm_set1_epi8('\r'))),
                       _mm_cmpeq_epi8(s16, _mm_setzero_si128()));
      const unsigned same = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_andnot_si128(special, _mm_cmpeq_epi8(t16, s16))));
      if (same != 0xFFFF) {
        const size_t k = static_cast<size_t>(__builtin_ctz(~same));
        i += k;
        j += k;
        break;
      }
      i += 16;
      j += 16;
    }
    if (i >= n || j >= m) break;
#endif
    char sc = src[j];
    size_t L = 0, D = 0;
    if (sc != '&' && sc != '\r' && sc != '\0') {
      if (text[i] == sc) {
        ++i;
        ++j;
        continue;
      }
      if (sc == '<') {
        size_t after = SkipTag(src, j);
        if (after != sv::npos) {  // markup gumbo ignored: maps to nothing
          flush();
          j = after;
          run_i = i;
          run_j = j;
          continue;
        }
      }
      // gumbo replaces control characters and noncharacters with U+FFFD;
      // the bytes before the mismatch may be the start of that character.
      while (i > run_i && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
        --i;
        --j;
      }
      if (text.compare(i, 3, "\xEF\xBF\xBD") != 0) break;
      L = std::min(utf8::SeqLen(static_cast<unsigned char>(src[j])), m - j);
      D = 3;
    } else if (sc == '\r') {
      if (text[i] != '\n') break;
      L = (j + 1 < m && src[j + 1] == '\n') ? 2 : 1;
      D = 1;
    } else if (sc == '\0') {
      L = 1;
      D = text.substr(i, 3) == "\xEF\xBF\xBD" ? 3 : 0;
    } else if (raw || !CharRef(text, i, src, j, &L, &D)) {
      if (text[i] != '&') break;
      ++i;
      ++j;
      continue;
    }
    flush();
    if (D > 0) em->Run(text.substr(i, D), off + j, off + j + L, false);
    i += D;
    j += L;
    run_i = i;
    run_j = j;
  }
  flush();
  if (i < n) em->Run(text.substr(i), off + j, off + m, false);
}

// Marks element boundaries in GatherText(..., /*mark=*/true) output.
constexpr char kMark = '\x1F';

// Decoded text of a subtree for metadata (whitespace collapsed, capped).
// With `mark`, every element boundary is marked with kMark (SplitAuthors
// uses them to tell "By <b>Ann</b>" from "<b>By Ann</b><b>Correspondent</b>").
std::string GatherText(const GumboNode* root, size_t cap = 600, bool mark = false) {
  std::string out;
  std::vector<std::pair<const GumboNode*, unsigned>> stack;
  stack.push_back({root, 0});
  while (!stack.empty() && out.size() < cap) {
    auto& [node, next] = stack.back();
    const GumboVector& kids = Children(node);
    if (next >= kids.length) {
      stack.pop_back();
      continue;
    }
    const auto* c = static_cast<const GumboNode*>(kids.data[next++]);
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
        c->type == GUMBO_NODE_CDATA) {
      if (c->v.text.text) out.append(c->v.text.text);
    } else if (c->type == GUMBO_NODE_ELEMENT) {
      Disp d = TagDisp(c->v.element.tag);
      if (d == Disp::kHardDrop && c->v.element.tag != GUMBO_TAG_TITLE) continue;
      if (mark) out.push_back(kMark);
      else if (d != Disp::kInline) out.push_back(' ');
      if (stack.size() < 64) stack.push_back({c, 0});
    }
  }
  return CollapseWs(out);
}

// ---------------------------------------------------------------------------
// Metadata helpers.

// Removes a trailing " | Site" / " - Site" from a page title.
std::string StripSiteSuffix(std::string title, const std::optional<std::string>& outlet,
                            bool only_outlet) {
  static constexpr sv kSeps[] = {" | ", " - ", " \u2013 ", " \u2014 ", " :: ",
                                 " \u00b7 ", " \u00bb ", " // "};
  for (int round = 0; round < 3; ++round) {
    size_t best = sv::npos, best_len = 0;
    bool bar = false;
    for (sv s : kSeps) {
      size_t p = title.rfind(s);
      if (p != sv::npos && (best == sv::npos || p > best) && p > 0) {
        best = p;
        best_len = s.size();
        bar = s != " - " && s != " \u2013 " && s != " \u2014 ";
      }
    }
    if (best == sv::npos) break;
    sv head = sv(title).substr(0, best), tail = sv(title).substr(best + best_len);
    // "Site | Title": the outlet first.
    if (outlet && EqualsIgnoreCase(CollapseWs(head), *outlet)) return CollapseWs(tail);
    bool is_outlet = outlet && EqualsIgnoreCase(CollapseWs(tail), *outlet);
    size_t words = 1;
    bool name_like = !tail.empty();  // "Al Jazeera", "BBC News", "example.com"
    for (size_t i = 0; i < tail.size(); ++i) {
      if (tail[i] != ' ') continue;
      ++words;
      if (i + 1 < tail.size() && tail[i + 1] >= 'a' && tail[i + 1] <= 'z') name_like = false;
    }
    if (!tail.empty() && tail[0] >= 'a' && tail[0] <= 'z' && tail.find('.') == sv::npos)
      name_like = false;
    bool drop = is_outlet;
    if (!only_outlet && !drop)
      drop = (bar && words <= 6) ||
             (!bar && words <= 4 && name_like && tail.size() < head.size());
    if (!drop) break;
    title = CollapseWs(head);
    if (!bar) break;
  }
  return title;
}

// Joins the element segments of a marked byline while they belong together:
// "By |Ann Lee" and "Ann Lee| and |Bo Chen" join, "By Ann Lee|Correspondent"
// stops after the name.
std::string JoinBylineSegments(sv raw) {
  std::string out;
  bool has_name = false;  // `out` holds more than "By"
  size_t i = 0;
  while (i <= raw.size()) {
    size_t e = raw.find(kMark, i);
    if (e == sv::npos) e = raw.size();
    std::string seg = CollapseWs(raw.substr(i, e - i));
    i = e + 1;
    if (seg.empty()) {
      if (e >= raw.size()) break;
      continue;
    }
    auto lower = [](std::string x) {
      for (char& c : x) c = LowerAscii(c);
      return x;
    };
    std::string ls = lower(seg), lo = lower(out);
    auto ends_joiner = [&](const std::string& x) {
      for (sv j : {sv(" and"), sv(","), sv(" &"), sv(" by"), sv(":"), sv(";")})
        if (x.size() >= j.size() && sv(x).substr(x.size() - j.size()) == j) return true;
      return x == "and" || x == "&" || x == "by";
    };
    bool seg_is_joiner = ls == "and" || ls == "&" || ls == "," || ls == "by" ||
                         ls.rfind("and ", 0) == 0 || ls.rfind(", ", 0) == 0 ||
                         ls.rfind("& ", 0) == 0;
    if (!out.empty() && has_name && !seg_is_joiner && !ends_joiner(lo)) break;
    if (!out.empty() && seg[0] != ',') out.push_back(' ');
    out += seg;
    if (!seg_is_joiner && ls != "by" && ls != "by:") has_name = true;
    if (e >= raw.size()) break;
  }
  return out;
}

// "By Jane Doe and John Roe | 16 August 2018" -> {"Jane Doe", "John Roe"}.
std::vector<std::string> SplitAuthors(sv raw) {
  std::string s = raw.find(kMark) != sv::npos ? JoinBylineSegments(raw) : CollapseWs(raw);
  static constexpr sv kCuts[] = {" | ", " \u2022 ", "\u2022", " \u00b7 ", " \u2014 ",
                                 " \u2013 ", " - ", " Published", " Updated",
                                 " Posted", " on ", "\n"};
  for (sv c : kCuts) {
    size_t p = s.find(c);
    if (p != std::string::npos) s.resize(p);
  }
  static constexpr sv kLead[] = {"written by", "reported by", "reporting by", "posted by",
                                 "words by", "story by", "by"};
  for (sv l : kLead) {
    if (StartsWithIgnoreCase(s, l) &&
        (s.size() == l.size() || s[l.size()] == ' ' || s[l.size()] == ':')) {
      s.erase(0, l.size());
      while (!s.empty() && (s[0] == ' ' || s[0] == ':')) s.erase(0, 1);
      break;
    }
  }
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t next = s.size(), skip = 0;
    for (sv sep : {sv(", "), sv(" and "), sv(" & "), sv("; "), sv(" And ")}) {
      size_t p = s.find(sep, i);
      if (p != std::string::npos && p < next) {
        next = p;
        skip = sep.size();
      }
    }
    std::string part = CollapseWs(sv(s).substr(i, next - i));
    while (!part.empty() && (part.back() == ',' || part.back() == '.' ||
                             part.back() == ';' || part.back() == ':'))
      part.pop_back();
    size_t words = 1, digits = 0;
    for (char c : part) {
      words += c == ' ';
      digits += IsDigit(c);
    }
    if (part.size() >= 2 && part.size() <= 80 && words <= 6 && digits == 0 &&
        part.find('@') == std::string::npos && !LooksLikeUrl(part))
      out.push_back(part);
    if (next >= s.size()) break;
    i = next + skip;
  }
  return out;
}

void AddAuthors(std::vector<std::string>* dst, const std::vector<std::string>& src) {
  for (const auto& a : src) {
    bool dup = false;
    for (const auto& d : *dst) dup = dup || EqualsIgnoreCase(d, a);
    if (!dup) dst->push_back(a);
  }
}

std::optional<std::string> LanguageTag(sv lang) {
  std::string l = CollapseWs(lang);
  size_t e = 0;
  while (e < l.size() && l[e] != '-' && l[e] != '_') ++e;
  if (e < 2 || e > 3) return std::nullopt;
  for (size_t i = 0; i < e; ++i) {
    char c = LowerAscii(l[i]);
    if (c < 'a' || c > 'z') return std::nullopt;
    l[i] = c;
  }
  return l.substr(0, e);
}

// What JSON-LD says about the article.
struct LdMeta {
  std::optional<std::string> headline, published, publisher;
  std::vector<std::string> authors;
};

// Rough nesting depth of a JSON text (strings skipped); guards the parser.
int JsonDepth(sv s) {
  int depth = 0, max_depth = 0;
  bool in_str = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_str) {
      if (c == '\\') ++i;
      else if (c == '"') in_str = false;
      continue;
    }
    if (c == '"') in_str = true;
    else if (c == '{' || c == '[') max_depth = std::max(max_depth, ++depth);
    else if (c == '}' || c == ']') --depth;
  }
  return max_depth;
}

void ReadLdObject(const nlohmann::json& o, LdMeta* out, int depth) {
  if (depth > 4) return;
  if (o.is_array()) {
    for (const auto& x : o) ReadLdObject(x, out, depth + 1);
    return;
  }
  if (!o.is_object()) return;
  if (auto g = o.find("@graph"); g != o.end()) ReadLdObject(*g, out, depth + 1);
  auto type = o.find("@type");
  bool article = false;
  auto is_article = [](const nlohmann::json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return s.find("Article") != std::string::npos || s == "BlogPosting" ||
           s == "Report" || s == "LiveBlogPosting";
  };
  if (type != o.end()) {
    if (type->is_array()) {
      for (const auto& t : *type) article = article || is_article(t);
    } else {
      article = is_article(*type);
    }
  }
  if (!article) return;
  auto str = [&](const char* key) -> std::optional<std::string> {
    auto it = o.find(key);
    if (it != o.end() && it->is_string()) return NonEmpty(it->get_ref<const std::string&>());
    return std::nullopt;
  };
  if (!out->headline) out->headline = str("headline");
  if (!out->published) out->published = str("datePublished");
  if (auto p = o.find("publisher"); p != o.end() && !out->publisher) {
    if (p->is_object()) {
      auto nm = p->find("name");
      if (nm != p->end() && nm->is_string()) out->publisher = NonEmpty(nm->get_ref<const std::string&>());
    } else if (p->is_string()) {
      out->publisher = NonEmpty(p->get_ref<const std::string&>());
    }
  }
  if (auto a = o.find("author"); a != o.end() && out->authors.empty()) {
    auto one = [&](const nlohmann::json& x) {
      if (x.is_string()) {
        AddAuthors(&out->authors, SplitAuthors(x.get_ref<const std::string&>()));
      } else if (x.is_object()) {
        auto t = x.find("@type");
        if (t != x.end() && t->is_string() &&
            t->get_ref<const std::string&>().find("Organization") != std::string::npos)
          return;  // the outlet, not a person
        auto nm = x.find("name");
        if (nm != x.end() && nm->is_string())
          AddAuthors(&out->authors, SplitAuthors(nm->get_ref<const std::string&>()));
      }
    };
    if (a->is_array()) {
      for (const auto& x : *a) one(x);
    } else {
      one(*a);
    }
  }
}

// ---------------------------------------------------------------------------
// The extractor.

struct Stats {
  uint32_t p = 0;     // non-link text inside <p> elements of >= kMinRun bytes
  uint32_t all = 0;   // all non-link text
  uint32_t runs = 0;  // non-link text in text nodes of >= kMinRun bytes
  uint32_t link = 0;  // link text
  void Add(const Stats& o) {
    p += o.p;
    all += o.all;
    runs += o.runs;
    link += o.link;
  }
};

// Source bytes of a text node that are not whitespace (blanked markup from
// the depth guard is whitespace too).
// Counts bytes above 0x20 (control characters count as whitespace), eight at
// a time: per byte, (127 + 33) - (b & 127) has its high bit set iff
// (b & 127) < 33, without borrows between bytes. The high bits are summed by
// a multiply (the top byte collects them), not by __builtin_popcountll, a
// libgcc call without -mpopcnt.
uint32_t VisibleBytes(const GumboStringPiece& s) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  size_t i = 0, low = 0;
  for (; i + 8 <= s.length; i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data + i, 8);
    uint64_t m = (kOnes * (127 + 33) - (x & ~kHigh)) & ~x & kHigh;
    low += static_cast<size_t>(((m >> 7) * kOnes) >> 56);
  }
  for (; i < s.length; ++i) low += static_cast<unsigned char>(s.data[i]) < 33;
  return static_cast<uint32_t>(s.length - low);
}

// Text shorter than this ("Advertise with us", "Share", a menu label) does
// not count when measuring where the article is.
constexpr uint32_t kMinRun = 25;

// Elements dropped from the main text when links make up most of their text
// (related-links lists, "Read more: <a>...</a>" lines).
bool IsLinkListTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_P:
      return true;
    default:
      return false;
  }
}

struct BlockRec {
  const GumboNode* node;
  uint32_t depth;
  Stats stats;
};
struct CandRec {
  const GumboNode* node;
  CandKind kind;
  uint32_t order;
  Stats stats;
};
struct DropRec {
  const GumboNode* node;
  Stats stats;
};
struct MetaNode {
  const GumboNode* node;
  std::string value;  // an attribute value when it carries the datum
  bool soft = false;  // found in a dropped page header
};

// Frame flags.
enum : uint8_t {
  kFInA = 1 << 0,        // inside <a>
  kFInP = 1 << 1,        // inside <p>
  kFInArticle = 1 << 2,  // inside <article>/<main> (keeps <header>)
  kFDropped = 1 << 3,    // inside a dropped subtree (no stats, no candidates)
  kFNoMeta = 1 << 4,     // inside furniture: no metadata either
  kFSoft = 1 << 5,       // inside a dropped page <header>
  kFDropRoot = 1 << 6,   // this element is the root of a dropped subtree
  kFContainer = 1 << 7,  // this element may be the main container
};
// More frame flags (Frame::flags2).
enum : uint8_t {
  kF2LinkList = 1 << 0,  // dropped if links dominate its text
  kF2Para = 1 << 1,      // a <p>
};

// Elements that may hold a whole article (the density fallback's choices).
bool IsContainerTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_BODY: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_CENTER: case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV: case GUMBO_TAG_HTML: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TR:
      return true;
    default:
      return false;
  }
}

class Extractor {
 public:
  Extractor(sv orig, sv buf, bool patched, const HtmlOptions& opt)
      : orig_(orig), buf_(buf), patched_(patched), opt_(opt),
        walk_limit_(std::clamp(opt.max_depth, 1, 1 << 20) + kDepthSlack) {}

  void Run(const GumboNode* root, HtmlExtract* out);

 private:
  struct Frame {
    const GumboNode* node;
    unsigned next;
    uint8_t flags;
    uint8_t flags2;
    int32_t cand;
    Stats stats;
  };

  bool Rescued(const GumboNode* n) const {
    return std::find(rescued_.begin(), rescued_.end(), n) != rescued_.end();
  }
  // Whether an element with class `ec` is dropped from the text (in the
  // context `in_article`), not counting comment sections.
  bool Dropped(const GumboNode* n, const ElemClass& ec, bool in_article) const {
    if (ec.disp == Disp::kHardDrop) return true;
    bool soft = ec.disp == Disp::kSoftDrop || (ec.disp == Disp::kHeader && !in_article) ||
                ec.class_drop;
    return soft && !Rescued(n);
  }

  void Analyze(const GumboNode* root);
  void AnalyzeEnter(const GumboNode* c);
  void AnalyzeLeave();
  void OnMetaTag(const Attrs& a, bool in_body_furniture);
  const GumboNode* ChooseMain(const GumboNode* root);
  void EmitSubtree(const GumboNode* root, Emitter* em, bool comment_mode,
                   const GumboNode* item_root);
  void ExtractComments(const GumboNode* section, std::vector<Comment>* out);
  void ResolveMeta(const GumboNode* main, GivenMeta* meta);
  LdMeta ParseLd() const;
  bool InitialInArticle(const GumboNode* n) const;

  sv orig_, buf_;
  bool patched_;
  HtmlOptions opt_;
  int walk_limit_;
  bool too_deep_ = false;

  std::vector<const GumboNode*> rescued_;
  std::vector<Frame> stack_;
  Stats root_stats_;
  uint32_t order_ = 0;
  std::vector<BlockRec> blocks_;
  std::vector<CandRec> cands_;
  std::vector<DropRec> drops_;
  std::vector<const GumboNode*> comment_sections_;
  std::vector<const GumboNode*> link_lists_;  // sorted before emitting

  // Metadata candidates.
  std::optional<std::string> og_title_, tw_title_, og_site_, app_name_, canonical_,
      og_url_, lang_, content_lang_;
  std::vector<std::string> meta_authors_;
  std::vector<std::pair<int, std::string>> meta_published_;
  const GumboNode* title_node_ = nullptr;
  std::vector<const GumboNode*> ld_nodes_;
  std::vector<MetaNode> h1s_, times_, ip_authors_, ip_published_, rel_authors_,
      class_authors_;
  std::vector<std::string> pubdate_times_;
};

void Extractor::OnMetaTag(const Attrs& a, bool in_body_furniture) {
  std::optional<std::string> v = NonEmpty(a.content);
  if (!a.http_equiv.empty()) {
    if (EqualsIgnoreCase(a.http_equiv, "content-language") && v && !content_lang_)
      content_lang_ = v;
    return;
  }
  if (!v) return;
  sv key = !a.property.empty() ? a.property : !a.name.empty() ? a.name : a.itemprop;
  if (key.empty()) return;
  if (!a.itemprop.empty() && a.property.empty() && a.name.empty() && in_body_furniture)
    return;  // microdata of a teaser in a related-links box
  std::string k(CollapseWs(key));
  for (char& c : k) c = LowerAscii(c);
  auto set = [&](std::optional<std::string>& dst) {
    if (!dst) dst = v;
  };
  if (k == "og:title") set(og_title_);
  else if (k == "twitter:title") set(tw_title_);
  else if (k == "og:site_name") set(og_site_);
  else if (k == "application-name") set(app_name_);
  else if (k == "og:url") set(og_url_);
  else if (k == "author" || k == "article:author" || k == "byl" || k == "sailthru.author" ||
           k == "parsely-author" || k == "dc.creator" || k == "dcterms.creator" ||
           k == "citation_author") {
    if (!LooksLikeUrl(*v)) AddAuthors(&meta_authors_, SplitAuthors(*v));
  } else {
    int prio = -1;
    if (k == "article:published_time") prio = 0;
    else if (k == "datepublished" || k == "og:published_time" ||
             k == "article:published" || k == "published_time")
      prio = 1;
    else if (k == "pubdate" || k == "publishdate" || k == "publish-date" ||
             k == "publish_date" || k == "parsely-pub-date" || k == "dc.date.issued" ||
             k == "dcterms.issued" || k == "citation_publication_date" ||
             k == "article.published" || k == "originalpublicationdate")
      prio = 2;
    else if (k == "sailthru.date" || k == "dc.date" || k == "date" || k == "dcterms.date")
      prio = 3;
    if (prio >= 0) meta_published_.push_back({prio, *v});
  }
}

void Extractor::AnalyzeEnter(const GumboNode* c) {
  const Frame& parent = stack_.back();
  uint8_t flags = parent.flags & (kFInA | kFInP | kFInArticle | kFDropped | kFNoMeta | kFSoft);
  const GumboElement& e = c->v.element;
  Attrs a = ReadAttrs(e);
  bool deep = static_cast<int>(stack_.size()) > walk_limit_;
  if (deep) too_deep_ = true;
  GumboTag tag = e.tag;

  // Metadata that lives in (usually) void or raw elements.
  switch (tag) {
    case GUMBO_TAG_META:
      OnMetaTag(a, (flags & kFNoMeta) != 0);
      return;
    case GUMBO_TAG_LINK:
      if (ListHas(a.rel, "canonical") && !canonical_) canonical_ = NonEmpty(a.href);
      return;
    case GUMBO_TAG_TITLE:
      if (!title_node_ && e.tag_namespace == GUMBO_NAMESPACE_HTML) title_node_ = c;
      return;
    case GUMBO_TAG_SCRIPT:
      if (EqualsIgnoreCase(CollapseWs(a.type), "application/ld+json") &&
          ld_nodes_.size() < 8)
        ld_nodes_.push_back(c);
      return;
    case GUMBO_TAG_HTML:
      if (!lang_) lang_ = NonEmpty(!a.lang.empty() ? a.lang : a.xml_lang);
      break;
    case GUMBO_TAG_HEAD:
      // Walked for its meta/link/title children; never text.
      stack_.push_back({c, 0, static_cast<uint8_t>(flags | kFDropped | kFDropRoot), 0, -1, {}});
      return;
    default:
      break;
  }

  ElemClass ec = Classify(c, a, deep);
  if (ec.disp == Disp::kHardDrop) return;
  if (ec.articleish) flags |= kFInArticle;
  bool in_drop = (flags & kFDropped) != 0;

  if ((ec.hints & kHintComments) && !ec.class_drop) {
    if (!in_drop) comment_sections_.push_back(c);
    return;  // not main content, walked by ExtractComments
  }
  bool meta_ok = (flags & kFNoMeta) == 0;
  if (meta_ok && !deep) {
    if (tag == GUMBO_TAG_H1) h1s_.push_back({c, {}, (flags & kFSoft) != 0});
    if (tag == GUMBO_TAG_TIME && !a.datetime.empty()) {
      times_.push_back({c, CollapseWs(a.datetime), (flags & kFSoft) != 0});
      if (a.pubdate) pubdate_times_.push_back(CollapseWs(a.datetime));
    }
    if (ListHas(a.itemprop, "author"))
      ip_authors_.push_back({c, CollapseWs(a.content), false});
    if (ListHas(a.itemprop, "datePublished"))
      ip_published_.push_back(
          {c, CollapseWs(!a.content.empty() ? a.content : a.datetime), false});
    if (tag == GUMBO_TAG_A && ListHas(a.rel, "author")) rel_authors_.push_back({c, {}, false});
    if ((ec.hints & kHintByline) && (ec.hints & kHintAuthor))
      class_authors_.push_back({c, {}, false});
  }

  uint8_t own = 0;
  if (Dropped(c, ec, (flags & kFInArticle) != 0)) {
    own |= kFDropRoot;
    flags |= kFDropped;
    bool furniture = ec.disp == Disp::kSoftDrop ||
                     (ec.class_drop && !(ec.hints & kHintByline)) ||
                     (ec.hints & kHintBoilerplate);
    if (ec.disp == Disp::kHeader) flags |= kFSoft;
    else if (furniture) flags |= kFNoMeta;
  }
  if (tag == GUMBO_TAG_A) flags |= kFInA;
  if (tag == GUMBO_TAG_P) flags |= kFInP;
  if (IsContainerTag(tag)) own |= kFContainer;
  int32_t cand = -1;
  if (ec.cand != kCandNone && !(flags & kFDropped)) {
    cand = static_cast<int32_t>(cands_.size());
    cands_.push_back({c, ec.cand, order_++, {}});
  }
  uint8_t flags2 = 0;
  if (!ec.protect && ec.cand == kCandNone && IsLinkListTag(tag)) flags2 |= kF2LinkList;
  if (tag == GUMBO_TAG_P) flags2 |= kF2Para;
  stack_.push_back({c, 0, static_cast<uint8_t>(flags | own), flags2, cand, {}});
}

void Extractor::AnalyzeLeave() {
  Frame f = stack_.back();
  stack_.pop_back();
  if ((f.flags2 & kF2Para) && f.stats.p < kMinRun) f.stats.p = 0;
  if ((f.flags2 & kF2LinkList) && !(f.flags & kFDropped) && f.stats.link > 0) {
    uint64_t total = uint64_t{f.stats.all} + f.stats.link;
    bool para = (f.flags2 & kF2Para) != 0;
    if (para ? f.stats.link * 10 >= total * 8 : f.stats.link * 2 >= total)
      link_lists_.push_back(f.node);
  }
  bool dropped_here = (f.flags & kFDropRoot) != 0;
  bool in_drop = (f.flags & kFDropped) != 0;
  if (f.cand >= 0) cands_[f.cand].stats = f.stats;
  if (!in_drop && (f.flags & kFContainer) && f.stats.all > 0)
    blocks_.push_back({f.node, static_cast<uint32_t>(stack_.size()), f.stats});
  if (stack_.empty()) {
    root_stats_ = f.stats;
    return;
  }
  Frame& parent = stack_.back();
  if (dropped_here) {
    if (!(parent.flags & kFDropped) && f.stats.all > 0) drops_.push_back({f.node, f.stats});
    return;
  }
  parent.stats.Add(f.stats);
}

void Extractor::Analyze(const GumboNode* root) {
  stack_.clear();
  blocks_.clear();
  cands_.clear();
  drops_.clear();
  comment_sections_.clear();
  link_lists_.clear();
  h1s_.clear();
  times_.clear();
  ip_authors_.clear();
  ip_published_.clear();
  rel_authors_.clear();
  class_authors_.clear();
  pubdate_times_.clear();
  meta_authors_.clear();
  meta_published_.clear();
  ld_nodes_.clear();
  title_node_ = nullptr;
  og_title_ = tw_title_ = og_site_ = app_name_ = canonical_ = og_url_ = lang_ =
      content_lang_ = std::nullopt;
  order_ = 0;
  root_stats_ = {};

  // The root <html> element itself.
  Attrs ra = ReadAttrs(root->v.element);
  lang_ = NonEmpty(!ra.lang.empty() ? ra.lang : ra.xml_lang);
  stack_.push_back({root, 0, kFContainer, 0, -1, {}});
  while (!stack_.empty()) {
    Frame& f = stack_.back();
    const GumboVector& kids = Children(f.node);
    if (f.next >= kids.length) {
      AnalyzeLeave();
      continue;
    }
    const auto* c = static_cast<const GumboNode*>(kids.data[f.next++]);
    switch (c->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA: {
        uint32_t len = VisibleBytes(c->v.text.original_text);
        if (f.flags & kFInA) {
          f.stats.link += len;
        } else {
          f.stats.all += len;
          if (len >= kMinRun) f.stats.runs += len;
          if (f.flags & kFInP) f.stats.p += len;
        }
        break;
      }
      case GUMBO_NODE_ELEMENT:
        AnalyzeEnter(c);  // may push: `f` is invalid afterwards
        break;
      default:
        break;
    }
  }
}

const GumboNode* Extractor::ChooseMain(const GumboNode* root) {
  const GumboNode* body = root;
  const GumboVector& kids = root->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const auto* c = static_cast<const GumboNode*>(kids.data[i]);
    if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BODY) body = c;
  }
  bool mode_p = root_stats_.p > 0 &&
                (uint64_t{root_stats_.p} * 3 >= root_stats_.all || root_stats_.p >= 2000);
  auto M = [&](const Stats& s) { return mode_p ? s.p : s.runs; };
  uint32_t total = M(root_stats_);
  if (total == 0) return body;

  uint32_t best = 0;
  for (const CandRec& c : cands_) best = std::max(best, M(c.stats));
  if (best > 0 && uint64_t{best} * 10 >= uint64_t{total} * 3) {
    const CandRec* pick = nullptr;
    for (const CandRec& c : cands_) {
      if (uint64_t{M(c.stats)} * 10 < uint64_t{best} * 7) continue;
      if (pick == nullptr || c.kind > pick->kind ||
          (c.kind == pick->kind && c.order < pick->order))
        pick = &c;
    }
    if (pick != nullptr) return pick->node;
  }
  // A fragment (no <html> or <body> tag: a JSONL/CSV field holding markup)
  // is all content.
  if (body != root && (root->parse_flags & GUMBO_INSERTION_BY_PARSER) &&
      (body->parse_flags & GUMBO_INSERTION_BY_PARSER))
    return body;
  // The deepest container holding at least 80% of the text.
  const BlockRec* pick = nullptr;
  for (const BlockRec& b : blocks_) {
    if (uint64_t{M(b.stats)} * 10 < uint64_t{total} * 8) continue;
    if (pick == nullptr || b.depth > pick->depth) pick = &b;
  }
  if (pick != nullptr && pick->node != root) return pick->node;
  return body;
}

bool Extractor::InitialInArticle(const GumboNode* n) const {
  for (const GumboNode* p = n; p != nullptr && IsElement(p); p = p->parent) {
    const GumboElement& e = p->v.element;
    if (e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN) return true;
    Attrs a = ReadAttrs(e);
    if (!a.role.empty() && (IsRoleMain(a.role) || IsRoleArticle(a.role))) return true;
  }
  return false;
}

// Emits the text of `root`'s subtree. In comment mode, comment sections are
// walked like any container, comment meta lines are dropped and nested
// comment items (other than `item_root`) are skipped.
void Extractor::EmitSubtree(const GumboNode* root, Emitter* em, bool comment_mode,
                            const GumboNode* item_root) {
  struct EFrame {
    const GumboNode* node;
    unsigned next;
    bool block, pre, in_article;
  };
  std::vector<EFrame> stack;
  stack.reserve(32);
  stack.push_back({root, 0, false, false, InitialInArticle(root)});
  em->Boundary();
  while (!stack.empty()) {
    EFrame& f = stack.back();
    const GumboVector& kids = Children(f.node);
    if (f.next >= kids.length) {
      if (f.block) em->Boundary();
      if (f.pre) em->LeavePre();
      stack.pop_back();
      continue;
    }
    const auto* c = static_cast<const GumboNode*>(kids.data[f.next++]);
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
        c->type == GUMBO_NODE_CDATA) {
      EmitText(c, buf_, em);
      continue;
    }
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    bool in_article = f.in_article;
    bool deep = static_cast<int>(stack.size()) > walk_limit_;
    if (deep) too_deep_ = true;
    Attrs a = ReadAttrs(c->v.element);
    ElemClass ec = Classify(c, a, deep);
    if (Dropped(c, ec, in_article)) continue;
    if (comment_mode) {
      if (ec.hints & kHintCommentMeta) continue;
      if ((ec.hints & kHintCommentItem) && c != item_root) continue;
    } else if (ec.hints & kHintComments) {
      continue;
    } else if (!link_lists_.empty() &&
               std::binary_search(link_lists_.begin(), link_lists_.end(), c)) {
      continue;
    }
    switch (ec.disp) {
      case Disp::kBreak: {
        auto [b, e] = StartTagRange(c->v.element, buf_.size());
        em->Break(b, e);
        continue;
      }
      case Disp::kRule:
        em->Boundary();
        continue;
      default:
        break;
    }
    bool block = ec.disp == Disp::kBlock || ec.disp == Disp::kPre || ec.disp == Disp::kHeader;
    bool pre = ec.disp == Disp::kPre;
    if (block) em->Boundary();
    if (pre) em->EnterPre();
    stack.push_back({c, 0, block, pre, in_article || ec.articleish});
  }
  em->Boundary();
}

void Extractor::ExtractComments(const GumboNode* section, std::vector<Comment>* out) {
  // Comment items (li.comment, article.comment, ...) in document order;
  // without any, each <p> is a comment.
  std::vector<const GumboNode*> items, paras;
  std::vector<std::pair<const GumboNode*, unsigned>> stack;
  stack.push_back({section, 0});
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    const GumboVector& kids = Children(node);
    if (next >= kids.length) {
      stack.pop_back();
      continue;
    }
    const auto* c = static_cast<const GumboNode*>(kids.data[next++]);
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    bool deep = static_cast<int>(stack.size()) > walk_limit_;
    Attrs a = ReadAttrs(c->v.element);
    ElemClass ec = Classify(c, a, deep);
    if (Dropped(c, ec, true) || (ec.hints & kHintCommentMeta)) continue;
    GumboTag t = c->v.element.tag;
    if ((ec.hints & kHintCommentItem) &&
        (t == GUMBO_TAG_LI || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_DIV ||
         t == GUMBO_TAG_SECTION))
      items.push_back(c);
    else if (t == GUMBO_TAG_P)
      paras.push_back(c);
    stack.push_back({c, 0});
  }
  const std::vector<const GumboNode*>& units = items.empty() ? paras : items;
  for (const GumboNode* u : units) {
    TextBuilder tb;
    Emitter em(orig_, patched_, &tb);
    EmitSubtree(u, &em, /*comment_mode=*/true, u);
    if (tb.empty()) continue;
    Comment cm;
    // The source span covering every piece: gumbo may move text out of
    // source order (a table's foster-parented text comes before it), so the
    // first text byte can lie after the last one in the HTML.
    size_t lo = orig_.size(), hi = 0;
    for (const OffsetMap::Piece& p : tb.map().pieces()) {
      lo = std::min<size_t>(lo, p.in_begin);
      hi = std::max<size_t>(hi, p.in_end);
    }
    cm.raw.begin = static_cast<uint32_t>(std::min(lo, hi));
    cm.raw.end = static_cast<uint32_t>(hi);
    cm.text = tb.TakeText();
    out->push_back(std::move(cm));
  }
}

LdMeta Extractor::ParseLd() const {
  LdMeta ld;
  for (const GumboNode* s : ld_nodes_) {
    std::string json;
    const GumboVector& kids = s->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const auto* c = static_cast<const GumboNode*>(kids.data[i]);
      if ((c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) && c->v.text.text)
        json.append(c->v.text.text);
    }
    if (json.empty() || json.size() > (1u << 20) || JsonDepth(json) > 64) continue;
    try {
      nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
      if (!j.is_discarded()) ReadLdObject(j, &ld, 0);
    } catch (...) {
      // Malformed JSON-LD is ignored.
    }
  }
  return ld;
}

void Extractor::ResolveMeta(const GumboNode* main, GivenMeta* meta) {
  std::optional<LdMeta> ld;
  auto get_ld = [&]() -> const LdMeta& {
    if (!ld) ld = ParseLd();
    return *ld;
  };
  // Prefers candidates inside the main container, then any kept one, then
  // soft ones (dropped page header).
  auto first = [&](const std::vector<MetaNode>& v, auto&& value) -> std::optional<std::string> {
    for (int pass = 0; pass < 3; ++pass) {
      for (const MetaNode& m : v) {
        bool inside = IsDescendant(m.node, main);
        if (pass == 0 && (!inside || m.soft)) continue;
        if (pass == 1 && m.soft) continue;
        if (pass == 2 && !m.soft) continue;
        std::optional<std::string> r = value(m);
        if (r) return r;
      }
    }
    return std::nullopt;
  };
  auto text_of = [](const MetaNode& m) -> std::optional<std::string> {
    return NonEmpty(GatherText(m.node));
  };

  meta->outlet = og_site_ ? og_site_ : app_name_;
  if (!meta->outlet && !ld_nodes_.empty()) meta->outlet = get_ld().publisher;

  if (og_title_) meta->title = StripSiteSuffix(*og_title_, meta->outlet, true);
  else if (tw_title_) meta->title = StripSiteSuffix(*tw_title_, meta->outlet, true);
  if (!meta->title) {
    std::vector<MetaNode> hard;
    for (const MetaNode& m : h1s_)
      if (!m.soft) hard.push_back(m);
    meta->title = first(hard, text_of);
  }
  if (!meta->title && !ld_nodes_.empty()) meta->title = get_ld().headline;
  if (!meta->title && title_node_) {
    std::string t = GatherText(title_node_);
    if (!t.empty()) meta->title = StripSiteSuffix(t, meta->outlet, false);
  }
  if (!meta->title) meta->title = first(h1s_, text_of);
  if (meta->title && meta->title->empty()) meta->title.reset();

  // Authors: the first source that names anyone.
  std::vector<std::string> authors = meta_authors_;
  if (authors.empty() && !ld_nodes_.empty()) authors = get_ld().authors;
  auto from_nodes = [&](const std::vector<MetaNode>& v, bool use_value) {
    for (int pass = 0; pass < 2 && authors.empty(); ++pass) {
      for (const MetaNode& m : v) {
        if (pass == 0 && !IsDescendant(m.node, main)) continue;
        std::string s =
            use_value && !m.value.empty() ? m.value : GatherText(m.node, 600, /*mark=*/true);
        if (s.size() > 300) continue;  // an author bio, not a byline
        AddAuthors(&authors, SplitAuthors(s));
      }
    }
  };
  if (authors.empty()) from_nodes(ip_authors_, true);
  if (authors.empty()) from_nodes(rel_authors_, false);
  if (authors.empty()) from_nodes(class_authors_, false);
  meta->authors = std::move(authors);

  // Published: as given by the page (the caller normalises).
  if (!meta_published_.empty()) {
    auto it = std::min_element(meta_published_.begin(), meta_published_.end(),
                               [](const auto& a, const auto& b) { return a.first < b.first; });
    meta->published = it->second;
  }
  if (!meta->published) {
    meta->published = first(ip_published_, [](const MetaNode& m) -> std::optional<std::string> {
      if (!m.value.empty()) return m.value;
      return NonEmpty(GatherText(m.node));
    });
  }
  if (!meta->published && !ld_nodes_.empty()) meta->published = get_ld().published;
  for (const std::string& t : pubdate_times_) {
    if (meta->published) break;
    if (!t.empty()) meta->published = t;
  }
  if (!meta->published) {
    meta->published = first(times_, [](const MetaNode& m) -> std::optional<std::string> {
      if (m.value.empty()) return std::nullopt;
      return m.value;
    });
  }

  meta->url = canonical_ ? canonical_ : og_url_;
  if (lang_) meta->language = LanguageTag(*lang_);
  if (!meta->language && content_lang_) meta->language = LanguageTag(*content_lang_);
}

void Extractor::Run(const GumboNode* root, HtmlExtract* out) {
  Analyze(root);
  // Rescue elements dropped by tag or class that hold more text than
  // everything kept (a layout wrapper named "content-sidebar-wrap", a <form>
  // around the whole page).
  for (int round = 0; round < 3; ++round) {
    bool again = false;
    for (const DropRec& d : drops_) {
      if (d.stats.all > root_stats_.all && d.stats.all >= 200 && !Rescued(d.node)) {
        rescued_.push_back(d.node);
        again = true;
      }
    }
    if (!again) break;
    Analyze(root);
  }

  const GumboNode* main = ChooseMain(root);
  std::sort(link_lists_.begin(), link_lists_.end());
  TextBuilder tb;
  Emitter em(orig_, patched_, &tb);
  EmitSubtree(main, &em, /*comment_mode=*/false, nullptr);
  out->text = tb.TakeText();
  out->map = tb.TakeMap();

  for (const GumboNode* s : comment_sections_) ExtractComments(s, &out->comments);
  ResolveMeta(main, &out->meta);

  if (too_deep_) {
    out->diagnostics.push_back(
        {Diagnostic::Level::kWarning, "html_too_deep",
         "HTML elements nested deeper than " + std::to_string(opt_.max_depth) +
             " levels; deeper markup was ignored and its text kept"});
  }
  if (out->text.empty()) {
    out->diagnostics.push_back({Diagnostic::Level::kWarning, "html_no_text",
                                "no article text found in the HTML"});
  }
}

}  // namespace

Result<HtmlExtract> ExtractHtml(std::string_view html, const HtmlOptions& options) {
  size_t bad = utf8::FirstInvalid(html);
  if (bad != html.size())
    return InvalidInput("HTML is not valid UTF-8 (byte offset " + std::to_string(bad) + ")");
  if (html.size() >= std::numeric_limits<uint32_t>::max())
    return TooLarge("HTML larger than 4 GiB");

  HtmlExtract out;
  std::string patched;
  html_internal::GuardResult guard =
      html_internal::PrepareForGumbo(html, options.max_depth, &patched);
  sv buf = guard.changed ? sv(patched) : html;

  // gumbo parses `buf` with its long text runs shortened, then the tree is
  // made to read as if it had parsed `buf` (html_text_elide.h).
  html_internal::ElidedText elided;
  bool elide = html_internal::ElideTextRuns(buf, &elided);
  sv parse = elide ? sv(elided.buf) : buf;

  GumboOptions gopt = kGumboDefaultOptions;
  gopt.max_errors = 0;  // the parse errors are not used; don't record them
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> parsed(
      gumbo_parse_with_options(&gopt, parse.data(), parse.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!parsed || parsed->root == nullptr)
    return InternalError("gumbo returned no document");
  if (elide) html_internal::RestoreTextRuns(parsed->document, buf, elided);

  Extractor ex(html, buf, guard.changed, options);
  ex.Run(parsed->root, &out);
  if (guard.too_deep &&
      (out.diagnostics.empty() || out.diagnostics.front().code != "html_too_deep")) {
    out.diagnostics.insert(
        out.diagnostics.begin(),
        {Diagnostic::Level::kWarning, "html_too_deep",
         "HTML elements nested deeper than " + std::to_string(options.max_depth) +
             " levels; deeper markup was ignored and its text kept"});
  }
  return out;
}

}  // namespace dossier
