// The schema migrations compiled into the binary. The table is generated at
// build time from src/store/migrations/NNN_name.sql (embed_migrations.cmake);
// Store::Open applies the ones a database has not seen yet, in order.
#ifndef DOSSIER_STORE_MIGRATIONS_H_
#define DOSSIER_STORE_MIGRATIONS_H_

namespace dossier::store_internal {

struct Migration {
  int version;       // 1, 2, 3, ... (the NNN of the file name)
  const char* name;  // the file name's rest, e.g. "init"
  const char* sql;   // the file's statements, run in one transaction
};

// Ordered by version, contiguous from 1.
extern const Migration kMigrations[];
extern const int kMigrationCount;
// The PostgreSQL schema (src/store/migrations/postgresql/NNN_name.sql): the
// first entry creates the whole schema as of SQLite version NNN; later ones
// follow the SQLite migrations of the same numbers.
extern const Migration kPostgresMigrations[];
extern const int kPostgresMigrationsCount;

}  // namespace dossier::store_internal

#endif  // DOSSIER_STORE_MIGRATIONS_H_
