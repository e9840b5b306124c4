// The actors layer: finds who acts in a text — named armed groups, states,
// governments and their organs, IGOs and NGOs (data/actors.tsv), media
// outlets (data/outlets.tsv), state actors built from a country or demonym
// and an agent noun ("Syrian soldiers", "US-led coalition", "US-backed
// opposition militias"; data/agents.tsv, data/actor_modifiers.tsv and the
// generated "countries" table), and people (titles + names, given name +
// surname, a curated list of well-known people, and later bare surnames).
//
// Mentions (Mention::kind, ref scheme):
//   actor         named armed group / state force from actors.tsv:
//                   ref "actor:<id>" ("actor:ISIS"), actor.group = id;
//                 state actor from a country or demonym: ref "actor:<ISO3>"
//                   ("actor:SYR" for "Syrian soldiers", contract.md), actor
//                   {country, sectors, group ("coalition" for "US-led
//                   coalition"), backed_by};
//                 generic agent without a country ("civilians", "Kurdish
//                   fighters"): ref "" (there is no canonical entry), actor
//                   {sectors} only; a named group with a backer ("Iranian-
//                   backed Popular Mobilization Forces"): the group's ref.
//   organization  IGOs, NGOs, government organs from actors.tsv: ref
//                 "org:<id>" ("org:UN-SC"); names no table lists, by a head
//                 word of org_heads.tsv after capitalised words ("the Douma
//                 Local Council"): no ref, rule "org_heads.tsv:<head>" (also
//                 outlets: "the Raqqa Times").
//   outlet        outlets.tsv: ref "outlet:<slug of canonical>" ("outlet:cnn",
//                 "outlet:mintpress-news"), actor {country, [MED]}.
//   person        ref "person:<slug of canonical full name>"
//                 ("person:john-dorrian"), name = canonical full name.
//
// Spans: exact bytes of the words that name the entity. A possessive "'s" is
// not part of the span; a leading Arabic article glued to the name is
// ("al-Qaeda"); "The" is included only when capitalised and part of the
// name ("The Duran"). Person spans hold the name without its title
// ("Colonel John Dorrian" -> "John Dorrian", rule "title:Colonel").
// "Israeli airstrikes": a country/demonym directly before an attack noun
// (agents.tsv role "attack") is emitted alone ("Israeli", IL MIL): the
// attack is an event, its author is the actor.
//
// Never emitted: bare country names ("Syria": the places layer's), bare
// demonyms ("Syrian" alone), "IS" outside a group context (see
// actors.tsv column `context`), short all-caps aliases written in another
// case ("who", "is"), "Abu Kamal"-like two-part names starting with a kunya.
//
// Contract of the output: mentions lie each in one sentence, never overlap
// one another (longest wins, then the more specific rule), and are sorted by
// span. Rules (Mention::rule): "actors.tsv:<alias>" ("+agent" when an agent
// noun joins the group: "ISIS fighters"), "backer+actors.tsv:<alias>"
// ("Iranian-backed Popular Mobilization Forces"), "outlets.tsv:<alias>",
// "people.tsv:<alias>", "org_heads.tsv:<head>", "country" ("the U.S."), "demonym+agent",
// "modifier+agent", "agent", "demonym+attack", "title:<title>",
// "given_name+surname", "coref:surname" (only surnames of names of two or
// more words are carried forward).
//
// Speed: one pass over each sentence's tokens; each word is folded and
// hashed once (into buffers reused across sentences) and looked up, behind
// a Bloom filter, in an open-addressing table from the first folded word of
// every alias to its candidate patterns (longest first); the later words of
// a pattern are compared by hash first. Stopwords are looked up only next to
// a hit; evidence strings are built only for `dossier explain`
// (Document::explain). No regular expressions.
#ifndef DOSSIER_ANNOTATE_ACTORS_ACTOR_FINDER_H_
#define DOSSIER_ANNOTATE_ACTORS_ACTOR_FINDER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/annotator.h"
#include "dossier/document.h"
#include "dossier/lexicon.h"

namespace dossier {

class ActorFinder : public Annotator {
 public:
  // Compiles the tables "actors", "outlets", "agents", "actor_modifiers",
  // "titles", "given_names", "people", "person_stopwords", "org_heads" and "countries"
  // of `lexicon` (any may be absent: the rules that need it then find
  // nothing). Rows that cannot be used are listed in problems(). Immutable
  // afterwards.
  explicit ActorFinder(const Lexicon& lexicon);
  ~ActorFinder() override;

  std::string_view Name() const override { return "actors"; }

  // Appends the actor, organization, outlet and person mentions of `doc`
  // (see the contract above); Mention::evidence only when doc.explain. Uses doc.tokens and doc.sentences; when the
  // document has no sentences the whole text is one sentence (sentence 0).
  // Person-shape candidates that coincide with a place mention already in
  // doc.mentions are dropped. Thread-safe.
  void Annotate(const Document& doc, std::vector<Mention>* out) const override;

  // Convenience for tests and explain: the mentions of `text` segmented by
  // the caller into `tokens` and `sentences`, with Mention::evidence.
  std::vector<Mention> Find(std::string_view text, const std::vector<Token>& tokens,
                            const std::vector<Span>& sentences) const;

  // Table rows skipped while compiling, as "table: row: reason".
  const std::vector<std::string>& problems() const;
  // Number of compiled patterns (all tables).
  size_t pattern_count() const;

  struct Tables;  // compiled data, in actor_finder.cc

 private:
  // Appends to *out, in text order; fills Mention::evidence only if
  // `explain`.
  void FindImpl(std::string_view text, const std::vector<Token>& tokens,
                const std::vector<Span>& sentences, const std::vector<Mention>* earlier,
                bool explain, std::vector<Mention>* out) const;
  std::unique_ptr<const Tables> t_;
};

// "John Dorrian" -> "john-dorrian", "MintPress News" -> "mintpress-news":
// FoldName with spaces turned into '-'.
std::string Slug(std::string_view name);

namespace actors_internal {

// The word fold and hash of the matcher, for tests. FoldWord(word, &fold)
// sets `fold` to the word's fold (FoldName without spaces, periods and
// apostrophes dropped: "U.S." -> "us") and returns the hash BuildWords
// gives it, which must be WordHash(fold): the tables are keyed by WordHash.
uint64_t FoldWord(std::string_view word, std::string* fold);
// The same by the byte-at-a-time path FoldWord falls back to for words it
// cannot fold a chunk at a time: the reference the chunked path must match.
uint64_t FoldWordSlow(std::string_view word, std::string* fold);
uint64_t WordHash(std::string_view fold);

}  // namespace actors_internal

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_ACTORS_ACTOR_FINDER_H_
