// One MariaDB connection per worker thread, with prepared statements cached per connection,
// reconnection after a server restart, and an RAII transaction.
#pragma once

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace db
{

struct Settings {
    std::string host = "127.0.0.1";
    int port = 3306;
    std::string socket; // when set, used instead of host:port
    std::string user = "portail";
    std::string password;
    std::string name = "portail";
};

// Parses "mysql://user[:password]@host[:port]/dbname[?socket=/path]". Throws
// std::invalid_argument on a malformed URL.
Settings parse_url(const std::string& url);

// The database cannot be reached now: the request ends with a 503 page.
class Unavailable : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// True for errors that mean the connection is gone (server down, restarted, timed out).
bool is_connection_error(const sql::SQLException& e);
// The server could not write for want of space (a full disk or tablespace): nothing of the
// statement was kept; the request can be tried again once the operator has made room.
bool is_storage_full(const sql::SQLException& e);
// True for a duplicate key (1062).
bool is_duplicate(const sql::SQLException& e);
// True for a deadlock / Galera certification conflict (1213) or lock wait timeout (1205).
bool is_retryable(const sql::SQLException& e);

class Connection
{
public:
    explicit Connection(Settings settings);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Makes sure the connection is usable, pinging it when it was idle; reconnects once.
    // Throws Unavailable when the server does not answer.
    void ensure();
    // A prepared statement for `sql`, reused across requests on this connection.
    sql::PreparedStatement& prepare(const std::string& sql);
    // Runs a statement without parameters (DDL, session settings).
    void execute(const std::string& sql);
    // Commits the open transaction on this very connection; throws the server's refusal
    // (1213 from a Galera certification conflict) and Unavailable when the connection is gone.
    void commit();
    // Drops the connection after an error that broke it; the next ensure() reconnects.
    void invalidate();
    sql::Connection& raw();
    // Marks the start of a request: statements_in_request() counts from here.
    void begin_request() { statements_in_request_ = 0; }
    // Statements prepared (so: run, or about to run) since begin_request().
    int statements_in_request() const { return statements_in_request_; }

private:
    void connect();

    Settings settings_;
    std::unique_ptr<sql::Connection> conn_;
    std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
    std::chrono::steady_clock::time_point last_used_{};
    int statements_in_request_ = 0;
};

// Rolls back in its destructor unless commit() was called.
class Transaction
{
public:
    explicit Transaction(Connection& conn);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& conn_;
    bool done_ = false;
};

// Runs a query and returns its result set, owned.
std::unique_ptr<sql::ResultSet> query(sql::PreparedStatement& stmt);

// The AUTO_INCREMENT id of the last row this connection inserted.
std::int64_t last_insert_id(Connection& conn);

} // namespace db
