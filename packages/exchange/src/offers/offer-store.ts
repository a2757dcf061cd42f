/**
 * The port for credential offers. Every change of state is one conditional write, so that two wallets, two
 * protocols or two PIN guesses racing on one offer can never both win: a pre-authorized code is exchanged
 * once (and only while it is unexpired and its offer open), an offer is redeemed once, and a PIN try is
 * counted before the PIN is compared. An offer keeps its few newest pre-authorized codes, only as hashes.
 */
import type { AuditEntry, AuditLog } from "@learnbridge/issuer";
import type { CredentialOffer, OfferState } from "./offer.ts";

export interface OfferQuery {
  readonly state?: OfferState;
  /** Offers created strictly before this offer (newest first paging). */
  readonly before?: string;
  readonly limit?: number;
}

/** A freshly minted pre-authorized code, as the store keeps it. */
export interface PreAuthorizedCode {
  /** SHA-256 (base64url) of the code. */
  readonly hash: string;
  readonly expiresAt: string;
  /** When it was minted: an offer expired by then gets no code. */
  readonly at: string;
}

/** A pre-authorized code as the store keeps it, and whether it was exchanged. */
export interface StoredPreAuthorizedCode {
  /** SHA-256 (base64url) of the code. */
  readonly hash: string;
  readonly expiresAt: string;
  /** When it was exchanged for an access token: it works once. */
  readonly usedAt?: string;
}

/** What the token endpoint stores when it exchanges the pre-authorized code. */
export interface OfferGrant {
  /** The hash of the code being exchanged: it must be one of the offer's, unused and unexpired at `at`. */
  readonly preAuthorizedCodeHash: string;
  readonly accessTokenHash: string;
  readonly accessTokenExpiresAt: string;
  readonly at: string;
  /** Give back the PIN try taken for this request: the PIN was right, so it was no failure. */
  readonly refundTxCodeTry?: boolean;
}

/** What redeeming stores: the credential issued for the offer and to whom. */
export interface OfferRedemption {
  readonly credentialId: string;
  readonly holder: string;
  /** `oid4vci` or `vcapi`. */
  readonly via: string;
  readonly at: string;
}

export interface OfferStore {
  /** Stores a new offer and, in the same atomic write, `audit`; false (storing neither) when the id is taken. */
  create(offer: CredentialOffer, audit?: AuditEntry): Promise<boolean>;
  get(id: string): Promise<CredentialOffer | undefined>;
  /** Newest first; at most `limit` (default 50, at most 500). */
  list(query?: OfferQuery): Promise<readonly CredentialOffer[]>;
  /**
   * Adds a new pre-authorized code to an offered offer not expired at `code.at`; the codes bound before keep
   * working, but the offer keeps only its `keep` newest (the oldest go first) and forgets those expired at
   * `code.at`. False (binding nothing) when the offer is unknown, closed or expired, or the hash is taken.
   */
  bindPreAuthorizedCode(id: string, code: PreAuthorizedCode, keep: number): Promise<boolean>;
  /** The code with this hash (used or not, expired or not, while kept) and its offer. */
  findByPreAuthorizedCode(
    codeHash: string,
  ): Promise<{ readonly offer: CredentialOffer; readonly code: StoredPreAuthorizedCode } | undefined>;
  /**
   * Counts one PIN try against an offered offer before the PIN is compared: the failures after this try, or
   * undefined when `limit` failures were counted already or the offer is not offered any more.
   */
  takeTxCodeTry(id: string, limit: number): Promise<number | undefined>;
  /**
   * Gives back one PIN try of an offered offer, when a try was taken for the right PIN outside the token
   * grant (a VC-API exchange unlocked on the claim page); nothing when no try is counted.
   */
  refundTxCodeTry(id: string): Promise<void>;
  /**
   * Exchanges the pre-authorized code `grant.preAuthorizedCodeHash`: marks the code used and records the
   * access token's hash (the token granted before, from whichever code, stops working), when the code is one
   * of the offer's, unused and unexpired, and the offer is offered and unexpired, at `grant.at`. The offer's
   * other codes keep working. True when this call did it.
   */
  grant(id: string, grant: OfferGrant): Promise<boolean>;
  /** The offer an access token (by its hash) was granted for. */
  findByAccessToken(accessTokenHash: string): Promise<CredentialOffer | undefined>;
  /** Marks an offered offer redeemed, with `audit` in the same write; false when it is not offered any more. */
  redeem(id: string, redemption: OfferRedemption, audit?: AuditEntry): Promise<boolean>;
  /** Withdraws an offered offer, with `audit` in the same write; false when it is not offered any more. */
  revoke(id: string, at: string, audit?: AuditEntry): Promise<boolean>;
}

/** `keep` of `bindPreAuthorizedCode`: a programmer's mistake, not a request's. */
function checkKeep(keep: number): void {
  if (!Number.isSafeInteger(keep) || keep < 1) {
    throw new TypeError("bindPreAuthorizedCode: keep must be a positive integer");
  }
}

/** Options of the in-memory twin. */
export interface MemoryOfferStoreOptions {
  /** Where audit entries go: the centre's (in-memory) audit log. */
  readonly audit?: AuditLog;
}

interface MemoryCode extends StoredPreAuthorizedCode {
  readonly offerId: string;
}

/** The in-memory twin: every check-and-set happens before the first await, so it is atomic in one process. */
export class MemoryOfferStore implements OfferStore {
  readonly #offers = new Map<string, CredentialOffer>();
  /** By hash, in the order they were bound: the oldest of an offer come first. */
  readonly #codes = new Map<string, MemoryCode>();
  readonly #audit: AuditLog | undefined;

  constructor(options: MemoryOfferStoreOptions = {}) {
    this.#audit = options.audit;
  }

  async create(offer: CredentialOffer, audit?: AuditEntry) {
    this.#checkAudit(audit);
    if (this.#offers.has(offer.id)) return false;
    this.#offers.set(offer.id, structuredClone(offer));
    await this.#append(audit, () => this.#offers.delete(offer.id));
    return true;
  }

  async get(id: string) {
    const offer = this.#offers.get(id);
    return offer && structuredClone(offer);
  }

  async list(query: OfferQuery = {}) {
    let rows = [...this.#offers.values()].reverse();
    if (query.before !== undefined) {
      const at = rows.findIndex((o) => o.id === query.before);
      rows = at === -1 ? [] : rows.slice(at + 1);
    }
    return rows
      .filter((o) => query.state === undefined || o.state === query.state)
      .slice(0, Math.min(Math.max(query.limit ?? 50, 1), 500))
      .map((o) => structuredClone(o));
  }

  async bindPreAuthorizedCode(id: string, code: PreAuthorizedCode, keep: number) {
    checkKeep(keep);
    const offer = this.#offers.get(id);
    if (offer?.state !== "offered" || offer.expiresAt <= code.at || this.#codes.has(code.hash)) return false;
    for (const [hash, kept] of this.#codes) {
      if (kept.offerId === id && kept.expiresAt <= code.at) this.#codes.delete(hash);
    }
    this.#codes.set(code.hash, { offerId: id, hash: code.hash, expiresAt: code.expiresAt });
    const mine = [...this.#codes.values()].filter((kept) => kept.offerId === id);
    for (const old of mine.slice(0, Math.max(0, mine.length - keep))) this.#codes.delete(old.hash);
    return true;
  }

  async findByPreAuthorizedCode(codeHash: string) {
    const found = this.#codes.get(codeHash);
    const offer = found && this.#offers.get(found.offerId);
    if (!found || !offer) return undefined;
    const { offerId: _offer, ...code } = found;
    return { offer: structuredClone(offer), code };
  }

  async takeTxCodeTry(id: string, limit: number) {
    const offer = this.#offers.get(id);
    if (offer?.state !== "offered") return undefined;
    if (offer.txCodeFailures >= limit) return undefined;
    const failures = offer.txCodeFailures + 1;
    this.#offers.set(id, { ...offer, txCodeFailures: failures });
    return failures;
  }

  async refundTxCodeTry(id: string) {
    const offer = this.#offers.get(id);
    if (offer?.state !== "offered" || offer.txCodeFailures === 0) return;
    this.#offers.set(id, { ...offer, txCodeFailures: offer.txCodeFailures - 1 });
  }

  async grant(id: string, grant: OfferGrant) {
    const offer = this.#offers.get(id);
    if (offer?.state !== "offered" || offer.expiresAt <= grant.at) return false;
    const code = this.#codes.get(grant.preAuthorizedCodeHash);
    if (code?.offerId !== id || code.usedAt !== undefined || code.expiresAt <= grant.at) return false;
    this.#codes.set(code.hash, { ...code, usedAt: grant.at });
    this.#offers.set(id, {
      ...offer,
      grantedAt: grant.at,
      accessTokenHash: grant.accessTokenHash,
      accessTokenExpiresAt: grant.accessTokenExpiresAt,
      txCodeFailures: Math.max(0, offer.txCodeFailures - (grant.refundTxCodeTry ? 1 : 0)),
    });
    return true;
  }

  async findByAccessToken(accessTokenHash: string) {
    for (const offer of this.#offers.values()) {
      if (offer.accessTokenHash === accessTokenHash) return structuredClone(offer);
    }
    return undefined;
  }

  async redeem(id: string, redemption: OfferRedemption, audit?: AuditEntry) {
    this.#checkAudit(audit);
    const offer = this.#offers.get(id);
    if (offer?.state !== "offered") return false;
    this.#offers.set(id, {
      ...offer,
      state: "redeemed",
      credentialId: redemption.credentialId,
      holder: redemption.holder,
      redeemedVia: redemption.via,
      redeemedAt: redemption.at,
    });
    await this.#append(audit, () => this.#offers.set(id, offer));
    return true;
  }

  async revoke(id: string, at: string, audit?: AuditEntry) {
    this.#checkAudit(audit);
    const offer = this.#offers.get(id);
    if (offer?.state !== "offered") return false;
    this.#offers.set(id, { ...offer, state: "revoked", revokedAt: at });
    await this.#append(audit, () => this.#offers.set(id, offer));
    return true;
  }

  #checkAudit(audit: AuditEntry | undefined): void {
    if (audit && !this.#audit) throw new TypeError("MemoryOfferStore: pass { audit } to store audit entries");
  }

  /** Appends the entry; when that fails, undoes the change, so the two stay one write. */
  async #append(audit: AuditEntry | undefined, undo: () => void): Promise<void> {
    if (!audit) return;
    try {
      await this.#audit?.append(audit);
    } catch (error) {
      undo();
      throw error;
    }
  }
}
