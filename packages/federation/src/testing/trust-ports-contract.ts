/**
 * Contract suites of the trust ports (re-exported by `@learnbridge/federation/testing`): the in-memory
 * twins and the libSQL store run the same suites. Each factory returns a fresh, empty port; the registry's
 * factory also returns the audit log its changes are recorded in.
 */
import { describe, expect, it } from "vitest";
import type { CachedChain, TrustChainCache } from "../trust/chain-cache.ts";
import type {
  FederationAuditEntry,
  HeldTrustMark,
  IssuedTrustMark,
  SubordinateRecord,
  TrustRegistry,
} from "../trust/trust-registry.ts";

/** A registry and the entries it appended to the node's audit log. */
export interface TrustRegistryPorts {
  readonly registry: TrustRegistry;
  /** The audit entries stored so far, in order. */
  auditEntries(): Promise<readonly FederationAuditEntry[]>;
}

const subordinate = (entityId: string, extra: Partial<SubordinateRecord> = {}): SubordinateRecord => ({
  entityId,
  jwks: {
    keys: [
      { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: `${entityId}#k1` },
    ],
  },
  status: "active",
  intermediate: false,
  entityTypes: ["federation_entity", "openid_credential_issuer"],
  enrolledAt: "2026-12-01T08:00:00.000Z",
  updatedAt: "2026-12-01T08:00:00.000Z",
  ...extra,
});

const audit = (action: string, subject: string): FederationAuditEntry => ({
  at: "2026-12-01T08:00:00.000Z",
  actor: "key-1",
  action,
  subject,
  origin: "203.0.113.9",
  details: { n: 1 },
});

const issued = (
  id: string,
  sub: string,
  type = "https://w3id.org/learnbridge/trust-marks/accredited-centre",
): IssuedTrustMark => ({
  id,
  type,
  sub,
  jwt: `header.${id}.sig`,
  issuedAt: `2026-12-0${id.length % 9}T08:00:00.000Z`,
  expiresAt: "2027-12-01T08:00:00.000Z",
});

/** TrustRegistry: subordinates, issued and held marks, each change with its audit entry. */
export function trustRegistryContract(name: string, make: () => Promise<TrustRegistryPorts>) {
  describe(`TrustRegistry contract: ${name}`, () => {
    it("enrols, re-enrols, suspends and reinstates subordinates, auditing each change once", async () => {
      const { registry, auditEntries } = await make();
      expect(await registry.listSubordinates()).toEqual([]);
      await registry.putSubordinate(
        subordinate("https://b.example", { organizationName: "B" }),
        audit("federation.subordinate.enrol", "https://b.example"),
      );
      await registry.putSubordinate(
        subordinate("https://a.example", { intermediate: true }),
        audit("federation.subordinate.enrol", "https://a.example"),
      );
      expect((await registry.listSubordinates()).map((s) => s.entityId)).toEqual([
        "https://a.example",
        "https://b.example",
      ]);
      expect(await registry.getSubordinate("https://b.example")).toEqual(
        subordinate("https://b.example", { organizationName: "B" }),
      );
      expect(await registry.getSubordinate("https://none.example")).toBeUndefined();

      const rekeyed = subordinate("https://b.example", {
        jwks: { keys: [{ kty: "OKP", crv: "Ed25519", x: "AA", kid: "k2" }] },
      });
      await registry.putSubordinate(rekeyed, audit("federation.subordinate.rekey", "https://b.example"));
      expect(await registry.getSubordinate("https://b.example")).toEqual(rekeyed);

      const suspend = {
        status: "suspended" as const,
        at: "2026-12-02T00:00:00.000Z",
        reason: "audit failed",
      };
      expect(
        await registry.setSubordinateStatus(
          "https://b.example",
          suspend,
          audit("federation.subordinate.suspend", "https://b.example"),
        ),
      ).toBe(true);
      expect(
        await registry.setSubordinateStatus(
          "https://b.example",
          suspend,
          audit("federation.subordinate.suspend", "https://b.example"),
        ),
      ).toBe(true);
      expect(await registry.getSubordinate("https://b.example")).toMatchObject({
        status: "suspended",
        suspensionReason: "audit failed",
        updatedAt: suspend.at,
      });
      expect(
        await registry.setSubordinateStatus(
          "https://none.example",
          suspend,
          audit("federation.subordinate.suspend", "x"),
        ),
      ).toBe(false);
      const reinstate = { status: "active" as const, at: "2026-12-03T00:00:00.000Z" };
      expect(
        await registry.setSubordinateStatus(
          "https://b.example",
          reinstate,
          audit("federation.subordinate.reinstate", "https://b.example"),
        ),
      ).toBe(true);
      const back = await registry.getSubordinate("https://b.example");
      expect(back?.status).toBe("active");
      expect(back?.suspensionReason).toBeUndefined();

      expect((await auditEntries()).map((e) => e.action)).toEqual([
        "federation.subordinate.enrol",
        "federation.subordinate.enrol",
        "federation.subordinate.rekey",
        "federation.subordinate.suspend",
        "federation.subordinate.reinstate",
      ]);
      expect((await auditEntries())[0]).toMatchObject({
        actor: "key-1",
        origin: "203.0.113.9",
        details: { n: 1 },
      });
    });

    it("stores issued marks newest first, filters them, and revokes once", async () => {
      const { registry, auditEntries } = await make();
      const micro = "https://w3id.org/learnbridge/trust-marks/microcredential-issuer";
      await registry.insertIssuedTrustMark(
        issued("m1", "https://a.example"),
        audit("federation.trust-mark.issue", "m1"),
      );
      await registry.insertIssuedTrustMark(
        issued("m2", "https://a.example", micro),
        audit("federation.trust-mark.issue", "m2"),
      );
      await registry.insertIssuedTrustMark(
        issued("m3", "https://b.example"),
        audit("federation.trust-mark.issue", "m3"),
      );
      expect((await registry.findIssuedTrustMarks()).map((m) => m.id)).toEqual(["m3", "m2", "m1"]);
      expect((await registry.findIssuedTrustMarks({ sub: "https://a.example" })).map((m) => m.id)).toEqual([
        "m2",
        "m1",
      ]);
      expect(
        (await registry.findIssuedTrustMarks({ sub: "https://a.example", type: micro })).map((m) => m.id),
      ).toEqual(["m2"]);
      expect(await registry.getIssuedTrustMark("m1")).toEqual(issued("m1", "https://a.example"));
      await expect(
        registry.insertIssuedTrustMark(
          issued("m1", "https://c.example"),
          audit("federation.trust-mark.issue", "m1"),
        ),
      ).rejects.toThrow();

      const first = { at: "2026-12-05T00:00:00.000Z", reason: "withdrawn" };
      expect(
        await registry.revokeIssuedTrustMark("m1", first, audit("federation.trust-mark.revoke", "m1")),
      ).toBe(true);
      expect(
        await registry.revokeIssuedTrustMark(
          "m1",
          { at: "2026-12-06T00:00:00.000Z" },
          audit("federation.trust-mark.revoke", "m1"),
        ),
      ).toBe(true);
      expect(await registry.getIssuedTrustMark("m1")).toMatchObject({
        revokedAt: first.at,
        revocationReason: "withdrawn",
      });
      expect(
        await registry.revokeIssuedTrustMark("none", first, audit("federation.trust-mark.revoke", "none")),
      ).toBe(false);
      expect((await auditEntries()).map((e) => `${e.action} ${e.subject}`)).toEqual([
        "federation.trust-mark.issue m1",
        "federation.trust-mark.issue m2",
        "federation.trust-mark.issue m3",
        "federation.trust-mark.revoke m1",
      ]);
    });

    it("replaces the held marks as a whole", async () => {
      const { registry } = await make();
      const held = (type: string, issuer: string, expiresAt?: number): HeldTrustMark => ({
        type,
        issuer,
        jwt: `h.${issuer}.s`,
        ...(expiresAt ? { expiresAt } : {}),
        fetchedAt: "2026-12-01T08:00:00.000Z",
      });
      await registry.replaceHeldTrustMarks([
        held("https://t/b", "https://x.example", 1_900_000_000),
        held("https://t/a", "https://y.example"),
      ]);
      expect(await registry.listHeldTrustMarks()).toEqual([
        held("https://t/a", "https://y.example"),
        held("https://t/b", "https://x.example", 1_900_000_000),
      ]);
      await registry.replaceHeldTrustMarks([held("https://t/c", "https://x.example")]);
      expect((await registry.listHeldTrustMarks()).map((m) => m.type)).toEqual(["https://t/c"]);
      await registry.replaceHeldTrustMarks([]);
      expect(await registry.listHeldTrustMarks()).toEqual([]);
    });
  });
}

const entry = (subject: string, expiresAt: number): CachedChain => ({
  subject,
  anchor: "https://hq.example",
  statements: [`ec.${subject}.sig`, "ss.hq.sig", "ec.hq.sig"],
  expiresAt,
  resolvedAt: 1_800_000_000,
  markStatuses: { "https://x.example type 1": { status: "revoked", checkedAt: 1_800_000_100 } },
});

/** TrustChainCache: put replaces by subject, get returns expired entries too, purge drops the expired. */
export function trustChainCacheContract(name: string, make: () => Promise<TrustChainCache>) {
  describe(`TrustChainCache contract: ${name}`, () => {
    it("stores, replaces, deletes and purges chains", async () => {
      const cache = await make();
      expect(await cache.get("https://a.example")).toBeUndefined();
      await cache.put(entry("https://a.example", 1_800_003_600));
      await cache.put(entry("https://b.example", 1_800_000_500));
      expect(await cache.get("https://a.example")).toEqual(entry("https://a.example", 1_800_003_600));
      const replaced = { ...entry("https://a.example", 1_800_007_200), markStatuses: {} };
      await cache.put(replaced);
      expect(await cache.get("https://a.example")).toEqual(replaced);
      expect(await cache.purgeExpired(1_800_001_000)).toBe(1);
      expect(await cache.get("https://b.example")).toBeUndefined();
      await cache.delete("https://a.example");
      expect(await cache.get("https://a.example")).toBeUndefined();
    });
  });
}
