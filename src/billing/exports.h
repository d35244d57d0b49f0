// The régisseurs' CSV exports of invoices and payments (SPEC §5), written with the project's
// CSV writer like the bookings export: ';', UTF-8 with a BOM, ISO dates in Paris time, and
// amounts in euros with a decimal comma and no thousands separator, so that a French
// spreadsheet reads them as numbers ("1234,50").
#pragma once

#include "db/billing_exports.h"
#include "domain/money.h"

#include <string>
#include <vector>

namespace billing
{

// "1234,50", "0,05", "-12,00".
std::string csv_amount(domain::Cents cents);
// "À payer", "Payée", "Transmise au Trésor public", "Annulée".
const char* invoice_status_fr(const std::string& status);

std::string invoices_csv(const std::vector<db::InvoiceExportRow>& rows);
std::string payments_csv(const std::vector<db::PaymentExportRow>& rows);

} // namespace billing
