#include "core/cases/visibility.h"

#include <algorithm>
#include <set>

namespace waishi::cases {
namespace {

bool HasAnyOf(const auth::Principal& who, const std::vector<std::string>& roles) {
  return std::any_of(roles.begin(), roles.end(), [&](const auto& r) { return who.Has(r); });
}

// Roles of the parent-scope transitions: the reviewers above the owner.
std::vector<std::string> ParentRoles(const CaseType& type) {
  std::vector<std::string> out;
  for (const auto& t : type.transitions) {
    if (t.scope != Scope::kParent) continue;
    for (const auto& r : t.roles) {
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
  }
  return out;
}

bool IsDeskStaff(const auth::Principal& who, const CaseType& type) {
  return who.org_kind == "office" && who.OnDesk(type.desk) && HasAnyOf(who, type.desk_roles);
}

bool IsParentReviewer(const auth::Principal& who, const CaseType& type, const CaseRecord& c) {
  return type.parent_reviews && c.org_parent_id != 0 && who.org_id == c.org_parent_id &&
         HasAnyOf(who, ParentRoles(type));
}

}  // namespace

bool IsOwnerSide(const auth::Principal& who, const CaseType& type, const CaseRecord& c) {
  if (!HasAnyOf(who, type.owner.roles)) return false;
  if (type.owner.kind == OwnerDef::Kind::kUser) return who.user_id == c.applicant_id;
  return who.org_id == c.org_id;
}

bool CanSee(const auth::Principal& who, const CaseType& type, const CaseRecord& c,
            bool owner_only) {
  if (IsOwnerSide(who, type, c)) return true;
  if (owner_only) return false;
  return IsParentReviewer(who, type, c) || IsDeskStaff(who, type) || who.ReadsEverything();
}

bool MayTake(const auth::Principal& who, const CaseType& type, const TransitionDef& t,
             const CaseRecord& c) {
  if (!HasAnyOf(who, t.roles)) return false;
  switch (t.scope) {
    case Scope::kOwner:
      return IsOwnerSide(who, type, c);
    case Scope::kParent:
      return IsParentReviewer(who, type, c);
    case Scope::kDesk:
      return IsDeskStaff(who, type);
    case Scope::kAny:
      return CanSee(who, type, c, type.IsPrivate(c.state));
  }
  return false;
}

std::vector<std::string> AllowedActions(const auth::Principal& who, const CaseType& type,
                                        const CaseRecord& c) {
  std::vector<std::string> out;
  for (const auto& t : type.transitions) {
    if (std::find(t.from.begin(), t.from.end(), c.state) == t.from.end()) continue;
    if (MayTake(who, type, t, c) && std::find(out.begin(), out.end(), t.action) == out.end())
      out.push_back(t.action);
  }
  return out;
}

std::string VisibleCondition(const auth::Principal& who, const std::vector<const CaseType*>& types,
                             db::Binds& binds) {
  // Group the types by what makes a case of them visible to `who`.
  std::vector<std::string> org_owned, user_owned, parent, desk;
  for (const CaseType* t : types) {
    if (HasAnyOf(who, t->owner.roles))
      (t->owner.kind == OwnerDef::Kind::kUser ? user_owned : org_owned).push_back(t->type);
    if (t->parent_reviews && who.org_id != 0 && HasAnyOf(who, ParentRoles(*t)))
      parent.push_back(t->type);
    if (IsDeskStaff(who, *t)) desk.push_back(t->type);
  }
  int n = 0;
  auto in_types = [&](const std::vector<std::string>& names) {
    std::string list;
    for (const auto& name : names)
      list += (list.empty() ? "" : ", ") + binds.Text("vt" + std::to_string(n++), name);
    return "c.type IN (" + list + ")";
  };
  std::vector<std::string> any;
  if (!org_owned.empty())
    any.push_back("(c.org_id = " + binds.Int("vorg", who.org_id) + " AND " + in_types(org_owned) +
                  ")");
  if (!user_owned.empty())
    any.push_back("(c.applicant_id = " + binds.Int("vuser", who.user_id) + " AND " +
                  in_types(user_owned) + ")");
  if (who.ReadsEverything()) {
    any.push_back("c.owner_only = 0");
  } else {
    if (!parent.empty())
      any.push_back(
          "(c.owner_only = 0 AND c.org_id IN (SELECT id FROM organizations WHERE "
          "parent_id = " +
          binds.Int("vparent", who.org_id) + ") AND " + in_types(parent) + ")");
    if (!desk.empty()) any.push_back("(c.owner_only = 0 AND " + in_types(desk) + ")");
  }
  std::string out;
  for (const auto& a : any) out += (out.empty() ? "" : " OR ") + a;
  return out.empty() ? "" : "(" + out + ")";
}

}  // namespace waishi::cases
