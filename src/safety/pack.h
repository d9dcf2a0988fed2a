// How PostgreSQL keeps the grid (grid.h): not a row a filing but a pack of filings a cell, week
// and bucket (table safety_leg_packs, migration 0008), so that the crisis query reads a few
// hundred rows of thousands of filings each instead of thousands of rows. PostgreSQL's executor
// spends some 0.15 µs on each row it reads and the client as much again on each it is sent;
// the 22,000 filings of a dense circle cost it 9 ms as rows, 2 as packs. A leg's bucket is its
// id modulo kBuckets: removing it rewrites a sixteenth of its cell's week, not the whole.
//
// A pack is its filings one after the other, each in network byte order (PostgreSQL's int8send,
// float8send … write the same bytes, as migration 0008 does):
//   leg id, person id, enterprise id (0: none)   8 bytes each, signed
//   latitude, longitude                          8 bytes each, IEEE 754 double
//   from, to (days since 1970-01-01)             4 bytes each, signed
//   country, city, group ("": none)              2 bytes of length, then as many of UTF-8
// SQLite keeps a row a filing (safety_leg_cells): it reads rows in-process at a fraction of the
// cost and appends them at the import's rate.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace waishi::safety::pack {

inline constexpr int kBuckets = 16;
// A leg's bucket, 0 to kBuckets - 1: leg ids are positive (the legs' primary key).
inline int Bucket(long long leg_id) { return static_cast<int>(leg_id % kBuckets); }

struct Filing {
  long long leg_id = 0, person_id = 0, org_id = 0;
  double lat = 0, lon = 0;
  int from_day = 0, to_day = 0;
  std::string_view country, city, group_ref;
};

// Appends the filing to a pack. Throws std::length_error for a text longer than 65,535 bytes.
void Append(std::string& pack, const Filing& filing);

// A pack's filings, in order; their texts point into the pack, which must outlive them. Throws
// std::runtime_error on a pack cut short. One reader a pack and a thread.
class Reader {
 public:
  explicit Reader(std::string_view pack) : rest_(pack) {}
  // The next filing into `out`; false at the end.
  bool Next(Filing& out);

 private:
  std::string_view rest_;
};

// The pack as hexadecimal digits, for a statement's text parameter (decode(:p, 'hex')).
std::string Hex(std::string_view pack);

}  // namespace waishi::safety::pack
