#include "clean/html_depth_guard.h"

#include <gumbo.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace dossier::html_internal {
namespace {

constexpr int kTagCount = GUMBO_TAG_LAST + 1;

inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
inline bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

bool IsVoid(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND: case GUMBO_TAG_BR: case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_HR: case GUMBO_TAG_IMG:
    case GUMBO_TAG_IMAGE: case GUMBO_TAG_INPUT: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR:
    case GUMBO_TAG_FRAME: case GUMBO_TAG_MENUITEM: case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_NEXTID: case GUMBO_TAG_SPACER:
      return true;
    default:
      return false;
  }
}

// Elements whose content is not markup (the tokenizer skips to the end tag).
bool IsRawText(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

// Start tags that close an open <p> ("close a p element" in the spec).
bool ClosesP(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING:
    case GUMBO_TAG_FORM: case GUMBO_TAG_TABLE: case GUMBO_TAG_LI:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return false;
  }
}

bool IsHeading(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 ||
         t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

// HTML elements that break out of svg/math content.
bool BreaksOutOfForeign(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_CODE: case GUMBO_TAG_DD: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_EM:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_HR: case GUMBO_TAG_I:
    case GUMBO_TAG_IMG: case GUMBO_TAG_LI: case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MENU: case GUMBO_TAG_META: case GUMBO_TAG_NOBR:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_RUBY: case GUMBO_TAG_S: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG: case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TT: case GUMBO_TAG_U: case GUMBO_TAG_UL:
    case GUMBO_TAG_VAR: case GUMBO_TAG_FONT:
      return true;
    default:
      return false;
  }
}

enum class Scope { kDefault, kButton, kListItem, kTable };

bool IsScopeBoundary(GumboTag t, Scope s) {
  if (s == Scope::kTable)
    return t == GUMBO_TAG_HTML || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TEMPLATE;
  switch (t) {
    case GUMBO_TAG_APPLET: case GUMBO_TAG_CAPTION: case GUMBO_TAG_HTML:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_MI: case GUMBO_TAG_MO: case GUMBO_TAG_MN: case GUMBO_TAG_MS:
    case GUMBO_TAG_MTEXT: case GUMBO_TAG_ANNOTATION_XML:
    case GUMBO_TAG_FOREIGNOBJECT: case GUMBO_TAG_DESC:
      return true;
    case GUMBO_TAG_BUTTON:
      return s == Scope::kButton;
    case GUMBO_TAG_OL: case GUMBO_TAG_UL:
      return s == Scope::kListItem;
    default:
      return false;
  }
}

class Model {
 public:
  Model(std::string_view html, int max_depth, std::string* patched)
      : html_(html), max_depth_(max_depth < 1 ? 1 : max_depth), patched_(patched) {
    open_.fill(0);
    blanked_.fill(0);
    stack_.reserve(64);
  }

  GuardResult Run();

 private:
  GumboTag TagOf(size_t b, size_t e) const {
    if (e - b > 16) return GUMBO_TAG_UNKNOWN;
    return gumbo_tagn_enum(html_.data() + b, static_cast<unsigned>(e - b));
  }
  // End of the tag whose name ends at `k`: index of its '>' or npos.
  size_t TagEnd(size_t k) const;
  // Skips raw text up to "</name" (case-insensitive); returns where to go on.
  size_t SkipRawText(size_t from, std::string_view name) const;
  void StartTag(GumboTag t, size_t lt, size_t gt, bool self_closing);
  // Blanks the svg/math element that began at foreign_start_ up to `end`.
  void CloseForeign(size_t end) {
    Blank(foreign_start_, end);
    foreign_closed_ = false;
  }
  // Defuses any "<svg" / "<math" opener the model did not see as a tag.
  void DefuseForeignOpeners();
  void EndTag(GumboTag t, size_t lt, size_t gt);
  void Push(GumboTag t) {
    stack_.push_back(static_cast<uint16_t>(t));
    ++open_[t];
    if (t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) ++foreign_;
  }
  void Pop() {
    GumboTag t = static_cast<GumboTag>(stack_.back());
    stack_.pop_back();
    --open_[t];
    if ((t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) && --foreign_ == 0) foreign_closed_ = true;
  }
  // Pops up to and including the nearest `t` if it is in `scope`.
  bool CloseInScope(GumboTag t, Scope scope) {
    if (open_[t] == 0) return false;
    for (size_t i = stack_.size(); i-- > 0;) {
      GumboTag s = static_cast<GumboTag>(stack_[i]);
      if (s == t) {
        while (stack_.size() > i) Pop();
        return true;
      }
      if (IsScopeBoundary(s, scope)) return false;
    }
    return false;
  }
  void BlankDeep(size_t b, size_t e) {
    too_deep_ = true;
    Blank(b, e);
  }
  void Blank(size_t b, size_t e) {
    if (!changed_) {
      patched_->assign(html_.data(), html_.size());
      changed_ = true;
    }
    std::memset(patched_->data() + b, ' ', e - b);
  }
  void Patch(size_t at, char c) {
    if (!changed_) {
      patched_->assign(html_.data(), html_.size());
      changed_ = true;
    }
    (*patched_)[at] = c;
  }
  // True if "doctype" (any case) starts at html_[at].
  bool IsDoctypeAt(size_t at) const {
    static constexpr std::string_view kDoctype = "doctype";
    if (at + kDoctype.size() > html_.size()) return false;
    for (size_t k = 0; k < kDoctype.size(); ++k)
      if (Lower(html_[at + k]) != kDoctype[k]) return false;
    return true;
  }

  std::string_view html_;
  int max_depth_;
  std::string* patched_;
  bool changed_ = false;
  bool too_deep_ = false;
  bool seen_tag_ = false;  // a start or end tag came before
  int foreign_ = 0;
  size_t foreign_start_ = 0;     // where the outermost svg/math element began
  bool foreign_closed_ = false;  // the current token closed it
  std::vector<uint16_t> stack_;
  std::array<uint32_t, kTagCount> open_;
  std::array<uint32_t, kTagCount> blanked_;
};

size_t Model::TagEnd(size_t k) const {
  const size_t n = html_.size();
  while (k < n) {
    char c = html_[k];
    if (c == '>') return k;
    if (c == '=') {
      ++k;
      while (k < n && IsSpace(html_[k])) ++k;
      if (k < n && (html_[k] == '"' || html_[k] == '\'')) {
        const void* q = std::memchr(html_.data() + k + 1, html_[k], n - k - 1);
        if (q == nullptr) return std::string_view::npos;
        k = static_cast<const char*>(q) - html_.data() + 1;
      } else {
        while (k < n && !IsSpace(html_[k]) && html_[k] != '>') ++k;
      }
      continue;
    }
    ++k;
  }
  return std::string_view::npos;
}

size_t Model::SkipRawText(size_t from, std::string_view name) const {
  const size_t n = html_.size();
  size_t k = from;
  while (k < n) {
    const void* p = std::memchr(html_.data() + k, '<', n - k);
    if (p == nullptr) return n;
    size_t lt = static_cast<const char*>(p) - html_.data();
    if (lt + 2 + name.size() <= n && html_[lt + 1] == '/') {
      bool match = true;
      for (size_t i = 0; i < name.size(); ++i) {
        if (Lower(html_[lt + 2 + i]) != name[i]) { match = false; break; }
      }
      size_t after = lt + 2 + name.size();
      if (match && (after == n || IsSpace(html_[after]) || html_[after] == '/' ||
                    html_[after] == '>'))
        return lt;  // the end tag is handled by the main loop
    }
    k = lt + 1;
  }
  return n;
}

void Model::StartTag(GumboTag t, size_t lt, size_t gt, bool self_closing) {
  if (foreign_ > 0) {
    if (BreaksOutOfForeign(t)) {
      while (foreign_ > 0 && !stack_.empty()) Pop();
      CloseForeign(lt);  // the breakout tag itself stays
    } else {
      if (self_closing) return;
      if (static_cast<int>(stack_.size()) >= max_depth_) {
        ++blanked_[t];  // blanked with the whole element
        return;
      }
      Push(t);
      return;
    }
  }
  if (t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) {
    // Never given to gumbo (see the header); its text is not content.
    if (self_closing) {
      Blank(lt, gt + 1);
      return;
    }
    foreign_start_ = lt;
    Push(t);
    return;
  }
  switch (t) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY:
    case GUMBO_TAG_FRAMESET:
      return;
    default:
      break;
  }
  if (IsVoid(t)) return;
  if (ClosesP(t)) CloseInScope(GUMBO_TAG_P, Scope::kButton);
  switch (t) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      if (!stack_.empty() && IsHeading(static_cast<GumboTag>(stack_.back()))) Pop();
      break;
    case GUMBO_TAG_LI:
      CloseInScope(GUMBO_TAG_LI, Scope::kListItem);
      break;
    case GUMBO_TAG_DD: case GUMBO_TAG_DT:
      if (!CloseInScope(GUMBO_TAG_DD, Scope::kListItem))
        CloseInScope(GUMBO_TAG_DT, Scope::kListItem);
      break;
    case GUMBO_TAG_A: case GUMBO_TAG_NOBR: case GUMBO_TAG_BUTTON:
      CloseInScope(t, Scope::kDefault);
      break;
    case GUMBO_TAG_FORM:
      if (open_[GUMBO_TAG_FORM] > 0) return;  // nested forms are ignored
      break;
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
      if (!stack_.empty() && stack_.back() == GUMBO_TAG_OPTION) Pop();
      if (t == GUMBO_TAG_OPTGROUP && !stack_.empty() &&
          stack_.back() == GUMBO_TAG_OPTGROUP)
        Pop();
      break;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
      if (!CloseInScope(GUMBO_TAG_TD, Scope::kTable))
        CloseInScope(GUMBO_TAG_TH, Scope::kTable);
      break;
    case GUMBO_TAG_TR:
      if (!CloseInScope(GUMBO_TAG_TD, Scope::kTable))
        CloseInScope(GUMBO_TAG_TH, Scope::kTable);
      CloseInScope(GUMBO_TAG_TR, Scope::kTable);
      break;
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP:
      if (!CloseInScope(GUMBO_TAG_TD, Scope::kTable))
        CloseInScope(GUMBO_TAG_TH, Scope::kTable);
      CloseInScope(GUMBO_TAG_TR, Scope::kTable);
      if (!CloseInScope(GUMBO_TAG_TBODY, Scope::kTable) &&
          !CloseInScope(GUMBO_TAG_THEAD, Scope::kTable))
        CloseInScope(GUMBO_TAG_TFOOT, Scope::kTable);
      break;
    default:
      break;
  }
  if (static_cast<int>(stack_.size()) >= max_depth_) {
    BlankDeep(lt, gt + 1);
    ++blanked_[t];
    return;
  }
  Push(t);
}

void Model::EndTag(GumboTag t, size_t lt, size_t gt) {
  switch (t) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR:
      return;
    default:
      break;
  }
  if (blanked_[t] > 0) {  // closes an element that was blanked out
    --blanked_[t];
    if (foreign_ == 0) BlankDeep(lt, gt + 1);
    return;
  }
  if (foreign_ > 0) {
    if (t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) {
      // Closes the nearest svg/math, whatever is open inside it.
      for (size_t i = stack_.size(); i-- > 0;) {
        if (stack_[i] == t) {
          while (stack_.size() > i) Pop();
          break;
        }
      }
      if (foreign_closed_) CloseForeign(gt + 1);
      return;
    }
    CloseInScope(t, Scope::kDefault);
    if (foreign_closed_) CloseForeign(lt);  // an ancestor's end tag stays
    return;
  }
  Scope scope = Scope::kDefault;
  switch (t) {
    case GUMBO_TAG_P: scope = Scope::kButton; break;
    case GUMBO_TAG_LI: scope = Scope::kListItem; break;
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
      scope = Scope::kTable;
      break;
    default:
      break;
  }
  CloseInScope(t, scope);
}

GuardResult Model::Run() {
  const size_t n = html_.size();
  const char* d = html_.data();
  size_t i = 0;
  while (i < n) {
    const void* p = std::memchr(d + i, '<', n - i);
    if (p == nullptr) break;
    size_t lt = static_cast<const char*>(p) - d;
    if (lt + 1 >= n) break;
    char c = d[lt + 1];
    if (c == '!') {
      if (lt + 3 < n && d[lt + 2] == '-' && d[lt + 3] == '-') {
        // Ends at "-->" or "--!>", whichever comes first (as in gumbo).
        std::string_view rest = html_.substr(lt + 2);
        size_t e = rest.find("-->"), e2 = rest.find("--!>");
        if (e == std::string_view::npos && e2 == std::string_view::npos) break;
        i = (e2 < e) ? lt + 2 + e2 + 4 : lt + 2 + e + 3;
        continue;
      }
      // A DOCTYPE after a tag is a parse error gumbo ignores, but in
      // <noscript> in <head> it forgets to free the token's strings (a leak
      // per DOCTYPE). "<!DOCTYPE" -> "<!-OCTYPE" makes it a bogus comment
      // of the same extent (both end at the next '>'), ignored the same way.
      if (seen_tag_ && IsDoctypeAt(lt + 2)) Patch(lt + 2, '-');
      const void* q = std::memchr(d + lt + 2, '>', n - lt - 2);
      if (q == nullptr) break;
      i = static_cast<const char*>(q) - d + 1;
      continue;
    }
    if (c == '?') {
      const void* q = std::memchr(d + lt + 2, '>', n - lt - 2);
      if (q == nullptr) break;
      i = static_cast<const char*>(q) - d + 1;
      continue;
    }
    bool end_tag = false;
    size_t name_begin = lt + 1;
    if (c == '/') {
      if (lt + 2 >= n) break;
      if (!IsAlpha(d[lt + 2])) {  // "</>" or a bogus comment
        const void* q = std::memchr(d + lt + 2, '>', n - lt - 2);
        if (q == nullptr) break;
        i = static_cast<const char*>(q) - d + 1;
        continue;
      }
      end_tag = true;
      name_begin = lt + 2;
    } else if (!IsAlpha(c)) {
      i = lt + 1;  // a literal '<'
      continue;
    }
    size_t name_end = name_begin;
    while (name_end < n && !IsSpace(d[name_end]) && d[name_end] != '/' &&
           d[name_end] != '>')
      ++name_end;
    size_t gt = TagEnd(name_end);
    if (gt == std::string_view::npos) break;  // EOF in a tag: gumbo drops it
    GumboTag t = TagOf(name_begin, name_end);
    seen_tag_ = true;
    i = gt + 1;
    if (end_tag) {
      EndTag(t, lt, gt);
      continue;
    }
    bool self_closing = gt > name_end && d[gt - 1] == '/';
    if (foreign_ == 0 && t == GUMBO_TAG_PLAINTEXT) break;
    if (foreign_ == 0 && IsRawText(t)) {
      std::string_view name = gumbo_normalized_tagname(t);
      i = SkipRawText(i, name);
      continue;
    }
    StartTag(t, lt, gt, self_closing);
  }
  if (foreign_ > 0) CloseForeign(n);  // unclosed svg/math runs to the end
  DefuseForeignOpeners();
  return {changed_, too_deep_};
}

void Model::DefuseForeignOpeners() {
  // Inside comments, raw text or attribute values gumbo sees no tag either;
  // this only matters where gumbo's tokenizer and the model disagree.
  std::string_view buf = changed_ ? std::string_view(*patched_) : html_;
  const size_t n = buf.size();
  size_t i = 0;
  while (i < n) {
    const void* p = std::memchr(buf.data() + i, '<', n - i);
    if (p == nullptr) break;
    size_t lt = static_cast<const char*>(p) - buf.data();
    i = lt + 1;
    size_t len = 0;
    if (lt + 4 <= n && Lower(buf[lt + 1]) == 's' && Lower(buf[lt + 2]) == 'v' &&
        Lower(buf[lt + 3]) == 'g')
      len = 4;
    else if (lt + 5 <= n && Lower(buf[lt + 1]) == 'm' && Lower(buf[lt + 2]) == 'a' &&
             Lower(buf[lt + 3]) == 't' && Lower(buf[lt + 4]) == 'h')
      len = 5;
    if (len == 0) continue;
    char after = lt + len < n ? buf[lt + len] : ' ';
    if (!IsSpace(after) && after != '/' && after != '>') continue;
    Blank(lt, lt + 1);  // "<svg>" -> " svg>": text, not a tag
    buf = std::string_view(*patched_);
  }
}

}  // namespace

namespace {

// gumbo 0.10.1 adds up the digits of a numeric character reference in an int
// without an overflow check: "&#222222222220;" wraps to a negative value that
// it writes out as one invalid UTF-8 byte, or as a NUL that silently ends the
// text node, and other values wrap to a wrong character. Every reference
// above U+10FFFF is rewritten (same length) to a zero-padded reference to
// U+FFFD, which is what gumbo gives for the values it does check.
void DefuseHugeCharRefs(std::string_view html, GuardResult* r, std::string* patched) {
  const size_t n = html.size();
  size_t i = 0;
  while (i + 2 < n) {
    const std::string_view buf = r->changed ? std::string_view(*patched) : html;
    const void* hit = std::memchr(buf.data() + i, '&', n - i);
    if (hit == nullptr) break;
    i = static_cast<size_t>(static_cast<const char*>(hit) - buf.data());
    if (i + 2 >= n || buf[i + 1] != '#') {
      ++i;
      continue;
    }
    size_t d = i + 2;
    const bool hex = buf[d] == 'x' || buf[d] == 'X';
    if (hex) ++d;
    const size_t ds = d;
    uint32_t value = 0;
    bool huge = false;
    for (; d < n; ++d) {
      const char c = buf[d];
      int digit;
      if (c >= '0' && c <= '9') digit = c - '0';
      else if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      else break;
      if (!huge) {
        value = value * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
        huge = value > 0x10FFFF;
      }
    }
    if (huge) {
      if (!r->changed) {
        patched->assign(html.data(), html.size());
        r->changed = true;
      }
      // Above U+10FFFF there are at least 6 hex or 7 decimal digits.
      const std::string_view fffd = hex ? "FFFD" : "65533";
      std::memset(patched->data() + ds, '0', d - ds);
      std::memcpy(patched->data() + d - fffd.size(), fffd.data(), fffd.size());
    }
    i = d;
  }
}

}  // namespace

GuardResult PrepareForGumbo(std::string_view html, int max_depth, std::string* patched) {
  Model m(html, max_depth, patched);
  GuardResult r = m.Run();
  DefuseHugeCharRefs(html, &r, patched);
  return r;
}

}  // namespace dossier::html_internal
