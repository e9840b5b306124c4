#include "pg_test_util.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>

#ifndef DOSSIER_TEST_PG_DIR
#define DOSSIER_TEST_PG_DIR "/tmp/dossier-test-pg"
#endif

namespace dossier::testing {
namespace {

std::string ReadUrl(const std::string& dir) {
  std::ifstream in(dir + "/url");
  std::string url;
  std::getline(in, url);
  return url;
}

bool Reachable(const std::string& url) {
  return !url.empty() && PQping(url.c_str()) == PQPING_OK;
}

std::string own_dir;  // a server this process started, stopped at exit

void StopOwnServer() {
  if (own_dir.empty()) return;
  const std::string cmd = std::string(DOSSIER_SOURCE_DIR) + "/scripts/pg_test_server stop '" +
                          own_dir + "' >/dev/null 2>&1";
  (void)std::system(cmd.c_str());
}

// Runs `sql` on `url`; the error message, or "" when it worked.
std::string Exec(const std::string& url, const std::string& sql, std::string* first = nullptr) {
  PGconn* c = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(c) != CONNECTION_OK) {
    error = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    const ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      error = PQresultErrorMessage(r);
    } else if (first && st == PGRES_TUPLES_OK && PQntuples(r) > 0 && PQnfields(r) > 0) {
      *first = PQgetvalue(r, 0, 0);
    }
    PQclear(r);
  }
  PQfinish(c);
  return error;
}

std::string WithDatabase(const std::string& server_url, const std::string& name) {
  const size_t slash = server_url.rfind('/');
  return server_url.substr(0, slash + 1) + name;
}

}  // namespace

std::string PostgresServerUrl() {
  static std::mutex mu;
  static std::string url;
  std::lock_guard<std::mutex> lock(mu);
  if (Reachable(url)) return url;
  url = ReadUrl(DOSSIER_TEST_PG_DIR);
  if (!Reachable(url)) {
    // Not under CTest's fixture: start a server of our own.
    own_dir = "/tmp/dossier-test-pg-" + std::to_string(getpid());
    const std::string cmd = std::string(DOSSIER_SOURCE_DIR) + "/scripts/pg_test_server start '" +
                            own_dir + "' >/dev/null";
    if (std::system(cmd.c_str()) != 0) {
      ADD_FAILURE() << "cannot start a PostgreSQL server (" << cmd << ")";
      own_dir.clear();
      return "";
    }
    std::atexit(StopOwnServer);
    url = ReadUrl(own_dir);
  }
  // The template every test database copies: PostGIS installed once.
  std::string have;
  Exec(url, "SELECT 1 FROM pg_database WHERE datname = 'dossier_template'", &have);
  if (have.empty()) {
    std::string e = Exec(url, "CREATE DATABASE dossier_template");
    if (e.empty()) e = Exec(WithDatabase(url, "dossier_template"), "CREATE EXTENSION IF NOT EXISTS postgis");
    // Another test process may have made it at the same moment.
    if (!e.empty() && e.find("already exists") == std::string::npos)
      ADD_FAILURE() << "cannot make the template database: " << e;
  }
  return url;
}

std::string NewPostgresDatabase(std::string_view label) {
  const std::string server = PostgresServerUrl();
  if (server.empty()) return "";
  static int counter = 0;
  std::string name = "t_";
  for (char c : label) name += std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
  name = name.substr(0, 40) + "_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  // CREATE DATABASE copies the template only when nobody is connected to it.
  std::string e;
  for (int attempt = 0; attempt < 50; ++attempt) {
    e = Exec(server, "CREATE DATABASE " + name + " TEMPLATE dossier_template");
    if (e.find("being accessed by other users") == std::string::npos) break;
    usleep(100000);
  }
  if (!e.empty()) {
    ADD_FAILURE() << "CREATE DATABASE " << name << ": " << e;
    return "";
  }
  return WithDatabase(server, name);
}

std::string PostgresQuery(const std::string& url, const std::string& sql) {
  std::string first;
  const std::string e = Exec(url, sql, &first);
  if (!e.empty()) ADD_FAILURE() << sql << ": " << e;
  return first;
}

}  // namespace dossier::testing
