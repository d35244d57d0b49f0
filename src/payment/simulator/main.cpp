// payfip-sim: a local PayFiP for the dev stack and the tests (never deployed). See SPEC §4.10.
//   payfip-sim --port 8090 [--listen 127.0.0.1] [--log-file FILE] [--numcli 123456 ...]
#include "app/log.h"
#include "payment/simulator/http_server.h"
#include "payment/simulator/routes.h"
#include "payment/simulator/simulator.h"

#include <boost/program_options.hpp>
#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace po = boost::program_options;

namespace
{

std::atomic<bool> stop_requested{false};

void on_stop_signal(int)
{
    stop_requested = true;
}

void install_signals()
{
    struct sigaction sa {
    };
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

} // namespace

int main(int argc, char** argv)
{
    int port = 8090;
    std::string listen = "127.0.0.1";
    std::string log_file;
    std::vector<std::string> numclis;
    po::options_description desc("payfip-sim: a local PayFiP simulator (dev and tests only)");
    desc.add_options()("help,h", "show this help")("port", po::value(&port)->default_value(port),
                                                   "TCP port")(
        "listen", po::value(&listen)->default_value(listen), "IPv4 address to bind")(
        "log-file", po::value(&log_file), "append logs to this file instead of stderr")(
        "numcli", po::value(&numclis)->multitoken(),
        "known client numbers (default: every 6-digit number)");
    try {
        po::variables_map vm;
        po::store(po::parse_command_line(argc, argv, desc), vm);
        if (vm.count("help")) {
            std::cout << desc << "\n";
            return 0;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "payfip-sim: " << e.what() << "\n";
        return 2;
    }
    if (!log_file.empty()) {
        const int fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0 || ::dup2(fd, STDERR_FILENO) < 0) {
            std::cerr << "payfip-sim: cannot open " << log_file << ": " << std::strerror(errno)
                      << "\n";
            return 1;
        }
        ::close(fd);
    }
    for (const auto& n : numclis)
        if (!payment::valid_numcli(n)) {
            std::cerr << "payfip-sim: --numcli must be 6 digits: " << n << "\n";
            return 2;
        }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        std::cerr << "payfip-sim: curl_global_init failed\n";
        return 1;
    }
    install_signals();
    try {
        payment::sim::Simulator sim(std::set<std::string>(numclis.begin(), numclis.end()));
        payment::sim::Server server(listen, port, [&sim](const payment::sim::Request& r) {
            return payment::sim::handle(sim, r);
        });
        app::log::info("payfip-sim listening on http://" + listen + ":" + std::to_string(port));
        server.run(stop_requested);
        app::log::info("payfip-sim stopping");
        sim.stop();
    } catch (const std::exception& e) {
        app::log::error(std::string("payfip-sim: ") + e.what());
        return 1;
    }
    curl_global_cleanup();
    return 0;
}
