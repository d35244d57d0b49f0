// Reminders before booking deadlines, against the real stack: `portail send-reminders`
// mails a family that uses an activity and booked nothing for next week, once, and never a
// family that opted out.
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <ctime>
#include <string>

using namespace itest;

namespace
{

std::string sql(const std::string& statement)
{
    return Stack::get().sql(statement);
}

// Dates in Paris, as the portal reckons "next week" (the machine's clock is UTC: from 22:00 or
// 23:00 UTC on a Sunday, it is already Monday in Paris).
std::string date_after(int days)
{
    return paris_date_after(days);
}

int days_to_next_monday()
{
    return 8 - domain::weekday(paris_today());
}

struct Setup {
    std::string commune;
    std::string family;
    std::string email;
    std::string activity_name;
    std::string activity;
};

// A family with a confirmed account whose child ate at a test activity two weeks ago and has
// nothing next week; the activity's deadline for next Monday is tomorrow at 23:59.
Setup make_setup(const std::string& tag)
{
    Setup s;
    s.commune = sql("SELECT id FROM commune WHERE slug = 'caumont'");
    s.email = unique_email("rappel-" + tag);
    s.activity_name = "Rappel " + tag + " " + std::to_string(std::time(nullptr));
    sql("INSERT INTO family (commune_id, number, name, city) SELECT " + s.commune +
        ", IFNULL(MAX(number), 10000) + 1, 'RAPPEL', 'Caumont-sur-Durance' FROM family"
        " WHERE commune_id = " +
        s.commune);
    s.family = sql("SELECT MAX(id) FROM family WHERE commune_id = " + s.commune);
    sql("INSERT INTO family_member (commune_id, family_id, role, last_name, first_name)"
        " VALUES (" +
        s.commune + ", " + s.family +
        ", 'guardian', 'RAPPEL', 'Paul'),"
        " (" +
        s.commune + ", " + s.family + ", 'child', 'RAPPEL', 'Zoé')");
    const auto guardian = sql("SELECT id FROM family_member WHERE family_id = " + s.family +
                              " AND role = 'guardian'");
    const auto child =
        sql("SELECT id FROM family_member WHERE family_id = " + s.family + " AND role = 'child'");
    sql("INSERT INTO parent_account (commune_id, family_id, guardian_id, email, password_hash,"
        " confirmed_at) VALUES (" +
        s.commune + ", " + s.family + ", " + guardian + ", '" + s.email +
        "', 'x', UTC_TIMESTAMP())");
    const int monday = days_to_next_monday();
    sql("INSERT INTO activity (commune_id, name, weekdays, period_start, period_end, capacity,"
        " booking_rule, reminder) VALUES (" +
        s.commune + ", '" + s.activity_name + "', '1111111', '" + date_after(-30) + "', '" +
        date_after(30) + "', 10, 'jours:" + std::to_string(monday - 1) + "@23:59', 1)");
    s.activity = sql("SELECT id FROM activity WHERE name = '" + s.activity_name + "'");
    sql("INSERT INTO occurrence (commune_id, activity_id, day, capacity, booked) VALUES (" +
        s.commune + ", " + s.activity + ", '" + date_after(monday - 14) + "', 10, 1), (" +
        s.commune + ", " + s.activity + ", '" + date_after(monday) + "', 10, 0)");
    const auto past = sql("SELECT id FROM occurrence WHERE activity_id = " + s.activity +
                          " AND day = '" + date_after(monday - 14) + "'");
    sql("INSERT INTO booking (commune_id, occurrence_id, child_id, family_id, status, queued_at,"
        " created_at, updated_at) VALUES (" +
        s.commune + ", " + past + ", " + child + ", " + s.family +
        ", 'booked', UTC_TIMESTAMP(6), UTC_TIMESTAMP(), UTC_TIMESTAMP())");
    return s;
}

int reminded_rows(const Setup& s)
{
    return std::stoi(sql("SELECT COUNT(*) FROM reminder_sent WHERE activity_id = " + s.activity +
                         " AND family_id = " + s.family));
}

} // namespace

BOOST_AUTO_TEST_SUITE(reminders)

BOOST_AUTO_TEST_CASE(a_family_without_next_weeks_booking_is_reminded_once)
{
    const auto s = make_setup("a");
    std::string out;
    BOOST_TEST(Stack::get().portail("send-reminders --dry-run", &out) == 0, out);
    BOOST_TEST(out.find("Zoé") != std::string::npos, out);
    BOOST_TEST(reminded_rows(s) == 0); // a dry run sends nothing

    BOOST_TEST(Stack::get().portail("send-reminders", &out) == 0, out);
    BOOST_TEST(reminded_rows(s) == 1);
    const auto mails = wait_for_mails(s.email, 1);
    BOOST_REQUIRE(mails.size() == 1u);
    BOOST_TEST(mails[0].text.find(s.activity_name) != std::string::npos, mails[0].text);
    BOOST_TEST(mails[0].text.find("Zoé") != std::string::npos);
    BOOST_TEST(mails[0].text.find("/compte") != std::string::npos); // how to opt out

    BOOST_TEST(Stack::get().portail("send-reminders", &out) == 0, out);
    BOOST_TEST(reminded_rows(s) == 1);
    BOOST_TEST(mails_to(s.email).size() == 1u); // never twice for the same week
}

BOOST_AUTO_TEST_CASE(a_family_that_booked_next_week_or_opted_out_is_not_reminded)
{
    const auto booked = make_setup("b");
    const auto next = sql("SELECT id FROM occurrence WHERE activity_id = " + booked.activity +
                          " ORDER BY day DESC LIMIT 1");
    const auto child = sql("SELECT id FROM family_member WHERE family_id = " + booked.family +
                           " AND role = 'child'");
    sql("INSERT INTO booking (commune_id, occurrence_id, child_id, family_id, status, queued_at,"
        " created_at, updated_at) VALUES (" +
        booked.commune + ", " + next + ", " + child + ", " + booked.family +
        ", 'booked', UTC_TIMESTAMP(6), UTC_TIMESTAMP(), UTC_TIMESTAMP())");
    const auto opted_out = make_setup("c");
    sql("UPDATE family SET reminders_opt_out = 1 WHERE id = " + opted_out.family);

    std::string out;
    BOOST_TEST(Stack::get().portail("send-reminders", &out) == 0, out);
    BOOST_TEST(reminded_rows(booked) == 0);
    BOOST_TEST(reminded_rows(opted_out) == 0);
    BOOST_TEST(mails_to(booked.email).empty());
    BOOST_TEST(mails_to(opted_out.email).empty());
}

BOOST_AUTO_TEST_CASE(no_reminder_while_the_deadline_is_far_away)
{
    const auto s = make_setup("d");
    sql("UPDATE activity SET booking_rule = 'jours:0@23:59' WHERE id = " + s.activity);
    std::string out;
    BOOST_TEST(Stack::get().portail("send-reminders", &out) == 0, out);
    // Next Monday's deadline is that Monday: more than 48 hours away except on Saturday and
    // Sunday, when it is within reach and the family is rightly reminded.
    if (domain::weekday(paris_today()) <= 5)
        BOOST_TEST(reminded_rows(s) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
