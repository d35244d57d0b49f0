// The family file beyond what agents type in: members' details, photos, proofs, change
// requests, the commune's file settings, rules documents and their acceptance, archive and
// deletion. Every query is scoped by commune, and by family where a parent asks.
#pragma once

#include "db/connection.h"
#include "db/families.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db
{

// --- members ---------------------------------------------------------------------------

// Writes every column of the member (identity, contact details, health, authorisations).
// false when the member is not a live member of this family.
bool save_member_file(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                      const Member& member);
// Removes a contact (soft: the journal keeps referring to it). false unless it is a live
// contact of this family.
bool remove_contact(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                    std::int64_t member_id);
void set_family_quotient(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                         std::optional<int> quotient, const std::string& valid_until);

// --- photos ----------------------------------------------------------------------------

void save_photo(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                std::int64_t member_id, const std::string& jpeg, int width, int height);
// The JPEG of a live member of the commune; with `family_id`, only if it is that family's.
std::optional<std::string> load_photo(Connection& conn, std::int64_t commune_id,
                                      std::optional<std::int64_t> family_id,
                                      std::int64_t member_id);

// --- proofs (justificatifs) ------------------------------------------------------------

enum class DocumentKind { Quotient, Insurance, Vaccinations, Medical, Other };
const char* document_kind_name(DocumentKind kind); // "quotient", …
std::optional<DocumentKind> parse_document_kind(const std::string& text);
const char* document_kind_label(DocumentKind kind); // "Justificatif de quotient familial"

enum class Decision { Pending, Accepted, Refused, Cancelled };
const char* decision_name(Decision d);  // "pending", …
const char* decision_label(Decision d); // "En attente", "Acceptée"…

struct Document {
    std::int64_t id = 0;
    std::int64_t family_id = 0;
    std::string family_name;
    std::int64_t member_id = 0; // 0: the family's
    std::string member_name;
    DocumentKind kind = DocumentKind::Other;
    std::string mime;
    std::string extension;
    int size = 0;
    std::string valid_until; // "YYYY-MM-DD" or ""
    Decision status = Decision::Pending;
    std::string comment;
    std::string uploaded_at; // UTC "YYYY-MM-DD HH:MM:SS"
    std::string decided_at;
};

struct NewDocument {
    std::int64_t member_id = 0;
    DocumentKind kind = DocumentKind::Other;
    std::string mime;
    std::string extension;
    std::string data;
    std::string valid_until;
    std::int64_t uploaded_by = 0; // parent account
};
std::int64_t add_document(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                          const NewDocument& doc);
std::vector<Document> family_documents(Connection& conn, std::int64_t commune_id,
                                       std::int64_t family_id);
std::vector<Document> pending_documents(Connection& conn, std::int64_t commune_id);
std::optional<Document> load_document(Connection& conn, std::int64_t commune_id,
                                      std::optional<std::int64_t> family_id, std::int64_t id);
std::optional<std::string> document_data(Connection& conn, std::int64_t commune_id,
                                         std::optional<std::int64_t> family_id, std::int64_t id);
// Accepts or refuses a pending proof; false when it is not pending (already decided).
bool decide_document(Connection& conn, std::int64_t commune_id, std::int64_t id,
                     std::int64_t agent_id, bool accepted, const std::string& comment,
                     const std::string& valid_until);

// --- change requests -------------------------------------------------------------------

enum class ChangeKind { Quotient, Guardian, Health };
const char* change_kind_name(ChangeKind kind);
const char* change_kind_label(
    ChangeKind kind); // "Quotient familial", "Identité d'un responsable légal", "Santé"

struct ChangedField {
    std::string field; // key of the member or family field: "allergies", "quotient"…
    std::string label; // French label shown to people
    std::string before;
    std::string after;
};

struct ChangeRequest {
    std::int64_t id = 0;
    std::int64_t family_id = 0;
    std::string family_name;
    std::int64_t member_id = 0; // 0: the family itself
    std::string member_name;
    ChangeKind kind = ChangeKind::Health;
    std::int64_t document_id = 0;
    Decision status = Decision::Pending;
    std::string comment;
    std::string created_at; // UTC
    std::string decided_at; // UTC or ""
    std::vector<ChangedField> fields;
};

// Records a pending request; a pending request of the same kind for the same member is
// cancelled (the newer one replaces it). Returns the id.
std::int64_t create_change_request(Connection& conn, std::int64_t commune_id,
                                   std::int64_t family_id, const ChangeRequest& request,
                                   std::int64_t account_id);
std::vector<ChangeRequest> family_change_requests(Connection& conn, std::int64_t commune_id,
                                                  std::int64_t family_id, int limit = 50);
std::vector<ChangeRequest> pending_change_requests(Connection& conn, std::int64_t commune_id);
// Locks the row (FOR UPDATE): call inside a transaction before deciding.
std::optional<ChangeRequest> load_change_request(Connection& conn, std::int64_t commune_id,
                                                 std::int64_t id);
bool decide_change_request(Connection& conn, std::int64_t commune_id, std::int64_t id,
                           std::int64_t agent_id, bool accepted, const std::string& comment);

// --- the commune's settings for family files --------------------------------------------

struct FileSettings {
    std::optional<std::string> required_fields; // NULL: the defaults
    int retention_months = 36;
};
FileSettings file_settings(Connection& conn, std::int64_t commune_id);
void save_file_settings(Connection& conn, std::int64_t commune_id, const FileSettings& s);

// --- rules (règlements intérieurs) -------------------------------------------------------

struct RulesDocument {
    std::int64_t id = 0;
    std::string service;
    std::string title;
    int version = 0;
    int size = 0;
    std::string created_at;      // UTC
    std::string published_at;    // UTC or ""
    int acceptances = 0;         // families that accepted this version
    std::string accepted_at;     // for one family: when it accepted this version (UTC) or ""
    bool accepted_older = false; // for one family: accepted an earlier version of the service
};

// Adds a version (the service's highest + 1), unpublished. Returns the id.
std::int64_t add_rules_version(Connection& conn, std::int64_t commune_id,
                               const std::string& service, const std::string& title,
                               const std::string& pdf, std::int64_t agent_id);
bool publish_rules(Connection& conn, std::int64_t commune_id, std::int64_t id);
std::vector<RulesDocument> all_rules(Connection& conn, std::int64_t commune_id);
// The latest published version of each service, with this family's acceptance.
std::vector<RulesDocument> current_rules(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id);
std::optional<RulesDocument> load_rules(Connection& conn, std::int64_t commune_id, std::int64_t id);
// Every version of the commune's rules, published or not, without acceptance counts: what
// app/commune_data keeps in memory.
std::vector<RulesDocument> rules_versions(Connection& conn, std::int64_t commune_id);
struct RulesAcceptance {
    std::int64_t document_id = 0;
    std::string accepted_at; // UTC
};
// load_family, and the family's acceptances of rules versions read along in the same statement:
// a family's first page reads its file in fewer round trips (app/family_data.cpp).
std::optional<Family> load_family_file(Connection& conn, std::int64_t commune_id,
                                       std::int64_t family_id,
                                       std::vector<RulesAcceptance>& acceptances);
// current_rules() computed in memory: the latest published version of each service, by
// service, with the family's acceptance of it and of an earlier version.
std::vector<RulesDocument> current_rules(const std::vector<RulesDocument>& versions,
                                         const std::vector<RulesAcceptance>& accepted);
// The PDF; `published_only` for parents.
std::optional<std::string> rules_pdf(Connection& conn, std::int64_t commune_id, std::int64_t id,
                                     bool published_only);
enum class AcceptOutcome { Accepted, AlreadyAccepted, NotCurrent };
// Only the latest published version of its service can be accepted.
AcceptOutcome accept_rules(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                           std::int64_t id, std::int64_t account_id);
struct Acceptance {
    std::int64_t family_id = 0;
    std::string family_name;
    int family_number = 0;
    std::string accepted_at; // UTC
};
std::vector<Acceptance> rules_acceptances(Connection& conn, std::int64_t commune_id,
                                          std::int64_t id);

// --- journal with before/after ------------------------------------------------------------

struct JournalChange {
    const char* actor_kind = "parent"; // "parent", "agent", "system"
    std::int64_t actor_id = 0;
    std::int64_t family_id = 0;
    std::string action;      // "Modification du dossier"
    std::string object_type; // "family_member", "family", "change_request"…
    std::int64_t object_id = 0;
    std::string detail; // "Léa FICTIF — Médecin traitant"
    std::optional<std::string> before;
    std::optional<std::string> after;
    bool sensitive = false; // health data: hidden from roles that may not see it
};
void journal_change(Connection& conn, std::int64_t commune_id, const JournalChange& change);

struct FamilyJournalEntry {
    std::string when;       // Europe/Paris "29/11/2026 à 18h30"
    std::string created_at; // UTC
    std::string actor;
    std::string action;
    std::string detail;
    std::string before;
    std::string after;
    bool has_values = false;
    bool sensitive = false;
};
std::vector<FamilyJournalEntry> family_change_journal(Connection& conn, std::int64_t commune_id,
                                                      std::int64_t family_id, int limit = 200);

struct LoginEntry {
    std::string when;       // Europe/Paris
    std::string created_at; // UTC
    std::string who;
    std::string ip;
    std::string user_agent;
};
std::vector<LoginEntry> family_logins(Connection& conn, std::int64_t commune_id,
                                      std::int64_t family_id, int limit = 100);

// --- export, archive, deletion --------------------------------------------------------------

struct StoredPhoto {
    std::int64_t member_id = 0;
    std::string data;
};
std::vector<StoredPhoto> family_photos(Connection& conn, std::int64_t commune_id,
                                       std::int64_t family_id);

struct AccountInfo {
    std::string email;
    std::string guardian_name;
    std::string created_at;
    std::string confirmed_at;
    std::string last_login_at;
};
std::vector<AccountInfo> family_accounts(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id);

void set_family_archived(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                         bool archived);
struct PurgeCandidate {
    std::int64_t commune_id = 0;
    std::int64_t family_id = 0;
    int number = 0;
    std::string archived_at;
};
// Families archived longer ago than their commune's retention period.
std::vector<PurgeCandidate> purge_candidates(Connection& conn);
// Deletes the family's personal data; keeps the anonymised family row (and what accounting
// law requires: invoices, when they exist). Runs in its own transaction.
void purge_family(Connection& conn, std::int64_t commune_id, std::int64_t family_id);

} // namespace db
