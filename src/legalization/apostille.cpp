// The apostille (附加证明书): the certificate of the Convention's Annex with its ten numbered
// fields, in Chinese and English, issued for one document of a case as a signed PDF whose QR
// code opens the public e-Register (GET /api/v1/verify/apostille?number=&date=), which shows
// the register's fields and nothing of the applicant.
#include <cstdio>

#include "core/calendar/working_days.h"
#include "core/documents/documents.h"
#include "core/http/params.h"
#include "core/i18n/text.h"
#include "legalization/parts.h"

namespace waishi::legalization {
namespace {

using documents::Paragraph;

constexpr const char* kRecord = R"(
  INSERT INTO legalization_apostilles (subrecord_id, case_id, document_id, number, issued_on)
  VALUES (:s, :c, :d, :n, :o))";

std::string Both(const i18n::Text& t) { return t.zh + "\n" + t.en; }

}  // namespace

void IssueApostille(const App& app, const cases::EffectCall& e) {
  if (!e.subrecord) throw std::logic_error("legalization.issue_apostille runs on a document");
  const Json& doc = *e.subrecord;
  const Json& data = doc["data"];
  const calendar::Date today = calendar::Date::TodayInChina();
  const long long seq = documents::NextNumber(e.tx, kApostilleKind, today.year());
  char digits[16];
  std::snprintf(digits, sizeof digits, "%06lld", seq);
  const std::string number = i18n::T("legalization.apostille.number",
                                     {{"year", std::to_string(today.year())}, {"seq", digits}})
                                 .en;
  const std::string issued_on = today.ToString();
  const i18n::Text office = i18n::T("office.name");
  const i18n::Text place = i18n::T("legalization.apostille.place");
  const std::string issued_by = data.value("issued_by", "");
  // Who signed the document and as what: as the applicant copied them from it, or else the
  // authority that issued it (a notary's certificate: the notary).
  const std::string signatory = data.value("signatory", "");
  const std::string stated_capacity = data.value("capacity", "");
  const bool notarized = data.contains("notarial_number");
  const i18n::Text capacity = !stated_capacity.empty()
                                  ? i18n::Text{stated_capacity, stated_capacity}
                              : notarized ? i18n::T("legalization.apostille.capacity.notary")
                                          : i18n::T("legalization.apostille.capacity.authority");
  const std::string signed_by = signatory.empty() ? issued_by : signatory;
  const i18n::Text date = documents::DateText(issued_on);
  const std::string verify_url = app.public_url + "/verify/" + std::string(kApostilleKind) +
                                 "?number=" + http::PercentEncode(number) + "&date=" + issued_on;

  documents::Table fields;
  fields.widths = {0.08, 0.42, 0.50};
  auto field = [&](int n, const char* key, std::string value) {
    fields.rows.push_back({std::to_string(n),
                           Both(i18n::T(std::string("legalization.apostille.field.") + key)),
                           std::move(value)});
  };
  const i18n::Text china = i18n::T("legalization.apostille.china");
  field(1, "country", Both(china));
  field(2, "signed_by", signed_by);
  field(3, "capacity", Both(capacity));
  field(4, "seal_of", issued_by);
  field(5, "at", Both(place));
  field(6, "date", Both(date));
  field(7, "by", Both(office));
  field(8, "number", number);
  field(9, "seal", Both(i18n::T("legalization.apostille.seal")));
  field(10, "signature", Both(i18n::T("legalization.apostille.signature")));

  const std::string kind = data.value("kind", "other");
  const i18n::Text kind_label = i18n::T("legalization.document_kind." + kind);
  const i18n::Text concerning =
      i18n::T("legalization.apostille.concerning",
              {{"holder", data.value("holder", "")},
               {"pages", std::to_string(data.value("pages", 1))},
               {"notarial", data.value("notarial_number", std::string("—"))}});
  const i18n::Text this_document = i18n::T("legalization.apostille.this_document");
  const i18n::Text certified = i18n::T("legalization.apostille.certified");
  const i18n::Text verify = i18n::T("legalization.apostille.verify", {{"url", verify_url}});

  documents::Content c;
  c.letterhead = office.zh;
  c.letterhead_en = office.en;
  c.number = number;
  c.title = "APOSTILLE";
  c.body = {Paragraph{"(Convention de La Haye du 5 octobre 1961)", Paragraph::Style::kBody,
                      Paragraph::Align::kCenter},
            Paragraph{Both(this_document) + "\n" + Both(certified), Paragraph::Style::kSmall,
                      Paragraph::Align::kLeft},
            fields,
            Paragraph{kind_label.zh + " " + concerning.zh, Paragraph::Style::kSmall,
                      Paragraph::Align::kLeft},
            Paragraph{kind_label.en + " " + concerning.en, Paragraph::Style::kSmall,
                      Paragraph::Align::kLeft}};
  c.signature_line = office.zh;
  c.date_line = date.zh + "\n" + date.en;
  c.verify_url = verify_url;
  c.verify_caption = Both(verify);
  c.seal_text = office.zh;

  documents::IssueRequest request;
  request.case_id = e.c.id;
  request.kind = std::string(kApostilleKind);
  request.number = number;
  request.issued_on = issued_on;
  request.template_version = "apostille/1";
  request.content = std::move(c);
  // The e-Register shows the certificate's own fields, nothing of the applicant.
  request.register_fields = Json{{"country", china.ToJson()},
                                 {"signed_by", signed_by},
                                 {"capacity", capacity.ToJson()},
                                 {"seal_of", issued_by},
                                 {"at", place.ToJson()},
                                 {"by", office.ToJson()},
                                 {"document_kind", kind_label.ToJson()}};
  const documents::Issued issued = documents::Issue(e.tx, request, e.who);
  e.tx.Exec(kRecord, {{"s", doc["id"].get<long long>()},
                      {"c", e.c.id},
                      {"d", issued.id},
                      {"n", number},
                      {"o", issued_on}});
}

}  // namespace waishi::legalization
