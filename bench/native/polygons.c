// Native reference of polyfn's contains kernel (assembly/polygons.ts): the same rule and the same
// loop, eight points a block in 128-bit vectors of two doubles (SSE2 intrinsics: x86-64's baseline,
// the width Wasm SIMD has; wider AVX vectors would be another algorithm), with the same fast path
// (an edge whose y range holds none of the block's points costs two compares per vector) and the
// same scalar rule for a batch's last points. One file, no dependencies, x86-64 only:
//
//   cc -O2 -ffp-contract=off -o polygons bench/native/polygons.c
//   polygons contains <file> [repeats]
//       <file>: little-endian doubles, the vertex count n, n [x, y] vertices, then the points'
//       [x, y] pairs (the binary body of POST /api/contains). Prints one JSON line
//       {"points":..,"inside":..,"checksum":..,"ns":..}: how many points are inside, a checksum of
//       the answers (sum of (index + 1) over the inside points, mod 2^64) and the median CPU time
//       of one call over the repeats (the process's CPU clock, as bench/geometry.ts times the engines:
//       on a shared machine the wall clock measures the other tenants).
//
// -ffp-contract=off: a fused multiply-add would round d once where Wasm and JS round twice, and
// the answers of points within rounding of an edge could differ.
//
// The rule, for edge (x1, y1) -> (x2, y2) and point (px, py) (even-odd, the boundary inside):
//   in range  min(y1, y2) <= py <= max(y1, y2)
//   d         (px - x1) * (py - y2) - (px - x2) * (py - y1)
//   crossing  (y1 <= py) != (y2 <= py) and (d > 0) == (y1 <= py)
//   boundary  d == 0 and min(x1, x2) <= px <= max(x1, x2)
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <emmintrin.h>

static double *ring;   // n vertices, then vertex 0 again
static int n;

static double lower(double a, double b) { return a < b ? a : b; }
static double upper(double a, double b) { return a > b ? a : b; }

static int containsPoint(double px, double py) {
  int odd = 0, on = 0;
  double x1 = ring[0], y1 = ring[1];
  for (int i = 0; i < n; i++) {
    double x2 = ring[2 * i + 2], y2 = ring[2 * i + 3];
    if (py >= lower(y1, y2) && py <= upper(y1, y2)) {
      double d = (px - x1) * (py - y2) - (px - x2) * (py - y1);
      int below1 = y1 <= py;
      if (below1 != (y2 <= py) && (d > 0) == below1) odd = !odd;
      if (d == 0 && px >= lower(x1, x2) && px <= upper(x1, x2)) on = 1;
    }
    x1 = x2;
    y1 = y2;
  }
  return odd || on;
}

/** One vector of the block against an edge in range of at least one of the block's points. */
static inline void edgeTest(__m128d px, __m128d py, __m128d range, __m128d x1, __m128d y1, __m128d x2, __m128d y2,
                            double left, double right, __m128d *odd, __m128d *on) {
  __m128d d = _mm_sub_pd(_mm_mul_pd(_mm_sub_pd(px, x1), _mm_sub_pd(py, y2)), _mm_mul_pd(_mm_sub_pd(px, x2), _mm_sub_pd(py, y1)));
  __m128d below1 = _mm_cmple_pd(y1, py);
  __m128d crossing = _mm_andnot_pd(_mm_xor_pd(_mm_cmpgt_pd(d, _mm_setzero_pd()), below1), _mm_xor_pd(below1, _mm_cmple_pd(y2, py)));
  *odd = _mm_xor_pd(*odd, crossing);
  __m128d zero = _mm_and_pd(_mm_cmpeq_pd(d, _mm_setzero_pd()), range);
  if (_mm_movemask_pd(zero)) {
    __m128d between = _mm_and_pd(_mm_cmpge_pd(px, _mm_set1_pd(left)), _mm_cmple_pd(px, _mm_set1_pd(right)));
    *on = _mm_or_pd(*on, _mm_and_pd(zero, between));
  }
}

static void containsEight(const double *at, uint8_t *out) {
  __m128d px0 = _mm_set_pd(at[2], at[0]), py0 = _mm_set_pd(at[3], at[1]);
  __m128d px1 = _mm_set_pd(at[6], at[4]), py1 = _mm_set_pd(at[7], at[5]);
  __m128d px2 = _mm_set_pd(at[10], at[8]), py2 = _mm_set_pd(at[11], at[9]);
  __m128d px3 = _mm_set_pd(at[14], at[12]), py3 = _mm_set_pd(at[15], at[13]);
  __m128d odd0 = _mm_setzero_pd(), odd1 = odd0, odd2 = odd0, odd3 = odd0;
  __m128d on0 = odd0, on1 = odd0, on2 = odd0, on3 = odd0;
  double x1 = ring[0], y1 = ring[1];
  for (int i = 0; i < n; i++) {
    double x2 = ring[2 * i + 2], y2 = ring[2 * i + 3];
    __m128d low = _mm_set1_pd(lower(y1, y2)), high = _mm_set1_pd(upper(y1, y2));
    __m128d range0 = _mm_and_pd(_mm_cmpge_pd(py0, low), _mm_cmple_pd(py0, high));
    __m128d range1 = _mm_and_pd(_mm_cmpge_pd(py1, low), _mm_cmple_pd(py1, high));
    __m128d range2 = _mm_and_pd(_mm_cmpge_pd(py2, low), _mm_cmple_pd(py2, high));
    __m128d range3 = _mm_and_pd(_mm_cmpge_pd(py3, low), _mm_cmple_pd(py3, high));
    if (_mm_movemask_pd(_mm_or_pd(_mm_or_pd(range0, range1), _mm_or_pd(range2, range3)))) {
      __m128d vx1 = _mm_set1_pd(x1), vy1 = _mm_set1_pd(y1), vx2 = _mm_set1_pd(x2), vy2 = _mm_set1_pd(y2);
      double left = lower(x1, x2), right = upper(x1, x2);
      edgeTest(px0, py0, range0, vx1, vy1, vx2, vy2, left, right, &odd0, &on0);
      edgeTest(px1, py1, range1, vx1, vy1, vx2, vy2, left, right, &odd1, &on1);
      edgeTest(px2, py2, range2, vx1, vy1, vx2, vy2, left, right, &odd2, &on2);
      edgeTest(px3, py3, range3, vx1, vy1, vx2, vy2, left, right, &odd3, &on3);
    }
    x1 = x2;
    y1 = y2;
  }
  int masks[4] = {_mm_movemask_pd(_mm_or_pd(odd0, on0)), _mm_movemask_pd(_mm_or_pd(odd1, on1)),
                  _mm_movemask_pd(_mm_or_pd(odd2, on2)), _mm_movemask_pd(_mm_or_pd(odd3, on3))};
  for (int k = 0; k < 4; k++) {
    out[2 * k] = masks[k] & 1;
    out[2 * k + 1] = (masks[k] >> 1) & 1;
  }
}

static void contains(const double *points, int m, uint8_t *out) {
  int j = 0;
  for (; j + 8 <= m; j += 8) containsEight(points + 2 * j, out + j);
  for (; j < m; j++) out[j] = containsPoint(points[2 * j], points[2 * j + 1]);
}

static uint64_t cpuNs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int compareU64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static int fail(const char *message) {
  fprintf(stderr, "polygons: %s\n", message);
  return 2;
}

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4 || strcmp(argv[1], "contains") != 0) return fail("usage: polygons contains <file> [repeats]");
  int repeats = argc == 4 ? atoi(argv[3]) : 1;
  if (repeats < 1) return fail("repeats must be >= 1");
  FILE *file = fopen(argv[2], "rb");
  if (!file) return fail("cannot open the file");
  fseek(file, 0, SEEK_END);
  long bytes = ftell(file);
  fseek(file, 0, SEEK_SET);
  double *values = malloc((size_t)bytes);
  // Little-endian doubles: read as they are (x86-64 and arm64 are little-endian).
  if (!values || fread(values, 1, (size_t)bytes, file) != (size_t)bytes) return fail("cannot read the file");
  fclose(file);
  long count = bytes / 8;
  n = (int)values[0];
  if (n < 3 || 1 + 2 * (long)n > count || (count - 1 - 2 * n) % 2 != 0) return fail("bad layout");
  int m = (int)((count - 1 - 2 * n) / 2);
  ring = malloc(sizeof(double) * (size_t)(2 * n + 2));
  memcpy(ring, values + 1, sizeof(double) * (size_t)(2 * n));
  ring[2 * n] = ring[0];
  ring[2 * n + 1] = ring[1];
  const double *points = values + 1 + 2 * n;
  uint8_t *inside = malloc((size_t)m + 1);
  uint64_t *times = malloc(sizeof(uint64_t) * (size_t)repeats);
  for (int r = 0; r < repeats; r++) {
    uint64_t started = cpuNs();
    contains(points, m, inside);
    times[r] = cpuNs() - started;
  }
  qsort(times, (size_t)repeats, sizeof(uint64_t), compareU64);
  uint64_t insideCount = 0, checksum = 0;
  for (int j = 0; j < m; j++) {
    if (inside[j]) {
      insideCount++;
      checksum += (uint64_t)j + 1;
    }
  }
  printf("{\"points\":%d,\"inside\":%llu,\"checksum\":\"%llu\",\"ns\":%llu}\n", m, (unsigned long long)insideCount,
         (unsigned long long)checksum, (unsigned long long)times[repeats / 2]);
  return 0;
}
