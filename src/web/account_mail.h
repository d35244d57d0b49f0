// The mails of the account journeys, rendered from templates/mail/ and put in the outbox
// (in the caller's transaction).
#pragma once

#include "app/context.h"

#include <string>

namespace web
{

void mail_confirmation(app::Context& ctx, const std::string& to, const std::string& first_name,
                       const std::string& token);
void mail_already_registered(app::Context& ctx, const std::string& to);
void mail_password_reset(app::Context& ctx, const std::string& to, const std::string& token);
void mail_email_change(app::Context& ctx, const std::string& new_address, const std::string& token);
void mail_email_change_notice(app::Context& ctx, const std::string& old_address,
                              const std::string& new_address);
void mail_password_changed(app::Context& ctx, const std::string& to);
// An agent accepted or refused a parent's change request or proof; `what` is its French
// description ("Santé — Léa FICTIF"), `path` the page where the parent sees it.
void mail_request_decided(app::Context& ctx, const std::string& to, const std::string& what,
                          bool accepted, const std::string& comment, const std::string& path);
// A place freed up and the wait-listed child got it; `what` is "Restauration scolaire le
// jeudi 3 décembre 2026 pour Léa". With `confirm_before` ("lundi 3 mars 2030 à 10h00"), the
// place is only offered and the family must confirm it by then.
void mail_place_freed(app::Context& ctx, const std::string& to, const std::string& what,
                      const std::string& path, const std::string& confirm_before = {});

} // namespace web
