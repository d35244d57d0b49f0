#include "app/family_data.h"

#include "app/kept.h"
#include "http/error.h"

#include <atomic>

namespace app
{

namespace
{
Kept<std::int64_t, FamilyData> cache; // by family id
// A few thousand families per worker process (a few KiB each); past that the cache starts
// again empty, which costs one read per family.
std::atomic<std::size_t> max_families{2560};

std::uint64_t read_revision(db::Connection& conn, std::int64_t id)
{
    auto& st = conn.prepare("SELECT revision FROM family_revision WHERE family_id = ?");
    st.setInt64(1, id);
    auto rs = db::query(st);
    return rs->next() ? static_cast<std::uint64_t>(rs->getInt64(1)) : 0;
}
} // namespace

std::shared_ptr<const FamilyData> family_data(Context& ctx)
{
    const auto id = ctx.family_id();
    if (!ctx.family_revision)
        ctx.family_revision = read_revision(ctx.db(), id);
    const auto revision = *ctx.family_revision;
    if (auto kept = cache.find(id, [&](const FamilyData& d) {
            return d.revision == revision && d.family.commune_id == ctx.commune.id;
        }))
        return kept;
    // Read after the revision: the data is at least as new as the label it gets.
    auto data = std::make_shared<FamilyData>();
    auto family = db::load_family_file(ctx.db(), ctx.commune.id, id, data->acceptances);
    if (!family)
        throw http::Error(404);
    data->revision = revision;
    data->family = std::move(*family);
    data->documents = db::family_documents(ctx.db(), ctx.commune.id, id);
    data->requests = db::family_change_requests(ctx.db(), ctx.commune.id, id);
    cache.keep(id, data, max_families.load(std::memory_order_relaxed));
    return data;
}

void set_family_cache_size(std::size_t families)
{
    max_families.store(families);
}

std::size_t family_cache_size()
{
    return max_families.load(std::memory_order_relaxed);
}

} // namespace app
