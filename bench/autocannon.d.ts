// The part of autocannon's programmatic API the throughput section uses (the package ships no types).
declare module 'autocannon' {
  interface Request {
    method?: string;
    path?: string;
  }

  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    requests?: Request[];
    /** Counts a response whose body it does not accept in `mismatches`. */
    verifyBody?: (body: string) => boolean;
  }

  /** Latency percentiles in ms. */
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
  }

  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    latency: Histogram;
    /** Requests per second, sampled each second. */
    requests: Histogram & { total: number; sent: number };
  }

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
