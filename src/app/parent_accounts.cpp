#include "app/parent_accounts.h"

#include "app/family_data.h"

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace app
{

namespace
{
struct Entry {
    std::uint64_t revision = 0;
    std::shared_ptr<const db::ParentAccount> account;
};

std::shared_mutex cache_mutex;
std::unordered_map<std::int64_t, Entry> cache; // by account id
// As many accounts as family files (app/family_data.h), a few hundred bytes each; past that the
// cache starts again empty, which costs one read per account.
} // namespace

std::optional<db::ParentAccount> parent_account(db::Connection& conn, std::int64_t commune_id,
                                                std::int64_t account_id, std::int64_t family_id,
                                                std::uint64_t revision)
{
    {
        std::shared_lock lock(cache_mutex);
        const auto it = cache.find(account_id);
        if (it != cache.end() && it->second.revision == revision &&
            it->second.account->commune_id == commune_id &&
            it->second.account->family_id == family_id)
            return *it->second.account;
    }
    // Read after the revision: the account is at least as new as the label it gets.
    auto account = db::find_account(conn, commune_id, account_id);
    if (!account || account->family_id != family_id)
        return std::nullopt;
    account->password_hash.clear();
    auto shared = std::make_shared<const db::ParentAccount>(*account);
    std::unique_lock lock(cache_mutex);
    if (cache.size() >= family_cache_size())
        cache.clear();
    cache[account_id] = Entry{revision, std::move(shared)};
    return account;
}

} // namespace app
