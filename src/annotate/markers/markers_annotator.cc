// The markers layer, in one pass over the tokens plus two small ones:
//
// 1. Every token is folded to lower case and hashed once (FoldHash). A word
//    whose hash starts a table row (a 64 Kibit filter, then an open-addressing
//    index: most words stop at the filter) tries the rows that start with it,
//    longest first, inside its sentence; the first row whose words and
//    context conditions match gives a marker (technique, weight). Pattern
//    tokens: `_` any word, `...` a gap of 0-6 tokens, `a|b` alternatives.
//    Conditions (technique_lexicon.tsv header): not_after, not_before ("#"
//    for a number), not_near, not_in_entity, lower, author, clause_start;
//    to_clause_end runs the span on to the end of its clause.
// 2. Scare quotes: a balanced quotation of one to three words, not inside a
//    longer quotation, in a clause the voice layer left in the author's
//    voice (or hedged, or a question: a clause with no speaker), not a cited
//    document's title, not within three words after a naming word ('called
//    "Dawn"', 'call themselves "ISIS"'), not a capitalised name of two or
//    more words, not a number or a whole sentence.
// 3. Repetition: content words (not function words of marker_words.tsv, not
//    inside an entity mention, not capitalised but at a sentence's start, not
//    numbers) form n-grams of
//    2-4 consecutive tokens. An n-gram is repeated beyond chance when it
//    occurs: 4 words, twice; 3 words, 3 times if it holds a loaded word or
//    label of step 1, else 4 times and at 5 or more per 1,000 words; 2
//    words, 3 times if it holds one, else 5 times and at 10 or more per
//    1,000 words (topic phrases like "chemical weapons" or "international
//    humanitarian law" come back in plain news). A loaded word or label used 4 times in the
//    author's voice counts too. Each
//    occurrence after the first is one marker, longest n-gram first.
// Each marker then gets the voice of the voice record containing it ("quoted"
// when it sits inside a quotation of four words or more, whatever the
// clause), and that record's source. Markers of one technique do not
// overlap (the earlier, longer wins); markers of different techniques may.
// The profile counts markers per technique and per 1,000 words, the share in
// the author's voice, and the three densest windows of up to three sentences
// of one paragraph with at least two markers (markers per 1,000 words, a
// window counted as at least 30 words so one short sentence does not win).
#include "annotate/markers/markers_annotator.h"

#include <algorithm>
#include <cstring>

namespace dossier {
using namespace std::literals;

namespace markers_internal {

namespace {
constexpr const char* kNames[kTechniqueCount] = {
    "loaded_language",
    "name_calling",
    "repetition",
    "doubt",
    "exaggeration_minimisation",
    "appeal_to_fear",
    "flag_waving",
    "causal_oversimplification",
    "appeal_to_authority",
    "slogans",
    "whataboutism_straw_man_red_herring",
    "black_and_white_fallacy",
    "thought_terminating_cliche",
    "bandwagon_reductio_ad_hitlerum",
    "scare_quotes",
};
}  // namespace

const char* TechniqueName(int t) {
  return t >= 0 && t < kTechniqueCount ? kNames[t] : "";
}

int TechniqueFromName(std::string_view name) {
  for (int t = 0; t < kTechniqueCount; ++t)
    if (name == kNames[t]) return t;
  return -1;
}

namespace {

// The hash of a folded token is taken over its folded bytes in 8-byte
// little-endian chunks (the last one zero-padded) and its folded length, so
// an ASCII token can be folded and hashed 8 bytes at a time (FoldHashAt)
// while non-ASCII tokens fold byte by byte into the same chunks.
inline uint64_t MixChunk(uint64_t h, uint64_t chunk) {
  return (h ^ chunk) * 0x9E3779B97F4A7C15ull;  // Finish folds the high bits down
}

// Each step is a bijection of h, so two ASCII tokens of one length that fit
// one chunk never collide.
inline uint64_t Finish(uint64_t h, size_t len) {
  h = (h ^ len) * 0xFF51AFD7ED558CCDull;
  h ^= h >> 32;
  return h ? h : 1;
}

constexpr uint64_t kHighBits = 0x8080808080808080ull;

// A-Z to a-z in 8 bytes that are all ASCII.
inline uint64_t LowerAscii8(uint64_t x) {
  const uint64_t ge_a = x + 0x3F3F3F3F3F3F3F3Full;  // high bit set: byte >= 'A'
  const uint64_t gt_z = x + 0x2525252525252525ull;  // high bit set: byte > 'Z'
  return x | ((ge_a & ~gt_z & kHighBits) >> 2);
}

inline uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

constexpr uint64_t kSeed = 0xcbf29ce484222325ull;

// Byte by byte, for tokens with non-ASCII bytes (’ and ʼ read as ').
uint64_t FoldHashSlow(const char* p, size_t n) {
  uint64_t h = kSeed, cur = 0;
  unsigned fill = 0;
  size_t len = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c + 32);
    } else if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(p[i + 1]) == 0x80 &&
               static_cast<unsigned char>(p[i + 2]) == 0x99) {
      c = '\'';  // ’
      i += 2;
    } else if (c == 0xCA && i + 1 < n && static_cast<unsigned char>(p[i + 1]) == 0xBC) {
      c = '\'';  // ʼ
      i += 1;
    }
    cur |= static_cast<uint64_t>(c) << (8 * fill);
    ++len;
    if (++fill == 8) {
      h = MixChunk(h, cur);
      cur = 0;
      fill = 0;
    }
  }
  if (fill) h = MixChunk(h, cur);
  return Finish(h, len);
}

}  // namespace

uint64_t FoldHash(std::string_view token) {
  return FoldHashSlow(token.data(), token.size());
}

uint64_t FoldHashAt(std::string_view text, size_t b, size_t e) {
  const size_t n = e - b;
  // Whole 8-byte loads, the last one past the token but inside the text.
  if (b + ((n + 7) & ~size_t{7}) > text.size()) return FoldHashSlow(text.data() + b, n);
  const char* p = text.data() + b;
  uint64_t h = kSeed;
  size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    const uint64_t x = Load8(p + k);
    if (x & kHighBits) return FoldHashSlow(p, n);
    h = MixChunk(h, LowerAscii8(x));
  }
  if (k < n) {
    const uint64_t x = Load8(p + k) & (~0ull >> (8 * (8 - (n - k))));
    if (x & kHighBits) return FoldHashSlow(p, n);
    h = MixChunk(h, LowerAscii8(x));
  }
  return Finish(h, n);
}

namespace {

// QuickFoldHash, inline in Prepare: a one-byte token from `one_byte`, an
// ASCII token of 2 to 16 bytes as one or two chunks.
inline uint64_t QuickFoldHashInline(std::string_view text, size_t b, size_t e,
                                    const uint64_t* one_byte) {
  const size_t n = e - b;
  if (n == 1) return one_byte[static_cast<unsigned char>(text[b])];
  if (n - 2 < 7 && b + 8 <= text.size()) {
    const uint64_t x = Load8(text.data() + b) & (~0ull >> (8 * (8 - n)));
    if (!(x & kHighBits)) return Finish(MixChunk(kSeed, LowerAscii8(x)), n);
  } else if (n - 9 < 8 && b + 16 <= text.size()) {
    // FoldHashAt's two chunks, without the call and its loop.
    const uint64_t x = Load8(text.data() + b);
    const uint64_t y = Load8(text.data() + b + 8) & (~0ull >> (8 * (16 - n)));
    if (!((x | y) & kHighBits))
      return Finish(MixChunk(MixChunk(kSeed, LowerAscii8(x)), LowerAscii8(y)), n);
  }
  return FoldHashAt(text, b, e);
}

}  // namespace

uint64_t QuickFoldHash(std::string_view text, size_t b, size_t e, const uint64_t* one_byte) {
  return QuickFoldHashInline(text, b, e, one_byte);
}

void HashIndex::Build(std::vector<Slot> slots) {
  size_t cap = 16;
  while (cap < slots.size() * 2) cap *= 2;
  slots_.assign(cap, Slot());
  mask_ = cap - 1;
  std::fill(filter_.begin(), filter_.end(), 0);
  for (const Slot& s : slots) {
    if (s.key == 0) continue;
    filter_[(s.key >> 7) & kFilterMask] |= 1ull << (s.key & 63);
    uint64_t i = (s.key * 0x9E3779B97F4A7C15ull >> 20) & mask_;
    while (slots_[i].key != 0 && slots_[i].key != s.key) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

}  // namespace markers_internal

using namespace markers_internal;

namespace {

// Splits a table phrase into tokens the way the tokenizer splits text:
// letters/digits (and an apostrophe between letters) make a word, every
// other non-space character is a token of its own; `...` stays whole.
std::vector<std::string> PhraseTokens(std::string_view phrase) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < phrase.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(phrase[i]);
    if (phrase.substr(i, 3) == "...") {
      flush();
      out.emplace_back("...");
      i += 2;
      continue;
    }
    bool word = std::isalnum(c) || c >= 0x80 || c == '_' || c == '|';
    if (c == '\'' && !cur.empty() && i + 1 < phrase.size() &&
        std::isalpha(static_cast<unsigned char>(phrase[i + 1])))
      word = true;
    if (word) {
      cur.push_back(static_cast<char>(c));
    } else {
      flush();
      if (!std::isspace(c)) out.emplace_back(1, static_cast<char>(c));
    }
  }
  flush();
  return out;
}

std::vector<std::string_view> SplitBar(std::string_view s) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find('|', b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

bool IsWord(const Token& t) { return t.kind == Token::Kind::kWord; }

bool InSet(const std::vector<uint64_t>& words, uint32_t b, uint32_t n, uint64_t h) {
  for (uint32_t k = 0; k < n; ++k)
    if (words[b + k] == h) return true;
  return false;
}

}  // namespace

void MarkersAnnotator::AddRow(const std::string& table, const std::vector<std::string>& row,
                              int c_phrase, int c_technique, int c_weight, int c_context) {
  if (c_phrase < 0 || c_technique < 0) return;
  const int technique = TechniqueFromName(row[c_technique]);
  if (technique < 0) return;
  std::vector<std::string> toks = PhraseTokens(row[c_phrase]);
  if (toks.empty() || toks[0] == "_" || toks[0] == "...") return;
  Entry e;
  e.technique = static_cast<uint8_t>(technique);
  e.weight = 0.5;
  if (c_weight >= 0 && !row[c_weight].empty()) {
    char* end = nullptr;
    const double w = std::strtod(row[c_weight].c_str(), &end);
    if (end != row[c_weight].c_str() && w > 0 && w <= 1) e.weight = w;
  }
  e.elem_begin = static_cast<uint32_t>(elems_.size());
  for (const std::string& t : toks) {
    Elem el;
    if (t == "_") {
      el.kind = Elem::kAny;
    } else if (t == "...") {
      el.kind = Elem::kGap;
    } else {
      el.begin = static_cast<uint32_t>(words_.size());
      for (std::string_view alt : SplitBar(t)) words_.push_back(FoldHash(alt));
      el.count = static_cast<uint32_t>(words_.size()) - el.begin;
      if (el.count == 0) return;
    }
    elems_.push_back(el);
  }
  e.elem_count = static_cast<uint32_t>(elems_.size()) - e.elem_begin;
  if (e.elem_count > 1 && elems_[e.elem_begin + 1].kind == Elem::kWords) {
    const Elem& second = elems_[e.elem_begin + 1];
    e.second_mask = 0;
    for (uint32_t k = 0; k < second.count; ++k)
      e.second_mask |= 1ull << (words_[second.begin + k] & 63);
  }
  auto add_set = [&](std::string_view list, uint32_t* b, uint32_t* n) {
    *b = static_cast<uint32_t>(words_.size());
    for (std::string_view w : SplitBar(list)) words_.push_back(FoldHash(w));
    *n = static_cast<uint32_t>(words_.size()) - *b;
  };
  std::string context = c_context >= 0 ? row[c_context] : std::string();
  size_t b = 0;
  while (b < context.size()) {
    size_t e2 = context.find(';', b);
    if (e2 == std::string::npos) e2 = context.size();
    std::string_view cond = std::string_view(context).substr(b, e2 - b);
    while (!cond.empty() && cond.front() == ' ') cond.remove_prefix(1);
    while (!cond.empty() && cond.back() == ' ') cond.remove_suffix(1);
    b = e2 + 1;
    if (cond == "lower") e.lower = true;
    else if (cond == "not_in_entity") e.not_in_entity = true;
    else if (cond == "author") e.author = true;
    else if (cond == "clause_start") e.clause_start = true;
    else if (cond == "to_clause_end") e.to_clause_end = true;
    else if (cond.rfind("not_after=", 0) == 0) add_set(cond.substr(10), &e.not_after_b, &e.not_after_n);
    else if (cond.rfind("not_before=", 0) == 0) add_set(cond.substr(11), &e.not_before_b, &e.not_before_n);
    else if (cond.rfind("not_near=", 0) == 0) add_set(cond.substr(9), &e.not_near_b, &e.not_near_n);
  }
  e.rule = table + ".tsv: " + row[c_phrase];
  if (!context.empty()) e.rule += " [" + context + "]";
  entries_.push_back(std::move(e));
}

MarkersAnnotator::MarkersAnnotator(const Lexicon& lexicon) : number_(FoldHash("#")) {
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    one_byte_hash_[c] = FoldHash(std::string_view(&ch, 1));
  }
  for (const char* name : {"technique_lexicon", "technique_constructions"}) {
    const Table& t = lexicon.table(name);
    const int cp = t.Column("phrase"), ct = t.Column("technique"), cw = t.Column("weight"),
              cc = t.Column("context");
    for (const auto& row : t.rows) AddRow(name, row, cp, ct, cw, cc);
  }
  // Index entries by their first word (each alternative), longest first.
  std::vector<std::pair<uint64_t, uint32_t>> firsts;
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    const Elem& el = elems_[entries_[i].elem_begin];
    for (uint32_t k = 0; k < el.count; ++k) firsts.emplace_back(words_[el.begin + k], i);
  }
  std::stable_sort(firsts.begin(), firsts.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return entries_[a.second].elem_count > entries_[b.second].elem_count;
  });
  std::vector<HashIndex::Slot> slots;
  for (size_t i = 0; i < firsts.size();) {
    size_t j = i;
    HashIndex::Slot s;
    s.key = firsts[i].first;
    s.begin = static_cast<uint32_t>(by_first_list_.size());
    s.next_mask = 0;
    while (j < firsts.size() && firsts[j].first == firsts[i].first) {
      const Entry& e = entries_[firsts[j].second];
      if (e.elem_count < 2 || elems_[e.elem_begin + 1].kind != Elem::kWords) {
        s.next_mask = ~0ull;
      } else {
        const Elem& x = elems_[e.elem_begin + 1];
        for (uint32_t k = 0; k < x.count; ++k) s.next_mask |= 1ull << (words_[x.begin + k] & 63);
      }
      by_first_list_.push_back(firsts[j].second);
      by_first_mask_.push_back(e.second_mask);
      ++j;
    }
    s.count = static_cast<uint32_t>(j - i);
    // A word that starts many rows gets their lists by the next word's
    // hash bit: the rows it may start, without a test of each mask.
    if (s.count > 8) {
      s.by_bit = static_cast<uint32_t>(by_bit_.size());
      for (uint32_t bit = 0; bit < 64; ++bit) {
        by_bit_.push_back(static_cast<uint32_t>(by_first_list_.size()));
        for (uint32_t k = s.begin; k < s.begin + s.count; ++k) {
          const uint32_t entry = by_first_list_[k];
          const uint64_t mask = by_first_mask_[k];
          if (!((mask >> bit) & 1)) continue;
          by_first_list_.push_back(entry);
          by_first_mask_.push_back(mask);
        }
      }
      by_bit_.push_back(static_cast<uint32_t>(by_first_list_.size()));
    }
    slots.push_back(s);
    i = j;
  }
  by_first_.Build(std::move(slots));
  std::vector<HashIndex::Slot> fw, nw, cj, ex;
  const Table& words = lexicon.table("marker_words");
  const int cw = words.Column("word"), ck = words.Column("kind");
  if (cw >= 0 && ck >= 0) {
    for (const auto& row : words.rows) {
      HashIndex::Slot s;
      s.key = FoldHash(row[cw]);
      if (row[ck] == "naming") nw.push_back(s);
      else if (row[ck] == "conjunction") cj.push_back(s);
      else if (row[ck] == "exclamation") ex.push_back(s);
      else fw.push_back(s);
    }
  }
  function_words_.Build(std::move(fw));
  naming_words_.Build(std::move(nw));
  conjunctions_.Build(std::move(cj));
  exclamation_openers_.Build(std::move(ex));
}

// The work on one document.
struct MarkersAnnotator::Run {
  const MarkersAnnotator& m;
  Document& doc;
  const std::vector<Token>& tok;
  std::vector<uint64_t> h;       // FoldHash per token
  std::vector<int32_t> sent;     // sentence per token, -1 outside
  std::vector<uint32_t> sent_tok;  // first token of each sentence (size sentences + 1)
  std::vector<uint8_t> in_mention;
  int64_t words = 0;
  std::vector<int> sent_words;   // word tokens per sentence
  std::vector<uint8_t> content;   // content words of step 3 (Prepare)
  std::vector<uint32_t> starts;   // content runs of two or more, by first token
  // Word tokens inside a sentence whose hash passes by_first_'s filter, in
  // order (Prepare): the only tokens that may start a table row.
  std::vector<uint32_t> row_starts;
  struct Cand {
    Span span;
    uint32_t tb = 0, te = 0;     // token range
    uint8_t technique = 0;
    double confidence = 0;
    int entry = -1;              // into m.entries_, -1 for a rule
    bool author_only = false;    // dropped outside the author's voice
    std::string rule;
  };
  std::vector<Cand> cands;

  Run(const MarkersAnnotator& ma, Document& d) : m(ma), doc(d), tok(d.tokens) {}

  void Prepare() {
    const size_t n = tok.size();
    h.resize(n);
    sent.assign(n, -1);
    in_mention.assign(n, 0);
    sent_words.assign(doc.sentences.size(), 0);
    sent_tok.assign(doc.sentences.size() + 1, static_cast<uint32_t>(n));
    // About a third of the tokens start a row or a run: room for that many
    // spares the loop most regrowths of the two lists.
    row_starts.reserve(n / 3);
    starts.reserve(n / 3);
    const std::string_view text(doc.text);
    // Raw pointers and the current sentence in locals: the stores to the
    // uint8_t and int32_t arrays may alias the spans, which would reload
    // them for every token.
    const Token* T = tok.data();
    const Span* S = doc.sentences.data();
    const size_t ns = doc.sentences.size();
    uint64_t* H = h.data();
    const uint64_t* one_byte = m.one_byte_hash_;
    const uint64_t* first_filter = m.by_first_.filter();
    const uint64_t* fw_filter = m.function_words_.filter();
    content.assign(n, 0);
    uint8_t* C = content.data();
    int32_t* SI = sent.data();
    const uint8_t* IM = in_mention.data();
    uint32_t* ST = sent_tok.data();
    int64_t nwords = 0;
    // The mentions first, in a pass of their own: walking them in this loop
    // kept too many values live for the registers.
    MarkMentions();
    // The current sentence; past the last one, an empty span at the end of
    // the address space that no token reaches. The current sentence's first
    // token and word count stay in locals until it ends.
    constexpr uint32_t kPast = UINT32_MAX;
    size_t si = 0;
    uint32_t s_begin = ns ? S[0].begin : kPast, s_end = ns ? S[0].end : kPast;
    uint32_t s_first = static_cast<uint32_t>(n);
    int s_words = 0;
    bool prev_content = false;  // token i - 1 is a content word (of sentence si)
    for (size_t i = 0; i < n; ++i) {
      const Span sp = T[i].span;
      if (sp.end > text.size() || sp.begin > sp.end) {
        H[i] = 1;
        prev_content = false;
        continue;
      }
      const uint64_t hi = QuickFoldHashInline(text, sp.begin, sp.end, one_byte);
      H[i] = hi;
      const bool word = T[i].kind == Token::Kind::kWord;
      if (s_end <= sp.begin) {
        if (si < ns) sent_words[si] = s_words;
        s_words = 0;
        s_first = static_cast<uint32_t>(n);
        prev_content = false;
        do ++si;
        while (si < ns && S[si].end <= sp.begin);
        if (si < ns) s_begin = S[si].begin, s_end = S[si].end;
        else s_begin = s_end = kPast;
      }
      const bool in_sentence = s_begin <= sp.begin && sp.end <= s_end;
      if (in_sentence) {
        SI[i] = static_cast<int32_t>(si);
        if (s_first == n) ST[si] = s_first = static_cast<uint32_t>(i);
        s_words += word;
        if (word && HashIndex::MayHave(first_filter, hi))
          row_starts.push_back(static_cast<uint32_t>(i));
      }
      nwords += word;
      // Step 3's content words: not function words of marker_words.tsv, not
      // inside an entity mention, not capitalised but at a sentence's start
      // (a name the entity layers did not take, "Khan Touman": repeating
      // names is reporting, not a technique), two bytes or more.
      bool is_content = false;
      if (word && !IM[i] && in_sentence && sp.end - sp.begin >= 2 &&
          !(HashIndex::MayHave(fw_filter, hi) && m.function_words_.FindPassed(hi) != nullptr)) {
        const unsigned char c0 = static_cast<unsigned char>(text[sp.begin]);
        if (!(c0 >= 'A' && c0 <= 'Z' && i != s_first)) {
          C[i] = 1;
          is_content = true;
          if (prev_content) starts.push_back(static_cast<uint32_t>(i - 1));
        }
      }
      prev_content = is_content;
    }
    if (si < ns) sent_words[si] = s_words;
    words = nwords;
    // Sentences with no token start at the next one's first token.
    for (size_t s = ns; s-- > 0;)
      if (sent_tok[s] == n) sent_tok[s] = sent_tok[s + 1];
  }

  // in_mention: the tokens inside an entity mention (tokens and mentions are
  // in text order, so one walk over the tokens serves all mentions).
  void MarkMentions() {
    const std::string_view text(doc.text);
    const Token* T = tok.data();
    const size_t n = tok.size();
    uint8_t* IM = in_mention.data();
    size_t i = 0;
    for (const Mention& men : doc.mentions) {
      const Span ms = men.span;
      while (i < n && T[i].span.begin < ms.begin) ++i;
      for (size_t k = i; k < n && T[k].span.begin < ms.end; ++k)
        if (T[k].span.end <= ms.end && T[k].span.begin <= T[k].span.end &&
            T[k].span.end <= text.size())
          IM[k] = 1;
    }
  }

  // End of sentence of token i (exclusive token index).
  uint32_t SentEnd(size_t i) const {
    const int s = sent[i];
    if (s < 0) return static_cast<uint32_t>(i + 1);
    size_t e = s + 1 < static_cast<int>(sent_tok.size()) ? sent_tok[s + 1] : tok.size();
    // Tokens between sentences are not in any; stop at the first of them.
    return static_cast<uint32_t>(std::max(e, i + 1));
  }

  bool MatchFrom(const Entry& e, uint32_t el, uint32_t t, uint32_t end, uint32_t* out) const {
    if (el == e.elem_count) {
      *out = t;
      return true;
    }
    const Elem& x = m.elems_[e.elem_begin + el];
    if (x.kind == Elem::kGap) {
      for (uint32_t g = 0; g <= 6 && t + g <= end; ++g) {
        // A gap does not run over the end of a clause ('; ').
        if (g > 0 && tok[t + g - 1].kind == Token::Kind::kPunct) {
          const char c = doc.text[tok[t + g - 1].span.begin];
          if (c == ';' || c == '.' || c == '?' || c == '!' || c == ':') break;
        }
        if (MatchFrom(e, el + 1, t + g, end, out)) return true;
      }
      return false;
    }
    if (t >= end) return false;
    if (x.kind == Elem::kAny) {
      if (!IsWord(tok[t]) && tok[t].kind != Token::Kind::kNumber) return false;
      return MatchFrom(e, el + 1, t + 1, end, out);
    }
    if (!InSet(m.words_, x.begin, x.count, h[t])) return false;
    return MatchFrom(e, el + 1, t + 1, end, out);
  }

  // A gap at the end matched nothing; trailing punctuation is not part of a span.
  uint32_t TrimPunct(uint32_t b, uint32_t en) const {
    while (en > b + 1 && tok[en - 1].kind == Token::Kind::kPunct &&
           doc.text[tok[en - 1].span.begin] != '\'')
      --en;
    return en;
  }

  bool IsComma(const Token& t) const {
    return t.kind == Token::Kind::kPunct && doc.text[t.span.begin] == ',';
  }

  // Where a clause ends for to_clause_end: a comma, ";", ":", a dash, the
  // sentence's end, or a quotation mark (a quoted threat ends at the quote,
  // before "he said").
  bool EndsClause(const Token& t) const {
    if (t.kind != Token::Kind::kPunct) return false;
    const std::string_view p = std::string_view(doc.text).substr(t.span.begin, t.span.end - t.span.begin);
    return p == "," || p == ";" || p == ":" || p == "." || p == "?" || p == "!" ||
           p == "\u2014" || p == "\u2013" || p == "--" || p == "\"" || p == "\u201C" ||
           p == "\u201D";
  }

  bool ClauseStart(uint32_t i) const {
    if (i == 0 || sent[i - 1] != sent[i]) return true;
    // After a conjunction that itself starts a clause (", and either ...").
    if (IsWord(tok[i - 1]) && m.conjunctions_.Contains(h[i - 1])) {
      --i;
      if (i == 0 || sent[i - 1] != sent[i]) return true;
    }
    const Token& p = tok[i - 1];
    if (p.kind != Token::Kind::kPunct) return false;
    const char c = doc.text[p.span.begin];
    return c != '-' && c != '\'';
  }

  bool Conditions(const Entry& e, uint32_t b, uint32_t en, uint32_t send) const {
    const uint32_t sb = sent[b] >= 0 ? sent_tok[sent[b]] : b;
    if (e.lower) {
      const unsigned char c = static_cast<unsigned char>(doc.text[tok[b].span.begin]);
      if (c >= 'A' && c <= 'Z') {
        // Capitalised: only as the first word of its sentence, and not all
        // of it in capitals (a name).
        bool first = true;
        for (uint32_t k = sb; k < b; ++k) first = first && !IsWord(tok[k]);
        if (!first) return false;
      }
    }
    if (e.not_in_entity) {
      for (uint32_t k = b; k < en; ++k)
        if (in_mention[k]) return false;
    }
    if (e.clause_start && !ClauseStart(b)) return false;
    if (e.not_after_n && b > sb && IsWord(tok[b - 1]) &&
        InSet(m.words_, e.not_after_b, e.not_after_n, h[b - 1]))
      return false;
    if (e.not_before_n && en < send) {
      if (IsWord(tok[en]) && InSet(m.words_, e.not_before_b, e.not_before_n, h[en])) return false;
      // "#" in the list stands for any number ("lies 14 kilometres north").
      if (tok[en].kind == Token::Kind::kNumber &&
          InSet(m.words_, e.not_before_b, e.not_before_n, m.number_))
        return false;
    }
    if (e.not_near_n) {
      const uint32_t lo = b > sb + 5 ? b - 5 : sb, hi = std::min(send, en + 5);
      for (uint32_t k = lo; k < hi; ++k) {
        if (k >= b && k < en) continue;
        if (InSet(m.words_, e.not_near_b, e.not_near_n, h[k])) return false;
      }
    }
    return true;
  }

  // Step 1: the table rows.
  void MatchTables() {
    const size_t n = tok.size();
    const uint64_t* H = h.data();
    for (const uint32_t i : row_starts) {
      // Prepare kept the words that pass by_first_'s filter.
      const HashIndex::Slot* s = m.by_first_.FindPassed(h[i]);
      if (!s) continue;
      if (s->next_mask != ~0ull &&
          (i + 1 >= n || !((s->next_mask >> (h[i + 1] & 63)) & 1)))
        continue;
      const uint32_t send = SentEnd(i);
      const uint64_t next = i + 1 < n ? H[i + 1] : 0;
      // The second-word test on the masks alone: most rows fail it. A word
      // that starts many rows has them listed by that bit already.
      uint32_t begin = s->begin, count = s->count;
      if (s->by_bit != UINT32_MAX) {
        const uint32_t* off = m.by_bit_.data() + s->by_bit + (next & 63);
        begin = off[0];
        count = off[1] - off[0];
      }
      const uint32_t* list = m.by_first_list_.data() + begin;
      const uint64_t* masks = m.by_first_mask_.data() + begin;
      for (uint32_t k = 0; k < count; ++k) {
        if (!((masks[k] >> (next & 63)) & 1)) continue;
        const uint32_t ei = list[k];
        const Entry& e = m.entries_[ei];
        uint32_t en = 0;
        // The first element holds h[i]: the index is keyed by its words.
        if (!MatchFrom(e, 1, i + 1, send, &en) || en <= i) continue;
        en = TrimPunct(i, en);
        if (!Conditions(e, i, en, send)) continue;
        // A technique that is a whole clause runs on to the clause's end; a
        // comma the row ends in (trimmed above) or that follows the match
        // closes an "if" clause and the next one is taken too ("If we do
        // nothing, families will freeze").
        if (e.to_clause_end) {
          if (en < send && IsComma(tok[en])) ++en;
          while (en < send && !EndsClause(tok[en])) ++en;
          en = TrimPunct(i, en);
        }
        Cand c;
        c.tb = i;
        c.te = en;
        c.span = Span{tok[i].span.begin, tok[en - 1].span.end};
        c.technique = e.technique;
        c.confidence = e.weight;
        c.entry = static_cast<int>(ei);
        cands.push_back(std::move(c));
        break;
      }
    }
  }

  // The voice record containing byte `at`, or nullptr.
  const VoiceRecord* VoiceAt(uint32_t at) const {
    const auto& V = doc.voice;
    auto it = std::upper_bound(V.begin(), V.end(), at,
                               [](uint32_t a, const VoiceRecord& r) { return a < r.span.begin; });
    while (it != V.begin()) {
      --it;
      if (it->span.begin <= at && at < it->span.end) return &*it;
      if (it->span.end <= at) break;
    }
    return nullptr;
  }

  // Word tokens inside byte span s.
  int WordsIn(Span s) const {
    auto it = std::lower_bound(tok.begin(), tok.end(), s.begin,
                               [](const Token& t, uint32_t b) { return t.span.begin < b; });
    int n = 0;
    for (; it != tok.end() && it->span.end <= s.end; ++it) n += IsWord(*it) ? 1 : 0;
    return n;
  }

  // The innermost quotation whose content holds [b, e), or nullptr; and
  // whether a quotation of four words or more (or running over sentences)
  // holds it.
  std::vector<int> quote_words;  // word tokens per quotation, -1 until counted

  bool InLongQuote(Span sp) {
    const auto& Q = doc.quotes;
    if (quote_words.size() != Q.size()) quote_words.assign(Q.size(), -1);
    auto it = std::upper_bound(Q.begin(), Q.end(), sp.begin,
                               [](uint32_t b, const Quote& q) { return b < q.content.begin; });
    // The few quotations opening last before the span (nesting is shallow).
    for (int k = 0; k < 4 && it != Q.begin(); ++k) {
      --it;
      if (it->content.begin > sp.begin || sp.end > it->content.end) continue;
      int& w = quote_words[it - Q.begin()];
      if (w < 0) w = WordsIn(it->content);  // once per quotation, however many markers
      if (w >= 4) return true;
    }
    return false;
  }

  // Step 2: scare quotes.
  void ScareQuotes() {
    const auto& Q = doc.quotes;
    uint32_t outer_end = 0;  // end of the quotations before (in text order)
    for (size_t qi = 0; qi < Q.size(); ++qi) {
      const Quote& q = Q[qi];
      // Not inside a longer quotation.
      const bool nested = qi > 0 && q.span.end <= outer_end;
      outer_end = std::max(outer_end, q.span.end);
      if (nested) continue;
      if (!q.balanced || q.content.end <= q.content.begin || q.span.end > doc.text.size()) continue;
      if (q.content.end - q.content.begin > 60) continue;
      auto it = std::lower_bound(tok.begin(), tok.end(), q.content.begin,
                                 [](const Token& t, uint32_t b) { return t.span.begin < b; });
      const uint32_t tb = static_cast<uint32_t>(it - tok.begin());
      uint32_t te = tb;
      int nwords = 0, caps = 0;
      bool ends_sentence = false;
      while (te < tok.size() && tok[te].span.end <= q.content.end) {
        if (IsWord(tok[te])) {
          ++nwords;
          const unsigned char c = static_cast<unsigned char>(doc.text[tok[te].span.begin]);
          if (c >= 'A' && c <= 'Z') ++caps;
        } else if (tok[te].kind == Token::Kind::kPunct) {
          const char c = doc.text[tok[te].span.begin];
          ends_sentence = ends_sentence || c == '.' || c == '!' || c == '?';
        } else if (tok[te].kind == Token::Kind::kNumber) {
          nwords = 99;  // numbers in quotes are data, not terms
        }
        ++te;
      }
      if (nwords < 1 || nwords > 3 || ends_sentence) continue;
      if (nwords >= 2 && caps == nwords) continue;  // a title or a name
      if (tb >= tok.size() || sent[tb] < 0) continue;
      // A naming word in the three words before the opening mark ('called
      // "Dawn"', 'call themselves "ISIS"').
      auto before = std::lower_bound(tok.begin(), tok.end(), q.span.begin,
                                     [](const Token& t, uint32_t b) { return t.span.begin < b; });
      bool named = false;
      for (size_t k = 0, p = static_cast<size_t>(before - tok.begin()); k < 3 && p > 0; ++k) {
        --p;
        if (!IsWord(tok[p])) break;
        named = named || m.naming_words_.Contains(h[p]);
      }
      if (named) continue;
      const VoiceRecord* v = VoiceAt(q.span.begin);
      if (v && (v->kind == "attributed"sv || v->kind == "quoted"sv)) continue;
      const std::string_view content(doc.text.data() + q.content.begin,
                                     q.content.end - q.content.begin);
      bool title = false;
      for (const Citation& c : doc.citations) title = title || c.title == content;
      if (title) continue;
      Cand c;
      c.span = q.span;
      c.tb = tb;
      c.te = te;
      c.technique = kScareQuotes;
      c.confidence = caps == nwords ? 0.5 : 0.7;
      c.rule = "scare quote: " + std::to_string(nwords) + (nwords == 1 ? " word" : " words") +
               " in quotation marks, no speaker (voice " + (v ? v->kind : std::string("none")) +
               ")";
      cands.push_back(std::move(c));
    }
  }

  // Step 2b: slogans by their shape. A sentence of two to eight words
  // that ends in an exclamation mark and asks nothing ("Take back our
  // towns!", "Secure the border, save the nation!") is a slogan or a
  // rallying cry; wire copy has none in its own voice. The phrase tables
  // hold the known slogans; this finds the ones no table lists.
  void ShortExclamations() {
    const size_t ns = doc.sentences.size();
    for (size_t s = 0; s < ns; ++s) {
      if (sent_words[s] < 2 || sent_words[s] > 8) continue;
      uint32_t b = sent_tok[s];
      const uint32_t e = s + 1 < sent_tok.size() ? sent_tok[s + 1] : static_cast<uint32_t>(tok.size());
      if (b >= e || sent[b] != static_cast<int32_t>(s)) continue;
      while (b < e && !IsWord(tok[b])) ++b;  // an opening quotation mark
      uint32_t last = e;  // the exclamation mark, the sentence's last punctuation but closing quotes
      bool asks = false, digits = false;
      for (uint32_t k = b; k < e && sent[k] == static_cast<int32_t>(s); ++k) {
        const Token& t = tok[k];
        if (t.kind == Token::Kind::kNumber) digits = true;
        if (t.kind != Token::Kind::kPunct) continue;
        const char c = doc.text[t.span.begin];
        if (c == '?') asks = true;
        if (c == '!') last = k;
        else if (c != '"' && c != '\'' && static_cast<unsigned char>(c) < 0x80) last = e;
      }
      if (b >= e || last == e || asks || digits) continue;
      // Capitalised first word: a sentence, not a fragment of a list.
      const unsigned char c0 = static_cast<unsigned char>(doc.text[tok[b].span.begin]);
      if (c0 < 'A' || c0 > 'Z') continue;
      // "My god!", "What a day!", "Dont you know ...!": an exclamation or a
      // question, by its first word (marker_words.tsv, kind exclamation).
      if (m.exclamation_openers_.Contains(h[b])) continue;
      // A slogan the tables know inside it ("Never again!") keeps its row.
      const Span span{tok[b].span.begin, tok[last].span.end};
      bool known = false;
      for (const Cand& k : cands)
        known = known || (k.technique == kSlogans && k.span.begin < span.end && span.begin < k.span.end);
      if (known) continue;
      Cand c;
      c.tb = b;
      c.te = last + 1;
      c.span = span;
      c.technique = kSlogans;
      c.confidence = 0.5;
      c.rule = "slogan: a sentence of " + std::to_string(sent_words[s]) +
               " words ending in an exclamation mark";
      cands.push_back(std::move(c));
    }
  }

  // Step 3: repetition.
  void Repetition() {
    const size_t n = tok.size();
    // The content words and the starts of their runs come from Prepare,
    // which has each token's facts at hand.
    // Words inside a loaded word or label (step 1) are charged.
    std::vector<uint8_t> charged_tok(n, 0);
    for (const Cand& c : cands)
      if (c.technique == kLoadedLanguage || c.technique == kNameCalling)
        for (uint32_t j = c.tb; j < c.te && j < n; ++j) charged_tok[j] = 1;
    auto charged = [&](size_t i) { return charged_tok[i] != 0; };
    struct Slot {
      uint64_t key = 0;
      uint32_t count = 0, first = 0;
    };
    const size_t nlex = cands.size();
    size_t cap = 64;
    while (cap < (starts.size() * 2 + nlex) * 2) cap *= 2;
    std::vector<Slot> table(cap);
    const uint64_t mask = cap - 1;
    auto slot = [&](uint64_t key) -> Slot& {
      uint64_t i = (key * 0x9E3779B97F4A7C15ull >> 17) & mask;
      while (table[i].key != 0 && table[i].key != key) i = (i + 1) & mask;
      return table[i];
    };
    auto gram_key = [&](size_t i, size_t len) {
      uint64_t k = 0x84222325cbf29ce4ull ^ len;
      for (size_t j = 0; j < len; ++j) k = (k ^ h[i + j]) * 0x100000001b3ull + (k >> 29);
      return k ? k : 1;
    };
    // Length of the run of content tokens starting at i (same sentence).
    auto run_len = [&](size_t i) {
      size_t r = 0;
      while (i + r < n && r < 4 && content[i + r] && sent[i + r] == sent[i]) ++r;
      return r;
    };
    // Pairs first; a longer n-gram is counted only where its first pair
    // came back (most text has few repeated pairs).
    auto count = [&](size_t i, size_t len) -> uint32_t {
      const uint64_t k = gram_key(i, len);
      Slot& s = slot(k);
      if (s.key == 0) {
        s.key = k;
        s.first = static_cast<uint32_t>(i);
      }
      return ++s.count;
    };
    // Each start's run and pair key, once: every pass below looks at them.
    struct Start {
      uint64_t pair_key;
      size_t run;
    };
    const size_t nstarts = starts.size();
    std::vector<Start> st(nstarts);
    for (size_t j = 0; j < nstarts; ++j) {
      const uint32_t i = starts[j];
      st[j] = {gram_key(i, 2), run_len(i)};
      Slot& s = slot(st[j].pair_key);
      if (s.key == 0) {
        s.key = st[j].pair_key;
        s.first = i;
      }
      ++s.count;
    }
    for (size_t len = 3; len <= 4; ++len) {
      for (size_t j = 0; j < nstarts; ++j) {
        const uint32_t i = starts[j];
        // The run first: it keeps gram_key inside the tokens.
        if (st[j].run < len || slot(len == 3 ? st[j].pair_key : gram_key(i, 3)).count < 2) continue;
        count(i, len);
      }
    }
    // Loaded words and labels, keyed by their tokens' hashes.
    auto lex_key = [&](const Cand& c) {
      uint64_t k = 0x1234567ull;
      for (uint32_t j = c.tb; j < c.te; ++j) k = (k ^ h[j]) * 0x100000001b3ull;
      return k ? k : 1;
    };
    for (size_t ci = 0; ci < nlex; ++ci) {
      const Cand& c = cands[ci];
      if (c.technique != kLoadedLanguage && c.technique != kNameCalling) continue;
      Slot& s = slot(lex_key(c));
      if (s.key == 0) {
        s.key = lex_key(c);
        s.first = c.tb;
      }
      ++s.count;
    }
    // Rates per 1,000 words, over at least 800 words: in a short wire story
    // five uses of a topic pair would read as 20 per 1,000.
    const double per_1000 = words > 0 ? 1000.0 / std::max(800.0, static_cast<double>(words)) : 0;
    // A phrase the first sentence (the headline or the lead) already used
    // is the article's topic ("chemical weapons" in a short wire story),
    // not a message hammered in.
    auto topic = [&](const Slot& s) { return sent[s.first] == 0; };
    auto qualifies = [&](size_t i, size_t len, const Slot& s) {
      if (len >= 4) return s.count >= 2;
      if (len == 3) {
        if (charged(i) || charged(i + 1) || charged(i + 2)) return s.count >= 3;
        return s.count >= 4 && s.count * per_1000 >= 5 && !topic(s);
      }
      // Two words: topic phrases ("chemical weapons") repeat in plain news;
      // only a charged pair, or a pair hammered in at 10 per 1,000 words.
      if (s.count >= 5 && s.count * per_1000 >= 10 && !topic(s)) return true;
      return s.count >= 3 && (charged(i) || charged(i + 1));
    };
    std::vector<Cand> reps;
    size_t next = 0;  // first token a new repetition may start at
    for (size_t j = 0; j < nstarts; ++j) {
      const uint32_t i = starts[j];
      if (i < next) continue;
      // No longer n-gram repeats more than its first pair.
      if (slot(st[j].pair_key).count < 2) continue;
      const size_t r = st[j].run;
      for (size_t len = r; len >= 2; --len) {
        const Slot& s = slot(len == 2 ? st[j].pair_key : gram_key(i, len));
        if (s.key == 0) continue;  // a longer n-gram that was never counted
        if (!qualifies(i, len, s)) continue;
        if (s.first != i) {
          Cand c;
          c.tb = static_cast<uint32_t>(i);
          c.te = static_cast<uint32_t>(i + len);
          c.span = Span{tok[i].span.begin, tok[i + len - 1].span.end};
          c.technique = kRepetition;
          c.confidence = std::min(0.9, 0.4 + 0.1 * s.count);
          c.rule = "repetition: " + std::to_string(len) + " content words, " +
                   std::to_string(s.count) + " times in the article";
          reps.push_back(std::move(c));
        }
        next = i + len;
        break;
      }
    }
    for (size_t ci = 0; ci < nlex; ++ci) {
      const Cand& c = cands[ci];
      if (c.technique != kLoadedLanguage && c.technique != kNameCalling) continue;
      const Slot& s = slot(lex_key(c));
      if (s.count < 4 || s.first == c.tb) continue;
      Cand r;
      r.author_only = true;
      r.tb = c.tb;
      r.te = c.te;
      r.span = c.span;
      r.technique = kRepetition;
      r.confidence = std::min(0.8, 0.3 + 0.1 * s.count);
      r.rule = "repetition: a loaded word or label, " + std::to_string(s.count) +
               " times in the article";
      reps.push_back(std::move(r));
    }
    for (auto& r : reps) cands.push_back(std::move(r));
  }

  void Finish() {
    std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
      if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
      if (a.span.end != b.span.end) return a.span.end > b.span.end;
      return a.technique < b.technique;
    });
    uint32_t last_end[kTechniqueCount] = {};
    bool any[kTechniqueCount] = {};
    MarkerProfile& p = doc.marker_profile;
    p.counts.assign(kTechniqueCount, 0);
    std::vector<int> sent_markers(doc.sentences.size(), 0);
    int author = 0;
    for (Cand& c : cands) {
      if (any[c.technique] && c.span.begin < last_end[c.technique]) continue;
      const VoiceRecord* v = VoiceAt(c.span.begin);
      std::string voice = v ? v->kind : std::string("author");
      int source = v ? v->source : -1;
      if (c.technique != kScareQuotes && InLongQuote(c.span)) {
        if (voice != "quoted"sv) {
          voice = "quoted";
          if (!v || v->kind != "attributed"sv) source = -1;
        }
      }
      if ((c.author_only || (c.entry >= 0 && m.entries_[c.entry].author)) &&
          voice != "author"sv)
        continue;
      any[c.technique] = true;
      last_end[c.technique] = c.span.end;
      Marker mk;
      mk.technique = TechniqueName(c.technique);
      mk.span = c.span;
      mk.sentence = c.tb < sent.size() ? sent[c.tb] : -1;
      mk.voice = std::move(voice);
      mk.source = source;
      mk.confidence = c.confidence;
      mk.rule = c.entry >= 0 ? m.entries_[c.entry].rule : std::move(c.rule);
      ++p.counts[c.technique];
      ++p.total;
      if (mk.voice == "author"sv) ++author;
      if (mk.sentence >= 0) ++sent_markers[mk.sentence];
      doc.markers.push_back(std::move(mk));
    }
    p.words = words;
    p.author_share = p.total ? static_cast<double>(author) / p.total : 0;
    // Densest windows of up to three sentences.
    struct Win {
      size_t s, e;
      int markers, words;
      double density;
    };
    std::vector<Win> wins;
    const size_t ns = doc.sentences.size();
    // Paragraph of each sentence: a window stays inside one.
    std::vector<int> para(ns, -1);
    for (size_t s = 0, pi = 0; s < ns; ++s) {
      while (pi < doc.paragraphs.size() && doc.paragraphs[pi].end <= doc.sentences[s].begin) ++pi;
      para[s] = static_cast<int>(pi);
    }
    for (size_t s = 0; s < ns; ++s) {
      if (!sent_markers[s]) continue;
      int mk = 0, w = 0;
      for (size_t e = s; e < ns && e < s + 3 && para[e] == para[s]; ++e) {
        mk += sent_markers[e];
        w += sent_words[e];
        if (mk >= 2 && sent_markers[e])
          wins.push_back({s, e + 1, mk, w, mk * 1000.0 / std::max(w, 30)});
      }
    }
    std::sort(wins.begin(), wins.end(), [](const Win& a, const Win& b) {
      if (a.density != b.density) return a.density > b.density;
      return a.s < b.s;
    });
    for (const Win& w : wins) {
      if (p.densest.size() >= 3) break;
      bool overlaps = false;
      for (const MarkerPassage& d : p.densest)
        overlaps = overlaps || (doc.sentences[w.s].begin < d.span.end &&
                                d.span.begin < doc.sentences[w.e - 1].end);
      if (overlaps) continue;
      MarkerPassage mp;
      mp.span = Span{doc.sentences[w.s].begin, doc.sentences[w.e - 1].end};
      mp.markers = w.markers;
      mp.words = w.words;
      mp.per_1000_words = w.words ? w.markers * 1000.0 / w.words : 0;
      p.densest.push_back(mp);
    }
  }
};

void MarkersAnnotator::Apply(Document* doc) const {
  doc->markers.clear();
  doc->marker_profile = MarkerProfile();
  doc->marker_profile.computed = true;
  doc->marker_profile.counts.assign(kTechniqueCount, 0);
  if (doc->tokens.empty() || doc->sentences.empty()) {
    for (const Token& t : doc->tokens) doc->marker_profile.words += IsWord(t) ? 1 : 0;
    return;
  }
  Run r(*this, *doc);
  r.Prepare();
  r.MatchTables();
  r.ScareQuotes();
  r.ShortExclamations();
  r.Repetition();
  r.Finish();
}

}  // namespace dossier
