#include "db/accounts.h"

#include "security/tokens.h"

#include <stdexcept>

namespace db {

namespace {
constexpr const char* account_select =
    "SELECT a.id, a.commune_id, a.family_id, a.guardian_id, a.email, a.password_hash,"
    " a.confirmed_at IS NOT NULL AS confirmed, m.first_name, m.last_name"
    " FROM parent_account a JOIN family_member m ON m.id = a.guardian_id"
    " WHERE a.unlinked_at IS NULL AND a.commune_id = ? ";

ParentAccount read_account(sql::ResultSet& rs)
{
    ParentAccount a;
    a.id = rs.getInt64("id");
    a.commune_id = rs.getInt64("commune_id");
    a.family_id = rs.getInt64("family_id");
    a.guardian_id = rs.getInt64("guardian_id");
    a.email = rs.getString("email");
    a.password_hash = rs.getString("password_hash");
    a.confirmed = rs.getBoolean("confirmed");
    a.first_name = rs.getString("first_name");
    a.last_name = rs.getString("last_name");
    return a;
}

const char* purpose_name(TokenPurpose p)
{
    switch (p) {
    case TokenPurpose::Confirm: return "confirm";
    case TokenPurpose::Reset: return "reset";
    case TokenPurpose::EmailChange: return "email_change";
    }
    return "confirm";
}

} // namespace

std::optional<ParentAccount> find_account_by_email(Connection& conn, std::int64_t commune_id,
                                                   const std::string& email)
{
    auto& st = conn.prepare(std::string(account_select) + "AND a.email = ?");
    st.setInt64(1, commune_id);
    st.setString(2, email);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_account(*rs);
}

std::optional<ParentAccount> find_account(Connection& conn, std::int64_t commune_id,
                                          std::int64_t id)
{
    auto& st = conn.prepare(std::string(account_select) + "AND a.id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_account(*rs);
}

std::optional<CodeFamily> find_family_by_code(Connection& conn, std::int64_t commune_id,
                                              const std::string& canonical_code)
{
    auto& st = conn.prepare(
        "SELECT c.family_id FROM subscriber_code c JOIN family f ON f.id = c.family_id"
        " WHERE c.code_hash = ? AND c.commune_id = ? AND c.revoked_at IS NULL"
        " AND c.expires_at > UTC_TIMESTAMP() AND f.archived_at IS NULL");
    st.setString(1, security::sha256(canonical_code));
    st.setInt64(2, commune_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    CodeFamily out;
    out.family_id = rs->getInt64(1);
    auto& g = conn.prepare(
        "SELECT m.id, m.last_name, m.first_name, a.id IS NOT NULL AS has_account"
        " FROM family_member m LEFT JOIN parent_account a ON a.guardian_id = m.id"
        " WHERE m.commune_id = ? AND m.family_id = ? AND m.role = 'guardian'");
    g.setInt64(1, commune_id);
    g.setInt64(2, out.family_id);
    auto grs = query(g);
    while (grs->next())
        out.guardians.push_back({grs->getInt64(1), grs->getString(2), grs->getString(3),
                                 grs->getBoolean(4)});
    return out;
}

std::int64_t create_account(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                            std::int64_t guardian_id, const std::string& email,
                            const std::string& password_hash)
{
    try {
        auto& st = conn.prepare("INSERT INTO parent_account (commune_id, family_id, guardian_id,"
                                " email, password_hash) VALUES (?, ?, ?, ?, ?)");
        st.setInt64(1, commune_id);
        st.setInt64(2, family_id);
        st.setInt64(3, guardian_id);
        st.setString(4, email);
        st.setString(5, password_hash);
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (is_duplicate(e))
            throw std::runtime_error("duplicate");
        throw;
    }
    return last_insert_id(conn);
}

std::string create_token(Connection& conn, std::int64_t commune_id, std::int64_t account_id,
                         TokenPurpose purpose, int minutes, const std::string& new_email)
{
    const auto token = security::random_token();
    auto& st = conn.prepare(
        "INSERT INTO account_token (commune_id, account_id, purpose, token_hash, new_email,"
        " created_at, expires_at)"
        " VALUES (?, ?, ?, ?, NULLIF(?, ''), UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? MINUTE)");
    st.setInt64(1, commune_id);
    st.setInt64(2, account_id);
    st.setString(3, purpose_name(purpose));
    st.setString(4, security::sha256(token));
    st.setString(5, new_email);
    st.setInt(6, minutes);
    st.executeUpdate();
    return token;
}

std::optional<TokenRow> find_token(Connection& conn, std::int64_t commune_id,
                                   TokenPurpose purpose, const std::string& raw_token)
{
    if (raw_token.size() != 43)
        return std::nullopt;
    auto& st = conn.prepare(
        "SELECT id, account_id, COALESCE(new_email, ''), used_at IS NOT NULL,"
        " expires_at <= UTC_TIMESTAMP()"
        " FROM account_token WHERE token_hash = ? AND commune_id = ? AND purpose = ? FOR UPDATE");
    st.setString(1, security::sha256(raw_token));
    st.setInt64(2, commune_id);
    st.setString(3, purpose_name(purpose));
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return TokenRow{rs->getInt64(1), rs->getInt64(2), rs->getString(3), rs->getBoolean(4),
                    rs->getBoolean(5)};
}

void mark_token_used(Connection& conn, std::int64_t token_id)
{
    auto& st = conn.prepare("UPDATE account_token SET used_at = UTC_TIMESTAMP() WHERE id = ?");
    st.setInt64(1, token_id);
    st.executeUpdate();
}

void retire_tokens(Connection& conn, std::int64_t account_id, TokenPurpose purpose)
{
    auto& st = conn.prepare("UPDATE account_token SET used_at = UTC_TIMESTAMP()"
                            " WHERE account_id = ? AND purpose = ? AND used_at IS NULL");
    st.setInt64(1, account_id);
    st.setString(2, purpose_name(purpose));
    st.executeUpdate();
}

void confirm_account(Connection& conn, std::int64_t commune_id, std::int64_t account_id)
{
    auto& st = conn.prepare("UPDATE parent_account SET confirmed_at = COALESCE(confirmed_at,"
                            " UTC_TIMESTAMP()) WHERE id = ? AND commune_id = ?");
    st.setInt64(1, account_id);
    st.setInt64(2, commune_id);
    st.executeUpdate();
}

void set_account_password(Connection& conn, std::int64_t commune_id, std::int64_t account_id,
                          const std::string& password_hash)
{
    auto& st = conn.prepare(
        "UPDATE parent_account SET password_hash = ? WHERE id = ? AND commune_id = ?");
    st.setString(1, password_hash);
    st.setInt64(2, account_id);
    st.setInt64(3, commune_id);
    st.executeUpdate();
}

bool set_account_email(Connection& conn, std::int64_t commune_id, std::int64_t account_id,
                       const std::string& email)
{
    try {
        auto& st = conn.prepare(
            "UPDATE parent_account SET email = ? WHERE id = ? AND commune_id = ?");
        st.setString(1, email);
        st.setInt64(2, account_id);
        st.setInt64(3, commune_id);
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (is_duplicate(e))
            return false;
        throw;
    }
    return true;
}

void record_login(Connection& conn, std::int64_t commune_id, const char* kind,
                  std::int64_t account_id, const std::string& ip, const std::string& user_agent)
{
    auto& st = conn.prepare("INSERT INTO login_event (commune_id, kind, account_id, ip,"
                            " user_agent, created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setString(2, kind);
    st.setInt64(3, account_id);
    st.setString(4, ip.substr(0, 45));
    st.setString(5, user_agent.substr(0, 255));
    st.executeUpdate();
    if (std::string(kind) == "parent") {
        auto& up = conn.prepare(
            "UPDATE parent_account SET last_login_at = UTC_TIMESTAMP() WHERE id = ?");
        up.setInt64(1, account_id);
        up.executeUpdate();
    }
}

std::vector<LoginEvent> recent_logins(Connection& conn, std::int64_t commune_id,
                                      const char* kind, std::int64_t account_id, int limit)
{
    auto& st = conn.prepare(
        "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), ip, user_agent FROM login_event"
        " WHERE commune_id = ? AND kind = ? AND account_id = ? ORDER BY id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setString(2, kind);
    st.setInt64(3, account_id);
    st.setInt(4, limit);
    auto rs = query(st);
    std::vector<LoginEvent> out;
    while (rs->next())
        out.push_back({rs->getString(1), rs->getString(2), rs->getString(3)});
    return out;
}

std::string family_name(Connection& conn, std::int64_t commune_id, std::int64_t family_id)
{
    auto& st = conn.prepare("SELECT name FROM family WHERE id = ? AND commune_id = ?");
    st.setInt64(1, family_id);
    st.setInt64(2, commune_id);
    auto rs = query(st);
    return rs->next() ? std::string(rs->getString(1)) : std::string{};
}

} // namespace db
