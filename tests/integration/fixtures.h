// What the booking-side integration suites share: SQL and text helpers, logged-in agents,
// and families made the way a commune makes them — the agent creates the family and its
// children and issues the code abonné, the parent creates an account with it and confirms
// it by the mail link (SPEC §4.1–4.3).
#pragma once

#include "client.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace itest
{

inline const std::string good_password = "trois petits chats gris";

bool contains(const std::string& haystack, const std::string& needle);
// Text shown on a page, as written in a template or as a value the template escaped.
bool shows(const std::string& html, const std::string& text);
std::size_t count_of(const std::string& haystack, const std::string& needle);
// Runs SQL as root on the stack's database; returns stdout.
std::string sql(const std::string& statement);
// A SQL string literal.
std::string quoted(const std::string& text);
bool is_id(const std::string& s);
// Same-origin POSTs, as a browser sends them.
void same_origin(Client& c);
// A browser connecting from `address` (127.0.0.x: the client address the portal sees, for the
// per-address throttles and log lines), sending same-origin POSTs.
std::unique_ptr<Client> client_from(const std::string& address);
// The parent login form, filled and sent with its CSRF token.
Reply parent_login(Client& c, const std::string& email, const std::string& password);
// A file's whole text ("" when it is missing).
std::string file_text(const std::string& path);
// What the stack's worker has logged so far.
std::string worker_log();
std::string commune_of(const std::string& host);
// The demo commune's id.
std::string caumont();
std::unique_ptr<Client> logged_agent(const std::string& email, const std::string& password,
                                     const std::string& host = "localhost");
std::unique_ptr<Client> logged_admin();
// The code abonné printed in the agent's letter.
std::string code_in(const std::string& letter);
// The agent (with a CSRF token of its session) creates a family named `name`, its guardian
// `guardian_first` `name`, at the mairie's address; returns the family's back-office path.
std::string create_family(Client& agent, const std::string& csrf, const std::string& name,
                          const std::string& guardian_first, const std::string& quotient = "");

struct Kid {
    std::string id;
    std::string first;
    std::string last;
};

struct Parent {
    std::string name; // family and guardian last name
    std::string family_id;
    std::string email;
    std::vector<Kid> children;
    std::unique_ptr<Client> client; // logged in
    std::string csrf;
};

struct FamilySpec {
    int children = 1;
    std::string name_base = "Famille"; // the family name is this and six unique letters
    std::string guardian_first = "Camille";
    std::string birth_date = "2017-03-14"; // of every child
};

// A family of the agent's commune made by `agent`, with a confirmed and logged-in parent.
Parent make_parent(Client& agent, const FamilySpec& spec);

} // namespace itest
