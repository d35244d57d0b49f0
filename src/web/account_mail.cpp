#include "web/account_mail.h"

#include "http/parse.h"
#include "mail/outbox.h"
#include "view/view.h"

namespace web
{

namespace
{

// Renders mail/NAME.txt.tpl and mail/NAME.html.tpl with `fill`, and queues the message.
template <class Fill>
void send(app::Context& ctx, const std::string& to, const std::string& subject,
          const std::string& name, Fill fill)
{
    ctemplate::TemplateDictionary dict("mail");
    dict.SetValue("COMMUNE_NAME", ctx.commune.name);
    dict.SetValue("BASE_URL", ctx.commune.base_url);
    fill(dict);
    mail::Message m;
    m.to = to;
    m.subject = subject + " — Portail Famille de " + ctx.commune.name;
    m.text = view::expand("mail/" + name + ".txt.tpl", dict);
    m.html = view::expand("mail/" + name + ".html.tpl", dict);
    mail::enqueue(ctx.db(), ctx.commune.id, ctx.commune.mail_from,
                  "Portail Famille de " + ctx.commune.name, m);
}

std::string link(app::Context& ctx, const std::string& path_and_query)
{
    return ctx.commune.base_url + path_and_query;
}

} // namespace

void mail_confirmation(app::Context& ctx, const std::string& to, const std::string& first_name,
                       const std::string& token)
{
    send(ctx, to, "Confirmez votre compte", "confirmation", [&](auto& d) {
        d.SetValue("FIRST_NAME", first_name);
        d.SetValue("LINK", link(ctx, "/compte/confirmer?jeton=" + http::url_encode(token)));
    });
}

void mail_already_registered(app::Context& ctx, const std::string& to)
{
    send(ctx, to, "Vous avez déjà un compte", "deja_inscrit", [&](auto& d) {
        d.SetValue("LOGIN_LINK", link(ctx, "/connexion"));
        d.SetValue("RESET_LINK", link(ctx, "/compte/mot-de-passe-oublie"));
    });
}

void mail_password_reset(app::Context& ctx, const std::string& to, const std::string& token)
{
    send(ctx, to, "Choisissez un nouveau mot de passe", "reinitialisation", [&](auto& d) {
        d.SetValue("LINK", link(ctx, "/compte/reinitialiser?jeton=" + http::url_encode(token)));
    });
}

void mail_email_change(app::Context& ctx, const std::string& new_address, const std::string& token)
{
    send(ctx, new_address, "Confirmez votre nouvelle adresse", "changement_email", [&](auto& d) {
        d.SetValue("LINK", link(ctx, "/compte/email/confirmer?jeton=" + http::url_encode(token)));
    });
}

void mail_email_change_notice(app::Context& ctx, const std::string& old_address,
                              const std::string& new_address)
{
    send(ctx, old_address, "Changement d'adresse email demandé", "changement_email_ancien",
         [&](auto& d) { d.SetValue("NEW_EMAIL", new_address); });
}

void mail_password_changed(app::Context& ctx, const std::string& to)
{
    send(ctx, to, "Votre mot de passe a été modifié", "mot_de_passe_modifie",
         [&](auto& d) { d.SetValue("RESET_LINK", link(ctx, "/compte/mot-de-passe-oublie")); });
}

void mail_request_decided(app::Context& ctx, const std::string& to, const std::string& what,
                          bool accepted, const std::string& comment, const std::string& path)
{
    const std::string subject =
        accepted ? "Votre demande a été acceptée" : "Votre demande n'a pas été acceptée";
    send(ctx, to, subject, "demande_decidee", [&](auto& d) {
        d.SetValue("WHAT", what);
        d.ShowSection(accepted ? "ACCEPTED" : "REFUSED");
        if (!comment.empty())
            d.SetValueAndShowSection("COMMENT", comment, "HAS_COMMENT");
        d.SetValue("LINK", link(ctx, path));
    });
}

void mail_place_freed(app::Context& ctx, const std::string& to, const std::string& what,
                      const std::string& path, const std::string& confirm_before)
{
    const std::string subject =
        confirm_before.empty()
            ? "Une place s'est libérée"
            : "Une place s'est libérée : confirmez-la avant le " + confirm_before;
    send(ctx, to, subject, "place_liberee", [&](auto& d) {
        d.SetValue("WHAT", what);
        d.SetValue("LINK", link(ctx, path));
        if (confirm_before.empty())
            d.ShowSection("BOOKED");
        else
            d.SetValueAndShowSection("BEFORE", confirm_before, "OFFERED");
    });
}

} // namespace web
