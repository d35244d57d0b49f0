#include "app/demo_billing.h"

#include "db/billing.h"
#include "db/payments.h"
#include "domain/time.h"

#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace app
{

namespace
{

constexpr const char* mairie = "MAIRIE DE CAUMONT SUR DURANCE";
constexpr const char* jeunesse = "Service Jeunesse";

struct DemoInvoice {
    bool youth;      // Service Jeunesse, else the mairie (school meals)
    const char* day; // issue date
    int seq;
    db::Cents cents;
    enum { Paid, Payable, PastDue } state;
};

// Newest first, as the brochure's table: its four rows, then the older history.
const std::vector<DemoInvoice>& demo_invoices()
{
    static const std::vector<DemoInvoice> list = {
        {true, "2022-01-11", 3491, 5525, DemoInvoice::Payable},
        {false, "2022-01-10", 1788, 1030, DemoInvoice::Payable},
        {false, "2021-12-07", 17888, 4575, DemoInvoice::Paid},
        {true, "2021-12-06", 3390, 3850, DemoInvoice::Paid},
        {false, "2021-11-08", 17790, 800, DemoInvoice::PastDue},
        {true, "2021-11-05", 3302, 2400, DemoInvoice::Paid},
        {true, "2021-10-29", 3214, 0, DemoInvoice::Paid},
        {false, "2021-10-06", 17702, 5150, DemoInvoice::Paid},
        {true, "2021-10-05", 3180, 4210, DemoInvoice::Paid},
        {false, "2021-09-07", 17655, 3090, DemoInvoice::Paid},
        {true, "2021-09-06", 3101, 1800, DemoInvoice::Paid},
        {true, "2021-08-03", 3027, 9600, DemoInvoice::Paid},
        {true, "2021-07-06", 2950, 11200, DemoInvoice::Paid},
        {false, "2021-07-05", 17512, 4120, DemoInvoice::Paid},
        {false, "2021-06-07", 17430, 5665, DemoInvoice::Paid},
        {true, "2021-06-04", 2871, 3300, DemoInvoice::Paid},
        {false, "2021-05-06", 17348, 4635, DemoInvoice::Paid},
        {true, "2021-05-05", 2790, 2750, DemoInvoice::Paid},
        {false, "2021-04-07", 17266, 3605, DemoInvoice::Paid},
        {true, "2021-04-06", 2712, 4400, DemoInvoice::Paid},
        {false, "2021-03-05", 17181, 5150, DemoInvoice::Paid},
        {true, "2021-03-04", 2633, 2200, DemoInvoice::Paid},
        {false, "2021-02-05", 17099, 4326, DemoInvoice::Paid},
        {true, "2021-02-04", 2551, 3025, DemoInvoice::Paid},
        {false, "2021-01-08", 17010, 3811, DemoInvoice::Paid},
        {true, "2021-01-07", 2470, 1650, DemoInvoice::Paid},
    };
    return list;
}

// The régie named `name`, created as the other demo data would when missing.
std::optional<db::Regie> find_or_create_regie(db::Connection& conn, std::int64_t commune_id,
                                              bool youth)
{
    const std::string name = youth ? jeunesse : mairie;
    auto id = db::regie_id_by_name(conn, commune_id, name);
    if (!id) {
        db::Regie r;
        r.name = name;
        r.address = "Place du Marché\n84510 Caumont-sur-Durance";
        r.payfip_numcli = youth ? "012346" : "012345";
        r.invoice_prefix = youth ? "SJ" : "RS";
        r.credit_prefix = youth ? "SJAV" : "RSAV";
        r.payment_days = 30;
        r.office_text = "Accueil de la mairie, du lundi au vendredi de 8h30 à 12h00 et de "
                        "13h30 à 17h00 : espèces, chèque à l'ordre du Trésor public, CESU.";
        id = db::create_regie(conn, commune_id, r);
    }
    return db::load_regie(conn, commune_id, *id);
}

} // namespace

void seed_demo_invoices(db::Connection& conn, std::int64_t commune_id)
{
    const auto family = db::family_by_name(conn, commune_id, "FICTIF");
    if (!family)
        return;
    const auto mairie_regie = find_or_create_regie(conn, commune_id, false);
    const auto youth_regie = find_or_create_regie(conn, commune_id, true);
    if (!mairie_regie || !youth_regie)
        return;
    const auto today = domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
    const auto commune = db::load_commune(conn, commune_id);
    db::Transaction tx(conn);
    for (const auto& d : demo_invoices()) {
        const auto& regie = d.youth ? *youth_regie : *mairie_regie;
        const auto issued = domain::parse_sql_date(d.day).value_or(domain::Date{});
        char number[48];
        std::snprintf(number, sizeof number, "%s-%04d-%06d", regie.invoice_prefix.c_str(),
                      issued.year, d.seq);
        if (db::invoice_number_taken(conn, regie.id, number))
            continue;
        db::HistoricInvoice inv;
        inv.regie_id = regie.id;
        inv.family_id = family->id;
        inv.number = number;
        inv.seq_year = issued.year;
        inv.seq_value = d.seq;
        inv.issued_on = domain::iso_date(issued);
        inv.due_on = d.state == DemoInvoice::Payable
                         ? domain::iso_date(domain::add_days(today, 20))
                         : domain::iso_date(domain::add_days(issued, 6));
        inv.total_cents = d.cents;
        inv.paid_cents = d.state == DemoInvoice::Paid ? d.cents : 0;
        inv.status = d.state == DemoInvoice::Paid ? "payee" : "a_payer";
        inv.family_name = "Famille " + family->name;
        inv.family_address = family->address;
        inv.family_number = family->number;
        inv.regie_name = regie.name;
        inv.regie_address = regie.address;
        inv.regie_office = regie.office_text;
        inv.payfip_numcli = regie.payfip_numcli;
        inv.commune_name = commune ? commune->name : "";
        inv.activity_name = d.youth ? "Accueil de loisirs" : "Restauration scolaire";
        inv.child_name = "Léa FICTIF";
        db::insert_historic_invoice(conn, commune_id, inv);
    }
    tx.commit();
}

} // namespace app
