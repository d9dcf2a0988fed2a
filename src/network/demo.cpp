// The demo's partner cities. The cities are real, and the seed (../shared/seed) names three of
// them as partners established since 2000: Nelson Mandela Bay, Nottingham and Florence; Aachen
// and Rouen are where Ningbo's professionals were trained. The dates, tiers, statuses and
// populations are illustrative (rounded, and not checked against the office's own records),
// as are the relations with Nagaokakyō, Wilhelmshaven and Wilmington.
#include <cstdio>
#include <string>
#include <vector>

#include "core/i18n/text.h"
#include "network/cities.h"
#include "network/network.h"

namespace waishi::network {

void LoadDemo(App& app, DemoContext&) {
  const std::vector<City> cities = {
      {"长冈京市", "Nagaokakyo", "長岡京市", "JP", "Kyoto", 34.9262, 135.6957, 80'000, "sister",
       "1983-10-07", "active", "宁波第一个国际友城（示例日期）"},
      {"威廉港市", "Wilhelmshaven", "Wilhelmshaven", "DE", "Niedersachsen", 53.5300, 8.1125, 76'000,
       "sister", "1986-06-16", "dormant", "近年往来较少，待复核（示例）"},
      {"亚琛市", "Aachen", "Aachen", "DE", "Nordrhein-Westfalen", 50.7753, 6.0839, 249'000,
       "sister", "1986-09-22", "active", "在亚琛培训专业人才（见原文）"},
      {"鲁昂市", "Rouen", "Rouen", "FR", "Normandie", 49.4431, 1.0993, 114'000, "sister",
       "1990-05-14", "active", "在鲁昂培训专业人才（见原文）"},
      {"威尔明顿市", "Wilmington", "Wilmington", "US", "Delaware", 39.7391, -75.5398, 71'000,
       "friendly", "1997-04-08", "active", ""},
      {"曼德拉湾市", "Nelson Mandela Bay", "Nelson Mandela Bay", "ZA", "Eastern Cape", -33.9608,
       25.6022, 1'190'000, "sister", "2002-11-18", "active", "21 世纪以来结好（见原文）"},
      {"诺丁汉市", "Nottingham", "Nottingham", "GB", "England", 52.9548, -1.1581, 323'000, "sister",
       "2005-10-26", "active", "21 世纪以来结好（见原文）"},
      {"佛罗伦萨市", "Florence", "Firenze", "IT", "Toscana", 43.7696, 11.2558, 367'000, "sister",
       "2008-06-05", "active", "21 世纪以来结好（见原文）"},
  };
  app.db.Write([&](db::Session& tx) {
    for (const City& city : cities)
      if (!FindSame(tx, city)) Insert(tx, city);
  });
  std::printf(
      "%s\n",
      i18n::T("network.demo.loaded", {{"count", std::to_string(cities.size())}}).en.c_str());
}

}  // namespace waishi::network
