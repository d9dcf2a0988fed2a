#include "invitation/rules.h"

#include <map>
#include <optional>
#include <utility>

#include "core/calendar/working_days.h"
#include "core/cases/case_data.h"
#include "core/geo/countries.h"
#include "core/i18n/text.h"
#include "core/validate/identifiers.h"
#include "core/validate/mrz.h"
#include "core/validate/schema.h"

// The rules follow the visa practice PRODUCT.md §2.1.4 describes: a passport valid for at
// least six months beyond the stay, a multiple-entry visa valid one year for a visitor who
// entered China at least four times in the past twelve months (the national immigration
// administration's practice for M and F visas), and the inviter identified by its Unified
// Social Credit Code (GB 32100-2015).

namespace waishi::invitation {
namespace {

using calendar::Date;
using cases::DateAt;
using cases::ListAt;
using cases::Member;
using cases::RuleContext;
using cases::StringAt;
using cases::Violation;

std::string Path(std::size_t i, std::string_view member) {
  return cases::ItemPath("invitees", i, member);
}

long long PolicyInt(const Json& policy, std::string_view key) {
  const Json* v = Member(policy, key);
  if (v && v->is_number_integer()) return v->get<long long>();
  static const Json defaults = DefaultPolicy();
  return defaults.at(std::string(key)).get<long long>();
}

Json IntegerIn(long long min, long long max) {
  return Json{{"type", "integer"}, {"minimum", min}, {"maximum", max}};
}

std::string Number(std::size_t i) { return std::to_string(i + 1); }

// A "YYYY-MM-DD" as the MRZ writes it: "YYMMDD".
std::string Yymmdd(const std::string& iso) {
  return iso.size() == 10 ? iso.substr(2, 2) + iso.substr(5, 2) + iso.substr(8, 2) : "";
}

}  // namespace

std::string IcaoCode(std::string_view alpha2) {
  if (alpha2 == "DE") return "D";
  const geo::Country* c = geo::FindCountry(alpha2);
  return c ? c->alpha3 : "";
}

std::string PassportKey(std::string_view nationality, std::string_view passport_number) {
  std::string key(nationality);
  key += ':';
  for (char c : passport_number) {
    if (c == ' ' || c == '-') continue;
    key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return key;
}

Json DefaultPolicy() {
  Json severity = Json::object();
  for (auto id : kRuleIds) severity[std::string(id)] = "blocking";
  severity["invitation.inviter_uscc"] = "warning";
  return Json{{"passport_validity_months", 6},
              {"multiple_entry_min_entries", 4},
              {"review_working_days", 5},
              {"severity", severity}};
}

std::vector<FieldError> ValidatePolicy(const Json& policy) {
  static const Json kSchema = [] {
    Json severities = Json::object();
    for (auto id : kRuleIds)
      severities[std::string(id)] = {{"type", "string"}, {"enum", {"blocking", "warning"}}};
    return Json{
        {"type", "object"},
        {"additionalProperties", false},
        {"required",
         {"passport_validity_months", "multiple_entry_min_entries", "review_working_days",
          "severity"}},
        {"properties",
         {{"passport_validity_months", IntegerIn(0, 24)},
          {"multiple_entry_min_entries", IntegerIn(0, 52)},
          {"review_working_days", IntegerIn(1, 60)},
          {"severity",
           {{"type", "object"}, {"additionalProperties", false}, {"properties", severities}}}}}};
  }();
  return validate::CheckSchema(kSchema, policy);
}

std::vector<Violation> CheckDates(const RuleContext& ctx) {
  std::vector<Violation> out;
  const auto arrival = DateAt(ctx.data, "arrival_date");
  const auto departure = DateAt(ctx.data, "departure_date");
  if (arrival && *arrival <= ctx.today) {
    out.push_back({"arrival_date",
                   i18n::T("invitation.rule.dates.arrival_not_ahead",
                           {{"arrival", arrival->ToString()}, {"today", ctx.today.ToString()}})});
  }
  if (arrival && departure && *departure <= *arrival) {
    out.push_back({"departure_date", i18n::T("invitation.rule.dates.departure_not_after",
                                             {{"arrival", arrival->ToString()},
                                              {"departure", departure->ToString()}})});
  }
  return out;
}

std::vector<Violation> CheckPassportValidity(const RuleContext& ctx) {
  std::vector<Violation> out;
  const auto departure = DateAt(ctx.data, "departure_date");
  const Json* invitees = ListAt(ctx.data, "invitees");
  if (!departure || !invitees) return out;
  const long long months = PolicyInt(ctx.policy, "passport_validity_months");
  const Date needed = departure->AddMonths(static_cast<int>(months));
  for (std::size_t i = 0; i < invitees->size(); ++i) {
    const auto expiry = DateAt((*invitees)[i], "passport_expiry");
    if (expiry && *expiry < needed) {
      out.push_back(
          {Path(i, "passport_expiry"), i18n::T("invitation.rule.passport_validity.too_short",
                                               {{"number", Number(i)},
                                                {"expiry", expiry->ToString()},
                                                {"needed", needed.ToString()},
                                                {"months", std::to_string(months)}})});
    }
  }
  return out;
}

std::vector<Violation> CheckMultipleEntryHistory(const RuleContext& ctx) {
  std::vector<Violation> out;
  if (StringAt(ctx.data, "entries").value_or("") != "multiple") return out;
  const Json* invitees = ListAt(ctx.data, "invitees");
  if (!invitees) return out;
  const long long needed = PolicyInt(ctx.policy, "multiple_entry_min_entries");
  const Json* known = nullptr;
  if (const Json* mine = Member(ctx.facts, "invitation")) known = Member(*mine, "entries_12m");
  for (std::size_t i = 0; i < invitees->size(); ++i) {
    const Json& p = (*invitees)[i];
    long long declared = 0;
    if (const Json* d = Member(p, "prior_entries_12m"); d && d->is_number_integer())
      declared = d->get<long long>();
    long long recorded = 0;
    if (known) {
      const std::string key = PassportKey(StringAt(p, "nationality").value_or(""),
                                          StringAt(p, "passport_number").value_or(""));
      if (const Json* n = Member(*known, key); n && n->is_number_integer())
        recorded = n->get<long long>();
    }
    const long long entries = std::max(declared, recorded);
    if (entries < needed) {
      out.push_back(
          {Path(i, "prior_entries_12m"), i18n::T("invitation.rule.multiple_entry_history.too_few",
                                                 {{"number", Number(i)},
                                                  {"entries", std::to_string(entries)},
                                                  {"needed", std::to_string(needed)}})});
    }
  }
  return out;
}

std::vector<Violation> CheckDuplicateInvitee(const RuleContext& ctx) {
  std::vector<Violation> out;
  const Json* invitees = ListAt(ctx.data, "invitees");
  if (!invitees) return out;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < invitees->size(); ++i) {
    const Json& p = (*invitees)[i];
    const auto number = StringAt(p, "passport_number");
    if (!number || number->empty()) continue;
    const std::string key = PassportKey(StringAt(p, "nationality").value_or(""), *number);
    auto [it, fresh] = seen.emplace(key, i);
    if (!fresh) {
      out.push_back({Path(i, "passport_number"),
                     i18n::T("invitation.rule.duplicate_invitee.same_passport",
                             {{"number", Number(i)}, {"earlier", Number(it->second)}})});
    }
  }
  return out;
}

std::vector<Violation> CheckMrz(const RuleContext& ctx) {
  std::vector<Violation> out;
  const Json* invitees = ListAt(ctx.data, "invitees");
  if (!invitees) return out;
  for (std::size_t i = 0; i < invitees->size(); ++i) {
    const Json& p = (*invitees)[i];
    const std::string text = StringAt(p, "mrz").value_or("");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    const auto mrz = validate::ParseMrzTd3(text);
    auto fail = [&](const char* key, i18n::Args args = {}) {
      out.push_back({Path(i, "mrz"), i18n::T(std::string("invitation.rule.mrz.") + key, args)});
    };
    if (!mrz) {
      fail("malformed");
      continue;
    }
    if (!mrz->checks.all()) {
      fail("check_digit");
      continue;
    }
    // What the MRZ says must be what was typed.
    std::vector<std::string> differ;
    const std::string number = StringAt(p, "passport_number").value_or("");
    if (PassportKey("", number) != PassportKey("", mrz->passport_number))
      differ.push_back("passport_number");
    const std::string nationality = StringAt(p, "nationality").value_or("");
    if (!nationality.empty() && IcaoCode(nationality) != mrz->nationality)
      differ.push_back("nationality");
    if (auto birth = StringAt(p, "birth_date"); birth && Yymmdd(*birth) != mrz->birth_date)
      differ.push_back("birth_date");
    if (auto expiry = StringAt(p, "passport_expiry"); expiry && Yymmdd(*expiry) != mrz->expiry_date)
      differ.push_back("passport_expiry");
    if (auto sex = StringAt(p, "sex"); sex && sex->size() == 1 && (*sex)[0] != mrz->sex)
      differ.push_back("sex");
    if (!differ.empty()) {
      std::string zh, en;
      for (const auto& f : differ) {
        const i18n::Text label = i18n::T("invitation.field." + f);
        zh += (zh.empty() ? "" : "、") + label.zh;
        en += (en.empty() ? "" : ", ") + label.en;
      }
      Violation v{Path(i, "mrz"), i18n::T("invitation.rule.mrz.differs", {{"number", Number(i)}})};
      v.message.zh += zh + "。";
      v.message.en += en + ".";
      out.push_back(std::move(v));
    }
  }
  return out;
}

std::vector<Violation> CheckInviterUscc(const RuleContext& ctx) {
  const Json* inviter = Member(ctx.data, "inviter");
  if (!inviter) return {};
  const auto code = StringAt(*inviter, "uscc");
  if (!code || code->empty()) return {};
  switch (validate::CheckUscc(*code)) {
    case validate::UsccCheck::kValid:
      return {};
    case validate::UsccCheck::kBadFormat:
      return {{"inviter.uscc", i18n::T("invitation.rule.inviter_uscc.malformed")}};
    case validate::UsccCheck::kBadCheckDigit:
      return {{"inviter.uscc", i18n::T("invitation.rule.inviter_uscc.check_digit")}};
  }
  return {};
}

void RegisterRules(cases::Registry& registry) {
  const cases::Registry::NamedRule rules[] = {
      {"invitation.dates", CheckDates},
      {"invitation.passport_validity", CheckPassportValidity},
      {"invitation.multiple_entry_history", CheckMultipleEntryHistory},
      {"invitation.duplicate_invitee", CheckDuplicateInvitee},
      {"invitation.mrz", CheckMrz},
      {"invitation.inviter_uscc", CheckInviterUscc},
  };
  static_assert(std::size(rules) == std::size(kRuleIds));
  registry.AddRules("invitation", rules);
}

}  // namespace waishi::invitation
