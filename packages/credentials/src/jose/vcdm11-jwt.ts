/**
 * Verifying the older JWT form of VC Data Model 1.1 §6.3.1, which OpenID4VP 1.0 wallets still send for the
 * `jwt_vc_json` format (Appendix B.1.3.1): a JWS with `typ: JWT` (or none) whose payload carries the document
 * in a `vp` or `vc` claim beside registered claims (`iss`, `sub`, `jti`, `nbf`, `exp`, `aud`, `nonce`).
 * The same rules as `vp+jwt` apply where they can: algorithm allowlist, a key authorised for the purpose,
 * its controller bound to `iss` and to the document's holder/issuer, time claims, `nonce` and `aud`.
 */
import { isAbsoluteUri } from "@learnbridge/core";
import { parseDid, splitFragment } from "../did/did-syntax.ts";
import { err, type Outcome, ok } from "../verify/report.ts";
import { checkJwtClaims, signingPartyOf } from "./claims.ts";
import { isJsonObject, type JoseHeader, parseCompactJws } from "./compact-jws.ts";
import { acceptedAlgorithm, verifyJwsSignature } from "./jws-signature.ts";
import { normaliseMediaType, type SecuredKind } from "./media-types.ts";
import { credentialFromJwtClaims, presentationFromJwtClaims } from "./vcdm11-claims.ts";
import type { VerifiedJwt, VerifyCredentialJwtOptions, VerifyPresentationJwtOptions } from "./verify.ts";

const CLAIM: Record<SecuredKind, "vc" | "vp"> = { credential: "vc", presentation: "vp" };

/**
 * Which VC 1.1 JWT this is: `presentation` for a `vp` claim, `credential` for a `vc` claim, undefined when
 * it is not one (not a compact JWS, or typed as anything but `JWT`, e.g. `vp+jwt`). Nothing is verified.
 */
export function vcdm11JwtKind(jwt: unknown): SecuredKind | undefined {
  const parsed = parseCompactJws(jwt);
  if (!parsed.ok || !checkTypeHeaders(parsed.value.header).ok) return undefined;
  const { payload } = parsed.value;
  if (isJsonObject(payload.vp)) return "presentation";
  if (isJsonObject(payload.vc)) return "credential";
  return undefined;
}

/**
 * Verifies a VC 1.1 JWT presentation; `payload` of the result is the decoded presentation (`vp` with `iss` as
 * its holder). The key must be an authentication method of `iss` (and of `vp.holder` when named).
 */
export function verifyVcdm11PresentationJwt(
  jwt: unknown,
  options: VerifyPresentationJwtOptions,
): Promise<Outcome<VerifiedJwt>> {
  return verifyVcdm11Jwt("presentation", jwt, options, options?.nonce);
}

/**
 * Verifies a VC 1.1 JWT credential; `payload` of the result is the decoded credential (`vc` with the
 * registered claims mapped onto it). The key must be an assertionMethod of `iss` and of the issuer.
 */
export function verifyVcdm11CredentialJwt(
  jwt: unknown,
  options: VerifyCredentialJwtOptions,
): Promise<Outcome<VerifiedJwt>> {
  return verifyVcdm11Jwt("credential", jwt, options, undefined);
}

async function verifyVcdm11Jwt(
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
  const typed = checkTypeHeaders(header);
  if (!typed.ok) return typed;
  const other = CLAIM[kind === "credential" ? "presentation" : "credential"];
  if (Object.hasOwn(payload, other)) {
    return err("JWT_MALFORMED", `a ${kind} JWT must not also carry a \`${other}\` claim`);
  }
  const mapped =
    kind === "credential" ? credentialFromJwtClaims(payload) : presentationFromJwtClaims(payload);
  if (!mapped.ok) return mapped;
  const party = signingPartyOf(mapped.value, kind);
  if (!party.ok) return party;
  const keyId = keyIdOf(header.kid, payload.iss);
  if (!keyId.ok) return keyId;

  const verified = await verifyJwsSignature(parsed.value, keyId.value, kind, options.resolveKey);
  if (!verified.ok) return verified;
  const method = verified.value;

  // `iss` is who signed (VCDM 1.1 §6.3.1); the document may name that party too. Both must control the key.
  const field = kind === "credential" ? "issuer" : "holder";
  for (const [name, claimed] of [
    ["iss", payload.iss],
    [field, party.value],
  ] as const) {
    if (claimed !== undefined && claimed !== method.controller) {
      return err(
        "KEY_CONTROLLER_MISMATCH",
        `the key is controlled by ${method.controller}, not by the ${name} ${String(claimed)}`,
        { controller: method.controller, expected: String(claimed), field: name },
      );
    }
  }
  const claims = checkJwtClaims(payload, options, nonce);
  if (!claims.ok) return claims;
  return ok({ header, payload: mapped.value, verificationMethod: method.id, controller: method.controller });
}

/**
 * VC 1.1 JWTs are typed `JWT` (RFC 7519 §5.1) or not at all. A `cty` would announce a nested JWT or some
 * other content, neither of which this form has; both are refused.
 */
function checkTypeHeaders(header: JoseHeader): Outcome<void> {
  const { typ, cty } = header;
  if (typ !== undefined && (typeof typ !== "string" || normaliseMediaType(typ) !== "application/jwt")) {
    return err("JWT_TYP_INVALID", "a VC 1.1 JWT has typ JWT or none", { typ: String(typ) });
  }
  if (cty !== undefined) return err("JWT_TYP_INVALID", "a VC 1.1 JWT carries no `cty`", { cty: String(cty) });
  return ok(undefined);
}

/**
 * The verification method to resolve: the `kid` (absolute, or a `#fragment` of `iss`); without one, or when it
 * is a bare DID, the key that a did:key or did:jwk implies. Other DIDs list several keys, so they need a `kid`.
 */
function keyIdOf(kid: unknown, iss: unknown): Outcome<string> {
  if (kid !== undefined && typeof kid !== "string") return err("JWT_MALFORMED", "the `kid` must be a string");
  if (kid?.startsWith("#")) {
    if (!isAbsoluteUri(iss) || splitFragment(iss).fragment !== undefined) {
      return err("JWT_MALFORMED", "a relative `kid` needs an `iss` DID to resolve against");
    }
    return ok(`${iss}${kid}`);
  }
  const id = kid ?? iss;
  if (!isAbsoluteUri(id)) {
    return err("JWT_MALFORMED", "the JWS needs a `kid` (a DID URL) or an `iss` DID that names the key");
  }
  const did = parseDid(id);
  if (did?.method === "key") return ok(`${id}#${did.methodSpecificId}`);
  if (did?.method === "jwk") return ok(`${id}#0`);
  return ok(id);
}
