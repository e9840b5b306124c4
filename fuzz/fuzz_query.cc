// Fuzzes the read side behind `dossier serve`: the input is one request to
// one endpoint of src/query over a small store built once from team-written
// articles. The first byte picks the endpoint; the rest is a query string
// ("type=ASSAULT&from=2019-03") or, for one document, its id. Invariants: an
// answer is valid JSON that MakeJsonInert leaves without '<' or '>'; a
// refusal is the request's fault (InvalidInput or NotFound), never a storage
// or internal error, whatever the parameters hold (dates, boxes, FTS syntax,
// LIKE wildcards, huge numbers, invalid UTF-8).
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "corpus/clusters.h"
#include "corpus/provenance.h"
#include "fuzz_common.h"
#include "query/query.h"
#include "serve/server.h"
#include "store/store.h"

namespace {

using namespace dossier;

constexpr const char* kArticles[] = {
    "Warplanes struck a bakery in Saraqib on 5 March 2019, killing 7 people, the civil defence "
    "said.",
    "In March 2019, artillery shelled the town of Kafr Nabl in Idlib province, killing six "
    "civilians, residents said.",
    "Protesters gathered in Raqqa on 12 April 2019 to demand the reopening of the bridge, "
    "according to a statement by the local council.",
    "The Syrian Democratic Forces said in a statement that their positions near Manbij were hit "
    "on 4 May 2022. \"We will not leave,\" a teacher told reporters.",
};

Store* TheStore() {
  static Store* store = [] {
    char dir[] = "/tmp/dossier-fuzz-query-XXXXXX";
    if (!mkdtemp(dir)) std::abort();
    StoreOptions o;
    o.path = std::string(dir) + "/q.db";
    auto s = Store::Open(o);
    if (!s.ok()) std::abort();
    const Pipeline& pipeline = fuzz::GetPipeline();
    int n = 0;
    for (const char* text : kArticles) {
      fuzz::ReadResult r = fuzz::ReadMemory(text, Format::kText, IngestOptions{});
      for (RawDocument& raw : r.docs) {
        raw.path = "a" + std::to_string(n++) + ".txt";
        Result<Document> doc = pipeline.Process(raw);
        if (!doc.ok()) std::abort();
        if (!(*s)->Put(*doc, pipeline.Render(*doc)).ok()) std::abort();
      }
    }
    if (!(*s)->Flush().ok()) std::abort();
    corpus::ProvenanceIndex prov(s->get());
    corpus::EventClusterIndex clusters(s->get());
    if (!prov.CatchUp({}).ok() || !clusters.CatchUp().ok()) std::abort();
    return s->release();
  }();
  return store;
}

query::Params ParseQuery(std::string_view q) {
  query::Params p;
  size_t start = 0;
  while (start <= q.size()) {
    size_t amp = q.find('&', start);
    if (amp == std::string_view::npos) amp = q.size();
    const std::string_view item = q.substr(start, amp - start);
    const size_t eq = item.find('=');
    if (!item.empty())
      p.emplace(std::string(item.substr(0, eq)),
                eq == std::string_view::npos ? std::string() : std::string(item.substr(eq + 1)));
    start = amp + 1;
  }
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 4096) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  query::Query q(TheStore());
  const query::Params params = ParseQuery(rest);
  Result<std::string> out = std::string();
  switch (data[0] % 16) {
    case 0: out = q.Documents(params); break;
    case 1: out = q.Entities(params); break;
    case 2: out = q.Entity(params); break;
    case 3: out = q.Events(params); break;
    case 4: out = q.EventsGeoJson(params); break;
    case 5: out = q.Timeline(params); break;
    case 6: out = q.Facets(params); break;
    case 7: out = q.Clusters(params); break;
    case 8: out = q.ProvenanceGroups(params); break;
    case 9: out = q.Citations(params); break;
    case 10: out = q.Outlets(params); break;
    case 11: out = q.Document(rest); break;
    case 12: out = q.Raw(rest); break;
    case 13: out = q.Health(); break;
    default: {
      // The export path of the CLI and /api/export.
      auto filter = query::ParseEventFilter(params);
      if (!filter.ok()) {
        FUZZ_CHECK(filter.status().code() == StatusCode::kInvalidInput);
        return 0;
      }
      const std::string what = params.count("what") ? params.find("what")->second : "events";
      const std::string format = params.count("format") ? params.find("format")->second : "jsonl";
      Status st = query::Export(TheStore(), what, format, *filter, [](std::string_view) { return true; });
      FUZZ_CHECK(st.ok() || st.code() == StatusCode::kInvalidInput);
      return 0;
    }
  }
  if (!out.ok()) {
    FUZZ_CHECK(out.status().code() == StatusCode::kInvalidInput ||
               out.status().code() == StatusCode::kNotFound);
    return 0;
  }
  std::string body = std::move(out).value();
  serve::MakeJsonInert(&body);
  FUZZ_CHECK(body.find('<') == std::string::npos && body.find('>') == std::string::npos);
  FUZZ_CHECK(nlohmann::json::accept(body));
  return 0;
}
