// `waishi bench-pdf`: how many official documents one core renders and signs per second.
#pragma once

#include "core/documents/documents.h"

namespace waishi::documents {

// A sample letter of two A4 pages: letterhead, paragraphs in both languages, a table of
// `rows` rows, the seal and the QR code. Words of no module.
Content SampleLetter(int rows = 20);

struct BenchResult {
  int letters = 0;
  double seconds = 0;
  double per_second = 0;
  std::size_t bytes = 0;  // of one signed letter
  int pages = 0;          // of one letter (counted in the PDF)
};

// Renders and signs the sample letter `count` times on the calling thread (after one
// unmeasured warm-up) with the installed signer. Throws std::logic_error without one.
BenchResult BenchRenderAndSign(int count);

}  // namespace waishi::documents
