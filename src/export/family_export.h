// The family's self-service RGPD export: everything the portal keeps about one family, as a
// ZIP a parent can open anywhere (donnees.json, the photos, the proofs, LISEZMOI.txt).
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace archive
{

// The ZIP of the family `family_id` of the commune `commune_id` (`commune_name` is written in
// the data file). Every query is scoped by (commune_id, family_id): nothing of another family
// can appear. Throws std::invalid_argument when the family is not in this commune (callers
// check with db::load_family first and answer 404). Run it inside a db::Transaction for one
// consistent snapshot of the data.
std::string family_export_zip(db::Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                              std::string_view commune_name = {});

// `name` made safe as a piece of a ZIP entry name: letters (accented and other scripts
// included), digits and '-' kept, anything else (spaces, punctuation, control characters,
// invalid UTF-8) replaced by '_'; at most 40 characters; "membre" when nothing is left.
std::string safe_file_part(std::string_view name);

} // namespace archive
