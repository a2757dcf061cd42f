import { describe, expect, it } from "vitest";
import { selectClaims } from "./claims-path.ts";

describe("selectClaims (OpenID4VP 1.0 §7.1, on the specification's example)", () => {
  const arthur = {
    name: "Arthur Dent",
    address: { street_address: "42 Market Street", locality: "Milliways" },
    degrees: [
      { type: "Bachelor of Science", university: "University of Betelgeuse" },
      { type: "Master of Science", university: "University of Betelgeuse" },
    ],
    nationalities: ["British", "Betelgeusian"],
  };
  it.each([
    [["name"], ["Arthur Dent"]],
    [["address", "street_address"], ["42 Market Street"]],
    [
      ["degrees", null, "type"],
      ["Bachelor of Science", "Master of Science"],
    ],
    [["nationalities", 1], ["Betelgeusian"]],
  ])("selects %j", (path, expected) => {
    expect(selectClaims(arthur, path)).toEqual(expected);
  });
  it.each([
    ["a missing key", ["nickname"]],
    ["a key on a string", ["name", "first"]],
    ["null on an object", ["address", null]],
    ["an index on an object", ["address", 0]],
    ["an index past the end", ["nationalities", 5]],
  ])("fails on %s", (_name, path) => {
    expect(selectClaims(arthur, path)).toBeUndefined();
  });
});

describe("claims path pointers (§7.1)", () => {
  const doc = { a: { b: [{ c: 1 }, { c: 2 }, { d: 3 }] }, s: "x" };
  it("selects by key, index and null, and fails on the wrong kind of value or nothing left", () => {
    expect(selectClaims(doc, ["a", "b", null, "c"])).toEqual([1, 2]);
    expect(selectClaims(doc, ["a", "b", 1, "c"])).toEqual([2]);
    expect(selectClaims(doc, ["a", "b", 5])).toBeUndefined();
    expect(selectClaims(doc, ["s", "x"])).toBeUndefined();
    expect(selectClaims(doc, ["a", null])).toBeUndefined();
    expect(selectClaims(doc, ["missing"])).toBeUndefined();
  });
});

describe("claims path pointers that are not pointers", () => {
  it("fail on a negative or fractional index", () => {
    expect(selectClaims({ a: [1, 2] }, ["a", -1])).toBeUndefined();
    expect(selectClaims({ a: [1, 2] }, ["a", 0.5])).toBeUndefined();
  });
});
