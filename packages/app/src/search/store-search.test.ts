import { MemoryCourseRepository } from "@learnbridge/catalogue";
import { sampleCourse, sampleTombstone } from "@learnbridge/catalogue/testing";
import type { ReplicaRecord, ReplicaStore } from "@learnbridge/federation";
import { describe, expect, it } from "vitest";
import { searchOverStores } from "./store-search.ts";

/** The replica port's listing as the stores answer it: by record id, after `after`, live rows when asked. */
function replicaOf(rows: readonly ReplicaRecord[]): Pick<ReplicaStore, "listRecords"> {
  return {
    listRecords: async (query = {}) =>
      rows
        .filter((r) => !query.liveOnly || (r.op === "put" && !r.hidden))
        .filter((r) => query.after === undefined || r.recordId > query.after)
        .sort((a, b) => (a.recordId < b.recordId ? -1 : 1))
        .slice(0, query.limit ?? 50),
  };
}

const replicaRow = (
  slug: string,
  title: Record<string, string>,
  extra: Partial<ReplicaRecord> = {},
): ReplicaRecord => {
  const record = sampleCourse(slug, 1, { title, description: { en: "A followed course." } });
  return {
    recordId: record.id,
    owner: record.owner,
    version: 1,
    recordHash: "h",
    op: "put",
    record: record as unknown as ReplicaRecord["record"],
    hidden: false,
    feed: "https://peer.example",
    ...extra,
  };
};

describe("searchOverStores", () => {
  it("finds own courses across pages of the port, and live replica rows only", async () => {
    const courses = new MemoryCourseRepository();
    for (let i = 0; i < 520; i++) {
      await courses.put(
        sampleCourse(`course-${String(i).padStart(3, "0")}`, 1, {
          title: { en: `Course ${i}` },
          description: { en: "Other." },
        }),
      );
    }
    await courses.put(
      sampleCourse("gone", 1, { title: { en: "Vanished maji" }, description: { en: "Gone." } }),
    );
    await courses.put(sampleTombstone("gone", 2));
    await courses.put(
      sampleCourse("last", 1, { title: { sw: "Usimamizi wa maji" }, description: { en: "Water." } }),
    );
    const replica = replicaOf([
      replicaRow("replica-water", { zh: "水资源管理", sw: "Maji safi" }),
      replicaRow("replica-hidden", { sw: "Maji ya siri" }, { hidden: true }),
      replicaRow("replica-deleted", { sw: "Maji yaliyofutwa" }, { op: "delete" }),
    ]);
    const search = searchOverStores({ courses, replica });
    const page = await search.search({ text: "maji", limit: 10 });
    expect(page.hits.map((h) => [h.recordId.split("/").at(-1), h.source]).sort()).toEqual([
      ["last", "own"],
      ["replica-water", "replica"],
    ]);
    expect((await search.search({ limit: 100, offset: 500 })).hits).toHaveLength(22);
  });
});
