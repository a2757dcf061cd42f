/**
 * Verifying a request signed with HTTP Message Signatures (RFC 9421) against a profile: which components
 * must be covered, which parameters must be present, how old a signature may be. The answer is a result
 * with a reason, never an exception: a bad signature is the sender's problem, not the receiver's crash.
 */
import { type Clock, type PublicKey, systemClock, utf8, verifySignature } from "@learnbridge/core";
import { checkContentDigest } from "./content-digest.ts";
import { HINT_COMPONENTS, HTTP_SIGNATURE_ALGORITHMS } from "./sign-request.ts";
import { type SignableRequest, signatureBase } from "./signature-base.ts";
import { isInnerList, parseDictionary, type SfInnerList } from "./structured-fields.ts";

/** The signature parameters a profile may require. */
export type SignatureParameter = "created" | "expires" | "keyid" | "alg" | "nonce";

export interface VerifyRequestOptions {
  /** The public key behind a `keyid`; undefined when unknown. A throw counts as unknown. */
  readonly resolveKey: (keyId: string) => Promise<PublicKey | undefined>;
  /** Components every accepted signature must cover; default `HINT_COMPONENTS`. */
  readonly requiredComponents?: readonly string[];
  /** Parameters every accepted signature must carry; default created, expires, keyid, alg. */
  readonly requiredParams?: readonly SignatureParameter[];
  /** How long after `created` a signature is accepted, whatever its `expires`; default 300 s. */
  readonly maxAgeSeconds?: number;
  /** Tolerated clock difference between the two nodes; default 60 s. */
  readonly clockSkewSeconds?: number;
  /**
   * The URL the sender addressed, when it differs from `request.url` (behind a proxy the receiver sees
   * another): the URL-derived components are computed from it.
   */
  readonly targetUri?: string;
  /** Only this label is considered; by default every label is tried in order. */
  readonly label?: string;
  readonly clock?: Clock;
}

/** A verified signature. */
export interface VerifiedRequestSignature {
  readonly verified: true;
  readonly label: string;
  readonly keyId: string;
  readonly created?: number;
  readonly expires?: number;
  readonly components: readonly string[];
}

/** A signature that was not accepted, and why. */
export interface RejectedRequestSignature {
  readonly verified: false;
  readonly code: "HTTP_SIGNATURE_INVALID";
  readonly reason: string;
  readonly keyId?: string;
}

export type RequestSignatureResult = VerifiedRequestSignature | RejectedRequestSignature;

const DEFAULT_PARAMS: readonly SignatureParameter[] = ["created", "expires", "keyid", "alg"];
const ALGORITHM_OF_NAME = new Map<string, string>(
  Object.entries(HTTP_SIGNATURE_ALGORITHMS).map(([algorithm, name]) => [name, algorithm]),
);

const rejected = (reason: string, keyId?: string): RejectedRequestSignature => ({
  verified: false,
  code: "HTTP_SIGNATURE_INVALID",
  reason,
  ...(keyId !== undefined ? { keyId } : {}),
});

/**
 * Verifies the request's signature over `body` (the exact bytes received). Accepts the first signature
 * that fits the profile and verifies; otherwise reports why the last candidate failed.
 * @example const result = await verifyRequest(request, body, { resolveKey });
 */
export async function verifyRequest(
  request: SignableRequest,
  body: Uint8Array,
  options: VerifyRequestOptions,
): Promise<RequestSignatureResult> {
  if (typeof options?.resolveKey !== "function") throw new TypeError("verifyRequest: resolveKey is required");
  const inputField = request.headers.get("signature-input");
  const signatureField = request.headers.get("signature");
  if (inputField === null || signatureField === null)
    return rejected("no Signature-Input or Signature field");
  const inputs = parseDictionary(inputField);
  const signatures = parseDictionary(signatureField);
  if (!inputs || !signatures) return rejected("Signature-Input or Signature is not a structured dictionary");
  const labels = options.label !== undefined ? [options.label] : [...inputs.keys()];
  let last: RequestSignatureResult = rejected("no signature fits the profile");
  for (const label of labels) {
    const input = inputs.get(label);
    const signature = signatures.get(label);
    if (!input || !signature) {
      last = rejected(`signature ${label} is missing from Signature-Input or Signature`);
      continue;
    }
    if (!isInnerList(input) || isInnerList(signature) || !(signature.value instanceof Uint8Array)) {
      last = rejected(`signature ${label} is malformed`);
      continue;
    }
    last = await verifyOne(request, body, label, input, signature.value, options);
    if (last.verified) return last;
  }
  return last;
}

async function verifyOne(
  request: SignableRequest,
  body: Uint8Array,
  label: string,
  input: SfInnerList,
  signature: Uint8Array,
  options: VerifyRequestOptions,
): Promise<RequestSignatureResult> {
  const params = input.params;
  const keyId = typeof params.get("keyid") === "string" ? (params.get("keyid") as string) : undefined;
  const components = input.items.map((i) => i.value).filter((v): v is string => typeof v === "string");
  for (const required of options.requiredComponents ?? HINT_COMPONENTS) {
    if (!components.includes(required))
      return rejected(`signature ${label} does not cover ${required}`, keyId);
  }
  for (const required of options.requiredParams ?? DEFAULT_PARAMS) {
    if (!params.has(required)) return rejected(`signature ${label} has no ${required} parameter`, keyId);
  }
  const created = params.get("created");
  const expires = params.get("expires");
  if (created !== undefined && !Number.isSafeInteger(created))
    return rejected("created is not an integer", keyId);
  if (expires !== undefined && !Number.isSafeInteger(expires))
    return rejected("expires is not an integer", keyId);
  const now = Math.floor((options.clock ?? systemClock)().getTime() / 1000);
  const skew = options.clockSkewSeconds ?? 60;
  if (typeof created === "number") {
    if (created > now + skew) return rejected("the signature was created in the future", keyId);
    if (now - created > (options.maxAgeSeconds ?? 300) + skew)
      return rejected("the signature is too old", keyId);
  }
  if (typeof expires === "number") {
    if (typeof created === "number" && expires < created) return rejected("expires is before created", keyId);
    if (now > expires + skew) return rejected("the signature has expired", keyId);
  }
  if (keyId === undefined) return rejected("no keyid: the key cannot be found");
  let key: PublicKey | undefined;
  try {
    key = await options.resolveKey(keyId);
  } catch {
    key = undefined;
  }
  if (!key) return rejected(`unknown key ${keyId}`, keyId);
  const alg = params.get("alg");
  if (alg !== undefined && ALGORITHM_OF_NAME.get(String(alg)) !== key.algorithm) {
    return rejected(`alg ${String(alg)} does not fit the key`, keyId);
  }
  if (components.includes("content-digest")) {
    const digest = await checkContentDigest(request.headers.get("content-digest"), body);
    if (!digest.ok) return rejected(digest.reason, keyId);
  }
  const target = options.targetUri ? { ...request, url: options.targetUri } : request;
  const base = signatureBase(target, input);
  if (!base.ok) return rejected(base.reason, keyId);
  if (!(await verifySignature(key, utf8(base.base), signature))) {
    return rejected("the signature does not verify", keyId);
  }
  return {
    verified: true,
    label,
    keyId,
    ...(typeof created === "number" ? { created } : {}),
    ...(typeof expires === "number" ? { expires } : {}),
    components,
  };
}
