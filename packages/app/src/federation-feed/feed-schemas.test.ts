/**
 * Every message the catalogue and its feed emit validates against the JSON Schemas published in
 * specs/schemas/federation/: records and tombstones, events, pages of changes and of the snapshot, the
 * checkpoint's header and payload, and the push hint a node sends.
 */
import { readFileSync } from "node:fs";
import { Validator } from "@cfworker/json-schema";
import { SAMPLE_COURSE_CONTENT } from "@learnbridge/catalogue/testing";
import { createSigner, fromBase64Url, fromUtf8, generateKeyPair } from "@learnbridge/core";
import { sendHints } from "@learnbridge/federation";
import { describe, expect, it } from "vitest";
import { catalogueCentre } from "../catalogue/catalogue-centre.ts";
import { CENTRE_URL, postJson } from "../test-support/test-centre.ts";

// The interpreting validator the credentials engine uses (Workers forbid Ajv's `new Function`).
/** The protected header and payload of a compact JWS. */
const partsOf = (jws: string) => {
  const [header = "", payload = ""] = jws.split(".");
  return {
    header: JSON.parse(fromUtf8(fromBase64Url(header))),
    payload: JSON.parse(fromUtf8(fromBase64Url(payload))),
  };
};

const BASE = "https://w3id.org/learnbridge/schemas/federation/";
const NAMES = ["course-record", "feed-event", "changes-page", "snapshot-page", "checkpoint", "hint"] as const;
const schemas = new Map(
  NAMES.map((name) => [
    name,
    JSON.parse(
      readFileSync(
        new URL(`../../../../specs/schemas/federation/${name}.schema.json`, import.meta.url),
        "utf8",
      ),
    ),
  ]),
);

/** Asserts that `value` validates against schema `name`, naming the errors when it does not. */
function expectValid(name: (typeof NAMES)[number], value: unknown) {
  const validator = new Validator(schemas.get(name), "2020-12", false);
  for (const [other, schema] of schemas)
    if (other !== name) validator.addSchema(schema, `${BASE}${other}.json`);
  const result = validator.validate(value);
  expect(result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`), name).toEqual([]);
}

describe("emitted messages match specs/schemas/federation", () => {
  it("records, tombstones, events, pages and checkpoints", async () => {
    const centre = await catalogueCentre();
    const token = await centre.token("achievements");
    const created = await postJson(
      centre.app,
      "/catalogue/courses",
      { slug: "a", ...SAMPLE_COURSE_CONTENT },
      { token },
    );
    const minimal = await postJson(
      centre.app,
      "/catalogue/courses",
      { slug: "b", title: { zh: "老年人数字技能" }, language: ["zh"], mode: "in-person" },
      { token },
    );
    const deleted = await centre.app.request("/catalogue/courses/a", {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
    });
    for (const response of [created, minimal, deleted]) expectValid("course-record", await response.json());
    const list = (await (await centre.app.request("/catalogue/courses")).json()) as { courses: unknown[] };
    for (const course of list.courses) expectValid("course-record", course);

    const changes = (await (await centre.app.request("/federation/feed/changes")).json()) as {
      events: { record: unknown }[];
    };
    expect(changes.events).toHaveLength(3);
    expectValid("changes-page", changes);
    for (const event of changes.events) {
      expectValid("feed-event", event);
      expectValid("course-record", event.record);
    }
    expectValid("changes-page", await (await centre.app.request("/federation/feed/changes?after=3")).json());
    expectValid(
      "snapshot-page",
      await (await centre.app.request("/federation/feed/snapshot?limit=1")).json(),
    );
    const jws = await (await centre.app.request("/federation/feed/checkpoint")).text();
    expectValid("checkpoint", partsOf(jws));

    const empty = await catalogueCentre();
    expectValid("snapshot-page", await (await empty.app.request("/federation/feed/snapshot")).json());
    const emptyJws = await (await empty.app.request("/federation/feed/checkpoint")).text();
    expectValid("checkpoint", partsOf(emptyJws));
  });

  it("the push hint a node sends", async () => {
    const pair = await generateKeyPair("EdDSA");
    const bodies: unknown[] = [];
    await sendHints({ feed: CENTRE_URL, headSeq: 42 }, ["https://peer.example"], {
      signer: createSigner(pair, "did:web:centre.example#key-1"),
      fetch: async (_url, init) => {
        bodies.push(JSON.parse(new TextDecoder().decode(init?.body as ArrayBuffer)));
        return new Response(null, { status: 202 });
      },
    });
    expect(bodies).toHaveLength(1);
    expectValid("hint", bodies[0]);
  });

  it("and the schemas are not vacuous: they refuse what the spec refuses", () => {
    const wrong: [(typeof NAMES)[number], unknown][] = [
      [
        "feed-event",
        {
          seq: 2,
          op: "put",
          recordId: "x",
          version: 1,
          recordHash: "h",
          record: {},
          at: "",
          prev: null,
          hash: "h",
        },
      ],
      ["changes-page", { feed: CENTRE_URL, events: [], headSeq: 0 }],
      ["hint", { feed: CENTRE_URL, headSeq: -1 }],
      ["course-record", { type: "Course" }],
    ];
    for (const [name, value] of wrong) {
      const validator = new Validator(schemas.get(name), "2020-12", false);
      for (const [other, schema] of schemas)
        if (other !== name) validator.addSchema(schema, `${BASE}${other}.json`);
      expect(validator.validate(value).valid, name).toBe(false);
    }
  });
});
