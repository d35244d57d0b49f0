#include "domain/subscriber_code.h"

#include <charconv>
#include <system_error>

namespace domain
{

namespace
{

constexpr std::size_t prefix_min_length = 2;
constexpr std::size_t prefix_max_length = 20;
constexpr std::size_t number_length = 5;
// Largest multiple of 31 that fits in a byte: accepting only bytes below it makes
// every symbol equally likely.
constexpr unsigned accepted_byte_limit = 256 - 256 % subscriber_code_alphabet.size();

bool is_upper_or_digit(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool valid_prefix(std::string_view prefix)
{
    if (prefix.size() < prefix_min_length || prefix.size() > prefix_max_length) {
        return false;
    }
    for (char c : prefix) {
        if (!is_upper_or_digit(c)) {
            return false;
        }
    }
    return true;
}

// Parsed parts of a canonical code; nullopt when the text is not exactly
// PREFIX-NNNNN-XXXXXXXX with a number in 1..99999 and a secret from the alphabet.
struct CodeParts {
    std::string_view prefix;
    int family_number = 0;
};

std::optional<CodeParts> split_canonical(std::string_view code)
{
    const std::size_t tail_length = 1 + number_length + 1 + subscriber_code_secret_length;
    if (code.size() < prefix_min_length + tail_length ||
        code.size() > prefix_max_length + tail_length) {
        return std::nullopt;
    }
    const std::size_t prefix_length = code.size() - tail_length;
    const std::string_view prefix = code.substr(0, prefix_length);
    const std::string_view number = code.substr(prefix_length + 1, number_length);
    const std::string_view secret = code.substr(code.size() - subscriber_code_secret_length);
    if (!valid_prefix(prefix) || code[prefix_length] != '-' ||
        code[prefix_length + 1 + number_length] != '-') {
        return std::nullopt;
    }
    for (char c : number) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
    }
    for (char c : secret) {
        if (subscriber_code_alphabet.find(c) == std::string_view::npos) {
            return std::nullopt;
        }
    }
    int value = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc{} || end != number.data() + number.size() || value < 1) {
        return std::nullopt;
    }
    return CodeParts{prefix, value};
}

} // namespace

std::string make_subscriber_code(std::string_view prefix, int family_number,
                                 std::string_view random_bytes)
{
    if (!valid_prefix(prefix) || family_number < 1 ||
        family_number > subscriber_code_max_family_number) {
        return {};
    }
    std::string secret;
    for (const char byte : random_bytes) {
        if (secret.size() == subscriber_code_secret_length) {
            break;
        }
        const auto b = static_cast<unsigned char>(byte);
        if (b < accepted_byte_limit) {
            secret += subscriber_code_alphabet[b % subscriber_code_alphabet.size()];
        }
    }
    if (secret.size() != subscriber_code_secret_length) {
        return {};
    }
    std::string number = std::to_string(family_number);
    number.insert(0, number_length - number.size(), '0');
    std::string code;
    code.reserve(prefix.size() + 2 + number_length + subscriber_code_secret_length);
    code += prefix;
    code += '-';
    code += number;
    code += '-';
    code += secret;
    return code;
}

std::optional<std::string> canonical_subscriber_code(std::string_view typed)
{
    while (!typed.empty() && is_space(typed.front())) {
        typed.remove_prefix(1);
    }
    while (!typed.empty() && is_space(typed.back())) {
        typed.remove_suffix(1);
    }
    // Anything longer cannot be a code; checked before copying untrusted input.
    if (typed.size() > prefix_max_length + 2 + number_length + subscriber_code_secret_length) {
        return std::nullopt;
    }
    std::string code(typed);
    for (char& c : code) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    if (!split_canonical(code)) {
        return std::nullopt;
    }
    return code;
}

std::optional<int> subscriber_code_family_number(std::string_view canonical)
{
    const auto parts = split_canonical(canonical);
    if (!parts) {
        return std::nullopt;
    }
    return parts->family_number;
}

std::optional<std::string_view> subscriber_code_prefix(std::string_view canonical)
{
    const auto parts = split_canonical(canonical);
    if (!parts) {
        return std::nullopt;
    }
    return parts->prefix;
}

} // namespace domain
