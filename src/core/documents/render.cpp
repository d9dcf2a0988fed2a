// Render(): an official document laid out on A4 pages with cairo's PDF surface and pango.
//
// The layout follows the usual shape of a Chinese official document (GB/T 9704-2012, 党政机关
// 公文格式, loosely: A4, a red letterhead with a red rule under it, the document number, a
// centred title, the body, the issuing office and the date at the bottom right under the
// seal). Fonts are the Noto CJK families (Debian's fonts-noto-cjk); cairo embeds a subset of
// each font it uses in the PDF.
//
// Thread safety: every call has its own surface and cairo context; pango's default cairo font
// map is one per thread (pango_cairo_font_map_get_default, "per-thread" since pango 1.32.6),
// so concurrent calls share no cairo or pango state.
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/documents/documents.h"

namespace waishi::documents {
namespace {

// ---------------------------------------------------------------------------
// Page geometry (PostScript points, 1/72 inch)
// ---------------------------------------------------------------------------

// ISO 216 A4: 210 × 297 mm.
constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kMm;
constexpr double kPageHeight = 297 * kMm;
// GB/T 9704-2012 §5.2.1: top margin 37 mm, left 28 mm, text block 156 × 225 mm.
constexpr double kLeft = 28 * kMm;
constexpr double kTextWidth = 156 * kMm;
constexpr double kTop = 30 * kMm;
constexpr double kBottom = kPageHeight - 25 * kMm;

constexpr const char* kSerif = "Noto Serif CJK SC";
constexpr const char* kSans = "Noto Sans CJK SC";

// The red of a letterhead and of a seal.
constexpr double kRed[3] = {0.80, 0.05, 0.05};

// A map's colours: light enough to print on an office printer and to read text over, the land
// a warm grey-beige and the sea a pale blue, apart by hue as much as by lightness, so that a
// red marker stands out on either.
constexpr double kSea[3] = {0.82, 0.90, 0.96};
constexpr double kLand[3] = {0.95, 0.93, 0.85};
constexpr double kCoast[3] = {0.62, 0.58, 0.48};

// The seal: an office seal is a 42 mm circle (国务院《关于国家行政机关和企业事业单位社会团体印章
// 管理的规定》, 1999, 第五条).
constexpr double kSealRadius = 21 * kMm;
// The QR code's side, quiet zone included.
constexpr double kQrSide = 26 * kMm;

struct Font {
  const char* family;
  double size;
  bool bold = false;
};

constexpr Font kBodyFont{kSerif, 12};
constexpr Font kHeadingFont{kSans, 13, true};
constexpr Font kSmallFont{kSerif, 9};
constexpr Font kTitleFont{kSans, 18, true};
constexpr Font kCellFont{kSerif, 10};
constexpr Font kHeaderCellFont{kSans, 10, true};

// ---------------------------------------------------------------------------
// RAII for the C libraries
// ---------------------------------------------------------------------------

struct CairoSurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct GObjectFree {
  void operator()(void* o) const { g_object_unref(o); }
};
struct FontDescFree {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectFree>;

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// ---------------------------------------------------------------------------
// The page writer: a cursor that moves down the page and starts a new one when full
// ---------------------------------------------------------------------------

class Pages {
 public:
  explicit Pages(cairo_t* cr) : cr_(cr) {}

  cairo_t* cr() const { return cr_; }
  double y() const { return y_; }
  void Advance(double dy) { y_ += dy; }
  double Room() const { return kBottom - y_; }
  void NewPage() {
    cairo_show_page(cr_);
    y_ = kTop;
  }
  // Starts a new page unless `height` fits below the cursor.
  void Need(double height) {
    if (height > Room() && y_ > kTop) NewPage();
  }

  LayoutPtr Layout(const std::string& text, const Font& font, double width,
                   PangoAlignment align = PANGO_ALIGN_LEFT, bool justify = false,
                   double line_spacing = 1.0) const {
    LayoutPtr layout(pango_cairo_create_layout(cr_));
    std::unique_ptr<PangoFontDescription, FontDescFree> desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), font.family);
    pango_font_description_set_absolute_size(desc.get(), font.size * PANGO_SCALE);
    pango_font_description_set_weight(desc.get(),
                                      font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align);
    pango_layout_set_justify(layout.get(), justify);
    if (line_spacing != 1.0) pango_layout_set_line_spacing(layout.get(), line_spacing);
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    return layout;
  }

  // Draws a layout line by line from the cursor, breaking to a new page between lines.
  void Flow(PangoLayout* layout, double x) {
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    double shift = y_;  // page y of the layout's origin, for the lines on this page
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      const double top = logical.y / double(PANGO_SCALE);
      const double height = logical.height / double(PANGO_SCALE);
      if (shift + top + height > kBottom && shift + top > kTop) {
        NewPage();
        shift = kTop - top;
      }
      const double baseline = pango_layout_iter_get_baseline(iter) / double(PANGO_SCALE);
      cairo_move_to(cr_, x + logical.x / double(PANGO_SCALE), shift + baseline);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
      y_ = shift + top + height;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
  }

  void SetColor(double r, double g, double b) const { cairo_set_source_rgb(cr_, r, g, b); }

 private:
  cairo_t* cr_;
  double y_ = kTop;
};

double HeightOf(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return h / double(PANGO_SCALE);
}

// ---------------------------------------------------------------------------
// The parts of a document
// ---------------------------------------------------------------------------

void DrawLetterhead(Pages& p, const Content& c) {
  p.SetColor(kRed[0], kRed[1], kRed[2]);
  if (!c.letterhead.empty()) {
    auto zh = p.Layout(c.letterhead, {kSerif, 26, true}, kTextWidth, PANGO_ALIGN_CENTER);
    p.Flow(zh.get(), kLeft);
  }
  if (!c.letterhead_en.empty()) {
    p.Advance(2);
    auto en = p.Layout(c.letterhead_en, {kSerif, 11}, kTextWidth, PANGO_ALIGN_CENTER);
    p.Flow(en.get(), kLeft);
  }
  // The red rule under the letterhead (GB/T 9704-2012 §7.2.4: 版头中的分隔线); a paper with
  // no letterhead (a briefing) has none.
  if (!c.letterhead.empty() || !c.letterhead_en.empty()) {
    p.Advance(6);
    cairo_set_line_width(p.cr(), 2);
    cairo_move_to(p.cr(), kLeft, p.y());
    cairo_line_to(p.cr(), kLeft + kTextWidth, p.y());
    cairo_stroke(p.cr());
    p.Advance(6);
  }
  p.SetColor(0, 0, 0);
  if (!c.number.empty()) {
    auto number = p.Layout(c.number, {kSerif, 11}, kTextWidth, PANGO_ALIGN_RIGHT);
    p.Flow(number.get(), kLeft);
  }
  p.Advance(18);
  if (!c.title.empty()) {
    auto title = p.Layout(c.title, kTitleFont, kTextWidth, PANGO_ALIGN_CENTER);
    p.Flow(title.get(), kLeft);
    p.Advance(14);
  }
}

void DrawParagraph(Pages& p, const Paragraph& para) {
  const Font& font = para.style == Paragraph::Style::kHeading ? kHeadingFont
                     : para.style == Paragraph::Style::kSmall ? kSmallFont
                                                              : kBodyFont;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  if (para.align == Paragraph::Align::kCenter) align = PANGO_ALIGN_CENTER;
  if (para.align == Paragraph::Align::kRight) align = PANGO_ALIGN_RIGHT;
  const bool justify = para.align == Paragraph::Align::kJustify;
  auto layout = p.Layout(para.text, font, kTextWidth, align, justify, para.line_spacing);
  if (para.style == Paragraph::Style::kHeading) p.Need(3 * font.size * 1.5);  // not orphaned
  p.Flow(layout.get(), kLeft);
  p.Advance(font.size * 0.6);
}

void DrawTable(Pages& p, const Table& t) {
  std::size_t columns = t.header.size();
  for (const auto& row : t.rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  std::vector<double> widths(columns, kTextWidth / columns);
  if (t.widths.size() == columns) {
    double sum = 0;
    for (double w : t.widths) sum += w;
    for (std::size_t i = 0; i < columns && sum > 0; ++i) widths[i] = kTextWidth * t.widths[i] / sum;
  }
  constexpr double kPad = 4;
  // One row: each cell wrapped in its column; the row as tall as its tallest cell. A row is
  // never split across pages.
  auto row_layouts = [&](const std::vector<std::string>& cells, const Font& font) {
    std::vector<LayoutPtr> out;
    double height = 0;
    for (std::size_t i = 0; i < columns; ++i) {
      out.push_back(
          p.Layout(i < cells.size() ? cells[i] : "", font, widths[i] - 2 * kPad, PANGO_ALIGN_LEFT));
      height = std::max(height, HeightOf(out.back().get()));
    }
    return std::pair(std::move(out), height + 2 * kPad);
  };
  auto draw_row = [&](std::pair<std::vector<LayoutPtr>, double>& row, bool shaded) {
    double x = kLeft;
    cairo_set_line_width(p.cr(), 0.6);
    for (std::size_t i = 0; i < columns; ++i) {
      cairo_rectangle(p.cr(), x, p.y(), widths[i], row.second);
      if (shaded) {
        p.SetColor(0.93, 0.93, 0.93);
        cairo_fill_preserve(p.cr());
      }
      p.SetColor(0, 0, 0);
      cairo_stroke(p.cr());
      cairo_move_to(p.cr(), x + kPad, p.y() + kPad);
      pango_cairo_show_layout(p.cr(), row.first[i].get());
      x += widths[i];
    }
    p.Advance(row.second);
  };
  auto header = row_layouts(t.header, kHeaderCellFont);
  const bool has_header = !t.header.empty();
  // The header and the first row stay together.
  std::vector<std::pair<std::vector<LayoutPtr>, double>> rows;
  for (const auto& r : t.rows) rows.push_back(row_layouts(r, kCellFont));
  p.Need((has_header ? header.second : 0) + (rows.empty() ? 0 : rows.front().second));
  if (has_header) draw_row(header, true);
  for (auto& row : rows) {
    if (row.second > p.Room()) {
      p.NewPage();
      // The header row again at the top of the new page.
      if (has_header) draw_row(header, true);
    }
    draw_row(row, false);
  }
  p.Advance(10);
}

// ---------------------------------------------------------------------------
// Maps
// ---------------------------------------------------------------------------

struct Point {
  double x, y;
};

// Where a map's frame is on the page and what it shows: the projection (equirectangular about
// the centre, documents.h) and the box of longitudes and latitudes inside the frame.
class MapView {
 public:
  MapView(const Map& map, double left, double top)
      : left_(left), top_(top), height_(std::max(map.height_mm, 10.0) * kMm) {
    const double span = std::clamp(map.span, 0.1, 180.0);
    per_degree_ = height_ / span;
    lon0_ = map.centre.lon;
    // The frame ends at a pole rather than showing past it.
    lat0_ = span >= 180 ? 0 : std::clamp(map.centre.lat, -90 + span / 2, 90 - span / 2);
    // Near a pole cos(latitude) goes to 0 and a degree of longitude with it: no less than what
    // shows the whole world's 360° across the frame.
    squeeze_ = std::max(std::cos(lat0_ * std::numbers::pi / 180), kTextWidth / (360 * per_degree_));
  }

  double left() const { return left_; }
  double top() const { return top_; }
  double width() const { return kTextWidth; }
  double height() const { return height_; }
  double lon0() const { return lon0_; }

  Point Project(double lon, double lat) const {
    return {left_ + kTextWidth / 2 + (lon - lon0_) * squeeze_ * per_degree_,
            top_ + height_ / 2 - (lat - lat0_) * per_degree_};
  }

  geo::Box Box() const {
    const double half_lon = kTextWidth / 2 / (squeeze_ * per_degree_);
    const double half_lat = height_ / 2 / per_degree_;
    return {lon0_ - half_lon, std::max(lat0_ - half_lat, -90.0), lon0_ + half_lon,
            std::min(lat0_ + half_lat, 90.0)};
  }

 private:
  double left_, top_, height_;
  double per_degree_ = 1;  // points per degree of latitude
  double lon0_ = 0, lat0_ = 0;
  double squeeze_ = 1;  // a degree of longitude, in degrees of latitude
};

// `lon` moved by whole turns to be nearest `centre` (within 180° of it).
double Nearest(double lon, double centre) { return lon + 360 * std::round((centre - lon) / 360); }

// A polygon clipped to a rectangle by Sutherland and Hodgman's algorithm (I. E. Sutherland,
// G. W. Hodgman, "Reentrant polygon clipping", CACM 17(1), 1974): against each side in turn,
// keeping what is inside and where edges cross the side. A concave polygon comes out as one,
// its parts joined by edges along the rectangle's border; those lie outside the visible frame
// when the rectangle is a little larger than it.
std::vector<Point> Clip(std::vector<Point> polygon, double x0, double y0, double x1, double y1) {
  auto side = [&polygon](auto inside, auto cross) {
    std::vector<Point> out;
    out.reserve(polygon.size());
    for (std::size_t i = 0; i < polygon.size(); ++i) {
      const Point& a = polygon[i == 0 ? polygon.size() - 1 : i - 1];
      const Point& b = polygon[i];
      if (inside(b)) {
        if (!inside(a)) out.push_back(cross(a, b));
        out.push_back(b);
      } else if (inside(a)) {
        out.push_back(cross(a, b));
      }
    }
    polygon = std::move(out);
  };
  auto at_x = [](double x) {
    return [x](const Point& a, const Point& b) {
      return Point{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)};
    };
  };
  auto at_y = [](double y) {
    return [y](const Point& a, const Point& b) {
      return Point{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y};
    };
  };
  side([x0](const Point& p) { return p.x >= x0; }, at_x(x0));
  side([x1](const Point& p) { return p.x <= x1; }, at_x(x1));
  side([y0](const Point& p) { return p.y >= y0; }, at_y(y0));
  side([y1](const Point& p) { return p.y <= y1; }, at_y(y1));
  return polygon;
}

// A land ring made continuous: a step of more than 180° between two points is a crossing of
// the antimeridian, not a line across the world, so its points are moved by whole turns to
// follow on from the one before, the first being the nearest the centre. A ring that then ends
// a turn away from where it began went round a pole (Antarctica's): its area is closed along
// the pole, an edge that is not coast.
struct Outline {
  std::vector<geo::LonLat> points;
  double west = 0, east = 0;   // its longitudes, as moved
  std::optional<double> pole;  // -90 or 90 for a ring that goes round it
};

Outline Unwrap(const geo::Ring& ring, double centre) {
  Outline o;
  o.points.reserve(ring.size());
  o.points.push_back({Nearest(ring[0].lon, centre), ring[0].lat});
  o.west = o.east = o.points[0].lon;
  double lat_sum = ring[0].lat;
  for (std::size_t i = 1; i < ring.size(); ++i) {
    const double lon = Nearest(ring[i].lon, o.points.back().lon);
    o.points.push_back({lon, ring[i].lat});
    o.west = std::min(o.west, lon);
    o.east = std::max(o.east, lon);
    lat_sum += ring[i].lat;
  }
  if (std::abs(o.points.back().lon - o.points.front().lon) > 180) o.pole = lat_sum < 0 ? -90 : 90;
  return o;
}

// The whole turns of longitude by which an outline is drawn again, so that every part of it
// that falls in the frame shows: one, or two or three when the frame is nearly the world wide.
std::vector<double> Turns(const MapView& view, const Outline& o) {
  const geo::Box box = view.Box();
  std::vector<double> turns;
  for (int turn = static_cast<int>(std::ceil((box.west - o.east) / 360));
       turn <= static_cast<int>(std::floor((box.east - o.west) / 360)); ++turn)
    turns.push_back(360.0 * turn);
  return turns;
}

// A little outside the frame: where rings are clipped, so that the edges clipping adds along
// the border do not show.
constexpr double kMapMargin = 3;
// Points closer than a tenth of a millimetre to the last one drawn add nothing on paper.
constexpr double kMapResolution = 0.3;

// Adds the area of a land ring to the current path, clipped to the frame.
void AddArea(cairo_t* cr, const MapView& view, const Outline& o) {
  const double x0 = view.left() - kMapMargin, x1 = view.left() + view.width() + kMapMargin;
  const double y0 = view.top() - kMapMargin, y1 = view.top() + view.height() + kMapMargin;
  for (double turn : Turns(view, o)) {
    std::vector<Point> projected;
    projected.reserve(o.points.size() + 2);
    for (const geo::LonLat& p : o.points) projected.push_back(view.Project(p.lon + turn, p.lat));
    if (o.pole) {
      projected.push_back(view.Project(o.points.back().lon + turn, *o.pole));
      projected.push_back(view.Project(o.points.front().lon + turn, *o.pole));
    }
    const std::vector<Point> clipped = Clip(std::move(projected), x0, y0, x1, y1);
    if (clipped.size() < 3) continue;
    cairo_move_to(cr, clipped[0].x, clipped[0].y);
    Point last = clipped[0];
    for (const Point& p : clipped) {
      if (std::hypot(p.x - last.x, p.y - last.y) < kMapResolution) continue;
      cairo_line_to(cr, p.x, p.y);
      last = p;
    }
    cairo_close_path(cr);
  }
}

// Adds the coast of a land ring to the current path: its own edges (not those closing it along
// a pole), those that come near the frame.
void AddCoast(cairo_t* cr, const MapView& view, const Outline& o) {
  const double x0 = view.left() - kMapMargin, x1 = view.left() + view.width() + kMapMargin;
  const double y0 = view.top() - kMapMargin, y1 = view.top() + view.height() + kMapMargin;
  for (double turn : Turns(view, o)) {
    bool drawing = false;
    Point last{0, 0};
    Point a = view.Project(o.points[0].lon + turn, o.points[0].lat);
    for (std::size_t i = 1; i < o.points.size(); ++i) {
      const Point b = view.Project(o.points[i].lon + turn, o.points[i].lat);
      const bool near = std::max(a.x, b.x) >= x0 && std::min(a.x, b.x) <= x1 &&
                        std::max(a.y, b.y) >= y0 && std::min(a.y, b.y) <= y1;
      if (!near) {
        drawing = false;
      } else if (!drawing) {
        cairo_move_to(cr, a.x, a.y);
        cairo_line_to(cr, b.x, b.y);
        last = b;
        drawing = true;
      } else if (std::hypot(b.x - last.x, b.y - last.y) >= kMapResolution) {
        cairo_line_to(cr, b.x, b.y);
        last = b;
      }
      a = b;
    }
  }
}

// A marker: a red dot with a white rim, its label beside it in dark text with a white halo,
// on the right unless that runs out of the frame.
void DrawMarker(Pages& p, const MapView& view, const MapMarker& marker) {
  cairo_t* cr = p.cr();
  const Point at = view.Project(Nearest(marker.at.lon, view.lon0()), marker.at.lat);
  if (at.x < view.left() || at.x > view.left() + view.width() || at.y < view.top() ||
      at.y > view.top() + view.height())
    return;
  constexpr double kDot = 3.2;
  cairo_new_path(cr);
  cairo_arc(cr, at.x, at.y, kDot + 1.2, 0, 2 * std::numbers::pi);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill(cr);
  cairo_arc(cr, at.x, at.y, kDot, 0, 2 * std::numbers::pi);
  cairo_set_source_rgb(cr, kRed[0], kRed[1], kRed[2]);
  cairo_fill(cr);
  if (marker.label.empty()) return;

  auto label = p.Layout(marker.label, {kSans, 9, true}, -1);
  pango_layout_set_width(label.get(), -1);
  int w = 0, h = 0;
  pango_layout_get_size(label.get(), &w, &h);
  const double width = w / double(PANGO_SCALE), height = h / double(PANGO_SCALE);
  constexpr double kGap = 6;
  double x = at.x + kGap;
  if (x + width > view.left() + view.width() - 2) x = at.x - kGap - width;
  const double y =
      std::clamp(at.y - height / 2, view.top() + 2, view.top() + view.height() - 2 - height);
  cairo_move_to(cr, x, y);
  pango_cairo_layout_path(cr, label.get());
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_set_line_width(cr, 2.5);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr);
  cairo_move_to(cr, x, y);
  cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
  pango_cairo_show_layout(cr, label.get());
}

void DrawMap(Pages& p, const Map& map) {
  const double height = std::max(map.height_mm, 10.0) * kMm;
  p.Need(height);
  const MapView view(map, kLeft, p.y());
  cairo_t* cr = p.cr();
  cairo_save(cr);
  cairo_rectangle(cr, view.left(), view.top(), view.width(), view.height());
  cairo_clip(cr);
  cairo_set_source_rgb(cr, kSea[0], kSea[1], kSea[2]);
  cairo_paint(cr);

  std::vector<Outline> outlines;
  for (const geo::Ring& ring : map.land)
    if (ring.size() >= 3) outlines.push_back(Unwrap(ring, view.lon0()));
  // All the rings as one path filled by the even-odd rule: a lake inside a continent is left
  // out. Then the coasts, a thin line apart.
  cairo_new_path(cr);
  for (const Outline& o : outlines) AddArea(cr, view, o);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgb(cr, kLand[0], kLand[1], kLand[2]);
  cairo_fill(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  for (const Outline& o : outlines) AddCoast(cr, view, o);
  cairo_set_source_rgb(cr, kCoast[0], kCoast[1], kCoast[2]);
  cairo_set_line_width(cr, 0.4);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr);

  for (const MapMarker& marker : map.markers) DrawMarker(p, view, marker);
  cairo_restore(cr);

  cairo_new_path(cr);
  cairo_rectangle(cr, view.left(), view.top(), view.width(), view.height());
  p.SetColor(0.35, 0.35, 0.35);
  cairo_set_line_width(cr, 0.6);
  cairo_stroke(cr);
  p.SetColor(0, 0, 0);
  p.Advance(height + 10);
}

// A five-pointed star centred on (cx, cy), one point up; inner radius from the regular
// pentagram (r_inner / r_outer = sin 18° / sin 126°).
void StarPath(cairo_t* cr, double cx, double cy, double outer) {
  const double inner =
      outer * std::sin(std::numbers::pi / 10) / std::sin(7 * std::numbers::pi / 10);
  for (int i = 0; i < 10; ++i) {
    const double r = i % 2 == 0 ? outer : inner;
    const double a = -std::numbers::pi / 2 + i * std::numbers::pi / 5;
    if (i == 0)
      cairo_move_to(cr, cx + r * std::cos(a), cy + r * std::sin(a));
    else
      cairo_line_to(cr, cx + r * std::cos(a), cy + r * std::sin(a));
  }
  cairo_close_path(cr);
}

// The office's seal: a red ring, the text along its upper arc, a star in the middle; drawn
// as a group painted at partial opacity with the multiply blend, so the text under it shows
// through as under a stamp.
void DrawSeal(Pages& p, double cx, double cy, const std::string& text) {
  cairo_t* cr = p.cr();
  cairo_save(cr);
  cairo_push_group(cr);
  cairo_set_source_rgb(cr, kRed[0], kRed[1], kRed[2]);
  cairo_set_line_width(cr, 3.2);
  cairo_new_path(cr);
  cairo_arc(cr, cx, cy, kSealRadius - 1.6, 0, 2 * std::numbers::pi);
  cairo_stroke(cr);
  StarPath(cr, cx, cy, kSealRadius * 0.32);
  cairo_fill(cr);

  // The characters, one by one, along an arc centred on the top; each turned so that its
  // foot points to the centre.
  std::vector<std::string> chars;
  for (const char* s = text.c_str(); *s;) {
    const char* next = g_utf8_next_char(s);
    chars.emplace_back(s, next);
    s = next;
  }
  if (!chars.empty()) {
    const double size =
        std::clamp(kSealRadius * 2.6 / std::max<double>(chars.size(), 6), 8.0, 16.0);
    const double span = std::min(std::numbers::pi * 4 / 3,
                                 chars.size() * size * 1.05 / (kSealRadius - 6 - size / 2));
    for (std::size_t i = 0; i < chars.size(); ++i) {
      const double angle = -std::numbers::pi / 2 - span / 2 + span * (i + 0.5) / chars.size();
      auto glyph = p.Layout(chars[i], {kSans, size, true}, -1);
      pango_layout_set_width(glyph.get(), -1);
      int w = 0, h = 0;
      pango_layout_get_size(glyph.get(), &w, &h);
      cairo_save(cr);
      cairo_translate(cr, cx, cy);
      cairo_rotate(cr, angle + std::numbers::pi / 2);
      cairo_move_to(cr, -w / double(PANGO_SCALE) / 2, -(kSealRadius - 5));
      pango_cairo_show_layout(cr, glyph.get());
      cairo_restore(cr);
    }
  }
  cairo_pop_group_to_source(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_paint_with_alpha(cr, 0.85);
  cairo_restore(cr);
}

// The QR code of `url` (ISO/IEC 18004; error correction level M; a quiet zone of four
// modules, §6.3.8), its dark modules drawn as filled squares.
void DrawQr(Pages& p, double x, double y, const std::string& url) {
  std::unique_ptr<QRcode, QrFree> qr(
      QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) throw std::runtime_error("the QR code of the verification URL could not be made");
  constexpr int kQuiet = 4;
  const int n = qr->width;
  const double module = kQrSide / (n + 2 * kQuiet);
  cairo_t* cr = p.cr();
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, kQrSide, kQrSide);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      if (qr->data[row * n + col] & 1) {
        cairo_rectangle(cr, x + (col + kQuiet) * module, y + (row + kQuiet) * module, module,
                        module);
      }
    }
  }
  cairo_fill(cr);
}

// The foot of the document: the QR code and its caption at the left, the office's name and
// the date at the right with the seal over them; kept together on one page.
void DrawFoot(Pages& p, const Content& c) {
  // A paper the office does not sign (a briefing) has no foot.
  if (c.signature_line.empty() && c.date_line.empty() && c.verify_url.empty() &&
      c.seal_text.empty())
    return;
  const double height = std::max(2 * kSealRadius, kQrSide) + 16;
  p.Advance(12);
  p.Need(height);
  const double top = p.y();
  const double seal_x = kLeft + kTextWidth - kSealRadius - 8 * kMm;
  const double text_width = 2 * kSealRadius + 16 * kMm;
  // Signature and date centred under the seal's centre.
  auto sign = p.Layout(c.signature_line, kBodyFont, text_width, PANGO_ALIGN_CENTER);
  auto date = p.Layout(c.date_line, kBodyFont, text_width, PANGO_ALIGN_CENTER);
  const double text_top = top + kSealRadius - HeightOf(sign.get()) / 2;
  p.SetColor(0, 0, 0);
  cairo_move_to(p.cr(), seal_x - text_width / 2, text_top);
  pango_cairo_show_layout(p.cr(), sign.get());
  cairo_move_to(p.cr(), seal_x - text_width / 2, text_top + HeightOf(sign.get()) + 2);
  pango_cairo_show_layout(p.cr(), date.get());

  if (!c.verify_url.empty()) {
    DrawQr(p, kLeft, top + 4, c.verify_url);
    const double caption_x = kLeft + kQrSide + 4 * kMm;
    auto caption =
        p.Layout(c.verify_caption, kSmallFont, seal_x - kSealRadius - caption_x - 4 * kMm);
    p.SetColor(0.2, 0.2, 0.2);
    cairo_move_to(p.cr(), caption_x, top + 4 + (kQrSide - HeightOf(caption.get())) / 2);
    pango_cairo_show_layout(p.cr(), caption.get());
  }
  if (!c.seal_text.empty()) DrawSeal(p, seal_x, top + kSealRadius + 2, c.seal_text);
  p.Advance(height);
}

}  // namespace

geo::Box MapBox(const Map& map) { return MapView(map, kLeft, kTop).Box(); }

std::string Render(const Content& content) {
  std::string pdf;
  std::unique_ptr<cairo_surface_t, CairoSurfaceFree> surface(
      cairo_pdf_surface_create_for_stream(AppendTo, &pdf, kPageWidth, kPageHeight));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo could not create a PDF surface");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, content.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR,
                                 content.signature_line.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Waishi");
  {
    std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
    Pages pages(cr.get());
    DrawLetterhead(pages, content);
    for (const Block& block : content.body) {
      if (const auto* para = std::get_if<Paragraph>(&block))
        DrawParagraph(pages, *para);
      else if (const auto* table = std::get_if<Table>(&block))
        DrawTable(pages, *table);
      else
        DrawMap(pages, std::get<Map>(block));
    }
    DrawFoot(pages, content);
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error(std::string("cairo: ") +
                               cairo_status_to_string(cairo_status(cr.get())));
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo could not finish the PDF");
  return pdf;
}

}  // namespace waishi::documents
