// Case types for the engine's own tests: no module's, written to exercise what a definition
// may declare. A citizen-owned, desk-routed visa-like type (owner user, desk "visa", a
// calendar-day deadline from a date field, a warning rule, a transition that writes one
// field) and an enterprise-owned type reviewed by the parent organization first (a route
// picks the branch from a fact). Header-only, for *_test.cpp.
#pragma once

#include <vector>

#include "core/cases/registry.h"
#include "core/error.h"

namespace waishi::cases::testing {

inline constexpr const char* kCitizenType = R"({
  "type": "test_visa", "label": {"zh": "签证", "en": "Visa"}, "desk": "visa", "policy": "test_visa",
  "numbering": "甬外签〔{year}〕{seq:4}号",
  "owner": {"kind": "user", "roles": ["citizen"], "private_states": ["draft"]},
  "fields": [
    {"name": "destination", "type": "country", "required": true, "label": {"zh": "目的地", "en": "Destination"}},
    {"name": "entry_date", "type": "date", "required": true, "label": {"zh": "入境日期", "en": "Entry date"}},
    {"name": "fee", "type": "money", "label": {"zh": "费用", "en": "Fee"}},
    {"name": "collected_by", "type": "text", "label": {"zh": "领取人", "en": "Collected by"}}
  ],
  "states": [
    {"name": "draft", "label": {"zh": "草稿", "en": "Draft"}},
    {"name": "review", "label": {"zh": "审核", "en": "Review"}},
    {"name": "ready", "label": {"zh": "待领取", "en": "Ready"}, "decision": true},
    {"name": "collected", "label": {"zh": "已领取", "en": "Collected"}, "terminal": true}
  ],
  "editable_states": ["draft"],
  "transitions": [
    {"action": "submit", "from": "draft", "to": "review", "scope": "owner", "roles": ["citizen"],
     "rules": ["test.not_antarctica"], "label": {"zh": "提交", "en": "Submit"}},
    {"action": "approve", "from": "review", "to": "ready", "scope": "desk", "roles": ["officer"],
     "rules": ["test.soon"], "label": {"zh": "通过", "en": "Approve"}},
    {"action": "collect", "from": "ready", "to": "collected", "scope": "desk", "roles": ["officer"],
     "writes": ["collected_by"], "label": {"zh": "领取", "en": "Collect"}}
  ],
  "deadlines": [
    {"name": "sla", "label": {"zh": "时限", "en": "SLA"}, "runs_in": ["review"], "length": 5, "unit": "working_days"},
    {"name": "collect_by", "label": {"zh": "领取期限", "en": "Collect by"}, "runs_in": ["ready"],
     "length": 10, "length_policy": "collect_days", "unit": "days", "from_field": "entry_date"}
  ]
})";

inline constexpr const char* kParentType = R"({
  "type": "test_grant", "label": {"zh": "补助", "en": "Grant"}, "desk": "grants",
  "numbering": "G-{year}-{seq:3}",
  "owner": {"kind": "organization", "org_kinds": ["enterprise"], "roles": ["enterprise_user"], "private_states": ["draft"]},
  "fields": [{"name": "amount", "type": "money", "required": true, "min": 1, "label": {"zh": "金额", "en": "Amount"}}],
  "states": [
    {"name": "draft", "label": {"zh": "草稿", "en": "Draft"}},
    {"name": "district", "label": {"zh": "区审核", "en": "District"}},
    {"name": "office", "label": {"zh": "办审核", "en": "Office"}},
    {"name": "granted", "label": {"zh": "已批", "en": "Granted"}, "decision": true, "terminal": true}
  ],
  "editable_states": ["draft"],
  "transitions": [
    {"action": "submit", "from": "draft", "to": ["district", "office"], "route": "test.by_fact",
     "scope": "owner", "roles": ["enterprise_user"], "label": {"zh": "提交", "en": "Submit"}},
    {"action": "forward", "from": "district", "to": "office", "scope": "parent", "roles": ["reviewer"],
     "label": {"zh": "转报", "en": "Forward"}},
    {"action": "grant", "from": "office", "to": "granted", "scope": "desk", "roles": ["approver"],
     "label": {"zh": "批准", "en": "Grant"}}
  ],
  "documents": [
    {"kind": "budget", "label": {"zh": "预算表", "en": "Budget sheet"}, "required_for": ["grant"]}
  ],
  "subrecords": [
    {"kind": "milestone", "label": {"zh": "里程碑", "en": "Milestone"},
     "fields": [{"name": "title", "type": "text", "required": true, "max_length": 50,
                 "label": {"zh": "名称", "en": "Title"}}],
     "states": [{"name": "planned", "label": {"zh": "计划", "en": "Planned"}},
                {"name": "verified", "label": {"zh": "已核实", "en": "Verified"}},
                {"name": "refused", "label": {"zh": "不予认可", "en": "Refused"}, "terminal": true}],
     "transitions": [
       {"action": "verify", "from": "planned", "to": "verified", "scope": "desk", "roles": ["approver"],
        "rules": ["test.milestone_named"], "effects": ["test.milestone_log"],
        "label": {"zh": "核实", "en": "Verify"}},
       {"action": "refuse", "from": "planned", "to": "refused", "scope": "desk", "roles": ["approver"],
        "comment_required": true, "label": {"zh": "不予认可", "en": "Refuse"}}],
     "add": {"scope": "owner", "roles": ["enterprise_user"], "in_states": ["draft", "office"]}}
  ]
})";

// What the sub-record effect "test.milestone_log" was given, in order.
inline std::vector<Json>& SubrecordEffectLog() {
  static std::vector<Json> log;
  return log;
}

// Registers the two types and the code they name.
inline void RegisterTestTypes(Registry& r) {
  r.AddDesk({"visa", {"签证", "Visa"}});
  r.AddDesk({"grants", {"补助", "Grants"}});
  r.AddRule("test.not_antarctica", {"非南极", "Not Antarctica"}, [](const RuleContext& ctx) {
    std::vector<Violation> out;
    if (ctx.data.value("destination", "") == "AQ")
      out.push_back({"destination", {"不办理南极签证。", "No visas for Antarctica."}});
    return out;
  });
  // A warning (policy severity): entry within a week of approval.
  r.AddRule("test.soon", {"临近入境", "Entry soon"}, [](const RuleContext& ctx) {
    std::vector<Violation> out;
    auto d = calendar::Date::Parse(ctx.data.value("entry_date", ""));
    if (d && d->days() - ctx.today.days() < 7)
      out.push_back({"entry_date", {"入境日期临近。", "Entry is less than a week away."}});
    return out;
  });
  // A sub-record's rule sees the sub-record among the facts; its effect is given it.
  r.AddRule("test.milestone_named", {"里程碑有名称", "A named milestone"},
            [](const RuleContext& ctx) {
              std::vector<Violation> out;
              if (ctx.facts["subrecord"]["data"].value("title", "") == "待定")
                out.push_back({"title", {"里程碑名称待定。", "The milestone has no name yet."}});
              return out;
            });
  r.AddEffect("test.milestone_log", [](const EffectCall& e) {
    if (e.subrecord) SubrecordEffectLog().push_back(*e.subrecord);
  });
  r.AddRoute("test.by_fact", [](const CaseRecord&, const TransitionDef&, const Json& facts) {
    return std::string(facts.value("fast", false) ? "office" : "district");
  });
  r.AddType(kCitizenType);
  TypeHooks hooks;
  hooks.facts = [](db::Session&, const CaseRecord& c) {
    return Json{{"fast", c.data.value("amount", Json::object()).value("amount", 0) < 1000}};
  };
  r.AddType(kParentType, std::move(hooks));
}

}  // namespace waishi::cases::testing
