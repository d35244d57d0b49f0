// The mail outbox: mails are written to `mail_outbox` in the transaction of the action that
// causes them, and a background Sender in each worker process delivers them over SMTP,
// retrying with backoff while the SMTP server or the database is down. Delivery is at least
// once: a mail is lost only if its row is deleted.
#pragma once

#include "db/connection.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mail
{

struct Message {
    std::string to;      // bare address: "parent@example.org"
    std::string subject; // UTF-8
    std::string text;    // UTF-8 plain text body
    std::string html;    // UTF-8 HTML body; may be empty
};

// Queues `message` for delivery: one INSERT, to be run inside the caller's db::Transaction so
// the mail is committed with the action or not at all. Throws std::invalid_argument for an
// invalid sender or recipient address (checked now, not at delivery time).
void enqueue(db::Connection& conn, std::int64_t commune_id, const std::string& from_address,
             const std::string& from_name, const Message& message);

struct SmtpSettings {
    std::string url = "smtp://127.0.0.1:25"; // smtp://host:port or smtps://host:port
    std::string user;                        // no authentication when empty
    std::string password;
    bool starttls = false; // require STARTTLS on a smtp:// URL
    long timeout_seconds = 20;
};

// Seconds to wait before the next try after `attempts` failed ones: 5, 10, 20… capped at 600.
long retry_delay_seconds(int attempts);

// One background thread delivering due outbox rows. Several processes may each run one: a row is
// claimed (leased for 10 minutes) in a transaction with SKIP LOCKED before it is sent, so a mail
// goes through one sender at a time.
class Sender
{
public:
    Sender(db::Settings db, SmtpSettings smtp);
    ~Sender();
    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;

    // Starts the thread (once). Call with the stop signals already blocked, before other threads.
    void start();
    // Wakes the thread, lets at most the SMTP exchange in progress finish, releases the rows it
    // claimed but did not try, and joins. Idempotent.
    void stop();
    // Looks for due mails now instead of at the next tick.
    void wake();

private:
    void run();
    // Claims and sends one batch; true when the batch was full (more may be due).
    bool deliver_batch(db::Connection& conn);
    void record_sent(db::Connection& conn);
    // Waits for the next tick, a wake() or stop(); false when stopping.
    bool wait_tick();
    bool stopping() const;

    db::Settings db_;
    SmtpSettings smtp_;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    bool woken_ = false;
    bool curl_initialised_ = false;
    // Delivered, but sent_at could not be written yet (database down); thread-only.
    std::vector<std::int64_t> sent_unrecorded_;
};

} // namespace mail
