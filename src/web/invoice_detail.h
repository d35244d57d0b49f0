// The detail of one of the family's invoices and contesting its lines (SPEC §9).
#pragma once

#include "app/context.h"

namespace web
{

// GET /facturation/factures/{id}: lines, amounts, credit notes, disputes, PDF, payment.
http::Response invoice_detail(app::Context& ctx);
// POST /facturation/factures/{id}/contestations (ligne, commentaire): opens a dispute.
http::Response invoice_contest(app::Context& ctx);

} // namespace web
