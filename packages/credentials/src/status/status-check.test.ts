import { fixedClock } from "@learnbridge/core";
import { beforeAll, describe, expect, it } from "vitest";
import { err, ok } from "../verify/report.ts";
import { Bitstring } from "./bitstring.ts";
import { checkCredentialStatus, type StatusCheckOptions } from "./status-check.ts";
import { buildStatusListCredential, statusEntry } from "./status-list-credential.ts";

const ISSUER = "did:web:uni.example";
const REVOCATION_URL = "https://uni.example/status/r1";
const SUSPENSION_URL = "https://uni.example/status/s1";
const MESSAGE_URL = "https://uni.example/status/m1";
const REVOKED = 5;
const SUSPENDED = 9;
const published = fixedClock("2026-03-01T00:00:00Z"); // lists valid until 2026-03-02T00:00:00Z
const noon = fixedClock("2026-03-01T12:00:00Z");

const lists = new Map<string, unknown>();
let fetches: string[] = [];
let shortEncodedList = ""; // 8,192 entries: valid GZIP, too short for herd privacy

const credential = (credentialStatus?: unknown, issuer: unknown = ISSUER) => ({
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  issuer,
  credentialSubject: { id: "did:example:learner" },
  ...(credentialStatus === undefined ? {} : { credentialStatus }),
});
const revocation = (index: number) =>
  statusEntry({ listCredentialUrl: REVOCATION_URL, index, purpose: "revocation" });
const suspension = (index: number) =>
  statusEntry({ listCredentialUrl: SUSPENSION_URL, index, purpose: "suspension" });

/** Fakes: fetch from the in-process map; "verify" accepts any list not marked broken, reporting its issuer. */
const options = (overrides: Partial<StatusCheckOptions> = {}): StatusCheckOptions => ({
  fetchStatusList: async (url) => {
    fetches.push(url);
    return lists.has(url) ? ok(structuredClone(lists.get(url))) : err("UPSTREAM_UNAVAILABLE", "404");
  },
  verifyStatusListCredential: async (vc) => {
    const doc = vc as { issuer: unknown; brokenProof?: boolean };
    if (doc.brokenProof) return err("PROOF_INVALID", "signature does not match");
    return ok({ issuer: typeof doc.issuer === "string" ? doc.issuer : (doc.issuer as { id: string }).id });
  },
  clock: noon,
  ...overrides,
});

/** Publishes a modified copy of the revocation list at `url` and returns an entry pointing at it. */
function variant(url: string, change: (list: Record<string, unknown>) => void, index = 0) {
  const copy = structuredClone(lists.get(REVOCATION_URL)) as Record<string, unknown>;
  change(copy);
  lists.set(url, copy);
  return statusEntry({ listCredentialUrl: url, index, purpose: "revocation" });
}

async function checkOne(
  credentialStatus: unknown,
  overrides: Partial<StatusCheckOptions> = {},
  issuer?: unknown,
) {
  const checks = await checkCredentialStatus(
    credential(credentialStatus, issuer ?? ISSUER),
    options(overrides),
  );
  expect(checks).toHaveLength(1);
  return checks[0];
}

beforeAll(async () => {
  const build = async (id: string, purpose: string, list: Bitstring) =>
    lists.set(id, await buildStatusListCredential({ id, issuer: ISSUER, purpose, list, clock: published }));
  const r = Bitstring.create();
  r.set(REVOKED, true);
  await build(REVOCATION_URL, "revocation", r);
  const s = Bitstring.create();
  s.set(SUSPENDED, true);
  await build(SUSPENSION_URL, "suspension", s);
  const m = Bitstring.create(2 * 131_072);
  m.setStatus(3, 2, 2);
  await build(MESSAGE_URL, "message", m);
  shortEncodedList = await Bitstring.create(8192, { minLength: 8 }).encode();
});

describe("checkCredentialStatus", () => {
  it("skips a credential without credentialStatus", async () => {
    for (const status of [undefined, null, []]) {
      const checks = await checkCredentialStatus(credential(status), options());
      expect(checks).toEqual([
        expect.objectContaining({ name: "status", outcome: "skipped", code: "NOT_APPLICABLE" }),
      ]);
    }
  });

  it("passes an entry whose bit is not set", async () => {
    expect(await checkOne(revocation(REVOKED + 1))).toMatchObject({
      name: "status",
      outcome: "pass",
      code: "OK",
      messageKey: "check.status.OK",
      data: { purpose: "revocation", index: REVOKED + 1, listUrl: REVOCATION_URL, status: 0 },
    });
  });

  it("fails a revoked credential with STATUS_REVOKED", async () => {
    expect(await checkOne(revocation(REVOKED))).toMatchObject({
      outcome: "fail",
      code: "STATUS_REVOKED",
      messageKey: "check.status.STATUS_REVOKED",
      data: { purpose: "revocation", index: REVOKED, listUrl: REVOCATION_URL },
    });
  });

  it("fails a suspended credential with STATUS_SUSPENDED", async () => {
    expect(await checkOne(suspension(SUSPENDED))).toMatchObject({
      outcome: "fail",
      code: "STATUS_SUSPENDED",
      data: { purpose: "suspension", index: SUSPENDED, listUrl: SUSPENSION_URL },
    });
    expect(await checkOne(suspension(REVOKED))).toMatchObject({ outcome: "pass" });
  });

  it("checks every entry of an array, fetching each list once", async () => {
    fetches = [];
    const checks = await checkCredentialStatus(
      credential([revocation(1), suspension(SUSPENDED), revocation(REVOKED)]),
      options(),
    );
    expect(checks.map((c) => c.code)).toEqual(["OK", "STATUS_SUSPENDED", "STATUS_REVOKED"]);
    expect(fetches.sort()).toEqual([REVOCATION_URL, SUSPENSION_URL]);
  });

  it("reports other purposes as a pass carrying the status and its message", async () => {
    const messages = ["pending_review", "accepted", "rejected", "undefined"].map((message, i) => ({
      status: `0x${i}`,
      message,
    }));
    const entry = {
      ...statusEntry({ listCredentialUrl: MESSAGE_URL, index: 3, purpose: "message" }),
      statusSize: 2,
    };
    expect(await checkOne({ ...entry, statusMessage: messages })).toMatchObject({
      outcome: "pass",
      data: { purpose: "message", index: 3, status: 2, message: "rejected" },
    });
    const refresh = variant(
      "https://uni.example/status/f1",
      (l) => {
        (l.credentialSubject as Record<string, unknown>).statusPurpose = "refresh";
      },
      REVOKED,
    );
    expect(await checkOne({ ...refresh, statusPurpose: "refresh" })).toMatchObject({
      outcome: "pass",
      data: { purpose: "refresh", status: 1 },
    });
  });

  it("accepts a list serving several purposes", async () => {
    const entry = variant(
      "https://uni.example/status/both",
      (l) => {
        (l.credentialSubject as Record<string, unknown>).statusPurpose = ["suspension", "revocation"];
      },
      REVOKED,
    );
    expect(await checkOne(entry)).toMatchObject({ code: "STATUS_REVOKED" });
  });

  const valid = revocation(1);
  it.each([
    ["a string", "revoked"],
    ["another status type", { ...valid, type: "StatusList2021Entry" }],
    ["no type", { ...valid, type: undefined }],
    ["no statusPurpose", { ...valid, statusPurpose: undefined }],
    ["an empty statusPurpose", { ...valid, statusPurpose: "" }],
    ["a numeric statusListIndex", { ...valid, statusListIndex: 1 }],
    ["a negative statusListIndex", { ...valid, statusListIndex: "-1" }],
    ["a decimal statusListIndex", { ...valid, statusListIndex: "1.0" }],
    ["a hexadecimal statusListIndex", { ...valid, statusListIndex: "0x10" }],
    ["a padded statusListIndex", { ...valid, statusListIndex: " 1" }],
    ["an empty statusListIndex", { ...valid, statusListIndex: "" }],
    ["an unsafe statusListIndex", { ...valid, statusListIndex: "9007199254740993" }],
    ["no statusListCredential", { ...valid, statusListCredential: undefined }],
    ["a relative statusListCredential", { ...valid, statusListCredential: "/status/r1" }],
    ["an id equal to the list URL", { ...valid, id: REVOCATION_URL }],
    ["statusSize 0", { ...valid, statusSize: 0 }],
    ["statusSize 2 without statusMessage", { ...valid, statusSize: 2 }],
    ["statusMessage of the wrong length", { ...valid, statusMessage: [{ status: "0x0", message: "unset" }] }],
  ])("fails an entry with %s as STATUS_ENTRY_INVALID, without fetching", async (_name, entry) => {
    fetches = [];
    expect(await checkOne(entry)).toMatchObject({ outcome: "fail", code: "STATUS_ENTRY_INVALID" });
    expect(fetches).toEqual([]);
  });

  it("fails an index beyond the list as STATUS_ENTRY_INVALID", async () => {
    expect(await checkOne(revocation(131_071))).toMatchObject({ outcome: "pass" });
    expect(await checkOne({ ...revocation(0), statusListIndex: "131072" })).toMatchObject({
      code: "STATUS_ENTRY_INVALID",
      data: { listLength: 131_072 },
    });
  });

  it("fails as STATUS_LIST_UNAVAILABLE when the list cannot be fetched", async () => {
    const missing = statusEntry({
      listCredentialUrl: "https://uni.example/status/gone",
      index: 1,
      purpose: "revocation",
    });
    expect(await checkOne(missing)).toMatchObject({
      outcome: "fail",
      code: "STATUS_LIST_UNAVAILABLE",
      data: { listUrl: "https://uni.example/status/gone", cause: "UPSTREAM_UNAVAILABLE" },
    });
    const throwing = async () => {
      throw new Error("network down");
    };
    expect(await checkOne(valid, { fetchStatusList: throwing })).toMatchObject({
      code: "STATUS_LIST_UNAVAILABLE",
    });
  });

  it("fails as STATUS_LIST_INVALID when the list's proof does not verify", async () => {
    const entry = variant("https://uni.example/status/forged", (l) => {
      l.brokenProof = true;
    });
    expect(await checkOne(entry)).toMatchObject({
      code: "STATUS_LIST_INVALID",
      data: { cause: "PROOF_INVALID" },
    });
  });

  it("fails as STATUS_LIST_INVALID when another issuer signed the list", async () => {
    const entry = variant("https://uni.example/status/other", (l) => {
      l.issuer = "did:web:mallory.example";
    });
    expect(await checkOne(entry)).toMatchObject({
      code: "STATUS_LIST_INVALID",
      data: { listIssuer: "did:web:mallory.example", credentialIssuer: ISSUER },
    });
    // The issuer as an object is the same issuer.
    expect(await checkOne(revocation(1), {}, { id: ISSUER, name: "Uni" })).toMatchObject({ outcome: "pass" });
    expect(await checkOne(revocation(1), {}, 42)).toMatchObject({ code: "STATUS_LIST_INVALID" });
  });

  it("fails as STATUS_LIST_INVALID outside the list's validity period", async () => {
    expect(await checkOne(valid, { clock: fixedClock("2026-03-02T00:00:00Z") })).toMatchObject({
      outcome: "pass",
    });
    expect(await checkOne(valid, { clock: fixedClock("2026-03-02T00:00:01Z") })).toMatchObject({
      code: "STATUS_LIST_INVALID",
      data: { validUntil: "2026-03-02T00:00:00.000Z" },
    });
    expect(await checkOne(valid, { clock: fixedClock("2026-02-28T23:59:59Z") })).toMatchObject({
      code: "STATUS_LIST_INVALID",
      data: { validFrom: "2026-03-01T00:00:00.000Z" },
    });
    const garbled = variant("https://uni.example/status/garbled-date", (l) => {
      l.validUntil = "tomorrow";
    });
    expect(await checkOne(garbled)).toMatchObject({ code: "STATUS_LIST_INVALID" });
  });

  it("fails as STATUS_LIST_INVALID when the list's purpose differs from the entry's", async () => {
    const entry = { ...revocation(1), statusPurpose: "suspension" };
    expect(await checkOne(entry)).toMatchObject({
      code: "STATUS_LIST_INVALID",
      data: { purpose: "suspension", listPurposes: ["revocation"] },
    });
  });

  type Doc = Record<string, unknown>;
  const subjectOf = (list: Doc) => list.credentialSubject as Doc;
  it.each<[string, (list: Doc) => void]>([
    [
      "not a status list credential",
      (list) => {
        list.type = ["VerifiableCredential"];
      },
    ],
    [
      "a subject of another type",
      (list) => {
        subjectOf(list).type = "X";
      },
    ],
    [
      "no statusPurpose",
      (list) => {
        delete subjectOf(list).statusPurpose;
      },
    ],
    [
      "a garbled encodedList",
      (list) => {
        subjectOf(list).encodedList = "u!!";
      },
    ],
    [
      "a list shorter than 131,072 entries",
      (list) => {
        subjectOf(list).encodedList = shortEncodedList;
      },
    ],
  ])("fails a list with %s as STATUS_LIST_INVALID", async (name, change) => {
    const entry = variant(`https://uni.example/status/${encodeURIComponent(name)}`, change);
    expect(await checkOne(entry)).toMatchObject({ outcome: "fail", code: "STATUS_LIST_INVALID" });
  });

  it("throws a TypeError when the impure steps are not injected", async () => {
    await expect(checkCredentialStatus(credential(valid), {} as StatusCheckOptions)).rejects.toThrow(
      TypeError,
    );
  });
});
