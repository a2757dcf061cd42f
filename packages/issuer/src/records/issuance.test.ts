import { randomBytes } from "@learnbridge/core";
import {
  addDataIntegrityProof,
  buildAchievementCredential,
  createKeyResolver,
  issueStatusListCredential,
  MemoryStatusListRepository,
  readStatusList,
  StatusListAllocator,
  verifyCredential,
} from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { MemoryAuditLog } from "../audit/audit-log.ts";
import { CentreKeys } from "../keys/centre-keys.ts";
import { MemoryKeyRepository } from "../keys/key-repository.ts";
import { createKeyVault } from "../keys/key-vault.ts";
import { MemoryCredentialRepository } from "./credential-repository.ts";
import { Issuance } from "./issuance.ts";

const DID = "did:web:lahore.example";
const NOW = new Date("2026-06-01T00:00:00Z");

async function centre() {
  const keys = new CentreKeys({
    did: DID,
    repository: new MemoryKeyRepository(),
    vault: await createKeyVault(randomBytes(32)),
    clock: () => NOW,
  });
  const statusLists = new MemoryStatusListRepository();
  const audit = new MemoryAuditLog();
  const credentials = new MemoryCredentialRepository({ audit });
  const issuance = new Issuance({
    keys,
    credentials,
    statusLists,
    allocator: new StatusListAllocator({ repository: statusLists }),
    statusBaseUrl: "https://lahore.example/status",
    clock: () => NOW,
  });
  /** Verifies as a stranger would: the DID document as published now, the status list as published now. */
  const verify = async (credential: unknown) => {
    const didDocument = await keys.didDocument();
    return verifyCredential(credential, {
      clock: () => NOW,
      resolveKey: createKeyResolver({ documents: new Map([[DID, didDocument]]) }),
      fetchStatusList: async (url) => {
        const listId = url.split("/").at(-1) ?? "";
        const signer = await keys.signer();
        const list = await issueStatusListCredential({
          id: url,
          issuer: DID,
          purpose: "revocation",
          list: await readStatusList(statusLists, listId),
          clock: () => NOW,
          sign: (vc) => addDataIntegrityProof(vc, { signer, clock: () => NOW }),
        });
        return { ok: true, value: list };
      },
    });
  };
  return { keys, issuance, credentials, statusLists, audit, verify };
}

async function unsigned() {
  const vc = await buildAchievementCredential(
    {
      issuer: {
        id: DID,
        name: { ur: "لاہور اوپن لرننگ سنٹر", en: "Lahore Open Learning Centre" },
        country: "PK",
      },
      achievement: {
        id: "https://lahore.example/achievements/urdu-calligraphy",
        name: { ur: "اردو خطاطی", en: "Urdu Calligraphy" },
        description: { ur: "نستعلیق کی بنیادی مہارتیں", en: "Foundations of Nastaliq" },
        criteria: { narrative: { ur: "عملی امتحان پاس کیا", en: "Passed the practical examination" } },
        sourceLanguage: "ur",
      },
      learner: { did: "did:example:learner-60-plus" },
    },
    { clock: () => NOW },
  );
  delete vc.id;
  delete vc.credentialStatus;
  return vc;
}

describe("Issuance at a centre", () => {
  it("issues with a status entry, stores, audits; the credential verifies with every check", async () => {
    const c = await centre();
    const { record, created } = await c.issuance.issue({
      credential: await unsigned(),
      actor: "key-1",
      origin: "127.0.0.1",
    });
    expect(created).toBe(true);
    const credential = JSON.parse(record.credential);
    expect(credential.issuer.id).toBe(DID);
    expect(credential.credentialStatus).toMatchObject({
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(record.statusIndex),
    });
    const report = await c.verify(credential);
    expect(report.checks.filter((x) => x.outcome !== "pass").map((x) => `${x.name}:${x.code}`)).toEqual([
      "trust:NOT_CONFIGURED",
    ]);
    expect(await c.audit.list()).toEqual([
      expect.objectContaining({
        action: "credential.issue",
        subject: record.id,
        actor: "key-1",
        origin: "127.0.0.1",
      }),
    ]);
  });

  it("issues nothing twice for a retried request", async () => {
    const c = await centre();
    const first = await c.issuance.issue({
      credential: await unsigned(),
      actor: "job",
      requestKey: "job-7:row-12",
    });
    const again = await c.issuance.issue({
      credential: await unsigned(),
      actor: "job",
      requestKey: "job-7:row-12",
    });
    expect(again).toEqual({ record: first.record, created: false });
    expect(await c.credentials.list()).toHaveLength(1);
    expect(await c.audit.list()).toHaveLength(1);
  });

  it("claims one status index for requests racing with one requestKey", async () => {
    const c = await centre();
    const results = await Promise.all(
      Array.from({ length: 20 }, async () =>
        c.issuance.issue({ credential: await unsigned(), actor: "job", requestKey: "job-8:row-1" }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
    const list = await c.statusLists.currentList("revocation");
    expect(await c.statusLists.claimedIndexes(list?.id ?? "")).toEqual([results[0]?.record.statusIndex]);
  });

  it("revokes: the verifier names the status check; a second revocation is a conflict", async () => {
    const c = await centre();
    const { record } = await c.issuance.issue({
      credential: await unsigned(),
      format: "jwt_vc",
      actor: "key-1",
    });
    expect(await c.issuance.revoke(record.id, "issued in error", "key-2")).toBe(true);
    const report = await c.verify(record.credential);
    expect(report.checks.find((x) => x.name === "status")).toMatchObject({
      outcome: "fail",
      code: "STATUS_REVOKED",
    });
    await expect(c.issuance.revoke(record.id, "again", "key-2")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await c.issuance.revoke("urn:uuid:unknown", "x", "key-2")).toBe(false);
  });

  it("records a revocation before publishing it; a crash between is completed by a retry", async () => {
    const c = await centre();
    const { record } = await c.issuance.issue({ credential: await unsigned(), actor: "key-1" });
    const setStatus = c.statusLists.setStatus.bind(c.statusLists);
    c.statusLists.setStatus = async () => Promise.reject(new Error("crash"));
    await expect(c.issuance.revoke(record.id, "issued in error", "key-2")).rejects.toThrow("crash");
    expect((await c.credentials.get(record.id))?.state).toBe("revoked");
    expect((await c.audit.list()).map((e) => e.action)).toEqual(["credential.issue", "credential.revoke"]);
    expect(await c.statusLists.indexesWithStatus(record.statusListId)).toEqual([]);

    c.statusLists.setStatus = setStatus;
    await expect(c.issuance.revoke(record.id, "retry", "key-2")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await c.statusLists.indexesWithStatus(record.statusListId)).toEqual([record.statusIndex]);
    expect(await c.audit.list()).toHaveLength(2);
  });

  it("keeps old credentials verifying after key rotation", async () => {
    const c = await centre();
    const before = await c.issuance.issue({ credential: await unsigned(), actor: "key-1" });
    const rotated = await c.keys.rotate();
    const after = await c.issuance.issue({ credential: await unsigned(), actor: "key-1" });
    expect(JSON.parse(after.record.credential).proof.verificationMethod).toBe(`${DID}#${rotated.id}`);
    expect(JSON.parse(before.record.credential).proof.verificationMethod).not.toBe(`${DID}#${rotated.id}`);
    for (const r of [before, after])
      expect((await c.verify(JSON.parse(r.record.credential))).verified).toBe(true);
  });

  it("refuses input naming another issuer or its own status", async () => {
    const c = await centre();
    const other = { ...(await unsigned()), issuer: "did:web:elsewhere.example" };
    await expect(c.issuance.issue({ credential: other, actor: "k" })).rejects.toMatchObject({
      code: "FIELD_INVALID",
    });
    const withStatus = {
      ...(await unsigned()),
      credentialStatus: { id: "https://x/1", type: "BitstringStatusListEntry" },
    };
    await expect(c.issuance.issue({ credential: withStatus, actor: "k" })).rejects.toMatchObject({
      code: "FIELD_INVALID",
    });
    expect(await c.credentials.list()).toHaveLength(0);
  });
});
