#include "fixtures.h"

#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <cctype>
#include <fstream>
#include <sstream>

namespace itest
{

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

bool shows(const std::string& html, const std::string& text)
{
    std::string escaped;
    for (const char c : text)
        escaped += c == '\'' ? "&#39;" : c == '"' ? "&quot;" : std::string(1, c);
    return contains(html, text) || contains(html, escaped);
}

std::size_t count_of(const std::string& haystack, const std::string& needle)
{
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size()))
        ++n;
    return n;
}

std::string sql(const std::string& statement)
{
    return Stack::get().sql(statement);
}

std::string quoted(const std::string& text)
{
    std::string out = "'";
    for (const char c : text)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

bool is_id(const std::string& s)
{
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

void same_origin(Client& c)
{
    c.extra_headers = {"Origin: http://" + c.host};
}

std::unique_ptr<Client> client_from(const std::string& address)
{
    auto c = std::make_unique<Client>();
    c->source_address = address;
    same_origin(*c);
    return c;
}

Reply parent_login(Client& c, const std::string& email, const std::string& password)
{
    const auto csrf = c.csrf_from("/connexion");
    return c.post_form("/connexion",
                       {{"csrf", csrf}, {"email", email}, {"mot_de_passe", password}});
}

std::string file_text(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string worker_log()
{
    return file_text(Stack::get().dir + "/log/portail.log");
}

std::string commune_of(const std::string& host)
{
    return sql("SELECT commune_id FROM commune_host WHERE host = " + quoted(host));
}

std::string caumont()
{
    static const std::string id = commune_of("localhost");
    return id;
}

std::unique_ptr<Client> logged_agent(const std::string& email, const std::string& password,
                                     const std::string& host)
{
    auto c = std::make_unique<Client>();
    c->host = host;
    same_origin(*c);
    BOOST_REQUIRE_EQUAL(c->agent_login(email, password).status, 303);
    return c;
}

std::unique_ptr<Client> logged_admin()
{
    return logged_agent(admin_email, admin_password);
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

std::string create_family(Client& agent, const std::string& csrf, const std::string& name,
                          const std::string& guardian_first, const std::string& quotient)
{
    const auto created =
        agent.post_form("/gestion/familles/nouvelle", {{"csrf", csrf},
                                                       {"nom", name},
                                                       {"adresse1", "1 place de la Mairie"},
                                                       {"adresse2", ""},
                                                       {"code_postal", "84510"},
                                                       {"ville", "Caumont-sur-Durance"},
                                                       {"telephone", ""},
                                                       {"email", ""},
                                                       {"quotient_familial", quotient},
                                                       {"responsable_nom", name},
                                                       {"responsable_prenom", guardian_first},
                                                       {"responsable_telephone", ""},
                                                       {"responsable_email", ""}});
    BOOST_REQUIRE_EQUAL(created.status, 303);
    return created.header("location");
}

Parent make_parent(Client& agent, const FamilySpec& spec)
{
    Parent p;
    p.name = unique_name(spec.name_base);
    const auto csrf = agent.csrf_from("/gestion/familles/nouvelle");
    const auto path = create_family(agent, csrf, p.name, spec.guardian_first);
    p.family_id = path.substr(path.rfind('/') + 1);
    for (int i = 0; i < spec.children; ++i) {
        const auto first = unique_name("Enfant");
        const auto child = agent.post_form(path + "/membres", {{"csrf", csrf},
                                                               {"role", "child"},
                                                               {"nom", p.name},
                                                               {"prenom", first},
                                                               {"date_naissance", spec.birth_date},
                                                               {"ecole", ""},
                                                               {"classe", ""},
                                                               {"telephone", ""},
                                                               {"email", ""}});
        BOOST_REQUIRE_EQUAL(child.status, 303);
        const auto id = sql("SELECT id FROM family_member WHERE family_id = " + p.family_id +
                            " AND role = 'child' AND first_name = " + quoted(first));
        BOOST_REQUIRE(is_id(id));
        p.children.push_back({id, first, p.name});
    }
    const auto letter = agent.post_form(path + "/code", {{"csrf", csrf}});
    BOOST_REQUIRE_EQUAL(letter.status, 200);
    const auto code = code_in(letter.body);
    BOOST_REQUIRE(!code.empty());

    p.client = std::make_unique<Client>();
    p.client->host = agent.host; // the agent's commune
    same_origin(*p.client);
    std::string tag;
    for (const char c : spec.name_base)
        tag += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    p.email = unique_email(tag);
    const auto form_csrf = p.client->csrf_from("/compte/creer");
    const auto account =
        p.client->post_form("/compte/creer", {{"csrf", form_csrf},
                                              {"email", p.email},
                                              {"mot_de_passe", good_password},
                                              {"mot_de_passe_confirmation", good_password},
                                              {"nom", p.name},
                                              {"prenom", spec.guardian_first},
                                              {"code_abonne", code}});
    BOOST_REQUIRE_EQUAL(account.status, 200);
    const auto mails = wait_for_mails(p.email, 1);
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    const auto confirm = p.client->get(path_of(link_in(mails[0], "/compte/confirmer?jeton=")));
    BOOST_REQUIRE_EQUAL(confirm.status, 303);
    p.csrf = p.client->csrf_from("/famille/dossier");
    BOOST_REQUIRE(!p.csrf.empty());
    return p;
}

} // namespace itest
