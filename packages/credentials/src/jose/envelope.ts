/**
 * Enveloped credentials and presentations (VC Data Model 2.0 §4.13, VC-JOSE-COSE §3.1.2): how a JOSE-secured
 * document travels inside a presentation, as an object whose `id` is a `data:` URL (RFC 2397) of the JWS.
 */
import { err, type Outcome, ok } from "../verify/report.ts";
import { isJsonObject } from "./compact-jws.ts";
import { type SecuredKind, VC_JWT_MEDIA_TYPE, VP_JWT_MEDIA_TYPE } from "./media-types.ts";

const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
// Three base64url segments; the signature may not be empty here, an envelope always carries a signed JWS.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export interface EnvelopedVerifiableCredential {
  readonly "@context": typeof VC_V2_CONTEXT;
  readonly id: string;
  readonly type: "EnvelopedVerifiableCredential";
}

export interface EnvelopedVerifiablePresentation {
  readonly "@context": typeof VC_V2_CONTEXT;
  readonly id: string;
  readonly type: "EnvelopedVerifiablePresentation";
}

/** What an envelope carries: the media type named by its data URL and the compact JWS itself. */
export interface UnwrappedEnvelope {
  readonly mediaType: typeof VC_JWT_MEDIA_TYPE | typeof VP_JWT_MEDIA_TYPE;
  readonly kind: SecuredKind;
  readonly jwt: string;
}

const ENVELOPES = [
  { type: "EnvelopedVerifiableCredential", mediaType: VC_JWT_MEDIA_TYPE, kind: "credential" },
  { type: "EnvelopedVerifiablePresentation", mediaType: VP_JWT_MEDIA_TYPE, kind: "presentation" },
] as const;

/**
 * Wraps a `vc+jwt` for a presentation's `verifiableCredential`.
 * @example envelopeCredential(jwt).id // "data:application/vc+jwt,eyJhbGciOi…"
 */
export function envelopeCredential(jwt: string): EnvelopedVerifiableCredential {
  assertCompactJws(jwt, "envelopeCredential");
  return {
    "@context": VC_V2_CONTEXT,
    id: `data:${VC_JWT_MEDIA_TYPE},${jwt}`,
    type: "EnvelopedVerifiableCredential",
  };
}

/** Wraps a `vp+jwt` as an EnvelopedVerifiablePresentation. */
export function envelopePresentation(jwt: string): EnvelopedVerifiablePresentation {
  assertCompactJws(jwt, "envelopePresentation");
  return {
    "@context": VC_V2_CONTEXT,
    id: `data:${VP_JWT_MEDIA_TYPE},${jwt}`,
    type: "EnvelopedVerifiablePresentation",
  };
}

/**
 * Reads an EnvelopedVerifiableCredential or EnvelopedVerifiablePresentation. The JWS is returned unverified:
 * pass it to `verifyCredentialJwt` / `verifyPresentationJwt` according to `kind`.
 */
export function unwrapEnvelope(value: unknown): Outcome<UnwrappedEnvelope> {
  if (!isJsonObject(value)) return err("FIELD_INVALID", "an enveloped credential must be a JSON object");
  const types = typeof value.type === "string" ? [value.type] : Array.isArray(value.type) ? value.type : [];
  const envelope = ENVELOPES.find((candidate) => types.includes(candidate.type));
  if (!envelope)
    return err("TYPE_MISSING", "not an EnvelopedVerifiableCredential or EnvelopedVerifiablePresentation");
  const context = value["@context"];
  if (!(context === VC_V2_CONTEXT || (Array.isArray(context) && context.includes(VC_V2_CONTEXT)))) {
    return err("CONTEXT_MISSING", `an envelope's @context must include ${VC_V2_CONTEXT}`);
  }
  if (typeof value.id !== "string")
    return err("FIELD_INVALID", "an envelope's `id` must be a data: URL", { field: "id" });

  // RFC 2397: data:[<mediatype>][;base64],<data>. The registered types take no parameters and a JWS needs no
  // base64 layer, so anything but `data:<type>,<jws>` is refused rather than guessed at.
  const match = /^data:([^,]*),(.*)$/s.exec(value.id);
  if (!match) return err("FIELD_INVALID", "an envelope's `id` must be a data: URL", { field: "id" });
  const [, meta = "", data = ""] = match;
  const mediaType = meta.toLowerCase(); // media types compare case-insensitively
  if (mediaType !== envelope.mediaType) {
    return err("FIELD_INVALID", `an ${envelope.type} must carry ${envelope.mediaType}, not '${meta}'`, {
      field: "id",
      mediaType: meta,
    });
  }
  if (!COMPACT_JWS.test(data)) return err("JWT_MALFORMED", "the data URL does not hold a compact JWS");
  return ok({ mediaType: envelope.mediaType, kind: envelope.kind, jwt: data });
}

function assertCompactJws(jwt: unknown, name: string): void {
  if (typeof jwt !== "string" || !COMPACT_JWS.test(jwt))
    throw new TypeError(`${name}: expected a compact JWS`);
}
