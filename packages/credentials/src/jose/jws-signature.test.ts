/** The one key and algorithm check of every JWT form: each refusal on a JWS that is otherwise sound. */
import { beforeAll, describe, expect, it } from "vitest";
import type { KeyResolver } from "../verify/key-resolver.ts";
import { type JoseHeader, type ParsedCompactJws, parseCompactJws } from "./compact-jws.ts";
import { acceptedAlgorithm, verifyJwsSignature } from "./jws-signature.ts";
import { fixedKeyResolver, makeParty, methodOf, signRaw, type TestParty } from "./test-fixtures.ts";
import { verifyVcdm11CredentialJwt } from "./vcdm11-jwt.ts";
import { verifyCredentialJwt } from "./verify.ts";

let ed: TestParty;
let p256: TestParty;
let resolveKey: ReturnType<typeof fixedKeyResolver>;

beforeAll(async () => {
  ed = await makeParty("EdDSA");
  p256 = await makeParty("ES256");
  resolveKey = fixedKeyResolver([{ method: methodOf(ed) }, { method: methodOf(p256) }]);
});

const parsed = async (header: Record<string, unknown>, party: TestParty): Promise<ParsedCompactJws> => {
  const outcome = parseCompactJws(await signRaw(header, { iss: party.did }, party.signer));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
};
const codeOf = (outcome: { ok: boolean; code?: string }) => (outcome.ok ? "OK" : outcome.code);

describe("acceptedAlgorithm", () => {
  it.each([
    ["EdDSA", "EdDSA"],
    ["Ed25519", "EdDSA"],
    ["ES256", "ES256"],
  ])("maps %s to a %s key", (alg, algorithm) => {
    expect(acceptedAlgorithm({ alg })).toEqual({ ok: true, value: algorithm });
  });

  it.each(["none", "HS256", "RS256", "ES384", "eddsa", "__proto__", "toString"])("refuses %s", (alg) => {
    expect(acceptedAlgorithm({ alg } as JoseHeader)).toMatchObject({
      ok: false,
      code: "JWT_ALG_UNSUPPORTED",
      data: { alg },
    });
  });
});

describe("verifyJwsSignature", () => {
  it("verifies with the key it names and asks for the purpose of the kind", async () => {
    resolveKey.calls.length = 0;
    const vc = await verifyJwsSignature(await parsed({ alg: "EdDSA" }, ed), ed.kid, "credential", resolveKey);
    expect(vc).toMatchObject({ ok: true, value: { id: ed.kid, controller: ed.did } });
    const vp = await verifyJwsSignature(
      await parsed({ alg: "ES256" }, p256),
      p256.kid,
      "presentation",
      resolveKey,
    );
    expect(vp).toMatchObject({ ok: true, value: { id: p256.kid } });
    expect(resolveKey.calls).toEqual([`assertionMethod ${ed.kid}`, `authentication ${p256.kid}`]);
  });

  it("refuses an alg off the allowlist before looking up any key", async () => {
    resolveKey.calls.length = 0;
    const jws = { ...(await parsed({ alg: "EdDSA" }, ed)), header: { alg: "HS256" } };
    expect(codeOf(await verifyJwsSignature(jws, ed.kid, "credential", resolveKey))).toBe(
      "JWT_ALG_UNSUPPORTED",
    );
    expect(resolveKey.calls).toEqual([]);
  });

  it("refuses an alg that does not fit the key it names, either way round", async () => {
    // Signed with the key that fits the header, so only the key/alg pairing can be the reason.
    const es256OverEd = await verifyJwsSignature(
      await parsed({ alg: "ES256" }, p256),
      ed.kid,
      "credential",
      resolveKey,
    );
    expect(es256OverEd).toMatchObject({
      ok: false,
      code: "JWT_ALG_UNSUPPORTED",
      data: { alg: "ES256", verificationMethod: ed.kid },
    });
    const edOverP256 = await verifyJwsSignature(
      await parsed({ alg: "Ed25519" }, ed),
      p256.kid,
      "credential",
      resolveKey,
    );
    expect(codeOf(edOverP256)).toBe("JWT_ALG_UNSUPPORTED");
  });

  it("refuses a signature made by another key of the same algorithm", async () => {
    const other = await makeParty("EdDSA");
    const outcome = await verifyJwsSignature(
      await parsed({ alg: "EdDSA" }, other),
      ed.kid,
      "credential",
      resolveKey,
    );
    expect(outcome).toMatchObject({ ok: false, code: "PROOF_INVALID", data: { verificationMethod: ed.kid } });
  });

  it("passes the resolver's refusal through, and turns a resolver that throws into an outcome", async () => {
    const jws = await parsed({ alg: "EdDSA" }, ed);
    const onlyAssertion = fixedKeyResolver([{ method: methodOf(ed), purposes: ["assertionMethod"] }]);
    expect(codeOf(await verifyJwsSignature(jws, ed.kid, "presentation", onlyAssertion))).toBe(
      "KEY_NOT_AUTHORIZED",
    );
    expect(codeOf(await verifyJwsSignature(jws, "did:example:nobody#k", "credential", resolveKey))).toBe(
      "KEY_NOT_FOUND",
    );
    const throwing: KeyResolver = async () => {
      throw new Error("socket hang up");
    };
    expect(await verifyJwsSignature(jws, ed.kid, "credential", throwing)).toMatchObject({
      ok: false,
      code: "DID_RESOLUTION_FAILED",
    });
  });
});

describe("both JWT forms use it", () => {
  it("refuse an ES256 header over an Ed25519 key with the same outcome", async () => {
    const credential = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential"],
      issuer: ed.did,
      credentialSubject: { id: "did:example:learner" },
    };
    // The P-256 party signs, so the signature is sound for its own key; the kid names the Ed25519 key.
    const vcJose = await signRaw({ alg: "ES256", typ: "vc+jwt", kid: ed.kid }, credential, p256.signer);
    const vc11 = await signRaw(
      { alg: "ES256", typ: "JWT", kid: ed.kid },
      { iss: ed.did, vc: credential },
      p256.signer,
    );
    const expected = {
      ok: false,
      code: "JWT_ALG_UNSUPPORTED",
      data: { alg: "ES256", verificationMethod: ed.kid },
    };
    expect(await verifyCredentialJwt(vcJose, { resolveKey })).toMatchObject(expected);
    expect(await verifyVcdm11CredentialJwt(vc11, { resolveKey })).toMatchObject(expected);
  });
});
