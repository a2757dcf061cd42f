/**
 * Credential offers (OpenID4VCI 1.0 §4.1): read from an `openid-credential-offer://` link (or any link with
 * the same query), by value (`credential_offer=`) or by reference (`credential_offer_uri=`, fetched), and
 * checked. The wallet supports the pre-authorized code flow, with or without a transaction code (PIN).
 */
import { LearnbridgeError } from "@learnbridge/core";
import { failureOf, jsonObjectOf, type WalletHttp } from "../http/wallet-http.ts";

export const PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

/** What the learner must type when the offer has a transaction code (§4.1.1 `tx_code`). */
export interface TxCodeSpec {
  readonly inputMode: "numeric" | "text";
  readonly length?: number;
  readonly description?: string;
}

/** A checked offer, reduced to what the wallet uses. */
export interface CredentialOffer {
  readonly credentialIssuer: string;
  readonly credentialConfigurationIds: readonly string[];
  readonly preAuthorizedCode: string;
  readonly txCode?: TxCodeSpec;
  /** The authorization server the grant names, when the issuer has several. */
  readonly authorizationServer?: string;
}

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  new LearnbridgeError("FIELD_INVALID", `the credential offer ${message}`, details);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads an offer link; FIELD_INVALID when it carries neither `credential_offer` nor `credential_offer_uri`. */
export function parseOfferLink(link: string): { readonly offer: unknown } | { readonly offerUri: string } {
  const text = String(link ?? "").trim();
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) throw new LearnbridgeError("URL_INVALID", "this is not a credential offer link");
  const byValue = url.searchParams.get("credential_offer");
  const byReference = url.searchParams.get("credential_offer_uri");
  if (byValue !== null && byReference !== null)
    throw invalid("link has both credential_offer and credential_offer_uri");
  if (byReference !== null) return { offerUri: byReference };
  if (byValue !== null) {
    try {
      return { offer: JSON.parse(byValue) };
    } catch {
      throw invalid("is not valid JSON");
    }
  }
  throw new LearnbridgeError("URL_INVALID", "this link does not contain a credential offer");
}

/** Checks an offer object (§4.1.1). */
export function checkCredentialOffer(value: unknown): CredentialOffer {
  if (!isObject(value)) throw invalid("is not a JSON object");
  const issuer = value.credential_issuer;
  if (typeof issuer !== "string" || !URL.canParse(issuer)) throw invalid("names no valid credential_issuer");
  const ids = value.credential_configuration_ids;
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    !ids.every((id) => typeof id === "string" && id.length > 0)
  ) {
    throw invalid("lists no credential_configuration_ids");
  }
  const grant = isObject(value.grants) ? value.grants[PRE_AUTHORIZED_GRANT] : undefined;
  if (!isObject(grant)) {
    throw new LearnbridgeError(
      "GRANT_INVALID",
      "this offer asks you to sign in at the issuer's website first, which this wallet cannot do yet",
      { grants: isObject(value.grants) ? Object.keys(value.grants) : [] },
    );
  }
  const code = grant["pre-authorized_code"];
  if (typeof code !== "string" || code.length === 0) throw invalid("has no pre-authorized_code");
  let txCode: TxCodeSpec | undefined;
  if (grant.tx_code !== undefined) {
    if (!isObject(grant.tx_code)) throw invalid("has a malformed tx_code");
    const { input_mode: mode = "numeric", length, description } = grant.tx_code;
    if (mode !== "numeric" && mode !== "text") throw invalid("has an unknown tx_code input_mode");
    if (length !== undefined && !(Number.isInteger(length) && (length as number) > 0)) {
      throw invalid("has a malformed tx_code length");
    }
    txCode = {
      inputMode: mode,
      ...(typeof length === "number" ? { length } : {}),
      ...(typeof description === "string" ? { description: description.slice(0, 300) } : {}),
    };
  }
  const server = grant.authorization_server;
  return {
    credentialIssuer: issuer,
    credentialConfigurationIds: ids as string[],
    preAuthorizedCode: code,
    ...(txCode ? { txCode } : {}),
    ...(typeof server === "string" ? { authorizationServer: server } : {}),
  };
}

/** Reads the offer a link points to, fetching it when it is by reference. */
export async function resolveCredentialOffer(link: string, http: WalletHttp): Promise<CredentialOffer> {
  const parsed = parseOfferLink(link);
  if ("offer" in parsed) return checkCredentialOffer(parsed.offer);
  const answer = await http.send(parsed.offerUri, { headers: { accept: "application/json" } });
  if (answer.status !== 200) throw failureOf(answer, "the offer could not be fetched");
  return checkCredentialOffer(jsonObjectOf(answer, "the credential offer"));
}
