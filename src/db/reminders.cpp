#include "db/reminders.h"

#include <map>

namespace db
{

std::vector<Commune> all_communes(Connection& conn)
{
    auto& st = conn.prepare("SELECT id, slug, name, base_url, mail_from FROM commune ORDER BY id");
    auto rs = query(st);
    std::vector<Commune> out;
    while (rs->next())
        out.push_back({rs->getInt64("id"), rs->getString("slug"), rs->getString("name"),
                       rs->getString("base_url"), rs->getString("mail_from")});
    return out;
}

std::vector<ReminderTarget> reminder_targets(Connection& conn, std::int64_t commune_id,
                                             std::int64_t activity_id,
                                             const std::string& week_start,
                                             const std::string& week_end)
{
    auto& st = conn.prepare(
        "SELECT f.id AS family_id,"
        " (SELECT GROUP_CONCAT(DISTINCT m.first_name ORDER BY m.birth_date SEPARATOR ', ')"
        "   FROM family_member m WHERE m.family_id = f.id AND m.role = 'child'"
        "   AND m.removed_at IS NULL) AS children, a.email"
        " FROM family f JOIN parent_account a ON a.family_id = f.id"
        "   AND a.confirmed_at IS NOT NULL AND a.unlinked_at IS NULL"
        " WHERE f.commune_id = ? AND f.archived_at IS NULL AND f.reminders_opt_out = 0"
        " AND EXISTS (SELECT 1 FROM booking b JOIN occurrence o ON o.id = b.occurrence_id"
        "   WHERE b.family_id = f.id AND o.activity_id = ? AND b.status = 'booked'"
        "   AND o.day >= ? - INTERVAL 8 WEEK AND o.day < ?)"
        " AND NOT EXISTS (SELECT 1 FROM booking b JOIN occurrence o ON o.id = b.occurrence_id"
        "   WHERE b.family_id = f.id AND o.activity_id = ?"
        "   AND b.status IN ('booked', 'waiting', 'requested') AND o.day BETWEEN ? AND ?)"
        " AND NOT EXISTS (SELECT 1 FROM reminder_sent r WHERE r.activity_id = ?"
        "   AND r.week_start = ? AND r.family_id = f.id)"
        " ORDER BY f.id, a.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, activity_id);
    st.setString(3, week_start);
    st.setString(4, week_start);
    st.setInt64(5, activity_id);
    st.setString(6, week_start);
    st.setString(7, week_end);
    st.setInt64(8, activity_id);
    st.setString(9, week_start);
    auto rs = query(st);
    std::vector<ReminderTarget> out;
    while (rs->next()) {
        const auto family_id = rs->getInt64("family_id");
        if (out.empty() || out.back().family_id != family_id)
            out.push_back({family_id, rs->getString("children"), {}});
        out.back().emails.push_back(rs->getString("email"));
    }
    return out;
}

bool mark_reminder_sent(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                        const std::string& week_start, std::int64_t family_id)
{
    auto& st = conn.prepare("INSERT IGNORE INTO reminder_sent (activity_id, week_start, family_id,"
                            " commune_id, sent_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, activity_id);
    st.setString(2, week_start);
    st.setInt64(3, family_id);
    st.setInt64(4, commune_id);
    return st.executeUpdate() == 1;
}

void set_reminders_opt_out(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                           bool opt_out)
{
    auto& st =
        conn.prepare("UPDATE family SET reminders_opt_out = ? WHERE commune_id = ? AND id = ?");
    st.setBoolean(1, opt_out);
    st.setInt64(2, commune_id);
    st.setInt64(3, family_id);
    st.executeUpdate();
}

bool reminders_opt_out(Connection& conn, std::int64_t commune_id, std::int64_t family_id)
{
    auto& st = conn.prepare("SELECT reminders_opt_out FROM family WHERE commune_id = ? AND id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    auto rs = query(st);
    return rs->next() && rs->getBoolean(1);
}

} // namespace db
