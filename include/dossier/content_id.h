// Stable content ids: the same input bytes always get the same id, on any
// machine and in any dossier version, so re-ingesting adds nothing.
#ifndef DOSSIER_CONTENT_ID_H_
#define DOSSIER_CONTENT_ID_H_

#include <string>
#include <string_view>

namespace dossier {

// 32 lower-case hex digits of XXH3-128 over `data`.
std::string ContentId(std::string_view data);
// 16 hex digits of XXH3-64 over `data` (lexicon versions, short keys).
std::string ShortHash(std::string_view data);

}  // namespace dossier

#endif  // DOSSIER_CONTENT_ID_H_
