#include "app/settle_payments.h"

#include "app/config.h"
#include "billing/payment.h"
#include "db/connection.h"
#include "view/view.h"

#include <boost/program_options.hpp>
#include <mysql_driver.h>

#include <iostream>

namespace po = boost::program_options;

namespace app
{

int run_settle_payments(int argc, const char* const argv[])
{
    Config cfg;
    po::options_description desc;
    po::options_description own("settle-payments options");
    int min_age = 5 * 60;
    int max_age = 3 * 3600;
    own.add_options()("min-age", po::value<int>(&min_age)->default_value(min_age),
                      "only operations opened at least this many seconds ago")(
        "max-age", po::value<int>(&max_age)->default_value(max_age),
        "only operations opened at most this many seconds ago")(
        "payfip-url", po::value(&cfg.payfip_url)->default_value(cfg.payfip_url),
        "PayFiP base URL (as for serve)");
    desc.add(common_options(cfg)).add(own);
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail settle-payments [options]\n"
                       "Records the result of the online payments still pending."))
        return 0;
    if (min_age < 0 || max_age < min_age || max_age > 7 * 24 * 3600)
        throw std::runtime_error("--min-age and --max-age must satisfy 0 <= min <= max <= 7 days");
    view::load_templates(cfg.template_dir);
    sql::mysql::get_mysql_driver_instance();
    auto settings = db::parse_url(cfg.db_url);
    if (!cfg.db_password.empty())
        settings.password = cfg.db_password;
    db::Connection conn(settings);
    payment::PayfipProvider provider(cfg.payfip_url);
    const auto n = billing::settle_pending(conn, provider, min_age, max_age);
    std::cout << n << " paiement(s) réglé(s)\n";
    return 0;
}

} // namespace app
