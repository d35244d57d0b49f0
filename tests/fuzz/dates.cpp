// Strict integers and dates of URLs and forms (http/parse.h), the billing month and date
// (domain/billing.h) and the stored weekday mask (domain/calendar.h).
#include "fuzz_check.h"

#include "domain/billing.h"
#include "domain/calendar.h"
#include "http/parse.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = fuzz::as_text(data, size);

    // Canonical forms only: what is accepted is exactly what formatting writes back.
    if (const auto n = http::parse_int(text))
        FUZZ_CHECK(std::to_string(*n) == text);
    if (const auto id = http::parse_id(text))
        FUZZ_CHECK(*id >= 1 && http::parse_int(text) == id);

    const auto date = http::parse_date(text);
    if (date) {
        FUZZ_CHECK(date->year >= 1900 && date->year <= 9999);
        FUZZ_CHECK(date->month >= 1 && date->month <= 12);
        FUZZ_CHECK(date->day >= 1 && date->day <= http::days_in_month(date->year, date->month));
        FUZZ_CHECK(date->iso() == text);
    }
    if (const auto ym = http::parse_year_month(text)) {
        FUZZ_CHECK(ym->iso() == text);
        FUZZ_CHECK(http::parse_date(std::string(text) + "-01").has_value());
    }

    // The billing parsers agree with the HTTP ones wherever both accept a text.
    const auto iso = domain::parse_iso_date(text);
    if (iso) {
        FUZZ_CHECK(domain::is_valid_date(*iso));
        FUZZ_CHECK(domain::iso_date(*iso) == text);
    }
    if (date)
        FUZZ_CHECK(iso && iso->year == date->year && iso->month == date->month &&
                   iso->day == date->day);
    if (const auto month = domain::parse_month(text)) {
        FUZZ_CHECK(http::parse_year_month(text).has_value());
        FUZZ_CHECK(month->first.day == 1 && month->first.month == month->month);
        FUZZ_CHECK(domain::is_valid_date(month->last) && month->last.month == month->month);
        FUZZ_CHECK(domain::add_days(month->last, 1).day == 1);
    }

    if (const auto mask = domain::parse_weekday_mask(text)) {
        FUZZ_CHECK(*mask <= domain::all_weekdays);
        FUZZ_CHECK(domain::weekday_mask_text(*mask) == text);
    }
    return 0;
}
