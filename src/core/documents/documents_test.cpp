// Issuing and keeping documents against a real database (SQLite, and PostgreSQL when one is
// given): numbers count per series and year; Issue stores the signed PDF with its case and
// audits it; Revoke sets only the revocation and refuses a second time; the case's JSON
// lists its documents.
#include "core/documents/documents.h"

#include <gtest/gtest.h>

// GCC 12 reports a Paragraph put into the Block variant as maybe-uninitialized (the other
// alternative's members): a known false positive of -Wmaybe-uninitialized with std::variant
// (GCC bug 80635).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "core/auth/accounts.h"
#include "core/auth/auth.h"
#include "core/auth/password.h"
#include "core/cases/engine.h"
#include "core/cases/test_types.h"
#include "core/db/scratch_database.h"
#include "core/documents/signer.h"
#include "core/documents/test_pdf.h"
#include "core/error.h"

namespace waishi::documents {
namespace {

class DocumentsTest : public db::CoreDatabaseTest {
 protected:
  static void SetUpTestSuite() {
    keys_ = new testing::TempDir();
    Signer::Create(keys_->path(), "测试办公室");
    UseSigner(Signer::Load(keys_->path()));
  }
  static void TearDownTestSuite() {
    delete keys_;
    keys_ = nullptr;
  }

  void SetUp() override {
    CoreDatabaseTest::SetUp();
    if (IsSkipped()) return;
    cases::testing::RegisterTestTypes(registry_);
    policies_.Add({"test_visa", Json{{"severity", Json::object()}, {"collect_days", 10}}, nullptr});
    registry_.Validate([this](std::string_view p) { return policies_.Has(p); });
    engine_ = std::make_unique<cases::Engine>(*db_, registry_, policies_);
    long long office = 0, citizens = 0;
    db_->Write([&](db::Session& s) {
      office = accounts::CreateOrganization(s, {"office", "外办", "Office"});
      citizens = accounts::CreateOrganization(s, {"citizens", "个人", "Citizens"});
    });
    citizen_ = User("citizen.a", citizens, {"citizen"});
    officer_ = User("visa.officer", office, {"officer"}, "visa");
    case_id_ = engine_->Create(citizen_, "test_visa",
                               Json{{"destination", "FR"}, {"entry_date", "2099-05-01"}})["id"];
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

  IssueRequest Request(const std::string& number) const {
    IssueRequest r;
    r.case_id = case_id_;
    r.kind = "test";
    r.number = number;
    r.issued_on = "2026-12-02";
    r.template_version = "test/1";
    r.content.letterhead = "测试办公室";
    r.content.number = number;
    r.content.title = "测试";
    r.content.body.push_back(Paragraph{"正文"});
    r.content.verify_url = "https://waishi.example/verify/test";
    r.register_fields = {{"holder", "Z*** S***"}};
    return r;
  }

  long long AuditCount(const std::string& action) {
    return db_->Read([&](db::Session& s) {
      return s.Int("SELECT COUNT(*) FROM audit_log WHERE action = :a", {{"a", action}}).value_or(0);
    });
  }

  static testing::TempDir* keys_;
  cases::Registry registry_;
  cases::Policies policies_;
  std::unique_ptr<cases::Engine> engine_;
  auth::Principal citizen_, officer_;
  long long case_id_ = 0;
};
testing::TempDir* DocumentsTest::keys_ = nullptr;

TEST_P(DocumentsTest, NumbersCountPerSeriesAndYear) {
  db_->Write([&](db::Session& s) {
    EXPECT_EQ(NextNumber(s, "a", 2026), 1);
    EXPECT_EQ(NextNumber(s, "a", 2026), 2);
    EXPECT_EQ(NextNumber(s, "b", 2026), 1);
    EXPECT_EQ(NextNumber(s, "a", 2027), 1);
    EXPECT_EQ(NextNumber(s, "a", 2026), 3);
  });
  // A rolled-back transaction gives its number back.
  EXPECT_THROW(db_->Write([&](db::Session& s) {
    NextNumber(s, "a", 2026);
    throw std::runtime_error("abort");
  }),
               std::runtime_error);
  EXPECT_EQ(db_->Write([&](db::Session& s) { return NextNumber(s, "a", 2026); }), 4);
}

TEST_P(DocumentsTest, IssueStoresTheSignedPdfWithItsCaseAndAuditsIt) {
  const long long audits = AuditCount("document.issue");
  const Issued d =
      db_->Write([&](db::Session& s) { return Issue(s, Request("测〔2026〕0001号"), officer_); });
  EXPECT_GT(d.id, 0);
  EXPECT_EQ(d.case_id, case_id_);
  EXPECT_FALSE(d.revoked);
  EXPECT_EQ(AuditCount("document.issue"), audits + 1);
  const auto stored = db_->Read([&](db::Session& s) { return Find(s, d.id); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(auth::Sha256Hex(stored->pdf), d.sha256);
  testing::TempDir dir;
  EXPECT_NE(testing::OnPdf(dir, stored->pdf, "pdfsig {}").find("Signature is Valid."),
            std::string::npos);
  EXPECT_EQ(d.ToJson(), (Json{{"id", d.id},
                              {"kind", "test"},
                              {"number", "测〔2026〕0001号"},
                              {"issued_on", "2026-12-02"},
                              {"sha256", d.sha256},
                              {"revoked", false}}));
  // The case's JSON lists it, for whoever reads the case.
  EXPECT_EQ(engine_->Get(citizen_, case_id_)["documents"], Json::array({d.ToJson()}));

  // The same number of the same kind again: 409, nothing written.
  const auto status = [&] {
    try {
      db_->Write([&](db::Session& s) { Issue(s, Request("测〔2026〕0001号"), officer_); });
      return 0;
    } catch (const ApiError& e) {
      return e.status();
    }
  }();
  EXPECT_EQ(status, 409);
  EXPECT_EQ(db_->Read([&](db::Session& s) { return OfCase(s, case_id_); }).size(), 1u);
}

TEST_P(DocumentsTest, RevokeSetsOnlyTheRevocationAndNotTwice) {
  const Issued first =
      db_->Write([&](db::Session& s) { return Issue(s, Request("R-1"), officer_); });
  const Issued second =
      db_->Write([&](db::Session& s) { return Issue(s, Request("R-2"), officer_); });
  const auto before = db_->Read([&](db::Session& s) { return Find(s, first.id); });
  db_->Write([&](db::Session& s) { Revoke(s, first.id, "错误签发 issued in error", officer_); });
  EXPECT_EQ(AuditCount("document.revoke"), 1);
  const auto docs = db_->Read([&](db::Session& s) { return OfCase(s, case_id_); });
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, first.id);
  EXPECT_TRUE(docs[0].revoked);
  EXPECT_FALSE(docs[1].revoked);
  EXPECT_EQ(docs[0].sha256, first.sha256);
  EXPECT_EQ(db_->Read([&](db::Session& s) { return Find(s, first.id); })->pdf, before->pdf);
  db_->Read([&](db::Session& s) {
    s.Query("SELECT revoked_by, revoke_reason FROM documents WHERE id = :id", {{"id", first.id}},
            [&](const db::Row& r) {
              EXPECT_EQ(db::Int(r, 0), officer_.user_id);
              EXPECT_EQ(db::Text(r, 1), "错误签发 issued in error");
            });
  });

  auto status = [&](long long id, const std::string& reason) {
    try {
      db_->Write([&](db::Session& s) { Revoke(s, id, reason, officer_); });
      return 0;
    } catch (const ApiError& e) {
      return e.status();
    }
  };
  EXPECT_EQ(status(first.id, "again"), 409);
  EXPECT_EQ(status(second.id + 100, "unknown"), 404);
  EXPECT_EQ(status(second.id, ""), 422);
  EXPECT_EQ(AuditCount("document.revoke"), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, DocumentsTest, db::kBothEngines, db::EngineName);

}  // namespace
}  // namespace waishi::documents
