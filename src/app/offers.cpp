#include "app/offers.h"

#include "app/config.h"
#include "booking/booking.h"
#include "db/activities.h"
#include "db/families.h"
#include "db/reminders.h"
#include "domain/booking_rules.h"
#include "domain/time.h"
#include "mail/outbox.h"
#include "view/view.h"

#include <boost/program_options.hpp>
#include <mysql_driver.h>

#include <ctime>
#include <iostream>
#include <map>

namespace po = boost::program_options;

namespace app
{

namespace
{

// The mail of web::mail_place_freed, for a place offered by this job.
void tell_offered(db::Connection& conn, const db::Commune& commune,
                  const db::Occurrence& occurrence, const booking::Promotion& promoted)
{
    const auto& b = promoted.booking;
    const auto family = db::load_family(conn, commune.id, b.family_id);
    const auto activity = db::load_activity(conn, commune.id, occurrence.activity_id);
    const auto day = domain::parse_sql_datetime(occurrence.day + " 00:00:00");
    if (!family || !activity || !day)
        return;
    std::string first_name;
    for (const auto& m : family->members)
        if (m.id == b.child_id)
            first_name = m.first_name;
    ctemplate::TemplateDictionary dict("mail");
    dict.SetValue("COMMUNE_NAME", commune.name);
    dict.SetValue("WHAT", activity->name + " le " + domain::format_long_date_fr(day->date) +
                              " pour " + first_name);
    dict.SetValue("LINK", commune.base_url + "/famille/planning?enfant=" +
                              std::to_string(b.child_id) + "&mois=" + occurrence.day.substr(0, 7));
    std::string subject = "Une place s'est libérée";
    if (promoted.confirm_before) {
        const auto before = domain::format_instant_long_fr(*promoted.confirm_before);
        dict.SetValueAndShowSection("BEFORE", before, "OFFERED");
        subject += " : confirmez-la avant le " + before;
    } else {
        dict.ShowSection("BOOKED");
    }
    mail::Message m;
    m.subject = subject + " — Portail Famille de " + commune.name;
    m.text = view::expand("mail/place_liberee.txt.tpl", dict);
    m.html = view::expand("mail/place_liberee.html.tpl", dict);
    for (const auto& account : db::linked_accounts(conn, commune.id, family->id)) {
        if (!account.confirmed)
            continue;
        m.to = account.email;
        mail::enqueue(conn, commune.id, commune.mail_from, "Portail Famille de " + commune.name, m);
    }
}

} // namespace

int expire_offers(db::Connection& conn, std::int64_t now)
{
    std::map<std::int64_t, db::Commune> communes;
    for (auto& c : db::all_communes(conn))
        communes.emplace(c.id, c);
    return booking::expire_offers(conn, now, [&](const booking::Promotion& promoted) {
        // The occurrence's commune is the booking's: find it through the occurrence row.
        for (const auto& [id, commune] : communes)
            if (const auto o = db::load_occurrence(conn, id, promoted.booking.occurrence_id)) {
                tell_offered(conn, commune, *o, promoted);
                return;
            }
    });
}

int run_expire_offers(int argc, const char* const argv[])
{
    Config cfg;
    po::options_description desc;
    desc.add(common_options(cfg));
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail expire-offers [options]\n"
                       "Withdraws the offered places not confirmed in time and offers them to "
                       "the next wait-listed child."))
        return 0;
    view::load_templates(cfg.template_dir);
    sql::mysql::get_mysql_driver_instance();
    auto settings = db::parse_url(cfg.db_url);
    if (!cfg.db_password.empty())
        settings.password = cfg.db_password;
    db::Connection conn(settings);
    const auto n = expire_offers(conn, static_cast<std::int64_t>(std::time(nullptr)));
    std::cout << n << " place(s) proposée(s) non confirmée(s) retirée(s)\n";
    return 0;
}

} // namespace app
