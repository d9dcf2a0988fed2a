// Send(): the inbox row and the outbox row of a message, in the caller's transaction; and the
// rendering of a message from the catalogue, done whenever it is read or mailed.
#include "core/notify/notify.h"

#include <stdexcept>

#include "core/clock.h"
#include "core/notify/mail.h"
#include "core/notify/parts.h"

namespace waishi::notify {
namespace {

constexpr const char* kInsertInbox = R"(
  INSERT INTO notifications (user_id, msg_key, args, link, batch_id, created_at)
  VALUES (:u, :k, :a, :l, :b, :n))";

constexpr const char* kEmailOf = "SELECT email FROM users WHERE id = :id";

constexpr const char* kInsertOutbox = R"(
  INSERT INTO outbox (user_id, to_address, msg_key, args, link, state, attempts,
                      next_attempt_at, created_at, batch_id)
  VALUES (:u, :t, :k, :a, :l, 'queued', 0, :n, :n2, :b))";

constexpr const char* kInsertAddressed = R"(
  INSERT INTO outbox (to_address, locale, msg_key, args, link, state, attempts, next_attempt_at,
                      created_at)
  VALUES (:t, :loc, :k, :a, :l, 'queued', 0, :n, :n2))";

// The message `full_key` as the catalogue has it, placeholders and all.
i18n::Text Template(std::string_view full_key) {
  if (!i18n::Has(full_key)) {
    throw std::logic_error("notify: no message " + std::string(full_key) + " in any catalogue");
  }
  return i18n::T(full_key);
}

// `lang` ("zh" or "en") picks a bilingual argument's text.
std::string Substitute(std::string text, const Json& args, const char* lang) {
  if (!args.is_object()) return text;
  for (const auto& [name, arg] : args.items()) {
    const std::string placeholder = "{" + name + "}";
    const Json& value = arg.is_object() && arg.contains(lang) ? arg[lang] : arg;
    const std::string v = value.is_string() ? value.get<std::string>() : value.dump();
    for (auto pos = text.find(placeholder); pos != std::string::npos;
         pos = text.find(placeholder, pos + v.size())) {
      text.replace(pos, placeholder.size(), v);
    }
  }
  return text;
}

}  // namespace

Rendered Render(std::string_view key, const Json& args) {
  const std::string k(key);
  const i18n::Text subject = Template(k + ".subject"), body = Template(k + ".body");
  return Rendered{{Substitute(subject.zh, args, "zh"), Substitute(subject.en, args, "en")},
                  {Substitute(body.zh, args, "zh"), Substitute(body.en, args, "en")}};
}

const std::vector<std::string>& AnnouncementKeys() {
  static const std::vector<std::string> keys = {"notify.announce.notice",
                                                "notify.announce.maintenance"};
  return keys;
}

void Send(db::Session& tx, const Message& message) { detail::Queue(tx, message, 0); }

bool SendTo(db::Session& tx, const Mail& mail) {
  Render(mail.key, Json::object());  // an unknown key is a programming error: throws here
  if (!mail::IsAddress(mail.to)) return false;
  const std::string now = clock::NowIso();
  tx.Exec(kInsertAddressed, {{"t", mail.to},
                             {"loc", mail.locale},
                             {"k", mail.key},
                             {"a", detail::ArgsJson(mail.args).dump()},
                             {"l", mail.link},
                             {"n", now},
                             {"n2", now}});
  return true;
}

namespace detail {

Json ArgsJson(const std::vector<std::pair<std::string, Json>>& args) {
  Json out = Json::object();
  for (const auto& [name, value] : args) out[name] = value;
  return out;
}

void Queue(db::Session& tx, const Message& m, long long batch_id) {
  Render(m.key, Json::object());  // an unknown key is a programming error: throws here
  const std::string args = ArgsJson(m.args).dump();
  const std::string now = clock::NowIso();
  tx.Exec(kInsertInbox, {{"u", m.user_id},
                         {"k", m.key},
                         {"a", args},
                         {"l", m.link},
                         {"b", db::OrNull(batch_id)},
                         {"n", now}});
  if (!m.email) return;
  const std::string to = tx.Text(kEmailOf, {{"id", m.user_id}}).value_or("");
  if (!mail::IsAddress(to)) return;  // no address (or none usable): the inbox only
  tx.Exec(kInsertOutbox, {{"u", m.user_id},
                          {"t", to},
                          {"k", m.key},
                          {"a", args},
                          {"l", m.link},
                          {"n", now},
                          {"n2", now},
                          {"b", db::OrNull(batch_id)}});
}

Language LanguageOf(std::string_view locale) {
  return locale.starts_with("en") ? Language::kEn : Language::kZh;
}

}  // namespace detail
}  // namespace waishi::notify
