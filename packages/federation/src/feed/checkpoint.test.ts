import { createSigner, generateKeyPair, type KeyPair, type PublicKey } from "@learnbridge/core";
import { CompactSign, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { CHECKPOINT_TYP, type CheckpointState, signCheckpoint, verifyCheckpoint } from "./checkpoint.ts";
import { EMPTY_DIGEST } from "./digest.ts";

const ENTITY = "https://nairobi.example";
const KID = "did:web:nairobi.example#key-1";
const NOW = new Date("2026-06-01T00:00:00Z");
const clock = () => NOW;
const STATE: CheckpointState = {
  entityId: ENTITY,
  headSeq: 42,
  headHash: "A".repeat(43),
  stateDigest: "0f".repeat(32),
  recordCount: 7,
};

let pair: KeyPair;
let other: KeyPair;
const keysOf = (...entries: [string, PublicKey][]) => {
  const map = new Map(entries);
  return async (kid: string) => map.get(kid);
};

beforeAll(async () => {
  pair = await generateKeyPair("EdDSA", true);
  other = await generateKeyPair("EdDSA", true);
});

describe("checkpoints", () => {
  it("are compact JWS that jose verifies, typ feed-checkpoint+jwt, kid the DID URL", async () => {
    const jws = await signCheckpoint(STATE, { signer: createSigner(pair, KID), clock });
    expect(decodeProtectedHeader(jws)).toEqual({ alg: "EdDSA", typ: CHECKPOINT_TYP, kid: KID });
    const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
    const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
    const { payload } = await jwtVerify(jws, await importJWK(publicJwk, "EdDSA"), {
      typ: CHECKPOINT_TYP,
      currentDate: NOW,
    });
    expect(payload).toEqual({
      iss: ENTITY,
      sub: ENTITY,
      head_seq: 42,
      head_hash: "A".repeat(43),
      state_digest: "0f".repeat(32),
      record_count: 7,
      iat: NOW.getTime() / 1000,
    });
    const verified = await verifyCheckpoint(jws, {
      resolveKey: keysOf([KID, pair.publicKey]),
      entityId: ENTITY,
      clock,
    });
    expect(verified).toEqual({ ok: true, value: { payload, kid: KID } });
  });

  it("signed by another key, tampered or of another feed: CHECKPOINT_INVALID; unknown kid: KEY_NOT_FOUND", async () => {
    const jws = await signCheckpoint(STATE, { signer: createSigner(pair, KID), clock });
    const code = async (token: unknown, lookup = keysOf([KID, pair.publicKey]), entityId = ENTITY) => {
      const result = await verifyCheckpoint(token, { resolveKey: lookup, entityId, clock });
      return result.ok ? "passed" : result.code;
    };
    expect(await code(jws, keysOf([KID, other.publicKey]))).toBe("CHECKPOINT_INVALID");
    expect(await code(jws, keysOf())).toBe("KEY_NOT_FOUND");
    const [h, p, s] = jws.split(".") as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), head_seq: 43 }),
    );
    expect(await code(`${h}.${forged.toString("base64url")}.${s}`)).toBe("CHECKPOINT_INVALID");
    expect(await code(jws, undefined, "https://other.example")).toBe("CHECKPOINT_INVALID");
    expect(await code("not.a.jws")).toBe("CHECKPOINT_INVALID");
    expect(await code(42)).toBe("CHECKPOINT_INVALID");
  });

  it("refuses another typ, a bad claim, and an iat in the future", async () => {
    const sign = async (header: object, payload: object) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: "EdDSA", kid: KID, ...header })
        .sign(pair.privateKey);
    const good = { iss: ENTITY, sub: ENTITY, head_seq: 0, head_hash: null, state_digest: EMPTY_DIGEST };
    const claims = { ...good, record_count: 0, iat: NOW.getTime() / 1000 };
    const code = async (token: string) => {
      const result = await verifyCheckpoint(token, { resolveKey: keysOf([KID, pair.publicKey]), clock });
      return result.ok ? "passed" : `${result.code}: ${result.reason}`;
    };
    expect(await code(await sign({ typ: CHECKPOINT_TYP }, claims))).toBe("passed");
    expect(await code(await sign({ typ: "JWT" }, claims))).toMatch(/^CHECKPOINT_INVALID: typ/);
    expect(await code(await sign({ typ: CHECKPOINT_TYP }, { ...claims, sub: "x" }))).toMatch(/iss and sub/);
    expect(await code(await sign({ typ: CHECKPOINT_TYP }, { ...claims, head_hash: "h" }))).toMatch(
      /head_hash/,
    );
    expect(await code(await sign({ typ: CHECKPOINT_TYP }, { ...claims, state_digest: "0" }))).toMatch(
      /digest/,
    );
    expect(await code(await sign({ typ: CHECKPOINT_TYP }, { ...claims, iat: claims.iat + 3600 }))).toMatch(
      /iat/,
    );
  });

  it("misuse is a TypeError", async () => {
    await expect(signCheckpoint(STATE, { signer: undefined as never })).rejects.toThrow(TypeError);
    const p256 = await generateKeyPair("ES256");
    await expect(signCheckpoint(STATE, { signer: createSigner(p256, KID) })).rejects.toThrow(TypeError);
    await expect(verifyCheckpoint("x", {} as never)).rejects.toThrow(TypeError);
  });
});
