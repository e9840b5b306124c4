// The voice layer, in three passes over the sentences (each linear in the
// document's tokens, mentions and quotes):
//
// 1. Mentions of its own. A document noun after a determiner ("the report",
//    "a recent report", "its executive summary"; after a determiner and a
//    mention, "the DIA memo" gives "memo") becomes a mention of kind
//    "document". An unnamed-source head with its determiner and modifiers
//    ("a representative", "local sources", "a senior military source") next
//    to a reporting cue becomes a person (singular) or actor (plural)
//    mention with rule "voice:anonymous_sources.tsv:<head>". A name no
//    entity layer knew, in a source's place next to a reporting verb
//    ("Haddad said", "…, said Hazzouri"), becomes a person mention (an
//    organization one for "Corvane Group said", "Velmora said it would")
//    with rule "voice:name_before_cue" or "voice:name_after_cue"
//    (NameSources).
//    They join doc.mentions in text order, never overlapping another
//    mention.
// 2. Voice and claims. A sentence with no cue, hedge, question mark or
//    quotation is the author's (fast path). Otherwise it is split into
//    clauses at clause breaks outside quotes (", but", "; ") and each clause
//    gets one record (clauses that all come out as the author's are merged
//    back into one):
//    - in a block quote (the paragraphs after one whose last sentence holds
//      a cue and ends with ":" or "in this way") -> quoted, with the source
//      and cue of the intro;
//    - a reporting cue outside quotes and mentions: a verb (source before it,
//      across auxiliaries, an appositive, a relative "that", a quoted title,
//      a prepositional tail "a representative of the Russian forces claimed";
//      or after it: "…, said Dorrian"), "according to X", or an impersonal
//      "it was reported that" -> attributed, or quoted when quotation marks
//      cover the content. The content is after the cue ("said that …",
//      "said: …", "according to X, …"), before it ("…, the ministry said"),
//      or both quotations around a cue inside a quote;
//    - no cue, but a quotation of four words or more covers the clause
//      -> quoted; speaker: the cue right after the quotation's end in a
//      later sentence, else the speaker of the last two sentences;
//    - a question mark ends it -> question; a hedge outside quotes -> hedged;
//    - otherwise author; short quotations with no speaker (scare quotes)
//      stay in the author's voice.
//    Pronouns, "the <title>" and "the <word of a name>" resolve to earlier
//    mentions (Resolve). Each record's clause then gets a claim if its
//    mentions and claim cues make it check-worthy.
// 3. Citations. Document mentions are grouped into citations: a definite
//    "the report" joins the latest citation with the same noun (and a
//    compatible issuer), an indefinite one opens a new one; issuer, title,
//    date, links and URLs come from the words around. Outlets quoted as
//    sources cite an article of theirs.
#include "annotate/voice/voice_annotator.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <type_traits>
#include <unordered_set>

namespace dossier {
using namespace std::literals;  // "…"sv: compare the length first, no strlen
namespace {
// t == lit for a string literal: the length test, then a memcmp of a
// length known at compile time, which the compiler turns into one or two
// integer compares. (std::string_view's == goes through compare(), an
// out-of-line call here, and these tests run several times per word.)
// Always inlined: in the long functions of the layer GCC otherwise calls it.
template <size_t N>
[[gnu::always_inline]] inline bool Eq(std::string_view t, const char (&lit)[N]) {
  return t.size() == N - 1 && std::memcmp(t.data(), lit, N - 1) == 0;
}
}  // namespace
namespace voice_internal {

// Calls fn(token) for each token of PhraseTokens(phrase), lower-cased in
// `cur` (the caller's buffer: no allocation per token once it has grown).
// (The program runs in the C locale: <cctype>'s classes are ASCII, tested
// here inline rather than by a libc call per byte.)
inline bool AsciiAlpha(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
inline bool AsciiDigit(unsigned char c) { return static_cast<unsigned char>(c - '0') < 10; }
template <typename Fn>
void ForEachPhraseToken(std::string_view phrase, std::string& cur, const Fn& fn) {
  cur.clear();
  for (size_t i = 0; i < phrase.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(phrase[i]);
    bool word = AsciiAlpha(c) || AsciiDigit(c) || c >= 0x80;
    // An apostrophe between letters stays inside the word ("it's").
    if ((c == '\'') && !cur.empty() && i + 1 < phrase.size() &&
        AsciiAlpha(static_cast<unsigned char>(phrase[i + 1])))
      word = true;
    if (word) {
      cur.push_back(static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0)));
    } else {
      if (!cur.empty()) fn(std::string_view(cur));
      cur.clear();
      if (!(c == ' ' || (c >= '\t' && c <= '\r'))) fn(phrase.substr(i, 1));
    }
  }
  if (!cur.empty()) fn(std::string_view(cur));
}

std::vector<std::string> PhraseTokens(std::string_view phrase) {
  std::vector<std::string> out;
  std::string cur;
  ForEachPhraseToken(phrase, cur, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

void PhraseTable::Add(PhraseRow row) {
  if (row.words.empty()) return;
  const std::string first = row.words[0];
  rows_.push_back(std::move(row));
  auto& v = by_first_[first];
  v.push_back(rows_.size() - 1);
  // Longest first, then table order.
  std::stable_sort(v.begin(), v.end(), [&](size_t a, size_t b) {
    return rows_[a].words.size() > rows_[b].words.size();
  });
}

void FirstWordTable::Build(const StringMap<uint8_t>& words) {
  size_t cap = 16;
  while (cap < words.size() * 4) cap *= 2;
  slots_.assign(cap, Slot());
  mask_ = cap - 1;
  size_ = 0;
  long_words_.clear();
  // Insert in sorted order so the table does not depend on hash-map order.
  std::vector<std::pair<std::string, uint8_t>> sorted(words.begin(), words.end());
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [w, bits] : sorted) {
    if (w.empty() || bits == 0) continue;
    const uint64_t key = ShortKey(w);
    uint64_t i = ShortKeyHash(key, w.size()) & mask_;
    while (slots_[i].len != 0) i = (i + 1) & mask_;
    Slot& s = slots_[i];
    s.key = key;
    s.len = static_cast<uint32_t>(w.size());
    s.bits = bits;
    s.id = static_cast<uint32_t>(size_++);
    if (w.size() > 8) {
      s.long_index = static_cast<uint32_t>(long_words_.size());
      long_words_.push_back(w);
    }
  }
}

void PhraseTable::IndexFirstWords(const FirstWordTable& ids) {
  by_id_.assign(ids.size(), {});
  for (const auto& [w, rows] : by_first_) {
    uint32_t id;
    if (!ids.Find(w, &id)) continue;
    FirstRows& out = by_id_[id];
    for (size_t r : rows) {
      const std::vector<std::string>& words = rows_[r].words;
      if (words.size() == 1) {
        out.single.push_back(static_cast<uint32_t>(r));
        continue;
      }
      const size_t len1 = words[1].size();
      if (out.by_len1.size() <= len1) out.by_len1.resize(len1 + 1);
      out.by_len1[len1].push_back({static_cast<uint32_t>(r), static_cast<uint32_t>(words.size())});
    }
  }
}

const PhraseRow* PhraseTable::Find(std::string_view single) const {
  auto it = by_first_.find(single);
  if (it == by_first_.end()) return nullptr;
  for (size_t r : it->second)
    if (rows_[r].words.size() == 1) return &rows_[r];
  return nullptr;
}

}  // namespace voice_internal

namespace {
using voice_internal::PhraseRow;

// The kind column values the code tests, as small codes (PhraseRow::code).
enum RowKind : uint8_t {
  kRowOther = 0, kRowVerb, kRowVerbWeak, kRowAccording, kRowPassive, kRowIntro, kRowAux,
  kRowComplementizer, kRowBreak, kRowNoBreak, kRowIdiom, kRowPlural, kRowSingular,
  kRowOpinion, kRowCausal, kRowEvent, kRowAccusation,
};
uint8_t RowKindCode(std::string_view k) {
  static const std::pair<const char*, RowKind> kCodes[] = {
      {"verb", kRowVerb}, {"verb_listener", kRowVerb}, {"verb_accusation", kRowVerb}, {"verb_weak", kRowVerbWeak}, {"according", kRowAccording},
      {"passive", kRowPassive}, {"intro", kRowIntro}, {"aux", kRowAux},
      {"complementizer", kRowComplementizer}, {"break", kRowBreak}, {"nobreak", kRowNoBreak},
      {"idiom", kRowIdiom}, {"plural", kRowPlural}, {"singular", kRowSingular},
      {"opinion", kRowOpinion}, {"causal", kRowCausal}, {"event", kRowEvent},
      {"accusation", kRowAccusation}};
  for (const auto& [name, code] : kCodes)
    if (k == name) return code;
  return kRowOther;
}

// Which tables a token can start a match of (VoiceAnnotator::first_bits_).
enum : uint8_t {
  kBitCue = 1,
  kBitHedge = 2,
  kBitDocNoun = 4,
  kBitAnonymous = 8,
  kBitClaim = 16,
  kBitBreak = 32,  // voice_cues break/nobreak rows (", but")
  kBitAux = 64,    // the word's voice_cues row (PhraseTable::Find) is an auxiliary
  // voice_cues intro rows ("the following", "as follows"): "the" starts one,
  // and most cue loops want a reporting verb or "according to", so the words
  // that start only intro rows are not kBitCue; nor are the forms of "be"
  // that open "is said to" and "was quoted as saying".
  kBitIntro = 128,
  kBitAnyCue = kBitCue | kBitIntro,  // any voice_cues row but a break
};
using voice_internal::PhraseTable;
using voice_internal::PhraseTokens;
using voice_internal::ForEachPhraseToken;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
// ASCII capitals of p[0, n) to lower case, in place (std::tolower in the C
// locale). Sixteen bytes a step with SSE2: the compiler does not vectorise
// the byte loop at -O2, and the voice layer lowers the whole text.
void LowerAsciiInPlace(unsigned char* p, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // A capital is a byte whose c - 'A' is below 26, unsigned.
    const __m128i t = _mm_sub_epi8(v, _mm_set1_epi8('A'));
    const __m128i cap = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)), t);
    v = _mm_add_epi8(v, _mm_and_si128(cap, _mm_set1_epi8(0x20)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p + i), v);
  }
#endif
  for (; i < n; ++i)
    p[i] = static_cast<unsigned char>(p[i] + ((static_cast<unsigned char>(p[i] - 'A') < 26) << 5));
}
// Lower(s) into *out, reusing its buffer.
void LowerInto(std::string_view s, std::string* out) {
  out->assign(s);
  // std::tolower in the C locale, inline.
  for (char& c : *out) c = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
}

void LoadPhrases(const Lexicon& lex, const char* table, const char* key_col,
                 const char* kind_col, PhraseTable* out) {
  const Table& t = lex.table(table);
  const int k = t.Column(key_col), kind = kind_col ? t.Column(kind_col) : -1;
  const int weight = t.Column("weight"), cs = t.Column("case"), where = t.Column("where");
  if (k < 0) return;
  for (const auto& r : t.rows) {
    PhraseRow row;
    row.words = PhraseTokens(r[k]);
    row.text = r[k];
    row.table = table;
    if (kind >= 0) row.kind = r[kind];
    row.rule = std::string(table) + ".tsv:" + row.text;
    if (kind >= 0) row.rule += " (" + row.kind + ")";
    row.code = RowKindCode(row.kind);
    row.listener = row.kind == "verb_listener";
    row.accusation = row.kind == "verb_accusation";
    if (weight >= 0 && !r[weight].empty()) row.weight = std::atof(r[weight].c_str());
    row.lower_only = cs >= 0 && Eq(r[cs], "lower");
    row.according_only = where >= 0 && Eq(r[where], "according");
    out->Add(std::move(row));
  }
}

// Determiners and possessives that open a document or source noun phrase.
// (string_view tables: each comparison tests the length first, with no
// strlen per entry; these run several times per word of a clause.)
// (Chosen by length first: most words are compared with two or three
// entries, not all twenty.)
// A finite auxiliary or modal: after a noun phrase, the phrase is a
// clause's subject ("said the army would deploy").
bool IsFiniteAux(std::string_view w) {
  static constexpr std::string_view kWords[] = {"would", "will", "could", "should", "might",
                                                "may", "must", "can", "had", "has", "have",
                                                "was", "were", "is", "are", "did", "does"};
  for (std::string_view x : kWords)
    if (w == x) return true;
  return false;
}

[[gnu::always_inline]] inline bool IsDeterminer(std::string_view w) {
  switch (w.size()) {
    case 1: return w[0] == 'a';
    case 2: return Eq(w, "an");
    case 3:
      return Eq(w, "the") || Eq(w, "its") || Eq(w, "his") || Eq(w, "her") || Eq(w, "our") ||
             Eq(w, "one") || Eq(w, "two");
    case 4: return Eq(w, "this") || Eq(w, "that") || Eq(w, "some") || Eq(w, "many");
    case 5:
      return Eq(w, "these") || Eq(w, "those") || Eq(w, "their") || Eq(w, "three") ||
             Eq(w, "other");
    case 7: return Eq(w, "another") || Eq(w, "several");
    default: return false;
  }
}
[[gnu::always_inline]] inline bool IsIndefinite(std::string_view w) {
  return Eq(w, "a") || Eq(w, "an") || Eq(w, "another") || Eq(w, "one");
}
[[gnu::always_inline]] inline bool IsPreposition(std::string_view w) {
  switch (w.size()) {
    case 2:
      return Eq(w, "of") || Eq(w, "in") || Eq(w, "by") || Eq(w, "at") || Eq(w, "on") ||
             Eq(w, "to");
    case 3: return Eq(w, "for");
    case 4: return Eq(w, "from") || Eq(w, "with") || Eq(w, "near");
    case 5: return Eq(w, "under");
    case 6: return Eq(w, "inside") || Eq(w, "within") || Eq(w, "across");
    default: return false;
  }
}
// Words that open a relative or subordinate clause whose subject may be a
// pronoun for the sentence's subject ("a video that it said showed").
bool IsSubordinator(std::string_view w) {
  for (std::string_view x : {"that", "which", "what", "where", "as", "since", "because", "although",
                             "though", "while", "after", "when"})
    if (w == x) return true;
  return false;
}

// (By its first byte: most words are tested with one compare, inline.)
[[gnu::always_inline]] inline bool IsQuoteMark(std::string_view t) {
  if (t.empty() || t.size() > 3) return false;
  switch (static_cast<unsigned char>(t[0])) {
    case '"': case '\'': return t.size() == 1;
    case 0xC2: return Eq(t, "\xC2\xAB") || Eq(t, "\xC2\xBB");
    case 0xE2:
      return Eq(t, "\xE2\x80\x9C") || Eq(t, "\xE2\x80\x9D") || Eq(t, "\xE2\x80\x98") ||
             Eq(t, "\xE2\x80\x99") || Eq(t, "\xE2\x80\x9E");
    default: return false;
  }
}
bool IsLowerWord(std::string_view t) {
  return !t.empty() && std::islower(static_cast<unsigned char>(t[0]));
}
bool Possessive(std::string_view t) {
  return (t.size() > 2 && Eq(t.substr(t.size() - 2), "'s")) ||
         (t.size() > 4 && Eq(t.substr(t.size() - 4), "\xE2\x80\x99s"));
}

// Mentions that can be a source: people, organisations, outlets, actors,
// documents, and countries ("Russia has said").
bool EligibleSource(const Mention& m) {
  return Eq(m.kind, "person") || Eq(m.kind, "organization") || Eq(m.kind, "outlet") ||
         Eq(m.kind, "actor") || Eq(m.kind, "document") ||
         (Eq(m.kind, "place") && m.geo && Eq(m.geo->feature, "country"));
}
bool IsAnonymous(const Mention& m) { return m.rule.starts_with("voice:anonymous"); }

// (A literal: the record's string is assigned from it, with no string built
// and moved in per record.)
std::string_view SourceKind(const Mention& m) {
  if (Eq(m.kind, "document")) return "document";
  if (IsAnonymous(m)) return "anonymous";
  if (Eq(m.kind, "person")) return "person";
  if (Eq(m.kind, "outlet")) return "outlet";
  if (Eq(m.kind, "place")) return "government";
  // A generic group the entity layers found ("residents", "activists"): no
  // name, so an unnamed source.
  if (Eq(m.kind, "actor") && m.ref.empty() && (!m.actor || m.actor->group.empty()))
    return "anonymous";
  if (m.actor) {
    const auto& s = m.actor->sectors;
    bool gov = std::find(s.begin(), s.end(), "GOV") != s.end();
    bool mil = std::find(s.begin(), s.end(), "MIL") != s.end();
    // A state, its government or its forces ("the US", "Russian forces").
    const bool state = !m.actor->country.empty() && m.actor->group.empty();
    if (gov || (state && (mil || s.empty()))) return "government";
  }
  return "organization";
}

// A word's shape for VoiceAnnotator::first_shapes_, from its first and last
// bytes (lower-cased) and its length: the low five bits of each byte (where
// the letters differ) and the length up to 15, 14 bits in all. It rejects
// half the tokens that a first byte and a length let through ("of", "on",
// "to", "and"; "one" and "the" are first words).
inline uint32_t FirstShape(unsigned char first, unsigned char last, size_t len) {
  return (first & 31u) | (last & 31u) << 5 | static_cast<uint32_t>(std::min<size_t>(len, 15)) << 10;
}

// A word's span and text are its token's (Sent::toks, Sent::Text): only
// what SentenceWalker works out is stored per word.
struct Word {
  int mention = -1;   // index into doc.mentions covering it
  int quote = -1;     // index into the outer quotes whose span covers it
};

// One sentence's words with their lower-cased forms.
struct Sent {
  Sent() = default;
  Sent(const Sent&) = delete;  // low and lower point at their Sent
  Sent& operator=(const Sent&) = delete;

  int index = 0;
  Span span;
  std::vector<Word> w;
  const char* lowered = nullptr;  // the document's lower-cased copy
  const char* text = nullptr;     // the document's text
  // toks[k]: word k's token (its kind); bits[k]: the kBit* tables a phrase
  // may start at it; first[k]: its id in the FirstWordTable, where bits[k]
  // is not 0. (The document's tokens and Impl::token_bits and token_first
  // from the sentence's first token on: not copied per word.)
  const Token* toks = nullptr;
  const uint8_t* bits = nullptr;
  const uint32_t* first = nullptr;
  // Whether a quotation overlaps the sentence (if not, no word has a quote).
  bool quoted = false;
  // Word k as written.
  [[gnu::always_inline]] std::string_view Text(size_t k) const {
    return std::string_view(text + toks[k].span.begin, toks[k].span.end - toks[k].span.begin);
  }
  // low[k]: word k lower-cased; lower[k]: its first letter is not upper
  // case. Worked out from the word when asked (most words never are), not
  // stored per word by SentenceWalker.
  // (Always inlined, as Text: GCC otherwise calls them from the long
  // functions of both passes.)
  struct Low {
    const Sent& s;
    [[gnu::always_inline]] std::string_view operator[](size_t k) const {
      return std::string_view(s.lowered + s.toks[k].span.begin,
                              s.toks[k].span.end - s.toks[k].span.begin);
    }
  };
  struct Lower {
    const Sent& s;
    // std::isupper in the C locale, without the call.
    [[gnu::always_inline]] bool operator[](size_t k) const {
      return static_cast<unsigned char>(s.text[s.toks[k].span.begin] - 'A') >= 26;
    }
  };
  const Low low{*this};
  const Lower lower{*this};
};

// Walks sentences in order, keeping cursors into tokens, mentions and quotes
// so each is visited a bounded number of times.
class SentenceWalker {
 public:
  SentenceWalker(const Document& doc, const std::vector<Quote>& quotes, std::string_view lowered,
                 const std::vector<uint8_t>& bits, const uint32_t* first)
      : doc_(doc), quotes_(quotes), lowered_(lowered), bits_(bits), first_(first) {}
  // Sentence si, whose tokens are [tb, te) (Impl::sent_info: found once in
  // the pass over the tokens, not scanned for again here).
  void Build(int si, size_t tb, size_t te, Sent* s) {
    const Span sp = doc_.sentences[si];
    s->index = si;
    s->span = sp;
    // Raw pointers and the next mention's and quotation's bounds in locals,
    // so the compiler need not reload every vector's data and size per token
    // after the stores into Word.
    const Mention* const ms = doc_.mentions.data();
    const size_t nm = doc_.mentions.size();
    const Quote* const qs = quotes_.data();
    const size_t nq = quotes_.size();
    while (men_ < nm && ms[men_].span.end <= sp.begin) ++men_;
    while (quo_ < nq && qs[quo_].span.end <= sp.begin) ++quo_;
    // Sized once and filled in place (the buffers keep their capacity
    // from sentence to sentence).
    const size_t n = te - tb;
    s->w.resize(n);
    s->lowered = lowered_.data();
    const Token* const toks = doc_.tokens.data() + tb;
    s->toks = toks;
    s->bits = bits_.data() + tb;
    s->first = first_ + tb;
    s->text = doc_.text.data();
    Word* const out = s->w.data();
    constexpr uint32_t kEnd = static_cast<uint32_t>(-1);
    size_t m = men_, q = quo_;
    uint32_t m_begin = m < nm ? ms[m].span.begin : kEnd, m_end = m < nm ? ms[m].span.end : kEnd;
    uint32_t q_begin = q < nq ? qs[q].span.begin : kEnd, q_end = q < nq ? qs[q].span.end : kEnd;
    // The first quotation ending after the sentence's start: the sentence's
    // words are in it or a later one only if it starts before the end.
    s->quoted = q_begin < sp.end;
    // The loop twice: most sentences have no quotation, and their words
    // need no walk over the quotations.
    auto fill = [&](auto quoted) {
      for (size_t i = 0; i < n; ++i) {
        const Span ts = toks[i].span;
        Word& w = out[i];
        while (m_end <= ts.begin) {
          ++m;
          m_begin = m < nm ? ms[m].span.begin : kEnd;
          m_end = m < nm ? ms[m].span.end : kEnd;
        }
        w.mention = m_begin < ts.end ? static_cast<int>(m) : -1;
        if constexpr (!decltype(quoted)::value) {
          w.quote = -1;
        } else {
          while (q_end <= ts.begin) {
            ++q;
            q_begin = q < nq ? qs[q].span.begin : kEnd;
            q_end = q < nq ? qs[q].span.end : kEnd;
          }
          w.quote = q_begin <= ts.begin ? static_cast<int>(q) : -1;
        }
      }
    };
    if (s->quoted)
      fill(std::true_type());
    else
      fill(std::false_type());
  }

 private:
  const Document& doc_;
  const std::vector<Quote>& quotes_;
  std::string_view lowered_;
  const std::vector<uint8_t>& bits_;
  const uint32_t* first_;
  size_t men_ = 0, quo_ = 0;
};

// Outermost quotations only (nested ones belong to their outer quote).
std::vector<Quote> OuterQuotes(const std::vector<Quote>& all) {
  std::vector<Quote> out;
  for (const Quote& q : all) {
    if (!out.empty() && q.span.begin < out.back().span.end) continue;
    out.push_back(q);
  }
  return out;
}

// Word tokens in each quotation's content (not its marks), in one pass.
std::vector<size_t> QuoteWordCounts(const std::vector<Quote>& quotes,
                                    const std::vector<Token>& tokens) {
  std::vector<size_t> out(quotes.size(), 0);
  size_t t = 0;
  for (size_t q = 0; q < quotes.size(); ++q) {
    // Tokens are in text order: a binary search, not a walk over all the
    // tokens between two quotations.
    t = std::lower_bound(tokens.begin() + t, tokens.end(), quotes[q].content.begin,
                         [](const Token& tk, uint32_t at) { return tk.span.begin < at; }) -
        tokens.begin();
    for (size_t k = t; k < tokens.size() && tokens[k].span.end <= quotes[q].content.end; ++k)
      if (tokens[k].kind != Token::Kind::kPunct) ++out[q];
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------

VoiceAnnotator::VoiceAnnotator(const Lexicon& lexicon, std::shared_ptr<const Gazetteer> gazetteer)
    : gazetteer_(std::move(gazetteer)) {
  const Table& stop = lexicon.table("person_stopwords");
  if (const int sw = stop.Column("word"); sw >= 0)
    for (const auto& r : stop.rows) name_stopwords_[Lower(r[sw])] = true;
  const Table& heads = lexicon.table("voice_org_heads");
  if (const int hw = heads.Column("head"); hw >= 0)
    for (const auto& r : heads.rows) org_heads_[Lower(r[hw])] = true;
  LoadPhrases(lexicon, "voice_cues", "phrase", "kind", &cues_);
  LoadPhrases(lexicon, "hedges", "phrase", nullptr, &hedges_);
  LoadPhrases(lexicon, "document_nouns", "noun", "kind", &doc_nouns_);
  LoadPhrases(lexicon, "anonymous_sources", "head", "number", &anonymous_);
  const Table& anon = lexicon.table("anonymous_sources");
  if (const int hw = anon.Column("head"), rc = anon.Column("refers"); hw >= 0 && rc >= 0)
    for (const auto& r : anon.rows)
      if (Eq(r[rc], "organization")) org_refs_[Lower(r[hw])] = true;
  LoadPhrases(lexicon, "claim_cues", "phrase", "kind", &claim_cues_);
  LoadPhrases(lexicon, "voice_adjuncts", "phrase", nullptr, &adjuncts_);
  const std::pair<const PhraseTable*, uint8_t> tables[] = {
      {&cues_, kBitCue}, {&hedges_, kBitHedge}, {&doc_nouns_, kBitDocNoun},
      {&anonymous_, kBitAnonymous}, {&claim_cues_, kBitClaim}};
  // (A plain loop variable, not a structured binding: clang 15 cannot
  // capture one in a lambda.)
  for (const auto& entry : tables) {
    const PhraseTable* const t = entry.first;
    const uint8_t bit = entry.second;
    t->ForEachRow([&](const PhraseRow& r) {
      uint8_t b = bit;
      if (t == &cues_) {
        // Auxiliaries and "that" are looked up by word where they matter,
        // never scanned for; clause breaks have their own bit.
        if (r.code == kRowAux || r.code == kRowComplementizer) return;
        if (r.code == kRowBreak || r.code == kRowNoBreak) b = kBitBreak;
        // (And the rows that open with a form of "be", "is said to", "was
        // quoted as saying": "is" and "was" are too frequent for the loops
        // that look for a reporting verb; the clause loop sees them.)
        if (r.code == kRowIntro || Eq(r.words[0], "is") || Eq(r.words[0], "are") ||
            Eq(r.words[0], "was") || Eq(r.words[0], "were"))
          b = kBitIntro;
      }
      first_bits_[r.words[0]] |= b;
    });
  }
  // Auxiliaries are asked about by word ("would claim", "has said"): a bit
  // of the token pass answers, not a hash lookup per question.
  cues_.ForEachRow([&](const PhraseRow& r) {
    if (r.code == kRowAux && r.words.size() == 1 && cues_.Find(r.words[0]) == &r)
      first_bits_[r.words[0]] |= kBitAux;
  });
  first_table_.Build(first_bits_);
  for (PhraseTable* t : {&cues_, &hedges_, &doc_nouns_, &anonymous_, &claim_cues_})
    t->IndexFirstWords(first_table_);
  for (const auto& [w, bits] : first_bits_)
    if (!w.empty()) {
      const uint32_t shape = FirstShape(static_cast<unsigned char>(w[0]),
                                        static_cast<unsigned char>(w.back()), w.size());
      first_shapes_[shape >> 6] |= uint64_t{1} << (shape & 63);
    }
  const Table& refs = lexicon.table("voice_references");
  const int rw = refs.Column("word"), rr = refs.Column("refers");
  if (rw >= 0 && rr >= 0)
    for (const auto& r : refs.rows) references_[Lower(r[rw])] = r[rr];
  const Table& titles = lexicon.table("titles");
  const int tt = titles.Column("title");
  if (tt >= 0)
    for (const auto& r : titles.rows) {
      std::string t = Lower(r[tt]);
      if (!t.empty() && t.back() == '.') t.pop_back();
      if (t.find(' ') == std::string::npos) titles_[t] = r[tt];
    }
}

struct VoiceAnnotator::Impl {
  const VoiceAnnotator& va;
  Document& doc;
  std::vector<Quote> quotes;  // outermost quotations
  std::vector<size_t> quote_words;  // word tokens in each one's content
  const bool explain;               // build evidence lines (dossier explain)
  // doc.text, ASCII letters lower-cased, and 8 NULs after it (so that
  // FirstWordTable::FindPadded may read 8 bytes at any token).
  std::string lowered;
  std::vector<uint8_t> token_bits;  // per token: tables a phrase may start at it
  // And its word's FirstWordTable id, where bits != 0 (not written, nor
  // read, elsewhere).
  std::unique_ptr<uint32_t[]> token_first;
  // Per sentence: its tokens [tb, te) (those SentenceWalker takes), the union
  // of their bits, and whether one of them starts with '?'. Computed in the
  // one pass over the tokens, so the later passes skip plain sentences
  // without looking at their tokens again.
  // [fb, fe): its tokens with bits, in `flagged`.
  struct SentInfo {
    size_t tb = 0, te = 0;
    uint32_t fb = 0, fe = 0;
    uint8_t bits = 0;
    bool qmark = false;
  };
  std::vector<SentInfo> sent_info;
  // The tokens whose bits are not 0, sentence by sentence in text order: the
  // loops that look only at such tokens (a fifth of them) skip the rest
  // unread. (Not zero-filled: only what was written is read.)
  std::unique_ptr<uint32_t[]> flagged;

  // A source as found near a cue, before resolution. (Views, not strings:
  // into the layer's tables and `lowered`, which outlive the record; one is
  // made for every clause.)
  struct Ref {
    int mention = -1;
    std::string_view refers;  // pronoun: person|group|thing
    std::string_view title;   // "the spokesman": lower-cased title
    std::string_view head;    // "the observatory": a word of an earlier name
    size_t word = 0;     // first word of the source
    bool after = false;  // found after the cue (inversion)
    std::string how;     // for explain (set only then)
  };
  // (kind and rule: literals, or a table row's rule.)
  struct ClauseResult {
    std::string_view kind = "author";
    std::optional<Span> cue, content;
    Ref ref;
    bool has_ref = false;
    std::string_view rule;
    std::vector<std::string> evidence;
    bool intro_colon = false;  // cue followed by ':' ending the sentence
  };

  // Resolution state (pass 2), in text order.
  int last_speaker = -1, last_speaker_sentence = -100;
  std::vector<int> recent_persons;  // persons of the nearest sentence naming one
  voice_internal::StringMap<int> last_by_title;
  std::unordered_map<std::string, std::string> title_of_ref;
  // Lower-cased words (4+ letters) of organisation, outlet and actor names
  // -> their entry ("observatory" -> org:SOHR), and each entry's latest mention.
  // (A word points at its entry's latest mention in latest_by_entry, whose
  // values stay put: no key is copied per word.)
  // Built lazily (NameWords): most documents never ask, and indexing every
  // name's words was a good part of the layer's cost. pending_names holds the
  // new entries not indexed yet (their mention, their slot), in text order.
  mutable voice_internal::StringMap<const int*> last_by_name_word;
  mutable std::vector<std::pair<int, const int*>> pending_names;
  mutable size_t names_done = 0;
  mutable std::string name_scratch;
  const voice_internal::StringMap<const int*>& NameWords() const {
    for (; names_done < pending_names.size(); ++names_done) {
      // (Plain variables: clang 15 cannot capture a structured binding.)
      const Mention& m = doc.mentions[pending_names[names_done].first];
      const int* const entry = pending_names[names_done].second;
      const std::string_view mt =
          std::string_view(doc.text).substr(m.span.begin, m.span.end - m.span.begin);
      // (A name written as in the text has the same words: once is enough.)
      for (std::string_view name : {mt, m.name == mt ? std::string_view() : std::string_view(m.name)}) {
        ForEachPhraseToken(name, name_scratch, [&](std::string_view t) {
          if (t.size() < 4) return;
          if (auto w = last_by_name_word.find(t); w != last_by_name_word.end())
            w->second = entry;
          else
            last_by_name_word.emplace(std::string(t), entry);
        });
      }
    }
    return last_by_name_word;
  }
  voice_internal::StringMap<int> latest_by_entry;
  int last_document = -1, last_group = -1;
  int last_document_spoke = -100;  // the sentence where a document last was a source
  std::vector<int> clause_source_of;  // mention index -> source of its clause
  // Per mention (after pass 1): its kind as a code, so the per-sentence
  // loops compare bytes, not strings.
  enum MentionKind : uint8_t { kMkOther, kMkPlace, kMkActor, kMkPerson, kMkOrganization,
                               kMkOutlet, kMkDate, kMkQuantity, kMkDocument, kMkAnonymous };
  std::vector<uint8_t> mkind;
  void ComputeMentionKinds() {
    mkind.resize(doc.mentions.size());
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
      const Mention& m = doc.mentions[i];
      const std::string& k = m.kind;
      mkind[i] = IsAnonymous(m)           ? kMkAnonymous
                 : Eq(k, "place")          ? kMkPlace
                 : Eq(k, "actor")          ? kMkActor
                 : Eq(k, "person")         ? kMkPerson
                 : Eq(k, "organization")   ? kMkOrganization
                 : Eq(k, "outlet")         ? kMkOutlet
                 : Eq(k, "date")           ? kMkDate
                 : Eq(k, "quantity")       ? kMkQuantity
                 : Eq(k, "document")       ? kMkDocument
                                         : kMkOther;
    }
  }

  Impl(const VoiceAnnotator& a, Document& d)
      : va(a), doc(d), quotes(OuterQuotes(d.quotes)), quote_words(QuoteWordCounts(quotes, d.tokens)),
        explain(d.explain) {
    // Room for the padding first: appending it would copy the text again.
    lowered.reserve(d.text.size() + 8);
    lowered.append(d.text);
    LowerAsciiInPlace(reinterpret_cast<unsigned char*>(lowered.data()), lowered.size());
    lowered.append(8, '\0');
    // Tokens outside every sentence keep 0: no pass reads them. (An id is
    // read only where the bits are non-zero: the ids are not filled.)
    token_bits.assign(d.tokens.size(), 0);
    token_first = std::make_unique_for_overwrite<uint32_t[]>(d.tokens.size());
    sent_info.resize(d.sentences.size());
    const size_t nt = d.tokens.size();
    // Raw pointers and the sentence's bits in locals: the stores of bytes
    // below may alias anything, and the vectors' data and the members would
    // otherwise be loaded again for every token.
    const Token* const toks = d.tokens.data();
    const unsigned char* const low = reinterpret_cast<const unsigned char*>(lowered.data());
    const uint64_t* const shapes = va.first_shapes_;
    const voice_internal::FirstWordTable& table = va.first_table_;
    uint8_t* const bits_out = token_bits.data();
    uint32_t* const first_out = token_first.get();
    // `flagged` filled without a branch (each token is written at the end
    // and kept if it has bits), with room for every token a sentence may
    // visit.
    uint32_t* fl = nullptr;
    size_t nf = 0, cap = 0;
    size_t tok = 0;
    for (size_t si = 0; si < d.sentences.size(); ++si) {
      const Span ss = d.sentences[si];
      while (tok < nt && toks[tok].span.begin < ss.begin) ++tok;
      size_t t = tok;
      uint8_t bits = 0;
      bool qmark = false;
      if (cap < nf + (nt - tok) + 1) {  // once, unless sentences overlap
        cap = nf + (nt - tok) + 1 + (cap ? nt : 0);
        auto grown = std::make_unique_for_overwrite<uint32_t[]>(cap);
        std::copy(fl, fl + nf, grown.get());
        flagged = std::move(grown);
        fl = flagged.get();
      }
      const uint32_t fb = static_cast<uint32_t>(nf);
      for (; t < nt && toks[t].span.end <= ss.end; ++t) {
        const Span sp = toks[t].span;
        const size_t len = sp.end - sp.begin;
        const unsigned char c0 = low[sp.begin];
        qmark |= c0 == '?';
        const uint32_t shape = FirstShape(c0, low[sp.end - 1], len);
        if (!((shapes[shape >> 6] >> (shape & 63)) & 1)) continue;
        const uint8_t b = table.FindPadded(lowered.data() + sp.begin, len, &first_out[t]);
        bits_out[t] = b;
        bits |= b;
        fl[nf] = static_cast<uint32_t>(t);
        nf += b != 0;
      }
      SentInfo& info = sent_info[si];
      info.tb = tok;
      info.te = t;
      info.fb = fb;
      info.fe = static_cast<uint32_t>(nf);
      info.bits = bits;
      info.qmark = qmark;
      // The next sentence starts at or after this one's end (always, unless
      // sentences overlap): its first token is not before t.
      if (si + 1 < d.sentences.size() && d.sentences[si + 1].begin >= ss.end) tok = t;
    }
  }
  // A phrase of table `t` starting at word k of s, or nullptr (the token's
  // bits say quickly which tables can match there). Always inlined, as
  // Free and InQuoteContent: most calls end at the bits.
  [[gnu::always_inline]] const PhraseRow* M(const PhraseTable& t, uint8_t bit, const Sent& s,
                                            size_t k, size_t end, size_t* n) const {
    if (k >= s.w.size() || !(s.bits[k] & bit)) return nullptr;
    return t.MatchFirst(s.first[k], [&](size_t i) { return s.low[i]; },
                        [&](size_t i) { return s.lower[i]; }, k, end, n);
  }
  SentenceWalker Walker() const { return SentenceWalker(doc, quotes, lowered, token_bits, token_first.get()); }

  // Token t lower-cased, and whether it is written in lower case (as
  // SentenceWalker puts them in Sent::low and Sent::lower).
  // (Tokens lie in the text: no bounds check of substr, an out-of-line call.)
  std::string_view TokenLow(size_t t) const {
    const Span sp = doc.tokens[t].span;
    return std::string_view(lowered.data() + sp.begin, sp.end - sp.begin);
  }
  bool TokenLower(size_t t) const {
    return static_cast<unsigned char>(doc.text[doc.tokens[t].span.begin] - 'A') >= 26;
  }

  // For a sentence (tokens [tb, te)) with no question mark or quotation and
  // outside a block quote: kPlain if the full analysis would give the single
  // "no cue" author record of the fast path. Most sentences have a token
  // that may start a cue or hedge ("in", "it", "is"), but no phrase that
  // matches; then no clause break, cue or hedge applies, and only a heading
  // would differ. kBreaksOnly if no cue or hedge matches but a clause
  // break may: each clause is then the author's (Voice).
  enum class Plainness { kPlain, kBreaksOnly, kOther };
  Plainness PlainSentence(const SentInfo& info) const {
    const size_t tb = info.tb, te = info.te;
    auto low = [&](size_t k) { return TokenLow(tb + k); };
    auto lower = [](size_t) { return true; };  // any row, lower_only or not
    size_t len;
    bool breaks = false;
    for (uint32_t f = info.fb; f < info.fe; ++f) {
      const size_t t = flagged[f];
      const uint8_t b = token_bits[t];
      // (A word with kBitBreak alone starts no row but breaks, auxiliaries
      // and "that", which no cue loop looks at.)
      if ((b & (kBitAnyCue | kBitBreak)) &&
          va.cues_.MatchFirst(token_first[t], low, lower, t - tb, te - tb, &len)) {
        if (b & kBitAnyCue) return Plainness::kOther;
        breaks = true;
      }
      if ((b & kBitHedge) && va.hedges_.MatchFirst(token_first[t], low, lower, t - tb, te - tb, &len))
        return Plainness::kOther;
    }
    if (breaks) return Plainness::kBreaksOnly;
    // Heading(s, 0, n) on the tokens.
    const Span last = doc.tokens[te - 1].span;
    const std::string_view lt(doc.text.data() + last.begin, last.end - last.begin);
    if (Eq(lt, ".") || Eq(lt, "!") || Eq(lt, ":") || Eq(lt, "?") || Eq(lt, ";"))
      return Plainness::kPlain;
    size_t words = 0, caps = 0;
    for (size_t t = tb; t < te; ++t) {
      if (doc.tokens[t].kind != Token::Kind::kWord) continue;
      ++words;
      if (!TokenLower(t)) ++caps;
    }
    return words >= 3 && caps * 10 >= words * 7 ? Plainness::kOther : Plainness::kPlain;
  }

  std::string MentionText(int m) const {
    const Span s = doc.mentions[m].span;
    return doc.text.substr(s.begin, s.end - s.begin);
  }
  std::string SpanText(Span s) const { return doc.text.substr(s.begin, s.end - s.begin); }

  // True if word k is a reporting cue usable here (outside quotes/mentions).
  [[gnu::always_inline]] bool Free(const Sent& s, size_t k) const {
    return s.w[k].mention < 0 &&
           (s.w[k].quote < 0 || !(s.toks[k].span.begin >= quotes[s.w[k].quote].content.begin &&
                                  s.toks[k].span.end <= quotes[s.w[k].quote].content.end));
  }
  [[gnu::always_inline]] bool InQuoteContent(const Sent& s, size_t k) const {
    if (s.w[k].quote < 0) return false;
    const Quote& q = quotes[s.w[k].quote];
    return s.toks[k].span.begin >= q.content.begin && s.toks[k].span.end <= q.content.end;
  }

  // ---- pass 1 -------------------------------------------------------------

  // False if pass 1 cannot add a mention in the sentence of tokens [tb, te),
  // tested on the document's tokens without building a Sent: no document
  // noun phrase matches at a word outside the mentions, and no unnamed-source
  // head does next to a cue (AnonymousInSourcePosition) or no reporting verb
  // or "according to" does (the mentions' own tests only narrow these down).
  // Most sentences with such a word end here: most unnamed-source heads are
  // in a mention of the entity layers ("residents", "the spokesman") or far
  // from the verb. *men is a cursor into doc.mentions, for sentences in
  // order (SentenceWalker's test of a word's mention).
  bool MayAddMentions(const SentInfo& info, size_t* men) const {
    const size_t tb = info.tb, te = info.te;
    auto low = [&](size_t k) { return TokenLow(tb + k); };
    auto lower = [&](size_t k) { return TokenLower(tb + k); };
    const Mention* const ms = doc.mentions.data();
    const size_t nm = doc.mentions.size();
    // The walk over the heads moves *men; the one over the cues, after it,
    // starts again from here (mentions do not overlap, so where a cursor
    // stops depends only on the token).
    const size_t men0 = *men;
    auto in_mention = [&](size_t t, size_t* cur) {
      const Span sp = doc.tokens[t].span;
      while (*cur < nm && ms[*cur].span.end <= sp.begin) ++*cur;
      return *cur < nm && ms[*cur].span.begin < sp.end;
    };
    // A cue may be where AnonymousInSourcePosition looks for one, for a head
    // at t ending at e: "according to" or a verb before the phrase (which
    // starts at most four words before its head), or a verb up to ten words
    // after it, before a comma, a stop or a quotation mark.
    auto near_cue = [&](size_t t, size_t e) {
      for (size_t j = t > tb + 6 ? t - 6 : tb; j < t; ++j)
        if ((token_bits[j] & kBitCue) || Eq(TokenLow(j), "according")) return true;
      bool relative = false;  // as AnonymousInSourcePosition: ", in a statement,"
      for (size_t j = e, lim = e + 10; j < te && j < lim; ++j) {
        const std::string_view x = TokenLow(j);
        if (Eq(x, ",") && j == e) {
          relative = true;
          lim += 10;
          continue;
        }
        if (Eq(x, ",") && relative) {
          relative = false;
          continue;
        }
        if (Eq(x, ",") || Eq(x, ".") || Eq(x, ";") || IsQuoteMark(x)) break;
        if (token_bits[j] & kBitCue) return true;
      }
      // The subject of a participle after a comma ("The ministry rejected
      // the criticism, saying …").
      // (Over the sentence's flagged tokens only: a cue word has bits.)
      if (t < tb + 5)
        for (uint32_t f = info.fb; f < info.fe && flagged[f] < e + 24; ++f) {
          const size_t j = flagged[f];
          if (j > e + 1 && (token_bits[j] & kBitCue) && Eq(TokenLow(j - 1), ",") &&
              TokenLow(j).ends_with("ing"))
            return true;
        }
      return false;
    };
    bool anonymous = false;
    size_t len;
    for (uint32_t f = info.fb; f < info.fe; ++f) {
      const size_t t = flagged[f];
      const uint8_t b = token_bits[t];
      if (!(b & (kBitDocNoun | kBitAnonymous)) || doc.tokens[t].kind != Token::Kind::kWord)
        continue;
      if (b & kBitDocNoun) {
        const PhraseRow* row = va.doc_nouns_.MatchFirst(token_first[t], low, lower, t - tb, te - tb, &len);
        // ("figures" only after "according to", up to two words before it.)
        if (row && row->according_only) {
          bool after = false;
          for (size_t j = t; !after && j > tb + 1 && t - j < 3; --j)
            after = Eq(TokenLow(j - 1), "to") && Eq(TokenLow(j - 2), "according");
          if (!after) row = nullptr;
        }
        if (row && !in_mention(t, men)) return true;
      }
      if (!anonymous && (b & kBitAnonymous))
        anonymous = va.anonymous_.MatchFirst(token_first[t], low, lower, t - tb, te - tb, &len) &&
                    !in_mention(t, men) && near_cue(t, t + len);
    }
    // A reporting cue is looked for only after such a head (most sentences
    // with a head word have none outside mentions and near a cue).
    if (!anonymous) return false;
    size_t cue_men = men0;
    bool cue = false;
    for (uint32_t f = info.fb; f < info.fe && !cue; ++f) {
      const size_t t = flagged[f];
      if (!(token_bits[t] & kBitCue)) continue;
      const PhraseRow* row = va.cues_.MatchFirst(token_first[t], low, lower, t - tb, te - tb, &len);
      cue = row && (row->code == kRowVerb || row->code == kRowVerbWeak ||
                    row->code == kRowAccording) && !in_mention(t, &cue_men);
    }
    *men = std::max(*men, cue_men);
    return cue;
  }

  // A mention pass 1 adds, until it joins doc.mentions: plain data, so that
  // collecting, sorting and placing the additions moves no Mention (a big
  // struct of strings) but the one built in its final slot.
  struct NewMention {
    Span span;
    int sentence = -1;
    const char* kind = "";
    // The rule: `rule`, then the text of the table row `rule_row` if any
    // ("voice:document_nouns.tsv:" + "report").
    const char* rule = "";
    const std::string* rule_row = nullptr;
    double confidence = 0;
  };

  void AddOwnMentions() {
    std::vector<NewMention> added;
    SentenceWalker walker = Walker();
    Sent s;
    std::unordered_set<std::string, voice_internal::StringHash, std::equal_to<>> seen_titles;
    size_t mi = 0, may_men = 0;
    for (int si = 0; si < static_cast<int>(doc.sentences.size()); ++si) {
      // Only sentences with a document noun or an unnamed-source head, or
      // with a reporting verb next to a capitalised word.
      const bool own = (sent_info[si].bits & (kBitDocNoun | kBitAnonymous)) &&
                       MayAddMentions(sent_info[si], &may_men);
      const bool names = (sent_info[si].bits & kBitCue) && MayNameSource(sent_info[si]);
      if (!own && !names) continue;
      walker.Build(si, sent_info[si].tb, sent_info[si].te, &s);
      const size_t sentence_added = added.size();
      if (names) NameSources(s, sent_info[si], sentence_added, &added);
      if (!own) continue;
      for (; mi < doc.mentions.size() && doc.mentions[mi].span.begin < s.span.end; ++mi) {
        const std::string& r = doc.mentions[mi].rule;
        if (Eq(doc.mentions[mi].kind, "person") && r.starts_with("title:"))
          seen_titles.insert(Lower(r.substr(6)));
      }
      const size_t n = s.w.size();
      // (Only words with bits can start a cue, noun or head.)
      const SentInfo& info = sent_info[si];
      bool has_cue = false;
      for (uint32_t f = info.fb; f < info.fe && !has_cue; ++f) {
        const size_t k = flagged[f] - info.tb;
        size_t len;
        const PhraseRow* row = Free(s, k) ? M(va.cues_, kBitCue, s, k, n, &len) : nullptr;
        has_cue = row && (row->code == kRowVerb || row->code == kRowVerbWeak ||
                          row->code == kRowAccording);
      }
      size_t last_end = 0;  // words before this are taken
      for (uint32_t f = info.fb; f < info.fe; ++f) {
        const size_t k = flagged[f] - info.tb;
        if (!(s.bits[k] & (kBitDocNoun | kBitAnonymous)) || k < last_end || !Free(s, k) ||
            s.toks[k].kind != Token::Kind::kWord)
          continue;
        size_t len;
        if (const PhraseRow* row = M(va.doc_nouns_, kBitDocNoun, s, k, n, &len)) {
          size_t start;
          if ((!row->according_only && DocumentPhraseStart(s, k, last_end, &start)) ||
              AfterAccordingTo(s, k, last_end, &start)) {
            const NewMention m = MakeMention(s, start, k + len, "document",
                                             "voice:document_nouns.tsv:", &row->text, 0.7);
            if (OverlapsAdded(added, sentence_added, m.span)) continue;
            added.push_back(m);
            last_end = k + len;
            continue;
          }
        }
        if (!has_cue) continue;
        if (const PhraseRow* row = M(va.anonymous_, kBitAnonymous, s, k, n, &len)) {
          // "spokesman Ryan Dillon" is a titled person; "the spokesman" after
          // a titled spokesman refers to that person.
          if (k + 1 < n && s.w[k + 1].mention >= 0 &&
              Eq(doc.mentions[s.w[k + 1].mention].kind, "person"))
            continue;
          if (seen_titles.count(s.low[k])) continue;
          // "an activist group", "security sources": the last head is the head.
          if (size_t len2; k + len < n && Free(s, k + len) &&
                           M(va.anonymous_, kBitAnonymous, s, k + len, n, &len2))
            continue;
          size_t start = k;
          bool det = false, none = false;
          while (start > last_end && k - start < 4) {
            const size_t p = start - 1;
            // "one resident said": the quantities layer holds "one", which
            // still makes the head a singular source.
            if (!Free(s, p) && s.w[p].mention >= 0 && Eq(s.low[p], "one") &&
                Eq(doc.mentions[s.w[p].mention].kind, "quantity")) {
              det = true;
              break;
            }
            if (!Free(s, p) || s.toks[p].kind != Token::Kind::kWord) break;
            // A reporting verb is no modifier ("UNICEF said health workers …").
            if (s.bits[p] & kBitCue) {
              size_t vl;
              const PhraseRow* vr = M(va.cues_, kBitCue, s, p, n, &vl);
              if (vr && vr->code == kRowVerb) break;
            }
            if (Eq(s.low[p], "no")) {  // "No group claimed responsibility"
              none = true;
              break;
            }
            if (IsDeterminer(s.low[p])) {
              det = true;
              start = p;
              break;
            }
            // Not modifiers: prepositions ("according to sources"),
            // conjunctions ("children and doctors reported") and relative
            // words ("the Observatory which monitors").
            if (IsPreposition(s.low[p]) || Eq(s.low[p], "and") || Eq(s.low[p], "or") ||
                Eq(s.low[p], "but") ||
                Eq(s.low[p], "which") || Eq(s.low[p], "who") || Eq(s.low[p], "whose") ||
                Eq(s.low[p], "where") || Eq(s.low[p], "when"))
              break;
            // A capitalised word is a modifier only with a determiner before
            // it ("another Syrian source").
            if (!s.lower[p] && !(p > last_end && Free(s, p - 1) && IsDeterminer(s.low[p - 1])))
              break;
            start = p;
          }
          if (none) continue;
          // "the Britain-based monitoring group": the word after a hyphen
          // belongs to a compound whose first part is a mention already; a
          // determiner before the compound still counts ("The Britain-based
          // monitor").
          if (start < k && start > 0 && Eq(s.Text(start - 1), "-")) {
            ++start;
            // [det] [first part] [-] [tail, now skipped] [start]
            if (start >= 4 && IsDeterminer(s.low[start - 4])) det = true;
          }
          // "the Syrian Observatory … monitoring group", "Government sources":
          // the name right before is the source (CompoundHead).
          if (!det && start > 0 && s.w[start - 1].mention >= 0) {
            const std::string& pk = doc.mentions[s.w[start - 1].mention].kind;
            if (((Eq(pk, "organization") || Eq(pk, "outlet")) && k + len - start <= 2) ||
                (Eq(pk, "actor") && start == k && len == 1))
              continue;
          }
          if (!AnonymousInSourcePosition(s, start, k + len)) continue;
          const bool plural = row->code == kRowPlural;
          if (!det && !plural) continue;
          // "the source of the fire": only a source if a cue is near it.
          const NewMention m = MakeMention(s, start, k + len, plural ? "actor" : "person",
                                           "voice:anonymous_sources.tsv:", &row->text, 0.6);
          if (OverlapsAdded(added, sentence_added, m.span)) continue;
          added.push_back(m);
          last_end = k + len;
        }
      }
      // Name sources came first: the sentence's additions in text order.
      std::sort(added.begin() + sentence_added, added.end(),
                [](const NewMention& a, const NewMention& b) {
                  return a.span.begin < b.span.begin;
                });
    }
    if (added.empty()) return;
    // Merged in place from the back (as std::merge would: on equal starts
    // the document's mention first): only the mentions after the first added
    // one move, where a merge into a new vector moved and destroyed them all.
    std::vector<Mention>& ms = doc.mentions;
    size_t i = ms.size(), j = added.size();
    ms.resize(i + j);
    for (size_t k = ms.size(); j > 0;) {
      if (i > 0 && added[j - 1].span.begin < ms[i - 1].span.begin)
        ms[--k] = std::move(ms[--i]);
      else
        Place(added[--j], &ms[--k]);
    }
  }

  // Makes *m (default or moved from) the mention a.
  static void Place(const NewMention& a, Mention* m) {
    Mention out;
    out.kind = a.kind;
    out.span = a.span;
    out.sentence = a.sentence;
    out.rule = a.rule;
    if (a.rule_row) out.rule += *a.rule_row;
    out.confidence = a.confidence;
    *m = std::move(out);
  }

  static bool OverlapsAdded(const std::vector<NewMention>& added, size_t from, Span sp) {
    for (size_t i = from; i < added.size(); ++i)
      if (added[i].span.begin < sp.end && sp.begin < added[i].span.end) return true;
    return false;
  }

  // Whether a reporting verb of the sentence has a capitalised word or a
  // comma before it (across auxiliaries) or a capitalised word after it:
  // only then may NameSources find a name, so only then is the sentence
  // walked for one.
  bool MayNameSource(const SentInfo& info) const {
    if (!va.gazetteer_) return false;
    const size_t tb = info.tb, te = info.te;
    auto low = [&](size_t k) { return TokenLow(tb + k); };
    auto lower = [&](size_t k) { return TokenLower(tb + k); };
    // A capitalised word outside every mention (binary search: few
    // sentences get this far).
    auto name = [&](size_t t) {
      if (doc.tokens[t].kind != Token::Kind::kWord ||
          static_cast<unsigned char>(doc.text[doc.tokens[t].span.begin] - 'A') >= 26)
        return false;
      const Span sp = doc.tokens[t].span;
      auto it = std::upper_bound(doc.mentions.begin(), doc.mentions.end(), sp.begin,
                                 [](uint32_t b, const Mention& m) { return b < m.span.begin; });
      return it == doc.mentions.begin() || std::prev(it)->span.end <= sp.begin;
    };
    auto comma = [&](size_t t) { return Eq(TokenLow(t), ","); };
    auto cap = [&](size_t t) {
      return t < te && static_cast<unsigned char>(doc.text[doc.tokens[t].span.begin] - 'A') < 26;
    };
    size_t len;
    for (uint32_t f = info.fb; f < info.fe; ++f) {
      const size_t t = flagged[f];
      if (!(token_bits[t] & kBitCue)) continue;
      // The neighbours first (a byte each): most cue words have a
      // lower-case word on both sides.
      size_t j = t;
      while (j > tb && (token_bits[j - 1] & kBitAux)) --j;
      bool before = j > tb && (cap(j - 1) || comma(j - 1));
      // "Ahmed a resident of the city said": a name before an indefinite
      // description (NameSources).
      bool described = false;
      for (size_t q = j; !described && q > tb + 1 && j - q < 14; --q) {
        if (doc.tokens[q - 1].kind == Token::Kind::kPunct && !Eq(TokenLow(q - 1), "-")) break;
        // (The capital first: a byte, where most words stop.)
        described = cap(q - 2) && IsIndefinite(TokenLow(q - 1)) && name(q - 2);
      }
      before = before || described;
      // (A cue of several words ends after t + 1: "according to Haddad".)
      if (!before && !cap(t + 1) && !cap(t + 2)) continue;
      const PhraseRow* row =
          va.cues_.MatchFirst(token_first[t], low, lower, t - tb, te - tb, &len);
      if (!row || (row->code != kRowVerb && row->code != kRowAccording)) continue;
      const bool after = t + len < te && name(t + len);
      if (row->code == kRowAccording) {
        if (after) return true;
        continue;
      }
      if (j == tb) continue;
      if (name(j - 1) || described) return true;  // "Haddad said"
      if (after && (comma(t - 1) || IsQuoteMark(TokenLow(t - 1)))) return true;  // ", said Haddad"
      if (comma(j - 1))  // "Qadri, the head of the council, said"
        for (size_t q = j - 1; q > tb && j - q < 24; --q)
          if (comma(q - 1)) {
            if (q - 1 > tb && name(q - 2)) return true;
            break;
          }
    }
    return false;
  }

  // Word k may be part of a name no entity layer knew: a capitalised word
  // with a small letter after the first (not an acronym), outside mentions
  // and quotations, not a person_stopwords.tsv word nor a possessive.
  bool NameWord(const Sent& s, size_t k) const {
    const Word& w = s.w[k];
    if (s.toks[k].kind != Token::Kind::kWord || w.mention >= 0 || w.quote >= 0) return false;
    const std::string_view t = s.Text(k);
    if (t.size() < 2 || static_cast<unsigned char>(t[0] - 'A') >= 26 || Possessive(t))
      return false;
    bool small = false;
    for (size_t i = 1; i < t.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(t[i]);
      if (static_cast<unsigned>(c - 'a') < 26 || c >= 0x80) small = true;
      else if (static_cast<unsigned>(c - 'A') >= 26 && c != '\'') return false;
    }
    return small && !va.name_stopwords_.count(s.low[k]);
  }

  // Word k is a voice_org_heads.tsv word with a capital, outside mentions
  // and quotations ("Group" in "Corvane Group said").
  bool OrgHead(const Sent& s, size_t k) const {
    const Word& w = s.w[k];
    return s.toks[k].kind == Token::Kind::kWord && w.mention < 0 && w.quote < 0 &&
           static_cast<unsigned char>(s.Text(k)[0] - 'A') < 26 && va.org_heads_.count(s.low[k]);
  }

  // A common English word (a WordNet lemma, or the plural of one), in any
  // case: "Police", "Witnesses", "Officials" name no one.
  bool CommonWord(std::string_view low) const {
    for (char c : low)
      if (static_cast<unsigned char>(c) >= 0x80) return false;  // "Sørensen"
    return va.gazetteer_->IsCommonWord(low) || va.gazetteer_->IsCommonPlural(low);
  }

  // A name the entity layers did not know, in a source's place next to a
  // reporting verb: before it at the start of a clause ("Haddad said",
  // "Later, Rania said", "Mounzer Qadri, the head of the council, said",
  // '"…," Haddad told Reuters'), or after it at the end of one ("…, said
  // Rania Saleh.", "according to Haddad,"). One to four name words
  // (NameWord), the last not a common word. A person, confidence 0.5, rule
  // voice:name_before_cue / voice:name_after_cue.
  void NameSources(const Sent& s, const SentInfo& info, size_t from,
                   std::vector<NewMention>* out) const {
    const size_t n = s.w.size();
    if (n == 0 || Heading(s, 0, n)) return;
    auto good = [&](size_t b, size_t e) {
      return b < e && !CommonWord(s.low[e - 1]) && !OverlapsAdded(*out, from, WordsSpan(s, b, e));
    };
    auto clause_start = [&](size_t b) {
      if (b == 0) return true;
      // "State governor Umar Kachalla blamed": a title opening the clause.
      if (va.titles_.count(s.low[b - 1]) && s.lower[b - 1] &&
          (b == 1 || (b == 2 && !s.lower[0] && s.toks[0].kind == Token::Kind::kWord)))
        return true;
      const std::string_view t = s.Text(b - 1);
      return Eq(t, ",") || Eq(t, ";") || Eq(t, ":") || Eq(t, "(") || IsQuoteMark(t) ||
             Eq(t, "\xE2\x80\x94") || Eq(t, "\xE2\x80\x93");
    };
    for (uint32_t f = info.fb; f < info.fe; ++f) {
      const size_t k = flagged[f] - info.tb;
      size_t len;
      if (!(s.bits[k] & kBitCue) || !Free(s, k)) continue;
      const PhraseRow* row = M(va.cues_, kBitCue, s, k, n, &len);
      if (!row) continue;
      const size_t ve = k + len;
      if (row->code == kRowAccording) {  // "according to Haddad, …"
        size_t e = ve;
        while (e < n && e - ve < 4 && NameWord(s, e)) ++e;
        if (e > ve && (e == n || s.toks[e].kind == Token::Kind::kPunct) && good(ve, e))
          out->push_back(MakeMention(s, ve, e, "person", "voice:name_after_cue", nullptr, 0.5));
        continue;
      }
      if (row->code != kRowVerb) continue;
      // Before the verb, across auxiliaries and an appositive.
      size_t j = k;
      while (j > 0 && (s.bits[j - 1] & kBitAux)) --j;
      if (j > 0) {
        size_t p = j - 1;  // the subject's last word
        bool ok = true;
        if (Eq(s.Text(p), ",")) {
          ok = false;
          for (size_t q = p; q > 0 && p - q < 24; --q) {
            if (!Eq(s.Text(q - 1), ",")) continue;
            const size_t o = q - 1, a = o + 1;  // the opening comma, the appositive's first word
            ok = o > 0 && a < p &&
                 (IsDeterminer(s.low[a]) || va.titles_.count(s.low[a]) || Eq(s.low[a], "who") ||
                  Eq(s.low[a], "which"));
            p = o - 1;
            break;
          }
        }
        bool named = false;
        if (ok) {
          // A company's name: name words, then a voice_org_heads.tsv word
          // ("Corvane Group", "Brightwater Partners"), common as it is.
          const bool org = p > 0 && OrgHead(s, p) && NameWord(s, p - 1);
          size_t b = org ? p : p + 1;
          while (b > 0 && p + 1 - b < 4 && NameWord(s, b - 1)) --b;
          // One word, then "its" or "it" ("Eskom said it would …"; not the
          // empty "it" of "Hariri said it is strange").
          auto it_after = [&](size_t x) {
            if (x < n && Eq(s.low[x], "that")) ++x;
            if (x < n && Eq(s.low[x], "its")) return true;
            return x + 1 < n && Eq(s.low[x], "it") && !Eq(s.low[x + 1], "is") &&
                   !Eq(s.low[x + 1], "was") && !Eq(s.low[x + 1], "'s");
          };
          const bool company = org || (b == p && it_after(ve));
          if (b <= p && clause_start(b) &&
              (org ? !OverlapsAdded(*out, from, WordsSpan(s, b, p + 1)) : good(b, p + 1))) {
            out->push_back(MakeMention(s, b, p + 1, company ? "organization" : "person",
                                       "voice:name_before_cue", nullptr, 0.5));
            named = true;
          }
        }
        // Copy without commas: a name opening the clause, then an
        // indefinite description up to the verb ("Ahmed a resident of the
        // west of the city said").
        for (size_t a = j - 1; !named && a > 0 && j - a <= 14; --a) {
          const Word& x = s.w[a];
          if ((s.toks[a].kind == Token::Kind::kPunct && !Eq(s.Text(a), "-")) ||
              (x.mention >= 0 && Eq(doc.mentions[x.mention].kind, "person") &&
               !IsAnonymous(doc.mentions[x.mention])))
            break;
          if (!IsIndefinite(s.low[a]) || !NameWord(s, a - 1)) continue;
          size_t b = a;
          while (b > 0 && a - b < 4 && NameWord(s, b - 1)) --b;
          if (clause_start(b) && good(b, a))
            out->push_back(MakeMention(s, b, a, "person", "voice:name_before_cue", nullptr, 0.5));
          break;
        }
      }
      // After the verb, when a comma or a quotation mark is before it, up
      // to the clause's end or an appositive, adjunct or participle that
      // copy without commas runs on with ("said Mounzer Qadri head of the
      // council", "said Hazzouri in a statement", "said Hazzouri adding").
      if (k > 0 && (Eq(s.Text(k - 1), ",") || IsQuoteMark(s.Text(k - 1)))) {
        size_t e = ve;
        while (e < n && e - ve < 4 && NameWord(s, e)) ++e;
        auto runs_on = [&](size_t x) {
          const std::string_view w = s.low[x];
          return va.titles_.count(w) || IsDeterminer(w) || Eq(w, "who") || Eq(w, "in") ||
                 Eq(w, "on") || Eq(w, "at") || Eq(w, "by") || Eq(w, "via") ||
                 Eq(w, "adding") || Eq(w, "noting");
        };
        if (e > ve && (e == n || s.toks[e].kind == Token::Kind::kPunct || runs_on(e)) && good(ve, e))
          out->push_back(MakeMention(s, ve, e, "person", "voice:name_after_cue", nullptr, 0.5));
      }
    }
  }

  // An unnamed source is one only next to a cue: the subject of a reporting
  // verb (up to ten words later, across "of the Russian forces in Syria"),
  // after "according to", or after the verb ("said a source").
  bool AnonymousInSourcePosition(const Sent& s, size_t b, size_t e) const {
    const size_t n = s.w.size();
    // Across one phrase in commas: "a neighbour, who asked not to be named,
    // said", "the airline, in a statement, said".
    bool relative = false;
    for (size_t k = e, lim = e + 10; k < n && k < lim; ++k) {
      std::string_view t = s.Text(k);
      if (Eq(t, ",") && k == e) {
        relative = true;
        lim += 10;
        continue;
      }
      if (Eq(t, ",") && relative) {
        relative = false;
        continue;
      }
      if (Eq(t, ",") || Eq(t, ".") || Eq(t, ";") || IsQuoteMark(t)) break;
      size_t len;
      // (Only after the phrase is closed: in "30 people, the monitoring
      // group said" the verb is the group's.)
      const PhraseRow* row = Free(s, k) ? M(va.cues_, kBitCue, s, k, n, &len) : nullptr;
      if (row && (row->code == kRowVerb || (row->code == kRowVerbWeak && !StateAfterPlace(s, k))) &&
          !relative)
        return true;
    }
    // The subject opening the sentence, before a participle after a comma
    // ("The federal water ministry rejected the criticism, saying …").
    if (b == 0 && ParticipleSubjectOf(s, 0, n) != kNone) return true;
    // After "according to", "in the view of".
    for (size_t k = b; k > 0 && b - k < 4; --k) {
      size_t len;
      const PhraseRow* row = M(va.cues_, kBitCue, s, k - 1, n, &len);
      if (row && row->code == kRowAccording && k - 1 + len == b) return true;
    }
    // After the verb, where the phrase ends the clause or its complement,
    // an appositive or a participle follows ("..., said a source.", "said a
    // spokesman for the ministry", "said the office in a statement", "said
    // a resident speaking by phone"); not the subject of the content ("He
    // said the office belonged to ...").
    const std::string_view nx = e < n ? s.low[e] : std::string_view();
    const bool ends_clause = e >= n || s.toks[e].kind == Token::Kind::kPunct || Eq(nx, "who") ||
                             Eq(nx, "in") || Eq(nx, "on") || Eq(nx, "for") || Eq(nx, "of") ||
                             Eq(nx, "at") || Eq(nx, "from") || Eq(nx, "with") ||
                             (nx.size() > 4 && nx.ends_with("ing"));
    for (size_t k = b; ends_clause && k > 0 && b - k < 2; --k) {
      size_t len;
      const PhraseRow* row = M(va.cues_, kBitCue, s, k - 1, n, &len);
      if (row && row->code == kRowVerb && k - 1 + len == b) return true;
    }
    return false;
  }

  // The first word of a document noun phrase ending with the noun at word k.
  // Walking back: lower-case modifiers, mentions of an issuer or a date and
  // parenthesised abbreviations ("a leaked 2012 US Defense Intelligence
  // Agency (DIA) memo"), up to a determiner or a possessive ("Amnesty's").
  // The phrase is the part after the last mention ("memo"), since mentions
  // never overlap. False without a determiner or possessive, so "Reuters
  // reports that" is not a document.
  bool DocumentPhraseStart(const Sent& s, size_t k, size_t floor, size_t* start) const {
    size_t st = k;          // start of the mention-free tail
    bool tail_open = true;  // still extending the tail
    size_t p = k;
    for (size_t steps = 0; p > floor && steps < 12; ++steps) {
      const size_t q = p - 1;
      const Word& w = s.w[q];
      if (Eq(s.Text(q), ")")) {
        // Skip "(DIA)" back to its "(".
        size_t o = q;
        while (o > floor && q - o < 6 && !Eq(s.Text(o), "(")) --o;
        if (!Eq(s.Text(o), "(")) return false;
        tail_open = false;
        p = o;
        continue;
      }
      if (w.mention >= 0) {
        const Mention& m = doc.mentions[w.mention];
        if (Eq(m.kind, "quantity") || Eq(m.kind, "document")) return false;
        const bool possessive = Possessive(s.Text(q));
        tail_open = false;
        size_t f = MentionFirstWord(s, q);
        if (possessive && st == k) {
          *start = st;
          return true;
        }
        p = f;
        continue;
      }
      if (s.toks[q].kind != Token::Kind::kWord && s.toks[q].kind != Token::Kind::kNumber)
        return false;
      if (IsDeterminer(s.low[q])) {
        *start = tail_open ? q : st;
        return true;
      }
      // "the DoD Inspector General's report": a capitalised possessive
      // that is not a mention owns it.
      if (!s.lower[q] && s.toks[q].kind == Token::Kind::kWord && Possessive(s.Text(q)) && st == k) {
        *start = st;
        return true;
      }
      if (!s.lower[q] && s.toks[q].kind == Token::Kind::kWord) return false;
      if (tail_open) st = q;
      p = q;
    }
    return false;
  }

  // A document noun with no determiner right after "according to", across
  // up to two lower-case modifiers: "according to figures from the health
  // ministry", "according to industry data".
  bool AfterAccordingTo(const Sent& s, size_t k, size_t floor, size_t* start) const {
    size_t b = k;
    while (b > floor && k - b < 2 && s.w[b - 1].mention < 0 &&
           s.toks[b - 1].kind == Token::Kind::kWord && s.lower[b - 1] && !Eq(s.low[b - 1], "to"))
      --b;
    if (b < floor + 2 || !Eq(s.low[b - 1], "to") || !Eq(s.low[b - 2], "according")) return false;
    *start = b;
    return true;
  }

  static NewMention MakeMention(const Sent& s, size_t b, size_t e, const char* kind,
                                const char* rule, const std::string* rule_row, double conf) {
    NewMention m;
    m.kind = kind;
    m.span = Span{s.toks[b].span.begin, s.toks[e - 1].span.end};
    m.sentence = s.index;
    m.rule = rule;
    m.rule_row = rule_row;
    m.confidence = conf;
    return m;
  }

  // ---- pass 2 -------------------------------------------------------------

  // Index of the first word of mention `m` within the sentence, scanning back
  // from word k.
  size_t MentionFirstWord(const Sent& s, size_t k) const {
    while (k > 0 && s.w[k - 1].mention == s.w[k].mention) --k;
    return k;
  }

  // Nearest eligible source mention ending at or before word `to` (exclusive
  // upper bound), within `window` words and not before `cb`.
  int EligibleBefore(const Sent& s, size_t cb, size_t to, size_t window, size_t* first) const {
    for (size_t k = to; k > cb && to - k < window; --k) {
      const int m = s.w[k - 1].mention;
      if (m >= 0 && EligibleSource(doc.mentions[m])) {
        *first = MentionFirstWord(s, k - 1);
        return m;
      }
    }
    return -1;
  }

  static constexpr size_t kNone = static_cast<size_t>(-1);
  // The "the" up to four tokens before word p (across lower-case words and
  // hyphens: "the British-based observatory"), or kNone.
  size_t TheBefore(const Sent& s, size_t cb, size_t p) const {
    for (size_t k = p; k > cb && p - k < 5; --k) {
      if (Eq(s.low[k - 1], "the")) return k - 1;
      if (!Eq(s.Text(k - 1), "-") && s.toks[k - 1].kind != Token::Kind::kWord) return kNone;
      if (s.w[k - 1].mention >= 0) return kNone;
    }
    return kNone;
  }

  // For one or two lower-case nouns ending at p right after an organisation
  // or outlet ("… Human Rights monitoring group", "SANA reporter"), or an
  // unnamed-source noun right after an actor ("a Syrian military source",
  // "an army source"): the last word of that mention, or kNone.
  size_t CompoundHead(const Sent& s, size_t cb, size_t p) const {
    for (size_t k = p + 1; k > cb && p + 1 - k < 3; --k) {
      const size_t q = k - 1;
      if (s.w[q].mention >= 0 || s.toks[q].kind != Token::Kind::kWord || !s.lower[q] ||
          IsDeterminer(s.low[q]) || IsPreposition(s.low[q]) || va.cues_.Find(s.low[q]))
        return kNone;
      if (q > cb && s.w[q - 1].mention >= 0) {
        const Mention& m = doc.mentions[s.w[q - 1].mention];
        if (Eq(m.kind, "organization") || Eq(m.kind, "outlet")) return q - 1;
        if (q == p && Eq(m.kind, "actor") && va.anonymous_.Find(s.low[p])) return q - 1;
        return kNone;
      }
    }
    return kNone;
  }

  // For lower-case words ending at p ("in the camp"): the last word of an
  // eligible mention right before the preposition that opens them, or kNone.
  size_t PrepositionalHead(const Sent& s, size_t cb, size_t p, bool weak) const {
    bool named = false;   // a capitalised word no layer knew in the phrase
    bool nested = false;  // the walk went on past a phrase inside the phrase
    for (size_t k = p + 1; k > cb && p + 1 - k < 6; --k) {
      const size_t q = k - 1;
      // A place or date inside the phrase: "A hospital source in Hassakeh
      // city said".
      // (Or a count: "Lawyers for the three men deny".)
      if (s.w[q].mention >= 0 && q < p &&
          (Eq(doc.mentions[s.w[q].mention].kind, "place") ||
           Eq(doc.mentions[s.w[q].mention].kind, "date") ||
           Eq(doc.mentions[s.w[q].mention].kind, "quantity")))
        continue;
      if (s.w[q].mention >= 0 || s.toks[q].kind != Token::Kind::kWord) return kNone;
      // A name no layer knew after the preposition: "Analysts at Morgan
      // Stanley estimate" (the head must then be an unnamed source).
      if (!s.lower[q]) {
        if (q == cb || !NameWord(s, q)) return kNone;
        named = true;
        continue;
      }
      // A participle opens the phrase as a preposition does: "a group
      // tracking the violence said", "medics treating the wounded said".
      const std::string_view lw = s.low[q];
      const bool participle = lw.size() >= 6 && lw.substr(lw.size() - 3) == "ing" &&
                              q > cb && s.w[q - 1].mention >= 0;
      if (IsPreposition(lw) || participle) {
        if (q == p || q <= cb) return kNone;  // "said to", nothing after
        const int m = s.w[q - 1].mention;
        // (A generic agent is unnamed too: "Residents of the city's Gwange
        // district said".)
        if (m >= 0 && EligibleSource(doc.mentions[m]) &&
            (!named || IsAnonymous(doc.mentions[m]) ||
             (Eq(doc.mentions[m].kind, "actor") && doc.mentions[m].ref.empty()))) {
          // "Ahmed a resident of the west of the city said": the unknown
          // name before the description is the source (OpeningName).
          size_t f = MentionFirstWord(s, q - 1);
          if (f > cb && !IsIndefinite(s.low[f]) && IsIndefinite(s.low[f - 1])) --f;
          if (nested && f > cb && IsIndefinite(s.low[f]) && !s.lower[f - 1] &&
              s.toks[f - 1].kind == Token::Kind::kWord &&
              (s.w[f - 1].mention < 0 || Eq(doc.mentions[s.w[f - 1].mention].kind, "person")))
            return kNone;
          return q - 1;
        }
        if (named) return kNone;
        // An unnamed source with an adjective or participle before the
        // phrase: "people familiar with the matter said", "a person close to
        // the talks", "experts not involved in the study".
        for (size_t a = q - 1; m < 0 && a > cb && q - a <= 2; --a) {
          if (s.w[a].mention >= 0 || s.toks[a].kind != Token::Kind::kWord || !s.lower[a] ||
              IsPreposition(s.low[a]) || IsDeterminer(s.low[a]) || (s.bits[a] & kBitAnyCue))
            break;
          const int h = s.w[a - 1].mention;
          // (Or a bare agent noun of the actors layer opening the clause:
          // "Officials familiar with the investigation said"; not "20
          // militants were killed in the attack said".)
          if (h >= 0 && (IsAnonymous(doc.mentions[h]) ||
                         (a - 1 == cb && Eq(doc.mentions[h].kind, "actor") &&
                          doc.mentions[h].ref.empty() &&
                          doc.mentions[h].span.end - doc.mentions[h].span.begin ==
                              s.toks[a - 1].span.end - s.toks[a - 1].span.begin)))
            return a - 1;
        }
        // "An AFP photographer at the scene said": the name before the noun.
        // (Not for a weak verb: "the military source of the fire was never
        // found".)
        if (m < 0 && !weak && va.anonymous_.Find(s.low[q - 1])) {
          if (const size_t h = CompoundHead(s, cb, q - 1); h != kNone) return h;
        }
        // A phrase inside the phrase: "people with knowledge of the plan
        // said" goes on to the preposition before "knowledge".
        if (m < 0 && !named) {
          nested = true;
          continue;
        }
        return kNone;
      }
    }
    return kNone;
  }

  // "the OPCW a global watchdog said": an indefinite description right
  // after the name of a person, organisation or outlet (wire copy drops the
  // commas of the appositive) stands for that name; not after other
  // mentions, which end the content ("killed five civilians a monitor
  // said"). Replaces the unnamed source in *ref by the name.
  void NameBeforeDescription(const Sent& s, size_t cb, Ref* ref) const {
    const size_t f = ref->word;
    const int m = ref->mention;
    if (m < 0 || f < cb + 2 || !IsIndefinite(s.low[f]) ||
        !doc.mentions[m].rule.starts_with("voice:anonymous_sources"))
      return;
    const int named = s.w[f - 1].mention;
    // Not the object of a preposition: "a statement to SANA a source said".
    if (named >= 0) {
      const size_t nf = MentionFirstWord(s, f - 1);
      if (nf > cb && IsPreposition(s.low[nf - 1])) return;
    }
    if (named >= 0 && named != m &&
        (Eq(doc.mentions[named].kind, "organization") || Eq(doc.mentions[named].kind, "outlet") ||
         Eq(doc.mentions[named].kind, "person")) &&
        EligibleSource(doc.mentions[named])) {
      ref->mention = named;
      ref->word = MentionFirstWord(s, f - 1);
      if (explain) ref->how = "name before its description";
    }
  }

  // The subject of a reporting verb at word v, within [cb, v).
  bool SourceBefore(const Sent& s, size_t cb, size_t v, bool intro, bool weak, Ref* ref) const {
    size_t j = v;
    while (j > cb && (s.bits[j - 1] & kBitAux)) --j;
    if (j == cb) return false;
    size_t p = j - 1;
    // Before "that"/":" content, a quoted title between the subject and its
    // verb is skipped: 'Al-Masdar News in an article titled, "…," would note:'.
    if (intro && (IsQuoteMark(s.Text(p)) || Eq(s.Text(p), ","))) {
      size_t q = p;
      while (q > cb && (Eq(s.Text(q), ",") || IsQuoteMark(s.Text(q)))) --q;
      if (s.w[q].quote >= 0) {
        const uint32_t open = quotes[s.w[q].quote].span.begin;
        while (q > cb && s.toks[q].span.begin > open) --q;
        while (q > cb && (Eq(s.Text(q - 1), ",") || Eq(s.low[q - 1], "titled") ||
                          Eq(s.low[q - 1], "entitled") || Eq(s.low[q - 1], "headlined") ||
                          Eq(s.low[q - 1], "called")))
          --q;
        if (q > cb) p = q - 1;
      }
    }
    size_t desc_start = kNone;
    // A parenthesised abbreviation after the subject: "The Syrian Network
    // for Human Rights (SNHR) said". When the words before the parenthesis
    // name nothing ("the UN Children's agency (UNICEF) said"), the name
    // inside it is the subject.
    if (Eq(s.Text(p), ")") && p > cb) {
      size_t o = p;
      while (o > cb && p - o < 6 && !Eq(s.Text(o), "(")) --o;
      if (Eq(s.Text(o), "(") && o > cb) {
        if (s.w[o - 1].mention >= 0) {
          p = o - 1;
        } else if (o + 2 == p && s.w[o + 1].mention >= 0 &&
                   EligibleSource(doc.mentions[s.w[o + 1].mention])) {
          p = o + 1;
          // The source's phrase is the description and its name.
          desc_start = o;
          while (desc_start > cb && o - desc_start < 6 &&
                 s.toks[desc_start - 1].kind != Token::Kind::kPunct) {
            --desc_start;
            if (IsDeterminer(s.low[desc_start])) break;
          }
        }
      }
    }
    // A relative clause: "a memo that revealed", "the group which claimed".
    // Its pronoun names the mention right before it, never the head of a
    // phrase that mention ends ("allegations by Human Rights Watch which
    // cited" is Human Rights Watch).
    bool relative = false;
    if ((Eq(s.low[p], "that") || Eq(s.low[p], "which") || Eq(s.low[p], "who")) && p > cb &&
        s.w[p - 1].mention >= 0 && EligibleSource(doc.mentions[s.w[p - 1].mention])) {
      --p;
      relative = true;
    }
    // Appositive: "Dorrian, the coalition spokesman, said".
    if (Eq(s.Text(p), ",") && p > cb) {
      size_t head = kNone;
      for (size_t k = p; k > cb && p - k < 24; --k) {
        if (Eq(s.Text(k - 1), ",") && k - 1 > cb) {
          const int m = s.w[k - 2].mention;
          // "the army commander, General Hamid Osman, said", "The judge,
          // Anthony Price, told": a person's name (after a title) is the
          // whole appositive, and the head before it names no one (no
          // mention, an unnamed source or a generic agent): the name.
          size_t ak = k;
          if (ak + 1 < p && s.w[ak].mention < 0 && va.titles_.count(s.low[ak])) ++ak;
          if (ak + 1 < p && Eq(s.Text(ak), ".") && ak > k) ++ak;  // "Gen. Hamid Osman"
          const int an = ak < p ? s.w[ak].mention : -1;
          if (an >= 0 && an != m && s.w[p - 1].mention == an && mkind[an] == kMkPerson &&
              (ak == k || s.w[ak - 1].mention != an) &&
              (m < 0 || mkind[m] == kMkAnonymous ||
               (mkind[m] == kMkActor && doc.mentions[m].ref.empty()))) {
            ref->mention = an;
            ref->word = k - 1;
            while (ref->word > cb && s.toks[ref->word - 1].kind != Token::Kind::kPunct) --ref->word;
            if (explain) ref->how = "the name in the appositive";
            return true;
          }
          if (m >= 0 && EligibleSource(doc.mentions[m])) {
            ref->mention = m;
            ref->word = MentionFirstWord(s, k - 2);
            if (explain) ref->how = "subject before the appositive";
            return true;
          }
          // "the company's general counsel, Mark Davis, said": the appositive
          // is the name.
          const int a = s.w[k].mention;
          if (a >= 0 && s.w[p - 1].mention == a && Eq(doc.mentions[a].kind, "person") &&
              !IsAnonymous(doc.mentions[a])) {
            ref->mention = a;
            // (The source's phrase starts with the description: the content
            // before it ends at the quotation or comma before that.)
            ref->word = k - 1;
            while (ref->word > cb && s.toks[ref->word - 1].kind != Token::Kind::kPunct) --ref->word;
            if (explain) ref->how = "the name in the appositive";
            return true;
          }
          // "He, however, said", "The spokesman, in a statement, said": a
          // pronoun or "the <title>" before it is the subject.
          if (m < 0 && (va.references_.count(s.low[k - 2]) ||
                        (k - 2 > cb && Eq(s.low[k - 3], "the") && va.titles_.count(s.low[k - 2]))))
            head = k - 2;
          break;
        }
      }
      if (head == kNone) return false;
      p = head;
    }
    const int m = s.w[p].mention;
    if (m >= 0 && EligibleSource(doc.mentions[m])) {
      ref->mention = m;
      ref->word = desc_start != kNone ? desc_start : MentionFirstWord(s, p);
      if (explain) ref->how = "subject before the verb";
      NameBeforeDescription(s, cb, ref);
    } else if (m >= 0) {
      // A place or date ends the subject: "Residents of the Rukban camp
      // told": the head before its preposition.
      size_t q = MentionFirstWord(s, p);
      while (q > cb && IsDeterminer(s.low[q - 1])) --q;
      // Up to two plain words before the place: "Residents in eastern
      // Aleppo said", "sources in the besieged town of …".
      for (size_t r = q, n = 0; r > cb && n < 2; ++n) {
        if (s.w[r - 1].mention >= 0 || s.toks[r - 1].kind != Token::Kind::kWord || !s.lower[r - 1])
          break;
        if (IsPreposition(s.low[r - 1])) {
          q = r;
          break;
        }
        --r;
        while (r > cb && IsDeterminer(s.low[r - 1])) --r;
      }
      if (q <= cb || !IsPreposition(s.low[q - 1])) return false;
      // Only the words right before the preposition ("whatever the
      // negotiators in Astana say" has no source mention).
      size_t first;
      int e = EligibleBefore(s, cb, q - 1, 2, &first);
      // One more prepositional phrase of plain words before it: "An
      // official at the governor's office in Homs said".
      if (e < 0) {
        size_t r = q - 1;
        while (r > cb && q - 1 - r < 5 && s.w[r - 1].mention < 0 &&
               s.toks[r - 1].kind == Token::Kind::kWord && !IsPreposition(s.low[r - 1]))
          --r;
        if (r > cb + 1 && IsPreposition(s.low[r - 1]) && r < q - 1) e = EligibleBefore(s, cb, r - 1, 2, &first);
      }
      if (e < 0) return false;
      ref->mention = e;
      ref->word = first;
      if (explain) ref->how = "head of '" + std::string(s.Text(q - 1)) + " …'";
    } else if (auto it = va.references_.find(s.low[p]);
               it != va.references_.end() &&
               // An object pronoun names a source only after "of": "one of
               // them said", not "how to use them complained …".
               (!Eq(s.low[p], "them") || (p > cb && Eq(s.low[p - 1], "of")))) {
      ref->refers = it->second;
      ref->word = p;
      if (explain) ref->how = "pronoun '" + std::string(s.Text(p)) + "'";
      return true;
    } else if (p > cb && Eq(s.low[p - 1], "the") && va.titles_.count(s.low[p])) {
      ref->title = s.low[p];
      ref->word = p - 1;
      if (explain) ref->how = "the " + std::string(ref->title);
      return true;
    } else if (size_t the = TheBefore(s, cb, p);
               the != kNone && s.low[p].size() >= 4 && NameWords().count(s.low[p])) {
      // "the observatory", "the British-based observatory": a word of the
      // name of an organisation named before.
      ref->head = s.low[p];
      ref->word = the;
      if (explain) ref->how = "'the " + std::string(ref->head) + "'";
      return true;
    } else if (size_t e = CompoundHead(s, cb, p); e != kNone) {
      // "the Syrian Observatory for Human Rights monitoring group said".
      ref->mention = s.w[e].mention;
      ref->word = MentionFirstWord(s, e);
      if (explain) ref->how = "the name before '" + std::string(s.Text(p)) + "'";
      return true;
    } else if (size_t e = PrepositionalHead(s, cb, p, weak); e != kNone) {
      // "Sources in the camp said": the head before a prepositional phrase.
      ref->mention = s.w[e].mention;
      ref->word = MentionFirstWord(s, e);
      if (explain) ref->how = "subject before '" + std::string(s.Text(e + 1)) + " …'";
      NameBeforeDescription(s, cb, ref);  // "Ibrahim al-Hajj a volunteer with the group said"
      return true;
    } else if (!weak && s.toks[p].kind == Token::Kind::kWord && !s.lower[p]) {
      // The subject's head is not a mention ("the group's leader ... said",
      // "the report published by X himself would claim"): nearest one.
      size_t first;
      const int e = EligibleBefore(s, cb, p + 1, 8, &first);
      if (e < 0) return false;
      ref->mention = e;
      ref->word = first;
      if (explain) ref->how = "nearest source before the verb";
    } else {
      return false;
    }
    // A mention in parentheses stands for the one right before it: "the US
    // Department of Defense (DoD)"; not after a description that names
    // nothing ("the UN children's agency (UNICEF)").
    for (int guard = 0; guard < 4; ++guard) {
      size_t f = ref->word;
      size_t last = f;
      while (last + 1 < s.w.size() && s.w[last + 1].mention == ref->mention) ++last;
      if (f > cb + 1 && Eq(s.Text(f - 1), "(") && s.w[f - 2].mention >= 0 &&
          last + 1 < s.w.size() && Eq(s.Text(last + 1), ")")) {
        size_t first;
        const int e = EligibleBefore(s, cb, f - 1, 3, &first);
        if (e >= 0) {
          ref->mention = e;
          ref->word = first;
          continue;
        }
      }
      // A prepositional tail: "a representative of the Russian forces in
      // Syria claimed", "a report published by the DoD would claim".
      size_t k = f;
      // (A capitalised word that names nothing belongs to a one-word
      // generic agent's name: "a source at Aleppo Police Command told".)
      if (k > cb + 1 && !s.lower[k] && s.w[k - 1].mention < 0 && !s.lower[k - 1] &&
          s.toks[k - 1].kind == Token::Kind::kWord && IsPreposition(s.low[k - 2]) &&
          ref->mention >= 0 && Eq(doc.mentions[ref->mention].kind, "actor") &&
          doc.mentions[ref->mention].ref.empty() && k + 1 < s.w.size() && s.w[k + 1].mention != ref->mention)
        --k;
      while (k > cb && IsDeterminer(s.low[k - 1])) --k;
      // A possessor belongs to the phrase: "from the UN Security Council's
      // Sanctions Monitoring Team" (its head is the Team; the tail is "from").
      if (k > cb && s.w[k - 1].mention >= 0) {
        if (Possessive(s.Text(k - 1))) {
          k = MentionFirstWord(s, k - 1);
          while (k > cb && IsDeterminer(s.low[k - 1])) --k;
        }
      }
      if (!relative && k > cb && IsPreposition(s.low[k - 1])) {
        size_t first;
        const int e = EligibleBefore(s, cb, k - 1, 14, &first);
        if (e >= 0) {
          ref->mention = e;
          ref->word = first;
          if (explain) ref->how += ", head of '" + std::string(s.Text(k - 1)) + " …'";
          continue;
        }
      }
      break;
    }
    // A document that is the object of a preposition opening the clause is
    // no subject: "In a statement posted on its Telegram channel, the RSF denied" ("posted"
    // has no source; "denied" has the RSF).
    if (ref->mention >= 0 && mkind[ref->mention] == kMkDocument) {
      size_t f = ref->word;
      while (f > cb && IsDeterminer(s.low[f - 1])) --f;
      if (f > cb && IsPreposition(s.low[f - 1]) &&
          (f - 1 == cb || s.toks[f - 2].kind == Token::Kind::kPunct))
        return false;
    }
    NameBeforeDescription(s, cb, ref);  // "Ibrahim al-Hajj a volunteer with the group said"
    return true;
  }

  // A name that opens the clause, then an appositive or a relative clause
  // without commas, as wire copy stripped of punctuation has it: "Ammar
  // al-Selmo the head of the rescue service in eastern Aleppo told Reuters",
  // "Russia which has brought a carrier to the coast said", after a
  // quotation too. Nothing between the name and the verb at v may be
  // punctuation, a cue or another person; at most 14 words.
  bool OpeningName(const Sent& s, size_t cb, size_t v, Ref* ref) const {
    size_t f = cb;
    while (f < v && (IsQuoteMark(s.Text(f)) || s.w[f].quote >= 0)) ++f;  // a quotation first
    // "Doctor Ibrahim al-Assad": a title outside the name.
    if (f + 1 < v && s.w[f].mention < 0 && !s.lower[f] && !IsPreposition(s.low[f]) &&
        s.w[f + 1].mention >= 0)
      ++f;
    if (f >= v || s.w[f].mention < 0) return false;
    // A named person, or a named organisation, outlet, group or state
    // ("Syria Civil Defence a rescue service operating in rebel-held
    // territory said", "Russia which has brought a carrier ... said").
    const Mention& opener = doc.mentions[s.w[f].mention];
    const bool person = Eq(opener.kind, "person");
    if (!person && (!EligibleSource(opener) || Eq(opener.kind, "document") || opener.ref.empty()))
      return false;
    const int m = s.w[f].mention;
    size_t e = f;
    while (e < v && s.w[e].mention == m) ++e;
    if (e == v || v - e > 14) return false;
    // The appositive opens with a determiner or a title ("the head of",
    // "a neurologist", "spokesman for"), or a relative clause with "which"
    // or "who": not a verb ("met the army") nor a possessive ("Assad's
    // forces took").
    if (Possessive(s.Text(e - 1)) ||
        !(IsDeterminer(s.low[e]) || va.titles_.count(s.low[e]) || Eq(s.low[e], "which") ||
          Eq(s.low[e], "who")))
      return false;
    for (size_t k = e; k < v; ++k) {
      if (s.w[k].mention == m) continue;  // "al-Selmo": the name's own hyphen
      const std::string_view t = s.Text(k);
      if (s.toks[k].kind == Token::Kind::kPunct && !Eq(t, "-") && !Eq(t, "(") && !Eq(t, ")"))
        return false;
      size_t len;
      if (M(va.cues_, kBitAnyCue, s, k, v, &len)) return false;
      // (An unnamed source is the description itself: "a resident".)
      if (s.w[k].mention >= 0 && Eq(doc.mentions[s.w[k].mention].kind, "person") &&
          !IsAnonymous(doc.mentions[s.w[k].mention]))
        return false;
    }
    ref->mention = m;
    ref->word = f;
    if (explain) ref->how = "the name opening the clause, before an appositive";
    return true;
  }

  // For a clause [cb, ce) with a reporting participle after a comma (",
  // saying …", ", adding that …") and no other cue before it: the word of
  // that participle, or kNone. Its subject is the clause's.
  size_t ParticipleSubjectOf(const Sent& s, size_t cb, size_t ce) const {
    for (size_t k = cb + 2; k < ce && k < cb + 30; ++k) {
      if (!(s.bits[k] & kBitCue) || !Eq(s.Text(k - 1), ",") || !s.low[k].ends_with("ing") ||
          s.w[k].quote >= 0)
        continue;
      size_t len;
      const PhraseRow* row = M(va.cues_, kBitCue, s, k, ce, &len);
      if (row && row->code == kRowVerb) return k;
    }
    return kNone;
  }

  // Whether a form of "be" stands right before the verb at v (a passive),
  // with a subject other than the impersonal "it" ("it was reported",
  // "it has also been said").
  bool PassiveBefore(const Sent& s, size_t cb, size_t v) const {
    auto be = [](std::string_view w) {
      return Eq(w, "was") || Eq(w, "were") || Eq(w, "is") || Eq(w, "are") || Eq(w, "been") ||
             Eq(w, "being") || Eq(w, "be");
    };
    // (Written in lower case: "IS said" names the group.)
    if (!be(s.low[v - 1]) || !s.lower[v - 1]) return false;
    size_t j = v - 1;
    while (j > cb && (be(s.low[j - 1]) || (s.bits[j - 1] & kBitAux) || Eq(s.low[j - 1], "not")))
      --j;
    return !(j > cb && Eq(s.low[j - 1], "it"));
  }

  // A weak verb "state"/"states" right after a place ("Borno state").
  bool StateAfterPlace(const Sent& s, size_t k) const {
    return k > 0 && (Eq(s.low[k], "state") || Eq(s.low[k], "states")) && s.w[k - 1].mention >= 0 &&
           Eq(doc.mentions[s.w[k - 1].mention].kind, "place");
  }

  // The subject opening the clause [cb, e): a source mention after
  // determiners (not the object of a preposition), or a pronoun.
  bool ClauseSubject(const Sent& s, size_t cb, size_t e, Ref* ref) const {
    size_t x = cb;
    while (x < e && IsDeterminer(s.low[x]) && s.w[x].mention < 0) ++x;
    if (x >= e) return false;
    const int m = s.w[x].mention;
    if (m >= 0) {
      if (!EligibleSource(doc.mentions[m]) || mkind[m] == kMkDocument) return false;
      size_t end = x;
      while (end < e && s.w[end].mention == m) ++end;
      // The subject is followed by its verb: not "Hale's lawyer, saying"
      // after an object, nor a list.
      if (end >= e || s.toks[end].kind != Token::Kind::kWord || IsPreposition(s.low[end]) ||
          Possessive(s.Text(end - 1)))
        return false;
      ref->mention = m;
      ref->word = MentionFirstWord(s, x);
      if (explain) ref->how = "the clause's subject, before a participle";
      return true;
    }
    if (x == cb && x + 1 < e)
      if (auto it = va.references_.find(s.low[x]); it != va.references_.end() &&
          (Eq(it->second, "person") || Eq(it->second, "group"))) {
        ref->refers = it->second;
        ref->word = x;
        if (explain) ref->how = "pronoun '" + std::string(s.Text(x)) + "', before a participle";
        return true;
      }
    return false;
  }

  // The source after a verb at v (inversion: "…, said Colonel John Dorrian").
  bool SourceAfter(const Sent& s, size_t v, size_t vend, size_t ce, Ref* ref) const {
    for (size_t k = vend; k < ce && k < vend + 6; ++k) {
      int m = s.w[k].mention;
      // "said U.N. spokesman Martin Nesirky", "said Observatory head Rami
      // Abdel Rahman": the person after an organisation and a title.
      if (m >= 0 && !Eq(doc.mentions[m].kind, "person")) {
        size_t e = k;
        while (e < ce && s.w[e].mention == m) ++e;
        if (e + 1 < ce && va.titles_.count(s.low[e]) && s.w[e + 1].mention >= 0 &&
            Eq(doc.mentions[s.w[e + 1].mention].kind, "person")) {
          k = e + 1;
          m = s.w[k].mention;
        }
      }
      if (m >= 0 && EligibleSource(doc.mentions[m])) {
        // "said the army would deploy": the subject of the content, not an
        // inverted source.
        size_t e = k;
        while (e < ce && s.w[e].mention == m) ++e;
        if (e < ce && IsFiniteAux(s.low[e])) return false;
        ref->mention = m;
        ref->word = k;
        ref->after = true;
        if (explain) ref->how = "source after the verb";
        return true;
      }
      // ('"…," said he.'; not "argue it gives away …", where the pronoun is
      // the content's subject.)
      if (auto it = va.references_.find(s.low[k]); it != va.references_.end() && k == vend &&
          (k + 1 >= ce || s.toks[k + 1].kind == Token::Kind::kPunct)) {
        ref->refers = it->second;
        ref->word = k;
        ref->after = true;
        if (explain) ref->how = "pronoun '" + std::string(s.Text(k)) + "' after the verb";
        return true;
      }
      // Skip a title or determiner before the name, a word before a title
      // ("said Observatory director Rami Abdel Rahman", "said opposition
      // activist Abu Omar") and a compound before a title ("said
      // Idlib-based activist Karim Nasser").
      if (k + 3 < ce && Eq(s.Text(k + 1), "-") &&
          (Eq(s.low[k + 2], "based") || Eq(s.low[k + 2], "born")) &&
          va.titles_.count(s.low[k + 3])) {
        k += 2;
        continue;
      }
      // ("said Dr. Helen Park": the title's period is a token of its own.)
      if (Eq(s.Text(k), ".") && k > vend && va.titles_.count(s.low[k - 1])) continue;
      if (!(Eq(s.low[k], "the") || va.titles_.count(s.low[k]) ||
            (s.toks[k].kind == Token::Kind::kWord && k + 1 < ce &&
             va.titles_.count(s.low[k + 1]))))
        break;
    }
    return false;
  }

  // True if the source found after a verb is a named organisation, outlet or
  // person that ends the clause ("… said the Syrian Observatory.").
  bool ClauseEndsAfter(const Sent& s, const Ref& r, size_t ce) const {
    if (r.mention < 0) return false;
    const std::string& k = doc.mentions[r.mention].kind;
    if (!Eq(k, "organization") && !Eq(k, "outlet") && !Eq(k, "person")) return false;
    size_t e = r.word;
    while (e < ce && s.w[e].mention == r.mention) ++e;
    if (e >= ce || s.toks[e].kind == Token::Kind::kPunct) return true;
    // "… said Rami Abdel Rahman director of the Observatory": a person's
    // appositive (a title, after "the" or "a" too) goes on.
    if (Eq(k, "person")) {
      const size_t t = e + 1 < ce && (Eq(s.low[e], "the") || Eq(s.low[e], "a")) ? e + 1 : e;
      if (va.titles_.count(s.low[t])) return true;
    }
    // "… said the source adding that …": a reporting participle goes on.
    size_t len;
    const std::string_view w = s.low[e];
    return w.size() > 4 && w.substr(w.size() - 3) == "ing" && Free(s, e) &&
           M(va.cues_, kBitAnyCue, s, e, ce, &len) != nullptr;
  }

  // The comma before a reporting cue that closes the clause [b, ce) outside
  // quotations (", according to …", ", said …", ", analysts said."), or
  // ce if there is none.
  size_t TrailingAttribution(const Sent& s, size_t b, size_t ce) const {
    for (size_t q = b + 1; q + 1 < ce; ++q) {
      if (!Eq(s.Text(q), ",") || s.w[q].quote >= 0) continue;
      for (size_t v = q + 1; v < ce && v <= q + 5; ++v) {
        if (s.toks[v].kind == Token::Kind::kPunct) break;
        size_t len;
        const PhraseRow* row =
            (s.bits[v] & kBitAnyCue) && Free(s, v) ? M(va.cues_, kBitAnyCue, s, v, ce, &len) : nullptr;
        if (!row) continue;
        if (v == q + 1 && (row->code == kRowAccording || row->code == kRowVerb)) return q;
        // ", analysts said.": words, then a verb ending the clause.
        if ((row->code == kRowVerb || row->code == kRowVerbWeak) &&
            (v + len == ce || s.toks[v + len].kind == Token::Kind::kPunct))
          return q;
        break;
      }
    }
    return ce;
  }

  // Fraction of the content's word tokens inside (non-scare) quotations.
  // With a cue (`with_cue`), a quotation of any length counts: '"We are
  // done," he added' is a quote; without one, short quotations are scare
  // quotes and do not.
  double QuotedShare(const Sent& s, Span c, bool with_cue = false) const {
    if (!s.quoted) return 0;  // (most clauses)
    size_t words = 0, quoted = 0;
    // The words inside c are a run (words are in text order and do not
    // overlap): from the first that starts in it to the first that ends
    // after it.
    size_t k = std::lower_bound(s.toks, s.toks + s.w.size(), c.begin,
                                [](const Token& t, uint32_t at) { return t.span.begin < at; }) -
               s.toks;
    for (; k < s.w.size() && s.toks[k].span.end <= c.end; ++k) {
      const Word& w = s.w[k];
      if (s.toks[k].kind == Token::Kind::kPunct) continue;
      ++words;
      // Four words or more: shorter ones are scare quotes, not quotations.
      if (InQuoteContent(s, k) && (with_cue || quote_words[w.quote] >= 4)) ++quoted;
      else if (InQuoteContent(s, k)) {
        // A quotation running over several sentences counts in full.
        const Quote& q = quotes[w.quote];
        if (q.span.begin < s.span.begin || q.span.end > s.span.end) ++quoted;
      }
    }
    return words ? static_cast<double>(quoted) / words : 0;
  }

  Span WordsSpan(const Sent& s, size_t b, size_t e) const {
    return Span{s.toks[b].span.begin, s.toks[e - 1].span.end};
  }

  // Content words [b, e) trimmed of commas, colons and "that".
  bool TrimContent(const Sent& s, size_t* b, size_t* e) const {
    while (*b < *e && (Eq(s.Text(*b), ",") || Eq(s.Text(*b), ":") || Eq(s.low[*b], "that") ||
                       Eq(s.Text(*b), "\xE2\x80\x93") || Eq(s.Text(*b), "\xE2\x80\x94")))
      ++*b;
    while (*e > *b && (Eq(s.Text(*e - 1), ",") || Eq(s.Text(*e - 1), ":") ||
                       Eq(s.Text(*e - 1), ".") || Eq(s.Text(*e - 1), "\xE2\x80\x93") ||
                       Eq(s.Text(*e - 1), "\xE2\x80\x94")))
      --*e;
    return *b < *e;
  }

  // True if the clause [b, e) ends with an intro phrase ("in this way", "as
  // follows"), before an optional final colon.
  bool EndsWithIntro(const Sent& s, size_t b, size_t e) const {
    if (e > b && Eq(s.Text(e - 1), ":")) --e;
    for (size_t k = e; k > b && e - k < 4; --k) {
      size_t len;
      const PhraseRow* row = M(va.cues_, kBitAnyCue, s, k - 1, e, &len);
      if (row && row->code == kRowIntro && k - 1 + len == e) return true;
    }
    return false;
  }

  // A heading: no final punctuation and most words capitalised ("The US
  // Department of Defense Says It Best"). Not a statement of anyone's.
  bool Heading(const Sent& s, size_t cb, size_t ce) const {
    std::string_view last = s.Text(ce - 1);
    if (Eq(last, ".") || Eq(last, "!") || Eq(last, ":") || Eq(last, "?") || Eq(last, ";")) return false;
    size_t words = 0, caps = 0;
    for (size_t k = cb; k < ce; ++k) {
      if (s.toks[k].kind != Token::Kind::kWord) continue;
      ++words;
      if (!s.lower[k]) ++caps;
    }
    return words >= 3 && caps * 10 >= words * 7;
  }

  // The first of the sentence's flagged tokens (SentInfo) at or after its
  // word k.
  uint32_t FirstFlagged(const SentInfo& info, size_t k) const {
    if (k == 0) return info.fb;  // the first clause (most)
    return static_cast<uint32_t>(
        std::lower_bound(flagged.get() + info.fb, flagged.get() + info.fe, info.tb + k) -
        flagged.get());
  }

  // True if words [b, e) are at most eight and only say when, how or to
  // whom something was said: voice_adjuncts.tsv phrases, prepositions,
  // determiners, punctuation and date, outlet, organisation, person or
  // anonymous-source mentions ("on Wednesday", "AFP by telephone", "in a
  // statement late on Sunday").
  // A preposition before word k (across determiners), within [b, k).
  bool PrepositionBefore(const Sent& s, size_t b, size_t k) const {
    while (k > b && IsDeterminer(s.low[k - 1]) && s.w[k - 1].mention < 0) --k;
    return k > b && IsPreposition(s.low[k - 1]);
  }

  bool AdjunctsOnly(const Sent& s, size_t b, size_t e) const {
    if (e <= b || e - b > 8) return false;
    for (size_t k = b; k < e;) {
      const int m = s.w[k].mention;
      if (m >= 0) {
        const std::string& kind = doc.mentions[m].kind;
        // (A place says where: "… told reporters in Geneva".)
        // (And a document: "… the agency said in a statement.")
        // ("confirmed the report": a document object is content.)
        if (!(Eq(kind, "date") || Eq(kind, "outlet") || Eq(kind, "organization") ||
              Eq(kind, "person") || Eq(kind, "actor") || Eq(kind, "place") ||
              (Eq(kind, "document") && PrepositionBefore(s, b, k))))
          return false;
        while (k < e && s.w[k].mention == m) ++k;
        continue;
      }
      size_t n = 0;
      if (s.toks[k].kind == Token::Kind::kPunct || IsPreposition(s.low[k]) ||
          IsDeterminer(s.low[k])) {
        ++k;
      } else if (va.adjuncts_.MatchBy([&](size_t i) { return s.low[i]; },
                                      [&](size_t i) { return s.lower[i]; }, k, e, &n)) {
        k += n;
      } else {
        return false;
      }
    }
    return true;
  }

  ClauseResult AnalyzeClause(const Sent& s, size_t cb, size_t ce) const {
    ClauseResult r;
    if (Heading(s, cb, ce)) {
      r.rule = "heading";
      return r;
    }
    // 1. A reporting cue (none where no word of the sentence may start one).
    const uint8_t sent_bits = sent_info[s.index].bits;
    const SentInfo& info = sent_info[s.index];
    for (uint32_t f = sent_bits & kBitAnyCue ? FirstFlagged(info, cb) : info.fe; f < info.fe; ++f) {
      const size_t k = flagged[f] - info.tb;
      if (k >= ce) break;
      if (!(s.bits[k] & kBitAnyCue) || !Free(s, k)) continue;
      size_t len;
      const PhraseRow* row = M(va.cues_, kBitAnyCue, s, k, ce, &len);
      if (!row) continue;
      const uint8_t code = row->code;
      if (code == kRowVerb || code == kRowVerbWeak) {
        Ref ref;
        const bool colon_or_that =
            (k + len < ce && (Eq(s.Text(k + len), ":") || Eq(s.low[k + len], "that")));
        // After a determiner or a possessive it is a noun: "the claims",
        // "America's continued occupation".
        if (k > cb && (IsDeterminer(s.low[k - 1]) || Possessive(s.Text(k - 1)))) continue;
        // A passive: "he was told", "residents had been warned", "the group
        // is blamed for": the subject is the listener or the accused, not a
        // source. (Not after an impersonal "it": "It was reported on Monday
        // that …" keeps its cue.)
        if (k > cb && PassiveBefore(s, cb, k)) continue;
        // "executives accused of fraud", "the group blamed for the attack":
        // a participle, no accuser.
        // ("accused by Washington of …": a passive too.)
        if (row->accusation && k + len < ce &&
            (Eq(s.low[k + len], "of") || Eq(s.low[k + len], "for") || Eq(s.low[k + len], "by")))
          continue;
        // "Borno state", "the Gulf states": the place's noun, not a verb.
        if (code == kRowVerbWeak && StateAfterPlace(s, k)) continue;
        // "state TV cited the ministry as saying …": the one cited speaks,
        // and "saying" is the cue (its subject is the ministry).
        if (code == kRowVerbWeak) {
          bool as_saying = false;
          for (size_t q = k + len; q + 1 < ce && q < k + len + 12 && !as_saying; ++q)
            as_saying = Eq(s.low[q], "as") && Eq(s.low[q + 1], "saying");
          if (as_saying) continue;
        }
        // A modal or auxiliary before it makes a weak verb a verb: "would
        // claim", "has found".
        const bool weak = code == kRowVerbWeak && !(k > cb && (s.bits[k - 1] & kBitAux));
        bool found = SourceBefore(s, cb, k, colon_or_that, weak, &ref);
        if (!found && !weak) found = OpeningName(s, cb, k, &ref);
        // "The ministry rejected the criticism, saying …": a participle
        // after a comma speaks for the clause's subject.
        if (!found && code == kRowVerb && k > cb + 2 && Eq(s.Text(k - 1), ",") &&
            s.low[k].ends_with("ing"))
          found = ClauseSubject(s, cb, k - 1, &ref);
        // The source's phrase starts before its determiner and title ("the
        // Syrian Foreign Ministry", "Colonel John Dorrian").
        size_t src_start = ref.word;
        while (found && src_start > cb) {
          if (IsDeterminer(s.low[src_start - 1]) || va.titles_.count(s.low[src_start - 1]))
            --src_start;
          else if (src_start > cb + 1 && Eq(s.Text(src_start - 1), ".") &&
                   va.titles_.count(s.low[src_start - 2]))
            src_start -= 2;  // "Mr." is two tokens
          else if (src_start > cb + 1 && Eq(s.Text(src_start - 1), "'") &&
                   s.toks[src_start - 2].kind == Token::Kind::kWord && s.low[src_start - 2].ends_with("s"))
            src_start -= 2;  // "the employers' federation"
          else if (Possessive(s.Text(src_start - 1)))
            --src_start;  // "the UN's human rights office"
          else
            break;
        }
        // "the attack which the regime blamed on the rebels", "attacks SANA
        // blamed on …": the accusation's object is a noun before the source;
        // the clause is the author's.
        if (row->accusation && found && src_start > cb && k + len < ce && Eq(s.low[k + len], "on"))
          continue;
        // Content before the source (a quotation or clause, then a comma).
        bool quote_before = src_start > cb && found &&
                            (IsQuoteMark(s.Text(src_start - 1)) || Eq(s.Text(src_start - 1), ","));
        // Inversion after a quotation or a comma ('"…," said Dorrian'), or
        // when the word before is a generic group and a named speaker follows
        // ("… killed 10 civilians said the Syrian Observatory").
        const bool generic_before =
            found && ref.mention >= 0 && Eq(doc.mentions[ref.mention].kind, "actor") &&
            doc.mentions[ref.mention].ref.empty();
        // Wire copy without commas inverts after a plain word too ("… were
        // killed in the airstrikes said the source adding that …"): with no
        // source before, a source after that ends the clause.
        const bool bare = !found && k >= cb + 3 && s.toks[k - 1].kind == Token::Kind::kWord &&
                          !IsQuoteMark(s.Text(k - 1));
        // (Never after a verb_listener row: "told Reuters" names the listener.)
        if (k > cb && !row->listener &&
            (IsQuoteMark(s.Text(k - 1)) || Eq(s.Text(k - 1), ",") || generic_before || bare)) {
          Ref after;
          // (A pronoun after the verb is the content's subject when the
          // verb has one before it: "A neighbour, who …, said she had".)
          // With a subject before the verb, a mention after it is the
          // content's subject unless the clause ends there ("Whitford, who
          // represents them, said the bank misled investors").
          if (SourceAfter(s, k, k + len, ce, &after) && !(found && !after.refers.empty()) &&
              (!(generic_before || bare || found) || ClauseEndsAfter(s, after, ce))) {
            ref = after;
            found = true;
          }
        }
        // ("Apple said on Tuesday that …": "that" after when, how or to whom.)
        auto that_after_adjuncts = [&] {
          for (size_t q = k + len + 1; q < ce && q < k + len + 7; ++q)
            if (Eq(s.low[q], "that")) return AdjunctsOnly(s, k + len, q);
          return false;
        };
        if (!found && (weak || !(colon_or_that || that_after_adjuncts()))) continue;
        // "It is estimated that …, according to the Observatory": a later
        // "according to" names the source a verb without one lacks.
        if (!found) {
          bool according_later = false;
          for (uint32_t g = f + 1; g < info.fe && flagged[g] - info.tb < ce && !according_later; ++g) {
            const size_t j = flagged[g] - info.tb;
            size_t jl;
            const PhraseRow* jr = Free(s, j) ? M(va.cues_, kBitCue, s, j, ce, &jl) : nullptr;
            according_later = jr && jr->code == kRowAccording;
          }
          if (according_later) continue;
        }
        r.kind = "attributed";
        r.cue = WordsSpan(s, k, k + len);
        r.rule = row->rule;
        r.ref = ref;
        r.has_ref = found;
        if (found && explain) r.evidence.push_back("source: " + ref.how);
        // Where the content is.
        size_t ab = k + len;
        if (ref.after) {
          ab = ref.word;
          while (ab < ce && s.w[ab].mention >= 0 && s.w[ab].mention == ref.mention) ++ab;
        }
        // "told reporters he would …", "told AFP the shelling went on": the
        // listener is not the content.
        const size_t verb_end = ab;
        // ("reporters", "journalists": rows of voice_adjuncts.tsv.)
        if (row->listener && !ref.after && ab < ce && s.w[ab].mention >= 0) {
          const std::string& lk = doc.mentions[s.w[ab].mention].kind;
          if (Eq(lk, "person") || Eq(lk, "organization") || Eq(lk, "outlet") || Eq(lk, "actor"))
            for (const int lm = s.w[ab].mention; ab < ce && s.w[ab].mention == lm;) ++ab;
        } else if (size_t an; row->listener && !ref.after && ab < ce &&
                   va.adjuncts_.MatchBy([&](size_t i) { return s.low[i]; },
                                        [&](size_t i) { return s.lower[i]; }, ab, ce, &an)) {
          ab += an;
        }
        // "told reporters on Tuesday that …": skip to a near "that" / ':'.
        // (Not after an accusation: "blamed France for the massacre that …"
        // has a relative "that".)
        for (size_t q = ab; !row->accusation && q < ce && q < verb_end + 8; ++q) {
          if (InQuoteContent(s, q)) break;
          // ("shouting that night.": a determiner of a time ending the
          // clause, not "that …".)
          size_t tn;
          if (Eq(s.low[q], "that") && q + 1 < ce &&
              va.adjuncts_.MatchBy([&](size_t i) { return s.low[i]; },
                                   [&](size_t i) { return s.lower[i]; }, q + 1, ce, &tn) &&
              (q + 1 + tn == ce || s.toks[q + 1 + tn].kind == Token::Kind::kPunct))
            continue;
          if (Eq(s.low[q], "that") || Eq(s.Text(q), ":")) {
            ab = q + 1;
            break;
          }
        }
        size_t ae = ce;
        // A second attribution closing the clause is not content: "the
        // seat is safe, according to a poll", "a recession, analysts said".
        if (!ref.after) ae = TrailingAttribution(s, ab, ce);
        size_t bb = cb, be = found ? (ref.after ? k : src_start) : k;
        bool has_after = TrimContent(s, &ab, &ae);
        bool has_before = TrimContent(s, &bb, &be);
        // '"…" UN humanitarian adviser Jan Egeland told': the source's
        // modifiers after a closing quotation are not content.
        if (has_before && found && !ref.after && s.w[be - 1].quote < 0)
          for (size_t q = be - 1; q > bb && be - q <= 3; --q) {
            if (s.toks[q - 1].kind == Token::Kind::kPunct && !IsQuoteMark(s.Text(q - 1))) break;
            if (IsQuoteMark(s.Text(q - 1)) && s.w[q - 1].quote >= 0) {
              be = q;
              break;
            }
          }
        if (has_after && ae - ab == 1 && IsQuoteMark(s.Text(ab))) has_after = false;
        // ("In a letter to shareholders, the chief executive wrote that …":
        // after a comma, "that" still opens the content; after a quotation not.)
        const bool after_first = colon_or_that && !(quote_before && IsQuoteMark(s.Text(src_start - 1)));
        // "… a monitor said on Wednesday.", "… he told AFP by telephone.":
        // what follows the verb only says when, how or to whom.
        if (has_before && has_after && !colon_or_that && found && AdjunctsOnly(s, ab, ae))
          has_after = false;
        // A comma (no quotation mark) before the source, words after the
        // verb: "The strike, the army said, was carried out …" (the cue in
        // commas inside the content: both sides), else "In a statement, the
        // RSF denied …", "Opening the case, prosecutor Helen Gray told the
        // jury that …", "The chief executive, Martin Hale, who left in
        // 2022, has said he …" (after it).
        const bool comma_before = has_before && has_after && quote_before && !ref.after &&
                                  !IsQuoteMark(s.Text(src_start - 1));
        size_t pl;
        const PhraseRow* next_cue = k + len + 1 < ce ? M(va.cues_, kBitCue, s, k + len + 1, ce, &pl) : nullptr;
        const bool parenthetical = comma_before && k + len + 1 < ce && Eq(s.Text(k + len), ",") &&
                                   !(next_cue && (next_cue->code == kRowVerb ||
                                                  next_cue->code == kRowVerbWeak ||
                                                  next_cue->code == kRowAccording));
        if (has_before && has_after && quote_before && s.w[ab].quote >= 0) {
          r.content = Span{s.toks[bb].span.begin, s.toks[ae - 1].span.end};  // "A," he said, "B."
          if (explain) r.evidence.push_back("content on both sides of the cue");
          r.kind = "quoted";
        } else if (parenthetical) {
          r.content = Span{s.toks[bb].span.begin, s.toks[ae - 1].span.end};
          if (explain) r.evidence.push_back("content on both sides of a cue in commas");
        } else if (comma_before) {
          r.content = WordsSpan(s, ab, ae);
          if (explain) r.evidence.push_back("content after the cue (words before the source)");
        } else if (has_before && (ref.after || quote_before) && !after_first) {
          r.content = WordsSpan(s, bb, be);
          if (explain) r.evidence.push_back("content before the cue");
        } else if (has_after) {
          r.content = WordsSpan(s, ab, ae);
          if (explain) r.evidence.push_back("content after the cue");
        } else if (has_before) {
          r.content = WordsSpan(s, bb, be);
        }
        r.intro_colon = Eq(s.Text(ce - 1), ":") || EndsWithIntro(s, k + len, ce);
        if (r.content && !Eq(r.kind, "quoted") && QuotedShare(s, *r.content, true) >= 0.8)
          r.kind = "quoted";
        return r;
      }
      if (code == kRowAccording) {
        size_t a = k + len;
        while (a < ce && IsDeterminer(s.low[a]) && s.w[a].mention < 0) ++a;
        // The phrase after "according to" up to a comma: prefer a document
        // ("according to the UN report" -> the report, issued by the UN).
        // Then a speaker over a country ("the Britain-based Syrian
        // Observatory"); a name word of an organisation named before ("the
        // Observatory") when it comes first.
        auto rank = [&](int m) {
          const Mention& x = doc.mentions[m];
          return Eq(x.kind, "document") ? 3 : Eq(x.kind, "place") ? 1 : 2;
        };
        int best = -1;
        size_t best_word = a, pe = a;
        for (; pe < ce && !Eq(s.Text(pe), ",") && pe < a + 10; ++pe) {
          const int m = s.w[pe].mention;
          if (m < 0 || !EligibleSource(doc.mentions[m])) continue;
          if (best < 0 || rank(m) > rank(best)) {
            best = m;
            best_word = pe;
          }
        }
        size_t head = a;
        while (head + 1 < pe && s.w[head].mention < 0 && s.w[head + 1].mention < 0 &&
               (s.toks[head].kind != Token::Kind::kWord || Eq(s.Text(head + 1), "-") ||
                Eq(s.Text(head), "-")))
          ++head;
        const bool name_word = head < pe && s.w[head].mention < 0 && s.low[head].size() >= 4 &&
                               NameWords().count(s.low[head]) &&
                               (best < 0 || head < best_word);
        Ref ref;
        ref.word = best_word;
        if (name_word) {
          ref.head = s.low[head];
          ref.word = head;
          if (explain) ref.how = "'" + std::string(ref.head) + "' after '" + row->text + "'";
        } else if (best >= 0) {
          ref.mention = best;
          if (explain) ref.how = "after '" + row->text + "'";
        } else if (auto it = a < ce ? va.references_.find(s.low[a]) : va.references_.end();
                   it != va.references_.end()) {
          ref.refers = it->second;
          if (explain) ref.how = "pronoun after '" + row->text + "'";
        } else {
          continue;
        }
        r.kind = "attributed";
        r.cue = WordsSpan(s, k, k + len);
        r.rule = row->rule;  // (kind "according")
        r.ref = ref;
        r.has_ref = true;
        if (explain) r.evidence.push_back("source: " + ref.how);
        r.intro_colon = Eq(s.Text(ce - 1), ":");
        size_t ab = pe, ae = ce, bb = cb, be = k;
        bool has_after = TrimContent(s, &ab, &ae);
        bool has_before = TrimContent(s, &bb, &be);
        if (has_before && (!has_after || be - bb > ae - ab)) r.content = WordsSpan(s, bb, be);
        else if (has_after) r.content = WordsSpan(s, ab, ae);
        if (r.content && QuotedShare(s, *r.content, true) >= 0.8) r.kind = "quoted";
        return r;
      }
      if (code == kRowPassive) {
        r.kind = "attributed";
        r.cue = WordsSpan(s, k, k + len);
        r.rule = row->rule;  // (kind "passive")
        if (explain) r.evidence.push_back("impersonal cue: no source");
        size_t ab = k + len, ae = ce;
        // "The army is said to have moved …": the subject before the cue
        // belongs to the content ("It was reported that …" has none).
        if (k > cb && !Eq(s.low[k], "it")) ab = cb;
        if (TrimContent(s, &ab, &ae)) r.content = WordsSpan(s, ab, ae);
        return r;
      }
      if (code == kRowIntro) {
        // "(emphasis added):" opens a quotation; the clause itself stays as it is.
        if (k + len < s.w.size() && Eq(s.Text(k + len), ":")) {
          r.intro_colon = true;
          r.cue = WordsSpan(s, k, k + len);
          r.rule = row->rule;  // (kind "intro")
        }
      }
    }
    // 2. A quotation covering the clause.
    const Span clause = WordsSpan(s, cb, ce);
    if (QuotedShare(s, clause) >= 0.8) {
      r.kind = "quoted";
      size_t b = cb, e = ce;
      TrimContent(s, &b, &e);
      if (b < e) r.content = WordsSpan(s, b, e);
      r.rule = "quotation without a cue";
      return r;
    }
    // 3. A question.
    for (size_t k = ce; k > cb; --k) {
      std::string_view t = s.Text(k - 1);
      if (IsQuoteMark(t) || Eq(t, ")")) continue;
      if (Eq(t, "?") && !InQuoteContent(s, k - 1)) {
        r.kind = "question";
        r.content = clause;
        r.rule = "question mark";
        return r;
      }
      break;
    }
    // 4. A hedge (a number word may start one: "One wonders").
    for (uint32_t f = sent_bits & kBitHedge ? FirstFlagged(info, cb) : info.fe; f < info.fe; ++f) {
      const size_t k = flagged[f] - info.tb;
      if (k >= ce) break;
      if (!(s.bits[k] & kBitHedge) || InQuoteContent(s, k)) continue;
      if (s.w[k].mention >= 0 && !Eq(doc.mentions[s.w[k].mention].kind, "quantity")) continue;
      size_t len;
      const PhraseRow* row = M(va.hedges_, kBitHedge, s, k, ce, &len);
      if (!row) continue;
      r.kind = "hedged";
      r.cue = WordsSpan(s, k, k + len);
      r.content = clause;
      r.rule = row->rule;
      return r;
    }
    // 5. The author's voice; note scare quotes.
    if (r.rule.empty()) r.rule = "no cue";
    if (!explain) return r;
    for (size_t k = cb; k < ce; ++k) {
      if (s.w[k].quote >= 0 && (k == cb || s.w[k - 1].quote != s.w[k].quote)) {
        const Quote& q = quotes[s.w[k].quote];
        r.evidence.push_back("short quotation with no speaker (scare quote): " + SpanText(q.span));
      }
    }
    return r;
  }

  // Clause boundaries: word indices where a new clause starts, into
  // *starts (a buffer reused from sentence to sentence).
  void Clauses(const Sent& s, std::vector<size_t>* out) const {
    std::vector<size_t>& starts = *out;
    starts.assign(1, 0);
    const SentInfo& info = sent_info[s.index];
    if (!(info.bits & kBitBreak)) return;  // no word may start a break
    const size_t n = s.w.size();
    // Words from `from` on (a break's words are not looked at again).
    size_t from = 1;
    for (uint32_t f = info.fb; f < info.fe; ++f) {
      const size_t k = flagged[f] - info.tb;
      if (k < from || !(s.bits[k] & kBitBreak) || InQuoteContent(s, k)) continue;
      size_t len;
      const PhraseRow* row = M(va.cues_, kBitBreak, s, k, n, &len);
      if (!row || row->code != kRowBreak) continue;
      // Both sides need a few words.
      if (k - starts.back() < 4 || n - (k + len) < 4) continue;
      // The break's punctuation stays with the clause before it.
      size_t next = k;
      while (next < k + len && s.toks[next].kind == Token::Kind::kPunct) ++next;
      if (next >= n) continue;
      starts.push_back(next);
      from = next + 1;
    }
  }

  // For an unnamed source "the <head>" alone, the organisation named
  // before that it stands for, or -1: the latest group speaker, if it is a
  // named organisation with that word in its text ("the ministry" after
  // "the Foreign Ministry said"; not after "the jihadist group", no name,
  // nor after "IS", named "Islamic State group" only in the gazetteer) or
  // any named organisation for a refers=organization head ("the company"
  // after "Halvorsen Pharma said").
  int NamedAntecedent(int mi, std::string* how) const {
    if (last_group < 0 || last_group == mi) return -1;
    const Mention& m = doc.mentions[mi];
    const Mention& g = doc.mentions[last_group];
    if (!IsAnonymous(m)) return -1;
    const std::string_view t =
        std::string_view(lowered).substr(m.span.begin, m.span.end - m.span.begin);
    if (!t.starts_with("the ")) return -1;
    const std::string_view head = t.substr(4);
    if (head.find(' ') != std::string_view::npos) return -1;
    const std::string_view gt =
        std::string_view(lowered).substr(g.span.begin, g.span.end - g.span.begin);
    // "The foreign ministry said …. The ministry added": an unnamed
    // speaker with the same head.
    if (IsAnonymous(g) && g.span.end - g.span.begin > m.span.end - m.span.begin &&
        gt.ends_with(head) && gt[gt.size() - head.size() - 1] == ' ') {
      if (explain) *how = "the latest group speaker, with the head '" + std::string(head) + "'";
      return last_group;
    }
    if (IsAnonymous(g) || !(Eq(g.kind, "organization") || Eq(g.kind, "outlet"))) return -1;
    if (gt.find(head) != std::string_view::npos) {
      if (explain) *how = "the latest group speaker, named with '" + std::string(head) + "'";
      return last_group;
    }
    if (Eq(g.kind, "organization") && va.org_refs_.count(head)) {
      if (explain) *how = "the latest organisation speaker";
      return last_group;
    }
    return -1;
  }

  int Resolve(const Ref& ref, const Sent& s, std::string* how) const {
    if (ref.mention >= 0) {
      const int a = NamedAntecedent(ref.mention, how);
      return a >= 0 ? a : ref.mention;
    }
    if (Eq(ref.refers, "person")) {
      // The first person of the nearest sentence naming one (the current
      // sentence before the pronoun first); the latest speaker if that
      // sentence names them too.
      std::vector<int> here;
      for (size_t k = 0; k < ref.word; ++k) {
        const int m = s.w[k].mention;
        if (m >= 0 && Eq(doc.mentions[m].kind, "person") && !IsAnonymous(doc.mentions[m]) &&
            (here.empty() || here.back() != m))
          here.push_back(m);
      }
      const std::vector<int>& cands = here.empty() ? recent_persons : here;
      if (cands.empty()) {
        if (last_speaker >= 0 && Eq(doc.mentions[last_speaker].kind, "person")) {
          if (explain) *how = "the latest speaker";
          return last_speaker;
        }
        return -1;
      }
      if (last_speaker >= 0 && Eq(doc.mentions[last_speaker].kind, "person"))
        for (int c : cands)
          if (c == last_speaker || (!doc.mentions[c].ref.empty() &&
                                    doc.mentions[c].ref == doc.mentions[last_speaker].ref)) {
            if (explain) *how = "the latest speaker, named in the nearest sentence with a person";
            return c;
          }
      if (explain) *how = "the first person of the nearest sentence naming one";
      return cands.front();
    }
    if (Eq(ref.refers, "group") || Eq(ref.refers, "thing")) {
      // In a relative or subordinate clause, the sentence's subject comes
      // first: "The Aleppo Media Centre published a video that it said
      // showed …", "Washington blames the government for the attack which
      // it says killed …", "Opposition fighters fired rockets as they
      // announced …" (the first group outside quotations; for "it", a named one).
      const bool thing = Eq(ref.refers, "thing");
      int here = -1;
      if (ref.word > 0 && !ref.after && IsSubordinator(s.low[ref.word - 1]))
        for (size_t k = 0; k + 1 < ref.word && here < 0; ++k) {
          const int m = s.w[k].mention;
          if (m < 0 || s.w[k].quote >= 0) continue;
          const Mention& x = doc.mentions[m];
          // (Organisations, outlets, countries; for "it" no generic actor.)
          const bool named = Eq(x.kind, "organization") || Eq(x.kind, "outlet") ||
                             (Eq(x.kind, "place") && EligibleSource(x));
          if (named || (Eq(x.kind, "actor") && (!thing || !x.ref.empty()))) here = m;
        }
      if (here >= 0) {
        if (explain) *how = "the subject of the sentence, before a subordinate clause";
        return here;
      }
      // "Diplomats believe …. One of them said": the latest group speaker
      // when the sentence opens with it; after words of its own, the
      // latest group named before in the sentence, not a modifier
      // ("government-held"), or none.
      if (Eq(s.low[ref.word], "them") && ref.word > 3) {
        for (size_t k = ref.word; k-- > 0;) {
          const int m = s.w[k].mention;
          if (m >= 0 && s.w[k].quote < 0 && Eq(doc.mentions[m].kind, "actor") &&
              !(k + 1 < s.w.size() && Eq(s.Text(k + 1), "-"))) {
            if (explain) *how = "the latest group named before in the sentence";
            return m;
          }
        }
        return -1;
      }
      if (thing) {
        // "The agency said in a statement …. It forecast …": the speaker of
        // the sentence before when that is no person (a document named
        // there only said how it spoke).
        if (last_document >= 0 && last_document_spoke >= s.index - 2) {
          if (explain) *how = "the latest document, a speaker";
          return last_document;
        }
        if (last_speaker >= 0 && last_speaker_sentence >= s.index - 1 &&
            (mkind[last_speaker] == kMkOrganization || mkind[last_speaker] == kMkOutlet ||
             mkind[last_speaker] == kMkDocument || mkind[last_speaker] == kMkPlace ||
             (mkind[last_speaker] == kMkActor && !doc.mentions[last_speaker].ref.empty()))) {
          if (explain) *how = "the speaker of the sentence before";
          return last_speaker;
        }
        if (explain) *how = "the latest document";
        return last_document >= 0 ? last_document : last_group;
      }
      if (explain) *how = "the latest group speaker";
      return last_group;
    }
    if (!ref.head.empty()) {
      auto it = NameWords().find(ref.head);
      if (it != last_by_name_word.end()) {
        if (explain) *how = "the latest organisation named with '" + std::string(ref.head) + "'";
        return *it->second;
      }
      return -1;
    }
    if (!ref.title.empty()) {
      auto it = last_by_title.find(ref.title);
      if (it != last_by_title.end()) {
        if (explain) *how = "the latest person titled '" + std::string(ref.title) + "'";
        return it->second;
      }
    }
    return -1;
  }

  // Updates the resolution state with the mentions of a finished sentence.
  // Updates the resolution state with the mentions [mb, me) of a finished
  // sentence.
  void NoteMentions(size_t mb, size_t me) {
    recent_persons_scratch.clear();
    for (size_t i = mb; i < me; ++i) {
      const int mi = static_cast<int>(i);
      const Mention& m = doc.mentions[i];
      const uint8_t k = mkind[i];
      if (k == kMkPerson) {
        recent_persons_scratch.push_back(mi);
        // Lower-cased in a reused buffer: most persons are looked up, not added.
        std::string& title = note_scratch;
        title.clear();
        if (m.rule.starts_with("title:")) {
          LowerInto(std::string_view(m.rule).substr(6), &title);
          if (!title.empty() && title.back() == '.') title.pop_back();
          if (!m.ref.empty()) title_of_ref[m.ref] = title;
        } else if (auto it = title_of_ref.find(m.ref); !m.ref.empty() && it != title_of_ref.end()) {
          title = it->second;
        }
        if (!title.empty()) {
          if (auto it = last_by_title.find(std::string_view(title)); it != last_by_title.end())
            it->second = mi;
          else
            last_by_title.emplace(title, mi);
        }
      } else if (k == kMkDocument) {
        last_document = mi;
      } else if (k == kMkOrganization || k == kMkOutlet || k == kMkActor) {
        // The words of a name are indexed once per entry (ref, else text);
        // later mentions only move the entry's latest mention.
        // Without a ref, the text lower-cased: a view into `lowered`, which
        // is LowerInto's transform of the whole text.
        const std::string_view key =
            m.ref.empty()
                ? std::string_view(lowered).substr(m.span.begin, m.span.end - m.span.begin)
                : std::string_view(m.ref);
        if (auto it = latest_by_entry.find(key); it != latest_by_entry.end()) {
          it->second = mi;
          continue;
        }
        const int* entry = &latest_by_entry.emplace(std::string(key), mi).first->second;
        pending_names.emplace_back(mi, entry);
      }
    }
    if (!recent_persons_scratch.empty()) recent_persons.swap(recent_persons_scratch);
  }
  std::string note_scratch;  // NoteMentions' lower-cased titles
  std::vector<int> recent_persons_scratch;  // NoteMentions' buffer

  void NoteSpeaker(int src, int si) {
    if (src < 0) return;
    last_speaker = src;
    last_speaker_sentence = si;
    const Mention& m = doc.mentions[src];
    if (!Eq(m.kind, "person") && !Eq(m.kind, "document")) last_group = src;
    if (Eq(m.kind, "document")) {
      last_document = src;
      last_document_spoke = si;
    }
  }

  // A new record of sentence si at the end of doc.voice, built in place
  // (a record pushed by move costs a move and a destruction of its strings).
  VoiceRecord& NewRecord(int si, Span span) {
    VoiceRecord& v = doc.voice.emplace_back();
    v.sentence = si;
    v.span = span;
    return v;
  }

  // Fills the new record v of clause c.
  void ToRecord(ClauseResult& c, int src, const std::string& how, VoiceRecord& v) const {
    v.kind = c.kind;
    v.source = src;
    if (src >= 0) v.source_kind = SourceKind(doc.mentions[src]);
    v.cue = c.cue;
    v.content = c.content;
    v.rule = c.rule;
    v.evidence = std::move(c.evidence);
    if (!how.empty() && explain) v.evidence.push_back("resolved: " + how);
  }

  std::vector<size_t> clause_starts;  // Voice's buffer for Clauses
  void Voice() {
    SentenceWalker walker = Walker();
    Sent s;
    size_t para = 0;
    // Block quote state.
    bool block = false;
    size_t block_para = 0;       // the paragraph being quoted now
    int block_source = -1;
    Span block_cue{};
    std::string block_rule;
    int block_intro = -1;        // index of the intro record in doc.voice
    bool prev_para_colon = false;
    clause_source_of.assign(doc.mentions.size(), -1);
    ComputeMentionKinds();
    // One record per sentence, most of them, and one per clause in some:
    // room for a quarter more, so that doc.voice is hardly ever moved; and
    // as much for the claims (at most one a record).
    doc.voice.reserve(doc.sentences.size() + doc.sentences.size() / 4);
    doc.claims.reserve(doc.voice.capacity());
    size_t men = 0, quo = 0;
    const std::string_view text(doc.text);
    for (int si = 0; si < static_cast<int>(doc.sentences.size()); ++si) {
      const size_t first_record = doc.voice.size();
      const Span sp = doc.sentences[si];
      // The sentence's tokens, mentions and quotations, and whether anything
      // in it can make it other than the author's plain assertion.
      const size_t tok = sent_info[si].tb, t1 = sent_info[si].te;
      const uint8_t bits = sent_info[si].bits;
      const bool qmark = sent_info[si].qmark;
      while (men < doc.mentions.size() && doc.mentions[men].span.end <= sp.begin) ++men;
      size_t m1 = men;
      while (m1 < doc.mentions.size() && doc.mentions[m1].span.begin < sp.end) ++m1;
      while (quo < quotes.size() && quotes[quo].span.end <= sp.begin) ++quo;
      const bool has_quote = quo < quotes.size() && quotes[quo].span.begin < sp.end;
      while (para + 1 < doc.paragraphs.size() && doc.paragraphs[para].end <= sp.begin) ++para;
      const bool para_start = doc.paragraphs.empty() || doc.paragraphs[para].begin == sp.begin ||
                              (si == 0);
      const bool para_end = doc.paragraphs.empty() || doc.paragraphs[para].end <= sp.end;
      if (block && para != block_para && para_start) {
        // Does the quotation go on? Ellipsis, bracket, lower case, a list
        // item, or the previous quoted paragraph ended with a colon.
        std::string_view first =
            t1 > tok ? text.substr(doc.tokens[tok].span.begin,
                                   doc.tokens[tok].span.end - doc.tokens[tok].span.begin)
                     : std::string_view();
        const bool goes_on =
            para == block_para + 1 &&
            (prev_para_colon || Eq(first, "\xE2\x80\xA6") || Eq(first, "...") || Eq(first, "[") ||
             Eq(first, "-") || Eq(first, "\xE2\x80\xA2") || Eq(first, "*") || IsLowerWord(first));
        if (goes_on) {
          block_para = para;
        } else {
          block = false;
        }
      }
      if (t1 == tok) {
        VoiceRecord& v = NewRecord(si, sp);
        v.kind = "author";
        v.rule = "no words";
        continue;  // no claims without words
      }
      const bool in_block = block && para == block_para;
      const Plainness plain = in_block || qmark || has_quote      ? Plainness::kOther
                              : !(bits & (kBitAnyCue | kBitHedge)) ? Plainness::kPlain
                                                                   : PlainSentence(sent_info[si]);
      if (plain == Plainness::kPlain) {
        // Fast path: no cue, hedge, question mark or quotation: the author's.
        VoiceRecord& v = NewRecord(si, sp);
        v.kind = "author";
        v.rule = "no cue";
        NoteMentions(men, m1);
        if (bits & kBitClaim) {
          ClaimsOfTokens(sent_info[si], men, m1, first_record);
        } else {
          ClaimsOfMentions(tok, t1, men, m1, first_record);
        }
        continue;
      }
      walker.Build(si, sent_info[si].tb, sent_info[si].te, &s);
      if (block && para == block_para) {
        VoiceRecord& v = NewRecord(si, sp);
        v.kind = "quoted";
        v.source = block_source;
        if (block_source >= 0) v.source_kind = SourceKind(doc.mentions[block_source]);
        v.cue = block_cue;
        v.content = sp;
        v.rule = "block quote: " + block_rule;
        if (explain) v.evidence.push_back("paragraph quoted after the cue ending in ':'");
        if (block_intro >= 0 && doc.voice[block_intro].content)
          doc.voice[block_intro].content->end = sp.end;
        prev_para_colon = para_end && doc.text[sp.end - 1] == ':';
        NoteMentions(men, m1);
        if (bits & kBitClaim) {
          ClaimsOf(s, first_record);
        } else {
          ClaimsOfMentions(tok, t1, men, m1, first_record);
        }
        continue;
      }
      std::vector<size_t>& starts = clause_starts;
      Clauses(s, &starts);
      if (plain == Plainness::kBreaksOnly) {
        // No cue, hedge, quotation or question mark in any clause: each is
        // the author's, with no evidence, and they make one record with
        // the first one's rule (AnalyzeClause's first test).
        VoiceRecord& v = NewRecord(si, sp);
        v.kind = "author";
        v.rule = Heading(s, 0, starts.size() > 1 ? starts[1] : s.w.size()) ? "heading" : "no cue";
      }
      for (size_t c = 0; c < starts.size() && plain != Plainness::kBreaksOnly; ++c) {
        const size_t cb = starts[c], ce = c + 1 < starts.size() ? starts[c + 1] : s.w.size();
        ClauseResult r = AnalyzeClause(s, cb, ce);
        Span span{c == 0 ? sp.begin : s.toks[cb].span.begin,
                  c + 1 < starts.size() ? s.toks[ce - 1].span.end : sp.end};
        std::string how;
        int src = r.has_ref ? Resolve(r.ref, s, &how) : -1;
        if (Eq(r.kind, "quoted") && !r.has_ref) {
          src = QuoteSpeaker(s, cb, ce, si, &how);
          if (src >= 0 && explain) r.evidence.push_back("speaker of the quotation");
        }
        VoiceRecord& v = NewRecord(si, span);
        ToRecord(r, src, how, v);
        // A cue with a colon at the end of a paragraph opens a block quote.
        if (r.intro_colon && para_end && c + 1 == starts.size() &&
            para + 1 < doc.paragraphs.size() && r.cue) {
          block = true;
          block_para = para + 1;
          block_source = src;
          block_cue = *r.cue;
          block_rule = v.rule;
          prev_para_colon = false;
          if (Eq(v.kind, "author")) v.kind = "attributed";
          v.content = doc.paragraphs[para + 1];
          if (explain) v.evidence.push_back("opens a block quote");
          block_intro = static_cast<int>(doc.voice.size()) - 1;
        }
        if (src >= 0) {
          // The words inside the clause's span are its words [cb, ce): the
          // first clause's span starts at the sentence's (no word before
          // cb = 0), the others at word cb's; the last ends at the
          // sentence's end (no word after), the others at word ce - 1's.
          for (size_t k = cb; k < ce; ++k) {
            const int m = s.w[k].mention;
            if (m >= 0 && m != src) clause_source_of[m] = src;
          }
        }
        if (src >= 0 && (Eq(r.kind, "attributed") || Eq(r.kind, "quoted"))) NoteSpeaker(src, si);
      }
      // Clauses split only to tell voices apart: all the author's, one record.
      if (doc.voice.size() - first_record > 1) {
        bool all_author = true;
        for (size_t i = first_record; i < doc.voice.size() && all_author; ++i)
          all_author = Eq(doc.voice[i].kind, "author") && !doc.voice[i].cue;
        if (all_author) {
          VoiceRecord v = std::move(doc.voice[first_record]);
          for (size_t i = first_record + 1; i < doc.voice.size(); ++i)
            for (auto& e : doc.voice[i].evidence) v.evidence.push_back(std::move(e));
          v.span = sp;
          doc.voice.resize(first_record);
          doc.voice.push_back(std::move(v));
        }
      }
      NoteMentions(men, m1);
      // One record over the whole sentence (most) and no claim cue: its
      // mentions and word count are all ClaimsOf would read of its words.
      if (!(bits & kBitClaim) && doc.voice.size() - first_record == 1 &&
          doc.voice[first_record].span == sp) {
        if (!Eq(doc.voice[first_record].kind, "question"))
          ClaimsOfMentions(tok, t1, men, m1, first_record);
      } else {
        ClaimsOf(s, first_record);
      }
    }
  }

  // The speaker of a clause that is a quotation without a cue: the cue right
  // after the quotation's end in a later sentence of the same paragraph, else
  // the speaker of the last two sentences.
  int QuoteSpeaker(const Sent& s, size_t cb, size_t ce, int si, std::string* how) const {
    // The quotation covering the clause.
    int qi = -1;
    for (size_t k = cb; k < ce && qi < 0; ++k)
      if (InQuoteContent(s, k)) qi = s.w[k].quote;
    if (qi >= 0 && quotes[qi].span.end > s.span.end) {
      // It closes in a later sentence: a cue right after it there?
      const Quote& q = quotes[qi];
      size_t tail_end = std::min<size_t>(doc.text.size(), q.span.end + 80);
      // (Not past the paragraph's end: a quotation that closes a paragraph
      // is not spoken by the subject of the next one.)
      if (const size_t nl = doc.text.find('\n', q.span.end); nl < tail_end) tail_end = nl;
      const std::string_view tail = std::string_view(doc.text).substr(q.span.end, tail_end - q.span.end);
      auto toks = PhraseTokens(tail.substr(0, std::min<size_t>(tail.size(), 60)));
      std::vector<std::string_view> low(toks.begin(), toks.end());
      std::vector<char> lower(toks.size(), 1);
      bool cue = false;
      for (size_t k = 0; k < low.size() && k < 6 && !cue; ++k) {
        size_t len;
        const PhraseRow* row = va.cues_.Match(low, lower, k, low.size(), &len);
        cue = row && (row->code == kRowVerb || row->code == kRowVerbWeak);
        if (Eq(low[k], ".") || Eq(low[k], "?") || Eq(low[k], "!")) break;
      }
      if (cue && !low.empty() && (Eq(low[0], ",") || va.references_.count(low[0]))) {
        size_t at = Eq(low[0], ",") ? 1 : 0;
        auto it = at < low.size() ? va.references_.find(low[at]) : va.references_.end();
        if (it != va.references_.end()) {
          Ref r;
          r.refers = it->second;
          r.word = 0;
          std::string h;
          const int src = Resolve(r, s, &h);
          if (explain) *how = "pronoun after the quotation's end: " + h;
          return src;
        }
      }
      if (cue) {
        auto mi = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), q.span.end,
                                   [](const Mention& m, uint32_t at) { return m.span.begin < at; });
        for (; mi != doc.mentions.end() && mi->span.begin < tail_end; ++mi) {
          if (!EligibleSource(*mi)) continue;
          if (explain) *how = "the cue after the quotation's end";
          return static_cast<int>(mi - doc.mentions.begin());
        }
        for (const auto& w : low) {
          auto it = va.references_.find(w);
          if (it != va.references_.end() && Eq(it->second, "person") && !recent_persons.empty()) {
            if (explain) *how = "the pronoun after the quotation's end: the first person of the nearest sentence naming one";
            return recent_persons.front();
          }
        }
      }
    }
    if (last_speaker >= 0 && si - last_speaker_sentence <= 2) {
      if (explain) *how = "the speaker of the previous sentences";
      return last_speaker;
    }
    return -1;
  }

  // ---- pass 3 -------------------------------------------------------------

  // URLs in the text ("https://…", "www.…"): a link to the document
  // mentioned just before it in the sentence (a mention of that citation,
  // and its url), else a citation of its own (kind other).
  void Urls(const std::vector<int>& citation_of) {
    const std::string_view text(doc.text);
    size_t si = 0;
    // The next "http://" or "https://" at or after `from`, found by its
    // "://" (rare in prose) rather than by every "h" of the text.
    auto next_http = [&](size_t from) {
      for (size_t c = text.find("://", from + 4); c != std::string_view::npos;
           c = text.find("://", c + 1)) {
        if (c >= from + 5 && Eq(text.substr(c - 5, 5), "https")) return c - 5;
        if (Eq(text.substr(c - 4, 4), "http")) return c - 4;
      }
      return std::string_view::npos;
    };
    // Each candidate is searched for again only once passed: a search per
    // URL, not one per URL for each kind.
    size_t h = next_http(0), w = text.find("www.");
    for (size_t at = 0; at < text.size();) {
      if (h < at) h = next_http(at);
      if (w < at) w = text.find("www.", at);
      const size_t b = std::min(h, w);
      if (b == std::string_view::npos) break;
      at = b + 4;
      if (b > 0 && (std::isalnum(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '/'))
        continue;  // inside a word or another URL
      size_t e = b;
      while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e])) &&
             !std::strchr(")]>\"'", text[e]) && static_cast<unsigned char>(text[e]) != 0xE2)
        ++e;
      while (e > b && std::strchr(".,;:!?", text[e - 1])) --e;
      at = std::max(at, e);
      if (e - b < 8) continue;
      const Span url{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
      while (si < doc.sentences.size() && doc.sentences[si].end <= b) ++si;
      // The document mentioned last before it in its sentence, within 120 bytes.
      int ci = -1;
      auto mi = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), url.begin,
                                 [](const Mention& m, uint32_t p) { return m.span.begin < p; });
      for (int steps = 0; mi != doc.mentions.begin() && steps < 8 && ci < 0; ++steps) {
        --mi;
        if (mi->span.end + 120 < url.begin) break;
        if (si < doc.sentences.size() && mi->span.begin < doc.sentences[si].begin) break;
        if (Eq(mi->kind, "document")) ci = citation_of[mi - doc.mentions.begin()];
      }
      if (ci < 0) {
        Citation c;
        c.kind = "other";
        doc.citations.push_back(std::move(c));
        ci = static_cast<int>(doc.citations.size() - 1);
      }
      Citation& c = doc.citations[ci];
      // Inside a link mention already listed ("(full text: https://…)").
      if (c.mentions.empty() || c.mentions.back().begin > url.begin ||
          c.mentions.back().end < url.end)
        c.mentions.push_back(url);
      if (c.url.empty()) c.url = std::string(text.substr(b, e - b));
    }
  }

  // Two issuers are the same, or one is part of the other by its ref
  // ("org:UN" and "org:UN-SC").
  static bool SameIssuer(const Mention& a, const Mention& b) {
    if (a.ref.empty() || b.ref.empty()) return Lower(a.name.empty() ? a.kind : a.name) == Lower(b.name.empty() ? b.kind : b.name) && !a.name.empty();
    if (a.ref == b.ref) return true;
    const std::string& s = a.ref.size() < b.ref.size() ? a.ref : b.ref;
    const std::string& l = a.ref.size() < b.ref.size() ? b.ref : a.ref;
    return l.compare(0, s.size(), s) == 0 && l[s.size()] == '-';
  }
  void Citations() {
    std::unordered_map<std::string, int> latest_by_noun;  // noun -> citation index
    std::unordered_map<std::string, int> outlet_citation;  // outlet ref -> citation index
    std::vector<int> citation_of(doc.mentions.size(), -1);
    const std::string_view text(doc.text);
    // The text lower-cased (without `lowered`'s padding, so that substr
    // clamps as on the text): the words compared below are views into it.
    const std::string_view low_text(lowered.data(), doc.text.size());
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
      const Mention& m = doc.mentions[i];
      if (!Eq(m.kind, "document")) continue;
      const std::string noun = m.rule.substr(std::strlen("voice:document_nouns.tsv:"));
      const PhraseRow* row = nullptr;
      {
        auto toks = PhraseTokens(noun);
        std::vector<std::string_view> low(toks.begin(), toks.end());
        std::vector<char> lower(toks.size(), 1);
        size_t n;
        row = va.doc_nouns_.Match(low, lower, 0, low.size(), &n);
      }
      const std::string kind = row ? row->kind : "other";
      // Mentions right before it in the phrase: an issuer ("the DIA memo")
      // and a date ("a leaked 2012 … memo"); gaps of a space or "(…)".
      int prefix_issuer = -1, prefix_date = -1;
      size_t phrase_begin = m.span.begin;
      for (size_t j = i; j > 0 && i - j < 6; --j) {
        const Mention& c = doc.mentions[j - 1];
        if (c.sentence != m.sentence || c.span.end > phrase_begin) break;
        std::string_view gap = text.substr(c.span.end, phrase_begin - c.span.end);
        bool tight = gap.size() <= 3 && gap.find_first_not_of(" ()") == std::string_view::npos;
        if (!tight) break;
        if (Eq(c.kind, "date") && prefix_date < 0) prefix_date = static_cast<int>(j - 1);
        else if (EligibleSource(c) && !Eq(c.kind, "document") && prefix_issuer < 0 &&
                 !IsAnonymous(c))
          prefix_issuer = static_cast<int>(j - 1);
        else if (!Eq(c.kind, "date") && !Eq(c.kind, "place") &&
                 !(EligibleSource(c) && !Eq(c.kind, "document")))
          break;
        phrase_begin = c.span.begin;
      }
      // The determiner: the mention's first word, or the word before the phrase.
      std::string_view det;
      {
        std::string_view mt = text.substr(m.span.begin, m.span.end - m.span.begin);
        size_t sp = mt.find(' ');
        std::string_view first =
            low_text.substr(m.span.begin, sp == std::string_view::npos ? mt.size() : sp);
        if (IsDeterminer(first)) {
          det = first;
        } else {
          size_t e = phrase_begin;
          while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '(')) --e;
          size_t w = e;
          while (w > 0 && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
          // "a leaked 2012 memo": look past one lower-case modifier.
          std::string_view word = low_text.substr(w, e - w);
          if (!IsDeterminer(word) && w > 1) {
            size_t e2 = w - 1, w2 = e2;
            while (w2 > 0 && std::isalpha(static_cast<unsigned char>(text[w2 - 1]))) --w2;
            std::string_view word2 = low_text.substr(w2, e2 - w2);
            if (IsDeterminer(word2)) word = word2;
          }
          if (IsDeterminer(word)) det = word;
          // "the DoD Inspector General's report": a possessive is definite.
          std::string_view before = text.substr(0, e);
          if (det.empty() && (before.ends_with("'s") || before.ends_with("\xE2\x80\x99s")))
            det = "the";
        }
      }
      // "the report's executive summary" is part of the report.
      std::string key = Lower(noun);
      {
        std::string_view mt = low_text.substr(m.span.begin, m.span.end - m.span.begin);
        for (const char* pos : {"\xE2\x80\x99s ", "'s "}) {
          size_t at = mt.find(pos);
          if (at == std::string::npos) continue;
          size_t w = at;
          while (w > 0 && std::isalpha(static_cast<unsigned char>(mt[w - 1]))) --w;
          const std::string_view owner = mt.substr(w, at - w);
          if (va.doc_nouns_.Find(owner)) key = owner;
        }
      }
      // Issuer after the noun: "from X", "by X", "of X", "published by X";
      // "X's Y" means Y ("the UN Security Council's Sanctions Monitoring Team").
      int issuer = prefix_issuer;
      if (issuer < 0 && i + 1 < doc.mentions.size() && doc.mentions[i + 1].sentence == m.sentence) {
        const Mention& c = doc.mentions[i + 1];
        std::string_view between = low_text.substr(m.span.end, c.span.begin - m.span.end);
        static const char* const kLinks[] = {" by the ", " by ", " from the ", " from ", " of the ",
                                             " of ", " issued by the ", " issued by ",
                                             " published by the ", " published by ",
                                             " released by the ", " released by "};
        bool linked = false;
        for (const char* l : kLinks) linked = linked || between == l;
        // "(entire PDF version here) published by the …"
        if (!linked && between.size() < 60 && between.find(',') == std::string::npos &&
            (between.size() >= 14 && (between.compare(between.size() - 14, 14, " published by ") == 0)))
          linked = true;
        if (!linked && between.size() < 60 && between.find(',') == std::string::npos &&
            between.size() >= 18 && between.compare(between.size() - 18, 18, " published by the ") == 0)
          linked = true;
        if (linked && EligibleSource(c) && !Eq(c.kind, "document")) {
          issuer = static_cast<int>(i + 1);
          for (size_t j = i + 1; j + 1 < doc.mentions.size() && j < i + 6; ++j) {
            const Mention& x = doc.mentions[j];
            const Mention& y = doc.mentions[j + 1];
            if (y.sentence != m.sentence || !EligibleSource(y)) break;
            std::string_view gap = text.substr(x.span.end, y.span.begin - x.span.end);
            if (!Eq(gap, "\xE2\x80\x99s ") && !Eq(gap, "'s ")) break;
            issuer = static_cast<int>(j + 1);
          }
        }
      }
      // "its article": the latest organisation, outlet or person before it.
      if (issuer < 0 && (Eq(det, "its") || Eq(det, "their") || Eq(det, "his") || Eq(det, "her"))) {
        for (size_t j = i; j > 0 && j + 8 > i; --j) {
          const Mention& c = doc.mentions[j - 1];
          if (EligibleSource(c) && !Eq(c.kind, "document") && !IsAnonymous(c)) {
            issuer = static_cast<int>(j - 1);
            break;
          }
        }
      }
      const bool definite = !det.empty() && !IsIndefinite(det);
      int ci = -1;
      auto it = latest_by_noun.find(key);
      if (definite && it != latest_by_noun.end()) {
        Citation& prev = doc.citations[it->second];
        if (issuer < 0 || prev.issuer < 0 ||
            SameIssuer(doc.mentions[prev.issuer], doc.mentions[issuer]))
          ci = it->second;
      }
      if (ci < 0) {
        Citation c;
        c.kind = kind;
        doc.citations.push_back(std::move(c));
        ci = static_cast<int>(doc.citations.size() - 1);
      }
      Citation& c = doc.citations[ci];
      latest_by_noun[key] = ci;
      c.mentions.push_back(m.span);
      citation_of[i] = ci;
      if (c.issuer < 0 && issuer >= 0) c.issuer = issuer;
      if (c.issuer < 0 && clause_source_of[i] >= 0 &&
          !Eq(doc.mentions[clause_source_of[i]].kind, "document"))
        c.issuer = clause_source_of[i];
      // A date in or right after the phrase: "a 2012 memo", "report of 5 May 2018".
      if (c.date.empty()) {
        if (prefix_date >= 0 && doc.mentions[prefix_date].date)
          c.date = doc.mentions[prefix_date].date->value;
        // A year inside the phrase the dates layer left alone ("a leaked 2012 memo").
        // Also just before its issuer: "a leaked 2012 US Defense Intelligence
        // Agency (DIA) memo" (the words after the determiner).
        size_t from = m.span.begin;
        if (phrase_begin < m.span.begin) {
          const uint32_t sb = doc.sentences[m.sentence].begin;
          from = phrase_begin > sb + 16 ? phrase_begin - 16 : sb;
        }
        std::string_view mt = text.substr(from, m.span.end - from);
        for (size_t at = 0; c.date.empty() && at + 4 <= mt.size(); ++at) {
          const bool edge_l = at == 0 || !std::isalnum(static_cast<unsigned char>(mt[at - 1]));
          const bool edge_r = at + 4 == mt.size() || !std::isalnum(static_cast<unsigned char>(mt[at + 4]));
          if (edge_l && edge_r && (mt.compare(at, 2, "19") == 0 || mt.compare(at, 2, "20") == 0) &&
              std::isdigit(static_cast<unsigned char>(mt[at + 2])) &&
              std::isdigit(static_cast<unsigned char>(mt[at + 3])))
            c.date = std::string(mt.substr(at, 4));
        }
        for (size_t j = i + 1; c.date.empty() && j < doc.mentions.size() && j < i + 4 &&
                               doc.mentions[j].span.begin < m.span.end + 40; ++j)
          if (Eq(doc.mentions[j].kind, "date") && doc.mentions[j].date) {
            std::string_view between =
                low_text.substr(m.span.end, doc.mentions[j].span.begin - m.span.end);
            if (between.find("published") != std::string::npos ||
                between.find("dated") != std::string::npos ||
                between.find("issued") != std::string::npos ||
                between.find("released") != std::string::npos || Eq(between, " of ") ||
                Eq(between, " from ") || Eq(between, ", "))
              c.date = doc.mentions[j].date->value;
          }
      }
      // A title in quotation marks right after it ("an article titled “…”").
      for (auto qi = std::lower_bound(quotes.begin(), quotes.end(), m.span.end,
                                      [](const Quote& q, uint32_t at) { return q.span.begin < at; });
           qi != quotes.end(); ++qi) {
        const Quote& q = *qi;
        if (q.span.begin > m.span.end + 16) break;
        std::string_view between = low_text.substr(m.span.end, q.span.begin - m.span.end);
        if (Eq(between, " ") || Eq(between, ", ") || between.find("titled") != std::string::npos ||
            between.find("headlined") != std::string::npos ||
            between.find("called") != std::string::npos) {
          if (c.title.empty()) {
            c.title = SpanText(q.content);
            while (!c.title.empty() && std::strchr(",.;:", c.title.back())) c.title.pop_back();
          }
        }
        break;
      }
      // A link to it: "(entire PDF version here)" within the sentence after it.
      if (m.sentence >= 0 && static_cast<size_t>(m.sentence) < doc.sentences.size()) {
        const size_t se = std::min<size_t>(doc.sentences[m.sentence].end, m.span.end + 80);
        size_t open = text.substr(0, se).find('(', m.span.end);
        if (open != std::string_view::npos) {
          size_t close = text.find(')', open);
          if (close != std::string_view::npos && close < se) {
            std::string_view inside = low_text.substr(open, close + 1 - open);
            if (inside.find("here") != std::string::npos || inside.find("pdf") != std::string::npos ||
                inside.find("link") != std::string::npos || inside.find("http") != std::string::npos)
              c.mentions.push_back(Span{static_cast<uint32_t>(open), static_cast<uint32_t>(close + 1)});
          }
        }
      }
    }
    Urls(citation_of);
    // Outlets quoted as sources cite an article of theirs.
    for (const VoiceRecord& v : doc.voice) {
      if (v.source < 0 || Eq(v.kind, "author")) continue;
      const Mention& m = doc.mentions[v.source];
      if (!Eq(m.kind, "outlet")) continue;
      const std::string key = m.ref.empty() ? MentionText(v.source) : m.ref;
      int ci;
      if (auto f = outlet_citation.find(key); f != outlet_citation.end()) {
        ci = f->second;
      } else {
        ci = -1;
        for (size_t k = 0; k < doc.citations.size() && ci < 0; ++k) {
          const Citation& c = doc.citations[k];
          if (Eq(c.kind, "article") && c.issuer >= 0 && SameIssuer(doc.mentions[c.issuer], m))
            ci = static_cast<int>(k);
        }
        if (ci < 0) {
          Citation c;
          c.kind = "article";
          c.issuer = v.source;
          doc.citations.push_back(std::move(c));
          ci = static_cast<int>(doc.citations.size() - 1);
        }
        outlet_citation.emplace(key, ci);
      }
      Citation& c = doc.citations[ci];
      if (c.mentions.empty() || !(c.mentions.back() == m.span)) c.mentions.push_back(m.span);
    }
    // Statements without an explicit issuer: the speaker before them (the
    // walk over the mentions and records only if there is such a statement).
    if (std::any_of(doc.citations.begin(), doc.citations.end(), [](const Citation& c) {
          return c.issuer < 0 && Eq(c.kind, "statement");
        })) {
      int speaker = -1;
      size_t vi = 0;
      for (size_t i = 0; i < doc.mentions.size(); ++i) {
        while (vi < doc.voice.size() && doc.voice[vi].span.end <= doc.mentions[i].span.begin) {
          const int src = doc.voice[vi].source;
          if (src >= 0 && !Eq(doc.mentions[src].kind, "document")) speaker = src;
          ++vi;
        }
        const int ci = citation_of[i];
        if (ci >= 0 && doc.citations[ci].issuer < 0 && Eq(doc.citations[ci].kind, "statement"))
          doc.citations[ci].issuer = speaker;
      }
    }
    // Order by first mention; ids c1, c2, ...
    std::stable_sort(doc.citations.begin(), doc.citations.end(),
                     [](const Citation& a, const Citation& b) {
                       return a.mentions.front().begin < b.mentions.front().begin;
                     });
    for (size_t i = 0; i < doc.citations.size(); ++i) {
      std::sort(doc.citations[i].mentions.begin(), doc.citations[i].mentions.end(),
                [](const Span& a, const Span& b) { return a.begin < b.begin; });
      doc.citations[i].id = "c" + std::to_string(i + 1);
    }
  }

  // Adds mention `mi` to the slots of c; sets *casualty for a casualty count.
  void AddSlot(int mi, Claim* c, bool* casualty) const {
    switch (mkind[mi]) {
      case kMkQuantity: {
        c->quantities.push_back(mi);
        const auto& q = doc.mentions[mi].quantity;
        if (q && (Eq(q->role, "killed") || Eq(q->role, "injured") || Eq(q->role, "captured") ||
                  Eq(q->role, "displaced")))
          *casualty = true;
        break;
      }
      case kMkDate: c->dates.push_back(mi); break;
      case kMkPlace: c->places.push_back(mi); break;
      case kMkActor: case kMkOrganization: case kMkPerson: case kMkOutlet:
        c->actors.push_back(mi);
        break;
      default: break;
    }
  }

  // Whether the candidate has a slot (a claim needs one).
  static bool HasSlot(const Claim& c) {
    return !c.quantities.empty() || !c.dates.empty() || !c.places.empty() || !c.actors.empty();
  }

  // Scores c and keeps it if it is check-worthy (see schema.md): never
  // without a slot.
  void FinishClaim(Claim& c, const VoiceRecord& v, size_t words, bool casualty, double cue_event,
                   double cue_causal, double opinion) {
    if (words < 4) return;
    double score = 0;
    if (!c.quantities.empty()) score += casualty ? 0.5 : 0.4;
    if (!c.dates.empty()) score += 0.15;
    if (!c.places.empty()) score += 0.15;
    if (!c.actors.empty()) score += c.actors.size() > 1 ? 0.15 : 0.1;
    score += cue_event + cue_causal + opinion;
    if (Eq(v.kind, "hedged")) score *= 0.8;
    score = std::min(1.0, std::max(0.0, score));
    if (score < 0.4 || !HasSlot(c)) return;
    // The claim is built in place from the candidate's lists and the record.
    Claim& out = doc.claims.emplace_back();
    out.sentence = v.sentence;
    out.span = v.span;
    out.kind = !c.quantities.empty() ? "numeric"
               : cue_causal > 0      ? "causal"
               : cue_event > 0       ? "event"
               : Eq(v.kind, "quoted")  ? "quote"
                                     : "other";
    out.checkworthy = static_cast<double>(static_cast<int>(score * 100 + 0.5)) / 100;
    // (Copied only if not empty: a vector's copy assignment is a call.)
    if (!c.quantities.empty()) out.quantities = c.quantities;
    if (!c.dates.empty()) out.dates = c.dates;
    if (!c.places.empty()) out.places = c.places;
    if (!c.actors.empty()) out.actors = c.actors;
    out.voice = v.kind;
    out.source = v.source;
    out.evidence = c.evidence;
  }

  // A candidate claim, in a buffer reused across records: most
  // candidates are not check-worthy, and their slot lists then cost no
  // allocation. Only its lists and evidence are used (FinishClaim takes the
  // rest from the record).
  Claim scratch_claim;
  Claim& NewClaim() {
    Claim& c = scratch_claim;
    c.quantities.clear();
    c.dates.clear();
    c.places.clear();
    c.actors.clear();
    c.evidence.clear();
    return c;
  }

  // ClaimsOf for the one record of a fast-path sentence (`info`, no
  // quotation in it; its mentions [mb, me), as for ClaimsOfMentions), on the
  // document's tokens: the same words, mentions and claim cues, without
  // building a Sent.
  void ClaimsOfTokens(const SentInfo& info, size_t mb, size_t me, size_t first) {
    const size_t tb = info.tb, te = info.te;
    const VoiceRecord& v = doc.voice[first];
    Claim& c = NewClaim();
    double cue_event = 0, cue_causal = 0, opinion = 0;
    bool casualty = false;
    for (size_t i = mb; i < me; ++i) AddSlot(static_cast<int>(i), &c, &casualty);
    if (!HasSlot(c)) return;  // no claim: its words and cues are not looked at
    size_t words = 0;
    for (size_t t = tb; t < te; ++t)
      words += doc.tokens[t].kind == Token::Kind::kWord || doc.tokens[t].kind == Token::Kind::kNumber;
    // Claim cues start only at tokens with bits.
    for (uint32_t f = info.fb; f < info.fe; ++f) {
      const size_t t = flagged[f];
      if (!(token_bits[t] & kBitClaim)) continue;
      size_t len;
      if (const PhraseRow* row = va.claim_cues_.MatchFirst(
              token_first[t], [&](size_t k) { return TokenLow(tb + k); }, [&](size_t k) { return TokenLower(tb + k); },
              t - tb, te - tb, &len)) {
        if (row->code == kRowOpinion) opinion += row->weight;
        else if (row->code == kRowCausal) cue_causal = std::max(cue_causal, row->weight);
        else cue_event = std::max(cue_event, row->weight);
        if (explain) c.evidence.push_back("claim_cues.tsv:" + row->text + " (" + row->kind + ")");
      }
    }
    FinishClaim(c, v, words, casualty, cue_event, cue_causal, opinion);
  }

  // The claim of a sentence with one record over all of it and no claim
  // cue, from its mentions [mb, me) and tokens [tb, te), as ClaimsOf would
  // find it (the fast path: no words built; or without walking them).
  void ClaimsOfMentions(size_t tb, size_t te, size_t mb, size_t me, size_t first) {
    const VoiceRecord& v = doc.voice[first];
    Claim& c = NewClaim();
    bool casualty = false;
    for (size_t i = mb; i < me; ++i) AddSlot(static_cast<int>(i), &c, &casualty);
    if (!HasSlot(c)) return;  // no claim: its words are not counted
    size_t words = 0;
    for (size_t t = tb; t < te; ++t)
      words += doc.tokens[t].kind == Token::Kind::kWord || doc.tokens[t].kind == Token::Kind::kNumber;
    FinishClaim(c, v, words, casualty, 0, 0, 0);
  }

  // Claims of the records of sentence s from doc.voice[first] on.
  void ClaimsOf(const Sent& s, size_t first) {
    // The words and the record's bounds in locals: the stores into the
    // claim's slot lists may alias anything, and s.w's data and size and
    // the record's end would otherwise be loaded again for every word.
    const Word* const ws = s.w.data();
    const Token* const toks = s.toks;
    const size_t n = s.w.size();
    size_t wk = 0;
    for (size_t vi = first; vi < doc.voice.size(); ++vi) {
      const VoiceRecord& v = doc.voice[vi];
      if (Eq(v.kind, "question")) continue;
      const bool quoted = Eq(v.kind, "quoted");
      Claim& c = NewClaim();
      double cue_event = 0, cue_causal = 0, opinion = 0;
      bool casualty = false;
      size_t words = 0;
      int prev = -1;
      const uint32_t vb = v.span.begin, ve = v.span.end;
      // Records are in text order: start at the record's first word.
      while (wk < n && toks[wk].span.begin < vb) ++wk;
      for (size_t k = wk; k < n && toks[k].span.end <= ve; ++k) {
        const Word& w = ws[k];
        if (toks[k].kind == Token::Kind::kWord || toks[k].kind == Token::Kind::kNumber) ++words;
        if (w.mention >= 0 && w.mention != prev) {
          prev = w.mention;
          AddSlot(w.mention, &c, &casualty);
        }
        if (!(s.bits[k] & kBitClaim) || (!quoted && InQuoteContent(s, k))) continue;
        size_t len;
        if (const PhraseRow* row = M(va.claim_cues_, kBitClaim, s, k, n, &len)) {
          if (toks[k].span.end > ve) continue;
          if (row->code == kRowOpinion) opinion += row->weight;
          else if (row->code == kRowCausal) cue_causal = std::max(cue_causal, row->weight);
          else cue_event = std::max(cue_event, row->weight);
          if (explain) c.evidence.push_back("claim_cues.tsv:" + row->text + " (" + row->kind + ")");
        }
      }
      FinishClaim(c, v, words, casualty, cue_event, cue_causal, opinion);
    }
  }
};

void VoiceAnnotator::Apply(Document* doc) const {
  doc->voice.clear();
  doc->citations.clear();
  doc->claims.clear();
  if (doc->sentences.empty()) return;
  Impl impl(*this, *doc);
  impl.AddOwnMentions();
  impl.Voice();
  impl.Citations();
}

}  // namespace dossier
