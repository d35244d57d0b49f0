// Back-office agents: one commune each, one role each.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db {

enum class AgentRole { Agent, Regisseur, Administrateur };

std::optional<AgentRole> parse_agent_role(const std::string& text);
const char* agent_role_name(AgentRole role);
// French label for pages ("Régisseur").
const char* agent_role_label(AgentRole role);

struct Agent {
    std::int64_t id = 0;
    std::int64_t commune_id = 0;
    std::string email;
    std::string display_name;
    AgentRole role = AgentRole::Agent;
    std::string password_hash;
    bool active = true;
};

// Throws std::runtime_error when the email is already used in this commune.
std::int64_t create_agent(Connection& conn, const Agent& agent);
std::optional<Agent> find_agent_by_email(Connection& conn, std::int64_t commune_id,
                                         const std::string& email);
std::optional<Agent> find_agent(Connection& conn, std::int64_t commune_id, std::int64_t id);
void record_agent_login(Connection& conn, std::int64_t id, const std::string& new_hash);

struct AgentSummary {
    std::int64_t id = 0;
    std::string email;
    std::string display_name;
    AgentRole role = AgentRole::Agent;
    bool active = true;
    std::string last_login_utc; // "YYYY-MM-DD HH:MM:SS" or ""
};
std::vector<AgentSummary> list_agents(Connection& conn, std::int64_t commune_id);
// Disables or re-enables an agent of this commune; disabling ends its sessions. false if the
// agent is not in this commune.
bool set_agent_active(Connection& conn, std::int64_t commune_id, std::int64_t agent_id,
                      bool active);

} // namespace db
