#include "db/communes.h"

#include <stdexcept>

namespace db {

namespace {
Commune read_commune(sql::ResultSet& rs)
{
    Commune c;
    c.id = rs.getInt64("id");
    c.slug = rs.getString("slug");
    c.name = rs.getString("name");
    c.base_url = rs.getString("base_url");
    c.mail_from = rs.getString("mail_from");
    return c;
}
} // namespace

std::optional<Commune> find_commune_by_host(Connection& conn, const std::string& host)
{
    auto& st = conn.prepare("SELECT c.id, c.slug, c.name, c.base_url, c.mail_from"
                            " FROM commune_host h JOIN commune c ON c.id = h.commune_id"
                            " WHERE h.host = ?");
    st.setString(1, host);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_commune(*rs);
}

std::optional<Commune> find_commune_by_slug(Connection& conn, const std::string& slug)
{
    auto& st = conn.prepare(
        "SELECT id, slug, name, base_url, mail_from FROM commune WHERE slug = ?");
    st.setString(1, slug);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_commune(*rs);
}

std::int64_t create_commune(Connection& conn, const Commune& commune,
                            const std::vector<std::string>& hosts)
{
    Transaction tx(conn);
    try {
        auto& st = conn.prepare(
            "INSERT INTO commune (slug, name, base_url, mail_from) VALUES (?, ?, ?, ?)");
        st.setString(1, commune.slug);
        st.setString(2, commune.name);
        st.setString(3, commune.base_url);
        st.setString(4, commune.mail_from);
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (is_duplicate(e))
            throw std::runtime_error("a commune with slug '" + commune.slug + "' exists");
        throw;
    }
    const auto id = last_insert_id(conn);
    add_commune_hosts(conn, id, hosts);
    tx.commit();
    return id;
}

void add_commune_hosts(Connection& conn, std::int64_t commune_id,
                       const std::vector<std::string>& hosts)
{
    for (const auto& host : hosts) {
        auto& find = conn.prepare("SELECT commune_id FROM commune_host WHERE host = ?");
        find.setString(1, host);
        auto rs = query(find);
        if (rs->next()) {
            if (rs->getInt64(1) != commune_id)
                throw std::runtime_error("host '" + host + "' belongs to another commune");
            continue;
        }
        auto& st = conn.prepare("INSERT INTO commune_host (host, commune_id) VALUES (?, ?)");
        st.setString(1, host);
        st.setInt64(2, commune_id);
        st.executeUpdate();
    }
}

} // namespace db
