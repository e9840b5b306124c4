#include "dossier/lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dossier/content_id.h"

#ifndef DOSSIER_DATA_DIR
#define DOSSIER_DATA_DIR "data"
#endif

namespace dossier {
namespace fs = std::filesystem;

int Table::Column(std::string_view col) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == col) return static_cast<int>(i);
  return -1;
}

static std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.emplace_back(line.substr(start));
      break;
    }
    out.emplace_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  return out;
}

Status MergeTsv(std::string_view content, std::string_view origin, bool is_override,
                Table* table) {
  bool have_header = false;
  size_t pos = 0, lineno = 0;
  std::vector<std::string> header;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') {
      if (nl == content.size()) break;
      continue;
    }
    auto fields = SplitTabs(line);
    if (!have_header) {
      header = fields;
      have_header = true;
      // A user table written for an older release may lack columns added
      // at the end since: its header is a prefix of the base header, and its
      // rows leave the new columns empty.
      const bool prefix = header.size() < table->columns.size() &&
                          std::equal(header.begin(), header.end(), table->columns.begin());
      if (table->columns.empty()) {
        table->columns = header;
      } else if (table->columns != header && !prefix) {
        return InvalidInput(std::string(origin) + ": header does not match the base table '" +
                            table->name + "'");
      }
      continue;
    }
    if (fields.size() > header.size()) {
      return InvalidInput(std::string(origin) + ":" + std::to_string(lineno) + ": " +
                          std::to_string(fields.size()) + " fields, header has " +
                          std::to_string(header.size()));
    }
    fields.resize(table->columns.size());
    const std::string& key = fields[0];
    if (!key.empty() && key[0] == '-' && key.size() > 1) {
      std::string target = key.substr(1);
      auto& rows = table->rows;
      rows.erase(std::remove_if(rows.begin(), rows.end(),
                                [&](const auto& r) { return r[0] == target; }),
                 rows.end());
    } else {
      bool replaced = false;
      if (is_override) {
        for (auto& r : table->rows) {
          if (r[0] == key) {
            r = fields;
            replaced = true;
            break;
          }
        }
      }
      if (!replaced) table->rows.push_back(std::move(fields));
    }
    if (nl == content.size()) break;
  }
  return Status::Ok();
}

Result<std::shared_ptr<const Lexicon>> Lexicon::Load(const std::vector<std::string>& dirs) {
  auto lex = std::make_shared<Lexicon>();
  std::string digest;
  bool first = true;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
      return NotFound("data directory '" + dir + "' does not exist");
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".tsv") files.push_back(e.path());
    if (ec) return IoError("cannot list data directory '" + dir + "': " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      if (!in) return IoError("cannot read '" + f.string() + "'");
      std::stringstream ss;
      ss << in.rdbuf();
      std::string content = ss.str();
      std::string name = f.stem().string();
      Table& t = lex->tables_[name];
      t.name = name;
      // Rows of the base directory are all kept (several rows may share a
      // key there); rows of later directories replace rows with their key.
      DOSSIER_RETURN_IF_ERROR(MergeTsv(content, f.string(), !first, &t));
      digest += name;
      digest += '\0';
      digest += content;
    }
    first = false;
  }
  lex->version_ = ShortHash(digest);
  return std::shared_ptr<const Lexicon>(std::move(lex));
}

std::vector<std::string> Lexicon::DefaultDirs(const std::string& extra) {
  std::vector<std::string> dirs;
  dirs.push_back(DOSSIER_DATA_DIR);
#ifdef DOSSIER_GENERATED_DIR
  // Tables the build compiles from packages (countries.tsv from the npm
  // country data); absent in a build without the gazetteer.
  std::error_code ec;
  if (fs::is_directory(DOSSIER_GENERATED_DIR, ec)) dirs.push_back(DOSSIER_GENERATED_DIR);
#endif
  if (const char* env = std::getenv("DOSSIER_DATA"); env && *env) dirs.push_back(env);
  if (!extra.empty()) dirs.push_back(extra);
  return dirs;
}

const Table& Lexicon::table(std::string_view name) const {
  static const Table kEmpty;
  auto it = tables_.find(name);
  return it == tables_.end() ? kEmpty : it->second;
}

}  // namespace dossier
