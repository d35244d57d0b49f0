// Publishing issued invoices to parents: who gets the "Nouvelle facture" mail (the family's
// confirmed accounts) and the invoices' published_at; every query scoped by commune.
#pragma once

#include "db/connection.h"
#include "domain/money.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace db
{

struct InvoiceRecipient {
    std::int64_t invoice_id = 0;
    std::int64_t family_id = 0;
    std::string number;
    domain::Cents total_cents = 0;
    std::string due_on; // "YYYY-MM-DD"
    std::string email;
};

// The run's invoices of these families not published yet, one row per confirmed, linked
// account of the family (none for a family without one), in one query.
std::vector<InvoiceRecipient>
unpublished_invoice_recipients(Connection& conn, std::int64_t commune_id, std::int64_t run_id,
                               std::span<const std::int64_t> families);

// Sets published_at on the run's invoices of these families, in one statement.
void mark_invoices_published(Connection& conn, std::int64_t commune_id, std::int64_t run_id,
                             std::span<const std::int64_t> families);

} // namespace db
