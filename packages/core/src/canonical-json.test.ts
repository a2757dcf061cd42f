import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";

describe("canonicalJson (RFC 8785)", () => {
  it("sorts keys by UTF-16 code units at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 2 }], a: "x", "€": 1, "\u00e9": 2, A: null })).toBe(
      '{"A":null,"a":"x","b":[3,{"a":2,"z":1}],"é":2,"€":1}',
    );
  });

  it("writes numbers and strings as RFC 8785's own examples do", () => {
    expect(canonicalJson([1e21, 0.000001, -0, 333333333.3333333, 1e-7, 4.5])).toBe(
      "[1e+21,0.000001,0,333333333.3333333,1e-7,4.5]",
    );
    expect(canonicalJson('\u20ac$\u000f\nA\'B"\\\\"/')).toBe('"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"');
  });

  it("leaves out undefined members, as JSON does, and refuses what JSON cannot carry", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
  });
});
