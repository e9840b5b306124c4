#include "dossier/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "dossier/utf8.h"

namespace dossier {

void JsonWriter::Key(std::string_view key) {
  Sep();
  Escape(key, out_);
  out_->push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  Sep();
  Escape(s, out_);
}

void JsonWriter::Int(int64_t v) {
  Sep();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_->append(buf, r.ptr);
}

void JsonWriter::Double(double v) {
  Sep();
  if (!std::isfinite(v)) {
    out_->append("null");
    return;
  }
  char buf[32];
  // Whole numbers (counts: 80000, 3000000) print without an exponent;
  // others with 7 significant digits (coordinates to ~10 m, confidences).
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
    out_->append(buf, r.ptr);
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
      out_->append(buf, p);
      return;
    }
  }
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 7);
  out_->append(buf, r.ptr);
}

void JsonWriter::Pair(int64_t a, int64_t b) {
  Sep();
  char na[24], nb[24];
  char* ea = std::to_chars(na, na + sizeof na, a).ptr;
  char* eb = std::to_chars(nb, nb + sizeof nb, b).ptr;
  out_->push_back('[');
  out_->append(na, ea);
  out_->push_back(',');
  out_->append(nb, eb);
  out_->push_back(']');
}

void JsonWriter::Escape(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  size_t i = 0, n = s.size();
  size_t run = 0;  // start of a run of bytes that need no escaping
  auto flush = [&](size_t upto) { out->append(s.data() + run, upto - run); };
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
          out->append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
          i += 3;
          run = i;
          continue;
        }
        i += len;
        continue;
      }
      flush(i);
      out->append("\xEF\xBF\xBD");
      ++i;
      run = i;
      continue;
    }
    flush(i);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default: {
        char buf[7] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15], 0};
        out->append(buf, 6);
      }
    }
    ++i;
    run = i;
  }
  flush(n);
  out->push_back('"');
}

}  // namespace dossier
