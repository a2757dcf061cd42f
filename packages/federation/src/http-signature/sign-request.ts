/**
 * Signing a request with HTTP Message Signatures (RFC 9421), as nodes sign their push hints: the covered
 * components default to `@method`, `@target-uri` and `content-digest` (RFC 9530, added when missing), the
 * parameters to `created`, `expires`, `keyid` (the sender's DID URL) and `alg`.
 */
import { type Clock, type Signer, systemClock, utf8 } from "@learnbridge/core";
import { contentDigest } from "./content-digest.ts";
import { type SignableRequest, signatureBase } from "./signature-base.ts";
import {
  type BareItem,
  type SfInnerList,
  serializeBareItem,
  serializeInnerList,
} from "./structured-fields.ts";

/** The RFC 9421 algorithm name for each key type a `Signer` may hold. */
export const HTTP_SIGNATURE_ALGORITHMS = { EdDSA: "ed25519", ES256: "ecdsa-p256-sha256" } as const;

/** The components a hint signature covers. */
export const HINT_COMPONENTS: readonly string[] = ["@method", "@target-uri", "content-digest"];

export interface SignRequestOptions {
  /** Closes over the private key; its `keyId` becomes the `keyid` parameter. */
  readonly signer: Signer;
  /** The label of the signature in Signature-Input and Signature; default `sig1`. */
  readonly label?: string;
  /** Covered components, in order; default `HINT_COMPONENTS`. */
  readonly components?: readonly string[];
  /** Seconds from `created` to `expires`; default 300. */
  readonly expiresInSeconds?: number;
  readonly nonce?: string;
  readonly clock?: Clock;
}

/**
 * Returns the request's headers with Content-Digest (when covered and missing), Signature-Input and
 * Signature added. `body` is the exact content that will be sent.
 * @example const headers = await signRequest({ method: "POST", url, headers: new Headers() }, body, { signer });
 */
export async function signRequest(
  request: SignableRequest,
  body: Uint8Array,
  options: SignRequestOptions,
): Promise<Headers> {
  const { signer } = options;
  if (!signer || typeof signer.sign !== "function" || typeof signer.keyId !== "string") {
    throw new TypeError("signRequest: a Signer with a keyId is required");
  }
  const label = options.label ?? "sig1";
  if (!/^[a-z*][a-z0-9_\-.*]*$/.test(label)) throw new TypeError(`signRequest: bad label ${label}`);
  const expiresIn = options.expiresInSeconds ?? 300;
  if (!Number.isSafeInteger(expiresIn) || expiresIn <= 0) {
    throw new TypeError("signRequest: expiresInSeconds must be a positive integer");
  }
  const components = options.components ?? HINT_COMPONENTS;
  const headers = new Headers(request.headers);
  if (components.includes("content-digest") && !headers.has("content-digest")) {
    headers.set("content-digest", await contentDigest(body));
  }
  const created = Math.floor((options.clock ?? systemClock)().getTime() / 1000);
  const params = new Map<string, BareItem>([
    ["created", created],
    ["expires", created + expiresIn],
    ["keyid", signer.keyId],
    ["alg", HTTP_SIGNATURE_ALGORITHMS[signer.algorithm]],
  ]);
  if (options.nonce !== undefined) params.set("nonce", options.nonce);
  const input: SfInnerList = { items: components.map((c) => ({ value: c, params: new Map() })), params };
  const base = signatureBase({ ...request, headers }, input);
  if (!base.ok) throw new TypeError(`signRequest: ${base.reason}`);
  const signature = await signer.sign(utf8(base.base));
  const append = (name: string, member: string) => {
    const earlier = headers.get(name);
    headers.set(name, earlier ? `${earlier}, ${member}` : member);
  };
  append("signature-input", `${label}=${serializeInnerList(input)}`);
  append("signature", `${label}=${serializeBareItem(signature)}`);
  return headers;
}

/**
 * A signed JSON POST: the body serialised once, its digest and signature over exactly those bytes.
 * @example await fetch(await signedJsonPost(url, { feed, headSeq }, { signer }));
 */
export async function signedJsonPost(
  url: string,
  payload: unknown,
  options: SignRequestOptions,
): Promise<Request> {
  const body = utf8(JSON.stringify(payload));
  const headers = await signRequest(
    { method: "POST", url, headers: new Headers({ "content-type": "application/json" }) },
    body,
    options,
  );
  return new Request(url, { method: "POST", headers, body: body as Uint8Array<ArrayBuffer> });
}
