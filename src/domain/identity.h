// Comparing what a parent types with the family file: names and email addresses.
// A parent writes "Elodie Dupont-Martin" where the agent wrote "ÉLODIE DUPONT MARTIN";
// both are the same person (SPEC §4.2), so names are compared after normalisation.
#pragma once

#include <string>
#include <string_view>

namespace domain
{

// Comparable form of a name: lower-case, accents of Latin letters removed (œ→oe, æ→ae,
// ß→ss), hyphens, apostrophes and runs of whitespace (NBSP included) turned into one
// space, trimmed. Letters of other scripts are kept unchanged. Returns "" for invalid
// UTF-8 or control characters, which callers treat as "no match".
std::string normalize_name(std::string_view utf8);

// True when both normalised last names and both normalised first names are equal and
// none of them is empty.
bool same_person(std::string_view last1, std::string_view first1, std::string_view last2,
                 std::string_view first2);

// Stored and compared form of an email address: surrounding whitespace trimmed, ASCII
// letters lower-cased (the whole address, local part included: no provider a family
// uses distinguishes case, and two accounts differing only by case would be a trap).
std::string normalize_email(std::string_view email);

// Cheap sanity check before sending a confirmation mail (the mail itself is the real
// proof): 3..254 bytes, exactly one '@', local part 1..64 bytes, a domain with a dot
// between non-empty labels, no whitespace, control characters or < > " , ;.
// Expects a normalised address (leading or trailing spaces are refused).
bool plausible_email(std::string_view email);

} // namespace domain
