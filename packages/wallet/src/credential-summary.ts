/**
 * What a wallet shows of a credential, read from the document itself: its id, issuer and issuer name, types,
 * the achievement's name in the reader's language (Open Badges 3.0 carries translations as `nameMap`), and
 * whom it is about.
 */
import { textFor } from "@learnbridge/credentials";

/** The listing facts of a credential. */
export interface CredentialSummary {
  readonly id?: string;
  readonly issuer?: string;
  readonly issuerName?: string;
  readonly types: readonly string[];
  readonly achievementName?: string;
  /** The `id`s of its subjects (DIDs, for credentials bound to a holder). */
  readonly subjects: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Summarises a credential document (a Data Integrity document, or a decoded `vc+jwt` payload). */
export function summariseCredential(
  document: Record<string, unknown>,
  languages: readonly string[],
): CredentialSummary {
  const issuer = document.issuer;
  const issuerId =
    typeof issuer === "string"
      ? issuer
      : isObject(issuer) && typeof issuer.id === "string"
        ? issuer.id
        : undefined;
  const issuerName = isObject(issuer) ? textFor(issuer.name, issuer.nameMap, languages) : undefined;
  const subjects = list(document.credentialSubject).filter(isObject);
  const achievement = subjects.map((s) => s.achievement).find(isObject);
  const achievementName =
    (achievement && textFor(achievement.name, achievement.nameMap, languages)) ??
    textFor(document.name, document.nameMap, languages);
  return {
    ...(typeof document.id === "string" ? { id: document.id } : {}),
    ...(issuerId ? { issuer: issuerId } : {}),
    ...(issuerName ? { issuerName } : {}),
    types: list(document.type).filter((t): t is string => typeof t === "string"),
    ...(achievementName ? { achievementName } : {}),
    subjects: subjects.map((s) => s.id).filter((id): id is string => typeof id === "string"),
  };
}
