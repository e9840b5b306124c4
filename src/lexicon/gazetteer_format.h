// The on-disk layout of the gazetteer file, shared by its writer
// (gazetteer_builder.cc) and its reader (gazetteer.cc) and by nothing else.
//
// One little-endian file (dossier only builds for little-endian hosts; the
// writer refuses to run elsewhere):
//
//   Header     magic "DOSSGAZ1", format version, file size, content hash,
//              counts, and the offset/size of every section below.
//   entries    EntryRecord[entry_count], fixed size, strings as pool offsets.
//   pool       strings, each a uint16 byte length followed by the bytes.
//   postings   Posting[]: (entry, spelling) pairs, grouped per key.
//   tables     kTableCount hash tables, each Slot[slot_count]: open
//              addressing (linear probing, start = fastrange(hash)) over
//              64-bit XXH3 hashes of the key; a slot points at its run of
//              postings. Hash 0 marks an empty slot.
//
// Readers validate the header and section bounds at open, and every offset
// they follow at access, so a corrupt file yields empty answers or an error,
// never a read outside the mapping.
#ifndef DOSSIER_LEXICON_GAZETTEER_FORMAT_H_
#define DOSSIER_LEXICON_GAZETTEER_FORMAT_H_

#include <xxhash.h>

#include <cstdint>
#include <string_view>

namespace dossier::gazfmt {

inline constexpr char kMagic[8] = {'D', 'O', 'S', 'S', 'G', 'A', 'Z', '1'};
inline constexpr uint32_t kFormatVersion = 1;

// Which hash table is which. Keys hashed per table:
enum Table : uint32_t {
  kNameKeyTable = 0,     // NameKey(spelling)
  kSkeletonTable = 1,    // SkeletonKey(spelling), Latin-script spellings only
  kCodeTable = 2,        // "C:SY" -> country entry, "A1:SY.07" -> admin1 entry
  kCommonWordTable = 3,  // FoldName(word) of common English words; no postings
  kDemonymTable = 4,     // NameKey(demonym) -> country entry
  kTableCount = 5,
};

struct Section {
  uint64_t offset = 0;
  uint64_t size = 0;  // bytes
};

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t header_size;  // sizeof(Header), a check on the layout
  uint64_t file_size;
  uint64_t content_hash;  // XXH3-64 of every byte after the header
  uint32_t entry_count;
  uint32_t max_tokens;
  uint64_t posting_count;
  Section entries;
  Section pool;
  Section postings;
  Section tables[kTableCount];
};

struct EntryRecord {
  uint32_t name;  // pool offsets
  uint32_t ref;
  uint32_t country;
  uint32_t admin1_code;
  uint32_t admin1;
  uint32_t feature;
  uint32_t feature_code;
  uint32_t precision;
  double lat;
  double lon;
  uint64_t population;
};
static_assert(sizeof(EntryRecord) == 56);

struct Posting {
  uint32_t entry;     // entry index | kPreferredBit
  uint32_t spelling;  // pool offset of the matched spelling
};
inline constexpr uint32_t kPreferredBit = 0x80000000u;

struct Slot {
  uint64_t hash;   // 0 = empty
  uint32_t start;  // first posting
  uint32_t count;  // number of postings
};
static_assert(sizeof(Slot) == 16);

// The 64-bit hash a key is filed under (never 0, which marks empty slots).
inline uint64_t KeyHash(std::string_view key) {
  uint64_t h = XXH3_64bits(key.data(), key.size());
  return h == 0 ? 1 : h;
}

// Start slot for `hash` in a table of `n` slots (Lemire's fastrange).
inline uint64_t SlotFor(uint64_t hash, uint64_t n) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(hash) * n) >>
                               64);
}

}  // namespace dossier::gazfmt

#endif  // DOSSIER_LEXICON_GAZETTEER_FORMAT_H_
