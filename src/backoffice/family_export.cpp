#include "backoffice/family_export.h"

#include "db/agents.h"
#include "http/error.h"
#include "web/my_data.h"

namespace backoffice
{

http::Response family_export_agent(app::Context& ctx)
{
    // The export holds health data, which a régisseur (billing) has no need to see.
    if (ctx.agent->role == db::AgentRole::Regisseur)
        throw http::Error(403, "Cet export contient des données de santé : il est réservé aux "
                               "agents et aux administrateurs.");
    const auto family_id = ctx.path_id("id");
    return web::family_export_download(ctx, family_id, "agent", ctx.agent->id);
}

} // namespace backoffice
