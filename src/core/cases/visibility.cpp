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

// A user-owned type's cases shared by the caller's organization (an enterprise's colleagues).
bool SharesWithin(const auth::Principal& who, const CaseType& type) {
  const auto& kinds = type.owner.shared_within;
  return who.org_id != 0 && std::find(kinds.begin(), kinds.end(), who.org_kind) != kinds.end();
}

}  // namespace

bool HasOwnerRole(const auth::Principal& who, const CaseType& type) {
  return HasAnyOf(who, type.owner.roles) && (!type.owner.desk_only || who.OnDesk(type.desk));
}

bool IsOwnerSide(const auth::Principal& who, const CaseType& type, const CaseRecord& c) {
  if (!HasOwnerRole(who, type)) return false;
  if (type.owner.kind == OwnerDef::Kind::kUser)
    return who.user_id == c.applicant_id || (SharesWithin(who, type) && who.org_id == c.org_id);
  return who.org_id == c.org_id;
}

bool CanSee(const auth::Principal& who, const CaseType& type, const CaseRecord& c) {
  if (IsOwnerSide(who, type, c)) return true;
  if (type.IsPrivate(c.state)) return false;
  return IsParentReviewer(who, type, c) || IsDeskStaff(who, type) || who.ReadsEverything();
}

bool TakesPart(const auth::Principal& who, const CaseType& type, const CaseRecord& c) {
  if (IsOwnerSide(who, type, c)) return true;
  if (type.IsPrivate(c.state)) return false;
  return IsParentReviewer(who, type, c) || IsDeskStaff(who, type);
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
      return CanSee(who, type, c);
  }
  return false;
}

std::vector<std::string> AllowedActions(const auth::Principal& who, const CaseType& type,
                                        const CaseRecord& c,
                                        const std::vector<TransitionDef>& transitions,
                                        std::string_view state) {
  std::vector<std::string> out;
  for (const auto& t : transitions) {
    if (std::find(t.from.begin(), t.from.end(), state) == t.from.end()) continue;
    if (MayTake(who, type, t, c) && std::find(out.begin(), out.end(), t.action) == out.end())
      out.push_back(t.action);
  }
  return out;
}

std::vector<std::string> AllowedActions(const auth::Principal& who, const CaseType& type,
                                        const CaseRecord& c) {
  return AllowedActions(who, type, c, type.transitions, c.state);
}

std::string VisibleCondition(const auth::Principal& who, const std::vector<const CaseType*>& types,
                             db::Params& binds, std::string_view type_column,
                             bool* by_type_and_state) {
  bool type_and_state = true;
  const std::string type_is = std::string(type_column) + " = ";
  // Out of the owner's private states, as a condition on (type, state) alone: the index on
  // (type, state, id) answers it, and a count over a million cases reads no table row.
  int n = 0;
  auto shared = [&](const CaseType& t) {
    std::string cond = "(" + type_is + db::Bind(binds, "vt" + std::to_string(n++), t.type);
    if (!t.owner.private_states.empty()) {
      std::string list;
      for (const auto& st : t.owner.private_states)
        list += (list.empty() ? "" : ", ") + db::Bind(binds, "vp" + std::to_string(n++), st);
      cond += " AND c.state NOT IN (" + list + ")";
    }
    return cond + ")";
  };
  std::vector<std::string> any;
  for (const CaseType* t : types) {
    if (HasOwnerRole(who, *t)) {
      const bool by_user = t->owner.kind == OwnerDef::Kind::kUser && !SharesWithin(who, *t);
      const std::string owner =
          by_user ? "c.applicant_id = " + db::Bind(binds, "vu" + std::to_string(n++), who.user_id)
                  : "c.org_id = " + db::Bind(binds, "vo" + std::to_string(n++), who.org_id);
      any.push_back("(" + owner + " AND " + type_is +
                    db::Bind(binds, "vt" + std::to_string(n++), t->type) + ")");
      type_and_state = false;
    }
    if (who.ReadsEverything() || IsDeskStaff(who, *t)) {
      any.push_back(shared(*t));
    } else if (t->parent_reviews && who.org_id != 0 && HasAnyOf(who, ParentRoles(*t))) {
      any.push_back("(c.org_id IN (SELECT id FROM organizations WHERE parent_id = " +
                    db::Bind(binds, "vpar" + std::to_string(n++), who.org_id) + ") AND " +
                    shared(*t) + ")");
      type_and_state = false;
    }
  }
  if (by_type_and_state) *by_type_and_state = type_and_state;
  std::string out;
  for (const auto& a : any) out += (out.empty() ? "" : " OR ") + a;
  return out.empty() ? "" : "(" + out + ")";
}

}  // namespace waishi::cases
