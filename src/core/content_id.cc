#include "dossier/content_id.h"

#include <xxhash.h>

#include <cstdio>

namespace dossier {

std::string ContentId(std::string_view data) {
  XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx",
                static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

std::string ShortHash(std::string_view data) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(data.data(), data.size())));
  return buf;
}

}  // namespace dossier
