import { describe, expect, it } from "vitest";
import { fixedClock, parseXsdDateTime, toXsdDateTime } from "./clock.ts";

describe("dates", () => {
  it("parses XML Schema dateTimes with a zone", () => {
    expect(parseXsdDateTime("2026-01-01T00:00:00Z")?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(parseXsdDateTime("2026-01-01T08:00:00+08:00")?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(parseXsdDateTime("2024-02-29T00:00:00.250Z")?.getUTCMilliseconds()).toBe(250);
  });

  it.each([
    ["impossible day", "2025-02-30T00:00:00Z"],
    ["no zone", "2026-01-01T00:00:00"],
    ["date only", "2026-01-01"],
    ["month 13", "2026-13-01T00:00:00Z"],
    ["not a string", 1735689600000],
    ["free text", "yesterday"],
  ])("refuses %s", (_name, value) => {
    expect(parseXsdDateTime(value)).toBeUndefined();
  });

  it("formats without milliseconds and freezes time", () => {
    const clock = fixedClock("2026-11-30T12:34:56.789Z");
    expect(toXsdDateTime(clock())).toBe("2026-11-30T12:34:56Z");
    expect(() => fixedClock("nope")).toThrow(TypeError);
  });
});
