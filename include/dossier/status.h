// Status and Result<T>: how every stage reports failure without exceptions.
// A stage returns a Status (or a Result<T> carrying a value) and the caller
// decides whether the failure ends one document (recorded as a diagnostic) or
// the whole run (the store cannot be opened). No exception crosses a stage
// boundary: code that calls a throwing library wraps it where it is called.
#ifndef DOSSIER_STATUS_H_
#define DOSSIER_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace dossier {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // the input cannot be read as what it claims to be
  kTooLarge,      // a configured limit was exceeded
  kNotFound,      // a file, row or key does not exist
  kIo,            // the operating system refused a read or write
  kStorage,       // the store failed (open, write, migrate)
  kUsage,         // the caller asked for something contradictory
  kInternal,      // a bug in dossier
};

// Returns a short lower-case name for `code` ("invalid_input", ...).
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid_input: message".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidInput(std::string m) {
  return Status(StatusCode::kInvalidInput, std::move(m));
}
inline Status TooLarge(std::string m) {
  return Status(StatusCode::kTooLarge, std::move(m));
}
inline Status NotFound(std::string m) {
  return Status(StatusCode::kNotFound, std::move(m));
}
inline Status IoError(std::string m) {
  return Status(StatusCode::kIo, std::move(m));
}
inline Status StorageError(std::string m) {
  return Status(StatusCode::kStorage, std::move(m));
}
inline Status UsageError(std::string m) {
  return Status(StatusCode::kUsage, std::move(m));
}
inline Status InternalError(std::string m) {
  return Status(StatusCode::kInternal, std::move(m));
}

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace dossier

#define DOSSIER_CONCAT_INNER_(a, b) a##b
#define DOSSIER_CONCAT_(a, b) DOSSIER_CONCAT_INNER_(a, b)

// Returns from the current function if `expr` yields a non-OK Status.
#define DOSSIER_RETURN_IF_ERROR(expr)                \
  do {                                               \
    ::dossier::Status dossier_status_ = (expr);      \
    if (!dossier_status_.ok()) return dossier_status_; \
  } while (0)

// `lhs = value of expr` or return its Status.
#define DOSSIER_ASSIGN_OR_RETURN(lhs, expr)                              \
  auto DOSSIER_CONCAT_(dossier_result_, __LINE__) = (expr);              \
  if (!DOSSIER_CONCAT_(dossier_result_, __LINE__).ok())                  \
    return DOSSIER_CONCAT_(dossier_result_, __LINE__).status();          \
  lhs = std::move(DOSSIER_CONCAT_(dossier_result_, __LINE__)).value()

#endif  // DOSSIER_STATUS_H_
