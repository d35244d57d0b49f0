// Paris time (domain/time.h): MariaDB DATETIME text, the deadline rules of activities
// (domain/booking_rules.h), and the calendar arithmetic, which is documented as total.
// Input: the text to parse; its first bytes also give raw integers for the arithmetic.
#include "fuzz_check.h"

#include "domain/booking_rules.h"
#include "domain/time.h"

#include <cstring>
#include <string>

namespace
{

template <class T> T read_at(std::string_view in, std::size_t offset)
{
    T value{};
    if (in.size() >= offset + sizeof value)
        std::memcpy(&value, in.data() + offset, sizeof value);
    return value;
}

// Any fields, even nonsensical ones: nothing may overflow or index out of bounds.
void total_functions(std::string_view in)
{
    const domain::Date any{read_at<int>(in, 0), read_at<int>(in, 4), read_at<int>(in, 8)};
    const domain::LocalDateTime any_time{any, read_at<int>(in, 12), read_at<int>(in, 16),
                                         read_at<int>(in, 20)};
    const auto epoch = read_at<std::int64_t>(in, 0);
    const int w = domain::weekday(any);
    FUZZ_CHECK(w >= 1 && w <= 7);
    (void)domain::add_days(any, read_at<int>(in, 12));
    (void)domain::format_long_date_fr(any);
    (void)domain::format_datetime_fr(any_time);
    (void)domain::format_sql_datetime(any_time);
    (void)domain::epoch_from_paris(any_time);
    (void)domain::paris_from_epoch(epoch);

    // Within the documented range, epochs and days convert both ways exactly.
    const auto utc = domain::utc_from_epoch(epoch);
    if (epoch > -8'000'000'000'000'000 && epoch < 8'000'000'000'000'000) {
        FUZZ_CHECK(domain::is_valid_date_time(utc));
        FUZZ_CHECK(domain::utc_epoch(utc) == epoch);
    }
    if (domain::is_valid_date(any) && any.year > -200'000'000 && any.year < 200'000'000)
        FUZZ_CHECK(domain::civil_from_days(domain::days_from_civil(any)) == any);
}

void sql_datetime(std::string_view text)
{
    const auto value = domain::parse_sql_datetime(text);
    if (!value)
        return;
    FUZZ_CHECK(domain::is_valid_date_time(*value) && value->date.year >= 1);
    FUZZ_CHECK(domain::format_sql_datetime(*value) == text.substr(0, 19));
    FUZZ_CHECK(domain::utc_from_epoch(domain::utc_epoch(*value)) == *value);
    // A Paris wall-clock time reads back as itself, or one hour later in the spring gap.
    const auto instant = domain::epoch_from_paris(*value);
    const auto shift = domain::utc_epoch(domain::paris_from_epoch(instant)) -
                       domain::utc_epoch(*value);
    FUZZ_CHECK(shift == 0 || (shift == 3600 && value->date.month == 3 && value->hour == 2));
}

void deadline_rule(std::string_view text)
{
    const auto rule = domain::parse_deadline_rule(text);
    if (!rule)
        return;
    FUZZ_CHECK(domain::is_valid_deadline_rule(*rule));
    const auto canonical = domain::format_deadline_rule(*rule);
    FUZZ_CHECK(canonical == text);
    FUZZ_CHECK(domain::parse_deadline_rule(canonical) == rule);
    FUZZ_CHECK(!domain::describe_deadline_rule_fr(*rule).empty());
    // The deadline of an occurrence in this century never lies after the occurrence's end.
    const auto day = domain::add_days({2000, 1, 1}, read_at<std::uint16_t>(text, 0) % 36500);
    const auto instant = domain::deadline_instant(*rule, day);
    FUZZ_CHECK(instant.has_value() == (rule->kind != domain::DeadlineKind::None));
    if (instant && rule->kind != domain::DeadlineKind::Window)
        FUZZ_CHECK(*instant < domain::epoch_from_paris({domain::add_days(day, 1), 0, 0, 0}));
    if (instant)
        (void)domain::format_instant_long_fr(*instant);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto in = fuzz::as_text(data, size);
    total_functions(in);
    sql_datetime(in);
    deadline_rule(in);
    return 0;
}
