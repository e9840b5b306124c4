#include "clean/html_classify.h"

#include <array>
#include <cstddef>

namespace dossier::html_internal {
namespace {

using sv = std::string_view;

template <size_t N>
bool In(sv w, const std::array<sv, N>& set) {
  for (sv s : set)
    if (s == w) return true;
  return false;
}

bool StartsWith(sv s, sv p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }
bool EndsWith(sv s, sv p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Tokens that describe taxonomy or state, not the element's role.
constexpr std::array<sv, 12> kSkipPrefixes = {
    "tag-", "category-", "cat-", "format-", "status-", "type-",
    "postid-", "has-", "with-", "no-", "is-", "page-id-"};

// Whole tokens that mark hidden or furniture elements.
constexpr std::array<sv, 26> kBoilerTokens = {
    "sr-only", "screen-reader-text", "screen-reader-only", "visually-hidden",
    "visuallyhidden", "sr-text", "hidden", "hide", "skip-link",
    "skiplink", "skip-links", "print-only", "comments-link", "comments-count",
    "comment-count", "comments-number", "comment-link", "site-header",
    "global-header", "site-branding", "skip-to-content", "read-more",
    "more-link", "back-to-top", "print-button", "jp-relatedposts"};

// Words (token parts between '-' and '_') that mark furniture.
constexpr std::array<sv, 64> kBoilerWords = {
    "nav", "navbar", "navigation", "menu", "menus", "breadcrumb",
    "breadcrumbs", "share", "shares", "sharing", "sharebar", "social",
    "socials", "related", "sidebar", "widget", "widgets", "advert",
    "adverts", "advertisement", "advertisements", "advertising", "ad", "ads",
    "adv", "adsense", "adslot", "adunit", "dfp", "promo", "promos",
    "promotion", "promoted", "sponsored", "sponsor", "cookie", "cookies",
    "consent", "gdpr", "subscribe", "subscription", "newsletter",
    "newsletters", "signup", "footer", "masthead", "popup", "modal",
    "outbrain", "taboola", "pagination", "pager", "toolbar", "copyright",
    "disclaimer", "recommended", "trending", "popular", "tags", "tagcloud",
    "keywords", "login", "signin", "follow"};

// Word prefixes / suffixes for compounds written without separators
// ("sharebuttons", "mainnav", "relatedarticles").
constexpr std::array<sv, 24> kBoilerPrefixes = {
    "share", "social", "sidebar", "newsletter", "advert", "breadcrumb",
    "cookie", "subscribe", "related", "promo", "widget", "navbar",
    "navigation", "masthead", "popup", "modal", "outbrain", "taboola",
    "sponsor", "menu", "footer", "signup", "consent", "pagination"};
constexpr std::array<sv, 10> kBoilerSuffixes = {
    "nav", "menu", "sidebar", "share", "sharing", "footer", "widget",
    "navigation", "breadcrumbs", "newsletter"};

constexpr std::array<sv, 21> kCommentsTokens = {
    "comments", "comment-list", "commentlist", "comments-list",
    "commentslist", "comments-area", "comments-section", "comment-section",
    "commentsection", "comments-container", "comments-wrapper", "respond",
    "comment-respond", "disqus_thread", "disqus", "article-comments",
    "post-comments", "user-comments", "reader-comments", "comment-thread",
    "comments-thread"};
// With "comments", these words make a link or counter, not the section.
constexpr std::array<sv, 9> kCommentsNotSection = {
    "link", "links", "count", "number", "icon", "button", "toggle", "closed",
    "counter"};

constexpr std::array<sv, 6> kCommentItemTokens = {
    "comment", "comment-item", "commentitem", "comment-entry", "single-comment",
    "comment-wrap"};

constexpr std::array<sv, 17> kCommentMetaTokens = {
    "comment-meta", "comment-metadata", "commentmetadata", "comment-author",
    "comment-header", "comment-footer", "comment-reply", "comment-reply-link",
    "reply", "comment-actions", "comment-date", "comment-time", "avatar",
    "says", "vcard", "comment-awaiting-moderation", "comment-edit-link"};

constexpr std::array<sv, 16> kDatelineTokens = {
    "entry-meta", "post-meta", "article-meta", "posted-on", "post-date",
    "entry-date", "publish-date", "published-date", "article-date",
    "story-date", "meta-date", "date-published", "pub-date", "pubdate",
    "article-info", "story-meta"};

// Compounds naming the article body; matched at the end of a token or before
// a trailing word from kBodyTrailers ("c-article-body", "td-post-content",
// "article-body__content").
constexpr std::array<sv, 30> kBodyCompounds = {
    "entry-content", "entry-body", "entry-text", "article-body", "articlebody",
    "article__body", "article-content", "article__content", "articlecontent",
    "article-text", "articletext", "article__text", "post-content",
    "postcontent", "post-body", "postbody", "post-entry", "post__content",
    "story-body", "storybody", "story-content", "storycontent", "story-text",
    "story__body", "itemfulltext", "field-name-body", "field--name-body",
    "article-body-text", "body-copy", "story-body-text"};
constexpr std::array<sv, 11> kBodyTrailers = {
    "content", "contents", "text", "inner", "wrapper", "wrap", "container",
    "main", "body", "copy", "section"};

bool IsSep(char c) { return c == '-' || c == '_'; }

bool IsMainBody(sv tok) {
  for (sv c : kBodyCompounds) {
    size_t pos = tok.rfind(c);
    if (pos == sv::npos) continue;
    if (pos > 0 && !IsSep(tok[pos - 1])) continue;
    sv rest = tok.substr(pos + c.size());
    bool ok = true;
    size_t i = 0;
    while (i < rest.size() && ok) {
      if (IsSep(rest[i])) { ++i; continue; }
      size_t j = i;
      while (j < rest.size() && !IsSep(rest[j])) ++j;
      ok = In(rest.substr(i, j - i), kBodyTrailers);
      i = j;
    }
    if (ok) return true;
  }
  return false;
}

bool IsBoilerWord(sv w) {
  if (In(w, kBoilerWords)) return true;
  for (sv p : kBoilerPrefixes)
    if (w.size() > p.size() && StartsWith(w, p)) return true;
  for (sv s : kBoilerSuffixes)
    if (w.size() > s.size() && EndsWith(w, s)) return true;
  return false;
}

uint8_t ClassifyToken(sv raw, bool is_id) {
  if (raw.empty() || raw.size() > 64) return 0;
  char buf[64];
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  sv tok(buf, raw.size());
  for (sv p : kSkipPrefixes)
    if (StartsWith(tok, p)) return 0;
  if (IsMainBody(tok)) return kHintMainBody;
  if (In(tok, kCommentsTokens)) return kHintComments;
  if (In(tok, kCommentItemTokens)) return kHintCommentItem;
  if (is_id && StartsWith(tok, "comment-") && tok.size() > 8 &&
      tok[8] >= '0' && tok[8] <= '9')
    return kHintCommentItem;
  if (In(tok, kCommentMetaTokens)) return kHintCommentMeta;
  if (In(tok, kBoilerTokens)) return kHintBoilerplate;
  if (In(tok, kDatelineTokens)) return kHintByline;

  uint8_t hints = 0;
  bool comments_word = false, not_section = false;
  size_t i = 0;
  while (i < tok.size()) {
    if (IsSep(tok[i])) { ++i; continue; }
    size_t j = i;
    while (j < tok.size() && !IsSep(tok[j])) ++j;
    sv w = tok.substr(i, j - i);
    i = j;
    if (w == "comments") { comments_word = true; continue; }
    if (In(w, kCommentsNotSection)) not_section = true;
    if (IsBoilerWord(w)) { hints |= kHintBoilerplate; continue; }
    if (w == "byline" || w == "bylines" || StartsWith(w, "byline") ||
        w == "author" || w == "authors" || StartsWith(w, "author")) {
      hints |= kHintByline | kHintAuthor;
      continue;
    }
    if (w == "dateline" || w == "timestamp") hints |= kHintByline;
  }
  if (comments_word) {
    if (not_section || (hints & kHintBoilerplate)) return kHintBoilerplate;
    return kHintComments;
  }
  if (hints & kHintBoilerplate) return kHintBoilerplate;
  return hints;
}

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

}  // namespace

uint8_t ClassifyIdClass(sv id, sv cls) {
  uint8_t hints = 0;
  if (!id.empty()) {
    size_t b = 0, e = id.size();
    while (b < e && IsAsciiSpace(id[b])) ++b;
    while (e > b && IsAsciiSpace(id[e - 1])) --e;
    hints |= ClassifyToken(id.substr(b, e - b), /*is_id=*/true);
  }
  size_t i = 0;
  while (i < cls.size()) {
    if (IsAsciiSpace(cls[i])) { ++i; continue; }
    size_t j = i;
    while (j < cls.size() && !IsAsciiSpace(cls[j])) ++j;
    hints |= ClassifyToken(cls.substr(i, j - i), /*is_id=*/false);
    i = j;
  }
  if (hints & kHintMainBody)
    hints &= static_cast<uint8_t>(~(kHintBoilerplate | kHintByline | kHintAuthor |
                                    kHintComments | kHintCommentItem));
  return hints;
}

bool IsBoilerplateRole(sv role) {
  size_t e = 0;
  while (e < role.size() && !IsAsciiSpace(role[e])) ++e;
  sv r = role.substr(0, e);
  static constexpr std::array<sv, 11> kRoles = {
      "navigation", "banner", "contentinfo", "complementary", "search",
      "dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist"};
  for (sv k : kRoles)
    if (r.size() == k.size()) {
      bool eq = true;
      for (size_t i = 0; i < r.size() && eq; ++i) {
        char c = r[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        eq = c == k[i];
      }
      if (eq) return true;
    }
  return false;
}

}  // namespace dossier::html_internal
