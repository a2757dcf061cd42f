/**
 * The search a centre gets when its stores bring no index of their own (the in-memory centres of tests and
 * examples): the in-memory twin reading the own catalogue and the replica through their ports, page by
 * page, on every search. The libSQL stores bring `LibsqlCatalogueSearch` (FTS5) instead.
 */
import {
  type CatalogueEntry,
  type CatalogueSearch,
  type CatalogueSearchRow,
  type CourseRepository,
  catalogueColumnsOf,
  MemoryCatalogueSearch,
} from "@learnbridge/catalogue";
import type { ReplicaStore } from "@learnbridge/federation";

const PAGE = 500;

/** Every row of a paged list, in order. */
async function* paged<T>(
  list: (after: string | undefined) => Promise<readonly T[]>,
  idOf: (item: T) => string,
): AsyncIterable<T> {
  for (let after: string | undefined, page = await list(after); page.length > 0; page = await list(after)) {
    yield* page;
    if (page.length < PAGE) return;
    after = idOf(page.at(-1) as T);
  }
}

/** A search over the own catalogue and the replica, through their ports. */
export function searchOverStores(stores: {
  readonly courses?: Pick<CourseRepository, "list">;
  readonly replica?: Pick<ReplicaStore, "listRecords">;
}): CatalogueSearch {
  const { courses, replica } = stores;
  return new MemoryCatalogueSearch({
    sources: {
      ...(courses
        ? {
            own: async function* (): AsyncIterable<CatalogueSearchRow> {
              const entries = paged(
                (after) => courses.list({ ...(after ? { after } : {}), limit: PAGE }),
                (e) => e.id,
              );
              for await (const entry of entries) yield catalogueColumnsOf(entry);
            },
          }
        : {}),
      ...(replica
        ? {
            replica: async function* (): AsyncIterable<CatalogueSearchRow> {
              const rows = paged(
                (after) => replica.listRecords({ liveOnly: true, ...(after ? { after } : {}), limit: PAGE }),
                (r) => r.recordId,
              );
              for await (const row of rows) yield catalogueColumnsOf(row.record as unknown as CatalogueEntry);
            },
          }
        : {}),
    },
  });
}
