/**
 * Contract suites for the issuer's storage ports. The in-memory twins run them here; the libSQL store runs
 * the very same suites, so both behave alike. Each takes a factory returning a fresh, empty port.
 */
import { describe, expect, it } from "vitest";
import type { ApiKeyRecord, ApiKeyRepository } from "../access/api-keys.ts";
import type { AuditEntry, AuditLog } from "../audit/audit-log.ts";
import type { KeyRepository, StoredKey } from "../keys/key-repository.ts";
import type { CredentialRepository, IssuedCredentialRecord } from "../records/credential-repository.ts";

export {
  achievementRepositoryContract,
  centreProfileRepositoryContract,
} from "../achievements/achievement-ports-contract.ts";

type Make<T> = () => Promise<T>;

const key = (id: string, status: StoredKey["status"] = "active"): StoredKey => ({
  id,
  algorithm: "EdDSA",
  publicKeyMultibase: `z6Mk${id}`,
  sealedPrivateKey: `v1.iv.${id}`,
  status,
  createdAt: "2026-01-01T00:00:00Z",
});

/** KeyRepository: insert never overwrites, list keeps insertion order, status changes stick. */
export function keyRepositoryContract(name: string, make: Make<KeyRepository>) {
  describe(`KeyRepository contract: ${name}`, () => {
    it("inserts, lists oldest first, refuses a duplicate id, changes status", async () => {
      const repo = await make();
      expect(await repo.list()).toEqual([]);
      expect(await repo.insert(key("a"))).toBe(true);
      expect(await repo.insert(key("b"))).toBe(true);
      expect(await repo.insert({ ...key("a"), publicKeyMultibase: "z6Mkother" })).toBe(false);
      expect((await repo.list()).map((k) => [k.id, k.publicKeyMultibase])).toEqual([
        ["a", "z6Mka"],
        ["b", "z6Mkb"],
      ]);
      expect(await repo.setStatus("a", "retired")).toBe(true);
      expect(await repo.setStatus("missing", "retired")).toBe(false);
      expect((await repo.list())[0]).toEqual(key("a", "retired"));
    });
  });
}

const apiKey = (id: string, hash: string): ApiKeyRecord => ({
  id,
  name: `key ${id}`,
  tokenHash: hash,
  scopes: ["issue", "revoke"],
  createdAt: "2026-01-01T00:00:00Z",
});

/** ApiKeyRepository: lookup by hash, revocation is recorded once. */
export function apiKeyRepositoryContract(name: string, make: Make<ApiKeyRepository>) {
  describe(`ApiKeyRepository contract: ${name}`, () => {
    it("finds by hash, lists, revokes once", async () => {
      const repo = await make();
      await repo.insert(apiKey("k1", "h1"));
      await repo.insert(apiKey("k2", "h2"));
      expect(await repo.findByHash("h2")).toEqual(apiKey("k2", "h2"));
      expect(await repo.findByHash("nope")).toBeUndefined();
      expect((await repo.list()).map((k) => k.id).sort()).toEqual(["k1", "k2"]);
      expect(await repo.revoke("k1", "2026-02-01T00:00:00Z")).toBe(true);
      expect(await repo.revoke("k1", "2026-03-01T00:00:00Z")).toBe(true);
      expect((await repo.findByHash("h1"))?.revokedAt).toBe("2026-02-01T00:00:00Z");
      expect(await repo.revoke("missing", "2026-02-01T00:00:00Z")).toBe(false);
    });

    it("lists oldest first, keys made in the same second in the order they were made", async () => {
      const repo = await make();
      // Ids that sort otherwise than they were made: the order must not come from the id.
      for (const id of ["m3", "z1", "a2", "k9"]) await repo.insert(apiKey(id, `h-${id}`));
      await repo.insert({ ...apiKey("b0", "h-b0"), createdAt: "2025-12-31T23:59:59Z" });
      expect((await repo.list()).map((k) => k.id)).toEqual(["b0", "m3", "z1", "a2", "k9"]);
    });
  });
}

/** AuditLog: append-only, ordered, paged by sequence. */
export function auditLogContract(name: string, make: Make<AuditLog>) {
  describe(`AuditLog contract: ${name}`, () => {
    it("appends in order and pages by sequence", async () => {
      const log = await make();
      for (let i = 1; i <= 5; i++) {
        await log.append({
          at: `2026-01-0${i}T00:00:00Z`,
          actor: "k1",
          action: "credential.issue",
          subject: `c${i}`,
          details: { i },
        });
      }
      const all = await log.list();
      expect(all.map((e) => e.subject)).toEqual(["c1", "c2", "c3", "c4", "c5"]);
      expect(all[0]).toMatchObject({ actor: "k1", action: "credential.issue", details: { i: 1 } });
      const seqs = all.map((e) => e.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const page = await log.list({ after: seqs[1], limit: 2 });
      expect(page.map((e) => e.subject)).toEqual(["c3", "c4"]);
    });
  });
}

const record = (id: string, extra: Partial<IssuedCredentialRecord> = {}): IssuedCredentialRecord => ({
  id,
  subject: "did:example:learner",
  format: "ldp_vc",
  credential: `{"id":"${id}"}`,
  statusListId: "list-1",
  statusIndex: Number(id.replace(/\D/g, "")) || 1,
  state: "active",
  issuedAt: "2026-01-01T00:00:00Z",
  ...extra,
});

const entry = (action: string, subject: string): AuditEntry => ({
  at: "2026-01-01T00:00:00Z",
  actor: "k1",
  action,
  subject,
  details: { n: 1 },
});

/** A credential repository and the audit log its atomic writes append to (the same database). */
export interface CredentialPorts {
  readonly credentials: CredentialRepository;
  readonly audit: AuditLog;
}

/**
 * CredentialRepository: idempotent by requestKey, a record and its audit entry stored together or not at
 * all, newest first with paging and filters, state changes with their entries.
 */
export function credentialRepositoryContract(name: string, make: Make<CredentialPorts>) {
  describe(`CredentialRepository contract: ${name}`, () => {
    it("keeps a suspension entry when the record has one, and none when it has not", async () => {
      const { credentials: repo } = await make();
      const suspendable = record("urn:s1", { suspensionListId: "list-s", suspensionIndex: 42 });
      await repo.insert(suspendable);
      await repo.insert(record("urn:s2"));
      expect(await repo.get("urn:s1")).toEqual(suspendable);
      expect(await repo.get("urn:s2")).toEqual(record("urn:s2"));
    });

    it("stores once per requestKey and returns the earlier record", async () => {
      const { credentials: repo } = await make();
      const first = await repo.insert(record("urn:c1", { requestKey: "job:1" }));
      expect(first).toEqual({ inserted: true, record: record("urn:c1", { requestKey: "job:1" }) });
      const again = await repo.insert(record("urn:c2", { requestKey: "job:1" }));
      expect(again).toEqual({ inserted: false, record: record("urn:c1", { requestKey: "job:1" }) });
      expect(await repo.get("urn:c2")).toBeUndefined();
      expect(await repo.findByRequestKey("job:1")).toEqual(record("urn:c1", { requestKey: "job:1" }));
    });

    it("stores a record and its audit entry together; a duplicate requestKey stores neither", async () => {
      const { credentials: repo, audit } = await make();
      const first = await repo.insert(
        record("urn:c1", { requestKey: "job:1" }),
        entry("credential.issue", "urn:c1"),
      );
      expect(first.inserted).toBe(true);
      const again = await repo.insert(
        record("urn:c2", { requestKey: "job:1" }),
        entry("credential.issue", "urn:c2"),
      );
      expect(again).toEqual({ inserted: false, record: record("urn:c1", { requestKey: "job:1" }) });
      expect(await repo.get("urn:c2")).toBeUndefined();
      expect((await audit.list()).map((e) => [e.action, e.subject, e.details])).toEqual([
        ["credential.issue", "urn:c1", { n: 1 }],
      ]);
    });

    it("stores neither when the record is refused (a reused id or status index)", async () => {
      const { credentials: repo, audit } = await make();
      await repo.insert(record("urn:c1"), entry("credential.issue", "urn:c1"));
      await expect(
        repo.insert(record("urn:c1", { statusIndex: 99 }), entry("credential.issue", "again")),
      ).rejects.toThrow();
      await expect(
        repo.insert(record("urn:c2", { statusIndex: 1 }), entry("credential.issue", "urn:c2")),
      ).rejects.toThrow();
      expect(await repo.get("urn:c2")).toBeUndefined();
      expect((await audit.list()).map((e) => e.subject)).toEqual(["urn:c1"]);
    });

    it("changes state with its audit entry, once: the same state again or an unknown id records nothing", async () => {
      const { credentials: repo, audit } = await make();
      await repo.insert(record("urn:c1"));
      expect(await repo.setState("urn:c1", "revoked", entry("credential.revoke", "urn:c1"))).toBe(true);
      expect(await repo.setState("urn:c1", "revoked", entry("credential.revoke", "urn:c1"))).toBe(false);
      expect(await repo.setState("urn:missing", "revoked", entry("credential.revoke", "urn:missing"))).toBe(
        false,
      );
      expect((await repo.get("urn:c1"))?.state).toBe("revoked");
      expect((await audit.list()).map((e) => [e.action, e.subject])).toEqual([
        ["credential.revoke", "urn:c1"],
      ]);
    });

    it("lists newest first, filters, pages, and changes state", async () => {
      const { credentials: repo } = await make();
      for (let i = 1; i <= 5; i++) {
        await repo.insert(
          record(`urn:c${i}`, { achievementId: i % 2 ? "odd" : "even", subject: `did:example:${i}` }),
        );
      }
      expect((await repo.list()).map((r) => r.id)).toEqual([
        "urn:c5",
        "urn:c4",
        "urn:c3",
        "urn:c2",
        "urn:c1",
      ]);
      expect((await repo.list({ limit: 2 })).map((r) => r.id)).toEqual(["urn:c5", "urn:c4"]);
      expect((await repo.list({ before: "urn:c4", limit: 2 })).map((r) => r.id)).toEqual([
        "urn:c3",
        "urn:c2",
      ]);
      expect((await repo.list({ achievementId: "even" })).map((r) => r.id)).toEqual(["urn:c4", "urn:c2"]);
      expect((await repo.list({ subject: "did:example:3" })).map((r) => r.id)).toEqual(["urn:c3"]);
      expect(await repo.setState("urn:c3", "revoked")).toBe(true);
      expect(await repo.setState("urn:missing", "revoked")).toBe(false);
      expect((await repo.list({ state: "revoked" })).map((r) => r.id)).toEqual(["urn:c3"]);
      expect((await repo.get("urn:c3"))?.state).toBe("revoked");
    });
  });
}

export { jobRepositoryContract } from "./job-repository-contract.ts";
export { rateLimitStoreContract } from "./rate-limit-store-contract.ts";
