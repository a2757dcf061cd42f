/**
 * Publishing into a feed: a record (or its signed tombstone) is checked by the injected record checker,
 * which knows what a record is (the catalogue provides one for courses), and appended as a put or a delete.
 * An aggregator republishes what it follows the same way: the records stay signed by their owners.
 */
import { type FeedEvent, type JsonRecord, jsonHashOf } from "./event.ts";
import type { FeedLog } from "./feed-log.ts";
import { type FeedResult, failed } from "./result.ts";

/** What a record checker tells the feed about a record it accepted. */
export interface RecordFacts {
  readonly recordId: string;
  /** The owner's DID: only the owner writes a record. */
  readonly owner: string;
  readonly version: number;
  /** A tombstone. */
  readonly deleted: boolean;
}

/** Checks a record (shape and owner's signature) and returns its facts, or why it is refused. */
export type RecordChecker = (record: unknown) => Promise<FeedResult<RecordFacts>>;

/** Options of `FeedPublisher`. */
export interface FeedPublisherOptions {
  readonly log: FeedLog;
  readonly checkRecord: RecordChecker;
  /** Whose records this feed carries (a node: itself; an aggregator: trusted members); default anyone's. */
  readonly acceptOwner?: (owner: string) => boolean | Promise<boolean>;
}

/** Appends checked records to a feed. */
export class FeedPublisher {
  readonly #log: FeedLog;
  readonly #check: RecordChecker;
  readonly #acceptOwner: (owner: string) => boolean | Promise<boolean>;

  constructor(options: FeedPublisherOptions) {
    if (!options?.log) throw new TypeError("FeedPublisher: log is required");
    if (typeof options.checkRecord !== "function")
      throw new TypeError("FeedPublisher: checkRecord is required");
    this.#log = options.log;
    this.#check = options.checkRecord;
    this.#acceptOwner = options.acceptOwner ?? (() => true);
  }

  /** Appends a new version of a record; its checker's refusal, or RECORD_STALE, otherwise. */
  publish(record: JsonRecord): Promise<FeedResult<FeedEvent>> {
    return this.#append(record, false);
  }

  /** Appends a record's signed tombstone (its version above the last); the same refusals. */
  tombstone(tombstone: JsonRecord): Promise<FeedResult<FeedEvent>> {
    return this.#append(tombstone, true);
  }

  async #append(record: JsonRecord, deletion: boolean): Promise<FeedResult<FeedEvent>> {
    const checked = await this.#check(record);
    if (!checked.ok) return checked;
    const facts = checked.value;
    if (facts.deleted !== deletion) {
      return failed(
        "FIELD_INVALID",
        deletion ? "this record is not a tombstone" : "this record is a tombstone",
        {
          recordId: facts.recordId,
        },
      );
    }
    if (!(await this.#acceptOwner(facts.owner))) {
      return failed("RECORD_OWNER_UNTRUSTED", `this feed does not carry records of ${facts.owner}`, {
        owner: facts.owner,
      });
    }
    return this.#log.append({
      op: deletion ? "delete" : "put",
      recordId: facts.recordId,
      version: facts.version,
      recordHash: await jsonHashOf(record),
      record,
    });
  }
}
