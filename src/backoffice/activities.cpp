#include "backoffice/activities.h"

#include "booking/calendar_sync.h"
#include "db/activities.h"
#include "db/family_file.h"
#include "domain/booking_rules.h"
#include "domain/calendar.h"
#include "domain/school_holidays.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "web/fields.h"

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace backoffice
{

namespace
{

using web::Check;
using web::FieldSpec;
using web::FormData;

constexpr int max_capacity = 10000;
constexpr int max_waiting_list = 1000;
constexpr int max_age_months = 300;
// An activity's period and a closure cover at most two years (a leap year included).
constexpr std::int64_t max_period_days = 731;
constexpr std::size_t max_csv_bytes = 2 * 1024 * 1024;
constexpr std::size_t max_level_chars = 20;

constexpr web::Option holiday_options[] = {
    {"closed", "Fermé pendant les vacances scolaires"},
    {"only", "Ouvert uniquement pendant les vacances scolaires"},
    {"ignore", "Sans effet : ouvert pendant et hors vacances scolaires"},
};
constexpr web::Option long_mode_options[] = {
    {"automatic", "Application automatique (chaque jour qui respecte les règles est réservé)"},
    {"agent", "Validation par un agent"},
};
constexpr web::Option allocation_options[] = {
    {"first_come", "Premier arrivé, premier servi"},
    {"lottery", "Tirage au sort selon les priorités publiées"},
};

constexpr FieldSpec general_fields[] = {
    {"nom", "Nom", "text", 120, true, Check::Text,
     "Tel que les familles le verront, par exemple « Restauration scolaire »."},
    {"service", "Service", "text", 120, false, Check::Text,
     "Le service dont le règlement intérieur s'applique, écrit comme sur la page des "
     "règlements, par exemple « Restauration scolaire »."},
    {"regie", "Régie", "text", 120, false, Check::Text,
     "La régie qui facture l'activité, par exemple « Régie périscolaire »."},
    {"site", "Site", "text", 120, false, Check::Text, "Par exemple « École Jean Moulin »."},
    {"active", "Activité ouverte aux réservations", "", 1, false, Check::Checkbox,
     "Décochée, l'activité n'apparaît plus dans le planning des familles."},
    {"rappel", "Rappel par email avant le délai de réservation", "", 1, false, Check::Checkbox,
     "Deux jours avant le délai, un email aux familles qui utilisent l'activité et n'ont rien "
     "réservé pour la semaine suivante (elles peuvent refuser ces rappels)."},
};
constexpr FieldSpec calendar_fields[] = {
    {"debut", "Période : du", "date", 10, true, Check::Date,
     "Premier jour possible, au format AAAA-MM-JJ, par exemple 2026-09-01."},
    {"fin", "Période : au", "date", 10, true, Check::Date,
     "Dernier jour possible, au format AAAA-MM-JJ ; la période couvre deux ans au plus."},
    {"vacances", "Pendant les vacances scolaires", "select", 10, true, Check::Choice,
     "Les vacances de la zone de la commune, importées sur la page Calendrier.", holiday_options},
};
constexpr FieldSpec places_fields[] = {
    {"capacite", "Capacité par jour", "text", 5, true, Check::Text,
     "Nombre de places chaque jour, de 1 à 10 000."},
    {"liste_attente", "Liste d'attente", "", 1, false, Check::Checkbox,
     "Une fois l'activité complète, les demandes suivantes attendent une place libérée."},
    {"taille_liste_attente", "Taille de la liste d'attente", "text", 4, true, Check::Text,
     "Nombre d'enfants en attente au plus chaque jour, de 0 à 1 000."},
    {"age_groupe_mois", "Capacité par groupe d'âge : âge limite, en mois", "text", 3, false,
     Check::Text, "Facultatif ; par exemple 72 pour séparer les moins de 6 ans des plus grands."},
    {"capacite_petits", "Places par jour pour les enfants plus jeunes que cet âge", "text", 5,
     false, Check::Text,
     "Avec l'âge limite ; les autres enfants ont le reste de la capacité par jour."},
    {"delai_confirmation",
     "Délai pour confirmer une place libérée après le délai de réservation, "
     "en heures",
     "text", 3, false, Check::Text,
     "De 1 à 168 (24 si vide) ; la place est proposée au premier enfant de la liste d'attente, "
     "puis au "
     "suivant sans réponse (jamais au-delà de la veille à minuit)."},
    {"attribution", "Attribution des places à l'ouverture des inscriptions", "select", 10, true,
     Check::Choice, "", allocation_options},
};
constexpr FieldSpec access_fields[] = {
    {"age_min_mois", "Âge minimum, en mois", "text", 3, false, Check::Text,
     "Facultatif ; par exemple 36 pour 3 ans."},
    {"age_max_mois", "Âge maximum, en mois", "text", 3, false, Check::Text,
     "Facultatif ; par exemple 143 pour « jusqu'à 11 ans » (la veille des 12 ans)."},
    {"niveaux", "Niveaux scolaires", "text", 200, false, Check::Text,
     "Facultatif ; séparés par des virgules, par exemple PS,MS,GS. Vide : tous les niveaux."},
    {"residents", "Réservé aux familles résidant dans la commune", "", 1, false, Check::Checkbox,
     ""},
    {"dossier_complet", "Dossier de famille complet exigé", "", 1, false, Check::Checkbox, ""},
    {"reglement_accepte", "Règlement intérieur accepté exigé", "", 1, false, Check::Checkbox,
     "Le règlement du service indiqué plus haut."},
};
constexpr const char* rule_syntax =
    "Heure de Paris. Écrivez « jours-ouvres:2@12:00 » pour 2 jours ouvrés avant, à 12h00 ; "
    "« veille-semaine:4@12:00 » pour le jeudi précédent à 12h00 (1 = lundi … 7 = dimanche) ; "
    "« jours:1@18:00 » pour la veille à 18h00 (0 = le jour même) ; "
    "« fenetre:2026-06-01T08:30/2026-06-20T23:59 » pour des inscriptions du 01/06/2026 à 8h30 "
    "au 20/06/2026 à 23h59 ; « aucun » pour aucun délai.";
constexpr FieldSpec deadline_fields[] = {
    {"delai_reservation", "Délai de réservation", "text", 80, true, Check::Text, rule_syntax},
    {"delai_annulation", "Délai d'annulation", "text", 80, true, Check::Text, rule_syntax},
    {"demandes_longues", "Demandes sur une longue période", "select", 10, true, Check::Choice,
     "Une famille demande une activité sur plusieurs semaines : appliquer la demande tout de "
     "suite ou attendre la décision d'un agent.",
     long_mode_options},
};

struct Group {
    const char* legend;
    std::span<const FieldSpec> fields;
    bool weekdays; // the seven « jours » checkboxes come first in this group
};
constexpr Group groups[] = {
    {"L'activité", general_fields, false},
    {"Calendrier", calendar_fields, true},
    {"Places", places_fields, false},
    {"Conditions d'accès", access_fields, false},
    {"Délais et demandes", deadline_fields, false},
};

constexpr const char* form_id = "activite";
constexpr const char* weekday_short[] = {"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."};
constexpr const char* weekday_long[] = {"Lundi",    "Mardi",  "Mercredi", "Jeudi",
                                        "Vendredi", "Samedi", "Dimanche"};

std::string activity_url(std::int64_t id)
{
    return "/gestion/activites/" + std::to_string(id);
}

std::string label_of(std::span<const web::Option> options, const std::string& value)
{
    for (const auto& o : options)
        if (value == o.value)
            return o.label;
    return value;
}

// "lun. mar. jeu. ven." for "1101100".
std::string weekdays_fr(const std::string& mask)
{
    std::string out;
    for (std::size_t i = 0; i < 7 && i < mask.size(); ++i)
        if (mask[i] == '1')
            out += (out.empty() ? "" : " ") + std::string(weekday_short[i]);
    return out.empty() ? "aucun jour" : out;
}

std::string rule_fr(const std::string& stored)
{
    const auto rule = domain::parse_deadline_rule(stored);
    return rule ? domain::describe_deadline_rule_fr(*rule) : stored;
}

std::string period_fr(const std::string& first, const std::string& last)
{
    return "du " + web::date_fr(first) + " au " + web::date_fr(last);
}

std::string plural(long n, const std::string& one, const std::string& many)
{
    return std::to_string(n) + " " + (n > 1 ? many : one);
}

std::optional<domain::Date> date_of(const std::string& iso)
{
    const auto d = http::parse_date(iso);
    if (!d)
        return std::nullopt;
    return domain::Date{d->year, d->month, d->day};
}

// `inverted` when last is before first, `too_long` beyond two years, else "" (also when a
// date is missing or wrong: its own field says so).
std::string period_problem(const std::string& first, const std::string& last, const char* inverted,
                           const char* too_long)
{
    const auto f = date_of(first);
    const auto l = date_of(last);
    if (!f || !l)
        return {};
    if (*l < *f)
        return inverted;
    if (domain::range_length_days({*f, *l}) > max_period_days)
        return too_long;
    return {};
}

void journal(app::Context& ctx, const std::string& action, const std::string& object_type,
             std::int64_t object_id, const std::string& detail,
             std::optional<std::string> before = {}, std::optional<std::string> after = {})
{
    db::JournalChange change;
    change.actor_kind = "agent";
    change.actor_id = ctx.agent->id;
    change.action = action;
    change.object_type = object_type;
    change.object_id = object_id;
    change.detail = detail;
    change.before = std::move(before);
    change.after = std::move(after);
    db::journal_change(ctx.db(), ctx.commune.id, change);
}

// ---- the activity form -------------------------------------------------------------------

// An integer field within bounds; the message names them. Empty and optional: nullopt, no
// error.
std::optional<int> read_bounded(FormData& data, const char* name, int low, int high,
                                const std::string& message)
{
    const auto text = data.get(name);
    if (data.errors.count(name) || text.empty())
        return std::nullopt;
    const auto n = http::parse_int(text);
    if (!n || *n < low || *n > high) {
        data.errors[name] = message;
        return std::nullopt;
    }
    return static_cast<int>(*n);
}

// "PS,MS,GS" from " ps, ms ,GS "; nullopt when a level is empty or not letters and digits.
std::optional<std::string> normalize_levels(const std::string& text)
{
    std::string out;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        auto end = text.find(',', start);
        if (end == std::string::npos)
            end = text.size();
        std::string level;
        for (std::size_t i = start; i < end; ++i) {
            const char c = text[i];
            if (c == ' ')
                continue;
            const bool alnum =
                (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!alnum)
                return std::nullopt;
            level += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        }
        if (level.empty() || level.size() > max_level_chars)
            return std::nullopt;
        out += (out.empty() ? "" : ",") + level;
        start = end + 1;
    }
    return out;
}

// The « jours » checkboxes as a mask text ("1101100"); the error goes to data.errors.
std::string read_weekdays(const http::Params& form, FormData& data)
{
    domain::WeekdayMask mask = 0;
    for (const auto value : form.all("jours")) {
        const auto day = http::parse_int(value);
        if (!day || *day < 1 || *day > 7) {
            data.errors["jours"] =
                "Les jours d'ouverture vont de 1 (lundi) à 7 (dimanche) : rechargez la page.";
            return "0000000";
        }
        mask |= domain::weekday_bit(static_cast<int>(*day));
    }
    if (mask == 0)
        data.errors["jours"] = "Cochez au moins un jour d'ouverture.";
    return domain::weekday_mask_text(mask);
}

// The submitted form, checked field by field; values are stored canonical (levels, rules).
FormData read_activity_form(const http::Params& form)
{
    FormData data;
    for (const auto& group : groups)
        for (const auto& spec : group.fields)
            web::read_field(form, spec, data);
    data.values["jours"] = read_weekdays(form, data);
    if (!data.errors.count("fin"))
        if (auto p = period_problem(data.get("debut"), data.get("fin"),
                                    "La fin de la période doit être le même jour que son début "
                                    "ou après.",
                                    "La période ne peut pas dépasser deux ans.");
            !p.empty())
            data.errors["fin"] = p;
    read_bounded(data, "capacite", 1, max_capacity,
                 "La capacité par jour est un nombre entier de 1 à 10 000.");
    read_bounded(data, "taille_liste_attente", 0, max_waiting_list,
                 "La taille de la liste d'attente est un nombre entier de 0 à 1 000.");
    read_bounded(data, "delai_confirmation", 1, 168,
                 "Le délai pour confirmer est un nombre entier d'heures, de 1 à 168.");
    const auto age_message = "L'âge s'écrit en mois, nombre entier de 0 à 300 (36 pour 3 ans).";
    const auto split = read_bounded(data, "age_groupe_mois", 1, max_age_months, age_message);
    const auto young = read_bounded(data, "capacite_petits", 0, max_capacity,
                                    "Le nombre de places est un nombre entier de 0 à 10 000.");
    if (split.has_value() != young.has_value() && !data.errors.count("capacite_petits") &&
        !data.errors.count("age_groupe_mois"))
        data.errors["capacite_petits"] =
            "Indiquez à la fois l'âge limite et le nombre de places des plus jeunes, ou aucun "
            "des deux.";
    else if (young && !data.errors.count("capacite") &&
             *young > http::parse_int(data.get("capacite")).value_or(0))
        data.errors["capacite_petits"] =
            "Les places des plus jeunes ne peuvent pas dépasser la capacité par jour.";
    const auto min_age = read_bounded(data, "age_min_mois", 0, max_age_months, age_message);
    const auto max_age = read_bounded(data, "age_max_mois", 0, max_age_months, age_message);
    if (min_age && max_age && *min_age > *max_age)
        data.errors["age_max_mois"] = "L'âge maximum doit être supérieur ou égal à l'âge minimum.";
    if (!data.errors.count("niveaux")) {
        if (const auto levels = normalize_levels(data.get("niveaux")))
            data.values["niveaux"] = *levels;
        else
            data.errors["niveaux"] = "Écrivez les niveaux scolaires séparés par des virgules, "
                                     "en lettres et chiffres, par exemple PS,MS,GS.";
    }
    for (const auto& [name, what] : {std::pair{"delai_reservation", "de réservation"},
                                     std::pair{"delai_annulation", "d'annulation"}}) {
        if (data.errors.count(name))
            continue;
        if (const auto rule = domain::parse_deadline_rule(data.get(name)))
            data.values[name] = domain::format_deadline_rule(*rule);
        else
            data.errors[name] = std::string("Le délai ") + what +
                                " n'est pas compris : écrivez par exemple "
                                "« jours-ouvres:2@12:00 » (2 jours ouvrés avant, à 12h00) ou "
                                "« aucun » ; les autres formes sont données sous le champ.";
    }
    if (data.get("reglement_accepte") == "1" && data.get("service").empty() &&
        !data.errors.count("service"))
        data.errors["service"] = "Indiquez le service dont le règlement doit être accepté.";
    return data;
}

std::optional<int> optional_int(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    return static_cast<int>(http::parse_int(text).value_or(0));
}

// Only for a form without errors.
db::Activity activity_of(const FormData& d, std::int64_t id)
{
    db::Activity a;
    a.id = id;
    a.name = d.get("nom");
    a.service = d.get("service");
    a.regie = d.get("regie");
    a.site = d.get("site");
    a.weekdays = d.get("jours");
    a.period_start = d.get("debut");
    a.period_end = d.get("fin");
    a.holiday_policy = d.get("vacances");
    a.capacity = optional_int(d.get("capacite")).value_or(0);
    a.waiting_list = d.get("liste_attente") == "1";
    a.waiting_list_size = optional_int(d.get("taille_liste_attente")).value_or(0);
    a.min_age_months = optional_int(d.get("age_min_mois"));
    a.max_age_months = optional_int(d.get("age_max_mois"));
    a.school_levels = d.get("niveaux");
    a.residents_only = d.get("residents") == "1";
    a.requires_complete_file = d.get("dossier_complet") == "1";
    a.requires_rules = d.get("reglement_accepte") == "1";
    a.booking_rule = d.get("delai_reservation");
    a.cancel_rule = d.get("delai_annulation");
    a.long_mode = d.get("demandes_longues");
    a.allocation = d.get("attribution");
    a.active = d.get("active") == "1";
    a.reminder = d.get("rappel") == "1";
    a.offer_hours = optional_int(d.get("delai_confirmation")).value_or(24);
    a.young_age_months = optional_int(d.get("age_groupe_mois"));
    a.young_capacity = optional_int(d.get("capacite_petits"));
    return a;
}

FormData values_of(const db::Activity& a)
{
    const auto flag = [](bool b) { return std::string(b ? "1" : ""); };
    const auto number = [](const std::optional<int>& n) {
        return n ? std::to_string(*n) : std::string();
    };
    FormData d;
    d.values = {{"nom", a.name},
                {"service", a.service},
                {"regie", a.regie},
                {"site", a.site},
                {"active", flag(a.active)},
                {"rappel", flag(a.reminder)},
                {"jours", a.weekdays},
                {"debut", a.period_start},
                {"fin", a.period_end},
                {"vacances", a.holiday_policy},
                {"capacite", a.capacity > 0 ? std::to_string(a.capacity) : ""},
                {"liste_attente", flag(a.waiting_list)},
                {"taille_liste_attente", std::to_string(a.waiting_list_size)},
                {"age_groupe_mois", number(a.young_age_months)},
                {"capacite_petits", number(a.young_capacity)},
                {"delai_confirmation", std::to_string(a.offer_hours)},
                {"attribution", a.allocation},
                {"age_min_mois", number(a.min_age_months)},
                {"age_max_mois", number(a.max_age_months)},
                {"niveaux", a.school_levels},
                {"residents", flag(a.residents_only)},
                {"dossier_complet", flag(a.requires_complete_file)},
                {"reglement_accepte", flag(a.requires_rules)},
                {"delai_reservation", a.booking_rule},
                {"delai_annulation", a.cancel_rule},
                {"demandes_longues", a.long_mode}};
    return d;
}

// Label and value of everything an administrator sets, for the journal's before/after.
std::vector<std::pair<std::string, std::string>> described(const db::Activity& a)
{
    const auto yes_no = [](bool b) { return std::string(b ? "oui" : "non"); };
    return {
        {"nom", a.name},
        {"service", a.service},
        {"régie", a.regie},
        {"site", a.site},
        {"jours", weekdays_fr(a.weekdays)},
        {"période", period_fr(a.period_start, a.period_end)},
        {"vacances scolaires", label_of(holiday_options, a.holiday_policy)},
        {"capacité", std::to_string(a.capacity)},
        {"liste d'attente",
         a.waiting_list ? std::to_string(a.waiting_list_size) + " places" : "non"},
        {"places par groupe d'âge", a.young_age_months && a.young_capacity
                                        ? std::to_string(*a.young_capacity) + " avant " +
                                              std::to_string(*a.young_age_months) + " mois"
                                        : "non"},
        {"délai pour confirmer une place libérée", std::to_string(a.offer_hours) + " h"},
        {"âge", domain::describe_age_range_fr(a.min_age_months, a.max_age_months)},
        {"niveaux", a.school_levels},
        {"résidents seulement", yes_no(a.residents_only)},
        {"dossier complet exigé", yes_no(a.requires_complete_file)},
        {"règlement exigé", yes_no(a.requires_rules)},
        {"délai de réservation", rule_fr(a.booking_rule)},
        {"délai d'annulation", rule_fr(a.cancel_rule)},
        {"demandes longues", label_of(long_mode_options, a.long_mode)},
        {"attribution", label_of(allocation_options, a.allocation)},
        {"active", yes_no(a.active)},
        {"rappel", yes_no(a.reminder)},
    };
}

// "label : valeur ; …" of the entries of `a` that differ from `b` (all of them without b).
std::string summary(const db::Activity& a, const db::Activity* b = nullptr)
{
    const auto mine = described(a);
    const auto theirs = b ? described(*b) : decltype(mine){};
    std::string out;
    for (std::size_t i = 0; i < mine.size(); ++i)
        if (!b || mine[i] != theirs[i])
            out += (out.empty() ? "" : " ; ") + mine[i].first + " : " + mine[i].second;
    return out;
}

void add_weekdays(ctemplate::TemplateDictionary& group, const FormData& data)
{
    auto* days = group.AddSectionDictionary("WEEKDAYS");
    const auto mask = data.get("jours");
    for (int i = 0; i < 7; ++i) {
        auto* day = days->AddSectionDictionary("DAY");
        day->SetIntValue("DAY_VALUE", i + 1);
        day->SetValue("DAY_LABEL", weekday_long[i]);
        if (i < static_cast<int>(mask.size()) && mask[i] == '1')
            day->ShowSection("DAY_CHECKED");
    }
    if (const auto e = data.errors.find("jours"); e != data.errors.end())
        days->SetValueAndShowSection("WEEKDAYS_ERROR_TEXT", e->second, "WEEKDAYS_ERROR");
}

// The group's fields; a deadline field's hint starts with how the current rule reads.
void add_group_fields(ctemplate::TemplateDictionary& group, const Group& g, const FormData& data)
{
    std::vector<FieldSpec> specs(g.fields.begin(), g.fields.end());
    std::vector<std::string> hints;
    hints.reserve(specs.size());
    for (auto& spec : specs) {
        const std::string name = spec.name;
        if (name != "delai_reservation" && name != "delai_annulation")
            continue;
        const auto rule =
            data.errors.count(name) ? std::nullopt : domain::parse_deadline_rule(data.get(name));
        if (!rule)
            continue;
        hints.push_back("Cette règle se lit : « " + domain::describe_deadline_rule_fr(*rule) +
                        " ». " + spec.hint);
        spec.hint = hints.back().c_str();
    }
    web::add_fields(group, form_id, specs, data);
}

void add_activity_form(ctemplate::TemplateDictionary& d, const FormData& data)
{
    if (!data.ok()) {
        auto* summary = d.AddSectionDictionary("FORM_ERRORS");
        for (const auto& g : groups) {
            if (g.weekdays && data.errors.count("jours")) {
                auto* link = summary->AddSectionDictionary("ERROR_LINK");
                link->SetValue("LINK_TARGET", std::string("#") + form_id + "-jours-1");
                link->SetValue("LINK_TEXT", data.errors.at("jours"));
            }
            web::add_error_links(*summary, form_id, g.fields, data);
        }
    }
    for (const auto& g : groups) {
        auto* group = d.AddSectionDictionary("GROUP");
        group->SetValue("LEGEND", g.legend);
        if (g.weekdays)
            add_weekdays(*group, data);
        add_group_fields(*group, g, data);
    }
}

http::Response render_activity(app::Context& ctx, const db::Activity* existing,
                               const FormData& data, int status)
{
    const std::string title =
        existing ? "Activité « " + existing->name + " »" : std::string("Créer une activité");
    view::Page page("gestion/activite.tpl", title);
    auto& d = page.dict();
    d.SetValue("HEADING", title);
    d.SetValue("FORM_ACTION",
               existing ? activity_url(existing->id) : "/gestion/activites/nouvelle");
    d.SetValue("SUBMIT", existing ? "Enregistrer les modifications" : "Créer l'activité");
    if (existing && status == 200)
        if (const auto open = ctx.req.query().get("ouverture")) {
            const auto n = http::parse_int(*open);
            if (n && *n == 0)
                d.ShowSection("SAVED_CLOSED");
            else if (n && *n > 0)
                d.SetValueAndShowSection("OPEN_DAYS", plural(*n, "jour", "jours"), "SAVED");
        }
    add_activity_form(d, data);
    return page.render(ctx.layout(), status);
}

db::Activity load_or_404(app::Context& ctx)
{
    auto activity = db::load_activity(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!activity)
        throw http::Error(404);
    return std::move(*activity);
}

// Stores a new activity (id 0) or its new version; false when the name is taken.
bool save_activity(app::Context& ctx, db::Activity& activity, const db::Activity* before)
{
    db::Transaction tx(ctx.db());
    try {
        if (before)
            db::update_activity(ctx.db(), ctx.commune.id, activity);
        else
            activity.id = db::create_activity(ctx.db(), ctx.commune.id, activity);
    } catch (const sql::SQLException&) {
        throw;
    } catch (const std::runtime_error&) {
        return false; // the repository's "name already used"
    }
    if (before)
        journal(ctx, "Modification d'une activité", "activity", activity.id, activity.name,
                summary(*before, &activity), summary(activity, before));
    else
        journal(ctx, "Création d'une activité", "activity", activity.id, activity.name,
                std::nullopt, summary(activity));
    tx.commit();
    return true;
}

// Saves the submitted activity (a new one when `before` is null) and regenerates its days.
http::Response submit_activity(app::Context& ctx, const db::Activity* before)
{
    auto data = read_activity_form(ctx.req.form());
    if (!data.ok())
        return render_activity(ctx, before, data, 400);
    auto activity = activity_of(data, before ? before->id : 0);
    if (!save_activity(ctx, activity, before)) {
        data.errors["nom"] = "Une autre activité porte déjà ce nom : choisissez-en un autre.";
        return render_activity(ctx, before, data, 400);
    }
    const int open = booking::regenerate_occurrences(ctx.db(), ctx.commune.id, activity);
    return http::see_other(activity_url(activity.id) + "?ouverture=" + std::to_string(open));
}

// Regenerates the occurrences of one activity, or of all when activity_id is 0.
void regenerate(app::Context& ctx, std::int64_t activity_id)
{
    for (const auto& a : db::list_activities(ctx.db(), ctx.commune.id, false))
        if (activity_id == 0 || a.id == activity_id)
            booking::regenerate_occurrences(ctx.db(), ctx.commune.id, a);
}

// ---- the calendar page -------------------------------------------------------------------

// `options` and `specs` point into `ids` and `names`: a move keeps their buffers, a copy
// would not, hence no copy.
struct ClosureForm {
    ClosureForm() = default;
    ClosureForm(ClosureForm&&) = default;
    ClosureForm(const ClosureForm&) = delete;
    ClosureForm& operator=(const ClosureForm&) = delete;
    std::vector<std::string> ids;
    std::vector<std::string> names;
    std::vector<web::Option> options;
    std::array<FieldSpec, 4> specs;
};

// The closure form's fields; the activity choices are the commune's activities.
ClosureForm closure_form(const std::vector<db::Activity>& activities)
{
    ClosureForm f;
    f.ids.reserve(activities.size());
    f.names.reserve(activities.size());
    f.options.push_back({"", "Toutes les activités"});
    for (const auto& a : activities) {
        f.ids.push_back(std::to_string(a.id));
        f.names.push_back(a.name);
        f.options.push_back({f.ids.back().c_str(), f.names.back().c_str()});
    }
    f.specs = {{
        {"activite", "Activité fermée", "select", 20, false, Check::Choice, "", f.options},
        {"du", "Du", "date", 10, true, Check::Date,
         "Au format AAAA-MM-JJ, par exemple 2026-11-10."},
        {"au", "Au (inclus)", "date", 10, true, Check::Date,
         "Le même jour pour une seule journée."},
        {"motif", "Motif", "text", 200, false, Check::Text,
         "Par exemple « Grève » ou « Journée pédagogique »."},
    }};
    return f;
}

void add_holidays(ctemplate::TemplateDictionary& d, const std::vector<db::Holiday>& holidays)
{
    if (holidays.empty()) {
        d.ShowSection("NO_HOLIDAY");
        return;
    }
    auto* table = d.AddSectionDictionary("HAS_HOLIDAYS");
    for (const auto& h : holidays) {
        auto* row = table->AddSectionDictionary("HOLIDAY");
        row->SetValue("HOLIDAY_NAME", h.description);
        row->SetValue("HOLIDAY_YEAR", h.school_year);
        row->SetValue("HOLIDAY_FIRST", web::date_fr(h.first_day));
        row->SetValue("HOLIDAY_LAST", web::date_fr(h.last_day));
    }
}

void add_closures(ctemplate::TemplateDictionary& d, const std::vector<db::Closure>& closures)
{
    if (closures.empty()) {
        d.ShowSection("NO_CLOSURE");
        return;
    }
    auto* table = d.AddSectionDictionary("HAS_CLOSURES");
    for (const auto& c : closures) {
        auto* row = table->AddSectionDictionary("CLOSURE");
        const auto who = c.activity_id ? c.activity_name : std::string("Toutes les activités");
        row->SetValue("CLOSURE_ACTIVITY", who);
        row->SetValue("CLOSURE_FIRST", web::date_fr(c.first_day));
        row->SetValue("CLOSURE_LAST", web::date_fr(c.last_day));
        row->SetValue("CLOSURE_REASON", c.reason);
        row->SetValue("CLOSURE_DELETE_URL",
                      "/gestion/calendrier/fermetures/" + std::to_string(c.id) + "/supprimer");
        row->SetValue("CLOSURE_LABEL", who + " " + period_fr(c.first_day, c.last_day));
    }
}

void add_notice(app::Context& ctx, ctemplate::TemplateDictionary& d, const std::string& zone)
{
    const auto& query = ctx.req.query();
    if (const auto imported = query.get("importees")) {
        const auto n = http::parse_int(*imported);
        if (n && *n == 0)
            d.ShowSection("IMPORTED_NONE");
        else if (n && *n > 0)
            d.SetValueAndShowSection(
                "IMPORTED_TEXT",
                plural(*n, "période de vacances importée", "périodes de vacances importées") +
                    " pour la zone " + zone + ".",
                "IMPORTED");
    }
    const auto closure = query.get("fermeture");
    if (closure == "ajoutee")
        d.ShowSection("CLOSURE_ADDED");
    if (closure == "supprimee")
        d.ShowSection("CLOSURE_DELETED");
}

// What a failed form shows again: the import's message, or the closure form's values.
struct CalendarErrors {
    std::string import_error;
    FormData closure;
};

http::Response render_calendar(app::Context& ctx, const CalendarErrors& errors, int status)
{
    view::Page page("gestion/calendrier.tpl", "Calendrier et fermetures");
    auto& d = page.dict();
    const auto zone = db::holiday_zone(ctx.db(), ctx.commune.id);
    d.SetValue("ZONE", zone);
    add_notice(ctx, d, zone);
    add_holidays(d, db::school_holidays(ctx.db(), zone));
    add_closures(d, db::list_closures(ctx.db(), ctx.commune.id));
    if (!errors.import_error.empty())
        d.SetValueAndShowSection("IMPORT_ERROR_TEXT", errors.import_error, "IMPORT_ERROR");
    const auto form = closure_form(db::list_activities(ctx.db(), ctx.commune.id, false));
    auto* closure = d.AddSectionDictionary("CLOSURE_FORM");
    if (!errors.closure.ok())
        web::add_error_links(*closure->AddSectionDictionary("CLOSURE_ERRORS"), "fermeture",
                             form.specs, errors.closure);
    web::add_fields(*closure, "fermeture", form.specs, errors.closure);
    return page.render(ctx.layout(), status);
}

http::Response import_refused(app::Context& ctx, std::string message, int status = 400)
{
    return render_calendar(ctx, {std::move(message), {}}, status);
}

const http::UploadedFile* uploaded(app::Context& ctx, const std::string& field)
{
    for (const auto& f : ctx.req.files())
        if (f.field == field)
            return &f;
    return nullptr;
}

std::vector<db::Holiday> to_rows(const std::vector<domain::SchoolHoliday>& holidays)
{
    const auto iso = [](domain::Date d) { return http::Date{d.year, d.month, d.day}.iso(); };
    std::vector<db::Holiday> rows;
    for (const auto& h : holidays)
        rows.push_back({h.description, iso(h.first), iso(h.last), h.school_year});
    return rows;
}

// The closure of the path, or 404.
db::Closure closure_or_404(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    for (auto& c : db::list_closures(ctx.db(), ctx.commune.id))
        if (c.id == id)
            return c;
    throw http::Error(404);
}

std::string closure_detail(const db::Closure& c)
{
    const auto who = c.activity_id ? c.activity_name : std::string("Toutes les activités");
    return who + ", " + period_fr(c.first_day, c.last_day) +
           (c.reason.empty() ? "" : " : " + c.reason);
}

} // namespace

http::Response activities_list(app::Context& ctx)
{
    view::Page page("gestion/activites.tpl", "Activités");
    auto& d = page.dict();
    const auto activities = db::list_activities(ctx.db(), ctx.commune.id, false);
    if (activities.empty())
        d.ShowSection("NO_ACTIVITY");
    auto* table = activities.empty() ? nullptr : d.AddSectionDictionary("HAS_ACTIVITIES");
    for (const auto& a : activities) {
        auto* row = table->AddSectionDictionary("ACTIVITY");
        row->SetValue("URL", activity_url(a.id));
        row->SetValue("NAME", a.name);
        row->SetValue("SERVICE", a.service);
        if (!a.regie.empty())
            row->SetValueAndShowSection("REGIE", a.regie, "HAS_REGIE");
        row->SetValue("SITE", a.site);
        row->SetValue("DAYS", weekdays_fr(a.weekdays));
        row->SetValue("PERIOD", period_fr(a.period_start, a.period_end));
        row->SetValue("HOLIDAYS", label_of(holiday_options, a.holiday_policy));
        row->SetIntValue("CAPACITY", a.capacity);
        row->SetValue("WAITING", a.waiting_list ? plural(a.waiting_list_size, "place", "places")
                                                : std::string("Non"));
        row->SetValue("BOOKING_RULE", rule_fr(a.booking_rule));
        row->SetValue("CANCEL_RULE", rule_fr(a.cancel_rule));
        row->SetValue("ACTIVE", a.active ? "Oui" : "Non");
    }
    return page.render(ctx.layout());
}

http::Response activity_new_form(app::Context& ctx)
{
    return render_activity(ctx, nullptr, values_of(db::Activity{}), 200);
}

http::Response activity_create(app::Context& ctx)
{
    return submit_activity(ctx, nullptr);
}

http::Response activity_page(app::Context& ctx)
{
    const auto activity = load_or_404(ctx);
    return render_activity(ctx, &activity, values_of(activity), 200);
}

http::Response activity_update(app::Context& ctx)
{
    const auto before = load_or_404(ctx);
    return submit_activity(ctx, &before);
}

http::Response calendar_page(app::Context& ctx)
{
    return render_calendar(ctx, {}, 200);
}

http::Response holidays_import(app::Context& ctx)
{
    const auto* file = uploaded(ctx, "fichier");
    if (!file || file->data.empty())
        return import_refused(ctx, "Choisissez le fichier CSV du calendrier scolaire.");
    if (file->data.size() > max_csv_bytes)
        return import_refused(ctx, "Le fichier dépasse 2 Mo : ce n'est pas l'export attendu.", 413);
    if (!http::is_valid_utf8(file->data))
        return import_refused(ctx, "Le fichier n'est pas un fichier texte CSV en UTF-8 : "
                                   "téléchargez l'export CSV du jeu de données « Calendrier "
                                   "scolaire » (fr-en-calendrier-scolaire).");
    const auto zone = db::holiday_zone(ctx.db(), ctx.commune.id);
    std::vector<domain::SchoolHoliday> holidays;
    try {
        holidays = domain::parse_school_holidays_csv(file->data, zone);
    } catch (const std::invalid_argument& e) {
        return import_refused(ctx, e.what());
    }
    if (holidays.empty())
        return import_refused(ctx, "Le fichier ne contient aucune période de vacances pour la "
                                   "zone " +
                                       zone + ".");
    db::Transaction tx(ctx.db());
    const int added = db::import_school_holidays(ctx.db(), zone, to_rows(holidays));
    journal(ctx, "Import des vacances scolaires", "commune", ctx.commune.id,
            "Zone " + zone + " : " + std::to_string(holidays.size()) + " périodes lues, " +
                std::to_string(added) + " nouvelles");
    tx.commit();
    regenerate(ctx, 0);
    return http::see_other("/gestion/calendrier?importees=" + std::to_string(added));
}

http::Response closure_add(app::Context& ctx)
{
    const auto activities = db::list_activities(ctx.db(), ctx.commune.id, false);
    const auto form = closure_form(activities);
    auto data = web::read_form(ctx.req.form(), form.specs);
    if (!data.errors.count("au"))
        if (auto p = period_problem(data.get("du"), data.get("au"),
                                    "La fin de la fermeture doit être le même jour que son début "
                                    "ou après.",
                                    "Une fermeture ne peut pas dépasser deux ans.");
            !p.empty())
            data.errors["au"] = p;
    if (!data.ok())
        return render_calendar(ctx, {"", data}, 400);
    db::Closure closure;
    closure.activity_id = http::parse_id(data.get("activite")).value_or(0);
    closure.first_day = data.get("du");
    closure.last_day = data.get("au");
    closure.reason = data.get("motif");
    for (const auto& a : activities)
        if (a.id == closure.activity_id)
            closure.activity_name = a.name;
    db::Transaction tx(ctx.db());
    closure.id = db::add_closure(ctx.db(), ctx.commune.id, closure);
    journal(ctx, "Ajout d'une fermeture", "closure", closure.id, closure_detail(closure));
    tx.commit();
    regenerate(ctx, closure.activity_id);
    return http::see_other("/gestion/calendrier?fermeture=ajoutee");
}

http::Response closure_delete(app::Context& ctx)
{
    const auto closure = closure_or_404(ctx);
    db::Transaction tx(ctx.db());
    if (!db::delete_closure(ctx.db(), ctx.commune.id, closure.id))
        throw http::Error(404);
    journal(ctx, "Suppression d'une fermeture", "closure", closure.id, closure_detail(closure));
    tx.commit();
    regenerate(ctx, closure.activity_id);
    return http::see_other("/gestion/calendrier?fermeture=supprimee");
}

} // namespace backoffice
