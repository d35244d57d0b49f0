#include "db/payments.h"

#include <charconv>
#include <cstdio>

namespace db
{

namespace
{

// The nature: the one activity billed (MIN = MAX under the column's collation is what
// COUNT(DISTINCT) = 1 said, without a temporary table per invoice), else ''.
constexpr const char* invoice_columns =
    "i.id, i.regie_id, i.number, DATE_FORMAT(i.issued_on, '%Y-%m-%d') AS issued,"
    " DATE_FORMAT(i.due_on, '%Y-%m-%d') AS due, i.total_cents, i.paid_cents, i.credited_cents,"
    " i.status, i.regie_name, IFNULL(i.payfip_numcli, '') AS numcli,"
    " (SELECT IF(MIN(l.activity_name) = MAX(l.activity_name), MIN(l.activity_name), '')"
    "  FROM invoice_line l WHERE l.invoice_id = i.id) AS nature";

// By position (invoice_columns' order): a lookup by name upper-cases the name and scans the
// columns, for every value of every row (Connector/C++ 1.1).
FamilyInvoice read_invoice(sql::ResultSet& rs)
{
    FamilyInvoice r;
    r.id = rs.getInt64(1);
    r.regie_id = rs.getInt64(2);
    r.number = rs.getString(3);
    r.issued_on = rs.getString(4);
    r.due_on = rs.getString(5);
    r.total_cents = rs.getInt64(6);
    r.paid_cents = rs.getInt64(7);
    r.credited_cents = rs.getInt64(8);
    r.status = rs.getString(9);
    r.regie_name = rs.getString(10);
    r.payfip_numcli = rs.getString(11);
    r.nature = rs.isNull(12) ? std::string() : std::string(rs.getString(12));
    if (r.nature.empty())
        r.nature = "Facture";
    return r;
}

OperationStatus status_of(const std::string& s)
{
    if (s == "paid")
        return OperationStatus::Paid;
    if (s == "refused")
        return OperationStatus::Refused;
    if (s == "abandoned")
        return OperationStatus::Abandoned;
    if (s == "error")
        return OperationStatus::Error;
    return OperationStatus::Pending;
}

constexpr const char* operation_columns =
    "o.id, o.commune_id, o.idop, o.invoice_id, o.family_id, IFNULL(o.account_id, 0) AS account,"
    " o.numcli, o.exer, o.refdet, o.amount_cents, o.email, o.status,"
    " DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s') AS created, i.number AS invoice_number";

PaymentOperation read_operation(sql::ResultSet& rs)
{
    PaymentOperation o;
    o.id = rs.getInt64("id");
    o.commune_id = rs.getInt64("commune_id");
    o.idop = rs.getString("idop");
    o.invoice_id = rs.getInt64("invoice_id");
    o.family_id = rs.getInt64("family_id");
    o.account_id = rs.getInt64("account");
    o.numcli = rs.getString("numcli");
    o.exer = rs.getInt("exer");
    o.refdet = rs.getString("refdet");
    o.amount_cents = rs.getInt64("amount_cents");
    o.email = rs.getString("email");
    o.status = status_of(rs.getString("status"));
    o.created_at = rs.getString("created");
    o.invoice_number = rs.getString("invoice_number");
    return o;
}

constexpr const char* payment_columns =
    "p.id, p.invoice_id, i.number, i.regie_name, p.means, p.amount_cents, p.numauto,"
    " IFNULL(p.idop, '') AS idop, DATE_FORMAT(p.paid_at, '%Y-%m-%d %H:%i:%s') AS paid,"
    " p.receipt_number, i.family_name, i.family_address, i.regie_address,"
    " IFNULL(i.payfip_numcli, '') AS numcli, i.commune_name";

PaymentRow read_payment(sql::ResultSet& rs)
{
    PaymentRow p;
    p.id = rs.getInt64("id");
    p.invoice_id = rs.getInt64("invoice_id");
    p.invoice_number = rs.getString("number");
    p.regie_name = rs.getString("regie_name");
    p.means = rs.getString("means");
    p.amount_cents = rs.getInt64("amount_cents");
    p.numauto = rs.getString("numauto");
    p.idop = rs.getString("idop");
    p.paid_at = rs.getString("paid");
    p.receipt_number = rs.getString("receipt_number");
    p.family_name = rs.getString("family_name");
    p.family_address = rs.getString("family_address");
    p.regie_address = rs.getString("regie_address");
    p.payfip_numcli = rs.getString("numcli");
    p.commune_name = rs.getString("commune_name");
    return p;
}

// "R2026-000042": the next number of the commune's receipt sequence for `year`.
std::string next_receipt_number(Connection& conn, std::int64_t commune_id, int year)
{
    auto& ensure = conn.prepare("INSERT IGNORE INTO receipt_sequence (commune_id, year, next_value)"
                                " VALUES (?, ?, 1)");
    ensure.setInt64(1, commune_id);
    ensure.setInt(2, year);
    ensure.executeUpdate();
    auto& lock = conn.prepare("SELECT next_value FROM receipt_sequence WHERE commune_id = ? AND"
                              " year = ? FOR UPDATE");
    lock.setInt64(1, commune_id);
    lock.setInt(2, year);
    auto rs = query(lock);
    if (!rs->next())
        throw std::runtime_error("receipt sequence missing");
    const int value = rs->getInt(1);
    auto& bump = conn.prepare("UPDATE receipt_sequence SET next_value = next_value + 1 WHERE"
                              " commune_id = ? AND year = ?");
    bump.setInt64(1, commune_id);
    bump.setInt(2, year);
    bump.executeUpdate();
    char text[40];
    std::snprintf(text, sizeof text, "R%04d-%06d", year, value);
    return text;
}

} // namespace

std::vector<FamilyInvoice> family_invoices(Connection& conn, std::int64_t commune_id,
                                           std::int64_t family_id, int offset, int limit)
{
    auto& st = conn.prepare(std::string("SELECT ") + invoice_columns +
                            " FROM invoice i WHERE i.commune_id = ? AND i.family_id = ?"
                            " ORDER BY i.issued_on DESC, i.id DESC LIMIT ? OFFSET ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt(3, limit);
    st.setInt(4, offset);
    auto rs = query(st);
    std::vector<FamilyInvoice> out;
    while (rs->next())
        out.push_back(read_invoice(*rs));
    return out;
}

FamilyInvoicePage family_invoice_page(Connection& conn, std::int64_t commune_id,
                                      std::int64_t family_id, int offset, int limit)
{
    // The window functions count and sum every invoice of the family before the LIMIT; the
    // nature is looked up for the page's invoices only, outside the derived table.
    static const std::string sql =
        "SELECT p.id, p.regie_id, p.number, p.issued, p.due, p.total_cents, p.paid_cents,"
        " p.credited_cents, p.status, p.regie_name, p.numcli,"
        " (SELECT IF(MIN(l.activity_name) = MAX(l.activity_name), MIN(l.activity_name), '')"
        " FROM invoice_line l WHERE l.invoice_id = p.id) AS nature, p.family_count,"
        " p.family_balance"
        " FROM (SELECT i.id, i.regie_id, i.number, DATE_FORMAT(i.issued_on, '%Y-%m-%d') AS issued,"
        " DATE_FORMAT(i.due_on, '%Y-%m-%d') AS due, i.total_cents, i.paid_cents,"
        " i.credited_cents, i.status, i.regie_name, IFNULL(i.payfip_numcli, '') AS numcli,"
        " i.issued_on, COUNT(*) OVER () AS family_count,"
        " SUM(IF(i.status IN ('a_payer', 'transmise'),"
        " GREATEST(i.total_cents - i.paid_cents - i.credited_cents, 0), 0)) OVER ()"
        " AS family_balance"
        " FROM invoice i WHERE i.commune_id = ? AND i.family_id = ?"
        " ORDER BY i.issued_on DESC, i.id DESC LIMIT ? OFFSET ?) p"
        " ORDER BY p.issued_on DESC, p.id DESC";
    auto& st = conn.prepare(sql);
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt(3, limit);
    st.setInt(4, offset);
    auto rs = query(st);
    FamilyInvoicePage out;
    while (rs->next()) {
        out.count = rs->getInt(13);
        out.balance = rs->getInt64(14);
        out.invoices.push_back(read_invoice(*rs));
    }
    return out;
}

Cents family_balance(Connection& conn, std::int64_t commune_id, std::int64_t family_id)
{
    auto& st = conn.prepare(
        "SELECT IFNULL(SUM(GREATEST(total_cents - paid_cents - credited_cents, 0)), 0)"
        " FROM invoice WHERE commune_id = ? AND family_id = ? AND status IN ('a_payer',"
        " 'transmise')");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    auto rs = query(st);
    return rs->next() ? rs->getInt64(1) : 0;
}

std::optional<FamilyInvoice> load_family_invoice(Connection& conn, std::int64_t commune_id,
                                                 std::int64_t family_id, std::int64_t invoice_id,
                                                 bool lock)
{
    auto& st = conn.prepare(std::string("SELECT ") + invoice_columns +
                            " FROM invoice i WHERE i.commune_id = ? AND i.family_id = ?"
                            " AND i.id = ?" +
                            (lock ? " FOR UPDATE" : ""));
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt64(3, invoice_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_invoice(*rs);
}

const char* to_string(OperationStatus status)
{
    switch (status) {
    case OperationStatus::Pending:
        return "pending";
    case OperationStatus::Paid:
        return "paid";
    case OperationStatus::Refused:
        return "refused";
    case OperationStatus::Abandoned:
        return "abandoned";
    case OperationStatus::Error:
        return "error";
    }
    return "error";
}

std::optional<PaymentOperation> live_operation(Connection& conn, std::int64_t invoice_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + operation_columns +
                            " FROM payment_operation o JOIN invoice i ON i.id = o.invoice_id"
                            " WHERE o.invoice_id = ? AND o.status = 'pending'"
                            " AND o.expires_at > UTC_TIMESTAMP() ORDER BY o.id DESC LIMIT 1");
    st.setInt64(1, invoice_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_operation(*rs);
}

std::vector<std::string> expired_pending_operations(Connection& conn, std::int64_t invoice_id)
{
    auto& st = conn.prepare("SELECT idop FROM payment_operation WHERE invoice_id = ?"
                            " AND status = 'pending' AND expires_at <= UTC_TIMESTAMP()"
                            " ORDER BY id LIMIT 5");
    st.setInt64(1, invoice_id);
    auto rs = query(st);
    std::vector<std::string> out;
    while (rs->next())
        out.push_back(rs->getString("idop"));
    return out;
}

std::int64_t insert_operation(Connection& conn, const PaymentOperation& op, int lifetime_seconds)
{
    auto& st = conn.prepare(
        "INSERT INTO payment_operation (commune_id, idop, invoice_id, family_id, account_id,"
        " numcli, exer, refdet, amount_cents, email, status, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, 'pending', UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP() + INTERVAL ? SECOND)");
    st.setInt64(1, op.commune_id);
    st.setString(2, op.idop);
    st.setInt64(3, op.invoice_id);
    st.setInt64(4, op.family_id);
    st.setInt64(5, op.account_id);
    st.setString(6, op.numcli);
    st.setInt(7, op.exer);
    st.setString(8, op.refdet);
    st.setInt64(9, op.amount_cents);
    st.setString(10, op.email);
    st.setInt(11, lifetime_seconds);
    st.executeUpdate();
    return last_insert_id(conn);
}

std::optional<PaymentOperation> find_operation(Connection& conn, std::int64_t commune_id,
                                               const std::string& idop, bool lock)
{
    auto& st = conn.prepare(std::string("SELECT ") + operation_columns +
                            " FROM payment_operation o JOIN invoice i ON i.id = o.invoice_id"
                            " WHERE o.commune_id = ? AND o.idop = ?" +
                            (lock ? " FOR UPDATE" : ""));
    st.setInt64(1, commune_id);
    st.setString(2, idop);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_operation(*rs);
}

std::optional<PaymentOperation> family_operation(Connection& conn, std::int64_t commune_id,
                                                 std::int64_t family_id, const std::string& idop)
{
    auto op = find_operation(conn, commune_id, idop);
    if (!op || op->family_id != family_id)
        return std::nullopt;
    return op;
}

void note_check(Connection& conn, std::int64_t operation_id, const std::string& detail)
{
    auto& st = conn.prepare("UPDATE payment_operation SET last_checked_at = UTC_TIMESTAMP(),"
                            " checks = checks + 1, detail = LEFT(?, 500) WHERE id = ?");
    st.setString(1, detail);
    st.setInt64(2, operation_id);
    st.executeUpdate();
}

bool settle_operation(Connection& conn, std::int64_t operation_id, const OperationResult& r)
{
    auto& st = conn.prepare(
        "UPDATE payment_operation SET status = ?, settled_at = UTC_TIMESTAMP(),"
        " last_checked_at = UTC_TIMESTAMP(), checks = checks + 1, resultrans = NULLIF(?, ''),"
        " numauto = ?, dattrans = ?, heurtrans = ?, reported_cents = ?, detail = LEFT(?, 500)"
        " WHERE id = ? AND status = 'pending'");
    st.setString(1, to_string(r.status));
    st.setString(2, r.resultrans ? std::string(1, r.resultrans) : std::string());
    st.setString(3, r.numauto.substr(0, 20));
    st.setString(4, r.dattrans.substr(0, 8));
    st.setString(5, r.heurtrans.substr(0, 4));
    if (r.reported_cents)
        st.setInt64(6, *r.reported_cents);
    else
        st.setNull(6, sql::DataType::BIGINT);
    st.setString(7, r.detail);
    st.setInt64(8, operation_id);
    return st.executeUpdate() == 1;
}

std::vector<PendingOperation> pending_operations(Connection& conn, int min_age_seconds,
                                                 int max_age_seconds, int limit)
{
    auto& st = conn.prepare("SELECT commune_id, idop FROM payment_operation"
                            " WHERE status = 'pending'"
                            " AND created_at <= UTC_TIMESTAMP() - INTERVAL ? SECOND"
                            " AND created_at >= UTC_TIMESTAMP() - INTERVAL ? SECOND"
                            " ORDER BY created_at LIMIT ?");
    st.setInt(1, min_age_seconds);
    st.setInt(2, max_age_seconds);
    st.setInt(3, limit);
    auto rs = query(st);
    std::vector<PendingOperation> out;
    while (rs->next())
        out.push_back({rs->getInt64("commune_id"), rs->getString("idop")});
    return out;
}

std::int64_t insert_payment(Connection& conn, std::int64_t commune_id, const NewPayment& p)
{
    int year = 0;
    if (p.paid_at.size() < 4 ||
        std::from_chars(p.paid_at.data(), p.paid_at.data() + 4, year).ec != std::errc{})
        throw std::invalid_argument("payment date: " + p.paid_at);
    const auto receipt = next_receipt_number(conn, commune_id, year);
    auto& st = conn.prepare(
        "INSERT INTO payment (commune_id, invoice_id, family_id, regie_id, operation_id, idop,"
        " means, amount_cents, numauto, paid_at, receipt_number, created_at)"
        " VALUES (?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, ''), ?, ?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setInt64(2, p.invoice_id);
    st.setInt64(3, p.family_id);
    st.setInt64(4, p.regie_id);
    st.setInt64(5, p.operation_id);
    st.setString(6, p.idop);
    st.setString(7, p.means);
    st.setInt64(8, p.amount_cents);
    st.setString(9, p.numauto.substr(0, 20));
    st.setString(10, p.paid_at);
    st.setString(11, receipt);
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (is_duplicate(e))
            return 0;
        throw;
    }
    const auto id = last_insert_id(conn);
    auto& inv = conn.prepare(
        "UPDATE invoice SET paid_cents = paid_cents + ?,"
        " status = IF(status = 'a_payer' AND total_cents - paid_cents - credited_cents <= 0,"
        " 'payee', status) WHERE id = ? AND commune_id = ?");
    // MariaDB evaluates SET assignments left to right: paid_cents is already the new value.
    inv.setInt64(1, p.amount_cents);
    inv.setInt64(2, p.invoice_id);
    inv.setInt64(3, commune_id);
    inv.executeUpdate();
    return id;
}

void mark_receipt_mailed(Connection& conn, std::int64_t payment_id)
{
    auto& st = conn.prepare("UPDATE payment SET receipt_mailed_at = UTC_TIMESTAMP() WHERE id = ?");
    st.setInt64(1, payment_id);
    st.executeUpdate();
}

std::vector<PaymentRow> family_payments(Connection& conn, std::int64_t commune_id,
                                        std::int64_t family_id, int limit)
{
    auto& st = conn.prepare(std::string("SELECT ") + payment_columns +
                            " FROM payment p JOIN invoice i ON i.id = p.invoice_id"
                            " WHERE p.commune_id = ? AND p.family_id = ?"
                            " ORDER BY p.paid_at DESC, p.id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt(3, limit);
    auto rs = query(st);
    std::vector<PaymentRow> out;
    while (rs->next())
        out.push_back(read_payment(*rs));
    return out;
}

std::optional<PaymentRow> family_payment(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id, std::int64_t payment_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + payment_columns +
                            " FROM payment p JOIN invoice i ON i.id = p.invoice_id"
                            " WHERE p.commune_id = ? AND p.family_id = ? AND p.id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt64(3, payment_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_payment(*rs);
}

std::optional<PaymentRow> payment_by_idop(Connection& conn, std::int64_t commune_id,
                                          const std::string& idop)
{
    auto& st = conn.prepare(std::string("SELECT ") + payment_columns +
                            " FROM payment p JOIN invoice i ON i.id = p.invoice_id"
                            " WHERE p.commune_id = ? AND p.idop = ?");
    st.setInt64(1, commune_id);
    st.setString(2, idop);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_payment(*rs);
}

std::vector<PaymentRow> invoice_payments(Connection& conn, std::int64_t commune_id,
                                         std::int64_t invoice_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + payment_columns +
                            " FROM payment p JOIN invoice i ON i.id = p.invoice_id"
                            " WHERE p.commune_id = ? AND p.invoice_id = ?"
                            " ORDER BY p.paid_at, p.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, invoice_id);
    auto rs = query(st);
    std::vector<PaymentRow> out;
    while (rs->next())
        out.push_back(read_payment(*rs));
    return out;
}

std::optional<PaymentRow> commune_payment(Connection& conn, std::int64_t commune_id,
                                          std::int64_t payment_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + payment_columns +
                            " FROM payment p JOIN invoice i ON i.id = p.invoice_id"
                            " WHERE p.commune_id = ? AND p.id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, payment_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_payment(*rs);
}

namespace
{

// Every payment: through PayFiP (card 'P', debit 'V', with their operation when they had one)
// or recorded at the régie's counter (cash, cheque…).
constexpr const char* paid_branch =
    "SELECT 'paid' AS state, DATE_FORMAT(p.paid_at, '%Y-%m-%d %H:%i:%s') AS at, p.id AS k,"
    " i.regie_id, i.regie_name, p.family_id, i.family_name, i.family_number, p.invoice_id,"
    " i.number, p.amount_cents, p.means, IFNULL(p.idop, '') AS idop,"
    " IFNULL(o.refdet, '') AS refdet, p.numauto, p.receipt_number"
    " FROM payment p JOIN invoice i ON i.id = p.invoice_id AND i.commune_id = p.commune_id"
    " LEFT JOIN payment_operation o ON o.id = p.operation_id"
    " WHERE p.commune_id = ?"
    " AND p.paid_at >= ? AND p.paid_at < ? AND (? = 0 OR i.regie_id = ?)"
    " AND (? = '' OR p.means = ?) AND (? = '' OR ? = 'paid')";

// Operations that did not end in a payment; the means is known only from a refusal
// (R: card refused, Z: debit refused).
constexpr const char* other_branch =
    "SELECT o.status, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s'), o.id, i.regie_id,"
    " i.regie_name, o.family_id, i.family_name, i.family_number, o.invoice_id, i.number,"
    " o.amount_cents, CASE o.resultrans WHEN 'R' THEN 'carte' WHEN 'Z' THEN 'prelevement'"
    " ELSE '' END, o.idop, o.refdet, o.numauto, ''"
    " FROM payment_operation o JOIN invoice i ON i.id = o.invoice_id"
    " AND i.commune_id = o.commune_id"
    " WHERE o.commune_id = ? AND o.status <> 'paid'"
    " AND o.created_at >= ? AND o.created_at < ? AND (? = 0 OR i.regie_id = ?)"
    " AND (? = '' OR ? = CASE o.resultrans WHEN 'R' THEN 'carte' WHEN 'Z' THEN 'prelevement'"
    " ELSE '' END) AND (? = '' OR o.status = ?)";

// Binds the nine parameters of a branch from `first`.
void bind_branch(sql::PreparedStatement& st, int first, std::int64_t commune_id,
                 const OnlinePaymentFilter& f)
{
    st.setInt64(first, commune_id);
    st.setString(first + 1, f.from_utc);
    st.setString(first + 2, f.until_utc);
    st.setInt64(first + 3, f.regie_id);
    st.setInt64(first + 4, f.regie_id);
    st.setString(first + 5, f.means);
    st.setString(first + 6, f.means);
    st.setString(first + 7, f.state);
    st.setString(first + 8, f.state);
}

} // namespace

std::vector<OnlinePaymentRow> online_payments(Connection& conn, std::int64_t commune_id,
                                              const OnlinePaymentFilter& filter)
{
    auto& st = conn.prepare(std::string("SELECT * FROM (") + paid_branch + " UNION ALL " +
                            other_branch + ") x ORDER BY x.at DESC, x.k DESC LIMIT ?");
    bind_branch(st, 1, commune_id, filter);
    bind_branch(st, 10, commune_id, filter);
    st.setInt(19, filter.limit);
    auto rs = query(st);
    std::vector<OnlinePaymentRow> out;
    while (rs->next()) {
        OnlinePaymentRow r;
        r.state = rs->getString(1);
        r.at = rs->getString(2);
        r.regie_id = rs->getInt64(4);
        r.regie_name = rs->getString(5);
        r.family_id = rs->getInt64(6);
        r.family_name = rs->getString(7);
        r.family_number = rs->getInt(8);
        r.invoice_id = rs->getInt64(9);
        r.invoice_number = rs->getString(10);
        r.amount_cents = rs->getInt64(11);
        r.means = rs->getString(12);
        r.idop = rs->getString(13);
        r.refdet = rs->getString(14);
        r.numauto = rs->getString(15);
        r.receipt_number = rs->getString(16);
        out.push_back(std::move(r));
    }
    return out;
}

OnlinePaymentTotals online_payment_totals(Connection& conn, std::int64_t commune_id,
                                          const OnlinePaymentFilter& filter)
{
    auto& st = conn.prepare(std::string("SELECT COUNT(*), IFNULL(SUM(x.amount_cents), 0) FROM (") +
                            paid_branch + ") x");
    bind_branch(st, 1, commune_id, filter);
    auto rs = query(st);
    OnlinePaymentTotals t;
    if (rs->next()) {
        t.count = rs->getInt(1);
        t.cents = rs->getInt64(2);
    }
    return t;
}

std::optional<Commune> load_commune(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare("SELECT id, slug, name, base_url, mail_from FROM commune WHERE id = ?");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return Commune{rs->getInt64("id"), rs->getString("slug"), rs->getString("name"),
                   rs->getString("base_url"), rs->getString("mail_from")};
}

std::optional<FamilySnapshot> family_by_name(Connection& conn, std::int64_t commune_id,
                                             const std::string& name)
{
    auto& st = conn.prepare(
        "SELECT id, number, name, CONCAT_WS('\\n', NULLIF(address_line1, ''),"
        " NULLIF(address_line2, ''), NULLIF(TRIM(CONCAT(postal_code, ' ', city)), '')) AS address"
        " FROM family WHERE commune_id = ? AND name = ? ORDER BY id LIMIT 1");
    st.setInt64(1, commune_id);
    st.setString(2, name);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return FamilySnapshot{rs->getInt64("id"), rs->getInt("number"), rs->getString("name"),
                          rs->isNull("address") ? std::string()
                                                : std::string(rs->getString("address"))};
}

std::optional<std::int64_t> regie_id_by_name(Connection& conn, std::int64_t commune_id,
                                             const std::string& name)
{
    auto& st = conn.prepare("SELECT id FROM regie WHERE commune_id = ? AND name = ?");
    st.setInt64(1, commune_id);
    st.setString(2, name);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return rs->getInt64(1);
}

bool invoice_number_taken(Connection& conn, std::int64_t regie_id, const std::string& number)
{
    auto& st = conn.prepare("SELECT 1 FROM invoice WHERE regie_id = ? AND number = ?");
    st.setInt64(1, regie_id);
    st.setString(2, number);
    return query(st)->next();
}

std::int64_t insert_historic_invoice(Connection& conn, std::int64_t commune_id,
                                     const HistoricInvoice& inv)
{
    auto& st = conn.prepare(
        "INSERT INTO invoice (commune_id, regie_id, family_id, number, seq_year, seq_value,"
        " month, issued_on, due_on, total_cents, paid_cents, status, family_name,"
        " family_address, family_number, regie_name, regie_address, regie_office,"
        " payfip_numcli, commune_name, published_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, LEFT(?, 7), ?, ?, ?, 0, 'a_payer', ?, ?, ?, ?, ?, ?,"
        " NULLIF(?, ''), ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setInt64(2, inv.regie_id);
    st.setInt64(3, inv.family_id);
    st.setString(4, inv.number);
    st.setInt(5, inv.seq_year);
    st.setInt(6, inv.seq_value);
    st.setString(7, inv.issued_on);
    st.setString(8, inv.issued_on);
    st.setString(9, inv.due_on);
    st.setInt64(10, inv.total_cents);
    st.setString(11, inv.family_name);
    st.setString(12, inv.family_address);
    st.setInt(13, inv.family_number);
    st.setString(14, inv.regie_name);
    st.setString(15, inv.regie_address);
    st.setString(16, inv.regie_office);
    st.setString(17, inv.payfip_numcli);
    st.setString(18, inv.commune_name);
    st.executeUpdate();
    const auto id = last_insert_id(conn);
    auto& line = conn.prepare(
        "INSERT INTO invoice_line (invoice_id, commune_id, source_kind, source_id, child_id,"
        " day, activity_name, child_name, quantity, unit_cents, amount_cents, pricing, label)"
        " VALUES (?, ?, 'manual', NULL, NULL, ?, ?, ?, 1, ?, ?, 'manual', ?)");
    line.setInt64(1, id);
    line.setInt64(2, commune_id);
    line.setString(3, inv.issued_on);
    line.setString(4, inv.activity_name);
    line.setString(5, inv.child_name);
    line.setInt64(6, inv.total_cents);
    line.setInt64(7, inv.total_cents);
    line.setString(8, inv.activity_name);
    line.executeUpdate();
    if (inv.paid_cents > 0) {
        NewPayment p;
        p.invoice_id = id;
        p.family_id = inv.family_id;
        p.regie_id = inv.regie_id;
        p.means = "carte";
        p.amount_cents = inv.paid_cents;
        p.paid_at = inv.issued_on + " 18:30:00";
        insert_payment(conn, commune_id, p);
    } else if (inv.status != "a_payer") {
        auto& status = conn.prepare("UPDATE invoice SET status = ? WHERE id = ?");
        status.setString(1, inv.status);
        status.setInt64(2, id);
        status.executeUpdate();
    }
    return id;
}

} // namespace db
