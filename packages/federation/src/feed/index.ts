/** The signed change feed: events and their chain, the state digest, checkpoints, the log port, publishing. */
export { type AppendPlan, checkChange, planAppend } from "./append-plan.ts";
export {
  CHECKPOINT_MEDIA_TYPE,
  CHECKPOINT_TYP,
  type CheckpointKeyLookup,
  type CheckpointPayload,
  type CheckpointState,
  signCheckpoint,
  type VerifiedCheckpoint,
  type VerifyCheckpointOptions,
  verifyCheckpoint,
} from "./checkpoint.ts";
export { type DigestEntry, digestTermOf, EMPTY_DIGEST, stateDigestOf, updateDigest } from "./digest.ts";
export {
  CHAIN_START,
  type ChainPosition,
  chainEvent,
  checkChain,
  eventHashOf,
  type FeedChange,
  type FeedEvent,
  type FeedOp,
  type JsonRecord,
  jsonHashOf,
  parseFeedEvent,
  type UnhashedFeedEvent,
} from "./event.ts";
export {
  checkPageLimit,
  checkRetentionPolicy,
  DEFAULT_RETENTION,
  EMPTY_HEAD,
  type FeedChangesPage,
  type FeedHead,
  type FeedLog,
  type FeedSnapshotPage,
  MAX_FEED_PAGE,
  type RecordState,
  type RetentionPolicy,
  retainedFromFor,
  retentionCutoff,
} from "./feed-log.ts";
export {
  FeedPublisher,
  type FeedPublisherOptions,
  type RecordChecker,
  type RecordFacts,
} from "./feed-publisher.ts";
export { MemoryFeedLog, type MemoryFeedLogOptions } from "./memory-feed-log.ts";
export { type FeedResult, failed, passed } from "./result.ts";
