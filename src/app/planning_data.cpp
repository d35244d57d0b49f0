#include "app/planning_data.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <tuple>
#include <unordered_map>

namespace app
{

namespace
{

using Clock = std::chrono::steady_clock;

// How long a worker shows the counters it read (see planning_data.h).
constexpr auto counters_max_age = std::chrono::seconds(1);
// Months of communes kept at once, and families' months: past that, a cache starts again
// empty (a family's month is about 1.5 KiB; a commune's, 150 occurrences or so, 20 KiB).
constexpr std::size_t max_months = 64;
constexpr std::size_t max_family_months = 8192;

std::atomic<std::uint64_t> writes{0};

std::string iso(domain::Date d)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
    return text;
}

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

std::shared_mutex months_mutex;
std::map<MonthKey, std::shared_ptr<const Month>> months;

// A family's bookings and attendance of a month, and the revision they were read at.
struct FamilyMonth {
    std::int64_t commune_id = 0;
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::uint64_t booking_revision = 0;
    db::FamilyMonth days;
};

std::shared_mutex families_mutex;
// By family, then first day (a family looks at a month or two).
std::unordered_map<std::int64_t, std::vector<std::shared_ptr<const FamilyMonth>>> families;
std::size_t family_months = 0;

std::shared_ptr<const Month> month(Context& ctx, domain::Date first, domain::Date last)
{
    const auto revision = ctx.commune_revision.value_or(0);
    // Read before the statement: a write committed meanwhile makes this copy old at once.
    const auto seen_writes = writes.load(std::memory_order_acquire);
    const auto now = Clock::now();
    const MonthKey key{ctx.commune.id, day_number(first), day_number(last)};
    if (ctx.commune_revision) {
        std::shared_lock lock(months_mutex);
        const auto it = months.find(key);
        if (it != months.end() && it->second->commune_revision == revision &&
            it->second->writes == seen_writes && now - it->second->read_at < counters_max_age)
            return it->second;
    }
    auto m = std::make_shared<Month>();
    m->commune_revision = revision;
    m->writes = seen_writes;
    m->read_at = now;
    m->occurrences = db::month_occurrences(ctx.db(), ctx.commune.id, iso(first), iso(last));
    if (ctx.commune_revision) {
        std::unique_lock lock(months_mutex);
        if (months.size() >= max_months)
            months.clear();
        months[key] = m;
    }
    return m;
}

std::shared_ptr<const FamilyMonth> family_month(Context& ctx, domain::Date first, domain::Date last)
{
    const auto family_id = ctx.family_id();
    const auto revision = ctx.booking_revision ? *ctx.booking_revision
                                               : db::family_booking_revision(ctx.db(), family_id);
    const auto from = day_number(first);
    const auto to = day_number(last);
    {
        std::shared_lock lock(families_mutex);
        if (const auto it = families.find(family_id); it != families.end())
            for (const auto& m : it->second)
                if (m->first == from && m->last == to && m->commune_id == ctx.commune.id &&
                    m->booking_revision == revision)
                    return m;
    }
    // Read after the revision: the rows are at least as new as the label they get.
    auto m = std::make_shared<FamilyMonth>();
    m->commune_id = ctx.commune.id;
    m->first = from;
    m->last = to;
    m->booking_revision = revision;
    m->days = db::family_month(ctx.db(), ctx.commune.id, family_id, iso(first), iso(last));
    std::unique_lock lock(families_mutex);
    if (family_months >= max_family_months) {
        families.clear();
        family_months = 0;
    }
    auto& kept = families[family_id];
    const auto same = std::find_if(kept.begin(), kept.end(), [&](const auto& k) {
        return k->first == from && k->last == to && k->commune_id == ctx.commune.id;
    });
    if (same != kept.end()) {
        *same = m;
    } else {
        kept.push_back(m);
        ++family_months;
    }
    return m;
}

const char* attendance_name(char code)
{
    switch (code) {
    case 'p':
        return "present";
    case 'a':
        return "absent";
    case 'e':
        return "excused";
    default:
        return "";
    }
}

} // namespace

std::vector<db::PlanningEntry> child_month(Context& ctx, std::int64_t child_id, domain::Date first,
                                           domain::Date last)
{
    const auto family = family_month(ctx, first, last);
    const auto commune = month(ctx, first, last);
    // The child's rows, by occurrence id.
    const auto& rows = family->days.rows;
    const auto by_child = [](const db::FamilyDayRow& r, std::int64_t id) {
        return r.child_id < id;
    };
    const auto begin = std::lower_bound(rows.begin(), rows.end(), child_id, by_child);
    auto end = begin;
    while (end != rows.end() && end->child_id == child_id)
        ++end;
    std::vector<db::PlanningEntry> out;
    out.reserve(commune->occurrences.size());
    for (const auto& o : commune->occurrences) {
        out.push_back(o);
        const auto r = std::lower_bound(
            begin, end, o.occurrence_id,
            [](const db::FamilyDayRow& row, std::int64_t id) { return row.occurrence_id < id; });
        if (r == end || r->occurrence_id != o.occurrence_id)
            continue;
        auto& e = out.back();
        if (r->status >= 0)
            e.status = static_cast<db::BookingStatus>(r->status);
        e.late_cancel = r->late_cancel;
        e.attendance = attendance_name(r->attendance);
        if (r->offer >= 0)
            e.offer_expires_at = family->days.offer_expires_at[static_cast<std::size_t>(r->offer)];
    }
    return out;
}

void note_write()
{
    writes.fetch_add(1, std::memory_order_acq_rel);
}

} // namespace app
