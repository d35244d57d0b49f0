// Who is expected on an occurrence (booked and wait-listed children, with what the canteen
// must know) and who came (pointage).
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db {

struct RosterRow {
    std::int64_t child_id = 0;
    std::int64_t family_id = 0;
    std::string family_name;
    int family_number = 0;
    std::string first_name;
    std::string last_name;
    std::string class_name;
    std::string booking;    // booked, waiting, or "" (present without booking)
    std::string attendance; // present, absent, excused or ""
    bool without_booking = false;
    std::optional<bool> has_allergies;
    std::string allergies;
    std::string diet;
    std::optional<bool> pai;
};
// Booked children first (by name), then the waiting list in its order, then children
// marked present without a booking.
std::vector<RosterRow> roster(Connection& conn, std::int64_t commune_id,
                              std::int64_t occurrence_id);

void mark_attendance(Connection& conn, std::int64_t commune_id, std::int64_t occurrence_id,
                     std::int64_t child_id, std::int64_t family_id, const std::string& status,
                     bool without_booking, std::int64_t agent_id);

struct DayCount {
    std::int64_t activity_id = 0;
    std::string activity;
    std::string day;
    std::int64_t occurrence_id = 0;
    int capacity = 0;
    int booked = 0;
    int waiting = 0;
    bool closed = false;
};
std::vector<DayCount> day_counts(Connection& conn, std::int64_t commune_id,
                                 const std::string& first, const std::string& last);

int attendance_lock_day(Connection& conn, std::int64_t commune_id);

struct ChildChoice {
    std::int64_t id = 0;
    std::int64_t family_id = 0;
    std::string name; // "FICTIF Léa (n° 10001)"
};
std::vector<ChildChoice> commune_children(Connection& conn, std::int64_t commune_id);

} // namespace db

namespace db {

// One line per child and occurrence between two dates with a booking or an attendance:
// for the CSV export of bookings and attendance.
struct ExportRow {
    std::string day;
    std::string activity;
    std::string regie;
    int family_number = 0;
    std::string family_name;
    std::string last_name;
    std::string first_name;
    std::string class_name;
    std::string booking;    // booked, waiting, requested, refused, cancelled or ""
    bool late_cancel = false;
    bool place_taken = false;
    std::string attendance; // present, absent, excused or ""
    bool without_booking = false;
};
std::vector<ExportRow> export_rows(Connection& conn, std::int64_t commune_id,
                                   const std::string& first, const std::string& last);

} // namespace db
