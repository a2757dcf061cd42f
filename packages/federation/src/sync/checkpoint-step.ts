/**
 * The last step of a pull: once caught up, the peer's signed checkpoint is compared with the follower's own
 * state of that feed. A 304 to the ETag of the checkpoint last stored means that checkpoint (verified
 * then) still stands: it is compared again, nothing is re-verified, so an idle poll costs no signature check.
 */
import { verifyCheckpoint } from "../feed/checkpoint.ts";
import { isNotModified } from "./feed-client.ts";
import type { StepContext, StepStop } from "./pull-steps.ts";
import type { CheckpointCheck, Peer } from "./replica-store.ts";

/** What the checkpoint said. */
export type CheckpointResult =
  | { readonly kind: "compared"; readonly matches: boolean; readonly headSeq: number }
  /** The feed moved on since the pages were read: pull again. */
  | { readonly kind: "behind"; readonly headSeq: number }
  | StepStop;

/** The claims of a checkpoint the follower compares. */
type CheckpointClaims = Pick<
  CheckpointCheck,
  "headSeq" | "headHash" | "stateDigest" | "recordCount" | "issuedAt"
>;

/** Fetches (conditionally), verifies and compares the checkpoint of a caught-up peer. */
export async function checkpointStep(peer: Peer, ctx: StepContext): Promise<CheckpointResult> {
  const stored = peer.checkpoint;
  const answer = await ctx.client.checkpoint(peer.feed, stored?.etag);
  if (!answer.ok) return { kind: "failed", code: answer.code, reason: answer.reason };
  let claims: CheckpointClaims;
  let etag: string | undefined;
  if (isNotModified(answer.value)) {
    if (!stored) return { kind: "failed", code: "FIELD_INVALID", reason: "a 304 to an unconditional read" };
    claims = stored;
    etag = stored.etag;
  } else {
    const verified = await verifiedCheckpoint(answer.value.jws, peer, ctx);
    if (!verified.ok) return verified.result;
    claims = verified.claims;
    etag = answer.value.etag;
  }
  if (claims.headSeq > peer.cursor) {
    await ctx.store.noteHead(peer.feed, claims.headSeq);
    return { kind: "behind", headSeq: claims.headSeq };
  }
  if (claims.headSeq < peer.cursor) {
    // An older checkpoint (a cache in front of the peer): it says nothing of where we are.
    return { kind: "compared", matches: false, headSeq: claims.headSeq };
  }
  if (peer.headHash !== null && claims.headHash !== peer.headHash) {
    return {
      kind: "quarantine",
      code: "FEED_CHAIN_BROKEN",
      reason: `the signed checkpoint names another event ${claims.headSeq} than the chain the feed served`,
      details: { seq: claims.headSeq, signed: claims.headHash, served: peer.headHash },
    };
  }
  const matches = claims.stateDigest === peer.stateDigest && claims.recordCount === peer.recordCount;
  await ctx.store.setCheckpoint(peer.feed, {
    headSeq: claims.headSeq,
    headHash: claims.headHash,
    stateDigest: claims.stateDigest,
    recordCount: claims.recordCount,
    issuedAt: claims.issuedAt,
    checkedAt: ctx.clock().toISOString(),
    matches,
    ...(etag ? { etag } : {}),
  });
  return { kind: "compared", matches, headSeq: claims.headSeq };
}

/** Verifies a checkpoint JWS by the peer's keys, refetched once when its key is unknown. */
async function verifiedCheckpoint(
  jws: string,
  peer: Peer,
  ctx: StepContext,
): Promise<
  | { readonly ok: true; readonly claims: CheckpointClaims }
  | { readonly ok: false; readonly result: CheckpointResult }
> {
  const verify = () =>
    verifyCheckpoint(jws, { resolveKey: ctx.resolvePeerKey, entityId: peer.feed, clock: ctx.clock });
  let verified = await verify();
  if (!verified.ok && verified.code === "KEY_NOT_FOUND" && ctx.refreshKeys && !ctx.refreshed.has(peer.did)) {
    ctx.refreshed.add(peer.did);
    await ctx.refreshKeys(peer.did);
    verified = await verify();
  }
  if (!verified.ok) {
    if (verified.code === "KEY_NOT_FOUND") {
      return {
        ok: false,
        result: {
          kind: "quarantine",
          code: "KEY_NOT_FOUND",
          reason: `checkpoint: ${verified.reason} (keys refetched once)`,
        },
      };
    }
    return { ok: false, result: { kind: "failed", code: verified.code, reason: verified.reason } };
  }
  const payload = verified.value.payload;
  return {
    ok: true,
    claims: {
      headSeq: payload.head_seq,
      headHash: payload.head_hash,
      stateDigest: payload.state_digest,
      recordCount: payload.record_count,
      issuedAt: new Date(payload.iat * 1000).toISOString(),
    },
  };
}
