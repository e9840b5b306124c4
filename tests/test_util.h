// Helpers shared by the test binaries: temp dirs, running the dossier binary,
// reading files. Tests write their own inputs; they never read the shared corpora.
#ifndef DOSSIER_TESTS_TEST_UTIL_H_
#define DOSSIER_TESTS_TEST_UTIL_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::testing {

// A fresh empty directory under $TMPDIR, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  // Writes `content` to path()/name (creating parent folders); returns the path.
  std::string Write(const std::string& name, std::string_view content) const;

 private:
  std::string path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs the built dossier binary with `args` (a shell-quoted string), feeding
// `stdin_data` on standard input.
RunResult RunDossier(const std::string& args, std::string_view stdin_data = "");

std::string ReadFile(const std::string& path);
// Parses `out` as JSON Lines; each line must be a JSON object and the output
// must end with a newline (reported as test failures otherwise).
std::vector<nlohmann::json> ParseJsonLines(const std::string& out);
// Directory of the repository's data/ (the built-in lexicon).
std::string DataDir();
// tests/ directory in the source tree.
std::string TestDir();

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_TEST_UTIL_H_
