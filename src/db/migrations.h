// Numbered SQL migrations (sql/NNN_name.sql), applied once each, recorded in
// schema_migrations, serialised across processes by a named lock.
#pragma once

#include "db/connection.h"

#include <ostream>
#include <string>
#include <vector>

namespace db {

struct MigrationFile {
    int version = 0;
    std::string name; // file name
    std::string path;
};

// Files named NNN_*.sql in dir, sorted by number. Throws on duplicate numbers.
std::vector<MigrationFile> list_migrations(const std::string& dir);
// Splits a migration into statements at ';' ending a line, skipping "--" comment lines.
std::vector<std::string> split_statements(const std::string& text);
// Applies what is missing; returns how many were applied.
int migrate(Connection& conn, const std::string& dir, std::ostream& log);

} // namespace db
