// The rules a booking or a cancellation must pass before it is stored: the deadline of the
// activity (in Europe/Paris time) and the child's eligibility. Each refusal comes with the
// French sentence shown to the parent, naming the rule.
#pragma once

#include "domain/time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace domain
{

// ---- Deadlines ----------------------------------------------------------------------------

enum class DeadlineKind {
    None,               // "aucun"
    WorkingDaysBefore,  // "jours-ouvres:N@HH:MM"
    WeekdayBefore,      // "veille-semaine:D@HH:MM"
    CalendarDaysBefore, // "jours:N@HH:MM"
    Window,             // "fenetre:YYYY-MM-DDTHH:MM/YYYY-MM-DDTHH:MM"
};

constexpr int max_deadline_days = 60;

// A deadline rule of an activity, stored as text (see format_deadline_rule):
// - WorkingDaysBefore: the N-th working day (calendar.h) counting back from the day before
//   the occurrence, at HH:MM; 2 working days before a Monday is the Thursday before.
// - WeekdayBefore: the last ISO weekday D strictly before the occurrence, at HH:MM; "the
//   Thursday before at noon" is Thursday 3 December 12:00 for Monday 7 December and for
//   Thursday 10 December alike.
// - CalendarDaysBefore: N calendar days before, at HH:MM; N = 0 is the same day.
// - Window: a registration window in Paris wall-clock time, whatever the occurrence.
// Every deadline is exclusive: an action is allowed while now < deadline, so a deadline of
// 12:00 refuses at 12:00:00. A window is open from its opening minute (included) to its
// closing minute (excluded).
struct DeadlineRule {
    DeadlineKind kind = DeadlineKind::None;
    int days = 0;                // WorkingDaysBefore: 1..60; CalendarDaysBefore: 0..60
    int iso_weekday = 0;         // WeekdayBefore: 1 = Monday … 7 = Sunday
    int hour = 0;                // 0..23, Paris; not for Window and None
    int minute = 0;              // 0..59
    LocalDateTime window_opens;  // Window only, whole minutes
    LocalDateTime window_closes; // Window only, after window_opens
    bool operator==(const DeadlineRule&) const = default;
};

// Whether the fields are within the ranges above (every parsed rule is).
bool is_valid_deadline_rule(const DeadlineRule& rule);
// The whole text, strictly: "jours-ouvres:2@12:00", "veille-semaine:4@12:00", "jours:0@08:00",
// "fenetre:2026-06-01T08:30/2026-06-20T23:59", "aucun". nullopt for anything malformed (hour
// 24, N > 60, an impossible date, a window that closes before it opens, extra spaces…).
std::optional<DeadlineRule> parse_deadline_rule(std::string_view text);
// The canonical text; parse_deadline_rule(format_deadline_rule(r)) == r for a valid rule.
std::string format_deadline_rule(const DeadlineRule& rule);
// For the activity's page: "2 jours ouvrés avant, à 12h00", "le jeudi précédent à 12h00",
// "la veille à 18h00", "inscriptions du 01/06/2026 à 8h30 au 20/06/2026 à 23h59", "aucun délai".
std::string describe_deadline_rule_fr(const DeadlineRule& rule);

// The instant (UTC epoch) the action closes for that occurrence; nullopt for None. A Paris
// time that does not exist (spring forward) or occurs twice (autumn) is resolved as
// epoch_from_paris does: 02:30 on the spring day is 03:30 summer time, 02:30 on the autumn
// day is its first, summer-time, occurrence.
std::optional<std::int64_t> deadline_instant(const DeadlineRule& rule, Date occurrence);
// "jeudi 3 décembre 2026 à 12h00": an instant as a Paris wall-clock date and time.
std::string format_instant_long_fr(std::int64_t instant);

struct DeadlineCheck {
    bool allowed = true;
    std::optional<std::int64_t> deadline; // the instant it closes (UTC epoch), if any
    std::optional<std::int64_t> opens_at; // for a window not open yet: when it opens
    std::string reason_fr;                // when refused, the sentence for the parent
};

// The check of one action (a booking, or a cancellation when `cancellation`) at instant
// `now` (UTC epoch) on an occurrence date. Refusals read:
//   "Le délai de réservation est dépassé : il fallait réserver avant le jeudi 3 décembre 2026
//    à 12h00." / "Le délai d'annulation est dépassé : il fallait annuler avant le …"
//   "Les inscriptions ouvrent le lundi 1er juin 2026 à 8h30." (annulations for a cancellation)
//   "Les inscriptions sont closes depuis le samedi 20 juin 2026 à 23h59." (a closed window)
DeadlineCheck check_deadline(const DeadlineRule& rule, Date occurrence, std::int64_t now,
                             bool cancellation);

// ---- Eligibility --------------------------------------------------------------------------

// Who may attend an activity. Ages are the child's age on the occurrence date in whole
// months (age_in_months), both bounds included: "de 3 à 11 ans" is {36, 143}, i.e. from the
// third birthday to the day before the twelfth.
struct Eligibility {
    std::optional<int> min_age_months;
    std::optional<int> max_age_months;
    // e.g. {"PS", "MS", "GS"}; empty = any. Compared without case and spaces with the child's
    // class, a double-level class ("CM1-CM2", "CM1/CM2") matching either level.
    std::vector<std::string> school_levels;
    bool residents_only = false;
};

struct ChildFacts {
    std::optional<Date> birth_date;
    std::string class_name;
    bool resident = false;
};

// Whole months from birth to on: the monthly anniversary falls on the same day number, or
// on the last day of a shorter month (born 31 January: one month on 28 February; born
// 29 February: twelve months on 28 February of the next year), as French law counts
// periods in months. Negative when on is before birth.
int age_in_months(Date birth, Date on);
// "de 3 à 11 ans" (36, 143), "de 18 mois à 2 ans" (18, 35), "à partir de 18 mois",
// "jusqu'à 5 ans" (max 71); a bound not in whole years is written in months; "" with no bound.
std::string describe_age_range_fr(std::optional<int> min_age_months,
                                  std::optional<int> max_age_months);
// Whether a class name matches one of the levels (see Eligibility::school_levels).
bool class_matches_levels(std::string_view class_name, const std::vector<std::string>& levels);
// "" when eligible, else the first rule refused, checked in the order age, class, residence:
//   "Léa n'a pas l'âge requis (de 3 à 11 ans) le jeudi 3 décembre 2026."
//   "Léa n'a pas de date de naissance renseignée dans le dossier de famille : l'âge requis
//    (de 3 à 11 ans) ne peut pas être vérifié."
//   "Cette activité est réservée aux classes PS, MS, GS."
//   "Léa n'a pas de classe renseignée dans le dossier de famille ; cette activité est réservée
//    aux classes PS, MS, GS."
//   "Cette activité est réservée aux familles résidant dans la commune."
std::string eligibility_refusal(const Eligibility& rules, const ChildFacts& child,
                                const std::string& first_name, Date on);

} // namespace domain
