#include "dossier/offset_map.h"

#include <algorithm>
#include <cassert>

namespace dossier {

OffsetMap OffsetMap::Identity(size_t length) {
  OffsetMap m;
  if (length > 0) m.AddCopy(0, 0, length);
  return m;
}

void OffsetMap::AddCopy(size_t out_begin, size_t in_begin, size_t length) {
  if (length == 0) return;
  assert(out_begin == output_size());
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    if (last.copy && last.in_end == in_begin) {  // extend a contiguous copy
      last.out_end += static_cast<uint32_t>(length);
      last.in_end += static_cast<uint32_t>(length);
      return;
    }
  }
  pieces_.push_back({static_cast<uint32_t>(out_begin),
                     static_cast<uint32_t>(out_begin + length),
                     static_cast<uint32_t>(in_begin),
                     static_cast<uint32_t>(in_begin + length), true});
}

void OffsetMap::AddReplace(size_t out_begin, size_t out_length,
                           size_t in_begin, size_t in_end) {
  if (out_length == 0) return;
  assert(out_begin == output_size());
  pieces_.push_back({static_cast<uint32_t>(out_begin),
                     static_cast<uint32_t>(out_begin + out_length),
                     static_cast<uint32_t>(in_begin),
                     static_cast<uint32_t>(in_end), false});
}

size_t OffsetMap::FindPiece(size_t out) const {
  // First piece whose out_end > out.
  auto it = std::upper_bound(
      pieces_.begin(), pieces_.end(), out,
      [](size_t v, const Piece& p) { return v < p.out_end; });
  if (it == pieces_.end()) return pieces_.size() - 1;
  return static_cast<size_t>(it - pieces_.begin());
}

size_t OffsetMap::MapBegin(size_t out) const {
  if (pieces_.empty()) return 0;
  if (out >= output_size()) return pieces_.back().in_end;
  const Piece& p = pieces_[FindPiece(out)];
  if (p.copy) return p.in_begin + (out - p.out_begin);
  return p.in_begin;
}

size_t OffsetMap::MapEnd(size_t out_end) const {
  if (pieces_.empty()) return 0;
  if (out_end == 0) return pieces_.front().in_begin;
  // The piece holding the last byte of the span.
  const Piece& p = pieces_[FindPiece(out_end - 1)];
  if (p.copy) return p.in_begin + (std::min<size_t>(out_end, p.out_end) - p.out_begin);
  return p.in_end;
}

OffsetMap OffsetMap::Compose(const OffsetMap& inner) const {
  OffsetMap out;
  if (inner.empty()) {
    // The middle text was empty: everything maps to offset 0 of C.
    for (const Piece& p : pieces_)
      out.AddReplace(p.out_begin, p.out_end - p.out_begin, 0, 0);
    return out;
  }
  for (const Piece& p : pieces_) {
    if (!p.copy || p.in_begin == p.in_end) {
      size_t b = inner.MapBegin(p.in_begin);
      size_t e = p.in_begin == p.in_end ? b : inner.MapEnd(p.in_end);
      out.AddReplace(p.out_begin, p.out_end - p.out_begin, b, std::max(b, e));
      continue;
    }
    // A copy piece: walk the inner pieces it spans.
    size_t mid = p.in_begin;
    size_t o = p.out_begin;
    while (mid < p.in_end) {
      const Piece& q = inner.pieces_[inner.FindPiece(mid)];
      size_t run_end = std::min<size_t>(p.in_end, q.out_end);
      if (run_end <= mid) run_end = p.in_end;  // past the inner map's end
      size_t len = run_end - mid;
      if (q.copy && mid >= q.out_begin && mid < q.out_end) {
        out.AddCopy(o, q.in_begin + (mid - q.out_begin), len);
      } else {
        out.AddReplace(o, len, inner.MapBegin(mid), inner.MapEnd(run_end));
      }
      o += len;
      mid = run_end;
    }
  }
  return out;
}

void TextBuilder::Copy(std::string_view s, size_t in_begin) {
  map_.AddCopy(text_.size(), in_begin, s.size());
  text_.append(s);
}

void TextBuilder::Replace(std::string_view s, size_t in_begin, size_t in_end) {
  map_.AddReplace(text_.size(), s.size(), in_begin, in_end);
  text_.append(s);
}

void TextBuilder::Truncate(size_t size) {
  if (size >= text_.size()) return;
  text_.resize(size);
  // Rebuild the tail of the map: drop pieces past `size`, cut the last one.
  OffsetMap rebuilt;
  for (const auto& p : map_.pieces()) {
    if (p.out_begin >= size) break;
    size_t end = std::min<size_t>(p.out_end, size);
    if (p.copy)
      rebuilt.AddCopy(p.out_begin, p.in_begin, end - p.out_begin);
    else
      rebuilt.AddReplace(p.out_begin, end - p.out_begin, p.in_begin, p.in_end);
  }
  map_ = std::move(rebuilt);
}

}  // namespace dossier
