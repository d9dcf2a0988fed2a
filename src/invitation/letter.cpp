// The invitation letter as a document: the Chinese text, the English text under it, one table
// of the invitees, the inviter's particulars, the office's seal and date, the QR code of the
// public verification. Every word comes from the module's catalogue.
#include <string>

#include "core/calendar/working_days.h"
#include "core/geo/countries.h"
#include "core/i18n/text.h"
#include "core/validate/identifiers.h"
#include "invitation/parts.h"

namespace waishi::invitation {
namespace {

using documents::Paragraph;

std::string Str(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string Bilingual(const std::string& key) {
  const i18n::Text t = i18n::T(key);
  return t.zh + "\n" + t.en;
}

}  // namespace

documents::Content LetterContent(const Json& data, const LetterFacts& facts) {
  const Json inviter = data.value("inviter", Json::object());
  const Json invitees = data.value("invitees", Json::array());
  const std::string arrival = Str(data, "arrival_date"), departure = Str(data, "departure_date");
  const i18n::Text visa = i18n::T("invitation.letter.visa." + Str(data, "visa_category"));
  const i18n::Text entries = i18n::T("invitation.letter.entries." + Str(data, "entries"));
  const i18n::Text costs = i18n::T("invitation.letter.costs." + Str(data, "costs_borne_by"));
  const i18n::Text from = documents::DateText(arrival), to = documents::DateText(departure);
  const std::string unit = Str(inviter, "unit_name");
  auto body = [&](bool zh) {
    return i18n::T("invitation.letter.body", {{"inviter", unit},
                                              {"count", std::to_string(invitees.size())},
                                              {"arrival", zh ? from.zh : from.en},
                                              {"departure", zh ? to.zh : to.en},
                                              {"purpose", Str(data, "purpose")},
                                              {"places", Str(data, "places")},
                                              {"visa", zh ? visa.zh : visa.en},
                                              {"entries", zh ? entries.zh : entries.en},
                                              {"costs", zh ? costs.zh : costs.en}});
  };
  const i18n::Text about_inviter =
      i18n::T("invitation.letter.inviter", {{"unit", unit},
                                            {"uscc", Str(inviter, "uscc")},
                                            {"address", Str(inviter, "address")},
                                            {"contact", Str(inviter, "contact")},
                                            {"phone", Str(inviter, "phone")},
                                            {"signatory", Str(inviter, "signatory")}});
  const i18n::Text addressee = i18n::T("invitation.letter.addressee");

  documents::Table table;
  for (const char* column :
       {"no", "name", "sex", "birth_date", "nationality", "passport", "employer"})
    table.header.push_back(Bilingual(std::string("invitation.letter.column.") + column));
  table.widths = {0.07, 0.18, 0.08, 0.15, 0.12, 0.15, 0.25};
  int n = 0;
  for (const auto& p : invitees) {
    const i18n::Text sex = i18n::T("invitation.letter.sex." + Str(p, "sex"));
    const i18n::Text country = geo::CountryName(Str(p, "nationality"));
    table.rows.push_back({std::to_string(++n), Str(p, "surname") + " " + Str(p, "given_names"),
                          sex.zh + " " + sex.en, Str(p, "birth_date"),
                          country.zh + "\n" + country.en, Str(p, "passport_number"),
                          Str(p, "employer") + "\n" + Str(p, "position")});
  }

  const i18n::Text title = i18n::T("invitation.letter.title");
  const i18n::Text verify = i18n::T("invitation.letter.verify", {{"url", facts.verify_url}});
  const i18n::Text issued = documents::DateText(facts.issued_on);
  documents::Content c;
  c.letterhead = facts.office_zh;
  c.letterhead_en = facts.office_en;
  c.number = facts.number;
  c.title = title.zh + " " + title.en;
  c.body = {Paragraph{addressee.zh, Paragraph::Style::kBody, Paragraph::Align::kLeft},
            Paragraph{body(true).zh},
            Paragraph{about_inviter.zh},
            table,
            Paragraph{addressee.en, Paragraph::Style::kBody, Paragraph::Align::kLeft},
            Paragraph{body(false).en},
            Paragraph{about_inviter.en}};
  c.signature_line = facts.office_zh;
  c.date_line = issued.zh + "\n" + issued.en;
  c.verify_url = facts.verify_url;
  c.verify_caption = verify.zh + "\n" + verify.en;
  c.seal_text = facts.office_zh;
  return c;
}

Json RegisterFields(const Json& data) {
  const Json inviter = data.value("inviter", Json::object());
  Json people = Json::array();
  for (const auto& p : data.value("invitees", Json::array())) {
    people.push_back({{"name", Str(p, "surname") + " " + Str(p, "given_names")},
                      {"nationality", Str(p, "nationality")},
                      {"passport_number", validate::MaskIdentifier(Str(p, "passport_number"))}});
  }
  return Json{{"inviter", Str(inviter, "unit_name")},
              {"visa_category", Str(data, "visa_category")},
              {"entries", Str(data, "entries")},
              {"arrival_date", Str(data, "arrival_date")},
              {"departure_date", Str(data, "departure_date")},
              {"invitees", people}};
}

}  // namespace waishi::invitation
