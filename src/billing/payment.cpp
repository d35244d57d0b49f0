#include "billing/payment.h"

#include "app/log.h"
#include "domain/money.h"
#include "domain/time.h"
#include "mail/outbox.h"
#include "view/view.h"

#include <cctype>
#include <charconv>
#include <ctime>

namespace billing
{

namespace
{

std::int64_t now_epoch()
{
    return static_cast<std::int64_t>(std::time(nullptr));
}

int year_of(const std::string& iso)
{
    int year = 0;
    if (iso.size() >= 4)
        std::from_chars(iso.data(), iso.data() + 4, year);
    return year;
}

std::string paris_text(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    if (!t)
        return utc;
    return domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*t)));
}

void log_line(app::log::Level level, const std::string& rid, const std::string& text)
{
    app::log::write(level, (rid.empty() ? std::string("payments") : "rid=" + rid) + " " + text);
}

// In the settling transaction, so the mail goes out once with the payment or not at all.
void queue_receipt_mail(db::Connection& conn, const db::PaymentOperation& op,
                        const db::PaymentRow& payment)
{
    const auto commune = db::load_commune(conn, op.commune_id);
    if (!commune || op.email.empty())
        return;
    ctemplate::TemplateDictionary dict("mail");
    dict.SetValue("COMMUNE_NAME", commune->name);
    dict.SetValue("AMOUNT", domain::format_euros(payment.amount_cents));
    dict.SetValue("PAID_AT", paris_text(payment.paid_at));
    dict.SetValue("INVOICE_NUMBER", payment.invoice_number);
    dict.SetValue("REGIE", payment.regie_name);
    dict.SetValue("RECEIPT_NUMBER", payment.receipt_number);
    dict.SetValue("NUMAUTO", payment.numauto.empty() ? "—" : payment.numauto);
    dict.SetValue("LINK", commune->base_url + "/facturation/paiements");
    mail::Message m;
    m.to = op.email;
    m.subject = "Reçu de votre paiement de " + domain::format_euros(payment.amount_cents) +
                " — Portail Famille de " + commune->name;
    m.text = view::expand("mail/recu.txt.tpl", dict);
    m.html = view::expand("mail/recu.html.tpl", dict);
    mail::enqueue(conn, commune->id, commune->mail_from, "Portail Famille de " + commune->name, m);
}

// What does not match between the service's result and the operation; "" when all does.
std::string mismatch(const payment::PaymentResult& r, const db::PaymentOperation& op)
{
    if (!r.idop.empty() && r.idop != op.idop)
        return "idOp " + r.idop;
    if (r.refdet != op.refdet)
        return "refdet " + r.refdet + " instead of " + op.refdet;
    if (r.numcli != op.numcli)
        return "numcli " + r.numcli + " instead of " + op.numcli;
    if (r.montant != op.amount_cents)
        return "amount " + std::to_string(r.montant) + " instead of " +
               std::to_string(op.amount_cents);
    return {};
}

} // namespace

bool payable_online(const db::FamilyInvoice& invoice, const std::string& today)
{
    return invoice.status == "a_payer" && invoice.due_cents() > 0 && invoice.due_on >= today &&
           payment::valid_numcli(invoice.payfip_numcli);
}

std::string status_label(const db::FamilyInvoice& invoice, const std::string& today)
{
    if (invoice.status == "annulee")
        return "Annulée";
    if (invoice.status == "payee" || (invoice.status == "a_payer" && invoice.due_cents() <= 0))
        return "Payée";
    if (payable_online(invoice, today))
        return "Payer en ligne";
    return "Plus payable en ligne";
}

std::string refdet_of(std::string_view number)
{
    std::string out;
    for (const char c : number)
        if (std::isalnum(static_cast<unsigned char>(c)) && out.size() < 30)
            out += c;
    return out;
}

StartResult start_payment(db::Connection& conn, payment::Provider& provider,
                          const StartRequest& request)
{
    using Status = StartResult::Status;
    // An operation of this invoice still pending after its 15 minutes (its notification lost,
    // or late by hours, and out of the poller's reach): ask the service what became of it
    // before opening another, so that a parent who did pay is not sent to pay twice.
    // Only for the family's own invoice: nobody makes the portal ask about another's.
    if (!db::load_family_invoice(conn, request.commune_id, request.family_id, request.invoice_id,
                                 false))
        return {Status::NotFound, {}, {}};
    for (const auto& idop : db::expired_pending_operations(conn, request.invoice_id))
        settle(conn, provider, request.commune_id, idop, request.request_id);
    db::Transaction tx(conn);
    const auto invoice = db::load_family_invoice(conn, request.commune_id, request.family_id,
                                                 request.invoice_id, true);
    if (!invoice)
        return {Status::NotFound, {}, {}};
    if (!payable_online(*invoice, request.today)) {
        const auto label = status_label(*invoice, request.today);
        return {Status::NotPayable,
                {},
                label == "Payée"     ? "Cette facture est déjà payée."
                : label == "Annulée" ? "Cette facture a été annulée."
                                     : "Cette facture n'est plus payable en ligne : adressez-vous "
                                       "à la régie ou au Trésor public."};
    }
    if (const auto live = db::live_operation(conn, invoice->id)) {
        tx.commit();
        return {Status::Redirect, provider.payment_url(live->idop), {}};
    }
    payment::PaymentRequest r;
    r.numcli = invoice->payfip_numcli;
    r.exer = year_of(invoice->issued_on);
    r.refdet = refdet_of(invoice->number);
    r.objet = payment::make_objet("Facture " + invoice->number + " " + invoice->regie_name);
    r.montant = invoice->due_cents();
    r.mel = request.email;
    r.urlnotif = request.base_url + "/paiement/notification";
    r.urlredirect = request.base_url + "/paiement/retour";
    r.saisie = request.saisie;
    if (const auto invalid = payment::validate(r)) {
        log_line(app::log::Level::Error, request.request_id,
                 "payment of invoice " + std::to_string(invoice->id) + " not sent: " + *invalid);
        return {Status::Unavailable,
                {},
                "Le paiement en ligne de cette facture est impossible : "
                "adressez-vous à la régie."};
    }
    const auto created = provider.create(r);
    if (created.outcome != payment::Outcome::Ok) {
        log_line(app::log::Level::Warn, request.request_id,
                 "PayFiP creerPaiementSecurise failed for invoice " + std::to_string(invoice->id) +
                     ": " + created.error.code + " " + created.error.message);
        return {Status::Unavailable,
                {},
                "Le service de paiement ne répond pas pour le moment : réessayez dans quelques "
                "minutes."};
    }
    db::PaymentOperation op;
    op.commune_id = request.commune_id;
    op.idop = created.idop;
    op.invoice_id = invoice->id;
    op.family_id = request.family_id;
    op.account_id = request.account_id;
    op.numcli = r.numcli;
    op.exer = r.exer;
    op.refdet = r.refdet;
    op.amount_cents = r.montant;
    op.email = r.mel;
    db::insert_operation(conn, op, operation_lifetime_seconds);
    tx.commit();
    log_line(app::log::Level::Info, request.request_id,
             "payment operation " + created.idop + " opened for invoice " +
                 std::to_string(invoice->id));
    return {Status::Redirect, provider.payment_url(created.idop), {}};
}

std::optional<db::OperationStatus> settle(db::Connection& conn, payment::Provider& provider,
                                          std::int64_t commune_id, const std::string& idop,
                                          const std::string& request_id)
{
    using S = db::OperationStatus;
    if (!payment::valid_idop(idop))
        return std::nullopt;
    const auto known = db::find_operation(conn, commune_id, idop);
    if (!known)
        return std::nullopt;
    if (known->status != S::Pending)
        return known->status;

    const auto fetched = provider.fetch(idop);
    if (fetched.outcome != payment::Outcome::Ok) {
        if (fetched.outcome != payment::Outcome::NotYet)
            log_line(app::log::Level::Warn, request_id,
                     "PayFiP result of " + idop + " not read: " + fetched.error.code + " " +
                         fetched.error.message);
        db::note_check(conn, known->id,
                       fetched.error.code.empty() ? fetched.error.message : fetched.error.code);
        return S::Pending;
    }
    const auto& result = fetched.result;

    db::Transaction tx(conn);
    // Lock order as in start_payment: the invoice, then the operation.
    if (!db::load_family_invoice(conn, commune_id, known->family_id, known->invoice_id, true))
        return std::nullopt;
    const auto op = db::find_operation(conn, commune_id, idop, true);
    if (!op)
        return std::nullopt;
    if (op->status != S::Pending) {
        tx.commit();
        return op->status;
    }
    db::OperationResult outcome;
    outcome.resultrans = result.resultrans;
    outcome.numauto = result.numauto;
    outcome.dattrans = result.dattrans;
    outcome.heurtrans = result.heurtrans;
    outcome.reported_cents = result.montant;
    if (const auto wrong = mismatch(result, *op); !wrong.empty()) {
        outcome.status = S::Error;
        outcome.detail = "result does not match the operation: " + wrong;
        db::settle_operation(conn, op->id, outcome);
        tx.commit();
        log_line(app::log::Level::Error, request_id,
                 "PayFiP operation " + idop + " refused: " + outcome.detail + " (resultrans " +
                     std::string(1, result.resultrans ? result.resultrans : '?') + "); invoice " +
                     std::to_string(op->invoice_id) + " unchanged");
        return S::Error;
    }
    switch (result.resultrans) {
    case 'P':
    case 'V':
        outcome.status = S::Paid;
        break;
    case 'R':
    case 'Z':
        outcome.status = S::Refused;
        break;
    case 'A':
        outcome.status = S::Abandoned;
        break;
    default:
        outcome.status = S::Error;
        outcome.detail = "unknown resultrans";
        break;
    }
    if (outcome.status == S::Paid) {
        db::NewPayment p;
        p.invoice_id = op->invoice_id;
        p.family_id = op->family_id;
        p.regie_id = 0;
        if (const auto inv =
                db::load_family_invoice(conn, commune_id, op->family_id, op->invoice_id, false))
            p.regie_id = inv->regie_id;
        p.operation_id = op->id;
        p.idop = op->idop;
        p.means = result.resultrans == 'V' ? "prelevement" : "carte";
        p.amount_cents = result.montant;
        p.numauto = result.numauto;
        p.paid_at = domain::format_sql_datetime(domain::utc_from_epoch(now_epoch()));
        const auto payment_id = db::insert_payment(conn, commune_id, p);
        if (payment_id == 0)
            return S::Paid; // recorded by someone else: roll back
        if (const auto row = db::payment_by_idop(conn, commune_id, op->idop)) {
            queue_receipt_mail(conn, *op, *row);
            db::mark_receipt_mailed(conn, payment_id);
        }
    }
    db::settle_operation(conn, op->id, outcome);
    tx.commit();
    log_line(app::log::Level::Info, request_id,
             "PayFiP operation " + idop + " settled: " + db::to_string(outcome.status));
    return outcome.status;
}

int settle_pending(db::Connection& conn, payment::Provider& provider, int min_age_seconds,
                   int max_age_seconds)
{
    int settled = 0;
    for (const auto& p : db::pending_operations(conn, min_age_seconds, max_age_seconds, 1000)) {
        try {
            const auto status = settle(conn, provider, p.commune_id, p.idop);
            if (status && *status != db::OperationStatus::Pending)
                ++settled;
        } catch (const std::exception& e) {
            log_line(app::log::Level::Error, {}, "settling " + p.idop + " failed: " + e.what());
        }
    }
    return settled;
}

} // namespace billing
