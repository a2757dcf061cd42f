/**
 * Verifying an OID4VCI `jwt` key proof (OID4VCI 1.0 §F.1, §F.4): typed `openid4vci-proof+jwt`, signed with
 * EdDSA or ES256 by the key named in its header (a did:key / did:jwk DID URL as `kid`, or a public `jwk`),
 * addressed to this issuer (`aud`), fresh (`iat`), carrying a nonce. The key's DID is the holder the credential
 * is bound to. Bad input is a result with a reason, never a throw; the nonce itself is checked by the caller,
 * which consumes it only once everything else holds.
 */
import { isAbsoluteUri, type PublicKey, publicKeyFromJwk, verifySignature } from "@learnbridge/core";
import {
  createKeyResolver,
  type DidDocument,
  didJwkFromPublicKey,
  err,
  type Outcome,
  ok,
  parseCompactJws,
  parseDid,
  resolveDidJwk,
  resolveDidKey,
  splitFragment,
} from "@learnbridge/credentials";

/** The `typ` of a key proof. */
export const KEY_PROOF_TYPE = "openid4vci-proof+jwt";

export interface KeyProofOptions {
  /** The Credential Issuer Identifier: the `aud` the proof must name. */
  readonly audience: string;
  readonly now: Date;
  /** How old a proof may be, by its `iat`; default 300 s. */
  readonly maxAgeSeconds?: number;
  /** Allowed clock skew; default 60 s. */
  readonly clockToleranceSeconds?: number;
}

/** What a valid key proof yields. */
export interface VerifiedKeyProof {
  /** The holder's DID: the credential subject. */
  readonly holder: string;
  readonly verificationMethod: string;
  /** The proof's `nonce`, for the caller to consume. */
  readonly nonce: string;
}

// `Ed25519` is the fully-specified name (RFC 9864) some wallets send for EdDSA over Ed25519.
const ALGORITHMS: Readonly<Record<string, PublicKey["algorithm"]>> = {
  EdDSA: "EdDSA",
  Ed25519: "EdDSA",
  ES256: "ES256",
};

/** The `alg` values a key proof may have: the metadata advertises exactly these (OID4VCI 1.0 §F.1). */
export const KEY_PROOF_ALGORITHMS: readonly string[] = Object.freeze(Object.keys(ALGORITHMS));

const invalid = (message: string, data?: Record<string, unknown>) =>
  err("HOLDER_PROOF_INVALID", message, data);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The DID documents a proof's `kid` may name: derived from the DID itself, with no network. */
function localDidDocument(did: string): Outcome<DidDocument> {
  const method = parseDid(did)?.method;
  if (method === "key") return resolveDidKey(did);
  if (method === "jwk") return resolveDidJwk(did);
  return invalid("the kid must be a did:key or did:jwk DID URL: other binding methods are not supported", {
    did,
  });
}

/** The key and holder a proof's header names. */
async function keyOfHeader(
  header: Record<string, unknown>,
): Promise<Outcome<{ key: PublicKey; holder: string; vm: string }>> {
  const named = ["kid", "jwk", "x5c"].filter((h) => header[h] !== undefined);
  if (named.length !== 1 || named[0] === "x5c") {
    return invalid("the proof header must name its key by exactly one of kid (a DID URL) and jwk");
  }
  if (header.jwk !== undefined) {
    if (!isObject(header.jwk)) return invalid("the jwk header must be a JSON Web Key");
    try {
      const key = publicKeyFromJwk(header.jwk); // refuses private keys and other curves
      const holder = didJwkFromPublicKey(key);
      return ok({ key, holder, vm: `${holder}#0` });
    } catch (cause) {
      return invalid(`the jwk header is not a public Ed25519 or P-256 key: ${(cause as Error).message}`);
    }
  }
  const kid = header.kid;
  if (typeof kid !== "string" || !isAbsoluteUri(kid)) return invalid("the kid must be a DID URL");
  const { base: did, fragment } = splitFragment(kid);
  const document = localDidDocument(did);
  if (!document.ok) return document.code === "HOLDER_PROOF_INVALID" ? document : invalid(document.message);
  // A did:key or did:jwk has exactly one key, so a bare DID names it unambiguously; some wallets send that.
  const vm = fragment === undefined ? String(document.value.verificationMethod?.[0]?.id) : kid;
  const resolved = await createKeyResolver({ documents: new Map([[did, document.value]]) })(vm, {
    purpose: "authentication",
  });
  if (!resolved.ok)
    return invalid(`the kid does not name an authentication key of ${did}: ${resolved.message}`);
  return ok({ key: resolved.value.publicKey, holder: did, vm });
}

/** Checks `iat` (required, fresh), and `exp`/`nbf` when present. */
function checkTimes(payload: Record<string, unknown>, options: KeyProofOptions): Outcome<void> {
  const now = options.now.getTime() / 1000;
  const skew = options.clockToleranceSeconds ?? 60;
  const { iat, exp, nbf } = payload;
  if (typeof iat !== "number" || !Number.isFinite(iat))
    return invalid("the proof needs an iat (NumericDate)");
  if (iat > now + skew) return invalid("the proof's iat is in the future", { iat });
  if (iat < now - (options.maxAgeSeconds ?? 300) - skew)
    return invalid("the proof is too old: make a new one", { iat });
  if (exp !== undefined && (typeof exp !== "number" || exp + skew < now))
    return invalid("the proof has expired");
  if (nbf !== undefined && (typeof nbf !== "number" || nbf - skew > now))
    return invalid("the proof is not valid yet");
  return ok(undefined);
}

/**
 * Verifies a key proof JWT. Failures: HOLDER_PROOF_INVALID (malformed, wrong typ or alg, unknown key, bad
 * signature, stale, no nonce) and AUDIENCE_MISMATCH (not addressed to `options.audience`).
 * @example const proof = await verifyKeyProof(request.proofs.jwt[0], { audience: publicUrl, now: new Date() });
 */
export async function verifyKeyProof(
  jwt: unknown,
  options: KeyProofOptions,
): Promise<Outcome<VerifiedKeyProof>> {
  if (typeof options?.audience !== "string" || !(options.now instanceof Date)) {
    throw new TypeError("verifyKeyProof: options.audience and options.now are required");
  }
  const parsed = parseCompactJws(jwt, 16_384);
  if (!parsed.ok) return invalid(`the proof is not a compact JWT: ${parsed.message}`);
  const { header, payload, signingInput, signature } = parsed.value;
  if (
    typeof header.typ !== "string" ||
    header.typ.toLowerCase().replace(/^application\//, "") !== KEY_PROOF_TYPE
  ) {
    return invalid(`the proof's typ must be ${KEY_PROOF_TYPE}`, { typ: header.typ ?? null });
  }
  const algorithm =
    typeof header.alg === "string" && Object.hasOwn(ALGORITHMS, header.alg)
      ? ALGORITHMS[header.alg]
      : undefined;
  if (!algorithm) {
    return invalid(`alg ${header.alg} is not accepted: use one of ${KEY_PROOF_ALGORITHMS.join(", ")}`, {
      alg: header.alg ?? null,
    });
  }
  const named = await keyOfHeader(header);
  if (!named.ok) return named;
  const { key, holder, vm } = named.value;
  if (key.algorithm !== algorithm) return invalid(`alg ${header.alg} does not fit the ${key.algorithm} key`);
  if (!(await verifySignature(key, signingInput, signature))) {
    return invalid("the proof's signature does not verify", { verificationMethod: vm });
  }
  const { aud, nonce } = payload;
  const audiences = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audiences.includes(options.audience)) {
    return err(
      "AUDIENCE_MISMATCH",
      `the proof is addressed to ${JSON.stringify(aud ?? null)}, not to ${options.audience}`,
      {
        expected: options.audience,
        actual: aud ?? null,
      },
    );
  }
  const times = checkTimes(payload, options);
  if (!times.ok) return times;
  if (typeof nonce !== "string" || nonce === "")
    return invalid("the proof carries no nonce: get one from the nonce endpoint");
  return ok({ holder, verificationMethod: vm, nonce });
}
