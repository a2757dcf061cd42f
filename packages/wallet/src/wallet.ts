/**
 * A learner's wallet: one database (the wallet file), unlocked by the learner's passphrase, with the Veramo
 * holder agent, the credential store, and the HTTP and verification policy every protocol step uses. Every
 * personal row is encrypted at rest under the wallet's data key (storage/wallet-vault.ts); an older wallet's
 * plaintext rows are sealed on its first unlock. `initWallet` makes a new one (and the learner's first DID);
 * `openWallet` opens an existing one.
 */
import { type Clock, systemClock } from "@learnbridge/core";
import type { VerifierOptions } from "@learnbridge/credentials";
import type { IIdentifier } from "@veramo/core";
import {
  createHolderAgent,
  createHolderDid,
  type HolderAgent,
  type HolderDidMethod,
} from "./agent/holder-agent.ts";
import { createWalletHttp, type WalletHttp, type WalletHttpOptions } from "./http/wallet-http.ts";
import type { CredentialStore } from "./storage/credential-store.ts";
import type { WalletVault } from "./storage/data-key.ts";
import { migrateWallet } from "./storage/schema.ts";
import type { SealingKey } from "./storage/sealing-key.ts";
import { SqlCredentialStore } from "./storage/sql-credential-store.ts";
import type { WalletDatabase } from "./storage/wallet-database.ts";
import { createWalletLock, unlockWallet } from "./storage/wallet-lock.ts";
import { openWalletVault } from "./storage/wallet-vault.ts";

export interface WalletOptions extends WalletHttpOptions {
  readonly database: WalletDatabase;
  readonly passphrase: string;
  readonly clock?: Clock;
  /** PBKDF2 iterations for a new wallet (default 600,000); tests lower it. */
  readonly kdfIterations?: number;
}

/** An unlocked wallet. */
export interface Wallet {
  readonly database: WalletDatabase;
  readonly sealingKey: SealingKey;
  /** Seals and opens the wallet's rows under its data key. */
  readonly vault: WalletVault;
  readonly agent: HolderAgent;
  readonly credentials: CredentialStore;
  readonly http: WalletHttp;
  readonly clock: Clock;
  /** What the engine's verifier needs to check credentials and resolve issuers and verifiers. */
  readonly verifier: VerifierOptions;
  /** The learner's identifiers, in the order they were made. */
  dids(): Promise<IIdentifier[]>;
  /** Makes another identifier. */
  createDid(method?: HolderDidMethod): Promise<IIdentifier>;
}

function assemble(options: WalletOptions, sealingKey: SealingKey, vault: WalletVault): Wallet {
  const { database } = options;
  const clock = options.clock ?? systemClock;
  const agent = createHolderAgent(database, vault);
  const http = createWalletHttp(options);
  return {
    database,
    sealingKey,
    vault,
    agent,
    credentials: new SqlCredentialStore(database, vault),
    http,
    clock,
    verifier: { network: http.network, clock },
    dids: () => agent.didManagerFind(),
    createDid: (method = "key") => createHolderDid(agent, method),
  };
}

/**
 * Makes a new wallet in an empty database, with a first identifier (did:key unless told otherwise, none with
 * `false`, as when a backup is restored); CONFLICT when one is there already.
 */
export async function initWallet(
  options: WalletOptions,
  firstDid: HolderDidMethod | false = "key",
): Promise<Wallet> {
  const clock = options.clock ? { clock: options.clock } : {};
  await migrateWallet(options.database, clock);
  const sealingKey = await createWalletLock(options.database, options.passphrase, options.kdfIterations);
  const wallet = assemble(options, sealingKey, await openWalletVault(options.database, sealingKey, clock));
  if (firstDid) await wallet.createDid(firstDid);
  return wallet;
}

/**
 * Opens a wallet: NOT_FOUND when there is none, UNAUTHORIZED for a passphrase that is not its own (and then
 * nothing was read or written). A wallet made before rows were sealed is sealed now, in one transaction.
 */
export async function openWallet(options: WalletOptions): Promise<Wallet> {
  const clock = options.clock ? { clock: options.clock } : {};
  // The passphrase first: a wrong one leaves the file exactly as it was, schema included.
  const sealingKey = await unlockWallet(options.database, options.passphrase);
  await migrateWallet(options.database, clock);
  return assemble(options, sealingKey, await openWalletVault(options.database, sealingKey, clock));
}
