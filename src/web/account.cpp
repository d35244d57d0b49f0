#include "web/account.h"

#include "db/reminders.h"

#include "db/accounts.h"
#include "db/sessions.h"
#include "db/throttle.h"
#include "domain/identity.h"
#include "domain/password_policy.h"
#include "domain/subscriber_code.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "mail/mime.h"
#include "security/password.h"
#include "web/account_mail.h"
#include "web/form_input.h"

#include <functional>

namespace web
{

namespace
{

constexpr int confirm_minutes = 48 * 60;
constexpr int reset_minutes = 60;
constexpr int email_change_minutes = 48 * 60;

// SPEC §4.4: 5 failures in 15 minutes, then wait; per account and per address.
constexpr db::ThrottleRule login_per_account{5, 15 * 60};
constexpr db::ThrottleRule login_per_ip{30, 15 * 60};
constexpr db::ThrottleRule create_per_ip{10, 60 * 60};
constexpr db::ThrottleRule create_per_code{5, 60 * 60};
constexpr db::ThrottleRule reset_per_ip{10, 60 * 60};
constexpr db::ThrottleRule reset_per_email{3, 60 * 60};

const char* const generic_create_error =
    "Les informations saisies ne correspondent à aucun dossier famille : vérifiez le code "
    "abonné remis par la mairie, et vos nom et prénom tels qu'ils figurent au dossier. Si vous "
    "avez déjà un compte, connectez-vous ou utilisez « Je n'arrive pas à me connecter ».";

// An address we can both store and write a mail to.
bool acceptable_email(const std::string& email)
{
    return domain::plausible_email(email) && mail::valid_address(email);
}

std::string bucket(const app::Context& ctx, const std::string& what, const std::string& key)
{
    return "c" + std::to_string(ctx.commune.id) + ":" + what + ":" + key;
}

std::string client_ip(const app::Context& ctx)
{
    return std::string(ctx.req.env("REMOTE_ADDR"));
}

std::string wait_text(int seconds)
{
    const int minutes = (seconds + 59) / 60;
    return "Trop de tentatives. Réessayez dans " + std::to_string(minutes) +
           (minutes > 1 ? " minutes." : " minute.");
}

// `kind` names the counter in the log ("login-ip"); the bucket itself may hold an email.
void throttle_or_429(app::Context& ctx, const std::string& b, const db::ThrottleRule& rule,
                     std::string_view kind)
{
    if (const int wait = db::throttle_wait(ctx.db(), b, rule); wait > 0) {
        ctx.security_event("throttled", "counter=" + std::string(kind), true);
        throw http::Error(429, wait_text(wait), wait);
    }
}

// A page with a title, a message, and optionally a form to ask for a new mail.
http::Response message_page(app::Context& ctx, const std::string& title, const std::string& message,
                            int status = 200, const char* resend_action = nullptr)
{
    view::Page page("compte/message.tpl", title);
    page.dict().SetValue("HEADING", title);
    page.dict().SetValue("MESSAGE", message);
    if (resend_action) {
        auto* form = page.dict().AddSectionDictionary("RESEND");
        form->SetValue("ACTION", resend_action);
        form->SetValue("CSRF", ctx.csrf());
    }
    return page.render(ctx.layout(), status);
}

const char* field_message(FieldProblem p, const char* missing)
{
    switch (p) {
    case FieldProblem::Missing:
        return missing;
    case FieldProblem::TooLong:
        return "Ce champ est trop long.";
    case FieldProblem::Invalid:
        return "Ce champ contient des caractères non autorisés.";
    case FieldProblem::None:
        break;
    }
    return "";
}

// --- Connexion -------------------------------------------------------------------------

http::Response login_page(app::Context& ctx, const std::string& email, const char* error,
                          int status)
{
    view::Page page("connexion.tpl", "Connexion");
    page.dict().SetValue("EMAIL", email);
    if (error)
        page.dict().SetValueAndShowSection("MESSAGE", error, "LOGIN_ERROR");
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response login_form(app::Context& ctx)
{
    if (ctx.parent)
        return http::see_other("/famille");
    return login_page(ctx, "", nullptr, 200);
}

http::Response login_submit(app::Context& ctx)
{
    const auto email_field = text_field(ctx.req.form(), "email", 254);
    const auto password = secret_field(ctx.req.form(), "mot_de_passe");
    if (!email_field.ok() || !password.ok())
        return login_page(ctx, email_field.ok() ? email_field.value : "",
                          "Saisissez votre email et votre mot de passe.", 400);
    const auto email = domain::normalize_email(email_field.value);
    const auto ip_bucket = bucket(ctx, "login-ip", client_ip(ctx));
    const auto account_bucket = bucket(ctx, "login-account", email);
    throttle_or_429(ctx, account_bucket, login_per_account, "login-account");
    throttle_or_429(ctx, ip_bucket, login_per_ip, "login-ip");

    const auto account = db::find_account_by_email(ctx.db(), ctx.commune.id, email);
    bool ok = false;
    if (account)
        ok = security::verify_password(password.value, account->password_hash);
    else
        security::verify_dummy(password.value); // same time for unknown and wrong
    if (!ok) {
        db::throttle_record(ctx.db(), account_bucket);
        db::throttle_record(ctx.db(), ip_bucket);
        ctx.security_event("login-failed",
                           account ? "account=parent:" + std::to_string(account->id)
                                   : std::string("account=unknown"),
                           true);
        return login_page(ctx, email, "Email ou mot de passe incorrect.", 200);
    }
    db::throttle_clear(ctx.db(), account_bucket);
    if (!account->confirmed)
        return message_page(
            ctx, "Confirmez d'abord votre compte",
            "Votre compte n'est pas encore confirmé : cliquez sur le lien du mail que nous vous "
            "avons envoyé (pensez à regarder dans vos courriers indésirables). Le lien a "
            "expiré ou vous ne trouvez pas le mail ? Demandez-en un nouveau ci-dessous.",
            200, "/compte/confirmer/renvoyer");
    if (security::needs_rehash(account->password_hash))
        db::set_account_password(ctx.db(), ctx.commune.id, account->id,
                                 security::hash_password(password.value));
    ctx.start_session(db::SessionKind::Parent, account->id);
    db::record_login(ctx.db(), ctx.commune.id, "parent", account->id, client_ip(ctx),
                     std::string(ctx.req.env("HTTP_USER_AGENT")));
    ctx.security_event("login", "account=parent:" + std::to_string(account->id), false);
    return http::see_other("/famille");
}

http::Response logout(app::Context& ctx)
{
    ctx.end_session();
    return http::see_other("/");
}

// --- Créer un compte -----------------------------------------------------------------------

namespace
{

struct CreateInput {
    Field email, password, confirmation, last_name, first_name, code;
};

http::Response create_page(app::Context& ctx, const CreateInput* in, int status,
                           const char* general_error = nullptr)
{
    view::Page page("compte/creer.tpl", "Créer un compte");
    auto& d = page.dict();
    if (in) {
        d.SetValue("EMAIL", in->email.value);
        d.SetValue("NOM", in->last_name.value);
        d.SetValue("PRENOM", in->first_name.value);
        d.SetValue("CODE_ABONNE", in->code.value);
    }
    if (general_error)
        d.SetValueAndShowSection("MESSAGE", general_error, "GENERAL_ERROR");
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response create_form(app::Context& ctx)
{
    if (ctx.parent)
        return http::see_other("/famille");
    return create_page(ctx, nullptr, 200);
}

http::Response create_submit(app::Context& ctx)
{
    const auto& form = ctx.req.form();
    CreateInput in{text_field(form, "email", 254),
                   secret_field(form, "mot_de_passe"),
                   secret_field(form, "mot_de_passe_confirmation"),
                   text_field(form, "nom", 100),
                   text_field(form, "prenom", 100),
                   text_field(form, "code_abonne", 40)};
    view::Page page("compte/creer.tpl", "Créer un compte");
    auto& d = page.dict();
    bool invalid = false;
    auto check = [&](const Field& f, const char* name, const char* missing) {
        if (!f.ok()) {
            show_field_error(d, name, field_message(f.problem, missing));
            invalid = true;
        }
    };
    check(in.email, "EMAIL", "Saisissez votre adresse email.");
    check(in.last_name, "NOM", "Saisissez votre nom.");
    check(in.first_name, "PRENOM", "Saisissez votre prénom.");
    check(in.code, "CODE_ABONNE", "Saisissez le code abonné remis par la mairie.");
    check(in.password, "MOT_DE_PASSE", "Choisissez un mot de passe.");
    const auto email = domain::normalize_email(in.email.value);
    if (in.email.ok() && !acceptable_email(email)) {
        show_field_error(d, "EMAIL",
                         "Cette adresse email n'est pas valide (exemple : nom@exemple.fr).");
        invalid = true;
    }
    if (in.password.ok()) {
        const auto verdict = domain::check_new_password(
            in.password.value, in.confirmation.ok() ? in.confirmation.value : std::string{});
        if (verdict != domain::PasswordVerdict::Ok) {
            show_field_error(d, "MOT_DE_PASSE", domain::password_verdict_message(verdict));
            invalid = true;
        }
    }
    d.SetValue("EMAIL", in.email.ok() ? in.email.value : "");
    d.SetValue("NOM", in.last_name.ok() ? in.last_name.value : "");
    d.SetValue("PRENOM", in.first_name.ok() ? in.first_name.value : "");
    d.SetValue("CODE_ABONNE", in.code.ok() ? in.code.value : "");
    if (invalid)
        return page.render(ctx.layout(), 400);

    const auto canonical = domain::canonical_subscriber_code(in.code.value);
    const auto ip_bucket = bucket(ctx, "create-ip", client_ip(ctx));
    // Per code: the family number, so variations of one family's code share a bucket.
    const auto number =
        canonical ? domain::subscriber_code_family_number(*canonical) : std::nullopt;
    const auto code_bucket =
        bucket(ctx, "create-code", number ? std::to_string(*number) : in.code.value);
    throttle_or_429(ctx, ip_bucket, create_per_ip, "create-ip");
    throttle_or_429(ctx, code_bucket, create_per_code, "create-code");

    // Hash now, whatever happens next, so timing says nothing about the code or the email.
    const auto hash = security::hash_password(in.password.value);
    std::optional<db::Guardian> guardian;
    std::int64_t family_id = 0;
    if (canonical)
        if (const auto family = db::find_family_by_code(ctx.db(), ctx.commune.id, *canonical)) {
            family_id = family->family_id;
            for (const auto& g : family->guardians)
                if (!g.has_account && domain::same_person(g.last_name, g.first_name,
                                                          in.last_name.value, in.first_name.value))
                    guardian = g;
        }
    if (!guardian) {
        db::throttle_record(ctx.db(), ip_bucket);
        db::throttle_record(ctx.db(), code_bucket);
        ctx.security_event("code-refused", canonical ? "code=well-formed" : "code=malformed", true);
        return create_page(ctx, &in, 200, generic_create_error);
    }

    db::Transaction tx(ctx.db());
    if (db::find_account_by_email(ctx.db(), ctx.commune.id, email)) {
        // Same answer as a success; the owner of the address is told by mail.
        mail_already_registered(ctx, email);
    } else {
        std::int64_t account_id = 0;
        try {
            account_id =
                db::create_account(ctx.db(), ctx.commune.id, family_id, guardian->id, email, hash);
        } catch (const std::runtime_error&) {
            // The guardian got an account meanwhile (double submit): nothing more to do.
            return create_page(ctx, &in, 200, generic_create_error);
        }
        const auto token = db::create_token(ctx.db(), ctx.commune.id, account_id,
                                            db::TokenPurpose::Confirm, confirm_minutes);
        mail_confirmation(ctx, email, guardian->first_name, token);
    }
    tx.commit();
    return message_page(
        ctx, "Vérifiez votre boîte mail",
        "Votre demande est enregistrée. Un mail vient de vous être envoyé à l'adresse " + email +
            " : cliquez sur le lien qu'il contient pour confirmer votre compte (valable 48 "
            "heures). Pensez à vérifier votre dossier de courriers indésirables (spam).");
}

http::Response confirm(app::Context& ctx)
{
    const auto token = std::string(ctx.req.query().get("jeton").value_or(""));
    db::Transaction tx(ctx.db());
    const auto row = db::find_token(ctx.db(), ctx.commune.id, db::TokenPurpose::Confirm, token);
    if (!row || row->used || row->expired) {
        const bool used = row && row->used;
        return message_page(
            ctx, used ? "Lien déjà utilisé" : "Lien expiré ou invalide",
            used ? "Ce lien de confirmation a déjà servi : votre compte est confirmé, vous pouvez "
                   "vous connecter. Si besoin, demandez un nouveau lien ci-dessous."
                 : "Ce lien de confirmation n'est plus valable (il expire au bout de 48 heures). "
                   "Saisissez votre adresse email pour en recevoir un nouveau.",
            row ? 409 : 404, "/compte/confirmer/renvoyer");
    }
    const auto account = db::find_account(ctx.db(), ctx.commune.id, row->account_id);
    if (!account)
        throw http::Error(404);
    db::mark_token_used(ctx.db(), row->id);
    db::confirm_account(ctx.db(), ctx.commune.id, account->id);
    ctx.start_session(db::SessionKind::Parent, account->id);
    db::record_login(ctx.db(), ctx.commune.id, "parent", account->id, client_ip(ctx),
                     std::string(ctx.req.env("HTTP_USER_AGENT")));
    tx.commit();
    return http::see_other("/famille?bienvenue=1");
}

http::Response resend_confirmation(app::Context& ctx)
{
    const auto email_field = text_field(ctx.req.form(), "email", 254);
    if (!email_field.ok())
        return message_page(ctx, "Recevoir un nouveau lien", "Saisissez votre adresse email.", 400,
                            "/compte/confirmer/renvoyer");
    const auto email = domain::normalize_email(email_field.value);
    const auto ip_bucket = bucket(ctx, "reset-ip", client_ip(ctx));
    const auto email_bucket = bucket(ctx, "resend", email);
    throttle_or_429(ctx, ip_bucket, reset_per_ip, "reset-ip");
    throttle_or_429(ctx, email_bucket, reset_per_email, "resend-email");
    db::throttle_record(ctx.db(), ip_bucket);
    db::throttle_record(ctx.db(), email_bucket);
    db::Transaction tx(ctx.db());
    if (const auto account = db::find_account_by_email(ctx.db(), ctx.commune.id, email);
        account && !account->confirmed) {
        db::retire_tokens(ctx.db(), account->id, db::TokenPurpose::Confirm);
        const auto token = db::create_token(ctx.db(), ctx.commune.id, account->id,
                                            db::TokenPurpose::Confirm, confirm_minutes);
        mail_confirmation(ctx, email, account->first_name, token);
    }
    tx.commit();
    return message_page(ctx, "Vérifiez votre boîte mail",
                        "Si un compte en attente de confirmation existe pour cette adresse, un "
                        "nouveau lien vient d'y être envoyé. Pensez à vérifier vos courriers "
                        "indésirables.");
}

// --- Mot de passe oublié -------------------------------------------------------------------

http::Response forgot_form(app::Context& ctx)
{
    view::Page page("compte/mot_de_passe_oublie.tpl", "Je n'arrive pas à me connecter");
    return page.render(ctx.layout());
}

http::Response forgot_submit(app::Context& ctx)
{
    const auto email_field = text_field(ctx.req.form(), "email", 254);
    if (!email_field.ok() || !acceptable_email(domain::normalize_email(email_field.value))) {
        view::Page page("compte/mot_de_passe_oublie.tpl", "Je n'arrive pas à me connecter");
        show_field_error(page.dict(), "EMAIL", "Saisissez une adresse email valide.");
        return page.render(ctx.layout(), 400);
    }
    const auto email = domain::normalize_email(email_field.value);
    const auto ip_bucket = bucket(ctx, "reset-ip", client_ip(ctx));
    const auto email_bucket = bucket(ctx, "reset-email", email);
    throttle_or_429(ctx, ip_bucket, reset_per_ip, "reset-ip");
    throttle_or_429(ctx, email_bucket, reset_per_email, "reset-email");
    db::throttle_record(ctx.db(), ip_bucket);
    db::throttle_record(ctx.db(), email_bucket);
    db::Transaction tx(ctx.db());
    if (const auto account = db::find_account_by_email(ctx.db(), ctx.commune.id, email)) {
        const auto token = db::create_token(ctx.db(), ctx.commune.id, account->id,
                                            db::TokenPurpose::Reset, reset_minutes);
        mail_password_reset(ctx, email, token);
    }
    tx.commit();
    return message_page(ctx, "Vérifiez votre boîte mail",
                        "Si un compte existe pour l'adresse " + email +
                            ", un mail vient d'y être envoyé avec un lien pour choisir un "
                            "nouveau mot de passe (valable 1 heure). Pensez à vérifier vos "
                            "courriers indésirables.");
}

namespace
{
http::Response reset_page(app::Context& ctx, const std::string& token, int status,
                          const char* error = nullptr)
{
    view::Page page("compte/reinitialiser.tpl", "Nouveau mot de passe");
    page.dict().SetValue("JETON", token);
    if (error)
        show_field_error(page.dict(), "MOT_DE_PASSE", error);
    return page.render(ctx.layout(), status);
}

std::optional<db::TokenRow> live_reset_token(app::Context& ctx, const std::string& token)
{
    auto row = db::find_token(ctx.db(), ctx.commune.id, db::TokenPurpose::Reset, token);
    if (!row || row->used || row->expired)
        return std::nullopt;
    return row;
}

http::Response reset_link_dead(app::Context& ctx)
{
    return message_page(ctx, "Lien expiré ou déjà utilisé",
                        "Ce lien pour changer de mot de passe n'est plus valable : il ne sert "
                        "qu'une fois et expire au bout d'une heure. Demandez-en un nouveau depuis "
                        "« Je n'arrive pas à me connecter ».",
                        409);
}
} // namespace

http::Response reset_form(app::Context& ctx)
{
    const auto token = std::string(ctx.req.query().get("jeton").value_or(""));
    if (!live_reset_token(ctx, token))
        return reset_link_dead(ctx);
    return reset_page(ctx, token, 200);
}

http::Response reset_submit(app::Context& ctx)
{
    const auto token = std::string(ctx.req.query().get("jeton").value_or(""));
    const auto password = secret_field(ctx.req.form(), "mot_de_passe");
    const auto confirmation = secret_field(ctx.req.form(), "mot_de_passe_confirmation");
    db::Transaction tx(ctx.db());
    const auto row = live_reset_token(ctx, token);
    if (!row) {
        ctx.security_event("token-refused", "for=password-reset", true);
        return reset_link_dead(ctx);
    }
    if (!password.ok())
        return reset_page(ctx, token, 400, "Choisissez un mot de passe.");
    const auto verdict = domain::check_new_password(
        password.value, confirmation.ok() ? confirmation.value : std::string{});
    if (verdict != domain::PasswordVerdict::Ok)
        return reset_page(ctx, token, 400, domain::password_verdict_message(verdict));
    db::set_account_password(ctx.db(), ctx.commune.id, row->account_id,
                             security::hash_password(password.value));
    db::retire_tokens(ctx.db(), row->account_id, db::TokenPurpose::Reset);
    // The link came by mail: the address is proven, the account is confirmed.
    db::confirm_account(ctx.db(), ctx.commune.id, row->account_id);
    db::delete_account_sessions(ctx.db(), db::SessionKind::Parent, row->account_id);
    // Whoever reads the mailbox owns the account: failed logins (maybe someone else's, to
    // lock it) no longer keep the owner out.
    if (const auto account = db::find_account(ctx.db(), ctx.commune.id, row->account_id))
        db::throttle_clear(ctx.db(), bucket(ctx, "login-account", account->email));
    tx.commit();
    ctx.security_event("password-reset", "account=parent:" + std::to_string(row->account_id),
                       false);
    return message_page(ctx, "Mot de passe modifié",
                        "Votre nouveau mot de passe est enregistré et toutes vos sessions ont été "
                        "fermées. Vous pouvez maintenant vous connecter.");
}

// --- Mon compte ----------------------------------------------------------------------------

namespace
{
http::Response account_page(app::Context& ctx, int status,
                            const std::function<void(ctemplate::TemplateDictionary&)>& extra = {})
{
    view::Page page("compte/mon_compte.tpl", "Mon compte");
    auto& d = page.dict();
    d.SetValue("EMAIL", ctx.parent->email);
    d.SetValue("NAME", ctx.parent->first_name + " " + ctx.parent->last_name);
    const auto notice = ctx.req.query().get("ok").value_or("");
    if (notice == "email")
        d.SetValueAndShowSection("NOTICE",
                                 "Un lien de confirmation a été envoyé à votre nouvelle adresse. "
                                 "Elle remplacera l'actuelle dès que vous aurez cliqué dessus.",
                                 "HAS_NOTICE");
    else if (notice == "motdepasse")
        d.SetValueAndShowSection("NOTICE",
                                 "Votre mot de passe a été modifié ; vos autres sessions sont "
                                 "fermées.",
                                 "HAS_NOTICE");
    else if (notice == "email-confirme")
        d.SetValueAndShowSection("NOTICE", "Votre nouvelle adresse email est enregistrée.",
                                 "HAS_NOTICE");
    else if (notice == "rappels")
        d.SetValueAndShowSection("NOTICE", "Votre choix pour les rappels est enregistré.",
                                 "HAS_NOTICE");
    d.ShowSection(db::reminders_opt_out(ctx.db(), ctx.commune.id, ctx.family_id())
                      ? "REMINDERS_OFF"
                      : "REMINDERS_ON");
    for (const auto& login :
         db::recent_logins(ctx.db(), ctx.commune.id, "parent", ctx.parent->id, 10)) {
        auto* row = d.AddSectionDictionary("LOGIN");
        if (const auto t = domain::parse_sql_datetime(login.when_utc))
            row->SetValue("WHEN", domain::format_datetime_fr(
                                      domain::paris_from_epoch(domain::utc_epoch(*t))));
        row->SetValue("IP", login.ip);
        row->SetValue("AGENT", login.user_agent.substr(0, 80));
    }
    if (extra)
        extra(d);
    return page.render(ctx.layout(), status);
}

// The logged-in parent's password, checked against the account as stored now: the session's
// copy of the account carries no hash (app/parent_accounts.h).
bool current_password_ok(app::Context& ctx, const Field& password)
{
    if (!password.ok())
        return false;
    const auto account = db::find_account(ctx.db(), ctx.commune.id, ctx.parent->id);
    return account && security::verify_password(password.value, account->password_hash);
}
} // namespace

http::Response my_account(app::Context& ctx)
{
    return account_page(ctx, 200);
}

http::Response change_reminders(app::Context& ctx)
{
    const auto value = ctx.req.form().get("rappels").value_or("");
    if (value != "1" && value != "0")
        throw http::Error(400, "Choisissez de recevoir ou non les rappels.");
    db::set_reminders_opt_out(ctx.db(), ctx.commune.id, ctx.family_id(), value == "0");
    return http::see_other("/compte?ok=rappels");
}

http::Response change_email(app::Context& ctx)
{
    const auto email_field = text_field(ctx.req.form(), "nouvel_email", 254);
    const auto password = secret_field(ctx.req.form(), "mot_de_passe");
    const auto email = domain::normalize_email(email_field.value);
    if (!email_field.ok() || !acceptable_email(email))
        return account_page(ctx, 400, [](auto& d) {
            show_field_error(d, "NOUVEL_EMAIL", "Saisissez une adresse email valide.");
        });
    const auto account_bucket = bucket(ctx, "login-account", ctx.parent->email);
    throttle_or_429(ctx, account_bucket, login_per_account, "login-account");
    if (!current_password_ok(ctx, password)) {
        db::throttle_record(ctx.db(), account_bucket);
        ctx.security_event("reauth-failed", "for=email-change", true);
        return account_page(ctx, 400, [](auto& d) {
            show_field_error(d, "EMAIL_MOT_DE_PASSE", "Mot de passe incorrect.");
        });
    }
    db::Transaction tx(ctx.db());
    if (!db::find_account_by_email(ctx.db(), ctx.commune.id, email)) {
        db::retire_tokens(ctx.db(), ctx.parent->id, db::TokenPurpose::EmailChange);
        const auto token =
            db::create_token(ctx.db(), ctx.commune.id, ctx.parent->id,
                             db::TokenPurpose::EmailChange, email_change_minutes, email);
        mail_email_change(ctx, email, token);
        mail_email_change_notice(ctx, ctx.parent->email, email);
    } else {
        mail_already_registered(ctx, email); // tells the owner, reveals nothing here
    }
    tx.commit();
    return http::see_other("/compte?ok=email");
}

http::Response confirm_email_change(app::Context& ctx)
{
    const auto token = std::string(ctx.req.query().get("jeton").value_or(""));
    db::Transaction tx(ctx.db());
    const auto row = db::find_token(ctx.db(), ctx.commune.id, db::TokenPurpose::EmailChange, token);
    if (!row || row->used || row->expired || row->new_email.empty())
        return message_page(ctx, "Lien expiré ou déjà utilisé",
                            "Ce lien de changement d'adresse n'est plus valable. Refaites la "
                            "demande depuis « Mon compte ».",
                            409);
    db::mark_token_used(ctx.db(), row->id);
    if (!db::set_account_email(ctx.db(), ctx.commune.id, row->account_id, row->new_email)) {
        tx.commit();
        return message_page(ctx, "Adresse déjà utilisée",
                            "Cette adresse est déjà celle d'un autre compte : elle ne peut pas "
                            "être enregistrée.",
                            409);
    }
    tx.commit();
    return http::see_other(ctx.parent ? "/compte?ok=email-confirme" : "/connexion");
}

http::Response change_password(app::Context& ctx)
{
    const auto current = secret_field(ctx.req.form(), "mot_de_passe_actuel");
    const auto password = secret_field(ctx.req.form(), "mot_de_passe");
    const auto confirmation = secret_field(ctx.req.form(), "mot_de_passe_confirmation");
    const auto account_bucket = bucket(ctx, "login-account", ctx.parent->email);
    throttle_or_429(ctx, account_bucket, login_per_account, "login-account");
    if (!current_password_ok(ctx, current)) {
        db::throttle_record(ctx.db(), account_bucket);
        ctx.security_event("reauth-failed", "for=password-change", true);
        return account_page(ctx, 400, [](auto& d) {
            show_field_error(d, "MOT_DE_PASSE_ACTUEL", "Mot de passe actuel incorrect.");
        });
    }
    const auto verdict =
        domain::check_new_password(password.ok() ? password.value : std::string{},
                                   confirmation.ok() ? confirmation.value : std::string{});
    if (verdict != domain::PasswordVerdict::Ok)
        return account_page(ctx, 400, [&](auto& d) {
            show_field_error(d, "NOUVEAU_MOT_DE_PASSE", domain::password_verdict_message(verdict));
        });
    db::Transaction tx(ctx.db());
    db::set_account_password(ctx.db(), ctx.commune.id, ctx.parent->id,
                             security::hash_password(password.value));
    db::delete_account_sessions(ctx.db(), db::SessionKind::Parent, ctx.parent->id, ctx.session->id);
    mail_password_changed(ctx, ctx.parent->email);
    tx.commit();
    ctx.security_event("password-changed", {}, false);
    return http::see_other("/compte?ok=motdepasse");
}

} // namespace web
