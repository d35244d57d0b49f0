// Families and their members, as agents manage them; every query scoped by commune.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db
{

enum class MemberRole { Guardian, Child, Contact };
const char* member_role_name(MemberRole role); // "guardian", "child", "contact"
std::optional<MemberRole> parse_member_role(const std::string& text);
const char* member_role_label(MemberRole role); // "Responsable légal", "Enfant", "Contact"

struct Member {
    std::int64_t id = 0;
    std::int64_t family_id = 0;
    MemberRole role = MemberRole::Child;
    std::string last_name;
    std::string first_name;
    std::string birth_date; // "YYYY-MM-DD" or ""
    std::string school;
    std::string class_name;
    std::string phone;
    std::string email;
    // Migration 003: the file parents complete. A nullopt yes/no is "not answered yet".
    std::string mobile_phone;
    std::string work_phone; // employer's phone
    std::string employer;
    std::string address;      // a guardian's or contact's own address, if not the family's
    std::string relationship; // a contact's link to the family: "Grand-mère"
    bool can_pick_up = false;
    bool emergency_contact = false;
    std::optional<bool> has_allergies;
    std::string allergies;
    std::string diet; // "" (no special diet), "sans_porc", "vegetarien", "sans_viande"
    std::optional<bool> pai;
    std::string doctor;
    std::optional<bool> vaccinations_ok;
    std::optional<bool> image_rights;
    std::optional<bool> may_leave_alone;
    std::optional<bool> school_transport;
    bool has_photo = false;
};

struct Family {
    std::int64_t id = 0;
    std::int64_t commune_id = 0;
    int number = 0; // the NNNNN of the code abonné
    std::string name;
    std::string address_line1;
    std::string address_line2;
    std::string postal_code;
    std::string city;
    std::string phone;
    std::string email;
    std::optional<int> family_quotient;
    std::string quotient_valid_until; // "YYYY-MM-DD" or ""
    bool validated = false;
    bool archived = false;
    std::vector<Member> members; // filled by load_family
};

struct FamilySummary {
    std::int64_t id = 0;
    int number = 0;
    std::string name;
    std::string guardians; // "Rolf FICTIF, Anna FICTIF"
    std::string children;  // "Léa, Tom"
    bool validated = false;
    bool has_live_code = false;
    int accounts = 0;
};

// Family with its members, or nullopt when it does not exist in this commune.
std::optional<Family> load_family(Connection& conn, std::int64_t commune_id, std::int64_t id);
// The same, with one more column read along in the same round trip: `extra_column`, an SQL
// expression of the family's row (`f.id`, `f.commune_id`), whose text ("" for NULL) goes to
// `extra` (the family file's rules acceptances, db::load_family_file).
std::optional<Family> load_family(Connection& conn, std::int64_t commune_id, std::int64_t id,
                                  const std::string& extra_column, std::string& extra);
// Search by family name, member name (guardian or child) or family number / code abonné
// (a full code is matched on its NNNNN number). Empty query lists the latest families.
std::vector<FamilySummary> search_families(Connection& conn, std::int64_t commune_id,
                                           const std::string& query, int limit = 50);
// Creates the family with the next number of the commune; returns its id.
std::int64_t create_family(Connection& conn, std::int64_t commune_id, const Family& family);
void update_family(Connection& conn, std::int64_t commune_id, const Family& family);
std::int64_t add_member(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                        const Member& member);
// false when the member is not in this family of this commune.
bool update_member(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                   const Member& member);
void set_family_validated(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                          bool validated);

// Issues a new code abonné for the family: revokes the live one, stores the hash of `code`
// with its expiry (commune's code_validity_days). `code` is the canonical plain code.
void store_subscriber_code(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                           const std::string& code, std::int64_t agent_id);
bool family_has_live_code(Connection& conn, std::int64_t commune_id, std::int64_t family_id);

// The commune's settings for codes abonné (migration 002 columns of `commune`).
struct CodeSettings {
    std::string prefix; // "PORTAIL" unless the commune set its own
    int validity_days = 90;
};
CodeSettings code_settings(Connection& conn, std::int64_t commune_id);

// The family's most recent code, for its status on the family page and the letter.
struct CodeStatus {
    std::string created_at; // UTC "YYYY-MM-DD HH:MM:SS"
    std::string expires_at; // UTC "YYYY-MM-DD HH:MM:SS"
    bool revoked = false;
    bool expired = false;
    bool live() const { return !revoked && !expired; }
};
std::optional<CodeStatus> latest_code(Connection& conn, std::int64_t commune_id,
                                      std::int64_t family_id);

struct LinkedAccount {
    std::int64_t id = 0;
    std::int64_t guardian_id = 0;
    std::string email;
    std::string guardian_name;
    bool confirmed = false;
    std::string last_login; // "29/11/2026 18h30" (Europe/Paris) or ""
};
std::vector<LinkedAccount> linked_accounts(Connection& conn, std::int64_t commune_id,
                                           std::int64_t family_id);
// Unlinks (disables) a parent account of this family; ends its sessions. false if not found.
bool unlink_account(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                    std::int64_t account_id);

struct JournalEntry {
    std::string when;  // Europe/Paris, "29/11/2026 18h30"
    std::string actor; // agent name or "Parent" / "Système"
    std::string action;
    std::string detail;
};
// Appends to the journal (who, what, which object, detail text — never a secret).
void journal(Connection& conn, std::int64_t commune_id, const char* actor_kind,
             std::int64_t actor_id, const std::string& action, const std::string& object_type,
             std::int64_t object_id, const std::string& detail);
std::vector<JournalEntry> family_journal(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id, int limit = 100);

} // namespace db
