// Decoding raw bytes to UTF-8 with the encoding recorded. Invalid UTF-8 falls
// back to Windows-1252 (a superset of Latin-1 for printable text) through ICU.
//
// Ingest decodes every input through here: whole files for text, markdown,
// html and csv, and line by line for BOM-less JSONL (so one Latin-1 line does
// not turn the UTF-8 lines around it into mojibake). Gunzip undoes .gz before
// decoding. Nothing here throws.
#ifndef DOSSIER_INGEST_DECODE_H_
#define DOSSIER_INGEST_DECODE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/document.h"
#include "dossier/status.h"

namespace dossier {

struct Decoded {
  std::string text;  // UTF-8, BOM removed
  std::string
      encoding;  // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"
  // Info "encoding_fallback" (invalid UTF-8 at byte N, decoded as
  // Windows-1252), info "encoding_guessed" (UTF-16 recognised without a BOM),
  // warning "encoding_odd_length" (UTF-16 with a dangling last byte).
  std::vector<Diagnostic> diagnostics;
};

// Decodes `bytes`: UTF-8 BOM, UTF-16 LE/BE BOM, valid UTF-8, else
// Windows-1252. Fails (kInvalidInput) on binary data (NUL-heavy input that
// is not UTF-16) with a message naming the problem.
Result<Decoded> DecodeBytes(std::string_view bytes);
// The same, but takes ownership of `bytes` so that valid UTF-8 (the common
// case) becomes Decoded::text without a copy.
Result<Decoded> DecodeBytes(std::string&& bytes);

// What the first bytes of an input say about its encoding: "utf-8-bom",
// "utf-16le" or "utf-16be" (from a byte-order mark or, without one, from the
// NUL pattern of mostly-Latin UTF-16 text), or "" when only the content can
// tell (UTF-8 or Windows-1252). Inputs sniffed as "" can be decoded piecewise
// (for example line by line) with the same result as a whole.
std::string_view SniffEncoding(std::string_view bytes);

// kInvalidInput "binary data (N NUL bytes in the first 8 KiB)" (or "... N
// control bytes ...") if the first 8 KiB of byte-oriented `bytes` look like
// binary data rather than text: more than 1 in 20 bytes NUL, or more than 1
// in 16 (and at least 4) NUL or C0 control bytes other than \t \n \v \f \r
// and ESC. A few stray control characters are text (the cleaner drops them).
// DecodeBytes applies this itself; it is exposed for readers that decode
// piecewise.
Status CheckNotBinary(std::string_view bytes);

// Gunzips `bytes` (concatenated members allowed; data after the last member
// that is not another gzip member is ignored, as gzip(1) does). A truncated
// stream is kInvalidInput "truncated gzip stream after N bytes" (N = bytes
// decompressed before the input ran out); a corrupt one kInvalidInput
// "corrupt gzip stream: <zlib message>"; more than `max_bytes` of output is
// kTooLarge.
Result<std::string> Gunzip(std::string_view bytes, size_t max_bytes);

// True if `bytes` starts with the gzip magic number (1f 8b).
bool HasGzipMagic(std::string_view bytes);

}  // namespace dossier

#endif  // DOSSIER_INGEST_DECODE_H_
