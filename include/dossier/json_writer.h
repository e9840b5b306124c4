// A small streaming JSON writer for the hot output path (one record per
// document). It writes straight into a std::string with correct escaping of
// every control character and invalid byte; reading JSON is left to
// nlohmann::json.
#ifndef DOSSIER_JSON_WRITER_H_
#define DOSSIER_JSON_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dossier {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Sep(); out_->push_back('{'); first_ = true; }
  void EndObject() { out_->push_back('}'); first_ = false; }
  void BeginArray() { Sep(); out_->push_back('['); first_ = true; }
  void EndArray() { out_->push_back(']'); first_ = false; }
  // Writes `"key":`; the next value follows without a comma.
  void Key(std::string_view key);
  // A literal key (every key of the record) is plain ASCII with nothing to
  // escape: appended as is, which keeps the per-mention keys cheap.
  template <size_t N>
  void Key(const char (&key)[N]) {
    Sep();
    out_->push_back('"');
    out_->append(key, N - 1);
    out_->append("\":", 2);
    after_key_ = true;
  }

  void String(std::string_view s);
  void OptString(const std::optional<std::string>& s) {
    if (s) String(*s); else Null();
  }
  // An empty string is written as null (fields that are "unknown" when empty).
  void StringOrNull(std::string_view s) {
    if (s.empty()) Null(); else String(s);
  }
  void Int(int64_t v);
  void Double(double v);
  void Bool(bool v) { Sep(); out_->append(v ? "true" : "false"); }
  void Null() { Sep(); out_->append("null"); }
  // Writes [a, b].
  void Pair(int64_t a, int64_t b);

  // Appends `s` to `out` as a JSON string literal (with quotes). Invalid
  // UTF-8 bytes become U+FFFD so the output is always valid JSON.
  static void Escape(std::string_view s, std::string* out);

 private:
  void Sep() {
    if (after_key_) { after_key_ = false; return; }
    if (!first_) out_->push_back(',');
    first_ = false;
  }
  std::string* out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace dossier

#endif  // DOSSIER_JSON_WRITER_H_
