// The core's demo: the Foreign Affairs Office of Ningbo, two district bureaux of commerce,
// six Ningbo enterprises, the citizens' organization and a user for every role. Modules
// add their data on top (their Module::demo), e.g. desks for the office's staff.
#include <cstdio>
#include <cstdlib>

#include "core/auth/accounts.h"
#include "core/auth/auth.h"
#include "core/auth/password.h"
#include "core/calendar/holidays.h"
#include "core/i18n/text.h"
#include "core/module.h"
#include "core/platform.h"

namespace waishi::platform {
namespace {

struct DemoOrg {
  const char* key;
  const char* kind;
  const char* name_zh;
  const char* name_en;
  const char* uscc;
  const char* parent;  // key of the parent, or ""
};

// Real district bureaux; the enterprises are invented but named as Ningbo companies are.
constexpr DemoOrg kOrgs[] = {
    {"office", "office", "宁波市人民政府外事办公室",
     "Foreign Affairs Office of the Ningbo Municipal People's Government", "", ""},
    {"haishu", "district", "海曙区商务局", "Haishu District Bureau of Commerce", "", ""},
    {"yinzhou", "district", "鄞州区商务局", "Yinzhou District Bureau of Commerce", "", ""},
    {"citizens", "citizens", "个人用户", "Individual users", "", ""},
    {"ent.0", "enterprise", "宁波智能装备有限公司", "Ningbo Smart Equipment Co., Ltd.",
     "91330203MA2AH1X00J", "haishu"},
    {"ent.1", "enterprise", "宁波港湾家居股份有限公司", "Ningbo Harbour Home Furnishing Co., Ltd.",
     "91330212MA2CJ8T406", "yinzhou"},
    {"ent.2", "enterprise", "宁波东方纺织进出口有限公司",
     "Ningbo Oriental Textiles Import & Export Co., Ltd.", "913302127172615302", "yinzhou"},
    {"ent.3", "enterprise", "宁波甬江电器集团有限公司",
     "Ningbo Yongjiang Electric Appliance Group Co., Ltd.", "91330203144071235H", "haishu"},
    {"ent.4", "enterprise", "宁波中东欧贸易有限公司", "Ningbo CEE Trading Co., Ltd.",
     "91330203MA2GQ5E707", "haishu"},
    {"ent.5", "enterprise", "宁波生态园建设投资有限公司",
     "Ningbo Eco-Park Construction & Investment Co., Ltd.", "91330212MA2H3K9N0G", "yinzhou"},
};

struct DemoUser {
  const char* username;
  const char* display;
  const char* org;  // key
  std::vector<std::string> roles;
};

const std::vector<DemoUser>& Users() {
  static const std::vector<DemoUser> users = {
      // The three administrators (三员分立): accounts, roles and policies, the audit log.
      {"admin", "系统管理员 Admin", "office", {"admin"}},
      {"secadmin", "安全管理员 Security admin", "office", {"security_admin"}},
      {"auditadmin", "审计管理员 Audit admin", "office", {"audit_admin"}},
      {"officer", "陈经办 Chen (officer)", "office", {"officer"}},
      {"officer2", "林经办 Lin (officer)", "office", {"officer"}},
      {"approver", "王处长 Wang (approver)", "office", {"approver"}},
      {"auditor", "周审计 Zhou (auditor)", "office", {"auditor"}},
      {"reviewer", "海曙区审核员 Haishu reviewer", "haishu", {"reviewer"}},
      {"reviewer.yinzhou", "鄞州区审核员 Yinzhou reviewer", "yinzhou", {"reviewer"}},
      {"citizen", "市民 李华", "citizens", {"citizen"}},
      {"ent.normal", "张昊", "ent.0", {"enterprise_user"}},
      {"ent.normal.admin", "刘波", "ent.0", {"enterprise_admin"}},
      {"ent.green", "徐文杰", "ent.1", {"enterprise_user", "enterprise_admin"}},
      {"ent.other", "王丽娟", "ent.2", {"enterprise_user"}},
      {"ent.yongjiang", "陈志强", "ent.3", {"enterprise_user"}},
      {"ent.cee", "李敏", "ent.4", {"enterprise_user"}},
      {"ent.ecopark", "孙建国", "ent.5", {"enterprise_user"}},
  };
  return users;
}

}  // namespace

int LoadDemo(App& app, const std::vector<Module>& modules) {
  db::Database& db = app.db;
  long long non_demo = 0, demo = 0;
  db.Read([&](db::Session& s) {
    non_demo = s.Int("SELECT COUNT(*) FROM users WHERE demo = 0").value_or(0);
    demo = s.Int("SELECT COUNT(*) FROM users WHERE demo = 1").value_or(0);
  });
  if (non_demo > 0) {
    std::fprintf(stderr, "waishi demo: %s\n", i18n::T("demo.refused").en.c_str());
    return 1;
  }
  if (demo > 0) {
    std::puts(
        "The demo data is already loaded (the password is the one printed the first time, or "
        "WAISHI_DEMO_PASSWORD).");
    return 0;
  }
  const char* env = std::getenv("WAISHI_DEMO_PASSWORD");
  DemoContext ctx;
  ctx.password = env && *env ? env : auth::RandomToken(9);
  db.Write([&](db::Session& s) {
    calendar::SeedChineseHolidays(s);
    for (const auto& o : kOrgs) {
      ctx.orgs[o.key] = accounts::CreateOrganization(
          s, accounts::NewOrganization{o.kind, o.name_zh, o.name_en, o.uscc,
                                       *o.parent ? ctx.orgs.at(o.parent) : 0});
    }
  });
  for (const auto& u : Users()) {
    // One transaction each: a password hash takes ~0.1 s, and the writer is shared.
    db.Write([&](db::Session& s) {
      accounts::NewUser user;
      user.username = u.username;
      user.password = ctx.password;
      user.display_name = u.display;
      user.email = std::string(u.username) + "@demo.waishi.local";
      user.org_id = ctx.orgs.at(u.org);
      user.roles = u.roles;
      user.demo = true;
      ctx.users[u.username] = accounts::CreateUser(s, user);
    });
    ctx.accounts.emplace_back(u.username, u.display);
  }
  ctx.principal = [&](const std::string& username) {
    return *db.Read([&](db::Session& s) { return auth::LoadPrincipal(s, ctx.users.at(username)); });
  };
  for (const auto& m : modules) {
    if (m.demo) m.demo(app, ctx);
  }
  db.Flush();
  std::printf("Demo data loaded.\n\nDemo accounts (password: %s)\n", ctx.password.c_str());
  for (const auto& [username, display] : ctx.accounts)
    std::printf("  %-18s %s\n", username.c_str(), display.c_str());
  return 0;
}

}  // namespace waishi::platform

namespace waishi {

std::chrono::system_clock::time_point DemoMoment(calendar::Date day, int minute) {
  using namespace std::chrono;
  return system_clock::time_point(sys_days(days(day.days()))) + hours(2) + minutes(minute);
}

}  // namespace waishi
