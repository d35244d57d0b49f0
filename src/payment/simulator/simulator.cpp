#include "payment/simulator/simulator.h"

#include "app/log.h"
#include "security/tokens.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <random>
#include <thread>

namespace payment::sim
{

namespace
{

constexpr long max_delay_ms = 60'000;
constexpr int max_repeat = 20;

std::string new_idop()
{
    const auto h = security::random_hex(16);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20);
}

std::string new_numauto()
{
    std::random_device rd;
    std::string out;
    for (int i = 0; i < 6; ++i)
        out += static_cast<char>('0' + rd() % 10);
    return out;
}

// Now as DDMMYYYY and HHMM, local time (Europe/Paris for the real service).
std::pair<std::string, std::string> now_stamps()
{
    const auto t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char date[16];
    char time[8];
    std::strftime(date, sizeof date, "%d%m%Y", &tm);
    std::strftime(time, sizeof time, "%H%M", &tm);
    return {date, time};
}

std::optional<std::int64_t> parse_digits(const std::string& s, std::size_t max_len)
{
    if (s.empty() || s.size() > max_len ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::string json_string(const std::string& s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::size_t discard(char*, std::size_t size, std::size_t n, void*)
{
    return size * n;
}

Fault invalid(const std::string& field)
{
    return Fault{"P6", "Paramètre " + field + " incorrect"};
}

} // namespace

Simulator::Simulator(std::set<std::string> numclis) : numclis_(std::move(numclis)) {}

Simulator::~Simulator()
{
    stop();
}

std::variant<std::string, Fault> Simulator::create(const CreateFields& f)
{
    if (check_client(f.numcli))
        return Fault{"P4", "Numéro de client inconnu"};
    PaymentRequest r;
    r.numcli = f.numcli;
    const auto exer = parse_digits(f.exer, 4);
    if (!exer || *exer < 1900)
        return invalid("exer");
    r.exer = static_cast<int>(*exer);
    const auto montant = parse_digits(f.montant, 11);
    if (!montant || *montant <= 0)
        return invalid("montant");
    r.montant = *montant;
    r.refdet = f.refdet;
    r.objet = f.objet;
    r.mel = f.mel;
    r.urlnotif = f.urlnotif;
    r.urlredirect = f.urlredirect;
    if (f.saisie.size() != 1)
        return invalid("saisie");
    r.saisie = f.saisie[0];
    if (!valid_refdet(r.refdet))
        return invalid("refdet");
    if (!valid_objet(r.objet))
        return invalid("objet");
    if (!valid_mel(r.mel))
        return invalid("mel");
    if (!valid_url(r.urlnotif))
        return invalid("urlnotif");
    if (!valid_url(r.urlredirect))
        return invalid("urlredirect");
    if (r.saisie != 'T' && r.saisie != 'X' && r.saisie != 'W')
        return invalid("saisie");
    if (validate(r))
        return invalid("montant");
    Operation op;
    op.idop = new_idop();
    op.request = std::move(r);
    op.created = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    order_.push_back(op.idop);
    const auto idop = op.idop;
    operations_.emplace(idop, std::move(op));
    return idop;
}

bool Simulator::expired_locked(const Operation& op) const
{
    return std::chrono::steady_clock::now() - op.created >=
           std::chrono::seconds(switches_.lifetime_seconds);
}

// Past its lifetime without a choice, an operation counts as abandoned (no notification).
void Simulator::expire_locked(Operation& op)
{
    if (op.resultrans == 0 && expired_locked(op)) {
        op.resultrans = 'A';
        std::tie(op.dattrans, op.heurtrans) = now_stamps();
    }
}

std::variant<PaymentResult, Fault> Simulator::detail(const std::string& idop)
{
    std::lock_guard lock(mutex_);
    const auto it = operations_.find(idop);
    if (it == operations_.end())
        return Fault{"P1", "IdOp incorrect"};
    auto& op = it->second;
    ++op.detail_calls;
    expire_locked(op);
    if (op.resultrans == 0)
        return Fault{"P5", "Résultat de la transaction non connu"};
    if (op.pending_p5 > 0) {
        --op.pending_p5;
        return Fault{"P5", "Résultat de la transaction non connu"};
    }
    PaymentResult r;
    r.idop = op.idop;
    r.resultrans = op.resultrans;
    r.montant =
        switches_.tamper_amount_cents > 0 ? switches_.tamper_amount_cents : op.request.montant;
    r.refdet = op.request.refdet;
    r.numcli = op.request.numcli;
    r.exer = std::to_string(op.request.exer);
    r.numauto = op.numauto;
    r.dattrans = op.dattrans;
    r.heurtrans = op.heurtrans;
    r.mel = op.request.mel;
    r.objet = op.request.objet;
    r.saisie = std::string(1, op.request.saisie);
    return r;
}

std::optional<Fault> Simulator::check_client(const std::string& numcli)
{
    std::lock_guard lock(mutex_);
    if (!valid_numcli(numcli) || (!numclis_.empty() && !numclis_.count(numcli)))
        return Fault{"P4", "Numéro de client inconnu"};
    return std::nullopt;
}

Simulator::Lookup Simulator::find(const std::string& idop, Operation& out)
{
    std::lock_guard lock(mutex_);
    const auto it = operations_.find(idop);
    if (it == operations_.end())
        return Lookup::Unknown;
    out = it->second;
    if (it->second.resultrans != 0)
        return Lookup::Decided;
    if (expired_locked(it->second))
        return Lookup::Expired;
    return Lookup::Found;
}

Simulator::Lookup Simulator::choose(const std::string& idop, char resultrans, std::string& redirect)
{
    std::vector<Delivery> batch;
    long delay = 0;
    {
        std::lock_guard lock(mutex_);
        const auto it = operations_.find(idop);
        if (it == operations_.end())
            return Lookup::Unknown;
        auto& op = it->second;
        if (op.resultrans != 0)
            return Lookup::Decided;
        if (expired_locked(op))
            return Lookup::Expired;
        op.resultrans = resultrans;
        if (resultrans == 'P' || resultrans == 'V')
            op.numauto = new_numauto();
        std::tie(op.dattrans, op.heurtrans) = now_stamps();
        op.pending_p5 = switches_.result_delay;
        const auto& url = op.request.urlredirect;
        redirect = url + (url.find('?') == std::string::npos ? "?" : "&") + "idop=" + idop;
        const int copies = switches_.notify_repeat;
        if (switches_.notify_drop) {
            op.notifications_dropped += copies;
        } else if (switches_.notify_reorder) {
            for (int i = 0; i < copies; ++i)
                held_.push_back(Delivery{idop, op.request.urlnotif});
            op.notifications_held += copies;
        } else {
            for (int i = 0; i < copies; ++i)
                batch.push_back(Delivery{idop, op.request.urlnotif});
        }
        delay = switches_.notify_delay_ms;
    }
    if (!batch.empty())
        deliver_later(std::move(batch), delay);
    return Lookup::Found;
}

void Simulator::configure(const Switches& s)
{
    std::lock_guard lock(mutex_);
    switches_ = s;
    switches_.notify_delay_ms = std::clamp(s.notify_delay_ms, 0L, max_delay_ms);
    switches_.notify_repeat = std::clamp(s.notify_repeat, 0, max_repeat);
    switches_.result_delay = std::clamp(s.result_delay, 0, 1000);
    switches_.lifetime_seconds = std::clamp(s.lifetime_seconds, 0L, 86'400L);
    switches_.tamper_amount_cents = std::max<std::int64_t>(s.tamper_amount_cents, 0);
}

Switches Simulator::switches() const
{
    std::lock_guard lock(mutex_);
    return switches_;
}

void Simulator::reset()
{
    std::lock_guard lock(mutex_);
    switches_ = Switches{};
    operations_.clear();
    order_.clear();
    held_.clear();
    received_.clear();
}

int Simulator::release()
{
    std::vector<Delivery> batch;
    long delay = 0;
    {
        std::lock_guard lock(mutex_);
        batch.assign(held_.rbegin(), held_.rend());
        held_.clear();
        for (const auto& d : batch)
            if (const auto it = operations_.find(d.idop); it != operations_.end())
                --it->second.notifications_held;
        delay = switches_.notify_delay_ms;
    }
    const int n = static_cast<int>(batch.size());
    if (n > 0)
        deliver_later(std::move(batch), delay);
    return n;
}

void Simulator::deliver_later(std::vector<Delivery> batch, long delay_ms)
{
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return;
        ++running_;
    }
    std::thread([this, batch = std::move(batch), delay_ms] {
        {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, std::chrono::milliseconds(delay_ms), [this] { return stopping_; });
        }
        for (const auto& d : batch) {
            {
                std::lock_guard lock(mutex_);
                if (stopping_)
                    break;
            }
            deliver(d);
        }
        std::lock_guard lock(mutex_);
        --running_;
        cv_.notify_all();
    }).detach();
}

void Simulator::deliver(const Delivery& d)
{
    long status = 0;
    CURLcode rc = CURLE_FAILED_INIT;
    if (CURL* c = curl_easy_init()) {
        const auto body = "idop=" + d.idop;
        curl_slist* headers =
            curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded");
        curl_easy_setopt(c, CURLOPT_URL, d.url.c_str());
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "payfip-sim");
        rc = curl_easy_perform(c);
        if (rc == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        curl_slist_free_all(headers);
        curl_easy_cleanup(c);
    }
    app::log::info(
        "payfip-sim notification idop=" + d.idop + " -> " +
        (rc == CURLE_OK ? "HTTP " + std::to_string(status) : std::string(curl_easy_strerror(rc))));
    std::lock_guard lock(mutex_);
    const auto it = operations_.find(d.idop);
    if (it == operations_.end())
        return;
    if (rc == CURLE_OK) {
        ++it->second.notifications_sent;
        it->second.last_notify_status = status;
    } else {
        ++it->second.notifications_failed;
    }
}

std::string Simulator::operations_json(const std::string& only_idop) const
{
    std::lock_guard lock(mutex_);
    std::string out = "{\"operations\":[";
    bool first = true;
    for (const auto& idop : order_) {
        if (!only_idop.empty() && idop != only_idop)
            continue;
        const auto& op = operations_.at(idop);
        if (!first)
            out += ',';
        first = false;
        const auto status =
            op.resultrans == 0 ? std::string("en_attente") : std::string(1, op.resultrans);
        out += "{\"idop\":" + json_string(op.idop) +
               ",\"numcli\":" + json_string(op.request.numcli) +
               ",\"refdet\":" + json_string(op.request.refdet) +
               ",\"montant\":" + std::to_string(op.request.montant) +
               ",\"status\":" + json_string(status) + ",\"numauto\":" + json_string(op.numauto) +
               ",\"detail_calls\":" + std::to_string(op.detail_calls) +
               ",\"notifications_sent\":" + std::to_string(op.notifications_sent) +
               ",\"notifications_failed\":" + std::to_string(op.notifications_failed) +
               ",\"notifications_held\":" + std::to_string(op.notifications_held) +
               ",\"notifications_dropped\":" + std::to_string(op.notifications_dropped) +
               ",\"last_notify_status\":" + std::to_string(op.last_notify_status) + "}";
    }
    return out + "]}\n";
}

void Simulator::record_received(Received r)
{
    std::lock_guard lock(mutex_);
    if (received_.size() < 10'000)
        received_.push_back(std::move(r));
}

std::vector<Received> Simulator::received() const
{
    std::lock_guard lock(mutex_);
    return received_;
}

void Simulator::stop()
{
    std::unique_lock lock(mutex_);
    stopping_ = true;
    cv_.notify_all();
    cv_.wait_for(lock, std::chrono::seconds(12), [this] { return running_ == 0; });
}

} // namespace payment::sim
