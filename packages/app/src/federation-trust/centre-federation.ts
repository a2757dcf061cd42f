/**
 * A centre's place in the federation: its CentreKeys seen as federation keys (JWKs whose `kid` is the DID
 * URL of the key, so a peer can check a statement against the DID document too), and the federation node
 * built from the centre's configuration and ports. The centre's public URL is its entity id.
 */
import { publicKeyFromMultibase, publicKeyToJwk, type Signer } from "@learnbridge/core";
import {
  isBlockedHost,
  type NetworkOptions,
  networkPolicy,
  type VerificationMethodEntry,
} from "@learnbridge/credentials";
import {
  createFederationNode,
  entityIdOf,
  type FederationClientOptions,
  type FederationConfig,
  type FederationJwk,
  type FederationKey,
  type FederationKeyStore,
  type FederationNode,
  type JwkSet,
  MemoryTrustChainCache,
  type TrustChainCache,
  type TrustRegistry,
} from "@learnbridge/federation";
import type { CentreKeys } from "@learnbridge/issuer";

const idOf = (entry: VerificationMethodEntry) => (typeof entry === "string" ? entry : entry.id);

/**
 * The centre's keys as the federation needs them. The DID document says which key is which: active keys
 * authenticate, retired keys only stay under assertionMethod, revoked keys under nothing. `jwks()` gives the
 * keys an Entity Configuration publishes (active and retired), which is what an anchor pins for itself.
 */
export function federationKeysOf(keys: CentreKeys): FederationKeyStore & { jwks(): Promise<JwkSet> } {
  const list = async (): Promise<FederationKey[]> => {
    await keys.activeKey();
    const document = await keys.didDocument();
    const authentication = new Set((document.authentication ?? []).map(idOf));
    const assertion = new Set((document.assertionMethod ?? []).map(idOf));
    return (document.verificationMethod ?? []).flatMap((method) => {
      if (typeof method.publicKeyMultibase !== "string") return [];
      const publicKey = publicKeyFromMultibase(method.publicKeyMultibase);
      const jwk: FederationJwk = {
        ...(publicKeyToJwk(publicKey) as FederationJwk),
        kid: method.id,
        alg: publicKey.algorithm,
        use: "sig",
      };
      const state = authentication.has(method.id)
        ? "active"
        : assertion.has(method.id)
          ? "retired"
          : "revoked";
      return [{ jwk, state }];
    });
  };
  // Opening a sealed key costs a decryption and an import: keep the signers of retired keys.
  const retiredSigners = new Map<string, Promise<Signer>>();
  return {
    list,
    signerFor: async (kid) => {
      const key = (await list()).find((k) => k.jwk.kid === kid);
      if (!key || key.state === "revoked") throw new TypeError(`federation keys: no usable key ${kid}`);
      if (key.state === "active") return keys.signer();
      let signer = retiredSigners.get(kid);
      if (!signer) {
        signer = keys.signerFor(kid.slice(kid.indexOf("#") + 1));
        retiredSigners.set(kid, signer);
      }
      return signer;
    },
    jwks: async () => ({ keys: (await list()).filter((k) => k.state !== "revoked").map((k) => k.jwk) }),
  };
}

/** What a centre says about its federation role; the entity id and the centre metadata come from the centre. */
export type CentreFederationConfig = Omit<FederationConfig, "entityId">;

/** Options of `centreFederation`. */
export interface CentreFederationOptions {
  readonly publicUrl: string;
  readonly keys: CentreKeys;
  readonly config: CentreFederationConfig;
  readonly registry: TrustRegistry;
  /** Default: in memory (a restart resolves again). */
  readonly cache?: TrustChainCache;
  readonly network?: FederationClientOptions;
  readonly allowHttp?: (host: string) => boolean;
  readonly clock?: () => Date;
}

/**
 * The centre's federation node. Its configuration names it as a credential issuer at its URL and declares
 * its DID, so a verifier can tie a credential's issuer to the entity.
 */
export function centreFederation(options: CentreFederationOptions): FederationNode {
  const entityId = entityIdOf(options.publicUrl);
  return createFederationNode({
    config: {
      ...options.config,
      entityId,
      metadata: {
        openid_credential_issuer: { credential_issuer: entityId },
        learnbridge_centre: { did: options.keys.did },
        ...options.config.metadata,
      },
    },
    keys: federationKeysOf(options.keys),
    registry: options.registry,
    cache: options.cache ?? new MemoryTrustChainCache(),
    ...(options.network ? { network: options.network } : {}),
    ...(options.allowHttp ? { allowHttp: options.allowHttp } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

/**
 * The federation client's network rules from the centre's: the same fetch, deadline, size cap, http and
 * private-network permissions as did:web resolution; requests to the centre itself are answered by its own
 * app (on Workers a fetch to one's own hostname is not possible).
 */
export function federationNetworkOf(
  publicUrl: string,
  network: NetworkOptions | undefined,
  ownApp: () => { request(url: string, init: RequestInit): Response | Promise<Response> },
): FederationClientOptions {
  const policy = networkPolicy(network);
  const own = `${entityIdOf(publicUrl)}/`;
  return {
    fetch: (url, init) =>
      url.startsWith(own) ? Promise.resolve(ownApp().request(url, init)) : policy.fetch(url, init),
    timeoutMs: policy.timeoutMs,
    maxBytes: policy.maxBytes,
    allowUrl: (url) =>
      url.href.startsWith(own) ||
      ((url.protocol === "https:" || (url.protocol === "http:" && policy.allowHttp(url.host))) &&
        (policy.allowPrivateNetwork || !isBlockedHost(url.hostname))),
  };
}
