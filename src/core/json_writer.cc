#include "dossier/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <new>

#include "core/byte_scan.h"
#include "dossier/utf8.h"

namespace dossier {

void JsonWriter::Grow(size_t n) {
  const size_t cap = std::max(pos_ + n, cap_ * 2 + 4096);
  char* p = static_cast<char*>(std::realloc(buf_, cap));
  if (p == nullptr) throw std::bad_alloc();
  buf_ = p;
  cap_ = cap;
}

namespace {

// Copies s[0, n), n <= 64, to d while testing it a word at a time (the
// last word overlaps the one before it; under eight bytes, two overlapping
// halves or three bytes padded with spaces). False as soon as a byte needs
// escaping; d then holds part of a copy, which the caller writes over.
// Inline word moves: most of these strings are a few bytes long, where a
// call to memcpy costs more than the copy.
inline bool CopyIfPlain(char* d, const char* s, size_t n) {
  if (n >= 8) {
    uint64_t w;
    for (size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&w, s + i, 8);
      if (!JsonPlainWord(w)) return false;
      std::memcpy(d + i, &w, 8);
    }
    std::memcpy(&w, s + n - 8, 8);
    if (!JsonPlainWord(w)) return false;
    std::memcpy(d + n - 8, &w, 8);
    return true;
  }
  if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, s, 4);
    std::memcpy(&b, s + n - 4, 4);
    if (!JsonPlainWord(a | static_cast<uint64_t>(b) << 32)) return false;
    std::memcpy(d, &a, 4);
    std::memcpy(d + n - 4, &b, 4);
    return true;
  }
  if (n == 0) return true;
  const auto byte = [&](size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(s[i])); };
  if (!JsonPlainWord(byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16 | 0x2020202020000000ULL))
    return false;
  d[0] = s[0];
  d[n / 2] = s[n / 2];
  d[n - 1] = s[n - 1];
  return true;
}

}  // namespace

// Plain ASCII with nothing to escape (nearly every value but the text) is
// copied as it is tested; the rest goes through EscapeGeneral, kept out of
// line so that this path stays short.
void JsonWriter::EscapeHere(std::string_view s) {
  if (s.size() <= 64) {
    char* p = Room(s.size() + 2);
    if (CopyIfPlain(p + 1, s.data(), s.size())) {
      p[0] = '"';
      p[s.size() + 1] = '"';
      pos_ += s.size() + 2;
      return;
    }
  }
  EscapeGeneral(s);
}

void JsonWriter::Key(std::string_view key) {
  Sep();
  EscapeHere(key);
  Put(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  Sep();
  EscapeHere(s);
  Done();
}

void JsonWriter::Int(int64_t v) {
  Sep();
  char* p = Room(24);
  pos_ = static_cast<size_t>(std::to_chars(p, p + 24, v).ptr - buf_);
  Done();
}

void JsonWriter::Double(double v) {
  Sep();
  if (!std::isfinite(v)) {
    Put("null", 4);
    Done();
    return;
  }
  char buf[32];
  // Whole numbers (counts: 80000, 3000000) print without an exponent;
  // others with 7 significant digits (coordinates to ~10 m, confidences).
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
    Put(buf, static_cast<size_t>(r.ptr - buf));
    Done();
    return;
  }
  // Most of the rest are confidences with two decimals (0.85): written
  // directly, which gives the same text as the general form below (within
  // 1e-9 of n/100 and >= 0.01, seven significant digits round to n/100) at
  // a tenth of the cost.
  const double a = std::fabs(v);
  if (a >= 0.01 && a < 1e5) {
    const double scaled = a * 100;
    const double n = std::nearbyint(scaled);
    if (std::fabs(scaled - n) < 1e-7) {
      const int64_t cents = static_cast<int64_t>(n);
      char* p = buf;
      if (v < 0) *p++ = '-';
      p = std::to_chars(p, buf + sizeof buf, cents / 100).ptr;
      const int frac = static_cast<int>(cents % 100);
      if (frac != 0) {
        *p++ = '.';
        *p++ = static_cast<char>('0' + frac / 10);
        if (frac % 10 != 0) *p++ = static_cast<char>('0' + frac % 10);
      }
      Put(buf, static_cast<size_t>(p - buf));
      Done();
      return;
    }
  }
  // The rest between 1 and 1e5 (coordinates) by hand as well: seven
  // significant digits are a * 10^(7 - integer digits) rounded, which is
  // exact unless that product lies within 1e-6 of a rounding tie (its error
  // is below 1e-8 under 1e7); those, and a rounding up to a new digit, take
  // the general form.
  if (a >= 1 && a < 1e5) {
    int digits = 1;
    int64_t scale = 1000000;
    for (double p10 = 10; a >= p10; p10 *= 10) {
      ++digits;
      scale /= 10;
    }
    const double scaled = a * static_cast<double>(scale);
    const double n = std::nearbyint(scaled);
    if (std::fabs(std::fabs(scaled - n) - 0.5) > 1e-6 && n < 1e7) {
      const int64_t all = static_cast<int64_t>(n);
      int64_t frac = all % scale;
      char* p = buf;
      if (v < 0) *p++ = '-';
      p = std::to_chars(p, buf + sizeof buf, all / scale).ptr;
      if (frac != 0) {
        int places = 7 - digits;
        while (frac % 10 == 0) {
          frac /= 10;
          --places;
        }
        *p++ = '.';
        for (int k = places - 1; k >= 0; --k) {
          p[k] = static_cast<char>('0' + frac % 10);
          frac /= 10;
        }
        p += places;
      }
      Put(buf, static_cast<size_t>(p - buf));
      Done();
      return;
    }
  }
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 7);
  Put(buf, static_cast<size_t>(r.ptr - buf));
  Done();
}

void JsonWriter::Pair(int64_t a, int64_t b) {
  Sep();
  char* const begin = Room(51);
  char* p = begin;
  *p++ = '[';
  p = std::to_chars(p, p + 24, a).ptr;
  *p++ = ',';
  p = std::to_chars(p, p + 24, b).ptr;
  *p++ = ']';
  pos_ += static_cast<size_t>(p - begin);
  Done();
}

namespace {

// The escaping loop, over any sink with Append(const char*, size_t) and
// Push(char).
template <class Sink>
void EscapeInto(std::string_view s, Sink& out) {
  static const char kHex[] = "0123456789abcdef";
  out.Push('"');
  size_t i = 0, n = s.size();
  size_t run = 0;  // start of a run of bytes that need no escaping
  auto flush = [&](size_t upto) { out.Append(s.data() + run, upto - run); };
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  while (i < n) {
    // Skip eight plain ASCII bytes at a time (no control byte, quote,
    // backslash or byte >= 0x80).
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      uint64_t ctrl = (w - kOnes * 0x20) & ~w & kHigh;
      uint64_t q = w ^ (kOnes * '"'), bs = w ^ (kOnes * '\\');
      uint64_t quote = (q - kOnes) & ~q & kHigh;
      uint64_t back = (bs - kOnes) & ~bs & kHigh;
      if ((ctrl | quote | back | (w & kHigh)) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t len = utf8::SeqLen(c);
      bool ok = len > 1 && i + len <= n;
      for (size_t k = 1; ok && k < len; ++k)
        ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
      if (ok) {
        // U+2028/2029 are valid JSON but break JavaScript line parsing.
        if (len == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
             static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
          flush(i);
          out.Append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029", 6);
          i += 3;
          run = i;
          continue;
        }
        i += len;
        continue;
      }
      flush(i);
      out.Append("\xEF\xBF\xBD", sizeof("\xEF\xBF\xBD") - 1);
      ++i;
      run = i;
      continue;
    }
    flush(i);
    switch (c) {
      case '"': out.Append("\\\"", sizeof("\\\"") - 1); break;
      case '\\': out.Append("\\\\", sizeof("\\\\") - 1); break;
      case '\n': out.Append("\\n", sizeof("\\n") - 1); break;
      case '\r': out.Append("\\r", sizeof("\\r") - 1); break;
      case '\t': out.Append("\\t", sizeof("\\t") - 1); break;
      case '\b': out.Append("\\b", sizeof("\\b") - 1); break;
      case '\f': out.Append("\\f", sizeof("\\f") - 1); break;
      default: {
        char buf[7] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15], 0};
        out.Append(buf, 6);
      }
    }
    ++i;
    run = i;
  }
  flush(n);
  out.Push('"');
}

struct StringSink {
  std::string* s;
  void Append(const char* p, size_t n) { s->append(p, n); }
  void Push(char c) { s->push_back(c); }
};

}  // namespace

void JsonWriter::Escape(std::string_view s, std::string* out) {
  out->reserve(out->size() + s.size() + 2);
  StringSink sink{out};
  EscapeInto(s, sink);
}

// Through the cursor: room for the plain case up front, more only when an
// escape needs it.
void JsonWriter::EscapeGeneral(std::string_view s) {
  struct CursorSink {
    JsonWriter* w;
    void Append(const char* p, size_t n) { w->Put(p, n); }
    void Push(char c) { w->Put(c); }
  } sink{this};
  Room(s.size() + 2);
  EscapeInto(s, sink);
}

}  // namespace dossier
