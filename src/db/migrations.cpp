#include "db/migrations.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace db {

std::vector<MigrationFile> list_migrations(const std::string& dir)
{
    std::vector<MigrationFile> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const auto name = entry.path().filename().string();
        if (!entry.is_regular_file() || name.size() < 4 || name.substr(name.size() - 4) != ".sql")
            continue;
        if (name.size() < 9)
            throw std::runtime_error("migration file name must be NNN_name.sql: " + name);
        int version = 0;
        const auto [p, ec] = std::from_chars(name.data(), name.data() + 3, version);
        if (ec != std::errc{} || p != name.data() + 3 || name[3] != '_')
            throw std::runtime_error("migration file name must be NNN_name.sql: " + name);
        out.push_back({version, name, entry.path().string()});
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < out.size(); ++i)
        if (out[i].version == out[i - 1].version)
            throw std::runtime_error("two migrations numbered " + std::to_string(out[i].version));
    return out;
}

std::vector<std::string> split_statements(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line, current;
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line.compare(first, 2, "--") == 0)
            continue;
        current += line;
        current += '\n';
        const auto last = line.find_last_not_of(" \t\r");
        if (line[last] == ';') {
            current.erase(current.find_last_of(';'));
            out.push_back(current);
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos)
        out.push_back(current);
    return out;
}

namespace {
class NamedLock {
public:
    explicit NamedLock(Connection& conn) : conn_(conn)
    {
        auto& st = conn_.prepare("SELECT GET_LOCK('portail_migrate', 60)");
        auto rs = query(st);
        if (!rs->next() || rs->getInt(1) != 1)
            throw std::runtime_error("could not take the migration lock");
    }
    ~NamedLock()
    {
        try {
            auto& st = conn_.prepare("SELECT RELEASE_LOCK('portail_migrate')");
            query(st);
        } catch (...) {
            // The lock dies with the connection anyway.
        }
    }
    NamedLock(const NamedLock&) = delete;
    NamedLock& operator=(const NamedLock&) = delete;

private:
    Connection& conn_;
};
} // namespace

int migrate(Connection& conn, const std::string& dir, std::ostream& log)
{
    const auto files = list_migrations(dir);
    NamedLock lock(conn);
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 " version INT NOT NULL PRIMARY KEY,"
                 " name VARCHAR(255) NOT NULL,"
                 " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
                 ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    std::set<int> applied;
    {
        auto& st = conn.prepare("SELECT version FROM schema_migrations");
        auto rs = query(st);
        while (rs->next())
            applied.insert(rs->getInt(1));
    }
    int count = 0;
    for (const auto& file : files) {
        if (applied.count(file.version))
            continue;
        std::ifstream in(file.path);
        std::stringstream buffer;
        buffer << in.rdbuf();
        // DDL commits implicitly in MariaDB: a migration is written so that rerunning it after
        // a crash in the middle is safe, or kept to one statement.
        for (const auto& statement : split_statements(buffer.str()))
            conn.execute(statement);
        auto& st = conn.prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
        st.setInt(1, file.version);
        st.setString(2, file.name);
        st.executeUpdate();
        log << "migration applied: " << file.name << "\n";
        ++count;
    }
    return count;
}

} // namespace db
