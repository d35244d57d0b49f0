// Load clients of the benchmarks (not part of the portal), libcurl multi in one thread, no
// process per request. Three modes; each prints key=value lines for scripts/bench and exits 2
// on a usage error, 1 when the client itself could not run.
//
//   bench_load login --url URL --password-file F [--count 2500] [--parallel 200]
//                    [--deadline 150] [--out FILE]
//     COUNT distinct bench parents (bench-00001@example.org…) log in: GET /connexion (the csrf
//     cookie and the form's token), then POST /connexion on the same connection. A designed
//     503 is retried after its Retry-After (plus up to 0.5 s of jitter, so that the refused do
//     not come back all at once); PARALLEL parents at a time. Each parent comes from its own
//     source address among 127.0.0.2…127.0.0.254 (CURLOPT_INTERFACE), as the portal throttles
//     logins per REMOTE_ADDR. Logins unfinished at DEADLINE seconds are abandoned and counted.
//
//   bench_load rate --url URL --sessions FILE --path P --csrf-cookie C --rate R [--seconds 10]
//                   [--out FILE]
//     Open loop: GET P at R requests per second on schedule, whatever the answers, each from
//     the next bench parent (P's "{child}" replaced by their child); the latency is measured
//     from the scheduled start, so a server (or client) that falls behind is not hidden
//     (no coordinated omission). Connections are kept alive and reused when idle. SIGINT or
//     SIGTERM stop the schedule early (the requests in flight are still awaited).
//
//   bench_load storm --url URL --sessions FILE --path P --csrf-cookie C [--count 10000]
//                    [--timeout 60] [--probe-path P2] [--probe-ms 25] [--probe-limit 60]
//     COUNT connections opened at once (from 127.0.0.2…254), each sending one GET of P as the
//     next bench parent; counts the answers (200, designed 503 with Retry-After and the
//     "réessayez" page, others) and the connection errors, resets and timeouts. Then probes
//     P2 (a parent's page) every 100 ms, one request at a time, until one answers 200 within
//     PROBE_MS: recovery_s is that time after the storm's last answer.
//
// SESSIONS: "session token;child id;family id" lines (portail seed-bench --sessions-file).
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace
{

using Clock = std::chrono::steady_clock;

volatile std::sig_atomic_t stop_requested = 0;

void on_signal(int)
{
    stop_requested = 1;
}

struct Options {
    std::string mode;
    std::string url;
    std::string sessions;
    std::string path;
    std::string csrf_cookie;
    std::string password_file;
    std::string probe_path;
    std::string out;
    std::size_t count = 0;
    std::size_t parallel = 200;
    double rate = 100;
    double seconds = 10;
    double deadline = 150;
    long timeout = 60;
    double probe_ms = 25;
    double probe_limit = 60;
};

[[noreturn]] void usage(const std::string& why)
{
    std::fprintf(stderr,
                 "bench_load: %s\nusage: bench_load login|rate|storm --url URL [options] "
                 "(see the top of tests/bench/load.cpp)\n",
                 why.c_str());
    std::exit(2);
}

Options parse(int argc, char** argv)
{
    if (argc < 2)
        usage("no mode");
    Options o;
    o.mode = argv[1];
    if (o.mode != "login" && o.mode != "rate" && o.mode != "storm")
        usage("unknown mode " + o.mode);
    o.count = o.mode == "login" ? 2500 : 10000;
    for (int i = 2; i < argc; ++i) {
        const std::string name = argv[i];
        if (i + 1 >= argc)
            usage("missing value after " + name);
        const std::string value = argv[++i];
        if (name == "--url")
            o.url = value;
        else if (name == "--sessions")
            o.sessions = value;
        else if (name == "--path")
            o.path = value;
        else if (name == "--csrf-cookie")
            o.csrf_cookie = value;
        else if (name == "--password-file")
            o.password_file = value;
        else if (name == "--probe-path")
            o.probe_path = value;
        else if (name == "--out")
            o.out = value;
        else if (name == "--count")
            o.count = std::stoul(value);
        else if (name == "--parallel")
            o.parallel = std::max<std::size_t>(1, std::stoul(value));
        else if (name == "--rate")
            o.rate = std::stod(value);
        else if (name == "--seconds")
            o.seconds = std::stod(value);
        else if (name == "--deadline")
            o.deadline = std::stod(value);
        else if (name == "--timeout")
            o.timeout = std::stol(value);
        else if (name == "--probe-ms")
            o.probe_ms = std::stod(value);
        else if (name == "--probe-limit")
            o.probe_limit = std::stod(value);
        else
            usage("unknown option " + name);
    }
    if (o.url.empty())
        usage("--url is required");
    if (o.mode == "login" && o.password_file.empty())
        usage("login: --password-file is required");
    if (o.mode != "login" && (o.sessions.empty() || o.path.empty() || o.csrf_cookie.empty()))
        usage(o.mode + ": --sessions, --path and --csrf-cookie are required");
    if (o.rate <= 0 || o.count == 0)
        usage("--rate and --count must be positive");
    if (o.probe_path.empty())
        o.probe_path = o.path;
    return o;
}

struct Parent {
    std::string token;
    std::string child;
};

std::vector<Parent> read_parents(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        usage("cannot read " + path);
    std::vector<Parent> out;
    std::string line;
    while (std::getline(in, line)) {
        const auto a = line.find(';');
        const auto b = line.find(';', a == std::string::npos ? a : a + 1);
        if (a == std::string::npos || b == std::string::npos)
            continue;
        out.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1)});
    }
    if (out.empty())
        usage("no session in " + path);
    return out;
}

std::string page_of(const std::string& path, const Parent& p)
{
    std::string out = path;
    for (auto at = out.find("{child}"); at != std::string::npos; at = out.find("{child}"))
        out.replace(at, 7, p.child);
    return out;
}

// "host:port:127.0.0.1" for CURLOPT_RESOLVE (10,000 handles must not resolve "localhost" each
// on a thread of its own), and the browser's Origin (scheme://host[:port]).
struct Target {
    std::string origin;
    curl_slist* resolve = nullptr;
};

Target target_of(const std::string& url)
{
    Target t;
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos)
        usage("--url needs a scheme: " + url);
    const auto slash = url.find('/', scheme_end + 3);
    t.origin = url.substr(0, slash);
    std::string host = t.origin.substr(scheme_end + 3);
    std::string port = url.compare(0, 5, "https") == 0 ? "443" : "80";
    if (const auto colon = host.rfind(':'); colon != std::string::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    if (host == "localhost")
        t.resolve = curl_slist_append(nullptr, (host + ":" + port + ":127.0.0.1").c_str());
    return t;
}

// Source addresses 127.0.0.2…127.0.0.254, in turn.
std::string interface_for(std::size_t i)
{
    return "host!127.0.0." + std::to_string(2 + i % 253);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto rank =
        static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

void print_latencies(const std::string& prefix, const std::vector<double>& v)
{
    std::printf("%sp50_ms=%.1f\n%sp90_ms=%.1f\n%sp99_ms=%.1f\n%smax_ms=%.1f\n", prefix.c_str(),
                percentile(v, 50), prefix.c_str(), percentile(v, 90), prefix.c_str(),
                percentile(v, 99), prefix.c_str(), percentile(v, 100));
}

// One HTTP exchange's answer.
struct Answer {
    std::string body;
    std::string retry_after;
    std::string set_session;
    std::string set_csrf;
    std::size_t body_limit = 1 << 20;
    void clear()
    {
        body.clear();
        retry_after.clear();
        set_session.clear();
        set_csrf.clear();
    }
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user)
{
    auto* a = static_cast<Answer*>(user);
    if (a->body.size() < a->body_limit)
        a->body.append(data, std::min(size * n, a->body_limit - a->body.size()));
    return size * n;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user)
{
    auto* a = static_cast<Answer*>(user);
    std::string line(data, size * n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos)
        return size * n;
    const auto name = lower(line.substr(0, colon));
    auto value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    if (name == "retry-after") {
        a->retry_after = value;
    } else if (name == "set-cookie") {
        const auto eq = value.find('=');
        const auto end = value.find(';');
        if (eq != std::string::npos) {
            const auto cookie = value.substr(0, eq);
            const auto v = value.substr(eq + 1, end == std::string::npos ? end : end - eq - 1);
            if (cookie == "session")
                a->set_session = v;
            else if (cookie == "csrf")
                a->set_csrf = v;
        }
    }
    return size * n;
}

double ms_since(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool is_connection_error(CURLcode c)
{
    return c != CURLE_OK;
}

const char* curl_error_kind(CURLcode c)
{
    switch (c) {
    case CURLE_OK:
        return "ok";
    case CURLE_OPERATION_TIMEDOUT:
        return "timeout";
    case CURLE_COULDNT_CONNECT:
        return "refused";
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        return "reset";
    case CURLE_GOT_NOTHING:
        return "empty";
    default:
        return "other_error";
    }
}

// --- login -------------------------------------------------------------------------------

struct Login {
    std::size_t index = 0;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    Answer answer;
    std::string email;
    std::string body;
    enum class Step { Form, Post, Done } step = Step::Form;
    double start_ms = 0;
    double end_ms = 0;
    double retry_at_ms = 0;
    int busy = 0;
    long status = 0;
    std::string outcome;
};

std::string form_token(const std::string& html)
{
    const std::string key = "name=\"csrf\" value=\"";
    const auto at = html.find(key);
    if (at == std::string::npos)
        return "";
    const auto end = html.find('"', at + key.size());
    return end == std::string::npos ? "" : html.substr(at + key.size(), end - at - key.size());
}

std::string escaped(CURL* easy, const std::string& s)
{
    char* e = curl_easy_escape(easy, s.c_str(), static_cast<int>(s.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
}

int run_login(const Options& o)
{
    std::ifstream pw(o.password_file);
    std::string password;
    if (!pw || !std::getline(pw, password) || password.empty())
        usage("cannot read a password from " + o.password_file);
    const auto target = target_of(o.url);
    const std::string form_url = o.url + "/connexion";

    CURLM* multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(o.parallel + 16));
    std::vector<Login> logins(o.count);
    std::deque<Login*> waiting_retry; // ordered by retry time: every delay is about the same
    std::mt19937 rng(20260);
    std::uniform_real_distribution<double> jitter(0, 500);
    std::size_t next = 0, done = 0, active = 0;
    const auto t0 = Clock::now();

    const auto start_get = [&](Login& l) {
        l.answer.clear();
        l.step = Login::Step::Form;
        curl_easy_setopt(l.easy, CURLOPT_URL, form_url.c_str());
        curl_easy_setopt(l.easy, CURLOPT_HTTPGET, 1L);
        curl_multi_add_handle(multi, l.easy);
    };
    const auto start_post = [&](Login& l) {
        l.answer.clear();
        l.step = Login::Step::Post;
        curl_easy_setopt(l.easy, CURLOPT_URL, form_url.c_str());
        curl_easy_setopt(l.easy, CURLOPT_POSTFIELDS, l.body.c_str());
        curl_multi_add_handle(multi, l.easy);
    };
    const auto finish = [&](Login& l, const std::string& outcome) {
        l.outcome = outcome;
        l.end_ms = ms_since(t0);
        l.step = Login::Step::Done;
        --active;
        ++done;
    };

    bool abandoned = false;
    while (done < logins.size()) {
        const double now = ms_since(t0);
        if (now > o.deadline * 1000.0) {
            abandoned = true;
            break;
        }
        while (next < logins.size() && active < o.parallel) {
            auto& l = logins[next];
            l.index = next;
            char email[64];
            std::snprintf(email, sizeof email, "bench-%05zu@example.org", next + 1);
            l.email = email;
            l.easy = curl_easy_init();
            l.headers = curl_slist_append(nullptr, ("Origin: " + target.origin).c_str());
            l.headers = curl_slist_append(l.headers, "Expect:");
            curl_easy_setopt(l.easy, CURLOPT_HTTPHEADER, l.headers);
            if (target.resolve)
                curl_easy_setopt(l.easy, CURLOPT_RESOLVE, target.resolve);
            curl_easy_setopt(l.easy, CURLOPT_INTERFACE, interface_for(next).c_str());
            curl_easy_setopt(l.easy, CURLOPT_COOKIEFILE, ""); // this parent's cookie jar
            curl_easy_setopt(l.easy, CURLOPT_WRITEFUNCTION, on_body);
            curl_easy_setopt(l.easy, CURLOPT_WRITEDATA, &l.answer);
            curl_easy_setopt(l.easy, CURLOPT_HEADERFUNCTION, on_header);
            curl_easy_setopt(l.easy, CURLOPT_HEADERDATA, &l.answer);
            curl_easy_setopt(l.easy, CURLOPT_NOSIGNAL, 1L);
            curl_easy_setopt(l.easy, CURLOPT_TIMEOUT, 60L);
            curl_easy_setopt(l.easy, CURLOPT_PRIVATE, &l);
            l.start_ms = ms_since(t0);
            ++next;
            ++active;
            start_get(l);
        }
        while (!waiting_retry.empty() && waiting_retry.front()->retry_at_ms <= now) {
            Login* l = waiting_retry.front();
            waiting_retry.pop_front();
            start_post(*l);
        }
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* m = curl_multi_info_read(multi, &queued)) {
            if (m->msg != CURLMSG_DONE)
                continue;
            Login* l = nullptr;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &l);
            const CURLcode result = m->data.result;
            curl_multi_remove_handle(multi, m->easy_handle);
            if (is_connection_error(result)) {
                l->status = 0;
                finish(*l, std::string("connection_") + curl_error_kind(result));
                continue;
            }
            curl_easy_getinfo(l->easy, CURLINFO_RESPONSE_CODE, &l->status);
            if (l->step == Login::Step::Form) {
                const auto token = form_token(l->answer.body);
                if (l->status != 200 || token.empty()) {
                    finish(*l, "form_" + std::to_string(l->status));
                    continue;
                }
                l->body = "csrf=" + escaped(l->easy, token) +
                          "&email=" + escaped(l->easy, l->email) +
                          "&mot_de_passe=" + escaped(l->easy, password);
                start_post(*l);
            } else if (l->status == 503 && !l->answer.retry_after.empty()) {
                ++l->busy;
                const double delay = std::max(0.0, std::atof(l->answer.retry_after.c_str()));
                l->retry_at_ms = ms_since(t0) + delay * 1000.0 + jitter(rng);
                auto at =
                    std::upper_bound(waiting_retry.begin(), waiting_retry.end(), l->retry_at_ms,
                                     [](double t, const Login* x) { return t < x->retry_at_ms; });
                waiting_retry.insert(at, l);
            } else if (l->status == 303 && !l->answer.set_session.empty()) {
                finish(*l, "ok");
            } else {
                finish(*l, "status_" + std::to_string(l->status));
            }
        }
        int wait_ms = 50;
        if (!waiting_retry.empty())
            wait_ms = std::clamp(
                static_cast<int>(waiting_retry.front()->retry_at_ms - ms_since(t0)), 0, 50);
        curl_multi_poll(multi, nullptr, 0, wait_ms, nullptr);
    }
    const double elapsed_ms = ms_since(t0);

    std::map<std::string, int> outcomes;
    std::vector<double> latencies;
    int busy = 0;
    double last_ok = 0;
    for (auto& l : logins) {
        busy += l.busy;
        if (l.step != Login::Step::Done)
            ++outcomes[l.easy ? "unfinished" : "not_started"];
        else
            ++outcomes[l.outcome];
        if (l.outcome == "ok") {
            latencies.push_back(l.end_ms - l.start_ms);
            last_ok = std::max(last_ok, l.end_ms);
        }
        if (l.easy) {
            curl_multi_remove_handle(multi, l.easy);
            curl_easy_cleanup(l.easy);
        }
        curl_slist_free_all(l.headers);
    }
    curl_multi_cleanup(multi);
    curl_slist_free_all(target.resolve);
    if (!o.out.empty()) {
        std::ofstream out(o.out);
        for (const auto& l : logins)
            out << l.index << ' ' << (l.outcome.empty() ? "unfinished" : l.outcome) << ' '
                << l.start_ms << ' ' << (l.end_ms - l.start_ms) << ' ' << l.busy << '\n';
    }
    const int ok = outcomes.count("ok") ? outcomes.at("ok") : 0;
    std::printf("logins=%zu\n", logins.size());
    std::printf("parallel=%zu\n", o.parallel);
    std::printf("ok=%d\n", ok);
    std::printf("abandoned=%d\n", abandoned ? 1 : 0);
    std::printf("elapsed_s=%.3f\n", (abandoned ? elapsed_ms : last_ok) / 1000.0);
    std::printf("logins_per_s=%.1f\n", last_ok > 0 ? ok / (last_ok / 1000.0) : 0.0);
    std::printf("busy_503=%d\n", busy);
    int failed = 0;
    for (const auto& [k, n] : outcomes) {
        std::printf("outcome_%s=%d\n", k.c_str(), n);
        if (k != "ok" && k != "unfinished" && k != "not_started")
            failed += n;
    }
    std::printf("failed=%d\n", failed);
    print_latencies("", latencies);
    return 0;
}

// --- rate --------------------------------------------------------------------------------

struct Get {
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    std::string url;
    Answer answer;
    double scheduled_ms = 0;
    double latency_ms = 0;
    long status = 0;
    std::string outcome;
};

CURL* new_get(Get& g, const Target& target, long timeout)
{
    g.answer.body_limit = 16384;
    g.easy = curl_easy_init();
    curl_easy_setopt(g.easy, CURLOPT_URL, g.url.c_str());
    curl_easy_setopt(g.easy, CURLOPT_HTTPHEADER, g.headers);
    if (target.resolve)
        curl_easy_setopt(g.easy, CURLOPT_RESOLVE, target.resolve);
    curl_easy_setopt(g.easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(g.easy, CURLOPT_WRITEDATA, &g.answer);
    curl_easy_setopt(g.easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(g.easy, CURLOPT_HEADERDATA, &g.answer);
    curl_easy_setopt(g.easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(g.easy, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(g.easy, CURLOPT_PRIVATE, &g);
    return g.easy;
}

// Takes an answered request off the multi handle and frees its handle and headers.
void end_get(CURLM* multi, Get& g)
{
    curl_multi_remove_handle(multi, g.easy);
    curl_easy_cleanup(g.easy);
    curl_slist_free_all(g.headers);
    g.easy = nullptr;
    g.headers = nullptr;
}

curl_slist* parent_headers(const Parent& p, const Options& o)
{
    return curl_slist_append(nullptr,
                             ("Cookie: session=" + p.token + "; csrf=" + o.csrf_cookie).c_str());
}

int run_rate(const Options& o)
{
    const auto parents = read_parents(o.sessions);
    const auto target = target_of(o.url);
    const auto total = static_cast<std::size_t>(o.rate * o.seconds);
    std::vector<Get> gets(total);
    CURLM* multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 1000L);
    const double interval_ms = 1000.0 / o.rate;
    std::size_t next = 0, done = 0;
    double max_lag_ms = 0;
    const auto t0 = Clock::now();
    while (done < next || (next < total && !stop_requested)) {
        const double now = ms_since(t0);
        while (next < total && !stop_requested && next * interval_ms <= now) {
            auto& g = gets[next];
            const auto& p = parents[next % parents.size()];
            g.url = o.url + page_of(o.path, p);
            g.headers = parent_headers(p, o);
            g.scheduled_ms = static_cast<double>(next) * interval_ms;
            max_lag_ms = std::max(max_lag_ms, now - g.scheduled_ms);
            curl_multi_add_handle(multi, new_get(g, target, 30));
            ++next;
        }
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* m = curl_multi_info_read(multi, &queued)) {
            if (m->msg != CURLMSG_DONE)
                continue;
            Get* g = nullptr;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &g);
            g->latency_ms = ms_since(t0) - g->scheduled_ms;
            if (m->data.result == CURLE_OK) {
                curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &g->status);
                g->outcome = "status_" + std::to_string(g->status);
            } else {
                g->outcome = std::string("connection_") + curl_error_kind(m->data.result);
            }
            end_get(multi, *g);
            ++done;
        }
        int wait_ms = 20;
        if (next < total && !stop_requested)
            wait_ms = std::clamp(
                static_cast<int>(static_cast<double>(next) * interval_ms - ms_since(t0)), 0, 20);
        curl_multi_poll(multi, nullptr, 0, wait_ms, nullptr);
    }
    const double elapsed_ms = ms_since(t0);
    curl_multi_cleanup(multi);
    curl_slist_free_all(target.resolve);

    std::map<std::string, int> outcomes;
    std::vector<double> latencies;
    for (std::size_t i = 0; i < next; ++i) {
        ++outcomes[gets[i].outcome];
        latencies.push_back(gets[i].latency_ms);
    }
    if (!o.out.empty()) {
        std::ofstream out(o.out);
        for (std::size_t i = 0; i < next; ++i)
            out << i << ' ' << gets[i].outcome << ' ' << gets[i].scheduled_ms << ' '
                << gets[i].latency_ms << '\n';
    }
    std::printf("rate=%.1f\n", o.rate);
    std::printf("requests=%zu\n", next);
    std::printf("elapsed_s=%.3f\n", elapsed_ms / 1000.0);
    std::printf("achieved_per_s=%.1f\n", static_cast<double>(next) / (elapsed_ms / 1000.0));
    std::printf("max_start_lag_ms=%.1f\n", max_lag_ms);
    int not200 = 0;
    for (const auto& [k, n] : outcomes) {
        std::printf("outcome_%s=%d\n", k.c_str(), n);
        if (k != "status_200")
            not200 += n;
    }
    std::printf("not200=%d\n", not200);
    print_latencies("", latencies);
    return 0;
}

// --- storm -------------------------------------------------------------------------------

// One GET of a page by a parent, alone (the recovery probe).
struct Probe {
    long status = 0;
    double ms = 0;
};

Probe probe_once(const Options& o, const Target& target, const Parent& p)
{
    Get g;
    g.url = o.url + page_of(o.probe_path, p);
    g.headers = parent_headers(p, o);
    CURL* easy = new_get(g, target, 10);
    const auto t = Clock::now();
    const CURLcode rc = curl_easy_perform(easy);
    Probe out;
    out.ms = ms_since(t);
    if (rc == CURLE_OK)
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &out.status);
    curl_easy_cleanup(easy);
    curl_slist_free_all(g.headers);
    return out;
}

int run_storm(const Options& o)
{
    const auto parents = read_parents(o.sessions);
    const auto target = target_of(o.url);
    std::vector<Get> gets(o.count);
    CURLM* multi = curl_multi_init();
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < gets.size(); ++i) {
        auto& g = gets[i];
        const auto& p = parents[i % parents.size()];
        g.url = o.url + page_of(o.path, p);
        g.headers = parent_headers(p, o);
        CURL* easy = new_get(g, target, o.timeout);
        curl_easy_setopt(easy, CURLOPT_INTERFACE, interface_for(i).c_str());
        curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
        curl_multi_add_handle(multi, easy);
    }
    const double added_ms = ms_since(t0);
    std::size_t done = 0;
    double last_answer_ms = 0;
    while (done < gets.size()) {
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* m = curl_multi_info_read(multi, &queued)) {
            if (m->msg != CURLMSG_DONE)
                continue;
            Get* g = nullptr;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &g);
            g->latency_ms = ms_since(t0);
            last_answer_ms = g->latency_ms;
            if (m->data.result == CURLE_OK) {
                curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &g->status);
                if (g->status == 200) {
                    g->outcome = "ok";
                } else if (g->status == 503) {
                    const bool page = lower(g->answer.body).find("essayez") != std::string::npos;
                    g->outcome =
                        !g->answer.retry_after.empty() && page ? "busy_503" : "undesigned_503";
                } else {
                    g->outcome = "status_" + std::to_string(g->status);
                }
            } else {
                g->outcome = std::string("connection_") + curl_error_kind(m->data.result);
            }
            end_get(multi, *g);
            g->answer = Answer{};
            ++done;
        }
        curl_multi_poll(multi, nullptr, 0, 50, nullptr);
    }
    curl_multi_cleanup(multi);

    // Recovery: one request at a time, every 100 ms, until a page comes back 200 in time.
    const auto storm_end = Clock::now();
    double recovery_ms = -1;
    Probe last;
    int probes = 0;
    while (ms_since(storm_end) < o.probe_limit * 1000.0) {
        last = probe_once(o, target, parents[probes % parents.size()]);
        ++probes;
        if (last.status == 200 && last.ms <= o.probe_ms) {
            recovery_ms = ms_since(storm_end);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    curl_slist_free_all(target.resolve);

    std::map<std::string, int> outcomes;
    std::vector<double> times;
    for (const auto& g : gets) {
        ++outcomes[g.outcome];
        times.push_back(g.latency_ms);
    }
    int errors = 0;
    std::printf("connections=%zu\n", gets.size());
    std::printf("added_ms=%.1f\n", added_ms);
    std::printf("elapsed_s=%.3f\n", last_answer_ms / 1000.0);
    for (const auto& [k, n] : outcomes) {
        std::printf("outcome_%s=%d\n", k.c_str(), n);
        if (k != "ok" && k != "busy_503")
            errors += n;
    }
    for (const char* k : {"ok", "busy_503"})
        if (!outcomes.count(k))
            std::printf("outcome_%s=0\n", k);
    std::printf("undesigned=%d\n", errors);
    print_latencies("", times);
    std::printf("probes=%d\n", probes);
    std::printf("probe_last_status=%ld\nprobe_last_ms=%.1f\n", last.status, last.ms);
    std::printf("recovery_s=%.3f\n", recovery_ms < 0 ? -1.0 : recovery_ms / 1000.0);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const auto o = parse(argc, argv);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        std::fprintf(stderr, "bench_load: curl_global_init failed\n");
        return 1;
    }
    int rc = 0;
    if (o.mode == "login")
        rc = run_login(o);
    else if (o.mode == "rate")
        rc = run_rate(o);
    else
        rc = run_storm(o);
    curl_global_cleanup();
    return rc;
}
