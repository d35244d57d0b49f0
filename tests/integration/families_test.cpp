// Families in the back office against the real stack: create, members, search, edit,
// validate, the code abonné and its letter, linked accounts, journal, input validation,
// escaping and tenancy.
#include "client.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

using namespace itest;

namespace
{

using Fields = std::vector<std::pair<std::string, std::string>>;

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

bool all_of_chars(const std::string& s, const std::string& allowed)
{
    return s.find_first_not_of(allowed) == std::string::npos;
}

const std::string digits = "0123456789";

// ^[A-Z0-9]{2,20}-[0-9]{5}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$ (no std::regex: GCC 12
// warns inside <regex> under the sanitizer build, and warnings are errors).
bool looks_like_code(const std::string& code)
{
    const auto first = code.find('-');
    const auto second = code.find('-', first == std::string::npos ? first : first + 1);
    if (first == std::string::npos || second == std::string::npos)
        return false;
    const auto prefix = code.substr(0, first);
    const auto number = code.substr(first + 1, second - first - 1);
    const auto secret = code.substr(second + 1);
    return prefix.size() >= 2 && prefix.size() <= 20 &&
           all_of_chars(prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + digits) && number.size() == 5 &&
           all_of_chars(number, digits) && secret.size() == 8 &&
           all_of_chars(secret, "23456789ABCDEFGHJKMNPQRSTUVWXYZ");
}

std::string sql(const std::string& statement)
{
    return Stack::get().sql(statement);
}

void login_admin(Client& c)
{
    BOOST_REQUIRE(c.agent_login(admin_email, admin_password).status == 303);
}

Fields family_form(const std::string& csrf, const std::string& name)
{
    return {{"csrf", csrf},
            {"nom", name},
            {"adresse1", "12 rue des Écoles"},
            {"adresse2", ""},
            {"code_postal", "84510"},
            {"ville", "Caumont-sur-Durance"},
            {"telephone", "04 90 12 34 56"},
            {"email", "famille@example.org"},
            {"quotient_familial", ""},
            {"responsable_nom", name},
            {"responsable_prenom", "Rolf"},
            {"responsable_telephone", "06 12 34 56 78"},
            {"responsable_email", "rolf@example.org"}};
}

// Creates a family through the form; returns its page path "/gestion/familles/N".
std::string create_family(Client& c, const std::string& name)
{
    const auto csrf = c.csrf_from("/gestion/familles/nouvelle");
    const auto r = c.post_form("/gestion/familles/nouvelle", family_form(csrf, name));
    BOOST_REQUIRE_EQUAL(r.status, 303);
    const auto location = r.header("location");
    const std::string prefix = "/gestion/familles/";
    BOOST_REQUIRE(location.rfind(prefix, 0) == 0 && location.size() > prefix.size() &&
                  all_of_chars(location.substr(prefix.size()), digits));
    return location;
}

std::string id_of(const std::string& family_path)
{
    return family_path.substr(family_path.rfind('/') + 1);
}

std::string search(Client& c, const std::string& query)
{
    const auto r = c.get("/gestion/familles?" + form_encode({{"q", query}}));
    BOOST_TEST(r.status == 200);
    return r.body;
}

std::string code_in(const std::string& letter)
{
    const std::string marker = "id=\"code-abonne\">";
    const auto at = letter.find(marker);
    if (at == std::string::npos)
        return {};
    const auto start = at + marker.size();
    return letter.substr(start, letter.find('<', start) - start);
}

// Number of text or binary cells anywhere in the database that contain `needle`.
long cells_containing(const std::string& needle)
{
    const auto query = sql(
        "SELECT CONCAT('SELECT 0', GROUP_CONCAT(CONCAT(' + (SELECT COUNT(*) FROM `', table_name,"
        " '` WHERE `', column_name, '` LIKE ''%" +
        needle +
        "%'')') SEPARATOR ''))"
        " FROM information_schema.columns WHERE table_schema = 'portail' AND data_type IN"
        " ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'binary',"
        " 'varbinary', 'blob', 'mediumblob', 'longblob')");
    return std::stol(sql(query));
}

} // namespace

BOOST_AUTO_TEST_SUITE(backoffice_families)

BOOST_AUTO_TEST_CASE(anonymous_is_sent_to_agent_login)
{
    Client c;
    for (const char* path :
         {"/gestion/familles", "/gestion/familles/nouvelle", "/gestion/familles/1"}) {
        const auto r = c.get(path);
        BOOST_TEST(r.status == 303);
        BOOST_TEST(r.header("location") == "/gestion/connexion");
    }
    const auto csrf = c.csrf_from("/gestion/connexion");
    const auto r = c.post_form("/gestion/familles/1/valider", {{"csrf", csrf}, {"valide", "1"}});
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == "/gestion/connexion");
}

BOOST_AUTO_TEST_CASE(agent_creates_searches_edits_and_validates_a_family)
{
    Client c;
    login_admin(c);
    const auto name = unique_name("Fictif");
    const auto child = unique_name("Léonie");
    const auto path = create_family(c, name);
    const auto id = id_of(path);

    auto page = c.get(path);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(contains(page.body, "<h1>Famille " + name));
    BOOST_TEST(contains(page.body, "Rolf " + name));
    BOOST_TEST(contains(page.body, "À valider"));
    const auto number = sql("SELECT number FROM family WHERE id = " + id);
    BOOST_TEST(std::stoi(number) >= 10001);
    BOOST_TEST(contains(page.body, "n° " + number));

    // A child with birth date, school and class.
    auto csrf = input_value(page.body, "csrf");
    auto r = c.post_form(path + "/membres", {{"csrf", csrf},
                                             {"role", "child"},
                                             {"nom", name},
                                             {"prenom", child},
                                             {"date_naissance", "2018-05-04"},
                                             {"ecole", "École Jules Ferry"},
                                             {"classe", "CP"},
                                             {"telephone", ""},
                                             {"email", ""}});
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == path);
    page = c.get(path);
    BOOST_TEST(contains(page.body, child + " " + name));
    BOOST_TEST(contains(page.body, "04/05/2018"));
    BOOST_TEST(contains(page.body, "École Jules Ferry"));
    BOOST_TEST(sql("SELECT CONCAT(birth_date, '|', school, '|', class_name) FROM family_member"
                   " WHERE family_id = " +
                   id + " AND role = 'child'") == "2018-05-04|École Jules Ferry|CP");

    // Search by family name, by the child's first name (case and accents ignored), by number,
    // by a code-like "PREFIX-NNNNN".
    const auto link = "href=\"" + path + "\"";
    BOOST_TEST(contains(search(c, name), link));
    BOOST_TEST(contains(search(c, child), link));
    std::string plain_child = "leonie" + child.substr(child.size() - 6);
    BOOST_TEST(contains(search(c, plain_child), link));
    BOOST_TEST(contains(search(c, number), link));
    BOOST_TEST(contains(search(c, "BLENFANCE-" + number), link));
    BOOST_TEST(!contains(search(c, unique_name("Personne")), link));

    // Edit the family, then the child.
    csrf = input_value(page.body, "csrf");
    auto fields = family_form(csrf, name);
    fields.erase(fields.begin() + 9, fields.end()); // no guardian fields on the edit form
    fields[5].second = "Cavaillon";
    fields[8].second = "850";
    r = c.post_form(path, fields);
    BOOST_TEST(r.status == 303);
    BOOST_TEST(sql("SELECT CONCAT(city, '|', family_quotient) FROM family WHERE id = " + id) ==
               "Cavaillon|850");
    const auto child_id =
        sql("SELECT id FROM family_member WHERE family_id = " + id + " AND role = 'child'");
    r = c.post_form(path + "/membres/" + child_id, {{"csrf", csrf},
                                                    {"role", "child"},
                                                    {"nom", name},
                                                    {"prenom", child},
                                                    {"date_naissance", "2018-05-04"},
                                                    {"ecole", "École Jules Ferry"},
                                                    {"classe", "CE1"}});
    BOOST_TEST(r.status == 303);
    BOOST_TEST(sql("SELECT class_name FROM family_member WHERE id = " + child_id) == "CE1");

    // Validate.
    r = c.post_form(path + "/valider", {{"csrf", csrf}, {"valide", "1"}});
    BOOST_TEST(r.status == 303);
    BOOST_TEST(sql("SELECT validated_at IS NOT NULL FROM family WHERE id = " + id) == "1");
    page = c.get(path);
    BOOST_TEST(contains(page.body, "Retirer la validation"));
    BOOST_TEST(contains(page.body, "850"));

    // The journal lists every action with the agent's name.
    for (const char* action :
         {"Création de la famille", "Ajout d&#39;un membre", "Modification des coordonnées",
          "Modification d&#39;un membre", "Dossier validé"})
        BOOST_TEST(contains(page.body, action), "journal lacks " << action);
    BOOST_TEST(contains(page.body, "Claire Martin"));
    BOOST_TEST(contains(page.body, "« CP » → « CE1 »"));
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE object_type = 'family' AND object_id = " +
                   id + " AND actor_kind = 'agent'") == "5");
}

// The family's members, whatever order they were added in: the guardians, the children the
// eldest first, the other contacts (db::load_family orders them itself, not MariaDB).
BOOST_AUTO_TEST_CASE(members_come_guardians_first_then_children_eldest_first_then_contacts)
{
    Client c;
    login_admin(c);
    const auto name = unique_name("Ordre");
    const auto path = create_family(c, name);
    auto csrf = input_value(c.get(path).body, "csrf");
    const auto add = [&](const std::string& role, const std::string& first,
                         const std::string& born) {
        const auto r = c.post_form(path + "/membres", {{"csrf", csrf},
                                                       {"role", role},
                                                       {"nom", name},
                                                       {"prenom", first},
                                                       {"date_naissance", born},
                                                       {"telephone", ""},
                                                       {"email", ""}});
        BOOST_REQUIRE_EQUAL(r.status, 303);
    };
    add("contact", "Zacharie", "");
    add("child", "Cadette", "2019-01-01");
    add("guardian", "Anna", "");
    add("child", "Aine", "2015-06-01");
    add("child", "Benjamin", "2021-09-30");
    const auto page = c.get(path).body;
    std::vector<std::size_t> at;
    for (const auto* first : {"Rolf", "Anna", "Aine", "Cadette", "Benjamin", "Zacharie"}) {
        at.push_back(page.find(std::string(first) + " " + name));
        BOOST_TEST_INFO(first);
        BOOST_REQUIRE(at.back() != std::string::npos);
    }
    for (std::size_t i = 1; i < at.size(); ++i)
        BOOST_TEST(at[i - 1] < at[i], "member " << i);
}

BOOST_AUTO_TEST_CASE(code_letter_shows_the_code_once_and_the_database_only_its_hash)
{
    Client c;
    login_admin(c);
    const auto name = unique_name("Codeur");
    const auto path = create_family(c, name);
    const auto id = id_of(path);
    const auto csrf = c.csrf_from(path);

    const auto letter = c.post_form(path + "/code", {{"csrf", csrf}});
    BOOST_TEST(letter.status == 200);
    const auto code = code_in(letter.body);
    BOOST_TEST(looks_like_code(code), "code " << code);
    const auto prefix = sql("SELECT code_prefix FROM commune WHERE slug = 'caumont'");
    const auto number = sql("SELECT number FROM family WHERE id = " + id);
    BOOST_TEST(code.rfind(prefix + "-" + number + "-", 0) == 0);
    BOOST_TEST(contains(letter.body, "Caumont-sur-Durance"));
    BOOST_TEST(contains(letter.body, "Famille " + name));
    BOOST_TEST(contains(letter.body, "12 rue des Écoles"));
    BOOST_TEST(contains(letter.body, "Rolf " + name));
    BOOST_TEST(contains(letter.body, "Créer un compte"));
    BOOST_TEST(contains(letter.body, "valable jusqu'au <strong>"));
    BOOST_TEST(contains(letter.body, sql("SELECT base_url FROM commune WHERE slug = 'caumont'")));
    BOOST_TEST(contains(letter.body, "class=\"letter\""));
    // No script of its own on the page that shows the code: only the layout's static file.
    const auto occurrences = [&](const std::string& needle) {
        std::size_t n = 0;
        for (auto at = letter.body.find(needle); at != std::string::npos;
             at = letter.body.find(needle, at + 1))
            ++n;
        return n;
    };
    BOOST_TEST(occurrences("<script") == occurrences("<script src=\"/static/"));

    const auto live_with_hash = [](const std::string& plain) {
        return sql("SELECT COUNT(*) FROM subscriber_code WHERE code_hash = UNHEX(SHA2('" + plain +
                   "', 256)) AND revoked_at IS NULL");
    };
    BOOST_TEST(live_with_hash(code) == "1");
    BOOST_TEST(cells_containing(code.substr(code.size() - 8)) == 0);
    BOOST_TEST(run("grep -rqF " + code + " " + Stack::get().dir + "/log") != 0);
    BOOST_TEST(sql("SELECT DATEDIFF(s.expires_at, s.created_at) = c.code_validity_days FROM"
                   " subscriber_code s JOIN commune c ON c.id = s.commune_id WHERE s.family_id = " +
                   id) == "1");

    // The family page tells a code is live, never shows it.
    auto page = c.get(path);
    BOOST_TEST(!contains(page.body, code));
    BOOST_TEST(contains(page.body, "en cours de validité"));

    // Regenerating kills the old code.
    const auto again = c.post_form(path + "/code", {{"csrf", csrf}});
    BOOST_TEST(again.status == 200);
    const auto code2 = code_in(again.body);
    BOOST_TEST(looks_like_code(code2));
    BOOST_TEST(code2 != code);
    BOOST_TEST(live_with_hash(code) == "0");
    BOOST_TEST(live_with_hash(code2) == "1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM subscriber_code WHERE family_id = " + id +
                   " AND revoked_at IS NULL") == "1");
    BOOST_TEST(cells_containing(code2.substr(code2.size() - 8)) == 0);

    page = c.get(path);
    BOOST_TEST(contains(page.body, "Code abonné émis"));
    BOOST_TEST(contains(page.body, "Code abonné régénéré"));
    BOOST_TEST(!contains(page.body, code2));
    BOOST_TEST(!contains(page.body, code2.substr(code2.size() - 8)));
}

BOOST_AUTO_TEST_CASE(agent_unlinks_a_parent_account_and_ends_its_sessions)
{
    Client c;
    login_admin(c);
    const auto name = unique_name("Delier");
    const auto path = create_family(c, name);
    const auto id = id_of(path);
    const auto email = unique_name("parent") + "@example.org";
    sql("INSERT INTO parent_account (commune_id, family_id, guardian_id, email, password_hash,"
        " confirmed_at) SELECT f.commune_id, f.id, m.id, '" +
        email +
        "', 'x', UTC_TIMESTAMP()"
        " FROM family f JOIN family_member m ON m.family_id = f.id WHERE f.id = " +
        id);
    const auto account = sql("SELECT id FROM parent_account WHERE email = '" + email + "'");
    sql("INSERT INTO session (commune_id, token_hash, kind, account_id, created_at, last_seen_at)"
        " SELECT commune_id, UNHEX(SHA2('" +
        email +
        "', 256)), 'parent', id, UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP() FROM parent_account WHERE id = " +
        account);

    auto page = c.get(path);
    BOOST_TEST(contains(page.body, email));
    BOOST_TEST(contains(page.body, path + "/comptes/" + account + "/delier"));
    const auto csrf = input_value(page.body, "csrf");
    // A guardian with an account stays a guardian while the account is linked.
    const auto guardian = sql("SELECT guardian_id FROM parent_account WHERE id = " + account);
    const auto demote =
        c.post_form(path + "/membres/" + guardian,
                    {{"csrf", csrf}, {"role", "contact"}, {"nom", name}, {"prenom", "Rolf"}});
    BOOST_TEST(demote.status == 400);
    BOOST_TEST(contains(demote.body, "déliez d&#39;abord ce compte"));
    BOOST_TEST(sql("SELECT role FROM family_member WHERE id = " + guardian) == "guardian");

    const auto r = c.post_form(path + "/comptes/" + account + "/delier", {{"csrf", csrf}});
    BOOST_TEST(r.status == 303);
    BOOST_TEST(sql("SELECT unlinked_at IS NOT NULL FROM parent_account WHERE id = " + account) ==
               "1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM session WHERE kind = 'parent' AND account_id = " +
                   account) == "0");
    page = c.get(path);
    BOOST_TEST(!contains(page.body, "/comptes/" + account + "/delier"));
    BOOST_TEST(contains(page.body, "Compte parent délié"));
    // Twice, or through another family: not found.
    BOOST_TEST(c.post_form(path + "/comptes/" + account + "/delier", {{"csrf", csrf}}).status ==
               404);
    const auto other = create_family(c, unique_name("Autre"));
    BOOST_TEST(c.post_form(other + "/comptes/" + account + "/delier", {{"csrf", csrf}}).status ==
               404);
}

BOOST_AUTO_TEST_CASE(html_in_a_family_name_is_shown_escaped)
{
    Client c;
    login_admin(c);
    const std::string name = "<script>alert(1)</script>";
    const auto path = create_family(c, name);
    for (const auto& body : {c.get(path).body, search(c, "alert(1)")}) {
        BOOST_TEST(!contains(body, "<script>alert(1)</script>"));
        BOOST_TEST(contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}

BOOST_AUTO_TEST_CASE(too_long_name_is_refused_and_nothing_stored)
{
    Client c;
    login_admin(c);
    const auto before = sql("SELECT COUNT(*) FROM family");
    const auto csrf = c.csrf_from("/gestion/familles/nouvelle");
    const auto r =
        c.post_form("/gestion/familles/nouvelle", family_form(csrf, std::string(10000, 'a')));
    BOOST_TEST(r.status == 400);
    BOOST_TEST(contains(r.body, "ne doit pas dépasser 100 caractères"));
    BOOST_TEST(contains(r.body, "aria-describedby=\"nouvelle-nom-erreur\""));
    BOOST_TEST(sql("SELECT COUNT(*) FROM family") == before);
}

BOOST_AUTO_TEST_CASE(missing_or_malformed_fields_are_400_with_french_messages)
{
    Client c;
    login_admin(c);
    const auto families = sql("SELECT COUNT(*) FROM family");
    auto csrf = c.csrf_from("/gestion/familles/nouvelle");
    auto fields = family_form(csrf, unique_name("Incomplet"));
    fields[10].second = "";    // responsable_prenom
    fields[8].second = "12,5"; // quotient_familial
    auto r = c.post_form("/gestion/familles/nouvelle", fields);
    BOOST_TEST(r.status == 400);
    BOOST_TEST(contains(r.body, "Le champ « Prénom du responsable légal » est obligatoire."));
    BOOST_TEST(contains(r.body, "Le quotient familial est un nombre entier"));
    BOOST_TEST(contains(r.body, "aria-describedby=\"nouvelle-responsable_prenom-erreur\""));
    BOOST_TEST(contains(r.body, "aria-invalid=\"true\""));
    BOOST_TEST(contains(r.body, "value=\"" + fields[1].second + "\"")); // kept for correction
    BOOST_TEST(sql("SELECT COUNT(*) FROM family") == families);

    // A child needs a real birth date; nothing is stored otherwise.
    const auto path = create_family(c, unique_name("Enfantin"));
    const auto id = id_of(path);
    csrf = c.csrf_from(path);
    const Fields child = {{"csrf", csrf}, {"role", "child"}, {"nom", "Fictif"}, {"prenom", "Tom"}};
    r = c.post_form(path + "/membres", child);
    BOOST_TEST(r.status == 400);
    BOOST_TEST(contains(r.body, "La date de naissance est obligatoire pour un enfant."));
    BOOST_TEST(contains(r.body, "aria-describedby=\"nouveau-membre-date_naissance-aide "
                                "nouveau-membre-date_naissance-erreur\""));
    auto bad_date = child;
    bad_date.push_back({"date_naissance", "2018-02-30"});
    BOOST_TEST(c.post_form(path + "/membres", bad_date).status == 400);
    auto bad_role = child;
    bad_role[1].second = "roi";
    bad_role.push_back({"date_naissance", "2018-02-03"});
    BOOST_TEST(c.post_form(path + "/membres", bad_role).status == 400);
    BOOST_TEST(sql("SELECT COUNT(*) FROM family_member WHERE family_id = " + id) == "1");
    BOOST_TEST(c.post_form(path + "/valider", {{"csrf", csrf}, {"valide", "oui"}}).status == 400);
    BOOST_TEST(c.get("/gestion/familles/999999999").status == 404);
    BOOST_TEST(c.get("/gestion/familles/abc").status == 404);
    BOOST_TEST(c.post_form(path + "/membres/999999999", bad_role).status == 404);
}

BOOST_AUTO_TEST_CASE(agent_of_another_commune_gets_404_on_this_family)
{
    Client c;
    login_admin(c);
    const auto name = unique_name("Privee");
    const auto path = create_family(c, name);
    const auto id = id_of(path);
    const auto guardian = sql("SELECT id FROM family_member WHERE family_id = " + id);

    Client o;
    o.host = other_host;
    BOOST_REQUIRE(o.agent_login(other_agent_email, admin_password).status == 303);
    BOOST_TEST(o.get(path).status == 404);
    BOOST_TEST(!contains(search(o, name), "href=\"" + path + "\""));
    const auto csrf = o.csrf_from("/gestion/familles"); // the logout form's token
    BOOST_REQUIRE(!csrf.empty());
    const std::vector<std::pair<std::string, Fields>> posts = {
        {path, family_form(csrf, "Piratee")},
        {path + "/membres", {{"csrf", csrf}, {"role", "contact"}, {"nom", "X"}, {"prenom", "Y"}}},
        {path + "/membres/" + guardian,
         {{"csrf", csrf}, {"role", "guardian"}, {"nom", "X"}, {"prenom", "Y"}}},
        {path + "/valider", {{"csrf", csrf}, {"valide", "1"}}},
        {path + "/code", {{"csrf", csrf}}},
        {path + "/comptes/1/delier", {{"csrf", csrf}}},
    };
    for (const auto& [target, fields] : posts)
        BOOST_TEST(o.post_form(target, fields).status == 404, target);
    BOOST_TEST(sql("SELECT CONCAT(name, '|', validated_at IS NULL) FROM family WHERE id = " + id) ==
               name + "|1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM family_member WHERE family_id = " + id) == "1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM subscriber_code WHERE family_id = " + id) == "0");
}

BOOST_AUTO_TEST_SUITE_END()
