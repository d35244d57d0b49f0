#include "backoffice/billing.h"

#include "db/billing.h"
#include "db/payments.h"
#include "domain/billing.h"
#include "domain/money.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace backoffice
{

namespace
{

// A page a régisseur can still read; the totals above it cover every payment selected.
constexpr int max_payments_listed = 1000;
constexpr int max_period_days = 366;

struct Choice {
    const char* value; // in the query string
    const char* label; // French
    const char* stored;
};

constexpr Choice means_choices[] = {
    {"carte", "Carte bancaire", "carte"},
    {"prelevement", "Prélèvement", "prelevement"},
    {"especes", "Espèces (guichet)", "especes"},
    {"cheque", "Chèque (guichet)", "cheque"},
    {"cesu", "CESU (guichet)", "cesu"},
    {"cheque_vacances", "Chèques vacances (guichet)", "cheque_vacances"},
    {"virement", "Virement (guichet)", "virement"},
};

constexpr Choice state_choices[] = {
    {"payee", "Payé", "paid"},         {"en_cours", "En cours", "pending"},
    {"refusee", "Refusé", "refused"},  {"abandonnee", "Abandonné", "abandoned"},
    {"anomalie", "Anomalie", "error"},
};

// The stored value of a choice given in the query, "" for none; 400 for anything else.
template <std::size_t N>
std::string chosen(const Choice (&choices)[N], std::string_view value, const char* message)
{
    if (value.empty())
        return {};
    for (const auto& c : choices)
        if (value == c.value)
            return c.stored;
    throw http::Error(400, message);
}

template <std::size_t N>
const char* label_of(const Choice (&choices)[N], const std::string& stored, const char* other)
{
    for (const auto& c : choices)
        if (stored == c.stored)
            return c.label;
    return other;
}

template <std::size_t N>
void add_choices(ctemplate::TemplateDictionary& d, const char* section, const Choice (&choices)[N],
                 std::string_view selected)
{
    for (const auto& c : choices) {
        auto* row = d.AddSectionDictionary(section);
        row->SetValue("VALUE", c.value);
        row->SetValue("LABEL", c.label);
        if (selected == c.value)
            row->ShowSection("SELECTED");
    }
}

struct Period {
    domain::Date first;
    domain::Date last; // included
};

std::optional<domain::Date> date_param(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    const auto d = domain::parse_iso_date(text);
    if (!d)
        throw http::Error(400, "Les dates s'écrivent AAAA-MM-JJ, par exemple 2026-11-30.");
    return d;
}

// mois=YYYY-MM, or du/au (Paris days, included); without them, this month. A missing end is
// the start's month end, a missing start the end's month start.
Period period_of(std::string_view month_text, std::string_view from_text,
                 std::string_view until_text, domain::Date today)
{
    if (!month_text.empty()) {
        const auto m = domain::parse_month(month_text);
        if (!m)
            throw http::Error(400, "Le mois s'écrit AAAA-MM, par exemple 2026-11.");
        return {m->first, m->last};
    }
    const auto from = date_param(from_text);
    const auto until = date_param(until_text);
    const auto month_of = [](domain::Date d) {
        return *domain::parse_month(domain::iso_date(d).substr(0, 7));
    };
    Period p;
    p.first = from ? *from : month_of(until.value_or(today)).first;
    p.last = until ? *until : month_of(p.first).last;
    if (p.last < p.first)
        throw http::Error(400, "La date de fin de la période précède sa date de début.");
    if (domain::days_from_civil(p.last) - domain::days_from_civil(p.first) >= max_period_days)
        throw http::Error(400, "Choisissez une période d'un an au plus.");
    return p;
}

std::string utc_of_paris_midnight(domain::Date day)
{
    return domain::format_sql_datetime(
        domain::utc_from_epoch(domain::epoch_from_paris({day, 0, 0, 0})));
}

std::string paris_text(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    return t ? domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*t))) : utc;
}

const char* or_dash(const std::string& s)
{
    return s.empty() ? "—" : s.c_str();
}

} // namespace

http::Response payments_list(app::Context& ctx)
{
    const auto& query = ctx.req.query();
    const auto regie_text = query.get("regie").value_or("");
    const auto from_text = query.get("du").value_or("");
    const auto until_text = query.get("au").value_or("");
    const auto means_text = query.get("mode").value_or("");
    const auto state_text = query.get("etat").value_or("");
    db::OnlinePaymentFilter filter;
    if (!regie_text.empty()) {
        const auto id = http::parse_id(regie_text);
        if (!id)
            throw http::Error(400, "Choisissez une régie de la liste.");
        if (!db::load_regie(ctx.db(), ctx.commune.id, *id))
            throw http::Error(404);
        filter.regie_id = *id;
    }
    const auto today = domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
    const auto period = period_of(query.get("mois").value_or(""), from_text, until_text, today);
    filter.from_utc = utc_of_paris_midnight(period.first);
    filter.until_utc = utc_of_paris_midnight(domain::add_days(period.last, 1));
    filter.means = chosen(means_choices, means_text, "Choisissez un mode de paiement de la liste.");
    filter.state = chosen(state_choices, state_text, "Choisissez un état de la liste.");
    filter.limit = max_payments_listed + 1;

    view::Page page("gestion/paiements.tpl", "Paiements");
    auto& d = page.dict();
    for (const auto& r : db::list_regies(ctx.db(), ctx.commune.id)) {
        auto* c = d.AddSectionDictionary("REGIE_CHOICE");
        c->SetIntValue("VALUE", r.id);
        c->SetValue("LABEL", r.name);
        if (r.id == filter.regie_id)
            c->ShowSection("SELECTED");
    }
    add_choices(d, "MEANS_CHOICE", means_choices, means_text);
    add_choices(d, "STATE_CHOICE", state_choices, state_text);
    d.SetValue("DU", domain::iso_date(period.first));
    d.SetValue("AU", domain::iso_date(period.last));
    const auto export_query = "?regie=" + (filter.regie_id ? std::to_string(filter.regie_id) : "") +
                              "&du=" + domain::iso_date(period.first) +
                              "&au=" + domain::iso_date(period.last);
    d.SetValue("EXPORT_URL", "/gestion/exports/paiements.csv" + export_query);
    d.SetValue("INVOICES_EXPORT_URL", "/gestion/exports/factures.csv" + export_query);
    d.SetValue("PERIOD", "du " + domain::format_date_fr(period.first) + " au " +
                             domain::format_date_fr(period.last));
    const auto totals = db::online_payment_totals(ctx.db(), ctx.commune.id, filter);
    d.SetIntValue("PAID_COUNT", totals.count);
    d.SetValue("PAID_TOTAL", domain::format_euros(totals.cents));

    auto rows = db::online_payments(ctx.db(), ctx.commune.id, filter);
    if (rows.size() > static_cast<std::size_t>(max_payments_listed)) {
        rows.resize(max_payments_listed);
        d.SetIntValue("LIMIT", max_payments_listed);
        d.ShowSection("TRUNCATED");
    }
    if (rows.empty()) {
        d.ShowSection("NO_PAYMENT");
        return page.render(ctx.layout());
    }
    auto* table = d.AddSectionDictionary("HAS_PAYMENTS");
    for (const auto& p : rows) {
        auto* row = table->AddSectionDictionary("PAYMENT");
        row->SetValue("AT", paris_text(p.at));
        row->SetValue("REGIE", p.regie_name);
        row->SetValue("FAMILY", p.family_name);
        row->SetIntValue("FAMILY_NUMBER", p.family_number);
        row->SetValue("FAMILY_URL", "/gestion/familles/" + std::to_string(p.family_id));
        row->SetValue("INVOICE_NUMBER", p.invoice_number);
        row->SetValue("INVOICE_URL", "/gestion/factures/" + std::to_string(p.invoice_id));
        row->SetValue("AMOUNT", domain::format_euros(p.amount_cents));
        row->SetValue("MEANS", label_of(means_choices, p.means, "—"));
        row->SetValue("IDOP", or_dash(p.idop));
        row->SetValue("REFDET", or_dash(p.refdet));
        row->SetValue("NUMAUTO", or_dash(p.numauto));
        row->SetValue("RECEIPT", or_dash(p.receipt_number));
        row->SetValue("STATE", label_of(state_choices, p.state, "Inconnu"));
        row->SetValue("STATE_CLASS", p.state);
    }
    return page.render(ctx.layout());
}

} // namespace backoffice
