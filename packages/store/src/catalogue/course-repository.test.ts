/**
 * The own catalogue on libSQL passes the same contract as its in-memory twin, on :memory:, a file and sqld;
 * its feed is the node's LibsqlFeedLog, written in the same transaction.
 */
import { courseRepositoryContract, signedCourse } from "@learnbridge/catalogue/testing";
import { describe, expect, it } from "vitest";
import { LibsqlFeedLog } from "../federation/feed-log.ts";
import { LibsqlAuditLog } from "../issuer/audit-log.ts";
import { migrate } from "../migrations.ts";
import type { SqlClient } from "../sql-client.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlCourseRepository } from "./course-repository.ts";

const FEED_DOWN = `CREATE TRIGGER feed_down BEFORE INSERT ON feed_events
  BEGIN SELECT RAISE(ABORT, 'the feed is unavailable'); END`;

async function published(client: SqlClient) {
  const page = await new LibsqlFeedLog(client).changes(0, 500);
  if (!page.ok) throw new Error(page.reason);
  return page.value.events.map(({ op, recordId, version, recordHash }) => ({
    op,
    recordId,
    version,
    recordHash,
  }));
}

for (const backend of libsqlBackends()) {
  const migrated = async () => {
    const client = await backend.open();
    await migrate(client);
    return client;
  };

  courseRepositoryContract(backend.name, async ({ failingFeed }) => {
    const client = await migrated();
    // A real failure inside the database, after the record row was written in the same transaction.
    if (failingFeed) await client.execute(FEED_DOWN);
    return {
      repository: new LibsqlCourseRepository(client),
      audited: () => new LibsqlAuditLog(client).list(),
      published: () => published(client),
    };
  });

  describe(`LibsqlCourseRepository: ${backend.name}`, () => {
    it("writes the record row, its feed event, the head and the state in one transaction", async () => {
      const client = await migrated();
      const repository = new LibsqlCourseRepository(client);
      const course = await signedCourse("one-tx");
      expect(await repository.put(course)).toBe(true);
      const counts = async () =>
        (
          await client.execute(`SELECT (SELECT COUNT(*) FROM catalogue_records) AS records,
            (SELECT COUNT(*) FROM feed_events) AS events, (SELECT seq FROM feed_head) AS head,
            (SELECT COUNT(*) FROM feed_records) AS states`)
        ).rows[0];
      expect({ ...(await counts()) }).toEqual({ records: 1, events: 1, head: 1, states: 1 });
      // The feed fails on the NEXT version: the old row stays as it was, nothing half-written.
      await client.execute(FEED_DOWN);
      await expect(repository.put(await signedCourse("one-tx", 2))).rejects.toThrow(/unavailable/);
      expect(await repository.get(course.id)).toEqual(course);
      expect({ ...(await counts()) }).toEqual({ records: 1, events: 1, head: 1, states: 1 });
      const row = (await client.execute("SELECT * FROM catalogue_records")).rows[0];
      expect({ ...row, record_json: undefined, search_text: undefined, record_hash: undefined }).toEqual({
        record_id: course.id,
        owner: course.owner,
        version: 1,
        record_json: undefined,
        record_hash: undefined,
        search_text: undefined,
        level: 4,
        credits: 5,
        languages: '["en","sw"]',
        mode: "blended",
        country: "KE",
        audience: '["adults","seniors"]',
        deleted: 0,
      });
    });

    const connectAgain = backend.connectAgain;
    // A second connection to the same database exists for a file and a server, not for :memory:.
    if (connectAgain)
      it("two clients writing at once still make one unbroken feed", async () => {
        const client = await migrated();
        const other = await connectAgain(client);
        const [a, b] = [new LibsqlCourseRepository(client), new LibsqlCourseRepository(other)];
        const courses = await Promise.all(Array.from({ length: 8 }, (_, i) => signedCourse(`c${i}`)));
        const results = await Promise.all(courses.map((c, i) => (i % 2 ? a : b).put(c)));
        expect(results.every(Boolean)).toBe(true);
        const events = await published(client);
        expect(events).toHaveLength(8);
        const page = await new LibsqlFeedLog(client).changes(0, 500);
        const { checkChain, CHAIN_START } = await import("@learnbridge/federation");
        expect(page.ok && (await checkChain(CHAIN_START, page.value.events)).ok).toBe(true);
      });
  });
}
