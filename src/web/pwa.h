// The installable web app (SPEC §4.11): the commune's web app manifest and the offline page
// the service worker (static/sw.js, served at /sw.js) keeps for when the network fails.
#pragma once

#include "app/context.h"

namespace web
{

// GET /manifest.webmanifest: name and short name from the commune, icons at the current
// static version.
http::Response web_manifest(app::Context& ctx);
// GET /hors-ligne: « Vous êtes hors ligne ». Cached by the service worker, so it never
// shows anything of the session (no user name, no token), whoever asks.
http::Response offline_page(app::Context& ctx);

// The manifest's JSON for a commune; `static_version` goes into the icons' URLs.
std::string manifest_json(const std::string& commune_name, const std::string& static_version);

} // namespace web
