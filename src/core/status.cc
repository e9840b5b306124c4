#include "dossier/status.h"

namespace dossier {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidInput: return "invalid_input";
    case StatusCode::kTooLarge: return "too_large";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kIo: return "io";
    case StatusCode::kStorage: return "storage";
    case StatusCode::kUsage: return "usage";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace dossier
