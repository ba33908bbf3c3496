// Native reference of polyfn's palindrome-products search (assembly/palindromes.ts), same algorithm
// and same step count, plus the simple pruned double loop. One file, no dependencies:
//
//   cc -O2 -o palindromes bench/native/palindromes.c -lm
//   palindromes fast|pruned <min> <max> [repeats]
//       one JSON line {"smallest":{"value":..,"factors":[..]},"largest":{..},"steps":..,"ns":..}
//       ns is the median wall time of one search (both ends, all pairs) over the repeats.
//   palindromes fast-random <seed> <count> [repeats]
//       runs the seeded random-range set of bench/palindromes-targets.ts (same generator, below)
//       and prints one JSON line: median/p99/worst ns, the worst ranges and a checksum of the set.
//
// Random ranges (identical in bench/palindromes-targets.ts): mulberry32 seeded with <seed>; per
// range two draws u1, u2 (uint32 / 2^32): max = 1 + floor(u1 * 999999999),
// width = floor(10^(9 * u2)) (log-uniform in [1, 10^9)), min = max(1, max - width + 1).
// checksum = sum over the set of (min * 1000000007 + max) mod 2^64, printed in decimal.
//
// The algorithm (see assembly/palindromes.ts for the full commentary): walk the palindromes down
// from max^2 (largest) and up from min^2 (smallest, stopping at the largest's value); for each
// palindrome p find every pair a <= b in range with the cheapest of three exact tests, whose
// candidate counts are known up front:
//   quad:   t = a + b over [ceil(2 sqrt p), A0 + floor(p / A0)], t^2 - 4p a perfect square
//   div:    a over [A0, A1], p mod a == 0
//   div11:  (even length, so 11 | p) a and b multiples of 11 over [A0, A1] and [B0, B1]
// with A0 = max(min, ceil(p / max)), A1 = floor(sqrt p), B0 = ceil(p / A1), B1 = floor(p / A0).
// One step per palindrome visited plus one per candidate tested.
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef uint64_t u64;
typedef uint32_t u32;

enum { DONE = 0, OUT_OF_STEPS = 1, PAST_DEADLINE = 2 };
enum { QUAD = 0, DIV = 1, DIV11 = 2 };
#define CLOCK_EVERY 65536u

static u64 steps, budget, deadline, nextClock;
static int stopped;
static u64 value[2];
static u32 *pairs[2];
static u32 pairCount[2], pairCap[2];
static u32 *scratch;
static u32 scratchCount, scratchCap;
static u64 P10[20];
static u64 SQUARE_MOD64; // bit r set when r is a square mod 64

static u64 nowNs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (u64)ts.tv_sec * 1000000000u + (u64)ts.tv_nsec;
}

static void init(void) {
  P10[0] = 1;
  for (int i = 1; i < 20; i++) P10[i] = P10[i - 1] * 10;
  for (u64 r = 0; r < 64; r++) SQUARE_MOD64 |= 1ull << ((r * r) & 63);
}

static void push(u32 **buf, u32 *count, u32 *cap, u64 a, u64 b) {
  if (*count == *cap) {
    *cap = *cap ? *cap * 2 : 64;
    *buf = realloc(*buf, (size_t)*cap * 8);
  }
  (*buf)[2 * *count] = (u32)a;
  (*buf)[2 * *count + 1] = (u32)b;
  ++*count;
}

/** Steps taken; false (and `stopped` set) when the clock check finds the deadline passed. */
static inline int advance(u64 n) {
  steps += n;
  if (steps >= nextClock) {
    nextClock = (steps & ~(u64)(CLOCK_EVERY - 1)) + CLOCK_EVERY;
    if (nowNs() >= deadline) {
      stopped = PAST_DEADLINE;
      return 0;
    }
  }
  return 1;
}

static inline u64 isqrt(u64 n) {
  u64 r = (u64)sqrt((double)n);
  if (r * r > n) r--;
  else if ((r + 1) * (r + 1) <= n) r++;
  return r;
}

static inline u64 mult11(u64 lo, u64 hi) { return hi / 11 - (lo - 1) / 11; }

static inline u64 reverse(u64 x) {
  u64 r = 0;
  while (x) {
    r = r * 10 + x % 10;
    x /= 10;
  }
  return r;
}

/**
 * Visits palindrome p: counts its step, finds every pair [a, b] with lo <= a <= b <= hi and
 * a * b = p into `scratch` (ascending by a). Returns false when the search must stop.
 */
static int visit(u64 p, int even, u64 lo, u64 hi, u64 loHi) {
  scratchCount = 0;
  if (steps >= budget) {
    stopped = OUT_OF_STEPS;
    return 0;
  }
  if (!advance(1)) return 0;
  u64 a1 = isqrt(p), e = p - a1 * a1;
  u64 a0 = p <= loHi ? lo : (p - 1) / hi + 1;
  if (a0 > a1) return 1;
  u64 q0 = p / a0;
  u64 up = e == 0 ? 0 : e <= a1 ? 1 : 2; // ceil(e / a1)
  u64 tLo = 2 * a1 + up, tHi = a0 + q0;
  u64 nDiv = a1 - a0 + 1, nQuad = tHi >= tLo ? tHi - tLo + 1 : 0;
  int method = nQuad <= nDiv ? QUAD : DIV;
  u64 n = nQuad <= nDiv ? nQuad : nDiv;
  u64 b0 = a1 + up, b1 = q0;
  if (even && nDiv / 11 < n) {
    u64 n11 = mult11(a0, a1) + mult11(b0, b1);
    if (n11 < n) method = DIV11, n = n11;
  }
  if (n > budget - steps) {
    stopped = OUT_OF_STEPS;
    return 0;
  }
  if (method == QUAD) {
    u64 t = tLo, disc = tLo * tLo - 4 * p;
    while (t <= tHi) {
      u64 end = tHi - t < CLOCK_EVERY ? tHi : t + CLOCK_EVERY - 1;
      if (!advance(end - t + 1)) return 0;
      for (; t <= end; t++) {
        if ((SQUARE_MOD64 >> (disc & 63)) & 1) {
          u64 d = isqrt(disc);
          if (d * d == disc) push(&scratch, &scratchCount, &scratchCap, (t - d) / 2, (t + d) / 2);
        }
        disc += 2 * t + 1;
      }
    }
    // t ascending gives a descending: reverse into ascending order
    for (u32 i = 0, j = scratchCount - 1; scratchCount && i < j; i++, j--) {
      u64 x = ((u64 *)scratch)[i];
      ((u64 *)scratch)[i] = ((u64 *)scratch)[j];
      ((u64 *)scratch)[j] = x;
    }
  } else if (method == DIV) {
    u64 a = a0;
    while (a <= a1) {
      u64 end = a1 - a < CLOCK_EVERY ? a1 : a + CLOCK_EVERY - 1;
      if (!advance(end - a + 1)) return 0;
      for (; a <= end; a++)
        if (p % a == 0) push(&scratch, &scratchCount, &scratchCap, a, p / a);
    }
  } else {
    // a-side: multiples of 11 in [a0, a1], ascending
    u64 a = (a0 + 10) / 11 * 11;
    u32 fromA = 0;
    while (a <= a1) {
      u64 left = (a1 - a) / 11 + 1, chunk = left < CLOCK_EVERY ? left : CLOCK_EVERY;
      if (!advance(chunk)) return 0;
      for (u64 i = 0; i < chunk; i++, a += 11)
        if (p % a == 0) push(&scratch, &scratchCount, &scratchCap, a, p / a);
    }
    fromA = scratchCount;
    // b-side: multiples of 11 in [b0, b1], descending (a ascending); pairs with 11 | a are known
    u64 b = b1 / 11 * 11;
    while (b >= b0 && b > 0) {
      u64 left = (b - b0) / 11 + 1, chunk = left < CLOCK_EVERY ? left : CLOCK_EVERY;
      if (!advance(chunk)) return 0;
      for (u64 i = 0; i < chunk; i++, b -= 11)
        if (p % b == 0 && (p / b) % 11 != 0) push(&scratch, &scratchCount, &scratchCap, p / b, b);
    }
    // merge the two ascending runs [0, fromA) and [fromA, count)
    if (fromA && fromA < scratchCount) {
      u64 *s = (u64 *)scratch;
      for (u32 i = fromA; i < scratchCount; i++) {
        u64 x = s[i];
        u32 j = i;
        while (j > 0 && (u32)s[j - 1] > (u32)x) s[j] = s[j - 1], j--;
        s[j] = x;
      }
    }
  }
  return 1;
}

/**
 * The palindromes of length L are h * B + reverse(h, without its last digit when L is odd), with
 * B = 10^floor(L/2) and h over the ceil(L/2)-digit numbers. Stepping h by one moves p by
 * B (+ B / 10 when L is even) unless h's last digit wraps, when p is rebuilt.
 */
typedef struct {
  int len;
  u64 h, b, hMin, hMax, stride, p;
} Walk;

static void walkSet(Walk *w, int len, u64 h) {
  w->len = len;
  w->b = P10[len / 2];
  w->stride = len & 1 ? w->b : w->b + w->b / 10;
  w->hMin = P10[(len + 1) / 2 - 1];
  w->hMax = P10[(len + 1) / 2] - 1;
  w->h = h;
  w->p = h * w->b + reverse(len & 1 ? h / 10 : h);
}
static int digits(u64 n) {
  int d = 1;
  while (d < 20 && n >= P10[d]) d++;
  return d;
}
static int walkDown(Walk *w) {
  if (w->h % 10 != 0 && w->h > w->hMin) w->h--, w->p -= w->stride;
  else if (w->h > w->hMin) walkSet(w, w->len, w->h - 1);
  else if (w->len == 1) return 0;
  else walkSet(w, w->len - 1, P10[w->len / 2] - 1);
  return 1;
}
static void walkUp(Walk *w) {
  if (w->h % 10 != 9) w->h++, w->p += w->stride;
  else if (w->h < w->hMax) walkSet(w, w->len, w->h + 1);
  else walkSet(w, w->len + 1, P10[w->len / 2]);
}

static void keep(int end, u64 p) {
  value[end] = p;
  pairCount[end] = 0;
  for (u32 i = 0; i < scratchCount; i++)
    push(&pairs[end], &pairCount[end], &pairCap[end], scratch[2 * i], scratch[2 * i + 1]);
}

static int fastSearch(u64 lo, u64 hi, u64 stepBudget, u64 deadlineNs) {
  steps = 0;
  budget = stepBudget;
  deadline = deadlineNs;
  nextClock = deadlineNs ? CLOCK_EVERY : UINT64_MAX;
  stopped = DONE;
  value[0] = value[1] = 0;
  pairCount[0] = pairCount[1] = 0;
  u64 loHi = lo * hi, floor = lo * lo, ceiling = hi * hi;
  Walk w;
  // largest: down from hi^2 to lo^2
  int len = digits(ceiling);
  walkSet(&w, len, ceiling / P10[len / 2]);
  int more = 1;
  if (w.p > ceiling) more = walkDown(&w);
  for (; more; more = walkDown(&w)) {
    u64 p = w.p;
    if (p < floor) break;
    if (!visit(p, !(w.len & 1), lo, hi, loHi)) return stopped;
    if (scratchCount) {
      keep(1, p);
      break;
    }
  }
  if (!value[1]) return DONE; // no palindrome product at all
  // smallest: up from lo^2, at most to the largest
  len = digits(floor);
  walkSet(&w, len, floor / P10[len / 2]);
  if (w.p < floor) walkUp(&w);
  for (;; walkUp(&w)) {
    u64 p = w.p;
    if (p == value[1]) {
      if (steps >= budget) return OUT_OF_STEPS;
      if (!advance(1)) return stopped;
      value[0] = p;
      pairCount[0] = 0;
      for (u32 i = 0; i < pairCount[1]; i++) push(&pairs[0], &pairCount[0], &pairCap[0], pairs[1][2 * i], pairs[1][2 * i + 1]);
      break;
    }
    if (!visit(p, !(w.len & 1), lo, hi, loHi)) return stopped;
    if (scratchCount) {
      keep(0, p);
      break;
    }
  }
  return DONE;
}

// ---- the simple pruned double loop (a reference, no budget) ----

static int isPalindrome(u64 p) { return reverse(p) == p; }

static void collect(int end, u64 p, u64 lo, u64 hi) {
  value[end] = p;
  pairCount[end] = 0;
  if (!p) return;
  u64 a0 = (p - 1) / hi + 1;
  if (a0 < lo) a0 = lo;
  for (u64 a = a0; a * a <= p; a++)
    if (p % a == 0) push(&pairs[end], &pairCount[end], &pairCap[end], a, p / a);
}

static void prunedSearch(u64 lo, u64 hi) {
  u64 best = 0;
  for (u64 a = hi; a >= lo && a * hi >= best; a--)
    for (u64 b = hi; b >= a; b--) {
      u64 p = a * b;
      if (p < best) break;
      if (isPalindrome(p)) {
        best = p;
        break;
      }
    }
  collect(1, best, lo, hi);
  u64 small = UINT64_MAX;
  for (u64 a = lo; a <= hi && a * a <= small; a++)
    for (u64 b = a; b <= hi; b++) {
      u64 p = a * b;
      if (p > small) break;
      if (isPalindrome(p)) {
        small = p;
        break;
      }
    }
  collect(0, small == UINT64_MAX ? 0 : small, lo, hi);
}

// ---- CLI ----

static int cmpU64(const void *x, const void *y) {
  u64 a = *(const u64 *)x, b = *(const u64 *)y;
  return a < b ? -1 : a > b;
}

static void printEnd(int end) {
  printf("{\"value\":");
  if (value[end]) printf("%llu", (unsigned long long)value[end]);
  else printf("null");
  printf(",\"factors\":[");
  for (u32 i = 0; i < pairCount[end]; i++) printf("%s[%u,%u]", i ? "," : "", pairs[end][2 * i], pairs[end][2 * i + 1]);
  printf("]}");
}

typedef struct {
  u32 state;
} Mulberry32;

static u32 mulberry32(Mulberry32 *m) {
  u32 t = (m->state += 0x6D2B79F5u);
  t = (t ^ (t >> 15)) * (t | 1u);
  t ^= t + (t ^ (t >> 7)) * (t | 61u);
  return t ^ (t >> 14);
}

/** The seeded random range set (documented at the top of this file). */
static void randomRange(Mulberry32 *m, u64 *lo, u64 *hi) {
  double u1 = mulberry32(m) / 4294967296.0, u2 = mulberry32(m) / 4294967296.0;
  u64 max = 1 + (u64)floor(u1 * 999999999.0);
  u64 width = (u64)floor(pow(10.0, 9.0 * u2));
  *hi = max;
  *lo = width >= max ? 1 : max - width + 1;
}

static u64 timeOne(int fast, u64 lo, u64 hi, int repeats, u64 *times) {
  for (int r = 0; r < repeats; r++) {
    u64 t0 = nowNs();
    if (fast) fastSearch(lo, hi, UINT64_MAX, 0);
    else prunedSearch(lo, hi);
    times[r] = nowNs() - t0;
  }
  qsort(times, repeats, sizeof(u64), cmpU64);
  return times[repeats / 2];
}

static u64 arg(const char *text) { return strtoull(text, NULL, 10); }

int main(int argc, char **argv) {
  init();
  if (argc >= 4 && (!strcmp(argv[1], "fast") || !strcmp(argv[1], "pruned"))) {
    u64 lo = arg(argv[2]), hi = arg(argv[3]);
    int repeats = argc > 4 ? atoi(argv[4]) : 1;
    if (lo < 1 || hi > 999999999 || lo > hi || repeats < 1) return fprintf(stderr, "bad range\n"), 2;
    int fast = !strcmp(argv[1], "fast");
    u64 *times = malloc(sizeof(u64) * repeats);
    u64 ns = timeOne(fast, lo, hi, repeats, times);
    printf("{\"smallest\":");
    printEnd(0);
    printf(",\"largest\":");
    printEnd(1);
    if (fast) printf(",\"steps\":%llu", (unsigned long long)steps);
    printf(",\"ns\":%llu}\n", (unsigned long long)ns);
    return 0;
  }
  if (argc >= 4 && !strcmp(argv[1], "fast-random")) {
    Mulberry32 m = {(u32)arg(argv[2])};
    int count = atoi(argv[3]), repeats = argc > 4 ? atoi(argv[4]) : 3;
    u64 *ns = malloc(sizeof(u64) * count), *times = malloc(sizeof(u64) * repeats);
    u64 *los = malloc(sizeof(u64) * count), *his = malloc(sizeof(u64) * count), *st = malloc(sizeof(u64) * count);
    u64 checksum = 0, totalSteps = 0;
    for (int i = 0; i < count; i++) {
      randomRange(&m, &los[i], &his[i]);
      checksum += los[i] * 1000000007u + his[i];
      ns[i] = timeOne(1, los[i], his[i], repeats, times);
      st[i] = steps;
      totalSteps += steps;
    }
    u64 *sorted = malloc(sizeof(u64) * count);
    memcpy(sorted, ns, sizeof(u64) * count);
    qsort(sorted, count, sizeof(u64), cmpU64);
    u64 p99 = sorted[(count * 99 + 99) / 100 - 1]; // nearest rank
    printf("{\"count\":%d,\"checksum\":\"%llu\",\"medianNs\":%llu,\"p99Ns\":%llu,\"worstNs\":%llu,\"totalSteps\":%llu,\"worst\":[",
           count, (unsigned long long)checksum, (unsigned long long)sorted[count / 2], (unsigned long long)p99,
           (unsigned long long)sorted[count - 1], (unsigned long long)totalSteps);
    for (int k = 0; k < 5 && k < count; k++) {
      int best = -1;
      for (int i = 0; i < count; i++)
        if (ns[i] != UINT64_MAX && (best < 0 || ns[i] > ns[best])) best = i;
      printf("%s{\"min\":%llu,\"max\":%llu,\"ns\":%llu,\"steps\":%llu}", k ? "," : "", (unsigned long long)los[best],
             (unsigned long long)his[best], (unsigned long long)ns[best], (unsigned long long)st[best]);
      ns[best] = UINT64_MAX;
    }
    printf("]}\n");
    return 0;
  }
  fprintf(stderr, "usage: %s fast|pruned <min> <max> [repeats] | fast-random <seed> <count> [repeats]\n", argv[0]);
  return 2;
}
