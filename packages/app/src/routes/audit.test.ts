import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { getWith, issueViaApi, testCentre } from "../test-support/test-centre.ts";

describe("GET /audit", () => {
  it("pages the log in order for an admin key", async () => {
    const centre = await testCentre();
    for (let i = 0; i < 3; i++) await issueViaApi(centre);
    const admin = await centre.token("admin");
    const first = (await (await getWith(centre.app, "/audit?limit=2", admin)).json()) as {
      entries: { seq: number; action: string }[];
      next?: number;
    };
    expect(first.entries.map((e) => e.action)).toEqual(["credential.issue", "credential.issue"]);
    expect(first.next).toBe(first.entries[1]?.seq);
    const rest = (await (
      await getWith(centre.app, `/audit?after=${first.next}`, admin)
    ).json()) as typeof first;
    expect(rest.entries).toHaveLength(1);
    expect(rest.next).toBeUndefined();
  });

  it("names a bad query and needs the admin scope", async () => {
    const centre = await testCentre();
    const admin = await centre.token("admin");
    await expectProblem(await getWith(centre.app, "/audit?after=-1", admin), 400, "BAD_REQUEST");
    await expectProblem(await getWith(centre.app, "/audit?limit=501", admin), 400, "BAD_REQUEST");
    await expectProblem(await getWith(centre.app, "/audit", await centre.token("issue", "revoke")), 403);
    await expectProblem(await getWith(centre.app, "/audit"), 401, "UNAUTHORIZED");
  });
});
