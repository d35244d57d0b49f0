// A member's file as forms and as read-only details, shared by the parent pages and the back
// office: which fields each role has (in groups), how they map to db::Member, which changes
// are sensitive (applied only after an agent accepts them), and how complete a family's file
// is against its commune's mandatory elements.
#pragma once

#include "db/connection.h"
#include "db/families.h"
#include "db/family_file.h"
#include "domain/family_file.h"
#include "web/fields.h"

#include <map>
#include <span>
#include <string>
#include <vector>

namespace web
{

struct FieldGroup {
    const char* legend; // "Santé"
    std::span<const FieldSpec> fields;
};

// The groups of fields of a member's file for its role.
std::vector<FieldGroup> member_groups(db::MemberRole role);
// Every field of the role, flattened.
std::vector<FieldSpec> member_specs(db::MemberRole role);

FormData member_values(const db::Member& m);
// `base` with the submitted values of the role's fields applied.
db::Member member_with(const db::Member& base, const FormData& form);

// The family's own contact details (address, phone, email) as parents edit them.
std::span<const FieldSpec> household_specs();
FormData household_values(const db::Family& f);

// One field that differs between two versions of a member.
struct MemberChange {
    std::string field;  // db-side key: "allergies", "last_name"…
    std::string label;  // French
    std::string before; // display text
    std::string after;
    bool sensitive; // needs an agent's decision when a parent makes it
    bool health;    // health data (journal hides it from roles that may not see it)
};
std::vector<MemberChange> member_changes(const db::Member& before, const db::Member& after);
// Applies one accepted change (by its db-side key and display value) to the member; false
// when the field is unknown.
bool apply_member_change(db::Member& m, const std::string& field, const std::string& value);
// The change request kind of a sensitive field of this role.
db::ChangeKind change_kind_of(db::MemberRole role);

// Read-only details of a member for agent pages: label, value, health.
struct Detail {
    std::string label;
    std::string value;
    bool health = false;
};
std::vector<Detail> member_details(const db::Member& m);

// How complete the family file is.
struct FileStatus {
    domain::MissingElements household;
    std::map<std::int64_t, domain::MissingElements> members; // by member id
    int missing_count = 0;
    int pending_count = 0;
};
FileStatus file_status(db::Connection& conn, std::int64_t commune_id, const db::Family& family);
// The same from data at hand: the commune's settings, the family's documents and its latest
// change requests (app/commune_data.h, app/family_data.h).
FileStatus file_status(const db::Family& family, const db::FileSettings& settings,
                       const std::vector<db::Document>& documents,
                       const std::vector<db::ChangeRequest>& requests);

std::string full_name(const db::Member& m);
// French label and display text of a member or family field by its form name
// ("allergies_reponse" → "Allergies (oui ou non)", "oui" → "Oui").
std::string field_label(const std::string& name);
std::string display_value(const std::string& name, const std::string& raw);

} // namespace web
