/**
 * A record once found stays found: while a node pulls three feeds at once on an embedded file (each page
 * applied, then the peer's head, ETag and health noted and an owner's chain cached, as the follower does),
 * a search running all along never finds fewer records than it found before, and every pooled connection
 * ends up finding all of them. (Before pulls took turns to write, a write refused as busy left its pooled
 * connection reading an old snapshot, and searches on it "lost" whole feeds for seconds.)
 */
import { jsonHashOf, type ReplicaEvent } from "@learnbridge/federation";
import { sampleRecord } from "@learnbridge/federation/testing";
import { describe, expect, it } from "vitest";
import { LibsqlReplicaStore } from "../federation/replica-store.ts";
import { LibsqlTrustChainCache } from "../federation/trust-chain-cache.ts";
import { migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlCatalogueSearch } from "./search-index.ts";

const file = libsqlBackends()[1];
const AT = "2026-11-30T10:00:00.000Z";
const FEEDS = ["https://a.example", "https://b.example", "https://c.example"];
const PAGES = 3;
const PER_PAGE = 10;
/** A network read's worth of waiting: pulls overlap as they do over HTTP. */
const fetching = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 4));

async function page(feed: string, n: number): Promise<ReplicaEvent[]> {
  const owner = `did:web:${new URL(feed).host}`;
  return Promise.all(
    Array.from({ length: PER_PAGE }, async (_, i) => {
      const seq = n * PER_PAGE + i + 1;
      const record = sampleRecord(`${feed}/catalogue/courses/c-${seq}`, owner, 1, "put");
      const recordHash = await jsonHashOf(record);
      return { seq, op: "put", recordId: String(record.id), version: 1, recordHash, record, owner } as const;
    }),
  );
}

describe(`search while pulls apply pages: ${file.name}`, () => {
  it("never finds fewer records than it found before", async () => {
    const client = await file.open();
    await migrate(client);
    const replica = new LibsqlReplicaStore(client);
    const chains = new LibsqlTrustChainCache(client);
    const search = new LibsqlCatalogueSearch(client);
    for (const feed of FEEDS) await replica.follow({ feed, did: `did:web:${new URL(feed).host}`, at: AT });
    const pull = async (feed: string) => {
      let position = {
        phase: "snapshot",
        cursor: 0,
        headHash: null,
        snapshotAfter: null,
        snapshotAsOfSeq: null,
      } as {
        phase: "snapshot" | "changes";
        cursor: number;
        headHash: string | null;
        snapshotAfter: null;
        snapshotAsOfSeq: null;
      };
      for (let n = 0; n < PAGES; n++) {
        const to = { ...position, phase: "changes" as const, cursor: (n + 1) * PER_PAGE, headHash: `h${n}` };
        await fetching();
        const applied = await replica.applyPage({
          feed,
          from: position,
          to,
          events: await page(feed, n),
          knownHeadSeq: to.cursor,
          at: AT,
        });
        expect(applied.applied).toBe(true);
        position = to;
        await fetching();
        // What the follower writes around a page; a failure there fails a pull, it is not what is tested.
        await Promise.allSettled([
          replica.noteHead(feed, to.cursor + 1),
          replica.setChangesEtag(feed, { etag: `"${n}"`, after: to.cursor }),
          replica.setHealth(feed, { failures: 0, breaker: "closed", openings: 0, nextPullAt: AT }),
          chains.put({
            subject: feed,
            anchor: FEEDS[0] as string,
            statements: [`s${n}`],
            expiresAt: 2e9,
            resolvedAt: n,
            markStatuses: {},
          }),
        ]);
      }
    };
    const seen: number[] = [];
    let pulling = true;
    const reader = (async () => {
      while (pulling) {
        seen.push((await search.search({ limit: 100 })).hits.length);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    await Promise.all(FEEDS.map(pull));
    pulling = false;
    await reader;
    const dips = seen.flatMap((n, i) =>
      i > 0 && n < (seen[i - 1] as number) ? [`${seen[i - 1]} -> ${n}`] : [],
    );
    expect(dips).toEqual([]);
    const all = FEEDS.length * PAGES * PER_PAGE;
    const finals = await Promise.all(Array.from({ length: 8 }, () => search.search({ limit: 100 })));
    expect(finals.map((p) => p.hits.length)).toEqual(Array.from({ length: 8 }, () => all));
  }, 60_000);
});
