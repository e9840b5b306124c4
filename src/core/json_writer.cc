#include "dossier/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/byte_scan.h"
#include "dossier/utf8.h"

namespace dossier {

void JsonWriter::Detach() {
  out_->resize(pos_);
  buf_ = nullptr;
  pos_ = cap_ = 0;
}

void JsonWriter::Grow(size_t n) {
  if (buf_ == nullptr) pos_ = out_->size();
  out_->resize(pos_ + std::max(n, kGrowStep));
  buf_ = out_->data();
  cap_ = out_->size();
}

namespace {

// JsonPlainWord, in an SSE2 register where there is one (the word in the
// low half; the zero bytes of the high half are not looked at): this keeps
// the 64-bit constants of the scalar test out of CopyIfPlain's registers.
inline bool PlainWord(uint64_t w) {
#if defined(__SSE2__)
  return (JsonSpecial16(_mm_cvtsi64_si128(static_cast<long long>(w))) & 0xFF) == 0;
#else
  return JsonPlainWord(w);
#endif
}

// Copies s[0, n), n <= 64, to d while testing it a word at a time (the
// last word overlaps the one before it; under eight bytes, two overlapping
// halves or three bytes padded with spaces). False as soon as a byte needs
// escaping; d then holds part of a copy, which the caller writes over.
// Inline word moves: most of these strings are a few bytes long, where a
// call to memcpy costs more than the copy.
inline bool CopyIfPlain(char* d, const char* s, size_t n) {
#if defined(__SSE2__)
  // Sixteen bytes a step; eight to fifteen as two overlapping halves in one
  // register.
  if (n >= 16) {
    __m128i v;
    for (size_t i = 0; i + 16 < n; i += 16) {
      v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      if (JsonSpecial16(v) != 0) return false;
      _mm_storeu_si128(reinterpret_cast<__m128i*>(d + i), v);
    }
    v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + n - 16));
    if (JsonSpecial16(v) != 0) return false;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(d + n - 16), v);
    return true;
  }
  if (n >= 8) {
    const __m128i lo = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(s));
    const __m128i hi = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(s + n - 8));
    if (JsonSpecial16(_mm_unpacklo_epi64(lo, hi)) != 0) return false;
    _mm_storel_epi64(reinterpret_cast<__m128i*>(d), lo);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(d + n - 8), hi);
    return true;
  }
#else
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
#endif
  if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, s, 4);
    std::memcpy(&b, s + n - 4, 4);
    if (!PlainWord(a | static_cast<uint64_t>(b) << 32)) return false;
    std::memcpy(d, &a, 4);
    std::memcpy(d + n - 4, &b, 4);
    return true;
  }
  if (n == 0) return true;
  const auto byte = [&](size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(s[i])); };
  if (!PlainWord(byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16 | 0x2020202020000000ULL))
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
  comma_ = false;
}

// A short plain string where there is room; the rest (and a string that
// turns out to need escaping, whatever was copied) by StringGeneral.
void JsonWriter::String(std::string_view s) {
  const size_t n = s.size();
  if (n <= 64) {
    if (char* p = SepRoomIfFits(n + 2); p != nullptr && CopyIfPlain(p + 1, s.data(), n)) {
      p[0] = '"';
      p[n + 1] = '"';
      EndValue(p + n + 2);
      return;
    }
  }
  StringGeneral(s);
}

// Up to 32 plain bytes with one load, or two overlapping ones (both inside
// s past 16), where there is room for whole 16-byte stores; the rest by
// String. A short string's load takes bytes past its end, masked off in the
// test and written past the cursor, where the next value writes over them.
void JsonWriter::StringReadable16(std::string_view s) {
#if defined(__SSE2__)
  const size_t n = s.size();
  if (n <= 32 && pos_ + 35 <= cap_) {
    char* p = buf_ + pos_;
    *p = ',';
    p += comma_;
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data()));
    if (n <= 16) {
      if ((JsonSpecial16(a) & ((1u << n) - 1)) == 0) {
        p[0] = '"';
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p + 1), a);
        p[n + 1] = '"';
        EndValue(p + n + 2);
        return;
      }
    } else {
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + n - 16));
      if ((JsonSpecial16(a) | JsonSpecial16(b)) == 0) {
        p[0] = '"';
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p + 1), a);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p + n - 15), b);
        p[n + 1] = '"';
        EndValue(p + n + 2);
        return;
      }
    }
  }
#endif
  String(s);
}

// EscapeHere with the separator folded into the one check for room.
void JsonWriter::StringGeneral(std::string_view s) {
  const size_t n = s.size();
  if (n <= 64) {
    char* p = SepRoom(n + 2);
    if (CopyIfPlain(p + 1, s.data(), n)) {
      p[0] = '"';
      p[n + 1] = '"';
      pos_ += n + 2;
      Done();
      return;
    }
  } else {
    Sep();
  }
  EscapeGeneral(s);
  Done();
}

namespace {

// "00" to "99", two bytes each.
struct DigitPairs {
  char c[200];
  constexpr DigitPairs() : c() {
    for (int i = 0; i < 100; ++i) {
      c[2 * i] = static_cast<char>('0' + i / 10);
      c[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
  }
};
constexpr DigitPairs kDigitPairs;

// The two digits of v < 100.
inline const char* Pair2(uint32_t v) { return kDigitPairs.c + 2 * v; }

// Writes v < 10000 at p, without leading zeros; returns the end.
inline char* WriteUpTo4(char* p, uint32_t v) {
  if (v < 10) {
    *p = static_cast<char>('0' + v);
    return p + 1;
  }
  if (v < 100) {
    std::memcpy(p, Pair2(v), 2);
    return p + 2;
  }
  const uint32_t high = v / 100, low = v % 100;
  if (v < 1000) {
    *p = static_cast<char>('0' + high);
    std::memcpy(p + 1, Pair2(low), 2);
    return p + 3;
  }
  std::memcpy(p, Pair2(high), 2);
  std::memcpy(p + 2, Pair2(low), 2);
  return p + 4;
}

// std::to_chars, out of line: inlined, it costs the callers of
// WriteDecimal the saving and restoring of registers on every call.
[[gnu::noinline]] char* WriteLongDecimal(char* p, uint64_t v) {
  return std::to_chars(p, p + 20, v).ptr;
}

// Writes v < 10^8 at p as two groups of four digits, without leading
// zeros; returns the end.
inline char* WriteBelow1e8(char* p, uint32_t v) {
  if (v < 10000) return WriteUpTo4(p, v);
  p = WriteUpTo4(p, v / 10000);
  const uint32_t low = v % 10000;
  std::memcpy(p, Pair2(low / 100), 2);
  std::memcpy(p + 2, Pair2(low % 100), 2);
  return p + 4;
}

// Writes v in decimal at p (at most 20 bytes) and returns the end: what
// std::to_chars writes. Most values here are offsets of a few digits:
// those below 10^8 by WriteBelow1e8, the rest by to_chars.
inline char* WriteDecimal(char* p, uint64_t v) {
  if (v < 100000000) return WriteBelow1e8(p, static_cast<uint32_t>(v));
  return WriteLongDecimal(p, v);
}

inline char* WriteInt(char* p, int64_t v) {
  if (v >= 0) return WriteDecimal(p, static_cast<uint64_t>(v));
  *p = '-';
  // Unsigned negation: exact for INT64_MIN too.
  return WriteDecimal(p + 1, 0 - static_cast<uint64_t>(v));
}

}  // namespace

// Offsets and counts (0 to 10^8) where there is room; the rest by IntGeneral.
void JsonWriter::Int(int64_t v) {
  if (static_cast<uint64_t>(v) < 100000000) {
    if (char* p = SepRoomIfFits(20)) {
      EndValue(WriteDecimal(p, static_cast<uint64_t>(v)));
      return;
    }
  }
  IntGeneral(v);
}

void JsonWriter::IntGeneral(int64_t v) {
  char* p = SepRoom(20);
  pos_ = static_cast<size_t>(WriteInt(p, v) - buf_);
  Done();
}

namespace {

// Double's general case: writes v at `at` (room for 32 bytes), returns the
// end.
char* WriteDouble(char* const at, double v) {
  if (!std::isfinite(v)) {
    std::memcpy(at, "null", 4);
    return at + 4;
  }
  // Whole numbers (counts: 80000, 3000000) print without an exponent;
  // others with 7 significant digits (coordinates to ~10 m, confidences).
  // (Under 1e15 the int64_t conversion is exact for whole numbers, and
  // v == trunc(v) is that round trip, without the call to trunc.)
  if (std::fabs(v) < 1e15 && static_cast<double>(static_cast<int64_t>(v)) == v) {
    return WriteInt(at, static_cast<int64_t>(v));
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
      char* p = at;
      if (v < 0) *p++ = '-';
      p = WriteDecimal(p, static_cast<uint64_t>(cents / 100));
      const int frac = static_cast<int>(cents % 100);
      if (frac != 0) {
        *p++ = '.';
        *p++ = static_cast<char>('0' + frac / 10);
        if (frac % 10 != 0) *p++ = static_cast<char>('0' + frac % 10);
      }
      return p;
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
      char* p = at;
      if (v < 0) *p++ = '-';
      p = WriteDecimal(p, static_cast<uint64_t>(all / scale));
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
      return p;
    }
  }
  return std::to_chars(at, at + 32, v, std::chars_format::general, 7).ptr;
}

// nearbyint(x) for 0 <= x < 2^52 (in the default rounding mode): adding
// 2^52 leaves no bits below the units, rounded to nearest even.
inline double RoundHalfEven(double x) {
  constexpr double k2p52 = 4503599627370496.0;
  return (x + k2p52) - k2p52;
}

}  // namespace

void JsonWriter::Double(double v) {
  // The common values with nothing out of line, as WriteDouble writes them:
  // whole numbers (counts) and two decimals (confidences) where there is
  // room (for the longest form: to_chars writes 14); the rest by
  // DoubleGeneral. NaN fails the first test.
  const double a = std::fabs(v);
  if (a < 1e5) [[likely]] {
    if (char* p = SepRoomIfFits(32)) {
      const int64_t whole = static_cast<int64_t>(v);
      if (static_cast<double>(whole) == v) {
        uint64_t u = static_cast<uint64_t>(whole);  // |whole| < 10^5
        if (whole < 0) {
          *p++ = '-';
          u = 0 - u;
        }
        EndValue(WriteBelow1e8(p, static_cast<uint32_t>(u)));
        return;
      }
      if (a >= 0.01) {
        const double scaled = a * 100;
        const double n = RoundHalfEven(scaled);
        if (std::fabs(scaled - n) < 1e-7) {
          const uint32_t cents = static_cast<uint32_t>(n);
          if (v < 0) *p++ = '-';
          p = WriteBelow1e8(p, cents / 100);
          const uint32_t frac = cents % 100;
          if (frac != 0) {
            // Both digits, the second kept unless it is a trailing zero.
            *p = '.';
            std::memcpy(p + 1, Pair2(frac), 2);
            p += frac % 10 != 0 ? 3 : 2;
          }
          EndValue(p);
          return;
        }
      }
    }
  }
  DoubleGeneral(v);
}

void JsonWriter::DoubleGeneral(double v) {
  char* const at = SepRoom(32);
  pos_ = static_cast<size_t>(WriteDouble(at, v) - buf_);
  Done();
}

// Offsets (0 to 10^8) where there is room; the rest by PairGeneral.
void JsonWriter::Pair(int64_t a, int64_t b) {
  if (static_cast<uint64_t>(a) < 100000000 && static_cast<uint64_t>(b) < 100000000) {
    if (char* p = SepRoomIfFits(43)) {
      *p++ = '[';
      p = WriteBelow1e8(p, static_cast<uint32_t>(a));
      *p++ = ',';
      p = WriteBelow1e8(p, static_cast<uint32_t>(b));
      *p++ = ']';
      EndValue(p);
      return;
    }
  }
  PairGeneral(a, b);
}

void JsonWriter::PairGeneral(int64_t a, int64_t b) {
  char* p = SepRoom(43);
  *p++ = '[';
  p = WriteInt(p, a);
  *p++ = ',';
  p = WriteInt(p, b);
  *p++ = ']';
  pos_ = static_cast<size_t>(p - buf_);
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
  while (i < n) {
#if defined(__SSE2__)
    // Skip sixteen plain ASCII bytes at a time, or up to the first byte
    // that needs a look.
    while (i + 16 <= n) {
      const unsigned special =
          JsonSpecial16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)));
      if (special != 0) {
        i += static_cast<size_t>(__builtin_ctz(special));
        break;
      }
      i += 16;
    }
#else
    // Skip eight plain ASCII bytes at a time (no control byte, quote,
    // backslash or byte >= 0x80).
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (!JsonPlainWord(w)) break;
      i += 8;
    }
#endif
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
// escape needs it. A long string (the article's text) is appended to *out
// instead, which is then taken up again after it: growing the cursor's room
// would zero-fill as many bytes as the string is long, only to write over
// them.
void JsonWriter::EscapeGeneral(std::string_view s) {
  if (s.size() > kGrowStep) {
    if (buf_ != nullptr) out_->resize(pos_);
    Escape(s, out_);
    buf_ = out_->data();
    pos_ = cap_ = out_->size();
    return;
  }
  struct CursorSink {
    JsonWriter* w;
    void Append(const char* p, size_t n) { w->Put(p, n); }
    void Push(char c) { w->Put(c); }
  } sink{this};
  Room(s.size() + 2);
  EscapeInto(s, sink);
}

}  // namespace dossier
