#include "backoffice/exports.h"

#include "db/attendance.h"
#include "domain/time.h"
#include "export/csv.h"
#include "http/error.h"
#include "http/parse.h"

#include <ctime>

namespace backoffice
{

namespace
{

const char* booking_label(const std::string& s)
{
    if (s == "booked")
        return "Réservé";
    if (s == "waiting")
        return "Liste d'attente";
    if (s == "requested")
        return "Demandé";
    if (s == "refused")
        return "Refusé";
    if (s == "cancelled")
        return "Annulé";
    return "Sans réservation";
}

const char* attendance_label(const std::string& s)
{
    if (s == "present")
        return "Présent";
    if (s == "absent")
        return "Absent";
    if (s == "excused")
        return "Absence excusée";
    return "";
}

domain::Date date_param(app::Context& ctx, const char* name)
{
    const auto raw = ctx.req.query().get(name);
    const auto d = raw ? http::parse_date(*raw) : std::nullopt;
    if (!d)
        throw http::Error(400, std::string("La date « ") + name +
                                   " » doit être au format AAAA-MM-JJ, par exemple 2026-12-01.");
    return {d->year, d->month, d->day};
}

} // namespace

http::Response exports_page(app::Context& ctx)
{
    const auto today = domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
    view::Page page("gestion/exports.tpl", "Exports");
    auto& d = page.dict();
    d.SetValue("FIRST", domain::iso_date({today.year, today.month, 1}));
    d.SetValue("LAST", domain::iso_date({today.year, today.month,
                                         domain::days_in_month(today.year, today.month)}));
    return page.render(ctx.layout());
}

http::Response bookings_csv(app::Context& ctx)
{
    const auto first = date_param(ctx, "du");
    const auto last = date_param(ctx, "au");
    const auto span = domain::days_from_civil(last) - domain::days_from_civil(first);
    if (span < 0)
        throw http::Error(400, "La fin de la période doit être après son début.");
    if (span > 366)
        throw http::Error(400, "La période d'un export ne peut pas dépasser un an.");
    archive::CsvWriter csv;
    csv.row({"Date", "Activité", "Régie", "N° famille", "Famille", "Nom", "Prénom", "Classe",
             "Réservation", "Annulation tardive", "Place reprise", "Présence"});
    for (const auto& r :
         db::export_rows(ctx.db(), ctx.commune.id, domain::iso_date(first), domain::iso_date(last)))
        csv.row({r.day, r.activity, r.regie, std::to_string(r.family_number), r.family_name,
                 r.last_name, r.first_name, r.class_name,
                 r.without_booking ? "Sans réservation" : booking_label(r.booking),
                 r.late_cancel ? "Oui" : "", r.place_taken ? "Oui" : "",
                 attendance_label(r.attendance)});
    http::Response res;
    res.content_type = "text/csv; charset=utf-8";
    res.set_header("Content-Disposition", "attachment; filename=\"reservations-" +
                                              domain::iso_date(first) + "-" +
                                              domain::iso_date(last) + ".csv\"");
    res.set_header("Cache-Control", "private, no-store");
    res.body = csv.str();
    return res;
}

} // namespace backoffice
