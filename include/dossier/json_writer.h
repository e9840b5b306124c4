// A small streaming JSON writer for the hot output path (one record per
// document). It writes straight into a std::string with correct escaping of
// every control character and invalid byte; reading JSON is left to
// nlohmann::json.
#ifndef DOSSIER_JSON_WRITER_H_
#define DOSSIER_JSON_WRITER_H_

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace dossier {

class JsonWriter {
 public:
  // Appends to *out. Values are written straight into *out through a
  // cursor, with no buffer of their own to copy from: *out is grown in
  // small zero-filled steps just ahead of the cursor (a std::string cannot
  // grow without filling before C++23) and cut back to what was written
  // whenever a top-level value is complete, by Finish() and by the
  // destructor. Appending to *out between top-level values is fine; the
  // strings written must not point into *out (growing it may move it).
  explicit JsonWriter(std::string* out) : out_(out) {}
  ~JsonWriter() { Finish(); }
  // Capacity for about n more bytes of output up front, so that *out is
  // not reallocated (and copied) as it grows.
  void Reserve(size_t n) { out_->reserve(out_->size() + n); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // The small writers here are inlined by force: a record writer is one
  // long function (Pipeline::Render), past what GCC inlines on its own, and
  // a call costs as much as their work.
  [[gnu::always_inline]] void BeginObject() { Open('{'); }
  [[gnu::always_inline]] void EndObject() { Put('}'); comma_ = true; --depth_; Done(); }
  [[gnu::always_inline]] void BeginArray() { Open('['); }
  [[gnu::always_inline]] void EndArray() { Put(']'); comma_ = true; --depth_; Done(); }
  // Writes `"key":`; the next value follows without a comma.
  void Key(std::string_view key);
  // A literal key (every key of the record) is plain ASCII with nothing to
  // escape: copied as is, which keeps the per-mention keys cheap.
  // The separator is folded in (as Sep() would write it: a key never
  // follows a key), so that one check for room covers all of `,"key":`.
  template <size_t N>
  [[gnu::always_inline]] void Key(const char (&key)[N]) {
    char* p = Room(N + 3);
    const size_t comma = comma_;
    *p = ',';
    p += comma;
    p[0] = '"';
    std::memcpy(p + 1, key, N - 1);
    p[N] = '"';
    p[N + 1] = ':';
    pos_ += comma + N + 2;
    comma_ = false;
  }

  void String(std::string_view s);
  // A std::string can be read sixteen bytes from data() whatever its size
  // (its own buffer holds sixteen, a longer string's more), which lets a
  // short plain one be tested and copied with a load or two.
  void String(const std::string& s) { StringReadable16(s); }
  void String(const char* s) { String(std::string_view(s)); }
  // `s` is part of `whole` (a span of the text): its bytes up to whole's
  // terminating null can be read, which is usually sixteen from s.data().
  void StringIn(std::string_view s, const std::string& whole) {
    if (whole.data() + whole.size() - s.data() >= 15) StringReadable16(s);
    else String(s);
  }
  void OptString(const std::optional<std::string>& s) {
    if (s) String(*s); else Null();
  }
  // An empty string is written as null (fields that are "unknown" when empty).
  void StringOrNull(std::string_view s) {
    if (s.empty()) Null(); else String(s);
  }
  void StringOrNull(const std::string& s) {
    if (s.empty()) Null(); else String(s);
  }
  void Int(int64_t v);
  void Double(double v);
  [[gnu::always_inline]] void Bool(bool v) {
    char* p = SepRoom(5);
    if (v) {
      std::memcpy(p, "true", 4);
      pos_ += 4;
    } else {
      std::memcpy(p, "false", 5);
      pos_ += 5;
    }
    Done();
  }
  [[gnu::always_inline]] void Null() {
    std::memcpy(SepRoom(4), "null", 4);
    pos_ += 4;
    Done();
  }
  // Writes [a, b].
  void Pair(int64_t a, int64_t b);

  // Cuts *out back to what was written so far (also done after every
  // complete top-level value and on destruction).
  void Finish() {
    if (buf_ != nullptr) Detach();
  }

  // Appends `s` to `out` as a JSON string literal (with quotes). Invalid
  // UTF-8 bytes become U+FFFD so the output is always valid JSON.
  static void Escape(std::string_view s, std::string* out);

 private:
  void Sep() {
    if (comma_) Put(',');
    comma_ = true;
  }
  // Sep() and room for n more bytes in one check: the comma is stored
  // unconditionally and kept only when due (as in the literal Key).
  // Returns the cursor after the separator, which pos_ already counts.
  [[gnu::always_inline]] char* SepRoom(size_t n) {
    char* p = Room(n + 1);
    const size_t comma = comma_;
    *p = ',';
    pos_ += comma;
    comma_ = true;
    return p + comma;
  }
  [[gnu::always_inline]] void Open(char bracket) {
    *SepRoom(1) = bracket;
    ++pos_;
    comma_ = false;
    ++depth_;
  }
  // Sep() and a cursor with room for n more bytes after it, or null when
  // there is not (nothing is changed then): for fast paths that leave
  // everything else, growing included, to a general version out of line,
  // and so call nothing themselves.
  char* SepRoomIfFits(size_t n) {
    if (pos_ + n + 1 > cap_) return nullptr;
    char* p = buf_ + pos_;
    const size_t comma = comma_;
    *p = ',';
    return p + comma;
  }
  // The cursor at `end`, after a value begun at SepRoomIfFits.
  void EndValue(char* end) {
    pos_ = static_cast<size_t>(end - buf_);
    comma_ = true;
    Done();
  }
  // String(s) where sixteen bytes can be read at s.data().
  [[gnu::noinline]] void StringReadable16(std::string_view s);
  [[gnu::noinline]] void StringGeneral(std::string_view s);
  [[gnu::noinline]] void IntGeneral(int64_t v);
  [[gnu::noinline]] void DoubleGeneral(double v);
  [[gnu::noinline]] void PairGeneral(int64_t a, int64_t b);
  // Room for n more bytes at the cursor.
  [[gnu::always_inline]] char* Room(size_t n) {
    if (pos_ + n > cap_) [[unlikely]] Grow(n);
    return buf_ + pos_;
  }
  // Grows *out to at least n bytes past the cursor, by kGrowStep at least:
  // small enough that the filling stays in cache until it is written over.
  static constexpr size_t kGrowStep = 1024;
  [[gnu::noinline]] void Grow(size_t n);
  [[gnu::always_inline]] void Put(char c) { *Room(1) = c; ++pos_; }
  void Put(const char* p, size_t n) {
    std::memcpy(Room(n), p, n);
    pos_ += n;
  }
  [[gnu::always_inline]] void Done() {
    if (depth_ == 0) [[unlikely]] Finish();
  }
  // Cuts *out_ to the cursor and lets go of it; out of line so that the
  // value writers, which all end in Done(), stay small.
  [[gnu::noinline]] void Detach();
  // Inline into Key(string_view) (json_writer.cc, its only caller; String
  // has the same fast path with the separator folded in).
  inline void EscapeHere(std::string_view s);
  [[gnu::noinline]] void EscapeGeneral(std::string_view s);

  std::string* out_;
  // While a value is being written: out_->data(), the cursor in it and
  // out_->size(); null and 0 once Finish() has let go (the next value
  // starts at the end of *out_ as it is then).
  char* buf_ = nullptr;
  size_t pos_ = 0, cap_ = 0;
  int depth_ = 0;
  // Whether the next key or value needs a comma first: true after a
  // complete value, false at the start, after an opening bracket and after
  // a key.
  bool comma_ = false;
};

}  // namespace dossier

#endif  // DOSSIER_JSON_WRITER_H_
