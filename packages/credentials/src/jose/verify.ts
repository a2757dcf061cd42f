/**
 * Verifying credentials and presentations secured with JOSE (VC-JOSE-COSE §5.1): strict compact-JWS parsing,
 * an algorithm allowlist, explicit typing, a key found by `kid` and authorised for the purpose, a signature
 * check, and the binding of that key to the document's issuer or holder. Bad input is an Outcome, never a throw.
 *
 * Signatures are checked with core's `verifySignature` (WebCrypto), not with did-jwt's verifier, which uses
 * @noble/curves in pure JavaScript: on Node 24 it was ~8x slower for Ed25519 and ~25x for P-256 than the
 * runtime's native code, and `verifyJWS` alone bundles to ~89 kB minified (this whole folder: ~30 kB) against
 * the Workers size limit. did-jwt's `verifyJWT` also resolves DIDs its own way and decodes leniently (nested
 * `cty: JWT`, no size cap) where we need our KeyResolver and strict parsing.
 */
import { type Clock, isAbsoluteUri } from "@learnbridge/core";
import type { KeyResolver } from "../verify/key-resolver.ts";
import { err, type Outcome, ok } from "../verify/report.ts";
import { checkJwtClaims, signingPartyOf } from "./claims.ts";
import { type JoseHeader, parseCompactJws } from "./compact-jws.ts";
import { acceptedAlgorithm, verifyJwsSignature } from "./jws-signature.ts";
import { JOSE_TYPES, normaliseMediaType, type SecuredKind } from "./media-types.ts";

/** What a verified JWT yields: its header, the credential or presentation, and the key that signed it. */
export interface VerifiedJwt {
  readonly header: JoseHeader;
  readonly payload: Record<string, unknown>;
  /** The verification method id (the `kid`, as resolved). */
  readonly verificationMethod: string;
  /** Who controls that key: the issuer of a credential, the holder of a presentation. */
  readonly controller: string;
}

export interface VerifyCredentialJwtOptions {
  readonly resolveKey: KeyResolver;
  /** Evaluates `exp`/`nbf`/`iat`; defaults to the system clock. */
  readonly clock?: Clock;
  /** Allowed clock skew for the time claims, in seconds (default 60). */
  readonly clockToleranceSeconds?: number;
  /** This verifier's identifier; required to accept a JWT that carries `aud`. */
  readonly audience?: string;
  /** Longest JWT accepted, in characters (default 1 MiB). */
  readonly maxLength?: number;
}

export interface VerifyPresentationJwtOptions extends VerifyCredentialJwtOptions {
  /** The challenge this verifier issued; the `nonce` claim must equal it. Omit only when no challenge was issued. */
  readonly nonce?: string;
}

/** Verifies an `application/vc+jwt` credential; the key must be an assertionMethod of the `issuer`. */
export function verifyCredentialJwt(
  jwt: unknown,
  options: VerifyCredentialJwtOptions,
): Promise<Outcome<VerifiedJwt>> {
  return verifySecuredJwt("credential", jwt, options, undefined);
}

/**
 * Verifies an `application/vp+jwt` presentation; the key must be an authentication method of the `holder`
 * (or of whoever controls it, returned as `controller`, when the presentation names no holder).
 */
export function verifyPresentationJwt(
  jwt: unknown,
  options: VerifyPresentationJwtOptions,
): Promise<Outcome<VerifiedJwt>> {
  return verifySecuredJwt("presentation", jwt, options, options?.nonce);
}

async function verifySecuredJwt(
  kind: SecuredKind,
  jwt: unknown,
  options: VerifyCredentialJwtOptions,
  nonce: string | undefined,
): Promise<Outcome<VerifiedJwt>> {
  if (typeof options?.resolveKey !== "function")
    throw new TypeError("verify: options.resolveKey is required");
  const parsed = parseCompactJws(jwt, options.maxLength);
  if (!parsed.ok) return parsed;
  const { header, payload } = parsed.value;

  const algorithm = acceptedAlgorithm(header);
  if (!algorithm.ok) return algorithm;
  const typed = checkTypeHeaders(header, kind);
  if (!typed.ok) return typed;
  const { kid } = header;
  if (typeof kid !== "string" || !isAbsoluteUri(kid)) {
    return err("JWT_MALFORMED", "the JWS header needs a `kid`: the absolute URL of the verification method");
  }
  if (Object.hasOwn(payload, "vc") || Object.hasOwn(payload, "vp")) {
    return err(
      "JWT_MALFORMED",
      "a `vc`/`vp` claim marks a VC 1.1 JWT; in VC-JOSE the payload is the document",
    );
  }
  const party = signingPartyOf(payload, kind);
  if (!party.ok) return party;

  const verified = await verifyJwsSignature(parsed.value, kid, kind, options.resolveKey);
  if (!verified.ok) return verified;
  const method = verified.value;

  if (party.value !== undefined && method.controller !== party.value) {
    return err(
      "KEY_CONTROLLER_MISMATCH",
      `the key is controlled by ${method.controller}, not by ${party.value}`,
      {
        controller: method.controller,
        expected: party.value,
      },
    );
  }
  // VC-JOSE-COSE §4.1.2: when present, `iss` MUST match the issuer (for a presentation: the holder).
  const signerId = party.value ?? method.controller;
  if (payload.iss !== undefined && payload.iss !== signerId) {
    return err("FIELD_INVALID", "the `iss` claim differs from the document's issuer", {
      iss: payload.iss,
      expected: signerId,
    });
  }
  const claims = checkJwtClaims(payload, options, nonce);
  if (!claims.ok) return claims;
  return ok({ header, payload, verificationMethod: method.id, controller: method.controller });
}

/**
 * Explicit typing (RFC 8725 §3.11) keeps a presentation from passing as a credential and other JWTs (an
 * id_token, a VC 1.1 `typ: JWT`) from passing as either; so `typ` is required although VC-JOSE only says SHOULD.
 */
function checkTypeHeaders(header: JoseHeader, kind: SecuredKind): Outcome<void> {
  const expected = JOSE_TYPES[kind];
  if (typeof header.typ !== "string" || normaliseMediaType(header.typ) !== expected.mediaType) {
    return err("JWT_TYP_INVALID", `typ must be ${expected.typ}`, { typ: header.typ ?? null });
  }
  if (header.cty === undefined) return ok(undefined);
  const other = JOSE_TYPES[kind === "credential" ? "presentation" : "credential"].cty;
  // `cty` may name a more specific type than vc/vp, but never a nested JWT or the other kind of document.
  if (
    typeof header.cty !== "string" ||
    ["application/jwt", `application/${other}`].includes(normaliseMediaType(header.cty))
  ) {
    return err("JWT_TYP_INVALID", `cty must be ${expected.cty}`, { cty: header.cty });
  }
  return ok(undefined);
}
