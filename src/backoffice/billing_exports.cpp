// The régisseurs' CSV exports of invoices and payments, per régie and period.
#include "backoffice/billing.h"

#include "billing/exports.h"
#include "db/billing.h"
#include "db/billing_exports.h"
#include "domain/billing.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"

#include <ctime>
#include <string>

namespace backoffice
{

namespace
{

struct ExportPeriod {
    std::int64_t regie_id = 0;
    domain::Date first;
    domain::Date last; // included
};

// regie (optional: every régie), du and au (Paris days, included; this month without them).
ExportPeriod export_period(app::Context& ctx)
{
    const auto& query = ctx.req.query();
    ExportPeriod p;
    const auto regie_text = query.get("regie").value_or("");
    if (!regie_text.empty()) {
        const auto id = http::parse_id(regie_text);
        if (!id)
            throw http::Error(400, "Choisissez une régie de la liste.");
        if (!db::load_regie(ctx.db(), ctx.commune.id, *id))
            throw http::Error(404);
        p.regie_id = *id;
    }
    const auto today = domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
    const auto from_text = query.get("du").value_or("");
    const auto until_text = query.get("au").value_or("");
    const auto from = from_text.empty() ? std::optional(domain::Date{today.year, today.month, 1})
                                        : domain::parse_iso_date(from_text);
    const auto until =
        until_text.empty()
            ? std::optional(domain::Date{today.year, today.month,
                                         domain::days_in_month(today.year, today.month)})
            : domain::parse_iso_date(until_text);
    if (!from || !until)
        throw http::Error(400, "Les dates s'écrivent AAAA-MM-JJ, par exemple 2026-11-30.");
    const auto span = domain::days_from_civil(*until) - domain::days_from_civil(*from);
    if (span < 0)
        throw http::Error(400, "La fin de la période doit être après son début.");
    if (span > 366)
        throw http::Error(400, "La période d'un export ne peut pas dépasser un an.");
    p.first = *from;
    p.last = *until;
    return p;
}

std::string utc_of_paris_midnight(domain::Date day)
{
    return domain::format_sql_datetime(
        domain::utc_from_epoch(domain::epoch_from_paris({day, 0, 0, 0})));
}

http::Response csv_download(const std::string& name, const ExportPeriod& p, std::string body)
{
    http::Response res;
    res.content_type = "text/csv; charset=utf-8";
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "-" +
                                              domain::iso_date(p.first) + "-" +
                                              domain::iso_date(p.last) + ".csv\"");
    res.set_header("Cache-Control", "private, no-store");
    res.body = std::move(body);
    return res;
}

} // namespace

http::Response invoices_csv(app::Context& ctx)
{
    const auto p = export_period(ctx);
    db::ExportFilter filter;
    filter.regie_id = p.regie_id;
    filter.from = domain::iso_date(p.first);
    filter.until = domain::iso_date(p.last);
    return csv_download(
        "factures", p,
        billing::invoices_csv(db::export_invoices(ctx.db(), ctx.commune.id, filter)));
}

http::Response payments_csv(app::Context& ctx)
{
    const auto p = export_period(ctx);
    db::ExportFilter filter;
    filter.regie_id = p.regie_id;
    filter.from = utc_of_paris_midnight(p.first);
    filter.until = utc_of_paris_midnight(domain::add_days(p.last, 1));
    return csv_download(
        "paiements", p,
        billing::payments_csv(db::export_payments(ctx.db(), ctx.commune.id, filter)));
}

} // namespace backoffice
