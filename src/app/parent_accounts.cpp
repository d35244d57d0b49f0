#include "app/parent_accounts.h"

#include "app/family_data.h"
#include "app/kept.h"

#include <memory>

namespace app
{

namespace
{
struct Entry {
    std::uint64_t revision = 0;
    db::ParentAccount account;
};

Kept<std::int64_t, Entry> cache; // by account id
// As many accounts as family files (app/family_data.h), a few hundred bytes each; past that the
// cache starts again empty, which costs one read per account.
} // namespace

std::optional<db::ParentAccount> parent_account(db::Connection& conn, std::int64_t commune_id,
                                                std::int64_t account_id, std::int64_t family_id,
                                                std::uint64_t revision)
{
    if (const auto kept = cache.find(account_id, [&](const Entry& e) {
            return e.revision == revision && e.account.commune_id == commune_id &&
                   e.account.family_id == family_id;
        }))
        return kept->account;
    // Read after the revision: the account is at least as new as the label it gets.
    auto account = db::find_account(conn, commune_id, account_id);
    if (!account || account->family_id != family_id)
        return std::nullopt;
    account->password_hash.clear();
    cache.keep(account_id, std::make_shared<const Entry>(Entry{revision, *account}),
               family_cache_size());
    return account;
}

} // namespace app
