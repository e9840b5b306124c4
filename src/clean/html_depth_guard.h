// Private helper of html_extract.cc: keeps gumbo's tree shallow.
//
// gumbo's tree construction gets quadratic in the depth of the stack of open
// elements (10k nested <div> take seconds, 50k take minutes) and it frees the
// tree recursively. Before parsing, LimitNesting runs a light tokenizer with
// a simplified model of the HTML tree builder (implied end tags for p, li,
// td, ..., scope boundaries, void and raw-text elements) over the input, and
// blanks out (overwrites with spaces) every start tag that would open an
// element deeper than `max_depth`, together with its end tag. Byte offsets are
// unchanged, so positions in the patched buffer are positions in the original,
// and the text inside the blanked elements stays in the document as text of
// the deepest allowed element.
#ifndef DOSSIER_CLEAN_HTML_DEPTH_GUARD_H_
#define DOSSIER_CLEAN_HTML_DEPTH_GUARD_H_

#include <string>
#include <string_view>

namespace dossier::html_internal {

// Returns true if some tags had to be blanked; then *patched holds the input
// with those tags overwritten by spaces (same length). Returns false and
// leaves *patched untouched if the input is within the limit.
bool LimitNesting(std::string_view html, int max_depth, std::string* patched);

}  // namespace dossier::html_internal

#endif  // DOSSIER_CLEAN_HTML_DEPTH_GUARD_H_
