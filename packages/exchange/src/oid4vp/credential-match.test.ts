import { sampleCredential } from "@learnbridge/credentials/testing";
import { describe, expect, it } from "vitest";
import { expandedTypes, matchCredentialQuery, satisfiesQuery } from "./credential-match.ts";
import type { DcqlCredentialQuery, DcqlQuery } from "./dcql.ts";
import { dcqlFromShorthand, OPEN_BADGE_CREDENTIAL_IRI, VERIFIABLE_CREDENTIAL_IRI } from "./shorthand.ts";

const ISSUER = { did: "did:web:nairobi.example" };

describe("matching a credential to a Credential Query", () => {
  it("expands the types of an Open Badge as JSON-LD does, and leaves undefined terms as they are", async () => {
    const badge = await sampleCredential(ISSUER);
    expect((await expandedTypes(badge)).sort()).toEqual(
      [OPEN_BADGE_CREDENTIAL_IRI, VERIFIABLE_CREDENTIAL_IRI].sort(),
    );
    expect(
      await expandedTypes({ "@context": badge["@context"], type: ["VerifiableCredential", "NoSuchTerm"] }),
    ).toEqual([VERIFIABLE_CREDENTIAL_IRI, "NoSuchTerm"]);
  });

  it("matches the achievement shorthand against the right badge only", async () => {
    const badge = (await sampleCredential(ISSUER)) as Record<string, unknown>;
    const types = await expandedTypes(badge);
    const achievementId = ((badge.credentialSubject as Record<string, unknown>).achievement as { id: string })
      .id;
    const wanted = dcqlFromShorthand({ achievement: achievementId });
    const other = dcqlFromShorthand({ achievement: "https://elsewhere.example/achievements/x" });
    if (!wanted.ok || !other.ok) throw new Error("shorthand");
    expect(
      matchCredentialQuery(wanted.query.credentials[0] as DcqlCredentialQuery, { document: badge }, types),
    ).toEqual({ ok: true });
    expect(
      matchCredentialQuery(other.query.credentials[0] as DcqlCredentialQuery, { document: badge }, types),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining("credentialSubject"),
    });
  });

  it("matches the issuer shorthand whether issuer is a profile or a plain URL", async () => {
    const badge = (await sampleCredential(ISSUER)) as Record<string, unknown>;
    const issuer = (badge.issuer as { id: string }).id;
    const query = dcqlFromShorthand({ issuer });
    if (!query.ok) throw new Error("shorthand");
    const credentialQuery = query.query.credentials[0] as DcqlCredentialQuery;
    const types = await expandedTypes(badge);
    expect(matchCredentialQuery(credentialQuery, { document: badge }, types).ok).toBe(true);
    expect(matchCredentialQuery(credentialQuery, { document: { ...badge, issuer } }, types).ok).toBe(true);
    expect(
      matchCredentialQuery(
        credentialQuery,
        { document: { ...badge, issuer: "did:web:other.example" } },
        types,
      ).ok,
    ).toBe(false);
  });

  it("refuses a credential of another type, and one outside the trusted authorities", async () => {
    const badge = (await sampleCredential(ISSUER)) as Record<string, unknown>;
    const query: DcqlCredentialQuery = {
      id: "q",
      format: "ldp_vc",
      meta: { type_values: [["https://example.org#Diploma"]] },
    };
    expect(matchCredentialQuery(query, { document: badge }, await expandedTypes(badge))).toMatchObject({
      ok: false,
    });
    const federated: DcqlCredentialQuery = {
      id: "q",
      format: "ldp_vc",
      meta: { type_values: [[VERIFIABLE_CREDENTIAL_IRI]] },
      trusted_authorities: [{ type: "openid_federation", values: ["https://anchor.example"] }],
    };
    const types = await expandedTypes(badge);
    expect(matchCredentialQuery(federated, { document: badge }, types).ok).toBe(false);
    const accredited = {
      document: badge,
      trustData: { chain: ["https://centre.example", "https://anchor.example"] },
    };
    expect(matchCredentialQuery(federated, accredited, types).ok).toBe(true);
  });

  it("satisfies credential sets as §6.4.2 says", () => {
    const query: DcqlQuery = {
      credentials: ["a", "b", "c"].map((id) => ({ id, format: "ldp_vc", meta: { type_values: [["X"]] } })),
      credential_sets: [{ options: [["a"], ["b", "c"]] }, { options: [["c"]], required: false }],
    };
    expect(satisfiesQuery(query, new Set(["a"])).ok).toBe(true);
    expect(satisfiesQuery(query, new Set(["b", "c"])).ok).toBe(true);
    expect(satisfiesQuery(query, new Set(["b"])).ok).toBe(false);
    const { credential_sets: _, ...all } = query;
    expect(satisfiesQuery(all, new Set(["a", "b"]))).toEqual({
      ok: false,
      reason: 'nothing was shared for "c"',
    });
  });
});
