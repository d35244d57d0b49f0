#include "db/billing_exports.h"

namespace db
{

std::vector<InvoiceExportRow> export_invoices(Connection& conn, std::int64_t commune_id,
                                              const ExportFilter& filter)
{
    auto& st = conn.prepare(
        "SELECT number, DATE_FORMAT(issued_on, '%Y-%m-%d') AS io,"
        " DATE_FORMAT(due_on, '%Y-%m-%d') AS du, month, regie_name, family_number, family_name,"
        " total_cents, paid_cents, credited_cents, status"
        " FROM invoice WHERE commune_id = ? AND (? = 0 OR regie_id = ?)"
        " AND issued_on BETWEEN ? AND ? ORDER BY regie_name, regie_id, seq_year, seq_value, id");
    st.setInt64(1, commune_id);
    st.setInt64(2, filter.regie_id);
    st.setInt64(3, filter.regie_id);
    st.setString(4, filter.from);
    st.setString(5, filter.until);
    auto rs = query(st);
    std::vector<InvoiceExportRow> out;
    while (rs->next()) {
        InvoiceExportRow r;
        r.number = rs->getString("number");
        r.issued_on = rs->getString("io");
        r.due_on = rs->getString("du");
        r.month = rs->getString("month");
        r.regie_name = rs->getString("regie_name");
        r.family_number = rs->getInt("family_number");
        r.family_name = rs->getString("family_name");
        r.total_cents = rs->getInt64("total_cents");
        r.paid_cents = rs->getInt64("paid_cents");
        r.credited_cents = rs->getInt64("credited_cents");
        r.status = rs->getString("status");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<PaymentExportRow> export_payments(Connection& conn, std::int64_t commune_id,
                                              const ExportFilter& filter)
{
    auto& st = conn.prepare(
        "SELECT DATE_FORMAT(p.paid_at, '%Y-%m-%d %H:%i:%s') AS paid, p.receipt_number,"
        " i.regie_name, i.family_number, i.family_name, i.number, p.means, p.amount_cents,"
        " p.numauto, IFNULL(p.idop, '') AS idop"
        " FROM payment p JOIN invoice i ON i.id = p.invoice_id AND i.commune_id = p.commune_id"
        " WHERE p.commune_id = ? AND (? = 0 OR i.regie_id = ?) AND p.paid_at >= ?"
        " AND p.paid_at < ? ORDER BY p.paid_at, p.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, filter.regie_id);
    st.setInt64(3, filter.regie_id);
    st.setString(4, filter.from);
    st.setString(5, filter.until);
    auto rs = query(st);
    std::vector<PaymentExportRow> out;
    while (rs->next()) {
        PaymentExportRow r;
        r.paid_at = rs->getString("paid");
        r.receipt_number = rs->getString("receipt_number");
        r.regie_name = rs->getString("regie_name");
        r.family_number = rs->getInt("family_number");
        r.family_name = rs->getString("family_name");
        r.invoice_number = rs->getString("number");
        r.means = rs->getString("means");
        r.amount_cents = rs->getInt64("amount_cents");
        r.reference = rs->getString("numauto");
        r.idop = rs->getString("idop");
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace db
