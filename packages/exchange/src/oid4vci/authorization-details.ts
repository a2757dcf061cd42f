/**
 * RFC 9396 authorization details in an OID4VCI token request (OID4VCI 1.0 §5.1.1, §6.2): each must be of
 * type `openid_credential` and ask for a configuration of the offer; the answer names each configuration as
 * its own credential identifier.
 */
import { LearnbridgeError } from "@learnbridge/core";

/** The authorization details type of OpenID4VCI, the only one this issuer knows. */
export const OPENID_CREDENTIAL = "openid_credential";

const refuse = (message: string) =>
  new LearnbridgeError("BAD_REQUEST", message, { oauthError: "invalid_authorization_details" });

/**
 * The token response's `authorization_details` for the request's `raw` JSON text, undefined when none was
 * sent. BAD_REQUEST (`invalid_authorization_details`) for anything but configurations in `offered`.
 * @example readAuthorizationDetails('[{"type":"openid_credential","credential_configuration_id":"x_ldp_vc"}]', ["x_ldp_vc"])
 */
export function readAuthorizationDetails(
  raw: string | undefined,
  offered: readonly string[],
): object[] | undefined {
  if (raw === undefined) return undefined;
  let details: unknown;
  try {
    details = JSON.parse(raw);
  } catch {
    throw refuse("authorization_details is not JSON");
  }
  if (!Array.isArray(details) || details.length === 0) {
    throw refuse("authorization_details must be a non-empty array");
  }
  return details.map((detail) => {
    const id = (detail as { credential_configuration_id?: unknown } | null)?.credential_configuration_id;
    if (
      (detail as { type?: unknown } | null)?.type !== OPENID_CREDENTIAL ||
      typeof id !== "string" ||
      !offered.includes(id)
    ) {
      throw refuse(
        `authorization_details may only ask for ${offered.join(", ")} (type ${OPENID_CREDENTIAL})`,
      );
    }
    return { type: OPENID_CREDENTIAL, credential_configuration_id: id, credential_identifiers: [id] };
  });
}
