// The ClickHouse side of the record: the three tables the sink writes
// (documents, events, event_mentions; docs/clickhouse.md), their DDL, and the
// JSONEachRow rows of one stored Document. No I/O here: clickhouse_sink.h
// sends what these functions build.
//
// Every table is a ReplacingMergeTree keyed on the document's content id
// (+ the event's number), with `sent` as the version, so sending a document
// again (a re-run into a fresh SQLite store, a retried batch) adds no rows
// once parts merge, and none to queries that read with FINAL.
#ifndef DOSSIER_STORE_CLICKHOUSE_CLICKHOUSE_TABLES_H_
#define DOSSIER_STORE_CLICKHOUSE_CLICKHOUSE_TABLES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/document.h"

namespace dossier::clickhouse {

// The tables in the order the sink sends them at a flush: events and
// mentions before the documents they belong to, so a document row means
// its events are in.
inline constexpr const char* kTables[] = {"events", "event_mentions", "documents"};
enum Table { kEvents = 0, kMentions = 1, kDocuments = 2 };

// `CREATE DATABASE IF NOT EXISTS db` and one `CREATE TABLE IF NOT EXISTS
// db.<table> (...) ENGINE = ReplacingMergeTree(sent) PARTITION BY ...
// ORDER BY ...` per table (the syntax ClickHouse 18.16 takes). `database`
// must be a plain identifier (IsPlainIdentifier).
std::vector<std::string> SchemaStatements(std::string_view database);

// The cluster recipe (docs/clickhouse.md): on every server of `cluster`,
// SchemaStatements(local_database) holds the shard's rows; these statements
// create `database` with one Distributed table per table over them, sharded
// by cityHash64(document_id) so every row of a document (and every re-send
// of it) lands on the same shard and deduplicates there.
std::vector<std::string> DistributedStatements(std::string_view database,
                                               std::string_view local_database,
                                               std::string_view cluster);

// A ClickHouse Date literal for a dossier date value ("2016-09-17",
// "2016-09" -> "2016-09-01", "2016" -> "2016-01-01"); "0000-00-00" (the
// zero date) when there is none or it is outside 1970..2105.
std::string ToDate(std::string_view value);

// Rows added by AppendRows.
struct RowCounts {
  int64_t documents = 0, events = 0, mentions = 0;
};

// Appends the JSONEachRow rows of `doc` (after the pipeline) to the three
// buffers, one line per row: one documents row; one events row and one
// event_mentions row per event (GDELT style: the mention of an event in
// this document). `source_key` is the store's key of the input
// (Store::SourceKey); `sent` the version, in Unix seconds. Offsets
// are Unicode code points into the document text, as in the record
// (docs/schema.md).
RowCounts AppendRows(const Document& doc, std::string_view source_key, int64_t sent,
                     std::string* documents, std::string* events, std::string* mentions);

}  // namespace dossier::clickhouse

#endif  // DOSSIER_STORE_CLICKHOUSE_CLICKHOUSE_TABLES_H_
