#include "app/demo.h"

#include "app/demo_billing.h"
#include "billing/invoicing.h"
#include "booking/booking.h"
#include "booking/calendar_sync.h"
#include "db/accounts.h"
#include "db/activities.h"
#include "db/agents.h"
#include "db/billing.h"
#include "db/communes.h"
#include "db/families.h"
#include "db/family_file.h"
#include "domain/time.h"
#include "security/password.h"
#include "security/subscriber_codes.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <vector>

namespace app
{

namespace
{

struct DemoMember {
    db::MemberRole role;
    const char* last;
    const char* first;
    const char* birth;
    const char* school;
    const char* class_name;
    const char* email;
};

struct DemoFamily {
    const char* name;
    const char* address;
    const char* phone;
    int quotient;
    std::vector<DemoMember> members;
};

const std::vector<DemoFamily>& demo_families()
{
    using R = db::MemberRole;
    static const std::vector<DemoFamily> families = {
        {"FICTIF",
         "12 rue des Écoles",
         "04 90 00 00 01",
         820,
         {{R::Guardian, "FICTIF", "Rolf", "", "", "", "rolf.fictif@example.org"},
          {R::Guardian, "FICTIF", "Anna", "", "", "", "anna.fictif@example.org"},
          {R::Child, "FICTIF", "Léa", "2017-03-14", "École élémentaire Jean Moulin", "CE2", ""},
          {R::Child, "FICTIF", "Tom", "2020-09-02", "École maternelle Les Tilleuls", "MS", ""}}},
        {"DUPONT-MARTIN",
         "3 chemin de la Durance",
         "04 90 00 00 02",
         540,
         {{R::Guardian, "DUPONT-MARTIN", "Élodie", "", "", "", "elodie.dm@example.org"},
          {R::Child, "DUPONT-MARTIN", "Hugo", "2016-11-21", "École élémentaire Jean Moulin", "CM1",
           ""}}},
        {"BERNARD",
         "8 avenue du Général de Gaulle",
         "04 90 00 00 03",
         1250,
         {{R::Guardian, "BERNARD", "Karim", "", "", "", "karim.bernard@example.org"},
          {R::Guardian, "BERNARD", "Sophie", "", "", "", "sophie.bernard@example.org"},
          {R::Child, "BERNARD", "Inès", "2018-05-30", "École élémentaire Jean Moulin", "CE1", ""}}},
    };
    return families;
}

// A one-page PDF with a few lines of text (Helvetica, WinAnsi: no accents needed), built with
// exact xref offsets so every reader opens it.
std::string simple_pdf(const std::vector<std::string>& lines)
{
    std::string text = "BT /F1 12 Tf 56 780 Td 16 TL\n";
    for (const auto& line : lines)
        text += "(" + line + ") '\n";
    text += "ET\n";
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const auto xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const auto off : offsets) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
        pdf += entry;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

std::int64_t find_family_by_name(db::Connection& conn, std::int64_t commune_id,
                                 const std::string& name);

// The school year around `today`: 1 September to 4 July.
std::pair<std::string, std::string> school_year(domain::Date today)
{
    const int first_year = today.month >= 8 ? today.year : today.year - 1;
    return {std::to_string(first_year) + "-09-01", std::to_string(first_year + 1) + "-07-04"};
}

// The activities of the brochure, their calendars (zone B holidays 2026-2027) and a few
// bookings so the planning shows every state.
void seed_activities(db::Connection& conn, std::int64_t commune_id)
{
    if (!db::list_activities(conn, commune_id, false).empty())
        return;
    const std::vector<db::Holiday> zone_b = {
        {"Vacances de la Toussaint", "2026-10-17", "2026-11-01", "2026-2027"},
        {"Vacances de Noël", "2026-12-19", "2027-01-03", "2026-2027"},
        {"Vacances d'hiver", "2027-02-20", "2027-03-07", "2026-2027"},
        {"Vacances de printemps", "2027-04-17", "2027-05-02", "2026-2027"},
        {"Pont de l'Ascension", "2027-05-06", "2027-05-09", "2026-2027"},
        {"Vacances d'été", "2027-07-03", "2027-08-31", "2026-2027"},
    };
    db::import_school_holidays(conn, "B", zone_b);

    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    const auto today = domain::paris_from_epoch(now).date;
    const auto [start, end] = school_year(today);
    struct Spec {
        const char* name;
        const char* weekdays;
        const char* policy;
        int capacity;
        const char* booking_rule;
        const char* cancel_rule;
        std::optional<int> min_age;
    };
    const Spec specs[] = {
        {"Restauration scolaire", "1101100", "closed", 60, "jours-ouvres:2@10:00",
         "jours-ouvres:2@10:00", std::nullopt},
        {"Périscolaire matin", "1101100", "closed", 30, "jours:1@18:00", "jours:1@18:00",
         std::nullopt},
        {"Périscolaire soir", "1101100", "closed", 30, "jours:1@18:00", "jours:1@18:00",
         std::nullopt},
        {"Mercredis", "0010000", "closed", 24, "veille-semaine:5@12:00", "veille-semaine:5@12:00",
         36},
        {"Vacances", "1111100", "only", 2, "jours:7@12:00", "jours:7@12:00", 36},
    };
    for (const auto& spec : specs) {
        db::Activity a;
        a.name = spec.name;
        a.service = spec.name == std::string("Restauration scolaire") ? "Restauration scolaire"
                                                                      : "Centre de loisirs";
        a.regie = spec.name == std::string("Restauration scolaire")
                      ? "MAIRIE DE CAUMONT SUR DURANCE"
                      : "Service Jeunesse";
        a.site = spec.name == std::string("Restauration scolaire") ? "Restaurant scolaire"
                                                                   : "Centre de loisirs";
        a.weekdays = spec.weekdays;
        a.period_start = start;
        // The holiday centre also opens in the summer holidays that close the school year.
        a.period_end = spec.policy == std::string("only") ? end.substr(0, 4) + "-08-31" : end;
        a.holiday_policy = spec.policy;
        a.capacity = spec.capacity;
        a.waiting_list_size = 10;
        a.min_age_months = spec.min_age;
        a.booking_rule = spec.booking_rule;
        a.cancel_rule = spec.cancel_rule;
        a.reminder = spec.name == std::string("Restauration scolaire");
        a.id = db::create_activity(conn, commune_id, a);
        booking::regenerate_occurrences(conn, commune_id, a);
    }
}

// Léa and Hugo eat at the canteen on the open days of the coming weeks; Hugo and Inès fill
// the two places of the first three holiday days still open to booking (ten days on at least:
// the Vacances close seven days before), so Léa meets a waiting list whatever the date.
void seed_bookings(db::Connection& conn, std::int64_t commune_id)
{
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    const auto today = domain::paris_from_epoch(now).date;
    const auto first = domain::add_days(today, 3);
    const auto last = domain::add_days(today, 40);
    const auto from = domain::iso_date(first);
    const auto to = domain::iso_date(last);
    std::map<std::int64_t, std::string> activity_names;
    for (const auto& a : db::list_activities(conn, commune_id, false))
        activity_names[a.id] = a.name;
    std::map<std::string, booking::Child> children;
    for (const char* family_name : {"FICTIF", "DUPONT-MARTIN", "BERNARD"}) {
        const auto id = find_family_by_name(conn, commune_id, family_name);
        const auto family = db::load_family(conn, commune_id, id);
        if (!family)
            continue;
        for (const auto& m : family->members)
            if (m.role == db::MemberRole::Child)
                children[m.first_name] = {m.id,         family->id,   m.first_name,
                                          m.birth_date, m.class_name, true};
    }
    const booking::Prerequisites none;
    for (const auto& o : db::occurrences_between(conn, commune_id, from, to)) {
        if (!o.closed && activity_names[o.activity_id] == "Restauration scolaire")
            for (const char* who : {"Léa", "Hugo"})
                if (children.count(who))
                    booking::book(conn, commune_id, children[who], o.id, none, {"system", 0}, now);
    }
    const auto holidays_from = domain::iso_date(domain::add_days(today, 10));
    const auto holidays_to = domain::iso_date(domain::add_days(today, 150));
    int holiday_days = 0;
    for (const auto& o : db::occurrences_between(conn, commune_id, holidays_from, holidays_to)) {
        if (holiday_days == 3)
            break;
        if (o.closed || activity_names[o.activity_id] != "Vacances")
            continue;
        ++holiday_days;
        for (const char* who : {"Hugo", "Inès"})
            if (children.count(who))
                booking::book(conn, commune_id, children[who], o.id, none, {"system", 0}, now);
    }
}

// The months of this school year already over, lived and invoiced: Hugo (DUPONT-MARTIN) ate
// at the canteen and Inès (BERNARD) went to the Mercredis, and each month was invoiced by
// each régie as an agent would (FICTIF keeps the brochure's history, seeded separately).
void seed_past_months(db::Connection& conn, std::int64_t commune_id)
{
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    const auto today = domain::paris_from_epoch(now).date;
    const auto start = domain::parse_iso_date(school_year(today).first);
    const auto last = domain::add_days({today.year, today.month, 1}, -1);
    if (!start || last < *start)
        return;
    std::map<std::string, booking::Child> children;
    for (const char* family_name : {"DUPONT-MARTIN", "BERNARD"}) {
        const auto family =
            db::load_family(conn, commune_id, find_family_by_name(conn, commune_id, family_name));
        if (!family)
            continue;
        for (const auto& m : family->members)
            if (m.role == db::MemberRole::Child)
                children[m.first_name] = {m.id,         family->id,   m.first_name,
                                          m.birth_date, m.class_name, true};
    }
    std::map<std::int64_t, std::string> activity_names;
    for (const auto& a : db::list_activities(conn, commune_id, false))
        activity_names[a.id] = a.name;
    // Booked a week before the school year, as parents do.
    const auto booked_at = domain::epoch_from_paris({domain::add_days(*start, -7), 9, 0, 0});
    const booking::Prerequisites none;
    for (const auto& o : db::occurrences_between(conn, commune_id, domain::iso_date(*start),
                                                 domain::iso_date(last))) {
        if (o.closed)
            continue;
        const auto& name = activity_names[o.activity_id];
        const char* who = name == "Restauration scolaire" ? "Hugo"
                          : name == "Mercredis"           ? "Inès"
                                                          : nullptr;
        if (who && children.count(who))
            booking::book(conn, commune_id, children[who], o.id, none, {"system", 0}, booked_at);
    }
    const auto commune = db::find_commune_by_slug(conn, "caumont");
    for (auto month = domain::parse_month(domain::iso_date(*start).substr(0, 7));
         month && month->first <= last;
         month =
             domain::parse_month(domain::iso_date(domain::add_days(month->last, 1)).substr(0, 7)))
        for (const auto& regie : db::list_regies(conn, commune_id))
            billing::issue_run(conn, commune_id, commune ? commune->name : "", regie, *month, today,
                               0);
}

// The brochure's two issuers, each billing the activities whose régie text names it, with a
// tariff grid by quotient familial band from the start of the school year. Only what is
// missing is added.
void seed_regies(db::Connection& conn, std::int64_t commune_id)
{
    struct Band {
        int qf_min;
        std::optional<int> qf_max;
        domain::Cents unit;
    };
    struct Grid {
        const char* activity;
        std::vector<Band> bands;
        domain::Cents penalty;
    };
    struct Spec {
        const char* name;
        const char* numcli;
        const char* invoice_prefix;
        const char* credit_prefix;
        std::vector<Grid> grids;
    };
    const std::vector<Spec> specs = {
        {"MAIRIE DE CAUMONT SUR DURANCE",
         "012345",
         "RS",
         "RSAV",
         {{"Restauration scolaire", {{0, 600, 210}, {601, 1000, 300}, {1001, {}, 390}}, 600}}},
        {"Service Jeunesse",
         "012346",
         "SJ",
         "SJAV",
         {{"Périscolaire matin", {{0, 600, 90}, {601, 1000, 130}, {1001, {}, 180}}, 300},
          {"Périscolaire soir", {{0, 600, 110}, {601, 1000, 160}, {1001, {}, 220}}, 350},
          {"Mercredis", {{0, 600, 600}, {601, 1000, 900}, {1001, {}, 1200}}, 1500},
          {"Vacances", {{0, 600, 800}, {601, 1000, 1100}, {1001, {}, 1400}}, 1800}}},
    };
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    const auto grid_start =
        domain::parse_iso_date(school_year(domain::paris_from_epoch(now).date).first);
    const auto regies = db::list_regies(conn, commune_id);
    const auto activities = db::list_activities(conn, commune_id, false);
    const auto attached = db::activity_regies(conn, commune_id);
    for (const auto& spec : specs) {
        std::int64_t regie_id = 0;
        for (const auto& r : regies)
            if (r.name == spec.name)
                regie_id = r.id;
        if (regie_id == 0) {
            db::Regie r;
            r.name = spec.name;
            r.address = "Place du Marché\n84510 Caumont-sur-Durance";
            r.payfip_numcli = spec.numcli;
            r.invoice_prefix = spec.invoice_prefix;
            r.credit_prefix = spec.credit_prefix;
            r.payment_days = 30;
            r.office_text = "Accueil de la mairie, du lundi au vendredi de 8h30 à 12h00 et de "
                            "13h30 à 17h00 : espèces, chèque à l'ordre du Trésor public, CESU.";
            regie_id = db::create_regie(conn, commune_id, r);
        }
        for (const auto& a : activities) {
            if (a.regie != spec.name)
                continue;
            for (const auto& link : attached)
                if (link.activity_id == a.id && link.regie_id == 0)
                    db::set_activity_regie(conn, commune_id, a.id, regie_id);
            if (!grid_start || !db::list_tariffs(conn, commune_id, a.id).empty())
                continue;
            for (const auto& grid : spec.grids) {
                if (a.name != grid.activity)
                    continue;
                for (const auto& band : grid.bands) {
                    db::Tariff t;
                    t.activity_id = a.id;
                    t.row.valid_from = *grid_start;
                    t.row.qf_min = band.qf_min;
                    t.row.qf_max = band.qf_max;
                    t.row.unit_cents = band.unit;
                    t.row.penalty_cents = grid.penalty;
                    db::add_tariff(conn, commune_id, t);
                }
            }
        }
    }
}

std::int64_t find_family_by_name(db::Connection& conn, std::int64_t commune_id,
                                 const std::string& name)
{
    auto& st = conn.prepare("SELECT id FROM family WHERE commune_id = ? AND name = ?");
    st.setInt64(1, commune_id);
    st.setString(2, name);
    auto rs = db::query(st);
    return rs->next() ? rs->getInt64(1) : 0;
}

} // namespace

void seed_demo(db::Connection& conn, const DemoSettings& settings)
{
    std::int64_t commune_id = 0;
    if (auto existing = db::find_commune_by_slug(conn, "caumont")) {
        commune_id = existing->id;
    } else {
        db::Commune c{0, "caumont", "Caumont-sur-Durance", settings.base_url,
                      "portail-famille@caumont-sur-durance.fr"};
        commune_id = db::create_commune(conn, c, {"localhost", "127.0.0.1"});
    }
    // The brochure's prefix ("BLENFANCE-27026-xxxxxxxx").
    auto& prefix = conn.prepare("UPDATE commune SET code_prefix = 'BLENFANCE' WHERE id = ?");
    prefix.setInt64(1, commune_id);
    prefix.executeUpdate();

    std::int64_t admin_id = 0;
    if (auto admin = db::find_agent_by_email(conn, commune_id, demo_admin_email)) {
        admin_id = admin->id;
    } else {
        db::Agent a;
        a.commune_id = commune_id;
        a.email = demo_admin_email;
        a.display_name = "Claire Martin";
        a.role = db::AgentRole::Administrateur;
        a.password_hash = security::hash_password(settings.admin_password);
        admin_id = db::create_agent(conn, a);
    }

    const bool codes_known = std::filesystem::exists(settings.codes_file);
    std::string codes;
    for (const auto& demo : demo_families()) {
        std::int64_t family_id = find_family_by_name(conn, commune_id, demo.name);
        const bool created = family_id == 0;
        if (created) {
            db::Family f;
            f.name = demo.name;
            f.address_line1 = demo.address;
            f.postal_code = "84510";
            f.city = "Caumont-sur-Durance";
            f.phone = demo.phone;
            f.family_quotient = demo.quotient;
            family_id = db::create_family(conn, commune_id, f);
            for (const auto& m : demo.members) {
                db::Member member;
                member.role = m.role;
                member.last_name = m.last;
                member.first_name = m.first;
                member.birth_date = m.birth;
                member.school = m.school;
                member.class_name = m.class_name;
                member.email = m.email;
                db::add_member(conn, commune_id, family_id, member);
            }
            db::set_family_validated(conn, commune_id, family_id, true);
        }
        const auto family = db::load_family(conn, commune_id, family_id);
        if (!family)
            throw std::runtime_error("demo family vanished");
        if (created || !codes_known) {
            const auto code = security::draw_subscriber_code("BLENFANCE", family->number);
            if (code.empty())
                throw std::runtime_error("could not draw a code abonné");
            db::store_subscriber_code(conn, commune_id, family_id, code, admin_id);
            for (const auto& m : family->members)
                if (m.role == db::MemberRole::Guardian &&
                    !(m.first_name == "Rolf" && m.last_name == "FICTIF"))
                    codes += code + ";" + m.last_name + ";" + m.first_name + "\n";
        }
        // Rolf FICTIF has a confirmed account from the start.
        if (std::string(demo.name) == "FICTIF" &&
            !db::find_account_by_email(conn, commune_id, demo_parent_email))
            for (const auto& m : family->members)
                if (m.first_name == "Rolf") {
                    const auto id =
                        db::create_account(conn, commune_id, family_id, m.id, demo_parent_email,
                                           security::hash_password(settings.parent_password));
                    db::confirm_account(conn, commune_id, id);
                }
    }
    const bool first_activities = db::list_activities(conn, commune_id, false).empty();
    seed_activities(conn, commune_id);
    if (first_activities)
        seed_bookings(conn, commune_id);
    seed_regies(conn, commune_id);
    if (first_activities)
        seed_past_months(conn, commune_id);
    seed_demo_invoices(conn, commune_id);
    // The canteen's rules, published: parents are asked to accept them.
    if (db::all_rules(conn, commune_id).empty()) {
        const auto id = db::add_rules_version(
            conn, commune_id, "Restauration scolaire", "Règlement de la restauration scolaire",
            simple_pdf({"Reglement de la restauration scolaire", "Commune de demonstration",
                        "1. Les repas se reservent sur le Portail Famille.",
                        "2. Toute annulation se fait avant le delai indique.",
                        "3. Les allergies sont signalees dans le dossier de famille."}),
            admin_id);
        db::publish_rules(conn, commune_id, id);
    }
    if (!codes.empty() && !settings.codes_file.empty()) {
        std::ofstream out(settings.codes_file);
        out << codes;
        if (!out)
            throw std::runtime_error("cannot write " + settings.codes_file);
    }
}

} // namespace app
