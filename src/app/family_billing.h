// The logged-in family's Espace facturation — the first page of its invoices, how many it
// has, its balance and the month's running estimate — kept in memory by each worker process
// and read again when what it comes from changes: the family's bills (its billing_revision,
// raised by triggers on its bookings, attendance, invoices and invoice lines:
// sql/010_billing_revisions.sql), the commune's data (régies, tariffs, closures, activities:
// commune_revision), the family file (its quotient, its children's names: family_revision),
// or the day. The billing revision comes with the session (db::find_session), so the page
// costs no statement of its own while none of them moves.
#pragma once

#include "app/context.h"
#include "billing/estimate.h"
#include "db/payments.h"
#include "domain/time.h"

#include <memory>
#include <vector>

namespace app
{

constexpr int invoices_per_page = 10;

struct FamilyBilling {
    int count = 0;                             // the family's invoices
    db::Cents balance = 0;                     // what it owes (as db::family_balance)
    std::vector<db::FamilyInvoice> first_page; // the newest invoices_per_page, newest first
    billing::Estimate estimate;                // of `today`'s month
};

// The logged-in parent's family (Access::Parent routes) on `today` (Paris date).
FamilyBilling family_billing(Context& ctx, domain::Date today);

} // namespace app
