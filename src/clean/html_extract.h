// Main-content extraction from HTML with gumbo: keeps headings, paragraphs,
// list items, blockquotes and table text as plain text (one block per
// paragraph, blocks separated by "\n\n"), drops script/style/nav/aside/
// footer/header/form/noscript/template and elements whose class or id marks
// them as navigation, sharing, ads, cookie or subscription notices; pulls
// reader comment sections out separately. The returned OffsetMap maps every
// byte of `text` back to the HTML source (entities and collapsed whitespace
// map to their source run).
#ifndef DOSSIER_CLEAN_HTML_EXTRACT_H_
#define DOSSIER_CLEAN_HTML_EXTRACT_H_

#include <string>
#include <string_view>
#include <vector>

#include "dossier/document.h"
#include "dossier/offset_map.h"
#include "dossier/status.h"

namespace dossier {

struct HtmlOptions {
  // Deepest element nesting walked; deeper content is kept as text of the
  // last allowed level and a diagnostic is added.
  int max_depth = 256;
};

struct HtmlExtract {
  std::string text;   // the main content, blocks separated by "\n\n"
  OffsetMap map;      // text bytes -> html bytes
  // From <title>, <h1>, meta name=author / article:author, og:site_name,
  // article:published_time / datePublished / <time datetime>, canonical link
  // or og:url, <html lang>.
  GivenMeta meta;
  // Reader comments (elements with id/class like "comments", "comment-list"),
  // each comment's text and its byte span in the html.
  std::vector<Comment> comments;
  std::vector<Diagnostic> diagnostics;
};

// Never fails on malformed HTML (gumbo recovers like a browser); returns
// kInvalidInput only if `html` is not valid UTF-8.
Result<HtmlExtract> ExtractHtml(std::string_view html, const HtmlOptions& options = {});

}  // namespace dossier

#endif  // DOSSIER_CLEAN_HTML_EXTRACT_H_
