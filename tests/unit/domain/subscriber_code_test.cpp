#include "domain/subscriber_code.h"

#include <boost/test/unit_test.hpp>

#include <array>
#include <string>

namespace
{

// Deterministic "random" bytes for the tests.
std::string bytes(std::initializer_list<int> values)
{
    std::string out;
    for (int v : values) {
        out += static_cast<char>(v);
    }
    return out;
}

const std::string first_eight = bytes({0, 1, 2, 3, 4, 5, 6, 7}); // gives "23456789"

} // namespace

BOOST_AUTO_TEST_SUITE(domain_subscriber_code)

BOOST_AUTO_TEST_CASE(made_code_has_the_brochure_shape)
{
    BOOST_TEST(domain::make_subscriber_code("BLENFANCE", 27026, first_eight) ==
               "BLENFANCE-27026-23456789");
}

BOOST_AUTO_TEST_CASE(made_code_round_trips_through_the_parsers)
{
    const std::string code =
        domain::make_subscriber_code("BLENFANCE", 27026, bytes({10, 20, 30, 40, 50, 60, 70, 80}));
    BOOST_TEST_REQUIRE(!code.empty());
    BOOST_TEST(domain::canonical_subscriber_code(code).value_or("") == code);
    BOOST_TEST(domain::subscriber_code_family_number(code).value_or(-1) == 27026);
    BOOST_TEST(std::string(domain::subscriber_code_prefix(code).value_or("")) == "BLENFANCE");
}

BOOST_AUTO_TEST_CASE(family_number_is_zero_padded_to_five_digits)
{
    BOOST_TEST(domain::make_subscriber_code("CAUMONT", 42, first_eight) ==
               "CAUMONT-00042-23456789");
    BOOST_TEST(domain::make_subscriber_code("CAUMONT", 1, first_eight) == "CAUMONT-00001-23456789");
    BOOST_TEST(domain::make_subscriber_code("CAUMONT", 99999, first_eight) ==
               "CAUMONT-99999-23456789");
    BOOST_TEST(domain::subscriber_code_family_number("CAUMONT-00042-23456789").value_or(-1) == 42);
}

BOOST_AUTO_TEST_CASE(family_number_out_of_range_makes_no_code)
{
    BOOST_TEST(domain::make_subscriber_code("CAUMONT", 0, first_eight) == "");
    BOOST_TEST(domain::make_subscriber_code("CAUMONT", -1, first_eight) == "");
    BOOST_TEST(domain::make_subscriber_code("CAUMONT", 100000, first_eight) == "");
}

BOOST_AUTO_TEST_CASE(invalid_prefix_makes_no_code)
{
    BOOST_TEST(domain::make_subscriber_code("B", 1, first_eight) == "");
    BOOST_TEST(domain::make_subscriber_code(std::string(21, 'B'), 1, first_eight) == "");
    BOOST_TEST(domain::make_subscriber_code("blenfance", 1, first_eight) == "");
    BOOST_TEST(domain::make_subscriber_code("BL-ENFANCE", 1, first_eight) == "");
    BOOST_TEST(domain::make_subscriber_code("BLÉ", 1, first_eight) == "");
    BOOST_TEST(domain::make_subscriber_code("", 1, first_eight) == "");
    BOOST_TEST(domain::make_subscriber_code("AB", 1, first_eight) == "AB-00001-23456789");
    BOOST_TEST(domain::make_subscriber_code(std::string(20, 'B'), 1, first_eight).size() == 35u);
}

BOOST_AUTO_TEST_CASE(bytes_from_248_up_are_skipped_to_keep_the_draw_unbiased)
{
    BOOST_TEST(domain::make_subscriber_code("AB", 1,
                                            bytes({248, 255, 30, 31, 247, 61, 62, 0, 250, 1, 2})) ==
               "AB-00001-Z2ZZ2234");
}

BOOST_AUTO_TEST_CASE(too_few_random_bytes_make_no_code)
{
    BOOST_TEST(domain::make_subscriber_code("AB", 1, bytes({0, 1, 2, 3, 4, 5, 6})) == "");
    BOOST_TEST(domain::make_subscriber_code("AB", 1, bytes({0, 1, 2, 3, 4, 5, 6, 255})) == "");
    BOOST_TEST(domain::make_subscriber_code("AB", 1, "") == "");
}

BOOST_AUTO_TEST_CASE(every_accepted_byte_value_maps_evenly_onto_the_alphabet)
{
    std::array<int, 31> seen{};
    for (int b = 0; b < 248; ++b) {
        const std::string code =
            domain::make_subscriber_code("AB", 1, std::string(8, static_cast<char>(b)));
        BOOST_TEST_REQUIRE(code.size() == 17u);
        const auto index = domain::subscriber_code_alphabet.find(code.back());
        BOOST_TEST_REQUIRE(index != std::string_view::npos);
        ++seen[index];
    }
    for (int count : seen) {
        BOOST_TEST(count == 8);
    }
}

BOOST_AUTO_TEST_CASE(alphabet_has_no_look_alikes)
{
    BOOST_TEST(domain::subscriber_code_alphabet.size() == 31u);
    for (char c : std::string_view("0O1IL")) {
        BOOST_TEST(domain::subscriber_code_alphabet.find(c) == std::string_view::npos);
    }
}

BOOST_AUTO_TEST_CASE(typed_code_in_lower_case_with_spaces_around_is_accepted)
{
    BOOST_TEST(domain::canonical_subscriber_code("  blenfance-27026-k7qh3mzp \r\n").value_or("") ==
               "BLENFANCE-27026-K7QH3MZP");
    BOOST_TEST(domain::canonical_subscriber_code("\tBlEnFaNcE-27026-K7qH3mZp").value_or("") ==
               "BLENFANCE-27026-K7QH3MZP");
}

BOOST_AUTO_TEST_CASE(look_alike_characters_in_the_secret_part_are_refused)
{
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-27026-K7QH3MZ0"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-27026-K7QH3MZO"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-27026-K7QH3MZ1"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-27026-K7QH3MZI"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-27026-K7QH3MZL"));
    BOOST_TEST(!domain::canonical_subscriber_code("blenfance-27026-k7qh3mzl"));
    BOOST_TEST(!domain::canonical_subscriber_code("blenfance-27026-k7qh3mzo"));
}

BOOST_AUTO_TEST_CASE(codes_of_the_wrong_length_are_refused)
{
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-27026-K7QH3MZ"));   // 7
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-27026-K7QH3MZPP")); // 9
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-2702-K7QH3MZP"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-270260-K7QH3MZP"));
    BOOST_TEST(!domain::canonical_subscriber_code("B-27026-K7QH3MZP"));
    BOOST_TEST(!domain::canonical_subscriber_code(std::string(21, 'B') + "-27026-K7QH3MZP"));
    BOOST_TEST(
        domain::canonical_subscriber_code(std::string(20, 'B') + "-27026-K7QH3MZP").has_value());
    BOOST_TEST(!domain::canonical_subscriber_code(""));
    BOOST_TEST(!domain::canonical_subscriber_code("    "));
    BOOST_TEST(!domain::canonical_subscriber_code(std::string(10000, 'A')));
}

BOOST_AUTO_TEST_CASE(codes_with_wrong_separators_or_characters_are_refused)
{
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE 27026 K7QH3MZP"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE - 27026 - K7QH3MZP"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-27026-K7QH 3MZP"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE–27026–K7QH3MZP")); // en dash
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-2702A-K7QH3MZP"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-+2702-K7QH3MZP"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLEN_FANCE-27026-K7QH3MZP"));
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-27026-K7QH3MZ-"));
    BOOST_TEST(!domain::canonical_subscriber_code(std::string("BLENFANCE-27026-K7QH3MZ\0", 24)));
}

BOOST_AUTO_TEST_CASE(family_number_zero_is_refused)
{
    BOOST_TEST(!domain::canonical_subscriber_code("BLENFANCE-00000-K7QH3MZP"));
}

BOOST_AUTO_TEST_CASE(parts_are_only_read_from_canonical_codes)
{
    BOOST_TEST(!domain::subscriber_code_family_number("blenfance-27026-k7qh3mzp"));
    BOOST_TEST(!domain::subscriber_code_family_number(" BLENFANCE-27026-K7QH3MZP"));
    BOOST_TEST(!domain::subscriber_code_prefix("BLENFANCE-27026-K7QH3MZO"));
    BOOST_TEST(domain::subscriber_code_family_number("X9-99999-ZZZZZZZZ").value_or(-1) == 99999);
}

BOOST_AUTO_TEST_SUITE_END()
