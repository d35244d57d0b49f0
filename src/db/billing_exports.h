// The régisseurs' CSV exports (SPEC §5): the invoices and the payments of a commune, per
// régie and period. Every query is scoped by commune.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <string>
#include <vector>

namespace db
{

struct ExportFilter {
    std::int64_t regie_id = 0; // 0: every régie of the commune
    std::string from;          // included: "YYYY-MM-DD" (invoices), UTC "YYYY-MM-DD HH:MM:SS"
    std::string until;         // (payments); invoices: included, payments: excluded
};

struct InvoiceExportRow {
    std::string number;
    std::string issued_on; // "YYYY-MM-DD"
    std::string due_on;
    std::string month; // "YYYY-MM"
    std::string regie_name;
    int family_number = 0;
    std::string family_name;
    std::int64_t total_cents = 0;
    std::int64_t paid_cents = 0;
    std::int64_t credited_cents = 0;
    std::string status; // a_payer, payee, transmise, annulee
};
// Invoices issued from `from` to `until` (days, included), by régie, then number.
std::vector<InvoiceExportRow> export_invoices(Connection& conn, std::int64_t commune_id,
                                              const ExportFilter& filter);

struct PaymentExportRow {
    std::string paid_at; // UTC "YYYY-MM-DD HH:MM:SS"
    std::string receipt_number;
    std::string regie_name;
    int family_number = 0;
    std::string family_name;
    std::string invoice_number;
    std::string means; // carte, prelevement, especes, cheque, cesu, cheque_vacances, virement
    std::int64_t amount_cents = 0;
    std::string reference; // the bank's authorisation number, or the cheque's…
    std::string idop;      // of an online payment
};
// Every payment (online or recorded at the régie) received in [from, until), oldest first.
std::vector<PaymentExportRow> export_payments(Connection& conn, std::int64_t commune_id,
                                              const ExportFilter& filter);

} // namespace db
