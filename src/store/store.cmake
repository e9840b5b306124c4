# Build rules of the store stage beyond dossier_stage(): the migration SQL is
# compiled into dossier_store (see embed_migrations.cmake), so an installed
# dossier needs no source tree.
file(GLOB DOSSIER_STORE_MIGRATIONS CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/src/store/migrations/*.sql)
set(DOSSIER_STORE_GENERATED ${CMAKE_BINARY_DIR}/generated/store)
# The list of migration files, rewritten only when it changes: removing or
# renaming a migration regenerates the embedded table too.
file(CONFIGURE OUTPUT ${DOSSIER_STORE_GENERATED}/migrations.list
     CONTENT "${DOSSIER_STORE_MIGRATIONS}\n" @ONLY)
add_custom_command(
  OUTPUT ${DOSSIER_STORE_GENERATED}/migrations_embedded.cc
  COMMAND ${CMAKE_COMMAND}
          -DMIGRATIONS_DIR=${CMAKE_SOURCE_DIR}/src/store/migrations
          -DOUT=${DOSSIER_STORE_GENERATED}/migrations_embedded.cc
          -P ${CMAKE_SOURCE_DIR}/src/store/embed_migrations.cmake
  DEPENDS ${DOSSIER_STORE_MIGRATIONS}
          ${DOSSIER_STORE_GENERATED}/migrations.list
          ${CMAKE_SOURCE_DIR}/src/store/embed_migrations.cmake
  COMMENT "Embedding store migrations"
  VERBATIM)
file(GLOB DOSSIER_STORE_PG_MIGRATIONS CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/src/store/migrations/postgresql/*.sql)
file(CONFIGURE OUTPUT ${DOSSIER_STORE_GENERATED}/pg_migrations.list
     CONTENT "${DOSSIER_STORE_PG_MIGRATIONS}\n" @ONLY)
add_custom_command(
  OUTPUT ${DOSSIER_STORE_GENERATED}/pg_migrations_embedded.cc
  COMMAND ${CMAKE_COMMAND}
          -DMIGRATIONS_DIR=${CMAKE_SOURCE_DIR}/src/store/migrations/postgresql
          -DOUT=${DOSSIER_STORE_GENERATED}/pg_migrations_embedded.cc
          -DVAR=kPostgresMigrations -DCOUNT_VAR=kPostgresMigrationsCount -DFIRST=10
          -P ${CMAKE_SOURCE_DIR}/src/store/embed_migrations.cmake
  DEPENDS ${DOSSIER_STORE_PG_MIGRATIONS}
          ${DOSSIER_STORE_GENERATED}/pg_migrations.list
          ${CMAKE_SOURCE_DIR}/src/store/embed_migrations.cmake
  COMMENT "Embedding PostgreSQL store migrations"
  VERBATIM)
target_sources(dossier_store PRIVATE ${DOSSIER_STORE_GENERATED}/migrations_embedded.cc
               ${DOSSIER_STORE_GENERATED}/pg_migrations_embedded.cc)
