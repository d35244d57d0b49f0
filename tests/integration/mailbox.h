// Reading the SMTP sink's Maildir: the mails a recipient got, with their text part decoded.
#pragma once

#include <string>
#include <vector>

namespace itest {

struct Mail {
    std::string file;
    std::string to;
    std::string subject_raw; // as in the header (RFC 2047 encoded)
    std::string text;        // text/plain part, quoted-printable decoded
};

std::vector<Mail> mails_to(const std::string& recipient);
// Waits up to `seconds` for the recipient to have at least `count` mails.
std::vector<Mail> wait_for_mails(const std::string& recipient, std::size_t count,
                                 int seconds = 20);
// The part of MIME type `type` ("text/html") of a multipart message as delivered (CRLF or
// LF), quoted-printable decoded, with LF line ends; "" if it has none.
std::string mail_part(const std::string& message, const std::string& type);
// Its text/plain part.
std::string text_part(const std::string& message);
// First URL in the text that contains `fragment` ("" if none).
std::string link_in(const Mail& mail, const std::string& fragment);
// Path and query of a URL ("http://host:port/a?b" → "/a?b").
std::string path_of(const std::string& url);
// A recipient address unique to this run.
std::string unique_email(const std::string& tag);

} // namespace itest
