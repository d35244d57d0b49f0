// The PayFiP simulator's state: operations created over SOAP, the payer's choice, the
// notifications to `urlnotif`, and the test switches that make notifications late, repeated,
// missing or out of order, or the reported amount wrong. Everything is in memory, behind one
// mutex; notifications go out from background threads.
#pragma once

#include "payment/payfip.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace payment::sim
{

struct Switches {
    long notify_delay_ms = 0;             // wait before each batch of notifications (≤ 60 s)
    int notify_repeat = 1;                // copies of each notification (≤ 20)
    bool notify_drop = false;             // send none
    bool notify_reorder = false;          // hold them until release(), then send newest first
    std::int64_t tamper_amount_cents = 0; // when > 0, the detail reports this amount
    int result_delay = 0;                 // after the choice, P5 for this many detail calls
    long lifetime_seconds = 15 * 60;      // an idOp not used by then has expired
};

struct Operation {
    std::string idop;
    PaymentRequest request;
    std::chrono::steady_clock::time_point created;
    char resultrans = 0; // 0 while the payer has not chosen
    std::string numauto;
    std::string dattrans;  // DDMMYYYY
    std::string heurtrans; // HHMM
    int pending_p5 = 0;    // detail calls still answered P5 (result_delay)
    int detail_calls = 0;
    int notifications_sent = 0;   // answered by the target (any HTTP status)
    int notifications_failed = 0; // no answer
    int notifications_held = 0;
    int notifications_dropped = 0;
    long last_notify_status = 0;
};

// A SOAP fault of the service.
struct Fault {
    std::string code;
    std::string libelle;
};

struct Received {
    std::string content_type;
    std::string body;
};

class Simulator
{
public:
    // `numclis` empty: every 6-digit client number is known.
    explicit Simulator(std::set<std::string> numclis);
    ~Simulator();

    // creerPaiementSecurise: the fields as received (text).
    struct CreateFields {
        std::string exer, mel, montant, numcli, objet, refdet, saisie, urlnotif, urlredirect;
    };
    // The idOp, or the fault to answer.
    std::variant<std::string, Fault> create(const CreateFields& fields);
    // recupererDetailPaiementSecurise.
    std::variant<PaymentResult, Fault> detail(const std::string& idop);
    // recupererDetailClient.
    std::optional<Fault> check_client(const std::string& numcli);

    enum class Lookup { Found, Unknown, Expired, Decided };
    // The operation as the payment page shows it.
    Lookup find(const std::string& idop, Operation& out);
    // The payer's choice ('P', 'V', 'R', 'Z', 'A'); sends the notifications. Returns the
    // lookup state before the choice (Found when recorded) and the redirect URL.
    Lookup choose(const std::string& idop, char resultrans, std::string& redirect);

    void configure(const Switches& switches);
    Switches switches() const;
    void reset();
    // Sends the held notifications, newest first. Returns how many.
    int release();
    std::string operations_json(const std::string& only_idop) const;

    void record_received(Received r);
    std::vector<Received> received() const;

    // Stops the notification threads (waits a few seconds at most).
    void stop();

private:
    struct Delivery {
        std::string idop;
        std::string url;
    };
    void deliver_later(std::vector<Delivery> batch, long delay_ms);
    void deliver(const Delivery& d);
    void expire_locked(Operation& op);
    bool expired_locked(const Operation& op) const;

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::set<std::string> numclis_;
    std::map<std::string, Operation> operations_;
    std::vector<std::string> order_; // idOps in creation order
    Switches switches_;
    std::vector<Delivery> held_;
    std::vector<Received> received_;
    int running_ = 0; // notification threads
    bool stopping_ = false;
};

} // namespace payment::sim
