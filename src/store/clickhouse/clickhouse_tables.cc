#include "store/clickhouse/clickhouse_tables.h"

#include <cmath>
#include <cstdio>
#include <tuple>

#include "dossier/json_writer.h"
#include "dossier/utf8.h"

namespace dossier::clickhouse {
namespace {

// Column lists. Unknown text is '' rather than NULL (ClickHouse stores and
// scans plain String faster than Nullable); coordinates and casualty counts
// are Nullable because 0 is a value there. Dates are Date (the zero date
// when unknown) next to the value as written and its precision.
constexpr char kDocumentsColumns[] =
    "id String, source_key String, path String, url String, title String, outlet String, "
    "language String, published Date, published_value String, format String, "
    "encoding String, text_bytes UInt64, text_chars UInt64, sentences UInt32, "
    "entities UInt32, events UInt32, claims UInt32, citations UInt32, markers UInt32, "
    "sent DateTime";

constexpr char kEventsColumns[] =
    "document_id String, seq UInt32, event_id String, sentence Int32, start UInt32, "
    "end UInt32, trigger_text String, trigger_start UInt32, trigger_end UInt32, "
    "plover String, mode String, cameo String, acled String, acled_sub String, "
    "actor_text String, actor_ref String, actor_country String, actor_sector String, "
    "target_text String, target_ref String, target_country String, target_sector String, "
    "place_text String, place_ref String, place_lat Nullable(Float64), "
    "place_lon Nullable(Float64), place_country String, "
    "date Date, date_value String, date_precision String, "
    "dead_value Nullable(Float64), dead_low Nullable(Float64), dead_high Nullable(Float64), "
    "dead_qualifier String, injured_value Nullable(Float64), injured_low Nullable(Float64), "
    "injured_high Nullable(Float64), injured_qualifier String, "
    "voice String, source_text String, source_ref String, negated UInt8, hypothetical UInt8, "
    "modality String, same_as String, pattern String, confidence Float64, "
    "outlet String, url String, published Date, sent DateTime";

constexpr char kMentionsColumns[] =
    "event_key String, document_id String, seq UInt32, event_id String, outlet String, "
    "url String, published Date, published_value String, sentence Int32, "
    "sentence_start UInt32, sentence_end UInt32, start UInt32, end UInt32, "
    "trigger_start UInt32, trigger_end UInt32, trigger_text String, doc_chars UInt32, "
    "confidence Float64, voice String, source_text String, modality String, sent DateTime";

struct TableDef {
  const char* name;
  const char* columns;
  const char* partition;  // PARTITION BY expression
  const char* order;      // ORDER BY: the dedup key
};

// In kTables order. Partitions by year: fine enough to drop or scan a
// year, coarse enough that a batch of articles about decades of events
// touches few parts.
constexpr TableDef kDefs[] = {
    {"events", kEventsColumns, "toYear(date)", "(document_id, seq)"},
    {"event_mentions", kMentionsColumns, "toYear(published)", "(document_id, seq)"},
    {"documents", kDocumentsColumns, "toYear(published)", "id"},
};

// Event numbers come as "v12": the number, 0 if the id is not of that form.
uint32_t Seq(std::string_view id) {
  if (id.size() < 2 || id[0] != 'v') return 0;
  uint32_t n = 0;
  for (char c : id.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  return n;
}

// Views here are never default-constructed: JsonWriter copies from data(),
// which must not be null even for an empty string.
std::string_view Text(const Document& doc, Span sp) {
  if (sp.begin > sp.end || sp.end > doc.text.size()) return "";
  return std::string_view(doc.text).substr(sp.begin, sp.end - sp.begin);
}

}  // namespace

std::vector<std::string> SchemaStatements(std::string_view database) {
  const std::string db(database);
  std::vector<std::string> out = {"CREATE DATABASE IF NOT EXISTS " + db};
  for (const TableDef& t : kDefs) {
    out.push_back("CREATE TABLE IF NOT EXISTS " + db + "." + t.name + " (" + t.columns +
                  ") ENGINE = ReplacingMergeTree(sent) PARTITION BY " + t.partition +
                  " ORDER BY " + t.order);
  }
  return out;
}

std::vector<std::string> DistributedStatements(std::string_view database,
                                               std::string_view local_database,
                                               std::string_view cluster) {
  const std::string db(database), local(local_database), c(cluster);
  std::vector<std::string> out = {"CREATE DATABASE IF NOT EXISTS " + db};
  for (const TableDef& t : kDefs) {
    out.push_back("CREATE TABLE IF NOT EXISTS " + db + "." + t.name + " AS " + local + "." +
                  t.name + " ENGINE = Distributed(" + c + ", " + local + ", " + t.name +
                  ", cityHash64(" + (t.name == std::string_view("documents") ? "id" : "document_id") +
                  "))");
  }
  return out;
}

std::string ToDate(std::string_view v) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > v.size()) return -1;
    int x = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (v[i] < '0' || v[i] > '9') return -1;
      x = x * 10 + (v[i] - '0');
    }
    return x;
  };
  const int year = digits(0, 4);
  int month = 1, day = 1;
  if (year < 0) return "0000-00-00";
  if (v.size() >= 7) {
    if (v[4] != '-' || (month = digits(5, 2)) < 1 || month > 12) return "0000-00-00";
  }
  if (v.size() >= 10) {
    if (v[7] != '-' || (day = digits(8, 2)) < 1 || day > 31) return "0000-00-00";
  }
  if (v.size() != 4 && v.size() != 7 && v.size() != 10) return "0000-00-00";
  // ClickHouse's Date is days since 1970 in 16 bits (to 2149); stay clear.
  if (year < 1970 || year > 2105) return "0000-00-00";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

RowCounts AppendRows(const Document& doc, std::string_view source_key, int64_t sent,
                     std::string* documents, std::string* events, std::string* mentions) {
  RowCounts n;
  const utf8::CodepointIndex cp(doc.text);
  auto T = [&](uint32_t byte) { return static_cast<int64_t>(cp.ToCodepoint(byte)); };
  auto valid = [&](int i) { return i >= 0 && static_cast<size_t>(i) < doc.mentions.size(); };
  const std::string published = doc.meta.published ? ToDate(*doc.meta.published) : "0000-00-00";
  const std::string_view outlet = doc.meta.outlet ? std::string_view(*doc.meta.outlet) : "";
  const std::string_view url = doc.meta.url ? std::string_view(*doc.meta.url) : "";
  const int64_t doc_chars = T(static_cast<uint32_t>(doc.text.size()));

  {
    JsonWriter w(documents);
    w.BeginObject();
    w.Key("id"); w.String(doc.id);
    w.Key("source_key"); w.String(source_key);
    w.Key("path"); w.String(doc.path);
    w.Key("url"); w.String(url);
    w.Key("title"); w.String(doc.meta.title ? *doc.meta.title : "");
    w.Key("outlet"); w.String(outlet);
    w.Key("language"); w.String(doc.meta.language ? *doc.meta.language : "");
    w.Key("published"); w.String(published);
    w.Key("published_value"); w.String(doc.meta.published ? *doc.meta.published : "");
    w.Key("format"); w.String(FormatName(doc.format));
    w.Key("encoding"); w.String(doc.encoding);
    w.Key("text_bytes"); w.Int(static_cast<int64_t>(doc.text.size()));
    w.Key("text_chars"); w.Int(doc_chars);
    w.Key("sentences"); w.Int(static_cast<int64_t>(doc.sentences.size()));
    w.Key("entities"); w.Int(static_cast<int64_t>(doc.mentions.size()));
    w.Key("events"); w.Int(static_cast<int64_t>(doc.events.size()));
    w.Key("claims"); w.Int(static_cast<int64_t>(doc.claims.size()));
    w.Key("citations"); w.Int(static_cast<int64_t>(doc.citations.size()));
    w.Key("markers"); w.Int(static_cast<int64_t>(doc.markers.size()));
    w.Key("sent"); w.Int(sent);
    w.EndObject();
    documents->push_back('\n');
    n.documents = 1;
  }

  for (const EventRecord& e : doc.events) {
    const uint32_t seq = Seq(e.id);
    std::string_view source_text = "", source_ref = "";
    if (valid(e.source)) {
      source_text = Text(doc, doc.mentions[e.source].span);
      source_ref = doc.mentions[e.source].ref;
    }
    {
      JsonWriter w(events);
      w.BeginObject();
      w.Key("document_id"); w.String(doc.id);
      w.Key("seq"); w.Int(seq);
      w.Key("event_id"); w.String(e.id);
      w.Key("sentence"); w.Int(e.sentence);
      w.Key("start"); w.Int(T(e.span.begin));
      w.Key("end"); w.Int(T(e.span.end));
      w.Key("trigger_text"); w.String(Text(doc, e.trigger));
      w.Key("trigger_start"); w.Int(T(e.trigger.begin));
      w.Key("trigger_end"); w.Int(T(e.trigger.end));
      w.Key("plover"); w.String(e.plover);
      w.Key("mode"); w.String(e.mode);
      w.Key("cameo"); w.String(e.cameo);
      w.Key("acled"); w.String(e.acled);
      w.Key("acled_sub"); w.String(e.acled_sub);
      // Actor and target as the SQLite store has them: text, ref, the
      // country (an actor's, or a country mention's own) and first sector.
      const std::pair<const char*, int> roles[] = {{"actor", e.actor}, {"target", e.target}};
      for (const auto& [role, index] : roles) {
        std::string_view text = "", ref = "", country = "", sector = "";
        if (valid(index)) {
          const Mention& m = doc.mentions[index];
          text = Text(doc, m.span);
          ref = m.ref;
          if (m.actor) {
            country = m.actor->country;
            if (!m.actor->sectors.empty()) sector = m.actor->sectors.front();
          } else if (m.geo) {
            country = m.geo->country;
          }
        }
        const std::string r(role);
        w.Key(r + "_text"); w.String(text);
        w.Key(r + "_ref"); w.String(ref);
        w.Key(r + "_country"); w.String(country);
        w.Key(r + "_sector"); w.String(sector);
      }
      if (valid(e.place)) {
        const Mention& m = doc.mentions[e.place];
        w.Key("place_text"); w.String(Text(doc, m.span));
        w.Key("place_ref"); w.String(m.ref);
        if (m.geo) {
          w.Key("place_lat"); w.Double(m.geo->lat);
          w.Key("place_lon"); w.Double(m.geo->lon);
          w.Key("place_country"); w.String(m.geo->country);
        } else {
          w.Key("place_lat"); w.Null();
          w.Key("place_lon"); w.Null();
          w.Key("place_country"); w.String("");
        }
      } else {
        w.Key("place_text"); w.String("");
        w.Key("place_ref"); w.String("");
        w.Key("place_lat"); w.Null();
        w.Key("place_lon"); w.Null();
        w.Key("place_country"); w.String("");
      }
      if (valid(e.date) && doc.mentions[e.date].date) {
        const DateValue& d = *doc.mentions[e.date].date;
        w.Key("date"); w.String(ToDate(d.value));
        w.Key("date_value"); w.String(d.value);
        w.Key("date_precision"); w.String(d.precision);
      } else {
        w.Key("date"); w.String("0000-00-00");
        w.Key("date_value"); w.String("");
        w.Key("date_precision"); w.String("");
      }
      // Casualties as the SQLite store writes them: value, low and high
      // (NULL where the qualifier leaves a bound open), qualifier.
      const std::tuple<const char*, int, const std::vector<int>*> counts[] = {
          {"dead", e.dead, &e.dead_also}, {"injured", e.injured, &e.injured_also}};
      for (const auto& [role, index, also] : counts) {
        const std::string r(role);
        if (!valid(index) || !doc.mentions[index].quantity) {
          w.Key(r + "_value"); w.Null();
          w.Key(r + "_low"); w.Null();
          w.Key(r + "_high"); w.Null();
          w.Key(r + "_qualifier"); w.String("");
          continue;
        }
        const QuantityValue q = CasualtyCount(doc.mentions, index, *also);
        w.Key(r + "_value"); w.Double(q.value);
        w.Key(r + "_low");
        if (q.qualifier == "at_most" && q.low == 0) w.Null(); else w.Double(q.low);
        w.Key(r + "_high");
        if (q.high == 0 && q.value != 0) w.Null(); else w.Double(q.high);
        w.Key(r + "_qualifier"); w.String(q.qualifier);
      }
      w.Key("voice"); w.String(e.voice);
      w.Key("source_text"); w.String(source_text);
      w.Key("source_ref"); w.String(source_ref);
      w.Key("negated"); w.Int(e.negated ? 1 : 0);
      w.Key("hypothetical"); w.Int(e.hypothetical ? 1 : 0);
      w.Key("modality"); w.String(e.modality);
      const bool repeat = e.same_as >= 0 && static_cast<size_t>(e.same_as) < doc.events.size();
      w.Key("same_as"); w.String(repeat ? std::string_view(doc.events[e.same_as].id) : "");
      w.Key("pattern"); w.String(e.pattern);
      w.Key("confidence"); w.Double(e.confidence);
      w.Key("outlet"); w.String(outlet);
      w.Key("url"); w.String(url);
      w.Key("published"); w.String(published);
      w.Key("sent"); w.Int(sent);
      w.EndObject();
      events->push_back('\n');
      ++n.events;
    }
    {
      // The mention: which event it tells (a repeat tells the event it
      // repeats), where in the document, and how it is told.
      const bool repeat = e.same_as >= 0 && static_cast<size_t>(e.same_as) < doc.events.size();
      const std::string key = doc.id + "#" + (repeat ? doc.events[e.same_as].id : e.id);
      Span sentence{0, 0};
      if (e.sentence >= 0 && static_cast<size_t>(e.sentence) < doc.sentences.size())
        sentence = doc.sentences[e.sentence];
      JsonWriter w(mentions);
      w.BeginObject();
      w.Key("event_key"); w.String(key);
      w.Key("document_id"); w.String(doc.id);
      w.Key("seq"); w.Int(seq);
      w.Key("event_id"); w.String(e.id);
      w.Key("outlet"); w.String(outlet);
      w.Key("url"); w.String(url);
      w.Key("published"); w.String(published);
      w.Key("published_value"); w.String(doc.meta.published ? *doc.meta.published : "");
      w.Key("sentence"); w.Int(e.sentence);
      w.Key("sentence_start"); w.Int(T(sentence.begin));
      w.Key("sentence_end"); w.Int(T(sentence.end));
      w.Key("start"); w.Int(T(e.span.begin));
      w.Key("end"); w.Int(T(e.span.end));
      w.Key("trigger_start"); w.Int(T(e.trigger.begin));
      w.Key("trigger_end"); w.Int(T(e.trigger.end));
      w.Key("trigger_text"); w.String(Text(doc, e.trigger));
      w.Key("doc_chars"); w.Int(doc_chars);
      w.Key("confidence"); w.Double(e.confidence);
      w.Key("voice"); w.String(e.voice);
      w.Key("source_text"); w.String(source_text);
      w.Key("modality"); w.String(e.modality);
      w.Key("sent"); w.Int(sent);
      w.EndObject();
      mentions->push_back('\n');
      ++n.mentions;
    }
  }
  return n;
}

}  // namespace dossier::clickhouse
