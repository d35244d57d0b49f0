#include "app/reminders.h"

#include "app/config.h"
#include "db/activities.h"
#include "db/reminders.h"
#include "domain/booking_rules.h"
#include "domain/time.h"
#include "mail/outbox.h"
#include "view/view.h"

#include <boost/program_options.hpp>
#include <mysql_driver.h>

#include <ctime>
#include <iostream>

namespace po = boost::program_options;

namespace app
{

namespace
{

db::Settings db_settings(const Config& config)
{
    auto s = db::parse_url(config.db_url);
    if (!config.db_password.empty())
        s.password = config.db_password;
    return s;
}

} // namespace

int send_reminders(db::Connection& conn, std::int64_t now, int hours_before, bool dry_run)
{
    const auto today = domain::paris_from_epoch(now).date;
    const auto monday = domain::add_days(today, 8 - domain::weekday(today)); // next Monday
    const auto sunday = domain::add_days(monday, 6);
    int reminded = 0;
    for (const auto& commune : db::all_communes(conn)) {
        for (const auto& activity : db::list_activities(conn, commune.id, true)) {
            if (!activity.reminder)
                continue;
            const auto rule = domain::parse_deadline_rule(activity.booking_rule);
            if (!rule)
                continue;
            std::optional<std::int64_t> deadline;
            std::string first_day;
            for (const auto& o : db::occurrences_between(conn, commune.id, domain::iso_date(monday),
                                                         domain::iso_date(sunday)))
                if (o.activity_id == activity.id && !o.closed) {
                    first_day = o.day;
                    const auto t = domain::parse_sql_datetime(o.day + " 00:00:00");
                    if (t)
                        deadline = domain::deadline_instant(*rule, t->date);
                    break;
                }
            if (!deadline || now >= *deadline || *deadline - now > hours_before * 3600LL)
                continue;
            for (const auto& target :
                 db::reminder_targets(conn, commune.id, activity.id, domain::iso_date(monday),
                                      domain::iso_date(sunday))) {
                ++reminded;
                if (dry_run) {
                    std::cout << commune.slug << " : famille " << target.family_id << " ("
                              << target.children << "), " << activity.name << '\n';
                    continue;
                }
                db::Transaction tx(conn);
                if (!db::mark_reminder_sent(conn, commune.id, activity.id, domain::iso_date(monday),
                                            target.family_id))
                    continue;
                ctemplate::TemplateDictionary dict("mail");
                dict.SetValue("COMMUNE_NAME", commune.name);
                dict.SetValue("ACTIVITY", activity.name);
                dict.SetValue("CHILDREN", target.children);
                dict.SetValue("WEEK", domain::format_long_date_fr(monday));
                dict.SetValue("DEADLINE", domain::format_instant_long_fr(*deadline));
                dict.SetValue("LINK", commune.base_url +
                                          "/famille/planning?mois=" + first_day.substr(0, 7));
                dict.SetValue("OPT_OUT", commune.base_url + "/compte");
                mail::Message m;
                m.subject = "Rappel : réservez " + activity.name + " pour la semaine du " +
                            domain::format_date_fr(monday) + " — Portail Famille de " +
                            commune.name;
                m.text = view::expand("mail/rappel.txt.tpl", dict);
                m.html = view::expand("mail/rappel.html.tpl", dict);
                for (const auto& email : target.emails) {
                    m.to = email;
                    mail::enqueue(conn, commune.id, commune.mail_from,
                                  "Portail Famille de " + commune.name, m);
                }
                tx.commit();
            }
        }
    }
    return reminded;
}

int run_send_reminders(int argc, const char* const argv[])
{
    Config cfg;
    po::options_description desc;
    po::options_description own("send-reminders options");
    int hours = 48;
    own.add_options()("dry-run", "list the families to remind without sending anything")(
        "hours-before", po::value<int>(&hours)->default_value(48),
        "remind when the booking deadline is less than this many hours away");
    desc.add(common_options(cfg)).add(own);
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail send-reminders [--dry-run] [options]\n"
                       "Mails the families who have not booked next week before the deadline."))
        return 0;
    if (hours < 1 || hours > 24 * 14)
        throw std::runtime_error("--hours-before must be between 1 and 336");
    view::load_templates(cfg.template_dir);
    sql::mysql::get_mysql_driver_instance();
    db::Connection conn(db_settings(cfg));
    const auto n = send_reminders(conn, static_cast<std::int64_t>(std::time(nullptr)), hours,
                                  vm.count("dry-run") > 0);
    std::cout << n << " famille(s) "
              << (vm.count("dry-run") ? "à relancer (simulation)" : "relancée(s)") << '\n';
    return 0;
}

} // namespace app
