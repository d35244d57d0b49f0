#include "app/server.h"

#include "app/dispatch.h"
#include "app/family_data.h"
#include "app/log.h"
#include "backoffice/routes.h"
#include "db/migrations.h"
#include "http/fastcgi_records.h"
#include "mail/outbox.h"
#include "security/password.h"
#include "web/routes.h"

#include <fcgiapp.h>
#include <malloc.h>
#include <mysql_driver.h>

#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace app
{

namespace
{

std::atomic<bool> stopping{false};
std::mutex done_mutex;
std::condition_variable done_cv;
unsigned threads_done = 0;

db::Settings db_settings(const Config& config)
{
    auto s = db::parse_url(config.db_url);
    if (!config.db_password.empty())
        s.password = config.db_password;
    return s;
}

std::map<std::string, std::string> copy_env(FCGX_ParamArray envp)
{
    std::map<std::string, std::string> env;
    for (auto p = envp; p && *p; ++p) {
        const std::string_view kv(*p);
        const auto eq = kv.find('=');
        if (eq != std::string_view::npos)
            env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
    }
    return env;
}

// Reads exactly CONTENT_LENGTH bytes, unless that exceeds the limit (then nothing is read).
bool read_body(FCGX_Stream* in, const std::map<std::string, std::string>& env, std::size_t limit,
               std::string& body)
{
    const auto it = env.find("CONTENT_LENGTH");
    if (it == env.end() || it->second.empty())
        return true;
    std::size_t length = 0;
    for (char c : it->second) {
        if (c < '0' || c > '9' || length > limit)
            return false;
        length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    if (length > limit)
        return false;
    body.resize(length);
    std::size_t got = 0;
    while (got < length) {
        const int n = FCGX_GetStr(body.data() + got, static_cast<int>(length - got), in);
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    body.resize(got);
    return true;
}

// Writes the whole answer in one writev of FastCGI records made here (http/fastcgi_records.h),
// then marks libfcgi's out stream closed as FCGX_FClose would, so that FCGX_Finish_r writes
// no second end of stream: the stderr stream, never written to, writes nothing either, and
// END_REQUEST is ours. libfcgi would have cut a 40 KB page into five 8 KiB records and written
// each on its own.
void send_response(FCGX_Request& request, const http::Response& response)
{
    const std::string head = response.head();
    const http::FastcgiRecords records(request.requestId, head, response.body);
    // False: Nginx gave up on the request. The connection is then never kept for another.
    if (!http::write_pieces(request.ipcFd, records.pieces()))
        request.keepConnection = 0;
    request.out->isClosed = 1;
    request.out->wasFCloseCalled = 1;
}

// libfcgi ends a connection with shutdown() and a poll until Nginx closes its side (OS_Close in
// its os_unix.c), lest input still on its way turn the close into an RST that could cost Nginx
// the answer: a wait and two wake-ups per request, a tenth of a planning month's worker time.
// Once the input's end record is read and nothing is left unread, Nginx sends nothing more on
// the connection (fastcgi_keep_conn off): FCGX_Detach makes libfcgi close it at once. (In
// libfcgi 2.4.2, "detached" only means that: FCGX_Free closes with OS_IpcClose(fd, !detached)
// and clears the flag when it closes, which it does here since the connection is not kept.)
void close_at_once_if_input_done(FCGX_Request& request)
{
    if (request.keepConnection || FCGX_GetChar(request.in) != EOF || FCGX_GetError(request.in) != 0)
        return;
    int unread = 0;
    if (ioctl(request.ipcFd, FIONREAD, &unread) == 0 && unread == 0)
        FCGX_Detach(&request);
}

void worker(int listen_fd, const Router& router, const Config& config)
{
    auto* driver = sql::mysql::get_mysql_driver_instance();
    driver->threadInit();
    {
        db::Connection conn(db_settings(config));
        Services services{conn, config};
        FCGX_Request request;
        FCGX_InitRequest(&request, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
        while (!stopping.load()) {
            if (FCGX_Accept_r(&request) < 0)
                break;
            const auto start = std::chrono::steady_clock::now();
            bool answered = false;
            try {
                auto env = copy_env(request.envp);
                std::string body;
                const bool fits = read_body(request.in, env, config.max_body, body);
                auto outcome = dispatch(router, services, env, body, !fits);
                send_response(request, outcome.response);
                answered = true;
                if (fits)
                    close_at_once_if_input_done(request);
                const auto ms = std::chrono::duration<double, std::milli>(
                                    std::chrono::steady_clock::now() - start)
                                    .count();
                if (log::enabled(log::Level::Info)) {
                    char duration[32];
                    std::snprintf(duration, sizeof duration, "%.1f", ms);
                    log::info("rid=" + outcome.request_id + " " + env["REQUEST_METHOD"] + " " +
                              env["DOCUMENT_URI"] + " " + std::to_string(outcome.response.status) +
                              " " + duration +
                              "ms commune=" + (outcome.commune.empty() ? "-" : outcome.commune) +
                              " who=" + (outcome.actor.empty() ? "-" : outcome.actor));
                }
            } catch (const std::exception& e) {
                // dispatch() maps its own errors; this is a failure to even answer, or to log
                // an answer already sent.
                if (answered) {
                    log::error(std::string("request answered, then: ") + e.what());
                } else {
                    log::error(std::string("request failed before an answer: ") + e.what());
                    FCGX_FPrintF(request.out, "Status: 500 Internal Server Error\r\n"
                                              "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                                              "Erreur du serveur.\n");
                }
            }
            FCGX_Finish_r(&request);
        }
        FCGX_Free(&request, 1);
    }
    driver->threadEnd();
    {
        std::lock_guard lock(done_mutex);
        ++threads_done;
    }
    done_cv.notify_all();
}

} // namespace

Router build_router(const Config& config)
{
    Router router;
    web::add_routes(router);
    backoffice::add_routes(router);
    if (config.test_routes)
        web::add_test_routes(router);
    return router;
}

int serve(const Config& config)
{
    if (config.secret.size() < 32)
        throw std::runtime_error("serve needs --secret-file (32+ random characters)");
    view::load_templates(config.template_dir);
    // Large blocks (request bodies of up to 12 MiB, images, PDFs) are mapped and given back to
    // the system when freed. glibc's threshold would otherwise rise to the largest block freed
    // so far, and each thread's arena would keep its own copy: with libargon2's 19 MiB per
    // password hash, that was 190 MiB of worker RSS after a login burst (docs/PERFORMANCE.md).
    // (libsodium maps the hash's memory itself.)
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
    // A page's working set (a planning month is a 50 KiB body, expanded, copied into the
    // FastCGI stream) is more than glibc's 128 KiB trim threshold fixed by the line above: each
    // thread's arena gave its top back with madvise after every request and faulted it in again
    // at the next, 15 % of the worker's time on the planning (docs/PERFORMANCE.md).
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
    security::set_max_concurrent_hashes(config.max_concurrent_hashes);
    set_family_cache_size(config.family_cache);
    // Two threads always stay free of password hashing to keep serving pages.
    const unsigned hashing_threads = config.threads > 2 ? config.threads - 2 : 1;
    security::set_max_waiting_hashes(hashing_threads > config.max_concurrent_hashes
                                         ? hashing_threads - config.max_concurrent_hashes
                                         : 0);
    sql::mysql::get_mysql_driver_instance();
    if (config.migrate_on_start) {
        db::Connection conn(db_settings(config));
        db::migrate(conn, config.sql_dir, std::cerr);
    }
    const auto router = build_router(config);

    // Every thread inherits a mask blocking the stop signals; the main thread takes them with
    // sigwait, so libfcgi's own handlers never run and accept() is never half-interrupted.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    if (FCGX_Init() != 0)
        throw std::runtime_error("FCGX_Init failed");
    const int listen_fd = FCGX_OpenSocket(config.listen.c_str(), static_cast<int>(config.backlog));
    if (listen_fd < 0)
        throw std::runtime_error("cannot listen on " + config.listen);
    log::info("portail serving on " + config.listen + " with " + std::to_string(config.threads) +
              " threads");

    std::optional<mail::Sender> sender;
    if (config.mail_sender) {
        mail::SmtpSettings smtp;
        smtp.url = config.smtp_url;
        smtp.user = config.smtp_user;
        smtp.password = config.smtp_password;
        smtp.starttls = config.smtp_starttls;
        sender.emplace(db_settings(config), smtp);
        sender->start();
    }

    std::vector<std::thread> threads;
    for (unsigned i = 0; i < config.threads; ++i)
        threads.emplace_back(worker, listen_fd, std::cref(router), std::cref(config));

    int sig = 0;
    sigwait(&stop_signals, &sig);
    log::info(std::string("stopping on ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
              ": finishing requests in progress");
    stopping = true;
    FCGX_ShutdownPending();
    // Wakes the threads blocked in accept(): it fails with EINVAL and FCGX_Accept_r returns.
    ::shutdown(listen_fd, SHUT_RDWR);

    std::unique_lock lock(done_mutex);
    const bool all_done = done_cv.wait_for(lock, std::chrono::milliseconds(4500),
                                           [&] { return threads_done == threads.size(); });
    lock.unlock();
    if (!all_done) {
        log::warn("requests still running after 4.5 s: exiting anyway");
        std::_Exit(0);
    }
    for (auto& t : threads)
        t.join();
    if (sender)
        sender->stop();
    ::close(listen_fd);
    log::info("stopped");
    return 0;
}

} // namespace app
