// The accounts and reference routes against a real SQLite database, through the same
// dispatcher the server uses (no network).
#include "core/auth/accounts.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include <unistd.h>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/credentials.h"
#include "core/calendar/holidays.h"
#include "core/db/scratch_database.h"
#include "core/http/dispatch.h"
#include "core/reference/routes.h"

namespace waishi::accounts {
namespace {

constexpr const char* kValidUscc = "91350100M000100Y43";         // PRODUCT.md's test vector
constexpr const char* kBadCheckUscc = "91350100M000100Y44";      // same, wrong check character
constexpr const char* kAdminPassword = "correct horse battery";  // >= 10 characters

class AccountsRoutes : public db::CoreDatabaseTest {
 protected:
  void SetUp() override {
    CoreDatabaseTest::SetUp();
    if (IsSkipped()) return;
    app_ = std::make_unique<App>(App{*db_, router_});
    auth::Register(*app_);
    Register(*app_);
    reference::Register(*app_);
    audit::Register(*app_);
    db_->Write([&](db::Session& s) {
      office_ = CreateOrganization(s, {"office", "外事办公室", "Foreign Affairs Office", "", 0});
      enterprise_ = CreateOrganization(s, {"enterprise", "测试企业", "Test Co.", kValidUscc, 0});
      other_enterprise_ = CreateOrganization(s, {"enterprise", "另一企业", "Other Co.", "", 0});
      NewUser admin;
      admin.username = "admin";
      admin.password = kAdminPassword;
      admin.display_name = "管理员";
      admin.email = "admin@example.org";
      admin.org_id = office_;
      admin.roles = {"admin"};
      CreateUser(s, admin);
      NewUser ent = admin;
      ent.username = "entadmin";
      ent.display_name = "企业管理员";
      ent.org_id = enterprise_;
      ent.roles = {"enterprise_admin"};
      CreateUser(s, ent);
      calendar::SeedChineseHolidays(s);
    });
  }
  struct Session {
    std::string cookie;
    std::string csrf;
  };

  http::Response Call(http::Method method, const std::string& target, const std::string& body = "",
                      const Session* session = nullptr) {
    http::Request req;
    req.method = method;
    const auto qmark = target.find('?');
    req.path = target.substr(0, qmark);
    if (qmark != std::string::npos) req.query = http::ParseQuery(target.substr(qmark + 1));
    req.body = body;
    req.remote_ip = "127.0.0.1";
    req.request_id = "test";
    req.headers["content-type"] = "application/json";
    if (session) {
      req.cookies[std::string(auth::kSessionCookie)] = session->cookie;
      req.headers["x-csrf-token"] = session->csrf;
    }
    static const http::StaticFiles no_static("");
    return http::Dispatch(router_, req, no_static, 1 << 20, false);
  }

  Session Login(const std::string& username, const std::string& password = kAdminPassword) {
    auto r = Call(http::Method::kPost, "/api/v1/auth/login",
                  Json{{"username", username}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    Session s;
    s.csrf = Json::parse(r.body).at("csrf_token");
    for (const auto& [name, value] : r.headers) {
      if (name != "Set-Cookie") continue;
      const auto start = value.find('=') + 1;
      s.cookie = value.substr(start, value.find(';') - start);
    }
    return s;
  }

  // A user of the office with `roles` and the test's password; returns their id.
  long long AddUser(const std::string& username, std::vector<std::string> roles) {
    return db_->Write([&](db::Session& s) {
      NewUser u;
      u.username = username;
      u.password = kAdminPassword;
      u.display_name = username;
      u.org_id = office_;
      u.roles = std::move(roles);
      return CreateUser(s, u);
    });
  }

  int Count(const std::string& sql, const db::Params& params = {}) {
    return static_cast<int>(
        db_->Read([&](db::Session& s) { return s.Int(sql, params).value_or(0); }));
  }

  static Json Body(const http::Response& r) { return Json::parse(r.body); }
  static Json FirstDetail(const http::Response& r) { return Body(r)["error"]["details"][0]; }

  int AuditCount(const std::string& action) {
    return db_->Read([&](db::Session& s) {
      int n = 0;
      n = s.Int("SELECT COUNT(*) FROM audit_log WHERE action = :a", {{"a", action}}).value_or(0);
      return n;
    });
  }

  http::Router router_;
  std::unique_ptr<App> app_;
  long long office_ = 0, enterprise_ = 0, other_enterprise_ = 0;
};

using http::Method;

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

TEST_P(AccountsRoutes, CreateEnterpriseWithValidUscc) {
  auto admin = Login("admin");
  auto r = Call(Method::kPost, "/api/v1/organizations",
                Json{{"kind", "enterprise"},
                     {"name_zh", "宁波某公司"},
                     {"name_en", "Ningbo Co."},
                     {"uscc", "91330200ma2ab1234y"},
                     {"parent_id", office_}}
                    .dump(),
                &admin);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["uscc"], "91330200MA2AB1234Y");  // upper-cased
  EXPECT_EQ(Body(r)["uscc_check"], "valid");
  EXPECT_EQ(Body(r)["parent_id"], office_);
  EXPECT_TRUE(Body(r)["warnings"].empty());
  EXPECT_EQ(AuditCount("organization.create"), 1);
}

TEST_P(AccountsRoutes, WrongUsccCheckCharacterIsAWarningNotARefusal) {
  auto admin = Login("admin");
  auto r = Call(Method::kPost, "/api/v1/organizations",
                Json{{"kind", "enterprise"},
                     {"name_zh", "试点企业"},
                     {"name_en", "Pilot Co."},
                     {"uscc", kBadCheckUscc}}
                    .dump(),
                &admin);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["uscc_check"], "invalid");
  ASSERT_EQ(Body(r)["warnings"].size(), 1u);
  EXPECT_EQ(Body(r)["warnings"][0]["field"], "uscc");
  EXPECT_EQ(Body(r)["warnings"][0]["rule"], "format.uscc");
  EXPECT_EQ(Body(r)["warnings"][0]["severity"], "warning");
}

TEST_P(AccountsRoutes, OrganizationValidation) {
  auto admin = Login("admin");
  auto post = [&](Json body) {
    return Call(Method::kPost, "/api/v1/organizations", body.dump(), &admin);
  };
  auto r = post(
      {{"kind", "enterprise"}, {"name_zh", "甲"}, {"name_en", "A"}, {"uscc", "91350100M000100Y4"}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["field"], "uscc");
  EXPECT_EQ(FirstDetail(r)["rule"], "format.uscc");
  r = post({{"kind", "enterprise"}, {"name_zh", "甲"}, {"name_en", "A"}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["field"], "uscc");
  EXPECT_EQ(FirstDetail(r)["rule"], "required");
  r = post({{"kind", "club"}, {"name_zh", ""}, {"name_en", "A"}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(Body(r)["error"]["details"].size(), 2u);
  r = post(
      {{"kind", "district"}, {"name_zh", "甲区"}, {"name_en", "A District"}, {"parent_id", 999}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["field"], "parent_id");
  r = post({{"kind", "enterprise"}, {"name_zh", "甲"}, {"name_en", "A"}, {"uscc", kValidUscc}});
  ASSERT_EQ(r.status, 422);  // the code is already another organization's
  EXPECT_EQ(FirstDetail(r)["rule"], "unique");
  r = post({{"kind", "district"}, {"name_zh", "甲区"}, {"name_en", "A"}, {"color", "red"}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["field"], "color");
}

TEST_P(AccountsRoutes, PatchOrganizationRefusesACycle) {
  auto admin = Login("admin");
  auto r = Call(Method::kPatch, "/api/v1/organizations/" + std::to_string(enterprise_),
                Json{{"parent_id", office_}}.dump(), &admin);
  ASSERT_EQ(r.status, 200) << r.body;
  r = Call(Method::kPatch, "/api/v1/organizations/" + std::to_string(office_),
           Json{{"parent_id", enterprise_}}.dump(), &admin);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(FirstDetail(r)["rule"], "cycle");
  r = Call(Method::kPatch, "/api/v1/organizations/99999", Json{{"name_en", "X"}}.dump(), &admin);
  EXPECT_EQ(r.status, 404);
}

TEST_P(AccountsRoutes, OrganizationVisibility) {
  auto admin = Login("admin");
  auto ent = Login("entadmin");
  auto r = Call(Method::kGet, "/api/v1/organizations?kind=enterprise&q=test", "", &admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["total"], 1);
  EXPECT_EQ(Body(r)["items"][0]["name_en"], "Test Co.");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/organizations?kind=club", "", &admin).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/organizations", "", &ent).status, 403);
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/organizations/" + std::to_string(enterprise_), "", &ent).status,
      200);
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/organizations/" + std::to_string(other_enterprise_), "", &ent)
          .status,
      404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/organizations/" + std::to_string(enterprise_)).status, 401);
}

// ---------------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------------

TEST_P(AccountsRoutes, CreateUserAndItsRules) {
  auto admin = Login("admin");
  Json user{{"username", "zhang.hao"}, {"password", "Initial-Passw0rd"},
            {"display_name", "张昊"},  {"email", "zh@example.org"},
            {"org_id", enterprise_},   {"roles", {"enterprise_user", "enterprise_user"}}};
  auto r = Call(Method::kPost, "/api/v1/users", user.dump(), &admin);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["roles"], Json({"enterprise_user"}));
  EXPECT_EQ(Body(r)["locale"], "zh-CN");
  EXPECT_EQ(r.body.find("password"), std::string::npos);
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);

  r = Call(Method::kPost, "/api/v1/users", user.dump(), &admin);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["rule"], "unique");

  user["username"] = "Bad Name";
  user["password"] = "short";
  user["roles"] = {"emperor"};
  user["email"] = "not-an-address";
  r = Call(Method::kPost, "/api/v1/users", user.dump(), &admin);
  ASSERT_EQ(r.status, 422);
  std::set<std::string> fields;
  const Json details = Body(r)["error"]["details"];
  for (const auto& d : details) fields.insert(d["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"username", "password", "roles[0]", "email"}));
  EXPECT_EQ(AuditCount("user.create"), 1);
}

TEST_P(AccountsRoutes, EnterpriseAdminCreatesOnlyEnterpriseUsersOfTheirOwn) {
  auto ent = Login("entadmin");
  Json user{{"username", "li.si"},
            {"password", "Initial-Passw0rd"},
            {"display_name", "李四"},
            {"roles", {"enterprise_user"}}};
  auto r = Call(Method::kPost, "/api/v1/users", user.dump(), &ent);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["org_id"], enterprise_);
  user["username"] = "wang.wu";
  user["roles"] = {"officer"};
  EXPECT_EQ(Call(Method::kPost, "/api/v1/users", user.dump(), &ent).status, 403);
  user["roles"] = {"enterprise_user"};
  user["org_id"] = other_enterprise_;
  r = Call(Method::kPost, "/api/v1/users", user.dump(), &ent);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["field"], "org_id");

  // Their list holds their organization's users only, and is audited as a read.
  r = Call(Method::kGet, "/api/v1/users", "", &ent);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["total"], 2);
  const Json users = Body(r)["items"];
  for (const auto& u : users) EXPECT_EQ(u["org_id"], enterprise_);
  EXPECT_EQ(AuditCount("user.read"), 1);
}

TEST_P(AccountsRoutes, ListAndPatchUsers) {
  auto admin = Login("admin");
  auto r = Call(Method::kGet, "/api/v1/users?role=admin", "", &admin);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(Body(r)["total"], 1);
  const long long admin_id = Body(r)["items"][0]["id"];
  r = Call(Method::kGet, "/api/v1/users?q=ENTADM", "", &admin);
  ASSERT_EQ(Body(r)["total"], 1);
  const long long ent_id = Body(r)["items"][0]["id"];
  EXPECT_EQ(Call(Method::kGet, "/api/v1/users?role=emperor", "", &admin).status, 400);

  // An administrator cannot lock themselves out.
  r = Call(Method::kPatch, "/api/v1/users/" + std::to_string(admin_id),
           Json{{"active", false}}.dump(), &admin);
  EXPECT_EQ(r.status, 422);
  r = Call(Method::kPatch, "/api/v1/users/" + std::to_string(admin_id),
           Json{{"roles", {"auditor"}}}.dump(), &admin);
  EXPECT_EQ(r.status, 422);

  // Deactivating a user ends their sessions.
  auto ent = Login("entadmin");
  r = Call(
      Method::kPatch, "/api/v1/users/" + std::to_string(ent_id),
      Json{{"active", false}, {"display_name", "已离职"}, {"password", "A-new-passw0rd"}}.dump(),
      &admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["active"], false);
  EXPECT_EQ(Body(r)["display_name"], "已离职");
  EXPECT_EQ(AuditCount("user.update"), 1);
  db_->Read([&](db::Session& s) {
    int open = 0;
    open = s.Int("SELECT COUNT(*) FROM sessions WHERE user_id = :id AND revoked_at IS NULL",
                 {{"id", ent_id}})
               .value_or(0);
    EXPECT_EQ(open, 0);
  });
  EXPECT_EQ(Call(Method::kPatch, "/api/v1/users/99999", "{}", &admin).status, 404);
}

// ---------------------------------------------------------------------------------------------
// The accounts of MLPS level 3: forced change, self-service change, history, sessions
// ---------------------------------------------------------------------------------------------

TEST_P(AccountsRoutes, TheHistoryKeepsTheCurrentPasswordAndTheFourBefore) {
  const long long id = db_->Read([](db::Session& s) {
    return s.Int("SELECT id FROM users WHERE username = 'entadmin'").value_or(0);
  });
  db_->Write([&](db::Session& s) {
    for (int i = 1; i <= 6; ++i) auth::ReplacePassword(s, id, "hash-" + std::to_string(i), false);
  });
  db_->Read([&](db::Session& s) {
    const auto recent = auth::RecentPasswordHashes(s, id);
    EXPECT_EQ(recent, (std::vector<std::string>{"hash-6", "hash-5", "hash-4", "hash-3", "hash-2"}));
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM password_history WHERE user_id = :id", {{"id", id}}), 4);
  });
}

TEST_P(AccountsRoutes, AnAccountTheAdminCreatedChangesItsPasswordFirst) {
  auto admin = Login("admin");
  Json user{{"username", "zhao.liu"},
            {"password", "Initial-Passw0rd"},
            {"display_name", "赵六"},
            {"org_id", enterprise_},
            {"roles", {"enterprise_admin"}}};
  ASSERT_EQ(Call(Method::kPost, "/api/v1/users", user.dump(), &admin).status, 201);
  auto zhao = Login("zhao.liu", "Initial-Passw0rd");
  auto r = Call(Method::kGet, "/api/v1/me", "", &zhao);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["user"]["must_change_password"], true);
  r = Call(Method::kGet, "/api/v1/users", "", &zhao);
  ASSERT_EQ(r.status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "password_change_required");

  const auto change = [&](const std::string& current, const std::string& next) {
    return Call(Method::kPost, "/api/v1/me/password",
                Json{{"current_password", current}, {"new_password", next}}.dump(), &zhao);
  };
  r = change("Wrong-Passw0rd", "Second-Passw0rd");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "wrong_password");
  r = change("Initial-Passw0rd", "Initial-Passw0rd");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["rule"], "password.history");
  r = change("Initial-Passw0rd", "My-zhao.liu-pass1");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["field"], "new_password");
  EXPECT_EQ(FirstDetail(r)["rule"], "password.username");
  EXPECT_EQ(AuditCount("account.password.change"), 0);

  auto other = Login("zhao.liu", "Initial-Passw0rd");
  r = change("Initial-Passw0rd", "Second-Passw0rd");
  ASSERT_EQ(r.status, 204) << r.body;
  r = Call(Method::kGet, "/api/v1/me", "", &zhao);
  EXPECT_EQ(Body(r)["user"]["must_change_password"], false);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/users", "", &zhao).status, 200);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &other).status, 401) << "others revoked";
  EXPECT_EQ(AuditCount("account.password.change"), 1);

  // An admin's reset: the policy, then the flag again.
  const long long id = Body(r)["user"]["id"];
  r = Call(Method::kPatch, "/api/v1/users/" + std::to_string(id),
           Json{{"password", "Reset-Passw0rd-9"}}.dump(), &admin);
  EXPECT_EQ(r.status, 200) << r.body;
  r = Call(Method::kPatch, "/api/v1/users/" + std::to_string(id),
           Json{{"password", "Second-Passw0rd"}}.dump(), &admin);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["rule"], "password.history");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &zhao).status, 401) << "the reset revoked it";
  zhao = Login("zhao.liu", "Reset-Passw0rd-9");
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/me", "", &zhao))["user"]["must_change_password"],
            true);
}

TEST_P(AccountsRoutes, OwnSessionsAreListedAndRevokedOneByOne) {
  auto first = Login("admin");
  auto second = Login("admin");
  auto ent = Login("entadmin");
  auto r = Call(Method::kGet, "/api/v1/me/sessions", "", &first);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json items = Body(r)["items"];
  ASSERT_EQ(items.size(), 2u);
  long long other_id = 0;
  for (const auto& item : items) {
    if (!item["current"].get<bool>()) other_id = item["id"];
    EXPECT_EQ(item["ip"], "127.0.0.1");
  }
  ASSERT_NE(other_id, 0);
  EXPECT_EQ(r.body.find(first.cookie), std::string::npos);
  // entadmin cannot name admin's session.
  EXPECT_EQ(
      Call(Method::kDelete, "/api/v1/me/sessions/" + std::to_string(other_id), "", &ent).status,
      404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &second).status, 200);
  EXPECT_EQ(
      Call(Method::kDelete, "/api/v1/me/sessions/" + std::to_string(other_id), "", &first).status,
      204);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &second).status, 401);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &first).status, 200);
  EXPECT_EQ(AuditCount("account.session.revoke"), 1);
}

TEST_P(AccountsRoutes, AnIdleSessionAndOnePastItsLifetimeEnd) {
  auto idle = Login("admin");
  auto old = Login("entadmin");
  db_->Write([](db::Session& s) {
    s.Exec(
        "UPDATE sessions SET last_seen_at = '2020-01-01T00:00:00.000Z' WHERE user_id = "
        "(SELECT id FROM users WHERE username = 'admin')");
    s.Exec(
        "UPDATE sessions SET created_at = '2020-01-01T00:00:00.000Z' WHERE user_id = "
        "(SELECT id FROM users WHERE username = 'entadmin')");
  });
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &idle).status, 401);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &old).status, 401);
  auto fresh = Login("admin");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &fresh).status, 200);
}

// ---------------------------------------------------------------------------------------------
// Separation of duties (core/auth/duties.h)
// ---------------------------------------------------------------------------------------------

TEST_P(AccountsRoutes, TheSystemAdministratorCreatesAccountsTheSecurityAdministratorGivesRoles) {
  const long long sec_id = AddUser("secadmin", {"security_admin"});
  AddUser("auditadmin", {"audit_admin"});
  auto admin = Login("admin");
  auto sec = Login("secadmin");
  auto audit = Login("auditadmin");
  Json user = {{"username", "new.officer"},
               {"password", "Long-Passw0rd-1"},
               {"display_name", "新科员"},
               {"org_id", office_},
               {"roles", {"officer"}}};
  // An office role from the system administrator: refused, nothing created.
  auto r = Call(Method::kPost, "/api/v1/users", user.dump(), &admin);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE username = 'new.officer'"), 0);
  // Without a role, the account is made; the security administrator gives the role.
  user.erase("roles");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/users", user.dump(), &sec).status, 403);
  r = Call(Method::kPost, "/api/v1/users", user.dump(), &admin);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["roles"], Json::array());
  const std::string path = "/api/v1/users/" + std::to_string(Body(r)["id"].get<long long>());
  EXPECT_EQ(Call(Method::kPatch, path, Json{{"roles", {"officer"}}}.dump(), &admin).status, 422);
  EXPECT_EQ(Call(Method::kPut, path + "/roles", Json{{"roles", {"officer"}}}.dump(), &admin).status,
            403);
  EXPECT_EQ(Call(Method::kPut, path + "/roles", Json{{"roles", {"officer"}}}.dump(), &audit).status,
            403);
  EXPECT_EQ(Call(Method::kPatch, path, Json{{"display_name", "X"}}.dump(), &audit).status, 403);
  r = Call(Method::kPut, path + "/roles", Json{{"roles", {"officer"}}}.dump(), &sec);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["roles"], Json({"officer"}));
  EXPECT_EQ(AuditCount("user.update"), 1);

  // Two duties on one account, or one's own roles: refused with the rule, nothing written.
  r = Call(Method::kPut, path + "/roles", Json{{"roles", {"admin", "audit_admin"}}}.dump(), &sec);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(FirstDetail(r)["rule"], "separation_of_duties");
  r = Call(Method::kPut, path + "/roles", Json{{"roles", {"auditor", "security_admin"}}}.dump(),
           &sec);
  EXPECT_EQ(FirstDetail(r)["rule"], "separation_of_duties");
  r = Call(Method::kPut, "/api/v1/users/" + std::to_string(sec_id) + "/roles",
           Json{{"roles", {"officer"}}}.dump(), &sec);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(FirstDetail(r)["rule"], "self");
  EXPECT_EQ(AuditCount("user.update"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_changes"), 0);

  // The policies are the security administrator's, the audit log the audit administrator's.
  EXPECT_EQ(Call(Method::kGet, "/api/v1/audit", "", &admin).status, 403);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/audit", "", &sec).status, 403);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/audit", "", &audit).status, 200);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/audit/verify", "", &audit).status, 200);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/users", "", &audit).status, 403);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/users", "", &sec).status, 200);
}

TEST_P(AccountsRoutes, AChangeToAnAdministratorsAccountWaitsForAnotherAdministrator) {
  const long long audit_id = AddUser("auditadmin", {"audit_admin"});
  const long long sec_id = AddUser("secadmin", {"security_admin"});
  AddUser("admin2", {"admin"});
  auto admin = Login("admin");
  auto sec = Login("secadmin");
  const std::string audit_path = "/api/v1/users/" + std::to_string(audit_id);

  // A password reset of the audit administrator: recorded, not applied.
  auto r = Call(Method::kPatch, audit_path, Json{{"password", "Another-L0ng-one"}}.dump(), &admin);
  ASSERT_EQ(r.status, 202) << r.body;
  const Json change = Body(r);
  EXPECT_EQ(change["state"], "pending");
  EXPECT_EQ(change["changes"], Json({{"password", "changed"}}));
  EXPECT_EQ(change["user"]["id"], audit_id);
  EXPECT_EQ(change["proposed_by"]["username"], "admin");
  EXPECT_EQ(AuditCount("account_change.propose"), 1);
  EXPECT_EQ(AuditCount("user.update"), 0);
  Login("auditadmin");  // the old password still signs in
  // One pending change per account.
  r = Call(Method::kPatch, audit_path, Json{{"active", false}}.dump(), &admin);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Body(r)["error"]["code"], "change_pending");
  // Not by its proposer.
  const std::string confirm =
      "/api/v1/account-changes/" + std::to_string(change["id"].get<long long>());
  r = Call(Method::kPost, confirm + "/confirm", "", &admin);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "own_change");
  EXPECT_EQ(Call(Method::kPost, confirm + "/reject", "", &admin).status, 403);
  r = Call(Method::kGet, "/api/v1/account-changes?state=pending", "", &sec);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["total"], 1);
  // Another administrator applies it: the new password signs in, its hash is kept nowhere else.
  r = Call(Method::kPost, confirm + "/confirm", "", &sec);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["state"], "applied");
  EXPECT_EQ(Body(r)["decided_by"]["username"], "secadmin");
  EXPECT_EQ(AuditCount("account_change.confirm"), 1);
  EXPECT_EQ(AuditCount("user.update"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_changes WHERE password_hash IS NOT NULL"), 0);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/login",
                 Json{{"username", "auditadmin"}, {"password", "Another-L0ng-one"}}.dump())
                .status,
            200);
  r = Call(Method::kPost, confirm + "/confirm", "", &sec);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Body(r)["error"]["code"], "change_decided");

  // Making someone an administrator waits too; the account's holder does not decide it.
  const long long plain = AddUser("plain", {});
  r = Call(Method::kPut, "/api/v1/users/" + std::to_string(plain) + "/roles",
           Json{{"roles", {"admin"}}}.dump(), &sec);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM user_roles WHERE user_id = :id", {{"id", plain}}), 0);
  r = Call(Method::kPost,
           "/api/v1/account-changes/" + std::to_string(Body(r)["id"].get<long long>()) + "/confirm",
           "", &admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM user_roles WHERE user_id = :id AND role = 'admin'",
                  {{"id", plain}}),
            1);
  r = Call(Method::kPatch, "/api/v1/users/" + std::to_string(sec_id),
           Json{{"active", false}}.dump(), &admin);
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string reject =
      "/api/v1/account-changes/" + std::to_string(Body(r)["id"].get<long long>()) + "/reject";
  r = Call(Method::kPost, reject, "", &sec);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "own_change");
  const auto admin2 = Login("admin2");
  r = Call(Method::kPost, reject, "", &admin2);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["state"], "rejected");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE id = :id AND active = 1", {{"id", sec_id}}), 1);
  // A name is not access: applied at once.
  EXPECT_EQ(Call(Method::kPatch, "/api/v1/users/" + std::to_string(sec_id),
                 Json{{"display_name", "安全管理员"}}.dump(), &admin)
                .status,
            200);
}

// ---------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------

TEST_P(AccountsRoutes, HealthOpenApiAndCountriesArePublic) {
  auto r = Call(Method::kGet, "/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["status"], "ok");
  EXPECT_EQ(Body(r)["database"], GetParam() == db::Dialect::kSqlite ? "sqlite" : "postgresql");
  EXPECT_EQ(Body(r)["version"], WAISHI_VERSION);

  r = Call(Method::kGet, "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Body(r)["paths"].contains("/api/v1/users/{id}"));

  r = Call(Method::kGet, "/api/v1/countries");
  ASSERT_EQ(r.status, 200);
  bool has_korea = false;
  const Json countries = Body(r)["items"];
  for (const auto& c : countries) {
    EXPECT_NE(c["code"], "CN");
    if (c["code"] == "KR") {
      has_korea = true;
      EXPECT_EQ(c, Json({{"code", "KR"},
                         {"alpha3", "KOR"},
                         {"name_zh", "韩国"},
                         {"name_en", "South Korea"},
                         {"continent", "AS"}}));
    }
  }
  EXPECT_TRUE(has_korea);
}

TEST_P(AccountsRoutes, PassportNameTool) {
  EXPECT_EQ(Call(Method::kGet, "/api/v1/tools/passport-name?name=%E5%BC%A0%E6%98%8A").status, 401);
  auto admin = Login("admin");
  auto r = Call(Method::kGet, "/api/v1/tools/passport-name?name=%E5%BC%A0%E6%98%8A", "", &admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["passport_name"], "ZHANG HAO");
  r = Call(Method::kGet, "/api/v1/tools/passport-name?name=", "", &admin);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["field"], "name");
  r = Call(Method::kGet, "/api/v1/tools/passport-name?name=" + std::string(51, 'a'), "", &admin);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["rule"], "max_length");
}

TEST_P(AccountsRoutes, HolidayCalendar) {
  auto admin = Login("admin");
  auto ent = Login("entadmin");
  auto r = Call(Method::kGet, "/api/v1/holidays?year=2026", "", &ent);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(Body(r)["items"].size(), 39u);
  EXPECT_EQ(Body(r)["items"][0], Json({{"date", "2026-01-01"},
                                       {"kind", "holiday"},
                                       {"name_zh", "元旦"},
                                       {"name_en", "New Year's Day"}}));
  EXPECT_EQ(Call(Method::kGet, "/api/v1/holidays?year=20x6", "", &ent).status, 400);

  const std::string day =
      Json{{"kind", "holiday"}, {"name_zh", "测试日"}, {"name_en", "Test day"}}.dump();
  EXPECT_EQ(Call(Method::kPut, "/api/v1/holidays/2026-12-31", day, &ent).status, 403);
  r = Call(Method::kPut, "/api/v1/holidays/2026-12-31", day, &admin);
  ASSERT_EQ(r.status, 200) << r.body;
  r = Call(Method::kPut, "/api/v1/holidays/2026-02-30", day, &admin);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["field"], "date");
  r = Call(Method::kPut, "/api/v1/holidays/2026-12-30", Json{{"kind", "vacation"}}.dump(), &admin);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(FirstDetail(r)["field"], "kind");
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/holidays?year=2026", "", &ent))["items"].size(), 40u);

  EXPECT_EQ(Call(Method::kDelete, "/api/v1/holidays/2026-12-31", "", &admin).status, 204);
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/holidays/2026-12-31", "", &admin).status, 404);
  EXPECT_EQ(AuditCount("holiday.put"), 1);
  EXPECT_EQ(AuditCount("holiday.delete"), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, AccountsRoutes, db::kBothEngines, db::EngineName);

}  // namespace
}  // namespace waishi::accounts
