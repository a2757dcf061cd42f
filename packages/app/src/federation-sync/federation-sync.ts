/**
 * A centre's follower, assembled: the replica store, peers' keys (DID documents, refetched once on an
 * unknown key), the catalogue's record checker, the federation's trust check, and the centre's own feed,
 * whose moves it announces to its peers with signed hints. In aggregator mode it also republishes what it
 * follows into its own feed, page by page in the page's transaction (records stay signed by their owners).
 * Both runtimes call `runDue` on a timer.
 */
import { catalogueRecordChecker } from "@learnbridge/catalogue";
import type { Clock } from "@learnbridge/core";
import { didWebFromUrl, type NetworkOptions } from "@learnbridge/credentials";
import {
  type FeedLog,
  Follower,
  type FollowerOptions,
  type HintDelivery,
  type PullReport,
  type ReplicaStore,
  sendHints,
  type TrustCheck,
} from "@learnbridge/federation";
import type { CentreKeys } from "@learnbridge/issuer";
import { type PeerKeys, peerKeys } from "./peer-keys.ts";

export interface FederationSyncOptions {
  readonly publicUrl: string;
  readonly keys: CentreKeys;
  readonly replica: ReplicaStore;
  /** Is a record's owner a trusted member; default: nobody is (records are refused until trust is set up). */
  readonly isTrustedOwner?: TrustCheck;
  /** The centre's own feed: its head is announced with hints; an aggregator republishes into it. */
  readonly feed?: FeedLog;
  /**
   * Republish followed records into the own feed (a regional mirror), in the transaction of each page: the
   * replica store must hold the node's feed (libSQL: the same database; memory: `{ feed }`).
   */
  readonly aggregator?: boolean;
  /** Nodes told of the own feed's moves besides the followed peers. */
  readonly hintTargets?: readonly string[];
  /** fetch, allowHttp (loopback development), allowPrivateNetwork… for feeds, DID documents and hints. */
  readonly network?: NetworkOptions;
  readonly clock?: Clock;
  readonly follower?: Partial<
    Pick<
      FollowerOptions,
      "random" | "schedule" | "pageSize" | "maxPagesPerPull" | "timeoutMs" | "report" | "maxRecordsPerOwner"
    >
  >;
  /** Where failures of background work are reported; default console.error. */
  readonly logError?: (error: unknown, where: string) => void;
}

/** The follower of a centre and what its routes and timers use. */
export interface FederationSync {
  readonly follower: Follower;
  readonly replica: ReplicaStore;
  readonly peerKeys: PeerKeys;
  /** The DID whose keys sign `feed` (the did:web of its URL). */
  didOf(feed: string): string;
  /** True when `feed` may be followed: http(s), and http only where the network rules allow it. */
  isFollowable(feed: string): boolean;
  /**
   * Pulls the due peers (with `all`, every peer: at start), then announces the own feed if it moved: what
   * the timers call. Never rejects.
   */
  runDue(options?: { readonly all?: boolean }): Promise<PullReport[]>;
  /** Sends a signed hint of the own feed's head to the peers when it moved since the last one. */
  announce(): Promise<HintDelivery[]>;
}

/** Without a federation, no owner is trusted: records are refused (and kept to fetch once trust is set up). */
const NOBODY_TRUSTED: TrustCheck = async () => ({
  status: "untrusted",
  code: "TRUST_UNKNOWN",
  reason: "this centre takes part in no federation, so it trusts no owner",
});

/** Builds the follower of a centre. */
export function federationSync(options: FederationSyncOptions): FederationSync {
  const clock = options.clock ?? (() => new Date());
  const did = didWebFromUrl(options.publicUrl);
  const log = options.logError ?? ((error, where) => console.error(`federation sync (${where}):`, error));
  const keys = peerKeys({
    ...(options.network ? { network: options.network } : {}),
    clock,
    self: { did, document: () => options.keys.didDocument() },
  });
  const checkRecord = catalogueRecordChecker({ resolveKey: keys.resolveKey, clock });
  const allowHttp = options.network?.allowHttp ?? false;
  const follower = new Follower({
    store: options.replica,
    checkRecord,
    isTrustedOwner: options.isTrustedOwner ?? NOBODY_TRUSTED,
    resolvePeerKey: (kid) => keys.publicKey(kid, "authentication"),
    refreshKeys: (owner) => {
      keys.forget(owner);
    },
    ...(options.network?.fetch ? { fetch: options.network.fetch } : {}),
    clock,
    ...options.follower,
    ...(options.aggregator ? { aggregator: true } : {}),
  });
  let announced = -1;
  const announce = async (): Promise<HintDelivery[]> => {
    if (!options.feed) return [];
    const head = await options.feed.head();
    if (head.seq <= announced) return [];
    announced = head.seq;
    const peers = (await options.replica.listPeers()).filter((p) => p.status === "active").map((p) => p.feed);
    const targets = [...peers, ...(options.hintTargets ?? [])].filter((t) => t !== options.publicUrl);
    return sendHints({ feed: options.publicUrl, headSeq: head.seq }, targets, {
      signer: await options.keys.signer(),
      ...(options.network?.fetch ? { fetch: options.network.fetch } : {}),
      clock,
    });
  };
  return {
    follower,
    replica: options.replica,
    peerKeys: keys,
    didOf: (feed) => didWebFromUrl(feed),
    isFollowable(feed) {
      if (!URL.canParse(feed)) return false;
      const url = new URL(feed);
      if (url.search || url.hash || url.username || url.password || url.href.replace(/\/+$/, "") !== feed)
        return false;
      if (url.protocol === "https:") return true;
      return url.protocol === "http:" && (typeof allowHttp === "function" ? allowHttp(url.host) : allowHttp);
    },
    async runDue(runOptions = {}) {
      let reports: PullReport[] = [];
      try {
        reports = await follower.runDue(runOptions);
      } catch (error) {
        log(error, "pull");
      }
      await announce().catch((error) => log(error, "announce"));
      return reports;
    },
    announce,
  };
}
