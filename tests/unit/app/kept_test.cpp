#include "app/kept.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace
{
struct Value {
    int revision = 0;
    std::string text;
};
} // namespace

BOOST_AUTO_TEST_SUITE(app_kept)

BOOST_AUTO_TEST_CASE(a_value_is_given_back_only_while_the_caller_says_it_is_current)
{
    app::Kept<int, Value> kept;
    const auto at = [](int revision) {
        return [=](const Value& v) { return v.revision == revision; };
    };
    BOOST_TEST(!kept.find(1, at(1)));
    kept.keep(1, std::make_shared<const Value>(Value{1, "un"}), 10);
    BOOST_TEST(kept.find(1, at(1))->text == "un");
    BOOST_TEST(!kept.find(1, at(2))); // the family's revision moved: read it again
    BOOST_TEST(!kept.find(2, at(1)));
    kept.keep(1, std::make_shared<const Value>(Value{2, "deux"}), 10);
    BOOST_TEST(kept.find(1, at(2))->text == "deux");
    BOOST_TEST(!kept.find(1, at(1)));
}

BOOST_AUTO_TEST_CASE(past_its_bound_it_starts_again_empty_and_keeps_the_newest)
{
    app::Kept<int, Value> kept;
    const auto any = [](const Value&) { return true; };
    for (int key = 0; key < 3; ++key)
        kept.keep(key, std::make_shared<const Value>(Value{0, std::to_string(key)}), 3);
    for (int key = 0; key < 3; ++key)
        BOOST_TEST(kept.find(key, any));
    // A fourth value: the map was full, so it starts again with only that one.
    kept.keep(3, std::make_shared<const Value>(Value{0, "3"}), 3);
    BOOST_TEST(!kept.find(0, any));
    BOOST_TEST(!kept.find(2, any));
    BOOST_TEST(kept.find(3, any)->text == "3");
    // A value handed out before stays valid after it is forgotten.
    const auto held = kept.find(3, any);
    for (int key = 10; key < 14; ++key)
        kept.keep(key, std::make_shared<const Value>(Value{0, "x"}), 3);
    BOOST_TEST(!kept.find(3, any));
    BOOST_TEST(held->text == "3");
}

BOOST_AUTO_TEST_CASE(threads_read_and_keep_at_once)
{
    // Four threads reading and keeping at once, the map forgetting all often: every value a
    // thread is given is whole (under ASan: nothing is freed while a thread holds it).
    app::Kept<int, Value> kept;
    std::atomic<int> seen{0};
    std::atomic<int> torn{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                const int key = (i * 7 + t) % 50;
                if (const auto v = kept.find(key, [](const Value&) { return true; })) {
                    ++seen;
                    if (v->revision != key || v->text != std::to_string(key))
                        ++torn;
                } else {
                    kept.keep(key, std::make_shared<const Value>(Value{key, std::to_string(key)}),
                              16);
                }
            }
        });
    for (auto& th : threads)
        th.join();
    BOOST_TEST(seen.load() > 0);
    BOOST_TEST(torn.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
