// The RGPD export of a family, downloaded by an agent (for a family that asks the mairie
// rather than the portal).
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/familles/{id}/export: the family's ZIP (health data included), journaled.
// Agents and administrators only: a régisseur gets 403; a family of another commune, 404.
http::Response family_export_agent(app::Context& ctx);

} // namespace backoffice
