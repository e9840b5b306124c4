// A small JSON scanner that works on the source text, for what nlohmann::json
// does not give: where a string value sits in the line, and a decoding of its
// escapes that maps every output byte back to the source bytes it came from
// (so a JSONL article's spans can be highlighted in the original line).
// Callers validate the line first (the JSONL reader's own strict pass, or
// nlohmann::json); the scanner is only as strict as it needs to be to find
// its way.
#ifndef DOSSIER_INGEST_JSON_SCAN_H_
#define DOSSIER_INGEST_JSON_SCAN_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "dossier/offset_map.h"

namespace dossier::json_scan {

// The characters of a JSON string literal: [begin, end) lies between its
// quotes (begin is just after the opening quote, end is the closing quote).
struct StringExtent {
  size_t begin = 0, end = 0;
};

// Finds the value of the top-level member named `key` in the JSON object
// `json` (keys compared after unescaping). Returns its extent if that value
// is a string; nullopt if the member is missing, not a string, or `json` is
// not an object. With duplicate keys the last one counts, as in
// nlohmann::json.
std::optional<StringExtent> FindTopLevelString(std::string_view json,
                                               std::string_view key);

// Appends the unescaped value of the string literal characters
// json[extent.begin, extent.end) to `out`: plain runs as TextBuilder::Copy,
// each escape as a Replace of its source bytes (\n, \", \\, \/, \b, \f, \r,
// \t, \uXXXX; a surrogate pair is one Replace of 12 bytes; a lone surrogate
// becomes U+FFFD). Input offsets are offsets in `json`. Returns false on a
// malformed escape (the output then holds what was decoded before it).
bool DecodeString(std::string_view json, StringExtent extent, TextBuilder* out);

// The code unit of the \uXXXX escape whose backslash is at s[i], or -1 if
// s[i..i+6) is not one.
int ReadUnicodeEscape(std::string_view s, size_t i);
inline bool IsHighSurrogate(int u) { return u >= 0xD800 && u <= 0xDBFF; }
inline bool IsLowSurrogate(int u) { return u >= 0xDC00 && u <= 0xDFFF; }

// True if `json` contains a \u escape of a surrogate (\uD800-\uDFFF).
bool HasSurrogateEscape(std::string_view json);

// A copy of `json` in which every \u escape of a surrogate that is not part
// of a valid high+low pair is replaced by \uFFFD (same length, so offsets are
// unchanged). nlohmann::json rejects lone surrogates; this lets such a line
// be parsed with the same result DecodeString gives.
std::string ReplaceLoneSurrogateEscapes(std::string_view json);

}  // namespace dossier::json_scan

#endif  // DOSSIER_INGEST_JSON_SCAN_H_
