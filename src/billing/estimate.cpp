#include "billing/estimate.h"

#include "billing/invoicing.h"
#include "db/billing.h"

#include <map>
#include <tuple>

namespace billing
{

Estimate estimate_month(db::Connection& conn, std::int64_t commune_id,
                        const std::string& commune_name, const db::BillingFamily& family,
                        std::span<const db::Regie> regies,
                        const std::map<std::int64_t, db::ActivityTariffs>& tariffs,
                        domain::Date today)
{
    Estimate e;
    e.first_day = {today.year, today.month, 1};
    e.last_day = today;
    // One statement for the family's facts of every régie; the régies' names and tariffs
    // from the caller's memory, only for those that have some.
    std::map<std::int64_t, std::vector<domain::FactRow>> facts_by_regie;
    for (auto& fact :
         db::uninvoiced_family_facts(conn, commune_id, family.id, e.first_day, e.last_day))
        facts_by_regie[fact.regie_id].push_back(std::move(fact));
    if (facts_by_regie.empty())
        return e;
    const std::map<std::int64_t, domain::FamilyPricing> pricing{
        {family.id, family_pricing(family, commune_name)}};
    const db::ActivityTariffs no_tariff;
    for (const auto& regie : regies) {
        const auto found = facts_by_regie.find(regie.id);
        if (found == facts_by_regie.end())
            continue;
        const auto& facts = found->second;
        const auto grids = tariffs.find(regie.id);
        const auto run = domain::draft_invoices(facts, pricing,
                                                grids == tariffs.end() ? no_tariff : grids->second);
        std::map<std::tuple<std::string, std::int64_t>, EstimatePart> by_child;
        for (const auto& draft : run.invoices) {
            for (const auto& anomaly : draft.anomalies)
                if (anomaly.problem == domain::TariffProblem::NoTariff)
                    e.unpriced = true;
            for (const auto& line : draft.lines) {
                auto& part = by_child[{line.child_name, line.child_id}];
                part.regie_name = regie.name;
                part.child_name = line.child_name;
                ++part.days;
                part.cents += line.unit_cents;
                e.total_cents += line.unit_cents;
            }
        }
        for (auto& [key, part] : by_child)
            e.parts.push_back(std::move(part));
    }
    return e;
}

} // namespace billing
