#include "dossier/document.h"

namespace dossier {

const char* FormatName(Format f) {
  switch (f) {
    case Format::kText: return "text";
    case Format::kMarkdown: return "markdown";
    case Format::kHtml: return "html";
    case Format::kJsonl: return "jsonl";
    case Format::kCsv: return "csv";
  }
  return "text";
}

const char* LevelName(Diagnostic::Level l) {
  switch (l) {
    case Diagnostic::Level::kInfo: return "info";
    case Diagnostic::Level::kWarning: return "warning";
    case Diagnostic::Level::kError: return "error";
  }
  return "warning";
}

}  // namespace dossier
