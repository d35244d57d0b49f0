#include "export/json.h"

#include "../temp_dir.h"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <sys/wait.h>

namespace
{

struct CommandResult {
    int status = -1;
    std::string output;
};

// Runs a shell command, returns its exit status and standard output.
CommandResult run(const std::string& command)
{
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        result.output.append(buffer, n);
    }
    const int raw = pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return result;
}

const std::string fffd = "\xEF\xBF\xBD"; // U+FFFD in UTF-8

} // namespace

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(escape_quotes_and_backslash)
{
    BOOST_TEST(json::escape("") == R"("")");
    BOOST_TEST(json::escape("Léa") == "\"Léa\"");
    BOOST_TEST(json::escape(R"(il a dit "oui")") == R"("il a dit \"oui\"")");
    BOOST_TEST(json::escape(R"(C:\dossier\n)") == R"("C:\\dossier\\n")");
}

BOOST_AUTO_TEST_CASE(escape_control_characters)
{
    BOOST_TEST(json::escape("a\nb\rc\td\be\ff") == R"("a\nb\rc\td\be\ff")");
    BOOST_TEST(json::escape(std::string("\0", 1)) == R"("\u0000")");
    BOOST_TEST(json::escape("\x01\x0b\x1b\x1f") == R"("\u0001\u000b\u001b\u001f")");
    BOOST_TEST(json::escape("\x7f ") == "\"\x7f \""); // DEL and space are allowed as is
}

BOOST_AUTO_TEST_CASE(escape_html_sensitive_characters)
{
    BOOST_TEST(json::escape("</script><script>alert(1)</script>") ==
               R"("\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e")");
    BOOST_TEST(json::escape("Tom & Jerry") == R"("Tom \u0026 Jerry")");
    BOOST_TEST(json::escape("<!--") == R"("\u003c!--")");
}

BOOST_AUTO_TEST_CASE(escape_javascript_line_separators)
{
    BOOST_TEST(json::escape("a\u2028b\u2029c") == R"("a\u2028b\u2029c")");
    // Neighbours of U+2028/U+2029 are plain characters.
    BOOST_TEST(json::escape("\u2027\u202A") == "\"\u2027\u202A\"");
}

BOOST_AUTO_TEST_CASE(valid_utf8_is_kept_as_is)
{
    const std::string text = "Zoé, Noël, 3,50 €, ⚽, 😀, 中文, \U0010FFFF";
    BOOST_TEST(json::escape(text) == "\"" + text + "\"");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_becomes_replacement_character)
{
    BOOST_TEST(json::escape("L\xE9"
                            "a") == "\"L" + fffd + "a\"");        // Latin-1
    BOOST_TEST(json::escape("\xFF") == "\"" + fffd + "\"");       // never valid
    BOOST_TEST(json::escape("\x80x") == "\"" + fffd + "x\"");     // lone continuation
    BOOST_TEST(json::escape("a\xE2\x82") == "\"a" + fffd + "\""); // truncated at end
    BOOST_TEST(json::escape("\xE2\x82"
                            "A") == "\"" + fffd + "A\"");              // truncated before ASCII
    BOOST_TEST(json::escape("\xC0\xAF") == "\"" + fffd + fffd + "\""); // overlong '/'
    BOOST_TEST(json::escape("\xED\xA0\x80") == "\"" + fffd + fffd + fffd + "\""); // surrogate
    BOOST_TEST(json::escape("\xF4\x90\x80\x80") ==
               "\"" + fffd + fffd + fffd + fffd + "\""); // above U+10FFFF
    BOOST_TEST(json::escape("\xF0\x9F\x98"
                            "\xC3\xA9") == "\"" + fffd + "é\""); // cut emoji
}

BOOST_AUTO_TEST_CASE(nested_document_is_indented_with_commas_in_place)
{
    json::Writer w;
    w.begin_object();
    w.field("famille", "FICTIF");
    w.key("enfants").begin_array();
    w.begin_object().field("prenom", std::string("Léa")).field("age", 7).end_object();
    w.begin_object().field("prenom", "Zoé").key("allergies").begin_array().end_array();
    w.field_null("notes").end_object();
    w.end_array();
    w.key("vide").begin_object().end_object();
    w.field("actif", true);
    w.end_object();
    BOOST_TEST(w.str() == R"({
  "famille": "FICTIF",
  "enfants": [
    {
      "prenom": "Léa",
      "age": 7
    },
    {
      "prenom": "Zoé",
      "allergies": [],
      "notes": null
    }
  ],
  "vide": {},
  "actif": true
})");
}

BOOST_AUTO_TEST_CASE(arrays_of_arrays_and_scalars)
{
    json::Writer w;
    w.begin_array().value(1).value(std::int64_t{-2}).begin_array().value(false).null().end_array();
    w.begin_array().end_array().value("x").end_array();
    BOOST_TEST(w.str() == R"([
  1,
  -2,
  [
    false,
    null
  ],
  [],
  "x"
])");
}

BOOST_AUTO_TEST_CASE(top_level_scalar_is_a_document)
{
    BOOST_TEST(json::Writer().value(42).str() == "42");
    BOOST_TEST(json::Writer().value("a<b").str() == R"("a\u003cb")");
    BOOST_TEST(json::Writer().null().str() == "null");
    BOOST_TEST(json::Writer().begin_object().end_object().str() == "{}");
}

BOOST_AUTO_TEST_CASE(integers_cover_the_int64_range)
{
    json::Writer w;
    w.begin_array();
    w.value(std::numeric_limits<std::int64_t>::min());
    w.value(std::numeric_limits<std::int64_t>::max());
    w.value(0).value(-1);
    w.end_array();
    BOOST_TEST(w.str() == "[\n  -9223372036854775808,\n  9223372036854775807,\n  0,\n  -1\n]");
}

BOOST_AUTO_TEST_CASE(null_c_string_is_written_as_null)
{
    const char* missing = nullptr;
    json::Writer w;
    w.begin_object().field("telephone", missing).end_object();
    BOOST_TEST(w.str() == "{\n  \"telephone\": null\n}");
}

BOOST_AUTO_TEST_CASE(complex_document_parses_with_python)
{
    json::Writer w;
    w.begin_object();
    w.field("titre", "Export RGPD \"famille\" </script>");
    w.field("controle", std::string("tab\tnul\0fin\x01", 12));
    w.field("separateurs", "a\u2028b\u2029c");
    w.field("latin1", "L\xE9"
                      "a");
    w.field("cle \"bizarre\" <&>", 1);
    w.field("min", std::numeric_limits<std::int64_t>::min());
    w.key("enfants").begin_array();
    for (int i = 0; i < 3; ++i) {
        w.begin_object();
        w.field("id", i).field("prenom", i == 0 ? "Léa" : "Zoé 😀");
        w.key("reservations").begin_array();
        for (int j = 0; j < i; ++j) {
            w.begin_object().field("jour", j).field("present", j % 2 == 0).end_object();
        }
        w.end_array();
        w.key("vide").begin_object().end_object();
        w.end_object();
    }
    w.end_array();
    w.key("matrice").begin_array();
    w.begin_array().begin_array().end_array().end_array();
    w.begin_array().value(1).begin_array().value(2).end_array().end_array();
    w.end_array();
    w.field_null("rien");
    w.end_object();

    unit::TempDir dir;
    const std::string path = dir.write("export.json", w.str());
    // Re-serialised by Python in canonical ASCII form, to check what it decoded.
    const auto result =
        run("/usr/bin/python3 -c 'import json,sys; "
            "print(json.dumps(json.load(sys.stdin), ensure_ascii=True, sort_keys=True, "
            "separators=(\",\",\":\")))' < " +
            path + " 2>&1");
    BOOST_TEST_REQUIRE(result.status == 0, "python json: " << result.output);
    BOOST_TEST(
        result.output ==
        R"({"cle \"bizarre\" <&>":1,"controle":"tab\tnul\u0000fin\u0001",)"
        R"("enfants":[{"id":0,"prenom":"L\u00e9a","reservations":[],"vide":{}},)"
        R"({"id":1,"prenom":"Zo\u00e9 \ud83d\ude00","reservations":[{"jour":0,"present":true}],"vide":{}},)"
        R"({"id":2,"prenom":"Zo\u00e9 \ud83d\ude00","reservations":[{"jour":0,"present":true},{"jour":1,"present":false}],"vide":{}}],)"
        R"("latin1":"L\ufffda","matrice":[[[]],[1,[2]]],"min":-9223372036854775808,)"
        R"("rien":null,"separateurs":"a\u2028b\u2029c","titre":"Export RGPD \"famille\" </script>"})"
        "\n");
}

BOOST_AUTO_TEST_CASE(misuse_throws_logic_error)
{
    {
        json::Writer w;
        w.begin_object();
        BOOST_CHECK_THROW(w.value(1), std::logic_error); // value without key
        BOOST_CHECK_THROW(w.begin_array(), std::logic_error);
        BOOST_CHECK_THROW(w.end_array(), std::logic_error); // wrong closer
        w.key("a");
        BOOST_CHECK_THROW(w.key("b"), std::logic_error);     // key twice
        BOOST_CHECK_THROW(w.end_object(), std::logic_error); // key without value
        BOOST_CHECK_THROW(w.str(), std::logic_error);
        w.value(1).end_object();
        BOOST_TEST(w.str() == "{\n  \"a\": 1\n}");             // the refused calls left no trace
        BOOST_CHECK_THROW(w.value(2), std::logic_error);       // after the document
        BOOST_CHECK_THROW(w.begin_object(), std::logic_error); // a second document
        BOOST_CHECK_THROW(w.end_object(), std::logic_error);   // nothing open
    }
    {
        json::Writer w;
        BOOST_CHECK_THROW(w.key("a"), std::logic_error); // key at top level
        BOOST_CHECK_THROW(w.field("a", 1), std::logic_error);
        BOOST_CHECK_THROW(w.end_array(), std::logic_error);
        BOOST_CHECK_THROW(w.str(), std::logic_error); // empty document
        w.begin_array();
        BOOST_CHECK_THROW(w.key("a"), std::logic_error); // key in an array
        BOOST_CHECK_THROW(w.field_null("a"), std::logic_error);
        BOOST_CHECK_THROW(w.end_object(), std::logic_error);
        BOOST_CHECK_THROW(w.str(), std::logic_error); // unclosed
        w.value(true).end_array();
        BOOST_TEST(w.str() == "[\n  true\n]");
    }
}

BOOST_AUTO_TEST_SUITE_END()
