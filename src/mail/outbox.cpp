#include "mail/outbox.h"

#include "app/log.h"
#include "mail/mime.h"
#include "security/tokens.h"

#include <curl/curl.h>
#include <mysql_driver.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <functional>
#include <stdexcept>

namespace mail
{

namespace
{

namespace log = app::log;

constexpr int batch_size = 20;
// A claimed row is not due again for this long: longer than a whole batch can take
// (batch_size × timeout), so no other sender takes it while this one is still working.
constexpr int lease_minutes = 10;
constexpr long max_delay_seconds = 600;
constexpr std::size_t max_error_bytes = 480; // last_error is VARCHAR(500)
constexpr auto tick = std::chrono::seconds(1);

// --- Outbox rows (the SQL of the outbox) ------------------------------------------------------

struct Row {
    std::int64_t id = 0;
    std::string mail_from;
    std::string from_name;
    std::string recipient;
    std::string subject;
    std::string text;
    std::string html;
    int attempts = 0;
};

// Due rows not locked by another sender, leased to this one; committed before any SMTP.
std::vector<Row> claim_due(db::Connection& conn)
{
    db::Transaction tx(conn);
    auto& select = conn.prepare(
        "SELECT id, mail_from, from_name, recipient, subject, body_text, body_html, attempts "
        "FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP() "
        "ORDER BY id LIMIT " +
        std::to_string(batch_size) + " FOR UPDATE SKIP LOCKED");
    std::vector<Row> rows;
    {
        const auto rs = db::query(select);
        while (rs->next()) {
            Row r;
            r.id = rs->getInt64("id");
            r.mail_from = rs->getString("mail_from").asStdString();
            r.from_name = rs->getString("from_name").asStdString();
            r.recipient = rs->getString("recipient").asStdString();
            r.subject = rs->getString("subject").asStdString();
            r.text = rs->getString("body_text").asStdString();
            r.html = rs->getString("body_html").asStdString();
            r.attempts = rs->getInt("attempts");
            rows.push_back(std::move(r));
        }
    }
    auto& lease = conn.prepare("UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP() + "
                               "INTERVAL " +
                               std::to_string(lease_minutes) + " MINUTE WHERE id = ?");
    for (const auto& r : rows) {
        lease.setInt64(1, r.id);
        lease.executeUpdate();
    }
    tx.commit();
    return rows;
}

void mark_sent(db::Connection& conn, std::int64_t id)
{
    auto& st = conn.prepare(
        "UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP() WHERE id = ? AND sent_at IS NULL");
    st.setInt64(1, id);
    st.executeUpdate();
}

void mark_failed(db::Connection& conn, const Row& row, const std::string& error, long delay)
{
    auto& st = conn.prepare("UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, "
                            "next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND "
                            "WHERE id = ? AND sent_at IS NULL");
    st.setString(1, error);
    st.setInt64(2, delay);
    st.setInt64(3, row.id);
    st.executeUpdate();
}

// Gives back a claimed row that was not tried (stopping), due at once for any sender.
void release(db::Connection& conn, std::int64_t id)
{
    auto& st = conn.prepare("UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP() WHERE id = ? "
                            "AND sent_at IS NULL");
    st.setInt64(1, id);
    st.executeUpdate();
}

// --- SMTP over libcurl -----------------------------------------------------------------------

enum class Outcome { sent, failed, aborted };

struct SendResult {
    Outcome outcome = Outcome::failed;
    std::string error;
    // The server could not be reached or refused us: the rest of the batch would fail too.
    bool server_down = false;
};

struct Upload {
    std::string_view data;
    std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user)
{
    auto* up = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, up->data.size() - up->pos);
    std::memcpy(buffer, up->data.data() + up->pos, n);
    up->pos += n;
    return n;
}

struct Progress {
    const std::function<bool()>* stopping;
};

// Aborts on stop only while no byte of the message has gone out: after that, aborting could
// leave a mail the server accepted marked as failed, and sent twice.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t uploaded)
{
    const auto* p = static_cast<Progress*>(user);
    return uploaded == 0 && (*p->stopping)() ? 1 : 0;
}

bool server_down(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
        return true;
    default:
        return false;
    }
}

// Short, printable, cut on a UTF-8 boundary; never holds the SMTP password (curl's messages
// do not include it, and the URL is not quoted).
std::string clean_error(std::string text)
{
    for (auto& c : text)
        if (static_cast<unsigned char>(c) < 0x20)
            c = ' ';
    if (text.size() > max_error_bytes) {
        std::size_t cut = max_error_bytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
            --cut;
        text.resize(cut);
    }
    return text;
}

// One libcurl handle per batch, so consecutive mails reuse the SMTP connection.
class SmtpClient
{
public:
    SmtpClient(const SmtpSettings& settings, std::function<bool()> stopping)
        : settings_(settings), stopping_(std::move(stopping)), curl_(curl_easy_init())
    {
        if (!curl_)
            throw std::runtime_error("curl_easy_init failed");
    }
    ~SmtpClient() { curl_easy_cleanup(curl_); }
    SmtpClient(const SmtpClient&) = delete;
    SmtpClient& operator=(const SmtpClient&) = delete;

    SendResult send(const std::string& from, const std::string& to, const std::string& payload)
    {
        curl_easy_reset(curl_);
        Upload upload{payload};
        Progress progress{&stopping_};
        char errbuf[CURL_ERROR_SIZE] = {};
        const std::string mail_from = "<" + from + ">";
        curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
        if (!rcpt)
            throw std::bad_alloc();
        curl_easy_setopt(curl_, CURLOPT_URL, settings_.url.c_str());
        curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, std::min(settings_.timeout_seconds, 10L));
        curl_easy_setopt(curl_, CURLOPT_TIMEOUT, settings_.timeout_seconds);
        if (settings_.starttls)
            curl_easy_setopt(curl_, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
        if (!settings_.user.empty()) {
            curl_easy_setopt(curl_, CURLOPT_USERNAME, settings_.user.c_str());
            curl_easy_setopt(curl_, CURLOPT_PASSWORD, settings_.password.c_str());
        }
        curl_easy_setopt(curl_, CURLOPT_MAIL_FROM, mail_from.c_str());
        curl_easy_setopt(curl_, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(curl_, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl_, CURLOPT_READFUNCTION, read_upload);
        curl_easy_setopt(curl_, CURLOPT_READDATA, &upload);
        curl_easy_setopt(curl_, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(payload.size()));
        curl_easy_setopt(curl_, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl_, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(curl_, CURLOPT_XFERINFODATA, &progress);

        const CURLcode rc = curl_easy_perform(curl_);
        long smtp_code = 0;
        curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &smtp_code);
        curl_slist_free_all(rcpt);
        if (rc != CURLE_OK)
            renew_handle();

        SendResult result;
        if (rc == CURLE_OK) {
            result.outcome = Outcome::sent;
            return result;
        }
        if (rc == CURLE_ABORTED_BY_CALLBACK) {
            result.outcome = Outcome::aborted;
            return result;
        }
        std::string error = curl_easy_strerror(rc);
        if (errbuf[0] != '\0')
            error += std::string(": ") + errbuf;
        if (smtp_code != 0)
            error += " (SMTP " + std::to_string(smtp_code) + ")";
        result.error = clean_error(std::move(error));
        result.server_down = server_down(rc);
        return result;
    }

private:
    // After a failure the SMTP session may be left mid-transaction (a reused connection then
    // answers "503 nested MAIL"): a new handle closes it and starts the next mail afresh.
    void renew_handle()
    {
        CURL* fresh = curl_easy_init();
        if (!fresh)
            throw std::runtime_error("curl_easy_init failed");
        curl_easy_cleanup(curl_);
        curl_ = fresh;
    }

    const SmtpSettings& settings_;
    std::function<bool()> stopping_;
    CURL* curl_;
};

std::string compose(const Row& row)
{
    MimeMessage m;
    m.from_address = row.mail_from;
    m.from_name = row.from_name;
    m.to = row.recipient;
    m.subject = row.subject;
    m.text = row.text;
    m.html = row.html;
    m.message_id = "outbox-" + std::to_string(row.id) + "." + security::random_hex(8) + "@" +
                   std::string(address_domain(row.mail_from));
    m.boundary = "=_portail_" + security::random_hex(12);
    m.date = std::time(nullptr);
    return build_message(m);
}

} // namespace

void enqueue(db::Connection& conn, std::int64_t commune_id, const std::string& from_address,
             const std::string& from_name, const Message& message)
{
    if (!valid_address(from_address))
        throw std::invalid_argument("invalid sender address");
    if (!valid_address(message.to))
        throw std::invalid_argument("invalid recipient address");
    auto& st = conn.prepare("INSERT INTO mail_outbox (commune_id, mail_from, from_name, "
                            "recipient, subject, body_text, body_html, created_at, "
                            "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), "
                            "UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setString(2, from_address);
    st.setString(3, from_name);
    st.setString(4, message.to);
    st.setString(5, message.subject);
    st.setString(6, message.text);
    st.setString(7, message.html);
    st.executeUpdate();
}

long retry_delay_seconds(int attempts)
{
    long delay = 5;
    for (int i = 1; i < attempts && delay < max_delay_seconds; ++i)
        delay *= 2;
    return std::min(delay, max_delay_seconds);
}

Sender::Sender(db::Settings db, SmtpSettings smtp) : db_(std::move(db)), smtp_(std::move(smtp)) {}

Sender::~Sender()
{
    stop();
}

void Sender::start()
{
    if (thread_.joinable())
        return;
    if (!curl_initialised_) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("curl_global_init failed");
        curl_initialised_ = true;
    }
    {
        std::lock_guard lock(mutex_);
        stop_ = false;
        woken_ = false;
    }
    thread_ = std::thread(&Sender::run, this);
}

void Sender::stop()
{
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable())
        thread_.join();
    if (curl_initialised_) {
        curl_global_cleanup();
        curl_initialised_ = false;
    }
}

void Sender::wake()
{
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_all();
}

bool Sender::stopping() const
{
    std::lock_guard lock(mutex_);
    return stop_;
}

bool Sender::wait_tick()
{
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, tick, [this] { return stop_ || woken_; });
    woken_ = false;
    return !stop_;
}

void Sender::record_sent(db::Connection& conn)
{
    while (!sent_unrecorded_.empty()) {
        mark_sent(conn, sent_unrecorded_.back());
        sent_unrecorded_.pop_back();
    }
}

bool Sender::deliver_batch(db::Connection& conn)
{
    record_sent(conn);
    const auto rows = claim_due(conn);
    if (rows.empty())
        return false;
    SmtpClient smtp(smtp_, [this] { return stopping(); });
    std::string down_error; // set once the server is found unreachable in this batch
    std::size_t i = 0;
    for (; i < rows.size(); ++i) {
        const auto& row = rows[i];
        if (stopping())
            break;
        const long delay = retry_delay_seconds(row.attempts + 1);
        if (!down_error.empty()) {
            mark_failed(conn, row, down_error, delay);
            continue;
        }
        std::string payload;
        try {
            payload = compose(row);
        } catch (const std::invalid_argument& e) {
            // A row written without enqueue(): retried rarely, visible in last_error.
            mark_failed(conn, row, e.what(), max_delay_seconds);
            log::error("mail: outbox=" + std::to_string(row.id) + " cannot be built: " + e.what());
            continue;
        }
        const auto result = smtp.send(row.mail_from, row.recipient, payload);
        if (result.outcome == Outcome::aborted)
            break;
        if (result.outcome == Outcome::sent) {
            sent_unrecorded_.push_back(row.id);
            record_sent(conn);
            log::info("mail: outbox=" + std::to_string(row.id) + " sent");
            continue;
        }
        mark_failed(conn, row, result.error, delay);
        log::warn("mail: outbox=" + std::to_string(row.id) + " attempt " +
                  std::to_string(row.attempts + 1) + " failed, next in " + std::to_string(delay) +
                  " s: " + result.error);
        if (result.server_down)
            down_error = result.error;
    }
    for (; i < rows.size(); ++i)
        release(conn, rows[i].id);
    return rows.size() == static_cast<std::size_t>(batch_size) && !stopping();
}

void Sender::run()
{
    auto* driver = sql::mysql::get_mysql_driver_instance();
    driver->threadInit();
    try {
        db::Connection conn(db_);
        std::string problem; // logged once, until the sender works again
        auto report = [&problem](const std::string& what) {
            if (what != problem)
                log::error("mail: outbox sender: " + what + " (retrying every second)");
            problem = what;
        };
        log::info("mail: outbox sender started");
        while (!stopping()) {
            bool more = false;
            try {
                more = deliver_batch(conn);
                if (!problem.empty())
                    log::info("mail: outbox sender working again");
                problem.clear();
            } catch (const db::Unavailable& e) {
                conn.invalidate();
                report(std::string("database unavailable: ") + e.what());
            } catch (const sql::SQLException& e) {
                conn.invalidate();
                report((db::is_connection_error(e)
                            ? "database unavailable: "
                            : "database error " + std::to_string(e.getErrorCode()) + ": ") +
                       std::string(e.what()));
            } catch (const std::exception& e) {
                report(e.what());
            } catch (...) {
                report("unknown exception");
            }
            if (!more && !wait_tick())
                break;
        }
        log::info("mail: outbox sender stopped");
    } catch (...) {
        // Only logging itself can get here; the thread must end cleanly anyway.
    }
    driver->threadEnd();
}

} // namespace mail
