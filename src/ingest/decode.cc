// Byte decoding for ingest: BOM and UTF-16 detection, UTF-8 validation, the
// Windows-1252 fallback (a byte table built once from ICU's converter), UTF-16
// conversion through ICU, binary-data rejection and gunzip through zlib.
#include "ingest/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

#include "dossier/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier {
namespace {

constexpr size_t kSniffBytes = 8192;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// UTF-8 encodings of the 256 Windows-1252 bytes, taken from ICU's
// "windows-1252" converter once (a single-byte charset is stateless, so the
// table gives exactly what converting the whole input would). If ICU has no
// such converter the table falls back to Latin-1.
struct Cp1252Table {
  std::array<std::array<char, 4>, 256> utf8;
  std::array<uint8_t, 256> length;
};

const Cp1252Table& GetCp1252Table() {
  static const Cp1252Table table = [] {
    Cp1252Table t{};
    UErrorCode status = U_ZERO_ERROR;
    UConverter* cnv = ucnv_open("windows-1252", &status);
    if (U_FAILURE(status)) cnv = nullptr;
    for (int b = 0; b < 256; ++b) {
      char32_t cp = static_cast<char32_t>(b);  // Latin-1 if ICU fails
      if (cnv != nullptr) {
        char in = static_cast<char>(b);
        UChar out[4];
        UErrorCode err = U_ZERO_ERROR;
        int32_t n = ucnv_toUChars(cnv, out, 4, &in, 1, &err);
        const bool single =
            U_SUCCESS(err) && n == 1 && !U16_IS_SURROGATE(out[0]);
        cp = single ? static_cast<char32_t>(out[0]) : char32_t{0xFFFD};
      }
      std::string enc;
      utf8::Append(cp, &enc);
      t.length[b] = static_cast<uint8_t>(enc.size());
      std::memcpy(t.utf8[b].data(), enc.data(), enc.size());
    }
    if (cnv != nullptr) ucnv_close(cnv);
    return t;
  }();
  return table;
}

std::string Cp1252ToUtf8(std::string_view bytes) {
  const Cp1252Table& table = GetCp1252Table();
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8 + 16);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // Append ASCII runs in one go.
    size_t run = i;
    while (run < n && p[run] < 0x80) ++run;
    if (run > i) {
      out.append(bytes.data() + i, run - i);
      i = run;
      if (i == n) break;
    }
    out.append(table.utf8[p[i]].data(), table.length[p[i]]);
    ++i;
  }
  return out;
}

// Converts UTF-16 code units (host order) to UTF-8 with ICU, in chunks so
// that the int32_t lengths of the ICU API never overflow. Lone surrogates
// become U+FFFD.
void Utf16ToUtf8(const char16_t* units, size_t count, std::string* out) {
  constexpr size_t kChunk = size_t{1} << 20;
  size_t pos = 0;
  while (pos < count) {
    size_t end = std::min(count, pos + kChunk);
    // Keep a surrogate pair together across the chunk boundary.
    if (end < count && U16_IS_LEAD(units[end - 1]) && end - 1 > pos) --end;
    const int32_t len = static_cast<int32_t>(end - pos);
    const size_t old_size = out->size();
    out->resize(old_size + static_cast<size_t>(len) * 3);
    int32_t written = 0;
    int32_t substitutions = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strToUTF8WithSub(out->data() + old_size, len * 3, &written,
                       reinterpret_cast<const UChar*>(units + pos), len, 0xFFFD,
                       &substitutions, &err);
    if (U_FAILURE(err)) written = 0;  // cannot happen with 3 bytes per unit
    out->resize(old_size + static_cast<size_t>(written));
    pos = end;
  }
}

Diagnostic Info(std::string code, std::string message) {
  return Diagnostic{Diagnostic::Level::kInfo, std::move(code),
                    std::move(message)};
}

// Decodes UTF-16 `bytes` (BOM already removed) of the given byte order.
Decoded DecodeUtf16(std::string_view bytes, bool big_endian) {
  Decoded d;
  d.encoding = big_endian ? "utf-16be" : "utf-16le";
  const size_t count = bytes.size() / 2;
  std::u16string units(count, u'\0');
  std::memcpy(units.data(), bytes.data(), count * 2);
  const bool swap = big_endian != (std::endian::native == std::endian::big);
  if (swap) {
    for (char16_t& u : units)
      u = static_cast<char16_t>((u >> 8) | ((u & 0xFF) << 8));
  }
  d.text.reserve(count + count / 4);
  Utf16ToUtf8(units.data(), units.size(), &d.text);
  if (bytes.size() % 2 != 0) {
    utf8::Append(0xFFFD, &d.text);
    d.diagnostics.push_back({Diagnostic::Level::kWarning, "encoding_odd_length",
                             "UTF-16 input has an odd number of bytes; the "
                             "last byte became U+FFFD"});
  }
  return d;
}

// Decodes byte-oriented input (no UTF-16): valid UTF-8 as is (moved out of
// `owned` if given), else Windows-1252. `offset` is where `bytes` starts in
// the original input (after a UTF-8 BOM), for the fallback diagnostic.
Decoded DecodeUtf8OrCp1252(std::string_view bytes, std::string* owned,
                           size_t offset, const char* utf8_name) {
  Decoded d;
  const size_t bad = utf8::FirstInvalid(bytes);
  if (bad == bytes.size()) {
    d.encoding = utf8_name;
    if (owned != nullptr) {
      if (offset > 0) owned->erase(0, offset);
      d.text = std::move(*owned);
    } else {
      d.text.assign(bytes);
    }
    return d;
  }
  d.encoding = "windows-1252";
  d.text = Cp1252ToUtf8(bytes);
  d.diagnostics.push_back(
      Info("encoding_fallback", "invalid UTF-8 at byte " +
                                    std::to_string(offset + bad) +
                                    "; decoded as Windows-1252"));
  return d;
}

Result<Decoded> DecodeImpl(std::string_view bytes, std::string* owned) {
  const std::string_view encoding = SniffEncoding(bytes);
  if (encoding == "utf-16le" || encoding == "utf-16be") {
    const bool has_bom =
        StartsWith(bytes, kUtf16LeBom) || StartsWith(bytes, kUtf16BeBom);
    Decoded d =
        DecodeUtf16(bytes.substr(has_bom ? 2 : 0), encoding == "utf-16be");
    if (!has_bom) {
      d.diagnostics.push_back(Info(
          "encoding_guessed",
          "no byte-order mark; read as " +
              std::string(encoding == "utf-16be" ? "UTF-16BE" : "UTF-16LE") +
              " from its NUL byte pattern"));
    }
    // UTF-16 of binary junk is still junk.
    DOSSIER_RETURN_IF_ERROR(CheckNotBinary(d.text));
    return d;
  }
  const size_t skip = encoding == "utf-8-bom" ? kUtf8Bom.size() : 0;
  const std::string_view body = bytes.substr(skip);
  DOSSIER_RETURN_IF_ERROR(CheckNotBinary(body));
  return DecodeUtf8OrCp1252(body, owned, skip,
                            skip > 0 ? "utf-8-bom" : "utf-8");
}

// Heuristic for BOM-less UTF-16: in mostly-Latin text every other byte is
// NUL. Needs at least 40% NULs on one side and at most 5% on the other.
std::string_view GuessUtf16(std::string_view bytes) {
  const size_t sample = std::min(bytes.size(), kSniffBytes) & ~size_t{1};
  const size_t pairs = sample / 2;
  if (pairs < 2) return "";
  // Most text holds no NUL at all, which memchr tells at a fraction of the
  // count's cost (and no count of zero passes either test below).
  if (std::memchr(bytes.data(), '\0', sample) == nullptr) return "";
  size_t zero_even = 0, zero_odd = 0;
  for (size_t i = 0; i < sample; i += 2) {
    zero_even += bytes[i] == '\0';
    zero_odd += bytes[i + 1] == '\0';
  }
  if (zero_odd * 10 >= pairs * 4 && zero_even * 20 <= pairs) return "utf-16le";
  if (zero_even * 10 >= pairs * 4 && zero_odd * 20 <= pairs) return "utf-16be";
  return "";
}

}  // namespace

std::string_view SniffEncoding(std::string_view bytes) {
  if (StartsWith(bytes, kUtf8Bom)) return "utf-8-bom";
  // FF FE 00 00 is a UTF-32LE BOM: not supported, left to the binary check.
  if (StartsWith(bytes, kUtf16LeBom) &&
      !StartsWith(bytes, std::string_view("\xFF\xFE\0\0", 4)))
    return "utf-16le";
  if (StartsWith(bytes, kUtf16BeBom)) return "utf-16be";
  return GuessUtf16(bytes);
}

Status CheckNotBinary(std::string_view bytes) {
  const size_t sample = std::min(bytes.size(), kSniffBytes);
  size_t nul = 0, control = 0;
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  for (size_t i = 0; i < sample;) {
#if defined(__SSE2__)
    // Sixteen bytes a step while none is below 0x20 (unsigned: the byte is
    // its own minimum with 0x1F) or equal to 0x7F.
    while (i + 16 <= sample) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + i));
      const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
      if (_mm_movemask_epi8(_mm_or_si128(low, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)))) != 0)
        break;
      i += 16;
    }
    if (i >= sample) break;
#endif
    // Skip eight bytes at a time while none is below 0x20 or equal to 0x7F.
    if (i + 8 <= sample) {
      uint64_t w;
      std::memcpy(&w, bytes.data() + i, 8);
      const uint64_t del = w ^ (kOnes * 0x7F);
      const uint64_t flagged =
          ((w - kOnes * 0x20) & ~w) | ((del - kOnes) & ~del);
      if ((flagged & kHighs) == 0) {
        i += 8;
        continue;
      }
    }
    const size_t stop = std::min(sample, i + 8);
    for (; i < stop; ++i) {
      const unsigned char c = static_cast<unsigned char>(bytes[i]);
      if (c >= 0x20) {
        control += c == 0x7F;
        continue;
      }
      if (c == 0) {
        ++nul;
      } else if (c != '\t' && c != '\n' && c != '\v' && c != '\f' &&
                 c != '\r' && c != 0x1B) {
        ++control;
      }
    }
  }
  if (nul > 0 && nul * 20 > sample) {
    return InvalidInput("binary data (" + std::to_string(nul) +
                        " NUL bytes in the first 8 KiB)");
  }
  const size_t total = nul + control;
  if (total >= 4 && total * 16 > sample) {
    return InvalidInput("binary data (" + std::to_string(total) +
                        " control bytes in the first 8 KiB)");
  }
  return Status::Ok();
}

Result<Decoded> DecodeBytes(std::string_view bytes) {
  return DecodeImpl(bytes, nullptr);
}

Result<Decoded> DecodeBytes(std::string&& bytes) {
  std::string owned = std::move(bytes);
  return DecodeImpl(owned, &owned);
}

bool HasGzipMagic(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1F &&
         static_cast<unsigned char>(bytes[1]) == 0x8B;
}

Result<std::string> Gunzip(std::string_view bytes, size_t max_bytes) {
  z_stream zs;
  std::memset(&zs, 0, sizeof zs);
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
    return InternalError("zlib inflateInit2 failed");

  // Output is written straight into `out`, grown geometrically up to one
  // byte past the limit (to tell "exactly max_bytes" from "more").
  const size_t cap = max_bytes == SIZE_MAX ? max_bytes : max_bytes + 1;
  std::string out;
  out.resize(std::min(cap, std::max<size_t>(bytes.size() * 4, 64 * 1024)));
  size_t produced = 0;
  size_t fed = 0;  // input bytes handed to zlib so far
  constexpr size_t kMaxChunk = size_t{1} << 30;

  std::optional<Status> error;
  for (;;) {
    if (zs.avail_in == 0 && fed < bytes.size()) {
      const size_t n = std::min(bytes.size() - fed, kMaxChunk);
      zs.next_in =
          reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + fed));
      zs.avail_in = static_cast<uInt>(n);
      fed += n;
    }
    if (produced == out.size()) {
      if (out.size() >= cap) {
        error = TooLarge("gzip output exceeds the limit of " +
                         std::to_string(max_bytes) + " bytes");
        break;
      }
      out.resize(std::min(cap, out.size() * 2));
    }
    const size_t space = std::min(out.size() - produced, kMaxChunk);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(space);
    const int ret = inflate(&zs, Z_NO_FLUSH);
    produced += space - zs.avail_out;
    const bool input_done = zs.avail_in == 0 && fed == bytes.size();

    if (ret == Z_STREAM_END) {
      // Another member follows? Otherwise ignore trailing bytes.
      const size_t consumed = fed - zs.avail_in;
      if (HasGzipMagic(bytes.substr(consumed))) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (ret == Z_OK || ret == Z_BUF_ERROR) {
      if (input_done && zs.avail_out > 0) {
        error = InvalidInput("truncated gzip stream after " +
                             std::to_string(produced) + " bytes");
        break;
      }
      continue;
    }
    if (ret == Z_MEM_ERROR) {
      error = InternalError("zlib ran out of memory");
    } else {
      error = InvalidInput(std::string("corrupt gzip stream: ") +
                           (zs.msg != nullptr ? zs.msg : "invalid data") +
                           " (after " + std::to_string(produced) + " bytes)");
    }
    break;
  }
  inflateEnd(&zs);
  if (error) return *error;
  if (produced > max_bytes) {
    return TooLarge("gzip output exceeds the limit of " +
                    std::to_string(max_bytes) + " bytes");
  }
  out.resize(produced);
  return out;
}

}  // namespace dossier
