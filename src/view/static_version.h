// The version of the files under static/ put into their URLs ("/static/css/portail.css?v=…"),
// so Nginx can let browsers keep them for a year: a new release changes the URLs.
#pragma once

#include <string>

namespace view
{

// 12 hex characters of SHA-256 over every regular file under `static_dir` (relative path and
// content, in path order): the same files give the same version on every host and restart.
// An empty or missing folder gives "" (the caller picks a fallback).
std::string compute_static_version(const std::string& static_dir);

// Computes the version of `static_dir` (a start-time stamp when it has no file) and makes it
// the template-global value STATIC_VERSION, seen by every template. Called once at start,
// before any page is rendered.
void set_static_version(const std::string& static_dir);

// The value set by set_static_version ("" before).
const std::string& static_version();

} // namespace view
