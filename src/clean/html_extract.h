// Main-content extraction from HTML with gumbo: keeps headings, paragraphs,
// list items, blockquotes and table text as plain text (one block per
// paragraph, blocks separated by "\n\n"), drops script/style/nav/aside/
// footer/header/form/noscript/template and elements whose class or id marks
// them as navigation, sharing, ads, cookie or subscription notices; pulls
// reader comment sections out separately. The returned OffsetMap maps every
// byte of `text` back to the HTML source: text copied from the source is a
// copy piece; a character reference ("&rsquo;" -> "’", "&nbsp;" -> " "), a CR
// or CRLF, a collapsed whitespace run (possibly spanning inline tags) and a
// <br> ("\n") map to their whole source run; the "\n\n" between blocks maps
// to an empty range at the end of the previous block.
//
// Inline elements keep their text without markup; images give nothing (no
// alt text); <pre> keeps its line breaks; one <br> is a line break, two or
// more in a row a paragraph break. Byline blocks (class "byline", "author",
// data-component="byline-block") become meta, not text. Blocks inside the
// main container whose text is mostly links (related-link lists) are dropped.
//
// Diagnostics: "html_too_deep" (warning) when elements nest deeper than
// HtmlOptions::max_depth, "html_no_text" (warning) when no text was found.
// Implementation notes: html_extract.cc (steps), html_classify.h (class and
// id tokens), html_depth_guard.h (nesting limit before parsing).
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
  // or og:url, <html lang>, and JSON-LD (NewsArticle headline, author,
  // datePublished, publisher) where the meta tags are missing. `published`
  // is the string as the page gives it; `language` is the first subtag of
  // <html lang>, lower-cased ("en-GB" -> "en").
  GivenMeta meta;
  // Reader comments (elements with id/class like "comments", "comment-list",
  // "respond"): one per comment item (li/article/div with class "comment"),
  // or one per <p> in a section without items; each comment's text and its
  // byte span in the html (first to last text byte).
  std::vector<Comment> comments;
  std::vector<Diagnostic> diagnostics;
};

// Never fails on malformed HTML (gumbo recovers like a browser); returns
// kInvalidInput only if `html` is not valid UTF-8.
Result<HtmlExtract> ExtractHtml(std::string_view html, const HtmlOptions& options = {});

}  // namespace dossier

#endif  // DOSSIER_CLEAN_HTML_EXTRACT_H_
