// Render(): the PDF holds the text (Chinese paragraphs and table cells, as pdftotext extracts
// them), embeds its fonts, breaks pages and repeats the table's header, and its QR code
// decodes to the verification URL. A map, rasterized at 72 dpi (a pixel a point), shows the
// land's colour on the land, the sea's on the sea and the marker's red at its place — across
// the antimeridian and near a pole too.
#include <gtest/gtest.h>

// GCC 12 reports a Paragraph put into the Block variant as maybe-uninitialized (the other
// alternative's members): a known false positive of -Wmaybe-uninitialized with std::variant
// (GCC bug 80635).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <cmath>
#include <fstream>
#include <future>
#include <iterator>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "core/documents/documents.h"
#include "core/documents/test_pdf.h"

namespace waishi::documents {
namespace {

Content Letter(int rows) {
  Content c;
  c.letterhead = "宁波市人民政府外事办公室";
  c.letterhead_en = "Foreign Affairs Office of Ningbo Municipal People's Government";
  c.number = "测〔2026〕0007号";
  c.title = "测试文书 Test Document";
  c.body.push_back(
      Paragraph{"兹证明下列人员为本单位正式员工,特此函告。This certifies the persons below."});
  Table t;
  t.header = {"序号", "姓名 Name", "备注"};
  t.widths = {0.15, 0.45, 0.4};
  for (int i = 1; i <= rows; ++i)
    t.rows.push_back(
        {std::to_string(i), "张三丰 ZHANG Sanfeng " + std::to_string(i), "行" + std::to_string(i)});
  c.body.push_back(t);
  c.body.push_back(
      Paragraph{"此页以下无正文。", Paragraph::Style::kSmall, Paragraph::Align::kLeft});
  c.signature_line = "宁波市人民政府外事办公室";
  c.date_line = "2026年12月2日";
  c.verify_url = "https://waishi.example/verify/test?number=0007&date=2026-12-02";
  c.verify_caption = "扫码核验 Scan to verify";
  c.seal_text = "宁波市人民政府外事办公室";
  return c;
}

TEST(DocumentRender, TheTextIsExtractableAndTheFontsEmbedded) {
  testing::TempDir dir;
  const std::string pdf = Render(Letter(3));
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const std::string text = testing::OnPdf(dir, pdf, "pdftotext {} -");
  EXPECT_NE(text.find("兹证明下列人员为本单位正式员工"), std::string::npos) << text;
  EXPECT_NE(text.find("张三丰 ZHANG Sanfeng 2"), std::string::npos) << text;
  EXPECT_NE(text.find("测〔2026〕0007号"), std::string::npos) << text;
  EXPECT_NE(text.find("2026年12月2日"), std::string::npos) << text;

  const std::string fonts = testing::OnPdf(dir, pdf, "pdffonts {}");
  EXPECT_NE(fonts.find("NotoSerifCJK"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("NotoSansCJK"), std::string::npos) << fonts;
  // Every font line (after the header and its rule) says "emb yes", "sub yes".
  int font_lines = 0;
  std::istringstream lines(fonts);
  std::string line;
  for (int n = 0; std::getline(lines, line); ++n) {
    if (n < 2 || line.empty()) continue;
    ++font_lines;
    EXPECT_NE(line.find("Identity-H       yes yes"), std::string::npos) << line;
  }
  EXPECT_GE(font_lines, 2) << fonts;
}

TEST(DocumentRender, ALongTableBreaksThePageAndRepeatsItsHeader) {
  testing::TempDir dir;
  const std::string pdf = Render(Letter(60));
  const std::string info = testing::OnPdf(dir, pdf, "pdfinfo {}");
  EXPECT_NE(info.find("A4"), std::string::npos) << info;
  const std::string page2 = testing::OnPdf(dir, pdf, "pdftotext -f 2 -l 2 {} -");
  EXPECT_NE(page2.find("姓名 Name"), std::string::npos) << "header repeated: " << page2;
  EXPECT_NE(page2.find("ZHANG Sanfeng 30"), std::string::npos) << page2;
  const std::string page1 = testing::OnPdf(dir, pdf, "pdftotext -f 1 -l 1 {} -");
  EXPECT_EQ(page1.find("ZHANG Sanfeng 30"), std::string::npos) << page1;
  // Every row is somewhere, the last one too.
  EXPECT_NE(testing::OnPdf(dir, pdf, "pdftotext {} -").find("ZHANG Sanfeng 60"), std::string::npos);
}

TEST(DocumentRender, TheQrCodeDecodesToTheVerificationUrl) {
  testing::TempDir dir;
  const Content c = Letter(2);
  const std::string qr = testing::QrCodes(dir, Render(c), 1);
  EXPECT_EQ(qr, c.verify_url + "\n");
}

TEST(DocumentRender, ThreadsRenderAtTheSameTime) {
  std::vector<std::future<std::string>> runs;
  for (int i = 0; i < 4; ++i)
    runs.push_back(std::async(std::launch::async, [i] { return Render(Letter(5 + i)); }));
  for (auto& r : runs) EXPECT_TRUE(r.get().starts_with("%PDF-"));
}

// ---------------------------------------------------------------------------
// Maps
// ---------------------------------------------------------------------------

struct Rgb {
  int r = 0, g = 0, b = 0;
  bool Near(const Rgb& o, int tolerance = 8) const {
    return std::abs(r - o.r) <= tolerance && std::abs(g - o.g) <= tolerance &&
           std::abs(b - o.b) <= tolerance;
  }
};
std::ostream& operator<<(std::ostream& out, const Rgb& c) {
  return out << "rgb(" << c.r << "," << c.g << "," << c.b << ")";
}

// The colours render.cpp paints a map with: what a reader of the printed page tells apart.
constexpr Rgb kSea{209, 230, 245};
constexpr Rgb kLand{242, 237, 217};
constexpr Rgb kMarker{204, 13, 13};

// Page 1 at 72 dpi, as pdftoppm's PPM (P6: "P6 width height 255" and the RGB bytes).
class Page {
 public:
  Page(const testing::TempDir& dir, const std::string& pdf) {
    testing::OnPdf(
        dir, pdf,
        "pdftoppm -r 72 -f 1 -l 1 -singlefile {} '" + (dir.path() / "map").string() + "'");
    std::ifstream in(dir.path() / "map.ppm", std::ios::binary);
    std::string magic;
    int max = 0;
    in >> magic >> width_ >> height_ >> max;
    in.get();
    pixels_.assign(std::istreambuf_iterator<char>(in), {});
    if (magic != "P6" || max != 255 || pixels_.size() < std::size_t(width_) * height_ * 3)
      width_ = height_ = 0;
  }
  int width() const { return width_; }
  int height() const { return height_; }
  Rgb At(double x, double y) const {
    const std::size_t i = (std::size_t(std::lround(y)) * width_ + std::size_t(std::lround(x))) * 3;
    return {static_cast<unsigned char>(pixels_[i]), static_cast<unsigned char>(pixels_[i + 1]),
            static_cast<unsigned char>(pixels_[i + 2])};
  }

 private:
  int width_ = 0, height_ = 0;
  std::string pixels_;
};

// Where a map is on the page: the box of the pixels that are not white (the map is all the
// page has in these tests), and where a longitude and latitude fall in it by the projection
// documents.h states.
struct Frame {
  double left = 1e9, top = 1e9, right = -1, bottom = -1;
  double lon0 = 0, lat0 = 0, span = 0;

  Frame(const Page& page, const Map& map)
      : lon0(map.centre.lon), lat0(map.centre.lat), span(map.span) {
    for (int y = 0; y < page.height(); ++y) {
      for (int x = 0; x < page.width(); ++x) {
        if (page.At(x, y).Near({255, 255, 255}, 4)) continue;
        left = std::min<double>(left, x);
        right = std::max<double>(right, x + 1);
        top = std::min<double>(top, y);
        bottom = std::max<double>(bottom, y + 1);
      }
    }
    // The frame ends at a pole rather than showing past it.
    lat0 = std::clamp(lat0, -90 + span / 2, 90 - span / 2);
  }
  double width() const { return right - left; }
  double height() const { return bottom - top; }
  // The pixel of a point, its longitude taken nearest the centre.
  std::pair<double, double> Pixel(double lon, double lat) const {
    const double k = height() / span;
    // A degree of longitude is cos(latitude) of one of latitude, but never so little that the
    // frame would show more than the world's 360°.
    const double squeeze = std::max(std::cos(lat0 * std::numbers::pi / 180), width() / (360 * k));
    lon += 360 * std::round((lon0 - lon) / 360);
    return {left + width() / 2 + (lon - lon0) * squeeze * k, top + height() / 2 - (lat - lat0) * k};
  }
};

// A square of land, corners (west, south) and (east, north), as geo::LandIn gives a ring.
geo::Ring Square(double west, double south, double east, double north) {
  return {{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
}

Content OneMap(const Map& map) {
  Content c;
  c.body.push_back(map);
  return c;
}

// The colour at a point of the map, and the page and frame to say where it went wrong.
class MapRendered {
 public:
  explicit MapRendered(const Map& map) : page_(dir_, Render(OneMap(map))), frame_(page_, map) {}
  Rgb At(double lon, double lat) const {
    const auto [x, y] = frame_.Pixel(lon, lat);
    return page_.At(x, y);
  }
  const Frame& frame() const { return frame_; }

 private:
  testing::TempDir dir_;
  Page page_;
  Frame frame_;
};

TEST(DocumentRenderMap, LandSeaAndTheMarkerWhereTheyAre) {
  Map map;
  map.height_mm = 60;
  map.centre = {10, 50};
  map.span = 10;
  // An island with a lake in it, and the city on the island.
  map.land = {Square(6, 46, 14, 53), Square(11, 47, 13, 48.5)};
  map.markers.push_back({{9, 50}, "测试城 Testburg"});
  const MapRendered m(map);
  const Frame& f = m.frame();
  // The frame: the text's width (156 mm), 60 mm high, inside an A4 page.
  EXPECT_NEAR(f.width(), 156 / 25.4 * 72, 2);
  EXPECT_NEAR(f.height(), 60 / 25.4 * 72, 2);
  EXPECT_TRUE(m.At(8, 47).Near(kLand)) << m.At(8, 47);
  EXPECT_TRUE(m.At(13.5, 52).Near(kLand)) << m.At(13.5, 52);
  EXPECT_TRUE(m.At(4, 50).Near(kSea)) << m.At(4, 50);
  EXPECT_TRUE(m.At(16, 46).Near(kSea)) << m.At(16, 46);
  EXPECT_TRUE(m.At(10, 54).Near(kSea)) << m.At(10, 54);
  // The lake is not land.
  EXPECT_TRUE(m.At(12, 47.7).Near(kSea)) << m.At(12, 47.7);
  EXPECT_TRUE(m.At(9, 50).Near(kMarker)) << m.At(9, 50);
  // Nothing red elsewhere on the land.
  EXPECT_FALSE(m.At(8, 47).Near(kMarker, 60));

  // And the label beside it, as text.
  testing::TempDir dir;
  const std::string text = testing::OnPdf(dir, Render(OneMap(map)), "pdftotext {} -");
  EXPECT_NE(text.find("测试城 Testburg"), std::string::npos) << text;
}

TEST(DocumentRenderMap, AcrossTheAntimeridianWithoutASmear) {
  // Fiji's way: the centre at 179.9°E, an island across the antimeridian (its points jump from
  // 179 to -179), one wholly west of it, the marker given as -179.5.
  Map map;
  map.height_mm = 40;
  map.centre = {179.9, -17};
  map.span = 8;
  map.land = {{{178, -18}, {-178, -18}, {-178, -16}, {178, -16}, {178, -18}},
              Square(-176, -20, -175, -19)};
  map.markers.push_back({{-179.5, -17.5}, ""});
  const MapRendered m(map);
  EXPECT_TRUE(m.At(178.5, -17).Near(kLand)) << m.At(178.5, -17);
  EXPECT_TRUE(m.At(-178.5, -17).Near(kLand)) << m.At(-178.5, -17);
  EXPECT_TRUE(m.At(-175.5, -19.5).Near(kLand)) << m.At(-175.5, -19.5);
  EXPECT_TRUE(m.At(-179.5, -17.5).Near(kMarker)) << m.At(-179.5, -17.5);
  // A ring drawn the wrong way round the world would fill its latitudes across the frame.
  for (double lon : {170.0, 174.0, 177.5, -177.5, -174.0, -170.0})
    EXPECT_TRUE(m.At(lon, -17).Near(kSea)) << lon << ": " << m.At(lon, -17);
}

TEST(DocumentRenderMap, NearThePoles) {
  // A cap going round the south pole from -180 to 180, as Natural Earth's Antarctica does.
  Map south;
  south.height_mm = 40;
  south.centre = {20, -68};
  south.span = 10;
  south.land = {{{-180, -70}, {-90, -70}, {0, -70}, {90, -70}, {180, -70}}};
  const MapRendered s(south);
  EXPECT_TRUE(s.At(20, -72).Near(kLand)) << s.At(20, -72);
  EXPECT_TRUE(s.At(-10, -72).Near(kLand)) << s.At(-10, -72);
  EXPECT_TRUE(s.At(20, -66).Near(kSea)) << s.At(20, -66);
  // Where the cap's ends meet, at the antimeridian, it is land without a coast drawn down it.
  south.centre = {175, -74};
  const MapRendered seam(south);
  for (double lat : {-72.0, -74.0, -76.0})
    EXPECT_TRUE(seam.At(180, lat).Near(kLand)) << lat << ": " << seam.At(180, lat);

  // A city at 89°N: the frame ends at the pole, the marker shows.
  Map north;
  north.height_mm = 40;
  north.centre = {30, 89};
  north.span = 10;
  north.land = {Square(-40, 80, 10, 84)};
  north.markers.push_back({north.centre, "北极 North"});
  const MapRendered n(north);
  EXPECT_TRUE(n.At(30, 89).Near(kMarker)) << n.At(30, 89);
  EXPECT_TRUE(n.At(-10, 82).Near(kLand)) << n.At(-10, 82);
  EXPECT_TRUE(n.At(60, 82).Near(kSea)) << n.At(60, 82);
}

TEST(DocumentRenderMap, NoLandIsAllSeaAndTheBoxIsWhatShows) {
  Map map;
  map.height_mm = 60;
  map.centre = {179.9, 10};
  map.span = 10;
  map.markers.push_back({map.centre, "海 Sea"});
  const MapRendered m(map);
  EXPECT_TRUE(m.At(176, 12).Near(kSea)) << m.At(176, 12);
  EXPECT_TRUE(m.At(179.9, 10).Near(kMarker)) << m.At(179.9, 10);

  // The box to ask the land for: 10° high, as wide as the frame at cos(10°), across ±180.
  const geo::Box box = MapBox(map);
  EXPECT_NEAR(box.north - box.south, 10, 1e-9);
  EXPECT_NEAR(box.south, 5, 1e-9);
  const double wide = 10 * (156.0 / 60) / std::cos(10 * std::numbers::pi / 180);
  EXPECT_NEAR(box.east - box.west, wide, 1e-6);
  EXPECT_NEAR((box.east + box.west) / 2, 179.9, 1e-9);
  // At 89°N the box ends at the pole.
  map.centre = {0, 89};
  EXPECT_NEAR(MapBox(map).north, 90, 1e-9);
  EXPECT_NEAR(MapBox(map).south, 80, 1e-9);
}

TEST(DocumentRenderMap, AMapThatDoesNotFitStartsANewPage) {
  Content c;
  c.title = "测试文书 Test Document";
  c.body.push_back(Paragraph{"兹证明下列人员为本单位正式员工,特此函告。"});
  Map map;
  map.height_mm = 220;
  map.markers.push_back({map.centre, "测试城 Testburg"});
  c.body.push_back(map);
  testing::TempDir dir;
  const std::string pdf = Render(c);
  const std::string info = testing::OnPdf(dir, pdf, "pdfinfo {}");
  EXPECT_NE(info.find("Pages:           2"), std::string::npos) << info;
  EXPECT_EQ(testing::OnPdf(dir, pdf, "pdftotext -f 1 -l 1 {} -").find("Testburg"),
            std::string::npos);
  EXPECT_NE(testing::OnPdf(dir, pdf, "pdftotext -f 2 -l 2 {} -").find("Testburg"),
            std::string::npos);
}

}  // namespace
}  // namespace waishi::documents
