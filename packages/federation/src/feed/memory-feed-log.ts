/** The in-memory twin of the FeedLog port: the same rules, for tests and single-process demos. */
import { type Clock, systemClock } from "@learnbridge/core";
import { checkChange, planAppend } from "./append-plan.ts";
import type { FeedChange, FeedEvent } from "./event.ts";
import {
  checkPageLimit,
  checkRetentionPolicy,
  EMPTY_HEAD,
  type FeedChangesPage,
  type FeedHead,
  type FeedLog,
  type FeedSnapshotPage,
  type RecordState,
  type RetentionPolicy,
  retainedFromFor,
  retentionCutoff,
} from "./feed-log.ts";
import { type FeedResult, failed, passed } from "./result.ts";

/** Options of `MemoryFeedLog`. */
export interface MemoryFeedLogOptions {
  /** Stamps each event's `at`; default the system clock. */
  readonly clock?: Clock;
}

export class MemoryFeedLog implements FeedLog {
  readonly #clock: Clock;
  readonly #events = new Map<number, FeedEvent>();
  readonly #states = new Map<string, RecordState>();
  #head: FeedHead = EMPTY_HEAD;
  // Appends run one after another: each plans from the head the previous one left.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: MemoryFeedLogOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async head() {
    return this.#head;
  }

  append(change: FeedChange): Promise<FeedResult<FeedEvent>> {
    const run = async (): Promise<FeedResult<FeedEvent>> => {
      await checkChange(change);
      const plan = await planAppend(
        this.#head,
        this.#states.get(change.recordId),
        structuredClone(change),
        this.#clock().toISOString(),
      );
      if (!plan.ok) return plan;
      this.#events.set(plan.value.event.seq, plan.value.event);
      this.#states.set(change.recordId, plan.value.state);
      this.#head = plan.value.head;
      return passed(structuredClone(plan.value.event));
    };
    return this.#exclusive(run);
  }

  #exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async changes(after: number, limit: number): Promise<FeedResult<FeedChangesPage>> {
    checkPageLimit(limit, "MemoryFeedLog.changes");
    if (!Number.isSafeInteger(after) || after < 0)
      throw new TypeError("changes: after must be an integer >= 0");
    const { seq: headSeq, retainedFrom } = this.#head;
    if (after < retainedFrom - 1) {
      return failed("FEED_BEHIND_RETENTION", `events before ${retainedFrom} are no longer kept`, {
        retainedFrom,
      });
    }
    const events: FeedEvent[] = [];
    for (let seq = after + 1; seq <= headSeq && events.length < limit; seq++) {
      const event = this.#events.get(seq);
      if (event) events.push(structuredClone(event));
    }
    return passed({ events, headSeq, retainedFrom });
  }

  async snapshot(after: string | undefined, limit: number): Promise<FeedSnapshotPage> {
    checkPageLimit(limit, "MemoryFeedLog.snapshot");
    const { seq, hash } = this.#head;
    const live = [...this.#states.values()]
      .filter((s) => !s.deleted && (after === undefined || s.recordId > after))
      .sort((a, b) => (a.recordId < b.recordId ? -1 : 1));
    const page = live.slice(0, limit);
    return {
      asOfSeq: seq,
      asOfHash: hash,
      records: page.map((s) => structuredClone(this.#events.get(s.seq)?.record ?? {})),
      next: live.length > limit ? (page.at(-1)?.recordId ?? null) : null,
    };
  }

  async stateOf(recordId: string) {
    const state = this.#states.get(recordId);
    return state && { ...state };
  }

  async compact(policy: RetentionPolicy, now: Date): Promise<{ readonly retainedFrom: number }> {
    checkRetentionPolicy(policy);
    return this.#exclusive(async () => this.#compact(policy, now));
  }

  #compact(policy: RetentionPolicy, now: Date) {
    const cutoff = retentionCutoff(policy, now);
    let firstRecent: number | undefined;
    for (let seq = this.#head.retainedFrom; seq <= this.#head.seq; seq++) {
      if ((this.#events.get(seq)?.at ?? "") >= cutoff) {
        firstRecent = seq;
        break;
      }
    }
    const retainedFrom = retainedFromFor(this.#head, policy, firstRecent);
    const keep = new Set([...this.#states.values()].filter((s) => !s.deleted).map((s) => s.seq));
    for (const seq of this.#events.keys()) if (seq < retainedFrom && !keep.has(seq)) this.#events.delete(seq);
    this.#head = { ...this.#head, retainedFrom };
    return { retainedFrom };
  }
}
