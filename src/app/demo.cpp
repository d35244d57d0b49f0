#include "app/demo.h"

#include "db/accounts.h"
#include "db/agents.h"
#include "db/communes.h"
#include "db/families.h"
#include "db/family_file.h"
#include "security/password.h"
#include "security/subscriber_codes.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace app
{

namespace
{

struct DemoMember {
    db::MemberRole role;
    const char* last;
    const char* first;
    const char* birth;
    const char* school;
    const char* class_name;
    const char* email;
};

struct DemoFamily {
    const char* name;
    const char* address;
    const char* phone;
    int quotient;
    std::vector<DemoMember> members;
};

const std::vector<DemoFamily>& demo_families()
{
    using R = db::MemberRole;
    static const std::vector<DemoFamily> families = {
        {"FICTIF",
         "12 rue des Écoles",
         "04 90 00 00 01",
         820,
         {{R::Guardian, "FICTIF", "Rolf", "", "", "", "rolf.fictif@example.org"},
          {R::Guardian, "FICTIF", "Anna", "", "", "", "anna.fictif@example.org"},
          {R::Child, "FICTIF", "Léa", "2017-03-14", "École élémentaire Jean Moulin", "CE2", ""},
          {R::Child, "FICTIF", "Tom", "2020-09-02", "École maternelle Les Tilleuls", "MS", ""}}},
        {"DUPONT-MARTIN",
         "3 chemin de la Durance",
         "04 90 00 00 02",
         540,
         {{R::Guardian, "DUPONT-MARTIN", "Élodie", "", "", "", "elodie.dm@example.org"},
          {R::Child, "DUPONT-MARTIN", "Hugo", "2016-11-21", "École élémentaire Jean Moulin", "CM1",
           ""}}},
        {"BERNARD",
         "8 avenue du Général de Gaulle",
         "04 90 00 00 03",
         1250,
         {{R::Guardian, "BERNARD", "Karim", "", "", "", "karim.bernard@example.org"},
          {R::Guardian, "BERNARD", "Sophie", "", "", "", "sophie.bernard@example.org"},
          {R::Child, "BERNARD", "Inès", "2018-05-30", "École élémentaire Jean Moulin", "CE1", ""}}},
    };
    return families;
}

// A one-page PDF with a few lines of text (Helvetica, WinAnsi: no accents needed), built with
// exact xref offsets so every reader opens it.
std::string simple_pdf(const std::vector<std::string>& lines)
{
    std::string text = "BT /F1 12 Tf 56 780 Td 16 TL\n";
    for (const auto& line : lines)
        text += "(" + line + ") '\n";
    text += "ET\n";
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const auto xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const auto off : offsets) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
        pdf += entry;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

std::int64_t find_family_by_name(db::Connection& conn, std::int64_t commune_id,
                                 const std::string& name)
{
    auto& st = conn.prepare("SELECT id FROM family WHERE commune_id = ? AND name = ?");
    st.setInt64(1, commune_id);
    st.setString(2, name);
    auto rs = db::query(st);
    return rs->next() ? rs->getInt64(1) : 0;
}

} // namespace

void seed_demo(db::Connection& conn, const DemoSettings& settings)
{
    std::int64_t commune_id = 0;
    if (auto existing = db::find_commune_by_slug(conn, "caumont")) {
        commune_id = existing->id;
    } else {
        db::Commune c{0, "caumont", "Caumont-sur-Durance", settings.base_url,
                      "portail-famille@caumont-sur-durance.fr"};
        commune_id = db::create_commune(conn, c, {"localhost", "127.0.0.1"});
    }
    // The brochure's prefix ("BLENFANCE-27026-xxxxxxxx").
    auto& prefix = conn.prepare("UPDATE commune SET code_prefix = 'BLENFANCE' WHERE id = ?");
    prefix.setInt64(1, commune_id);
    prefix.executeUpdate();

    std::int64_t admin_id = 0;
    if (auto admin = db::find_agent_by_email(conn, commune_id, demo_admin_email)) {
        admin_id = admin->id;
    } else {
        db::Agent a;
        a.commune_id = commune_id;
        a.email = demo_admin_email;
        a.display_name = "Claire Martin";
        a.role = db::AgentRole::Administrateur;
        a.password_hash = security::hash_password(settings.admin_password);
        admin_id = db::create_agent(conn, a);
    }

    const bool codes_known = std::filesystem::exists(settings.codes_file);
    std::string codes;
    for (const auto& demo : demo_families()) {
        std::int64_t family_id = find_family_by_name(conn, commune_id, demo.name);
        const bool created = family_id == 0;
        if (created) {
            db::Family f;
            f.name = demo.name;
            f.address_line1 = demo.address;
            f.postal_code = "84510";
            f.city = "Caumont-sur-Durance";
            f.phone = demo.phone;
            f.family_quotient = demo.quotient;
            family_id = db::create_family(conn, commune_id, f);
            for (const auto& m : demo.members) {
                db::Member member;
                member.role = m.role;
                member.last_name = m.last;
                member.first_name = m.first;
                member.birth_date = m.birth;
                member.school = m.school;
                member.class_name = m.class_name;
                member.email = m.email;
                db::add_member(conn, commune_id, family_id, member);
            }
            db::set_family_validated(conn, commune_id, family_id, true);
        }
        const auto family = db::load_family(conn, commune_id, family_id);
        if (!family)
            throw std::runtime_error("demo family vanished");
        if (created || !codes_known) {
            const auto code = security::draw_subscriber_code("BLENFANCE", family->number);
            if (code.empty())
                throw std::runtime_error("could not draw a code abonné");
            db::store_subscriber_code(conn, commune_id, family_id, code, admin_id);
            for (const auto& m : family->members)
                if (m.role == db::MemberRole::Guardian &&
                    !(m.first_name == "Rolf" && m.last_name == "FICTIF"))
                    codes += code + ";" + m.last_name + ";" + m.first_name + "\n";
        }
        // Rolf FICTIF has a confirmed account from the start.
        if (std::string(demo.name) == "FICTIF" &&
            !db::find_account_by_email(conn, commune_id, demo_parent_email))
            for (const auto& m : family->members)
                if (m.first_name == "Rolf") {
                    const auto id =
                        db::create_account(conn, commune_id, family_id, m.id, demo_parent_email,
                                           security::hash_password(settings.parent_password));
                    db::confirm_account(conn, commune_id, id);
                }
    }
    // The canteen's rules, published: parents are asked to accept them.
    if (db::all_rules(conn, commune_id).empty()) {
        const auto id = db::add_rules_version(
            conn, commune_id, "Restauration scolaire", "Règlement de la restauration scolaire",
            simple_pdf({"Reglement de la restauration scolaire", "Commune de demonstration",
                        "1. Les repas se reservent sur le Portail Famille.",
                        "2. Toute annulation se fait avant le delai indique.",
                        "3. Les allergies sont signalees dans le dossier de famille."}),
            admin_id);
        db::publish_rules(conn, commune_id, id);
    }
    if (!codes.empty() && !settings.codes_file.empty()) {
        std::ofstream out(settings.codes_file);
        out << codes;
        if (!out)
            throw std::runtime_error("cannot write " + settings.codes_file);
    }
}

} // namespace app
