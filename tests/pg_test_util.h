// A real PostgreSQL server for the tests that run the store on both backends.
// CTest starts one per run (the `postgres` fixture in tests/CMakeLists.txt,
// scripts/pg_test_server) and stops it at the end; a test binary run on its
// own starts one itself on first use and stops it at exit. Each test gets a
// database of its own, made from a template with PostGIS installed.
#ifndef DOSSIER_TESTS_PG_TEST_UTIL_H_
#define DOSSIER_TESTS_PG_TEST_UTIL_H_

#include <string>
#include <string_view>

namespace dossier::testing {

// postgresql://dossier@127.0.0.1:PORT/postgres of the test server; fails the
// test (and returns "") if no server can be started.
std::string PostgresServerUrl();

// Creates a new, empty database (named after `label`, the process and a
// counter) and returns its URL; "" (with a test failure) on error.
std::string NewPostgresDatabase(std::string_view label);

// Runs `sql` on the database `url` names; returns the first column of the
// first row ("" if none) and fails the test on an error.
std::string PostgresQuery(const std::string& url, const std::string& sql);

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_PG_TEST_UTIL_H_
