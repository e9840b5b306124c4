// Language identification with CLD2 (tables built into libcld2).
#include <cstdio>

#include <cld2/public/compact_lang_det.h>

#include "clean/cleaner.h"
#include "dossier/utf8.h"

namespace dossier {

std::optional<std::string> DetectLanguage(std::string_view text) {
  if (text.size() < 16) return std::nullopt;
  // CLD2 requires valid UTF-8; the cleaned text always is.
  bool reliable = false;
  int bytes_found = 0;
  CLD2::Language lang3[3];
  int percent3[3];
  CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, lang3, percent3,
      &bytes_found, &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return std::nullopt;
  if (!reliable && percent3[0] < 60) return std::nullopt;
  const char* code = CLD2::LanguageCode(lang);
  if (!code || !*code || std::string_view(code) == "un") return std::nullopt;
  return std::string(code);
}

}  // namespace dossier
