// Règlements intérieurs for administrators: upload a version (a PDF) per service, publish it,
// see which families accepted it.
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/reglements
http::Response rules_admin(app::Context& ctx);
// POST /gestion/reglements (multipart: service, titre, fichier)
http::Response rules_upload(app::Context& ctx);
// POST /gestion/reglements/{id}/publier
http::Response rules_publish(app::Context& ctx);
// GET /gestion/reglements/{id}
http::Response rules_detail(app::Context& ctx);
// GET /gestion/reglements/{id}/pdf (drafts too)
http::Response rules_pdf_agent(app::Context& ctx);

} // namespace backoffice
