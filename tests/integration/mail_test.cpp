// The outbox against the real stack: a mail queued in a transaction reaches the SMTP sink (the
// stack's Maildir) once, encoded properly; a rolled-back one never leaves; while SMTP is down the
// mail waits with its error recorded and goes out once SMTP is back.
#include "client.h"
#include "db/connection.h"
#include "mail/mime.h"
#include "mail/outbox.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

using namespace itest;

namespace
{

const std::string subject = "Confirmez votre compte — Portail Famille de Caumont-sur-Durance";
// The same subject as RFC 2047 encoded words (checked against Python's decoder).
const std::string encoded_subject =
    "Subject: =?UTF-8?B?Q29uZmlybWV6IHZvdHJlIGNvbXB0ZSDigJQgUG9ydGF"
    "pbCA=?=\n =?UTF-8?B?RmFtaWxsZSBkZSBDYXVtb250LXN1ci1EdXJhbmNl?=\n";
const std::string from_address = "ne-pas-repondre@caumont-sur-durance.fr";
const std::string from_name = "Mairie de Caumont-sur-Durance";

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string unique_recipient()
{
    std::random_device rd;
    std::ostringstream out;
    out << "test-" << std::hex << rd() << rd() << "@example.org";
    return out.str();
}

// Polls `done` every 100 ms until it holds or `timeout` passes.
template <class F> bool eventually(F done, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (done())
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

db::Settings stack_db()
{
    const auto& s = Stack::get();
    db::Settings settings;
    settings.host = "127.0.0.1";
    settings.port = std::stoi(s.env.at("DB_PORT"));
    settings.user = "portail";
    settings.name = "portail";
    std::ifstream in(s.dir + "/db-password");
    std::getline(in, settings.password);
    return settings;
}

std::int64_t demo_commune_id()
{
    return std::stoll(Stack::get().sql("SELECT id FROM commune WHERE slug='caumont'"));
}

mail::Message sample_message(const std::string& to)
{
    mail::Message m;
    m.to = to;
    m.subject = subject;
    m.text = "Bonjour Amélie,\n\nConfirmez votre compte en suivant ce lien :\n"
             "https://caumont.example/compte/confirmer?jeton=abc\n\nÀ bientôt.\n";
    m.html = "<p>Bonjour Amélie,</p>\n<p>À bientôt.</p>\n";
    return m;
}

// Queues `m` through mail::enqueue in a committed transaction, as an action would.
void enqueue_committed(const mail::Message& m)
{
    db::Connection conn(stack_db());
    db::Transaction tx(conn);
    mail::enqueue(conn, demo_commune_id(), from_address, from_name, m);
    tx.commit();
}

// The delivered files whose content names `recipient` (the sink adds X-RcptTo), LF line ends.
std::vector<std::string> delivered_to(const std::string& recipient)
{
    std::vector<std::string> found;
    const std::filesystem::path dir = Stack::get().dir + "/mail/new";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        auto text = content.str();
        if (!contains(text, recipient))
            continue;
        std::string lf;
        for (std::size_t i = 0; i < text.size(); ++i)
            if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n'))
                lf += text[i];
        found.push_back(std::move(lf));
    }
    return found;
}

std::string row_field(const std::string& recipient, const std::string& expression)
{
    return Stack::get().sql("SELECT " + expression + " FROM mail_outbox WHERE recipient='" +
                            recipient + "'");
}

bool sent(const std::string& recipient)
{
    return row_field(recipient, "sent_at IS NOT NULL") == "1";
}

// Starts the SMTP sink again at the end of a test, even a failed one.
struct SmtpRestart {
    ~SmtpRestart() { Stack::get().control("smtp-start"); }
};

// Replaces the sink by one answering each message after `seconds`; the usual sink is back at
// the end of the test, even a failed one.
struct SlowSmtp {
    explicit SlowSmtp(int seconds)
    {
        auto& stack = Stack::get();
        BOOST_REQUIRE(stack.control("smtp-stop") == 0);
        ::setenv("SMTP_DELAY", std::to_string(seconds).c_str(), 1);
        const int started = stack.control("smtp-start");
        ::unsetenv("SMTP_DELAY");
        BOOST_REQUIRE(started == 0);
    }
    ~SlowSmtp()
    {
        Stack::get().control("smtp-stop");
        Stack::get().control("smtp-start");
    }
    SlowSmtp(const SlowSmtp&) = delete;
    SlowSmtp& operator=(const SlowSmtp&) = delete;
};

} // namespace

BOOST_AUTO_TEST_SUITE(mail)

BOOST_AUTO_TEST_CASE(queued_mail_is_delivered_once_with_encoded_french_subject)
{
    const auto to = unique_recipient();
    enqueue_committed(sample_message(to));

    BOOST_REQUIRE_MESSAGE(eventually([&] { return sent(to); }, std::chrono::seconds(10)),
                          "not sent within 10 s; last_error: " << row_field(to, "last_error"));
    const auto mails = delivered_to(to);
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    const auto& mail = mails.front();
    BOOST_TEST(contains(mail, "\nTo: " + to + "\n"));
    BOOST_TEST(contains(mail, "\n" + encoded_subject), mail);
    // The display name is quoted; the line, too long, is folded before the address.
    BOOST_TEST(contains(mail, "\nFrom: \"" + from_name + "\"\n <" + from_address + ">\n"));
    BOOST_TEST(contains(mail, "\nX-MailFrom: " + from_address + "\n"));
    BOOST_TEST(contains(mail, "\nMessage-ID: <outbox-"));
    BOOST_TEST(contains(mail, "@caumont-sur-durance.fr>\n"));
    BOOST_TEST(contains(mail, "\nContent-Type: multipart/alternative;"));
    BOOST_TEST(contains(mail, "Bonjour Am=C3=A9lie,"));
    BOOST_TEST(text_part(mail) == sample_message(to).text);
    BOOST_TEST(row_field(to, "attempts") == "0");
}

BOOST_AUTO_TEST_CASE(lines_starting_with_a_dot_and_long_lines_arrive_intact)
{
    const auto to = unique_recipient();
    auto m = sample_message(to);
    // The fifth line wraps before its two dashes: its second line opens like a MIME delimiter
    // ("--"), as a link's token may (base64url) without being one.
    m.text = ".\n..\n. fin\n" + std::string(200, 'x') + "\n" + std::string(80, '.') + "\n" +
             std::string(75, 'y') + "--jeton\nfin.\n";
    enqueue_committed(m);

    BOOST_REQUIRE(eventually([&] { return sent(to); }, std::chrono::seconds(10)));
    const auto mails = delivered_to(to);
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    BOOST_TEST(text_part(mails.front()) == m.text);
}

BOOST_AUTO_TEST_CASE(mail_of_a_rolled_back_transaction_is_never_sent)
{
    const auto dropped = unique_recipient();
    const auto kept = unique_recipient();
    {
        db::Connection conn(stack_db());
        db::Transaction tx(conn);
        mail::enqueue(conn, demo_commune_id(), from_address, from_name, sample_message(dropped));
        // No commit: the action failed, its mail goes with it.
    }
    enqueue_committed(sample_message(kept));

    BOOST_REQUIRE(eventually([&] { return sent(kept); }, std::chrono::seconds(10)));
    BOOST_TEST(row_field(dropped, "COUNT(*)") == "0");
    BOOST_TEST(delivered_to(dropped).empty());
}

BOOST_AUTO_TEST_CASE(mail_waits_while_smtp_is_down_then_goes_out_once)
{
    auto& stack = Stack::get();
    const auto to = unique_recipient();
    BOOST_REQUIRE(stack.control("smtp-stop") == 0);
    SmtpRestart restart;
    enqueue_committed(sample_message(to));

    BOOST_REQUIRE_MESSAGE(eventually(
                              [&] {
                                  return row_field(to, "attempts >= 1 AND "
                                                       "last_error <> ''") == "1";
                              },
                              std::chrono::seconds(10)),
                          "no failed attempt recorded");
    BOOST_TEST(!sent(to));
    BOOST_TEST(delivered_to(to).empty());
    const auto error = row_field(to, "last_error");
    BOOST_TEST(!contains(error, stack_db().password));
    BOOST_TEST(row_field(to, "next_attempt_at > UTC_TIMESTAMP()") == "1");

    BOOST_REQUIRE(stack.control("smtp-start") == 0);
    BOOST_REQUIRE_MESSAGE(eventually([&] { return sent(to); }, std::chrono::seconds(40)),
                          "not sent after SMTP came back; last_error: "
                              << row_field(to, "last_error")
                              << " attempts: " << row_field(to, "attempts"));
    const auto mails = delivered_to(to);
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    BOOST_TEST(contains(mails.front(), "\n" + encoded_subject));
}

// A mail server taking 10 s per message (SPEC §8: mail never holds a page): pages answer as
// usual while the outbox waits on it, and each queued mail arrives once, late.
BOOST_AUTO_TEST_CASE(slow_smtp_slows_no_page_and_each_mail_goes_out_once)
{
    using namespace std::chrono;
    SlowSmtp slow(10);
    const auto to1 = unique_recipient();
    const auto to2 = unique_recipient();
    enqueue_committed(sample_message(to1));
    enqueue_committed(sample_message(to2));

    Client c;
    auto worst = milliseconds(0);
    int pages = 0;
    const auto start = steady_clock::now();
    while (steady_clock::now() - start < seconds(6)) {
        for (const char* path : {"/", "/connexion", "/compte/mot-de-passe-oublie"}) {
            const auto t0 = steady_clock::now();
            const auto r = c.get(path);
            worst = std::max(worst, duration_cast<milliseconds>(steady_clock::now() - t0));
            BOOST_TEST(r.status == 200);
            ++pages;
        }
        std::this_thread::sleep_for(milliseconds(100));
    }
    BOOST_TEST_MESSAGE("slow SMTP: " << pages << " pages, slowest " << worst.count() << " ms");
    BOOST_TEST(worst.count() < 1000);
    // The server really is slow: 6 s in, neither message is accepted yet.
    BOOST_TEST(!(sent(to1) && sent(to2)));
    BOOST_TEST(delivered_to(to2).empty());

    BOOST_REQUIRE_MESSAGE(eventually([&] { return sent(to1) && sent(to2); }, seconds(50)),
                          "not sent; last_error: " << row_field(to2, "last_error"));
    BOOST_TEST(delivered_to(to1).size() == 1u);
    BOOST_TEST(delivered_to(to2).size() == 1u);
    BOOST_TEST(row_field(to1, "attempts") == "0"); // no failed attempt, no resend
    BOOST_TEST(row_field(to2, "attempts") == "0");
}

BOOST_AUTO_TEST_SUITE_END()
