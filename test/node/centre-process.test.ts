/**
 * The Node root as a real process: start it on a loopback port (HTTP, and HTTPS with a self-signed
 * certificate), issue over the VC API, fetch the DID document and the status list, verify, revoke, verify
 * again, restart: the same DID and keys.
 */
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CentreProcess,
  CREDENTIAL,
  freePort,
  selfSignedCertificate,
  startCentreProcess,
  tempDir,
} from "./centre-process.ts";

const running: CentreProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop("SIGKILL")));
});

type Fetch = (
  path: string,
  init?: { method?: string; body?: unknown; token?: string },
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field below.
) => Promise<{ status: number; body: any }>;

function client(base: string, ca?: Buffer): Fetch {
  return async (path, init = {}) => {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    if (!ca) {
      const response = await fetch(`${base}${path}`, {
        method: init.method ?? "GET",
        headers,
        ...(body ? { body } : {}),
      });
      return { status: response.status, body: await response.json() };
    }
    // fetch cannot be told to trust one certificate; node:https can.
    return new Promise((resolve, reject) => {
      const req = httpsRequest(`${base}${path}`, { method: init.method ?? "GET", headers, ca }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on("error", reject);
      req.end(body);
    });
  };
}

async function lifecycle(call: Fetch, token: string, did: string) {
  const didDocument = await call("/.well-known/did.json");
  expect(didDocument.status).toBe(200);
  expect(didDocument.body.id).toBe(did);

  const issued = await call("/credentials/issue", {
    method: "POST",
    token,
    body: { credential: CREDENTIAL },
  });
  expect(issued.status).toBe(201);
  const vc = issued.body.verifiableCredential;
  expect(vc.issuer).toBe(did);
  expect(vc.proof.verificationMethod.startsWith(`${did}#`)).toBe(true);

  const listUrl = new URL(vc.credentialStatus.statusListCredential);
  const list = await call(listUrl.pathname);
  expect(list.status).toBe(200);
  expect(list.body.type).toContain("BitstringStatusListCredential");

  const verified = await call("/credentials/verify", { method: "POST", body: { verifiableCredential: vc } });
  expect(verified.status).toBe(200);
  expect(verified.body.verified).toBe(true);

  const revoked = await call("/credentials/status", {
    method: "POST",
    token,
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
  // The audit log says who and from where: the admin key, from the loopback peer.
  const audit = await call("/audit", { token });
  const entries = audit.body.entries;
  const revocation = entries.find((e: { action: string }) => e.action === "credential.revoke");
  expect(revocation.subject).toBe(vc.id);
  expect(revocation.origin).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  return didDocument.body;
}

describe("the Node centre as a process", () => {
  it("over HTTP: issues, publishes, verifies, revokes; after a restart, the same DID and keys", async () => {
    const cwd = await tempDir("learnbridge-centre-");
    const port = await freePort();
    const first = await startCentreProcess({ PORT: String(port) }, cwd);
    running.push(first);
    expect(first.did).toBe(`did:web:127.0.0.1%3A${port}`);
    expect(first.adminToken).toMatch(/^lbk_/);
    const call = client(`http://127.0.0.1:${port}`);
    const document = await lifecycle(call, first.adminToken ?? "", first.did);

    await first.stop();
    const second = await startCentreProcess({ PORT: String(port) }, cwd);
    running.push(second);
    expect(second.did).toBe(first.did);
    expect(second.adminToken).toBeUndefined();
    expect((await call("/.well-known/did.json")).body).toEqual(document);
    // The first admin token still works after the restart.
    const list = await call("/credentials", { token: first.adminToken ?? "" });
    expect(list.status).toBe(200);
  });

  it("over HTTPS with a self-signed certificate (and encrypted OpenID4VP answers by default)", async () => {
    const cwd = await tempDir("learnbridge-centre-tls-");
    const { cert, key } = selfSignedCertificate(cwd);
    const port = await freePort();
    const env = { PORT: String(port), TLS_CERT: cert, TLS_KEY: key, OID4VP_RESPONSE_MODE: "direct_post.jwt" };
    const centre = await startCentreProcess(env, cwd);
    running.push(centre);
    expect(centre.output()).toContain(`https://127.0.0.1:${port}`);
    const call = client(`https://127.0.0.1:${port}`, readFileSync(cert));
    await lifecycle(call, centre.adminToken ?? "", centre.did);
    // OID4VP_RESPONSE_MODE reached the verifier: a request that names no mode asks for an encrypted answer.
    const request = await call("/oid4vp/requests", { method: "POST", body: { issuer: centre.did } });
    expect(request.status).toBe(201);
    expect(request.body.responseMode).toBe("direct_post.jwt");
  });

  it("refuses to start on invalid configuration, naming the variable", async () => {
    const cwd = await tempDir("learnbridge-centre-bad-");
    await expect(startCentreProcess({ PORT: "eighty" }, cwd)).rejects.toThrow(
      /PORT: 'eighty' is not a port number/,
    );
  });
});
