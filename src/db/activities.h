// Activities, school holidays, closures and the occurrences derived from them; every query
// scoped by commune.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db
{

struct Activity {
    std::int64_t id = 0;
    std::string name;
    std::string service; // the rules document's service it may require
    std::string regie;
    std::string site;
    std::string weekdays = "1111100"; // Monday..Sunday
    std::string period_start;         // "YYYY-MM-DD"
    std::string period_end;
    std::string holiday_policy = "closed"; // closed, only, ignore
    int capacity = 0;
    bool waiting_list = true;
    int waiting_list_size = 20;
    std::optional<int> min_age_months;
    std::optional<int> max_age_months;
    std::string school_levels; // "PS,MS,GS" or ""
    bool residents_only = false;
    bool requires_complete_file = false;
    bool requires_rules = false;
    std::string booking_rule = "aucun"; // domain/booking_rules.h text form
    std::string cancel_rule = "aucun";
    std::string long_mode = "automatic"; // automatic, agent
    std::string allocation = "first_come";
    bool active = true;
    bool reminder = false; // mail families who have not booked next week before the deadline
    int offer_hours = 24;  // to confirm a place freed after the booking deadline
    // Capacity per age group: children younger than young_age_months on the day have
    // young_capacity places, the others capacity - young_capacity.
    std::optional<int> young_age_months;
    std::optional<int> young_capacity;
};

std::vector<Activity> list_activities(Connection& conn, std::int64_t commune_id, bool active_only);
std::optional<Activity> load_activity(Connection& conn, std::int64_t commune_id, std::int64_t id);
// Throws std::runtime_error when the name is already used in the commune.
std::int64_t create_activity(Connection& conn, std::int64_t commune_id, const Activity& a);
void update_activity(Connection& conn, std::int64_t commune_id, const Activity& a);

struct Holiday {
    std::string description;
    std::string first_day; // "YYYY-MM-DD"
    std::string last_day;
    std::string school_year;
};
// Adds the holidays of a zone (existing identical rows are kept); returns how many were new.
int import_school_holidays(Connection& conn, const std::string& zone,
                           const std::vector<Holiday>& holidays);
std::vector<Holiday> school_holidays(Connection& conn, const std::string& zone);
std::string holiday_zone(Connection& conn, std::int64_t commune_id);

struct Closure {
    std::int64_t id = 0;
    std::int64_t activity_id = 0; // 0: every activity
    std::string activity_name;    // "" for every activity
    std::string first_day;
    std::string last_day;
    std::string reason;
};
std::int64_t add_closure(Connection& conn, std::int64_t commune_id, const Closure& c);
bool delete_closure(Connection& conn, std::int64_t commune_id, std::int64_t id);
std::vector<Closure> list_closures(Connection& conn, std::int64_t commune_id);

struct Occurrence {
    std::int64_t id = 0;
    std::int64_t activity_id = 0;
    std::string day; // "YYYY-MM-DD"
    int capacity = 0;
    int booked = 0;
    int waiting = 0;
    bool closed = false;
};

// Makes the activity's occurrences match `open_days` (sorted "YYYY-MM-DD"): missing ones are
// created with `capacity`, existing ones reopened and given the new capacity (never below
// their bookings), days no longer open are marked closed (their bookings stay, for the
// record and the invoices). Returns the number of open occurrences.
int sync_occurrences(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                     const std::vector<std::string>& open_days, int capacity);
// Occurrences of the commune's active activities between two dates (inclusive).
std::vector<Occurrence> occurrences_between(Connection& conn, std::int64_t commune_id,
                                            const std::string& first, const std::string& last);
std::optional<Occurrence> load_occurrence(Connection& conn, std::int64_t commune_id,
                                          std::int64_t id);

} // namespace db
