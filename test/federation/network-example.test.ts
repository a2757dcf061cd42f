/**
 * `pnpm network` briefly: the example network starts as four real centre processes on loopback, and every
 * catalogue reaches every node: a Chinese query at the overseas centre finds the seniors' university's
 * course, a Swahili query at the seniors' university finds Nairobi's, each as a followed record titled in
 * the reader's language; the sample credential from Nairobi verifies elsewhere with its chain named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningNetwork, startNetwork } from "../../examples/network/src/network.ts";

let network: RunningNetwork;

// Starting four processes and converging take a few seconds; the margin is for a loaded CI machine.
beforeAll(async () => {
  network = await startNetwork({ basePort: 0, convergeTimeoutMs: 40_000 });
}, 60_000);
afterAll(async () => {
  await network?.stop();
}, 30_000);

interface Result {
  id: string;
  owner: string;
  source: string;
  title: string;
  titleLanguage: string;
}

async function search(url: string, query: string): Promise<Result[]> {
  const response = await fetch(`${url}/catalogue/search?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: Result[] }).results;
}

describe("examples/network", () => {
  it("finds a Chinese query at Nairobi in the seniors' university's catalogue", async () => {
    const { nairobi, seniors } = network.centres;
    const results = await search(nairobi.url, `q=${encodeURIComponent("数字技能")}&lang=zh`);
    expect(results.map((r) => [r.id, r.owner, r.source, r.title, r.titleLanguage])).toEqual([
      [
        `${seniors.url}/catalogue/courses/smartphones-for-seniors`,
        seniors.did,
        "replica",
        "老年人数字技能入门",
        "zh",
      ],
    ]);
  });

  it("finds a Swahili query at the seniors' university in Nairobi's catalogue", async () => {
    const { nairobi, seniors } = network.centres;
    const results = await search(seniors.url, `q=${encodeURIComponent("usimamizi wa maji")}&lang=sw`);
    expect(results.map((r) => [r.id, r.owner, r.source, r.title, r.titleLanguage])).toEqual([
      [
        `${nairobi.url}/catalogue/courses/water-management`,
        nairobi.did,
        "replica",
        "Usimamizi wa maji",
        "sw",
      ],
    ]);
  });

  it("finds the anchor's own course, accredited by its own marks, at Nairobi in Swahili", async () => {
    const { headquarters, nairobi } = network.centres;
    const results = await search(nairobi.url, `q=${encodeURIComponent("kichina")}&lang=sw`);
    expect(results.map((r) => [r.id, r.owner, r.source, r.title, r.titleLanguage])).toEqual([
      [
        `${headquarters.url}/catalogue/courses/mandarin-for-beginners`,
        headquarters.did,
        "replica",
        "Kichina kwa wanaoanza",
        "sw",
      ],
    ]);
  });

  it("holds every course of the network at every node, and filters them", async () => {
    // What the filter must find: every planned course for seniors at EQF level 1 or 2, whoever owns it.
    const wanted = Object.values(network.centres)
      .flatMap((c) =>
        c.plan.courses
          .filter((course) => course.audience.includes("seniors") && course.level.value <= 2)
          .map((course) => `${c.url}/catalogue/courses/${course.slug}`),
      )
      .sort();
    expect(wanted.length).toBeGreaterThanOrEqual(4);
    for (const centre of Object.values(network.centres)) {
      expect((await search(centre.url, "limit=100")).length).toBe(network.courseCount);
      const seniors = await search(centre.url, "audience=seniors&level=1-2&limit=100");
      expect(seniors.map((r) => r.id).sort()).toEqual(wanted);
    }
  });

  it("verifies Nairobi's credential at another centre, naming the anchor and the intermediate", () => {
    const { sample, centres } = network;
    expect({ status: sample.status, verified: sample.verified, outcome: sample.trust?.outcome }).toEqual({
      status: 200,
      verified: true,
      outcome: "pass",
    });
    expect(sample.trust?.message).toContain(centres.headquarters.plan.name);
    expect(sample.trust?.message).toContain(`via ${centres.branch.plan.name}`);
  });
});
