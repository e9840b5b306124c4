#include "corpus/fingerprint.h"

// The hash functions inlined (the same values as libxxhash's): a shingle
// takes five 8-byte hashes, and a call into the library costs more than
// the hash itself.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>

#include "dossier/utf8.h"

namespace dossier::corpus {
namespace {

// Calls fn(begin, end) for each word of text[b, e): a run of letters and
// digits in any script (an apostrophe or hyphen inside a word splits it, so
// "al-Tanf" and "al Tanf" give the same words).
template <typename Fn>
void ForEachWord(std::string_view text, size_t b, size_t e, Fn&& fn) {
  size_t i = b, start = std::string_view::npos;
  while (i < e) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = 1;
    bool alnum;
    if (c < 0x80) {
      alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    } else {
      alnum = utf8::IsAlnum(utf8::Decode(text, i, &len));
      if (len == 0) len = 1;
    }
    if (alnum) {
      if (start == std::string_view::npos) start = i;
    } else if (start != std::string_view::npos) {
      fn(start, i);
      start = std::string_view::npos;
    }
    i += len;
  }
  if (start != std::string_view::npos) fn(start, std::min(i, e));
}

uint64_t WordHash(std::string_view text, size_t b, size_t e) {
  char buf[64];
  const size_t n = e - b;
  if (n <= sizeof(buf)) {
    for (size_t i = 0; i < n; ++i) {
      const unsigned char c = static_cast<unsigned char>(text[b + i]);
      buf[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    return XXH3_64bits(buf, n);
  }
  std::string w(text.substr(b, n));
  for (char& c : w)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return XXH3_64bits(w.data(), w.size());
}

inline uint64_t Mix(uint64_t a, uint64_t b) {
  // Order-dependent combination of word hashes into a shingle hash.
  return XXH3_64bits_withSeed(&b, sizeof(b), a);
}

double PlaceWeight(std::string_view feature) {
  if (feature == "country") return 0.3;
  if (feature == "admin1" || feature == "region") return 0.6;
  return 1.5;
}

}  // namespace

namespace {

// The shingles of a text's word hashes (Shingles).
std::vector<uint64_t> ShinglesOfWords(const std::vector<uint64_t>& words) {
  std::vector<uint64_t> out;
  if (words.empty()) return out;
  if (words.size() < static_cast<size_t>(kShingleWords)) {
    uint64_t h = 0;
    for (uint64_t w : words) h = Mix(h, w);
    out.push_back(h);
    return out;
  }
  out.reserve(words.size() - kShingleWords + 1);
  for (size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    uint64_t h = 0;
    for (int k = 0; k < kShingleWords; ++k) h = Mix(h, words[i + k]);
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<uint64_t> Shingles(std::string_view text) {
  std::vector<uint64_t> words;
  words.reserve(text.size() / 6 + 1);
  ForEachWord(text, 0, text.size(),
              [&](size_t b, size_t e) { words.push_back(WordHash(text, b, e)); });
  return ShinglesOfWords(words);
}

void ShinglesAndParagraphs(std::string_view text, std::vector<uint64_t>* shingles,
                           std::vector<uint64_t>* paragraphs) {
  // In invalid UTF-8 a broken sequence can swallow a line break, and then
  // the words of the whole text are not those of its lines: both apart.
  if (!utf8::IsValid(text)) {
    *shingles = Shingles(text);
    *paragraphs = ParagraphHashes(text);
    return;
  }
  std::vector<uint64_t> words;
  words.reserve(text.size() / 6 + 1);
  paragraphs->clear();
  // The current line ends at line_end (a '\n' or the end of the text); a
  // word never spans one, so a word starting past it is on a later line.
  size_t line_end = std::min(text.find('\n'), text.size());
  uint64_t h = 0;
  int line_words = 0;
  ForEachWord(text, 0, text.size(), [&](size_t b, size_t e) {
    while (b > line_end) {
      if (line_words >= kMinParagraphWords) paragraphs->push_back(h);
      h = 0;
      line_words = 0;
      line_end = std::min(text.find('\n', line_end + 1), text.size());
    }
    const uint64_t w = WordHash(text, b, e);
    words.push_back(w);
    h = Mix(h, w);
    ++line_words;
  });
  if (line_words >= kMinParagraphWords) paragraphs->push_back(h);
  *shingles = ShinglesOfWords(words);
}

MinHash MinHashOf(const std::vector<uint64_t>& shingles) {
  // One-permutation hashing: the top six bits of a shingle's hash choose
  // its bin, the low 32 bits are its value, each bin keeps its minimum (one
  // step per shingle instead of 64). Empty bins borrow, consistently, from
  // the next filled bin to their right, mixed with the distance
  // (densification), so short texts still give comparable signatures.
  static_assert(kMinHashSize == 64, "bins are chosen by the top 6 bits");
  MinHash sig;
  sig.fill(0xffffffffu);
  for (uint64_t h : shingles) {
    const unsigned bin = static_cast<unsigned>(h >> 58);
    sig[bin] = std::min(sig[bin], static_cast<uint32_t>(h));
  }
  if (shingles.empty()) return sig;
  const MinHash raw = sig;
  for (int i = 0; i < kMinHashSize; ++i) {
    if (raw[i] != 0xffffffffu) continue;
    for (int k = 1; k < kMinHashSize; ++k) {
      const uint32_t v = raw[(i + k) % kMinHashSize];
      if (v == 0xffffffffu) continue;
      uint64_t z = (static_cast<uint64_t>(v) << 8 | static_cast<uint64_t>(k)) * 0x9E3779B97F4A7C15ull;
      sig[i] = static_cast<uint32_t>(z >> 32);
      if (sig[i] == 0xffffffffu) sig[i] = 0xfffffffeu;
      break;
    }
  }
  return sig;
}

std::array<int64_t, kBands> BandKeys(const MinHash& sig) {
  std::array<int64_t, kBands> keys;
  for (int band = 0; band < kBands; ++band) {
    const uint64_t h = XXH3_64bits_withSeed(&sig[band * kRows], kRows * sizeof(uint32_t),
                                            static_cast<uint64_t>(band) + 1);
    keys[band] = static_cast<int64_t>(h);
  }
  return keys;
}

double EstimatedJaccard(const MinHash& a, const MinHash& b) {
  int same = 0;
  for (int i = 0; i < kMinHashSize; ++i) same += a[i] == b[i] && a[i] != 0xffffffffu;
  return static_cast<double>(same) / kMinHashSize;
}

size_t Intersection(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n, ++i, ++j;
    }
  }
  return n;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  const size_t inter = Intersection(a, b);
  return static_cast<double>(inter) / static_cast<double>(a.size() + b.size() - inter);
}

std::vector<uint64_t> ParagraphHashes(std::string_view text) {
  std::vector<uint64_t> out;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    int words = 0;
    uint64_t h = 0;
    ForEachWord(text, b, e, [&](size_t wb, size_t we) {
      h = Mix(h, WordHash(text, wb, we));
      ++words;
    });
    if (words >= kMinParagraphWords) out.push_back(h);
    b = e + 1;
  }
  return out;
}

std::string FoldName(std::string_view s) {
  std::string out;
  ForEachWord(s, 0, s.size(), [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
    }
  });
  return out;
}

MentionFacts FactsOf(const Mention& m, std::string_view text) {
  MentionFacts f;
  f.kind = m.kind;
  f.ref = m.ref;
  if (m.span.end <= text.size() && m.span.begin <= m.span.end)
    f.text = text.substr(m.span.begin, m.span.end - m.span.begin);
  if (m.geo) f.feature = m.geo->feature;
  if (m.date) {
    f.date_value = m.date->value;
    f.date_precision = m.date->precision;
  }
  if (m.quantity) {
    f.has_quantity = true;
    f.quantity = m.quantity->value;
    f.unit = m.quantity->unit;
  }
  return f;
}

std::vector<Feature> EntityFeatures(const std::vector<MentionFacts>& mentions) {
  std::map<std::string, Feature> by_key;
  auto add = [&](std::string key, double weight) {
    Feature& f = by_key[key];
    if (f.count == 0) {
      f.key = std::move(key);
      f.weight = weight;
    }
    ++f.count;
  };
  for (const MentionFacts& m : mentions) {
    if (m.kind == "place") {
      if (!m.ref.empty()) add("place:" + std::string(m.ref), PlaceWeight(m.feature));
    } else if (m.kind == "actor" || m.kind == "organization" || m.kind == "outlet") {
      if (!m.ref.empty()) add("actor:" + std::string(m.ref), 1.0);
    } else if (m.kind == "person") {
      // The last word of the name: the part every language keeps.
      std::string_view t = m.text;
      size_t cut = t.find_last_of(" \t\n");
      std::string last = FoldName(cut == std::string_view::npos ? t : t.substr(cut + 1));
      if (last.size() >= 3) add("person:" + last, 2.0);
    } else if (m.kind == "quantity" && m.has_quantity) {
      const double v = m.quantity;
      if (!(v >= 10) || v > 1e12 || v != std::floor(v)) continue;
      if (m.unit.empty() && v >= 1900 && v <= 2100) continue;  // a year, counted by dates
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof(buf), static_cast<long long>(v));
      add("number:" + std::string(buf, r.ptr), 2.5);
    } else if (m.kind == "date" && !m.date_value.empty()) {
      if (m.date_precision == "day") add("date:" + std::string(m.date_value), 2.5);
      else if (m.date_precision == "month") add("date:" + std::string(m.date_value), 1.0);
    }
  }
  std::vector<Feature> out;
  out.reserve(by_key.size());
  for (auto& [k, f] : by_key) out.push_back(std::move(f));
  return out;
}

std::vector<Feature> EntityFeatures(const Document& doc) {
  std::vector<MentionFacts> facts;
  facts.reserve(doc.mentions.size());
  for (const Mention& m : doc.mentions) facts.push_back(FactsOf(m, doc.text));
  return EntityFeatures(facts);
}

FeatureMatch CompareFeatures(const std::vector<Feature>& a, const std::vector<Feature>& b) {
  FeatureMatch m;
  double sum_a = 0, sum_b = 0, sum_min = 0, sum_max = 0;
  std::vector<std::pair<double, const std::string*>> shared;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].key < b[j].key)) {
      sum_a += a[i].weight * a[i].count;
      sum_max += a[i].weight * a[i].count;
      ++i;
    } else if (i == a.size() || b[j].key < a[i].key) {
      sum_b += b[j].weight * b[j].count;
      sum_max += b[j].weight * b[j].count;
      ++j;
    } else {
      const double w = a[i].weight;
      sum_a += w * a[i].count;
      sum_b += w * b[j].count;
      const double lo = w * std::min(a[i].count, b[j].count);
      sum_min += lo;
      sum_max += w * std::max(a[i].count, b[j].count);
      shared.emplace_back(lo, &a[i].key);
      ++i, ++j;
    }
  }
  m.shared = static_cast<int>(shared.size());
  m.shared_weight = sum_min;
  if (sum_max > 0) m.similarity = sum_min / sum_max;
  const double smaller = std::min(sum_a, sum_b);
  if (smaller > 0) m.containment = sum_min / smaller;
  std::stable_sort(shared.begin(), shared.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  for (size_t k = 0; k < shared.size() && k < 6; ++k) m.top.push_back(*shared[k].second);
  return m;
}

std::string FeatureEvidence(const FeatureMatch& m) {
  std::string s = "entity fingerprint: " + std::to_string(m.shared) + " shared";
  for (size_t k = 0; k < m.top.size(); ++k) s += (k ? ", " : " (") + m.top[k];
  if (!m.top.empty()) s += m.shared > static_cast<int>(m.top.size()) ? ", ...)" : ")";
  return s;
}

std::string EncodeFeatures(const std::vector<Feature>& f) {
  std::string s;
  for (const Feature& x : f) {
    s += x.key;
    s += '\t';
    s += std::to_string(x.count);
    s += '\t';
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof(buf), x.weight);
    s.append(buf, r.ptr);
    s += '\n';
  }
  return s;
}

std::vector<Feature> DecodeFeatures(std::string_view s) {
  std::vector<Feature> out;
  size_t b = 0;
  while (b < s.size()) {
    size_t e = s.find('\n', b);
    if (e == std::string_view::npos) e = s.size();
    std::string_view line = s.substr(b, e - b);
    b = e + 1;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) continue;
    Feature f;
    f.key = std::string(line.substr(0, t1));
    std::from_chars(line.data() + t1 + 1, line.data() + t2, f.count);
    std::from_chars(line.data() + t2 + 1, line.data() + line.size(), f.weight);
    if (f.count > 0) out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const Feature& x, const Feature& y) { return x.key < y.key; });
  return out;
}

std::string EncodeMinHash(const MinHash& sig) {
  std::string s(kMinHashSize * 4, '\0');
  for (int i = 0; i < kMinHashSize; ++i)
    for (int k = 0; k < 4; ++k) s[i * 4 + k] = static_cast<char>((sig[i] >> (8 * k)) & 0xff);
  return s;
}

bool DecodeMinHash(std::string_view bytes, MinHash* sig) {
  if (bytes.size() != static_cast<size_t>(kMinHashSize) * 4) return false;
  for (int i = 0; i < kMinHashSize; ++i) {
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i * 4 + k])) << (8 * k);
    (*sig)[i] = v;
  }
  return true;
}

}  // namespace dossier::corpus
