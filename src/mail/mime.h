// Building an Internet message (RFC 5322 + MIME) from UTF-8 text: encoded words for headers,
// quoted-printable bodies, multipart/alternative assembly. Pure: no clock, no randomness, no I/O,
// so every byte of the output can be checked in unit tests.
#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace mail
{

// Longest line we write, CRLF excluded (RFC 2045 for quoted-printable, and well under the 78 of
// RFC 5322 for headers).
inline constexpr std::size_t max_line = 76;

// Base64 (RFC 4648, standard alphabet, padded) on one line.
std::string base64(std::string_view bytes);

// `utf8` as RFC 2047 "B" encoded words (=?UTF-8?B?…?=), each at most `max_word` characters
// (75 at most, the RFC limit) and each holding whole UTF-8 sequences. Empty text gives no word.
std::vector<std::string> encoded_words(std::string_view utf8, std::size_t max_word = 66);

// "Name: tok tok…" folded with CRLF + space so that no line exceeds max_line characters; a token
// is never split. No trailing CRLF.
std::string fold_header(std::string_view name, const std::vector<std::string>& tokens);

// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: LF, CR or CRLF become CRLF hard breaks; lines
// end with a soft break "=" before max_line; '=', controls, non-ASCII bytes, a trailing space or
// tab, and a '.' opening a line (so no line can end the SMTP DATA) are written =XX.
std::string quoted_printable(std::string_view text);

// RFC 5322 date-time in UTC, in English whatever the locale: "Tue, 07 May 2024 14:03:09 +0000".
std::string rfc5322_date(std::time_t t);

// True for a bare address "local@domain" safe in a header and in an SMTP command: printable
// ASCII, one '@' with both sides non-empty, none of the specials  <>()[],;:\"  nor spaces.
bool valid_address(std::string_view address);

// The part after the '@' ("" when there is none).
std::string_view address_domain(std::string_view address);

// The "Subject: …" header line(s): plain when printable ASCII that fits one line, else encoded
// words. No trailing CRLF.
std::string subject_header(std::string_view subject);

// The "From: …" header line(s) with a display name (quoted when plain ASCII, else encoded words).
// No trailing CRLF.
std::string from_header(std::string_view name, std::string_view address);

// Everything a message is made of; the time- and random-dependent parts are given by the caller.
struct MimeMessage {
    std::string from_address;
    std::string from_name;
    std::string to;
    std::string subject;
    std::string text;       // the text/plain part (UTF-8)
    std::string html;       // the text/html part (UTF-8); empty: a single text/plain message
    std::string message_id; // without angle brackets: "outbox-42.1a2b@caumont.fr"
    std::string boundary;   // printable, not inside any quoted-printable output ("=_…" never is)
    std::time_t date = 0;
};

// The complete message, CRLF line endings, 7-bit, ending with CRLF. Throws std::invalid_argument
// for an invalid address, message id or boundary.
std::string build_message(const MimeMessage& m);

} // namespace mail
