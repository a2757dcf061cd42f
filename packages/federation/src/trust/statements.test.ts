import { describe, expect, it } from "vitest";
import { entityIdFromDid, isEntityId } from "./entity-id.ts";
import {
  decodeStatement,
  type EntityStatementClaims,
  signEntityStatement,
  statementClaimsProblem,
} from "./entity-statement.ts";
import { signJws, verifyJws } from "./jws.ts";
import { configurationOf, S0, statementAbout, T0, testEntity } from "./test-entities.ts";
import {
  decodeTrustMark,
  signTrustMark,
  TRUST_MARK_TYPES,
  trustMarkScopeProblem,
  verifyTrustMark,
} from "./trust-mark.ts";

const hq = await testEntity("https://hq.example");
const nairobi = await testEntity("https://nairobi.example");

describe("entity ids", () => {
  it("are canonical http(s) URLs and follow from did:web", () => {
    expect(isEntityId("https://nairobi.example")).toBe(true);
    expect(isEntityId("https://nairobi.example/centre")).toBe(true);
    for (const bad of [
      "https://nairobi.example/",
      "https://x.example?a=1",
      "ftp://x.example",
      "https://X.example",
      7,
    ]) {
      expect(isEntityId(bad)).toBe(false);
    }
    expect(entityIdFromDid("did:web:nairobi.example%3A8443:centre")).toBe(
      "https://nairobi.example:8443/centre",
    );
    expect(entityIdFromDid("did:web:127.0.0.1%3A8787", { allowHttp: (h) => h.startsWith("127.0.0.1") })).toBe(
      "http://127.0.0.1:8787",
    );
    expect(entityIdFromDid("did:key:z6Mkabc")).toBeUndefined();
    expect(entityIdFromDid("did:web:x.example:..")).toBeUndefined();
  });
});

describe("entity statements", () => {
  it("sign, decode and verify with the entity's own keys", async () => {
    const jwt = await configurationOf(nairobi, { authority_hints: [hq.id] });
    const decoded = decodeStatement(jwt);
    expect(decoded.ok && decoded.value.header).toMatchObject({
      typ: "entity-statement+jwt",
      alg: "EdDSA",
      kid: nairobi.jwks.keys[0]?.kid,
    });
    expect(decoded.ok && decoded.value.claims.authority_hints).toEqual([hq.id]);
    expect((await verifyJws(jwt, nairobi.jwks, { typ: "entity-statement+jwt", now: T0 })).ok).toBe(true);
    expect(await verifyJws(jwt, hq.jwks, { typ: "entity-statement+jwt", now: T0 })).toMatchObject({
      ok: false,
      problem: "no-key",
    });
    expect(await verifyJws(jwt, nairobi.jwks, { typ: "trust-mark+jwt", now: T0 })).toMatchObject({
      ok: false,
      problem: "typ",
    });
  });

  it("refuse claims in the wrong kind of statement, nulls in metadata, private keys, another typ", async () => {
    const base = { iss: hq.id, sub: nairobi.id, iat: S0, exp: S0 + 60, jwks: nairobi.jwks };
    expect(statementClaimsProblem({ ...base, authority_hints: [hq.id] })).toMatch(/authority_hints/);
    expect(statementClaimsProblem({ ...base, iss: nairobi.id, constraints: { max_path_length: 1 } })).toMatch(
      /constraints/,
    );
    expect(
      statementClaimsProblem({ ...base, metadata: { federation_entity: { organization_name: null } } }),
    ).toMatch(/null/);
    expect(
      statementClaimsProblem({ ...base, jwks: { keys: [{ kty: "OKP", kid: "k", d: "secret" }] } }),
    ).toMatch(/public/);
    expect(statementClaimsProblem({ ...base, exp: S0 })).toMatch(/after iat/);
    expect(statementClaimsProblem({ ...base, crit: ["x"] })).toMatch(/critical/);
    await expect(
      signEntityStatement({ ...base, trust_marks: [] } as EntityStatementClaims, hq.signer),
    ).rejects.toThrow(TypeError);
    expect(decodeStatement(await signJws("jwt", base, hq.signer))).toMatchObject({ ok: false });
    expect(decodeStatement((await statementAbout(hq, nairobi)).slice(0, -4))).toMatchObject({ ok: true }); // syntax only
  });
});

describe("trust marks", () => {
  const scope = { max_eqf_level: 5, fields: ["05", "0731"], jurisdiction: "KE" };
  const claims = {
    iss: hq.id,
    sub: nairobi.id,
    trust_mark_type: TRUST_MARK_TYPES.microcredentialIssuer,
    iat: S0,
    exp: S0 + 3600,
    ...scope,
  };

  it("sign and verify, carrying the scope", async () => {
    const jwt = await signTrustMark(claims, hq.signer);
    expect(decodeTrustMark(jwt)).toMatchObject(scope);
    const verified = await verifyTrustMark(jwt, hq.jwks, { now: T0, subject: nairobi.id });
    expect(verified.ok && verified.claims.fields).toEqual(["05", "0731"]);
  });

  it("are refused when expired, about another entity, or signed by another key", async () => {
    const jwt = await signTrustMark(claims, hq.signer);
    expect(await verifyTrustMark(jwt, hq.jwks, { now: new Date((S0 + 7200) * 1000) })).toMatchObject({
      ok: false,
      expired: true,
    });
    expect(await verifyTrustMark(jwt, hq.jwks, { now: T0, subject: hq.id })).toMatchObject({
      ok: false,
      expired: false,
    });
    expect(
      await verifyTrustMark(await signTrustMark(claims, nairobi.signer), hq.jwks, { now: T0 }),
    ).toMatchObject({ ok: false });
  });

  it("check the scope a micro-credential issuer mark must state", () => {
    const type = TRUST_MARK_TYPES.microcredentialIssuer;
    expect(trustMarkScopeProblem(type, scope)).toBeUndefined();
    expect(trustMarkScopeProblem(type, { ...scope, max_eqf_level: 9 })).toMatch(/1 to 8/);
    expect(trustMarkScopeProblem(type, { ...scope, fields: ["Water"] })).toMatch(/ISCED/);
    expect(trustMarkScopeProblem(type, { ...scope, jurisdiction: "Kenya" })).toMatch(/3166/);
    expect(trustMarkScopeProblem(type, { max_eqf_level: 5 })).toMatch(/states/);
    expect(trustMarkScopeProblem(TRUST_MARK_TYPES.accreditedCentre, {})).toBeUndefined();
  });
});
