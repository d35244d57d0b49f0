#include "mail/mime.h"

#include <algorithm>
#include <stdexcept>

namespace mail
{

namespace
{

constexpr std::string_view crlf = "\r\n";
constexpr std::string_view word_prefix = "=?UTF-8?B?";
constexpr std::string_view word_suffix = "?=";

bool printable_ascii(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

// Length of the UTF-8 sequence opening with `c`; 1 for a stray byte, so bad input still advances.
std::size_t utf8_length(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xe0) == 0xc0)
        return 2;
    if ((c & 0xf0) == 0xe0)
        return 3;
    if ((c & 0xf8) == 0xf0)
        return 4;
    return 1;
}

void append_hex_escape(std::string& out, unsigned char c)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    out += '=';
    out += digits[c >> 4];
    out += digits[c & 15];
}

// One input line (no line break inside) to quoted-printable lines joined by soft breaks.
void encode_qp_line(std::string_view line, std::string& out)
{
    std::size_t used = 0; // characters on the current output line
    std::string token;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        const bool last = i + 1 == line.size();
        token.clear();
        if (c == '=' || c < 0x20 || c > 0x7e) {
            if (c == '\t' && !last)
                token += '\t';
            else
                append_hex_escape(token, c);
        } else if (c == ' ' && last) {
            append_hex_escape(token, c);
        } else {
            token += static_cast<char>(c);
        }
        // Keep one column for the soft break "=", unless this is the line's last token.
        const std::size_t limit = last ? max_line : max_line - 1;
        if (used + token.size() > limit) {
            out += '=';
            out += crlf;
            used = 0;
        }
        // A line opening with '.' could be read as the end of the SMTP DATA if not dot-stuffed.
        if (used == 0 && token == ".") {
            token.clear();
            append_hex_escape(token, c);
        }
        out += token;
        used += token.size();
    }
}

void check_address(std::string_view address, const char* what)
{
    if (!valid_address(address))
        throw std::invalid_argument(std::string("invalid ") + what + " address");
}

bool valid_message_id(std::string_view id)
{
    if (id.empty() || id.size() > 200 || id.find('@') == std::string_view::npos)
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return c > 0x20 && c <= 0x7e && c != '<' && c != '>' && c != '"' && c != '\\';
    });
}

// RFC 2046 §5.1.1 bchars, without the space.
bool valid_boundary(std::string_view b)
{
    if (b.empty() || b.size() > 70)
        return false;
    return std::all_of(b.begin(), b.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               std::string_view("'()+_,-./:=?").find(c) != std::string_view::npos;
    });
}

void append_part(std::string& out, std::string_view boundary, std::string_view type,
                 std::string_view body)
{
    out += "--";
    out += boundary;
    out += crlf;
    out += "Content-Type: ";
    out += type;
    out += "; charset=utf-8";
    out += crlf;
    out += "Content-Transfer-Encoding: quoted-printable";
    out += crlf;
    out += crlf;
    out += quoted_printable(body);
    out += crlf;
}

} // namespace

std::string base64(std::string_view bytes)
{
    static constexpr char table[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                           static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += table[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2)
            v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += rest == 2 ? table[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::vector<std::string> encoded_words(std::string_view utf8, std::size_t max_word)
{
    const std::size_t overhead = word_prefix.size() + word_suffix.size();
    max_word = std::clamp<std::size_t>(max_word, overhead + 4 * 4, 75);
    // Base64 turns each 3 bytes into 4 characters: the most bytes that fit in one word.
    const std::size_t max_bytes = (max_word - overhead) / 4 * 3;
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < utf8.size()) {
        std::size_t end = start;
        while (end < utf8.size()) {
            const auto n =
                std::min(utf8_length(static_cast<unsigned char>(utf8[end])), utf8.size() - end);
            if (end - start + n > max_bytes)
                break;
            end += n;
        }
        // Prefer ending a word after a space: some parsers (Python's address parser) wrongly
        // insert a space between adjacent encoded words, which must not split a word in two.
        if (end < utf8.size()) {
            const auto space = utf8.substr(start, end - start).rfind(' ');
            if (space != std::string_view::npos && space + 1 >= max_bytes / 2)
                end = start + space + 1;
        }
        std::string word(word_prefix);
        word += base64(utf8.substr(start, end - start));
        word += word_suffix;
        words.push_back(std::move(word));
        start = end;
    }
    return words;
}

std::string fold_header(std::string_view name, const std::vector<std::string>& tokens)
{
    std::string out(name);
    out += ':';
    std::size_t used = out.size();
    bool first = true;
    for (const auto& token : tokens) {
        if (!first && used + 1 + token.size() > max_line) {
            out += crlf;
            used = 0;
        }
        out += ' ';
        out += token;
        used += 1 + token.size();
        first = false;
    }
    return out;
}

std::string quoted_printable(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    std::size_t start = 0;
    while (true) {
        const auto br = text.find_first_of("\r\n", start);
        encode_qp_line(text.substr(start, br == std::string_view::npos ? br : br - start), out);
        if (br == std::string_view::npos)
            break;
        out += crlf;
        start = br + (text.compare(br, 2, crlf) == 0 ? 2 : 1);
    }
    return out;
}

std::string rfc5322_date(std::time_t t)
{
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm tm{};
    if (!gmtime_r(&t, &tm))
        throw std::invalid_argument("date out of range");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7],
                  tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

bool valid_address(std::string_view address)
{
    const auto at = address.find('@');
    if (address.size() > 254 || at == std::string_view::npos || at == 0 || at > 64 ||
        at + 1 == address.size() || address.find('@', at + 1) != std::string_view::npos)
        return false;
    return std::all_of(address.begin(), address.end(), [](char c) {
        return c > 0x20 && c <= 0x7e &&
               std::string_view("<>()[],;:\\\"").find(c) == std::string_view::npos;
    });
}

std::string_view address_domain(std::string_view address)
{
    const auto at = address.rfind('@');
    return at == std::string_view::npos ? std::string_view{} : address.substr(at + 1);
}

std::string subject_header(std::string_view subject)
{
    constexpr std::string_view name = "Subject: ";
    if (printable_ascii(subject) && subject.find("=?") == std::string_view::npos &&
        name.size() + subject.size() <= max_line)
        return std::string(name) + std::string(subject);
    return fold_header("Subject", encoded_words(subject));
}

std::string from_header(std::string_view name, std::string_view address)
{
    std::vector<std::string> tokens;
    if (printable_ascii(name) && name.find("=?") == std::string_view::npos &&
        name.size() + 8 <= max_line) {
        if (!name.empty()) {
            std::string quoted = "\"";
            for (char c : name) {
                if (c == '"' || c == '\\')
                    quoted += '\\';
                quoted += c;
            }
            tokens.push_back(quoted + '"');
        }
    } else {
        // RFC 2047 §5: encoded words stand alone in a phrase, never inside a quoted string.
        tokens = encoded_words(name);
    }
    tokens.push_back("<" + std::string(address) + ">");
    return fold_header("From", tokens);
}

std::string build_message(const MimeMessage& m)
{
    check_address(m.from_address, "sender");
    check_address(m.to, "recipient");
    if (!valid_message_id(m.message_id))
        throw std::invalid_argument("invalid message id");
    if (!valid_boundary(m.boundary))
        throw std::invalid_argument("invalid MIME boundary");

    std::string out;
    out.reserve(m.text.size() * 2 + m.html.size() * 2 + 1024);
    auto header = [&out](std::string_view line) {
        out += line;
        out += crlf;
    };
    header("Date: " + rfc5322_date(m.date));
    header(from_header(m.from_name, m.from_address));
    header("To: " + m.to);
    header(subject_header(m.subject));
    header("Message-ID: <" + m.message_id + ">");
    header("MIME-Version: 1.0");
    // RFC 3834: keeps vacation responders from answering a no-reply address.
    header("Auto-Submitted: auto-generated");
    if (m.html.empty()) {
        header("Content-Type: text/plain; charset=utf-8");
        header("Content-Transfer-Encoding: quoted-printable");
        out += crlf;
        out += quoted_printable(m.text);
        out += crlf;
        return out;
    }
    header("Content-Type: multipart/alternative;");
    header(" boundary=\"" + m.boundary + "\"");
    out += crlf;
    append_part(out, m.boundary, "text/plain", m.text);
    append_part(out, m.boundary, "text/html", m.html);
    out += "--";
    out += m.boundary;
    out += "--";
    out += crlf;
    return out;
}

} // namespace mail
