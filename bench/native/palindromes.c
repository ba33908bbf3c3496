// Native reference of polyfn's palindrome-products search (assembly/palindromes.ts), same algorithm
// and same step count, plus the simple pruned double loop. One file, no dependencies:
//
//   cc -O2 -o palindromes bench/native/palindromes.c        (no libm needed on x86-64)
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
// 10^x is computed with + - * / only (exp series, see powerOf10), never libm, so that C and JS
// produce the same doubles; checksum = sum over the set of (min * 1000000007 + max) mod 2^64,
// printed in decimal, lets the TS script confirm both sides ran the same ranges.
//
// The algorithm (see assembly/palindromes.ts for the full commentary): walk the palindromes down
// from max^2 (largest) and up from min^2 (smallest, stopping at the largest's value); for each
// palindrome p find every pair a <= b in range with the cheapest of three exact tests, whose
// candidate counts are known up front:
//   quad:   t = a + b over [ceil(2 sqrt p), A0 + floor(p / A0)], t^2 - 4p a perfect square
//   div:    a over [A0, A1], p mod a == 0
//   div11:  (even length, so 11 | p) a and b multiples of 11 over [A0, A1] and [B0, B1]
// with A0 = max(min, ceil(p / max)), A1 = floor(sqrt p), B0 = ceil(p / A1), B1 = floor(p / A0).
// One step per palindrome visited plus one per candidate tested. The code follows the kernel's
// statement by statement (fastRun with its state in locals and no call in its loop, visit(), the
// same checks in the same order), so that the Wasm / native ratio compares compilers, not programs.
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef uint64_t u64;
typedef int64_t i64;
typedef uint32_t u32;

enum { DONE = 0, OUT_OF_STEPS = 1, PAST_DEADLINE = 2 };
// How a run of the walk ends (fastRun, visit).
enum { STOPPED = 0, FOUND = 1, LIMIT = 2, NEXT_LENGTH = 3, MORE = 4, GO = 5, SLOW = 6, QUAD_PAIRS = 7 };
enum { QUAD = 0, DIV = 1, DIV11 = 2 };
#define CLOCK_EVERY 65536u
#define RUN_STEPS 4096u

static u64 steps, budget, deadline, nextClock;
static int stopped;
static u64 lo, hi;
static u64 value[2];
static u32 *pairs[2];
static u32 pairCount[2], pairCap[2];
static u64 P10[20];
static u64 SQUARE_MOD64; // bit r set when r is a square mod 64
// strides[k]: the gap to the next palindrome of the length when h has k trailing 0s (down) or 9s (up)
static u64 strides[11];

// The end being searched and its pair buffer (pairs go straight into the end's buffer).
static int end;
static u32 found;

// The walk: p = h * B + reverse(h, without its last digit when len is odd), and along it
// twiceRoot = ceil(2 sqrt p), excess = twiceRoot^2 - 4p, quotient = ceil(p / max),
// shortfall = quotient * max - p.
static int len;
static u64 h, hMin, hMax, p;
static u64 twiceRoot, quotient;
static i64 excess, shortfall;
// fastRun's loop invariants, in globals as in the kernel (where that keeps them out of registers)
static u64 eleven, elevenOrOne, hEdge, hLimit, runEnd, guard;
// fastRun's quad candidates when one of them is a square
static u64 candidates;

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

static void pushTo(int which, u32 *count, u64 a, u64 c) {
  if (*count == pairCap[which]) {
    pairCap[which] = pairCap[which] ? pairCap[which] * 2 : 1;
    pairs[which] = realloc(pairs[which], (size_t)pairCap[which] * 8);
  }
  pairs[which][2 * *count] = (u32)a;
  pairs[which][2 * *count + 1] = (u32)c;
  ++*count;
}

static void push(u64 a, u64 c) { pushTo(end, &found, a, c); }

/** The clock check, once the step count has reached nextClock: false (and `stopped` set) past the deadline. */
static int beforeDeadline(void) {
  nextClock = (steps & ~(u64)(CLOCK_EVERY - 1)) + CLOCK_EVERY;
  if (nowNs() >= deadline) {
    stopped = PAST_DEADLINE;
    return 0;
  }
  return 1;
}

/** Counts n steps; false when the clock check finds the deadline passed. */
static inline int advance(u64 n) {
  steps += n;
  return steps < nextClock || beforeDeadline();
}

#if defined(__SSE2__)
#include <emmintrin.h>
/** sqrtsd, as Wasm's f64.sqrt (and no libm call for errno). */
static inline double squareRoot(double x) { return _mm_cvtsd_f64(_mm_sqrt_sd(_mm_set_sd(x), _mm_set_sd(x))); }
#else
static inline double squareRoot(double x) { return __builtin_sqrt(x); } // may need -lm here
#endif

static inline u64 isqrt(u64 n) {
  u64 r = (u64)(int64_t)squareRoot((double)(int64_t)n);
  if (r * r > n) r--;
  else if ((r + 1) * (r + 1) <= n) r++;
  return r;
}

static inline u64 multiplesOf11(u64 from, u64 to) { return to / 11 - (from - 1) / 11; }

/** The div11 test's candidate count: the multiples of 11 in [a0, a1] and in [b0, b1]. */
static u64 div11Candidates(u64 a0, u64 a1, u64 b0, u64 b1) { return multiplesOf11(a0, a1) + multiplesOf11(b0, b1); }

/** Digits of x (< 10^9) in reverse order. */
static inline u64 reverse(uint32_t x) {
  uint32_t r = 0;
  while (x) {
    r = r * 10 + x % 10;
    x /= 10;
  }
  return r;
}

/** How many trailing zeros x (> 0) has in decimal (as the kernel: multiplications only). */
static int trailingZeros(u32 x) {
  int k = 0;
  for (;;) {
    u32 y = x * 0xcccccccdu, tenth = y >> 1 | y << 31;
    if (tenth > 0x19999999u) return k;
    x = tenth;
    k++;
  }
}

/** Puts the pairs from `from` on in ascending order of a (the entries before `from` are ascending). */
static void merge(u32 from) {
  u64 *s = (u64 *)pairs[end];
  for (u32 i = from; i < found; i++) {
    u64 x = s[i];
    u32 j = i;
    while (j > 0 && (u32)s[j - 1] > (u32)x) s[j] = s[j - 1], j--;
    s[j] = x;
  }
}

static void reversePairs(void) {
  u64 *s = (u64 *)pairs[end];
  for (u32 i = 0, j = found - 1; found > 1 && i < j; i++, j--) {
    u64 x = s[i];
    s[i] = s[j];
    s[j] = x;
  }
}

/** The pair of candidate t if disc = t^2 - 4p is a square (out of line, as in the kernel). */
static void pushIfSquare(u64 t, u64 disc) {
  u64 d = isqrt(disc);
  if (d * d == disc) push((t - d) >> 1, (t + d) >> 1);
}

/** One quad candidate t, disc = t^2 - 4p: its pair into the buffer if disc is a square. */
static inline void quadCandidate(u64 t, u64 disc) {
  if ((SQUARE_MOD64 >> (disc & 63)) & 1) pushIfSquare(t, disc);
}

static inline void quadRange(u64 t, u64 n, u64 disc) {
  for (u64 last = t + n; t < last; t++) {
    quadCandidate(t, disc);
    disc += 2 * t + 1;
  }
}

static int divisors(u64 a0, u64 a1) {
  u64 a = a0;
  while (a <= a1) {
    u64 last = a1 - a < CLOCK_EVERY ? a1 : a + CLOCK_EVERY - 1;
    if (!advance(last - a + 1)) return 0;
    for (; a <= last; a++)
      if (p % a == 0) push(a, p / a);
  }
  return 1;
}

static int divisors11(u64 a0, u64 a1, u64 b0, u64 b1) {
  // a multiple of 11, ascending
  u64 a = (a0 + 10) / 11 * 11;
  while (a <= a1) {
    u64 left = (a1 - a) / 11 + 1, chunk = left < CLOCK_EVERY ? left : CLOCK_EVERY;
    if (!advance(chunk)) return 0;
    for (u64 i = 0; i < chunk; i++, a += 11)
      if (p % a == 0) push(a, p / a);
  }
  // b multiple of 11, descending (so a ascending); pairs with 11 | a are already in
  u32 fromA = found;
  u64 c = b1 / 11 * 11;
  while (c >= b0 && c > 0) {
    u64 left = (c - b0) / 11 + 1, chunk = left < CLOCK_EVERY ? left : CLOCK_EVERY;
    if (!advance(chunk)) return 0;
    for (u64 i = 0; i < chunk; i++, c -= 11)
      if (p % c == 0 && (p / c) % 11 != 0) push(p / c, c);
  }
  if (fromA > 0) merge(fromA);
  return 1;
}

/** The tests visit() does not run inline (a div test, or a quad test of more than CLOCK_EVERY candidates). */
static __attribute__((noinline)) int test(int method, u64 n, u64 a0, u64 a1, u64 b0, u64 b1, u64 t0, u64 disc0) {
  if (method == DIV) return divisors(a0, a1);
  if (method == DIV11) return divisors11(a0, a1, b0, b1);
  for (u64 done = 0; done < n;) {
    u64 chunk = n - done < CLOCK_EVERY ? n - done : CLOCK_EVERY;
    if (!advance(chunk)) return 0;
    u64 t = t0 + done;
    quadRange(t, chunk, disc0 + done * (t0 + t));
    done += chunk;
  }
  if (found) reversePairs();
  return 1;
}

static inline u64 mirror(u64 high) { return reverse(len & 1 ? (uint32_t)high / 10 : (uint32_t)high); }

static void walkAt(u64 high);

/** Starts the walk at length `length` and high half `high` (computes everything afresh). */
static void walkSet(int length, u64 high) {
  len = length;
  int half = length >> 1;
  hMin = P10[((length + 1) >> 1) - 1];
  hMax = P10[(length + 1) >> 1] - 1;
  for (int k = 0; k <= half; k++) strides[k] = length & 1 ? (k ? 11 * P10[half - k] : P10[half]) : k < half ? 11 * P10[half - 1 - k] : 0;
  walkAt(high);
}

/** Moves the walk to high half `high` at the current length (computes its state afresh). */
static void walkAt(u64 high) {
  h = high;
  p = high * P10[len >> 1] + mirror(high);
  u64 root = isqrt(p), e = p - root * root, up = e == 0 ? 0 : e <= root ? 1 : 2;
  twiceRoot = 2 * root + up;
  excess = (i64)(4 * root * up + up * up - 4 * e);
  quotient = (p - 1) / hi + 1;
  shortfall = (i64)(quotient * hi - p);
}

/** The least h at the current length whose palindrome is >= n (hMax + 1 if none). */
static u64 threshold(u64 n) {
  int d = 1;
  while (d < 20 && n >= P10[d]) d++;
  if (len != d) return len > d ? hMin : hMax + 1;
  u64 b = P10[d >> 1], high = n / b;
  return high + (mirror(high) < n % b);
}

/** Starts the walk at the palindrome nearest n on its side: the largest <= n (down), the smallest >= n (up). */
static void walkFrom(u64 n, int down) {
  int d = 1;
  while (d < 20 && n >= P10[d]) d++;
  walkSet(d, n / P10[d >> 1]);
  if (down && p > n) {
    if (h > hMin) walkSet(len, h - 1);
    else walkSet(len - 1, P10[len >> 1] - 1);
  } else if (!down && p < n) {
    if (h < hMax) walkSet(len, h + 1);
    else walkSet(len + 1, P10[len >> 1]);
  }
}

static inline u64 least(u64 x, u64 y) { return x < y ? x : y; }

/**
 * The visit's step count in its exact order, once the count nears the guard: MORE at the run's end
 * (nothing counted), STOPPED when the budget or the deadline stops the visit, else GO.
 */
static int checkpoint(u64 n, int here) {
  if (steps >= runEnd) return MORE;
  if (steps >= budget) {
    stopped = OUT_OF_STEPS;
    return STOPPED;
  }
  if (!advance(1)) return STOPPED;
  if (n > budget - steps) {
    stopped = OUT_OF_STEPS;
    return STOPPED;
  }
  return here && !advance(n) ? STOPPED : GO;
}

static void setGuard(void) { guard = least(least(budget, nextClock - 1), runEnd); }

/** Whether disc (< 2^50) is a square: its double square root is then exact, and not an integer otherwise. */
static inline int isSmallSquare(u64 disc) {
  double r = squareRoot((double)(i64)disc);
  return __builtin_floor(r) == r;
}

static inline int hasSquare(u64 t, u64 disc, u64 n) {
  for (u64 last = t + n; t < last; t++) {
    if ((SQUARE_MOD64 >> (disc & 63)) & 1 && isSmallSquare(disc)) return 1;
    disc += 2 * t + 1;
  }
  return 0;
}

/** The common visits, from p on (assembly/palindromes.ts fastRun explains). */
static inline __attribute__((always_inline)) int fastRun(int down) {
  u64 T = twiceRoot, q = quotient, H = h, st = steps;
  i64 E = excess, s = shortfall;
  const u64 maxF = hi;
  int result = SLOW;
  u64 n = 0;
  u32 digit = (u32)H % 10;
  for (;;) {
    if (down ? H < hLimit : H >= hLimit) {
      result = LIMIT;
      break;
    }
    const u64 a1 = (T - (E != 0)) >> 1, a0 = q > lo ? q : lo;
    n = 0;
    if (a0 <= a1) {
      const u64 q0 = a0 == q && (u64)s <= q ? maxF - (s != 0) : (q * maxF - (u64)s) / a0;
      const u64 tHi = a0 + q0;
      n = tHi >= T ? tHi - T + 1 : 0;
      if (a1 - a0 + 1 < elevenOrOne * n) break;
    }
    if (st + 1 + n > guard) break;
    st += 1 + n;
    if (n) {
      const u64 disc = (u64)E;
      if ((SQUARE_MOD64 >> (disc & 63)) & 1 && isSmallSquare(disc)) {
        result = QUAD_PAIRS;
        break;
      }
      if (n > 1 && hasSquare(T + 1, disc + 2 * T + 1, n - 1)) {
        result = QUAD_PAIRS;
        break;
      }
    }
    if (H == hEdge) {
      result = NEXT_LENGTH;
      break;
    }
    int k = 0;
    if (down) {
      if (!digit) k = trailingZeros((u32)H), digit = 9;
      else digit--;
      H--;
    } else {
      if (digit == 9) k = trailingZeros((u32)H + 1), digit = 0;
      else digit++;
      H++;
    }
    const i64 delta = down ? -(i64)strides[k] : (i64)strides[k];
    E -= 4 * delta;
    s -= delta;
    if (E >= (i64)(2 * T - 1)) {
      E -= (i64)(2 * T - 1), T--;
      if (E >= (i64)(2 * T - 1)) {
        E -= (i64)(2 * T - 1), T--;
        while (E >= (i64)(2 * T - 1)) E -= (i64)(2 * T - 1), T--;
      }
    } else if (E < 0) {
      T++, E += (i64)(2 * T - 1);
      if (E < 0) {
        T++, E += (i64)(2 * T - 1);
        while (E < 0) T++, E += (i64)(2 * T - 1);
      }
    }
    if (s >= (i64)maxF) {
      s -= (i64)maxF, q--;
      if (s >= (i64)maxF) {
        s -= (i64)maxF, q--;
        while (s >= (i64)maxF) s -= (i64)maxF, q--;
      }
    } else if (s < 0) {
      s += (i64)maxF, q++;
      if (s < 0) {
        s += (i64)maxF, q++;
        while (s < 0) s += (i64)maxF, q++;
      }
    }
  }
  candidates = n;
  p = q * maxF - (u64)s;
  twiceRoot = T;
  excess = E;
  quotient = q;
  shortfall = s;
  h = H;
  steps = st;
  return result;
}

/** fastRun for each direction, so that each is compiled for its own. */
static __attribute__((noinline)) int fastRunDown(void) { return fastRun(1); }
static __attribute__((noinline)) int fastRunUp(void) { return fastRun(0); }

static void quadPairs(u64 t, u64 disc, u64 n) {
  quadRange(t, n, disc);
  if (found) reversePairs();
}

/** Visits p whatever its test: FOUND, GO (no pair), MORE (the run's end: not visited) or STOPPED. */
static int visit(void) {
  const u64 T = twiceRoot, q = quotient;
  const i64 E = excess, s = shortfall;
  const u64 a1 = (T - (E != 0)) >> 1, a0 = q > lo ? q : lo;
  int chosen = QUAD;
  u64 n = 0, q0 = 0;
  if (a0 <= a1) {
    q0 = a0 == q && (u64)s <= q ? hi - (s != 0) : p / a0;
    const u64 tHi = a0 + q0, nDiv = a1 - a0 + 1;
    n = tHi >= T ? tHi - T + 1 : 0;
    if (nDiv < n) chosen = DIV, n = nDiv;
    if (nDiv < eleven * n) {
      u64 n11 = div11Candidates(a0, a1, T - a1, q0);
      if (n11 < n) chosen = DIV11, n = n11;
    }
  }
  const int here = chosen == QUAD && n <= CLOCK_EVERY;
  if (steps + 1 + n > guard) {
    const int status = checkpoint(n, here);
    if (status != GO) return status;
    setGuard();
  } else steps += here ? 1 + n : 1;
  if (!n) return GO;
  if (here) quadPairs(T, (u64)E, n);
  else {
    const int ok = test(chosen, n, a0, a1, T - a1, q0, T, (u64)E);
    setGuard();
    if (!ok) return STOPPED;
  }
  return found ? FOUND : GO;
}

static void lengthChecks(int down, u64 limit) {
  eleven = len & 1 ? 0 : 11;
  elevenOrOne = len & 1 ? 1 : 11;
  hEdge = down ? hMin : hMax;
  hLimit = threshold(limit);
}

/** Walks from p until a palindrome with pairs (FOUND), the limit (LIMIT) or a stop (STOPPED). */
static int walk(int down, u64 limit) {
  lengthChecks(down, limit);
  runEnd = steps + RUN_STEPS;
  setGuard();
  for (;;) {
    int result = down ? fastRunDown() : fastRunUp();
    if (result == SLOW) result = visit();
    else if (result == QUAD_PAIRS) {
      quadPairs(twiceRoot, (u64)excess, candidates);
      result = found ? FOUND : GO;
    }
    if (result == GO) {
      if (h != hEdge) {
        walkAt(down ? h - 1 : h + 1);
        continue;
      }
      result = NEXT_LENGTH;
    }
    if (result == MORE) {
      runEnd = steps + RUN_STEPS;
      setGuard();
      continue;
    }
    if (result != NEXT_LENGTH) return result;
    if (!down) walkSet(len + 1, P10[len >> 1]);
    else if (len == 1) return LIMIT;
    else walkSet(len - 1, P10[len >> 1] - 1);
    lengthChecks(down, limit);
  }
}

static int fastSearch(u64 min, u64 max, u64 stepBudget, u64 deadlineNs) {
  steps = 0;
  budget = stepBudget;
  deadline = deadlineNs;
  nextClock = deadlineNs ? CLOCK_EVERY : UINT64_MAX;
  stopped = DONE;
  value[0] = value[1] = 0;
  pairCount[0] = pairCount[1] = 0;
  lo = min;
  hi = max;
  u64 floor = lo * lo, ceiling = hi * hi;
  // largest: down from max^2, not below min^2
  end = 1;
  found = 0;
  walkFrom(ceiling, 1);
  int result = walk(1, floor);
  if (result == STOPPED) return stopped;
  if (result == LIMIT) return DONE; // no palindrome product at all
  value[1] = p;
  pairCount[1] = found;
  // smallest: up from min^2, at most to the largest (whose pairs are then the answer)
  end = 0;
  found = 0;
  walkFrom(floor, 0);
  result = walk(0, value[1]);
  if (result == STOPPED) return stopped;
  if (result == LIMIT) {
    if (steps >= budget) return OUT_OF_STEPS;
    if (!advance(1)) return stopped;
    for (u32 i = 0; i < pairCount[1]; i++) push(pairs[1][2 * i], pairs[1][2 * i + 1]);
  }
  value[0] = p;
  pairCount[0] = found;
  return DONE;
}

// ---- the simple pruned double loop (a reference, no budget) ----

static int isPalindrome(u64 x) {
  u64 r = 0;
  for (u64 y = x; y; y /= 10) r = r * 10 + y % 10;
  return r == x;
}

static void collect(int which, u64 x, u64 min, u64 max) {
  value[which] = x;
  pairCount[which] = 0;
  if (!x) return;
  u64 a0 = (x - 1) / max + 1;
  if (a0 < min) a0 = min;
  for (u64 a = a0; a * a <= x; a++)
    if (x % a == 0) pushTo(which, &pairCount[which], a, x / a);
}

static void prunedSearch(u64 min, u64 max) {
  u64 best = 0;
  for (u64 x = max; x >= min && x * max >= best; x--)
    for (u64 y = max; y >= x; y--) {
      u64 product = x * y;
      if (product < best) break;
      if (isPalindrome(product)) {
        best = product;
        break;
      }
    }
  collect(1, best, min, max);
  u64 least = UINT64_MAX;
  for (u64 x = min; x <= max && x * x <= least; x++)
    for (u64 y = x; y <= max; y++) {
      u64 product = x * y;
      if (product > least) break;
      if (isPalindrome(product)) {
        least = product;
        break;
      }
    }
  collect(0, least == UINT64_MAX ? 0 : least, min, max);
}

// ---- CLI ----

static int cmpU64(const void *x, const void *y) {
  u64 u = *(const u64 *)x, v = *(const u64 *)y;
  return u < v ? -1 : u > v;
}

static void printEnd(int which) {
  printf("{\"value\":");
  if (value[which]) printf("%llu", (unsigned long long)value[which]);
  else printf("null");
  printf(",\"factors\":[");
  for (u32 i = 0; i < pairCount[which]; i++) printf("%s[%u,%u]", i ? "," : "", pairs[which][2 * i], pairs[which][2 * i + 1]);
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

/** 10^x for 0 <= x < 9 with + - * / only, in the same order as bench/palindromes-targets.ts. */
static double powerOf10(double x) {
  int k = (int)x;
  double y = (x - k) * 2.302585092994046, term = 1, sum = 1;
  for (int n = 1; n <= 30; n++) {
    term = term * y / n;
    sum = sum + term;
  }
  for (int i = 0; i < k; i++) sum = sum * 10;
  return sum;
}

/** The seeded random range set (documented at the top of this file). */
static void randomRange(Mulberry32 *m, u64 *min, u64 *max) {
  double u1 = mulberry32(m) / 4294967296.0, u2 = mulberry32(m) / 4294967296.0;
  u64 top = 1 + (u64)(u1 * 999999999.0);
  u64 width = (u64)powerOf10(9.0 * u2);
  *max = top;
  *min = width >= top ? 1 : top - width + 1;
}

static u64 timeOne(int fast, u64 min, u64 max, int repeats, u64 *times) {
  for (int r = 0; r < repeats; r++) {
    u64 t0 = nowNs();
    if (fast) fastSearch(min, max, UINT64_MAX, 0);
    else prunedSearch(min, max);
    times[r] = nowNs() - t0;
  }
  qsort(times, repeats, sizeof(u64), cmpU64);
  return times[repeats / 2];
}

static u64 arg(const char *text) { return strtoull(text, NULL, 10); }

int main(int argc, char **argv) {
  init();
  if (argc >= 4 && (!strcmp(argv[1], "fast") || !strcmp(argv[1], "pruned"))) {
    u64 min = arg(argv[2]), max = arg(argv[3]);
    int repeats = argc > 4 ? atoi(argv[4]) : 1;
    if (min < 1 || max > 999999999 || min > max || repeats < 1) return fprintf(stderr, "bad range\n"), 2;
    int fast = !strcmp(argv[1], "fast");
    u64 *times = malloc(sizeof(u64) * repeats);
    u64 ns = timeOne(fast, min, max, repeats, times);
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
