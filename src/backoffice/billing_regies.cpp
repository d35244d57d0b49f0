#include "backoffice/billing.h"

#include "db/activities.h"
#include "db/billing.h"
#include "db/families.h"
#include "domain/billing.h"
#include "domain/money.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "web/fields.h"
#include "web/form_input.h"

#include <algorithm>
#include <ctime>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace backoffice
{

namespace
{

using Errors = std::vector<std::pair<std::string, std::string>>; // field id, message
using Values = std::map<std::string, std::string>;

constexpr int tariff_rows = 6;

void show_errors(ctemplate::TemplateDictionary& d, const Errors& errors)
{
    for (const auto& [field, message] : errors) {
        auto* e = d.AddSectionDictionary("ERROR");
        e->SetValue("FIELD", field);
        e->SetValue("MESSAGE", message);
    }
    if (!errors.empty())
        d.ShowSection("HAS_ERRORS");
}

std::string regie_url(std::int64_t id)
{
    return "/gestion/regies/" + std::to_string(id);
}

std::string tariffs_url(std::int64_t activity_id)
{
    return "/gestion/activites/" + std::to_string(activity_id) + "/tarifs";
}

Values values_of(const db::Regie& r)
{
    return {{"nom", r.name},
            {"adresse", r.address},
            {"numcli", r.payfip_numcli},
            {"prefixe_facture", r.invoice_prefix},
            {"prefixe_avoir", r.credit_prefix},
            {"delai_paiement", std::to_string(r.payment_days)},
            {"guichet", r.office_text}};
}

// An include dictionary does not see its parent's values: the CSRF token is set here too.
void add_regie_form(app::Context& ctx, ctemplate::TemplateDictionary& d, const std::string& action,
                    const std::string& submit, const Values& v, const Errors& errors)
{
    auto* form = d.AddIncludeDictionary("REGIE_FORM");
    form->SetFilename("gestion/billing_regie_form.tpl");
    form->SetValue("CSRF", ctx.csrf());
    form->SetValue("FORM_ACTION", action);
    form->SetValue("SUBMIT", submit);
    for (const auto& [name, value] : v) {
        std::string key = name;
        std::transform(key.begin(), key.end(), key.begin(),
                       [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
        form->SetValue(key, value);
    }
    show_errors(*form, errors);
}

// The submitted régie; the errors name the field ids of the form.
std::pair<db::Regie, Errors> read_regie(const http::Params& form, Values& values)
{
    db::Regie r;
    Errors errors;
    const auto name = web::text_field(form, "nom", 120);
    const auto address = web::multiline_field(form, "adresse", 500, false);
    const auto numcli = web::text_field(form, "numcli", 6, false);
    const auto invoice_prefix = web::text_field(form, "prefixe_facture", 12);
    const auto credit_prefix = web::text_field(form, "prefixe_avoir", 12);
    const auto days = web::text_field(form, "delai_paiement", 3);
    const auto office = web::multiline_field(form, "guichet", 1000, false);
    values = {{"nom", name.value},
              {"adresse", address.value},
              {"numcli", numcli.value},
              {"prefixe_facture", invoice_prefix.value},
              {"prefixe_avoir", credit_prefix.value},
              {"delai_paiement", days.value},
              {"guichet", office.value}};
    if (!name.ok())
        errors.emplace_back("regie-nom", "Saisissez le nom de la régie (120 caractères au plus).");
    if (!address.ok())
        errors.emplace_back("regie-adresse", "L'adresse fait 500 caractères au plus.");
    const bool numcli_ok =
        numcli.ok() &&
        (numcli.value.empty() ||
         (numcli.value.size() == 6 && std::all_of(numcli.value.begin(), numcli.value.end(),
                                                  [](char c) { return c >= '0' && c <= '9'; })));
    if (!numcli_ok)
        errors.emplace_back("regie-numcli", "Le numéro client PayFiP s'écrit avec six chiffres.");
    if (!invoice_prefix.ok() || !domain::valid_number_prefix(invoice_prefix.value))
        errors.emplace_back("regie-prefixe", "Le préfixe des factures s'écrit avec 1 à 12 lettres "
                                             "majuscules, chiffres ou tirets, par exemple FAC.");
    if (!credit_prefix.ok() || !domain::valid_number_prefix(credit_prefix.value))
        errors.emplace_back("regie-prefixe_avoir",
                            "Le préfixe des avoirs s'écrit avec 1 à 12 lettres majuscules, "
                            "chiffres ou tirets, par exemple AV.");
    else if (credit_prefix.value == invoice_prefix.value)
        errors.emplace_back("regie-prefixe_avoir",
                            "Le préfixe des avoirs doit être différent de celui des factures.");
    const auto n = http::parse_int(days.value).value_or(-1);
    if (!days.ok() || n < 0 || n > 365)
        errors.emplace_back("regie-delai",
                            "Le délai de paiement est un nombre de jours de 0 à 365.");
    if (!office.ok())
        errors.emplace_back("regie-guichet", "Le texte du guichet fait 1 000 caractères au plus.");
    r.name = name.value;
    r.address = address.value;
    r.payfip_numcli = numcli.value;
    r.invoice_prefix = invoice_prefix.value;
    r.credit_prefix = credit_prefix.value;
    r.payment_days = n >= 0 && n <= 365 ? static_cast<int>(n) : 30;
    r.office_text = office.value;
    return {r, errors};
}

http::Response render_list(app::Context& ctx, const Values& form_values, const Errors& errors,
                           int status)
{
    view::Page page("gestion/billing_regies.tpl", "Régies");
    auto& d = page.dict();
    const auto& query = ctx.req.query();
    if (query.get("ok") == "1")
        d.ShowSection("SAVED");
    if (query.get("rattachee") == "1")
        d.ShowSection("ATTACHED");
    const auto regies = db::list_regies(ctx.db(), ctx.commune.id);
    if (regies.empty())
        d.ShowSection("NO_REGIE");
    auto* table = regies.empty() ? nullptr : d.AddSectionDictionary("HAS_REGIES");
    const int year =
        domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date.year;
    for (const auto& r : regies) {
        auto* row = table->AddSectionDictionary("REGIE");
        row->SetValue("URL", regie_url(r.id));
        row->SetValue("NAME", r.name);
        row->SetValue("ADDRESS", r.address);
        row->SetValue("NUMCLI", r.payfip_numcli.empty() ? "—" : r.payfip_numcli);
        row->SetValue("INVOICE_EXAMPLE", domain::format_invoice_number(r.invoice_prefix, year, 1));
        row->SetValue("CREDIT_EXAMPLE", domain::format_invoice_number(r.credit_prefix, year, 1));
        row->SetIntValue("DAYS", r.payment_days);
    }
    const auto activities = db::activity_regies(ctx.db(), ctx.commune.id);
    if (activities.empty())
        d.ShowSection("NO_ACTIVITY");
    auto* list = activities.empty() ? nullptr : d.AddSectionDictionary("HAS_ACTIVITIES");
    for (const auto& a : activities) {
        auto* row = list->AddSectionDictionary("ACTIVITY");
        row->SetIntValue("ACTIVITY_ID", a.activity_id);
        row->SetValue("ACTIVITY_NAME", a.activity_name);
        row->SetValue("ACTIVITY_REGIE_URL",
                      "/gestion/activites/" + std::to_string(a.activity_id) + "/regie");
        row->SetValue("TARIFFS_URL", tariffs_url(a.activity_id));
        for (const auto& r : regies) {
            auto* choice = row->AddSectionDictionary("CHOICE");
            choice->SetIntValue("CHOICE_ID", r.id);
            choice->SetValue("CHOICE_NAME", r.name);
            if (r.id == a.regie_id)
                choice->ShowSection("CHOICE_SELECTED");
        }
    }
    add_regie_form(ctx, d, "/gestion/regies", "Créer la régie", form_values, errors);
    return page.render(ctx.layout(), status);
}

http::Response render_regie(app::Context& ctx, const db::Regie& regie, const Values& values,
                            const Errors& errors, int status)
{
    view::Page page("gestion/billing_regie.tpl", "Régie « " + regie.name + " »");
    auto& d = page.dict();
    d.SetValue("NAME", regie.name);
    add_regie_form(ctx, d, regie_url(regie.id), "Enregistrer les modifications", values, errors);
    return page.render(ctx.layout(), status);
}

db::Regie regie_or_404(app::Context& ctx)
{
    auto r = db::load_regie(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!r)
        throw http::Error(404);
    return std::move(*r);
}

db::Activity activity_or_404(app::Context& ctx)
{
    auto a = db::load_activity(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!a)
        throw http::Error(404);
    return std::move(*a);
}

void journal(app::Context& ctx, const std::string& action, const std::string& type, std::int64_t id,
             const std::string& detail)
{
    db::journal(ctx.db(), ctx.commune.id, "agent", ctx.agent->id, action, type, id, detail);
}

// ---- tariff grid -------------------------------------------------------------------------

std::string band_fr(const domain::TariffRow& r)
{
    if (!r.qf_max)
        return r.qf_min == 0 ? std::string("Tous quotients")
                             : "À partir de " + std::to_string(r.qf_min);
    return "De " + std::to_string(r.qf_min) + " à " + std::to_string(*r.qf_max);
}

struct GridForm {
    Values values;
    Errors errors;
    std::vector<db::Tariff> rows;
};

std::optional<int> read_quotient(const std::string& text)
{
    const auto n = http::parse_int(text);
    if (!n || *n < 0 || *n > 999999)
        return std::nullopt;
    return static_cast<int>(*n);
}

GridForm read_grid(const http::Params& form, std::int64_t activity_id)
{
    GridForm g;
    const auto get = [&](const std::string& name) {
        return web::text_field(form, name, 20, false);
    };
    const auto from_field = get("valable_du");
    g.values["valable_du"] = from_field.value;
    const auto from = from_field.ok() ? domain::parse_iso_date(from_field.value) : std::nullopt;
    if (!from)
        g.errors.emplace_back("valable_du", "Indiquez la date de début de la grille, au format "
                                            "AAAA-MM-JJ, par exemple 2026-09-01.");
    const auto without_qf = std::string(form.get("sans_quotient").value_or(""));
    g.values["sans_quotient"] = without_qf;
    for (int n = 1; n <= tariff_rows; ++n) {
        const auto k = std::to_string(n);
        const auto qf_min = get("qf_min_" + k);
        const auto qf_max = get("qf_max_" + k);
        const auto audience_text = std::string(form.get("public_" + k).value_or("all"));
        const auto price = get("prix_" + k);
        const auto penalty = get("penalite_" + k);
        for (const auto& [name, f] : {std::pair{"qf_min_", &qf_min}, std::pair{"qf_max_", &qf_max},
                                      std::pair{"prix_", &price}, std::pair{"penalite_", &penalty}})
            g.values[name + k] = f->value;
        g.values["public_" + k] = audience_text;
        if (qf_min.value.empty() && qf_max.value.empty() && price.value.empty() &&
            penalty.value.empty())
            continue;
        const std::string row = "Tranche " + k + " : ";
        db::Tariff t;
        t.activity_id = activity_id;
        t.row.valid_from = from.value_or(domain::Date{});
        const auto min = qf_min.value.empty() ? std::optional<int>(0) : read_quotient(qf_min.value);
        if (!qf_min.ok() || !min)
            g.errors.emplace_back("qf_min_" + k, row + "le quotient de début est un nombre entier "
                                                       "de 0 à 999 999 (vide : 0).");
        std::optional<int> max;
        if (!qf_max.value.empty()) {
            max = read_quotient(qf_max.value);
            if (!qf_max.ok() || !max)
                g.errors.emplace_back("qf_max_" + k, row + "le quotient de fin est un nombre "
                                                           "entier de 0 à 999 999, ou vide.");
            else if (min && *max < *min)
                g.errors.emplace_back("qf_max_" + k, row + "le quotient de fin doit être au moins "
                                                           "égal à celui de début.");
        }
        const auto audience = domain::parse_audience(audience_text);
        if (!audience)
            g.errors.emplace_back("public_" + k, row + "choisissez les familles concernées.");
        const auto unit = price.ok() ? domain::parse_euros(price.value) : std::nullopt;
        if (!unit)
            g.errors.emplace_back("prix_" + k, row + "indiquez le prix du jour en euros, par "
                                                     "exemple 3,20.");
        std::optional<domain::Cents> pen;
        if (!penalty.value.empty()) {
            pen = penalty.ok() ? domain::parse_euros(penalty.value) : std::nullopt;
            if (!pen)
                g.errors.emplace_back("penalite_" + k, row + "le prix d'une présence sans "
                                                             "réservation s'écrit en euros, "
                                                             "par exemple 6,00, ou reste vide.");
        }
        t.row.qf_min = min.value_or(0);
        t.row.qf_max = max;
        t.row.audience = audience.value_or(domain::Audience::All);
        t.row.without_quotient = without_qf == k;
        t.row.unit_cents = unit.value_or(0);
        t.row.penalty_cents = pen;
        g.rows.push_back(t);
    }
    if (g.rows.empty() && g.errors.empty())
        g.errors.emplace_back("prix_1", "Remplissez au moins une tranche.");
    return g;
}

http::Response render_tariffs(app::Context& ctx, const db::Activity& activity, const GridForm& form,
                              int status)
{
    view::Page page("gestion/billing_tariffs.tpl", "Tarifs : " + activity.name);
    auto& d = page.dict();
    d.SetValue("ACTIVITY", activity.name);
    d.SetValue("FORM_ACTION", tariffs_url(activity.id));
    const auto& query = ctx.req.query();
    if (query.get("ok") == "1")
        d.ShowSection("SAVED");
    if (query.get("supprimee") == "1")
        d.ShowSection("DELETED");
    std::int64_t regie_id = 0;
    for (const auto& a : db::activity_regies(ctx.db(), ctx.commune.id))
        if (a.activity_id == activity.id)
            regie_id = a.regie_id;
    const auto regie = regie_id ? db::load_regie(ctx.db(), ctx.commune.id, regie_id) : std::nullopt;
    if (regie)
        d.SetValueAndShowSection("REGIE_NAME", regie->name, "REGIE");
    else
        d.ShowSection("NO_REGIE");
    const auto tariffs = db::list_tariffs(ctx.db(), ctx.commune.id, activity.id);
    if (tariffs.empty())
        d.ShowSection("NO_TARIFF");
    ctemplate::TemplateDictionary* grid = nullptr;
    std::optional<domain::Date> current;
    for (const auto& t : tariffs) {
        if (!current || !(t.row.valid_from == *current)) {
            current = t.row.valid_from;
            grid = d.AddSectionDictionary("GRID");
            grid->SetValue("GRID_ID", domain::iso_date(*current));
            grid->SetValue("GRID_FROM", domain::format_date_fr(*current));
        }
        auto* row = grid->AddSectionDictionary("ROW");
        row->SetValue("AUDIENCE", domain::audience_label_fr(t.row.audience));
        row->SetValue("BAND", band_fr(t.row));
        row->SetValue("PRICE", domain::format_euros(t.row.unit_cents));
        row->SetValue("PENALTY", t.row.penalty_cents ? domain::format_euros(*t.row.penalty_cents)
                                                     : std::string("Prix du jour"));
        row->SetValue("WITHOUT_QF", t.row.without_quotient ? "Oui" : "");
        row->SetValue("DELETE_URL",
                      tariffs_url(activity.id) + "/" + std::to_string(t.id) + "/supprimer");
    }
    const auto value = [&](const std::string& name) {
        const auto it = form.values.find(name);
        return it == form.values.end() ? std::string() : it->second;
    };
    d.SetValue("VALABLE_DU", value("valable_du"));
    for (int n = 1; n <= tariff_rows; ++n) {
        const auto k = std::to_string(n);
        auto* row = d.AddSectionDictionary("NEW_ROW");
        row->SetIntValue("N", n);
        row->SetValue("QF_MIN", value("qf_min_" + k));
        row->SetValue("QF_MAX", value("qf_max_" + k));
        row->SetValue("PRIX", value("prix_" + k));
        row->SetValue("PENALITE", value("penalite_" + k));
        const auto audience = value("public_" + k);
        row->ShowSection(audience == "resident"       ? "RESIDENT"
                         : audience == "non_resident" ? "NON_RESIDENT"
                                                      : "ALL");
        if (value("sans_quotient") == k)
            row->ShowSection("SANS_QF");
    }
    show_errors(d, form.errors);
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response regies_list(app::Context& ctx)
{
    return render_list(ctx, {{"delai_paiement", "30"}}, {}, 200);
}

http::Response regie_create(app::Context& ctx)
{
    Values values;
    auto [regie, errors] = read_regie(ctx.req.form(), values);
    if (!errors.empty())
        return render_list(ctx, values, errors, 400);
    db::Transaction tx(ctx.db());
    try {
        regie.id = db::create_regie(ctx.db(), ctx.commune.id, regie);
    } catch (const db::DuplicateRegie&) {
        return render_list(ctx, values,
                           {{"regie-nom", "Une autre régie porte déjà ce nom ou ce préfixe de "
                                          "factures : choisissez-en un autre."}},
                           409);
    }
    journal(ctx, "Création d'une régie", "regie", regie.id, regie.name);
    tx.commit();
    return http::see_other("/gestion/regies?ok=1");
}

http::Response regie_page(app::Context& ctx)
{
    const auto regie = regie_or_404(ctx);
    return render_regie(ctx, regie, values_of(regie), {}, 200);
}

http::Response regie_update(app::Context& ctx)
{
    const auto before = regie_or_404(ctx);
    Values values;
    auto [regie, errors] = read_regie(ctx.req.form(), values);
    if (!errors.empty())
        return render_regie(ctx, before, values, errors, 400);
    regie.id = before.id;
    db::Transaction tx(ctx.db());
    try {
        db::update_regie(ctx.db(), ctx.commune.id, regie);
    } catch (const db::DuplicateRegie&) {
        return render_regie(ctx, before, values,
                            {{"regie-nom", "Une autre régie porte déjà ce nom ou ce préfixe de "
                                           "factures : choisissez-en un autre."}},
                            409);
    }
    journal(ctx, "Modification d'une régie", "regie", regie.id, regie.name);
    tx.commit();
    return http::see_other("/gestion/regies?ok=1");
}

http::Response activity_regie_set(app::Context& ctx)
{
    const auto activity = activity_or_404(ctx);
    const auto text = ctx.req.form().get("regie").value_or("");
    std::int64_t regie_id = 0;
    if (!text.empty()) {
        const auto id = http::parse_id(text);
        if (!id)
            throw http::Error(400);
        regie_id = *id;
    }
    db::Transaction tx(ctx.db());
    if (!db::set_activity_regie(ctx.db(), ctx.commune.id, activity.id, regie_id))
        throw http::Error(404);
    journal(ctx, "Régie d'une activité", "activity", activity.id,
            activity.name + (regie_id ? " : régie n° " + std::to_string(regie_id) : " : aucune"));
    tx.commit();
    return http::see_other("/gestion/regies?rattachee=1");
}

http::Response tariffs_page(app::Context& ctx)
{
    const auto activity = activity_or_404(ctx);
    return render_tariffs(ctx, activity, {}, 200);
}

http::Response tariffs_add(app::Context& ctx)
{
    const auto activity = activity_or_404(ctx);
    auto grid = read_grid(ctx.req.form(), activity.id);
    if (!grid.errors.empty())
        return render_tariffs(ctx, activity, grid, 400);
    db::Transaction tx(ctx.db());
    std::string detail;
    for (const auto& t : grid.rows) {
        try {
            if (db::add_tariff(ctx.db(), ctx.commune.id, t) == 0)
                throw http::Error(404);
        } catch (const db::DuplicateTariff&) {
            grid.errors.emplace_back("valable_du",
                                     "La grille du " + domain::format_date_fr(t.row.valid_from) +
                                         " a déjà une tranche qui commence au quotient " +
                                         std::to_string(t.row.qf_min) +
                                         " pour ces familles : "
                                         "supprimez-la d'abord ou changez de date.");
            return render_tariffs(ctx, activity, grid, 409);
        }
        detail += (detail.empty() ? "" : " ; ") + band_fr(t.row) + " " +
                  domain::audience_label_fr(t.row.audience) + " " +
                  domain::format_euros(t.row.unit_cents);
    }
    journal(ctx, "Tarifs d'une activité", "activity", activity.id,
            activity.name + ", grille du " +
                domain::format_date_fr(grid.rows.front().row.valid_from) + " : " + detail);
    tx.commit();
    return http::see_other(tariffs_url(activity.id) + "?ok=1");
}

http::Response tariff_delete(app::Context& ctx)
{
    const auto activity = activity_or_404(ctx);
    const auto tariff_id = ctx.path_id("tarif");
    db::Transaction tx(ctx.db());
    if (!db::delete_tariff(ctx.db(), ctx.commune.id, activity.id, tariff_id))
        throw http::Error(404);
    journal(ctx, "Suppression d'une tranche de tarif", "activity", activity.id,
            activity.name + ", tranche n° " + std::to_string(tariff_id));
    tx.commit();
    return http::see_other(tariffs_url(activity.id) + "?supprimee=1");
}

} // namespace backoffice
