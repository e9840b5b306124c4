// Private helper of html_extract.cc: what an element's id and class tokens say
// about its role on the page.
//
// Tokens are compared lower-cased and split into words at '-' and '_', so
// "share-buttons", "c-shareButtons" and "social_links" are sharing widgets,
// while "shadow", "article-header" and "download" are not. Some tokens are
// ignored outright: WordPress taxonomy and state classes ("tag-social-media",
// "category-ads", "has-sidebar", "no-comments") say nothing about the element.
#ifndef DOSSIER_CLEAN_HTML_CLASSIFY_H_
#define DOSSIER_CLEAN_HTML_CLASSIFY_H_

#include <cstdint>
#include <string_view>

namespace dossier::html_internal {

enum ClassHint : uint8_t {
  kHintBoilerplate = 1 << 0,  // navigation, menus, sharing, ads, cookie and
                              // subscription notices, related links, sidebars,
                              // screen-reader-only text: never content
  kHintComments = 1 << 1,     // a reader-comments section
  kHintCommentItem = 1 << 2,  // one comment inside a comments section
  kHintCommentMeta = 1 << 3,  // author/date/reply line of a comment
  kHintByline = 1 << 4,       // byline, author box, dateline: meta, not text
  kHintAuthor = 1 << 5,       // names an author (with kHintByline)
  kHintMainBody = 1 << 6,     // "entry-content", "article-body", ...
};

// Hints (a ClassHint bit set) from the id attribute and the class attribute.
// kHintMainBody wins: an element marked as the article body is never
// boilerplate.
uint8_t ClassifyIdClass(std::string_view id, std::string_view cls);

// True if the element's role attribute marks it as page furniture
// (navigation, banner, contentinfo, complementary, search, dialog, menu...).
bool IsBoilerplateRole(std::string_view role);

}  // namespace dossier::html_internal

#endif  // DOSSIER_CLEAN_HTML_CLASSIFY_H_
