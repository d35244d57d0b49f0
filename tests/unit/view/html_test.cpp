#include "view/html.h"

#include <boost/test/unit_test.hpp>
#include <ctemplate/template_emitter.h>
#include <ctemplate/template_modifiers.h>

#include <string>

namespace
{
// What ctemplate's auto-escape writes for `text` in HTML text and quoted attributes.
std::string ctemplate_escaped(const std::string& text)
{
    std::string out;
    ctemplate::StringEmitter emitter(&out);
    ctemplate::html_escape.Modify(text.data(), text.size(), nullptr, &emitter, "");
    return out;
}

std::string escaped(const std::string& text)
{
    std::string out = "[";
    view::append_escaped(out, text);
    return out + "]";
}
} // namespace

BOOST_AUTO_TEST_SUITE(html)

BOOST_AUTO_TEST_CASE(escapes_as_ctemplate_auto_escape_does)
{
    std::string every_byte;
    for (int c = 1; c < 256; ++c)
        every_byte += static_cast<char>(c);
    for (const std::string& text :
         {std::string(), std::string("Restauration scolaire"), std::string("S'inscrire : <b>&amp;"),
          std::string("\"Léa\" & Zoé\r\n\tle\vjeudi\f"), every_byte})
        BOOST_TEST(escaped(text) == "[" + ctemplate_escaped(text) + "]");
    BOOST_TEST(escaped("a<b>&\"'\n") == "[a&lt;b&gt;&amp;&quot;&#39; ]");
}

BOOST_AUTO_TEST_CASE(appends_integers)
{
    std::string out = "o-";
    view::append_int(out, 0);
    view::append_int(out, -12);
    view::append_int(out, 9223372036854775807);
    BOOST_TEST(out == "o-0-129223372036854775807");
}

BOOST_AUTO_TEST_SUITE_END()
