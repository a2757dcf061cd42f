/**
 * The media types of VC-JOSE-COSE (JOSE part) and how they appear in a JWS header: `typ` names the secured
 * document (`vc+jwt` / `vp+jwt`), `cty` the unsecured one (`vc` / `vp`).
 */

/** What a JWT secures: a credential (`vc+jwt`) or a presentation (`vp+jwt`). */
export type SecuredKind = "credential" | "presentation";

/** The registered media types of a secured credential and presentation. */
export const VC_JWT_MEDIA_TYPE = "application/vc+jwt";
export const VP_JWT_MEDIA_TYPE = "application/vp+jwt";

/** The `typ` and `cty` header values we emit for each kind (RFC 7515 §4.1.9: the `application/` prefix omitted). */
export const JOSE_TYPES = {
  credential: { typ: "vc+jwt", cty: "vc", mediaType: VC_JWT_MEDIA_TYPE },
  presentation: { typ: "vp+jwt", cty: "vp", mediaType: VP_JWT_MEDIA_TYPE },
} as const satisfies Record<SecuredKind, { typ: string; cty: string; mediaType: string }>;

/**
 * The media type a `typ` or `cty` value names, lower-cased and with the `application/` prefix restored, as
 * RFC 7515 §4.1.9 says to compare them: `vc+jwt`, `VC+JWT` and `application/vc+jwt` are one type.
 */
export function normaliseMediaType(value: string): string {
  const lower = value.toLowerCase();
  return lower.includes("/") ? lower : `application/${lower}`;
}
