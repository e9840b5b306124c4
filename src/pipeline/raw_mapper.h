// RawMapper: OffsetMap::MapBegin and MapEnd for the record writer
// (Pipeline::Render), which asks for the raw span of every paragraph,
// sentence, quote and mention, each array in text order.
#ifndef DOSSIER_PIPELINE_RAW_MAPPER_H_
#define DOSSIER_PIPELINE_RAW_MAPPER_H_

#include <algorithm>
#include <cstddef>
#include <vector>

#include "dossier/offset_map.h"

namespace dossier {

// OffsetMap::MapBegin and MapEnd for queries that mostly move forward
// (each array of the record is in text order): the piece is found by
// stepping on from the previous one instead of a binary search over all
// pieces, which costs more than the rest of a mention's offsets. The same
// piece (the first whose out_end > out, or the last) and the same
// arithmetic, so the same answers.
class RawMapper {
 public:
  explicit RawMapper(const OffsetMap& map) : pieces_(map.pieces()) {}

  size_t MapBegin(size_t out) {
    if (pieces_.empty()) return 0;
    if (out >= pieces_.back().out_end) return pieces_.back().in_end;
    const OffsetMap::Piece& p = pieces_[Find(out)];
    if (p.copy) return p.in_begin + (out - p.out_begin);
    return p.in_begin;
  }
  size_t MapEnd(size_t out_end) {
    if (pieces_.empty()) return 0;
    if (out_end == 0) return pieces_.front().in_begin;
    const OffsetMap::Piece& p = pieces_[Find(out_end - 1)];
    if (p.copy) return p.in_begin + (std::min<size_t>(out_end, p.out_end) - p.out_begin);
    return p.in_end;
  }

 private:
  // Pieces are contiguous, so out_end never falls: every piece before
  // next_ ends at or before `out` unless the one just before it does not,
  // and then the answer lies before next_ (binary search there).
  size_t Find(size_t out) {
    const auto ends_after = [](size_t v, const OffsetMap::Piece& p) { return v < p.out_end; };
    if (next_ > 0 && pieces_[next_ - 1].out_end > out) {
      next_ = static_cast<size_t>(
          std::upper_bound(pieces_.begin(), pieces_.begin() + static_cast<ptrdiff_t>(next_), out,
                           ends_after) -
          pieces_.begin());
      return next_;
    }
    while (next_ + 1 < pieces_.size() && pieces_[next_].out_end <= out) ++next_;
    return next_;
  }

  const std::vector<OffsetMap::Piece>& pieces_;
  size_t next_ = 0;  // the previous answer
};

}  // namespace dossier

#endif  // DOSSIER_PIPELINE_RAW_MAPPER_H_
