import { createSigner, generateKeyPair } from "@learnbridge/core";
import { addDataIntegrityProof, didJwkFromPublicKey, signPresentationJwt } from "@learnbridge/credentials";
import { describe, expect, it, vi } from "vitest";
import { checkDidAuthPresentation, DID_AUTH_METHODS, didAuthRequestOf } from "./did-auth.ts";
import { type DidAuthHolder, newDidAuthHolder } from "./did-auth-holder.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
const clock = () => NOW;
const CHALLENGE = "c-1";
const DOMAIN = "https://centre.example";

async function jwkHolder(): Promise<DidAuthHolder> {
  const pair = await generateKeyPair("ES256");
  const did = didJwkFromPublicKey(pair.publicKey);
  return { did, keyId: `${did}#0`, pair };
}

const vp = (holder?: string) => ({
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  type: ["VerifiablePresentation"],
  ...(holder ? { holder } : {}),
});

const signed = (who: DidAuthHolder, document: object, challenge = CHALLENGE, domain = DOMAIN) =>
  addDataIntegrityProof(document, {
    signer: createSigner(who.pair, who.keyId),
    proofPurpose: "authentication",
    challenge,
    domain,
    clock,
  });

const check = (presentation: unknown, verifier = {}) =>
  checkDidAuthPresentation(presentation, {
    challenge: CHALLENGE,
    domain: DOMAIN,
    verifier: { clock, ...verifier },
  });

describe("didAuthRequestOf", () => {
  it("asks for DID Authentication with key or jwk DIDs, the challenge, the domain and where to answer", () => {
    expect(
      didAuthRequestOf({
        challenge: "c",
        domain: DOMAIN,
        exchangeUrl: `${DOMAIN}/workflows/claim/exchanges/x`,
      }),
    ).toEqual({
      query: [{ type: "DIDAuthentication", acceptedMethods: [{ method: "key" }, { method: "jwk" }] }],
      challenge: "c",
      domain: DOMAIN,
      interact: {
        service: [
          {
            type: "UnmediatedHttpPresentationService2021",
            serviceEndpoint: `${DOMAIN}/workflows/claim/exchanges/x`,
          },
        ],
      },
    });
    expect(DID_AUTH_METHODS).toEqual(["key", "jwk"]);
  });
});

describe("checkDidAuthPresentation", () => {
  it("accepts a Data Integrity presentation signed by its did:key holder over the challenge and domain", async () => {
    const holder = await newDidAuthHolder();
    const outcome = await check(await signed(holder, vp(holder.did)));
    expect(outcome).toMatchObject({ ok: true, holder: holder.did });
  });

  it("accepts the Learner Credential Wallet's form: VC 1.1 context, Ed25519Signature2020", async () => {
    const holder = await newDidAuthHolder();
    const presentation = {
      "@context": [
        "https://www.w3.org/2018/credentials/v1",
        "https://w3id.org/security/suites/ed25519-2020/v1",
      ],
      type: ["VerifiablePresentation"],
      holder: holder.did,
    };
    const proven = await addDataIntegrityProof(presentation, {
      signer: createSigner(holder.pair, holder.keyId),
      cryptosuite: "Ed25519Signature2020",
      proofPurpose: "authentication",
      challenge: CHALLENGE,
      domain: DOMAIN,
      clock,
    });
    expect(await check(proven)).toMatchObject({ ok: true, holder: holder.did });
  });

  it("accepts a vp+jwt from a did:jwk holder, bound by nonce and aud, bare or enveloped", async () => {
    const holder = await jwkHolder();
    const jwt = await signPresentationJwt(vp(holder.did), {
      signer: createSigner(holder.pair, holder.keyId),
      nonce: CHALLENGE,
      audience: DOMAIN,
    });
    expect(await check(jwt)).toMatchObject({ ok: true, holder: holder.did });
    const enveloped = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: "EnvelopedVerifiablePresentation",
      id: `data:application/vp+jwt,${jwt}`,
    };
    expect(await check(enveloped)).toMatchObject({ ok: true, holder: holder.did });
  });

  it("refuses another challenge or domain with the report's code", async () => {
    const holder = await newDidAuthHolder();
    const otherChallenge = await check(await signed(holder, vp(holder.did), "c-2"));
    expect(otherChallenge).toMatchObject({ ok: false, code: "PROOF_CHALLENGE_MISMATCH" });
    const otherDomain = await check(await signed(holder, vp(holder.did), CHALLENGE, "https://evil.example"));
    expect(otherDomain).toMatchObject({ ok: false, code: "PROOF_DOMAIN_MISMATCH" });
    if (!otherDomain.ok) expect(otherDomain.report.verified).toBe(false);
  });

  it("refuses a presentation whose holder is not the DID that signed it", async () => {
    const [holder, signer] = [await newDidAuthHolder(), await newDidAuthHolder()];
    const outcome = await check(await signed(signer, vp(holder.did)));
    expect(outcome).toMatchObject({ ok: false, code: "KEY_CONTROLLER_MISMATCH" });
  });

  it("refuses a presentation with no holder, no proof, or no presentation at all", async () => {
    const holder = await newDidAuthHolder();
    expect(await check(await signed(holder, vp()))).toMatchObject({
      ok: false,
      code: "HOLDER_PROOF_INVALID",
    });
    expect(await check(vp(holder.did))).toMatchObject({ ok: false, code: "PROOF_MISSING" });
    expect(await check(42)).toMatchObject({ ok: false, code: "FIELD_INVALID" });
  });

  it("resolves no DID of another method: a did:web holder is refused without a fetch", async () => {
    const fetch = vi.fn(async () => new Response("{}"));
    const holder = await newDidAuthHolder();
    const web = { ...holder, did: "did:web:holder.example", keyId: "did:web:holder.example#key-1" };
    const outcome = await check(await signed(web, vp(web.did)), { network: { fetch } });
    expect(outcome).toMatchObject({ ok: false, code: "DID_METHOD_UNSUPPORTED" });
    expect(fetch).not.toHaveBeenCalled();
  });
});
