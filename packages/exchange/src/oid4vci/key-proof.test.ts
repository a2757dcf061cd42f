import { generateKeyPair, publicKeyToJwk, toBase64Url, utf8 } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { credentialConfigurations } from "./credential-configurations.ts";
import { verifyKeyProof } from "./key-proof.ts";
import { testHolder } from "./test-holder.ts";

const AUDIENCE = "https://centre.example";
const now = new Date("2026-06-01T00:00:00Z");
const iat = now.getTime() / 1000;
const options = { audience: AUDIENCE, now };

describe("verifyKeyProof", () => {
  it("accepts did:key and did:jwk kids and jwk headers, EdDSA and ES256, and names the holder DID", async () => {
    for (const [binding, algorithm] of [
      ["did:key", "EdDSA"],
      ["did:key", "ES256"],
      ["did:jwk", "EdDSA"],
      ["did:jwk", "ES256"],
      ["jwk", "ES256"],
    ] as const) {
      const holder = await testHolder(binding, algorithm);
      const result = await verifyKeyProof(
        await holder.proof({ audience: AUDIENCE, nonce: "n1", iat }),
        options,
      );
      expect(result, `${binding} ${algorithm}`).toEqual({
        ok: true,
        value: { holder: holder.did, verificationMethod: holder.kid ?? `${holder.did}#0`, nonce: "n1" },
      });
    }
  });

  it("accepts every alg the metadata advertises (Ed25519 too) and advertises every alg it accepts", async () => {
    const advertised = new Set<string>();
    for (const configuration of Object.values(credentialConfigurations([]))) {
      const jwt = (configuration as { proof_types_supported: { jwt: Record<string, string[]> } })
        .proof_types_supported.jwt;
      for (const alg of jwt.proof_signing_alg_values_supported ?? []) advertised.add(alg);
    }
    expect([...advertised].sort()).toEqual(["ES256", "Ed25519", "EdDSA"]);
    for (const alg of advertised) {
      const holder = await testHolder("did:key", alg === "ES256" ? "ES256" : "EdDSA");
      const proof = await holder.proof({ audience: AUDIENCE, nonce: "n", iat, header: { alg } });
      expect(await verifyKeyProof(proof, options), alg).toMatchObject({ ok: true });
    }
    const es384 = await testHolder("did:key", "ES256");
    const refused = await es384.proof({ audience: AUDIENCE, nonce: "n", iat, header: { alg: "ES384" } });
    expect(await verifyKeyProof(refused, options)).toMatchObject({ ok: false, code: "HOLDER_PROOF_INVALID" });
  });

  it("accepts a bare did:key as kid (the DID has one key) and an aud array naming the issuer", async () => {
    const holder = await testHolder("did:key");
    const proof = await holder.proof({
      audience: AUDIENCE,
      nonce: "n",
      iat,
      header: { kid: holder.did },
      payload: { aud: ["https://other.example", AUDIENCE] },
    });
    expect(await verifyKeyProof(proof, options)).toMatchObject({ ok: true, value: { holder: holder.did } });
  });

  it("refuses, with a reason, every proof that is not exactly right", async () => {
    const holder = await testHolder("did:key");
    const other = await testHolder("did:key");
    const good = { audience: AUDIENCE, nonce: "n", iat };
    const privateJwk = { ...publicKeyToJwk((await generateKeyPair("EdDSA")).publicKey), d: "AAAA" };
    const cases: [string, Promise<string> | string, string, RegExp][] = [
      ["not a JWT", "abc", "HOLDER_PROOF_INVALID", /compact JWT/],
      ["wrong typ", holder.proof({ ...good, header: { typ: "JWT" } }), "HOLDER_PROOF_INVALID", /typ/],
      ["alg none", holder.proof({ ...good, header: { alg: "none" } }), "HOLDER_PROOF_INVALID", /alg/],
      [
        "alg of another curve",
        holder.proof({ ...good, header: { alg: "ES256" } }),
        "HOLDER_PROOF_INVALID",
        /does not fit/,
      ],
      [
        "forged signature",
        holder.proof({ ...good, forgeSignature: true }),
        "HOLDER_PROOF_INVALID",
        /signature/,
      ],
      [
        "someone else's kid",
        holder.proof({ ...good, header: { kid: other.kid } }),
        "HOLDER_PROOF_INVALID",
        /signature/,
      ],
      [
        "did:web kid",
        holder.proof({ ...good, header: { kid: "did:web:evil.example#k" } }),
        "HOLDER_PROOF_INVALID",
        /did:key or did:jwk/,
      ],
      [
        "kid and jwk",
        holder.proof({
          ...good,
          header: { jwk: publicKeyToJwk((await generateKeyPair("EdDSA")).publicKey) },
        }),
        "HOLDER_PROOF_INVALID",
        /exactly one/,
      ],
      [
        "private jwk",
        (await testHolder("jwk")).proof({ ...good, header: { jwk: privateJwk } }),
        "HOLDER_PROOF_INVALID",
        /private/,
      ],
      [
        "x5c",
        holder.proof({ ...good, header: { kid: undefined, x5c: ["MII"] } }),
        "HOLDER_PROOF_INVALID",
        /exactly one/,
      ],
      [
        "wrong aud",
        holder.proof({ ...good, audience: "https://other.example" }),
        "AUDIENCE_MISMATCH",
        /addressed/,
      ],
      ["no aud", holder.proof({ ...good, payload: { aud: undefined } }), "AUDIENCE_MISMATCH", /addressed/],
      ["no iat", holder.proof({ ...good, payload: { iat: undefined } }), "HOLDER_PROOF_INVALID", /iat/],
      ["stale iat", holder.proof({ ...good, iat: iat - 400 }), "HOLDER_PROOF_INVALID", /too old/],
      ["future iat", holder.proof({ ...good, iat: iat + 120 }), "HOLDER_PROOF_INVALID", /future/],
      ["expired", holder.proof({ ...good, payload: { exp: iat - 120 } }), "HOLDER_PROOF_INVALID", /expired/],
      ["no nonce", holder.proof({ audience: AUDIENCE, iat }), "HOLDER_PROOF_INVALID", /nonce/],
    ];
    for (const [name, proof, code, message] of cases) {
      const result = await verifyKeyProof(await proof, options);
      expect(result, name).toMatchObject({ ok: false, code, message: expect.stringMatching(message) });
    }
  });

  it("refuses a kid that names a did:jwk key meant for encryption only", async () => {
    const jwk = { ...publicKeyToJwk((await generateKeyPair("ES256")).publicKey), use: "enc" };
    const did = `did:jwk:${toBase64Url(utf8(JSON.stringify(jwk)))}`;
    const holder = await testHolder("did:jwk", "ES256");
    const proof = await holder.proof({ audience: AUDIENCE, nonce: "n", iat, header: { kid: `${did}#0` } });
    expect(await verifyKeyProof(proof, options)).toMatchObject({ ok: false, code: "HOLDER_PROOF_INVALID" });
  });
});
