// The engine against a real database (SQLite, and PostgreSQL when one is given), with the test
// types of test_types.h: a citizen owns and reads back their case; desks and other citizens see
// what they should; numbers count per type and year in China's time; a batch of transitions is one
// transaction; a transition writes only what it declares; deadlines are stored and listed.
#include "core/cases/engine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "core/auth/accounts.h"
#include "core/auth/auth.h"
#include "core/cases/test_types.h"
#include "core/clock.h"
#include "core/db/scratch_database.h"
#include "core/error.h"

namespace waishi::cases {
namespace {

class CaseEngineTest : public db::CoreDatabaseTest {
 protected:
  void SetUp() override {
    CoreDatabaseTest::SetUp();
    if (IsSkipped()) return;
    testing::RegisterTestTypes(registry_);
    policies_.Add({"test_visa", Json{{"severity", Json::object()}, {"collect_days", 10}}, nullptr});
    registry_.Validate([this](std::string_view p) { return policies_.Has(p); });
    engine_ = std::make_unique<Engine>(*db_, registry_, policies_);
    db_->Write([&](db::Session& s) {
      office_ = accounts::CreateOrganization(s, {"office", "外办", "Office"});
      citizens_ = accounts::CreateOrganization(s, {"citizens", "个人", "Citizens"});
    });
    citizen_ = User("citizen.a", citizens_, {"citizen"});
    other_citizen_ = User("citizen.b", citizens_, {"citizen"});
    visa_officer_ = User("visa.officer", office_, {"officer"}, "visa");
    events_officer_ = User("events.officer", office_, {"officer"}, "events");
    db_->Write([&](db::Session& s) {
      enterprise_ = accounts::CreateOrganization(s, {"enterprise", "企业", "Co."});
    });
    applicant_ = User("applicant", enterprise_, {"enterprise_user"});
    grants_approver_ = User("grants.approver", office_, {"approver"}, "grants");
  }
  auth::Principal User(const std::string& name, long long org, std::vector<std::string> roles,
                       const std::string& desk = "") {
    return db_->Write([&](db::Session& s) {
      accounts::NewUser u;
      u.username = name;
      u.password = "a long enough password";
      u.display_name = name;
      u.org_id = org;
      u.roles = std::move(roles);
      const long long id = accounts::CreateUser(s, u);
      if (!desk.empty()) {
        std::string d = desk;
        s.Exec("INSERT INTO user_desks (user_id, desk) VALUES (:u, :d)", {{"u", id}, {"d", d}});
      }
      return *auth::LoadPrincipal(s, id);
    });
  }

  // The status of the ApiError fn throws, or 0.
  template <class F>
  int StatusOf(F fn) {
    try {
      fn();
      return 0;
    } catch (const ApiError& e) {
      return e.status();
    }
  }

  Json Visa() const { return Json{{"destination", "FR"}, {"entry_date", "2099-05-01"}}; }

  Registry registry_;
  Policies policies_;
  std::unique_ptr<Engine> engine_;
  long long office_ = 0, citizens_ = 0, enterprise_ = 0;
  auth::Principal citizen_, other_citizen_, visa_officer_, events_officer_, applicant_,
      grants_approver_;
};

TEST_P(CaseEngineTest, ACitizenOwnsAndReadsBackTheirCase) {
  const Json c = engine_->Create(citizen_, "test_visa", Visa());
  EXPECT_EQ(c["state"], "draft");
  EXPECT_EQ(c["owner"]["kind"], "user");
  EXPECT_EQ(c["applicant"]["id"], citizen_.user_id);
  EXPECT_EQ(c["allowed_actions"], Json::array({"submit"}));
  const long long id = c["id"];
  EXPECT_EQ(engine_->Get(citizen_, id)["id"], id);
  // Another citizen of the same (shared) organization sees nothing, not even after submission.
  EXPECT_EQ(StatusOf([&] { engine_->Get(other_citizen_, id); }), 404);
  EXPECT_EQ(StatusOf([&] { engine_->Patch(other_citizen_, id, Visa()); }), 404);
  // The desk doesn't see a draft.
  EXPECT_EQ(StatusOf([&] { engine_->Get(visa_officer_, id); }), 404);
  engine_->Transition(citizen_, id, {"submit", "", Json::object(), nullptr});
  EXPECT_EQ(StatusOf([&] { engine_->Get(other_citizen_, id); }), 404);
  EXPECT_EQ(engine_->Get(visa_officer_, id)["state"], "review");
  EXPECT_EQ(StatusOf([&] { engine_->Get(events_officer_, id); }), 404);
  // Lists follow the same rules.
  const http::Page page{1, 20};
  EXPECT_EQ(engine_->List(citizen_, {}, page)["total"], 1);
  EXPECT_EQ(engine_->List(other_citizen_, {}, page)["total"], 0);
  EXPECT_EQ(engine_->List(visa_officer_, {}, page)["total"], 1);
  EXPECT_EQ(engine_->List(events_officer_, {}, page)["total"], 0);
}

// A read is assembled once and kept (read_cache.h): each reader still gets their own actions and
// visibility from it, and a write shows at the next read.
TEST_P(CaseEngineTest, AKeptReadAnswersEachReaderAsTheirOwnAndNoWriteIsMissed) {
  const long long id = engine_->Create(citizen_, "test_visa", Visa())["id"];
  engine_->Transition(citizen_, id, {"submit", "", Json::object(), nullptr});
  Json by_owner = engine_->Get(citizen_, id);
  Json by_desk = engine_->Get(visa_officer_, id);
  EXPECT_EQ(by_owner["allowed_actions"], Json::array());
  EXPECT_EQ(by_desk["allowed_actions"], Json::array({"approve"}));
  by_owner.erase("allowed_actions");
  by_desk.erase("allowed_actions");
  EXPECT_EQ(by_owner, by_desk);
  EXPECT_EQ(by_owner["data"]["destination"], "FR");
  EXPECT_EQ(StatusOf([&] { engine_->Get(other_citizen_, id); }), 404);
  EXPECT_EQ(StatusOf([&] { engine_->Get(events_officer_, id); }), 404);

  // Another process's write (here another connection): on SQLite it is not seen while the
  // answer is kept, that is what keeping it means (for at most ReadCache::kMaxAge); on
  // PostgreSQL, which several servers share, it moves the shared data epoch and shows at once...
  auto other_process = db::Database::Open(scratch_->url(), 1);
  other_process->Write([&](db::Session& s) {
    s.Exec("UPDATE cases SET updated_at = :t WHERE id = :id",
           {{"t", "2099-01-01T00:00:00.000Z"}, {"id", id}});
  });
  if (GetParam() == db::Dialect::kPostgres)
    EXPECT_EQ(engine_->Get(visa_officer_, id)["updated_at"], "2099-01-01T00:00:00.000Z");
  else
    EXPECT_NE(engine_->Get(visa_officer_, id)["updated_at"], "2099-01-01T00:00:00.000Z");
  // ... and any write of this process's shows at the next read, whatever it wrote.
  db_->Write([&](db::Session& s) {
    s.Exec("UPDATE cases SET updated_at = :t WHERE id = :id",
           {{"t", "2099-01-02T00:00:00.000Z"}, {"id", id}});
  });
  EXPECT_EQ(engine_->Get(visa_officer_, id)["updated_at"], "2099-01-02T00:00:00.000Z");
  engine_->Transition(visa_officer_, id, {"approve", "", Json::object(), nullptr});
  const Json ready = engine_->Get(citizen_, id);
  EXPECT_EQ(ready["state"], "ready");
  EXPECT_EQ(engine_->Get(visa_officer_, id)["allowed_actions"], Json::array({"collect"}));

  // Data that holds the text the answer is split at: answered whole, each time.
  db_->Write([&](db::Session& s) {
    s.Exec(
        "UPDATE cases SET data = :d WHERE id = :id",
        {{"d",
          R"({"destination":"FR","entry_date":"2099-05-01","collected_by":"\u0001allowed_actions\u0001"})"},
         {"id", id}});
  });
  for (int i = 0; i < 2; ++i) {
    const Json odd = engine_->Get(visa_officer_, id);
    EXPECT_EQ(odd["allowed_actions"], Json::array({"collect"}));
    EXPECT_EQ(odd["data"]["collected_by"].get<std::string>(),
              "\x01"
              "allowed_actions\x01");
  }
}

TEST_P(CaseEngineTest, OnlyTheOwnersRolesCreate) {
  EXPECT_EQ(StatusOf([&] { engine_->Create(visa_officer_, "test_visa", Visa()); }), 403);
  EXPECT_EQ(StatusOf([&] { engine_->Create(citizen_, "test_grant", Json::object()); }), 403);
  EXPECT_EQ(StatusOf([&] { engine_->Create(citizen_, "no_such_type", Json::object()); }), 422);
}

TEST_P(CaseEngineTest, TheDeskWorksTheQueueAndTheDeadlinesAreKept) {
  const long long id = engine_->Create(citizen_, "test_visa", Visa())["id"];
  const Json submitted = engine_->Transition(citizen_, id, {"submit", "", Json::object(), nullptr});
  ASSERT_TRUE(submitted["due_date"].is_string());
  EXPECT_EQ(submitted["deadlines"]["sla"]["running"], true);
  // Assignment is the desk's: its staff only.
  EXPECT_EQ(StatusOf([&] { engine_->Assign(events_officer_, id, visa_officer_.user_id); }), 404);
  EXPECT_EQ(StatusOf([&] { engine_->Assign(visa_officer_, id, events_officer_.user_id); }), 422);
  EXPECT_EQ(engine_->Assign(visa_officer_, id, visa_officer_.user_id)["assigned_to"]["id"],
            visa_officer_.user_id);
  const Json ready =
      engine_->Transition(visa_officer_, id, {"approve", "", Json::object(), nullptr});
  EXPECT_EQ(ready["state"], "ready");
  EXPECT_TRUE(ready["deadlines"]["sla"]["met_at"].is_string());
  // collect_by: 10 days (the policy) from the entry date
  EXPECT_EQ(ready["deadlines"]["collect_by"]["due_date"], "2099-05-11");
  EXPECT_EQ(ready["due_date"], "2099-05-11");
}

TEST_P(CaseEngineTest, ATransitionWritesOnlyWhatItDeclares) {
  const long long id = engine_->Create(citizen_, "test_visa", Visa())["id"];
  engine_->Transition(citizen_, id, {"submit", "", Json::object(), nullptr});
  engine_->Transition(visa_officer_, id, {"approve", "", Json::object(), nullptr});
  EXPECT_EQ(StatusOf([&] {
              engine_->Transition(visa_officer_, id,
                                  {"collect", "", Json::object(), {{"destination", "DE"}}});
            }),
            422);
  const Json done = engine_->Transition(
      visa_officer_, id, {"collect", "", Json::object(), {{"collected_by", "李华"}}});
  EXPECT_EQ(done["data"]["collected_by"], "李华");
  EXPECT_EQ(done["data"]["destination"], "FR");
  // An edit by the owner could not have set it either.
  const long long draft = engine_->Create(citizen_, "test_visa", Visa())["id"];
  Json with = Visa();
  with["collected_by"] = "someone";
  EXPECT_EQ(StatusOf([&] { engine_->Patch(citizen_, draft, with); }), 422);
}

TEST_P(CaseEngineTest, NumbersCountPerTypeAndYearInChinasTime) {
  using namespace std::chrono;
  // 16:30 UTC on 31 December 2026 is 00:30 on 1 January 2027 in Beijing.
  const auto new_year = sys_days(year(2026) / December / 31) + hours(16) + minutes(30);
  std::string before, first, second;
  {
    clock::ClockShift at(new_year - hours(1));
    before = engine_->Create(citizen_, "test_visa", Visa())["number"];
  }
  {
    clock::ClockShift at(new_year);
    first = engine_->Create(citizen_, "test_visa", Visa())["number"];
    second = engine_->Create(citizen_, "test_visa", Visa())["number"];
  }
  EXPECT_EQ(before, "甬外签〔2026〕0001号");
  EXPECT_EQ(first, "甬外签〔2027〕0001号");
  EXPECT_EQ(second, "甬外签〔2027〕0002号");
}

TEST_P(CaseEngineTest, ABatchOfTransitionsIsOneTransaction) {
  const long long a = engine_->Create(citizen_, "test_visa", Visa())["id"];
  const long long b = engine_->Create(citizen_, "test_visa", Visa())["id"];
  engine_->Transition(citizen_, a, {"submit", "", Json::object(), nullptr});
  // b is still a draft: approving it fails, and a's approval is rolled back with it.
  EXPECT_EQ(
      StatusOf([&] {
        db_->Write([&](db::Session& s) {
          engine_->TransitionIn(s, visa_officer_, a, {"approve", "", Json::object(), nullptr});
          engine_->TransitionIn(s, visa_officer_, b, {"approve", "", Json::object(), nullptr});
        });
      }),
      404);
  EXPECT_EQ(engine_->Get(visa_officer_, a)["state"], "review");
  engine_->Transition(citizen_, b, {"submit", "", Json::object(), nullptr});
  db_->Write([&](db::Session& s) {
    for (long long id : {a, b})
      engine_->TransitionIn(s, visa_officer_, id, {"approve", "", Json::object(), nullptr});
  });
  EXPECT_EQ(engine_->Get(visa_officer_, a)["state"], "ready");
  EXPECT_EQ(engine_->Get(visa_officer_, b)["state"], "ready");
}

TEST_P(CaseEngineTest, SubrecordsHaveTheirOwnStateMachine) {
  const Json grant{{"amount", {{"amount", 500}, {"currency", "CNY"}}}};  // fast: to the office
  const long long id = engine_->Create(applicant_, "test_grant", grant)["id"];
  const Json m = engine_->AddSubrecord(applicant_, id, "milestone", {{"title", "样机交付"}});
  EXPECT_EQ(m["state"], "planned");
  EXPECT_EQ(m["allowed_actions"], Json::array());  // the desk's to move
  const long long sub = m["id"];
  // Unknown kind, bad data, someone else's: refused, nothing written.
  EXPECT_EQ(StatusOf([&] {
              engine_->AddSubrecord(applicant_, id, "phase", {{"title", "x"}});
            }),
            422);
  EXPECT_EQ(StatusOf([&] {
              engine_->AddSubrecord(applicant_, id, "milestone", {{"title", 3}});
            }),
            422);
  EXPECT_EQ(StatusOf([&] {
              engine_->AddSubrecord(citizen_, id, "milestone", {{"title", "x"}});
            }),
            404);
  EXPECT_EQ(engine_->Subrecords(applicant_, id)["items"].size(), 1u);
  engine_->Transition(applicant_, id, {"submit", "", Json::object(), nullptr});
  EXPECT_EQ(engine_->Subrecords(grants_approver_, id)["items"][0]["allowed_actions"],
            Json::array({"verify", "refuse"}));
  EXPECT_EQ(StatusOf([&] { engine_->TransitionSubrecord(applicant_, id, sub, "verify", ""); }),
            403);
  EXPECT_EQ(
      StatusOf([&] { engine_->TransitionSubrecord(grants_approver_, id, sub, "refuse", ""); }),
      422);  // a comment is required
  EXPECT_EQ(
      StatusOf([&] { engine_->TransitionSubrecord(grants_approver_, id, sub + 99, "verify", ""); }),
      404);
  // The sub-record's rule: a milestone without a name is not verified, and nothing moves.
  const long long unnamed =
      engine_->AddSubrecord(applicant_, id, "milestone", {{"title", "待定"}})["id"];
  testing::SubrecordEffectLog().clear();
  EXPECT_EQ(
      StatusOf([&] { engine_->TransitionSubrecord(grants_approver_, id, unnamed, "verify", ""); }),
      422);
  EXPECT_EQ(engine_->Subrecords(grants_approver_, id)["items"][1]["state"], "planned");
  EXPECT_TRUE(testing::SubrecordEffectLog().empty());
  EXPECT_EQ(engine_->TransitionSubrecord(grants_approver_, id, sub, "verify", "")["state"],
            "verified");
  // Its effect ran once, given the sub-record as the move left it.
  ASSERT_EQ(testing::SubrecordEffectLog().size(), 1u);
  EXPECT_EQ(testing::SubrecordEffectLog()[0]["id"], sub);
  EXPECT_EQ(testing::SubrecordEffectLog()[0]["state"], "verified");
  EXPECT_EQ(testing::SubrecordEffectLog()[0]["data"]["title"], "样机交付");
  EXPECT_EQ(
      StatusOf([&] { engine_->TransitionSubrecord(grants_approver_, id, sub, "verify", ""); }),
      409);
  const Json history = engine_->History(applicant_, id)["items"];
  EXPECT_EQ(std::count_if(history.begin(), history.end(),
                          [](const Json& e) { return e["kind"] == "subrecord"; }),
            3);  // two added, one verified (the refused move wrote nothing)
}

TEST_P(CaseEngineTest, ADocumentSlotMustBeFilledForTheActionThatNeedsIt) {
  const Json grant{{"amount", {{"amount", 500}, {"currency", "CNY"}}}};
  const long long id = engine_->Create(applicant_, "test_grant", grant)["id"];
  engine_->Transition(applicant_, id, {"submit", "", Json::object(), nullptr});
  try {
    engine_->Transition(grants_approver_, id, {"grant", "", Json::object(), nullptr});
    ADD_FAILURE() << "granted without the budget sheet";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    ASSERT_EQ(e.details().size(), 1u);
    EXPECT_EQ(e.details()[0].field, "documents.budget");
    EXPECT_EQ(e.details()[0].rule, "document_required");
  }
  const std::string pdf = "%PDF-1.4\n%%EOF\n";
  EXPECT_EQ(StatusOf([&] { engine_->Attach(applicant_, id, {"b.pdf", pdf, "invoice"}); }), 422);
  EXPECT_EQ(engine_->Attach(applicant_, id, {"budget.pdf", pdf, "budget"})["kind"], "budget");
  EXPECT_EQ(
      engine_->Transition(grants_approver_, id, {"grant", "", Json::object(), nullptr})["state"],
      "granted");
}

INSTANTIATE_TEST_SUITE_P(Engines, CaseEngineTest, db::kBothEngines, db::EngineName);

}  // namespace
}  // namespace waishi::cases
