/**
 * The Credential Configurations a centre issues (OID4VCI 1.0 §12.2.4, Appendix A.1): each of its achievements
 * as an Open Badge in two formats, `ldp_vc` (Data Integrity, eddsa-rdfc-2022) and `jwt_vc_json` (VC-JOSE
 * `vc+jwt`), and one generic pair for credentials whose achievement is not (or no longer) one of its own.
 * The display names come in every language the achievement carries.
 */
import { CONTEXT_URLS, type CredentialFormat, type LanguageText } from "@learnbridge/credentials";
import type { AchievementRecord } from "@learnbridge/issuer";
import { KEY_PROOF_ALGORITHMS } from "./key-proof.ts";

/** The configuration id suffix of each format, and back. */
export const FORMAT_SUFFIX = { ldp_vc: "ldp_vc", jwt_vc: "jwt_vc_json" } as const satisfies Record<
  CredentialFormat,
  string
>;
/** The id stem of the configurations of credentials whose achievement is not one of the centre's. */
export const GENERIC_STEM = "OpenBadgeCredential";
/** Key proof algorithms a wallet may sign with: what `verifyKeyProof` accepts, no more, no less. */
export const PROOF_SIGNING_ALGORITHMS = KEY_PROOF_ALGORITHMS;
/** How issued credentials may be bound to their holder. */
export const BINDING_METHODS = ["did:key", "did:jwk"] as const;

const TYPES = ["VerifiableCredential", "OpenBadgeCredential"];
const CONTEXTS = [CONTEXT_URLS.VC_V2, CONTEXT_URLS.OB_V3_0_3];
/** Dark blue on white text: a contrast ratio above 12, readable for older eyes. */
const COLOURS = { background_color: "#12355b", text_color: "#ffffff" };

/** The configuration id of `format` for the achievement `slug` (or the generic one). */
export const configurationId = (stem: string, format: CredentialFormat): string =>
  `${stem}_${FORMAT_SUFFIX[format]}`;

/** Reads a configuration id back: its stem (a slug, or GENERIC_STEM) and format; undefined when malformed. */
export function parseConfigurationId(id: unknown): { stem: string; format: CredentialFormat } | undefined {
  if (typeof id !== "string") return undefined;
  for (const [format, suffix] of Object.entries(FORMAT_SUFFIX) as [CredentialFormat, string][]) {
    if (id.endsWith(`_${suffix}`)) {
      const stem = id.slice(0, -suffix.length - 1);
      if (stem) return { stem, format };
    }
  }
  return undefined;
}

/** One display object per language of `name` (and of `description` where it has that language). */
function displays(
  name: LanguageText,
  description: LanguageText | undefined,
  language: string,
  image?: string,
) {
  const names = typeof name === "string" ? { [language]: name } : name;
  return Object.entries(names).map(([locale, text]) => {
    const about =
      typeof description === "string"
        ? locale === language
          ? description
          : undefined
        : description?.[locale];
    return {
      name: text,
      locale,
      ...(about ? { description: about } : {}),
      ...(image ? { logo: { uri: image, alt_text: text } } : {}),
      ...COLOURS,
    };
  });
}

function configuration(format: CredentialFormat, display: object[], signingAlgorithm: string) {
  return {
    format: FORMAT_SUFFIX[format],
    cryptographic_binding_methods_supported: [...BINDING_METHODS],
    credential_signing_alg_values_supported: format === "ldp_vc" ? ["eddsa-rdfc-2022"] : [signingAlgorithm],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: [...PROOF_SIGNING_ALGORITHMS] } },
    credential_definition: format === "ldp_vc" ? { "@context": CONTEXTS, type: TYPES } : { type: TYPES },
    credential_metadata: { display },
  };
}

/**
 * `credential_configurations_supported` for these achievements; `signingAlgorithm` is the JOSE name of the
 * centre's key (`EdDSA`).
 */
export function credentialConfigurations(
  achievements: readonly AchievementRecord[],
  signingAlgorithm = "EdDSA",
): Record<string, object> {
  const formats = Object.keys(FORMAT_SUFFIX) as CredentialFormat[];
  const all: Record<string, object> = {};
  for (const format of formats) {
    all[configurationId(GENERIC_STEM, format)] = configuration(
      format,
      [{ name: "Open Badge", locale: "en", ...COLOURS }],
      signingAlgorithm,
    );
  }
  for (const { slug, content } of achievements) {
    const display = displays(content.name, content.description, content.sourceLanguage, content.image);
    for (const format of formats) {
      all[configurationId(slug, format)] = configuration(format, display, signingAlgorithm);
    }
  }
  return all;
}
