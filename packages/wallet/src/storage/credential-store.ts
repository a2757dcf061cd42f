/**
 * The learner's credentials: the wallet's own storage port (Veramo 7's data store speaks VC 1.1 only), with
 * an in-memory twin beside it. Each credential is kept exactly as the issuer sent it: a Data Integrity
 * document, or the compact `vc+jwt`, so what is presented later is byte for byte what was issued.
 */

/** The two credential formats the wallet receives and presents (OID4VCI / OID4VP identifiers). */
export type HeldCredentialFormat = "ldp_vc" | "jwt_vc_json";

/** One credential in the wallet. */
export interface StoredCredential {
  /** The credential's own `id`, or a `urn:uuid:` the wallet gave it when it had none. */
  readonly id: string;
  readonly format: HeldCredentialFormat;
  /** As received: the secured JSON document (`ldp_vc`) or the compact JWS (`jwt_vc_json`). */
  readonly credential: Readonly<Record<string, unknown>> | string;
  /** The issuer's id (a DID or URL). */
  readonly issuer: string;
  /** The issuer's name as the credential or the issuer's metadata gives it. */
  readonly issuerName?: string;
  readonly types: readonly string[];
  /** The achievement's name, in the learner's language when the credential carries it. */
  readonly achievementName?: string;
  /** The learner's DID the credential is bound to (its subject). */
  readonly holder?: string;
  /** When it arrived in the wallet (ISO 8601). */
  readonly receivedAt: string;
}

/** Where the wallet keeps credentials. */
export interface CredentialStore {
  /** Adds a credential; false (and nothing changes) when one with this id is already there. */
  add(credential: StoredCredential): Promise<boolean>;
  /** The credential with this id, if any. */
  get(id: string): Promise<StoredCredential | undefined>;
  /** Every credential, the most recently received first. */
  list(): Promise<StoredCredential[]>;
  /** Removes a credential; false when there was none. */
  remove(id: string): Promise<boolean>;
}

/** Checks a credential before it is stored; a TypeError for misuse. */
export function assertStorable(credential: StoredCredential): void {
  if (!credential || typeof credential.id !== "string" || credential.id.length === 0) {
    throw new TypeError("a stored credential needs an id");
  }
  if (credential.format !== "ldp_vc" && credential.format !== "jwt_vc_json") {
    throw new TypeError(`unknown credential format ${String(credential.format)}`);
  }
  const expected = credential.format === "ldp_vc" ? "object" : "string";
  if (typeof credential.credential !== expected) {
    throw new TypeError(
      `a ${credential.format} credential is kept as a${expected === "object" ? "n object" : " string"}`,
    );
  }
  if (typeof credential.issuer !== "string" || Number.isNaN(Date.parse(credential.receivedAt))) {
    throw new TypeError("a stored credential needs an issuer and a receivedAt date");
  }
}

/** Newest first; ties (same instant) by id so the order is stable. */
export const byReceivedDesc = (a: StoredCredential, b: StoredCredential) =>
  b.receivedAt.localeCompare(a.receivedAt) || a.id.localeCompare(b.id);

/** The in-memory twin, for tests and for a wallet that must not touch a disk. */
export class MemoryCredentialStore implements CredentialStore {
  readonly #credentials = new Map<string, StoredCredential>();

  async add(credential: StoredCredential): Promise<boolean> {
    assertStorable(credential);
    if (this.#credentials.has(credential.id)) return false;
    this.#credentials.set(credential.id, structuredClone(credential));
    return true;
  }

  async get(id: string): Promise<StoredCredential | undefined> {
    const found = this.#credentials.get(id);
    return found && structuredClone(found);
  }

  async list(): Promise<StoredCredential[]> {
    return [...this.#credentials.values()].map((c) => structuredClone(c)).sort(byReceivedDesc);
  }

  async remove(id: string): Promise<boolean> {
    return this.#credentials.delete(id);
  }
}
