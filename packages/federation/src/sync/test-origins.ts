/**
 * Origins and followers for the follower's tests, on in-memory ports: origins served by `serveFeed` over an
 * injected fetch, records signed with a minimal test scheme (Ed25519 over the canonical JSON of the record
 * without its proof) and checked through the same injected-checker seam the catalogue's checker uses; the
 * owner's DID document is emulated by a per-owner key cache that `refreshKeys` empties. The clock is shared
 * by a test file (`now` is a live binding).
 */
import {
  canonicalJson,
  createSigner,
  fromBase64Url,
  generateKeyPair,
  type KeyPair,
  type PublicKey,
  toBase64Url,
  utf8,
  verifySignature,
} from "@learnbridge/core";
import { type JsonRecord, jsonHashOf } from "../feed/event.ts";
import type { RecordChecker } from "../feed/feed-publisher.ts";
import { MemoryFeedLog } from "../feed/memory-feed-log.ts";
import { failed, passed } from "../feed/result.ts";
import { routeOrigins, serveFeed } from "../testing/feed-server.ts";
import { Follower, type FollowerOptions } from "./follower.ts";
import { MemoryReplicaStore } from "./memory-replica-store.ts";

export let now = new Date("2026-11-30T08:00:00Z");
export const clock = () => now;
export const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

/** An origin: its feed log, its published keys, and the records it signs. */
export async function makeOrigin(host: string) {
  const entityId = `https://${host}`;
  const did = `did:web:${host}`;
  const log = new MemoryFeedLog({ clock });
  const published = new Map<string, PublicKey>();
  let active: { pair: KeyPair; keyId: string };
  const rotate = async () => {
    const pair = await generateKeyPair("EdDSA");
    active = { pair, keyId: `${did}#key-${published.size + 1}` };
    published.set(active.keyId, pair.publicKey);
  };
  await rotate();
  const sign = async (unsigned: Record<string, unknown>, keyId = active.keyId, pair = active.pair) => {
    const signature = await createSigner(pair, keyId).sign(utf8(canonicalJson(unsigned)));
    return { ...unsigned, proof: { verificationMethod: keyId, sig: toBase64Url(signature) } } as JsonRecord;
  };
  const idOf = (slug: string) => `${entityId}/catalogue/courses/${slug}`;
  const append = async (record: JsonRecord, op: "put" | "delete") => {
    const appended = await log.append({
      op,
      recordId: String(record.id),
      version: Number(record.version),
      recordHash: await jsonHashOf(record),
      record,
    });
    if (!appended.ok) throw new Error(appended.reason);
    return record;
  };
  return {
    entityId,
    did,
    log,
    published,
    rotate,
    sign,
    idOf,
    signer: async () => createSigner(active.pair, active.keyId),
    course: (slug: string, version: number, title = `Course ${slug}`) =>
      sign({ type: "Course", id: idOf(slug), owner: did, version, title: { en: title } }),
    put: async (slug: string, version: number, title?: string) =>
      append(
        await sign({
          type: "Course",
          id: idOf(slug),
          owner: did,
          version,
          title: { en: title ?? `Course ${slug}` },
        }),
        "put",
      ),
    remove: async (slug: string, version: number) =>
      append(await sign({ type: "Tombstone", id: idOf(slug), owner: did, version }), "delete"),
  };
}
export type Origin = Awaited<ReturnType<typeof makeOrigin>>;

/** A follower of `origins`, with a key cache per owner (the DID documents it fetched). */
export function makeFollower(origins: Origin[], extra: Partial<FollowerOptions> = {}) {
  const store = new MemoryReplicaStore();
  const cached = new Map<string, Map<string, PublicKey>>();
  const refreshes: string[] = [];
  const trusted = new Set(origins.map((o) => o.did));
  /** Owners whose trust cannot be resolved now (their anchor unreachable, nothing cached). */
  const unresolvable = new Set<string>();
  const trustAsked: string[] = [];
  const keyOf = (keyId: string) => {
    const did = keyId.split("#")[0] ?? "";
    if (!cached.has(did)) {
      const origin = origins.find((o) => o.did === did);
      if (!origin) return undefined;
      cached.set(did, new Map(origin.published));
    }
    return cached.get(did)?.get(keyId);
  };
  const checkRecord: RecordChecker = async (value) => {
    const record = value as Record<string, unknown> & {
      proof?: { verificationMethod?: string; sig?: string };
    };
    const { proof, ...unsigned } = record;
    if (
      typeof record.id !== "string" ||
      typeof record.owner !== "string" ||
      !Number.isSafeInteger(record.version)
    ) {
      return failed("FIELD_INVALID", "not a record");
    }
    const vm = proof?.verificationMethod ?? "";
    if (!vm.startsWith(`${record.owner}#`))
      return failed("RECORD_SIGNATURE_INVALID", "not signed by its owner");
    const key = keyOf(vm);
    if (!key) return failed("KEY_NOT_FOUND", `no key ${vm}`);
    const ok = await verifySignature(key, utf8(canonicalJson(unsigned)), fromBase64Url(proof?.sig ?? ""));
    if (!ok) return failed("RECORD_SIGNATURE_INVALID", "the proof does not verify");
    return passed({
      recordId: record.id,
      owner: record.owner,
      version: record.version as number,
      deleted: record.type === "Tombstone",
    });
  };
  const fetch = routeOrigins(
    Object.fromEntries(
      origins.map((o) => [
        o.entityId,
        serveFeed({ entityId: o.entityId, log: o.log, signer: o.signer, clock }),
      ]),
    ),
  );
  const follower = new Follower({
    store,
    checkRecord,
    isTrustedOwner: async (did) => {
      trustAsked.push(did);
      if (unresolvable.has(did)) return { status: "unavailable", reason: "the anchor cannot be reached" };
      return trusted.has(did)
        ? { status: "trusted" }
        : { status: "untrusted", code: "TRUST_UNKNOWN", reason: `${did} holds no accredited-centre mark` };
    },
    resolvePeerKey: async (kid) => keyOf(kid),
    refreshKeys: (did) => {
      refreshes.push(did);
      cached.delete(did);
    },
    fetch,
    clock,
    random: () => 0,
    pageSize: 2,
    report: () => {},
    ...extra,
  });
  const live = async () => (await store.listRecords({ liveOnly: true })).map((r) => [r.recordId, r.version]);
  return { store, follower, fetch, trusted, unresolvable, trustAsked, refreshes, live };
}

export const digestOfLog = async (origin: Origin) => (await origin.log.head()).stateDigest;
