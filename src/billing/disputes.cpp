#include "billing/disputes.h"

#include "billing/invoicing.h"
#include "domain/time.h"

namespace billing
{

ContestOutcome contest_line(db::Connection& conn, const ContestRequest& request)
{
    db::Transaction tx(conn);
    if (!db::lock_family_line(conn, request.commune_id, request.family_id, request.invoice_id,
                              request.line_id))
        return ContestOutcome::NotFound;
    if (db::has_open_dispute(conn, request.commune_id, request.line_id))
        return ContestOutcome::AlreadyOpen;
    db::insert_dispute(conn, request.commune_id, request.family_id, request.line_id,
                       request.comment, request.account_id);
    tx.commit();
    return ContestOutcome::Created;
}

DecideResult decide_dispute(db::Connection& conn, const DecideRequest& request)
{
    using Status = DecideResult::Status;
    DecideResult result;
    auto dispute = db::load_dispute(conn, request.commune_id, request.dispute_id);
    if (!dispute)
        return result;
    result.dispute = std::move(*dispute);
    const auto& d = result.dispute;
    // The conditional UPDATE is the claim: of two agents deciding at once, one wins.
    if (!db::answer_dispute(conn, request.commune_id, d.id, request.grant ? "granted" : "refused",
                            request.answer, request.agent_id)) {
        result.status = Status::AlreadyDecided;
        return result;
    }
    if (!request.grant) {
        result.status = Status::Done;
        return result;
    }
    // issue_credit_note runs its own transaction (a nested one would commit ours early), so a
    // failed credit note reopens the dispute instead of rolling it back.
    CreditRequest credit;
    credit.invoice_id = d.invoice_id;
    credit.line_ids = {d.line_id};
    credit.reason = "Contestation accordée : " + d.line_child + ", " + d.line_activity +
                    (d.line_day.empty() ? std::string() : " du " + d.line_day);
    credit.agent_id = request.agent_id;
    credit.today = request.today;
    CreditResult issued;
    try {
        issued = issue_credit_note(conn, request.commune_id, credit);
    } catch (...) {
        db::reopen_dispute(conn, request.commune_id, d.id);
        throw;
    }
    if (!issued.found || !issued.refusal.empty()) {
        db::reopen_dispute(conn, request.commune_id, d.id);
        result.status = Status::CreditRefused;
        result.refusal = issued.refusal.empty() ? "La facture est introuvable." : issued.refusal;
        return result;
    }
    db::link_credit_note(conn, request.commune_id, d.id, d.regie_id, issued.number);
    result.status = Status::Done;
    result.credit_number = issued.number;
    result.credit_cents = issued.amount_cents;
    return result;
}

} // namespace billing
