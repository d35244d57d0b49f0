// Host → commune, cached for a short while so public pages need no query per request.
#pragma once

#include "db/communes.h"
#include "db/connection.h"

#include <memory>
#include <string>

namespace app {

// nullptr when the host belongs to no commune. Entries live 30 s (unknown hosts 5 s), so a
// new commune or host is served within seconds by every worker.
std::shared_ptr<const db::Commune> commune_for_host(db::Connection& conn, const std::string& host);

} // namespace app
