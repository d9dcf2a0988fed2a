// The gazetteer's API: a search box's suggestions and one place by its id.
#include <charconv>
#include <string>
#include <string_view>

#include "core/auth/endpoint.h"
#include "core/error.h"
#include "core/geo/countries.h"
#include "core/geo/places.h"
#include "core/i18n/text.h"
#include "core/i18n/utf8.h"

namespace waishi::geo {
namespace {

constexpr int kDefaultLimit = 10;

// ?q=, ?country=, ?limit=: 400 "invalid_query" naming the field.
PlaceQuery ParsePlaceQuery(const http::Request& req) {
  PlaceQuery query;
  query.text = std::string(i18n::Trim(req.Query("q").value_or("")));
  if (query.text.empty())
    throw ApiError::InvalidQuery("q", "required", i18n::T("validation.required"));
  if (i18n::CodePoints(query.text) > kMaxPlaceQuery) {
    throw ApiError::InvalidQuery(
        "q", "max_length",
        i18n::T("validation.max_length", {{"max", std::to_string(kMaxPlaceQuery)}}));
  }
  if (auto country = req.Query("country"); country && !country->empty()) {
    // "jp" is JP: a code typed or taken from a URL.
    for (char c : *country) query.country += c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
    if (!FindCountry(query.country))
      throw ApiError::InvalidQuery("country", "country", i18n::T("validation.country"));
  }
  query.limit = kDefaultLimit;
  if (auto limit = req.Query("limit")) {
    int n = 0;
    auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (ec != std::errc() || end != limit->data() + limit->size() || n < 1 || n > kMaxPlaceLimit) {
      throw ApiError::InvalidQuery(
          "limit", "range",
          i18n::T("validation.range", {{"min", "1"}, {"max", std::to_string(kMaxPlaceLimit)}}));
    }
    query.limit = n;
  }
  return query;
}

}  // namespace

void Register(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "places");
  api.Component("Place", PlaceSchema());

  // --- signed in

  api.Get("/api/v1/places",
          Doc("searchPlaces",
              "Cities and towns whose name (English or Chinese) contains q, the most populous "
              "first")
              .Query({"q", "country", "limit"})
              .Returns(http::ItemsOf(http::Ref("Place"))),
          [&db](const auth::Call& call) {
            const PlaceQuery query = ParsePlaceQuery(call.request());
            auto places = db.Read([&](db::Session& s) { return SearchPlaces(s, query); });
            Json items = Json::array();
            for (const Place& p : places) items.push_back(PlaceJson(p));
            return auth::Reply({{"items", std::move(items)}});
          });

  api.Get("/api/v1/places/{id}",
          Doc("getPlace", "One place of the gazetteer by its GeoNames id")
              .Quick()
              .Returns(http::Ref("Place")),
          [&db](const auth::Call& call) {
            auto place = db.Read([&](db::Session& s) { return FindPlace(s, call.Id()); });
            if (!place) throw ApiError::NotFound();
            return auth::Reply(PlaceJson(*place));
          });
}

}  // namespace waishi::geo
