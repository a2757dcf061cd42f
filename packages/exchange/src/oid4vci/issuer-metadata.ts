/**
 * What a wallet reads before it asks for anything: the Credential Issuer Metadata (OID4VCI 1.0 §12.2) and the
 * OAuth 2.0 Authorization Server Metadata (RFC 8414) of the same centre, which is its own authorization
 * server and speaks only the pre-authorized code grant, to anonymous wallets.
 */
import { sourceText } from "@learnbridge/credentials";
import type { AchievementRecord, Achievements, CentreProfile } from "@learnbridge/issuer";
import { OPENID_CREDENTIAL } from "./authorization-details.ts";
import { credentialConfigurations } from "./credential-configurations.ts";
import { PRE_AUTHORIZED_GRANT } from "./offer-document.ts";

/** The endpoints of a centre's OID4VCI issuer, below its public URL. */
export function oid4vciEndpoints(publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, "");
  return {
    issuer: base,
    token: `${base}/oid4vci/token`,
    nonce: `${base}/oid4vci/nonce`,
    credential: `${base}/oid4vci/credential`,
  } as const;
}

/**
 * Where a metadata document lives for an identifier with a path (RFC 8414 §3.1, OID4VCI 1.0 §12.2.2): the
 * well-known segment goes between the host and the path. `https://c.example/lahore` →
 * `https://c.example/.well-known/openid-credential-issuer/lahore`.
 */
export function wellKnownUrl(identifier: string, name: string): string {
  const url = new URL(identifier);
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}/.well-known/${name}${path}`;
}

/** Every achievement, archived ones too: credentials of those exist and may be offered again. */
async function allAchievements(achievements: Achievements): Promise<AchievementRecord[]> {
  const all: AchievementRecord[] = [];
  for (let after: string | undefined; ; ) {
    const page = await achievements.list({ includeArchived: true, limit: 500, ...(after ? { after } : {}) });
    all.push(...page);
    if (page.length < 500) return all;
    after = page.at(-1)?.slug;
  }
}

export interface IssuerMetadataInput {
  readonly publicUrl: string;
  readonly achievements: Achievements;
  readonly profile: CentreProfile | undefined;
  /** The JOSE algorithm of the centre's signing key; default EdDSA. */
  readonly signingAlgorithm?: string;
}

/** The Credential Issuer Metadata, with display data in every language the centre's name is written in. */
export async function credentialIssuerMetadata(input: IssuerMetadataInput): Promise<Record<string, unknown>> {
  const endpoints = oid4vciEndpoints(input.publicUrl);
  const { profile } = input;
  const names =
    profile === undefined
      ? {}
      : typeof profile.name === "string"
        ? { [profile.sourceLanguage]: sourceText(profile.name, profile.sourceLanguage) }
        : profile.name;
  const display = Object.entries(names).map(([locale, name]) => ({ name, locale }));
  return {
    credential_issuer: endpoints.issuer,
    credential_endpoint: endpoints.credential,
    nonce_endpoint: endpoints.nonce,
    ...(display.length ? { display } : {}),
    credential_configurations_supported: credentialConfigurations(
      await allAchievements(input.achievements),
      input.signingAlgorithm ?? "EdDSA",
    ),
  };
}

/**
 * The Authorization Server Metadata (RFC 8414): the token endpoint, the one grant it serves, to anonymous
 * wallets (OID4VCI 1.0 §12.3), and the authorization details type of OpenID4VCI, which §12.2.4 asks for when,
 * as here, no configuration has a `scope`. A server of the pre-authorized code grant only may leave out
 * `response_types_supported` (§12.2.4); there is no authorization endpoint.
 */
export function authorizationServerMetadata(publicUrl: string): Record<string, unknown> {
  const endpoints = oid4vciEndpoints(publicUrl);
  return {
    issuer: endpoints.issuer,
    token_endpoint: endpoints.token,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    token_endpoint_auth_methods_supported: ["none"],
    authorization_details_types_supported: [OPENID_CREDENTIAL],
    "pre-authorized_grant_anonymous_access_supported": true,
  };
}
