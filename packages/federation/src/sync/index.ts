/** The follower: peers, pulls, verification, the replica port, backoff and breaker, push hints. */
export { type BackoffPolicy, backoffDelayMs, DEFAULT_BACKOFF, type Random } from "./backoff.ts";
export {
  afterFailure,
  afterHint,
  afterSuccess,
  type BreakerPolicy,
  type BreakerState,
  breakerView,
  DEFAULT_BREAKER,
  DEFAULT_SCHEDULE,
  freshHealth,
  isDue,
  type PeerError,
  type PeerHealth,
  type SchedulePolicy,
} from "./circuit-breaker.ts";
export {
  type ChangesPage,
  FeedClient,
  type FeedClientOptions,
  type FeedFetch,
  feedUrl,
  type SnapshotPage,
} from "./feed-client.ts";
export { DEFAULT_MAX_RECORDS_PER_OWNER, Follower, type FollowerOptions } from "./follower.ts";
export {
  HINTS_PATH,
  type HintDelivery,
  hintsUrlOf,
  parseHint,
  type SendHintsOptions,
  sendHints,
} from "./hints.ts";
export { isAt, MemoryReplicaStore, newPeer } from "./memory-replica-store.ts";
export {
  type FeedEntry,
  type HeldState,
  isLiveRow,
  type PagePlan,
  planPage,
  planSweep,
  type SweepPlan,
} from "./page-plan.ts";
export type { Hint, PullReport } from "./pull-report.ts";
export type {
  ApplyPageInput,
  ApplyPageResult,
  ChangesEtag,
  CheckpointCheck,
  FeedPosition,
  FollowInput,
  NewQuarantineEntry,
  OwnerQuotaExceeded,
  Peer,
  PeerPhase,
  PeerStatus,
  QuarantineEntry,
  QuarantineKind,
  ReplicaEvent,
  ReplicaRecord,
  ReplicaStore,
  UntrustedRecord,
  VersionOutcome,
} from "./replica-store.ts";
export { ownerTrustOf, type TrustCheck, verifyEntries } from "./verify-entries.ts";
export { type HeldVersion, type IncomingVersion, versionRule } from "./version-rule.ts";
