#include "http/multipart.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace std::string_literals;

namespace
{

const std::string boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string text_part(std::string_view name, std::string_view value)
{
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + std::string(name) +
           "\"\r\n\r\n" + std::string(value) + "\r\n";
}

std::string file_part(std::string_view name, std::string_view filename,
                      std::string_view content_type, std::string_view data)
{
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + std::string(name) +
           "\"; filename=\"" + std::string(filename) +
           "\"\r\nContent-Type: " + std::string(content_type) + "\r\n\r\n" + std::string(data) +
           "\r\n";
}

std::string closing()
{
    return "--" + boundary + "--\r\n";
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_multipart)

// --- multipart_boundary ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(boundary_is_read_from_a_token_parameter)
{
    auto b = http::multipart_boundary("multipart/form-data; boundary=" + boundary);
    BOOST_TEST(b.value_or("?") == boundary);
}

BOOST_AUTO_TEST_CASE(boundary_is_read_from_a_quoted_parameter)
{
    auto b = http::multipart_boundary("multipart/form-data; boundary=\"ab cd:ef\"");
    BOOST_TEST(b.value_or("?") == "ab cd:ef");
}

BOOST_AUTO_TEST_CASE(boundary_type_and_parameter_name_are_case_insensitive)
{
    auto b = http::multipart_boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=xyz");
    BOOST_TEST(b.value_or("?") == "xyz");
}

BOOST_AUTO_TEST_CASE(boundary_refuses_other_media_types)
{
    BOOST_TEST(!http::multipart_boundary("application/x-www-form-urlencoded; boundary=xyz"));
    BOOST_TEST(!http::multipart_boundary("multipart/mixed; boundary=xyz"));
    BOOST_TEST(!http::multipart_boundary("multipart/form-data-x; boundary=xyz"));
    BOOST_TEST(!http::multipart_boundary(""));
}

BOOST_AUTO_TEST_CASE(boundary_refuses_missing_or_empty_parameter)
{
    BOOST_TEST(!http::multipart_boundary("multipart/form-data"));
    BOOST_TEST(!http::multipart_boundary("multipart/form-data; charset=utf-8"));
    BOOST_TEST(!http::multipart_boundary("multipart/form-data; boundary="));
    BOOST_TEST(!http::multipart_boundary("multipart/form-data; boundary=\"\""));
    BOOST_TEST(!http::multipart_boundary("multipart/form-data; boundary=\"unterminated"));
}

BOOST_AUTO_TEST_CASE(boundary_refuses_more_than_70_characters)
{
    BOOST_TEST(http::multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'a'))
                   .value_or("?") == std::string(70, 'a'));
    BOOST_TEST(!http::multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
}

BOOST_AUTO_TEST_CASE(boundary_refuses_characters_outside_rfc2046_bchars)
{
    BOOST_TEST(!http::multipart_boundary("multipart/form-data; boundary=\"a\r\nb\""));
    BOOST_TEST(!http::multipart_boundary("multipart/form-data; boundary=a@b"));
    BOOST_TEST(!http::multipart_boundary("multipart/form-data; boundary=\"trailing \""));
}

BOOST_AUTO_TEST_CASE(boundary_refuses_a_duplicated_parameter)
{
    BOOST_TEST(!http::multipart_boundary("multipart/form-data; boundary=a; boundary=b"));
}

// --- parse_multipart: accepted bodies --------------------------------------------------------

BOOST_AUTO_TEST_CASE(multipart_reads_text_fields_in_order)
{
    auto body = text_part("nom", "Dupont") + text_part("prenom", "\xC3\x89lise") +
                text_part("nom", "Martin") + closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST(mp->files.empty());
    BOOST_TEST(mp->fields.get("prenom").value_or("?") == "\xC3\x89lise");
    auto noms = mp->fields.all("nom");
    BOOST_TEST_REQUIRE(noms.size() == 2u);
    BOOST_TEST(noms[0] == "Dupont");
    BOOST_TEST(noms[1] == "Martin");
}

BOOST_AUTO_TEST_CASE(multipart_text_value_keeps_inner_crlf_and_empty_values)
{
    auto body = text_part("msg", "ligne 1\r\nligne 2\r\n") + text_part("vide", "") + closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST(mp->fields.get("msg").value_or("?") == "ligne 1\r\nligne 2\r\n");
    BOOST_TEST(mp->fields.get("vide").value_or("?") == "");
}

BOOST_AUTO_TEST_CASE(multipart_binary_file_round_trips_byte_exact)
{
    std::string data = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s;
    data += "\r\n--" + boundary.substr(0, boundary.size() - 1) + "\r\n"; // almost a delimiter
    data += "\r\n-" + boundary + "\r\n";                                 // one dash short
    data += "\n--" + boundary + "\r\n";                                  // bare LF, not CRLF
    data += "x--" + boundary + "--\r\n";                                 // not at a line start
    for (int b = 0; b < 256; ++b) {
        data.push_back(static_cast<char>(b));
    }
    data += "\r\n\r\n";
    auto body =
        text_part("titre", "photo") + file_part("photo", "p.png", "image/png", data) + closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST_REQUIRE(mp->files.size() == 1u);
    const auto& f = mp->files[0];
    BOOST_TEST(f.field == "photo");
    BOOST_TEST(f.filename == "p.png");
    BOOST_TEST(f.content_type == "image/png");
    BOOST_TEST(f.data.size() == data.size());
    BOOST_TEST((f.data == data));
    BOOST_TEST(mp->fields.get("titre").value_or("?") == "photo");
}

BOOST_AUTO_TEST_CASE(multipart_file_data_need_not_be_utf8)
{
    auto body = file_part("doc", "a.bin", "application/octet-stream", "\xFF\xC0\x80") + closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST_REQUIRE(mp->files.size() == 1u);
    BOOST_TEST(mp->files[0].data == "\xFF\xC0\x80");
}

BOOST_AUTO_TEST_CASE(multipart_empty_filename_with_empty_content_is_skipped)
{
    auto body =
        text_part("a", "1") + file_part("piece", "", "application/octet-stream", "") + closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST(mp->files.empty());
    BOOST_TEST(!mp->fields.has("piece"));
    BOOST_TEST(mp->fields.get("a").value_or("?") == "1");
}

BOOST_AUTO_TEST_CASE(multipart_empty_filename_with_content_is_still_a_file)
{
    auto body = file_part("piece", "", "text/plain", "x") + closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST_REQUIRE(mp->files.size() == 1u);
    BOOST_TEST(mp->files[0].filename == "");
    BOOST_TEST(mp->files[0].data == "x");
}

BOOST_AUTO_TEST_CASE(multipart_named_empty_file_is_kept)
{
    auto body = file_part("piece", "vide.txt", "text/plain", "") + closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST_REQUIRE(mp->files.size() == 1u);
    BOOST_TEST(mp->files[0].filename == "vide.txt");
    BOOST_TEST(mp->files[0].data.empty());
}

BOOST_AUTO_TEST_CASE(multipart_filename_keeps_only_the_last_path_component)
{
    auto body = file_part("a", "../../etc/passwd", "text/plain", "x") +
                file_part("b", "C:\\Users\\moi\\cv.pdf", "application/pdf", "y") +
                file_part("c", "dir/sub\\mixed.txt", "text/plain", "z") + closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST_REQUIRE(mp->files.size() == 3u);
    BOOST_TEST(mp->files[0].filename == "passwd");
    BOOST_TEST(mp->files[1].filename == "cv.pdf");
    BOOST_TEST(mp->files[2].filename == "mixed.txt");
}

BOOST_AUTO_TEST_CASE(multipart_content_type_of_a_file_is_optional)
{
    auto body = "--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n"
                "abc\r\n" +
                closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST_REQUIRE(mp->files.size() == 1u);
    BOOST_TEST(mp->files[0].content_type == "");
    BOOST_TEST(mp->files[0].data == "abc");
}

BOOST_AUTO_TEST_CASE(multipart_headers_are_case_insensitive)
{
    auto body = "--" + boundary +
                "\r\ncontent-disposition: FORM-DATA; NAME=\"f\"; FileName=\"a.txt\"\r\n"
                "CONTENT-TYPE:text/csv\r\nX-Other: ignored\r\n\r\nabc\r\n" +
                closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST_REQUIRE(mp->files.size() == 1u);
    BOOST_TEST(mp->files[0].field == "f");
    BOOST_TEST(mp->files[0].filename == "a.txt");
    BOOST_TEST(mp->files[0].content_type == "text/csv");
}

BOOST_AUTO_TEST_CASE(multipart_quoted_name_may_contain_semicolons_and_equals)
{
    auto body = "--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"a;b=c\"; filename=\"x; y.txt\"\r\n"
                "\r\nabc\r\n" +
                closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST_REQUIRE(mp->files.size() == 1u);
    BOOST_TEST(mp->files[0].field == "a;b=c");
    BOOST_TEST(mp->files[0].filename == "x; y.txt");
}

BOOST_AUTO_TEST_CASE(multipart_accepts_unquoted_name)
{
    auto body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=champ\r\n\r\nv\r\n" + closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST(mp->fields.get("champ").value_or("?") == "v");
}

BOOST_AUTO_TEST_CASE(multipart_ignores_preamble_and_epilogue)
{
    auto body = "This is a preamble.\r\n" + text_part("a", "1") + "--" + boundary +
                "--\r\nepilogue, even --" + boundary + " junk";
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST(mp->fields.items().size() == 1u);
    BOOST_TEST(mp->fields.get("a").value_or("?") == "1");
}

BOOST_AUTO_TEST_CASE(multipart_final_boundary_without_trailing_crlf_is_accepted)
{
    auto body = text_part("a", "1") + "--" + boundary + "--";
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST(mp->fields.get("a").value_or("?") == "1");
}

BOOST_AUTO_TEST_CASE(multipart_with_no_parts_is_empty)
{
    auto mp = http::parse_multipart(closing(), boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST(mp->fields.empty());
    BOOST_TEST(mp->files.empty());
}

BOOST_AUTO_TEST_CASE(multipart_tolerates_padding_after_a_boundary)
{
    auto body = "--" + boundary + " \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n" +
                closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST(mp->fields.get("a").value_or("?") == "1");
}

BOOST_AUTO_TEST_CASE(multipart_accepts_exactly_1000_parts)
{
    std::string body;
    for (int i = 0; i < 1000; ++i) {
        body += text_part("f", "v");
    }
    body += closing();
    auto mp = http::parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(mp.has_value());
    BOOST_TEST(mp->fields.all("f").size() == 1000u);
}

BOOST_AUTO_TEST_CASE(multipart_accepts_100_header_lines)
{
    std::string headers;
    for (int i = 0; i < 99; ++i) {
        headers += "X-Filler: " + std::to_string(i) + "\r\n";
    }
    auto body = "--" + boundary + "\r\n" + headers +
                "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n" + closing();
    BOOST_TEST(http::parse_multipart(body, boundary).has_value());
}

// --- parse_multipart: refused bodies ---------------------------------------------------------

BOOST_AUTO_TEST_CASE(multipart_refuses_body_without_first_boundary)
{
    BOOST_TEST(!http::parse_multipart("", boundary));
    BOOST_TEST(!http::parse_multipart("Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n",
                                      boundary));
    BOOST_TEST(!http::parse_multipart("preamble--" + boundary + "--", boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_missing_final_boundary)
{
    BOOST_TEST(!http::parse_multipart(text_part("a", "1"), boundary));
    BOOST_TEST(!http::parse_multipart(text_part("a", "1") + "--" + boundary, boundary));
    BOOST_TEST(!http::parse_multipart(text_part("a", "1") + "--" + boundary + "\r\n", boundary));
    auto truncated = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1";
    BOOST_TEST(!http::parse_multipart(truncated, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_boundary_followed_by_junk)
{
    auto body = text_part("a", "1") + "--" + boundary + "X\r\n" +
                "Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n" + closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_header_block_without_blank_line)
{
    auto body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n" + closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
    auto no_crlf =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n--" + boundary + "--";
    BOOST_TEST(!http::parse_multipart(no_crlf, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_header_line_without_colon)
{
    auto body = "--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"a\"\r\nno colon here\r\n\r\n1\r\n" +
                closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_part_without_content_disposition)
{
    auto body = "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\n1\r\n" + closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
    auto no_headers = "--" + boundary + "\r\n\r\n1\r\n" + closing();
    BOOST_TEST(!http::parse_multipart(no_headers, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_disposition_other_than_form_data)
{
    auto body = "--" + boundary + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n" +
                closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_disposition_without_name)
{
    auto body = "--" + boundary +
                "\r\nContent-Disposition: form-data; filename=\"a.txt\"\r\n\r\n1\r\n" + closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_unterminated_quoted_name)
{
    auto body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n" + closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_duplicated_name_parameter)
{
    auto body = "--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n1\r\n" +
                closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_more_than_1000_parts)
{
    std::string body;
    for (int i = 0; i < 1001; ++i) {
        body += text_part("f", "v");
    }
    body += closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_more_than_100_header_lines)
{
    std::string headers;
    for (int i = 0; i < 100; ++i) {
        headers += "X-Filler: " + std::to_string(i) + "\r\n";
    }
    auto body = "--" + boundary + "\r\n" + headers +
                "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n" + closing();
    BOOST_TEST(!http::parse_multipart(body, boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_invalid_utf8_in_a_text_value)
{
    BOOST_TEST(!http::parse_multipart(text_part("a", "\xC0\x80") + closing(), boundary));
    BOOST_TEST(!http::parse_multipart(text_part("a", "\xED\xA0\x80") + closing(), boundary));
    BOOST_TEST(!http::parse_multipart(text_part("a", "ok\xFF") + closing(), boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_invalid_utf8_or_nul_in_a_field_name)
{
    BOOST_TEST(!http::parse_multipart(text_part("a\xFF", "1") + closing(), boundary));
    BOOST_TEST(!http::parse_multipart(text_part("a\0b"s, "1") + closing(), boundary));
    BOOST_TEST(!http::parse_multipart(file_part("f\xC3", "x.txt", "text/plain", "1") + closing(),
                                      boundary));
}

BOOST_AUTO_TEST_CASE(multipart_refuses_invalid_boundary_argument)
{
    BOOST_TEST(!http::parse_multipart("--\r\n\r\n----", ""));
    std::string long_boundary(71, 'a');
    BOOST_TEST(!http::parse_multipart("--" + long_boundary + "--", long_boundary));
}

BOOST_AUTO_TEST_SUITE_END()
