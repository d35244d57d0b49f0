// The opening rush of the benchmarks (not part of the portal): many distinct logged-in parents
// each POST one booking of the same occurrence, their arrivals spread evenly over a few
// seconds, each on its own connection (libcurl multi, one thread). A parent answered a
// designed 503 (with Retry-After: the workers' or Nginx's "trop de monde" page) tries again
// after that delay plus up to 0.5 s, on a new connection, as the page asks, up to --retries
// times; the latency runs from the first attempt to the final answer. Prints key=value lines
// for scripts/bench; with --out, one line per parent: index status outcome start_ms
// latency_ms attempts.
//
//   bench_rush --url http://localhost:8090 --sessions FILE --occurrence ID
//              --csrf-cookie C --csrf-token T [--count 2000] [--ramp 2] [--parallel 2000]
//              [--retries 10] [--out FILE]
//
// FILE holds "session token;child id;family id" lines (portail seed-bench --sessions-file).
// A CSRF form token is the HMAC of the browser's csrf cookie, bound to nothing else, so one
// cookie/token pair (from any page) serves every parent.
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace
{

using Clock = std::chrono::steady_clock;

struct Options {
    std::string url;
    std::string sessions;
    std::string occurrence;
    std::string csrf_cookie;
    std::string csrf_token;
    std::string out;
    std::size_t count = 2000;
    double ramp = 2.0;
    std::size_t parallel = 2000;
    int retries = 10;
};

struct Parent {
    std::string token;
    std::string child;
};

struct Request {
    std::size_t index = 0;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    std::string body;
    double start_ms = 0;
    double end_ms = 0;
    double latency_ms = 0;
    long status = 0;
    std::string outcome;
    std::string retry_after;
    int attempts = 0;
    double retry_at_ms = 0;
};

[[noreturn]] void usage(const std::string& why)
{
    std::fprintf(stderr,
                 "bench_rush: %s\nusage: bench_rush --url URL --sessions FILE --occurrence ID "
                 "--csrf-cookie C --csrf-token T [--count N] [--ramp SECONDS] [--parallel N] "
                 "[--out FILE]\n",
                 why.c_str());
    std::exit(2);
}

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        if (i + 1 >= argc)
            usage("missing value after " + name);
        const std::string value = argv[++i];
        if (name == "--url")
            o.url = value;
        else if (name == "--sessions")
            o.sessions = value;
        else if (name == "--occurrence")
            o.occurrence = value;
        else if (name == "--csrf-cookie")
            o.csrf_cookie = value;
        else if (name == "--csrf-token")
            o.csrf_token = value;
        else if (name == "--out")
            o.out = value;
        else if (name == "--count")
            o.count = std::stoul(value);
        else if (name == "--ramp")
            o.ramp = std::stod(value);
        else if (name == "--parallel")
            o.parallel = std::max<std::size_t>(1, std::stoul(value));
        else if (name == "--retries")
            o.retries = std::max(0, std::stoi(value));
        else
            usage("unknown option " + name);
    }
    if (o.url.empty() || o.sessions.empty() || o.occurrence.empty() || o.csrf_cookie.empty() ||
        o.csrf_token.empty())
        usage("--url, --sessions, --occurrence, --csrf-cookie and --csrf-token are required");
    return o;
}

std::vector<Parent> read_parents(const std::string& path, std::size_t count)
{
    std::ifstream in(path);
    if (!in)
        usage("cannot read " + path);
    std::vector<Parent> out;
    std::string line;
    while (out.size() < count && std::getline(in, line)) {
        const auto a = line.find(';');
        const auto b = line.find(';', a == std::string::npos ? a : a + 1);
        if (a == std::string::npos || b == std::string::npos)
            continue;
        out.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1)});
    }
    if (out.size() < count)
        usage(path + " holds " + std::to_string(out.size()) + " sessions, fewer than --count " +
              std::to_string(count));
    return out;
}

std::size_t discard(char*, std::size_t size, std::size_t n, void*)
{
    return size * n;
}

// Keeps the Retry-After header's value.
std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user)
{
    std::string line(data, size * n);
    std::string name = line.substr(0, line.find(':'));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "retry-after" && line.size() > 12) {
        auto value = line.substr(12);
        value.erase(0, value.find_first_not_of(' '));
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n'))
            value.pop_back();
        static_cast<Request*>(user)->retry_after = value;
    }
    return size * n;
}

// What the portal answered, from the status and where it redirects.
std::string outcome_of(long status, const char* redirect)
{
    const std::string to = redirect ? redirect : "";
    if (status == 303 || status == 302) {
        if (to.find("resultat=reserve") != std::string::npos)
            return "booked";
        if (to.find("resultat=attente") != std::string::npos)
            return "waiting";
        if (to.find("resultat=deja") != std::string::npos)
            return "already";
        if (to.find("/connexion") != std::string::npos)
            return "not_logged_in";
        return "other";
    }
    if (status == 409)
        return "refused";
    if (status == 503)
        return "busy";
    if (status >= 500)
        return "server_error";
    if (status == 0)
        return "connection_error";
    return "other";
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

} // namespace

int main(int argc, char** argv)
{
    const auto o = parse(argc, argv);
    const auto parents = read_parents(o.sessions, o.count);
    const auto target = o.url + "/famille/reservations";
    // The browser's Origin: scheme://host[:port] of the URL.
    const auto slash = o.url.find('/', o.url.find("://") + 3);
    const auto origin = o.url.substr(0, slash);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM* multi = curl_multi_init();
    std::vector<Request> requests(parents.size());
    std::size_t next = 0, done = 0, in_flight = 0;
    const auto t0 = Clock::now();
    const auto since_start_ms = [&] {
        return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    };
    const auto due_ms = [&](std::size_t i) {
        return o.ramp * 1000.0 * static_cast<double>(i) / static_cast<double>(parents.size());
    };

    std::vector<Request*> retrying; // waiting for their Retry-After
    std::mt19937 rng(2026);
    std::uniform_real_distribution<double> jitter(0, 500);
    int busy_retried = 0;
    const auto start = [&](Request& r) {
        r.retry_after.clear();
        ++r.attempts;
        r.easy = curl_easy_init();
        curl_easy_setopt(r.easy, CURLOPT_URL, target.c_str());
        curl_easy_setopt(r.easy, CURLOPT_POSTFIELDS, r.body.c_str());
        curl_easy_setopt(r.easy, CURLOPT_HTTPHEADER, r.headers);
        curl_easy_setopt(r.easy, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(r.easy, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(r.easy, CURLOPT_HEADERDATA, &r);
        curl_easy_setopt(r.easy, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(r.easy, CURLOPT_FORBID_REUSE, 1L);
        curl_easy_setopt(r.easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(r.easy, CURLOPT_TIMEOUT, 60L);
        curl_easy_setopt(r.easy, CURLOPT_PRIVATE, &r);
        curl_multi_add_handle(multi, r.easy);
    };

    while (done < parents.size()) {
        for (auto it = retrying.begin(); it != retrying.end();) {
            if ((*it)->retry_at_ms <= since_start_ms()) {
                start(**it);
                it = retrying.erase(it);
            } else {
                ++it;
            }
        }
        while (next < parents.size() && in_flight < o.parallel &&
               due_ms(next) <= since_start_ms()) {
            auto& r = requests[next];
            r.index = next;
            r.body = "csrf=" + o.csrf_token + "&enfant=" + parents[next].child +
                     "&occurrence=" + o.occurrence + "&confirme=1";
            r.headers = curl_slist_append(
                r.headers,
                ("Cookie: session=" + parents[next].token + "; csrf=" + o.csrf_cookie).c_str());
            r.headers = curl_slist_append(r.headers, ("Origin: " + origin).c_str());
            r.headers = curl_slist_append(r.headers, "Expect:");
            r.start_ms = since_start_ms();
            start(r);
            ++next;
            ++in_flight;
        }
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* m = curl_multi_info_read(multi, &queued)) {
            if (m->msg != CURLMSG_DONE)
                continue;
            Request* r = nullptr;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &r);
            r->end_ms = since_start_ms();
            r->latency_ms = r->end_ms - r->start_ms;
            if (m->data.result == CURLE_OK) {
                char* redirect = nullptr;
                curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &r->status);
                curl_easy_getinfo(m->easy_handle, CURLINFO_REDIRECT_URL, &redirect);
                r->outcome = outcome_of(r->status, redirect);
            } else {
                r->status = 0;
                r->outcome = "connection_error";
            }
            curl_multi_remove_handle(multi, m->easy_handle);
            curl_easy_cleanup(m->easy_handle);
            r->easy = nullptr;
            if (r->outcome == "busy" && !r->retry_after.empty() && r->attempts <= o.retries) {
                ++busy_retried;
                r->retry_at_ms = since_start_ms() +
                                 std::max(0.0, std::atof(r->retry_after.c_str())) * 1000.0 +
                                 jitter(rng);
                retrying.push_back(r);
                continue;
            }
            curl_slist_free_all(r->headers);
            r->headers = nullptr;
            --in_flight;
            ++done;
        }
        int wait_ms = 20;
        if (next < parents.size())
            wait_ms = std::clamp(static_cast<int>(due_ms(next) - since_start_ms()), 0, 20);
        for (const Request* r : retrying)
            wait_ms = std::clamp(static_cast<int>(r->retry_at_ms - since_start_ms()), 0, wait_ms);
        curl_multi_poll(multi, nullptr, 0, wait_ms, nullptr);
    }
    const double elapsed_ms = since_start_ms();
    curl_multi_cleanup(multi);
    curl_global_cleanup();

    std::map<std::string, int> outcomes;
    std::map<long, int> statuses;
    std::vector<double> latencies;
    std::vector<double> booked_at;
    double last_end = 0;
    for (const auto& r : requests) {
        ++outcomes[r.outcome];
        ++statuses[r.status];
        latencies.push_back(r.latency_ms);
        last_end = std::max(last_end, r.end_ms);
        if (r.outcome == "booked")
            booked_at.push_back(r.end_ms);
    }
    if (!o.out.empty()) {
        std::ofstream out(o.out);
        for (const auto& r : requests)
            out << r.index << ' ' << r.status << ' ' << r.outcome << ' ' << r.start_ms << ' '
                << r.latency_ms << ' ' << r.attempts << '\n';
    }
    std::sort(booked_at.begin(), booked_at.end());
    std::printf("requests=%zu\n", requests.size());
    std::printf("ramp_s=%.2f\n", o.ramp);
    std::printf("elapsed_s=%.3f\n", elapsed_ms / 1000.0);
    std::printf("answers_per_s=%.1f\n", static_cast<double>(requests.size()) / (last_end / 1000.0));
    for (const char* k : {"booked", "waiting", "already", "refused", "not_logged_in", "busy",
                          "server_error", "connection_error", "other"})
        std::printf("%s=%d\n", k, outcomes.count(k) ? outcomes.at(k) : 0);
    int fives = 0;
    for (const auto& [status, n] : statuses) {
        std::printf("status_%ld=%d\n", status, n);
        if (status >= 500)
            fives += n;
    }
    std::printf("status_5xx=%d\n", fives);
    std::printf("busy_retried=%d\n", busy_retried);
    std::printf("last_booked_s=%.3f\n", booked_at.empty() ? 0.0 : booked_at.back() / 1000.0);
    std::printf("p50_ms=%.1f\np90_ms=%.1f\np99_ms=%.1f\nmax_ms=%.1f\n", percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), percentile(latencies, 100));
    return 0;
}
