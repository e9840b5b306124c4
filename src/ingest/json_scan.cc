// Source-level JSON scanning for JSONL bodies: locate a top-level string
// member and decode its escapes with an offset map (see json_scan.h).
#include "ingest/json_scan.h"

#include <cstring>

#include "dossier/utf8.h"

namespace dossier::json_scan {
namespace {

constexpr size_t kNpos = std::string_view::npos;

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsJsonSpace(s[i])) ++i;
  return i;
}

// `i` is just after an opening quote; returns the index of the closing quote
// or npos. A quote preceded by an odd run of backslashes is escaped.
size_t FindStringEnd(std::string_view s, size_t i) {
  const size_t start = i;
  while (i < s.size()) {
    const void* hit = std::memchr(s.data() + i, '"', s.size() - i);
    if (hit == nullptr) return kNpos;
    const size_t quote =
        static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    size_t backslashes = 0;
    while (quote - backslashes > start && s[quote - backslashes - 1] == '\\')
      ++backslashes;
    if (backslashes % 2 == 0) return quote;
    i = quote + 1;
  }
  return kNpos;
}

// Skips one value starting at `i` (not a string); returns the index after
// it or npos.
size_t SkipValue(std::string_view s, size_t i) {
  if (i >= s.size()) return kNpos;
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (c == '"') {
        i = FindStringEnd(s, i + 1);
        if (i == kNpos) return kNpos;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return kNpos;
  }
  // Number or literal.
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
         !IsJsonSpace(s[i]))
    ++i;
  return i;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool KeyEquals(std::string_view json, StringExtent key,
               std::string_view wanted) {
  const std::string_view literal = json.substr(key.begin, key.end - key.begin);
  if (literal.find('\\') == kNpos) return literal == wanted;
  TextBuilder decoded;
  return DecodeString(json, key, &decoded) && decoded.text() == wanted;
}

}  // namespace

int ReadUnicodeEscape(std::string_view s, size_t i) {
  if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
  int v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    const int h = HexValue(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

std::optional<StringExtent> FindTopLevelString(std::string_view json,
                                               std::string_view key) {
  size_t i = SkipSpace(json, 0);
  if (i >= json.size() || json[i] != '{') return std::nullopt;
  i = SkipSpace(json, i + 1);
  std::optional<StringExtent> found;
  if (i < json.size() && json[i] == '}') return std::nullopt;
  while (i < json.size()) {
    if (json[i] != '"') return std::nullopt;
    const size_t key_end = FindStringEnd(json, i + 1);
    if (key_end == kNpos) return std::nullopt;
    const bool match = KeyEquals(json, {i + 1, key_end}, key);
    i = SkipSpace(json, key_end + 1);
    if (i >= json.size() || json[i] != ':') return std::nullopt;
    i = SkipSpace(json, i + 1);
    if (i >= json.size()) return std::nullopt;
    if (json[i] == '"') {
      const size_t value_end = FindStringEnd(json, i + 1);
      if (value_end == kNpos) return std::nullopt;
      if (match) found = StringExtent{i + 1, value_end};
      i = value_end + 1;
    } else {
      if (match) found.reset();  // a later non-string value wins
      i = SkipValue(json, i);
      if (i == kNpos) return std::nullopt;
    }
    i = SkipSpace(json, i);
    if (i >= json.size()) return std::nullopt;
    if (json[i] == '}') return found;
    if (json[i] != ',') return std::nullopt;
    i = SkipSpace(json, i + 1);
  }
  return std::nullopt;
}

bool DecodeString(std::string_view json, StringExtent extent,
                  TextBuilder* out) {
  size_t i = extent.begin;
  const size_t end = extent.end;
  std::string utf8;
  while (i < end) {
    const void* hit = std::memchr(json.data() + i, '\\', end - i);
    const size_t esc =
        hit ? static_cast<size_t>(static_cast<const char*>(hit) - json.data())
            : end;
    if (esc > i) out->Copy(json.substr(i, esc - i), i);
    if (esc == end) break;
    if (esc + 1 >= end) return false;
    const char kind = json[esc + 1];
    char simple = 0;
    switch (kind) {
      case '"':
        simple = '"';
        break;
      case '\\':
        simple = '\\';
        break;
      case '/':
        simple = '/';
        break;
      case 'b':
        simple = '\b';
        break;
      case 'f':
        simple = '\f';
        break;
      case 'n':
        simple = '\n';
        break;
      case 'r':
        simple = '\r';
        break;
      case 't':
        simple = '\t';
        break;
      case 'u':
        break;
      default:
        return false;
    }
    if (kind != 'u') {
      out->Replace(std::string_view(&simple, 1), esc, esc + 2);
      i = esc + 2;
      continue;
    }
    const int unit = esc + 6 <= end ? ReadUnicodeEscape(json, esc) : -1;
    if (unit < 0) return false;
    char32_t cp = static_cast<char32_t>(unit);
    size_t consumed = 6;
    if (IsHighSurrogate(unit)) {
      const int low = esc + 12 <= end ? ReadUnicodeEscape(json, esc + 6) : -1;
      if (IsLowSurrogate(low)) {
        cp = 0x10000 + ((static_cast<char32_t>(unit) - 0xD800) << 10) +
             (static_cast<char32_t>(low) - 0xDC00);
        consumed = 12;
      } else {
        cp = 0xFFFD;
      }
    } else if (IsLowSurrogate(unit)) {
      cp = 0xFFFD;
    }
    utf8.clear();
    utf8::Append(cp, &utf8);
    out->Replace(utf8, esc, esc + consumed);
    i = esc + consumed;
  }
  return true;
}

bool HasSurrogateEscape(std::string_view json) {
  for (size_t i = json.find('\\'); i != kNpos; i = json.find('\\', i)) {
    if (i + 1 < json.size() && json[i + 1] == 'u') {
      const int unit = ReadUnicodeEscape(json, i);
      if (IsHighSurrogate(unit) || IsLowSurrogate(unit)) return true;
    }
    i += 2;  // skip the escaped character (also an escaped backslash)
  }
  return false;
}

std::string ReplaceLoneSurrogateEscapes(std::string_view json) {
  std::string out(json);
  size_t i = json.find('\\');
  while (i != kNpos && i < json.size()) {
    if (i + 1 < json.size() && json[i + 1] == 'u') {
      const int unit = ReadUnicodeEscape(json, i);
      if (IsHighSurrogate(unit) &&
          IsLowSurrogate(ReadUnicodeEscape(json, i + 6))) {
        i = json.find('\\', i + 12);
        continue;
      }
      if (IsHighSurrogate(unit) || IsLowSurrogate(unit))
        out.replace(i, 6, "\\uFFFD");
    }
    i = json.find('\\', i + 2);
  }
  return out;
}

}  // namespace dossier::json_scan
