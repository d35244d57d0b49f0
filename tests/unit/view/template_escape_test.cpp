// What the templates promise: every HTML template escapes what it shows (ASVS 1.2.1): each
// one opens with ctemplate's AUTOESCAPE pragma in the HTML context, so a variable is
// HTML-escaped unless the template says otherwise (`:none`, reviewed below); plain-text mail
// parts (*.txt.tpl) are not HTML. Password fields are masked and accept pastes.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace
{

fs::path templates_dir()
{
    const char* root = std::getenv("PORTAIL_ROOT");
    return fs::path(root ? root : ".") / "templates";
}

std::string text_of(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

BOOST_AUTO_TEST_SUITE(view_templates)

BOOST_AUTO_TEST_CASE(every_html_template_opens_with_html_autoescape)
{
    const auto dir = templates_dir();
    BOOST_REQUIRE_MESSAGE(fs::is_directory(dir), dir.string() << " not found (set PORTAIL_ROOT)");
    int html = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const auto name = entry.path().filename().string();
        if (!entry.is_regular_file() || !name.ends_with(".tpl") || name.ends_with(".txt.tpl"))
            continue;
        ++html;
        const auto text = text_of(entry.path());
        BOOST_TEST(text.starts_with("{{%AUTOESCAPE context=\"HTML\"}}"),
                   entry.path().string() << " does not open with {{%AUTOESCAPE context=\"HTML\"}}");
    }
    BOOST_TEST(html > 50);
}

// `{{NAME:none}}` turns escaping off: only where the code builds the HTML itself and escapes
// every value in it (the planning month's grid, src/web/planning.cpp, with view::append_escaped).
BOOST_AUTO_TEST_CASE(unescaped_variables_are_only_the_reviewed_ones)
{
    const std::string reviewed = "famille/planning.tpl CALENDAR";
    int found = 0;
    for (const auto& entry : fs::recursive_directory_iterator(templates_dir())) {
        const auto name = entry.path().filename().string();
        if (!entry.is_regular_file() || !name.ends_with(".tpl") || name.ends_with(".txt.tpl"))
            continue;
        const auto text = text_of(entry.path());
        const auto relative = fs::relative(entry.path(), templates_dir()).string();
        for (auto at = text.find(":none}}"); at != std::string::npos;
             at = text.find(":none}}", at + 1)) {
            const auto open = text.rfind("{{", at);
            const auto variable = text.substr(open + 2, at - open - 2);
            BOOST_TEST(relative + " " + variable == reviewed,
                       relative << ": {{" << variable << ":none}} is not escaped; review it");
            ++found;
        }
    }
    BOOST_TEST(found == 1);
}

// Password fields are masked, and nothing stops pasting into them (ASVS 6.2.6, 6.2.7): a
// password manager fills them, and a long pasted passphrase is the advice we give.
BOOST_AUTO_TEST_CASE(password_fields_are_masked_and_take_pastes)
{
    int fields = 0;
    const auto root = templates_dir().parent_path();
    for (const auto& top : {root / "templates", root / "static"})
        for (const auto& entry : fs::recursive_directory_iterator(top)) {
            const auto name = entry.path().filename().string();
            if (!entry.is_regular_file() || !(name.ends_with(".tpl") || name.ends_with(".js")))
                continue;
            const auto text = text_of(entry.path());
            BOOST_TEST(text.find("paste") == std::string::npos, entry.path().string()
                                                                    << " mentions paste");
            for (auto at = text.find("<input"); at != std::string::npos;
                 at = text.find("<input", at + 1)) {
                const auto tag = text.substr(at, text.find('>', at) - at);
                if (tag.find("name=\"mot_de_passe") == std::string::npos)
                    continue;
                ++fields;
                BOOST_TEST(tag.find("type=\"password\"") != std::string::npos, entry.path().string()
                                                                                   << ": " << tag);
                BOOST_TEST(tag.find("autocomplete=\"") != std::string::npos, entry.path().string()
                                                                                 << ": " << tag);
            }
        }
    BOOST_TEST(fields >= 12);
}

// The portal's scripts put text in pages as text (ASVS 3.2.2): no HTML parsing of strings
// (innerHTML and its kin) and no code from strings (eval, new Function, string timers).
BOOST_AUTO_TEST_CASE(scripts_write_text_never_html_or_code)
{
    int scripts = 0;
    for (const auto& entry :
         fs::recursive_directory_iterator(templates_dir().parent_path() / "static")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".js")
            continue;
        ++scripts;
        const auto text = text_of(entry.path());
        for (const char* sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                                 "eval(", "new Function", "setTimeout('", "setTimeout(\"",
                                 "setInterval('", "setInterval(\"", "createContextualFragment"})
            BOOST_TEST(text.find(sink) == std::string::npos, entry.path().string()
                                                                 << " uses " << sink);
    }
    BOOST_TEST(scripts >= 2);
}

BOOST_AUTO_TEST_SUITE_END()
