// Private helper of html_extract.cc: shortens long text runs before gumbo
// parses, and puts them back in the tree afterwards.
//
// gumbo's tokenizer turns every character of text into a token of its own
// that the tree builder handles one by one (some 400 instructions a byte);
// on article pages text is most of the input, so parsing was most of HTML
// cleaning. The tree's shape does not depend on what a run of plain text
// says, only on where it is and on its first character being whitespace or
// not. So ElideTextRuns replaces each long run in data state (between tags,
// not in comments or raw-text elements) that starts with a non-whitespace
// character and holds no byte gumbo treats specially ('<', '&', CR, NUL,
// controls, noncharacters) with a short placeholder: U+E000 (a private-use
// character) and the run's index in six digits. The placeholder is also non-
// whitespace text without special bytes, so gumbo builds the same tree;
// RestoreTextRuns then writes the runs back into the text nodes and moves
// every source offset and pointer (text, tags, attributes) back to the
// unshortened input, so the tree reads as if gumbo had parsed it.
//
// Documents where this would not hold are left alone: ones holding U+E000
// themselves, frameset documents (gumbo keeps only the whitespace of text
// there), svg/math/template/plaintext, and a <script> with "<!--" in it
// (its escape states make the end of the script hard to tell).
#ifndef DOSSIER_CLEAN_HTML_TEXT_ELIDE_H_
#define DOSSIER_CLEAN_HTML_TEXT_ELIDE_H_

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::html_internal {

struct ElidedText {
  struct Run {
    size_t at;       // offset of the placeholder in `buf`
    size_t src;      // offset of the run in the input
    size_t len;      // bytes of the run
    size_t removed;  // bytes removed by this and all earlier runs
  };
  std::string buf;  // the input with runs replaced
  std::vector<Run> runs;
};

// Fills *out and returns true if any run was elided; false leaves the input
// as it is to parse.
bool ElideTextRuns(std::string_view html, ElidedText* out);

// Rewrites the tree gumbo parsed from `elided.buf` (from its document node)
// so its text, source positions and pointers are those of `html`. Text
// strings are reallocated with malloc/free, gumbo's default allocator.
void RestoreTextRuns(GumboNode* document, std::string_view html, const ElidedText& elided);

}  // namespace dossier::html_internal

#endif  // DOSSIER_CLEAN_HTML_TEXT_ELIDE_H_
