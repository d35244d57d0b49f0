// Communes and the host names that select them.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db {

struct Commune {
    std::int64_t id = 0;
    std::string slug;
    std::string name;
    std::string base_url;
    std::string mail_from;
};

std::optional<Commune> find_commune_by_host(Connection& conn, const std::string& host);
std::optional<Commune> find_commune_by_slug(Connection& conn, const std::string& slug);
// Creates the commune with its host names; throws std::runtime_error when the slug or a
// host is taken.
std::int64_t create_commune(Connection& conn, const Commune& commune,
                            const std::vector<std::string>& hosts);
// Adds host names to an existing commune (idempotent for hosts it already has).
void add_commune_hosts(Connection& conn, std::int64_t commune_id,
                       const std::vector<std::string>& hosts);

} // namespace db
