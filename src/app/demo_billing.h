// The brochure's invoice history of the demo family Rolf FICTIF: 26 invoices of the régies
// "MAIRIE DE CAUMONT SUR DURANCE" and "Service Jeunesse", some paid, two payable online (due
// dates set from today), one past due, for a balance of 73,55 €.
#pragma once

#include "db/connection.h"

#include <cstdint>

namespace app
{

// Idempotent: finds the two régies by name (creating the missing ones) and adds only the
// invoices whose number the régie does not have yet. Does nothing without the FICTIF family.
void seed_demo_invoices(db::Connection& conn, std::int64_t commune_id);

} // namespace app
