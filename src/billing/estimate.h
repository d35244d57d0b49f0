// The month's running estimate (SPEC §9): what the current month costs a family so far,
// from its bookings and attendance not invoiced yet, priced by the invoicing run's rules.
#pragma once

#include "db/billing.h"
#include "db/connection.h"
#include "domain/billing.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace billing
{

struct EstimatePart {
    std::string regie_name;
    std::string child_name;
    int days = 0; // billed facts (a day of canteen, of leisure centre…)
    domain::Cents cents = 0;
};

struct Estimate {
    domain::Date first_day; // the 1st of today's month
    domain::Date last_day;  // today
    domain::Cents total_cents = 0;
    std::vector<EstimatePart> parts; // by régie, then child
    bool unpriced = false;           // some days have no tariff yet: not counted
};

// The estimate of `today`'s month (Paris date) for one family: for each régie, the family's
// uninvoiced facts from the 1st to today (one statement), drafted exactly as issue_run drafts
// them. The family as billed (its quotient, its city), the commune's régies (by name) and
// their tariffs (db::commune_tariffs) are the caller's: the page has them in memory.
Estimate estimate_month(db::Connection& conn, std::int64_t commune_id,
                        const std::string& commune_name, const db::BillingFamily& family,
                        std::span<const db::Regie> regies,
                        const std::map<std::int64_t, db::ActivityTariffs>& tariffs,
                        domain::Date today);

} // namespace billing
