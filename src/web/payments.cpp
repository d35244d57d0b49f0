#include "web/payments.h"

#include "app/log.h"
#include "billing/payment.h"
#include "billing/receipt.h"
#include "db/payments.h"
#include "domain/money.h"
#include "domain/time.h"
#include "http/error.h"
#include "pdf/invoice_pdf.h"
#include "web/billing.h"

namespace web
{

http::Response payment_return(app::Context& ctx)
{
    const auto idop = ctx.req.query().get("idop");
    if (!idop || !payment::valid_idop(*idop))
        throw http::Error(404);
    const std::string id(*idop);
    auto op = db::family_operation(ctx.db(), ctx.commune.id, ctx.family_id(), id);
    if (!op)
        throw http::Error(404);
    auto status = op->status;
    if (status == db::OperationStatus::Pending) {
        payment::PayfipProvider provider(ctx.services.config.payfip_url);
        if (const auto settled =
                billing::settle(ctx.db(), provider, ctx.commune.id, id, ctx.req.request_id()))
            status = *settled;
    }
    view::Page page("famille/paiement.tpl", "Paiement de la facture " + op->invoice_number);
    auto& d = page.dict();
    d.SetValue("INVOICE_NUMBER", op->invoice_number);
    d.SetValue("AMOUNT", domain::format_euros(op->amount_cents));
    d.SetValue("IDOP", id);
    using S = db::OperationStatus;
    switch (status) {
    case S::Paid: {
        d.SetValue("STATE", "payee");
        d.SetValue("STATUS", "payée");
        auto* paid = d.AddSectionDictionary("PAID");
        if (const auto p = db::payment_by_idop(ctx.db(), ctx.commune.id, id))
            paid->SetValueAndShowSection("PAYMENT_ID", std::to_string(p->id), "RECEIPT");
        break;
    }
    case S::Pending:
        d.SetValue("STATE", "en-cours");
        d.SetValue("STATUS", "en cours");
        d.ShowSection("PENDING");
        break;
    case S::Refused:
        d.SetValue("STATE", "refusee");
        d.SetValue("STATUS", "refusée");
        d.ShowSection("REFUSED");
        break;
    case S::Abandoned:
        d.SetValue("STATE", "abandonnee");
        d.SetValue("STATUS", "abandonnée");
        d.ShowSection("ABANDONED");
        break;
    case S::Error:
        d.SetValue("STATE", "erreur");
        d.SetValue("STATUS", "non enregistré");
        d.ShowSection("ERROR");
        break;
    }
    return page.render(ctx.layout());
}

http::Response payment_notification(app::Context& ctx)
{
    auto idop = ctx.req.form().get("idop");
    if (!idop)
        idop = ctx.req.form().get("idOp");
    if (idop && payment::valid_idop(*idop)) {
        try {
            payment::PayfipProvider provider(ctx.services.config.payfip_url);
            const auto status = billing::settle(ctx.db(), provider, ctx.commune.id,
                                                std::string(*idop), ctx.req.request_id());
            if (!status)
                app::log::warn("rid=" + ctx.req.request_id() +
                               " payment notification for an unknown idOp");
        } catch (const std::exception& e) {
            // The poller settles it later; the service gets its 200 anyway.
            app::log::error("rid=" + ctx.req.request_id() +
                            " payment notification not processed: " + e.what());
            ctx.db().invalidate();
        }
    }
    auto r = http::text(200, "");
    return r;
}

http::Response payments_page(app::Context& ctx)
{
    const auto payments = db::family_payments(ctx.db(), ctx.commune.id, ctx.family_id(), 200);
    view::Page page("famille/paiements.tpl", "Mes paiements");
    auto& d = page.dict();
    d.SetIntValue("COUNT", static_cast<long>(payments.size()));
    if (payments.empty()) {
        d.ShowSection("NO_PAYMENT");
        return page.render(ctx.layout());
    }
    auto* list = d.AddSectionDictionary("HAS_PAYMENTS");
    for (const auto& p : payments) {
        auto* row = list->AddSectionDictionary("PAYMENT");
        row->SetIntValue("ID", p.id);
        row->SetValue("DATE", billing::paid_text(p));
        row->SetValue("INVOICE_NUMBER", p.invoice_number);
        row->SetValue("REGIE", p.regie_name);
        row->SetValue("MEANS", billing::means_text(p));
        row->SetValue("AMOUNT", domain::format_euros(p.amount_cents));
        row->SetValue("RECEIPT_NUMBER", p.receipt_number);
    }
    return page.render(ctx.layout());
}

http::Response payment_receipt(app::Context& ctx)
{
    const auto p = db::family_payment(ctx.db(), ctx.commune.id, ctx.family_id(), ctx.path_id("id"));
    if (!p)
        throw http::Error(404);
    return pdf_download("recu-" + p->receipt_number + ".pdf",
                        pdf::render_receipt(billing::receipt_document(*p, ctx.commune.name)));
}

} // namespace web
