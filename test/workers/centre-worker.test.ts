/**
 * The Worker root as deployed: the bundle wrangler builds, run in workerd (Miniflare) against a real sqld on
 * loopback. Issue, publish, verify, revoke, verify again; and a Worker without MASTER_KEY refuses to serve.
 * Requests are dispatched in-process; the only sockets are loopback ones (workerd -> sqld).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWorkerBundle,
  type SqldServer,
  startSqld,
  startWorker,
  type WorkerBundle,
} from "../../workers/centre/src/testing/index.ts";

const ORIGIN = "https://worker-centre.example";
const b64url = (bytes: number) => randomBytes(bytes).toString("base64url");
const ADMIN_TOKEN = `lbk_${b64url(9)}_${b64url(32)}`;

const CREDENTIAL = {
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  ],
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  name: "Solar Installation Basics",
  credentialSubject: {
    type: ["AchievementSubject"],
    id: "did:example:learner-lima",
    achievement: {
      id: `${ORIGIN}/achievements/solar-101`,
      type: ["Achievement"],
      name: "Solar Installation Basics",
      description: "Safe installation of small photovoltaic systems.",
      criteria: { narrative: "Passed the practical assessment." },
    },
  },
};

let bundle: WorkerBundle | undefined;
let sqld: SqldServer | undefined;
const workers: { dispose(): Promise<void> }[] = [];

beforeAll(async () => {
  const [built, started] = await Promise.allSettled([buildWorkerBundle({ timeoutMs: 120_000 }), startSqld()]);
  // Keep whichever started, so that afterAll cleans it up even when the other failed.
  if (started.status === "fulfilled") sqld = started.value;
  if (built.status === "fulfilled") bundle = built.value;
  if (built.status === "rejected") throw built.reason;
  if (started.status === "rejected") throw started.reason;
  const { bytes, gzipBytes, buildMs } = built.value;
  console.info(`worker bundle: ${bytes} bytes, ${gzipBytes} gzip, built in ${Math.round(buildMs)} ms`);
}, 150_000);

afterAll(async () => {
  await Promise.all(workers.splice(0).map((mf) => mf.dispose()));
  await sqld?.stop();
  await bundle?.remove();
});

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field below.
type Answer = { status: number; type: string; body: any };

async function worker(bindings: Record<string, string>) {
  if (!bundle) throw new TypeError("the bundle is built in beforeAll");
  const mf = await startWorker(bundle, bindings);
  workers.push(mf);
  return async (
    path: string,
    init: { method?: string; body?: unknown; token?: string } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const response = await mf.dispatchFetch(`${ORIGIN}${path}`, {
      method: init.method ?? "GET",
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return {
      status: response.status,
      type: response.headers.get("content-type") ?? "",
      body: await response.json(),
    };
  };
}

describe("the centre on Workers (built bundle in workerd, sqld on loopback)", () => {
  it("publishes its DID, issues, serves the status list, verifies, revokes", async () => {
    const call = await worker({
      PUBLIC_URL: ORIGIN,
      DATABASE_URL: sqld?.url ?? "",
      MASTER_KEY: b64url(32),
      ADMIN_TOKEN,
    });
    const did = "did:web:worker-centre.example";
    const document = await call("/.well-known/did.json");
    expect(document.status).toBe(200);
    expect(document.body.id).toBe(did);

    const issued = await call("/credentials/issue", {
      method: "POST",
      token: ADMIN_TOKEN,
      body: { credential: CREDENTIAL },
    });
    expect(issued.status).toBe(201);
    const vc = issued.body.verifiableCredential;
    expect(vc.issuer).toBe(did);
    expect(vc.proof.verificationMethod.startsWith(`${did}#`)).toBe(true);

    const verified = await call("/credentials/verify", {
      method: "POST",
      body: { verifiableCredential: vc },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.verified).toBe(true);

    const listUrl = new URL(vc.credentialStatus.statusListCredential);
    expect(listUrl.origin).toBe(ORIGIN);
    const list = await call(listUrl.pathname);
    expect(list.status).toBe(200);
    expect(list.body.type).toContain("BitstringStatusListCredential");
    expect(list.body.issuer).toBe(did);
    expect(list.body.proof).toBeDefined();

    const revoked = await call("/credentials/status", {
      method: "POST",
      token: ADMIN_TOKEN,
      body: {
        credentialId: vc.id,
        credentialStatus: [{ type: "BitstringStatusListEntry", status: "revoked" }],
      },
    });
    expect(revoked.status).toBe(200);
    const after = await call("/credentials/verify", { method: "POST", body: { verifiableCredential: vc } });
    expect(after.status).toBe(422);
    expect(after.body.checks.find((c: { name: string }) => c.name === "status")).toMatchObject({
      outcome: "fail",
      code: "STATUS_REVOKED",
    });
  });

  it("without MASTER_KEY answers 500 with a problem naming it", async () => {
    const call = await worker({ PUBLIC_URL: ORIGIN, DATABASE_URL: sqld?.url ?? "" });
    const answer = await call("/.well-known/did.json");
    expect(answer.status).toBe(500);
    expect(answer.type).toBe("application/problem+json");
    expect(answer.body).toMatchObject({ status: 500, code: "INTERNAL" });
    expect(answer.body.detail).toContain("MASTER_KEY");
    expect(answer.body.problems).toEqual([{ variable: "MASTER_KEY", reason: expect.any(String) }]);
  });

  it("with its database unreachable answers 500 and retries on the next request", async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const call = await worker({
      PUBLIC_URL: ORIGIN,
      DATABASE_URL: "http://127.0.0.1:1",
      MASTER_KEY: b64url(32),
    });
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await call("/.well-known/did.json");
      expect(answer.status).toBe(500);
      expect(answer.body).toMatchObject({
        code: "INTERNAL",
        detail: expect.stringContaining("could not start"),
      });
    }
  });
});
