// The commune's settings for family files: which elements are mandatory, and how long archived
// files are kept before `portail purge-families` deletes them.
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/parametres
http::Response file_settings_page(app::Context& ctx);
// POST /gestion/parametres (obligatoire repeated, duree_conservation)
http::Response file_settings_submit(app::Context& ctx);

} // namespace backoffice
