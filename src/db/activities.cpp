#include "db/activities.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace db
{

namespace
{

constexpr const char* activity_columns =
    "id, name, service, regie, site, weekdays, DATE_FORMAT(period_start, '%Y-%m-%d') AS ps,"
    " DATE_FORMAT(period_end, '%Y-%m-%d') AS pe, holiday_policy, capacity, waiting_list,"
    " waiting_list_size, min_age_months, max_age_months, school_levels, residents_only,"
    " requires_complete_file, requires_rules, booking_rule, cancel_rule, long_mode, allocation,"
    " active, reminder, offer_hours, young_age_months, young_capacity";

// By position, in activity_columns order: a lookup by name upper-cases the name and scans the
// columns, for every value (Connector/C++ 1.1).
Activity read_activity(sql::ResultSet& rs)
{
    Activity a;
    a.id = rs.getInt64(1);
    a.name = rs.getString(2);
    a.service = rs.getString(3);
    a.regie = rs.getString(4);
    a.site = rs.getString(5);
    a.weekdays = rs.getString(6);
    a.period_start = rs.getString(7);
    a.period_end = rs.getString(8);
    a.holiday_policy = rs.getString(9);
    a.capacity = rs.getInt(10);
    a.waiting_list = rs.getBoolean(11);
    a.waiting_list_size = rs.getInt(12);
    if (!rs.isNull(13))
        a.min_age_months = rs.getInt(13);
    if (!rs.isNull(14))
        a.max_age_months = rs.getInt(14);
    a.school_levels = rs.getString(15);
    a.residents_only = rs.getBoolean(16);
    a.requires_complete_file = rs.getBoolean(17);
    a.requires_rules = rs.getBoolean(18);
    a.booking_rule = rs.getString(19);
    a.cancel_rule = rs.getString(20);
    a.long_mode = rs.getString(21);
    a.allocation = rs.getString(22);
    a.active = rs.getBoolean(23);
    a.reminder = rs.getBoolean(24);
    a.offer_hours = rs.getInt(25);
    if (!rs.isNull(26))
        a.young_age_months = rs.getInt(26);
    if (!rs.isNull(27))
        a.young_capacity = rs.getInt(27);
    return a;
}

void set_optional_int(sql::PreparedStatement& st, int index, const std::optional<int>& v)
{
    if (v)
        st.setInt(index, *v);
    else
        st.setNull(index, sql::DataType::INTEGER);
}

// Binds the 26 editable columns from `first`, in activity_columns order without id.
void bind_activity(sql::PreparedStatement& st, int first, const Activity& a)
{
    st.setString(first, a.name);
    st.setString(first + 1, a.service);
    st.setString(first + 2, a.regie);
    st.setString(first + 3, a.site);
    st.setString(first + 4, a.weekdays);
    st.setString(first + 5, a.period_start);
    st.setString(first + 6, a.period_end);
    st.setString(first + 7, a.holiday_policy);
    st.setInt(first + 8, a.capacity);
    st.setBoolean(first + 9, a.waiting_list);
    st.setInt(first + 10, a.waiting_list_size);
    set_optional_int(st, first + 11, a.min_age_months);
    set_optional_int(st, first + 12, a.max_age_months);
    st.setString(first + 13, a.school_levels);
    st.setBoolean(first + 14, a.residents_only);
    st.setBoolean(first + 15, a.requires_complete_file);
    st.setBoolean(first + 16, a.requires_rules);
    st.setString(first + 17, a.booking_rule);
    st.setString(first + 18, a.cancel_rule);
    st.setString(first + 19, a.long_mode);
    st.setString(first + 20, a.allocation);
    st.setBoolean(first + 21, a.active);
    st.setBoolean(first + 22, a.reminder);
    st.setInt(first + 23, a.offer_hours);
    set_optional_int(st, first + 24, a.young_age_months);
    set_optional_int(st, first + 25, a.young_capacity);
}

// By position: id, activity_id, day, capacity, booked, waiting, closed.
Occurrence read_occurrence(sql::ResultSet& rs)
{
    Occurrence o;
    o.id = rs.getInt64(1);
    o.activity_id = rs.getInt64(2);
    o.day = rs.getString(3);
    o.capacity = rs.getInt(4);
    o.booked = rs.getInt(5);
    o.waiting = rs.getInt(6);
    o.closed = rs.getBoolean(7);
    return o;
}

} // namespace

std::vector<Activity> list_activities(Connection& conn, std::int64_t commune_id, bool active_only)
{
    auto& st = conn.prepare(std::string("SELECT ") + activity_columns +
                            " FROM activity WHERE commune_id = ? AND (active = 1 OR ? = 0)"
                            " ORDER BY name");
    st.setInt64(1, commune_id);
    st.setBoolean(2, active_only);
    auto rs = query(st);
    std::vector<Activity> out;
    while (rs->next())
        out.push_back(read_activity(*rs));
    return out;
}

std::optional<Activity> load_activity(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    auto& st = conn.prepare(std::string("SELECT ") + activity_columns +
                            " FROM activity WHERE commune_id = ? AND id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_activity(*rs);
}

std::int64_t create_activity(Connection& conn, std::int64_t commune_id, const Activity& a)
{
    auto& st = conn.prepare(
        "INSERT INTO activity (name, service, regie, site, weekdays, period_start, period_end,"
        " holiday_policy, capacity, waiting_list, waiting_list_size, min_age_months,"
        " max_age_months, school_levels, residents_only, requires_complete_file, requires_rules,"
        " booking_rule, cancel_rule, long_mode, allocation, active, reminder, offer_hours,"
        " young_age_months, young_capacity, commune_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)");
    bind_activity(st, 1, a);
    st.setInt64(27, commune_id);
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (is_duplicate(e))
            throw std::runtime_error("an activity of this name exists");
        throw;
    }
    return last_insert_id(conn);
}

void update_activity(Connection& conn, std::int64_t commune_id, const Activity& a)
{
    auto& st = conn.prepare(
        "UPDATE activity SET name = ?, service = ?, regie = ?, site = ?, weekdays = ?,"
        " period_start = ?, period_end = ?, holiday_policy = ?, capacity = ?, waiting_list = ?,"
        " waiting_list_size = ?, min_age_months = ?, max_age_months = ?, school_levels = ?,"
        " residents_only = ?, requires_complete_file = ?, requires_rules = ?, booking_rule = ?,"
        " cancel_rule = ?, long_mode = ?, allocation = ?, active = ?, reminder = ?,"
        " offer_hours = ?, young_age_months = ?, young_capacity = ?"
        " WHERE commune_id = ? AND id = ?");
    bind_activity(st, 1, a);
    st.setInt64(27, commune_id);
    st.setInt64(28, a.id);
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (is_duplicate(e))
            throw std::runtime_error("an activity of this name exists");
        throw;
    }
}

int import_school_holidays(Connection& conn, const std::string& zone,
                           const std::vector<Holiday>& holidays)
{
    auto& st = conn.prepare("INSERT IGNORE INTO school_holiday (zone, description, school_year,"
                            " first_day, last_day) VALUES (?, ?, ?, ?, ?)");
    int added = 0;
    for (const auto& h : holidays) {
        st.setString(1, zone);
        st.setString(2, h.description.substr(0, 200));
        st.setString(3, h.school_year.substr(0, 9));
        st.setString(4, h.first_day);
        st.setString(5, h.last_day);
        added += st.executeUpdate();
    }
    return added;
}

std::vector<Holiday> school_holidays(Connection& conn, const std::string& zone)
{
    auto& st =
        conn.prepare("SELECT description, DATE_FORMAT(first_day, '%Y-%m-%d') AS f,"
                     " DATE_FORMAT(last_day, '%Y-%m-%d') AS l, school_year FROM school_holiday"
                     " WHERE zone = ? ORDER BY first_day");
    st.setString(1, zone);
    auto rs = query(st);
    std::vector<Holiday> out;
    while (rs->next())
        out.push_back({rs->getString("description"), rs->getString("f"), rs->getString("l"),
                       rs->getString("school_year")});
    return out;
}

std::string holiday_zone(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare("SELECT holiday_zone FROM commune WHERE id = ?");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    return rs->next() ? std::string(rs->getString(1)) : std::string("B");
}

std::int64_t add_closure(Connection& conn, std::int64_t commune_id, const Closure& c)
{
    auto& st = conn.prepare("INSERT INTO closure (commune_id, activity_id, first_day, last_day,"
                            " reason) VALUES (?, ?, ?, ?, ?)");
    st.setInt64(1, commune_id);
    if (c.activity_id > 0)
        st.setInt64(2, c.activity_id);
    else
        st.setNull(2, sql::DataType::BIGINT);
    st.setString(3, c.first_day);
    st.setString(4, c.last_day);
    st.setString(5, c.reason);
    st.executeUpdate();
    return last_insert_id(conn);
}

bool delete_closure(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    auto& st = conn.prepare("DELETE FROM closure WHERE commune_id = ? AND id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    return st.executeUpdate() == 1;
}

std::vector<Closure> list_closures(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare(
        "SELECT c.id, IFNULL(c.activity_id, 0) AS activity_id, IFNULL(a.name, '') AS name,"
        " DATE_FORMAT(c.first_day, '%Y-%m-%d') AS f, DATE_FORMAT(c.last_day, '%Y-%m-%d') AS l,"
        " c.reason FROM closure c LEFT JOIN activity a ON a.id = c.activity_id"
        " WHERE c.commune_id = ? ORDER BY c.first_day, c.id");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    std::vector<Closure> out;
    while (rs->next())
        out.push_back({rs->getInt64("id"), rs->getInt64("activity_id"), rs->getString("name"),
                       rs->getString("f"), rs->getString("l"), rs->getString("reason")});
    return out;
}

int sync_occurrences(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                     const std::vector<std::string>& open_days, int capacity)
{
    Transaction tx(conn);
    const std::set<std::string> open(open_days.begin(), open_days.end());
    auto& existing = conn.prepare(
        "SELECT id, activity_id, DATE_FORMAT(day, '%Y-%m-%d') AS d, capacity, booked, waiting,"
        " closed FROM occurrence WHERE commune_id = ? AND activity_id = ? FOR UPDATE");
    existing.setInt64(1, commune_id);
    existing.setInt64(2, activity_id);
    auto rs = query(existing);
    std::set<std::string> have;
    auto& update = conn.prepare("UPDATE occurrence SET closed = ?, capacity = ? WHERE id = ?");
    while (rs->next()) {
        const auto o = read_occurrence(*rs);
        have.insert(o.day);
        const bool closed = !open.count(o.day);
        const int new_capacity = std::max(capacity, o.booked);
        if (closed != o.closed || new_capacity != o.capacity) {
            update.setBoolean(1, closed);
            update.setInt(2, new_capacity);
            update.setInt64(3, o.id);
            update.executeUpdate();
        }
    }
    auto& insert = conn.prepare("INSERT INTO occurrence (commune_id, activity_id, day, capacity)"
                                " VALUES (?, ?, ?, ?)");
    for (const auto& day : open) {
        if (have.count(day))
            continue;
        insert.setInt64(1, commune_id);
        insert.setInt64(2, activity_id);
        insert.setString(3, day);
        insert.setInt(4, capacity);
        insert.executeUpdate();
    }
    tx.commit();
    return static_cast<int>(open.size());
}

std::vector<Occurrence> occurrences_between(Connection& conn, std::int64_t commune_id,
                                            const std::string& first, const std::string& last)
{
    auto& st = conn.prepare(
        "SELECT o.id, o.activity_id, DATE_FORMAT(o.day, '%Y-%m-%d') AS d, o.capacity, o.booked,"
        " o.waiting, o.closed FROM occurrence o JOIN activity a ON a.id = o.activity_id"
        " WHERE o.commune_id = ? AND o.day BETWEEN ? AND ? AND a.active = 1"
        " ORDER BY o.day, a.name");
    st.setInt64(1, commune_id);
    st.setString(2, first);
    st.setString(3, last);
    auto rs = query(st);
    std::vector<Occurrence> out;
    while (rs->next())
        out.push_back(read_occurrence(*rs));
    return out;
}

std::optional<Occurrence> load_occurrence(Connection& conn, std::int64_t commune_id,
                                          std::int64_t id)
{
    auto& st =
        conn.prepare("SELECT id, activity_id, DATE_FORMAT(day, '%Y-%m-%d') AS d, capacity,"
                     " booked, waiting, closed FROM occurrence WHERE commune_id = ? AND id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_occurrence(*rs);
}

} // namespace db
