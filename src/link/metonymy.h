// Capitals that stand for their governments: "Washington insists ...",
// "Moscow's position", "Ankara will decide". The places layer reads them as
// the city (it is one); here, after all annotators ran, a capital mention
// used as an agent becomes an actor of its country with sector GOV. Cues are
// data (table "metonymy": words after the name that make it an agent, words
// before it that keep it a place); capitals come from the "countries" table
// (generated from npm world-countries, column "capital").
#ifndef DOSSIER_LINK_METONYMY_H_
#define DOSSIER_LINK_METONYMY_H_

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dossier/document.h"
#include "dossier/lexicon.h"

namespace dossier {

class Metonymy {
 public:
  // Reads tables "metonymy" (word, kind: agent_after|agent_aux|agent_before|
  // place_before) and
  // "countries" (code, iso3, name, capital). Either missing: no rewrites.
  explicit Metonymy(const Lexicon& lexicon);

  // Rewrites, in place, place mentions of a capital city that stand as the
  // subject, possessor or addressee of a clause (next word an agent_after
  // cue or "'s"; or the word before an agent_before verb: "blamed Moscow";
  // or coordinated with such a capital: "London and Washington were") and
  // whose word before is not a place_before cue ("in", "to", "from") into
  // actor mentions: kind "actor", ref "actor:<ISO3>", name the country's,
  // actor {country, [GOV]}, no geo, rule "metonymy:capital".
  void Apply(const Document& doc, std::vector<Mention>* mentions) const;

  bool enabled() const { return !capitals_.empty() && !agent_after_.empty(); }

 private:
  struct Country {
    std::string iso2, iso3, name;
  };
  // Folded capital name ("washington d c" and its first token "washington").
  std::unordered_map<std::string, Country> capitals_;
  std::unordered_set<std::string> agent_after_, agent_before_, place_before_;
  std::unordered_set<std::string> agent_aux_;  // "has", "had": agent unless "been" follows
};

}  // namespace dossier

#endif  // DOSSIER_LINK_METONYMY_H_
