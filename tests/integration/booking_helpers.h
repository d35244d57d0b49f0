// What the booking suites share (booking, faults, scale_out): activities and occurrences
// written with SQL, the booking and cancellation forms, and what the database says of them.
#pragma once

#include "client.h"
#include "fixtures.h"

#include <boost/test/unit_test.hpp>

#include <exception>
#include <latch>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace itest
{

using Fields = std::vector<std::pair<std::string, std::string>>;

// --- activities and occurrences, written with SQL ----------------------------------------

struct ActivitySpec {
    int capacity = 10;
    bool waiting_list = true;
    int waiting_list_size = 20;
    std::string min_age_months = "NULL";
    std::string service;
    bool requires_rules = false;
    std::string booking_rule = "aucun";
    std::string cancel_rule = "aucun";

    ActivitySpec& places(int n)
    {
        capacity = n;
        return *this;
    }
    ActivitySpec& queue(int size)
    {
        waiting_list = size > 0;
        waiting_list_size = size;
        return *this;
    }
    ActivitySpec& min_age(const std::string& months)
    {
        min_age_months = months;
        return *this;
    }
    ActivitySpec& rules_of(const std::string& name)
    {
        service = name;
        requires_rules = true;
        return *this;
    }
    ActivitySpec& book_until(const std::string& rule)
    {
        booking_rule = rule;
        return *this;
    }
    ActivitySpec& cancel_until(const std::string& rule)
    {
        cancel_rule = rule;
        return *this;
    }
};

inline ActivitySpec spec(int capacity)
{
    return ActivitySpec().places(capacity);
}

struct Activity {
    std::string id;
    std::string name;
    std::string commune;
    ActivitySpec spec;
};

// An activity open every day of [first, last] whatever the holidays, so that regenerating
// its occurrences (a closure or a holiday import does it for every activity) keeps ours.
inline Activity make_activity(const ActivitySpec& spec, const std::string& first,
                              const std::string& last, const std::string& commune = caumont())
{
    Activity a{{}, unique_name("Atelier"), commune, spec};
    a.id =
        sql("INSERT INTO activity (commune_id, name, service, weekdays, period_start, period_end,"
            " holiday_policy, capacity, waiting_list, waiting_list_size, min_age_months,"
            " requires_rules, booking_rule, cancel_rule) VALUES (" +
            commune + ", " + quoted(a.name) + ", " + quoted(spec.service) + ", '1111111', " +
            quoted(first) + ", " + quoted(last) + ", 'ignore', " + std::to_string(spec.capacity) +
            ", " + (spec.waiting_list ? "1" : "0") + ", " + std::to_string(spec.waiting_list_size) +
            ", " + spec.min_age_months + ", " + (spec.requires_rules ? "1" : "0") + ", " +
            quoted(spec.booking_rule) + ", " + quoted(spec.cancel_rule) +
            "); SELECT LAST_INSERT_ID();");
    BOOST_REQUIRE_MESSAGE(!a.id.empty() &&
                              a.id.find_first_not_of("0123456789") == std::string::npos,
                          "activity not created: " + a.id);
    return a;
}

inline std::string make_occurrence(const Activity& a, const std::string& day, bool closed = false)
{
    const auto id =
        sql("INSERT INTO occurrence (commune_id, activity_id, day, capacity, closed)"
            " VALUES (" +
            a.commune + ", " + a.id + ", " + quoted(day) + ", " + std::to_string(a.spec.capacity) +
            ", " + (closed ? "1" : "0") + "); SELECT LAST_INSERT_ID();");
    BOOST_REQUIRE_MESSAGE(!id.empty() && id.find_first_not_of("0123456789") == std::string::npos,
                          "occurrence not created: " + id);
    return id;
}

// An activity with a single occurrence on `day`; returns the occurrence id.
inline std::string single_occurrence(const ActivitySpec& spec,
                                     const std::string& day = "2030-03-14", bool closed = false,
                                     Activity* activity = nullptr)
{
    const auto a = make_activity(spec, day, day);
    if (activity)
        *activity = a;
    return make_occurrence(a, day, closed);
}

// --- the forms ---------------------------------------------------------------------------

inline Reply book(Client& c, const std::string& csrf, const std::string& child,
                  const std::string& occurrence, bool confirmed = true)
{
    Fields f{{"csrf", csrf}, {"enfant", child}, {"occurrence", occurrence}};
    if (confirmed)
        f.emplace_back("confirme", "1");
    return c.post_form("/famille/reservations", f);
}

inline Reply cancel(Client& c, const std::string& csrf, const std::string& child,
                    const std::string& occurrence, bool confirmed = true)
{
    Fields f{{"csrf", csrf}, {"enfant", child}, {"occurrence", occurrence}};
    if (confirmed)
        f.emplace_back("confirme", "1");
    return c.post_form("/famille/reservations/annuler", f);
}

inline Reply book(Parent& p, const Kid& k, const std::string& occurrence, bool confirmed = true)
{
    return book(*p.client, p.csrf, k.id, occurrence, confirmed);
}

inline Reply cancel(Parent& p, const Kid& k, const std::string& occurrence, bool confirmed = true)
{
    return cancel(*p.client, p.csrf, k.id, occurrence, confirmed);
}

// Where a confirmed action sends the parent back.
inline std::string back_to(const Kid& k, const std::string& day, const std::string& result,
                           const std::string& occurrence)
{
    return "/famille/planning?enfant=" + k.id + "&mois=" + day.substr(0, 7) +
           "&resultat=" + result + "#o-" + occurrence;
}

// The state class (slot--X) of the occurrence's cell on a planning page, "" when not shown.
inline std::string slot_state(const std::string& html, const std::string& occurrence)
{
    const auto at = html.find("id=\"o-" + occurrence + "\"");
    if (at == std::string::npos)
        return {};
    const auto open = html.rfind("<div", at);
    const auto cls = html.find("slot--", open);
    if (open == std::string::npos || cls == std::string::npos || cls > at)
        return {};
    const auto start = cls + 6;
    return html.substr(start, html.find_first_of("\" ", start) - start);
}

inline std::string planning_state(Parent& p, const Kid& k, const std::string& occurrence,
                                  const std::string& day)
{
    const auto page =
        p.client->get("/famille/planning?enfant=" + k.id + "&mois=" + day.substr(0, 7));
    BOOST_REQUIRE_EQUAL(page.status, 200);
    return slot_state(page.body, occurrence);
}

// "booked waiting" counters of an occurrence.
inline std::string counters(const std::string& occurrence)
{
    return sql("SELECT CONCAT(booked, ' ', waiting) FROM occurrence WHERE id = " + occurrence);
}

inline std::string status_of(const std::string& occurrence, const Kid& k)
{
    return sql("SELECT status FROM booking WHERE occurrence_id = " + occurrence +
               " AND child_id = " + k.id);
}

inline std::string rows_of(const std::string& occurrence)
{
    return sql("SELECT COUNT(*) FROM booking WHERE occurrence_id = " + occurrence);
}

// Runs `action(i)` for i in [0, n) on n threads released at once; returns their replies
// (status 0 and the error in the body when the request failed).
template <class Action> inline std::vector<Reply> race(std::size_t n, Action action)
{
    std::vector<Reply> replies(n);
    std::latch start(static_cast<std::ptrdiff_t>(n));
    std::vector<std::thread> threads;
    threads.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                replies[i] = action(i);
            } catch (const std::exception& e) {
                replies[i].status = 0;
                replies[i].body = e.what();
            }
        });
    for (auto& t : threads)
        t.join();
    return replies;
}

inline std::string result_of(const Reply& r)
{
    const auto location = r.header("location");
    const auto at = location.find("&resultat=");
    if (at == std::string::npos)
        return {};
    const auto start = at + 10;
    return location.substr(start, location.find('#', start) - start);
}

} // namespace itest
