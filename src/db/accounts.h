// Parent accounts: creation from a code abonné, one-time tokens (confirmation, reset, email
// change), passwords, login history. Every query scoped by commune.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db {

struct ParentAccount {
    std::int64_t id = 0;
    std::int64_t commune_id = 0;
    std::int64_t family_id = 0;
    std::int64_t guardian_id = 0;
    std::string email;
    std::string password_hash;
    bool confirmed = false;
    std::string first_name; // the guardian's
    std::string last_name;
};

// Live (not unlinked) account by email / id.
std::optional<ParentAccount> find_account_by_email(Connection& conn, std::int64_t commune_id,
                                                   const std::string& email);
std::optional<ParentAccount> find_account(Connection& conn, std::int64_t commune_id,
                                          std::int64_t id);

struct Guardian {
    std::int64_t id = 0;
    std::string last_name;
    std::string first_name;
    bool has_account = false;
};

// The family of a live (not revoked, not expired) code, with its guardians.
struct CodeFamily {
    std::int64_t family_id = 0;
    std::vector<Guardian> guardians;
};
std::optional<CodeFamily> find_family_by_code(Connection& conn, std::int64_t commune_id,
                                              const std::string& canonical_code);

// Throws std::runtime_error("duplicate") when the email or the guardian already has one.
std::int64_t create_account(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                            std::int64_t guardian_id, const std::string& email,
                            const std::string& password_hash);

enum class TokenPurpose { Confirm, Reset, EmailChange };

// Creates a single-use token valid `minutes`; returns the raw token for the link.
std::string create_token(Connection& conn, std::int64_t commune_id, std::int64_t account_id,
                         TokenPurpose purpose, int minutes, const std::string& new_email = {});

struct TokenRow {
    std::int64_t id = 0;
    std::int64_t account_id = 0;
    std::string new_email;
    bool used = false;
    bool expired = false;
};
// The token row (used or expired ones too, so the page can say which), locked FOR UPDATE.
std::optional<TokenRow> find_token(Connection& conn, std::int64_t commune_id,
                                   TokenPurpose purpose, const std::string& raw_token);
void mark_token_used(Connection& conn, std::int64_t token_id);
// Marks every unused token of this purpose used (e.g. after a reset).
void retire_tokens(Connection& conn, std::int64_t account_id, TokenPurpose purpose);

void confirm_account(Connection& conn, std::int64_t commune_id, std::int64_t account_id);
void set_account_password(Connection& conn, std::int64_t commune_id, std::int64_t account_id,
                          const std::string& password_hash);
// false when the email is taken in this commune.
bool set_account_email(Connection& conn, std::int64_t commune_id, std::int64_t account_id,
                       const std::string& email);

void record_login(Connection& conn, std::int64_t commune_id, const char* kind,
                  std::int64_t account_id, const std::string& ip, const std::string& user_agent);

struct LoginEvent {
    std::string when_utc; // "YYYY-MM-DD HH:MM:SS"
    std::string ip;
    std::string user_agent;
};
std::vector<LoginEvent> recent_logins(Connection& conn, std::int64_t commune_id,
                                      const char* kind, std::int64_t account_id, int limit);

std::string family_name(Connection& conn, std::int64_t commune_id, std::int64_t family_id);

} // namespace db
