#include "domain/identity.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace domain
{

namespace
{

// Strict UTF-8 decoding of one code point at text[pos]; advances pos. Overlong forms,
// surrogates and values above U+10FFFF are refused so that two spellings of the same
// name cannot hide behind different byte sequences.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1F;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0F;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07;
        minimum = 0x10000;
    } else {
        return std::nullopt;
    }
    if (text.size() - pos < length) {
        return std::nullopt;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + i);
        if ((next & 0xC0) != 0x80) {
            return std::nullopt;
        }
        value = (value << 6) | (next & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return std::nullopt;
    }
    pos += length;
    return value;
}

void append_utf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Base letters of U+00C0..U+00FF and U+0100..U+017F, one character per code point.
// Markers stand for the letters that fold to two: A=ae, T=th, S=ss, J=ij, O=oe;
// '*' is not a letter (× and ÷) and is kept as it is.
constexpr std::string_view latin1_letters = "aaaaaaAceeeeiiii"
                                            "dnooooo*ouuuuyTS"
                                            "aaaaaaAceeeeiiii"
                                            "dnooooo*ouuuuyTy";
constexpr std::string_view latin_extended_a_letters = "aaaaaaccccccccdd"
                                                      "ddeeeeeeeeeegggg"
                                                      "gggghhhhiiiiiiii"
                                                      "iiJJjjkkklllllll"
                                                      "lllnnnnnnnnnoooo"
                                                      "ooOOrrrrrrssssss"
                                                      "ssttttttuuuuuuuu"
                                                      "uuuuwwyyyzzzzzzs";
static_assert(latin1_letters.size() == 0x40);
static_assert(latin_extended_a_letters.size() == 0x80);

// The ASCII spelling of a Latin letter with its accent removed, or empty when the code
// point is not one of them.
std::string_view fold_latin_letter(char32_t cp)
{
    char marker = 0;
    if (cp >= 0xC0 && cp <= 0xFF) {
        marker = latin1_letters[cp - 0xC0];
    } else if (cp >= 0x100 && cp <= 0x17F) {
        marker = latin_extended_a_letters[cp - 0x100];
    } else if (cp == 0x1E9E) { // capital sharp s
        return "ss";
    } else {
        return {};
    }
    switch (marker) {
    case 'A':
        return "ae";
    case 'T':
        return "th";
    case 'S':
        return "ss";
    case 'J':
        return "ij";
    case 'O':
        return "oe";
    case '*':
        return {};
    default:
        break;
    }
    // Points into the constant tables, so the view stays valid.
    if (cp <= 0xFF) {
        return latin1_letters.substr(cp - 0xC0, 1);
    }
    return latin_extended_a_letters.substr(cp - 0x100, 1);
}

// Whitespace, hyphens, dashes and apostrophes: they separate the words of a name and
// people type them inconsistently ("Dupont-Martin", "Dupont Martin", "O’Brien", "O'Brien").
bool is_separator(char32_t cp)
{
    switch (cp) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\v':
    case U'\f':
    case U'\r':
    case U'-':
    case U'\'':
    case U'`':
    case 0x00A0: // no-break space
    case 0x00B4: // acute accent, typed as an apostrophe on some keyboards
    case 0x02BC: // modifier letter apostrophe
    case 0x1680:
    case 0x2018: // left single quotation mark
    case 0x2019: // right single quotation mark, the "typographic" apostrophe
    case 0x2028:
    case 0x2029:
    case 0x202F: // narrow no-break space
    case 0x205F:
    case 0x2212: // minus sign
    case 0x3000:
        return true;
    default:
        // U+2000..U+200A are spaces of various widths, U+2010..U+2015 hyphens and dashes.
        return (cp >= 0x2000 && cp <= 0x200A) || (cp >= 0x2010 && cp <= 0x2015);
    }
}

// Invisible characters that copy-paste or NFD input leaves inside a name: combining
// accents (an "e" followed by U+0301 is an "é"), soft hyphen, zero-width characters.
bool is_ignorable(char32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) ||
           cp == 0x2060 || cp == 0xFEFF;
}

bool is_control(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

} // namespace

std::string normalize_name(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    bool pending_space = false;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const auto decoded = decode_utf8(utf8, pos);
        if (!decoded) {
            return {};
        }
        const char32_t cp = *decoded;
        if (is_separator(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (is_ignorable(cp)) {
            continue;
        }
        if (is_control(cp)) {
            return {};
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        if (cp >= U'A' && cp <= U'Z') {
            out += static_cast<char>(cp - U'A' + U'a');
        } else if (const auto folded = fold_latin_letter(cp); !folded.empty()) {
            out += folded;
        } else {
            append_utf8(out, cp);
        }
    }
    return out;
}

bool same_person(std::string_view last1, std::string_view first1, std::string_view last2,
                 std::string_view first2)
{
    const std::string l1 = normalize_name(last1);
    const std::string f1 = normalize_name(first1);
    if (l1.empty() || f1.empty()) {
        return false;
    }
    return l1 == normalize_name(last2) && f1 == normalize_name(first2);
}

std::string normalize_email(std::string_view email)
{
    while (!email.empty() && is_ascii_space(email.front())) {
        email.remove_prefix(1);
    }
    while (!email.empty() && is_ascii_space(email.back())) {
        email.remove_suffix(1);
    }
    std::string out(email);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool plausible_email(std::string_view email)
{
    if (email.size() < 3 || email.size() > 254) {
        return false;
    }
    std::size_t at_count = 0;
    for (const char ch : email) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == ',' || c == ';') {
            return false;
        }
        if (c == '@') {
            ++at_count;
        }
    }
    if (at_count != 1) {
        return false;
    }
    const std::size_t at = email.find('@');
    const std::string_view local = email.substr(0, at);
    const std::string_view domain = email.substr(at + 1);
    if (local.empty() || local.size() > 64) {
        return false;
    }
    return domain.find('.') != std::string_view::npos && domain.front() != '.' &&
           domain.back() != '.' && domain.find("..") == std::string_view::npos;
}

} // namespace domain
