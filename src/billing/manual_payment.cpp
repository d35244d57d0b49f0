#include "billing/manual_payment.h"

#include "billing/receipt.h"
#include "db/families.h"
#include "db/payments.h"

namespace billing
{

bool is_counter_means(std::string_view value)
{
    for (const auto& m : counter_means)
        if (value == m.value)
            return true;
    return false;
}

std::string counter_refusal(const db::InvoiceRow& invoice, domain::Cents amount_cents,
                            bool online_pending)
{
    if (invoice.status == "annulee")
        return "Cette facture est annulée : elle ne peut pas recevoir de paiement.";
    if (invoice.status == "transmise")
        return "Cette facture est transmise au Trésor public : le paiement se fait auprès du "
               "Trésor public.";
    if (invoice.status == "payee" || invoice.due_cents() <= 0)
        return "Cette facture est déjà payée.";
    if (amount_cents <= 0)
        return "Le montant du paiement doit être positif.";
    if (amount_cents > invoice.due_cents())
        return "Le montant (" + domain::format_euros(amount_cents) +
               ") dépasse le reste à payer de la facture (" +
               domain::format_euros(invoice.due_cents()) + ").";
    if (online_pending)
        return "Un paiement en ligne de cette facture est en cours : réessayez dans un quart "
               "d'heure.";
    return {};
}

CounterResult record_counter_payment(db::Connection& conn, const CounterPayment& request)
{
    using Status = CounterResult::Status;
    db::Transaction tx(conn);
    // Lock order as the online payment: the invoice first.
    const auto invoice = db::lock_invoice(conn, request.commune_id, request.invoice_id);
    if (!invoice)
        return {Status::NotFound, {}, 0, {}};
    const bool online_pending = db::live_operation(conn, invoice->id).has_value();
    if (auto reason = counter_refusal(*invoice, request.amount_cents, online_pending);
        !reason.empty())
        return {Status::Refused, std::move(reason), 0, {}};

    const auto paid_epoch = request.received_on == request.today
                                ? request.now_epoch
                                : domain::epoch_from_paris({request.received_on, 12, 0, 0});
    db::NewPayment p;
    p.invoice_id = invoice->id;
    p.family_id = invoice->family_id;
    p.regie_id = invoice->regie_id;
    p.means = request.means;
    p.amount_cents = request.amount_cents;
    p.numauto = request.reference;
    p.paid_at = domain::format_sql_datetime(domain::utc_from_epoch(paid_epoch));
    const auto id = db::insert_payment(conn, request.commune_id, p);
    const auto row = db::commune_payment(conn, request.commune_id, id);
    if (!row)
        throw std::runtime_error("counter payment not read back");
    std::string detail = invoice->number + " : " + domain::format_euros(p.amount_cents) + ", " +
                         means_text(*row) + ", reçu le " +
                         domain::format_date_fr(request.received_on) + ", reçu n° " +
                         row->receipt_number;
    if (!request.comment.empty())
        detail += " (" + request.comment + ")";
    db::journal(conn, request.commune_id, "agent", request.agent_id, "Paiement au guichet",
                "invoice", invoice->id, detail);
    tx.commit();
    return {Status::Recorded, {}, id, row->receipt_number};
}

} // namespace billing
