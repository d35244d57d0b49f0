#include "web/pwa.h"

#include "export/json.h"
#include "view/static_version.h"

namespace web
{

namespace
{
// The palette's brand colour (static/css/portail.css, --brand) and page background (--wash).
constexpr const char* theme_colour = "#0b4f8a";
constexpr const char* background_colour = "#f3f5f8";

struct Icon {
    const char* file;
    const char* sizes;
    const char* type;
    const char* purpose;
};

constexpr Icon icons[] = {
    {"icone-192.png", "192x192", "image/png", "any"},
    {"icone-512.png", "512x512", "image/png", "any"},
    {"icone-maskable-192.png", "192x192", "image/png", "maskable"},
    {"icone-maskable-512.png", "512x512", "image/png", "maskable"},
    {"icone.svg", "any", "image/svg+xml", "any"},
};
} // namespace

std::string manifest_json(const std::string& commune_name, const std::string& static_version)
{
    json::Writer w;
    w.begin_object();
    w.field("name", "Portail Famille de " + commune_name);
    // What the home screen shows under the icon: the commune is what tells portals apart.
    w.field("short_name", commune_name);
    w.field("description", "Réservez la cantine et le centre de loisirs, tenez votre dossier "
                           "de famille à jour et réglez vos factures.");
    w.field("lang", "fr");
    w.field("dir", "ltr");
    w.field("id", "/");
    w.field("start_url", "/");
    w.field("scope", "/");
    w.field("display", "standalone");
    w.field("theme_color", theme_colour);
    w.field("background_color", background_colour);
    w.key("icons").begin_array();
    for (const auto& icon : icons) {
        w.begin_object();
        w.field("src", std::string("/static/icons/") + icon.file + "?v=" + static_version);
        w.field("sizes", icon.sizes);
        w.field("type", icon.type);
        w.field("purpose", icon.purpose);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

http::Response web_manifest(app::Context& ctx)
{
    http::Response r;
    r.content_type = "application/manifest+json";
    r.body = manifest_json(ctx.commune.name, view::static_version());
    r.set_header("Cache-Control", "public, max-age=3600");
    return r;
}

http::Response offline_page(app::Context& ctx)
{
    view::Layout layout; // anonymous on purpose: the page is cached for every visitor
    layout.commune_name = ctx.commune.name;
    view::Page page("hors-ligne.tpl", "Vous êtes hors ligne");
    auto r = page.render(layout);
    r.set_header("Cache-Control", "no-cache");
    return r;
}

} // namespace web
