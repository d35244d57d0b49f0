#include "export/family_export.h"

#include "db/families.h"
#include "db/family_file.h"
#include "domain/time.h"
#include "export/json.h"
#include "export/zip.h"

#include <ctime>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

namespace archive
{

namespace
{

// The export has no size limit of its own: a family's history is small, and the family is
// entitled to all of it.
constexpr int all_rows = 1000000;
constexpr std::size_t max_name_chars = 40;

// The code point of the well-formed UTF-8 sequence at s[i] and its length; length 0 when the
// bytes there are not one (then one byte is skipped).
std::pair<char32_t, std::size_t> decode_utf8(std::string_view s, std::size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
        return {c, 1};
    std::size_t length = 0;
    char32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        cp = c & 0x07;
    } else {
        return {0, 0};
    }
    if (i + length > s.size())
        return {0, 0};
    for (std::size_t k = 1; k < length; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return {0, 0};
        cp = (cp << 6) | (b & 0x3F);
    }
    const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return {0, 0};
    return {cp, length};
}

// Letters and marks of the scripts names are written in; punctuation, symbols, spaces,
// format characters and emoji are not.
bool name_letter(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
               cp == '-';
    if (cp == 0xD7 || cp == 0xF7 || cp == 0x37E || cp == 0x387 || cp == 0x61C || cp == 0x1680 ||
        cp == 0x180E)
        return false;
    return (cp >= 0xC0 && cp <= 0x1FFF) || (cp >= 0x3040 && cp <= 0xD7FF) ||
           (cp >= 0xF900 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE);
}

// An extension of lower-case ASCII letters and digits ("jpg", "pdf"); "bin" when none is left.
std::string safe_extension(std::string_view ext)
{
    std::string out;
    for (const char c : ext) {
        if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += c;
        if (out.size() == 8)
            break;
    }
    return out.empty() ? "bin" : out;
}

// "2026-11-29T17:30:00Z" for MariaDB's UTC text "2026-11-29 17:30:00"; nullopt when empty
// or not a date and time.
std::optional<std::string> iso_utc(const std::string& sql_text)
{
    const auto t = domain::parse_sql_datetime(sql_text);
    if (!t)
        return std::nullopt;
    auto text = domain::format_sql_datetime(*t);
    text[10] = 'T';
    return text + 'Z';
}

void utc_field(json::Writer& w, std::string_view key, const std::string& sql_text)
{
    if (const auto iso = iso_utc(sql_text))
        w.field(key, *iso);
    else
        w.field_null(key);
}

// A string that is "" when absent (dates "YYYY-MM-DD", ids' names…) as null.
void text_or_null(json::Writer& w, std::string_view key, const std::string& text)
{
    if (text.empty())
        w.field_null(key);
    else
        w.field(key, text);
}

void yes_no_field(json::Writer& w, std::string_view key, const std::optional<bool>& v)
{
    if (v)
        w.field(key, *v);
    else
        w.field_null(key);
}

void id_or_null(json::Writer& w, std::string_view key, std::int64_t id)
{
    if (id > 0)
        w.field(key, id);
    else
        w.field_null(key);
}

void write_family(json::Writer& w, const db::Family& f)
{
    w.key("famille").begin_object();
    w.field("id", f.id).field("numero", f.number).field("nom", f.name);
    w.key("adresse").begin_object();
    w.field("ligne1", f.address_line1)
        .field("ligne2", f.address_line2)
        .field("code_postal", f.postal_code)
        .field("ville", f.city);
    w.end_object();
    w.field("telephone", f.phone).field("email", f.email);
    if (f.family_quotient)
        w.field("quotient_familial", *f.family_quotient);
    else
        w.field_null("quotient_familial");
    text_or_null(w, "quotient_familial_valide_jusqu_au", f.quotient_valid_until);
    w.field("dossier_valide", f.validated).field("archivee", f.archived);
    w.end_object();
}

// Every field of db::Member, under the names the portal's forms use.
void write_member(json::Writer& w, const db::Member& m, const std::string& photo_file)
{
    w.begin_object();
    w.field("id", m.id)
        .field("famille_id", m.family_id)
        .field("role", db::member_role_name(m.role))
        .field("role_libelle", db::member_role_label(m.role))
        .field("nom", m.last_name)
        .field("prenom", m.first_name);
    text_or_null(w, "date_naissance", m.birth_date);
    w.field("ecole", m.school).field("classe", m.class_name);
    w.key("coordonnees").begin_object();
    w.field("telephone", m.phone)
        .field("portable", m.mobile_phone)
        .field("email", m.email)
        .field("adresse", m.address)
        .field("employeur", m.employer)
        .field("telephone_travail", m.work_phone)
        .field("lien", m.relationship);
    w.end_object();
    w.key("contact").begin_object();
    w.field("peut_recuperer", m.can_pick_up).field("urgence", m.emergency_contact);
    w.end_object();
    w.key("sante").begin_object();
    yes_no_field(w, "allergies_reponse", m.has_allergies);
    w.field("allergies", m.allergies).field("regime", m.diet);
    yes_no_field(w, "pai", m.pai);
    w.field("medecin", m.doctor);
    yes_no_field(w, "vaccins", m.vaccinations_ok);
    w.end_object();
    w.key("autorisations").begin_object();
    yes_no_field(w, "droit_image", m.image_rights);
    yes_no_field(w, "sortie_seul", m.may_leave_alone);
    yes_no_field(w, "transport", m.school_transport);
    w.end_object();
    w.field("a_une_photo", m.has_photo);
    text_or_null(w, "photo", photo_file);
    w.end_object();
}

void write_document(json::Writer& w, const db::Document& d, const std::string& file)
{
    w.begin_object();
    w.field("id", d.id);
    id_or_null(w, "membre_id", d.member_id);
    text_or_null(w, "membre", d.member_name);
    w.field("type", db::document_kind_name(d.kind))
        .field("type_libelle", db::document_kind_label(d.kind))
        .field("format", d.mime)
        .field("taille", d.size)
        .field("statut", db::decision_name(d.status))
        .field("statut_libelle", db::decision_label(d.status))
        .field("commentaire", d.comment);
    text_or_null(w, "valide_jusqu_au", d.valid_until);
    utc_field(w, "depose_le", d.uploaded_at);
    utc_field(w, "decide_le", d.decided_at);
    text_or_null(w, "fichier", file);
    w.end_object();
}

void write_request(json::Writer& w, const db::ChangeRequest& r)
{
    w.begin_object();
    w.field("id", r.id);
    id_or_null(w, "membre_id", r.member_id);
    text_or_null(w, "membre", r.member_name);
    w.field("type", db::change_kind_name(r.kind))
        .field("type_libelle", db::change_kind_label(r.kind));
    id_or_null(w, "justificatif_id", r.document_id);
    w.field("statut", db::decision_name(r.status))
        .field("statut_libelle", db::decision_label(r.status))
        .field("commentaire", r.comment);
    utc_field(w, "creee_le", r.created_at);
    utc_field(w, "decidee_le", r.decided_at);
    w.key("champs").begin_array();
    for (const auto& f : r.fields) {
        w.begin_object();
        w.field("champ", f.field)
            .field("libelle", f.label)
            .field("avant", f.before)
            .field("apres", f.after);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

void write_rules(json::Writer& w, const db::RulesDocument& r)
{
    w.begin_object();
    w.field("id", r.id)
        .field("service", r.service)
        .field("titre", r.title)
        .field("version", r.version);
    utc_field(w, "publie_le", r.published_at);
    utc_field(w, "accepte_le", r.accepted_at);
    w.field("version_precedente_acceptee", r.accepted_older);
    w.end_object();
}

void write_account(json::Writer& w, const db::AccountInfo& a)
{
    // Never the password hash nor any token: db::AccountInfo does not carry them.
    w.begin_object();
    w.field("email", a.email);
    text_or_null(w, "responsable", a.guardian_name);
    utc_field(w, "cree_le", a.created_at);
    utc_field(w, "confirme_le", a.confirmed_at);
    utc_field(w, "derniere_connexion", a.last_login_at);
    w.end_object();
}

void write_journal_entry(json::Writer& w, const db::FamilyJournalEntry& e)
{
    w.begin_object();
    utc_field(w, "date", e.created_at);
    w.field("par", e.actor).field("action", e.action).field("detail", e.detail);
    if (e.has_values)
        w.field("avant", e.before).field("apres", e.after);
    else
        w.field_null("avant").field_null("apres");
    w.end_object();
}

void write_login(json::Writer& w, const db::LoginEntry& e)
{
    w.begin_object();
    utc_field(w, "date", e.created_at);
    w.field("compte", e.who).field("adresse_ip", e.ip).field("navigateur", e.user_agent);
    w.end_object();
}

std::string readme(std::string_view commune_name, const db::Family& family,
                   const std::string& export_date, std::size_t photos, std::size_t proofs)
{
    const std::string commune = commune_name.empty() ? "la commune" : std::string(commune_name);
    std::string t;
    t += "Portail Famille — vos données\r\n";
    t += "=============================\r\n\r\n";
    t += "Cette archive contient toutes les données que le Portail Famille de " + commune +
         " conserve sur la famille " + family.name + " (n° " + std::to_string(family.number) +
         "), telles qu'elles étaient le " + export_date + ".\r\n\r\n";
    t += "donnees.json\r\n";
    t += "  Le dossier de la famille au format JSON, lisible avec un éditeur de texte :\r\n"
         "  adresse, quotient familial, chaque membre (identité, coordonnées,\r\n"
         "  santé, autorisations), les justificatifs et leur état, les demandes de\r\n"
         "  modification, les règlements acceptés, les comptes parents (sans les mots de\r\n"
         "  passe, qui ne sont jamais conservés en clair), le journal des modifications et\r\n"
         "  l'historique des connexions. Les dates sont en heure UTC.\r\n\r\n";
    t += "photos/\r\n";
    t += "  Les photos des membres (" + std::to_string(photos) +
         "), nommées par le numéro du membre et son prénom.\r\n\r\n";
    t += "justificatifs/\r\n";
    t += "  Les justificatifs déposés (" + std::to_string(proofs) +
         "), nommés par leur numéro et leur type.\r\n\r\n";
    t += "Pour corriger une information, modifiez votre dossier sur le portail ou adressez-vous\r\n"
         "à la mairie. Pour exercer vos autres droits (effacement, limitation, opposition),\r\n"
         "contactez la mairie de " +
         commune + ".\r\n";
    return t;
}

} // namespace

std::string safe_file_part(std::string_view name)
{
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < name.size() && chars < max_name_chars; ++chars) {
        const auto [cp, length] = decode_utf8(name, i);
        if (length > 0 && name_letter(cp))
            out.append(name.substr(i, length));
        else
            out += '_';
        i += length > 0 ? length : 1;
    }
    return out.empty() ? "membre" : out;
}

std::string family_export_zip(db::Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                              std::string_view commune_name)
{
    const auto family = db::load_family(conn, commune_id, family_id);
    if (!family)
        throw std::invalid_argument("family_export_zip: no such family in this commune");

    const std::time_t now = std::time(nullptr);
    const auto utc_now = domain::utc_from_epoch(now);
    const auto paris_now = domain::paris_from_epoch(now);
    ZipWriter zip;
    zip.set_time(paris_now.date.year, paris_now.date.month, paris_now.date.day, paris_now.hour,
                 paris_now.minute, paris_now.second);

    std::map<std::int64_t, std::string> photo_files; // by member id
    std::map<std::int64_t, std::string> first_names;
    for (const auto& m : family->members)
        first_names[m.id] = m.first_name;
    const auto photos = db::family_photos(conn, commune_id, family_id);
    for (const auto& p : photos) {
        const auto name = "photos/" + std::to_string(p.member_id) + "-" +
                          safe_file_part(first_names[p.member_id]) + ".jpg";
        zip.add(name, p.data, false);
        photo_files[p.member_id] = name;
    }

    const auto documents = db::family_documents(conn, commune_id, family_id);
    std::map<std::int64_t, std::string> document_files; // by document id
    for (const auto& d : documents) {
        const auto data = db::document_data(conn, commune_id, family_id, d.id);
        if (!data)
            continue;
        const auto name = "justificatifs/" + std::to_string(d.id) + "-" +
                          db::document_kind_name(d.kind) + "." + safe_extension(d.extension);
        zip.add(name, *data, false); // JPEG and PDF do not shrink
        document_files[d.id] = name;
    }

    json::Writer w;
    w.begin_object();
    w.field("format", "Portail Famille — export des données (RGPD)").field("version", 1);
    utc_field(w, "date_export", domain::format_sql_datetime(utc_now));
    w.key("commune").begin_object();
    w.field("id", commune_id).field("nom", commune_name);
    w.end_object();
    write_family(w, *family);

    w.key("membres").begin_array();
    for (const auto& m : family->members) {
        const auto photo = photo_files.find(m.id);
        write_member(w, m, photo == photo_files.end() ? std::string() : photo->second);
    }
    w.end_array();

    w.key("justificatifs").begin_array();
    for (const auto& d : documents) {
        const auto file = document_files.find(d.id);
        write_document(w, d, file == document_files.end() ? std::string() : file->second);
    }
    w.end_array();

    w.key("demandes_de_modification").begin_array();
    for (const auto& r : db::family_change_requests(conn, commune_id, family_id, all_rows))
        write_request(w, r);
    w.end_array();

    w.key("reglements").begin_array();
    for (const auto& r : db::current_rules(conn, commune_id, family_id))
        write_rules(w, r);
    w.end_array();

    w.key("comptes").begin_array();
    for (const auto& a : db::family_accounts(conn, commune_id, family_id))
        write_account(w, a);
    w.end_array();

    w.key("journal").begin_array();
    for (const auto& e : db::family_change_journal(conn, commune_id, family_id, all_rows))
        write_journal_entry(w, e);
    w.end_array();

    w.key("connexions").begin_array();
    for (const auto& e : db::family_logins(conn, commune_id, family_id, all_rows))
        write_login(w, e);
    w.end_array();
    w.end_object();

    zip.add("donnees.json", w.str() + "\n");
    zip.add("LISEZMOI.txt", readme(commune_name, *family, domain::format_datetime_fr(paris_now),
                                   photo_files.size(), document_files.size()));
    return zip.finish();
}

} // namespace archive
