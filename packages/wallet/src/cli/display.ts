/** How credentials and parties are shown to the learner. */
import type { StoredCredential } from "../storage/credential-store.ts";

const FORMAT_NAMES = { ldp_vc: "Data Integrity proof", jwt_vc_json: "signed JWT" } as const;

/** "1 June 2026" in the learner's language. */
export function dateFor(iso: string, languages: readonly string[]): string {
  try {
    return new Intl.DateTimeFormat([...languages], { dateStyle: "long" }).format(new Date(iso));
  } catch {
    return iso.slice(0, 10);
  }
}

/** The credential's name, or the most specific of its types. */
export const nameOf = (c: StoredCredential): string => c.achievementName ?? c.types.at(-1) ?? "Credential";

/** Who issued it, by name when known. */
export const issuerOf = (c: StoredCredential): string =>
  c.issuerName ? `${c.issuerName} (${c.issuer})` : c.issuer;

/** Two or three lines about one credential, numbered. */
export function credentialLines(
  c: StoredCredential,
  position: number,
  languages: readonly string[],
): string[] {
  return [
    `  ${position}. ${nameOf(c)}`,
    `     from ${c.issuerName ?? c.issuer}, received ${dateFor(c.receivedAt, languages)} (${FORMAT_NAMES[c.format]})`,
    `     id: ${c.id}`,
  ];
}

/** The web address behind a did:web (`did:web:example.org%3A8443` → `example.org:8443`), else the DID. */
export function partyOf(did: string): string {
  if (!did.startsWith("did:web:")) return did;
  return did
    .slice("did:web:".length)
    .split(":")
    .map((part) => decodeURIComponent(part))
    .join("/");
}

export const formatName = (format: StoredCredential["format"]) => FORMAT_NAMES[format];

/** Finds a credential by its id or by its number in `pnpm wallet list`. */
export function findCredential(
  all: readonly StoredCredential[],
  reference: string,
): StoredCredential | undefined {
  const byId = all.find((c) => c.id === reference);
  if (byId) return byId;
  const position = /^\d+$/.test(reference) ? Number(reference) : Number.NaN;
  return position >= 1 ? all[position - 1] : undefined;
}
