/**
 * A centre's signing identity: its DID, its keys (generated on first use, sealed at rest), key rotation that
 * keeps every earlier key resolvable so old credentials still verify, and the DID document it publishes.
 */
import {
  type Clock,
  createSigner,
  exportPrivateJwk,
  generateKeyPair,
  importPrivateJwk,
  LearnbridgeError,
  publicKeyFromMultibase,
  publicKeyToMultibase,
  type SignatureAlgorithm,
  type Signer,
  systemClock,
  toXsdDateTime,
} from "@learnbridge/core";
import { buildDidDocument, type DidDocument } from "@learnbridge/credentials";
import type { KeyRepository, StoredKey } from "./key-repository.ts";
import type { KeyVault } from "./key-vault.ts";

export interface CentreKeysOptions {
  /** The centre's DID (did:web of its public URL). */
  readonly did: string;
  readonly repository: KeyRepository;
  readonly vault: KeyVault;
  readonly clock?: Clock;
}

export class CentreKeys {
  readonly did: string;
  readonly #repository: KeyRepository;
  readonly #vault: KeyVault;
  readonly #clock: Clock;
  #signer: { keyId: string; signer: Promise<Signer> } | undefined;

  constructor(options: CentreKeysOptions) {
    if (!options?.did?.startsWith("did:")) throw new TypeError("CentreKeys: did must be a DID");
    this.did = options.did;
    this.#repository = options.repository;
    this.#vault = options.vault;
    this.#clock = options.clock ?? systemClock;
  }

  /** The active key, created on first use. Safe when two processes start at once: the insert decides. */
  async activeKey(algorithm: SignatureAlgorithm = "EdDSA"): Promise<StoredKey> {
    const active = (await this.#repository.list()).filter((k) => k.status === "active").at(-1);
    if (active) return active;
    await this.#createKey(algorithm);
    const created = (await this.#repository.list()).filter((k) => k.status === "active").at(-1);
    if (!created) throw new LearnbridgeError("INTERNAL", "no active key after creating one");
    return created;
  }

  /** Makes a new active key and retires the previous one (it keeps verifying what it signed). */
  async rotate(algorithm: SignatureAlgorithm = "EdDSA"): Promise<StoredKey> {
    const previous = (await this.#repository.list()).filter((k) => k.status === "active");
    const key = await this.#createKey(algorithm);
    for (const old of previous) await this.#repository.setStatus(old.id, "retired");
    this.#signer = undefined;
    return key;
  }

  /** A signer for the active key, naming `did#fragment` as the verification method. */
  async signer(): Promise<Signer> {
    const key = await this.activeKey();
    const keyId = `${this.did}#${key.id}`;
    if (this.#signer?.keyId !== keyId) {
      const signer = this.#vault
        .open(key.id, key.sealedPrivateKey)
        .then(async (jwk) => createSigner(await importPrivateJwk(jwk), keyId));
      this.#signer = { keyId, signer };
    }
    return this.#signer.signer;
  }

  /**
   * A signer for one key that is not revoked, by its id. The federation keeps signing with a retired key
   * until its superiors know the new one (OpenID Federation 1.0 §11.2). TypeError for a revoked or unknown key.
   */
  async signerFor(keyId: string): Promise<Signer> {
    const key = (await this.#repository.list()).find((k) => k.id === keyId);
    if (!key || key.status === "revoked") throw new TypeError(`CentreKeys: no usable key ${keyId}`);
    const jwk = await this.#vault.open(key.id, key.sealedPrivateKey);
    return createSigner(await importPrivateJwk(jwk), `${this.did}#${key.id}`);
  }

  /** The DID document: every key not revoked, active and retired keys under assertionMethod. */
  async didDocument(): Promise<DidDocument> {
    const keys = await this.#repository.list();
    return buildDidDocument({
      id: this.did,
      keys: keys.map((k) => ({
        fragment: k.id,
        publicKey: publicKeyFromMultibase(k.publicKeyMultibase),
        status: k.status,
      })),
    });
  }

  async #createKey(algorithm: SignatureAlgorithm): Promise<StoredKey> {
    const pair = await generateKeyPair(algorithm, true);
    const now = this.#clock();
    const id = `key-${toXsdDateTime(now)
      .replace(/[^0-9]/g, "")
      .slice(0, 14)}-${crypto.randomUUID().slice(0, 8)}`;
    const key: StoredKey = {
      id,
      algorithm,
      publicKeyMultibase: publicKeyToMultibase(pair.publicKey),
      sealedPrivateKey: await this.#vault.seal(id, await exportPrivateJwk(pair)),
      status: "active",
      createdAt: toXsdDateTime(now),
    };
    await this.#repository.insert(key);
    return key;
  }
}
