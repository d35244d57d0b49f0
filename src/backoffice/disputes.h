// Disputes of invoice lines in the back office (SPEC §9), for régisseurs and administrateurs:
// the list (open ones first), one dispute, and the decision — granted (a credit note cancels
// the line) or refused with an answer; the family is told by email.
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/contestations?facture=NUMBER (facture optional)
http::Response disputes_list(app::Context& ctx);
// GET /gestion/contestations/{id}
http::Response dispute_page(app::Context& ctx);
// POST /gestion/contestations/{id} (decision = accepter | refuser, reponse: required to refuse)
http::Response dispute_decide(app::Context& ctx);

} // namespace backoffice
