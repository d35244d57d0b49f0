// Paying an invoice online (SPEC §4.10): an operation is opened at the payment service with
// the invoice locked, and its result is recorded exactly once, whoever asks first (the
// notification, the parent's return, the poller). Nothing the notification says is trusted:
// only the result read back from the service, checked against the operation.
#pragma once

#include "db/connection.h"
#include "db/payments.h"
#include "payment/payfip.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace billing
{

// An idOp lives 15 minutes at PayFiP; the invoice stays locked as long.
constexpr int operation_lifetime_seconds = 15 * 60;

// "Payer en ligne" is offered: due, not past its due date (`today` "YYYY-MM-DD", Paris), not
// sent to the Trésor public, and the régie takes online payments.
bool payable_online(const db::FamilyInvoice& invoice, const std::string& today);
// "Payer en ligne", "Payée", "Plus payable en ligne" or "Annulée".
std::string status_label(const db::FamilyInvoice& invoice, const std::string& today);
// The invoice number as a PayFiP refdet: letters and digits only, at most 30.
std::string refdet_of(std::string_view number);

struct StartRequest {
    std::int64_t commune_id = 0;
    std::int64_t family_id = 0;
    std::int64_t account_id = 0;
    std::int64_t invoice_id = 0;
    std::string email;    // the paying parent's
    std::string base_url; // the commune's portal, for urlnotif and urlredirect
    char saisie = 'T';
    std::string today; // "YYYY-MM-DD", Paris
    std::string request_id;
};

struct StartResult {
    enum class Status { Redirect, NotFound, NotPayable, Unavailable } status = Status::NotFound;
    std::string url;    // the payment page, when Redirect
    std::string reason; // French, when NotPayable or Unavailable
};

// With the invoice row locked: refuses what is not payable online, reuses the operation of
// the invoice still live, or opens a new one at the service.
StartResult start_payment(db::Connection& conn, payment::Provider& provider,
                          const StartRequest& request);

// Reads the operation's result at the service and records it once: paid → payment row,
// invoice paid, receipt mailed; refused or abandoned → the invoice stays payable; a result
// that does not match the operation (reference, client number, amount) → error, logged,
// invoice unchanged; not known yet → still pending. An operation already settled is not
// asked again. Unknown idOp (in this commune): nullopt, nothing changes.
std::optional<db::OperationStatus> settle(db::Connection& conn, payment::Provider& provider,
                                          std::int64_t commune_id, const std::string& idop,
                                          const std::string& request_id = {});

// Settles the operations pending for 5 minutes to 3 hours (by default); returns how many
// were settled (no longer pending).
int settle_pending(db::Connection& conn, payment::Provider& provider, int min_age_seconds = 300,
                   int max_age_seconds = 3 * 3600);

} // namespace billing
