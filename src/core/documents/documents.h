// Official documents: what a module issues (a letter, a certificate, an apostille), rendered
// to PDF, signed with the office's key, stored with its case and found again by the public
// verification (GET /api/v1/verify/{kind}?number=&date=).
//
// A module fills a Content and calls Issue() inside the write transaction of the transition
// that issues it; the document, its register fields and its audit entry commit with the
// transition or not at all. The core carries no document's words: the module's catalogue
// gives every text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/auth/principal.h"
#include "core/db/session.h"
#include "core/geo/land.h"
#include "core/i18n/text.h"
#include "core/json.h"

namespace waishi {
struct App;
}

namespace waishi::documents {

// ---- what a document says, laid out on A4 pages by Render()

struct Paragraph {
  enum class Style { kBody, kHeading, kSmall };
  enum class Align { kJustify, kLeft, kCenter, kRight };
  std::string text;  // UTF-8; Chinese and Latin mixed freely
  Style style = Style::kBody;
  Align align = Align::kJustify;
  double line_spacing = 1.5;  // of the font's height: tighter for a list of short lines
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> widths;  // fractions of the text width, one per column (empty: equal)
};

// A map of the land around a place: a frame as wide as the text, the sea and the land in two
// light colours, the land's rings clipped to the frame, and markers — a red dot, its label
// beside it. The projection is equirectangular about the centre, a degree of longitude being
// cos(latitude of the centre) of one of latitude, so that the land keeps its shape near the
// centre (the equidistant cylindrical projection: J. P. Snyder, "Map Projections — A Working
// Manual", USGS Professional Paper 1395, 1987, ch. 12). Rings and markers may lie on either
// side of the antimeridian: each is drawn where it falls nearest the centre; a marker outside
// the frame is left out. The map is kept whole on one page.
struct MapMarker {
  geo::LonLat at;
  std::string label;  // beside the dot, e.g. "亚琛 Aachen"; may be empty
};

struct Map {
  double height_mm = 60;        // the frame's height; its width is the text's
  geo::LonLat centre;           // at the frame's middle, unless that would show past a pole: the
                                // frame then moves to end at it, the markers staying where they are
  double span = 10;             // degrees of latitude from the frame's top to its bottom, 0.1..180
  std::vector<geo::Ring> land;  // geo::LandIn's rings (lon/lat): filled, even-odd
  std::vector<MapMarker> markers;
};

// What a map shows: the box of longitudes and latitudes inside its frame — what to ask
// geo::LandIn for. Its west and east may pass ±180.
geo::Box MapBox(const Map& map);

using Block = std::variant<Paragraph, Table, Map>;

struct Content {
  std::string letterhead;     // the issuing office, large and red at the top of page 1
  std::string letterhead_en;  // under it, smaller (may be empty)
  std::string number;         // under the letterhead's rule, e.g. 甬外〔2026〕0001号
  std::string title;          // the centred heading
  std::vector<Block> body;
  std::string signature_line;  // the office's name, bottom right, under the seal
  std::string date_line;       // under it, e.g. 2026年12月2日
  std::string verify_url;      // encoded in the QR code at the foot of the last page
  std::string verify_caption;  // printed beside the QR code
  std::string seal_text;       // the text around the seal (the office's name)
  // With none of the last five (a briefing the office does not sign), there is no foot.
};

// A date as a document writes it out: "2026年12月2日" and "2 December 2026" (a YYYY-MM-DD
// that does not parse is given back as it is).
i18n::Text DateText(std::string_view iso);

// The PDF of `content`: A4, the fonts embedded (Noto CJK, subset), the seal drawn over the
// signature line, the QR code; unsigned. Thread-safe.
std::string Render(const Content& content);

// ---- issuing and keeping

struct Issued {
  long long id = 0;
  long long case_id = 0;
  std::string kind;       // a kind a module declared (AddKind): the verification's {kind}
  std::string number;     // unique per kind
  std::string issued_on;  // YYYY-MM-DD, the office's (China's) date
  std::string sha256;     // of the stored (signed) PDF, hex
  bool revoked = false;
  Json ToJson() const;  // {"id","kind","number","issued_on","sha256","revoked"}
};

struct IssueRequest {
  long long case_id = 0;
  std::string kind;
  std::string number;
  std::string issued_on;
  std::string template_version;  // e.g. "<kind>/1": which layout produced it
  Content content;
  // What the public verification shows for this document, and nothing more: the register's
  // fields (the module decides them; never a passport or ID number beyond what it shows).
  Json register_fields = Json::object();
};

// Renders, signs with the installed key (UseSigner), stores the PDF with the case and audits
// it ("document.issue"), in the caller's write transaction. Throws std::logic_error when no
// signing key is installed, std::invalid_argument for a request without kind, number, case or
// a YYYY-MM-DD issued_on, and ApiError 409 "duplicate" when the kind already has this number.
Issued Issue(db::Session& tx, const IssueRequest& request, const auth::Principal& by);

// Marks a document revoked with the reason, in the caller's write transaction; the
// verification then says so. Audited ("document.revoke"). ApiError 404 for an unknown id,
// 409 "already_revoked" for a revoked one, 422 for an empty reason.
void Revoke(db::Session& tx, long long document_id, const std::string& reason,
            const auth::Principal& by);

// The documents of a case, oldest first.
std::vector<Issued> OfCase(db::Session& s, long long case_id);
// The same as the case JSON's `documents`: [Issued::ToJson(), …].
Json OfCaseJson(db::Session& s, long long case_id);

// A stored document's signed PDF, with what names it; nullopt for an unknown id. No
// visibility check: the caller decides who may have it (GET /documents/{id} checks the case).
struct Stored {
  long long case_id = 0;
  std::string kind;
  std::string number;
  std::string pdf;
};
std::optional<Stored> Find(db::Session& s, long long document_id);

// The next number of a series in a year (1, 2, …), e.g. NextNumber(tx, "<kind>", 2026);
// in the caller's write transaction, so two issues never share a number.
long long NextNumber(db::Session& tx, std::string_view series, int year);

// Declares a kind of document a module issues, at start-up (in its setup): the {kind} that
// GET /api/v1/verify/{kind} answers for (any other kind is 404), with the label the
// verification shows. Throws std::logic_error for an empty or twice-declared kind.
void AddKind(App& app, std::string kind, i18n::Text label);

// GET /api/v1/documents/{id} (whoever may read the case), GET /api/v1/verify/{kind} (public,
// throttled by the policy "verification": {max_failures, window_s, block_s}); the case JSON's
// `documents` is added by the case engine (OfCaseJson).
void Register(App& app);

}  // namespace waishi::documents
