/**
 * The key resolver verifiers use: dereferences a verification method id (a DID URL, or an HTTPS URL as in
 * Open Badges issuer profiles) to its public key, after checking that the controller document lists it
 * under the proof purpose and that it names that document as its controller.
 */
import { fromBase58btc, type PublicKey, publicKeyFromJwk, publicKeyFromMultibase } from "@learnbridge/core";
import type { KeyResolver, ProofPurpose, ResolvedVerificationMethod } from "../verify/key-resolver.ts";
import { err, type Outcome, ok } from "../verify/report.ts";
import { isDid, splitFragment } from "./did-syntax.ts";
import { createDocumentCache } from "./document-cache.ts";
import { fetchJsonDocument, networkPolicy } from "./fetch-document.ts";
import {
  checkKnownDocuments,
  createDidResolver,
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_MAX_CACHE_ENTRIES,
  type DidResolver,
  type DidResolverOptions,
  resolutionOutcome,
} from "./resolver.ts";

export interface KeyResolverOptions extends DidResolverOptions {
  /** Resolves DIDs; by default one is created from these same options. */
  readonly didResolver?: DidResolver;
  /**
   * Fetch controller documents named by non-DID URLs when they are not in `documents`, under the same
   * network rules as did:web. Off by default: an issuer URL in a credential should not make a verifier
   * fetch arbitrary URLs unless the deployment chose to.
   */
  readonly fetchControllerDocuments?: boolean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];
/** Makes `#frag` ids absolute against the document id. */
const absolute = (id: unknown, documentId: string) =>
  typeof id === "string" && id.startsWith("#") ? `${documentId}${id}` : id;

/** The verification method with `id`, from `verificationMethod` or embedded under any relationship. */
function findMethod(document: Json, documentId: string, id: string): Json | undefined {
  const places = [
    "verificationMethod",
    "authentication",
    "assertionMethod",
    "capabilityInvocation",
    "capabilityDelegation",
    "keyAgreement",
  ];
  for (const entry of places.flatMap((p) => asArray(document[p]))) {
    if (isObject(entry) && absolute(entry.id, documentId) === id) return entry;
  }
  return undefined;
}

/** True when the document lists `id` (by reference or embedded) under `purpose`. */
function isListed(document: Json, documentId: string, id: string, purpose: ProofPurpose): boolean {
  return asArray(document[purpose]).some((e) => absolute(isObject(e) ? e.id : e, documentId) === id);
}

/** Reads the public key of a verification method, by type. */
function readKey(method: Json): Outcome<PublicKey> {
  const type = method.type;
  try {
    if (
      (type === "Multikey" || type === "Ed25519VerificationKey2020") &&
      typeof method.publicKeyMultibase === "string"
    ) {
      const key = publicKeyFromMultibase(method.publicKeyMultibase);
      if (type === "Multikey" || key.algorithm === "EdDSA") return ok(key);
    } else if (type === "Ed25519VerificationKey2018" && typeof method.publicKeyBase58 === "string") {
      const bytes = fromBase58btc(method.publicKeyBase58);
      if (bytes.length === 32) return ok({ algorithm: "EdDSA", bytes });
    } else if ((type === "JsonWebKey" || type === "JsonWebKey2020") && isObject(method.publicKeyJwk)) {
      return ok(publicKeyFromJwk(method.publicKeyJwk));
    }
  } catch (cause) {
    return err(
      "KEY_UNSUPPORTED",
      `unreadable ${String(type)} key: ${cause instanceof Error ? cause.message : cause}`,
    );
  }
  return err("KEY_UNSUPPORTED", `unsupported or malformed verification method of type ${String(type)}`, {
    type: typeof type === "string" ? type : null,
  });
}

/**
 * Creates the `KeyResolver` verifiers take.
 * @example const resolveKey = createKeyResolver({ documents: new Map([[issuerProfile.id, issuerProfile]]) });
 */
export function createKeyResolver(options: KeyResolverOptions = {}): KeyResolver {
  checkKnownDocuments(options.documents);
  const didResolver = options.didResolver ?? createDidResolver(options);
  const policy = networkPolicy(options);
  const cache = createDocumentCache<Json>({
    clock: options.clock,
    ttlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
    maxEntries: options.maxCacheEntries ?? DEFAULT_MAX_CACHE_ENTRIES,
  });

  async function fetchController(url: URL): Promise<Outcome<Json>> {
    const fetched = await fetchJsonDocument(url, policy);
    if (fetched.ok && fetched.value.id !== url.href) {
      return err("DID_RESOLUTION_FAILED", "the controller document's id is not its URL", { url: url.href });
    }
    return fetched;
  }

  /** The controller document with this id: known, resolved as a DID, or (when enabled) fetched. */
  async function loadController(id: string): Promise<Outcome<Json>> {
    const known = options.documents?.get(id);
    if (known) return ok(known as Json);
    if (isDid(id)) return resolutionOutcome(await didResolver.resolve(id)) as Outcome<Json>;
    if (id.startsWith("did:")) return err("DID_INVALID", "not a DID", { did: id });
    const url = URL.canParse(id) ? new URL(id) : undefined;
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.href !== id) {
      return err("KEY_NOT_FOUND", `cannot dereference controller ${id}`, { controller: id });
    }
    if (!options.fetchControllerDocuments) {
      return err("KEY_NOT_FOUND", `controller document ${id} is not known and fetching is disabled`, {
        controller: id,
      });
    }
    return cache.load(id, () => fetchController(url));
  }

  return async function resolveKey(
    verificationMethodId,
    { purpose },
  ): Promise<Outcome<ResolvedVerificationMethod>> {
    const { base, fragment } = splitFragment(String(verificationMethodId));
    const data = { verificationMethod: verificationMethodId, purpose };
    if (!base) return err("KEY_NOT_FOUND", "a verification method id must be absolute", data);
    const loaded = await loadController(base);
    if (!loaded.ok) return { ...loaded, data: { ...data, ...loaded.data } };
    let controllerDocument = loaded.value;
    let method = findMethod(controllerDocument, base, verificationMethodId);
    // A fragment-less id may name a key document of its own (Ed25519Signature2020 era): follow its controller.
    if (
      !method &&
      fragment === undefined &&
      typeof loaded.value.controller === "string" &&
      "type" in loaded.value
    ) {
      method = loaded.value;
      const controller = await loadController(loaded.value.controller);
      if (!controller.ok) return { ...controller, data: { ...data, ...controller.data } };
      controllerDocument = controller.value;
    }
    if (!method) return err("KEY_NOT_FOUND", `no verification method ${verificationMethodId}`, data);
    const controllerId = String(controllerDocument.id);
    if (!isListed(controllerDocument, controllerId, verificationMethodId, purpose)) {
      return err("KEY_NOT_AUTHORIZED", `${verificationMethodId} is not listed under ${purpose}`, data);
    }
    if (method.controller !== controllerId) {
      return err("KEY_CONTROLLER_MISMATCH", `the key's controller is not ${controllerId}`, {
        ...data,
        controller: typeof method.controller === "string" ? method.controller : null,
      });
    }
    const key = readKey(method);
    if (!key.ok) return { ...key, data: { ...data, ...key.data } };
    return ok({
      id: verificationMethodId,
      controller: controllerId,
      type: String(method.type),
      publicKey: key.value,
    });
  };
}
