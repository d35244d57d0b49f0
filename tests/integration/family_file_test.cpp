// The family file (issue 4) against the real stack: parents complete their file, sensitive
// changes wait for an agent, photos are checked and re-encoded, proofs, rules and their
// acceptance, the RGPD export and journal, health data per role, tenancy, escaping, the
// commune's settings and the purge of archived families.
//
// Every test creates its own families and parent accounts (the stack is shared with the other
// suites of the run).
#include "client.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <gd.h>
#include <zlib.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace itest;

namespace
{

using Fields = std::vector<std::pair<std::string, std::string>>;
using Values = std::map<std::string, std::string>;

const std::string good_password = "trois petits chats gris";
const std::string script_payload = "<script>alert(1)</script>";
const std::string attribute_payload = "\"><img src=x onerror=alert(1)>";

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string sql(const std::string& statement)
{
    return Stack::get().sql(statement);
}

// Same-origin POSTs, as a browser sends them.
void same_origin(Client& c)
{
    c.extra_headers = {"Origin: http://" + c.host};
}

std::unique_ptr<Client> logged_agent(const std::string& email, const std::string& password,
                                     const std::string& host = "localhost")
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

std::string caumont_id()
{
    static const std::string id =
        sql("SELECT commune_id FROM commune_host WHERE host = 'localhost'");
    return id;
}

// "YYYY-12-31" of next year: a validity date always in the future.
std::string next_year_end()
{
    return std::to_string(paris_today().year + 1) + "-12-31";
}

// --- multipart ---------------------------------------------------------------------------

struct Part {
    Part(std::string name_, std::string value_, std::string filename_ = {},
         std::string type_ = "application/octet-stream")
        : name(std::move(name_)), value(std::move(value_)), filename(std::move(filename_)),
          type(std::move(type_))
    {
    }
    std::string name;
    std::string value;
    std::string filename; // a file part when not empty
    std::string type;
};

const std::string boundary = "----portail-itest-b0undary-7d3f9a";

Reply post_multipart(Client& c, const std::string& path, const std::vector<Part>& parts)
{
    std::string body;
    for (const auto& p : parts) {
        body += "--" + boundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.filename.empty())
            body += "; filename=\"" + p.filename + "\"\r\nContent-Type: " + p.type;
        body += "\r\n\r\n" + p.value + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return c.post_raw(path, "multipart/form-data; boundary=" + boundary, body);
}

// --- files the tests send ----------------------------------------------------------------

std::string minimal_pdf(const std::string& text = "Attestation")
{
    return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n% " +
           text + "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

// A true-colour picture with some texture, so that the JPEG has real scan data.
gdImagePtr picture(int width, int height)
{
    gdImagePtr im = gdImageCreateTrueColor(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            gdImageSetPixel(im, x, y,
                            gdTrueColor((x * 7 + y * 3) % 256, (x * y) % 256, (x ^ y) % 256));
    return im;
}

std::string png_image(int width, int height)
{
    gdImagePtr im = picture(width, height);
    int size = 0;
    void* data = gdImagePngPtr(im, &size);
    std::string out(static_cast<const char*>(data), static_cast<std::size_t>(size));
    gdFree(data);
    gdImageDestroy(im);
    return out;
}

std::string jpeg_image(int width, int height)
{
    gdImagePtr im = picture(width, height);
    int size = 0;
    void* data = gdImageJpegPtr(im, &size, 90);
    std::string out(static_cast<const char*>(data), static_cast<std::size_t>(size));
    gdFree(data);
    gdImageDestroy(im);
    return out;
}

std::string be16(unsigned v)
{
    return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
}

std::string be32(unsigned long v)
{
    return be16(static_cast<unsigned>((v >> 16) & 0xFFFF)) +
           be16(static_cast<unsigned>(v & 0xFFFF));
}

const std::string gps_marker = "GPS-SECRET-43.8934N";

// A JPEG with an EXIF APP1 segment holding GPS coordinates (and a marker text), placed after
// the JFIF APP0 segment as cameras and phones write it.
std::string jpeg_with_exif(int width, int height)
{
    const auto jpeg = jpeg_image(width, height);
    // TIFF, big-endian: IFD0 with one entry pointing at a GPS IFD (latitude ref + latitude).
    std::string tiff = std::string("MM\0\x2A", 4) + be32(8);
    tiff += be16(2);                                     // IFD0: 2 entries
    tiff += be16(0x8825) + be16(4) + be32(1) + be32(38); // GPSInfo IFD at 38
    tiff += be16(0x010E) + be16(2) + be32(static_cast<unsigned long>(gps_marker.size() + 1)) +
            be32(92); // ImageDescription
    tiff += be32(0);  // no next IFD
    // GPS IFD at 8 + 2 + 24 + 4 = 38.
    tiff += be16(2);
    tiff += be16(0x0001) + be16(2) + be32(2) + std::string("N\0\0\0", 4);
    tiff += be16(0x0002) + be16(5) + be32(3) + be32(68); // latitude at 68
    tiff += be32(0);
    // 38 + 2 + 24 + 4 = 68: three rationals.
    tiff += be32(43) + be32(1) + be32(53) + be32(1) + be32(36) + be32(1);
    // 68 + 24 = 92: the description.
    tiff += gps_marker + std::string(1, '\0');
    const std::string payload = std::string("Exif\0\0", 6) + tiff;
    const std::string app1 = "\xFF\xE1" + be16(static_cast<unsigned>(payload.size() + 2)) + payload;
    // After SOI (2 bytes) and APP0 (marker + length).
    std::size_t at = 2;
    if (jpeg.size() > 6 && static_cast<unsigned char>(jpeg[2]) == 0xFF &&
        static_cast<unsigned char>(jpeg[3]) == 0xE0)
        at = 4 + ((static_cast<unsigned char>(jpeg[4]) << 8) | static_cast<unsigned char>(jpeg[5]));
    return jpeg.substr(0, at) + app1 + jpeg.substr(at);
}

// A real PNG whose header then declares width × height (with a correct CRC).
std::string png_declaring(unsigned long width, unsigned long height)
{
    auto png = png_image(16, 16);
    // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), …, CRC at 29.
    png.replace(16, 4, be32(width));
    png.replace(20, 4, be32(height));
    const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(png.data() + 12), 17);
    png.replace(29, 4, be32(crc));
    return png;
}

bool starts_with_jpeg_marker(const std::string& s)
{
    return s.size() > 2 && static_cast<unsigned char>(s[0]) == 0xFF &&
           static_cast<unsigned char>(s[1]) == 0xD8;
}

// --- families and parents ----------------------------------------------------------------

struct TestFamily {
    std::string name; // family and guardian last name (letters, unique to the run)
    std::string id;
    std::string path; // back-office page
    std::string guardian_first = "Camille";
    std::string guardian_id;
    std::string child_first;
    std::string child_id;
    std::string email; // the parent's account
    std::unique_ptr<Client> parent;
    std::string csrf; // the parent's CSRF token
};

std::string code_in(const std::string& letter)
{
    const std::string marker = "id=\"code-abonne\">";
    const auto at = letter.find(marker);
    if (at == std::string::npos)
        return {};
    const auto start = at + marker.size();
    return letter.substr(start, letter.find('<', start) - start);
}

// Step 1 (agent): a family with a guardian and a child without school, class or health
// answers; step 3–4 (parent): an account created with the code abonné and confirmed.
TestFamily make_family(const std::string& base, const std::string& quotient = "")
{
    TestFamily f;
    f.name = unique_name(base);
    f.child_first = unique_name("Enfant");
    auto agent = logged_admin();
    const auto csrf = agent->csrf_from("/gestion/familles/nouvelle");
    const auto created =
        agent->post_form("/gestion/familles/nouvelle", {{"csrf", csrf},
                                                        {"nom", f.name},
                                                        {"adresse1", "1 place de la Mairie"},
                                                        {"adresse2", ""},
                                                        {"code_postal", "84510"},
                                                        {"ville", "Caumont-sur-Durance"},
                                                        {"telephone", ""},
                                                        {"email", ""},
                                                        {"quotient_familial", quotient},
                                                        {"responsable_nom", f.name},
                                                        {"responsable_prenom", f.guardian_first},
                                                        {"responsable_telephone", ""},
                                                        {"responsable_email", ""}});
    BOOST_REQUIRE_EQUAL(created.status, 303);
    f.path = created.header("location");
    f.id = f.path.substr(f.path.rfind('/') + 1);
    const auto child = agent->post_form(f.path + "/membres", {{"csrf", csrf},
                                                              {"role", "child"},
                                                              {"nom", f.name},
                                                              {"prenom", f.child_first},
                                                              {"date_naissance", "2017-03-14"},
                                                              {"ecole", ""},
                                                              {"classe", ""},
                                                              {"telephone", ""},
                                                              {"email", ""}});
    BOOST_REQUIRE_EQUAL(child.status, 303);
    f.child_id =
        sql("SELECT id FROM family_member WHERE family_id = " + f.id + " AND role = 'child'");
    f.guardian_id =
        sql("SELECT id FROM family_member WHERE family_id = " + f.id + " AND role = 'guardian'");
    BOOST_REQUIRE(!f.child_id.empty() && !f.guardian_id.empty());
    const auto letter = agent->post_form(f.path + "/code", {{"csrf", csrf}});
    BOOST_REQUIRE_EQUAL(letter.status, 200);
    const auto code = code_in(letter.body);
    BOOST_REQUIRE(!code.empty());

    f.parent = std::make_unique<Client>();
    same_origin(*f.parent);
    f.email = unique_email("dossier");
    const auto form_csrf = f.parent->csrf_from("/compte/creer");
    const auto account =
        f.parent->post_form("/compte/creer", {{"csrf", form_csrf},
                                              {"email", f.email},
                                              {"mot_de_passe", good_password},
                                              {"mot_de_passe_confirmation", good_password},
                                              {"nom", f.name},
                                              {"prenom", f.guardian_first},
                                              {"code_abonne", code}});
    BOOST_REQUIRE_EQUAL(account.status, 200);
    const auto mails = wait_for_mails(f.email, 1);
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    const auto confirm = f.parent->get(path_of(link_in(mails[0], "/compte/confirmer?jeton=")));
    BOOST_REQUIRE_EQUAL(confirm.status, 303);
    BOOST_REQUIRE_EQUAL(f.parent->get("/famille").status, 200);
    f.csrf = f.parent->csrf_from("/famille/dossier");
    BOOST_REQUIRE(!f.csrf.empty());
    return f;
}

// The child's member form as the page sends it: every field, current values by default.
Fields child_form(const TestFamily& f, const Values& changes, const std::string& csrf = {})
{
    Values v = {{"nom", f.name},
                {"prenom", f.child_first},
                {"date_naissance", "2017-03-14"},
                {"ecole", ""},
                {"classe", ""},
                {"allergies_reponse", ""},
                {"allergies", ""},
                {"regime", ""},
                {"pai", ""},
                {"medecin", ""},
                {"vaccins", ""},
                {"droit_image", ""},
                {"sortie_seul", ""},
                {"transport", ""}};
    for (const auto& [k, value] : changes)
        v[k] = value;
    Fields out{{"csrf", csrf.empty() ? f.csrf : csrf}};
    out.insert(out.end(), v.begin(), v.end());
    return out;
}

Fields guardian_form(const TestFamily& f, const Values& changes, const std::string& csrf = {})
{
    Values v = {{"nom", f.name},   {"prenom", f.guardian_first},
                {"portable", ""},  {"telephone", ""},
                {"email", ""},     {"adresse", ""},
                {"employeur", ""}, {"telephone_travail", ""}};
    for (const auto& [k, value] : changes)
        v[k] = value;
    Fields out{{"csrf", csrf.empty() ? f.csrf : csrf}};
    out.insert(out.end(), v.begin(), v.end());
    return out;
}

// Adds a contact through the parent's form; returns its id.
std::string add_contact(TestFamily& f, const std::string& last, const std::string& first,
                        const std::string& relationship = "Grand-mère")
{
    const auto r = f.parent->post_form("/famille/contacts/nouveau", {{"csrf", f.csrf},
                                                                     {"nom", last},
                                                                     {"prenom", first},
                                                                     {"lien", relationship},
                                                                     {"portable", "06 11 22 33 44"},
                                                                     {"telephone", ""},
                                                                     {"peut_recuperer", "1"},
                                                                     {"urgence", "1"}});
    BOOST_REQUIRE_EQUAL(r.status, 303);
    BOOST_TEST(r.header("location") == "/famille/dossier?contact=1");
    return sql("SELECT MAX(id) FROM family_member WHERE family_id = " + f.id +
               " AND role = 'contact'");
}

Reply send_photo(Client& c, const std::string& member_path, const std::string& csrf,
                 const std::string& bytes, const std::string& filename = "photo.jpg",
                 const std::string& type = "image/jpeg")
{
    return post_multipart(c, member_path + "/photo",
                          {{"csrf", csrf}, {"photo", bytes, filename, type}});
}

Reply send_proof(TestFamily& f, const std::string& kind, const std::string& member,
                 const std::string& bytes, const std::string& filename = "attestation.pdf")
{
    return post_multipart(*f.parent, "/famille/justificatifs",
                          {{"csrf", f.csrf},
                           {"type", kind},
                           {"membre", member},
                           {"valable_jusqu_au", next_year_end()},
                           {"fichier", bytes, filename, "application/pdf"}});
}

std::string last_document(const TestFamily& f)
{
    return sql("SELECT MAX(id) FROM family_document WHERE family_id = " + f.id);
}

// The card of a member on /famille/dossier: from its name link to the next card.
std::string card_of(const std::string& html, const std::string& member_id)
{
    const auto at = html.find("href=\"/famille/membres/" + member_id + "\"");
    if (at == std::string::npos)
        return {};
    const auto next = html.find("class=\"card member-card\"", at);
    const auto section = html.find("</section>", at);
    return html.substr(at, std::min(next, section) - at);
}

// A journal row of /famille/donnees whose "before" and "after" cells are these.
bool journal_row_has(const std::string& html, const std::string& before, const std::string& after)
{
    const auto at = html.find("<td>" + before + "</td>");
    if (at == std::string::npos)
        return false;
    auto next = html.find("<td>", at + 4);
    return next != std::string::npos &&
           html.compare(next, after.size() + 9, "<td>" + after + "</td>") == 0;
}

std::string photo_rows(const std::string& member_id)
{
    return sql("SELECT COUNT(*) FROM member_photo WHERE member_id = " + member_id);
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

// "table.column" of every cell that contains `needle` (to say where a leftover is).
std::string cells_where(const std::string& needle)
{
    const auto query =
        sql("SELECT GROUP_CONCAT(CONCAT('SELECT ''', table_name, '.', column_name, ''' FROM `',"
            " table_name, '` WHERE `', column_name, '` LIKE ''%" +
            needle +
            "%''') SEPARATOR ' UNION ALL ')"
            " FROM information_schema.columns WHERE table_schema = 'portail' AND data_type IN"
            " ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'binary',"
            " 'varbinary', 'blob', 'mediumblob', 'longblob')");
    return sql(query);
}

// Runs /usr/bin/python3 on a ZIP: one line per entry "name<TAB>size<TAB>contains-needle
// <TAB>first bytes in hex<TAB>md5", then "JSON<TAB>" and donnees.json on one line.
std::string inspect_zip(const std::string& zip, const std::string& needle)
{
    char path[] = "/tmp/portail-export-XXXXXX";
    const int fd = ::mkstemp(path);
    BOOST_REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(path, std::ios::binary) << zip;
    const std::string script =
        "import sys, zipfile, json, hashlib\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "bad = z.testzip()\n"
        "print('TESTZIP\\t' + str(bad))\n"
        "for i in z.infolist():\n"
        "    data = z.read(i.filename)\n"
        "    print('\\t'.join([i.filename, str(len(data)), str(sys.argv[2].encode() in data),\n"
        "                     data[:4].hex(), hashlib.md5(data).hexdigest()]))\n"
        "doc = json.loads(z.read('donnees.json'))\n"
        "print('JSON\\t' + json.dumps(doc, ensure_ascii=False))\n";
    std::ofstream(std::string(path) + ".py") << script;
    std::string out;
    run("/usr/bin/python3 " + std::string(path) + ".py " + path + " '" + needle + "' 2>&1", &out);
    std::filesystem::remove(path);
    std::filesystem::remove(std::string(path) + ".py");
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(family_file)

// 1. A parent completes the child's missing fields: the flag disappears, the journal keeps
// before and after.
BOOST_AUTO_TEST_CASE(parent_completes_the_child_file_and_the_flag_disappears)
{
    auto f = make_family("Complet");
    auto dossier = f.parent->get("/famille/dossier");
    BOOST_REQUIRE_EQUAL(dossier.status, 200);
    auto card = card_of(dossier.body, f.child_id);
    BOOST_REQUIRE(!card.empty());
    BOOST_TEST(contains(card, "Des éléments importants sont manquants"));
    for (const char* label :
         {"École", "Classe", "Médecin traitant", "Allergies (oui ou non)",
          "Droit à l&#39;image (oui ou non)", "Personnes autorisées à venir chercher l&#39;enfant"})
        BOOST_TEST(contains(card, label), label);
    BOOST_TEST(contains(f.parent->get("/famille").body, "éléments importants sont manquants"));

    // A contact authorised to pick the children up.
    add_contact(f, unique_name("Mamie"), "Jeanne");

    // School, class, doctor and image rights apply now; the allergies answer waits.
    const auto saved = f.parent->post_form("/famille/membres/" + f.child_id,
                                           child_form(f, {{"ecole", "École Jean Moulin"},
                                                          {"classe", "CE1"},
                                                          {"medecin", "Dr Durand, 04 90 00 00 00"},
                                                          {"droit_image", "oui"},
                                                          {"allergies_reponse", "non"}}));
    BOOST_TEST(saved.status == 303);
    BOOST_TEST(saved.header("location") == "/famille/membres/" + f.child_id + "?demande=1");
    BOOST_TEST(sql("SELECT CONCAT_WS('|', school, class_name, doctor, image_rights,"
                   " IFNULL(has_allergies, 'NULL')) FROM family_member WHERE id = " +
                   f.child_id) == "École Jean Moulin|CE1|Dr Durand, 04 90 00 00 00|1|NULL");
    BOOST_TEST(sql("SELECT COUNT(*) FROM change_request WHERE family_id = " + f.id +
                   " AND member_id = " + f.child_id + " AND status = 'pending'") == "1");

    dossier = f.parent->get("/famille/dossier");
    card = card_of(dossier.body, f.child_id);
    BOOST_REQUIRE(!card.empty());
    BOOST_TEST(!contains(card, "Des éléments importants sont manquants"));
    BOOST_TEST(contains(card, "En attente de validation par la mairie"));
    BOOST_TEST(contains(card, "Allergies (oui ou non)"));
    BOOST_TEST(contains(card, "CE1"));

    // A second change of the doctor: the journal shows before and after.
    const auto again = f.parent->post_form("/famille/membres/" + f.child_id,
                                           child_form(f, {{"ecole", "École Jean Moulin"},
                                                          {"classe", "CE1"},
                                                          {"medecin", "Dr Martin, 04 90 11 11 11"},
                                                          {"droit_image", "oui"}}));
    BOOST_TEST(again.status == 303);
    BOOST_TEST(again.header("location") == "/famille/membres/" + f.child_id + "?enregistre=1");
    const auto data = f.parent->get("/famille/donnees");
    BOOST_TEST(data.status == 200);
    BOOST_TEST(contains(data.body, f.child_first + " " + f.name + " — Médecin traitant"));
    BOOST_TEST(journal_row_has(data.body, "—", "Dr Durand, 04 90 00 00 00"));
    BOOST_TEST(
        journal_row_has(data.body, "Dr Durand, 04 90 00 00 00", "Dr Martin, 04 90 11 11 11"));
    BOOST_TEST(journal_row_has(data.body, "Non renseigné", "Non")); // the allergies request
    auto agent = logged_admin();
    const auto family_page = agent->get(f.path);
    BOOST_TEST(family_page.status == 200);
    BOOST_TEST(contains(family_page.body,
                        "« Dr Durand, 04 90 00 00 00 » → « Dr Martin, 04 90 11 11 11 »"));

    // The agent accepts the allergies answer: nothing is missing or awaited for the child.
    const auto request =
        sql("SELECT id FROM change_request WHERE family_id = " + f.id + " AND status = 'pending'");
    const auto csrf = agent->csrf_from("/gestion/validations");
    BOOST_TEST(agent
                   ->post_form("/gestion/validations/demandes/" + request,
                               {{"csrf", csrf}, {"decision", "accepter"}, {"commentaire", ""}})
                   .status == 303);
    BOOST_TEST(sql("SELECT has_allergies FROM family_member WHERE id = " + f.child_id) == "0");
    card = card_of(f.parent->get("/famille/dossier").body, f.child_id);
    BOOST_REQUIRE(!card.empty());
    BOOST_TEST(!contains(card, "Des éléments importants sont manquants"));
    BOOST_TEST(!contains(card, "En attente de validation"));
}

// 2. A quotient-familial change waits for an agent; accepted it applies, refused it does not
// and the parent reads why.
// Mass assignment (ASVS 15.3.3): fields a form does not show, named like columns or like
// another form's fields, are ignored; the form's own fields are saved.
BOOST_AUTO_TEST_CASE(fields_a_form_does_not_show_are_ignored)
{
    auto f = make_family("Masse");
    auto other = make_family("Autre");
    const auto guarded = [&] {
        return sql("SELECT CONCAT_WS('|', m.family_id, m.role, m.commune_id, m.last_name,"
                   " IFNULL(m.has_allergies, 'NULL'), IFNULL(m.pai, 'NULL'), "
                   "IFNULL(f.family_quotient, 'NULL'),"
                   " (SELECT COUNT(*) FROM change_request WHERE family_id = " +
                   f.id + ")) FROM family_member m JOIN family f ON f.id = m.family_id" +
                   " WHERE m.id = " + f.child_id);
    };
    const auto before = guarded();
    auto form = child_form(f, {{"ecole", "École des Masses"}});
    for (const auto& [k, v] :
         std::vector<std::pair<std::string, std::string>>{{"family_id", other.id},
                                                          {"famille", other.id},
                                                          {"commune_id", "999"},
                                                          {"role", "guardian"},
                                                          {"has_allergies", "1"},
                                                          {"quotient", "1"},
                                                          {"quotient_familial", "1"},
                                                          {"id", other.child_id},
                                                          {"statut", "archive"}})
        form.emplace_back(k, v);
    const auto saved = f.parent->post_form("/famille/membres/" + f.child_id, form);
    BOOST_TEST(saved.status == 303, saved.body.substr(0, 300));
    BOOST_TEST(sql("SELECT school FROM family_member WHERE id = " + f.child_id) ==
               "École des Masses");
    BOOST_TEST(guarded() == before);
    BOOST_TEST(sql("SELECT COUNT(*) FROM family_member WHERE family_id = " + other.id +
                   " AND school = 'École des Masses'") == "0");
}

// Requests are read with their fields in one statement per 64 requests (db/family_file.cpp):
// each request keeps its own fields, on the parent's page (the 50 newest) and in the agent's
// export (all 70: a list of 64 and one of 6).
BOOST_AUTO_TEST_CASE(every_request_keeps_its_own_fields)
{
    auto f = make_family("Demandes");
    std::string script;
    for (int i = 1; i <= 70; ++i) {
        script +=
            "INSERT INTO change_request (commune_id, family_id, kind, status, created_at,"
            " decided_at) VALUES (" +
            caumont_id() + ", " + f.id +
            ", 'quotient', 'refused', UTC_TIMESTAMP(), UTC_TIMESTAMP());"
            " INSERT INTO change_request_field VALUES (LAST_INSERT_ID(), 'quotient_familial', '" +
            std::to_string(100 + i) + "', '" + std::to_string(300 + i) + "');";
        if (i % 3 == 0)
            script += " INSERT INTO change_request_field VALUES (LAST_INSERT_ID(),"
                      " 'quotient_valable_jusqu_au', '', '2027-12-" +
                      std::to_string(10 + i % 18) + "');";
    }
    sql(script);
    std::vector<std::string> ids;
    std::istringstream listed(
        sql("SELECT GROUP_CONCAT(id ORDER BY id) FROM change_request WHERE family_id = " + f.id));
    for (std::string id; std::getline(listed, id, ',');)
        ids.push_back(id);
    BOOST_REQUIRE_EQUAL(ids.size(), 70u);

    // The parent's page shows the household's five newest, each with its own values.
    const auto foyer = f.parent->get("/famille/foyer");
    BOOST_REQUIRE_EQUAL(foyer.status, 200);
    for (int i = 66; i <= 70; ++i)
        BOOST_TEST(contains(foyer.body, "« " + std::to_string(100 + i) + " » → « " +
                                            std::to_string(300 + i) + " »"),
                   i);
    BOOST_TEST(!contains(foyer.body, "« 165 »"));

    // The agent's export has all 70, each with its own field or two.
    auto agent = logged_admin();
    const auto zip = agent->get(f.path + "/export");
    BOOST_REQUIRE_EQUAL(zip.status, 200);
    const auto out = inspect_zip(zip.body, f.name);
    // The requests' part of donnees.json (python's json.dumps: ", " and ": " between items).
    const auto begin = out.find("\"demandes_de_modification\"");
    BOOST_REQUIRE(begin != std::string::npos);
    const auto json = out.substr(begin, out.find("\"reglements\"", begin) - begin);
    std::size_t fields = 0;
    for (auto at = json.find("\"champ\": "); at != std::string::npos;
         at = json.find("\"champ\": ", at + 1))
        ++fields;
    BOOST_TEST(fields == 70u + 23u);
    for (int i = 1; i <= 70; ++i) {
        const auto at = json.find("{\"id\": " + ids[static_cast<std::size_t>(i - 1)] + ",");
        BOOST_REQUIRE(at != std::string::npos);
        const auto next = json.find("{\"id\": ", at + 1);
        const auto own = json.substr(at, next == std::string::npos ? std::string::npos : next - at);
        BOOST_TEST(contains(own, "\"avant\": \"" + std::to_string(100 + i) + "\", \"apres\": \"" +
                                     std::to_string(300 + i) + "\""),
                   i);
        BOOST_TEST(contains(own, "quotient_valable_jusqu_au") == (i % 3 == 0), i);
    }
}

BOOST_AUTO_TEST_CASE(quotient_change_waits_for_the_agent_decision)
{
    auto f = make_family("Quotient", "700");
    const auto until = next_year_end();
    const auto quotient_of = [&] {
        return sql("SELECT CONCAT_WS('|', family_quotient, IFNULL(quotient_valid_until, 'NULL'))"
                   " FROM family WHERE id = " +
                   f.id);
    };
    BOOST_REQUIRE_EQUAL(quotient_of(), "700|NULL");

    const auto sent =
        post_multipart(*f.parent, "/famille/quotient",
                       {{"csrf", f.csrf},
                        {"quotient_familial", "850"},
                        {"quotient_valable_jusqu_au", until},
                        {"justificatif", minimal_pdf("CAF 850"), "caf.pdf", "application/pdf"}});
    BOOST_TEST(sent.status == 303);
    BOOST_TEST(sent.header("location") == "/famille/foyer?demande=1");
    BOOST_TEST(quotient_of() == "700|NULL");
    const auto first = sql("SELECT id FROM change_request WHERE family_id = " + f.id +
                           " AND kind = 'quotient' AND status = 'pending'");
    BOOST_REQUIRE(!first.empty());
    BOOST_TEST(sql("SELECT CONCAT(d.kind, '|', d.status, '|', d.mime) FROM change_request r"
                   " JOIN family_document d ON d.id = r.document_id WHERE r.id = " +
                   first) == "quotient|pending|application/pdf");
    auto foyer = f.parent->get("/famille/foyer");
    BOOST_TEST(contains(foyer.body, "En attente de validation"));
    BOOST_TEST(contains(foyer.body, "« 700 » → « 850 »"));

    auto agent = logged_admin();
    const auto queue = agent->get("/gestion/validations");
    BOOST_TEST(queue.status == 200);
    BOOST_TEST(contains(queue.body, "id=\"demande-" + first + "\""));
    BOOST_TEST(contains(queue.body, "famille " + f.name));
    BOOST_TEST(contains(queue.body, "« 700 » → « <strong>850</strong> »"));
    const auto csrf = input_value(queue.body, "csrf");
    const auto decide = "/gestion/validations/demandes/" + first;

    // Refusing needs a comment: 400 and nothing changes.
    const auto no_reason =
        agent->post_form(decide, {{"csrf", csrf}, {"decision", "refuser"}, {"commentaire", ""}});
    BOOST_TEST(no_reason.status == 400);
    BOOST_TEST(contains(no_reason.body, "raison du refus"));
    BOOST_TEST(sql("SELECT status FROM change_request WHERE id = " + first) == "pending");
    BOOST_TEST(quotient_of() == "700|NULL");

    const auto accepted =
        agent->post_form(decide, {{"csrf", csrf}, {"decision", "accepter"}, {"commentaire", ""}});
    BOOST_TEST(accepted.status == 303);
    BOOST_TEST(quotient_of() == "850|" + until);
    BOOST_TEST(sql("SELECT status FROM change_request WHERE id = " + first) == "accepted");
    auto mails = wait_for_mails(f.email, 2);
    BOOST_REQUIRE_EQUAL(mails.size(), 2u);
    BOOST_TEST(contains(mails[1].text, "La mairie a accepté votre demande : Quotient familial"));

    // Deciding twice: 409, nothing changes.
    const auto twice =
        agent->post_form(decide, {{"csrf", csrf}, {"decision", "refuser"}, {"commentaire", "non"}});
    BOOST_TEST(twice.status == 409);
    BOOST_TEST(sql("SELECT status FROM change_request WHERE id = " + first) == "accepted");
    BOOST_TEST(quotient_of() == "850|" + until);

    // A second change, refused with a reason.
    BOOST_TEST(
        post_multipart(*f.parent, "/famille/quotient",
                       {{"csrf", f.csrf},
                        {"quotient_familial", "400"},
                        {"quotient_valable_jusqu_au", until},
                        {"justificatif", minimal_pdf("CAF 400"), "caf.pdf", "application/pdf"}})
            .status == 303);
    const auto second = sql("SELECT id FROM change_request WHERE family_id = " + f.id +
                            " AND kind = 'quotient' AND status = 'pending'");
    BOOST_REQUIRE(!second.empty());
    const std::string reason = "Attestation illisible, merci d'en envoyer une autre";
    BOOST_TEST(agent
                   ->post_form("/gestion/validations/demandes/" + second,
                               {{"csrf", csrf}, {"decision", "refuser"}, {"commentaire", reason}})
                   .status == 303);
    BOOST_TEST(quotient_of() == "850|" + until);
    BOOST_TEST(sql("SELECT CONCAT(r.status, '|', d.status) FROM change_request r JOIN"
                   " family_document d ON d.id = r.document_id WHERE r.id = " +
                   second) == "refused|refused");
    foyer = f.parent->get("/famille/foyer");
    BOOST_TEST(contains(foyer.body, "Réponse de la mairie : Attestation illisible, merci d&#39;en "
                                    "envoyer une autre"));
    BOOST_TEST(contains(foyer.body, "Quotient familial actuel : <strong>850"));
    BOOST_TEST(contains(f.parent->get("/famille").body, "Demande non acceptée"));
    mails = wait_for_mails(f.email, 3);
    BOOST_REQUIRE_EQUAL(mails.size(), 3u);
    BOOST_TEST(contains(mails[2].text, "La mairie n'a pas accepté votre demande"));
    BOOST_TEST(contains(mails[2].text, reason));
    // An invalid decision and an unknown request.
    BOOST_TEST(agent
                   ->post_form("/gestion/validations/demandes/" + second,
                               {{"csrf", csrf}, {"decision", "peut-etre"}, {"commentaire", "x"}})
                   .status == 400);
    BOOST_TEST(agent
                   ->post_form("/gestion/validations/demandes/999999999",
                               {{"csrf", csrf}, {"decision", "accepter"}, {"commentaire", ""}})
                   .status == 404);
}

// 3. Photos: checked by content, re-encoded to JPEG without metadata; anything else is refused
// with a French message and nothing stored.
BOOST_AUTO_TEST_CASE(photo_upload_checks_content_and_strips_metadata)
{
    auto f = make_family("Photo");
    const auto child = "/famille/membres/" + f.child_id;

    // A PNG named x.jpg and declared image/jpeg: its content wins.
    const auto png = send_photo(*f.parent, child, f.csrf, png_image(120, 90), "x.jpg");
    BOOST_TEST(png.status == 303);
    BOOST_TEST(png.header("location") == child + "?photo=1");
    BOOST_TEST(photo_rows(f.child_id) == "1");
    auto served = f.parent->get(child + "/photo");
    BOOST_TEST(served.status == 200);
    BOOST_TEST(served.header("content-type") == "image/jpeg");
    BOOST_TEST(contains(served.header("cache-control"), "private"));
    BOOST_TEST(starts_with_jpeg_marker(served.body));
    BOOST_TEST(!contains(served.body, "Exif"));
    BOOST_TEST(sql("SELECT CONCAT(HEX(LEFT(data, 2)), '|', LOCATE('Exif', data), '|', width, 'x',"
                   " height) FROM member_photo WHERE member_id = " +
                   f.child_id) == "FFD8|0|120x90");
    BOOST_TEST(contains(f.parent->get(child).body, child + "/photo"));
    const auto child_photo =
        sql("SELECT MD5(data) FROM member_photo WHERE member_id = " + f.child_id);

    // A JPEG with EXIF GPS data: accepted, served without it.
    const auto exif = jpeg_with_exif(100, 80);
    BOOST_REQUIRE(contains(exif, "Exif") && contains(exif, gps_marker));
    const auto guardian = "/famille/membres/" + f.guardian_id;
    BOOST_TEST(send_photo(*f.parent, guardian, f.csrf, exif).status == 303);
    served = f.parent->get(guardian + "/photo");
    BOOST_TEST(served.status == 200);
    BOOST_TEST(starts_with_jpeg_marker(served.body));
    BOOST_TEST(!contains(served.body, "Exif"));
    BOOST_TEST(!contains(served.body, gps_marker));
    BOOST_TEST(sql("SELECT LOCATE('Exif', data) + LOCATE('GPS-SECRET', data) FROM member_photo"
                   " WHERE member_id = " +
                   f.guardian_id) == "0");

    // Refused: nothing stored for a member without photo, the child's photo unchanged.
    const auto contact = add_contact(f, unique_name("Voisin"), "Paul", "Voisin");
    const auto contact_path = "/famille/membres/" + contact;
    const auto good_jpeg = jpeg_image(300, 200);
    struct Bad {
        const char* what;
        std::string bytes;
        long status;
        const char* message;
    };
    std::string big = good_jpeg;
    big.resize(6 * 1024 * 1024, '\0');
    const Bad bad[] = {
        {"php", "<?php echo shell_exec($_GET['c']); ?>\n", 400,
         "Le fichier n&#39;est pas une image JPEG ou PNG."},
        {"6 MB", big, 413, "L&#39;image est trop grande (5 Mo au plus)."},
        {"truncated", good_jpeg.substr(0, good_jpeg.size() * 6 / 10), 400,
         "L&#39;image est illisible ou incomplète."},
        {"bomb", png_declaring(20000, 20000), 400,
         "Les dimensions de l&#39;image sont trop grandes."},
    };
    for (const auto& b : bad) {
        BOOST_TEST_CONTEXT(b.what)
        {
            const auto r = send_photo(*f.parent, contact_path, f.csrf, b.bytes, "photo.jpg");
            BOOST_TEST(r.status == b.status);
            BOOST_TEST(contains(r.body, "La photo n'a pas été enregistrée"));
            BOOST_TEST(contains(r.body, b.message));
            BOOST_TEST(photo_rows(contact) == "0");
            const auto on_child = send_photo(*f.parent, child, f.csrf, b.bytes, "photo.jpg");
            BOOST_TEST(on_child.status == b.status);
            BOOST_TEST(sql("SELECT MD5(data) FROM member_photo WHERE member_id = " + f.child_id) ==
                       child_photo);
        }
    }
    BOOST_TEST(f.parent->get(contact_path + "/photo").status == 404);
    // No file at all.
    const auto none = post_multipart(*f.parent, contact_path + "/photo", {{"csrf", f.csrf}});
    BOOST_TEST(none.status == 400);
    BOOST_TEST(photo_rows(contact) == "0");
    // The worker survived all of it.
    BOOST_TEST(f.parent->get(child + "/photo").status == 200);

    // Agents of the commune see the photo; it is private.
    auto agent = logged_admin();
    served = agent->get(f.path + "/membres/" + f.child_id + "/photo");
    BOOST_TEST(served.status == 200);
    BOOST_TEST(starts_with_jpeg_marker(served.body));
    BOOST_TEST(contains(served.header("cache-control"), "private"));
}

// 3b. Hostile files (issue 8): empty, archives and zip bombs, polyglots, path names, control
// and bidi characters in names. Refused with a French message and nothing stored, or stored
// neutralised: a picture is re-encoded (whatever rode on it is gone), a PDF is kept as is but
// only ever served as application/pdf, never sniffed, under a name the portal makes.
BOOST_AUTO_TEST_CASE(hostile_uploads_are_refused_or_neutralised)
{
    auto f = make_family("Hostile");
    const auto child = "/famille/membres/" + f.child_id;
    const auto documents = [&] {
        return sql("SELECT COUNT(*) FROM family_document WHERE family_id = " + f.id);
    };
    // A zip of a 10 MB file of zeros (the bomb), made by Python's zipfile.
    std::string bomb;
    BOOST_REQUIRE(run("/usr/bin/python3 -c \"import io, sys, zipfile; b = io.BytesIO(); "
                      "z = zipfile.ZipFile(b, 'w', zipfile.ZIP_DEFLATED); "
                      "z.writestr('a.pdf', bytes(10 << 20)); z.close(); "
                      "sys.stdout.buffer.write(b.getvalue())\" | base64 -w0",
                      &bomb) == 0);
    bomb = sql("SELECT FROM_BASE64('" + bomb + "')");
    BOOST_REQUIRE(bomb.rfind("PK\x03\x04", 0) == 0);

    struct Bad {
        const char* what;
        std::string bytes;
        const char* message;
    };
    const Bad refused[] = {
        {"empty", "", "Le fichier est vide."},
        {"zip bomb named .pdf", bomb, "PDF, JPEG ou PNG"},
        {"HTML", "<html><script>alert(1)</script></html>", "PDF, JPEG ou PNG"},
        {"PDF without end", "%PDF-1.4\n<html><script>alert(1)</script>", "PDF"},
        {"ELF",
         "\x7f"
         "ELF\x02\x01\x01" +
             std::string(64, '\0'),
         "PDF, JPEG ou PNG"},
    };
    const auto before = documents();
    for (const auto& b : refused)
        BOOST_TEST_CONTEXT(b.what)
        {
            const auto r = send_proof(f, "insurance", "", b.bytes);
            BOOST_TEST((r.status == 400 || r.status == 413), r.status);
            BOOST_TEST(contains(r.body, b.message), r.body.substr(0, 200));
            BOOST_TEST(documents() == before);
            const auto photo = send_photo(*f.parent, child, f.csrf, b.bytes);
            BOOST_TEST(photo.status == 400);
            BOOST_TEST(photo_rows(f.child_id) == "0");
        }

    // A picture carrying an archive and a script after its end, under a path-like name with a
    // bidi override and a control character: accepted, re-encoded, the cargo gone, the name
    // nowhere.
    const auto cargo = std::string("PK\x03\x04") + "<script>alert('polyglotte')</script>";
    const auto nasty_name = "../../../etc/\xE2\x80\xAE"
                            "fdp.exe\x01.jpg";
    const auto polyglot = jpeg_image(200, 150) + cargo;
    const auto sent_photo = send_photo(*f.parent, child, f.csrf, polyglot, nasty_name);
    BOOST_TEST(sent_photo.status == 303, sent_photo.body);
    const auto photo = f.parent->get(child + "/photo");
    BOOST_TEST(photo.status == 200);
    BOOST_TEST(photo.header("content-type") == "image/jpeg");
    BOOST_TEST(!contains(photo.body, "polyglotte"));
    BOOST_TEST(!contains(photo.body, "PK\x03\x04"));
    BOOST_TEST(send_proof(f, "insurance", "", polyglot, nasty_name).status == 303);
    const auto image_proof = last_document(f);
    BOOST_TEST(sql("SELECT LOCATE('polyglotte', data) FROM family_document WHERE id = " +
                   image_proof) == "0");

    // A PDF that is also an HTML page: kept byte for byte (a proof is evidence), served only
    // as a PDF that no browser sniffs, with a name of the portal's making.
    const auto html_pdf = "%PDF-1.4\n<html><body><script>alert('polyglotte')</script></body>"
                          "</html>\n" +
                          minimal_pdf();
    BOOST_TEST(send_proof(f, "insurance", "", html_pdf, "../../boot.ini.pdf").status == 303);
    const auto pdf_proof = last_document(f);
    const auto served = f.parent->get("/famille/justificatifs/" + pdf_proof);
    BOOST_TEST(served.status == 200);
    BOOST_TEST(served.body == html_pdf);
    BOOST_TEST(served.header("content-type") == "application/pdf");
    BOOST_TEST(served.header("x-content-type-options") == "nosniff");
    BOOST_TEST(served.header("content-disposition") ==
               "attachment; filename=\"justificatif-" + pdf_proof + ".pdf\"");
    auto agent = logged_admin();
    const auto seen = agent->get("/gestion/justificatifs/" + pdf_proof);
    BOOST_TEST(seen.status == 200);
    BOOST_TEST(seen.header("content-type") == "application/pdf");
    BOOST_TEST(seen.header("x-content-type-options") == "nosniff");
    BOOST_TEST(contains(seen.header("content-disposition"),
                        "filename=\"justificatif-" + pdf_proof + ".pdf\""));
    // No file name sent by the browser is kept anywhere. (Pieces with a dot: a bare "etc/"
    // also turns up by chance in a password hash's base64 or an image's bytes, as LIKE
    // ignores case.)
    for (const auto& part :
         {std::string("boot.ini"), std::string("fdp.exe"), std::string("../etc/")})
        BOOST_TEST(cells_containing(part) == 0, part << " in " << cells_where(part));
    // The pages listing them still render.
    BOOST_TEST(f.parent->get("/famille/justificatifs").status == 200);
    BOOST_TEST(agent->get(f.path).status == 200);
}

// 4. Another family's member, photo, proof or export, or another commune's rules → 404; an
// agent of another commune → 404.
BOOST_AUTO_TEST_CASE(other_families_and_communes_get_404)
{
    auto a = make_family("Isolea");
    auto b = make_family("Isoleb");
    BOOST_REQUIRE(
        b.parent
            ->post_form("/famille/membres/" + b.child_id, child_form(b, {{"medecin", "Dr Privé"}}))
            .status == 303);
    BOOST_REQUIRE(
        send_photo(*b.parent, "/famille/membres/" + b.child_id, b.csrf, jpeg_image(64, 64))
            .status == 303);
    BOOST_REQUIRE(send_proof(b, "insurance", "", minimal_pdf("Assurance B")).status == 303);
    const auto b_doc = last_document(b);
    const auto b_contact = add_contact(b, unique_name("Tonton"), "Marc");
    const auto b_photo = sql("SELECT MD5(data) FROM member_photo WHERE member_id = " + b.child_id);
    const auto b_member = [&] {
        return sql("SELECT CONCAT_WS('|', last_name, first_name, doctor, IFNULL(removed_at, 'on'))"
                   " FROM family_member WHERE id = " +
                   b.child_id);
    };
    const auto b_before = b_member();

    Client& p = *a.parent;
    const auto member = "/famille/membres/" + b.child_id;
    auto r = p.get(member);
    BOOST_TEST(r.status == 404);
    BOOST_TEST(!contains(r.body, b.child_first));
    BOOST_TEST(p.post_form(member, child_form(b, {{"medecin", "Dr Intrus"}}, a.csrf)).status ==
               404);
    BOOST_TEST(p.post_form("/famille/membres/" + b.guardian_id,
                           guardian_form(b, {{"portable", "06 00 00 00 00"}}, a.csrf))
                   .status == 404);
    r = p.get(member + "/photo");
    BOOST_TEST(r.status == 404);
    BOOST_TEST(!starts_with_jpeg_marker(r.body));
    BOOST_TEST(send_photo(p, member, a.csrf, png_image(32, 32)).status == 404);
    BOOST_TEST(
        p.post_form("/famille/membres/" + b_contact + "/supprimer", {{"csrf", a.csrf}}).status ==
        404);
    r = p.get("/famille/justificatifs/" + b_doc);
    BOOST_TEST(r.status == 404);
    BOOST_TEST(!contains(r.body, "Assurance B"));
    // A proof "for" B's child.
    BOOST_TEST(send_proof(a, "medical", b.child_id, minimal_pdf()).status == 404);
    BOOST_TEST(sql("SELECT COUNT(*) FROM family_document WHERE member_id = " + b.child_id) == "0");
    // B's export is not reachable: the parent's export is its own family's, the back office
    // is for agents.
    r = p.get("/gestion/familles/" + b.id + "/export");
    BOOST_TEST(r.status != 200);
    BOOST_TEST(r.header("content-type") != "application/zip");
    BOOST_TEST(b_member() == b_before);
    BOOST_TEST(sql("SELECT MD5(data) FROM member_photo WHERE member_id = " + b.child_id) ==
               b_photo);
    BOOST_TEST(sql("SELECT removed_at IS NULL FROM family_member WHERE id = " + b_contact) == "1");

    // Rules of another commune.
    auto other_admin = logged_agent(other_agent_email, admin_password, other_host);
    const auto other_csrf = other_admin->csrf_from("/gestion/reglements");
    const auto service = unique_name("Garderie");
    BOOST_REQUIRE_EQUAL(
        post_multipart(*other_admin, "/gestion/reglements",
                       {{"csrf", other_csrf},
                        {"service", service},
                        {"titre", "Règlement d'Autreville"},
                        {"fichier", minimal_pdf("Autreville"), "r.pdf", "application/pdf"}})
            .status,
        303);
    const auto other_rules = sql("SELECT id FROM rules_document WHERE service = '" + service + "'");
    BOOST_REQUIRE(!other_rules.empty());
    BOOST_REQUIRE_EQUAL(
        other_admin
            ->post_form("/gestion/reglements/" + other_rules + "/publier", {{"csrf", other_csrf}})
            .status,
        303);
    BOOST_TEST(p.get("/famille/reglements/" + other_rules + "/pdf").status == 404);
    BOOST_TEST(p.post_form("/famille/reglements/" + other_rules + "/accepter", {{"csrf", a.csrf}})
                   .status == 404);
    BOOST_TEST(!contains(p.get("/famille/reglements").body, service));
    BOOST_TEST(sql("SELECT COUNT(*) FROM rules_acceptance WHERE document_id = " + other_rules) ==
               "0");
    // Our admin does not see it either.
    auto admin = logged_admin();
    BOOST_TEST(admin->get("/gestion/reglements/" + other_rules).status == 404);
    BOOST_TEST(admin->get("/gestion/reglements/" + other_rules + "/pdf").status == 404);

    // The agent of another commune, on this commune's family.
    BOOST_REQUIRE(send_proof(a, "vaccinations", a.child_id, minimal_pdf("Vaccins A")).status ==
                  303);
    const auto a_doc = last_document(a);
    BOOST_REQUIRE(
        send_photo(*a.parent, "/famille/membres/" + a.child_id, a.csrf, jpeg_image(64, 64))
            .status == 303);
    BOOST_REQUIRE(a.parent
                      ->post_form("/famille/membres/" + a.child_id,
                                  child_form(a, {{"allergies_reponse", "non"}}))
                      .status == 303);
    const auto a_request =
        sql("SELECT id FROM change_request WHERE family_id = " + a.id + " AND status = 'pending'");
    BOOST_REQUIRE(!a_request.empty());
    Client& o = *other_admin;
    const auto a_member = a.path + "/membres/" + a.child_id;
    for (const auto& path : {a_member, a_member + "/photo", "/gestion/justificatifs/" + a_doc,
                             a.path + "/export", a.path}) {
        r = o.get(path);
        BOOST_TEST(r.status == 404, path);
        BOOST_TEST(!contains(r.body, a.child_first), path);
    }
    BOOST_TEST(o.post_form("/gestion/validations/demandes/" + a_request,
                           {{"csrf", other_csrf}, {"decision", "accepter"}, {"commentaire", ""}})
                   .status == 404);
    BOOST_TEST(o.post_form("/gestion/validations/justificatifs/" + a_doc,
                           {{"csrf", other_csrf}, {"decision", "accepter"}, {"commentaire", ""}})
                   .status == 404);
    BOOST_TEST(o.post_form(a.path + "/archiver", {{"csrf", other_csrf}, {"archive", "1"}}).status ==
               404);
    BOOST_TEST(sql("SELECT status FROM change_request WHERE id = " + a_request) == "pending");
    BOOST_TEST(sql("SELECT status FROM family_document WHERE id = " + a_doc) == "pending");
    BOOST_TEST(sql("SELECT archived_at IS NULL FROM family WHERE id = " + a.id) == "1");
    BOOST_TEST(!contains(o.get("/gestion/validations").body, a.name));
}

// 5. HTML in text fields is shown escaped on the parents' and the agents' pages.
BOOST_AUTO_TEST_CASE(html_in_text_fields_is_escaped_everywhere)
{
    auto f = make_family("Echappe");
    const auto child = "/famille/membres/" + f.child_id;
    BOOST_REQUIRE_EQUAL(
        f.parent
            ->post_form(child,
                        child_form(f, {{"medecin", "Dr " + script_payload},
                                       {"ecole", attribute_payload},
                                       {"classe", "<b>CP</b>"},
                                       {"allergies_reponse", "oui"},
                                       {"allergies", script_payload + " " + attribute_payload}}))
            .status,
        303);
    const auto contact = add_contact(f, script_payload, attribute_payload, attribute_payload);
    BOOST_REQUIRE_EQUAL(f.parent
                            ->post_form("/famille/membres/" + f.guardian_id,
                                        guardian_form(f, {{"adresse", script_payload},
                                                          {"employeur", attribute_payload}}))
                            .status,
                        303);
    BOOST_REQUIRE_EQUAL(f.parent
                            ->post_form("/famille/foyer", {{"csrf", f.csrf},
                                                           {"adresse1", attribute_payload},
                                                           {"adresse2", script_payload},
                                                           {"code_postal", "84510"},
                                                           {"ville", script_payload},
                                                           {"telephone", "04 90 00 00 00"},
                                                           {"email", ""}})
                            .status,
                        303);
    // The payloads are stored as typed (escaping is the pages' job).
    BOOST_REQUIRE_EQUAL(sql("SELECT doctor FROM family_member WHERE id = " + f.child_id),
                        "Dr " + script_payload);
    BOOST_REQUIRE_EQUAL(sql("SELECT last_name FROM family_member WHERE id = " + contact),
                        script_payload);

    const std::string escaped_script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    const std::string escaped_attribute = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
    const auto check = [&](Client& c, const std::string& path, bool must_show) {
        BOOST_TEST_CONTEXT(path)
        {
            const auto r = c.get(path);
            BOOST_TEST(r.status == 200);
            BOOST_TEST(!contains(r.body, "<script>alert"));
            BOOST_TEST(!contains(r.body, "<img src=x"));
            BOOST_TEST(!contains(r.body, "<b>CP"));
            if (must_show)
                BOOST_TEST(
                    (contains(r.body, escaped_script) || contains(r.body, escaped_attribute)));
        }
    };
    for (const auto& path : {std::string("/famille"), std::string("/famille/dossier"), child,
                             "/famille/membres/" + contact, "/famille/membres/" + f.guardian_id,
                             std::string("/famille/foyer"), std::string("/famille/donnees"),
                             std::string("/famille/justificatifs")})
        check(*f.parent, path, path != "/famille" && path != "/famille/justificatifs");
    // The pending allergies request shows the text on the child's page.
    const auto child_page = f.parent->get(child).body;
    BOOST_TEST(contains(child_page, escaped_script + " " + escaped_attribute));

    auto agent = logged_admin();
    for (const auto& path :
         {f.path, f.path + "/membres/" + f.child_id, f.path + "/membres/" + contact,
          f.path + "/membres/" + f.guardian_id, std::string("/gestion/validations"),
          "/gestion/familles?" + form_encode({{"q", f.name}})})
        check(*agent, path, path.rfind("/gestion/familles?", 0) != 0);
    // The agent accepts the allergies: the child's file shows them, escaped.
    const auto request =
        sql("SELECT id FROM change_request WHERE family_id = " + f.id + " AND status = 'pending'");
    BOOST_REQUIRE(!request.empty());
    BOOST_REQUIRE_EQUAL(agent
                            ->post_form("/gestion/validations/demandes/" + request,
                                        {{"csrf", agent->csrf_from("/gestion/validations")},
                                         {"decision", "accepter"},
                                         {"commentaire", script_payload}})
                            .status,
                        303);
    check(*agent, f.path + "/membres/" + f.child_id, true);
    check(*f.parent, child, true);
    check(*f.parent, "/famille", false);
    const auto mails = wait_for_mails(f.email, 2);
    BOOST_REQUIRE_EQUAL(mails.size(), 2u);
    // The HTML part of the decision mail shows the agent's comment escaped.
    const auto html_mail = [&] {
        std::ifstream in(mails[1].file);
        return mail_part(std::string(std::istreambuf_iterator<char>(in), {}), "text/html");
    }();
    BOOST_TEST(contains(html_mail, escaped_script));
    BOOST_TEST(!contains(html_mail, "<script>alert"));
}

// 6. The RGPD export: every member and file of the family, nothing of another one.
BOOST_AUTO_TEST_CASE(rgpd_export_holds_the_family_and_nothing_else)
{
    auto a = make_family("Exporta");
    auto b = make_family("Exportb");
    const auto contact_last = unique_name("Parrain");
    const auto contact = add_contact(a, contact_last, "Hugo");
    BOOST_REQUIRE(
        send_photo(*a.parent, "/famille/membres/" + a.child_id, a.csrf, png_image(80, 60)).status ==
        303);
    BOOST_REQUIRE(send_proof(a, "insurance", "", minimal_pdf("Assurance A")).status == 303);
    BOOST_REQUIRE(post_multipart(*a.parent, "/famille/quotient",
                                 {{"csrf", a.csrf},
                                  {"quotient_familial", "640"},
                                  {"quotient_valable_jusqu_au", next_year_end()},
                                  {"justificatif", png_image(200, 280), "caf.png", "image/png"}})
                      .status == 303);
    // Family B has its own photo and proof, which must stay out of A's export.
    BOOST_REQUIRE(
        send_photo(*b.parent, "/famille/membres/" + b.child_id, b.csrf, png_image(50, 50)).status ==
        303);
    BOOST_REQUIRE(send_proof(b, "insurance", "", minimal_pdf("Assurance B")).status == 303);

    const auto r = a.parent->get("/famille/donnees/export");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.header("content-type") == "application/zip");
    BOOST_TEST(contains(r.header("content-disposition"), "attachment"));
    BOOST_TEST(contains(r.header("cache-control"), "private"));
    const auto out = inspect_zip(r.body, b.name);
    BOOST_TEST_MESSAGE(out);
    BOOST_REQUIRE(contains(out, "TESTZIP\tNone"));
    const auto json_at = out.find("\nJSON\t");
    BOOST_REQUIRE(json_at != std::string::npos);
    const auto listing = out.substr(0, json_at);
    const auto json = out.substr(json_at);
    for (const auto& name : {a.name, a.guardian_first, a.child_first, contact_last, a.email})
        BOOST_TEST(contains(json, "\"" + name + "\""), name);
    // Every photo and proof, as stored.
    const auto photo_md5 =
        sql("SELECT MD5(data) FROM member_photo WHERE member_id = " + a.child_id);
    BOOST_TEST(contains(listing, "\nphotos/" + a.child_id + "-"));
    BOOST_TEST(contains(listing, photo_md5));
    const auto docs = sql("SELECT GROUP_CONCAT(CONCAT(id, ':', MD5(data)) ORDER BY id) FROM"
                          " family_document WHERE family_id = " +
                          a.id);
    std::size_t start = 0, count = 0;
    while (start < docs.size()) {
        auto comma = docs.find(',', start);
        if (comma == std::string::npos)
            comma = docs.size();
        const auto item = docs.substr(start, comma - start);
        const auto colon = item.find(':');
        BOOST_TEST(contains(listing, "\njustificatifs/" + item.substr(0, colon) + "-"), item);
        BOOST_TEST(contains(listing, item.substr(colon + 1)), item);
        ++count;
        start = comma + 1;
    }
    BOOST_TEST(count == 2u);
    BOOST_TEST(contains(listing, "\tFalse\t25504446\t")); // a "%PDF" proof, without B's name
    BOOST_TEST(contains(listing, "LISEZMOI.txt"));
    // Nothing of B: no entry contains B's name, nor its child, its email or its proof.
    BOOST_TEST(!contains(listing, "\tTrue\t"));
    for (const auto& other : {b.name, b.child_first, b.email, std::string("Assurance B")})
        BOOST_TEST(!contains(out, other), other);
    const auto b_docs = sql("SELECT MD5(data) FROM family_document WHERE family_id = " + b.id);
    const auto b_photo = sql("SELECT MD5(data) FROM member_photo WHERE member_id = " + b.child_id);
    BOOST_TEST(!contains(out, b_docs));
    BOOST_TEST(!contains(out, b_photo));
    // The export is journaled.
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE family_id = " + a.id +
                   " AND action = 'Export des données (RGPD)'") == "1");

    // The agent's export of A is the same kind of file; of a member removed, nothing.
    auto agent = logged_admin();
    const auto agent_zip = agent->get(a.path + "/export");
    BOOST_REQUIRE_EQUAL(agent_zip.status, 200);
    const auto agent_out = inspect_zip(agent_zip.body, b.name);
    BOOST_TEST(contains(agent_out, "\"" + contact_last + "\""));
    BOOST_TEST(contains(agent_out, photo_md5));
    BOOST_TEST(!contains(agent_out, "\tTrue\t"));
    BOOST_TEST(!contains(agent_out, b.child_first));
    (void)contact;
}

// 7. Health data: a régisseur sees none of it; each agent's look at it is journaled.
BOOST_AUTO_TEST_CASE(health_data_is_for_the_roles_that_need_it)
{
    auto f = make_family("Sante");
    const std::string doctor = "Dr " + unique_name("Docteur");
    const std::string allergy = "Arachide " + unique_name("Allergie");
    BOOST_REQUIRE_EQUAL(f.parent
                            ->post_form("/famille/membres/" + f.child_id,
                                        child_form(f, {{"medecin", doctor},
                                                       {"allergies_reponse", "oui"},
                                                       {"allergies", allergy},
                                                       {"pai", "oui"}}))
                            .status,
                        303);
    BOOST_REQUIRE(send_proof(f, "vaccinations", f.child_id, minimal_pdf("Vaccins")).status == 303);
    const auto vaccines = last_document(f);
    auto admin = logged_admin();
    const auto request =
        sql("SELECT id FROM change_request WHERE family_id = " + f.id + " AND status = 'pending'");
    BOOST_REQUIRE(!request.empty());

    // A régisseur.
    const auto email = unique_email("regisseur");
    const std::string password = "le mot de passe du regisseur";
    const auto csrf = admin->csrf_from("/gestion/agents");
    BOOST_REQUIRE_EQUAL(admin
                            ->post_form("/gestion/agents", {{"csrf", csrf},
                                                            {"nom", "Régisseur Santé"},
                                                            {"email", email},
                                                            {"role", "regisseur"},
                                                            {"mot_de_passe", password}})
                            .status,
                        303);
    auto regisseur = logged_agent(email, password);
    const auto views = [&] {
        return sql("SELECT COUNT(*) FROM journal WHERE action = 'Consultation des données de "
                   "santé' AND object_type = 'family_member' AND object_id = " +
                   f.child_id);
    };
    const auto member = f.path + "/membres/" + f.child_id;
    auto r = regisseur->get(member);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(contains(r.body, f.child_first));
    BOOST_TEST(contains(r.body, "Les données de santé ne sont visibles que"));
    BOOST_TEST(!contains(r.body, doctor));
    BOOST_TEST(!contains(r.body, "Médecin traitant"));
    BOOST_TEST(views() == "0");
    r = regisseur->get(f.path);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(!contains(r.body, doctor));
    BOOST_TEST(contains(r.body, "(donnée de santé)"));
    r = regisseur->get("/gestion/validations");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(!contains(r.body, allergy));
    BOOST_TEST(regisseur->get(f.path + "/export").status == 403);
    r = regisseur->get("/gestion/justificatifs/" + vaccines);
    BOOST_TEST(r.status == 403);
    BOOST_TEST(!contains(r.body, "%PDF"));
    BOOST_TEST(regisseur
                   ->post_form("/gestion/validations/demandes/" + request,
                               {{"csrf", regisseur->csrf_from("/gestion/validations")},
                                {"decision", "accepter"},
                                {"commentaire", ""}})
                   .status == 403);
    BOOST_TEST(sql("SELECT status FROM change_request WHERE id = " + request) == "pending");
    BOOST_TEST(views() == "0");

    // The agent (administrateur) sees it, and the look is journaled with who looked.
    r = admin->get(member);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(contains(r.body, doctor));
    BOOST_TEST(views() == "1");
    BOOST_TEST(sql("SELECT CONCAT(j.actor_kind, '|', a.email, '|', j.family_id, '|', j.health_data)"
                   " FROM journal j JOIN agent a ON a.id = j.actor_id WHERE j.action ="
                   " 'Consultation des données de santé' AND j.object_id = " +
                   f.child_id) == "agent|" + std::string(admin_email) + "|" + f.id + "|1");
    admin->get(member);
    BOOST_TEST(views() == "2");
    r = admin->get("/gestion/justificatifs/" + vaccines);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("content-type") == "application/pdf");
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE action = 'Consultation d''un justificatif"
                   " de santé' AND object_id = " +
                   vaccines) == "1");
    // An ordinary agent sees it too.
    const auto agent_email = unique_email("agent-sante");
    BOOST_REQUIRE_EQUAL(admin
                            ->post_form("/gestion/agents", {{"csrf", csrf},
                                                            {"nom", "Agent Enfance"},
                                                            {"email", agent_email},
                                                            {"role", "agent"},
                                                            {"mot_de_passe", password}})
                            .status,
                        303);
    auto agent = logged_agent(agent_email, password);
    r = agent->get(member);
    BOOST_TEST(contains(r.body, doctor));
    BOOST_TEST(views() == "3");
    BOOST_TEST(agent->get(f.path + "/export").status == 200);
}

// 8. Rules: a new version asks every family again; an old version cannot be accepted; only a
// PDF is kept.
BOOST_AUTO_TEST_CASE(new_rules_version_asks_families_again)
{
    auto f = make_family("Reglement");
    const std::string service = "Restauration scolaire";
    const auto current = [&] {
        return sql("SELECT id FROM rules_document WHERE commune_id = " + caumont_id() +
                   " AND service = '" + service +
                   "' AND published_at IS NOT NULL"
                   " ORDER BY version DESC LIMIT 1");
    };
    const auto old_id = current();
    BOOST_REQUIRE(!old_id.empty());
    const std::string alert = "Règlement « " + service + " » à lire et accepter";
    BOOST_TEST(contains(f.parent->get("/famille").body, alert));
    BOOST_REQUIRE_EQUAL(
        f.parent->post_form("/famille/reglements/" + old_id + "/accepter", {{"csrf", f.csrf}})
            .status,
        303);
    BOOST_TEST(!contains(f.parent->get("/famille").body, alert));
    BOOST_TEST(contains(f.parent->get("/famille/reglements").body, "Accepté le"));

    auto admin = logged_admin();
    const auto csrf = admin->csrf_from("/gestion/reglements");
    const auto count = [] { return sql("SELECT COUNT(*) FROM rules_document"); };
    const auto before = count();
    // Not a PDF: 400, nothing stored.
    const auto not_pdf =
        post_multipart(*admin, "/gestion/reglements",
                       {{"csrf", csrf},
                        {"service", service},
                        {"titre", "Faux règlement"},
                        {"fichier", png_image(20, 20), "reglement.pdf", "application/pdf"}});
    BOOST_TEST(not_pdf.status == 400);
    BOOST_TEST(contains(not_pdf.body, "n&#39;est pas un PDF"));
    const auto broken =
        post_multipart(*admin, "/gestion/reglements",
                       {{"csrf", csrf},
                        {"service", service},
                        {"titre", "Règlement tronqué"},
                        {"fichier", "%PDF-1.4\n1 0 obj\n", "r.pdf", "application/pdf"}});
    BOOST_TEST(broken.status == 400);
    BOOST_TEST(count() == before);

    const auto title = unique_name("Reglement cantine v");
    const auto uploaded =
        post_multipart(*admin, "/gestion/reglements",
                       {{"csrf", csrf},
                        {"service", service},
                        {"titre", title},
                        {"fichier", minimal_pdf("Nouveau"), "r.pdf", "application/pdf"}});
    BOOST_TEST(uploaded.status == 303);
    const auto new_id = sql("SELECT id FROM rules_document WHERE title = '" + title + "'");
    BOOST_REQUIRE(!new_id.empty());
    BOOST_TEST(sql("SELECT version > (SELECT version FROM rules_document WHERE id = " + old_id +
                   ") FROM rules_document WHERE id = " + new_id) == "1");
    // A draft changes nothing for parents, and is not theirs to read.
    BOOST_TEST(!contains(f.parent->get("/famille").body, alert));
    BOOST_TEST(f.parent->get("/famille/reglements/" + new_id + "/pdf").status == 404);
    BOOST_TEST(
        f.parent->post_form("/famille/reglements/" + new_id + "/accepter", {{"csrf", f.csrf}})
            .status == 404);
    BOOST_TEST(admin->get("/gestion/reglements/" + new_id + "/pdf").status == 200);

    BOOST_TEST(
        admin->post_form("/gestion/reglements/" + new_id + "/publier", {{"csrf", csrf}}).status ==
        303);
    BOOST_TEST(current() == new_id);
    BOOST_TEST(contains(f.parent->get("/famille").body, alert));
    const auto rules_page = f.parent->get("/famille/reglements");
    BOOST_TEST(contains(rules_page.body, "Une nouvelle version a été publiée"));
    BOOST_TEST(contains(rules_page.body, "/famille/reglements/" + new_id + "/accepter"));
    const auto pdf = f.parent->get("/famille/reglements/" + new_id + "/pdf");
    BOOST_TEST(pdf.status == 200);
    BOOST_TEST(pdf.header("content-type") == "application/pdf");
    BOOST_TEST(contains(pdf.body, "% Nouveau"));

    // The old version: 409, nothing stored.
    const auto old =
        f.parent->post_form("/famille/reglements/" + old_id + "/accepter", {{"csrf", f.csrf}});
    BOOST_TEST(old.status == 409);
    BOOST_TEST(contains(old.body, "remplacée par une plus récente"));
    const auto accepted =
        f.parent->post_form("/famille/reglements/" + new_id + "/accepter", {{"csrf", f.csrf}});
    BOOST_TEST(accepted.status == 303);
    BOOST_TEST(sql("SELECT GROUP_CONCAT(document_id ORDER BY document_id) FROM rules_acceptance"
                   " WHERE family_id = " +
                   f.id) == old_id + "," + new_id);
    BOOST_TEST(sql("SELECT COUNT(*) FROM rules_acceptance a JOIN parent_account p ON"
                   " p.id = a.account_id WHERE a.family_id = " +
                   f.id + " AND a.document_id = " + new_id + " AND p.email = '" + f.email + "'") ==
               "1");
    // Accepting twice keeps one row.
    BOOST_TEST(
        f.parent->post_form("/famille/reglements/" + new_id + "/accepter", {{"csrf", f.csrf}})
            .status == 303);
    BOOST_TEST(sql("SELECT COUNT(*) FROM rules_acceptance WHERE family_id = " + f.id +
                   " AND document_id = " + new_id) == "1");
    BOOST_TEST(!contains(f.parent->get("/famille").body, alert));
    // The administrator sees who accepted which version.
    const auto detail = admin->get("/gestion/reglements/" + new_id);
    BOOST_TEST(detail.status == 200);
    BOOST_TEST(contains(detail.body, f.name));
    // Only administrators manage rules.
    const auto agent_email = unique_email("agent-reglement");
    const std::string password = "un mot de passe d'agent solide";
    BOOST_REQUIRE_EQUAL(
        admin
            ->post_form("/gestion/agents", {{"csrf", admin->csrf_from("/gestion/agents")},
                                            {"nom", "Agent"},
                                            {"email", agent_email},
                                            {"role", "agent"},
                                            {"mot_de_passe", password}})
            .status,
        303);
    auto agent = logged_agent(agent_email, password);
    BOOST_TEST(agent->get("/gestion/reglements").status == 403);
    const auto by_agent = post_multipart(*agent, "/gestion/reglements",
                                         {{"csrf", agent->csrf_from("/gestion")},
                                          {"service", service},
                                          {"titre", "Par un agent"},
                                          {"fichier", minimal_pdf(), "r.pdf", "application/pdf"}});
    BOOST_TEST(by_agent.status == 403);
    BOOST_TEST(sql("SELECT COUNT(*) FROM rules_document WHERE title = 'Par un agent'") == "0");
}

// 9. Purge: families archived longer than the retention period lose their personal data; the
// dry run lists them and changes nothing.
BOOST_AUTO_TEST_CASE(purge_removes_the_data_of_families_archived_too_long)
{
    auto f = make_family("Purge", "512");
    auto kept = make_family("Garde");
    const auto contact_last = unique_name("Cousin");
    add_contact(f, contact_last, "Louis");
    BOOST_REQUIRE(
        send_photo(*f.parent, "/famille/membres/" + f.child_id, f.csrf, png_image(40, 40)).status ==
        303);
    BOOST_REQUIRE(send_proof(f, "insurance", "", minimal_pdf()).status == 303);
    BOOST_REQUIRE(f.parent
                      ->post_form("/famille/membres/" + f.child_id,
                                  child_form(f, {{"medecin", "Dr " + f.name},
                                                 {"allergies_reponse", "oui"},
                                                 {"allergies", "Pollen " + f.name}}))
                      .status == 303);
    BOOST_REQUIRE(
        send_photo(*kept.parent, "/famille/membres/" + kept.child_id, kept.csrf, png_image(40, 40))
            .status == 303);

    auto agent = logged_admin();
    const auto csrf = agent->csrf_from(f.path);
    for (auto* family : {&f, &kept})
        BOOST_REQUIRE_EQUAL(
            agent->post_form(family->path + "/archiver", {{"csrf", csrf}, {"archive", "1"}}).status,
            303);
    BOOST_TEST(sql("SELECT archived_at IS NOT NULL FROM family WHERE id = " + f.id) == "1");
    BOOST_TEST(contains(agent->get(f.path).body, "Ce dossier est archivé"));
    // f was archived 20 years ago; `kept` just now, within the retention period.
    sql("UPDATE family SET archived_at = UTC_TIMESTAMP() - INTERVAL 20 YEAR WHERE id = " + f.id);
    const auto number = sql("SELECT number FROM family WHERE id = " + f.id);
    const auto kept_number = sql("SELECT number FROM family WHERE id = " + kept.id);

    std::string out;
    BOOST_TEST(Stack::get().portail("purge-families --dry-run", &out) == 0);
    BOOST_TEST_MESSAGE(out);
    BOOST_TEST(contains(out, "famille n° " + number + " archivée le"));
    BOOST_TEST(contains(out, "à supprimer (simulation)"));
    BOOST_TEST(!contains(out, "famille n° " + kept_number + " "));
    BOOST_TEST(sql("SELECT name FROM family WHERE id = " + f.id) == f.name);
    BOOST_TEST(photo_rows(f.child_id) == "1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM parent_account WHERE family_id = " + f.id) == "1");
    BOOST_TEST(f.parent->get("/famille").status == 200);

    out.clear();
    BOOST_TEST(Stack::get().portail("purge-families", &out) == 0);
    BOOST_TEST_MESSAGE(out);
    BOOST_TEST(contains(out, "famille n° " + number + " archivée le"));
    BOOST_TEST(contains(out, "supprimée"));
    // The family row stays (invoices will point at it), anonymised.
    BOOST_TEST(
        sql("SELECT CONCAT_WS('|', name, address_line1, city, IFNULL(family_quotient, 'NULL'),"
            " archived_at IS NOT NULL) FROM family WHERE id = " +
            f.id) == "|||NULL|1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM family_member WHERE family_id = " + f.id +
                   " AND (last_name <> '' OR first_name <> '' OR doctor <> '' OR allergies <> ''"
                   " OR birth_date IS NOT NULL)") == "0");
    for (const char* table : {"member_photo", "family_document", "parent_account", "change_request",
                              "subscriber_code", "rules_acceptance"})
        BOOST_TEST(
            sql(std::string("SELECT COUNT(*) FROM ") + table + " WHERE family_id = " + f.id) == "0",
            table);
    // No trace of the family's names or the parent's email anywhere in the database.
    for (const auto& personal : {f.name, contact_last, f.child_first, f.email})
        BOOST_TEST(cells_containing(personal) == 0, personal << " in " << cells_where(personal));
    // The parent's session ended.
    BOOST_TEST(f.parent->get("/famille").status == 303);
    // The other family is untouched; a second run finds nothing more to do.
    BOOST_TEST(sql("SELECT name FROM family WHERE id = " + kept.id) == kept.name);
    BOOST_TEST(photo_rows(kept.child_id) == "1");
    BOOST_TEST(kept.parent->get("/famille").status == 200);
    out.clear();
    BOOST_TEST(Stack::get().portail("purge-families", &out) == 0);
    BOOST_TEST(!contains(out, "famille n° " + number + " "));
    // The purge is journaled without personal data.
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE family_id = " + f.id +
                   " AND action = 'Suppression des données (durée de conservation)'") == "1");
    // The agent's page of the family still opens.
    BOOST_TEST(agent->get(f.path).status == 200);
}

// 9b. Retention on a deployment of several communes: each commune's own period decides, the
// purge touches no other family nor commune, an agent's export holds its own commune's family
// only; expired sessions and day-old throttle events (addresses, browsers) go too.
BOOST_AUTO_TEST_CASE(purge_and_export_follow_each_communes_own_rules)
{
    const auto here = caumont_id();
    const auto other = sql("SELECT id FROM commune WHERE slug = 'autreville'");
    // Names and emails here are letters, digits, '@', '.' and '-': quoting is enough.
    const auto quoted = [](const std::string& text) { return "'" + text + "'"; };
    struct Restore {
        std::string here, other;
        std::string here_months = sql("SELECT retention_months FROM commune WHERE id = " + here);
        std::string other_months = sql("SELECT retention_months FROM commune WHERE id = " + other);
        ~Restore()
        {
            sql("UPDATE commune SET retention_months = " + here_months + " WHERE id = " + here);
            sql("UPDATE commune SET retention_months = " + other_months + " WHERE id = " + other);
        }
    } restore{here, other};
    sql("UPDATE commune SET retention_months = 36 WHERE id = " + here);
    sql("UPDATE commune SET retention_months = 12 WHERE id = " + other);

    struct Fam {
        std::string commune, id, name, number, email;
    };
    // A family written directly: a guardian with an email and a child, archived `months` ago
    // (never when negative).
    const auto family = [&](const std::string& commune, const std::string& tag, int months) {
        Fam f{commune, {}, unique_name(tag), {}, unique_email(tag)};
        f.id =
            sql("INSERT INTO family (commune_id, number, name, address_line1, postal_code,"
                " city, archived_at) SELECT " +
                commune + ", IFNULL(MAX(number), 0) + 1, " + quoted(f.name) +
                ", '3 rue du Lavoir', '84510', 'Ville', " +
                (months < 0 ? std::string("NULL")
                            : "UTC_TIMESTAMP() - INTERVAL " + std::to_string(months) + " MONTH") +
                " FROM family WHERE commune_id = " + commune + "; SELECT LAST_INSERT_ID()");
        BOOST_REQUIRE(!f.id.empty() && f.id.find_first_not_of("0123456789") == std::string::npos);
        f.number = sql("SELECT number FROM family WHERE id = " + f.id);
        sql("INSERT INTO family_member (commune_id, family_id, role, last_name, first_name,"
            " email) VALUES (" +
            commune + ", " + f.id + ", 'guardian', " + quoted(f.name) + ", 'Noé', " +
            quoted(f.email) + ")");
        sql("INSERT INTO family_member (commune_id, family_id, role, last_name, first_name,"
            " birth_date, allergies) VALUES (" +
            commune + ", " + f.id + ", 'child', " + quoted(f.name) + ", 'Lou', '2018-05-02', " +
            quoted("Arachide " + f.name) + ")");
        return f;
    };
    const auto here_old = family(here, "Ancienne", 40);  // past 36 months: purged
    const auto here_mid = family(here, "Moyenne", 20);   // within 36 months: kept
    const auto other_mid = family(other, "Voisine", 20); // past 12 months: purged
    const auto other_new = family(other, "Recente", 6);  // within 12 months: kept
    const auto other_live = family(other, "Active", -1); // not archived: kept
    const std::vector<const Fam*> purged{&here_old, &other_mid};
    const std::vector<const Fam*> kept{&here_mid, &other_new, &other_live};

    // Sessions and throttle events, expired and fresh.
    const auto session = [&](const std::string& age) {
        return sql("INSERT INTO session (commune_id, token_hash, kind, account_id, created_at,"
                   " last_seen_at, ip) VALUES (" +
                   other + ", UNHEX(SHA2(UUID(), 256)), 'parent', 0, UTC_TIMESTAMP() - " + age +
                   ", UTC_TIMESTAMP() - " + age + ", '203.0.113.9'); SELECT LAST_INSERT_ID()");
    };
    const auto old_session = session("INTERVAL 2 DAY");
    const auto fresh_session = session("INTERVAL 1 MINUTE");
    const auto event = [](const std::string& age) {
        return sql("INSERT INTO throttle_event (bucket_hash, created_at) VALUES"
                   " (UNHEX(SHA2(UUID(), 256)), UTC_TIMESTAMP() - " +
                   age + "); SELECT LAST_INSERT_ID()");
    };
    const auto old_event = event("INTERVAL 2 DAY");
    const auto fresh_event = event("INTERVAL 1 HOUR");

    const auto listed = [](const std::string& out, const Fam& f) {
        return contains(out, "commune " + f.commune + ", famille n° " + f.number + " archivée");
    };
    std::string out;
    BOOST_TEST(Stack::get().portail("purge-families --dry-run", &out) == 0);
    for (const auto* f : purged)
        BOOST_TEST(listed(out, *f), f->name);
    for (const auto* f : kept)
        BOOST_TEST(!listed(out, *f), f->name);
    BOOST_TEST(sql("SELECT COUNT(*) FROM session WHERE id = " + old_session) == "1");

    out.clear();
    BOOST_TEST(Stack::get().portail("purge-families", &out) == 0);
    BOOST_TEST_MESSAGE(out);
    for (const auto* f : purged) {
        BOOST_TEST(listed(out, *f), f->name);
        BOOST_TEST(sql("SELECT name FROM family WHERE id = " + f->id) == "");
        BOOST_TEST(cells_containing(f->name) == 0, f->name << " in " << cells_where(f->name));
        BOOST_TEST(cells_containing(f->email) == 0, f->email);
        // Journaled in the family's own commune, without personal data.
        BOOST_TEST(sql("SELECT commune_id FROM journal WHERE family_id = " + f->id +
                       " AND action = 'Suppression des données (durée de conservation)'") ==
                   f->commune);
    }
    for (const auto* f : kept) {
        BOOST_TEST(!listed(out, *f), f->name);
        BOOST_TEST(sql("SELECT name FROM family WHERE id = " + f->id) == f->name);
        BOOST_TEST(sql("SELECT COUNT(*) FROM family_member WHERE family_id = " + f->id +
                       " AND allergies = " + quoted("Arachide " + f->name)) == "1");
    }
    BOOST_TEST(sql("SELECT COUNT(*) FROM session WHERE id IN (" + old_session + ", " +
                   fresh_session + ")") == "1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM session WHERE id = " + fresh_session) == "1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM throttle_event WHERE id = " + old_event) == "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM throttle_event WHERE id = " + fresh_event) == "1");

    // The other commune's administrator exports its own family, with nothing of this commune's;
    // this commune's family does not exist for them.
    auto agent = logged_agent(other_agent_email, admin_password, other_host);
    const auto zip = agent->get("/gestion/familles/" + other_new.id + "/export");
    BOOST_REQUIRE_EQUAL(zip.status, 200);
    const auto listing = inspect_zip(zip.body, here_mid.name);
    BOOST_TEST(contains(listing, "\"" + other_new.name + "\""));
    BOOST_TEST(contains(listing, "Arachide " + other_new.name));
    BOOST_TEST(!contains(listing, "\tTrue\t"));
    for (const Fam* f : {&here_mid, &other_live})
        BOOST_TEST(!contains(listing, f->name), f->name);
    BOOST_TEST(agent->get("/gestion/familles/" + here_mid.id + "/export").status == 404);
}

// 10. Settings: the administrator chooses the mandatory elements and the retention period.
BOOST_AUTO_TEST_CASE(administrator_configures_mandatory_fields_and_retention)
{
    // Whatever happens, the commune gets its defaults back for the other tests.
    struct Restore {
        std::string fields = sql("SELECT IFNULL(QUOTE(required_fields), 'NULL') FROM commune"
                                 " WHERE id = " +
                                 caumont_id());
        std::string months = sql("SELECT retention_months FROM commune WHERE id = " + caumont_id());
        ~Restore()
        {
            sql("UPDATE commune SET required_fields = " + fields +
                ", retention_months = " + months + " WHERE id = " + caumont_id());
        }
    } restore;
    auto f = make_family("Parametres");
    auto card = card_of(f.parent->get("/famille/dossier").body, f.child_id);
    BOOST_TEST(contains(card, "Médecin traitant"));
    BOOST_TEST(contains(card, "Classe"));

    auto admin = logged_admin();
    const auto page = admin->get("/gestion/parametres");
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(contains(page.body, "value=\"child.doctor\" checked"));
    const auto csrf = input_value(page.body, "csrf");
    Fields form{{"csrf", csrf}};
    for (const char* key : {"family.address", "family.phone", "family.quotient", "family.insurance",
                            "guardian.phone", "child.birth_date", "child.school", "child.class",
                            "child.allergies", "child.image_rights", "child.pick_up"})
        form.emplace_back("obligatoire", key);
    auto with_months = [&](const std::string& months) {
        auto out = form;
        out.emplace_back("duree_conservation", months);
        return out;
    };
    const auto stored = [&] {
        return sql("SELECT CONCAT(IFNULL(required_fields, 'NULL'), '|', retention_months) FROM"
                   " commune WHERE id = " +
                   caumont_id());
    };
    const auto before = stored();
    for (const char* months : {"abc", "0", "-3", "241", "12.5", ""}) {
        const auto r = admin->post_form("/gestion/parametres", with_months(months));
        BOOST_TEST(r.status == 400, months);
        BOOST_TEST(contains(r.body, "nombre entier de mois"), months);
        BOOST_TEST(stored() == before, months);
    }
    auto unknown = with_months("24");
    unknown.emplace_back("obligatoire", "child.shoe_size");
    BOOST_TEST(admin->post_form("/gestion/parametres", unknown).status == 400);
    BOOST_TEST(stored() == before);

    const auto saved = admin->post_form("/gestion/parametres", with_months("24"));
    BOOST_TEST(saved.status == 303);
    BOOST_TEST(!contains(stored(), "child.doctor"));
    BOOST_TEST(contains(stored(), "child.class"));
    BOOST_TEST(contains(stored(), "|24"));
    card = card_of(f.parent->get("/famille/dossier").body, f.child_id);
    BOOST_TEST(!contains(card, "Médecin traitant"));
    BOOST_TEST(contains(card, "Classe"));
    BOOST_TEST(contains(f.parent->get("/famille/membres/" + f.child_id).body,
                        "Des éléments importants sont manquants"));
    BOOST_TEST(!contains(admin->get("/gestion/parametres").body, "value=\"child.doctor\" checked"));
    BOOST_TEST(contains(f.parent->get("/famille/donnees").body, "supprimées 24 mois plus tard"));
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE action = 'Paramètres du dossier famille'"
                   " AND detail LIKE '%plus obligatoires : Médecin traitant%'") != "0");
    // An agent may not change them.
    const auto agent_email = unique_email("agent-parametres");
    const std::string password = "encore un mot de passe solide";
    BOOST_REQUIRE_EQUAL(
        admin
            ->post_form("/gestion/agents", {{"csrf", admin->csrf_from("/gestion/agents")},
                                            {"nom", "Agent"},
                                            {"email", agent_email},
                                            {"role", "agent"},
                                            {"mot_de_passe", password}})
            .status,
        303);
    auto agent = logged_agent(agent_email, password);
    BOOST_TEST(agent->get("/gestion/parametres").status == 403);
    BOOST_TEST(agent->post_form("/gestion/parametres", with_months("1")).status == 403);
    BOOST_TEST(contains(stored(), "|24"));
}

BOOST_AUTO_TEST_SUITE_END()
