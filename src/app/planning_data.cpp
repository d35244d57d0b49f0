#include "app/planning_data.h"

#include "app/family_data.h"
#include "app/kept.h"

#include "domain/billing.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace app
{

namespace
{

using Clock = std::chrono::steady_clock;

// How long a worker shows the counters it read (see planning_data.h).
constexpr auto counters_max_age = std::chrono::seconds(1);
// Months of communes kept at once, and families' months (twice family_cache_size(), in
// app/family_data.h): past that, a cache starts again empty (a family's month is under 1 KiB;
// a commune's, 150 occurrences or so, 20 KiB).
constexpr std::size_t max_months = 64;

std::atomic<std::uint64_t> writes{0};

std::int64_t day_number(domain::Date d)
{
    return (static_cast<std::int64_t>(d.year) * 100 + d.month) * 100 + d.day;
}

// The commune's occurrences of a month, and what they were read at.
struct Month {
    std::uint64_t commune_revision = 0;
    std::uint64_t writes = 0;
    Clock::time_point read_at;
    std::vector<db::PlanningEntry> occurrences;
};
using MonthKey = std::tuple<std::int64_t, std::int64_t, std::int64_t>; // commune, first, last

Kept<MonthKey, Month, std::map<MonthKey, std::shared_ptr<const Month>>> months;

// A family's day in 8 bytes (a worker keeps thousands of families' months: 16 bytes less
// than db::FamilyDayRow per booking is 2.4 MiB of worker RSS on the bench): its occurrence
// as an offset from the month's first, its child as an index in FamilyMonth::children.
struct Day {
    std::uint32_t occurrence = 0;
    std::uint16_t child = 0;
    std::int8_t status = -1; // as db::FamilyDayRow
    std::uint8_t late_cancel : 1 = 0;
    std::uint8_t attendance : 2 = 0; // 0 none, 1 present, 2 absent, 3 excused
    std::uint8_t offered : 1 = 0;    // its expiry in FamilyMonth::offers
};
static_assert(sizeof(Day) == 8);

// A family's bookings and attendance of a month, and the revision they were read at.
struct FamilyMonth {
    std::uint64_t booking_revision = 0;
    std::int64_t base = 0;                                   // the smallest occurrence id
    std::vector<std::int64_t> children;                      // ids, ascending
    std::vector<Day> days;                                   // by child index, then occurrence
    std::vector<std::pair<std::size_t, std::string>> offers; // index in days, UTC expiry
};

// Attendance in two bits and back: 0 none, 1 present, 2 absent, 3 excused.
std::uint8_t attendance_code(char initial)
{
    return initial == 'p' ? 1 : initial == 'a' ? 2 : initial == 'e' ? 3 : 0;
}

const char* attendance_name(unsigned code)
{
    static const char* const names[] = {"", "present", "absent", "excused"};
    return names[code & 3];
}

// The rows read in 8 bytes each; nullopt when they do not fit (ids more than 2^32 apart,
// more than 65,536 children: never on a real commune), and the page fails (a 500) rather
// than show a month it cannot keep.
std::optional<FamilyMonth> compact(db::FamilyMonth&& read)
{
    FamilyMonth m;
    if (read.rows.empty())
        return m;
    auto lowest = read.rows.front().occurrence_id;
    auto highest = lowest;
    for (const auto& r : read.rows) {
        lowest = std::min(lowest, r.occurrence_id);
        highest = std::max(highest, r.occurrence_id);
        if (m.children.empty() || m.children.back() != r.child_id)
            m.children.push_back(r.child_id); // rows come by child
    }
    if (highest - lowest > std::int64_t{UINT32_MAX} || m.children.size() > UINT16_MAX)
        return std::nullopt;
    m.base = lowest;
    m.days.reserve(read.rows.size());
    for (const auto& r : read.rows) {
        Day d;
        d.occurrence = static_cast<std::uint32_t>(r.occurrence_id - lowest);
        d.child = static_cast<std::uint16_t>(
            std::lower_bound(m.children.begin(), m.children.end(), r.child_id) -
            m.children.begin());
        d.status = r.status;
        d.late_cancel = r.late_cancel ? 1 : 0;
        d.attendance = attendance_code(r.attendance) & 3;
        if (r.offer >= 0) {
            d.offered = 1;
            m.offers.emplace_back(
                m.days.size(), std::move(read.offer_expires_at[static_cast<std::size_t>(r.offer)]));
        }
        m.days.push_back(d);
    }
    m.children.shrink_to_fit();
    return m;
}

using FamilyMonthKey = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t>;
// family, commune, first, last
Kept<FamilyMonthKey, FamilyMonth, std::map<FamilyMonthKey, std::shared_ptr<const FamilyMonth>>>
    families;

std::shared_ptr<const Month> month(Context& ctx, domain::Date first, domain::Date last)
{
    const auto revision = ctx.commune_revision.value_or(0);
    // Read before the statement: a write committed meanwhile makes this copy old at once.
    const auto seen_writes = writes.load(std::memory_order_acquire);
    const auto now = Clock::now();
    const MonthKey key{ctx.commune.id, day_number(first), day_number(last)};
    if (ctx.commune_revision)
        if (auto kept = months.find(key, [&](const Month& m) {
                return m.commune_revision == revision && m.writes == seen_writes &&
                       now - m.read_at < counters_max_age;
            }))
            return kept;
    auto m = std::make_shared<Month>();
    m->commune_revision = revision;
    m->writes = seen_writes;
    m->read_at = now;
    m->occurrences = db::month_occurrences(ctx.db(), ctx.commune.id, domain::iso_date(first),
                                           domain::iso_date(last));
    if (ctx.commune_revision)
        months.keep(key, m, max_months);
    return m;
}

std::shared_ptr<const FamilyMonth> family_month(Context& ctx, domain::Date first, domain::Date last)
{
    const auto family_id = ctx.family_id();
    const auto revision = ctx.booking_revision ? *ctx.booking_revision
                                               : db::family_booking_revision(ctx.db(), family_id);
    const FamilyMonthKey key{family_id, ctx.commune.id, day_number(first), day_number(last)};
    if (auto kept = families.find(
            key, [&](const FamilyMonth& m) { return m.booking_revision == revision; }))
        return kept;
    // Read after the revision: the rows are at least as new as the label they get.
    auto read = compact(db::family_month(ctx.db(), ctx.commune.id, family_id,
                                         domain::iso_date(first), domain::iso_date(last)));
    if (!read)
        throw std::runtime_error("planning: a family's month does not fit in memory's rows");
    auto m = std::make_shared<FamilyMonth>(std::move(*read));
    m->booking_revision = revision;
    families.keep(key, m, 2 * family_cache_size());
    return m;
}

} // namespace

std::vector<db::PlanningEntry> child_month(Context& ctx, std::int64_t child_id, domain::Date first,
                                           domain::Date last)
{
    const auto family = family_month(ctx, first, last);
    const auto commune = month(ctx, first, last);
    // The child's days, by occurrence.
    const auto& days = family->days;
    const auto child = std::lower_bound(family->children.begin(), family->children.end(), child_id);
    auto begin = days.end();
    auto end = days.end();
    if (child != family->children.end() && *child == child_id) {
        const auto index = static_cast<std::uint16_t>(child - family->children.begin());
        begin = std::lower_bound(days.begin(), days.end(), index,
                                 [](const Day& d, std::uint16_t i) { return d.child < i; });
        end = std::upper_bound(begin, days.end(), index,
                               [](std::uint16_t i, const Day& d) { return i < d.child; });
    }
    std::vector<db::PlanningEntry> out;
    out.reserve(commune->occurrences.size());
    for (const auto& o : commune->occurrences) {
        out.push_back(o);
        if (begin == end || o.occurrence_id < family->base ||
            o.occurrence_id - family->base > std::int64_t{UINT32_MAX})
            continue;
        const auto offset = static_cast<std::uint32_t>(o.occurrence_id - family->base);
        const auto d = std::lower_bound(begin, end, offset, [](const Day& day, std::uint32_t at) {
            return day.occurrence < at;
        });
        if (d == end || d->occurrence != offset)
            continue;
        auto& e = out.back();
        if (d->status >= 0)
            e.status = static_cast<db::BookingStatus>(d->status);
        e.late_cancel = d->late_cancel != 0;
        e.attendance = attendance_name(d->attendance);
        if (d->offered) {
            const auto at = static_cast<std::size_t>(d - days.begin());
            for (const auto& [index, expires] : family->offers)
                if (index == at)
                    e.offer_expires_at = expires;
        }
    }
    return out;
}

void note_write()
{
    writes.fetch_add(1, std::memory_order_acq_rel);
}

} // namespace app
