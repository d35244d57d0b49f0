#include "mail/mime.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace std::string_literals;

namespace
{

const std::string french_subject =
    "Confirmez votre compte — Portail Famille de Caumont-sur-Durance";

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::vector<std::string> split_crlf(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find("\r\n", start);
        if (end == std::string::npos) {
            lines.push_back(text.substr(start));
            return lines;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A strict decoder for what the encoder may produce: uppercase escapes, soft breaks "=\r\n".
std::string qp_decode(const std::string& qp)
{
    std::string out;
    for (std::size_t i = 0; i < qp.size(); ++i) {
        if (qp[i] != '=') {
            out += qp[i];
            continue;
        }
        if (qp.compare(i, 3, "=\r\n") == 0) {
            i += 2;
            continue;
        }
        BOOST_REQUIRE(i + 2 < qp.size());
        const int hi = hex_value(qp[i + 1]), lo = hex_value(qp[i + 2]);
        BOOST_REQUIRE(hi >= 0 && lo >= 0);
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

std::string base64_decode(const std::string& b64)
{
    static const std::string table =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    for (char c : b64) {
        if (c == '=')
            break;
        const auto v = table.find(c);
        BOOST_REQUIRE(v != std::string::npos);
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xff);
        }
    }
    return out;
}

// The text of encoded words "=?UTF-8?B?…?=" separated by folding whitespace.
std::string decode_words(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words) {
        BOOST_REQUIRE(w.rfind("=?UTF-8?B?", 0) == 0);
        BOOST_REQUIRE(w.size() >= 12 && w.compare(w.size() - 2, 2, "?=") == 0);
        out += base64_decode(w.substr(10, w.size() - 12));
    }
    return out;
}

// The encoded words of a header value (after "Name:"), unfolded.
std::vector<std::string> words_of_header(const std::string& header)
{
    std::vector<std::string> words;
    const auto colon = header.find(':');
    std::string value = header.substr(colon + 1);
    std::size_t start = 0;
    while (start < value.size()) {
        const auto w = value.find("=?", start);
        if (w == std::string::npos)
            break;
        const auto end = value.find("?=", w + 10);
        BOOST_REQUIRE(end != std::string::npos);
        words.push_back(value.substr(w, end + 2 - w));
        start = end + 2;
    }
    return words;
}

bool valid_utf8(const std::string& s)
{
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
        if ((c & 0xc0) == 0x80 || i + n > s.size())
            return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

void check_lines_at_most_76(const std::string& crlf_text)
{
    for (const auto& line : split_crlf(crlf_text))
        BOOST_TEST(line.size() <= 76u, "line of " << line.size() << " characters: " << line);
}

mail::MimeMessage sample()
{
    mail::MimeMessage m;
    m.from_address = "ne-pas-repondre@caumont-sur-durance.fr";
    m.from_name = "Portail Famille de Caumont-sur-Durance";
    m.to = "parent@example.org";
    m.subject = french_subject;
    m.text = "Bonjour Amélie,\n\nConfirmez votre compte : https://caumont.example/compte/"
             "confirmer?jeton=abc\n.\nÀ bientôt.\n";
    m.html = "<p>Bonjour Amélie,</p>\n<p><a href=\"https://caumont.example/\">Confirmer</a></p>\n";
    m.message_id = "outbox-42.0123abcd@caumont-sur-durance.fr";
    m.boundary = "=_portail_0123456789abcdef01234567";
    m.date = 1715090589; // 2024-05-07 14:03:09 UTC
    return m;
}

} // namespace

BOOST_AUTO_TEST_SUITE(mail_mime)

// --- base64 and encoded words ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(base64_matches_the_rfc_4648_vectors)
{
    BOOST_TEST(mail::base64("") == "");
    BOOST_TEST(mail::base64("f") == "Zg==");
    BOOST_TEST(mail::base64("fo") == "Zm8=");
    BOOST_TEST(mail::base64("foo") == "Zm9v");
    BOOST_TEST(mail::base64("foob") == "Zm9vYg==");
    BOOST_TEST(mail::base64("fooba") == "Zm9vYmE=");
    BOOST_TEST(mail::base64("foobar") == "Zm9vYmFy");
    BOOST_TEST(mail::base64("\xff\xfe") == "//4=");
}

BOOST_AUTO_TEST_CASE(encoded_words_of_a_french_subject_decode_back_to_it)
{
    const auto words = mail::encoded_words(french_subject);
    BOOST_TEST(words.size() > 1u);
    BOOST_TEST(decode_words(words) == french_subject);
}

BOOST_AUTO_TEST_CASE(encoded_words_never_exceed_75_characters_even_when_asked_for_more)
{
    const std::string long_text(300, 'e');
    for (std::size_t max : {20u, 66u, 75u, 200u}) {
        for (const auto& w : mail::encoded_words(long_text + french_subject, max)) {
            BOOST_TEST(w.size() <= 75u);
            BOOST_TEST(w.size() <= std::max<std::size_t>(max, 28u));
        }
    }
}

BOOST_AUTO_TEST_CASE(encoded_words_never_cut_a_utf8_sequence)
{
    // Accents and a 4-byte emoji at every offset relative to the word size.
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += i % 3 == 0 ? "é" : i % 3 == 1 ? "—" : "👪a";
    for (std::size_t max : {28u, 40u, 66u, 75u}) {
        const auto words = mail::encoded_words(text, max);
        for (const auto& w : words)
            BOOST_TEST(valid_utf8(decode_words({w})), "word " << w << " cuts a character");
        BOOST_TEST(decode_words(words) == text);
    }
}

BOOST_AUTO_TEST_CASE(encoded_words_end_after_a_space_when_one_is_near)
{
    const auto words = mail::encoded_words(french_subject);
    BOOST_REQUIRE(words.size() == 2u);
    BOOST_TEST(decode_words({words[0]}) == "Confirmez votre compte — Portail ");
    BOOST_TEST(decode_words({words[1]}) == "Famille de Caumont-sur-Durance");
}

BOOST_AUTO_TEST_CASE(encoded_words_of_empty_text_is_no_word)
{
    BOOST_TEST(mail::encoded_words("").empty());
}

// --- headers ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(french_subject_header_is_folded_encoded_words_on_short_lines)
{
    const auto header = mail::subject_header(french_subject);
    BOOST_TEST(header.rfind("Subject: =?UTF-8?B?", 0) == 0);
    BOOST_TEST(contains(header, "\r\n "));
    check_lines_at_most_76(header);
    BOOST_TEST(decode_words(words_of_header(header)) == french_subject);
}

BOOST_AUTO_TEST_CASE(short_ascii_subject_stays_plain)
{
    BOOST_TEST(mail::subject_header("Votre facture") == "Subject: Votre facture");
}

BOOST_AUTO_TEST_CASE(long_ascii_subject_is_encoded_to_fit_the_lines)
{
    const std::string subject(120, 'a');
    const auto header = mail::subject_header(subject);
    check_lines_at_most_76(header);
    BOOST_TEST(decode_words(words_of_header(header)) == subject);
}

BOOST_AUTO_TEST_CASE(subject_with_a_line_break_cannot_inject_a_header)
{
    const std::string evil = "Bonjour\r\nBcc: victime@example.org";
    const auto header = mail::subject_header(evil);
    BOOST_TEST(!contains(header, "\r\nBcc"));
    BOOST_TEST(!contains(header, "\n"s + "Bcc"));
    BOOST_TEST(decode_words(words_of_header(header)) == evil);
}

BOOST_AUTO_TEST_CASE(from_header_encodes_an_accented_name_outside_any_quotes)
{
    const auto header = mail::from_header("Mairie de Pélissanne", "mairie@pelissanne.fr");
    BOOST_TEST(header.rfind("From: =?UTF-8?B?", 0) == 0);
    BOOST_TEST(!contains(header, "\""));
    BOOST_TEST(contains(header, "<mairie@pelissanne.fr>"));
    BOOST_TEST(decode_words(words_of_header(header)) == "Mairie de Pélissanne");
    check_lines_at_most_76(header);
}

BOOST_AUTO_TEST_CASE(from_header_quotes_a_plain_name_and_escapes_its_quotes)
{
    BOOST_TEST(mail::from_header("Mairie \"Centre\"", "m@x.fr") ==
               "From: \"Mairie \\\"Centre\\\"\" <m@x.fr>");
    BOOST_TEST(mail::from_header("", "m@x.fr") == "From: <m@x.fr>");
}

BOOST_AUTO_TEST_CASE(long_from_header_folds_before_the_address)
{
    const auto header = mail::from_header("Portail Famille de Caumont-sur-Durance et environs",
                                          "ne-pas-repondre@caumont-sur-durance.fr");
    check_lines_at_most_76(header);
    BOOST_TEST(contains(header, "\r\n <ne-pas-repondre@caumont-sur-durance.fr>"));
}

BOOST_AUTO_TEST_CASE(date_is_rfc_5322_in_utc_and_english)
{
    BOOST_TEST(mail::rfc5322_date(1715090589) == "Tue, 07 May 2024 14:03:09 +0000");
    BOOST_TEST(mail::rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
}

BOOST_AUTO_TEST_CASE(address_check_refuses_anything_that_could_break_a_header_or_command)
{
    BOOST_TEST(mail::valid_address("parent@example.org"));
    BOOST_TEST(mail::valid_address("jean.dupont+ecole@mairie-caumont.fr"));
    BOOST_TEST(!mail::valid_address(""));
    BOOST_TEST(!mail::valid_address("parent"));
    BOOST_TEST(!mail::valid_address("@example.org"));
    BOOST_TEST(!mail::valid_address("parent@"));
    BOOST_TEST(!mail::valid_address("a@b@c"));
    BOOST_TEST(!mail::valid_address("a b@example.org"));
    BOOST_TEST(!mail::valid_address("a@example.org\r\nBcc: x@y"));
    BOOST_TEST(!mail::valid_address("a@example.org>"));
    BOOST_TEST(!mail::valid_address("amélie@example.org"));
    BOOST_TEST(mail::address_domain("a@caumont.fr") == "caumont.fr");
}

// --- quoted-printable ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(qp_writes_accents_as_their_utf8_bytes)
{
    BOOST_TEST(mail::quoted_printable("été à Noël") == "=C3=A9t=C3=A9 =C3=A0 No=C3=ABl");
    BOOST_TEST(mail::quoted_printable("—") == "=E2=80=94");
}

BOOST_AUTO_TEST_CASE(qp_escapes_the_equals_sign_and_controls)
{
    BOOST_TEST(mail::quoted_printable("a=b") == "a=3Db");
    BOOST_TEST(mail::quoted_printable("a\x01z") == "a=01z");
    BOOST_TEST(mail::quoted_printable("a\tb") == "a\tb");
}

BOOST_AUTO_TEST_CASE(qp_escapes_trailing_space_and_tab_of_each_line)
{
    BOOST_TEST(mail::quoted_printable("fin \nsuite\t") == "fin=20\r\nsuite=09");
}

BOOST_AUTO_TEST_CASE(qp_turns_every_kind_of_line_break_into_crlf)
{
    BOOST_TEST(mail::quoted_printable("a\nb\r\nc\rd\n") == "a\r\nb\r\nc\r\nd\r\n");
    BOOST_TEST(mail::quoted_printable("\n\n") == "\r\n\r\n");
}

BOOST_AUTO_TEST_CASE(qp_keeps_a_line_of_exactly_76_characters_whole)
{
    const std::string line(76, 'x');
    BOOST_TEST(mail::quoted_printable(line) == line);
}

BOOST_AUTO_TEST_CASE(qp_splits_a_line_of_77_characters_with_a_soft_break)
{
    const std::string line(77, 'x');
    const auto qp = mail::quoted_printable(line);
    BOOST_TEST(qp == std::string(75, 'x') + "=\r\n" + "xx");
    BOOST_TEST(qp_decode(qp) == line);
}

BOOST_AUTO_TEST_CASE(qp_long_accented_lines_stay_within_76_and_decode_back)
{
    std::string text;
    for (int i = 0; i < 60; ++i)
        text += "Réservation de l'accueil périscolaire n°" + std::to_string(i) + " = validée ; ";
    text += "\nfin";
    const auto qp = mail::quoted_printable(text);
    check_lines_at_most_76(qp);
    BOOST_TEST(split_crlf(qp).size() > 10u);
    std::string expected = text;
    expected.replace(expected.find('\n'), 1, "\r\n");
    BOOST_TEST(qp_decode(qp) == expected);
}

BOOST_AUTO_TEST_CASE(qp_never_splits_an_escape_across_a_soft_break)
{
    for (std::size_t pad = 70; pad < 78; ++pad) {
        const auto qp = mail::quoted_printable(std::string(pad, 'x') + "ééé");
        for (const auto& line : split_crlf(qp)) {
            const auto eq = line.rfind('=');
            // An '=' is either the soft break (last) or followed by two hex digits.
            if (eq != std::string::npos && eq + 1 != line.size())
                BOOST_TEST(eq + 3 <= line.size(), "escape cut in " << line);
        }
        BOOST_TEST(qp_decode(qp) == std::string(pad, 'x') + "ééé");
    }
}

BOOST_AUTO_TEST_CASE(qp_never_lets_a_line_start_with_a_dot)
{
    BOOST_TEST(mail::quoted_printable(".") == "=2E");
    BOOST_TEST(mail::quoted_printable("a\n.\nb") == "a\r\n=2E\r\nb");
    BOOST_TEST(mail::quoted_printable("..suite") == "=2E.suite");
    BOOST_TEST(mail::quoted_printable("a.b") == "a.b");
    // A dot that lands at the start of a line after a soft break.
    const auto qp = mail::quoted_printable(std::string(75, 'x') + ".fin");
    for (const auto& line : split_crlf(qp))
        BOOST_TEST(line.rfind('.', 0) != 0, "line starts with a dot: " << line);
    BOOST_TEST(qp_decode(qp) == std::string(75, 'x') + ".fin");
}

// --- whole message ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(message_uses_crlf_everywhere_and_lines_of_at_most_76)
{
    auto m = sample();
    m.text += std::string(200, 'y') + "\n" + std::string(90, 'z');
    const auto msg = mail::build_message(m);
    for (std::size_t i = 0; i < msg.size(); ++i) {
        if (msg[i] == '\n')
            BOOST_TEST_REQUIRE((i > 0 && msg[i - 1] == '\r'), "bare LF at " << i);
        if (msg[i] == '\r')
            BOOST_TEST_REQUIRE((i + 1 < msg.size() && msg[i + 1] == '\n'), "bare CR at " << i);
        BOOST_TEST_REQUIRE(static_cast<unsigned char>(msg[i]) < 0x80, "8-bit byte at " << i);
    }
    BOOST_TEST(msg.size() >= 2u);
    BOOST_TEST(msg.compare(msg.size() - 2, 2, "\r\n") == 0);
    check_lines_at_most_76(msg);
}

BOOST_AUTO_TEST_CASE(message_headers_come_first_then_a_blank_line)
{
    const auto msg = mail::build_message(sample());
    const auto blank = msg.find("\r\n\r\n");
    BOOST_REQUIRE(blank != std::string::npos);
    const auto headers = msg.substr(0, blank + 2);
    BOOST_TEST(headers.rfind("Date: Tue, 07 May 2024 14:03:09 +0000\r\n", 0) == 0);
    BOOST_TEST(contains(headers, "\r\nFrom: \"Portail Famille de Caumont-sur-Durance\"\r\n"
                                 " <ne-pas-repondre@caumont-sur-durance.fr>\r\n"));
    BOOST_TEST(contains(headers, "\r\nTo: parent@example.org\r\n"));
    BOOST_TEST(contains(headers, "\r\nSubject: =?UTF-8?B?"));
    BOOST_TEST(
        contains(headers, "\r\nMessage-ID: <outbox-42.0123abcd@caumont-sur-durance.fr>\r\n"));
    BOOST_TEST(contains(headers, "\r\nMIME-Version: 1.0\r\n"));
    BOOST_TEST(contains(headers, "\r\nAuto-Submitted: auto-generated\r\n"));
    BOOST_TEST(contains(headers, "\r\nContent-Type: multipart/alternative;\r\n"
                                 " boundary=\"=_portail_0123456789abcdef01234567\"\r\n"));
    // The subject, unfolded, decodes back.
    const auto s = headers.find("Subject:");
    auto end = s;
    do
        end = headers.find("\r\n", end + 2);
    while (headers[end + 2] == ' ');
    BOOST_TEST(decode_words(words_of_header(headers.substr(s, end - s))) == french_subject);
}

BOOST_AUTO_TEST_CASE(message_has_text_then_html_part_in_quoted_printable)
{
    const auto m = sample();
    const auto msg = mail::build_message(m);
    const std::string b = "--" + m.boundary;
    const auto text_part = msg.find(b + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                        "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
    const auto html_part = msg.find(b + "\r\nContent-Type: text/html; charset=utf-8\r\n"
                                        "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
    const auto closing = msg.find(b + "--\r\n");
    BOOST_REQUIRE(text_part != std::string::npos);
    BOOST_REQUIRE(html_part != std::string::npos);
    BOOST_REQUIRE(closing != std::string::npos);
    BOOST_TEST(text_part < html_part);
    BOOST_TEST(html_part < closing);
    BOOST_TEST(closing + b.size() + 4 == msg.size());

    // Each body, between its blank line and the CRLF before the next boundary, decodes back.
    const auto body_of = [&](std::size_t part, std::size_t next) {
        const auto start = msg.find("\r\n\r\n", part) + 4;
        return qp_decode(msg.substr(start, next - 2 - start));
    };
    BOOST_TEST(body_of(text_part, html_part) ==
               "Bonjour Amélie,\r\n\r\nConfirmez votre compte : https://caumont.example/compte/"
               "confirmer?jeton=abc\r\n.\r\nÀ bientôt.\r\n");
    BOOST_TEST(body_of(html_part, closing) ==
               "<p>Bonjour Amélie,</p>\r\n<p><a href=\"https://caumont.example/\">Confirmer</a>"
               "</p>\r\n");
    BOOST_TEST(contains(msg, "Bonjour Am=C3=A9lie,"));
    BOOST_TEST(contains(msg, "\r\n=2E\r\n"));
}

BOOST_AUTO_TEST_CASE(message_boundary_cannot_appear_in_an_encoded_body)
{
    auto m = sample();
    m.text = "--" + m.boundary + "\n--" + m.boundary + "--\n";
    const auto msg = mail::build_message(m);
    std::size_t count = 0;
    for (auto p = msg.find("--" + m.boundary); p != std::string::npos;
         p = msg.find("--" + m.boundary, p + 1))
        ++count;
    BOOST_TEST(count == 3u); // text part, html part, closing
}

BOOST_AUTO_TEST_CASE(message_without_html_is_a_single_text_part)
{
    auto m = sample();
    m.html.clear();
    const auto msg = mail::build_message(m);
    BOOST_TEST(!contains(msg, "multipart"));
    BOOST_TEST(!contains(msg, m.boundary));
    BOOST_TEST(contains(msg,
                        "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        "Content-Transfer-Encoding: quoted-printable\r\n\r\nBonjour Am=C3=A9lie,"));
}

BOOST_AUTO_TEST_CASE(message_refuses_addresses_that_could_inject_headers)
{
    auto m = sample();
    m.to = "parent@example.org\r\nBcc: victime@example.org";
    BOOST_CHECK_THROW(mail::build_message(m), std::invalid_argument);
    m = sample();
    m.from_address = "x";
    BOOST_CHECK_THROW(mail::build_message(m), std::invalid_argument);
    m = sample();
    m.message_id = "a>b@c";
    BOOST_CHECK_THROW(mail::build_message(m), std::invalid_argument);
    m = sample();
    m.boundary = "bad boundary";
    BOOST_CHECK_THROW(mail::build_message(m), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
