/**
 * One load run over loopback HTTP with autocannon: N keep-alive connections, each sending the same request
 * as soon as its last answer arrived, for a fixed time or a fixed number of requests. Every response time is
 * kept (autocannon's own histogram has whole-millisecond resolution, too coarse for the echo ceiling).
 */
import autocannon from "autocannon";
import { percentile } from "../harness.ts";

export interface LoadOptions {
  readonly url: string;
  readonly method?: "GET" | "POST";
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly connections: number;
  /** Run this long, in seconds… */
  readonly seconds?: number;
  /** …or send exactly this many requests. */
  readonly amount?: number;
  /** The status every answer must have; any other is counted, not timed. */
  readonly expectStatus: number;
  /** Sees each answer's body, e.g. to collect what was issued. */
  readonly onBody?: (status: number, body: string) => void;
}

export interface LoadResult {
  /** Answers with the expected status. */
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers with another status, by status; and socket errors and timeouts. */
  readonly unexpected: Readonly<Record<string, number>>;
  readonly errors: number;
}

/** Runs the load and resolves with what it measured. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if ((options.seconds === undefined) === (options.amount === undefined)) {
    throw new TypeError("runLoad: give seconds or amount, not both");
  }
  const times: number[] = [];
  const unexpected: Record<string, number> = {};
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds }),
        timeout: 30,
        // autocannon checks whether the time is up only at each sample, by default once a second.
        sampleInt: 100,
        requests: [
          {
            method: options.method ?? "POST",
            headers: { "content-type": "application/json", ...options.headers },
            ...(options.body !== undefined ? { body: options.body } : {}),
            ...(options.onBody ? { onResponse: options.onBody } : {}),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status === options.expectStatus) times.push(ms);
      else unexpected[status] = (unexpected[status] ?? 0) + 1;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    seconds,
    requestsPerSecond: times.length / seconds,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    unexpected,
    errors: result.errors + result.timeouts,
  };
}
