/**
 * Revocation and suspension end to end through the verifier: indexes from the allocator, entries in OB 3.0
 * credentials, list credentials signed with Data Integrity, and the status check reading them. The OB 3.0
 * schema allows one `credentialStatus` entry per credential, so one credential is revocable and the other
 * suspendable here.
 */
import { createSigner } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { addDataIntegrityProof } from "../data-integrity/sign.ts";
import { issueCredential } from "../issue/issue-credential.ts";
import { buildAchievementCredential } from "../model/achievement-credential.ts";
import { StatusListAllocator } from "../status/allocator.ts";
import { MemoryStatusListRepository } from "../status/memory-repository.ts";
import { readStatusList } from "../status/repository.ts";
import { issueStatusListCredential, statusEntry } from "../status/status-list-credential.ts";
import type { VerificationReport } from "./report.ts";
import { makeIssuer, NOW, SAMPLE_ACHIEVEMENT } from "./test-fixtures.ts";
import { verifyCredential } from "./verify-credential.ts";

const BASE = "https://nairobi.example/status";
const statusOf = (report: VerificationReport) =>
  report.checks.filter((c) => c.name === "status").map((c) => `${c.outcome}:${c.code}`);

async function setup() {
  const issuer = await makeIssuer();
  const signer = createSigner(issuer.pair, issuer.keyId);
  const repository = new MemoryStatusListRepository();
  const allocator = new StatusListAllocator({ repository });
  const revocation = await allocator.allocate("revocation");
  const suspension = await allocator.allocate("suspension");
  const url = (listId: string) => `${BASE}/${listId}`;
  const credentials: unknown[] = [];
  for (const { listId, index, purpose } of [revocation, suspension]) {
    const unsigned = await buildAchievementCredential({
      issuer: { id: issuer.did, name: "Nairobi Open Learning Centre", country: "KE" },
      achievement: SAMPLE_ACHIEVEMENT,
      learner: { did: "did:example:learner" },
      validFrom: new Date("2026-01-01T00:00:00Z"),
      credentialStatus: [statusEntry({ listCredentialUrl: url(listId), index, purpose })],
    });
    credentials.push((await issueCredential(unsigned, { signer, clock: () => NOW })).credential);
  }
  let published = new Map<string, object>();
  const publish = async (signWith = signer) => {
    published = new Map();
    for (const { listId, purpose } of [revocation, suspension]) {
      const list = await readStatusList(repository, listId);
      const signed = await issueStatusListCredential({
        id: url(listId),
        issuer: issuer.did,
        purpose,
        list,
        clock: () => NOW,
        sign: (vc) => addDataIntegrityProof(vc, { signer: signWith, clock: () => NOW }),
      });
      published.set(url(listId), signed);
    }
  };
  const verifyOne = (credential: unknown) =>
    verifyCredential(credential, {
      clock: () => NOW,
      fetchStatusList: async (listUrl) => {
        const list = published.get(listUrl);
        return list
          ? { ok: true, value: structuredClone(list) }
          : { ok: false, code: "STATUS_LIST_UNAVAILABLE", message: "404" };
      },
    });
  /** Both credentials' reports, merged in order: the revocable one, then the suspendable one. */
  const verify = async (): Promise<VerificationReport> => {
    const reports = await Promise.all(credentials.map(verifyOne));
    return {
      ...reports[0],
      verified: reports.every((r) => r.verified),
      checks: reports.flatMap((r) => r.checks),
    } as VerificationReport;
  };
  return { issuer, repository, revocation, suspension, publish, verify, published: () => published };
}

describe("status through the verifier", () => {
  it("passes while neither bit is set, fails by name when revoked or suspended, passes when unsuspended", async () => {
    const s = await setup();
    await s.publish();
    expect(statusOf(await s.verify())).toEqual(["pass:OK", "pass:OK"]);

    await s.repository.setStatus(s.suspension.listId, s.suspension.index, true);
    await s.publish();
    const suspended = await s.verify();
    expect(suspended.verified).toBe(false);
    expect(statusOf(suspended)).toEqual(["pass:OK", "fail:STATUS_SUSPENDED"]);

    await s.repository.setStatus(s.suspension.listId, s.suspension.index, false);
    await s.repository.setStatus(s.revocation.listId, s.revocation.index, true);
    await s.publish();
    const revoked = await s.verify();
    expect(statusOf(revoked)).toEqual(["fail:STATUS_REVOKED", "pass:OK"]);
    expect(revoked.checks.find((c) => c.code === "STATUS_REVOKED")?.data).toMatchObject({
      index: s.revocation.index,
    });
  });

  it("refuses a list signed by someone else, a tampered list, and a missing list", async () => {
    const s = await setup();
    const stranger = await makeIssuer();
    await s.publish(createSigner(stranger.pair, stranger.keyId));
    expect(
      (await s.verify()).checks.filter((c) => c.name === "status").every((c) => c.outcome === "fail"),
    ).toBe(true);

    await s.publish();
    for (const list of s.published().values()) {
      (list as { credentialSubject: { encodedList: string } }).credentialSubject.encodedList =
        "uH4sIAAAAAAAAA2NgGAWjYBSMAgAAAP__";
    }
    const tampered = await s.verify();
    expect(statusOf(tampered)).toEqual(["fail:STATUS_LIST_INVALID", "fail:STATUS_LIST_INVALID"]);

    s.published().clear();
    expect(statusOf(await s.verify())).toEqual([
      "fail:STATUS_LIST_UNAVAILABLE",
      "fail:STATUS_LIST_UNAVAILABLE",
    ]);
  });
});
