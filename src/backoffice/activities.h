// Activities and their calendars for administrators: create and edit activities, import the
// official school holidays, add and remove closures. Every change regenerates the
// occurrences it affects.
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/activites
http::Response activities_list(app::Context& ctx);
// GET /gestion/activites/nouvelle
http::Response activity_new_form(app::Context& ctx);
// POST /gestion/activites/nouvelle
http::Response activity_create(app::Context& ctx);
// GET /gestion/activites/{id}
http::Response activity_page(app::Context& ctx);
// POST /gestion/activites/{id}
http::Response activity_update(app::Context& ctx);
// GET /gestion/calendrier
http::Response calendar_page(app::Context& ctx);
// POST /gestion/calendrier/vacances (multipart: fichier)
http::Response holidays_import(app::Context& ctx);
// POST /gestion/calendrier/fermetures (activite, du, au, motif)
http::Response closure_add(app::Context& ctx);
// POST /gestion/calendrier/fermetures/{id}/supprimer
http::Response closure_delete(app::Context& ctx);

} // namespace backoffice
