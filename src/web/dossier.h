// The parent's family file (SPEC §4.6): the members' cards, each member's file, photos, the
// household's details and quotient familial, contacts, and proofs (justificatifs).
#pragma once

#include "app/context.h"

namespace web
{

// GET /famille/dossier: a card per member with photo, role and missing elements.
http::Response dossier_page(app::Context& ctx);
// GET and POST /famille/membres/{id}: view and edit; sensitive changes become a request.
http::Response member_page(app::Context& ctx);
http::Response member_submit(app::Context& ctx);
// GET /famille/membres/{id}/photo (image/jpeg, private) and POST (multipart, field `photo`).
http::Response member_photo(app::Context& ctx);
http::Response photo_upload(app::Context& ctx);
// POST /famille/membres/{id}/supprimer: removes a contact.
http::Response contact_remove(app::Context& ctx);
// GET and POST /famille/contacts/nouveau: adds a contact (pick-up, emergency).
http::Response contact_new(app::Context& ctx);
http::Response contact_create(app::Context& ctx);
// GET and POST /famille/foyer: address, phone, email; POST /famille/quotient (multipart):
// a new quotient familial with its proof, applied once an agent accepts it.
http::Response household_page(app::Context& ctx);
http::Response household_submit(app::Context& ctx);
http::Response quotient_submit(app::Context& ctx);
// GET and POST /famille/justificatifs (multipart, field `fichier`), GET …/{id}: the file.
http::Response proofs_page(app::Context& ctx);
http::Response proof_upload(app::Context& ctx);
http::Response proof_download(app::Context& ctx);

} // namespace web
