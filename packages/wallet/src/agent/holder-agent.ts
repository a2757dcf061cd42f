/**
 * The learner's holder agent on Veramo 7: a KeyManager whose local KMS keeps private keys sealed in the
 * wallet file (as the key and DID stores keep theirs), a DIDManager that makes did:key and did:jwk identifiers (Ed25519), and a DID resolver for
 * them. Veramo holds and uses the keys; everything about credentials goes through the Learnbridge engine
 * instead (see veramo-signer.ts for why).
 */
import {
  createAgent,
  type IDIDManager,
  type IIdentifier,
  type IKeyManager,
  type IResolver,
  type TAgent,
} from "@veramo/core";
import { DIDManager } from "@veramo/did-manager";
import { getDidJwkResolver, JwkDIDProvider } from "@veramo/did-provider-jwk";
import { getDidKeyResolver, KeyDIDProvider } from "@veramo/did-provider-key";
import { DIDResolverPlugin } from "@veramo/did-resolver";
import { KeyManager } from "@veramo/key-manager";
import { KeyManagementSystem } from "@veramo/kms-local";
import { Resolver } from "did-resolver";
import type { WalletVault } from "../storage/data-key.ts";
import { SqlDidStore } from "../storage/did-store.ts";
import { SqlKeyStore } from "../storage/key-store.ts";
import { SqlPrivateKeyStore } from "../storage/private-key-store.ts";
import type { WalletDatabase } from "../storage/wallet-database.ts";

/** The Veramo agent of a wallet: keys, DIDs, resolution. */
export type HolderAgent = TAgent<IKeyManager & IDIDManager & IResolver>;

/** The DID methods a learner's identifier may use. */
export const HOLDER_DID_METHODS = ["key", "jwk"] as const;
export type HolderDidMethod = (typeof HOLDER_DID_METHODS)[number];

const KMS = "local";

/** Builds the agent on the wallet's database; `vault` (the unlocked wallet's) seals what its stores keep. */
export function createHolderAgent(database: WalletDatabase, vault: WalletVault): HolderAgent {
  return createAgent<IKeyManager & IDIDManager & IResolver>({
    plugins: [
      new KeyManager({
        store: new SqlKeyStore(database, vault),
        kms: { [KMS]: new KeyManagementSystem(new SqlPrivateKeyStore(database, vault)) },
      }),
      new DIDManager({
        store: new SqlDidStore(database, vault),
        defaultProvider: "did:key",
        providers: {
          "did:key": new KeyDIDProvider({ defaultKms: KMS }),
          "did:jwk": new JwkDIDProvider({ defaultKms: KMS }),
        },
      }),
      new DIDResolverPlugin({ resolver: new Resolver({ ...getDidKeyResolver(), ...getDidJwkResolver() }) }),
    ],
  });
}

/** Makes a new identifier with a fresh Ed25519 key. */
export async function createHolderDid(
  agent: HolderAgent,
  method: HolderDidMethod = "key",
): Promise<IIdentifier> {
  if (!HOLDER_DID_METHODS.includes(method)) throw new TypeError(`unsupported DID method ${String(method)}`);
  return agent.didManagerCreate({
    provider: `did:${method}`,
    kms: KMS,
    options: { key: { type: "Ed25519" } },
  });
}

/** The method of a DID (`key` for `did:key:…`). */
export const didMethodOf = (did: string): string => did.split(":")[1] ?? "";
