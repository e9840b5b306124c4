// Decoding raw bytes to UTF-8 with the encoding recorded. Invalid UTF-8 falls
// back to Windows-1252 (a superset of Latin-1 for printable text) through ICU.
#ifndef DOSSIER_INGEST_DECODE_H_
#define DOSSIER_INGEST_DECODE_H_

#include <string>
#include <string_view>
#include <vector>

#include "dossier/document.h"
#include "dossier/status.h"

namespace dossier {

struct Decoded {
  std::string text;      // UTF-8, BOM removed
  std::string encoding;  // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"
  std::vector<Diagnostic> diagnostics;
};

// Decodes `bytes`: UTF-8 BOM, UTF-16 LE/BE BOM, valid UTF-8, else
// Windows-1252. Fails (kInvalidInput) on binary data (NUL-heavy input that
// is not UTF-16) with a message naming the problem.
Result<Decoded> DecodeBytes(std::string_view bytes);

// Gunzips `bytes` (concatenated members allowed). A truncated or corrupt
// stream is kInvalidInput; more than `max_bytes` of output is kTooLarge.
Result<std::string> Gunzip(std::string_view bytes, size_t max_bytes);

}  // namespace dossier

#endif  // DOSSIER_INGEST_DECODE_H_
