// Queuing many mails at once (an invoicing run mails thousands of families): the same rows
// as mail::enqueue, written with multi-row INSERTs in the caller's transaction.
#pragma once

#include "db/connection.h"
#include "mail/outbox.h"

#include <cstdint>
#include <span>
#include <string>

namespace mail
{

// Queues every message whose recipient is a valid address (the others are skipped: an
// account's address was checked when it was made); returns how many were queued. Throws
// std::invalid_argument for an invalid sender address.
std::size_t enqueue_batch(db::Connection& conn, std::int64_t commune_id,
                          const std::string& from_address, const std::string& from_name,
                          std::span<const Message> messages);

} // namespace mail
