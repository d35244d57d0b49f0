#include "db/connection.h"

#include <cppconn/driver.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <charconv>

namespace db
{

namespace
{
constexpr auto ping_after_idle = std::chrono::seconds(1);

int parse_port(std::string_view text)
{
    int port = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || p != text.data() + text.size() || port <= 0 || port > 65535)
        throw std::invalid_argument("invalid port in database URL");
    return port;
}
} // namespace

Settings parse_url(const std::string& url)
{
    const std::string prefix = "mysql://";
    if (url.rfind(prefix, 0) != 0)
        throw std::invalid_argument("database URL must start with mysql://");
    std::string rest = url.substr(prefix.size());
    Settings s;
    const auto query = rest.find('?');
    if (query != std::string::npos) {
        const auto params = rest.substr(query + 1);
        rest.resize(query);
        if (params.rfind("socket=", 0) != 0)
            throw std::invalid_argument("only ?socket= is understood in the database URL");
        s.socket = params.substr(7);
    }
    const auto at = rest.rfind('@');
    if (at == std::string::npos)
        throw std::invalid_argument("database URL needs a user: mysql://user@host/name");
    {
        const auto userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
        const auto colon = userinfo.find(':');
        s.user = userinfo.substr(0, colon);
        if (colon != std::string::npos)
            s.password = userinfo.substr(colon + 1);
    }
    const auto slash = rest.find('/');
    if (slash == std::string::npos || slash + 1 >= rest.size())
        throw std::invalid_argument("database URL needs a database name");
    s.name = rest.substr(slash + 1);
    const auto hostport = rest.substr(0, slash);
    const auto colon = hostport.rfind(':');
    if (colon != std::string::npos) {
        s.host = hostport.substr(0, colon);
        s.port = parse_port(std::string_view(hostport).substr(colon + 1));
    } else if (!hostport.empty()) {
        s.host = hostport;
    }
    if (s.user.empty())
        throw std::invalid_argument("database URL needs a user");
    return s;
}

bool is_connection_error(const sql::SQLException& e)
{
    switch (e.getErrorCode()) {
    case 2002: // can't connect through socket
    case 2003: // can't connect to server
    case 2006: // server has gone away
    case 2013: // lost connection during query
    case 2055: // lost connection at reading initial packet
    case 1053: // server shutdown in progress
    case 1927: // connection was killed
    case 4031: // disconnected by the server because of inactivity
        return true;
    default:
        return e.getErrorCode() == 0 && std::string(e.getSQLStateCStr()) == "08S01";
    }
}

bool is_storage_full(const sql::SQLException& e)
{
    switch (e.getErrorCode()) {
    case 1021: // ER_DISK_FULL
    case 1114: // ER_RECORD_FILE_FULL: "The table … is full"
        return true;
    case 3:    // ER_ERROR_ON_WRITE: "Error writing file … (Errcode: 28 …)"
    case 1030: // ER_GET_ERRNO: "Got error 28 … from storage engine"
        return std::string(e.what()).find("28") != std::string::npos;
    default:
        return false;
    }
}

bool is_duplicate(const sql::SQLException& e)
{
    return e.getErrorCode() == 1062;
}

bool is_retryable(const sql::SQLException& e)
{
    return e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
}

Connection::Connection(Settings settings) : settings_(std::move(settings)) {}

Connection::~Connection()
{
    statements_.clear();
    try {
        if (conn_)
            conn_->close();
    } catch (const sql::SQLException&) {
        // Closing a dead connection fails; nothing left to release.
    }
}

void Connection::connect()
{
    statements_.clear();
    conn_.reset();
    sql::ConnectOptionsMap opts;
    if (!settings_.socket.empty())
        opts["hostName"] = sql::SQLString("unix://" + settings_.socket);
    else
        opts["hostName"] =
            sql::SQLString("tcp://" + settings_.host + ":" + std::to_string(settings_.port));
    opts["userName"] = sql::SQLString(settings_.user);
    opts["password"] = sql::SQLString(settings_.password);
    opts["schema"] = sql::SQLString(settings_.name);
    opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    opts["characterSetResults"] = sql::SQLString("utf8mb4");
    opts["OPT_CONNECT_TIMEOUT"] = 2;
    opts["OPT_READ_TIMEOUT"] = 30;
    opts["OPT_WRITE_TIMEOUT"] = 30;
    opts["OPT_RECONNECT"] = false;
    try {
        auto* driver = sql::mysql::get_mysql_driver_instance();
        conn_.reset(driver->connect(opts));
        std::unique_ptr<sql::Statement> st(conn_->createStatement());
        st->execute("SET time_zone = '+00:00', SESSION sql_mode = 'STRICT_ALL_TABLES,"
                    "NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
                    "NO_ENGINE_SUBSTITUTION', SESSION tx_isolation = 'READ-COMMITTED'");
    } catch (const sql::SQLException& e) {
        conn_.reset();
        throw Unavailable(std::string("database connection failed: ") + e.what());
    }
    last_used_ = std::chrono::steady_clock::now();
}

void Connection::ensure()
{
    const auto now = std::chrono::steady_clock::now();
    if (conn_ && now - last_used_ > ping_after_idle) {
        bool valid = false;
        try {
            valid = conn_->isValid();
        } catch (const sql::SQLException&) {
            valid = false;
        }
        if (!valid)
            invalidate();
    }
    if (!conn_)
        connect();
    last_used_ = now;
}

sql::PreparedStatement& Connection::prepare(const std::string& sql)
{
    ensure();
    ++statements_in_request_;
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        try {
            std::unique_ptr<sql::PreparedStatement> stmt(conn_->prepareStatement(sql));
            it = statements_.emplace(sql, std::move(stmt)).first;
        } catch (const sql::SQLException& e) {
            if (is_connection_error(e)) {
                invalidate();
                throw Unavailable(e.what());
            }
            throw;
        }
    }
    it->second->clearParameters();
    return *it->second;
}

void Connection::execute(const std::string& sql)
{
    ensure();
    std::unique_ptr<sql::Statement> st(conn_->createStatement());
    st->execute(sql);
}

void Connection::invalidate()
{
    statements_.clear();
    if (conn_) {
        try {
            conn_->close();
        } catch (const sql::SQLException&) {
            // Already broken.
        }
    }
    conn_.reset();
}

void Connection::commit()
{
    // Not through ensure(): a connection found dead here must fail the commit, never be
    // replaced by a new one on which COMMIT would succeed with nothing to commit.
    if (!conn_)
        throw Unavailable("database connection lost before the commit");
    // Connector/C++ 1.1's Connection::commit() ignores the server's answer, so a COMMIT the
    // server refuses (Galera's certification conflict, 1213) would pass for done: the
    // statement form throws it.
    std::unique_ptr<sql::Statement> st(conn_->createStatement());
    st->execute("COMMIT");
    last_used_ = std::chrono::steady_clock::now();
}

sql::Connection& Connection::raw()
{
    ensure();
    return *conn_;
}

// START TRANSACTION rather than autocommit off: the connection stays in autocommit mode, so
// the COMMIT or ROLLBACK that ends the transaction is its last round trip (no SET autocommit
// after it). A booking's transaction is a few statements long: one round trip fewer counts.
Transaction::Transaction(Connection& conn) : conn_(conn)
{
    conn_.execute("START TRANSACTION");
}

Transaction::~Transaction()
{
    if (done_)
        return;
    try {
        conn_.execute("ROLLBACK");
    } catch (...) {
        // The connection broke; drop it so no half-open transaction is reused.
        conn_.invalidate();
    }
}

void Transaction::commit()
{
    conn_.commit();
    done_ = true;
}

std::unique_ptr<sql::ResultSet> query(sql::PreparedStatement& stmt)
{
    return std::unique_ptr<sql::ResultSet>(stmt.executeQuery());
}

std::int64_t last_insert_id(Connection& conn)
{
    auto rs = query(conn.prepare("SELECT LAST_INSERT_ID()"));
    rs->next();
    return rs->getInt64(1);
}

} // namespace db
