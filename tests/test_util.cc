#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

namespace dossier::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "dossier_test_XXXXXX").string();
  char* p = mkdtemp(tmpl.data());
  path_ = p ? p : "";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name, std::string_view content) const {
  fs::path p = fs::path(path_) / name;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return p.string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RunResult RunDossier(const std::string& args, std::string_view stdin_data) {
  TempDir tmp;
  std::string in = tmp.Write("stdin", stdin_data);
  std::string out = tmp.path() + "/stdout", err = tmp.path() + "/stderr";
  std::string cmd = std::string(DOSSIER_BINARY) + " " + args + " <" + in + " >" + out +
                    " 2>" + err;
  int rc = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

std::vector<nlohmann::json> ParseJsonLines(const std::string& out) {
  std::vector<nlohmann::json> records;
  if (!out.empty()) {
    EXPECT_EQ(out.back(), '\n') << "stdout must end with a newline";
  }
  size_t pos = 0;
  while (pos < out.size()) {
    size_t nl = out.find('\n', pos);
    if (nl == std::string::npos) nl = out.size();
    const std::string line = out.substr(pos, nl - pos);
    pos = nl + 1;
    try {
      nlohmann::json j = nlohmann::json::parse(line);
      EXPECT_TRUE(j.is_object()) << line.substr(0, 200);
      records.push_back(std::move(j));
    } catch (const std::exception& e) {
      ADD_FAILURE() << "stdout line is not JSON (" << e.what() << "): " << line.substr(0, 200);
    }
  }
  return records;
}

std::string DataDir() { return std::string(DOSSIER_SOURCE_DIR) + "/data"; }
std::string TestDir() { return DOSSIER_TEST_DIR; }

}  // namespace dossier::testing
