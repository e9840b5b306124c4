// OffsetMap: where each byte of a derived text came from in its source.
// Every cleaning step (decoding, HTML extraction, markup stripping, NFC,
// whitespace collapsing) builds its output with a TextBuilder, which records
// an OffsetMap from output bytes to input bytes. Maps compose, so the final
// document text maps back to the decoded raw input (contract.md "raw").
// Offsets here are UTF-8 byte offsets; the JSON writer converts to code points.
#ifndef DOSSIER_OFFSET_MAP_H_
#define DOSSIER_OFFSET_MAP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

class OffsetMap {
 public:
  // One run of output bytes [out_begin, out_end) produced from input bytes
  // [in_begin, in_end). A copy piece is byte-for-byte identical (so lengths
  // are equal and offsets inside it map one to one); a replace piece maps its
  // whole output run to its whole input run (an entity, a collapsed run of
  // whitespace, an inserted separator with an empty input range).
  struct Piece {
    uint32_t out_begin, out_end, in_begin, in_end;
    bool copy;
  };

  OffsetMap() = default;
  // The map of a text copied unchanged, `length` bytes long.
  static OffsetMap Identity(size_t length);

  // Appends pieces; output ranges must be appended in order without gaps.
  void AddCopy(size_t out_begin, size_t in_begin, size_t length);
  void AddReplace(size_t out_begin, size_t out_length, size_t in_begin,
                  size_t in_end);

  // Input offset where the output byte at `out` came from. `out` may equal
  // output_size(), which maps to the end of the last piece.
  size_t MapBegin(size_t out) const;
  // Input end offset for an output span ending (exclusive) at `out_end`.
  size_t MapEnd(size_t out_end) const;

  // Given this: A -> B and `inner`: B -> C, returns A -> C.
  OffsetMap Compose(const OffsetMap& inner) const;

  size_t output_size() const { return pieces_.empty() ? 0 : pieces_.back().out_end; }
  const std::vector<Piece>& pieces() const { return pieces_; }
  bool empty() const { return pieces_.empty(); }

 private:
  // Index of the piece containing output byte `out` (last piece if past end).
  size_t FindPiece(size_t out) const;
  std::vector<Piece> pieces_;
};

// Builds a text and its OffsetMap to the input it is derived from.
class TextBuilder {
 public:
  // Appends `s`, which is identical to input bytes [in_begin, in_begin+size).
  void Copy(std::string_view s, size_t in_begin);
  // Appends `s`, derived from input bytes [in_begin, in_end).
  void Replace(std::string_view s, size_t in_begin, size_t in_end);
  // Appends synthetic `s` (a separator) anchored at input offset `at`.
  void Insert(std::string_view s, size_t at) { Replace(s, at, at); }
  // Removes trailing bytes down to `size` (used to trim whitespace).
  void Truncate(size_t size);

  size_t size() const { return text_.size(); }
  const std::string& text() const { return text_; }
  bool empty() const { return text_.empty(); }
  char back() const { return text_.back(); }
  const OffsetMap& map() const { return map_; }

  std::string TakeText() { return std::move(text_); }
  OffsetMap TakeMap() { return std::move(map_); }

 private:
  std::string text_;
  OffsetMap map_;
};

}  // namespace dossier

#endif  // DOSSIER_OFFSET_MAP_H_
