// Private helper of html_extract.cc: prepares input so gumbo stays fast and
// does not abort.
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
//
// It also blanks every "<![CDATA[" opener (and its "]]>" when the section
// holds no end tag): the Debian build of gumbo 0.10.1 keeps its assert()s and
// aborts on a CDATA section reaching table parsing, e.g.
// "<table><math><mi><![CDATA[x]]>". Without the opener gumbo never sees a
// CDATA token; outside svg/math such a section was a bogus comment anyway.
#ifndef DOSSIER_CLEAN_HTML_DEPTH_GUARD_H_
#define DOSSIER_CLEAN_HTML_DEPTH_GUARD_H_

#include <string>
#include <string_view>

namespace dossier::html_internal {

struct GuardResult {
  bool changed = false;    // *patched holds the input with blanked bytes
  bool too_deep = false;   // tags nested deeper than max_depth were blanked
};

// Blanks (overwrites with spaces, same length) tags nested deeper than
// `max_depth` and CDATA sections. If anything changed, *patched holds the
// patched copy; otherwise it is left untouched.
GuardResult PrepareForGumbo(std::string_view html, int max_depth, std::string* patched);

}  // namespace dossier::html_internal

#endif  // DOSSIER_CLEAN_HTML_DEPTH_GUARD_H_
