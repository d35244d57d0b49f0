#include "billing/disputes.h"

#include "billing/invoicing.h"
#include "db/retry.h"
#include "domain/time.h"

#include <stdexcept>

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

DecideResult decide_dispute(db::Connection& conn, const DecideRequest& request,
                            const OnDecided& on_decided)
{
    using Status = DecideResult::Status;
    return db::with_retry([&] {
        DecideResult result;
        db::Transaction tx(conn);
        // Locked first (dispute, line, invoice), so every credit note of the invoice committed
        // before is seen by the reads that follow, and a concurrent one waits for us.
        auto dispute = db::load_dispute(conn, request.commune_id, request.dispute_id, true);
        if (!dispute)
            return result;
        result.dispute = std::move(*dispute);
        const auto& d = result.dispute;
        if (!db::answer_dispute(conn, request.commune_id, d.id,
                                request.grant ? "granted" : "refused", request.answer,
                                request.agent_id)) {
            result.status = Status::AlreadyDecided;
            return result;
        }
        if (request.grant) {
            CreditRequest credit;
            credit.invoice_id = d.invoice_id;
            credit.line_ids = {d.line_id};
            credit.reason = "Contestation accordée : " + d.line_child + ", " + d.line_activity +
                            (d.line_day.empty() ? std::string() : " du " + d.line_day);
            credit.agent_id = request.agent_id;
            credit.today = request.today;
            const auto issued = issue_credit_note_in(tx, conn, request.commune_id, credit);
            if (!issued.issued()) {
                // The transaction rolls back: the dispute is open again, no number is used.
                result.status = Status::CreditRefused;
                result.refusal =
                    issued.refusal.empty() ? "La facture est introuvable." : issued.refusal;
                return result;
            }
            if (!db::link_credit_note(conn, request.commune_id, d.id, issued.id))
                throw std::logic_error("granted dispute " + std::to_string(d.id) +
                                       " could not be linked to its credit note");
            result.credit_number = issued.number;
            result.credit_cents = issued.amount_cents;
        }
        result.status = Status::Done;
        if (on_decided)
            on_decided(result);
        tx.commit();
        return result;
    });
}

} // namespace billing
