// A family of team-written articles for the provenance tests: an original
// report, a republication with a notice and other boilerplate, an edited
// copy, a French translation, an analysis that embeds two of its paragraphs,
// and an unrelated report on the same war (which must stay apart). All
// events, outlets and people here are invented for the tests.
#ifndef DOSSIER_TESTS_CORPUS_FAMILY_H_
#define DOSSIER_TESTS_CORPUS_FAMILY_H_

namespace dossier::testing::family {

inline constexpr char kOriginalP1[] =
    "Artillery shells struck the covered market of Maarat al-Numan on Tuesday morning, killing "
    "nine civilians and wounding at least 31 others, according to rescue workers in Idlib "
    "province.";
inline constexpr char kOriginalP2[] =
    "The shells landed shortly after eight o'clock, when traders were opening their stalls and "
    "farmers from the surrounding villages were unloading vegetables from their trucks.";
inline constexpr char kOriginalP3[] =
    "Khaled Mansour, a volunteer with the local civil defence team, said four of the dead were "
    "children who had come to the market with their parents before school.";
inline constexpr char kOriginalP4[] =
    "Residents blamed government forces positioned near Khan Shaykhun, some 14 kilometres to the "
    "south, for the attack; the Syrian army did not respond to a request for comment.";
inline constexpr char kOriginalP5[] =
    "The market had reopened in January after repairs paid for by a charity from Turkey, and "
    "about 2,500 families depend on it for food and work, the town council said.";
inline constexpr char kOriginalP6[] =
    "Hospitals in Idlib and Ariha received the wounded; doctors said six of them were in a "
    "critical condition and would need to be moved across the border for surgery.";

// The original as the Levant Monitor published it.
inline std::string Original() {
  return std::string(kOriginalP1) + "\n\n" + kOriginalP2 + "\n\n" + kOriginalP3 + "\n\n" +
         kOriginalP4 + "\n\n" + kOriginalP5 + "\n\n" + kOriginalP6;
}

// A cross-post with a different intro line and the republication notice.
inline std::string Republication() {
  return std::string("Editor's note: we republish this report with permission.\n\n") +
         Original() +
         "\n\nThe original source of this article is Levant Monitor\n\nShare this article on "
         "social media and support independent reporting.";
}

// A copy edited by a wire desk: one sentence added, a few words changed.
inline std::string EditedCopy() {
  std::string s = Original();
  const std::string from = "on Tuesday morning";
  s.replace(s.find(from), from.size(), "early on Tuesday");
  const std::string p6 = kOriginalP6;
  s.replace(s.find(p6), p6.size(),
            "Hospitals in Idlib and Ariha took in the wounded; doctors said six of them were in "
            "a critical condition and would need to be moved across the border for surgery. "
            "The United Nations called for an investigation.");
  return s;
}

// The same report in French.
inline std::string French() {
  return "Des obus d'artillerie ont frappé mardi matin le marché couvert de Maarat al-Numan, "
         "tuant neuf civils et blessant au moins 31 autres personnes, selon les secouristes de "
         "la province d'Idlib.\n\n"
         "Les obus sont tombés peu après huit heures, alors que les commerçants ouvraient leurs "
         "étals et que les paysans des villages voisins déchargeaient leurs légumes.\n\n"
         "Khaled Mansour, volontaire de la défense civile locale, a déclaré que quatre des morts "
         "étaient des enfants venus au marché avec leurs parents avant l'école.\n\n"
         "Les habitants accusent les forces gouvernementales postées près de Khan Shaykhun, à "
         "quelque 14 kilomètres au sud ; l'armée syrienne n'a pas répondu à nos questions.\n\n"
         "Le marché avait rouvert en janvier après des travaux financés par une association de "
         "Turquie, et environ 2 500 familles en dépendent pour se nourrir et travailler.\n\n"
         "Les hôpitaux d'Idlib et d'Ariha ont accueilli les blessés ; six d'entre eux sont dans "
         "un état critique et devront être transférés de l'autre côté de la frontière.";
}

// An analysis that quotes two of the original's paragraphs whole.
inline std::string Analysis() {
  return std::string(
             "Markets have become the most dangerous places in northwest Syria, where three "
             "years of ceasefires have not stopped the shelling of towns along the front line.\n\n"
             "Aid groups count more than forty attacks on markets and bakeries since the last "
             "truce was signed, most of them in the hours when crowds are largest.\n\n") +
         kOriginalP1 + "\n\n" + kOriginalP5 +
         "\n\nThe pattern matters because the economy of the enclave runs through a handful of "
         "trading towns, and every closed market pushes more families into the camps.\n\n"
         "Diplomats in Geneva say the issue will be raised at the next round of talks, but few "
         "residents expect the guns to fall silent before the summer harvest.";
}

// A different event on the same war: must not join the family.
inline std::string Unrelated() {
  return "Airstrikes hit the outskirts of Saraqib on Sunday night, killing three fighters of an "
         "armed opposition group and destroying two of their vehicles, a war monitor said.\n\n"
         "The strikes followed two days of clashes along the highway between Aleppo and "
         "Damascus, where government troops have tried to advance since the winter.\n\n"
         "A commander of the group said his men had withdrawn from two hilltop positions but "
         "would return once the bombardment eased, and denied reports of heavy losses.\n\n"
         "Civilians in Saraqib have been leaving for the border area for weeks, and the town's "
         "schools have been closed since the start of the month.";
}

}  // namespace dossier::testing::family

#endif  // DOSSIER_TESTS_CORPUS_FAMILY_H_
