// "Mes données": what the portal keeps about the family, its journal of changes, its login
// history, and the self-service RGPD export (a ZIP of everything).
#pragma once

#include "app/context.h"

#include <cstdint>

namespace web
{

// GET /famille/donnees
http::Response my_data_page(app::Context& ctx);
// GET /famille/donnees/export — the family's ZIP, journaled.
http::Response my_data_export(app::Context& ctx);

// The ZIP of the family `family_id` of the request's commune as a download, with a journal
// entry "Export des données (RGPD)" by (actor_kind, actor_id), read and journaled in one
// transaction. 404 when the family is not in the commune. Shared with the back office.
http::Response family_export_download(app::Context& ctx, std::int64_t family_id,
                                      const char* actor_kind, std::int64_t actor_id);

} // namespace web
