#include "app/purge.h"

#include "app/config.h"
#include "db/family_file.h"
#include "db/sessions.h"
#include "db/throttle.h"
#include "domain/time.h"

#include <boost/program_options.hpp>
#include <mysql_driver.h>

#include <iostream>
#include <string>

namespace po = boost::program_options;

namespace app
{

namespace
{

// Same as in commands.cpp: the password file wins over a password in the URL.
db::Settings db_settings(const Config& config)
{
    auto s = db::parse_url(config.db_url);
    if (!config.db_password.empty())
        s.password = config.db_password;
    return s;
}

// "12/03/2023" (Paris) for the UTC "2023-03-12 09:15:00"; the text itself otherwise.
std::string archived_date(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    if (!t)
        return utc;
    return domain::format_date_fr(domain::paris_from_epoch(domain::utc_epoch(*t)).date);
}

void journal_purge(db::Connection& conn, const db::PurgeCandidate& c, const std::string& date)
{
    db::JournalChange entry;
    entry.actor_kind = "system";
    entry.family_id = c.family_id;
    entry.action = "Suppression des données (durée de conservation)";
    entry.object_type = "family";
    entry.object_id = c.family_id;
    // No personal data here: the family's number and dates only.
    entry.detail = "Famille n° " + std::to_string(c.number) + " archivée le " + date;
    db::journal_change(conn, c.commune_id, entry);
}

} // namespace

int run_purge_families(int argc, const char* const argv[])
{
    Config cfg;
    po::options_description desc;
    po::options_description own("purge-families options");
    own.add_options()("dry-run", "list the families to purge without deleting anything");
    desc.add(common_options(cfg)).add(own);
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail purge-families [--dry-run] [options]\n"
                       "Deletes the personal data of the families archived longer than their "
                       "commune's retention period."))
        return 0;
    const bool dry_run = vm.count("dry-run") > 0;
    sql::mysql::get_mysql_driver_instance();
    db::Connection conn(db_settings(cfg));

    int purged = 0, failed = 0;
    const auto candidates = db::purge_candidates(conn);
    for (const auto& c : candidates) {
        const auto date = archived_date(c.archived_at);
        std::cout << "commune " << c.commune_id << ", famille n° " << c.number << " archivée le "
                  << date << " : ";
        if (dry_run) {
            std::cout << "à supprimer (simulation)\n";
            continue;
        }
        try {
            conn.ensure(); // after a failure, the connection may need a new start
            db::purge_family(conn, c.commune_id, c.family_id);
            journal_purge(conn, c, date);
            std::cout << "supprimée\n";
            ++purged;
        } catch (const std::exception& e) {
            // One family failing must not keep the others past their retention period.
            std::cout << "ÉCHEC\n";
            std::cerr << "portail purge-families: commune " << c.commune_id << ", family "
                      << c.family_id << ": " << e.what() << '\n';
            ++failed;
        }
    }
    if (dry_run) {
        std::cout << "simulation : " << candidates.size()
                  << " famille(s) à supprimer, rien n'a été modifié\n";
        return 0;
    }
    std::cout << purged << " famille(s) supprimée(s)"
              << (failed ? ", " + std::to_string(failed) + " en échec" : "") << '\n';
    // Sessions past their lifetime (they keep an address and a browser) and throttle events
    // older than a day (an address, hashed keys): nothing reads them any more.
    conn.ensure();
    const auto sessions = db::purge_expired_sessions(conn);
    const auto events = db::throttle_purge(conn);
    std::cout << sessions << " session(s) expirée(s) et " << events
              << " trace(s) de limitation de plus d'un jour supprimée(s)\n";
    return failed ? 1 : 0;
}

} // namespace app
