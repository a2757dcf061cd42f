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
    ).toEqual({ hintTargets: ["https://mirror.example", "https://asia.example/hub"], problems: [] });
    expect(
      federationSettingsFrom({
        FEDERATION_ROLE: "leaf",
        FEDERATION_AUTHORITY_HINTS: "https://hq.example",
        FEDERATION_TRUST_ANCHORS: ANCHORS,
        FEDERATION_HINT_TARGETS: "https://mirror.example",
      }),
    ).toMatchObject({ hintTargets: ["https://mirror.example"], config: { role: "leaf" }, problems: [] });
    expect(federationSettingsFrom({ FEDERATION_HINT_TARGETS: "  " })).toEqual({ problems: [] });
    expect(
      federationSettingsFrom({ FEDERATION_HINT_TARGETS: "https://mirror.example,mirror.example" }),
    ).toEqual({
      problems: [
        { variable: "FEDERATION_HINT_TARGETS", reason: "'mirror.example' is not an entity id (URL)" },
      ],
    });
  });
});
