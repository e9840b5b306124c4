#include "clickhouse/clickhouse_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace dossier::testing {

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  close(fd);
  return port;
}

ClickHouseServer::ClickHouseServer() {
  ports_.http = FreePort();
  do ports_.tcp = FreePort(); while (ports_.tcp == ports_.http);
}

ClickHouseServer::~ClickHouseServer() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  // ClickHouse stops within a second or two; do not wait for ever.
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

std::string ClickHouseServer::Start(const std::string& remote_servers) {
  const std::string d = dir_.path();
  const std::string config =
      "<?xml version=\"1.0\"?>\n<yandex>\n"
      "  <logger><level>warning</level><log>" + d + "/log/server.log</log>"
      "<errorlog>" + d + "/log/error.log</errorlog><size>10M</size><count>1</count></logger>\n"
      "  <listen_host>127.0.0.1</listen_host>\n"
      "  <http_port>" + std::to_string(ports_.http) + "</http_port>\n"
      "  <tcp_port>" + std::to_string(ports_.tcp) + "</tcp_port>\n"
      "  <path>" + d + "/data/</path>\n  <tmp_path>" + d + "/tmp/</tmp_path>\n"
      "  <user_files_path>" + d + "/user_files/</user_files_path>\n"
      "  <format_schema_path>" + d + "/format_schemas/</format_schema_path>\n"
      "  <users_config>" + d + "/users.xml</users_config>\n"
      "  <default_profile>default</default_profile>\n"
      "  <default_database>default</default_database>\n"
      "  <mark_cache_size>67108864</mark_cache_size>\n"
      "  <uncompressed_cache_size>67108864</uncompressed_cache_size>\n"
      "  <max_concurrent_queries>20</max_concurrent_queries>\n"
      "  <remote_servers>" + remote_servers + "</remote_servers>\n"
      "</yandex>\n";
  const std::string users =
      "<?xml version=\"1.0\"?>\n<yandex>\n"
      "  <profiles><default><max_memory_usage>1000000000</max_memory_usage></default></profiles>\n"
      "  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>"
      "<profile>default</profile><quota>default</quota></default></users>\n"
      "  <quotas><default></default></quotas>\n</yandex>\n";
  dir_.Write("config.xml", config);
  dir_.Write("users.xml", users);
  dir_.Write("log/.keep", "");
  const std::string binary = "/usr/sbin/clickhouse-server";
  if (access(binary.c_str(), X_OK) != 0)
    return binary + " is missing: run scripts/setup (Debian package clickhouse-server)";
  const std::string out = d + "/log/stdout.log";
  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ == 0) {
    // Dies with the test process, however that ends.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    const int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    const std::string arg = "--config-file=" + d + "/config.xml";
    execl(binary.c_str(), binary.c_str(), arg.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pid_ < 0) return "fork failed";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    httplib::Client c("127.0.0.1", ports_.http);
    c.set_connection_timeout(1, 0);
    if (auto r = c.Get("/ping"); r && r->status == 200) return "";
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return "clickhouse-server exited: " + ReadFile(out) + ReadFile(d + "/log/error.log");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return "clickhouse-server did not answer /ping in 30 s: " + ReadFile(d + "/log/error.log");
}

std::string ClickHouseServer::Url(const std::string& db) const {
  return "clickhouse://127.0.0.1:" + std::to_string(ports_.http) + "/" + db;
}

std::pair<int, std::string> ClickHouseServer::Query(const std::string& sql) const {
  httplib::Client c("127.0.0.1", ports_.http);
  c.set_read_timeout(30, 0);
  auto r = c.Post("/", sql, "text/plain");
  if (!r) return {0, "no answer"};
  return {r->status, r->body};
}

std::string ClickHouseServer::Must(const std::string& sql) const {
  auto [status, body] = Query(sql);
  EXPECT_EQ(status, 200) << sql << "\n" << body;
  return body;
}

}  // namespace dossier::testing
