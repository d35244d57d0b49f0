#include "db/agents.h"

#include "db/sessions.h"

#include <stdexcept>

namespace db {

std::optional<AgentRole> parse_agent_role(const std::string& text)
{
    if (text == "agent")
        return AgentRole::Agent;
    if (text == "regisseur")
        return AgentRole::Regisseur;
    if (text == "administrateur")
        return AgentRole::Administrateur;
    return std::nullopt;
}

const char* agent_role_name(AgentRole role)
{
    switch (role) {
    case AgentRole::Agent: return "agent";
    case AgentRole::Regisseur: return "regisseur";
    case AgentRole::Administrateur: return "administrateur";
    }
    return "agent";
}

const char* agent_role_label(AgentRole role)
{
    switch (role) {
    case AgentRole::Agent: return "Agent";
    case AgentRole::Regisseur: return "Régisseur";
    case AgentRole::Administrateur: return "Administrateur";
    }
    return "Agent";
}

namespace {
Agent read_agent(sql::ResultSet& rs)
{
    Agent a;
    a.id = rs.getInt64("id");
    a.commune_id = rs.getInt64("commune_id");
    a.email = rs.getString("email");
    a.display_name = rs.getString("display_name");
    a.role = parse_agent_role(rs.getString("role")).value_or(AgentRole::Agent);
    a.password_hash = rs.getString("password_hash");
    a.active = rs.getBoolean("active");
    return a;
}
constexpr const char* agent_columns =
    "SELECT id, commune_id, email, display_name, role, password_hash, active FROM agent ";
} // namespace

std::int64_t create_agent(Connection& conn, const Agent& agent)
{
    try {
        auto& st = conn.prepare("INSERT INTO agent (commune_id, email, display_name, role,"
                                " password_hash) VALUES (?, ?, ?, ?, ?)");
        st.setInt64(1, agent.commune_id);
        st.setString(2, agent.email);
        st.setString(3, agent.display_name);
        st.setString(4, agent_role_name(agent.role));
        st.setString(5, agent.password_hash);
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (is_duplicate(e))
            throw std::runtime_error("an agent with this email exists in this commune");
        throw;
    }
    return last_insert_id(conn);
}

std::optional<Agent> find_agent_by_email(Connection& conn, std::int64_t commune_id,
                                         const std::string& email)
{
    auto& st = conn.prepare(std::string(agent_columns) + "WHERE commune_id = ? AND email = ?");
    st.setInt64(1, commune_id);
    st.setString(2, email);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_agent(*rs);
}

std::optional<Agent> find_agent(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    auto& st = conn.prepare(std::string(agent_columns) + "WHERE commune_id = ? AND id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_agent(*rs);
}

void record_agent_login(Connection& conn, std::int64_t id, const std::string& new_hash)
{
    auto& st = conn.prepare("UPDATE agent SET last_login_at = UTC_TIMESTAMP(),"
                            " password_hash = IF(? = '', password_hash, ?) WHERE id = ?");
    st.setString(1, new_hash);
    st.setString(2, new_hash);
    st.setInt64(3, id);
    st.executeUpdate();
}

std::vector<AgentSummary> list_agents(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare(
        "SELECT id, email, display_name, role, active,"
        " COALESCE(DATE_FORMAT(last_login_at, '%Y-%m-%d %H:%i:%s'), '') AS last_login"
        " FROM agent WHERE commune_id = ? ORDER BY display_name, id");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    std::vector<AgentSummary> out;
    while (rs->next())
        out.push_back({rs->getInt64("id"), rs->getString("email"), rs->getString("display_name"),
                       parse_agent_role(rs->getString("role")).value_or(AgentRole::Agent),
                       rs->getBoolean("active"), rs->getString("last_login")});
    return out;
}

bool set_agent_active(Connection& conn, std::int64_t commune_id, std::int64_t agent_id,
                      bool active)
{
    auto& find = conn.prepare("SELECT id FROM agent WHERE commune_id = ? AND id = ?");
    find.setInt64(1, commune_id);
    find.setInt64(2, agent_id);
    if (!query(find)->next())
        return false;
    auto& st = conn.prepare("UPDATE agent SET active = ? WHERE commune_id = ? AND id = ?");
    st.setBoolean(1, active);
    st.setInt64(2, commune_id);
    st.setInt64(3, agent_id);
    st.executeUpdate();
    if (!active)
        delete_account_sessions(conn, SessionKind::Agent, agent_id);
    return true;
}

} // namespace db
