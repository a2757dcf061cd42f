/** The libSQL search index passes the same contract as its in-memory twin, on :memory:, a file and sqld. */
import { type CatalogueSearchRow, searchRowOf } from "@learnbridge/catalogue";
import { catalogueSearchContract, SEARCH_SAMPLES } from "@learnbridge/catalogue/testing";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "../migrations.ts";
import type { SqlClient } from "../sql-client.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlCatalogueSearch } from "./search-index.ts";
import { CATALOGUE_SEARCH_MIGRATION } from "./search-schema.ts";

// The schema a node had before the search index came.
const BEFORE_SEARCH = MIGRATIONS.filter((m) => m.id < CATALOGUE_SEARCH_MIGRATION.id);

const FEED = "https://peer.example";

/** Writes a row as the record stores do: insert, or the next version over the old row. */
async function putRow(client: SqlClient, source: "own" | "replica", row: CatalogueSearchRow): Promise<void> {
  const common = [
    row.recordId,
    row.owner,
    row.version,
    `hash-${row.version}`,
    row.recordJson,
    row.searchText,
    row.level,
    row.credits,
    JSON.stringify(row.languages),
    row.mode,
    row.country,
    JSON.stringify(row.audience),
    row.deleted ? 1 : 0,
  ];
  const columns = `record_id, owner, version, record_hash, record_json, search_text, level, credits, languages,
    mode, country, audience, deleted`;
  const update = `owner = excluded.owner, version = excluded.version, record_hash = excluded.record_hash,
    record_json = excluded.record_json, search_text = excluded.search_text, level = excluded.level,
    credits = excluded.credits, languages = excluded.languages, mode = excluded.mode,
    country = excluded.country, audience = excluded.audience, deleted = excluded.deleted`;
  await client.execute(
    source === "own"
      ? {
          sql: `INSERT INTO catalogue_records (${columns}) VALUES (${common.map(() => "?").join(", ")})
            ON CONFLICT (record_id) DO UPDATE SET ${update}`,
          args: common,
        }
      : {
          sql: `INSERT INTO catalogue_replica (${columns}, op, feed) VALUES (${common.map(() => "?").join(", ")}, ?, ?)
            ON CONFLICT (record_id) DO UPDATE SET ${update}, op = excluded.op`,
          args: [...common, row.deleted ? "delete" : "put", FEED],
        },
  );
}

const tableOf = (source: "own" | "replica") => (source === "own" ? "catalogue_records" : "catalogue_replica");

for (const backend of libsqlBackends()) {
  const open = async () => {
    const client = await backend.open();
    await migrate(client);
    return client;
  };

  catalogueSearchContract(backend.name, async () => {
    const client = await open();
    return {
      search: new LibsqlCatalogueSearch(client),
      put: (source, record) => putRow(client, source, searchRowOf(record)),
      tombstone: async (source, recordId, version) => {
        await client.execute({
          sql: `UPDATE ${tableOf(source)} SET version = ?, deleted = 1, search_text = '' WHERE record_id = ?`,
          args: [version, recordId],
        });
      },
      remove: async (source, recordId) => {
        await client.execute({ sql: `DELETE FROM ${tableOf(source)} WHERE record_id = ?`, args: [recordId] });
      },
    };
  });

  describe(`LibsqlCatalogueSearch: ${backend.name}`, () => {
    const found = async (search: LibsqlCatalogueSearch, text: string) =>
      (await search.search({ text, limit: 10 })).hits.map((h) => h.recordId);

    it("hides a replica row the follower hid (an equivocation), and shows it again", async () => {
      const client = await open();
      const search = new LibsqlCatalogueSearch(client);
      await putRow(client, "replica", searchRowOf(SEARCH_SAMPLES.water));
      await client.execute({
        sql: "UPDATE catalogue_replica SET hidden = 1 WHERE record_id = ?",
        args: [SEARCH_SAMPLES.water.id],
      });
      expect(await found(search, "maji")).toEqual([]);
      await client.execute({
        sql: "UPDATE catalogue_replica SET hidden = 0 WHERE record_id = ?",
        args: [SEARCH_SAMPLES.water.id],
      });
      expect(await found(search, "maji")).toEqual([SEARCH_SAMPLES.water.id]);
    });

    it("indexes the records a node held before the migration", async () => {
      const client = await backend.open();
      await migrate(client, { migrations: BEFORE_SEARCH });
      await putRow(client, "own", searchRowOf(SEARCH_SAMPLES.marketing));
      await putRow(client, "replica", searchRowOf(SEARCH_SAMPLES.seniorsDigital));
      await putRow(client, "replica", { ...searchRowOf(SEARCH_SAMPLES.calligraphy), deleted: true });
      await migrate(client);
      const search = new LibsqlCatalogueSearch(client);
      expect(await found(search, "marketing")).toEqual([SEARCH_SAMPLES.marketing.id]);
      expect(await found(search, "数字技能")).toEqual([SEARCH_SAMPLES.seniorsDigital.id]);
      expect(await found(search, "书法")).toEqual([]);
    });

    it("leaves a row's index entry alone when only the follower's bookkeeping changes", async () => {
      const client = await open();
      const search = new LibsqlCatalogueSearch(client);
      await putRow(client, "replica", searchRowOf(SEARCH_SAMPLES.water));
      const before = await client.execute("SELECT doc FROM catalogue_search_docs");
      await client.execute({
        sql: "UPDATE catalogue_replica SET feed = ? WHERE record_id = ?",
        args: ["https://mirror.example", SEARCH_SAMPLES.water.id],
      });
      expect((await client.execute("SELECT doc FROM catalogue_search_docs")).rows).toEqual(before.rows);
      expect(await found(search, "maji")).toEqual([SEARCH_SAMPLES.water.id]);
    });
  });
}
