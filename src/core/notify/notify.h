// Notifications: a message to a user lands in their in-app inbox and, when they have an
// e-mail address, in the outbox that the mailer sends through SMTP (states queued → sent, or
// failed with the server's answer and retried with back-off).
//
// A module calls Send() inside the write transaction of the change it reports, so the
// message exists if and only if the change does. Its text comes from the module's
// catalogue: `<key>.subject` and `<key>.body`, rendered in the recipient's language.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/db/session.h"
#include "core/i18n/text.h"
#include "core/json.h"

namespace waishi {
struct App;
}

namespace waishi::notify {

struct Message {
  long long user_id = 0;
  std::string key;  // catalogue key prefix: "<key>.subject", "<key>.body"
  // {name} placeholders: a string, or {"zh", "en"} for a value said differently in each
  // language (a country's or a document kind's name).
  std::vector<std::pair<std::string, Json>> args;
  std::string link;   // the page in the web UI it is about, e.g. "/cases/12"
  bool email = true;  // also by e-mail (if the user has an address)
};

// Queues the message: the inbox entry and, if asked and possible, the e-mail.
void Send(db::Session& tx, const Message& message);

// A message to someone without an account (a person abroad whom the office knows by
// address): an e-mail only, written in `locale` ("zh-CN", "en-US"). The link is absolute or
// a path of the web UI, as in Message.
struct Mail {
  std::string to;  // an address mail::IsAddress accepts
  std::string locale;
  std::string key;
  std::vector<std::pair<std::string, Json>> args;
  std::string link;
};
// Queues the e-mail; false (nothing queued) when the address is not one.
bool SendTo(db::Session& tx, const Mail& mail);

// The subject and body of the message `key` with `args` (a JSON object of strings) in both
// languages. Throws std::logic_error when the catalogue lacks `<key>.subject` or `<key>.body`.
struct Rendered {
  i18n::Text subject;
  i18n::Text body;
};
Rendered Render(std::string_view key, const Json& args);

// The catalogue keys an office user may send to many users at once (a batch, reviewed by an
// approver before it goes); each has `.subject` and `.body`.
const std::vector<std::string>& AnnouncementKeys();

// The inbox routes (GET /api/v1/inbox, unread count, mark read) and the outbox's review of
// mass sends.
void Register(App& app);

}  // namespace waishi::notify
