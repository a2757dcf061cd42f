/**
 * The learner's side of `pnpm bench --wallets`, done by hand from the specifications as a wallet does it: one
 * Ed25519 did:key, OpenID4VCI key proofs (`openid4vci-proof+jwt`), presentations in Data Integrity
 * (`eddsa-rdfc-2022`) and VC-JOSE (`vp+jwt`), and the DIDAuth presentation of a VC-API exchange.
 */
import {
  createSigner,
  fromBase64Url,
  fromUtf8,
  generateKeyPair,
  publicKeyToMultibase,
  type Signer,
  toBase64Url,
  utf8,
} from "@learnbridge/core";
import { addDataIntegrityProof, didKeyFromPublicKey, signPresentationJwt } from "@learnbridge/credentials";

/** How a presentation proves the holder: Data Integrity (challenge, domain) or vp+jwt (nonce, aud). */
export type PresentationFormat = "ldp_vc" | "jwt_vc_json";

/** The binding an OpenID4VP request object or a VC-API request asks the holder to sign. */
export interface Binding {
  /** OpenID4VP `nonce`, VC-API `challenge`. */
  readonly nonce: string;
  /** OpenID4VP `client_id`, VC-API `domain`. */
  readonly audience: string;
}

export interface LearnerWallet {
  readonly did: string;
  /** A key proof for the credential endpoint: `aud` the credential issuer, `nonce` its c_nonce. */
  keyProof(audience: string, nonce: string): Promise<string>;
  /** A presentation of `credentials` bound to `binding`, signed in `format`. */
  present(format: PresentationFormat, credentials: readonly unknown[], binding: Binding): Promise<unknown>;
  /** The VC-API DIDAuth answer: a presentation with no credential, signed over the request's binding. */
  didAuth(binding: Binding): Promise<unknown>;
}

/** A fresh wallet: one Ed25519 did:key. */
export async function learnerWallet(): Promise<LearnerWallet> {
  const pair = await generateKeyPair("EdDSA");
  const did = didKeyFromPublicKey(pair.publicKey);
  const signer = createSigner(pair, `${did}#${publicKeyToMultibase(pair.publicKey)}`);
  const presentation = (credentials: readonly unknown[]) => ({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    type: ["VerifiablePresentation"],
    holder: did,
    ...(credentials.length ? { verifiableCredential: credentials.map(enveloped) } : {}),
  });
  const dataIntegrity = (credentials: readonly unknown[], binding: Binding) =>
    addDataIntegrityProof(presentation(credentials), {
      signer,
      proofPurpose: "authentication",
      challenge: binding.nonce,
      domain: binding.audience,
    });
  return {
    did,
    keyProof: (audience, nonce) => keyProofJwt(signer, { audience, nonce }),
    present: (format, credentials, binding) =>
      format === "ldp_vc"
        ? dataIntegrity(credentials, binding)
        : signPresentationJwt(presentation(credentials), { signer, ...binding }),
    didAuth: (binding) => dataIntegrity([], binding),
  };
}

/** VC 2.0 §4.13: a vc+jwt travels in a presentation as an EnvelopedVerifiableCredential with a data: URL. */
const enveloped = (credential: unknown) =>
  typeof credential === "string"
    ? {
        "@context": "https://www.w3.org/ns/credentials/v2",
        id: `data:application/vc+jwt,${credential}`,
        type: "EnvelopedVerifiableCredential",
      }
    : credential;

/** OpenID4VCI 1.0 §F.1: a JWT key proof, its `kid` the did:key DID URL of the holder's key. */
async function keyProofJwt(signer: Signer, claims: { audience: string; nonce: string }): Promise<string> {
  const encode = (part: object) => toBase64Url(utf8(JSON.stringify(part)));
  const header = encode({ typ: "openid4vci-proof+jwt", alg: signer.algorithm, kid: signer.keyId });
  const payload = encode({ aud: claims.audience, iat: Math.floor(Date.now() / 1000), nonce: claims.nonce });
  const signature = await signer.sign(utf8(`${header}.${payload}`));
  return `${header}.${payload}.${toBase64Url(signature)}`;
}

/** The claims of a compact JWS, unverified (a request object; a vc+jwt credential). */
export function jwtClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split(".")[1];
  if (payload === undefined) throw new TypeError(`not a compact JWS: ${jwt.slice(0, 40)}…`);
  return JSON.parse(fromUtf8(fromBase64Url(payload)));
}
