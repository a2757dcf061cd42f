/**
 * Securing credentials and presentations with JOSE (VC-JOSE-COSE §3.1.1, §3.1.2): a compact JWS whose payload
 * IS the unsecured document, with no `vc`/`vp` claim. did-jwt assembles the JWS; our `Signer` signs.
 *
 * We add no `iss`: the spec only asks that an `iss`, when present, match `issuer` (§4.1.2), and the `kid`
 * already locates the key, so the decoded payload stays byte-for-byte the credential that was issued.
 */
import { isAbsoluteUri, type Signer, toBase64Url, utf8 } from "@learnbridge/core";
import { createJWS, type JWTHeader } from "did-jwt";
import { signingPartyOf } from "./claims.ts";
import { isJsonObject } from "./compact-jws.ts";
import { toDidJwtSigner } from "./did-jwt-signer.ts";
import { JOSE_TYPES, type SecuredKind, VC_JWT_MEDIA_TYPE } from "./media-types.ts";

export interface SignCredentialJwtOptions {
  readonly signer: Signer;
  /** The `typ` header: `vc+jwt` (default) or its long form `application/vc+jwt` (RFC 7515 §4.1.9). */
  readonly typ?: "vc+jwt" | typeof VC_JWT_MEDIA_TYPE;
}

export interface SignPresentationJwtOptions {
  readonly signer: Signer;
  /** The verifier's challenge, carried as the JWT `nonce` claim. */
  readonly nonce?: string;
  /** The verifier's domain or client id, carried as the JWT `aud` claim. */
  readonly audience?: string;
}

/**
 * Secures a credential as `application/vc+jwt`.
 * @example const jwt = await signCredentialJwt(credential, { signer: createSigner(keys, `${did}#key-1`) });
 */
export async function signCredentialJwt(
  credential: Record<string, unknown>,
  options: SignCredentialJwtOptions,
): Promise<string> {
  assertSignable(credential, "credential", options?.signer);
  const typ = options.typ ?? JOSE_TYPES.credential.typ;
  if (typ !== JOSE_TYPES.credential.typ && typ !== VC_JWT_MEDIA_TYPE) {
    throw new TypeError(`signCredentialJwt: typ must be vc+jwt or ${VC_JWT_MEDIA_TYPE}`);
  }
  return signJws(credential, options.signer, typ, JOSE_TYPES.credential.cty);
}

/**
 * Secures a presentation as `application/vp+jwt`, bound to a verifier by `nonce` (its challenge) and `aud`
 * (its domain), the registered JWT claims a JOSE verifier reads for what Data Integrity calls challenge/domain.
 */
export async function signPresentationJwt(
  presentation: Record<string, unknown>,
  options: SignPresentationJwtOptions,
): Promise<string> {
  assertSignable(presentation, "presentation", options?.signer);
  const payload: Record<string, unknown> = { ...presentation };
  for (const [claim, value] of [
    ["nonce", options.nonce],
    ["aud", options.audience],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== "string" || value.length === 0) {
      throw new TypeError(`signPresentationJwt: ${claim} must be a non-empty string`);
    }
    if (presentation[claim] !== undefined && presentation[claim] !== value) {
      throw new TypeError(`signPresentationJwt: the presentation already has a different \`${claim}\``);
    }
    payload[claim] = value;
  }
  return signJws(payload, options.signer, JOSE_TYPES.presentation.typ, JOSE_TYPES.presentation.cty);
}

async function signJws(
  payload: Record<string, unknown>,
  signer: Signer,
  typ: string,
  cty: string,
): Promise<string> {
  // did-jwt types `typ` as the literal "JWT" (its own token format); VC-JOSE needs `vc+jwt` / `vp+jwt`.
  const header = { alg: signer.algorithm, typ, cty, kid: signer.keyId } as unknown as Partial<JWTHeader>;
  // Encoding the payload ourselves keeps it exact JSON.stringify output as UTF-8, whatever did-jwt does.
  return createJWS(toBase64Url(utf8(JSON.stringify(payload))), toDidJwtSigner(signer), header);
}

function assertSignable(document: unknown, kind: SecuredKind, signer: Signer | undefined): void {
  const name = kind === "credential" ? "signCredentialJwt" : "signPresentationJwt";
  if (!isJsonObject(document)) throw new TypeError(`${name}: the ${kind} must be a JSON object`);
  if (!signer || typeof signer.sign !== "function") throw new TypeError(`${name}: a signer is required`);
  if (signer.algorithm !== "EdDSA" && signer.algorithm !== "ES256") {
    throw new TypeError(`${name}: unsupported signer algorithm ${String(signer.algorithm)}`);
  }
  // Verifiers resolve the key from `kid` alone, so it must be the absolute verification method URL.
  if (!isAbsoluteUri(signer.keyId)) throw new TypeError(`${name}: signer.keyId must be an absolute URL`);
  if (Object.hasOwn(document, "vc") || Object.hasOwn(document, "vp")) {
    throw new TypeError(`${name}: VC-JOSE forbids the \`vc\` and \`vp\` claims; pass the ${kind} itself`);
  }
  const party = signingPartyOf(document, kind);
  if (!party.ok) throw new TypeError(`${name}: ${party.message}`);
}
