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
// It also blanks every <svg> and <math> element whole: the Debian build of
// gumbo 0.10.1 keeps its assert()s and aborts (SIGABRT, not catchable) on
// some foreign content mixed with tables, e.g.
// "<table><math><th><mi><select></table>" or a CDATA section in <mi> inside a
// table. Random tag soup without svg/math never tripped an assert (millions
// of documents); svg/math text is not article content anyway. Any "<svg" /
// "<math" opener the model did not take for a tag (inside what it thinks is
// a comment or raw text) is defused too, so gumbo never builds foreign
// content and never sees a CDATA section.
//
// Numeric character references above U+10FFFF ("&#222222222220;") are
// rewritten, same length, to a zero-padded "&#...65533;" / "&#x...FFFD;":
// gumbo overflows an int on them and emits an invalid byte or a NUL that
// cuts the text node short.
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
// `max_depth` and svg/math elements, and defuses character references above
// U+10FFFF (see above). If anything changed, *patched holds the
// patched copy; otherwise it is left untouched.
GuardResult PrepareForGumbo(std::string_view html, int max_depth, std::string* patched);

}  // namespace dossier::html_internal

#endif  // DOSSIER_CLEAN_HTML_DEPTH_GUARD_H_
