// Knowledge is data: every dictionary dossier uses is a TSV file in data/
// (lines starting with '#' are comments; the first other line names the
// columns). A user extends or overrides them without rebuilding by pointing
// --data DIR or DOSSIER_DATA at a folder with files of the same name: rows
// are added, a row whose key (first column) equals an earlier key replaces
// it, and a key written "-key" removes it. Lexicon::version() is a content
// hash of everything loaded, reported in every output's "versions".
#ifndef DOSSIER_LEXICON_H_
#define DOSSIER_LEXICON_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/status.h"

namespace dossier {

struct Table {
  std::string name;                  // file stem, e.g. "abbreviations"
  std::vector<std::string> columns;  // header
  std::vector<std::vector<std::string>> rows;  // each padded to columns.size()
  // Index of column `col`, or -1.
  int Column(std::string_view col) const;
};

class Lexicon {
 public:
  // Loads every *.tsv in `dirs`, in order: the first is the base, later ones
  // override. Missing directories are an error; an empty list loads nothing.
  static Result<std::shared_ptr<const Lexicon>> Load(const std::vector<std::string>& dirs);

  // The default search list: the built-in data directory, the build's
  // generated-data directory (tables compiled from packages, e.g.
  // countries.tsv) if it exists, then $DOSSIER_DATA, then `extra` (from
  // --data), skipping empty entries.
  static std::vector<std::string> DefaultDirs(const std::string& extra);

  // The table named `name`, or an empty table if no file defines it.
  const Table& table(std::string_view name) const;
  const std::string& version() const { return version_; }

 private:
  std::map<std::string, Table, std::less<>> tables_;
  std::string version_;
};

// Parses TSV `content` (from `origin`, for messages) into `table`, merging
// with rows already there: a base file's rows are all kept; an override
// file's rows replace rows with the same key (override semantics above).
Status MergeTsv(std::string_view content, std::string_view origin, bool is_override,
                Table* table);

}  // namespace dossier

#endif  // DOSSIER_LEXICON_H_
