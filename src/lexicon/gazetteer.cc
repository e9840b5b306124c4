#include "lexicon/gazetteer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "lexicon/gazetteer_format.h"

#ifndef DOSSIER_GENERATED_DIR
#define DOSSIER_GENERATED_DIR "generated-data"
#endif

namespace dossier {

using gazfmt::EntryRecord;
using gazfmt::Header;
using gazfmt::Posting;
using gazfmt::Slot;

struct Gazetteer::Impl {
  void* map = nullptr;
  size_t map_size = 0;
  const char* base = nullptr;
  Header header{};
  const EntryRecord* entries = nullptr;
  const char* pool = nullptr;
  uint64_t pool_size = 0;
  const Posting* postings = nullptr;
  uint64_t posting_count = 0;
  const Slot* tables[gazfmt::kTableCount] = {};
  uint64_t slot_counts[gazfmt::kTableCount] = {};
  std::string version;

  ~Impl() {
    if (map != nullptr) munmap(map, map_size);
  }

  // The pool string at `off`, or "" if the offset or length runs outside the
  // pool (only a corrupt file does that).
  std::string_view Str(uint32_t off) const {
    if (static_cast<uint64_t>(off) + 2 > pool_size) return {};
    uint16_t len;
    std::memcpy(&len, pool + off, 2);
    if (static_cast<uint64_t>(off) + 2 + len > pool_size) return {};
    return std::string_view(pool + off + 2, len);
  }

  // The slot holding `key` in `table`, or nullptr.
  const Slot* Find(gazfmt::Table table, std::string_view key) const {
    uint64_t n = slot_counts[table];
    if (n == 0 || key.empty()) return nullptr;
    uint64_t h = gazfmt::KeyHash(key);
    uint64_t i = gazfmt::SlotFor(h, n);
    // Bounded probe: a corrupt table without empty slots cannot loop forever.
    for (uint64_t probes = 0; probes < n; ++probes) {
      const Slot& s = tables[table][i];
      if (s.hash == 0) return nullptr;
      if (s.hash == h) return &s;
      if (++i == n) i = 0;
    }
    return nullptr;
  }

  // The postings of `slot`, clipped to the postings section.
  std::pair<const Posting*, uint32_t> PostingsOf(const Slot* slot) const {
    if (slot == nullptr || slot->start >= posting_count) return {nullptr, 0};
    uint64_t count =
        std::min<uint64_t>(slot->count, posting_count - slot->start);
    return {postings + slot->start, static_cast<uint32_t>(count)};
  }

  void Lookup(gazfmt::Table table, std::string_view key,
              std::vector<NameHit>* out) const {
    auto [p, n] = PostingsOf(Find(table, key));
    // The writer keeps one posting per entry and key (sorted by entry), so
    // no entry comes back twice and there is nothing to dedupe here.
    out->reserve(out->size() + n);
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t e = p[i].entry & ~gazfmt::kPreferredBit;
      if (e >= header.entry_count) continue;
      out->push_back(NameHit{e, Str(p[i].spelling),
                             (p[i].entry & gazfmt::kPreferredBit) != 0});
    }
  }

  std::optional<uint32_t> Code(std::string_view code) const {
    auto [p, n] = PostingsOf(Find(gazfmt::kCodeTable, code));
    if (n == 0) return std::nullopt;
    uint32_t e = p[0].entry & ~gazfmt::kPreferredBit;
    if (e >= header.entry_count) return std::nullopt;
    return e;
  }
};

static Status Corrupt(const std::string& path, const std::string& what) {
  return InvalidInput(
      "gazetteer " + path + ": " + what +
      " (rebuild it: cmake --build <build dir> --target gazetteer)");
}

static bool SectionOk(const gazfmt::Section& s, uint64_t file_size,
                      uint64_t align) {
  return s.offset <= file_size && s.size <= file_size - s.offset &&
         s.offset % align == 0;
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::Open(
    const std::string& path) {
  static_assert(std::endian::native == std::endian::little,
                "the gazetteer file is little-endian");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) {
      return NotFound(
          "gazetteer " + path +
          ": no such file (build it with: cmake --build <build dir> --target "
          "gazetteer, or set DOSSIER_GAZETTEER)");
    }
    return IoError("gazetteer " + path + ": " + std::strerror(err));
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return IoError("gazetteer " + path + ": " + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return InvalidInput("gazetteer " + path + ": not a regular file");
  }
  uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size < sizeof(Header)) {
    ::close(fd);
    return Corrupt(path, "truncated: " + std::to_string(size) +
                             " bytes, shorter than the " +
                             std::to_string(sizeof(Header)) + "-byte header");
  }
  void* map = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  int map_err = errno;
  ::close(fd);
  if (map == MAP_FAILED)
    return IoError("gazetteer " + path + ": mmap: " + std::strerror(map_err));

  std::shared_ptr<Gazetteer> g(new Gazetteer());
  g->impl_ = std::make_unique<Impl>();
  Impl& im = *g->impl_;
  im.map = map;
  im.map_size = size;
  im.base = static_cast<const char*>(map);
  std::memcpy(&im.header, im.base, sizeof(Header));
  const Header& h = im.header;
  if (std::memcmp(h.magic, gazfmt::kMagic, sizeof(h.magic)) != 0)
    return Corrupt(path, "not a dossier gazetteer (bad magic)");
  if (h.version != gazfmt::kFormatVersion || h.header_size != sizeof(Header)) {
    return Corrupt(path, "format version " + std::to_string(h.version) +
                             ", this dossier reads " +
                             std::to_string(gazfmt::kFormatVersion));
  }
  if (h.file_size != size) {
    return Corrupt(path, (size < h.file_size ? "truncated: " : "wrong size: ") +
                             std::to_string(size) + " bytes, the header says " +
                             std::to_string(h.file_size));
  }
  if (!SectionOk(h.entries, size, 8) ||
      h.entries.size != uint64_t{h.entry_count} * sizeof(EntryRecord))
    return Corrupt(path, "entry section out of bounds");
  if (!SectionOk(h.pool, size, 1) || h.pool.size > UINT32_MAX)
    return Corrupt(path, "string pool out of bounds");
  if (!SectionOk(h.postings, size, 4) ||
      h.postings.size != h.posting_count * sizeof(Posting))
    return Corrupt(path, "posting section out of bounds");
  for (uint32_t t = 0; t < gazfmt::kTableCount; ++t) {
    if (!SectionOk(h.tables[t], size, 8) ||
        h.tables[t].size % sizeof(Slot) != 0)
      return Corrupt(path,
                     "hash table " + std::to_string(t) + " out of bounds");
    im.tables[t] = reinterpret_cast<const Slot*>(im.base + h.tables[t].offset);
    im.slot_counts[t] = h.tables[t].size / sizeof(Slot);
  }
  im.entries = reinterpret_cast<const EntryRecord*>(im.base + h.entries.offset);
  im.pool = im.base + h.pool.offset;
  im.pool_size = h.pool.size;
  im.postings = reinterpret_cast<const Posting*>(im.base + h.postings.offset);
  im.posting_count = h.posting_count;
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx",
                static_cast<unsigned long long>(h.content_hash));
  im.version = hex;
  // Lookups touch a few pages each; tell the kernel not to read ahead.
  madvise(map, size, MADV_RANDOM);
  return std::shared_ptr<const Gazetteer>(std::move(g));
}

std::string Gazetteer::DefaultPath() {
  const char* env = std::getenv("DOSSIER_GAZETTEER");
  if (env != nullptr && *env != '\0') return env;
  return std::string(DOSSIER_GENERATED_DIR) + "/gazetteer.bin";
}

Gazetteer::~Gazetteer() = default;

size_t Gazetteer::size() const { return impl_->header.entry_count; }

PlaceEntry Gazetteer::entry(uint32_t index) const {
  PlaceEntry e;
  if (index >= impl_->header.entry_count) return e;
  EntryRecord r;
  std::memcpy(&r, &impl_->entries[index], sizeof(r));
  e.index = index;
  e.name = impl_->Str(r.name);
  e.ref = impl_->Str(r.ref);
  e.lat = r.lat;
  e.lon = r.lon;
  e.country = impl_->Str(r.country);
  e.admin1_code = impl_->Str(r.admin1_code);
  e.admin1 = impl_->Str(r.admin1);
  e.feature = impl_->Str(r.feature);
  e.feature_code = impl_->Str(r.feature_code);
  e.population = r.population;
  e.precision = impl_->Str(r.precision);
  return e;
}

void Gazetteer::LookupKey(std::string_view name_key,
                          std::vector<NameHit>* out) const {
  impl_->Lookup(gazfmt::kNameKeyTable, name_key, out);
}

void Gazetteer::LookupSkeleton(std::string_view skeleton,
                               std::vector<NameHit>* out) const {
  impl_->Lookup(gazfmt::kSkeletonTable, skeleton, out);
}

std::optional<uint32_t> Gazetteer::Country(std::string_view iso2) const {
  return impl_->Code("C:" + std::string(iso2));
}

std::optional<uint32_t> Gazetteer::Admin1(std::string_view iso2,
                                          std::string_view admin1_code) const {
  return impl_->Code("A1:" + std::string(iso2) + "." +
                     std::string(admin1_code));
}

bool Gazetteer::IsCommonWord(std::string_view folded_word) const {
  return impl_->Find(gazfmt::kCommonWordTable, folded_word) != nullptr;
}

bool Gazetteer::IsCommonPlural(std::string_view w) const {
  const size_t n = w.size();
  if (n <= 3 || w.back() != 's') return false;
  if (IsCommonWord(w.substr(0, n - 1)) ||
      (n > 4 && w.substr(n - 2) == "es" && IsCommonWord(w.substr(0, n - 2))))
    return true;
  if (n > 4 && w.substr(n - 3) == "ies") {
    std::string y(w.substr(0, n - 3));
    y.push_back('y');
    return IsCommonWord(y);
  }
  return false;
}

std::optional<std::string> Gazetteer::CountryOfDemonym(
    std::string_view demonym_key) const {
  auto [p, n] =
      impl_->PostingsOf(impl_->Find(gazfmt::kDemonymTable, demonym_key));
  if (n == 0) return std::nullopt;
  PlaceEntry e = entry(p[0].entry & ~gazfmt::kPreferredBit);
  if (e.country.empty()) return std::nullopt;
  return std::string(e.country);
}

int Gazetteer::max_tokens() const {
  return static_cast<int>(impl_->header.max_tokens);
}

const std::string& Gazetteer::version() const { return impl_->version; }

}  // namespace dossier
