// What parents ask agents to check (SPEC §5): change requests on sensitive fields and proofs
// (justificatifs), accepted or refused with a comment; a member's full file, with health data
// shown only to the roles that need it and every such view journaled; archiving a family.
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/validations: the queue of pending change requests and proofs.
http::Response validations_page(app::Context& ctx);
// POST /gestion/validations/demandes/{id}: `decision` = accepter | refuser, `commentaire`.
http::Response change_request_decide(app::Context& ctx);
// POST /gestion/validations/justificatifs/{id}: `decision`, `commentaire`, `valable_jusqu_au`.
http::Response proof_decide(app::Context& ctx);
// GET /gestion/justificatifs/{id}: the file.
http::Response proof_file(app::Context& ctx);
// GET /gestion/familles/{id}/membres/{membre}: the member's whole file.
http::Response member_file_page(app::Context& ctx);
// GET /gestion/familles/{id}/membres/{membre}/photo.
http::Response member_photo_agent(app::Context& ctx);
// POST /gestion/familles/{id}/archiver, `archive` = 1 or 0.
http::Response family_archive(app::Context& ctx);

// Agents who may see health data (allergies, PAI, doctor…): not the régisseurs.
bool may_see_health(const app::Context& ctx);

} // namespace backoffice
