// The events layer, one pass over the sentences and one over the events:
//
// 1. Fast path. A sentence with no entity mention yields no event (every
//    event needs a role from a mention), and one with no trigger word is not
//    looked at further (a filter on the words' keys rejects most of those
//    before any lookup). Triggers and cues are one table, so one lookup per
//    word token (after a length/first-byte mask) finds both.
// 2. Triggers. The longest form of event_patterns.tsv at each word outside
//    the entity mentions. A form that is both a verb and a noun ("attacks",
//    "bombing") is the noun after a determiner or possessive, the verb after
//    an auxiliary or "to", the noun before a preposition or punctuation, the
//    verb otherwise. `passive_only` rows ("wounded") need "be", a comma or
//    "and" before them; a verb form in -ed between an article and a noun
//    ("the besieged town", "the jailed opposition leader"), after a
//    preposition before a name ("from besieged government-held towns") or
//    after a verb trigger before a place ("struck occupied Crimea") is an
//    adjective, no trigger.
// 3. Roles, inside the trigger's clause (clause breaks of event_cues.tsv;
//    parentheses and ", which/who …," relative clauses are skipped):
//    - verb, active: actor = the nearest agent mention before it (subject),
//      or, right after "and", the subject of the verb before ("raided … and
//      detained"; its hypothetical modality carries over too),
//      target = the agent after it (object, across determiners, adjectives
//      and a count: "killed 83 Syrian soldiers"), a place there is the place;
//    - verb, passive ("were targeted by"; also a reduced relative with no
//      "be": "civilians killed in strikes", "shells fired by ISIS"):
//      target = subject, actor = by-phrase;
//    - noun: actor = an agent right before it ("Russian airstrikes", "the
//      US-led coalition airstrike", "ISIS's attack") or the subject of a
//      support verb before it ("the coalition carried out airstrikes") or a
//      by-phrase; a place right before it is the place ("the Raqqa offensive");
//    - prepositions (event_cues.tsv prep rows, then the row's PREP=ROLE
//      hints): a date mention after any preposition is the date, a place
//      mention after a place preposition the place, an agent after "by" the
//      actor and after "on/against/with/of" the target; "clashes between
//      X and Y" (a row's between=actor hint) makes X the actor, Y the target;
//    - a pronoun subject inside a gerund phrase opening the sentence is the
//      main clause's subject ("By keeping the land it occupies, Turkey …");
//      a verb after "to" whose noun phrase is a support verb's object takes
//      that verb's subject ("continued the fight to retake"); a mention
//      hyphenated to another trigger ("U.S.-occupied") is that trigger's
//      actor, not this one's subject or object;
//    - a phrase after a verb trigger of another type is that verb's: a
//      place anywhere after it ("sanctions on firms accused of selling
//      drones to Iran"), any role right after it ("a bombing blamed on
//      Daesh"); a preposition inside a name is none ("the Commission on
//      Human Rights"); a count before an agent after a preposition is
//      the agent's ("on two Chinese firms"); the phrase's mention comes
//      before the next preposition ("over its arms sales to Taiwan");
//    - a verb after "and" that shares the subject of the verb before it
//      shares its place too; a place opening the sentence before a comma
//      ("In Islamabad, …") is the place of every later event without one;
//    - fallbacks (weaker, named "clause"): the nearest date mention of the
//      clause; casualties: the nearest quantity with role killed / injured
//      in the clause, then in the sentence.
// 4. One event per clause and type: triggers of one PLOVER type in a clause
//    are one event ("were targeted by U.S. coalition airstrikes", "struck
//    …, killing 83") unless both are verbs with subjects of their own. The
//    most specific trigger names it (a mode, a noun, not a consequence);
//    roles are united. `refine` rows take the mode and codes of the first
//    instrument of the clause ("jets struck" -> aerial); `crowd=` rows the
//    codes of a riot when police face no armed force ("clashed with riot
//    police"); `pledge=` rows those of a promise when the actor is the
//    subject of a pledge verb ("pledged 40 million euros in aid").
// 5. Keep or drop: rows with needs=actor need an actor, needs=role a role
//    found by phrase structure; a not_before= word after the trigger
//    ("visited upon") or an info=none object ("released no pictures") drops
//    it; every event needs a specific role (an agent with a country, group
//    or entry, a place, a date or casualties): "war kills civilians" is no
//    event. (Codes: a row's people= hint gives it another row's codes when
//    people are its object, "captured three commanders": an arrest.)
// 6. Modality: negation within four words before the trigger ("did not
//    attack", "no airstrikes") or a clause negation before it ("denied that
//    its jets bombed"); conditional and future cues before it in the clause
//    ("could", "plans to", "threatened to"; "if" anywhere before it);
//    generic cues or a bare plural noun in a sentence with no date and no
//    count, unless an `occurred` cue follows it ("clashes broke out") or a
//    named subject and a past support verb precede it ("China imposed
//    sanctions"); a question mark. negated / hypothetical are set from these.
// 7. Voice: the voice record of the sentence that holds the trigger; an
//    attributed or quoted record counts only if the trigger is inside its
//    content (the reporting verb itself is the author's).
// 8. Same event: an event repeats an earlier one of the document (same_as)
//    when the type agrees, no role conflicts (actors, targets and places by
//    entry, dates by prefix, places also within 25 km) and at least one role
//    matches (the dead as the sum of their parts).
#include "annotate/events/events_annotator.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier {
using namespace std::literals;

namespace events_internal {

void LowerAscii(const char* src, size_t n, size_t readable, char* dst) {
  size_t i = 0;
#if defined(__SSE2__)
  // b + (0x80 - 'A') is below 0x80 + 26 as a signed byte exactly for A-Z.
  const __m128i shift = _mm_set1_epi8(static_cast<char>(0x80 - 'A'));
  const __m128i limit = _mm_set1_epi8(static_cast<char>(0x80 + 26));
  const __m128i bit = _mm_set1_epi8(0x20);
  for (; i < n && i + 16 <= readable; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, shift), limit);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), _mm_add_epi8(v, _mm_and_si128(upper, bit)));
  }
#endif
  for (; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(src[i]);
    dst[i] = static_cast<char>(c + ((static_cast<unsigned char>(c - 'A') < 26) << 5));
  }
}

std::vector<std::string> PhraseTokens(std::string_view phrase) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < phrase.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(phrase[i]);
    bool word = std::isalnum(c) || c >= 0x80;
    // An apostrophe between letters stays inside the word ("didn't").
    if (c == '\'' && !cur.empty() && i + 1 < phrase.size() &&
        std::isalpha(static_cast<unsigned char>(phrase[i + 1])))
      word = true;
    if (word) {
      cur.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
      if (!std::isspace(c)) out.push_back(std::string(1, static_cast<char>(c)));
    }
  }
  flush();
  return out;
}

Phrase* PhraseIndex::Add(Phrase p) {
  if (p.words.empty()) return nullptr;
  auto it = index_.find(std::string_view(p.words[0]));
  if (it == index_.end()) {
    it = index_.emplace(p.words[0], lists_.size()).first;
    lists_.emplace_back();
    firsts_.push_back(p.words[0]);
  }
  auto& list = lists_[it->second].phrases;
  for (const Phrase* q : list)
    if (q->words == p.words && q->kind == p.kind) return const_cast<Phrase*>(q);
  const std::string& w = p.words[0];
  len_mask_[static_cast<unsigned char>(w[0])] |= 1u << std::min<size_t>(w.size(), 31);
  phrases_.push_back(std::make_unique<Phrase>(std::move(p)));
  list.push_back(phrases_.back().get());
  return phrases_.back().get();
}

void PhraseIndex::Finish() {
  for (auto& list : lists_) {
    std::stable_sort(list.phrases.begin(), list.phrases.end(), [](const Phrase* a, const Phrase* b) {
      return a->words.size() > b->words.size();
    });
    list.kinds = list.single = 0;
    list.trigger = false;
    for (const Phrase* p : list.phrases) {
      list.kinds |= p->kind;
      if (p->words.size() == 1) list.single |= p->kind;
      list.trigger = list.trigger || p->kind == 0;
    }
  }
  size_t cap = 16;
  while (cap < firsts_.size() * 4) cap *= 2;
  slots_.assign(cap, Slot());
  mask_ = cap - 1;
  for (size_t l = 0; l < firsts_.size(); ++l) {
    const std::string& w = firsts_[l];
    const uint64_t key = ShortKey(w);
    uint64_t i = ShortKeyHash(key, w.size()) & mask_;
    while (slots_[i].len != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{key, static_cast<uint32_t>(w.size()), static_cast<uint32_t>(l)};
    if (lists_[l].trigger) {
      const uint64_t b = TriggerBit(key, w.size());
      trigger_filter_[b >> 6] |= 1ull << (b & 63);
    }
  }
}

PhraseIndex::Finder PhraseIndex::finder() const {
  Finder f;
  f.slots_ = slots_.data();
  f.trigger_filter_ = trigger_filter_;
  f.mask_ = mask_;
  f.len_mask_ = len_mask_;
  f.firsts_ = firsts_.data();
  f.lists_ = lists_.data();
  return f;
}

}  // namespace events_internal

namespace {
using namespace events_internal;

// Cue kinds of event_cues.tsv (and instruments), one bit each.
enum : uint32_t {
  kCuePrep = 1u << 0,
  kCueNeg = 1u << 1,
  kCueNegClause = 1u << 2,
  kCueCond = 1u << 3,
  kCueFuture = 1u << 4,
  kCueGeneric = 1u << 5,
  kCueSupport = 1u << 6,
  kCueAux = 1u << 7,
  kCueBe = 1u << 8,
  kCueRel = 1u << 9,
  kCueBreak = 1u << 10,
  kCueDet = 1u << 11,
  kCuePoss = 1u << 12,
  kCueInstr = 1u << 13,
  kCuePronoun = 1u << 14,
  kCueInfinitive = 1u << 15,
  kCueImplicative = 1u << 16,
  kCueCompound = 1u << 17,
  kCueObjStop = 1u << 18,
  kCueHint = 1u << 19,  // a preposition some row's PREP=ROLE hints name
  kCueAdverb = 1u << 20,
  kCueInfo = 1u << 21,
  kCueOccurred = 1u << 22,
  kCueSubord = 1u << 23,
  kCuePledge = 1u << 24,
  kCueHalt = 1u << 25,
  kCuePast = 1u << 26,
  kCueAlly = 1u << 27,
  kCueMeasure = 1u << 28,
};

uint32_t CueKind(std::string_view k) {
  static const std::pair<const char*, uint32_t> kKinds[] = {
      {"prep", kCuePrep},       {"negation", kCueNeg},   {"negation_clause", kCueNegClause},
      {"conditional", kCueCond}, {"future", kCueFuture}, {"generic", kCueGeneric},
      {"support", kCueSupport}, {"aux", kCueAux},        {"be", kCueBe},
      {"relative", kCueRel},    {"break", kCueBreak},    {"det", kCueDet},
      {"possessive", kCuePoss}, {"pronoun", kCuePronoun}, {"infinitive", kCueInfinitive},
      {"implicative", kCueImplicative}, {"compound", kCueCompound}, {"objstop", kCueObjStop},
      {"adverb", kCueAdverb}, {"info", kCueInfo}, {"occurred", kCueOccurred},
      {"subordinate", kCueSubord}, {"pledge", kCuePledge}, {"halt", kCueHalt}, {"past", kCuePast},
      {"ally", kCueAlly}, {"measure", kCueMeasure}};
  for (const auto& [name, bit] : kKinds)
    if (k == name) return bit;
  return 0;
}

// The how of a target after "with" in a row with the `party` hint (one
// pointer, compared by address).
constexpr const char* kHowParty = "with: the other side";

Role ParseRole(std::string_view r) {
  if (r == "actor") return Role::kActor;
  if (r == "target") return Role::kTarget;
  if (r == "place") return Role::kPlace;
  if (r == "date") return Role::kDate;
  if (r == "holder") return Role::kHolder;
  return Role::kNone;
}

const char* RoleName(Role r) {
  switch (r) {
    case Role::kActor: return "actor";
    case Role::kTarget: return "target";
    case Role::kPlace: return "place";
    case Role::kDate: return "date";
    case Role::kHolder: return "holder";
    case Role::kNone: break;
  }
  return "none";
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t e = s.find(sep, start);
    if (e == std::string_view::npos) e = s.size();
    std::string_view part = s.substr(start, e - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.push_back(part);
    start = e + 1;
  }
  return out;
}

// s == lit, for a literal: GCC keeps string_view's operator== an out-of-line
// call, a memcmp of a constant length is a load or two inline.
template <size_t N>
bool Eq(std::string_view s, const char (&lit)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

// Indices into EventRecord::how.
enum RoleSlot { kSlotActor = 0, kSlotTarget, kSlotPlace, kSlotDate, kSlotDead, kSlotInjured };

}  // namespace

// ---------------------------------------------------------------------------

EventsAnnotator::EventsAnnotator(const Lexicon& lexicon) {
  const Table& pt = lexicon.table("event_patterns");
  const int c_pattern = pt.Column("pattern"), c_forms = pt.Column("forms"),
            c_pos = pt.Column("pos"), c_plover = pt.Column("plover"), c_mode = pt.Column("mode"),
            c_cameo = pt.Column("cameo"), c_acled = pt.Column("acled"),
            c_sub = pt.Column("acled_sub"), c_roles = pt.Column("roles");
  if (c_pattern >= 0 && c_forms >= 0 && c_pos >= 0 && c_plover >= 0) {
    auto col = [](const std::vector<std::string>& r, int c) -> std::string {
      return c >= 0 && static_cast<size_t>(c) < r.size() ? r[c] : std::string();
    };
    for (const auto& r : pt.rows) {
      PatternRow row;
      row.key = r[c_pattern];
      row.noun = r[c_pos] == "noun";
      if (!row.noun && r[c_pos] != "verb") continue;
      row.plover = r[c_plover];
      if (row.plover.empty()) continue;
      row.assault = row.plover == "ASSAULT";
      row.reject = row.plover == "REJECT";
      row.mode = col(r, c_mode);
      row.cameo = col(r, c_cameo);
      row.acled = col(r, c_acled);
      row.acled_sub = col(r, c_sub);
      const std::string roles = col(r, c_roles);  // Split's views point into it
      for (std::string_view hint : Split(roles, ';')) {
        const size_t eq = hint.find('=');
        const std::string_view name = hint.substr(0, eq);
        const std::string_view value =
            eq == std::string_view::npos ? std::string_view() : hint.substr(eq + 1);
        const size_t bar = value.find('|');
        auto first = [&] { return std::string(value.substr(0, bar)); };
        auto second = [&] {
          return bar == std::string_view::npos ? std::string() : std::string(value.substr(bar + 1));
        };
        if (name == "refine") row.refine = true;
        else if (name == "consequence") row.consequence = true;
        else if (name == "passive_only") row.passive_only = true;
        else if (name == "obj" && value == "none") row.obj_none = true;
        else if (name == "obj" && value == "instrument") row.obj_instrument = true;
        else if (name == "obj" && value == "absent") row.obj_absent = true;
        else if (name == "needs" && value == "target") row.needs_target = true;
        else if (name == "needs" && value == "infinitive") row.needs_infinitive = true;
        else if (name == "needs" && value == "victim") row.needs_victim = true;
        else if (name == "country" && value == "none") row.no_country_target = true;
        else if (name == "info" && value == "none") row.no_info_object = true;
        else if (name == "content" && value == "report") row.content = true;
        else if (name == "party") row.party = true;
        else if (name == "people") row.people_key = std::string(value);
        else if (name == "crowd") row.crowd_key = std::string(value);
        else if (name == "pledge") row.pledge_key = std::string(value);
        else if (name == "halt") row.halt_key = std::string(value);
        else if (name == "passive_before")
          for (std::string_view v : Split(value, '|')) row.passive_before.emplace_back(v);
        else if (name == "not_before")
          for (std::string_view v : Split(value, '|')) row.not_before.emplace_back(v);
        else if (name == "needs")
          row.needs = value == "actor" ? 1 : value == "role" ? 2 : value == "crowd" ? 3 : 0;
        else if (name == "civilians") row.civ_acled = first(), row.civ_sub = second();
        else if (name == "state") row.state_acled = first(), row.state_sub = second();
        else if (name == "nonstate") row.nonstate_acled = first(), row.nonstate_sub = second();
        else if (ParseRole(value) != Role::kNone) row.preps.emplace_back(std::string(name), ParseRole(value));
      }
      for (const auto& [word, role] : row.preps) {
        Phrase p;
        p.words = PhraseTokens(word);
        p.kind = kCueHint;
        phrases_.Add(std::move(p));
      }
      const int index = static_cast<int>(rows_.size());
      const bool noun = row.noun;
      rows_.push_back(std::move(row));
      for (std::string_view form : Split(r[c_forms], ',')) {
        Phrase p;
        p.words = PhraseTokens(form);
        if (p.words.empty()) continue;
        Phrase* have = phrases_.Add(std::move(p));
        if (!have) continue;
        // A form in two rows of the same part of speech: the first row wins.
        if (noun && have->noun < 0) have->noun = index;
        if (!noun && have->verb < 0) have->verb = index;
      }
    }
  }

  const Table& ct = lexicon.table("event_cues");
  const int c_phrase = ct.Column("phrase"), c_kind = ct.Column("kind"), c_role = ct.Column("role");
  if (c_phrase >= 0 && c_kind >= 0) {
    for (size_t i = 0; i < ct.rows.size(); ++i) {
      const auto& r = ct.rows[i];
      const uint32_t kind = CueKind(r[c_kind]);
      if (kind == 0) continue;
      Phrase p;
      p.words = PhraseTokens(r[c_phrase]);
      p.kind = kind;
      p.row = static_cast<int>(i);
      if (c_role >= 0) p.role = ParseRole(r[c_role]);
      p.wide = c_role >= 0 && r[c_role] == "clause";
      if (kind == kCuePrep && p.role == Role::kNone) continue;
      phrases_.Add(std::move(p));
    }
  }
  const Table& it = lexicon.table("event_instruments");
  const int i_phrase = it.Column("phrase"), i_mode = it.Column("mode"),
            i_cameo = it.Column("cameo"), i_acled = it.Column("acled"),
            i_sub = it.Column("acled_sub");
  if (i_phrase >= 0 && i_mode >= 0 && i_cameo >= 0 && i_acled >= 0 && i_sub >= 0) {
    for (const auto& r : it.rows) {
      Phrase p;
      p.words = PhraseTokens(r[i_phrase]);
      p.kind = kCueInstr;
      p.row = static_cast<int>(instruments_.size());
      if (p.words.empty()) continue;
      instruments_.push_back({r[i_phrase], r[i_mode], r[i_cameo], r[i_acled], r[i_sub]});
      phrases_.Add(std::move(p));
    }
  }
  const Table& ut = lexicon.table("quantity_units");
  const int u_unit = ut.Column("unit"), u_kind = ut.Column("kind");
  if (u_unit >= 0 && u_kind >= 0)
    for (const auto& r : ut.rows)
      if ((r[u_kind] == "currency" || r[u_kind] == "measure") &&
          std::find(amount_units_.begin(), amount_units_.end(), r[u_unit]) == amount_units_.end())
        amount_units_.push_back(r[u_unit]);
  // people=, crowd=, pledge= and halt= hints name another row by its key.
  auto row_of = [&](const std::string& key) {
    for (size_t i = 0; i < rows_.size(); ++i)
      if (!key.empty() && rows_[i].key == key) return static_cast<int>(i);
    return -1;
  };
  for (PatternRow& r : rows_) {
    r.people_row = row_of(r.people_key);
    r.crowd_row = row_of(r.crowd_key);
    r.pledge_row = row_of(r.pledge_key);
    r.halt_row = row_of(r.halt_key);
  }
  phrases_.Finish();
}

// ---------------------------------------------------------------------------

struct EventsAnnotator::Impl {
  const EventsAnnotator& ea;
  Document& doc;
  const bool explain;

  // Mention classes, computed once per document on first need.
  enum MentionClass : uint8_t { kMcOther, kMcAgent, kMcPlace, kMcCountry, kMcDate, kMcQuantity };
  std::vector<uint8_t> mclass;
  // A quantity's casualty role, so that the role strings are compared once.
  enum CasualtyRole : uint8_t { kCasNone, kCasKilled, kCasInjured };
  std::vector<uint8_t> mcasualty;

  // The words of the current sentence.
  // (32 bytes: the inner loops index it often.)
  struct W {
    Span span;
    const PhraseIndex::List* list = nullptr;  // the phrases starting here
    int mention = -1;  // index into doc.mentions covering it
    uint32_t cues = 0; // kCue* bits of the cue phrases starting here
    Token::Kind kind = Token::Kind::kWord;
    bool skip = false; // inside parentheses or a relative clause
  };
  int si = -1;
  Span sent;
  std::vector<W> w;
  std::string low;
  std::vector<std::string_view> lv;
  // The words (in order) where a trigger form may start: word tokens whose
  // list holds one. FindTriggers reads only these.
  std::vector<int> trigger_at;

  // A trigger found in the sentence, with its roles.
  struct Cand {
    int k0 = 0, k1 = 0;  // trigger words [k0, k1)
    int row = -1;
    bool passive = false;
    int cs = 0, ce = 0;  // clause words [cs, ce)
    EventRecord ev;
    bool subject_actor = false;  // actor found as the verb's own subject
    int coordinated = -1;        // that subject is this cand's, the verb before "and"
    bool structural = false;     // a role found by phrase structure (not a fallback)
    bool bare_plural = false;
    bool dropped = false;
    bool participle = false;     // ", killing 83": the main clause's subject is its own
    std::string_view pronoun;  // the subject was this pronoun ("it")
    bool pronoun_own = false;  // … naming an agent of its own sentence
    bool cataphora = false;    // … in an opening gerund phrase: the main clause's subject
    bool info_object = false;  // the object (or passive subject) is an info noun ("pictures")
    int ally = -1;  // the partner after "backed by" that LeftAgent passed over (Keep)
    bool people_object = false;  // the target is people taken as the object (PeopleHead)
    int holder = -1;  // "positions held by X": X, the target if no other is found
    bool plain_head = false;     // a reduced relative after a plain noun ("shells fired by"): no subject
    // When the trigger itself is inside parentheses or a relative clause
    // (", where the army shelled the town,"), the words [rs, re) of that
    // region are its own clause, not an aside to skip.
    int rs = 0, re = 0;
    int content_of = -1;  // the content=report cand whose complement names it
    bool pledged = false;  // the actor is the subject of a pledge verb ("pledged … in aid")
    bool halted = false;   // a halt verb stands before it ("suspended military aid")
  };
  std::vector<Cand> cands;
  std::vector<int> preps_at;  // words starting a prep cue or a row hint's word
  // Triggers read per sentence; more in one sentence is not prose.
  static constexpr size_t kMaxTriggers = 64;
  bool sentence_has_date = false, sentence_has_count = false;
  // "In Islamabad, supporters marched …": the place of a locative phrase
  // opening the sentence before a comma, and that comma's word; -1 if none.
  int opening_place = -1, opening_comma = -1;
  uint32_t sentence_cues = 0;  // the kCue* bits of its words, or'ed

  Impl(const EventsAnnotator& a, Document& d) : ea(a), doc(d), explain(d.explain) {}

  std::string_view Text(Span s) const {
    return std::string_view(doc.text).substr(s.begin, s.end - s.begin);
  }
  std::string MentionLabel(int m) const {
    // Ids are assigned after the layer, in this order (link/merge.h).
    return "m" + std::to_string(m + 1) + " \"" + std::string(Text(doc.mentions[m].span)) + "\"";
  }
  void Note(Cand& c, std::string line) const {
    if (explain) c.ev.evidence.push_back(std::move(line));
  }

  void ClassifyMentions() {
    if (!mclass.empty() || doc.mentions.empty()) return;
    mclass.resize(doc.mentions.size());
    mcasualty.assign(doc.mentions.size(), kCasNone);
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
      const Mention& m = doc.mentions[i];
      const std::string_view k = m.kind;
      uint8_t c = kMcOther;
      // One test of the first letter, then one comparison.
      switch (k.empty() ? '\0' : k[0]) {
        case 'a': c = Eq(k, "actor") ? kMcAgent : kMcOther; break;
        case 'o': c = Eq(k, "organization") ? kMcAgent : kMcOther; break;
        case 'p':
          if (Eq(k, "person")) c = kMcAgent;
          else if (Eq(k, "place")) {
            c = (m.geo && Eq(m.geo->feature, "country")) ? kMcCountry : kMcPlace;
            // A place before "-based" or "-born" is part of a modifier
            // ("the Britain-based monitor"): no actor, target or place of an
            // event. ("Russia-led", "Iran-backed" still name an actor.)
            const std::string_view after = std::string_view(doc.text).substr(m.span.end);
            if (after.starts_with("-based") || after.starts_with("-born")) c = kMcOther;
          }
          break;
        case 'd': c = Eq(k, "date") && m.date ? kMcDate : kMcOther; break;
        case 'q': c = Eq(k, "quantity") && m.quantity ? kMcQuantity : kMcOther; break;
        default: break;
      }
      mclass[i] = c;
      if (c == kMcQuantity)
        mcasualty[i] = Eq(m.quantity->role, "killed")    ? kCasKilled
                       : Eq(m.quantity->role, "injured") ? kCasInjured
                                                         : kCasNone;
    }
  }
  bool IsAgent(int m) const { return m >= 0 && (mclass[m] == kMcAgent || mclass[m] == kMcCountry); }
  bool IsPlace(int m) const { return m >= 0 && (mclass[m] == kMcPlace || mclass[m] == kMcCountry); }
  bool IsDate(int m) const { return m >= 0 && mclass[m] == kMcDate; }
  bool Casualty(int m, CasualtyRole role) const { return m >= 0 && mcasualty[m] == role; }
  // An agent that names someone: a country, a named group or an entry.
  bool Specific(int m) const {
    if (m < 0) return false;
    const Mention& x = doc.mentions[m];
    if (!x.ref.empty()) return true;
    return x.actor && (!x.actor->country.empty() || !x.actor->group.empty());
  }

  // ---- the sentence's words ------------------------------------------------
  // The longest cue phrase of kind `bit` at word k, or nullptr; *n its length.
  // Most words start no cue of the kind asked: that test is inline, the
  // walk of the list is not.
  // True if a `holder` preposition ("held by", "under the control of") ends
  // right before word f.
  bool AfterHolder(int f) const {
    for (int start = f - 2; start >= 0 && start >= f - 4; --start) {
      size_t n = 0;
      const Phrase* p = CueAt(start, kCuePrep, f, &n);
      if (p && p->role == Role::kHolder && start + static_cast<int>(n) == f) return true;
    }
    return false;
  }
  const Phrase* CueAt(size_t k, uint32_t bit, size_t end, size_t* n) const {
    if (k >= w.size() || !(w[k].cues & bit)) return nullptr;
    return LongestCue(k, bit, end, n);
  }
  const Phrase* LongestCue(size_t k, uint32_t bit, size_t end, size_t* n) const {
    for (const Phrase* p : w[k].list->phrases) {
      if (!(p->kind & bit) || k + p->words.size() > end) continue;
      bool ok = true;
      for (size_t j = 1; ok && j < p->words.size(); ++j) ok = lv[k + j] == p->words[j];
      if (ok) {
        *n = p->words.size();
        return p;
      }
    }
    return nullptr;
  }
  // The first word of a cue of kind `bits` (up to four words) that ends at
  // word j and starts at or after word `from`, or -1.
  int CueEndingAt(int j, uint32_t bits, int from) const {
    for (int s = std::max(from, j - 3); s <= j; ++s) {
      if (!(w[s].cues & bits)) continue;
      for (const Phrase* p : w[s].list->phrases) {
        if (!(p->kind & bits) || static_cast<int>(p->words.size()) != j - s + 1) continue;
        bool ok = true;
        for (size_t q = 1; ok && q < p->words.size(); ++q) ok = lv[s + q] == p->words[q];
        if (ok) return s;
      }
    }
    return -1;
  }
  // Inline: most calls end at the word's cue bits.
  [[gnu::always_inline]] bool Has(size_t k, uint32_t bit) const {
    return k < w.size() && (w[k].cues & bit) && HasCue(k, bit);
  }
  // Has, past the test of the word's cue bits.
  [[gnu::noinline]] bool HasCue(size_t k, uint32_t bit) const {
    // A one-word cue of the kind fits wherever its word is.
    if (w[k].list->single & bit) return true;
    size_t n;
    return LongestCue(k, bit, w.size(), &n) != nullptr;
  }

  // The table of the sentence's words. False, with the mentions of the
  // words not read, when no word can start a trigger form: the sentence has
  // no event (FindTriggers would find none).
  bool BuildSentence(size_t tok, size_t men) {
    // Local copies of the document's arrays: stores into `w` could alias
    // them, so the compiler would reload them on every word.
    const Token* const toks = doc.tokens.data();
    const size_t nt = doc.tokens.size();
    const uint32_t sent_end = sent.end;
    const size_t n = static_cast<size_t>(
        PartitionPointNear(toks + tok, toks + nt, sent.end - sent.begin,
                           [sent_end](const Token& t) { return t.span.end <= sent_end; }) -
        (toks + tok));
    // One lower-cased copy of the sentence, copied and folded in one pass;
    // each word's lower-case form is a view into it. The padding lets the
    // phrase lookup read eight bytes from any word's start. The buffer
    // only grows (no fill per sentence): its size is not the sentence's.
    const size_t len = sent.end - sent.begin;
    if (low.size() < len + 16 + PhraseIndex::kPadding) low.resize(len + 16 + PhraseIndex::kPadding);
    LowerAscii(doc.text.data() + sent.begin, len, doc.text.size() - sent.begin, low.data());
    std::memset(low.data() + len, 0, PhraseIndex::kPadding);
    const char* const lows = low.data();
    const uint32_t base = sent.begin;
    const PhraseIndex::Finder phrases = ea.phrases_.finder();
    // A third of the words are in sentences with no trigger word: a filter
    // on the words up to the first that may be one says so for most of them
    // before the table is built.
    size_t first = 0;
    for (; first < n; ++first) {
      const Token& tk = toks[tok + first];
      if (tk.kind == Token::Kind::kWord &&
          phrases.MayStartTrigger({lows + (tk.span.begin - base), tk.span.end - tk.span.begin}))
        break;
    }
    if (first == n) return false;
    w.resize(n);
    lv.resize(n);
    // Local copies again (GCC lets any pointer store alias any pointer).
    W* const wd = w.data();
    std::string_view* const lvd = lv.data();
    trigger_at.clear();
    // `skip` is set by MarkSkips, `mention` below: only sentences with a
    // trigger read them.
    for (size_t i = 0; i < n; ++i) {
      const Token& tk = toks[tok + i];
      W& x = wd[i];
      x.span = tk.span;
      x.kind = tk.kind;
      const std::string_view lw(lows + (tk.span.begin - base), tk.span.end - tk.span.begin);
      const auto* list = phrases.FindPadded(lw);
      x.list = list;
      x.cues = list ? list->kinds : 0;
      if (list && list->trigger && tk.kind == Token::Kind::kWord)
        trigger_at.push_back(static_cast<int>(i));
      // "n't" is part of its word ("didn't"): a negation all the same.
      if (lw.size() > 3 && lw.ends_with("n't"sv)) x.cues |= kCueNeg;
      lvd[i] = lw;
    }
    if (trigger_at.empty()) return false;
    // The mention of each word: the first one (from `men`, in order) not
    // ending before the word, if it overlaps it. One mention at a time: the
    // words up to its end look at it alone.
    const Mention* const ms = doc.mentions.data();
    const size_t nm = doc.mentions.size();
    size_t i = 0;
    for (size_t m = men; m < nm && i < n; ++m) {
      const Span ms_span = ms[m].span;
      for (; i < n && wd[i].span.begin < ms_span.end; ++i)
        wd[i].mention = ms_span.begin < wd[i].span.end ? static_cast<int>(m) : -1;
    }
    for (; i < n; ++i) wd[i].mention = -1;
    return true;
  }

  // At most kClauseReach words on each side: a run-on "sentence" of a
  // megabyte costs the same per trigger as a normal one.
  static constexpr int kClauseReach = 40;
  void ClauseOf(int k0, int k1, int* cs, int* ce) const {
    int s = k0;
    while (s > 0 && k0 - s < kClauseReach && !(w[s - 1].cues & kCueBreak)) --s;
    int e = k1;
    while (e < static_cast<int>(w.size()) && e - k1 < kClauseReach && !(w[e].cues & kCueBreak)) ++e;
    // ", but": the comma belongs to the break.
    if (e > k1 && e < static_cast<int>(w.size()) && Eq(lv[e - 1], ",")) --e;
    *cs = s;
    *ce = e;
  }

  // Marks words inside parentheses and ", which/who …," relative clauses.
  void MarkSkips() {
    // Most sentences have no parenthesis: two byte scans (vectorised)
    // spare the test of every word.
    const size_t len = sent.end - sent.begin;
    if (std::memchr(low.data(), '(', len) == nullptr && std::memchr(low.data(), ')', len) == nullptr) {
      for (W& x : w) x.skip = false;
    } else {
      int depth = 0;
      for (size_t k = 0; k < w.size(); ++k) {
        w[k].skip = false;
        if (Eq(lv[k], "(")) {
          ++depth;
          w[k].skip = true;
          continue;
        }
        if (Eq(lv[k], ")")) {
          w[k].skip = true;
          if (depth > 0) --depth;
          continue;
        }
        w[k].skip = depth > 0;
      }
    }
    for (size_t k = 0; k + 1 < w.size(); ++k) {
      // The relative word's cue bit first: most words have none.
      if (!(w[k + 1].cues & kCueRel) || !Eq(lv[k], ",") || Eq(lv[k + 1], "that")) continue;
      size_t e = k + 1;
      while (e < w.size() && !Eq(lv[e], ",") && !(w[e].cues & kCueBreak)) ++e;
      if (e >= w.size() || !Eq(lv[e], ",")) continue;  // no closing comma: not skipped
      for (size_t j = k; j <= e; ++j) w[j].skip = true;
      k = e - 1;
    }
  }

  // The first word of each reported content that follows its cue in this
  // sentence ("with regime media saying | one person had been killed"): a
  // subject search from inside it stops there, the source is no role. A
  // state or armed source may speak of its own forces ("the Russian Defence
  // Ministry denied its warplanes carried out strikes"): for an active verb
  // its search goes on (`state` below).
  struct ReportStart {
    int word;
    bool state;  // the source is a country or has a GOV or MIL sector
  };
  size_t report_cursor = 0;
  std::vector<ReportStart> report_starts;
  bool StateSource(int m) const {
    return mclass[m] == kMcCountry || HasSector(m, "GOV") || HasSector(m, "MIL");
  }
  void ReportStarts() {
    report_starts.clear();
    const auto& vs = doc.voice;
    while (report_cursor < vs.size() && vs[report_cursor].sentence < si) ++report_cursor;
    for (size_t i = report_cursor; i < vs.size() && vs[i].sentence == si; ++i) {
      const VoiceRecord& v = vs[i];
      if (!v.cue || !v.content || v.content->begin < v.cue->end) continue;
      int k = 0;
      while (k < static_cast<int>(w.size()) && w[k].span.begin < v.content->begin) ++k;
      // ("claimed to have executed": the source is the infinitive's subject.)
      if (k > 0 && k < static_cast<int>(w.size()) && !Eq(lv[k], "to"))
        report_starts.push_back({k, v.source >= 0 && StateSource(v.source)});
    }
  }

  // True if word j is in an aside (parentheses, relative clause) that is
  // not the trigger's own.
  bool Skipped(const Cand& c, int j) const { return w[j].skip && (j < c.rs || j >= c.re); }

  // The mention heading the noun phrase that starts at word j ("the SDF",
  // "their fighters"): the first mention in [j, end) past determiners and
  // possessives, or -1 if another word or an aside comes first.
  int PhraseHead(const Cand& c, int j, int end) const {
    for (; j < end; ++j) {
      if (Skipped(c, j)) return -1;
      if (w[j].mention >= 0) return w[j].mention;
      if (!Has(j, kCueDet) && !Has(j, kCuePoss)) return -1;
    }
    return -1;
  }

  // ---- triggers -------------------------------------------------------------
  void FindTriggers() {
    cands.clear();
    const int n = static_cast<int>(w.size());
    int next = 0;  // the word after the last trigger found
    for (const int k : trigger_at) {
      if (k < next) continue;
      // Words of a mention name an entity, not an event ("Strike Force").
      if (w[k].mention >= 0 && mclass[w[k].mention] != kMcQuantity) continue;
      for (const Phrase* p : w[k].list->phrases) {
        if (p->kind != 0 || k + static_cast<int>(p->words.size()) > n) continue;
        bool ok = true;
        for (size_t j = 1; ok && j < p->words.size(); ++j)
          ok = lv[k + j] == p->words[j] &&
               (w[k + j].mention < 0 || mclass[w[k + j].mention] == kMcQuantity);
        if (!ok) continue;
        const int k1 = k + static_cast<int>(p->words.size());
        const int row = ChooseRow(*p, k, k1);
        if (row >= 0 && cands.size() < kMaxTriggers) {
          Cand& c = cands.emplace_back();
          c.k0 = k;
          c.k1 = k1;
          c.row = row;
          next = k1;
        }
        break;
      }
    }
  }

  // Noun or verb reading of a form (file comment, step 2); -1 if none fits.
  int ChooseRow(const Phrase& p, int k0, int k1) const {
    const int n = static_cast<int>(w.size());
    const int prev = k0 - 1;
    const bool prev_det = prev >= 0 && (Has(prev, kCueDet) || Has(prev, kCuePoss) ||
                                        (lv[prev].size() > 2 && lv[prev].substr(lv[prev].size() - 2) == "'s"sv));
    const bool prev_verbal = prev >= 0 && (Has(prev, kCueBe) || Has(prev, kCueAux) ||
                                           (w[prev].cues & kCueNeg) || Eq(lv[prev], "to") ||
                                           Has(prev, kCueCond) || Has(prev, kCueFuture));
    int row = -1;
    if (p.noun >= 0 && p.verb >= 0) {
      if (prev_det) row = p.noun;
      else if (prev_verbal) row = p.verb;
      else if (k1 >= n || w[k1].kind == Token::Kind::kPunct || Has(k1, kCuePrep)) row = p.noun;
      // "shelling had killed": a subject before an auxiliary is a noun.
      else if (Has(k1, kCueAux) || Has(k1, kCueBe)) row = p.noun;
      else row = p.verb;
    } else {
      row = p.noun >= 0 ? p.noun : p.verb;
    }
    if (row < 0) return -1;
    const PatternRow& r = ea.rows_[row];
    // "fighting capacity", "attack helicopters": a modifier, not an event.
    if (r.noun && k1 < n && Has(k1, kCueCompound)) return -1;
    // "the detained leaders", "its occupied land", "the occupied West Bank",
    // "in occupied Crimea": a participle between an article, a possessive or
    // a preposition and its noun or place is an adjective, no event.
    // "the jailed opposition leader", "from besieged government-held
    // towns": an agent may follow too. "drones struck occupied Crimea":
    // right after a verb trigger and before a place it is the place's
    // adjective.
    const bool article = prev >= 0 && (Eq(lv[prev], "the") || Eq(lv[prev], "a") ||
                                       Eq(lv[prev], "an") || Has(prev, kCuePoss));
    const bool after_verb = !cands.empty() && cands.back().k1 == k0 && !ea.rows_[cands.back().row].noun;
    if (!r.noun && prev >= 0 && k1 < n && w[k1].kind == Token::Kind::kWord &&
        (w[k1].mention < 0 || IsPlace(w[k1].mention) || IsAgent(w[k1].mention)) &&
        (article || (after_verb && IsPlace(w[k1].mention)) ||
         (Has(prev, kCuePrep) && (IsPlace(w[k1].mention) || IsAgent(w[k1].mention)))) &&
        lv[k1 - 1].size() > 2 && lv[k1 - 1].substr(lv[k1 - 1].size() - 2) == "ed"sv &&
        (w[k1].mention >= 0 || !(w[k1].cues & (kCuePrep | kCueBreak | kCueRel | kCueAux | kCueBe))))
      return -1;
    if (!r.noun && r.passive_only) {
      if (prev < 0) return -1;
      if (!(Has(prev, kCueBe) || Eq(lv[prev], ",") || Eq(lv[prev], "and") ||
            (w[prev].mention >= 0 && mclass[w[prev].mention] == kMcQuantity)))
        return -1;
    }
    return row;
  }

  // ---- roles ----------------------------------------------------------------
  void Set(Cand& c, RoleSlot slot, int m, const char* how) {
    int* field[] = {&c.ev.actor, &c.ev.target, &c.ev.place, &c.ev.date, &c.ev.dead, &c.ev.injured};
    static const char* const kNames[] = {"actor", "target", "place", "date", "dead", "injured"};
    if (*field[slot] >= 0 || m < 0) return;
    *field[slot] = m;
    c.ev.how[slot] = how;
    if (explain) Note(c, std::string(kNames[slot]) + ": " + MentionLabel(m) + " (" + how + ")");
  }
  bool Used(const Cand& c, int m) const {
    return m == c.ev.actor || m == c.ev.target || m == c.ev.place || m == c.ev.date ||
           m == c.ev.dead || m == c.ev.injured;
  }

  // For a verb after "to" whose noun phrase before it is the object of a
  // support verb of event_cues.tsv ("have continued the fight to retake",
  // "launched a push to seize"): the word before the support verb and its
  // auxiliaries, where its subject ends; else -1.
  int SupportBeforeInfinitive(const Cand& c) const {
    const int to = c.k0 - 1;
    if (to - 2 < c.cs || !(w[to].cues & kCueInfinitive) || !Has(to, kCueInfinitive)) return -1;
    // The noun phrase: at most three plain words (no mention, punctuation
    // or preposition) before "to".
    for (int s = to - 2; s >= c.cs && s >= to - 5; --s) {
      const int np = s + 1;  // first word of the phrase if a support verb ends at s
      if (w[np].mention >= 0 || w[np].kind != Token::Kind::kWord || (w[np].cues & (kCuePrep | kCueBreak)))
        return -1;
      const int v = CueEndingAt(s, kCueSupport, std::max(c.cs, s - 3));
      if (v < 0) continue;
      int b = v - 1;
      while (b >= c.cs && Has(b, kCueAux)) --b;
      return b;
    }
    return -1;
  }

  // The word of the row's not_before= list that follows trigger c within
  // four words, before punctuation or a mention ("visited upon the region",
  // "visited destruction upon Raqqa", not "visited troops on the border"),
  // unless a date follows it ("visited on Monday"); or -1.
  int NotBefore(const Cand& c) const {
    const std::vector<std::string>& words = ea.rows_[c.row].not_before;
    if (words.empty()) return -1;
    const int n = static_cast<int>(w.size());
    for (int j = c.k1; j < n && j < c.k1 + 4; ++j) {
      if (w[j].kind == Token::Kind::kPunct || w[j].mention >= 0) return -1;
      if (std::find(words.begin(), words.end(), lv[j]) == words.end()) continue;
      if (j + 1 < n && IsDate(w[j + 1].mention)) return -1;
      return j;
    }
    return -1;
  }

  // True if an info noun of event_cues.tsv ("pictures", "details", "a
  // statement") heads verb c's object (within four words after it, before
  // any mention, preposition or punctuation: "released no pictures of …") or,
  // for a passive, its subject right before the auxiliaries ("no details
  // were released", "details of the captives were released").
  bool InfoObject(const Cand& c) const {
    const int n = static_cast<int>(w.size());
    auto info = [&](int j) { return (w[j].cues & kCueInfo) && Has(j, kCueInfo); };
    if (!c.passive) {
      for (int j = c.k1; j < n && j < c.k1 + 4; ++j) {
        if (w[j].mention >= 0 && mclass[w[j].mention] != kMcQuantity) return false;
        if (info(j)) return true;
        if (w[j].kind == Token::Kind::kPunct || (w[j].cues & (kCuePrep | kCueBreak))) return false;
      }
      return false;
    }
    int j = c.k0 - 1;
    while (j >= c.cs && (Has(j, kCueAux) || Has(j, kCueBe) || (w[j].cues & (kCueNeg | kCueAdverb)))) --j;
    if (j >= c.cs && w[j].mention < 0 && info(j)) return true;
    // "details of the ISIS captives were released": the head before "of".
    for (int k = j; k > c.cs && j - k < 6; --k) {
      if (w[k].kind == Token::Kind::kPunct || (w[k].cues & kCueBreak)) return false;
      if (Eq(lv[k], "of")) return w[k - 1].mention < 0 && info(k - 1);
    }
    return false;
  }

  // True if word g is a gerund opening a phrase after a preposition at the
  // start of the sentence or of a clause ("By attacking …", ", after
  // shelling …"): the gerund's subject is the main clause's.
  bool OpensGerundPhrase(int g) const {
    const std::string_view v = lv[g];
    const int p = g - 1;
    return p >= 0 && v.size() > 4 && v.substr(v.size() - 3) == "ing"sv &&
           (Eq(lv[p], "by") || Eq(lv[p], "after") || Eq(lv[p], "before") || Eq(lv[p], "while") ||
            Eq(lv[p], "without") || Eq(lv[p], "upon") || Eq(lv[p], "since")) &&
           (p == 0 || Eq(lv[p - 1], ",") || (w[p - 1].cues & kCueBreak));
  }

  // The head of the main clause's subject after the comma that closes a
  // phrase going on from word `from` ("…, the militants are"), or -1.
  int MainSubjectAfter(const Cand& c, int from) const {
    int j = from;
    const int n = static_cast<int>(w.size());
    while (j < n && j < from + 25 && !Eq(lv[j], ",") && !(w[j].cues & kCueBreak)) ++j;
    if (j >= n || !Eq(lv[j], ",")) return -1;
    return PhraseHead(c, j + 1, std::min(n, j + 4));
  }

  // A pronoun at word j inside a gerund phrase opening the sentence ("By
  // maintaining a pocket in the territory it occupies, the U.S. …") points
  // forward to the main clause's subject: that agent, or -1.
  int Cataphora(const Cand& c, int j) const {
    if (j < 2 || j > 25 || !OpensGerundPhrase(1)) return -1;
    for (int g = j - 1; g > 1; --g)
      if (Eq(lv[g], ",") || (w[g].cues & kCueBreak)) return -1;
    const int m = MainSubjectAfter(c, j + 1);
    return IsAgent(m) ? m : -1;
  }

  // A subject pronoun at word j: in a gerund phrase opening the sentence,
  // the main clause's subject (Cataphora); else the actor of the latest
  // event before it in this sentence, else of the document's latest event
  // if it is in the sentence before, else the first agent mention of the
  // sentence before j.
  int Pronoun(Cand& c, int j) {
    c.pronoun = lv[j];
    if (const int m = Cataphora(c, j); m >= 0) {
      c.cataphora = true;
      if (explain) Note(c, "pronoun \"" + std::string(lv[j]) + "\" in an opening gerund phrase -> the main clause's subject");
      return m;
    }
    for (auto it = cands.rbegin(); it != cands.rend(); ++it)
      if (&*it != &c && it->k0 < j && it->ev.actor >= 0 && !it->dropped) {
        if (explain) Note(c, "pronoun \"" + std::string(lv[j]) + "\" -> actor of \"" +
                                 std::string(Text(it->ev.trigger)) + "\"");
        return it->ev.actor;
      }
    // "The Pakistani army said it had killed 11 militants": a named
    // agent as the first mention of its own sentence is the referent, not
    // the actor of the event before.
    if (Eq(lv[j], "it") && j <= 16)
      for (int k = 0; k < j; ++k) {
        const int m = w[k].mention;
        if (m < 0) continue;
        if (IsAgent(m) && Specific(m) && !Used(c, m)) {
          if (explain) Note(c, "pronoun \"it\" -> the named agent opening its sentence");
          c.pronoun_own = true;
          return m;
        }
        break;
      }
    if (!doc.events.empty() && doc.events.back().sentence >= si - 1 && doc.events.back().actor >= 0) {
      if (explain) Note(c, "pronoun \"" + std::string(lv[j]) + "\" -> actor of the previous event");
      return doc.events.back().actor;
    }
    for (int k = std::max(0, j - kClauseReach); k < j; ++k)
      if (IsAgent(w[k].mention)) {
        if (explain) Note(c, "pronoun \"" + std::string(lv[j]) + "\" -> the sentence's first agent");
        return w[k].mention;
      }
    return -1;
  }

  // True if mention m, whose word j is, is joined by a hyphen to another
  // trigger of the sentence: the actor of that adjectival event, neither
  // subject nor object of c ("the U.S.-occupied town was shelled": the town
  // was, not the U.S.; "U.S.-occupied" read for "occupied" is its actor).
  bool HyphenModifier(const Cand& c, int m, int j) const {
    const int n = static_cast<int>(w.size());
    while (j + 1 < n && w[j + 1].mention == m) ++j;
    if (j + 2 >= n || !Eq(lv[j + 1], "-")) return false;
    for (const Cand& o : cands)
      if (&o != &c && o.k0 == j + 2) return true;
    return false;
  }

  // A participle right after the noun it describes, with no "be" (a
  // reduced relative clause): "civilians killed in strikes by the
  // coalition", "shells fired by terrorists", "the 26 civilians killed."
  // It is passive (the noun is the target, never the actor) when a
  // by-phrase naming an agent follows it or, for a kill/wound verb
  // (`consequence`), a preposition or the end of the sentence does: an
  // active kill has its object there ("rebels killed 20 soldiers"). A
  // plain word before it ("shells fired by", "those killed in") is the
  // head, so the verb has no subject mention (Cand::plain_head).
  bool ReducedRelative(const Cand& c, const PatternRow& r) const {
    if (c.k0 == 0) return false;
    // "were rounded up and executed by": a verb coordinated with a passive
    // one before it (read first) is passive too.
    if (c.k0 > 1 && (Eq(lv[c.k0 - 1], "and") || Eq(lv[c.k0 - 1], "or"))) {
      for (const Cand& o : cands)
        if (&o != &c && o.k1 == c.k0 - 1) return o.passive;
      return false;
    }
    const std::string_view last = lv[c.k1 - 1];
    const std::string_view lemma = std::string_view(r.key).substr(0, r.key.find(':'));
    if (last == lemma || last.back() == 's' || (last.size() > 3 && last.substr(last.size() - 3) == "ing"sv))
      return false;
    const int n = static_cast<int>(w.size());
    const int k = c.k1;
    // "three companies accused of supplying drones": the row's object comes
    // before "of", so the participle right before it has none: passive.
    if (k < n && std::find(r.passive_before.begin(), r.passive_before.end(), lv[k]) != r.passive_before.end())
      return true;
    if (k < n && Eq(lv[k], "by")) {
      for (int j = k + 1; j < n && j < k + 5; ++j) {
        if (w[j].mention >= 0) return IsAgent(w[j].mention);
        if (w[j].kind == Token::Kind::kPunct) return false;
      }
      return false;
    }
    if (!r.consequence || (w[c.k0 - 1].kind != Token::Kind::kWord && w[c.k0 - 1].mention < 0)) return false;
    // Right after a count and before punctuation, "and" or a preposition
    // ("another 150 wounded, the monitor said", "12 dead and 30 wounded",
    // "dozens killed with …") a kill/wound verb describes the counted
    // victims ("a dozen wounded children" is read as before).
    if (k >= n) return true;
    if (w[c.k0 - 1].mention >= 0 && mclass[w[c.k0 - 1].mention] == kMcQuantity &&
        (w[k].kind == Token::Kind::kPunct || Eq(lv[k], "and") || Eq(lv[k], "according") ||
         (w[k].mention < 0 && Has(k, kCuePrep))))
      return true;
    if (w[k].mention >= 0) return false;
    if (w[k].kind == Token::Kind::kPunct) return Eq(lv[k], ".") && k + 1 >= n;
    return Has(k, kCuePrep);
  }

  // "Russia and Turkey signed", "the Russian forces and the Syrian Arab
  // Army": the first conjunct of a coordinated subject (an article may
  // stand after "and"); *second the other one, or subj itself if alone.
  int FirstConjunct(int subj, int* second) const {
    int k = 0;
    while (k < static_cast<int>(w.size()) && w[k].mention != subj) ++k;
    int p = k - 1;
    if (p >= 2 && (Eq(lv[p], "the") || Eq(lv[p], "a") || Eq(lv[p], "an"))) --p;
    if (p >= 1 && Eq(lv[p], "and") && IsAgent(w[p - 1].mention) && w[p - 1].mention != subj) {
      *second = subj;
      return w[p - 1].mention;
    }
    return subj;
  }
  // For events with a counterpart (with=target: clashes, agreements, talks,
  // joint drills) the second conjunct of the subject is the target.
  void CoordinatedTarget(Cand& c, int second) {
    for (const auto& [word, role] : ea.rows_[c.row].preps)
      if (word == "with" && role == Role::kTarget) Set(c, kSlotTarget, second, "coordinated subject");
  }

  // "children were among those killed in …", "… among the 126 people
  // killed": the agent before "be among" is the reduced relative's target.
  void AmongTheVictims(Cand& c) {
    int j = c.k0 - 1;
    for (int steps = 0; j > c.cs && steps < 5; ++steps, --j) {
      const int m = w[j].mention;
      if (m >= 0 && mclass[m] == kMcQuantity) continue;
      if (m < 0 && (Eq(lv[j], "those") || Eq(lv[j], "the") || Eq(lv[j], "people") ||
                    Eq(lv[j], "persons") || Eq(lv[j], "dozens")))
        continue;
      break;
    }
    if (j < c.cs + 2 || !Eq(lv[j], "among") || !Has(j - 1, kCueBe)) return;
    const int m = w[j - 2].mention;
    if (IsAgent(m) && !Used(c, m)) {
      Set(c, kSlotTarget, m, "among the victims");
      c.structural = true;
    }
  }

  static bool IsLocativePrep(std::string_view v) {
    return Eq(v, "in") || Eq(v, "into") || Eq(v, "inside") || Eq(v, "across") ||
           Eq(v, "throughout") || Eq(v, "near") || Eq(v, "within") ||
           Eq(v, "outside") || Eq(v, "to") || Eq(v, "towards");
  }

  // The nearest agent mention before word `from` in [cs, from], skipping
  // parentheses and relative clauses; -1 if none. Rejected mentions are noted.
  int LeftAgent(Cand& c, int from, int cs, int limit = 30) {
    for (const ReportStart& r : report_starts)
      if (r.word <= from && r.word > cs && (c.passive || !r.state)) cs = r.word;
    int last = -1;
    for (int j = from; j >= cs && from - j < limit; --j) {
      if (Skipped(c, j)) continue;
      if (w[j].mention < 0 && (w[j].cues & kCuePronoun) && Has(j, kCuePronoun))
        return Pronoun(c, j);
      // "shelling had killed 280": the subject is another event noun.
      if (w[j].mention < 0 && StartsNounTrigger(j, c)) {
        if (explain) Note(c, "subject is the event noun \"" + std::string(lv[j]) + "\"");
        return -1;
      }
      if (w[j].mention < 0 && (w[j].cues & kCueRel) && Has(j, kCueRel)) {
        // "where/when …": the subject is inside the relative clause, not
        // before it; "which/who/that": its antecedent, right before it.
        if (Eq(lv[j], "where") || Eq(lv[j], "when")) return -1;
        for (int k = j - 1; k >= cs && k >= j - 3; --k)
          if (w[k].mention >= 0) return IsAgent(w[k].mention) && !Used(c, w[k].mention) ? w[k].mention : -1;
        return -1;
      }
      // "the group has mounted": an unnamed noun phrase is the subject.
      if (w[j].mention < 0 && j + 1 <= from && w[j + 1].mention < 0 &&
          w[j + 1].kind == Token::Kind::kWord && !(w[j + 1].cues & kCueDet) &&
          (Eq(lv[j], "the") || Eq(lv[j], "a") || Eq(lv[j], "an") || Eq(lv[j], "this") ||
           Eq(lv[j], "these") || Eq(lv[j], "those"))) {
        if (explain) Note(c, "subject is the unnamed \"" + std::string(lv[j]) + " " + std::string(lv[j + 1]) + "\"");
        return -1;
      }
      const int m = w[j].mention;
      if (m < 0 || m == last) continue;
      last = m;
      // "airstrikes on areas held by rebels killed ten": the holder of a
      // noun before it, no subject.
      {
        int f = j;
        while (f > 0 && w[f - 1].mention == m) --f;
        int g = f;
        while (g > 0 && (w[g - 1].cues & kCueDet) && Has(g - 1, kCueDet)) --g;
        if (AfterHolder(g)) {
          j = f;
          continue;
        }
      }
      // "ISIS could resurge in Syria and regain territory": a country after
      // a locative preposition is a place, never the subject.
      if (mclass[m] == kMcCountry) {
        int f = j;
        while (f > 0 && w[f - 1].mention == m) --f;
        if (f > 0 && IsLocativePrep(lv[f - 1])) {
          if (explain) Note(c, "subject candidate " + MentionLabel(m) + " rejected: a place after \"" +
                                   std::string(lv[f - 1]) + "\"");
          j = f;
          continue;
        }
      }
      if (IsAgent(m) && HyphenModifier(c, m, j)) {
        if (explain) Note(c, "subject candidate " + MentionLabel(m) + " rejected: actor of the hyphenated trigger after it");
        continue;
      }
      // "Iraqi troops backed by coalition aircraft retook": the backer
      // after "backed by" is not the subject, the phrase before it is.
      if (const int a = AllyCueBefore(c, m, j, cs); a >= 0) {
        if (explain) Note(c, "subject candidate " + MentionLabel(m) + " rejected: the partner after \"" +
                                 std::string(lv[a]) + "\"");
        if (c.ally < 0 && IsAgent(m)) c.ally = m;
        j = a;
        continue;
      }
      if (IsAgent(m) && AfterAccordingTo(m, j, cs)) {
        if (explain) Note(c, "subject candidate " + MentionLabel(m) + " rejected: the source after \"according to\"");
        continue;
      }
      if (IsAgent(m) && !Used(c, m)) return m;
      if (explain && mclass[m] != kMcQuantity)
        Note(c, "subject candidate " + MentionLabel(m) + " rejected: not an agent");
    }
    return -1;
  }

  // The first word of an ally cue ("backed by", "along with") that ends
  // right before mention m (its last word at j), determiners between, or -1.
  // Not for the modifier of c's trigger itself, which is its actor:
  // "backed by government shelling", "alongside the Israeli-occupied Golan".
  int AllyCueBefore(const Cand& c, int m, int j, int cs) const {
    if (!(sentence_cues & kCueAlly)) return -1;  // most sentences
    const bool modifies_trigger =
        (j == c.k0 - 1 && (ea.rows_[c.row].noun || lv[c.k0].ends_with("ing"sv))) ||
        (j == c.k0 - 2 && Eq(lv[c.k0 - 1], "-") && w[j].span.end == w[c.k0 - 1].span.begin &&
         w[c.k0 - 1].span.end == w[c.k0].span.begin);
    if (modifies_trigger) return -1;
    int f = j;
    while (f > cs && w[f - 1].mention == m) --f;
    int g = f - 1;
    while (g > cs && w[g].mention < 0 && Has(g, kCueDet)) --g;
    if (g <= cs || w[g].mention >= 0) return -1;
    return CueEndingAt(g, kCueAlly, cs);
  }

  // Mention m (its last word at j) is the source of "according to":
  // "according to the Syrian Observatory heavy bombardment has battered",
  // "according to medical sources at the Directorate of Health in Aleppo
  // six civilians died". Back from its first word over determiners, plain
  // words and the prepositions of a source's phrase, up to "according to".
  bool AfterAccordingTo(int m, int j, int cs) const {
    int f = j;
    while (f > cs && w[f - 1].mention == m) --f;
    // Right after "to", a determiner or a preposition: "according to report
    // ISIS has executed" (copy without commas) has its subject after the
    // source's phrase.
    if (f <= cs + 1) return false;
    const std::string_view before = lv[f - 1];
    if (!Eq(before, "to") && !Eq(before, "the") && !Eq(before, "a") && !Eq(before, "an") &&
        !Eq(before, "at") && !Eq(before, "in") && !Eq(before, "of") && !Eq(before, "from"))
      return false;
    for (int k = f - 1, steps = 0; k > cs && steps < 6; --k, ++steps) {
      if (Eq(lv[k], "to")) return Eq(lv[k - 1], "according");
      if (w[k].mention >= 0 || w[k].kind != Token::Kind::kWord) return false;
    }
    return false;
  }

  // Mentions right after word k1 up to the clause end: determiners,
  // adjectives and a count may stand before the object's head. Returns the
  // first agent or place mention; a casualty count on the way is set.
  int RightObject(Cand& c, int k1, int ce) {
    int last = -1;
    bool jumped = false;  // past an infinitive's verb
    for (int j = k1; j < ce && j < k1 + 8; ++j) {
      if (Skipped(c, j)) continue;
      const int m = w[j].mention;
      if (m >= 0) {
        if (m == last) continue;
        last = m;
        if (Casualty(m, kCasKilled)) { Set(c, kSlotDead, m, "object count"); continue; }
        if (Casualty(m, kCasInjured)) { Set(c, kSlotInjured, m, "object count"); continue; }
        if (mclass[m] == kMcQuantity) continue;
        // "shelled the U.S.-occupied town": a modifier, not the object.
        if (IsAgent(m) && HyphenModifier(c, m, j)) continue;
        if (IsAgent(m) || IsPlace(m)) return m;
        return -1;  // a date or other mention ends the object
      }
      if (w[j].kind == Token::Kind::kPunct && !Eq(lv[j], "-")) return -1;
      // "threatened to attack the SDF": the object of the infinitive.
      if (Eq(lv[j], "to")) {
        const Cand* inf = nullptr;
        for (const Cand& o : cands)
          if (o.k0 == j + 1) inf = &o;
        if (inf) {
          j = inf->k1 - 1;
          jumped = true;
          continue;
        }
      }
      // "attacked positions of the SDF", "killed five of the soldiers": the
      // head is an unnamed noun or a count, the one it belongs to is named
      // after "of".
      if (Eq(lv[j], "of") && j > k1 && j - k1 <= 3 && !jumped) {
        // Only a lower-case head: "Attack Aleppo The chairman of …" is a
        // headline running into the next sentence.
        for (int q = k1; q < j; ++q)
          if (const char ch = doc.text[w[q].span.begin]; ch >= 'A' && ch <= 'Z') return -1;
        const int mq = PhraseHead(c, j + 1, std::min(ce, j + 4));
        return (IsAgent(mq) || IsPlace(mq)) && !Used(c, mq) ? mq : -1;
      }
      if ((w[j].cues & (kCuePrep | kCueBreak | kCueRel)) ||
          ((w[j].cues & kCueObjStop) && Has(j, kCueObjStop))) {
        // "took control of" has its "of" in the form; other prepositions end it.
        return -1;
      }
    }
    return -1;
  }

  // True if another candidate of the sentence, a noun, covers word j.
  bool StartsNounTrigger(int j, const Cand& c) const {
    for (const Cand& o : cands)
      if (&o != &c && o.k0 <= j && j < o.k1 && ea.rows_[o.row].noun) return true;
    return false;
  }

  // True if another trigger of the sentence starts right after mention m
  // ("by an ISIS attack"; "in support of its ally Damascus targeting …"),
  // unless that trigger is a verb and m an agent ("sanctions on firms
  // accused of …", "the bombing carried out by the coalition targeted …":
  // the agent is still this event's) or a kill or wound ("fired rockets
  // on Damascus killing three").
  bool FollowedByTrigger(int m, const Cand& c) const {
    const uint32_t end = doc.mentions[m].span.end;
    const bool agent = mclass[m] == kMcAgent;
    for (const Cand& o : cands)
      if (&o != &c && (ea.rows_[o.row].noun || !(agent || ea.rows_[o.row].consequence)) &&
          o.k0 < static_cast<int>(w.size()) && w[o.k0].span.begin >= end &&
          w[o.k0].span.begin <= end + 1)
        return true;
    return false;
  }

  // The role a preposition gives; *hint: the row's own PREP=ROLE said so.
  Role PrepRole(const Cand& c, const Phrase& prep, size_t len, int k, bool* hint) const {
    const PatternRow& r = ea.rows_[c.row];
    if (len == 1)
      for (const auto& [word, role] : r.preps)
        if (lv[k] == word) return *hint = true, role;
    return prep.role;
  }

  // Prepositional phrases of the clause (file comment, step 3).
  void Preps(Cand& c) {
    const PatternRow& r = ea.rows_[c.row];
    int best_place = -1, best_place_dist = 1 << 30, best_date = -1, best_date_dist = 1 << 30;
    const char* place_how = nullptr;
    const char* date_how = nullptr;
    // Only prepositions matter: the sentence's list of them (prep cues and
    // words of row hints) spares a test of every word of the clause.
    int covered = -1;  // end of the last holder preposition ("held by")
    for (auto it = std::lower_bound(preps_at.begin(), preps_at.end(), c.cs);
         it != preps_at.end() && *it < c.ce; ++it) {
      const int k = *it;
      if (Skipped(c, k) || k == c.k0 || k < covered) continue;
      if (k > c.k0 && k < c.k1) continue;
      // "the Kenya National Commission on Human Rights": a word inside a
      // name ("east of the Euphrates" starts with its preposition).
      if (w[k].mention >= 0 && k > 0 && w[k - 1].mention == w[k].mention &&
          (mclass[w[k].mention] == kMcAgent || IsPlace(w[k].mention)))
        continue;
      size_t len = 0;
      const Phrase* prep = nullptr;
      // Row hints may name a preposition event_cues.tsv lacks ("between").
      Role role = Role::kNone;
      bool hint = false;
      if ((prep = CueAt(k, kCuePrep, c.ce, &len))) {
        role = PrepRole(c, *prep, len, k, &hint);
        // (The "by" of "held by" is no preposition of its own.)
        if (role == Role::kHolder) covered = k + static_cast<int>(len);
        // "struck positions held by ISIS": the holder is an assault's target.
        if (role == Role::kHolder && !r.assault) continue;
      } else {
        for (const auto& [word, rr] : r.preps)
          if (lv[k] == word) role = rr, len = 1, hint = true;
        if (role == Role::kNone) continue;
      }
      const bool after = k >= c.k1;
      // "a car bombing blamed on Daesh", "districts besieged by regime
      // forces": the phrase right after a verb trigger of another type is
      // that verb's.
      if (after && k > c.k1 && VerbBetween(c, k, k)) continue;
      // "to retake the town": an infinitive, not a preposition.
      bool verb_next = false;
      for (const Cand& o : cands) verb_next = verb_next || o.k0 == k + static_cast<int>(len);
      if (verb_next) continue;
      // The first mention within four words after the preposition; a count
      // of no casualty role before it is its head's ("on two Chinese firms").
      int m = -1, j_m = -1;
      for (int j = k + static_cast<int>(len); j < c.ce && j < k + static_cast<int>(len) + 5; ++j) {
        if (w[j].mention >= 0) {
          m = w[j].mention;
          j_m = j;
          if (mclass[m] == kMcQuantity && mcasualty[m] == kCasNone) {
            int q = j;
            while (q < c.ce && w[q].mention == m) ++q;
            if (q < c.ce && w[q].mention >= 0 && mclass[w[q].mention] == kMcAgent) m = w[q].mention, j_m = q;
          }
          break;
        }
        // (Another preposition starts another phrase: "over its arms sales
        // to Taiwan" names no place of the criticism.)
        if (w[j].kind == Token::Kind::kPunct || (w[j].cues & (kCuePrep | kCueHint | kCueBreak))) break;
      }
      if (m < 0 || Used(c, m)) continue;
      const int dist = after ? k - c.k1 : c.k0 - k;
      if (dist > 12) continue;  // too far to be this event's phrase
      // "by an ISIS attack": the agent names that other event's actor.
      if (after && FollowedByTrigger(m, c)) continue;
      // "on the terrorist-besieged town": the actor of that adjective.
      if (after && IsAgent(m) && HyphenModifier(c, m, j_m)) continue;
      if (IsDate(m)) {
        if (dist < best_date_dist) best_date = m, best_date_dist = dist, date_how = "preposition";
        continue;
      }
      if (mclass[m] == kMcQuantity) continue;
      if (IsAgent(m) && (role == Role::kActor || role == Role::kTarget || role == Role::kHolder)) {
        // Agents only after the trigger ("the attack by ISIS", "strikes on
        // the SDF"); "by" gives the actor only to a passive or a noun.
        if (!after) continue;
        if (role == Role::kActor && !(c.passive || r.noun)) continue;
        // "The attack was later confirmed by the UN": the by-phrase of
        // another (passive) verb.
        if (role == Role::kActor && r.noun) {
          bool be = false;
          for (int j = c.k1; j < k; ++j) be = be || Has(j, kCueBe);
          if (be) continue;
        }
        if (role == Role::kActor && Eq(lv[k], "between")) {
          // "clashes between ISIS and the SDF": the first party is the
          // actor, the second (after "and") the target; each within two
          // words ("the", "Kurdish YPG"), three after "the" ("the Shaitat
          // tribesmen"), else that party is unnamed. The preposition
          // follows the trigger closely ("clashes broke out between", not
          // "fighting in Aleppo divided between").
          if (k - c.k1 > 3) continue;
          int e = k + static_cast<int>(len);
          while (e < c.ce && w[e].mention != m) ++e;
          if (e > k + (Eq(lv[k + 1], "the") ? 3 : 2)) continue;
          Set(c, kSlotActor, m, "between");
          while (e < c.ce && w[e].mention == m) ++e;
          if (e + 1 < c.ce && Eq(lv[e], "and")) {
            for (int t = e + 1; t < c.ce && t <= e + 3; ++t) {
              if (w[t].kind == Token::Kind::kPunct) break;
              if (w[t].mention < 0) continue;
              if (IsAgent(w[t].mention) && !Used(c, w[t].mention)) Set(c, kSlotTarget, w[t].mention, "between");
              break;
            }
          }
        } else if (role == Role::kActor) {
          Set(c, kSlotActor, m, "by-phrase");
        } else if (role == Role::kHolder) {
          if (c.holder < 0) c.holder = m;
          continue;
        } else {
          Set(c, kSlotTarget, m, r.party && Eq(lv[k], "with") ? kHowParty : "prepositional object");
        }
        // (A country right after the row's own preposition, "aid to Sudan",
        // is its counterpart; an assault on a country, "the war on Syria",
        // may be rhetoric.)
        if (role == Role::kActor || mclass[m] == kMcAgent || (hint && dist <= 2 && !r.assault))
          c.structural = true;
        continue;
      }
      // Any preposition but "by" may bring the place ("in", "near", but
      // also "the western districts of Raqqa", "withdrew from Manbij").
      // "sanctions on firms accused of selling drones to Iran": a place after
      // a verb trigger of another type is that verb's.
      if (IsPlace(m) && role != Role::kActor && after && VerbBetween(c, k, -1)) continue;
      if (IsPlace(m) && role != Role::kActor) {
        const int pd = after ? dist : dist + 100;  // prefer places after the trigger
        if (pd < best_place_dist) best_place = m, best_place_dist = pd, place_how = "preposition";
        continue;
      }
      if (explain)
        Note(c, std::string("candidate ") + MentionLabel(m) + " after \"" + std::string(lv[k]) +
                    "\" rejected: not a " + RoleName(role));
    }
    if (best_place >= 0) {
      Set(c, kSlotPlace, best_place, place_how);
      c.structural = true;
    }
    if (best_date >= 0) Set(c, kSlotDate, best_date, date_how);
  }

  // True if a verb trigger of another PLOVER type than c (one of its own
  // type merges with it and shares the roles) stands between c and word k,
  // ending right before k if `end` is k. Not a verb coordinated with c
  // ("were rounded up and executed by": both passives take the by-phrase),
  // an adjective glued by a hyphen
  // ("terrorist-besieged") or a verb whose row wants no object and has one
  // ("the attack demonstrated the risks").
  bool VerbBetween(const Cand& c, int k, int end) const {
    for (const Cand& o : cands)
      if (o.k0 >= c.k1 && o.k1 <= k && (end < 0 || o.k1 == end) && !ea.rows_[o.row].noun &&
          ea.rows_[o.row].plover != ea.rows_[c.row].plover && !Eq(lv[o.k0 - 1], "-") &&
          !(o.k0 == c.k1 + 1 && !ea.rows_[c.row].noun && Eq(lv[c.k1], "and")) &&
          !(ea.rows_[o.row].obj_absent && ObjectFollows(o)))
        return true;
    return false;
  }

  // "In Islamabad, …": opening_place and opening_comma (see there).
  void OpeningPlace() {
    opening_place = opening_comma = -1;
    const int n = static_cast<int>(w.size());
    if (n < 4 || !IsLocativePrep(lv[0])) return;
    int j = 1;
    while (j < n && j < 4 && w[j].mention < 0 && Has(j, kCueDet)) ++j;
    if (j >= n || !IsPlace(w[j].mention)) return;
    const int m = w[j].mention;
    while (j < n && w[j].mention == m) ++j;
    if (j < n && Eq(lv[j], ",")) opening_place = m, opening_comma = j;
  }

  void Roles(Cand& c) {
    const PatternRow& r = ea.rows_[c.row];
    ClauseOf(c.k0, c.k1, &c.cs, &c.ce);
    c.rs = c.re = c.k0;
    if (w[c.k0].skip) {
      while (c.rs > 0 && w[c.rs - 1].skip) --c.rs;
      while (c.re < static_cast<int>(w.size()) && w[c.re].skip) ++c.re;
      // Nothing after a ", which …," aside is its trigger's (the words
      // before it hold the antecedent).
      if (InWhichAside(c)) c.ce = std::min(c.ce, c.re);
    }
    // Passive: a form of "be" before the participle (auxiliaries, adverbs
    // and a negation between: "were not captured", "were in fact captured").
    if (!r.noun) {
      int j = c.k0 - 1;
      while (j >= c.cs && !Has(j, kCueBe)) {
        // (An adverb in -ly: "is regularly bombarded".)
        if (Has(j, kCueAux) || (w[j].cues & kCueNeg) ||
            (lv[j].size() > 5 && lv[j].substr(lv[j].size() - 2) == "ly"sv && w[j].mention < 0)) {
          --j;
          continue;
        }
        // An adverb of one word or more ("in fact") ending at j; most
        // words before a verb are neither (no cue bit at j or before it).
        const int s = (w[j].cues & kCueAdverb) || (j > c.cs && (w[j - 1].cues & (kCueAux | kCueAdverb)))
                          ? CueEndingAt(j, kCueAux | kCueAdverb, c.cs)
                          : -1;
        if (s < 0) break;
        j = s - 1;
      }
      const std::string_view last = lv[c.k1 - 1];
      // (Not a mention: "IS has regularly targeted" is the group.)
      c.passive = j >= c.cs && Has(j, kCueBe) && w[j].mention < 0 &&
                  !(last.size() > 3 && last.substr(last.size() - 3) == "ing"sv);
      if (!c.passive && ReducedRelative(c, r)) {
        c.passive = true;
        // A count as the head ("70 wounded on Friday") names the victims.
        const int h = w[c.k0 - 1].mention;
        c.plain_head = (h < 0 && !Eq(lv[c.k0 - 1], "and") && !Eq(lv[c.k0 - 1], "or")) ||
                       (h >= 0 && mclass[h] == kMcQuantity);
      }
    }
    if (!r.noun && r.no_info_object) c.info_object = InfoObject(c);
    if (!r.noun) {
      // Participial consequence (", killing 83"): the subject is the main
      // clause's; the merge gives it, so no subject is read across the comma.
      const bool participle =
          c.k0 > 0 && (Eq(lv[c.k0 - 1], ",") ||
                       (c.k0 > 1 && Eq(lv[c.k0 - 1], "and") && Eq(lv[c.k0 - 2], ",")));
      // A gerund phrase opening the sentence ("By attacking patrols, the
      // militants are …", "After shelling the town, the army …"): its
      // subject is the main clause's, after the comma that closes the
      // phrase, never a mention before the preposition. (After the main
      // clause, "the army advanced after shelling the town", the subject
      // is on the left as usual.)
      const bool gerund = !participle && OpensGerundPhrase(c.k0);
      if (gerund) {
        const int m = MainSubjectAfter(c, c.k1);
        if (IsAgent(m) && !Used(c, m)) {
          Set(c, kSlotActor, m, "subject of the main clause (gerund)");
          c.structural = true;
        }
      }
      c.participle = participle;
      // "continued the fight to retake …": the infinitive's subject is the
      // support verb's (as for an event noun after one).
      const int support = participle || gerund || c.passive ? -1 : SupportBeforeInfinitive(c);
      if (support >= 0) {
        const int subj = LeftAgent(c, support, c.cs);
        if (subj >= 0) {
          Set(c, kSlotActor, subj, "subject of support verb");
          c.structural = true;
        }
      }
      // "police raided the offices of an opposition paper and detained nine
      // staff": a verb right after "and" shares the subject of the verb it
      // is coordinated with, not the nearest mention ("opposition").
      bool shared = false;
      if (!participle && !gerund && support < 0 && !c.plain_head && !c.passive &&
          c.k0 > c.cs + 1 && Eq(lv[c.k0 - 1], "and")) {
        for (const Cand* o = &c; o != cands.data();) {
          --o;
          if (o->k1 > c.k0 - 1 || o->k0 < c.cs) break;
          if (ea.rows_[o->row].noun) continue;
          if (o->subject_actor && !Used(c, o->ev.actor)) {
            Set(c, kSlotActor, o->ev.actor, "subject of the verb before \"and\"");
            c.subject_actor = c.structural = shared = true;
            c.coordinated = static_cast<int>(o - cands.data());
          }
          break;
        }
      }
      if (!participle && !gerund && support < 0 && !c.plain_head && !shared) {
        int subj = LeftAgent(c, c.k0 - 1, c.cs);
        // "Russia and Turkey signed": the first conjunct is the actor; for
        // events with a counterpart (with=target: clashes, agreements,
        // talks) the second is the target.
        int second = -1;
        if (subj >= 0 && !c.passive) subj = FirstConjunct(subj, &second);
        if (subj >= 0) {
          if (c.passive) {
            Set(c, kSlotTarget, subj, "passive subject");
            // ("it was seized": a pronoun "it" stands for a place.)
            if (r.people_row >= 0)
              c.people_object = c.pronoun.empty() ? PeopleHead(c, subj) : !Eq(c.pronoun, "it");
          }
          else if (c.cataphora) Set(c, kSlotActor, subj, "subject of the main clause (pronoun in a gerund phrase)");
          else Set(c, kSlotActor, subj, "subject"), c.subject_actor = true;
          c.structural = true;
        }
        if (second >= 0) CoordinatedTarget(c, second);
      }
      if (c.plain_head && c.ev.target < 0) AmongTheVictims(c);
      if (!r.obj_none && !c.passive) {
        const int obj = RightObject(c, c.k1, c.ce);
        if (obj >= 0) {
          if (IsPlace(obj) && mclass[obj] != kMcCountry) Set(c, kSlotPlace, obj, "object");
          else {
            Set(c, kSlotTarget, obj, "object");
            if (r.people_row >= 0) c.people_object = PeopleHead(c, obj);
          }
          c.structural = true;
        }
        if (c.ev.dead >= 0 || c.ev.injured >= 0) c.structural = true;
      }
    } else {
      // Modifiers before the noun: determiners, adjectives, a possessive.
      int j = c.k0 - 1;
      int last = -1;
      for (; j >= c.cs && j >= c.k0 - 8; --j) {
        if (Skipped(c, j)) break;
        const int m = w[j].mention;
        if (m >= 0) {
          if (m == last) continue;
          last = m;
          if (IsAgent(m) && c.ev.actor < 0) {
            Set(c, kSlotActor, m, "modifier");
            c.structural = true;
            continue;
          }
          if (IsPlace(m)) {
            Set(c, kSlotPlace, m, "modifier");
            c.structural = true;
            continue;
          }
          if (IsDate(m)) {
            Set(c, kSlotDate, m, "modifier");
            continue;
          }
          break;
        }
        if (Has(j, kCueDet) || Has(j, kCuePoss) || Eq(lv[j], "-")) continue;
        break;
      }
      const bool determiner = c.k0 > 0 && (Has(c.k0 - 1, kCueDet) || Has(c.k0 - 1, kCuePoss));
      const std::string_view tail = lv[c.k1 - 1];
      // "Clashes broke out": a bare plural that a past verb reports as
      // happening once is no general statement.
      size_t occurred = 0;
      c.bare_plural = !determiner && c.ev.actor < 0 && c.ev.place < 0 && tail.size() > 1 &&
                      tail.back() == 's' && c.k1 - c.k0 == 1 &&
                      !CueAt(c.k1, kCueOccurred, c.ce, &occurred);
      // "pledged 40 million euros in humanitarian aid": an amount (a
      // currency or measure, not a count: "carried out thousands of
      // strikes") and "in" or "of" before the noun are part of its phrase.
      if (j > c.cs && (Eq(lv[j], "in") || Eq(lv[j], "of")) && w[j - 1].mention >= 0 &&
          mclass[w[j - 1].mention] == kMcQuantity && mcasualty[w[j - 1].mention] == kCasNone &&
          std::find(ea.amount_units_.begin(), ea.amount_units_.end(),
                    doc.mentions[w[j - 1].mention].quantity->unit) != ea.amount_units_.end()) {
        const int q = w[j - 1].mention;
        int f = j - 1;
        while (f > c.cs && w[f - 1].mention == q) --f;
        j = f - 1;
      }
      // "unleashed a series of airstrikes", "launched a new wave of
      // attacks": a measure phrase before the noun is part of its phrase.
      if (j > c.cs && (sentence_cues & kCueMeasure)) {
        const int m0 = CueEndingAt(j, kCueMeasure, c.cs);
        if (m0 >= 0) {
          j = m0 - 1;
          while (j >= c.cs && (Has(j, kCueDet) || Eq(lv[j], "new") || Eq(lv[j], "fresh"))) --j;
        }
      }
      // A support verb before the noun: its subject is the actor.
      if (c.ev.actor < 0 && j >= c.cs) {
        for (int s = j; s >= c.cs && s >= j - 3; --s) {
          size_t n = 0;
          // (A halt verb takes the noun's actor only for rows that say what
          // halting it is: "suspended military aid", not "suspended talks".)
          const uint32_t bits = kCueSupport | (r.halt_row >= 0 ? uint32_t{kCueHalt} : 0u);
          if (CueAt(s, bits, c.k0, &n) && s + static_cast<int>(n) - 1 >= j - 1) {
            c.halted = r.halt_row >= 0 && Has(s, kCueHalt);
            int b = s - 1;
            while (b >= c.cs && Has(b, kCueAux)) --b;
            const bool passive_support = b < s - 1 && Has(s - 1, kCueBe);
            // "US-led strikes": a support verb glued by a hyphen has its
            // subject right before the hyphen or none (never "civilians"
            // in "civilians were killed in Russian-led raids").
            const bool glued = s > c.cs && Eq(lv[s - 1], "-");
            if (glued) {
              const int m = s - 2 >= c.cs ? w[s - 2].mention : -1;
              if (m >= 0 && IsAgent(m) && !Used(c, m)) {
                Set(c, kSlotActor, m, "subject of support verb");
                c.structural = true;
              }
            } else if (!passive_support) {
              int second = -1;
              int subj = LeftAgent(c, b, c.cs);
              if (subj >= 0) subj = FirstConjunct(subj, &second);
              if (subj >= 0) {
                Set(c, kSlotActor, subj, "subject of support verb");
                if (second >= 0) CoordinatedTarget(c, second);
                c.structural = true;
                c.pledged = Has(s, kCuePledge);
                // "China imposed sanctions on …", "Japan and Korea held
                // consultations": a named subject and a past support verb
                // (in -ed or an irregular `past` cue) report one act, no
                // general statement.
                if (((lv[s].size() > 2 && lv[s].substr(lv[s].size() - 2) == "ed"sv) || Has(s, kCuePast)) &&
                    Specific(subj))
                  c.bare_plural = false;
              }
            }
            break;
          }
        }
      }
    }
    Preps(c);
    // "marched on parliament and clashed with police": the coordinated verb
    // happened where the first one did.
    if (c.coordinated >= 0 && c.ev.place < 0 && cands[c.coordinated].ev.place >= 0)
      Set(c, kSlotPlace, cands[c.coordinated].ev.place, "place of the verb before \"and\"");
    if (c.ev.place < 0 && opening_place >= 0 && c.k0 > opening_comma && !Used(c, opening_place)) {
      Set(c, kSlotPlace, opening_place, "place opening the sentence");
      c.structural = true;
    }
    // Casualties in the clause, nearest to the trigger (a casualty is a
    // count: none in a sentence without one).
    if (ea.rows_[c.row].assault && sentence_has_count) {
      int best_d = -1, best_i = -1, dd = 1 << 30, di = 1 << 30;
      for (int k = c.cs; k < c.ce; ++k) {
        const int m = w[k].mention;
        if (m < 0) continue;
        const int dist = std::abs(k - c.k0);
        if (Casualty(m, kCasKilled) && dist < dd) best_d = m, dd = dist;
        if (Casualty(m, kCasInjured) && dist < di) best_i = m, di = dist;
      }
      Set(c, kSlotDead, best_d, "count in the clause");
      Set(c, kSlotInjured, best_i, "count in the clause");
      if (c.ev.dead >= 0 || c.ev.injured >= 0) c.structural = true;
    }
    // Date: the nearest date mention of the clause.
    if (c.ev.date < 0 && sentence_has_date) {
      int best = -1, bd = 1 << 30;
      for (int k = std::max(c.cs, c.k0 - 15); k < c.ce && k <= c.k0 + 15; ++k)
        if (IsDate(w[k].mention) && std::abs(k - c.k0) < bd)
          best = w[k].mention, bd = std::abs(k - c.k0);
      Set(c, kSlotDate, best, "clause");
    }
  }

  // ---- modality ---------------------------------------------------------------
  void Modality(Cand& c) {
    const PatternRow& r = ea.rows_[c.row];
    bool negated = false, conditional = false, future = false, generic = false;
    const char* why = nullptr;
    std::string cue;
    for (int k = c.k0 - 1; k >= c.cs && k >= c.k0 - 4; --k) {
      // "released no pictures of the raid": the negation is the head's.
      if (lv[k] == "of") break;
      if (w[k].cues & kCueNeg) {
        negated = true;
        cue = std::string(lv[k]);
        why = "negation before the trigger";
        break;
      }
    }
    // The scans below find nothing in a sentence without their cues.
    if (!negated && !r.reject && (sentence_cues & kCueNegClause))
      for (int k = std::max(0, c.k0 - kClauseReach); k < c.k0; ++k)
        if ((w[k].cues & kCueNegClause) && Has(k, kCueNegClause)) {
          negated = true;
          cue = std::string(lv[k]);
          why = "clause negation before the trigger";
          break;
        }
    const bool modal = sentence_cues & (kCueFuture | kCueCond);
    for (int k = c.cs; modal && k < c.k0; ++k) {
      size_t n;
      // "since 21 May have killed": the month is no modal.
      if (IsDate(w[k].mention)) continue;
      if (CueAt(k, kCueFuture, c.k0, &n)) {
        // Close to the trigger and not across a comma ("tried to attack X,
        // they were struck" leaves the strike asserted).
        bool comma = false;
        for (int j = k; j < c.k0; ++j) comma = comma || Eq(lv[j], ",");
        if (!comma && c.k0 - k <= 7) future = true, cue = std::string(lv[k]);
      } else if (const Phrase* p = CueAt(k, kCueCond, c.k0, &n)) {
        // Modals only close to the trigger; "if", "whether" anywhere before it.
        if (c.k0 - k <= 4 || p->wide) conditional = true, cue = std::string(lv[k]);
      }
    }
    for (int k = std::max(0, c.cs - kClauseReach); (sentence_cues & kCueCond) && k < c.cs; ++k) {
      size_t n;
      if (IsDate(w[k].mention)) continue;
      const Phrase* p = CueAt(k, kCueCond, c.k0, &n);
      if (p && p->wide) conditional = true, cue = std::string(lv[k]);
    }
    // "to attack": purpose or intent, unless "managed to", "began to".
    // ("in addition to destroying": a gerund after "to" is no infinitive.)
    if (!r.noun && c.k0 > 0 && (w[c.k0 - 1].cues & kCueInfinitive) && Has(c.k0 - 1, kCueInfinitive) &&
        !lv[c.k0].ends_with("ing")) {
      bool implicative = false;
      for (int k = std::max(0, c.k0 - 4); k < c.k0 - 1 && !implicative; ++k) {
        size_t n;
        if (CueAt(k, kCueImplicative, c.k0, &n) && k + static_cast<int>(n) == c.k0) implicative = true;
      }
      if (!implicative) future = true, cue = "to";
    }
    for (int k = std::max(c.cs, c.k0 - 4); k < c.k0; ++k)
      if ((w[k].cues & kCueGeneric) && Has(k, kCueGeneric)) generic = true, cue = std::string(lv[k]);
    if (c.bare_plural && !sentence_has_date && !sentence_has_count) generic = true;
    const bool question = !w.empty() && Eq(lv.back(), "?");
    c.ev.negated = negated;
    c.ev.hypothetical = conditional || future;
    c.ev.modality = negated ? "negated"
                    : question ? "question"
                    : conditional ? "conditional"
                    : future ? "future"
                    : generic ? "generic"
                              : "asserted";
    if (explain && c.ev.modality != "asserted")
      Note(c, "modality " + c.ev.modality + (cue.empty() ? std::string() : " (cue \"" + cue + "\")") +
                  (why ? std::string(": ") + why : std::string()));
  }

  // ---- one event per clause and type -----------------------------------------
  int Specificity(const Cand& c) const {
    const PatternRow& r = ea.rows_[c.row];
    return (r.mode.empty() ? 0 : 2) + (r.noun ? 1 : 0) + (r.consequence ? 0 : 1) +
           (r.refine ? 0 : 1);
  }

  // The trigger of c is in a ", which …," or ", who …," aside.
  bool InWhichAside(const Cand& c) const {
    if (!w[c.k0].skip || c.rs + 1 >= static_cast<int>(w.size())) return false;
    const std::string_view r = lv[c.rs + 1];
    return Eq(r, "which") || Eq(r, "who");
  }

  // "accused Russia of shelling the plant", "urged Serbia to pull back its
  // forces", "threatened to strike": an event named in the complement of a
  // content=report trigger is what that event alleges, demands or
  // threatens, not one the author asserts. The complement runs from the
  // trigger (or the content event before it: "of shelling and bombing")
  // over at most eight words of its clause with no punctuation, break,
  // relative or subordinate word ("after", "when") and no aside. A definite
  // or possessed event noun ("blamed the attack on", "Monday's attack") is
  // presupposed to have happened: it stays an event, and so does a dated
  // one ("an August 21 gas attack").
  bool DefiniteNoun(const Cand& c, int from) const {
    for (int k = c.k0 - 1; k >= from && k >= c.k0 - 5; --k) {
      const std::string_view x = lv[k];
      if (Has(k, kCuePoss) || x.ends_with("'s") || x.ends_with("\u2019s") || Eq(x, "the") || Eq(x, "this") || Eq(x, "that") || Eq(x, "these") ||
          Eq(x, "those") || Eq(x, "its") || Eq(x, "their") || Eq(x, "his") || Eq(x, "her"))
        return true;
      // "an August 21 gas attack": a dated event happened.
      if (IsDate(w[k].mention)) return true;
      if (!Has(k, kCueDet) && w[k].mention < 0) return false;
    }
    return false;
  }

  // A candidate the complement can report: an infinitive ("to strike") or a
  // gerund ("of shelling"), not a finite verb with its own subject ("strikes
  // blamed on the regime hit the city"); a noun that is not definite; never
  // a verbal conflict event itself ("accusations … the regime has denied").
  bool Reported(const Cand& c, int from) const {
    const PatternRow& r = ea.rows_[c.row];
    if (r.plover == "ACCUSE" || r.plover == "REJECT" || r.plover == "THREATEN" || r.plover == "REQUEST")
      return false;
    if (r.noun) return !DefiniteNoun(c, from);
    return lv[c.k0].ends_with("ing") || (c.k0 > 0 && Has(c.k0 - 1, kCueInfinitive));
  }

  void ReportedContent() {
    int link = -1, root = -1;  // the latest trigger of the chain, its content= row
    for (size_t i = 0; i < cands.size(); ++i) {
      Cand& c = cands[i];
      if (c.dropped) continue;
      if (link >= 0 && root >= 0 && c.coordinated != root && !ea.rows_[c.row].content &&
          c.cs <= cands[link].k0 && c.k0 - cands[link].k1 <= 8 && !w[c.k0].skip) {
        bool open = true;
        for (int k = cands[link].k1; k < c.k0 && open; ++k)
          open = !w[k].skip && !(w[k].kind == Token::Kind::kPunct && !Eq(lv[k], "-")) &&
                 !Has(k, kCueBreak) && !Has(k, kCueRel) && !Has(k, kCueSubord);
        if (open && Reported(c, cands[link].k1)) {
          c.content_of = root;
          link = static_cast<int>(i);
          continue;
        }
      }
      root = ea.rows_[c.row].content ? static_cast<int>(i) : -1;
      link = root;
    }
  }

  void Merge() {
    for (size_t i = 0; i < cands.size(); ++i) {
      if (cands[i].dropped) continue;
      for (size_t j = i + 1; j < cands.size() && j <= i + 8; ++j) {
        Cand& a = cands[i];
        Cand& b = cands[j];
        // b in a's clause (clauses are capped at kClauseReach words around
        // each trigger, so their bounds differ in long sentences).
        if (b.dropped || b.k0 >= a.ce || b.cs > a.k0 ||
            ea.rows_[a.row].plover != ea.rows_[b.row].plover)
          continue;
        // A trigger in a ", which/who …," aside and one outside it are two
        // events: "the coalition, which has carried out thousands of
        // strikes, hit a depot". (", where … eliminated 27 militants,
        // destroyed 134 shelters": a list the aside's end cuts.)
        if (InWhichAside(a) != InWhichAside(b)) continue;
        // Only close triggers are one event ("targeted by U.S. airstrikes",
        // "the airstrike struck"), or a consequence (", killing 83"); a
        // noun followed by "was/were …" starts another ("the strike was
        // followed by an ISIS attack").
        if (!ea.rows_[b.row].consequence) {
          // "were killed and dozens more injured in multiple Russian
          // airstrikes": a passive kill names its cause after "in/by",
          // however far.
          // (Not past another verb trigger: "30 were killed in Aleppo and
          // 39 were killed by airstrikes" names the cause of the second;
          // "were killed and 12 wounded in airstrikes", a list of dead and
          // wounded, shares it.)
          bool cause = false;
          if (ea.rows_[a.row].consequence && a.passive && ea.rows_[b.row].noun) {
            for (int k = b.k0 - 1; k >= a.k1 && k >= b.k0 - 4 && !cause; --k)
              cause = Eq(lv[k], "in") || Eq(lv[k], "by");
            for (const Cand& o : cands)
              if (&o != &a && &o != &b && !ea.rows_[o.row].noun && o.k0 >= a.k1 && o.k0 < b.k0 &&
                  !(ea.rows_[o.row].consequence && o.passive && o.row != a.row))
                cause = false;
          }
          if (b.k0 - a.k1 > 6 && !cause) continue;
          bool be = false;
          for (int k = a.k1; k < b.k0; ++k) be = be || Has(k, kCueBe);
          if (be && !a.passive) continue;
        }
        // Two verbs with subjects of their own are two events.
        // (A kill or wound verb after an assault is its consequence.)
        if (a.subject_actor && b.subject_actor && a.ev.actor != b.ev.actor &&
            !ea.rows_[b.row].consequence)
          continue;
        // "killed key ministers and captured one of …": two acts of one
        // subject ("bombed the town and killed 20", "ambushed and struck"
        // are one).
        if (b.coordinated >= 0 && b.k0 - 1 > a.k1 && !ea.rows_[b.row].consequence) continue;
        // "after this raid ISIS terrorists attacked": b's own subject stands
        // between the two.
        if (b.subject_actor && b.ev.actor >= 0 && !ea.rows_[b.row].consequence &&
            doc.mentions[b.ev.actor].span.begin >= w[a.k1 - 1].span.end)
          continue;
        // "were killed in clashes with the SDF", "clashes with ISIS killed
        // 30 soldiers": the other side of the fight killed the victims.
        const bool a_party = a.ev.how[kSlotTarget] == kHowParty;
        const bool b_party = b.ev.how[kSlotTarget] == kHowParty;
        if (a.ev.actor < 0 && a.ev.target >= 0 && b.ev.target >= 0 && a.ev.target != b.ev.target &&
            (a_party || b_party) && ea.rows_[a_party ? b.row : a.row].consequence) {
          if (b_party && a.passive && a.ev.how[kSlotTarget] == std::string_view("passive subject")) {
            a.ev.actor = b.ev.target;
            a.ev.how[kSlotActor] = "the other side of the fight";
          } else if (a_party && !b.passive) {
            a.ev.actor = a.ev.target;
            a.ev.how[kSlotActor] = "the other side of the fight";
            a.ev.target = -1;
          }
        }
        // Fill a's empty roles from b, then keep the more specific trigger.
        int* fa[] = {&a.ev.actor, &a.ev.target, &a.ev.place, &a.ev.date, &a.ev.dead, &a.ev.injured};
        const int fb[] = {b.ev.actor, b.ev.target, b.ev.place, b.ev.date, b.ev.dead, b.ev.injured};
        for (int s = 0; s < 6; ++s)
          if (*fa[s] < 0 && fb[s] >= 0 && !Used(a, fb[s])) {
            *fa[s] = fb[s];
            if (s == kSlotTarget) a.people_object = b.people_object;
            a.ev.how[s] = b.ev.how[s];
          }
        if (a.holder < 0) a.holder = b.holder;
        a.structural = a.structural || b.structural;
        a.subject_actor = a.subject_actor || b.subject_actor;
        a.bare_plural = a.bare_plural && b.bare_plural;
        std::vector<std::string> ev_a = std::move(a.ev.evidence), ev_b = std::move(b.ev.evidence);
        const std::string other = std::string(Text(b.ev.trigger));
        if (Specificity(b) > Specificity(a)) {
          std::swap(a.k0, b.k0);
          std::swap(a.k1, b.k1);
          std::swap(a.row, b.row);
          std::swap(a.passive, b.passive);
          std::swap(a.ev.trigger, b.ev.trigger);
          std::swap(a.ev.modality, b.ev.modality);
          std::swap(a.ev.negated, b.ev.negated);
          std::swap(a.ev.hypothetical, b.ev.hypothetical);
        }
        // The merged event keeps the most marked modality of the two ("US
        // airstrikes often kill": generic).
        static const char* const kRank[] = {"asserted", "generic", "future", "conditional",
                                            "question", "negated"};
        auto rank = [&](const std::string& m) {
          for (int i = 0; i < 6; ++i)
            if (m == kRank[i]) return i;
          return 0;
        };
        if (rank(b.ev.modality) > rank(a.ev.modality)) {
          a.ev.modality = b.ev.modality;
          a.ev.negated = b.ev.negated;
          a.ev.hypothetical = b.ev.hypothetical;
        }
        a.ev.evidence = std::move(ev_a);
        if (explain) {
          for (auto& e : ev_b) a.ev.evidence.push_back("(from \"" + other + "\") " + e);
          a.ev.evidence.push_back("merged with \"" + other + "\" (same type in one clause)");
        }
        b.dropped = true;
      }
    }
  }

  // Codes: the row's, then the instrument's (refine), the civilians' and the
  // state's ACLED variants.
  void Codes(Cand& c) {
    const PatternRow& own = ea.rows_[c.row];
    const char* why = PeopleObject(c)                          ? "people as the object (people=)"
                      : CrowdClash(c)                          ? "police against a crowd (crowd=)"
                      : c.halted                               ? "after a halt verb (halt=)"
                      : c.pledged && own.pledge_row >= 0       ? "the subject of a pledge verb (pledge=)"
                                                               : nullptr;
    const PatternRow& r = !why                       ? own
                          : PeopleObject(c)          ? ea.rows_[own.people_row]
                          : CrowdClash(c)            ? ea.rows_[own.crowd_row]
                          : c.halted                 ? ea.rows_[own.halt_row]
                                                     : ea.rows_[own.pledge_row];
    if (explain && why) Note(c, std::string(why) + ": the codes of event_patterns.tsv:" + r.key);
    c.ev.pattern = ea.rows_[c.row].key;
    c.ev.plover = r.plover;
    c.ev.mode = r.mode;
    c.ev.cameo = r.cameo;
    c.ev.acled = r.acled;
    c.ev.acled_sub = r.acled_sub;
    if (explain) Note(c, "pattern event_patterns.tsv:" + ea.rows_[c.row].key);
    if (r.refine) {
      // Before the trigger ("jets struck"), or after "by/with/using" ("hit
      // with artillery"); after the trigger they are what was hit ("destroyed
      // tanks"), except for rows whose object is the weapon ("fired two
      // ballistic missiles").
      int instrumental = -100;
      bool named_by_object = false;
      for (int k = c.cs; k < c.ce; ++k) {
        if (k >= c.k1 && k - c.k1 <= 4 &&
            (Eq(lv[k], "by") || Eq(lv[k], "with") || Eq(lv[k], "using")))
          instrumental = k;
        const bool object = r.obj_instrument && k >= c.k1 && k - c.k1 <= 3 && !named_by_object;
        if (k >= c.k0 && k - instrumental > 3 && !object) continue;
        size_t n;
        const Phrase* p = CueAt(k, kCueInstr, c.ce, &n);
        if (!p) continue;
        const Instrument& in = ea.instruments_[p->row];
        c.ev.mode = in.mode;
        c.ev.cameo = in.cameo;
        c.ev.acled = in.acled;
        c.ev.acled_sub = in.acled_sub;
        if (explain) Note(c, "instrument event_instruments.tsv:" + in.text + " -> " + in.mode);
        // "fired rockets filled with sarin": what fills the weapon names it.
        if (!object) break;
        named_by_object = true;
      }
    }
    if (!r.civ_acled.empty() && c.ev.target >= 0) {
      const Mention& t = doc.mentions[c.ev.target];
      if (t.actor && std::find(t.actor->sectors.begin(), t.actor->sectors.end(), "CVL") !=
                         t.actor->sectors.end()) {
        c.ev.acled = r.civ_acled;
        c.ev.acled_sub = r.civ_sub;
        if (explain) Note(c, "ACLED: target is civilians");
      }
    }
    if (!r.state_acled.empty() && c.ev.actor >= 0) {
      if (StateForces(c.ev.actor)) {
        c.ev.acled = r.state_acled;
        c.ev.acled_sub = r.state_sub;
        if (explain) Note(c, "ACLED: actor is a state's forces");
      }
    }
    if (!r.nonstate_acled.empty() && c.ev.actor >= 0 && NonState(c.ev.actor)) {
      c.ev.acled = r.nonstate_acled;
      c.ev.acled_sub = r.nonstate_sub;
      if (explain) Note(c, "ACLED: actor is a non-state armed group");
    }
  }

  // A state's forces or the state: a country, an agent with a country and no
  // group ("Syrian troops"), or a named unit of a state's military,
  // government or police ("US Special Forces": US MIL) — never a non-state
  // group (NonState).
  bool StateForces(int m) const {
    if (NonState(m)) return false;
    if (mclass[m] == kMcCountry) return true;
    const Mention& a = doc.mentions[m];
    if (!a.actor || a.actor->country.empty()) return false;
    if (a.actor->group.empty()) return true;
    for (const std::string& s : a.actor->sectors)
      if (s == "MIL" || s == "GOV" || s == "COP") return true;
    return false;
  }

  bool HasSector(int m, std::string_view sector) const {
    const auto& a = doc.mentions[m].actor;
    return a && std::find(a->sectors.begin(), a->sectors.end(), sector) != a->sectors.end();
  }

  // True if the row has crowd=PATTERN and police are one party with no
  // armed force or state as the other ("supporters … clashed with riot
  // police", "police clashed with demonstrators"; not "with gunmen").
  bool CrowdClash(const Cand& c) const {
    if (ea.rows_[c.row].crowd_row < 0) return false;
    auto police = [&](int m) { return m >= 0 && HasSector(m, "COP"); };
    auto armed = [&](int m) {
      return m >= 0 && (mclass[m] == kMcCountry || HasSector(m, "MIL") || HasSector(m, "REB") ||
                        HasSector(m, "PRM") || HasSector(m, "UAF"));
    };
    return (police(c.ev.actor) && !armed(c.ev.target)) || (police(c.ev.target) && !armed(c.ev.actor));
  }

  // "Hundreds of teachers rallied", "Thousands of farmers rallied": a count
  // of people, or of something unnamed after "of", is the subject (the
  // nearest mention before the trigger in its clause, no punctuation
  // between).
  bool CrowdSubject(const Cand& c) const {
    for (int j = c.k0 - 1; j >= c.cs && j >= c.k0 - 6; --j) {
      if (w[j].kind == Token::Kind::kPunct) return false;
      const int m = w[j].mention;
      if (m < 0) continue;
      if (mclass[m] != kMcQuantity) return false;
      const std::string& unit = doc.mentions[m].quantity->unit;
      return unit == "person" || (unit.empty() && j + 1 < c.k0 && Eq(lv[j + 1], "of"));
    }
    return false;
  }

  // True if an object follows verb c: the next word is none of punctuation,
  // a preposition, a conjunction, a clause break, an adverb in -ly, a date
  // or a place ("rallied in Lima", "demonstrated outside the ministry",
  // "rallied Sunday"; not "demonstrated its resolve").
  bool ObjectFollows(const Cand& c) const {
    const int k = c.k1;
    if (k >= static_cast<int>(w.size()) || w[k].kind == Token::Kind::kPunct) return false;
    if (w[k].mention >= 0) return !IsDate(w[k].mention) && mclass[w[k].mention] != kMcPlace;
    if (w[k].cues & (kCuePrep | kCueHint | kCueBreak | kCueSubord)) return false;
    if (Eq(lv[k], "and") || Eq(lv[k], "or") || Eq(lv[k], "but")) return false;
    return !(lv[k].size() > 4 && lv[k].ends_with("ly"));
  }

  // True if "to" and a verb follow verb c within six words, before any
  // punctuation ("asked Kenya to withdraw its troops"; not "asked
  // questions", "asked about the talks", "asked to the meeting"): after
  // "to" a plain word, no determiner, possessive or mention.
  bool InfinitiveFollows(const Cand& c) const {
    const int n = static_cast<int>(w.size());
    for (int j = c.k1; j + 1 < n && j < c.k1 + 6; ++j) {
      if (w[j].kind == Token::Kind::kPunct) return false;
      if (!Eq(lv[j], "to")) continue;
      const int v = j + 1;
      return w[v].kind == Token::Kind::kWord && w[v].mention < 0 && !Has(v, kCueDet) && !Has(v, kCuePoss);
    }
    return false;
  }

  // True if the row has people=PATTERN and its target is people it took
  // itself as object or passive subject (PeopleHead): "captured militant
  // commanders", not "seized Ramadi from ISIS".
  bool PeopleObject(const Cand& c) const {
    return ea.rows_[c.row].people_row >= 0 && c.people_object && c.ev.target >= 0;
  }

  // True if agent mention m (not a country) heads its noun phrase: no
  // preposition before it ("the headquarters of Daesh militants"), and
  // nothing of the phrase after it — punctuation, a preposition, a clause
  // break, a relative pronoun, "and", an auxiliary or a place or date
  // follows ("three ISIS commanders in Raqqa", not "government-held
  // positions", "the Nusra stronghold"). A passive subject "it" is a place.
  bool PeopleHead(const Cand& c, int m) const {
    if (m < 0 || mclass[m] != kMcAgent) return false;
    // (A government is not taken prisoner: "positions they seized the
    // Syrian government said" runs on.)
    if (const auto& x = doc.mentions[m].actor;
        x && std::find(x->sectors.begin(), x->sectors.end(), "GOV") != x->sectors.end())
      return false;
    const int n = static_cast<int>(w.size());
    int f = -1, e = -1;
    for (int k = std::max(0, c.cs - 1); k < n && k < c.ce + 1; ++k)
      if (w[k].mention == m) {
        if (f < 0) f = k;
        e = k;
      } else if (f >= 0) {
        break;
      }
    if (f < 0) return false;
    int b = f - 1;
    while (b >= 0 && (Has(b, kCueDet) || (w[b].mention >= 0 && mclass[w[b].mention] == kMcQuantity))) --b;
    if (b >= 0 && Has(b, kCuePrep)) return false;
    const int a = e + 1;
    if (a >= n) return true;
    if (w[a].kind == Token::Kind::kPunct) return !Eq(lv[a], "-");
    return Has(a, kCuePrep) || Has(a, kCueBreak) || Has(a, kCueRel) || Has(a, kCueBe) ||
           Has(a, kCueAux) || Eq(lv[a], "and") || Eq(lv[a], "or") || IsDate(w[a].mention);
  }

  // An armed actor that is not a state's forces: a group or agent with a
  // rebel, militia, unidentified-armed or opposition sector ("ISIS",
  // "militants", "Syrian rebels" — the last has a country but no state).
  bool NonState(int m) const {
    const Mention& a = doc.mentions[m];
    if (!a.actor) return false;
    for (const std::string& s : a.actor->sectors)
      if (s == "REB" || s == "PRM" || s == "UAF" || s == "OPP") return true;
    return false;
  }

  bool IsDefinite(const Cand& c) const {
    return ea.rows_[c.row].noun && c.k0 > 0 &&
           (Eq(lv[c.k0 - 1], "the") || Eq(lv[c.k0 - 1], "this") || Eq(lv[c.k0 - 1], "that"));
  }

  // The latest kept event of `plover` in this sentence or the three before,
  // asserted, with a compatible mode, or -1: what "the raid" refers back to.
  int Antecedent(const Cand& c) const {
    for (size_t i = doc.events.size(); i-- > 0;) {
      const EventRecord& e = doc.events[i];
      if (e.sentence < si - 3) break;
      if (e.plover == ea.rows_[c.row].plover && !e.negated && !e.hypothetical &&
          (e.mode.empty() || ea.rows_[c.row].mode.empty() || e.mode == ea.rows_[c.row].mode))
        return static_cast<int>(i);
    }
    return -1;
  }

  bool Keep(Cand& c) {
    const PatternRow& r = ea.rows_[c.row];
    auto drop = [&](const char* why) {
      if (explain) Note(c, std::string("dropped: ") + why);
      return false;
    };
    // "the raid took place", confirmed by a spokesman: a definite event
    // noun with no roles repeats the latest event of its type nearby; kept
    // (with its own voice) and linked to it.
    anaphor = -1;
    if (IsDefinite(c) && c.ev.actor < 0 && c.ev.target < 0 && c.ev.place < 0 && c.ev.dead < 0 &&
        c.ev.injured < 0) {
      anaphor = Antecedent(c);
      if (anaphor >= 0) {
        if (explain) Note(c, "a definite event noun with no roles: repeats the event before");
        return true;
      }
    }
    if (c.content_of >= 0)
      return drop(("reported by \"" + std::string(Text(cands[c.content_of].ev.trigger)) +
                   "\" (content=report): not asserted").c_str());
    if (r.needs == 1 && c.ev.actor < 0) return drop("needs an actor");
    if (r.needs == 2 && !c.structural) return drop("needs a role next to the trigger");
    if (r.needs == 3 && c.ev.actor < 0 && !CrowdSubject(c))
      return drop("needs an actor or a count of people as its subject");
    // "Daesh has rallied since the year began": an armed force that rallies
    // regroups; it holds no protest.
    if (r.needs == 3 && c.ev.actor >= 0 &&
        (HasSector(c.ev.actor, "MIL") || HasSector(c.ev.actor, "REB") ||
         HasSector(c.ev.actor, "PRM") || HasSector(c.ev.actor, "UAF")))
      return drop("an armed force as the subject regroups (needs=crowd)");
    if (r.obj_absent && ObjectFollows(c)) return drop("an object follows (obj=absent)");
    if (r.needs_target && c.ev.target < 0) return drop("needs a target");
    if (r.needs_infinitive && !InfinitiveFollows(c)) return drop("needs \"to\" and a verb after it");
    if (r.needs_victim && c.ev.target < 0 && c.ev.dead < 0 && c.ev.injured < 0)
      return drop("needs a target or casualties");
    // "the war to destroy Syria": nobody destroys a whole country in one
    // event; with nothing more concrete (a place, casualties) or as a
    // purpose ("to destroy", whatever place the sentence names) it is
    // rhetoric.
    if (r.no_country_target && c.ev.target >= 0 && mclass[c.ev.target] == kMcCountry &&
        c.ev.dead < 0 && c.ev.injured < 0 && (c.ev.place < 0 || c.ev.hypothetical))
      return drop("a whole country as the target (country=none)");
    // "the scourge the US visited upon the region": inflicted, not a visit.
    if (const int k = NotBefore(c); k >= 0)
      return drop(("followed by \"" + std::string(lv[k]) + "\" (not_before=)").c_str());
    // "released no pictures": information, not people, was released.
    if (r.no_info_object && c.info_object)
      return drop("the object is information, not people (info=none)");
    // A date alone does not make an event ("the air strike was followed
    // by …": a reference back).
    // (A named partner counts: "regime forces backed by Hezbollah
    // factions killed the civilians".)
    const bool specific = Specific(c.ev.actor) || Specific(c.ev.target) || c.ev.place >= 0 ||
                          c.ev.dead >= 0 || c.ev.injured >= 0 ||
                          (c.ev.actor >= 0 && Specific(c.ally));
    if (!specific) return drop("no specific role (named actor or target, place, casualties)");
    return true;
  }

  double Confidence(const EventRecord& e) const {
    double c = 0.3;
    auto strong = [](const char* how) {
      return how && std::strcmp(how, "clause") != 0 && std::strcmp(how, "count in the clause") != 0;
    };
    if (e.actor >= 0) c += strong(e.how[kSlotActor]) ? 0.2 : 0.1;
    if (e.target >= 0) c += 0.15;
    if (e.place >= 0) c += strong(e.how[kSlotPlace]) ? 0.1 : 0.05;
    if (e.date >= 0) c += strong(e.how[kSlotDate]) ? 0.1 : 0.05;
    if (e.dead >= 0 || e.injured >= 0) c += 0.1;
    c = std::min(c, 0.95);
    return std::round(c * 100) / 100;
  }

  // "killing 12 civilians and five fighters", "two women, a child and two
  // soldiers were killed": the quantity mentions of the same casualty role
  // joined to `first` by "and" or a comma, each after its own noun (at most
  // three words, no other quantity); they add up. Parts of a count told
  // before ("18 civilians including five children and two women") are not
  // more dead.
  // The first part of the list `m` ends ("Ten children and 13 rebels were
  // among those killed": the clause's nearest count is the 13).
  int ListHead(int m, CasualtyRole role) const {
    if (m < 0 || doc.mentions[m].sentence != si) return m;
    const int n = static_cast<int>(w.size());
    int k = 0;
    while (k < n && w[k].mention != m) ++k;
    for (int step = 0; step < 4 && k < n; ++step) {
      const int j = k - 1;
      if (j < 1 || !(Eq(lv[j], "and") || Eq(lv[j], ","))) break;
      int prev = -1, q = j - 1;
      for (int gap = 0; q >= 0 && gap < 4 && w[q].kind != Token::Kind::kPunct; --q, ++gap)
        if (w[q].mention >= 0 && w[q].mention != m && mclass[w[q].mention] == kMcQuantity) {
          prev = w[q].mention;
          break;
        }
      if (!Casualty(prev, role)) break;
      m = prev;
      while (q > 0 && w[q - 1].mention == m) --q;
      k = q;
    }
    // Parts of a total ("18 civilians including five children and two
    // women"): the total.
    for (int j = k - 1; j >= 1 && j >= k - 4 && w[j].kind != Token::Kind::kPunct; --j) {
      if (!Eq(lv[j], "including")) continue;
      for (int q = j - 1, gap = 0; q >= 0 && gap < 7; --q, ++gap)
        if (w[q].mention >= 0 && mclass[w[q].mention] == kMcQuantity) {
          // (A count of people before "including" is the total of the
          // parts' role though the quantities layer gave it none. Farther
          // back, "1,200 civilians were killed, including 192 children",
          // only a count of the role is.)
          const Mention& t = doc.mentions[w[q].mention];
          if (Casualty(w[q].mention, role) ||
              (gap < 4 && t.quantity && t.quantity->role == "other" && t.quantity->unit == "person"))
            m = w[q].mention;
          break;
        }
      break;
    }
    return m;
  }

  void CasualtyParts(int first, CasualtyRole role, std::vector<int>& also) const {
    if (first < 0 || doc.mentions[first].sentence != si) return;
    int k = 0;
    const int n = static_cast<int>(w.size());
    while (k < n && w[k].mention != first) ++k;
    for (int j = k - 1; j >= 0 && j >= k - 4 && w[j].kind != Token::Kind::kPunct; --j)
      if (Eq(lv[j], "including")) return;
    for (int m = first; k < n;) {
      while (k < n && w[k].mention == m) ++k;
      int gap = 0;
      while (k < n && gap < 3 && !Eq(lv[k], "and") && !Eq(lv[k], ",") && w[k].kind != Token::Kind::kPunct &&
             !(w[k].mention >= 0 && mclass[w[k].mention] == kMcQuantity))
        ++k, ++gap;
      if (k + 1 >= n || !(Eq(lv[k], "and") || Eq(lv[k], ","))) return;
      const int next = w[k + 1].mention;
      if (!Casualty(next, role) || next == m) return;
      also.push_back(next);
      m = next;
      k += 1;
    }
  }

  // ---- voice ------------------------------------------------------------------
  size_t voice_cursor = 0;
  void Voice(EventRecord& e) {
    const auto& vs = doc.voice;
    // Events come in sentence order (not always in trigger order within one).
    while (voice_cursor < vs.size() && vs[voice_cursor].sentence < e.sentence) ++voice_cursor;
    e.voice = "author";
    e.source = -1;
    for (size_t i = voice_cursor; i < vs.size() && vs[i].sentence == e.sentence; ++i) {
      const VoiceRecord& v = vs[i];
      if (v.span.begin > e.trigger.begin || v.span.end < e.trigger.end) continue;
      if (Eq(v.kind, "question")) {
        e.modality = e.negated ? e.modality : "question";
        break;
      }
      if (Eq(v.kind, "hedged")) {
        e.voice = "hedged";
        break;
      }
      if (Eq(v.kind, "attributed") || Eq(v.kind, "quoted")) {
        if (v.content && (v.content->begin > e.trigger.begin || v.content->end < e.trigger.end))
          break;  // the reporting frame itself: the author's
        e.voice = v.kind;
        e.source = v.source;
      }
      break;
    }
    if (explain && e.voice != "author")
      e.evidence.push_back("voice " + e.voice +
                           (e.source >= 0 ? " source " + MentionLabel(e.source) : std::string()));
  }

  // ---- the sentence -------------------------------------------------------------
  void Sentence(size_t tok, size_t men) {
    if (!BuildSentence(tok, men)) return;
    FindTriggers();
    if (cands.empty()) return;
    MarkSkips();
    ReportStarts();
    OpeningPlace();
    preps_at.clear();
    sentence_has_date = sentence_has_count = false;
    sentence_cues = 0;
    for (int k = 0; k < static_cast<int>(w.size()); ++k) {
      const W& x = w[k];
      sentence_cues |= x.cues;
      if (x.cues & (kCuePrep | kCueHint)) preps_at.push_back(k);
      if (x.mention < 0) continue;
      if (mclass[x.mention] == kMcDate) sentence_has_date = true;
      if (mclass[x.mention] == kMcQuantity) sentence_has_count = true;
    }
    for (Cand& c : cands) {
      c.ev.sentence = si;
      c.ev.trigger = {w[c.k0].span.begin, w[c.k1 - 1].span.end};
      Roles(c);
      Modality(c);
      // "to attack the position and take control of it": the second verb
      // is as hypothetical as the first.
      if (c.coordinated >= 0 && !c.ev.hypothetical) {
        const EventRecord& o = cands[c.coordinated].ev;
        if (o.hypothetical && !o.negated) c.ev.modality = o.modality, c.ev.hypothetical = true;
      }
    }
    Merge();
    // The holder of what an assault hit is its target when none else is
    // ("shelling of districts held by the government killed four
    // children": the children).
    for (Cand& c : cands)
      if (!c.dropped && c.ev.target < 0 && c.holder >= 0 && !Used(c, c.holder)) {
        Set(c, kSlotTarget, c.holder, "holder (\"held by\")");
        c.structural = true;
      }
    ReportedContent();
    // ", occupying the oil fields" with no event in the main clause to merge
    // with: the participle's subject is the main clause's, an agent opening
    // the clause ("US troops are present in eastern Syria, occupying …").
    for (Cand& c : cands) {
      if (c.dropped || !c.participle || c.ev.actor >= 0) continue;
      const int m = PhraseHead(c, c.cs, std::min(c.k0, c.cs + 4));
      if (IsAgent(m) && !Used(c, m)) {
        Set(c, kSlotActor, m, "subject of the main clause (participle)");
        c.structural = true;
      }
    }
    // Casualties of the sentence left over go to its only assault.
    int assaults = 0, only = -1;
    for (size_t i = 0; i < cands.size(); ++i)
      if (!cands[i].dropped && cands[i].content_of < 0 && ea.rows_[cands[i].row].assault)
        ++assaults, only = static_cast<int>(i);
    if (assaults == 1 && sentence_has_count) {
      Cand& c = cands[only];
      for (size_t k = 0; k < w.size(); ++k) {
        const int m = w[k].mention;
        if (Casualty(m, kCasKilled)) Set(c, kSlotDead, m, "count in the sentence");
        if (Casualty(m, kCasInjured)) Set(c, kSlotInjured, m, "count in the sentence");
      }
    }
    for (Cand& c : cands) {
      if (c.dropped) continue;
      c.ev.trigger = {w[c.k0].span.begin, w[c.k1 - 1].span.end};
      c.ev.span = {w[c.cs].span.begin, w[std::max(c.cs, c.ce - 1)].span.end};
      // Keep reads the roles, not the codes: without explain a dropped
      // candidate needs none (with it, the notes keep their order).
      if (explain) Codes(c);
      if (!Keep(c)) {
        if (explain) dropped_.push_back(std::move(c.ev));
        continue;
      }
      if (!explain) Codes(c);
      // "It killed 83 Syrian soldiers" after "The airstrike … struck …":
      // the same assault, told on; its roles complete the earlier event.
      if (Eq(c.pronoun, "it") && !c.pronoun_own && c.ev.plover == "ASSAULT" && !doc.events.empty() &&
          doc.events.back().plover == "ASSAULT" && doc.events.back().sentence >= si - 1 &&
          c.ev.modality == doc.events.back().modality) {
        EventRecord& prev = doc.events.back();
        int* fp[] = {&prev.actor, &prev.target, &prev.place, &prev.date, &prev.dead, &prev.injured};
        const int fc[] = {c.ev.actor, c.ev.target, c.ev.place, c.ev.date, c.ev.dead, c.ev.injured};
        for (int r = 1; r < 6; ++r)
          if (*fp[r] < 0 && fc[r] >= 0) {
            *fp[r] = fc[r];
            prev.how[r] = "continued in the next sentence (\"it\")";
          }
        prev.confidence = Confidence(prev);
        if (explain)
          prev.evidence.push_back("continued by \"" + std::string(Text(c.ev.trigger)) +
                                  "\" in sentence " + std::to_string(si) + " (subject \"it\")");
        continue;
      }
      c.ev.confidence = Confidence(c.ev);
      Voice(c.ev);
      c.ev.dead = ListHead(c.ev.dead, kCasKilled);
      c.ev.injured = ListHead(c.ev.injured, kCasInjured);
      CasualtyParts(c.ev.dead, kCasKilled, c.ev.dead_also);
      CasualtyParts(c.ev.injured, kCasInjured, c.ev.injured_also);
      definite.push_back(IsDefinite(c));
      if (anaphor >= 0) {
        c.ev.same_as = doc.events[anaphor].same_as >= 0 ? doc.events[anaphor].same_as : anaphor;
        if (explain)
          c.ev.evidence.push_back("same event as the one at sentence " +
                                  std::to_string(doc.events[anaphor].sentence) +
                                  " (a definite reference back)");
      }
      doc.events.push_back(std::move(c.ev));
    }
  }

  // Per kept event: its trigger is a definite noun ("the strike"), which
  // refers back more often than not (Corefer).
  std::vector<bool> definite;
  int anaphor = -1;  // set by Keep: the event a bare "the raid" repeats
  // Dropped candidates, for explain only (not part of the record).
  std::vector<EventRecord> dropped_;

  void Run() {
    // Room for an event every four sentences (news runs at about one in
    // six): growing from empty would move every event at each doubling.
    doc.events.reserve(doc.events.size() + doc.sentences.size() / 4);
    size_t tok = 0, men = 0;
    uint32_t tok_from = 0;  // tok is the first token starting at or after this byte
    const auto& toks = doc.tokens;
    for (int s = 0; s < static_cast<int>(doc.sentences.size()); ++s) {
      const Span sp = doc.sentences[s];
      while (men < doc.mentions.size() && doc.mentions[men].span.end <= sp.begin) ++men;
      if (men >= doc.mentions.size()) break;  // no mention in any later sentence
      if (doc.mentions[men].span.begin >= sp.end) continue;  // fast path: no mention here
      // Sentences without mentions were passed over: skip their tokens.
      tok = PartitionPointNear(toks.begin() + tok, toks.end(), sp.begin - tok_from,
                               [&](const Token& t) { return t.span.begin < sp.begin; }) -
            toks.begin();
      tok_from = sp.begin;
      ClassifyMentions();
      si = s;
      sent = sp;
      Sentence(tok, men);
    }
  }

  // ---- same event -----------------------------------------------------------
  static bool Near(const Mention& a, const Mention& b) {
    if (!a.geo || !b.geo) return false;
    const double kRad = 3.14159265358979323846 / 180.0;
    const double dlat = (a.geo->lat - b.geo->lat) * kRad, dlon = (a.geo->lon - b.geo->lon) * kRad;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.geo->lat * kRad) * std::cos(b.geo->lat * kRad) *
                         std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h))) <= 25.0;
  }
  // 1 same, 0 unknown (one unset), -1 conflict.
  int SameAgent(int a, int b) const {
    if (a < 0 || b < 0) return 0;
    const Mention& x = doc.mentions[a];
    const Mention& y = doc.mentions[b];
    if (!x.ref.empty() && x.ref == y.ref) {
      // Same entry, but "Syrian soldiers" and "the Syrian government" differ.
      const bool xs = x.actor && !x.actor->sectors.empty(), ys = y.actor && !y.actor->sectors.empty();
      if (xs && ys && x.actor->sectors[0] != y.actor->sectors[0]) return -1;
      return 1;
    }
    if (x.ref.empty() && y.ref.empty() && Text(x.span) == Text(y.span)) return 1;
    return -1;
  }
  int SamePlace(int a, int b) const {
    if (a < 0 || b < 0) return 0;
    const Mention& x = doc.mentions[a];
    const Mention& y = doc.mentions[b];
    if (!x.ref.empty() && x.ref == y.ref) return 1;
    if (x.ref.empty() && y.ref.empty() && Text(x.span) == Text(y.span)) return 1;
    return Near(x, y) ? 1 : -1;
  }
  int SameDate(int a, int b) const {
    if (a < 0 || b < 0) return 0;
    const DateValue& dx = *doc.mentions[a].date;
    const DateValue& dy = *doc.mentions[b].date;
    const std::string& x = dx.value;
    const std::string& y = dy.value;
    if (x == y) return 1;
    // A range ("this week") holds the days inside it.
    auto inside = [](const std::string& v, const DateValue& r) {
      return !r.value_end.empty() && v.compare(0, r.value.size(), r.value) >= 0 &&
             v.compare(0, r.value_end.size(), r.value_end) <= 0;
    };
    if (inside(x, dy) || inside(y, dx)) return 0;
    const size_t n = std::min(x.size(), y.size());
    return x.compare(0, n, y, 0, n) == 0 ? 0 : -1;
  }
  // The dead of two events, each the sum of its parts ("12 civilians and
  // five fighters" is "17 people").
  double Total(int first, const std::vector<int>& also) const {
    double v = doc.mentions[first].quantity->value;
    for (int m : also) v += doc.mentions[m].quantity->value;
    return v;
  }
  int SameCount(const EventRecord& a, const EventRecord& b) const {
    if (a.dead < 0 || b.dead < 0) return 0;
    return Total(a.dead, a.dead_also) == Total(b.dead, b.dead_also) ? 1 : -1;
  }

  void Corefer() {
    auto& ev = doc.events;
    for (size_t j = 0; j < ev.size(); ++j) {
      if (ev[j].same_as >= 0) continue;  // linked as a definite reference back
      for (size_t back = 1; back <= j && back <= 64; ++back) {
        const size_t i = j - back;
        const EventRecord& a = ev[i];
        EventRecord& b = ev[j];
        if (a.plover != b.plover || a.negated != b.negated || a.hypothetical != b.hypothetical) continue;
        if (!a.mode.empty() && !b.mode.empty() && a.mode != b.mode) continue;
        const int checks[] = {SameAgent(a.actor, b.actor), SameAgent(a.target, b.target),
                              SamePlace(a.place, b.place), SameDate(a.date, b.date),
                              SameCount(a, b)};
        // Actor and target count 1, place, date and casualties 2: at least
        // 4, so "the U.S. attacked the SAA" twice with nothing else is two,
        // and one actor striking near one place twice is two as well.
        static const int kWeight[] = {1, 1, 2, 2, 2};
        int same = 0;
        bool conflict = false;
        for (int r = 0; r < 5; ++r) {
          if (checks[r] < 0) conflict = true;
          if (checks[r] > 0) same += kWeight[r];
        }
        // "The strike on Hajin" after "jets struck Hajin": a definite noun
        // needs less.
        if (conflict || same < (definite[j] ? 2 : 4)) continue;
        b.same_as = a.same_as >= 0 ? a.same_as : static_cast<int>(i);
        if (explain)
          b.evidence.push_back("same event as the one at sentence " + std::to_string(a.sentence) +
                               " (match weight " + std::to_string(same) + ", no role conflicting)");
        break;
      }
    }
    for (size_t i = 0; i < ev.size(); ++i) ev[i].id = "v" + std::to_string(i + 1);
  }
};

void EventsAnnotator::Apply(Document* doc) const {
  doc->events.clear();
  doc->events_rejected.clear();
  if (doc->sentences.empty() || doc->mentions.empty() || rows_.empty()) return;
  Impl impl(*this, *doc);
  impl.Run();
  impl.Corefer();
  if (doc->explain) doc->events_rejected = std::move(impl.dropped_);
}

}  // namespace dossier
