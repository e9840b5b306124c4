// The provenance family of tests/corpus/family.h as JSON Lines input for
// `dossier ingest`, shared by the corpus CLI tests (corpus_test.cc and the
// two-backend corpus_backends_test.cc).
#ifndef DOSSIER_TESTS_CLI_FAMILY_JSONL_H_
#define DOSSIER_TESTS_CLI_FAMILY_JSONL_H_

#include <nlohmann/json.hpp>
#include <string>

#include "corpus/family.h"

namespace dossier::testing {

// One JSON Lines record with the metadata the corpus layer matches on.
inline std::string Line(const std::string& id, const std::string& title,
                        const std::string& outlet, const std::string& published,
                        const std::string& text) {
  nlohmann::json j = {{"id", id},         {"title", title}, {"outlet", outlet},
                      {"published", published}, {"text", text}};
  return j.dump() + "\n";
}

// The family as JSON Lines, the copies before the original (so the origin
// has to be derived again when it arrives).
inline std::string FamilyJsonl() {
  return Line("rep", "Shelling kills nine in Maarat al-Numan market", "Daily Frontier",
              "2021-03-03", family::Republication()) +
         Line("edit", "Nine killed as shells hit Idlib market", "Eastern Wire", "2021-03-03",
              family::EditedCopy()) +
         Line("orig", "Shelling kills nine in Maarat al-Numan market", "Levant Monitor",
              "2021-03-02", family::Original()) +
         Line("fr", "Neuf morts dans le bombardement du marché de Maarat al-Numan",
              "Le Courrier du Levant", "2021-03-04", family::French()) +
         Line("analysis", "Why markets are targets", "Frontline Review", "2021-03-03",
              family::Analysis()) +
         Line("other", "Airstrikes hit Saraqib outskirts", "Levant Monitor", "2021-03-08",
              family::Unrelated());
}

// An independent report of the family's shelling (another outlet, its own
// words and source): the same happening from a second origin.
inline constexpr char kIndependentReport[] =
    "Nine people died when shells hit the covered market in Maarat al-Numan in Idlib "
    "province on Tuesday, a doctor at the town's hospital told reporters by telephone.\n\nHe "
    "said the wounded included several traders and a boy of ten.";

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_CLI_FAMILY_JSONL_H_
