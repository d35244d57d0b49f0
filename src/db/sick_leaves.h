// "Enfant malade" declarations: the days cancelled for illness and the certificate that
// makes them excused.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db
{

struct SickLeave {
    std::int64_t id = 0;
    std::int64_t family_id = 0;
    std::int64_t child_id = 0;
    std::string child_name;
    std::string first_day;
    std::string last_day;
    std::int64_t document_id = 0;
    std::string status; // declared, excused, refused
    std::string created_at;
    int days = 0;
};

std::int64_t create_sick_leave(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                               std::int64_t child_id, const std::string& first,
                               const std::string& last, std::int64_t account_id);
void add_sick_leave_day(Connection& conn, std::int64_t sick_leave_id, std::int64_t occurrence_id);
void attach_certificate(Connection& conn, std::int64_t commune_id, std::int64_t sick_leave_id,
                        std::int64_t document_id);
// The child's latest declaration still without a certificate, if any.
std::optional<std::int64_t> open_sick_leave(Connection& conn, std::int64_t commune_id,
                                            std::int64_t child_id);
std::vector<SickLeave> family_sick_leaves(Connection& conn, std::int64_t commune_id,
                                          std::int64_t family_id, int limit = 10);

// When an agent decides the certificate `document_id`: accepted marks every cancelled day of
// its declaration as an excused absence (attendance), refused marks the declaration refused.
// Returns the number of days excused.
int settle_sick_leave(Connection& conn, std::int64_t commune_id, std::int64_t document_id,
                      bool accepted, std::int64_t agent_id);

} // namespace db
