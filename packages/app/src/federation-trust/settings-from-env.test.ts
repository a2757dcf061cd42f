import { describe, expect, it } from "vitest";
import { federationSettingsFrom } from "./settings-from-env.ts";

const JWKS = {
  keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "k1" }],
};
const ANCHORS = JSON.stringify([{ entityId: "https://hq.example", jwks: JWKS }]);

describe("federationSettingsFrom", () => {
  it("is no federation, and no problem, when FEDERATION_ROLE is unset", () => {
    expect(federationSettingsFrom({})).toEqual({ problems: [] });
  });

  it("reads a leaf with its superior and pinned anchor", () => {
    const { config, problems } = federationSettingsFrom({
      FEDERATION_ROLE: "leaf",
      FEDERATION_NAME: "Nairobi Open Learning Centre",
      FEDERATION_AUTHORITY_HINTS: "https://branch.example, https://hq.example",
      FEDERATION_TRUST_ANCHORS: ANCHORS,
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      role: "leaf",
      organizationName: "Nairobi Open Learning Centre",
      authorityHints: ["https://branch.example", "https://hq.example"],
      trustAnchors: [{ entityId: "https://hq.example", jwks: JWKS }],
    });
  });

  it("lets an anchor name no anchor: it adds itself when assembled", () => {
    expect(federationSettingsFrom({ FEDERATION_ROLE: "anchor" }).config).toEqual({
      role: "anchor",
      trustAnchors: [],
    });
  });

  it("names each wrong variable and why", () => {
    const variables = (env: Record<string, string>) =>
      federationSettingsFrom(env).problems.map((p) => p.variable);
    expect(variables({ FEDERATION_ROLE: "hub" })).toEqual(["FEDERATION_ROLE"]);
    expect(variables({ FEDERATION_ROLE: "leaf", FEDERATION_TRUST_ANCHORS: ANCHORS })).toEqual([
      "FEDERATION_AUTHORITY_HINTS",
    ]);
    expect(variables({ FEDERATION_ROLE: "anchor", FEDERATION_AUTHORITY_HINTS: "https://x.example" })).toEqual(
      ["FEDERATION_AUTHORITY_HINTS"],
    );
    expect(
      variables({
        FEDERATION_ROLE: "leaf",
        FEDERATION_AUTHORITY_HINTS: "https://hq.example",
        FEDERATION_TRUST_ANCHORS: "{not json",
      }),
    ).toEqual(["FEDERATION_TRUST_ANCHORS"]);
    expect(
      variables({
        FEDERATION_ROLE: "leaf",
        FEDERATION_AUTHORITY_HINTS: "https://hq.example",
        FEDERATION_TRUST_ANCHORS: JSON.stringify([{ entityId: "https://hq.example", jwks: { keys: [] } }]),
      }),
    ).toEqual(["FEDERATION_TRUST_ANCHORS"]);
    expect(
      variables({ FEDERATION_ROLE: "anchor", FEDERATION_TRUST_MARK_ISSUERS: '{"t": ["not a url"]}' }),
    ).toEqual(["FEDERATION_TRUST_MARK_ISSUERS"]);
    expect(variables({ FEDERATION_TRUST_ANCHORS: ANCHORS })).toEqual(["FEDERATION_TRUST_ANCHORS"]);
  });

  it("reads FEDERATION_HINT_TARGETS, with or without a federation role", () => {
    expect(
      federationSettingsFrom({
        FEDERATION_HINT_TARGETS: " https://mirror.example, ,https://asia.example/hub ",
      }),
    ).toEqual({
      sync: { hintTargets: ["https://mirror.example", "https://asia.example/hub"] },
      problems: [],
    });
    expect(
      federationSettingsFrom({
        FEDERATION_ROLE: "leaf",
        FEDERATION_AUTHORITY_HINTS: "https://hq.example",
        FEDERATION_TRUST_ANCHORS: ANCHORS,
        FEDERATION_HINT_TARGETS: "https://mirror.example",
      }),
    ).toMatchObject({
      sync: { hintTargets: ["https://mirror.example"] },
      config: { role: "leaf" },
      problems: [],
    });
    expect(federationSettingsFrom({ FEDERATION_HINT_TARGETS: "  " })).toEqual({ problems: [] });
    expect(
      federationSettingsFrom({ FEDERATION_HINT_TARGETS: "https://mirror.example,mirror.example" }),
    ).toEqual({
      problems: [
        { variable: "FEDERATION_HINT_TARGETS", reason: "'mirror.example' is not an entity id (URL)" },
      ],
    });
  });

  it("reads FEDERATION_MAX_RECORDS_PER_OWNER, with or without a role, and names a bad one", () => {
    expect(federationSettingsFrom({ FEDERATION_MAX_RECORDS_PER_OWNER: " 20000 " })).toEqual({
      sync: { follower: { maxRecordsPerOwner: 20_000 } },
      problems: [],
    });
    expect(
      federationSettingsFrom({
        FEDERATION_ROLE: "leaf",
        FEDERATION_AUTHORITY_HINTS: "https://hq.example",
        FEDERATION_TRUST_ANCHORS: ANCHORS,
        FEDERATION_MAX_RECORDS_PER_OWNER: "1",
      }),
    ).toMatchObject({
      sync: { follower: { maxRecordsPerOwner: 1 } },
      config: { role: "leaf" },
      problems: [],
    });
    // A Worker's [vars] keep TOML's numbers.
    const fromToml = { FEDERATION_MAX_RECORDS_PER_OWNER: 5000 } as unknown as Record<string, string>;
    expect(federationSettingsFrom(fromToml)).toEqual({
      sync: { follower: { maxRecordsPerOwner: 5000 } },
      problems: [],
    });
    expect(federationSettingsFrom({ FEDERATION_MAX_RECORDS_PER_OWNER: "" })).toEqual({ problems: [] });
    for (const bad of ["0", "-5", "1.5", "1e5", "lots", "10000001"]) {
      expect(federationSettingsFrom({ FEDERATION_MAX_RECORDS_PER_OWNER: bad })).toEqual({
        problems: [
          {
            variable: "FEDERATION_MAX_RECORDS_PER_OWNER",
            reason: `'${bad}' is not a whole number from 1 to 10,000,000 (default 100,000)`,
          },
        ],
      });
    }
  });
});
