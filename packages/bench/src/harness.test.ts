import { describe, expect, it } from "vitest";
import { measure, percentile, summarise } from "./harness.ts";

describe("percentile", () => {
  it("interpolates between closest ranks, as NumPy's default does", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    expect(percentile([1, 2, 3, 4], 99)).toBeCloseTo(3.97, 10);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    const hundredAndOne = Array.from({ length: 101 }, (_, i) => i);
    expect(percentile(hundredAndOne, 99)).toBe(99);
  });

  it("handles one sample, no sample, and refuses p outside 0..100", () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(TypeError);
    expect(() => percentile([1], Number.NaN)).toThrow(TypeError);
  });
});

describe("summarise", () => {
  it("sorts the samples and takes throughput from wall time", () => {
    const stats = summarise([300, 100, 200, 10_000], 1000);
    expect(stats).toMatchObject({ ops: 4, opsPerSecond: 4, p50Us: 250 });
    expect(stats.meanUs).toBe(2650);
    expect(stats.p95Us).toBeCloseTo(300 + 0.85 * (10_000 - 300), 6); // rank 2.85 of [100, 200, 300, 10000]
    expect(stats.p99Us).toBeCloseTo(300 + 0.97 * (10_000 - 300), 6); // rank 2.97 of [100, 200, 300, 10000]
  });
});

describe("measure", () => {
  it("warms up, then times each call for the given duration", async () => {
    let time = 0;
    let calls = 0;
    const stats = await measure(
      async () => {
        calls++;
        time += 2; // each call takes 2 ms of the fake clock
      },
      { durationMs: 100, warmupMs: 10, now: () => time },
    );
    expect(calls).toBe(5 + 50);
    expect(stats).toMatchObject({ ops: 50, opsPerSecond: 500, meanUs: 2000, p50Us: 2000, p99Us: 2000 });
  });

  it("takes at least minOps samples of a slow operation", async () => {
    let time = 0;
    const stats = await measure(
      async () => {
        time += 1000;
      },
      { durationMs: 10, warmupMs: 0, minOps: 3, now: () => time },
    );
    expect(stats.ops).toBe(3);
  });
});
