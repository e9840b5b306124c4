// Helpers for the ingest tests: a sink that collects everything ReadInput
// reports, gzip compression of test inputs, and checks on body maps.
#ifndef DOSSIER_TESTS_INGEST_INGEST_TEST_UTIL_H_
#define DOSSIER_TESTS_INGEST_INGEST_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/document.h"
#include "dossier/status.h"
#include "ingest/ingest.h"

namespace dossier::testing {

struct ReportedError {
  std::string path;
  int64_t line = 0;
  StatusCode code = StatusCode::kOk;
  std::string message;
};

class CollectingSink : public IngestSink {
 public:
  bool OnDocument(RawDocument&& doc) override {
    docs.push_back(std::move(doc));
    return docs.size() < stop_after;
  }
  void OnError(const std::string& path, int64_t line,
               const Status& why) override {
    errors.push_back({path, line, why.code(), why.message()});
  }
  void OnProgress(uint64_t bytes_done) override {
    progress.push_back(bytes_done);
  }

  std::vector<RawDocument> docs;
  std::vector<ReportedError> errors;
  std::vector<uint64_t> progress;
  size_t stop_after = std::numeric_limits<size_t>::max();
};

// Reads `path` with ReadInput into a fresh sink; the returned status is
// stored in `status` if given.
inline CollectingSink ReadPath(const std::string& path,
                               const IngestOptions& options = {},
                               Status* status = nullptr) {
  CollectingSink sink;
  Status s = ReadInput(InputFile{path, 0}, options, sink);
  if (status != nullptr) *status = s;
  return sink;
}

// Gzip-compresses `data` (one member).
inline std::string Gzip(std::string_view data) {
  z_stream zs{};
  deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 64,
                  '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// The raw text that body bytes [begin, end) map to.
inline std::string_view RawOf(const RawDocument& doc, size_t begin,
                              size_t end) {
  const size_t b = doc.body_map.MapBegin(begin);
  const size_t e = doc.body_map.MapEnd(end);
  return std::string_view(*doc.raw).substr(b, e - b);
}

// Checks that body_map covers the body, stays inside raw, moves forward, and
// that every copy piece really is a copy.
inline void ExpectBodyMapConsistent(const RawDocument& doc) {
  ASSERT_NE(doc.raw, nullptr);
  const std::string& raw = *doc.raw;
  EXPECT_EQ(doc.body_map.output_size(), doc.body.size());
  uint32_t out = 0, last_in = 0;
  for (const OffsetMap::Piece& p : doc.body_map.pieces()) {
    EXPECT_EQ(p.out_begin, out);
    EXPECT_LE(p.in_begin, p.in_end);
    EXPECT_LE(p.in_end, raw.size());
    EXPECT_GE(p.in_begin, last_in);
    if (p.copy) {
      EXPECT_EQ(doc.body.substr(p.out_begin, p.out_end - p.out_begin),
                raw.substr(p.in_begin, p.in_end - p.in_begin));
    }
    out = p.out_end;
    last_in = p.in_end;
  }
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_INGEST_INGEST_TEST_UTIL_H_
