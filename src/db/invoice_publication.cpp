#include "db/invoice_publication.h"

namespace db
{

namespace
{

std::string placeholders(std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += i ? ", ?" : "?";
    return out;
}

} // namespace

std::vector<InvoiceRecipient> unpublished_invoice_recipients(Connection& conn,
                                                             std::int64_t commune_id,
                                                             std::int64_t run_id,
                                                             std::span<const std::int64_t> families)
{
    std::vector<InvoiceRecipient> out;
    if (families.empty())
        return out;
    auto& st = conn.prepare(
        "SELECT i.id, i.family_id, i.number, i.total_cents,"
        " DATE_FORMAT(i.due_on, '%Y-%m-%d') AS due, a.email"
        " FROM invoice i JOIN parent_account a ON a.commune_id = i.commune_id"
        " AND a.family_id = i.family_id AND a.confirmed_at IS NOT NULL AND a.unlinked_at IS NULL"
        " WHERE i.commune_id = ? AND i.run_id = ? AND i.published_at IS NULL"
        " AND i.family_id IN (" +
        placeholders(families.size()) + ") ORDER BY i.id, a.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, run_id);
    for (std::size_t i = 0; i < families.size(); ++i)
        st.setInt64(static_cast<int>(i) + 3, families[i]);
    auto rs = query(st);
    while (rs->next()) {
        InvoiceRecipient r;
        r.invoice_id = rs->getInt64("id");
        r.family_id = rs->getInt64("family_id");
        r.number = rs->getString("number");
        r.total_cents = rs->getInt64("total_cents");
        r.due_on = rs->getString("due");
        r.email = rs->getString("email");
        out.push_back(std::move(r));
    }
    return out;
}

void mark_invoices_published(Connection& conn, std::int64_t commune_id, std::int64_t run_id,
                             std::span<const std::int64_t> families)
{
    if (families.empty())
        return;
    auto& st = conn.prepare("UPDATE invoice SET published_at = UTC_TIMESTAMP()"
                            " WHERE commune_id = ? AND run_id = ? AND published_at IS NULL"
                            " AND family_id IN (" +
                            placeholders(families.size()) + ")");
    st.setInt64(1, commune_id);
    st.setInt64(2, run_id);
    for (std::size_t i = 0; i < families.size(); ++i)
        st.setInt64(static_cast<int>(i) + 3, families[i]);
    st.executeUpdate();
}

} // namespace db
