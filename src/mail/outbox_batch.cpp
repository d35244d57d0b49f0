#include "mail/outbox_batch.h"

#include "mail/mime.h"

#include <stdexcept>
#include <vector>

namespace mail
{

namespace
{

// Rows per statement: a few hundred KiB of bodies at most, far below max_allowed_packet.
constexpr std::size_t rows_per_statement = 64;

} // namespace

std::size_t enqueue_batch(db::Connection& conn, std::int64_t commune_id,
                          const std::string& from_address, const std::string& from_name,
                          std::span<const Message> messages)
{
    if (!valid_address(from_address))
        throw std::invalid_argument("invalid sender address");
    std::vector<const Message*> valid;
    valid.reserve(messages.size());
    for (const auto& m : messages)
        if (valid_address(m.to))
            valid.push_back(&m);
    std::size_t done = 0;
    while (done < valid.size()) {
        // Power-of-two statement sizes: few statement shapes prepared per connection.
        std::size_t n = rows_per_statement;
        while (n > valid.size() - done)
            n /= 2;
        std::string sql = "INSERT INTO mail_outbox (commune_id, mail_from, from_name, recipient,"
                          " subject, body_text, body_html, created_at, next_attempt_at) VALUES";
        for (std::size_t i = 0; i < n; ++i)
            sql += std::string(i ? "," : "") +
                   " (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())";
        auto& st = conn.prepare(sql);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& m = *valid[done + i];
            const int p = static_cast<int>(i) * 7 + 1;
            st.setInt64(p, commune_id);
            st.setString(p + 1, from_address);
            st.setString(p + 2, from_name);
            st.setString(p + 3, m.to);
            st.setString(p + 4, m.subject);
            st.setString(p + 5, m.text);
            st.setString(p + 6, m.html);
        }
        st.executeUpdate();
        done += n;
    }
    return valid.size();
}

} // namespace mail
