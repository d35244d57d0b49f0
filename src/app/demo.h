// Demo data of the dev stack: the commune Caumont-sur-Durance, its administrator, a few
// families (the brochure's Rolf FICTIF among them) with unused codes abonné, and one
// confirmed parent account. Idempotent.
#pragma once

#include "db/connection.h"

#include <string>

namespace app {

struct DemoSettings {
    std::string base_url;
    std::string admin_password;
    std::string parent_password;
    std::string codes_file; // where the unused codes are written: code;last name;first name
};

void seed_demo(db::Connection& conn, const DemoSettings& settings);

inline const char* demo_admin_email = "admin@caumont-sur-durance.fr";
inline const char* demo_parent_email = "rolf.fictif@example.org";

} // namespace app
