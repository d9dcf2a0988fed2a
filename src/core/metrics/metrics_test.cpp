#include "core/metrics/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace waishi::metrics {
namespace {

TEST(MetricsTest, ValuesAreWrittenAsTheFormatReadsThem) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(42), "42");
  EXPECT_EQ(FormatValue(0.005), "0.005");
  EXPECT_EQ(FormatValue(2.5), "2.5");
  EXPECT_EQ(FormatValue(0.0001), "0.0001");
  EXPECT_EQ(FormatValue(0.0244140625), "0.0244140625");
  EXPECT_EQ(FormatValue(1e-7), "1e-07");
  EXPECT_EQ(FormatValue(INFINITY), "+Inf");
  EXPECT_EQ(FormatValue(-INFINITY), "-Inf");
  EXPECT_EQ(FormatValue(NAN), "NaN");
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  EXPECT_EQ(Label("route", "/api/v1/cases/{id}"), "route=\"/api/v1/cases/{id}\"");
  EXPECT_EQ(Label("x", "a\"b\\c\nd"), "x=\"a\\\"b\\\\c\\nd\"");
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithSumAndCount) {
  Histogram h({1, 5});
  h.Observe(0.5);
  h.Observe(1);  // le="1" holds a value equal to its bound
  h.Observe(3);
  h.Observe(7);
  std::string out;
  h.Write(out, "x", Label("a", "b"));
  EXPECT_EQ(out,
            "x_bucket{a=\"b\",le=\"1\"} 2\n"
            "x_bucket{a=\"b\",le=\"5\"} 3\n"
            "x_bucket{a=\"b\",le=\"+Inf\"} 4\n"
            "x_sum{a=\"b\"} 11.5\n"
            "x_count{a=\"b\"} 4\n");
  EXPECT_EQ(h.count(), 4u);
}

TEST(MetricsTest, HttpRequestsWritesOnlyTheSeriesThatCounted) {
  HttpRequests requests({{"/api/v1/cases/{id}", "GET"}, {"/api/v1/cases", "POST"}});
  // Powers of two, so that the sum is exact.
  requests.Record(0, 200, 0.0078125);
  requests.Record(0, 200, 0.015625);
  requests.Record(0, 404, 0.0009765625);
  requests.Record(requests.OtherSlot("DELETE"), 404, 20);
  requests.Record(requests.OtherSlot("HEAD"), 799, 0.0001);  // neither status nor method known
  std::string out;
  requests.Write(out);
  const std::string kRoute = "route=\"/api/v1/cases/{id}\",method=\"GET\"";
  const std::string kDelete = "route=\"other\",method=\"DELETE\"";
  const std::string kOther = "route=\"other\",method=\"OTHER\"";
  std::string expected =
      "# HELP waishi_http_requests_total HTTP requests answered, by route pattern, method and "
      "status.\n"
      "# TYPE waishi_http_requests_total counter\n"
      "waishi_http_requests_total{" +
      kRoute + ",status=\"200\"} 2\n" + "waishi_http_requests_total{" + kRoute +
      ",status=\"404\"} 1\n" + "waishi_http_requests_total{" + kDelete + ",status=\"404\"} 1\n" +
      "waishi_http_requests_total{" + kOther + ",status=\"other\"} 1\n" +
      "# HELP waishi_http_request_duration_seconds Time from a request read to its answer "
      "written, by route pattern and method.\n"
      "# TYPE waishi_http_request_duration_seconds histogram\n";
  auto buckets = [](const std::string& labels, std::vector<int> cumulative, std::string sum) {
    const std::vector<std::string> les = {"0.001", "0.0025", "0.005", "0.01", "0.025",
                                          "0.05",  "0.1",    "0.25",  "0.5",  "1",
                                          "2.5",   "5",      "10",    "+Inf"};
    std::string s;
    for (std::size_t i = 0; i < les.size(); ++i) {
      s += "waishi_http_request_duration_seconds_bucket{" + labels + ",le=\"" + les[i] + "\"} " +
           std::to_string(cumulative[i]) + "\n";
    }
    s += "waishi_http_request_duration_seconds_sum{" + labels + "} " + sum + "\n";
    s += "waishi_http_request_duration_seconds_count{" + labels + "} " +
         std::to_string(cumulative.back()) + "\n";
    return s;
  };
  expected += buckets(kRoute, {1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, "0.0244140625");
  expected += buckets(kDelete, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, "20");
  expected += buckets(kOther, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, "0.0001");
  EXPECT_EQ(out, expected);
}

TEST(MetricsTest, RenderHoldsTheDatabaseFiguresAndTheCollectors) {
  AddCollector([](std::string& out) {
    WriteFamily(out, "test_collected", "A figure read at scrape time.", "gauge");
    WriteSample(out, "test_collected", Label("state", "queued"), 3);
  });
  const std::string out = Render(nullptr);
  EXPECT_EQ(out.rfind("# HELP waishi_uptime_seconds ", 0), 0u);
  EXPECT_NE(out.find("# TYPE waishi_db_write_queue_depth gauge\nwaishi_db_write_queue_depth "),
            std::string::npos);
  EXPECT_NE(out.find("# TYPE waishi_audit_pending_reads gauge\nwaishi_audit_pending_reads "),
            std::string::npos);
  EXPECT_NE(out.find("# TYPE waishi_http_connections_open gauge\nwaishi_http_connections_open "),
            std::string::npos);
  EXPECT_NE(out.find("# TYPE waishi_http_connections_refused_total counter\n"
                     "waishi_http_connections_refused_total "),
            std::string::npos);
  EXPECT_NE(out.find("# TYPE waishi_db_write_batch_size histogram\n"), std::string::npos);
  EXPECT_NE(out.find("waishi_db_pool_wait_seconds_bucket{le=\"+Inf\"} "), std::string::npos);
  EXPECT_NE(out.find("# HELP test_collected A figure read at scrape time.\n"
                     "# TYPE test_collected gauge\n"
                     "test_collected{state=\"queued\"} 3\n"),
            std::string::npos);
  EXPECT_EQ(out.find("waishi_http_requests_total"), std::string::npos);
}

TEST(MetricsTest, ScrapersAreTheLoopbackTheTrustedProxiesOrTheTokenHolders) {
  EXPECT_TRUE(MayScrape("127.0.0.1", false, std::nullopt, ""));
  EXPECT_TRUE(MayScrape("::1", false, std::nullopt, ""));
  EXPECT_TRUE(MayScrape("10.0.0.2", true, std::nullopt, ""));
  EXPECT_FALSE(MayScrape("203.0.113.9", false, std::nullopt, ""));
  EXPECT_FALSE(MayScrape("203.0.113.9", false, "Bearer ", ""));  // no token set: none matches
  EXPECT_FALSE(MayScrape("203.0.113.9", false, std::nullopt, "s3cret"));
  EXPECT_FALSE(MayScrape("203.0.113.9", false, "Bearer s3cre", "s3cret"));
  EXPECT_FALSE(MayScrape("203.0.113.9", false, "Basic s3cret", "s3cret"));
  EXPECT_TRUE(MayScrape("203.0.113.9", false, "Bearer s3cret", "s3cret"));
}

}  // namespace
}  // namespace waishi::metrics
