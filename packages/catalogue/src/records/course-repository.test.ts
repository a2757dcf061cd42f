import { courseRepositoryContract, type PublishedChange } from "../testing/course-repository-contract.ts";
import {
  type CatalogueAuditEntry,
  type CataloguePublication,
  MemoryCourseRepository,
} from "./course-repository.ts";

courseRepositoryContract("memory", async ({ failingFeed }) => {
  const entries: CatalogueAuditEntry[] = [];
  const changes: PublishedChange[] = [];
  // The feed as the catalogue sees it; the federation's MemoryFeedLog passes the same shape.
  const feed: CataloguePublication = {
    async append({ op, recordId, version, recordHash }) {
      if (failingFeed) throw new Error("the feed is unavailable");
      changes.push({ op, recordId, version, recordHash });
      return { ok: true };
    },
  };
  const audit = { append: async (entry: CatalogueAuditEntry) => void entries.push(entry) };
  return {
    repository: new MemoryCourseRepository({ audit, feed }),
    audited: async () => entries,
    published: async () => changes,
  };
});
