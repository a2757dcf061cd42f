/**
 * The JWT decoding rules of VC Data Model 1.1 §6.3.1: a VC 1.1 JWT carries the credential (`vc`) or the
 * presentation (`vp`) as a claim, and some of its properties as registered JWT claims. Decoding puts them
 * back: `iss` → `issuer` / `holder`, `sub` → `credentialSubject.id`, `jti` → `id`, `nbf` → `issuanceDate`
 * (`validFrom` when the `vc` claim is a VC 2.0 document), `exp` → `expirationDate` (`validUntil`).
 * `iat`, `aud` and `nonce` describe the JWT itself and are checked, not mapped.
 */
import { isAbsoluteUri, toXsdDateTime } from "@learnbridge/core";
import { err, type Outcome, ok } from "../verify/report.ts";
import { isJsonObject } from "./compact-jws.ts";

type Json = Record<string, unknown>;

const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
// JavaScript Dates span ±8.64e15 ms; a NumericDate beyond that cannot be written as a dateTime.
const MAX_NUMERIC_DATE = 8.64e12;

/** The `vc` claim of a VC 1.1 JWT as a credential, with the registered claims mapped onto it. */
export function credentialFromJwtClaims(payload: Json): Outcome<Json> {
  const vc = payload.vc;
  if (!isJsonObject(vc)) return err("JWT_MALFORMED", "the `vc` claim must be a JSON object");
  const credential: Json = { ...vc };

  const iss = payload.iss;
  if (iss !== undefined) {
    if (!isAbsoluteUri(iss)) return err("FIELD_INVALID", "the `iss` claim must be a URL", { claim: "iss" });
    // A differing issuer is left in place: the key check then names both (KEY_CONTROLLER_MISMATCH).
    if (credential.issuer === undefined) credential.issuer = iss;
    else if (isJsonObject(credential.issuer) && credential.issuer.id === undefined)
      credential.issuer = { ...credential.issuer, id: iss };
  }

  if (payload.sub !== undefined) {
    const subject = withSubjectId(credential.credentialSubject, payload.sub);
    if (!subject.ok) return subject;
    credential.credentialSubject = subject.value;
  }

  const id = identifierOf(payload.jti, credential.id);
  if (!id.ok) return id;
  if (id.value !== undefined) credential.id = id.value;

  // VC 1.1 names the dates issuanceDate/expirationDate; a VC 2.0 document carried in `vc` uses its own terms.
  const v2 = [credential["@context"]].flat()[0] === VC_V2_CONTEXT;
  for (const [claim, property] of [
    ["nbf", v2 ? "validFrom" : "issuanceDate"],
    ["exp", v2 ? "validUntil" : "expirationDate"],
  ] as const) {
    const date = dateOf(payload, claim);
    if (!date.ok) return date;
    if (date.value !== undefined) credential[property] = date.value;
  }
  return ok(credential);
}

/**
 * The `vp` claim of a VC 1.1 JWT as a presentation: `iss` becomes the `holder` when the presentation names
 * none (a differing `holder` is left for the key check to refuse), `jti` its `id` when `jti` is a URL.
 */
export function presentationFromJwtClaims(payload: Json): Outcome<Json> {
  const vp = payload.vp;
  if (!isJsonObject(vp)) return err("JWT_MALFORMED", "the `vp` claim must be a JSON object");
  const presentation: Json = { ...vp };
  if (payload.iss !== undefined) {
    if (!isAbsoluteUri(payload.iss))
      return err("FIELD_INVALID", "the `iss` claim must be a URL", { claim: "iss" });
    if (presentation.holder === undefined) presentation.holder = payload.iss;
  }
  // Wallets use `jti` as a replay identifier, often not a URL; it only becomes the id when it can be one.
  if (isAbsoluteUri(payload.jti)) {
    const id = identifierOf(payload.jti, presentation.id);
    if (!id.ok) return id;
    presentation.id = id.value;
  }
  return ok(presentation);
}

/** `sub` becomes the id of the (single) subject; a subject that already names someone else is refused. */
function withSubjectId(subject: unknown, sub: unknown): Outcome<unknown> {
  if (typeof sub !== "string" || sub.length === 0)
    return err("JWT_MALFORMED", "the `sub` claim must be a string", { claim: "sub" });
  const subjects = Array.isArray(subject) ? subject : [subject];
  if (subjects.length !== 1) {
    return err("FIELD_INVALID", "`sub` cannot name one of several credential subjects", { claim: "sub" });
  }
  const only = subjects[0] ?? {};
  if (!isJsonObject(only)) return ok(subject); // the structure check reports a malformed subject
  if (only.id !== undefined && only.id !== sub) {
    return err("FIELD_INVALID", "the `sub` claim differs from credentialSubject.id", {
      sub,
      credentialSubject: only.id,
    });
  }
  const mapped = { ...only, id: sub };
  return ok(Array.isArray(subject) ? [mapped] : mapped);
}

function identifierOf(jti: unknown, id: unknown): Outcome<unknown> {
  if (jti === undefined) return ok(id);
  if (typeof jti !== "string")
    return err("JWT_MALFORMED", "the `jti` claim must be a string", { claim: "jti" });
  if (id !== undefined && id !== jti) {
    return err("FIELD_INVALID", "the `jti` claim differs from the document's id", { jti, id });
  }
  return ok(jti);
}

function dateOf(payload: Json, claim: "nbf" | "exp"): Outcome<string | undefined> {
  const value = payload[claim];
  if (value === undefined) return ok(undefined);
  if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > MAX_NUMERIC_DATE) {
    return err("JWT_MALFORMED", `the \`${claim}\` claim must be a NumericDate`, { claim });
  }
  return ok(toXsdDateTime(new Date(value * 1000)));
}
