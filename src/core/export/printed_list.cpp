#include "core/export/printed_list.h"

#include <memory>

#include "core/audit/audit.h"
#include "core/export/export.h"
#include "core/export/xlsx.h"
#include "core/http/params.h"

namespace waishi::exports {

void AddPrintedList(App& app, auth::Endpoints& api, PrintedList list) {
  const auto spec = std::make_shared<const PrintedList>(std::move(list));
  db::Database& db = app.db;
  auto download = [spec, &db](const auth::Call& call, const std::string& format) {
    const auto& who = call.who();
    const Json record = spec->load(call);
    db.Write([&](db::Session& s) {
      audit::Append(s, audit::By(who, spec->audit_action, spec->audit_object,
                                 std::to_string(call.Id()), {{"format", format}}));
    });
    const std::string number = record.value("number", "");
    const std::string name = spec->file_prefix + number + "." + format;
    http::Response r;
    if (format == "pdf") {
      r = http::Response{200, "application/pdf", documents::Render(spec->print(record)), {}};
    } else {
      Sheet sheet(number, spec->columns(), PickLanguage(call.request(), who.locale));
      int n = 0;
      for (auto row : record["items"]) {
        row["no"] = ++n;
        sheet.Add(row);
      }
      r = http::Response{200, std::string(kXlsxType), sheet.Finish(), {}};
    }
    r.headers.emplace_back("Content-Disposition", http::AttachmentDisposition(name, name));
    return r;
  };
  http::RouteDoc pdf = http::Doc(spec->operation + "Pdf", spec->what + " to print (PDF)")
                           .Roles(spec->roles)
                           .ReturnsFile();
  pdf.response_content_type = "application/pdf";
  api.Get(spec->path + ".pdf", std::move(pdf),
          [download](const auth::Call& call) { return download(call, "pdf"); });
  http::RouteDoc xlsx = http::Doc(spec->operation + "Xlsx",
                                  spec->what + " as a workbook (?lang=zh|en for the headers)")
                            .Roles(spec->roles)
                            .Query({"lang"})
                            .ReturnsFile();
  xlsx.response_content_type = std::string(kXlsxType);
  api.Get(spec->path + ".xlsx", std::move(xlsx),
          [download](const auth::Call& call) { return download(call, "xlsx"); });
}

}  // namespace waishi::exports
