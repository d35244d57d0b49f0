// The payment receipt (reçu), the same for the family and for the régie's agents, whether the
// payment came through PayFiP or was recorded at the régie's counter.
#pragma once

#include "db/payments.h"
#include "pdf/invoice_pdf.h"

#include <string>
#include <string_view>

namespace billing
{

// "Carte bancaire", "Prélèvement", "Espèces", "Chèque", "CESU", "Chèques vacances",
// "Virement"; "" for anything else.
const char* means_label(std::string_view means);
// Recorded at the régie (cash, cheque…), not through the payment service.
bool manual_means(std::string_view means);
// The means as a receipt or a list shows it: "Carte bancaire (PayFiP)", "Chèque n° 1234567".
std::string means_text(const db::PaymentRow& payment);
// When it was paid, in Paris: date and time online, the day of receipt at the counter.
std::string paid_text(const db::PaymentRow& payment);
// The receipt of a stored payment; `commune_name` when the invoice has none.
pdf::ReceiptDocument receipt_document(const db::PaymentRow& payment,
                                      const std::string& commune_name);

} // namespace billing
