#include "app/commune_data.h"

#include "app/family_data.h"
#include "app/kept.h"

namespace app
{

namespace
{
Kept<std::int64_t, CommuneData> cache; // by commune id
// A worker serves a few communes: the bound is only against a mistake.
constexpr std::size_t max_communes = 1000;

std::uint64_t read_revision(db::Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare("SELECT revision FROM commune_revision WHERE commune_id = ?");
    st.setInt64(1, commune_id);
    auto rs = db::query(st);
    return rs->next() ? static_cast<std::uint64_t>(rs->getInt64(1)) : 0;
}
} // namespace

std::shared_ptr<const CommuneData> commune_data(Context& ctx)
{
    const auto id = ctx.commune.id;
    if (!ctx.commune_revision)
        ctx.commune_revision = read_revision(ctx.db(), id);
    const auto revision = *ctx.commune_revision;
    if (auto kept = cache.find(id, [&](const CommuneData& d) { return d.revision == revision; }))
        return kept;
    // Read after the revision: the data is at least as new as the label it gets.
    auto data = std::make_shared<CommuneData>();
    data->revision = revision;
    data->activities = db::list_activities(ctx.db(), id, false);
    data->rules = db::rules_versions(ctx.db(), id);
    data->file_settings = db::file_settings(ctx.db(), id);
    data->regies = db::list_regies(ctx.db(), id);
    data->tariffs = db::commune_tariffs(ctx.db(), id);
    cache.keep(id, data, max_communes);
    return data;
}

std::vector<db::Activity> active_activities(const CommuneData& data)
{
    std::vector<db::Activity> out;
    for (const auto& a : data.activities)
        if (a.active)
            out.push_back(a);
    return out;
}

std::vector<db::RulesDocument> current_rules(Context& ctx)
{
    return db::current_rules(commune_data(ctx)->rules, family_data(ctx)->acceptances);
}

} // namespace app
