/**
 * Catalogue federation between real processes on loopback ports: `pnpm start`'s entry point four times (a
 * trust anchor and three accredited centres, each with its own libSQL file). A course created at A reaches
 * B and C by their own timers and A's signed hints; an update wins by version; a deletion disappears
 * everywhere; C, stopped for a while, catches up after its restart; and once quiet, each follower's digest
 * of each feed it follows is the one in that feed's signed checkpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicKeyFromMultibase } from "../../packages/core/src/index.ts";
import { TRUST_MARK_TYPES, verifyCheckpoint } from "../../packages/federation/src/index.ts";
import { type CentreProcess, freePort, startCentreProcess, tempDir } from "../node/centre-process.ts";
import { course } from "./sync-network.ts";

interface Node {
  readonly url: string;
  readonly dir: string;
  readonly env: Record<string, string>;
  process: CentreProcess;
  /** A staff key with scopes admin and achievements. */
  token: string;
}

const running: Node[] = [];
let hq: Node;
let a: Node;
let b: Node;
let c: Node;

async function call(
  node: Node,
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field below.
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${node.url}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      authorization: `Bearer ${init.token ?? node.token}`,
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return { status: response.status, body: type.includes("json") && text ? JSON.parse(text) : text };
}

async function ok(node: Node, path: string, init: Parameters<typeof call>[2] = {}, status = 200) {
  const answer = await call(node, path, init);
  if (answer.status !== status)
    throw new Error(`${node.url}${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Starts a centre on a free port; `env` gives its federation settings, which may name its own URL. */
async function start(name: string, env: (url: string) => Record<string, string>): Promise<Node> {
  const port = await freePort();
  const dir = await tempDir(`learnbridge-sync-${name}-`);
  const url = `http://127.0.0.1:${port}`;
  const full = {
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dir,
    FEDERATION_NAME: `Centre ${name}`,
    ...env(url),
  };
  const process = await startCentreProcess(full, dir);
  const admin = process.adminToken ?? "";
  const node: Node = { url, dir, env: full, process, token: admin };
  const key = await ok(
    node,
    "/api-keys",
    { body: { name: "sync test", scopes: ["admin", "achievements"] }, token: admin },
    201,
  );
  node.token = key.token;
  running.push(node);
  return node;
}

/** Waits until `check` passes (it throws until then). */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The replica of `node`, as [recordId, version, op]. */
const replicaOf = async (node: Node) =>
  (
    (await ok(node, "/federation/replica?limit=500")).records as {
      recordId: string;
      version: number;
      op: string;
    }[]
  ).map((r) => [r.recordId, r.version, r.op]);

/** The verified checkpoint claims of `origin`. */
async function checkpointOf(origin: Node) {
  const jws = await (await fetch(`${origin.url}/federation/feed/checkpoint`)).text();
  const document = (await (await fetch(`${origin.url}/.well-known/did.json`)).json()) as {
    verificationMethod: { id: string; publicKeyMultibase: string }[];
  };
  const verified = await verifyCheckpoint(jws, {
    entityId: origin.url,
    resolveKey: async (kid) => {
      const method = document.verificationMethod.find((m) => m.id === kid);
      return method && publicKeyFromMultibase(method.publicKeyMultibase);
    },
  });
  if (!verified.ok) throw new Error(verified.reason);
  return verified.value.payload;
}

/** Every follower is at the head of every feed it follows, with that feed's signed digest. */
async function expectQuiescent(followers: Node[], nodes: Node[]) {
  for (const follower of followers) {
    const { peers } = await ok(follower, "/federation/peers");
    for (const peer of peers) {
      const origin = nodes.find((n) => n.url === peer.feed) as Node;
      const checkpoint = await checkpointOf(origin);
      expect({
        follower: follower.url,
        feed: peer.feed,
        cursor: peer.cursor,
        digest: peer.stateDigest,
        count: peer.recordCount,
      }).toEqual({
        follower: follower.url,
        feed: peer.feed,
        cursor: checkpoint.head_seq,
        digest: checkpoint.state_digest,
        count: checkpoint.record_count,
      });
    }
  }
}

beforeAll(async () => {
  hq = await start("hq", (url) => ({
    FEDERATION_ROLE: "anchor",
    FEDERATION_TRUST_MARK_ISSUERS: JSON.stringify({ [TRUST_MARK_TYPES.accreditedCentre]: [url] }),
  }));
  // The anchor's keys, pinned in every centre's configuration.
  const configuration = await (await fetch(`${hq.url}/.well-known/openid-federation`)).text();
  const claims = JSON.parse(Buffer.from(configuration.split(".")[1] ?? "", "base64url").toString());
  const anchors = JSON.stringify([{ entityId: hq.url, jwks: claims.jwks }]);
  const leaf = {
    FEDERATION_ROLE: "leaf",
    FEDERATION_AUTHORITY_HINTS: hq.url,
    FEDERATION_TRUST_ANCHORS: anchors,
  };
  [a, b, c] = await Promise.all([start("a", () => leaf), start("b", () => leaf), start("c", () => leaf)]);
  for (const node of [a, b, c]) {
    await ok(hq, "/federation/subordinates", { body: { entityId: node.url } }, 201);
    await ok(
      hq,
      "/federation/trust-marks",
      { body: { type: TRUST_MARK_TYPES.accreditedCentre, sub: node.url } },
      201,
    );
    await ok(node, "/federation/held-trust-marks/refresh", { body: {} });
  }
  for (const [follower, origin] of [
    [b, a],
    [c, a],
    [a, b],
    [a, c],
  ] as const) {
    await ok(follower, "/federation/peers", { body: { feed: origin.url } }, 201);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((n) => n.process.stop("SIGKILL")));
});

describe("catalogue federation between processes", () => {
  it("spreads a course, its update and its deletion from A to B and C", async () => {
    const created = await ok(a, "/catalogue/courses", { body: course("water-101", "Water management") }, 201);
    await ok(a, "/catalogue/courses", { body: course("solar-201", "Solar installation") }, 201);
    for (const node of [b, c]) {
      await eventually(async () =>
        expect(await replicaOf(node)).toEqual([
          [`${a.url}/catalogue/courses/solar-201`, 1, "put"],
          [created.id, 1, "put"],
        ]),
      );
    }
    await ok(a, "/catalogue/courses/water-101", {
      method: "PUT",
      body: course("water-101", "Water management, revised"),
    });
    await ok(a, "/catalogue/courses/solar-201", { method: "DELETE" });
    for (const node of [b, c]) {
      await eventually(async () =>
        expect(await replicaOf(node)).toEqual([
          [`${a.url}/catalogue/courses/solar-201`, 2, "delete"],
          [created.id, 2, "put"],
        ]),
      );
    }
    const held = (await ok(b, `/federation/replica?live=true`)).records[0];
    expect(held.record.title.en).toBe("Water management, revised");
    expect(held.record.proof.verificationMethod).toMatch(/^did:web:127\.0\.0\.1%3A\d+#/);
    expect((await ok(b, "/federation/quarantine")).entries).toEqual([]);
  }, 90_000);

  it("catches up a centre that was stopped for a while, and ends with every signed digest matched", async () => {
    await c.process.stop("SIGTERM");
    for (let i = 1; i <= 5; i++)
      await ok(a, "/catalogue/courses", { body: course(`night-${i}`, `Night class ${i}`) }, 201);
    await ok(a, "/catalogue/courses/night-2", { method: "DELETE" });
    await eventually(async () => expect((await replicaOf(b)).length).toBe(7));
    c.process = await startCentreProcess(c.env, c.dir);
    await eventually(async () => expect(await replicaOf(c)).toEqual(await replicaOf(b)));
    await eventually(() => expectQuiescent([a, b, c], [a, b, c]));
  }, 90_000);
});
