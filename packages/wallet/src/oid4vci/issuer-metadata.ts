/**
 * Credential issuer metadata (OpenID4VCI 1.0 §12.2): fetched from `/.well-known/openid-credential-issuer`
 * inserted between the host and the issuer's path, checked against the offer, and read for what the wallet
 * needs: endpoints, each offered configuration's format and proof rules, and display names by language.
 */
import { LearnbridgeError } from "@learnbridge/core";
import { failureOf, jsonObjectOf, type WalletHttp } from "../http/wallet-http.ts";
import type { HeldCredentialFormat } from "../storage/credential-store.ts";

/** One credential configuration the wallet can receive. */
export interface CredentialConfiguration {
  readonly id: string;
  readonly format: HeldCredentialFormat;
  /** DID methods the issuer binds credentials to (`did:key`, `did:jwk`…); empty when it names none. */
  readonly bindingMethods: readonly string[];
  /** Whether a key proof is asked for (`proof_types_supported` has `jwt`). */
  readonly proofRequired: boolean;
  /** The JOSE `alg` to sign the proof with (`EdDSA`, or `Ed25519` when that is the only one accepted). */
  readonly proofAlg: "EdDSA" | "Ed25519";
  /** `display` entries (name, locale…), from `credential_metadata` (1.0) or the configuration (drafts). */
  readonly display: readonly Record<string, unknown>[];
}

/** The checked metadata. */
export interface IssuerMetadata {
  readonly credentialIssuer: string;
  readonly credentialEndpoint: string;
  readonly nonceEndpoint?: string;
  readonly authorizationServers: readonly string[];
  readonly display: readonly Record<string, unknown>[];
  readonly configurations: ReadonlyMap<string, Record<string, unknown>>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const objects = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObject) : []);

/**
 * The well-known URL of an identifier (RFC 8615 with the path-insertion rule of RFC 8414 §3.1):
 * `https://host/tenant` → `https://host/.well-known/<name>/tenant`.
 */
export function wellKnownUrl(identifier: string, name: string): string {
  const url = new URL(identifier);
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}/.well-known/${name}${path}`;
}

/** Fetches and checks the issuer's metadata; its `credential_issuer` must be the offer's. */
export async function fetchIssuerMetadata(
  credentialIssuer: string,
  http: WalletHttp,
): Promise<IssuerMetadata> {
  const answer = await http.send(wellKnownUrl(credentialIssuer, "openid-credential-issuer"), {
    headers: { accept: "application/json" },
  });
  if (answer.status !== 200) throw failureOf(answer, "the issuer's description could not be fetched");
  const body = jsonObjectOf(answer, "the issuer's metadata");
  if (body.credential_issuer !== credentialIssuer) {
    // §12.2.4: otherwise anyone could send offers in another issuer's name.
    throw new LearnbridgeError("FIELD_INVALID", "the issuer's metadata names another issuer than the offer", {
      offer: credentialIssuer,
      metadata: body.credential_issuer,
    });
  }
  const url = (key: string, required: boolean) => {
    const value = body[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== "string" || !URL.canParse(value)) {
      throw new LearnbridgeError("FIELD_INVALID", `the issuer's metadata has no valid ${key}`);
    }
    return value;
  };
  const credentialEndpoint = url("credential_endpoint", true) as string;
  const nonceEndpoint = url("nonce_endpoint", false);
  const configurations = isObject(body.credential_configurations_supported)
    ? new Map(
        Object.entries(body.credential_configurations_supported).filter(
          (e): e is [string, Record<string, unknown>] => isObject(e[1]),
        ),
      )
    : new Map<string, Record<string, unknown>>();
  const servers = Array.isArray(body.authorization_servers)
    ? body.authorization_servers.filter((s): s is string => typeof s === "string")
    : [];
  return {
    credentialIssuer,
    credentialEndpoint,
    ...(nonceEndpoint ? { nonceEndpoint } : {}),
    authorizationServers: servers,
    display: objects(body.display),
    configurations,
  };
}

/** Reads one offered configuration; CREDENTIAL_CONFIGURATION_UNKNOWN when it is missing or unusable. */
export function credentialConfiguration(metadata: IssuerMetadata, id: string): CredentialConfiguration {
  const raw = metadata.configurations.get(id);
  if (!raw) {
    throw new LearnbridgeError("CREDENTIAL_CONFIGURATION_UNKNOWN", `the issuer does not describe ${id}`, {
      id,
    });
  }
  const format = raw.format;
  if (format !== "ldp_vc" && format !== "jwt_vc_json") {
    throw new LearnbridgeError(
      "CREDENTIAL_CONFIGURATION_UNKNOWN",
      `this wallet cannot keep credentials in the ${String(format)} format`,
      { id, format },
    );
  }
  const bindingMethods = Array.isArray(raw.cryptographic_binding_methods_supported)
    ? raw.cryptographic_binding_methods_supported.filter((m): m is string => typeof m === "string")
    : [];
  const proofTypes = isObject(raw.proof_types_supported) ? raw.proof_types_supported : undefined;
  if (proofTypes && !isObject(proofTypes.jwt)) {
    throw new LearnbridgeError(
      "CREDENTIAL_CONFIGURATION_UNKNOWN",
      "the issuer asks for a kind of key proof this wallet cannot make",
      {
        proofTypes: Object.keys(proofTypes),
      },
    );
  }
  const algs =
    proofTypes && isObject(proofTypes.jwt) ? proofTypes.jwt.proof_signing_alg_values_supported : undefined;
  const accepted = Array.isArray(algs) ? algs : ["EdDSA"];
  if (!accepted.includes("EdDSA") && !accepted.includes("Ed25519")) {
    throw new LearnbridgeError(
      "CREDENTIAL_CONFIGURATION_UNKNOWN",
      "the issuer does not accept this wallet's Ed25519 keys",
      {
        accepted,
      },
    );
  }
  const metadataDisplay = isObject(raw.credential_metadata) ? raw.credential_metadata.display : undefined;
  return {
    id,
    format,
    bindingMethods,
    proofRequired: proofTypes !== undefined,
    proofAlg: accepted.includes("EdDSA") ? "EdDSA" : "Ed25519",
    display: objects(metadataDisplay ?? raw.display),
  };
}

/**
 * The best `display` entry for the reader's languages: exact locale, then same primary language, then one
 * without a locale, then the first.
 */
export function displayFor(
  displays: readonly Record<string, unknown>[],
  languages: readonly string[],
): Record<string, unknown> | undefined {
  const localeOf = (d: Record<string, unknown>) =>
    typeof d.locale === "string" ? d.locale.toLowerCase() : "";
  for (const language of languages) {
    const want = language.toLowerCase();
    const exact = displays.find((d) => localeOf(d) === want);
    if (exact) return exact;
    const primary = want.split("-")[0];
    const loose = displays.find((d) => localeOf(d).split("-")[0] === primary);
    if (loose) return loose;
  }
  return displays.find((d) => localeOf(d) === "") ?? displays[0];
}

/** The display `name` for the reader, if the metadata has one. */
export function displayNameFor(
  displays: readonly Record<string, unknown>[],
  languages: readonly string[],
): string | undefined {
  const name = displayFor(displays, languages)?.name;
  return typeof name === "string" ? name : undefined;
}
