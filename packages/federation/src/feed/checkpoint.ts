/**
 * Feed checkpoints: a compact JWS (typ `feed-checkpoint+jwt`, alg EdDSA, `kid` the DID URL of the node's
 * active key) over the head of a feed and the digest of its live records. A follower that has caught up
 * compares the digest with its own copy: equal digests mean the same records, whatever path they took.
 */
import {
  type Clock,
  fromUtf8,
  importPublicKey,
  type PublicKey,
  type Signer,
  systemClock,
} from "@learnbridge/core";
import { compactVerify, decodeProtectedHeader, errors } from "jose";
import { signJws } from "../trust/jws.ts";
import { type FeedResult, failed, passed } from "./result.ts";

/** The `typ` header of a checkpoint. */
export const CHECKPOINT_TYP = "feed-checkpoint+jwt";
/** Its media type, as served. */
export const CHECKPOINT_MEDIA_TYPE = "application/jwt";

/** The claims of a checkpoint. */
export interface CheckpointPayload {
  /** The feed's entity id (the node's public URL); `sub` is the same. */
  readonly iss: string;
  readonly sub: string;
  readonly head_seq: number;
  /** The hash of event `head_seq`; null while the feed is empty. */
  readonly head_hash: string | null;
  /** 64 hex digits: see digest.ts. */
  readonly state_digest: string;
  /** How many live records the digest sums. */
  readonly record_count: number;
  /** Seconds since the epoch. */
  readonly iat: number;
}

/** What a checkpoint states, before it is signed. */
export interface CheckpointState {
  readonly entityId: string;
  readonly headSeq: number;
  readonly headHash: string | null;
  readonly stateDigest: string;
  readonly recordCount: number;
}

/**
 * Signs a checkpoint with `signer` (an Ed25519 key; its keyId becomes `kid`).
 * @example const jwt = await signCheckpoint(state, { signer: await keys.signer() });
 */
export async function signCheckpoint(
  state: CheckpointState,
  options: { readonly signer: Signer; readonly clock?: Clock },
): Promise<string> {
  const { signer } = options ?? {};
  if (!signer || typeof signer.sign !== "function" || !signer.keyId)
    throw new TypeError("signCheckpoint: options.signer is required");
  if (signer.algorithm !== "EdDSA")
    throw new TypeError("signCheckpoint: checkpoints are signed with Ed25519");
  if (!Number.isSafeInteger(state.headSeq) || state.headSeq < 0)
    throw new TypeError("signCheckpoint: headSeq must be an integer >= 0");
  const payload = {
    iss: state.entityId,
    sub: state.entityId,
    head_seq: state.headSeq,
    head_hash: state.headHash,
    state_digest: state.stateDigest,
    record_count: state.recordCount,
    iat: Math.floor((options.clock ?? systemClock)().getTime() / 1000),
  } satisfies CheckpointPayload;
  return signJws(CHECKPOINT_TYP, payload, signer);
}

/** Finds the public key a `kid` names (from the peer's DID document or entity configuration). */
export type CheckpointKeyLookup = (kid: string) => Promise<PublicKey | undefined>;

/** Options of `verifyCheckpoint`. */
export interface VerifyCheckpointOptions {
  readonly resolveKey: CheckpointKeyLookup;
  /** The entity id the checkpoint must be of (`iss` and `sub`). */
  readonly entityId?: string;
  readonly clock?: Clock;
  /** Tolerance for an `iat` in the future; default 300 s. */
  readonly maxSkewSeconds?: number;
}

/** A verified checkpoint: its claims and the key that signed it. */
export interface VerifiedCheckpoint {
  readonly payload: CheckpointPayload;
  readonly kid: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Verifies a checkpoint: the typ, the EdDSA signature by the key `kid` names, and the claims. KEY_NOT_FOUND
 * when the lookup knows no such key (a follower refetches the peer's keys once, then gives up); every other
 * failure is CHECKPOINT_INVALID with the reason.
 */
export async function verifyCheckpoint(
  jws: unknown,
  options: VerifyCheckpointOptions,
): Promise<FeedResult<VerifiedCheckpoint>> {
  if (typeof options?.resolveKey !== "function")
    throw new TypeError("verifyCheckpoint: options.resolveKey is required");
  if (typeof jws !== "string" || jws.length > 16_384)
    return failed("CHECKPOINT_INVALID", "a checkpoint is a compact JWS of at most 16 KiB");
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jws) as Record<string, unknown>;
  } catch {
    return failed("CHECKPOINT_INVALID", "not a compact JWS");
  }
  if (header.typ !== CHECKPOINT_TYP) return failed("CHECKPOINT_INVALID", `typ must be ${CHECKPOINT_TYP}`);
  if (header.alg !== "EdDSA" && header.alg !== "Ed25519")
    return failed("CHECKPOINT_INVALID", "alg must be EdDSA");
  const kid = header.kid;
  if (typeof kid !== "string" || kid === "") return failed("CHECKPOINT_INVALID", "the header has no kid");
  const publicKey = await options.resolveKey(kid);
  if (!publicKey) return failed("KEY_NOT_FOUND", `no key ${kid}`, { kid });
  if (publicKey.algorithm !== "EdDSA") return failed("CHECKPOINT_INVALID", `${kid} is not an Ed25519 key`);
  let payload: unknown;
  try {
    const verified = await compactVerify(jws, await importPublicKey(publicKey), {
      algorithms: ["EdDSA", "Ed25519"],
    });
    payload = JSON.parse(fromUtf8(verified.payload));
  } catch (error) {
    const reason =
      error instanceof errors.JWSSignatureVerificationFailed
        ? `the signature does not verify with ${kid}`
        : `not a valid JWS (${error instanceof Error ? error.message : String(error)})`;
    return failed("CHECKPOINT_INVALID", reason, { kid });
  }
  const claims = claimsProblem(payload, options);
  if (claims) return failed("CHECKPOINT_INVALID", claims, { kid });
  return passed({ payload: payload as CheckpointPayload, kid });
}

/** What is wrong with the claims, if anything. */
function claimsProblem(payload: unknown, options: VerifyCheckpointOptions): string | undefined {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return "the payload is not a JSON object";
  const p = payload as Record<string, unknown>;
  if (typeof p.iss !== "string" || p.iss !== p.sub) return "iss and sub must be the feed's entity id";
  if (options.entityId !== undefined && p.iss !== options.entityId)
    return `the checkpoint is of ${String(p.iss)}, not ${options.entityId}`;
  if (!Number.isSafeInteger(p.head_seq) || (p.head_seq as number) < 0) return "head_seq must be an integer";
  if (p.head_seq === 0 ? p.head_hash !== null : typeof p.head_hash !== "string")
    return "head_hash must be the head event's hash (null for an empty feed)";
  if (typeof p.state_digest !== "string" || !HEX64.test(p.state_digest))
    return "state_digest must be 64 hex digits";
  if (!Number.isSafeInteger(p.record_count) || (p.record_count as number) < 0)
    return "record_count must be an integer";
  const now = (options.clock ?? systemClock)().getTime() / 1000;
  if (!Number.isSafeInteger(p.iat) || (p.iat as number) > now + (options.maxSkewSeconds ?? 300))
    return "iat must be a time that is not in the future";
  return undefined;
}
