// Normalises the dates that bylines, datelines and container metadata carry
// ("August 16, 2018", "15 August 2018", "Wed 05 Apr 2017", "JUNE 2023",
// "2018-08-16T09:00:00Z", "4/5/2017", "23-04-2016", "01.10.2017") to ISO 8601
// with the precision the text gives: "YYYY-MM-DD", "YYYY-MM" or "YYYY".
// Natural-language dates inside article text are the entity layer's job.
#ifndef DOSSIER_CLEAN_LOOSE_DATE_H_
#define DOSSIER_CLEAN_LOOSE_DATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace dossier {

enum class DateOrder { kMonthFirst, kDayFirst };

// Returns the ISO form of the single date written in `s`, or nullopt if `s`
// holds no complete date. `slash_order` decides "4/5/2017" (month first by
// default); a first number above 12 always means day first. Dashed and dotted
// numeric dates ("23-04-2016", "01.10.2017") are read day first.
std::optional<std::string> ParseLooseDate(std::string_view s,
                                          DateOrder slash_order = DateOrder::kMonthFirst);

// 1..12 for an English month name or abbreviation ("Sept", "jan."), else 0.
int MonthFromName(std::string_view word);

}  // namespace dossier

#endif  // DOSSIER_CLEAN_LOOSE_DATE_H_
