/** DID resolution for the credential engine: did:key, did:jwk, did:web, the key resolver and node DID documents. */
export {
  buildDidDocument,
  DID_CONTEXT,
  type DidDocument,
  type DidDocumentInput,
  type DidDocumentKey,
  type KeyStatus,
  MULTIKEY_CONTEXT,
  type ServiceEndpoint,
  type VerificationMethod,
  type VerificationMethodEntry,
} from "./did-document.ts";
export { didJwkFromPublicKey, JWK_CONTEXT, resolveDidJwk } from "./did-jwk.ts";
export { didKeyFromPublicKey, publicKeyFromDidKey, resolveDidKey } from "./did-key.ts";
export { isDid, type ParsedDid, parseDid, splitFragment } from "./did-syntax.ts";
export { didWebFromUrl, didWebToUrl, resolveDidWeb } from "./did-web.ts";
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  fetchJsonDocument,
  type NetworkOptions,
  type NetworkPolicy,
  networkPolicy,
} from "./fetch-document.ts";
export { createKeyResolver, type KeyResolverOptions } from "./key-resolver.ts";
export { isBlockedHost } from "./network-guard.ts";
export {
  createDidResolver,
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_DID_METHODS,
  type DidMethodDriver,
  type DidResolutionResult,
  type DidResolver,
  type DidResolverOptions,
  resolutionOutcome,
} from "./resolver.ts";
