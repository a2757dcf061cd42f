/**
 * Issuance under concurrency, against the Node centre as a real process on an embedded libSQL file: 1,000
 * simultaneous issues over loopback HTTP get 1,000 distinct ids and status entries, which the centre's own
 * records and published status list agree with; 200 simultaneous retries of one request key issue once.
 */
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CentreProcess,
  CREDENTIAL,
  freePort,
  startCentreProcess,
  tempDir,
} from "../node/centre-process.ts";

const running: CentreProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop("SIGKILL")));
});

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field below.
type Answer = { status: number; body: any };

interface Centre {
  readonly base: string;
  readonly token: string;
  readonly child: CentreProcess;
}

async function startCentre(): Promise<Centre> {
  const port = await freePort();
  const child = await startCentreProcess({ PORT: String(port) }, await tempDir("learnbridge-concurrency-"));
  running.push(child);
  return { base: `http://127.0.0.1:${port}`, token: child.adminToken ?? "", child };
}

async function call(centre: Centre, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${centre.base}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      authorization: `Bearer ${centre.token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** Every id the centre lists, newest first, a page at a time (the API's largest page is 100). */
async function listedIds(centre: Centre): Promise<string[]> {
  const ids: string[] = [];
  for (let before: string | undefined; ; ) {
    const page = await call(
      centre,
      `/credentials?limit=100${before ? `&before=${encodeURIComponent(before)}` : ""}`,
    );
    expect(page.status).toBe(200);
    ids.push(...page.body.credentials.map((c: { id: string }) => c.id));
    if (!page.body.next) return ids;
    before = page.body.next;
  }
}

/** The number of entries of a published BitstringStatusListCredential, from its encodedList. */
async function publishedListLength(centre: Centre, url: string): Promise<number> {
  const list = await call(centre, new URL(url).pathname);
  expect(list.status).toBe(200);
  const encoded: string = list.body.credentialSubject.encodedList;
  expect(encoded[0]).toBe("u");
  return gunzipSync(Buffer.from(encoded.slice(1), "base64url")).length * 8;
}

describe("issuance under concurrency (Node centre, embedded libSQL file)", { timeout: 180_000 }, () => {
  it("1,000 simultaneous issues: 1,000 credentials, distinct ids and status entries, all recorded", async () => {
    const centre = await startCentre();
    const answers = await Promise.all(
      Array.from({ length: 1_000 }, () => call(centre, "/credentials/issue", { credential: CREDENTIAL })),
    );
    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses), JSON.stringify(answers.find((a) => a.status !== 201)?.body)).toEqual(
      {
        201: 1_000,
      },
    );

    const credentials = answers.map((a) => a.body.verifiableCredential);
    const ids = credentials.map((vc) => vc.id as string);
    expect(new Set(ids).size).toBe(1_000);
    const entries = credentials.map((vc) => ({
      list: vc.credentialStatus.statusListCredential as string,
      index: Number(vc.credentialStatus.statusListIndex),
    }));
    expect(new Set(entries.map((e) => `${e.list}#${e.index}`)).size).toBe(1_000);

    const listed = await listedIds(centre);
    expect(listed).toHaveLength(1_000);
    expect(new Set(listed)).toEqual(new Set(ids));

    const lists = [...new Set(entries.map((e) => e.list))];
    for (const list of lists) {
      const length = await publishedListLength(centre, list);
      for (const e of entries.filter((x) => x.list === list)) {
        expect(Number.isSafeInteger(e.index) && e.index >= 0 && e.index < length).toBe(true);
      }
    }
    expect(centre.child.output()).not.toMatch(/SQLITE_BUSY|SQLITE_LOCKED|Error/);
  });

  it("200 simultaneous issues with one requestKey: one credential, one 201, every other answer 200 with it", async () => {
    const centre = await startCentre();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        call(centre, "/credentials/issue", { credential: CREDENTIAL, options: { requestKey: "same" } }),
      ),
    );
    const summary = answers.map(
      (a) => `${a.status} ${a.body.verifiableCredential?.id ?? JSON.stringify(a.body)}`,
    );
    const byAnswer = new Map<string, number>();
    for (const s of summary) byAnswer.set(s, (byAnswer.get(s) ?? 0) + 1);
    const created = answers.filter((a) => a.status === 201);
    expect(created, JSON.stringify(Object.fromEntries(byAnswer))).toHaveLength(1);
    const id = created[0]?.body.verifiableCredential.id;
    expect(Object.fromEntries(byAnswer)).toEqual({ [`201 ${id}`]: 1, [`200 ${id}`]: 199 });
    // Every answer is the very same signed credential, not merely one with the same id.
    const first = JSON.stringify(created[0]?.body);
    for (const a of answers) expect(JSON.stringify(a.body)).toBe(first);

    expect(await listedIds(centre)).toEqual([id]);
  });
});
