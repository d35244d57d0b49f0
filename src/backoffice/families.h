// Families in the back office (SPEC §5): search, create, edit, members, validation, the
// code abonné and its letter, linked parent accounts; every action journaled.
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/familles?q=…: latest families, or those matching a name, a child or a code.
http::Response families_list(app::Context& ctx);
// GET and POST /gestion/familles/nouvelle: the family with its first legal guardian.
http::Response family_new_form(app::Context& ctx);
http::Response family_create(app::Context& ctx);
// GET /gestion/familles/{id}: details, members, code status, accounts, journal.
http::Response family_page(app::Context& ctx);
// POST /gestion/familles/{id}: address, phone, email, quotient familial.
http::Response family_update(app::Context& ctx);
// POST /gestion/familles/{id}/membres and …/membres/{membre}.
http::Response member_add(app::Context& ctx);
http::Response member_update(app::Context& ctx);
// POST /gestion/familles/{id}/valider, field `valide` = 1 or 0.
http::Response family_validate(app::Context& ctx);
// POST /gestion/familles/{id}/code: a new code (the old one dies); answers the letter,
// the only place the plain code ever appears.
http::Response family_code(app::Context& ctx);
// POST /gestion/familles/{id}/comptes/{compte}/delier.
http::Response account_unlink(app::Context& ctx);

} // namespace backoffice
