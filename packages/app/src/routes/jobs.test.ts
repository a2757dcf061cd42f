import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { getWith, postJson, testCentre } from "../test-support/test-centre.ts";

const row = (i: number, extra: Record<string, unknown> = {}) => ({
  learner_did: `did:example:learner-${i}`,
  achievement_id: "https://centre.example/achievements/data-101",
  achievement_name: "Data Analysis Foundations",
  achievement_description: "Cleans and summarises tabular data.",
  criteria: "Passed the final assessment.",
  ...extra,
});

const CSV = [
  "learner_did,learner_email,achievement_id,achievement_name,achievement_description,criteria,grade,credits",
  "did:example:a,,https://centre.example/achievements/data-101,Data Analysis,Tabular data,Passed,A,3",
  ",b@example.org,https://centre.example/achievements/data-101,Data Analysis,Tabular data,Passed,,",
  "did:example:c,,not-a-url,Data Analysis,Tabular data,Passed,B,1",
].join("\r\n");

const postCsv = (
  app: Awaited<ReturnType<typeof testCentre>>["app"],
  query: string,
  body: string,
  token: string,
) =>
  app.request(`/jobs${query}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "text/csv; charset=utf-8", Authorization: `Bearer ${token}` },
  });

describe("bulk issuance jobs", () => {
  it("takes JSON rows: 202 with Location, runs them, reports progress and per-row outcomes", async () => {
    const centre = await testCentre();
    const token = await centre.token("issue");
    const response = await postJson(
      centre.app,
      "/jobs",
      { rows: [row(1), row(2, { learner_did: "nope" }), row(3)], format: "jwt_vc", jobKey: "cohort-7" },
      { token },
    );
    expect(response.status).toBe(202);
    const { job } = (await response.json()) as { job: { id: string } };
    expect(job).toMatchObject({ kind: "issue", format: "jwt_vc", total: 3, pending: 3, jobKey: "cohort-7" });
    expect(response.headers.get("location")).toBe(`https://centre.example/jobs/${job.id}`);
    await centre.jobRunner.enqueue(job.id);

    const progress = await getWith(centre.app, `/jobs/${job.id}`, token);
    expect(await progress.json()).toMatchObject({
      id: job.id,
      state: "done",
      total: 3,
      issued: 2,
      failed: 1,
      pending: 0,
    });
    const failed = (await (await getWith(centre.app, `/jobs/${job.id}/rows?state=failed`, token)).json()) as {
      rows: unknown[];
    };
    expect(failed.rows).toEqual([
      {
        row: 2,
        state: "failed",
        error: { code: "DID_INVALID", message: "learner_did is not a DID: nope" },
        input: row(2, { learner_did: "nope" }),
      },
    ]);
    const page = (await (await getWith(centre.app, `/jobs/${job.id}/rows?limit=1`, token)).json()) as {
      rows: { row: number; credentialId: string }[];
      next: number;
    };
    expect(page.rows.map((r) => r.row)).toEqual([1]);
    expect(page.next).toBe(1);
    const issued = await getWith(
      centre.app,
      `/credentials/${encodeURIComponent(page.rows[0]?.credentialId ?? "")}`,
      token,
    );
    expect(issued.status).toBe(200);
    expect(
      ((await issued.json()) as { verifiableCredential: { type: string } }).verifiableCredential.type,
    ).toBe("EnvelopedVerifiableCredential");
  });

  it("takes CSV from a spreadsheet (format and jobKey in the query); a resubmission is 200 and issues nothing", async () => {
    const centre = await testCentre();
    const token = await centre.token("issue");
    const first = await postCsv(centre.app, "?jobKey=spring", CSV, token);
    expect(first.status).toBe(202);
    const { job } = (await first.json()) as { job: { id: string } };
    await centre.jobRunner.enqueue(job.id);
    const again = await postCsv(centre.app, "?jobKey=spring", CSV, token);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { job: { id: string; state: string } }).job).toMatchObject({
      id: job.id,
      state: "done",
      issued: 2,
      failed: 1,
    });
    await centre.jobRunner.enqueue(job.id);
    expect(await centre.credentials.list()).toHaveLength(2);
    const sameRows = await postJson(centre.app, "/jobs", { rows: [row(1)] }, { token });
    const sameRowsAgain = await postJson(centre.app, "/jobs", { rows: [row(1)] }, { token });
    expect([sameRows.status, sameRowsAgain.status]).toEqual([202, 200]);
    await expectProblem(
      await postCsv(centre.app, "?jobKey=spring", CSV.split("\r\n").slice(0, -1).join("\r\n"), token),
      409,
      "CONFLICT",
    );
    const audit = await centre.audit.list();
    expect(audit.filter((e) => e.action === "job.create").map((e) => e.subject)).toHaveLength(2);
  });

  it("names what is wrong with a submission: 400, 413, 415", async () => {
    const centre = await testCentre({ limits: { maxJobRows: 3, maxJobBodyBytes: 4096 } });
    const token = await centre.token("issue");
    const cases: [unknown, string, string?][] = [
      [{}, "BAD_REQUEST", "rows"],
      [{ rows: [] }, "BAD_REQUEST", "rows"],
      [{ rows: [row(1), "x"] }, "BAD_REQUEST", "rows[1]"],
      [{ rows: [row(1)], format: "mso_mdoc" }, "BAD_REQUEST", "format"],
      [{ rows: [row(1)], jobKey: 7 }, "BAD_REQUEST", "jobKey"],
      ["{no", "MALFORMED_JSON"],
    ];
    for (const [body, code, field] of cases) {
      const problem = await expectProblem(await postJson(centre.app, "/jobs", body, { token }), 400, code);
      if (field) expect(problem.field).toBe(field);
    }
    const tooMany = await postJson(
      centre.app,
      "/jobs",
      { rows: [row(1), row(2), row(3), row(4)] },
      { token },
    );
    expect((await expectProblem(tooMany, 413, "PAYLOAD_TOO_LARGE")).maxRows).toBe(3);
    const big = await postJson(
      centre.app,
      "/jobs",
      { rows: [row(1, { grade: "x".repeat(5000) })] },
      { token },
    );
    await expectProblem(big, 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(await postCsv(centre.app, "", "learner_did,colour\n", token), 400, "BAD_REQUEST");
    await expectProblem(await postCsv(centre.app, "?format=pdf", CSV, token), 400, "BAD_REQUEST");
    const xml = await centre.app.request("/jobs", {
      method: "POST",
      body: "<rows/>",
      headers: { "Content-Type": "application/xml", Authorization: `Bearer ${token}` },
    });
    await expectProblem(xml, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(xml.headers.get("accept-post")).toBe("application/json, text/csv");
    // CSV is for this route only.
    const elsewhere = await centre.app.request("/credentials/issue", {
      method: "POST",
      body: CSV,
      headers: { "Content-Type": "text/csv", Authorization: `Bearer ${token}` },
    });
    await expectProblem(elsewhere, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(await centre.jobs.unfinished()).toEqual([]);
  });

  it("needs scope issue, and answers 404 for an unknown job or 400 for a bad query", async () => {
    const centre = await testCentre();
    await expectProblem(await postJson(centre.app, "/jobs", { rows: [row(1)] }), 401, "UNAUTHORIZED");
    const revoker = await centre.token("revoke");
    await expectProblem(
      await postJson(centre.app, "/jobs", { rows: [row(1)] }, { token: revoker }),
      403,
      "FORBIDDEN",
    );
    await expectProblem(await getWith(centre.app, "/jobs/x", revoker), 403, "FORBIDDEN");
    const token = await centre.token("issue");
    await expectProblem(await getWith(centre.app, "/jobs/nope", token), 404, "NOT_FOUND");
    await expectProblem(await getWith(centre.app, "/jobs/nope/rows", token), 404, "NOT_FOUND");
    const { job } = (await (await postJson(centre.app, "/jobs", { rows: [row(1)] }, { token })).json()) as {
      job: { id: string };
    };
    for (const query of ["state=lost", "after=-1", "limit=0", "limit=501"]) {
      await expectProblem(
        await getWith(centre.app, `/jobs/${job.id}/rows?${query}`, token),
        400,
        "BAD_REQUEST",
      );
    }
  });
});
