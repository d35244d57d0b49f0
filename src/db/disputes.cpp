#include "db/disputes.h"

namespace db
{

namespace
{

const std::string select_disputes =
    "SELECT d.id, d.family_id, i.family_name, i.family_number, i.id AS invoice_id,"
    " i.number AS invoice_number, i.regie_id, l.id AS line_id,"
    " IFNULL(DATE_FORMAT(l.day, '%Y-%m-%d'), '') AS line_day, l.activity_name, l.child_name,"
    " l.label, l.amount_cents, d.comment,"
    " DATE_FORMAT(d.created_at, '%Y-%m-%d %H:%i:%s') AS created,"
    " d.status, d.answer, IFNULL(DATE_FORMAT(d.answered_at, '%Y-%m-%d %H:%i:%s'), '') AS answered,"
    " IFNULL(c.number, '') AS credit_number"
    " FROM dispute d JOIN invoice_line l ON l.id = d.invoice_line_id"
    " JOIN invoice i ON i.id = l.invoice_id AND i.commune_id = d.commune_id"
    " LEFT JOIN credit_note c ON c.id = d.credit_note_id"
    " WHERE d.commune_id = ?";

std::vector<DisputeRow> read_rows(sql::PreparedStatement& st)
{
    auto rs = query(st);
    std::vector<DisputeRow> out;
    while (rs->next()) {
        DisputeRow r;
        r.id = rs->getInt64("id");
        r.family_id = rs->getInt64("family_id");
        r.family_name = rs->getString("family_name");
        r.family_number = rs->getInt("family_number");
        r.invoice_id = rs->getInt64("invoice_id");
        r.invoice_number = rs->getString("invoice_number");
        r.regie_id = rs->getInt64("regie_id");
        r.line_id = rs->getInt64("line_id");
        r.line_day = rs->getString("line_day");
        r.line_activity = rs->getString("activity_name");
        r.line_child = rs->getString("child_name");
        r.line_label = rs->getString("label");
        r.line_amount_cents = rs->getInt64("amount_cents");
        r.comment = rs->getString("comment");
        r.created_at = rs->getString("created");
        r.status = rs->getString("status");
        r.answer = rs->getString("answer");
        r.answered_at = rs->getString("answered");
        r.credit_note_number = rs->getString("credit_number");
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

bool lock_family_line(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                      std::int64_t invoice_id, std::int64_t line_id)
{
    auto& st = conn.prepare("SELECT l.id FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id"
                            " WHERE l.id = ? AND l.invoice_id = ? AND i.commune_id = ?"
                            " AND i.family_id = ? FOR UPDATE");
    st.setInt64(1, line_id);
    st.setInt64(2, invoice_id);
    st.setInt64(3, commune_id);
    st.setInt64(4, family_id);
    return query(st)->next();
}

bool has_open_dispute(Connection& conn, std::int64_t commune_id, std::int64_t line_id)
{
    auto& st = conn.prepare("SELECT id FROM dispute WHERE commune_id = ? AND invoice_line_id = ?"
                            " AND status = 'open' LIMIT 1");
    st.setInt64(1, commune_id);
    st.setInt64(2, line_id);
    return query(st)->next();
}

std::int64_t insert_dispute(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                            std::int64_t line_id, const std::string& comment,
                            std::int64_t account_id)
{
    auto& st = conn.prepare("INSERT INTO dispute (commune_id, family_id, invoice_line_id, comment,"
                            " account_id, created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt64(3, line_id);
    st.setString(4, comment);
    st.setInt64(5, account_id);
    st.executeUpdate();
    return last_insert_id(conn);
}

std::vector<DisputeRow> invoice_disputes(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id, std::int64_t invoice_id)
{
    auto& st = conn.prepare(select_disputes +
                            " AND d.family_id = ? AND i.family_id = ? AND i.id = ? ORDER BY d.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt64(3, family_id);
    st.setInt64(4, invoice_id);
    return read_rows(st);
}

std::vector<DisputeRow> list_disputes(Connection& conn, std::int64_t commune_id,
                                      const std::string& invoice_number, int limit)
{
    auto& st =
        conn.prepare(select_disputes + " AND (? = '' OR i.number = ?) ORDER BY d.status <> 'open',"
                                       " CASE WHEN d.status = 'open' THEN d.id END,"
                                       " d.answered_at DESC, d.id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setString(2, invoice_number);
    st.setString(3, invoice_number);
    st.setInt(4, limit);
    return read_rows(st);
}

std::vector<DisputeRow> disputes_of_invoice(Connection& conn, std::int64_t commune_id,
                                            std::int64_t invoice_id)
{
    auto& st = conn.prepare(select_disputes + " AND i.id = ? ORDER BY d.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, invoice_id);
    return read_rows(st);
}

std::optional<DisputeRow> load_dispute(Connection& conn, std::int64_t commune_id, std::int64_t id,
                                       bool lock)
{
    auto& st = conn.prepare(select_disputes + " AND d.id = ?" + (lock ? " FOR UPDATE" : ""));
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rows = read_rows(st);
    if (rows.empty())
        return std::nullopt;
    return std::move(rows.front());
}

bool answer_dispute(Connection& conn, std::int64_t commune_id, std::int64_t id,
                    const std::string& status, const std::string& answer, std::int64_t agent_id)
{
    auto& st = conn.prepare("UPDATE dispute SET status = ?, answer = ?, answered_by = ?,"
                            " answered_at = UTC_TIMESTAMP() WHERE id = ? AND commune_id = ?"
                            " AND status = 'open'");
    st.setString(1, status);
    st.setString(2, answer);
    st.setInt64(3, agent_id);
    st.setInt64(4, id);
    st.setInt64(5, commune_id);
    return st.executeUpdate() == 1;
}

bool link_credit_note(Connection& conn, std::int64_t commune_id, std::int64_t id,
                      std::int64_t credit_note_id)
{
    auto& st = conn.prepare("UPDATE dispute SET credit_note_id = ? WHERE id = ? AND commune_id = ?"
                            " AND status = 'granted' AND credit_note_id IS NULL");
    st.setInt64(1, credit_note_id);
    st.setInt64(2, id);
    st.setInt64(3, commune_id);
    return st.executeUpdate() == 1;
}

} // namespace db
