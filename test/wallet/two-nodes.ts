/**
 * Test support for the end-to-end wallet test: centre nodes assembled in this process (`assembleCentre` on
 * in-memory stores, with the offer, nonce and presentation request stores on), each served over real HTTP on
 * 127.0.0.1 at an ephemeral port. Their did:web is the loopback origin, so every node and the wallet resolve
 * each other's DIDs and status lists over loopback HTTP, which the network options allow for 127.0.0.1 only.
 */
import { assembleCentre } from "../../packages/app/src/assemble.ts";
import { memoryCentreStores } from "../../packages/app/src/test-support/memory-centre-stores.ts";
import { randomBytes } from "../../packages/core/src/index.ts";
import {
  MemoryNonceStore,
  MemoryOfferStore,
  MemoryPresentationRequestStore,
} from "../../packages/exchange/src/index.ts";
import { createApiKey, MemoryAuditLog } from "../../packages/issuer/src/index.ts";
import { type LoopbackServer, serveOnLoopback } from "../../packages/wallet/src/testing/serve.ts";

const loopbackOnly = (host: string) => /^127\.0\.0\.1:\d+$/.test(host);

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field by the tests.
export type Json = any;

/** A running node: its origin, DID, an admin token, and a JSON client for its API. */
export interface RunningNode {
  readonly url: string;
  readonly did: string;
  readonly token: string;
  call(
    path: string,
    init?: { method?: string; body?: unknown; token?: string },
  ): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

/** Starts one node on loopback. */
export async function startNode(): Promise<RunningNode> {
  let handle: (request: Request) => Response | Promise<Response> = () =>
    new Response("starting", { status: 503 });
  const server: LoopbackServer = await serveOnLoopback((request) => handle(request));
  const audit = new MemoryAuditLog();
  const stores = memoryCentreStores({
    audit,
    offers: new MemoryOfferStore({ audit }),
    offerNonces: new MemoryNonceStore(),
    presentationRequests: new MemoryPresentationRequestStore(),
  });
  const centre = await assembleCentre({
    publicUrl: server.url,
    stores,
    masterKey: randomBytes(32),
    // Other nodes' did:web documents and status lists are on loopback too.
    network: { allowPrivateNetwork: true, allowHttp: loopbackOnly },
  });
  handle = (request) => centre.app.fetch(request);
  const { token } = await createApiKey(stores.apiKeys, {
    name: "e2e",
    scopes: ["admin", "issue", "achievements"],
  });
  return {
    url: server.url,
    did: centre.did,
    token,
    async call(path, init = {}) {
      const response = await fetch(`${server.url}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
          authorization: `Bearer ${init.token ?? token}`,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await response.text();
      let body: Json = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body };
    },
    close: () => server.close(),
  };
}
