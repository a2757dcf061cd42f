import { createSigner, generateKeyPair, LearnbridgeError, type Signer } from "@learnbridge/core";
import { buildDidDocument, createKeyResolver } from "@learnbridge/credentials";
import { beforeAll, describe, expect, it } from "vitest";
import { type CatalogueAuditEntry, MemoryCourseRepository } from "./course-repository.ts";
import { OwnCatalogue } from "./own-catalogue.ts";
import { SAMPLE_COURSE_CONTENT, SAMPLE_OWNER, SAMPLE_OWNER_URL } from "./record-samples.ts";
import { verifyCatalogueEntry } from "./sign-record.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
const WHO = { actor: "k1", origin: "192.0.2.9" };
let signer: Signer;
let resolveKey: ReturnType<typeof createKeyResolver>;

beforeAll(async () => {
  const pair = await generateKeyPair("EdDSA");
  signer = createSigner(pair, `${SAMPLE_OWNER}#key-1`);
  const document = buildDidDocument({
    id: SAMPLE_OWNER,
    keys: [{ fragment: "key-1", publicKey: pair.publicKey, status: "active" }],
  });
  resolveKey = createKeyResolver({ documents: new Map([[SAMPLE_OWNER, document]]) });
});

function catalogue() {
  const audit: CatalogueAuditEntry[] = [];
  const repository = new MemoryCourseRepository({ audit: { append: async (e) => void audit.push(e) } });
  const own = new OwnCatalogue({
    repository,
    publicUrl: `${SAMPLE_OWNER_URL}/`,
    owner: SAMPLE_OWNER,
    signer: async () => signer,
    clock: () => NOW,
  });
  return { own, audit };
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof LearnbridgeError ? [error.code, error.details.field ?? null] : String(error);
  }
};

describe("OwnCatalogue", () => {
  it("creates version 1 signed by the node, revises to 2, deletes with a signed tombstone", async () => {
    const { own, audit } = catalogue();
    const created = await own.create({ slug: "water-101", ...SAMPLE_COURSE_CONTENT }, WHO);
    expect(created).toMatchObject({
      type: "Course",
      id: `${SAMPLE_OWNER_URL}/catalogue/courses/water-101`,
      owner: SAMPLE_OWNER,
      version: 1,
      updated: "2026-06-01T00:00:00Z",
      title: SAMPLE_COURSE_CONTENT.title,
    });
    expect(Object.keys(created).slice(0, 5)).toEqual(["@context", "type", "id", "owner", "version"]);
    expect((await verifyCatalogueEntry(created, { resolveKey, clock: () => NOW })).ok).toBe(true);
    const revised = await own.revise("water-101", { ...SAMPLE_COURSE_CONTENT, mode: "online" }, WHO, 1);
    expect(revised).toMatchObject({ version: 2, mode: "online" });
    const tombstone = await own.remove("water-101", WHO);
    expect(tombstone).toMatchObject({ type: "Tombstone", version: 3, deleted: "2026-06-01T00:00:00Z" });
    expect((await verifyCatalogueEntry(tombstone, { resolveKey, clock: () => NOW })).ok).toBe(true);
    expect(await own.get("water-101")).toEqual(tombstone);
    expect(await own.list()).toEqual([]);
    // A deleted slug may be created again; its versions go on from the tombstone's.
    expect((await own.create({ slug: "water-101", ...SAMPLE_COURSE_CONTENT }, WHO)).version).toBe(4);
    expect(audit.map((e) => [e.action, e.details?.version, e.actor, e.origin])).toEqual([
      ["course.create", 1, "k1", "192.0.2.9"],
      ["course.update", 2, "k1", "192.0.2.9"],
      ["course.delete", 3, "k1", "192.0.2.9"],
      ["course.create", 4, "k1", "192.0.2.9"],
    ]);
  });

  it("refuses bad input naming the field, a taken slug, a stale If-Match, a missing or deleted course", async () => {
    const { own } = catalogue();
    expect(await codeOf(own.create({ ...SAMPLE_COURSE_CONTENT }, WHO))).toEqual(["FIELD_MISSING", "slug"]);
    expect(await codeOf(own.create({ slug: "Bad Slug", ...SAMPLE_COURSE_CONTENT }, WHO))).toEqual([
      "FIELD_INVALID",
      "slug",
    ]);
    expect(await codeOf(own.create({ slug: "x", ...SAMPLE_COURSE_CONTENT, country: "XX" }, WHO))).toEqual([
      "FIELD_INVALID",
      "country",
    ]);
    expect(
      await codeOf(own.create({ slug: "x", ...SAMPLE_COURSE_CONTENT, owner: "did:web:evil" }, WHO)),
    ).toEqual(["FIELD_INVALID", "owner"]);
    await own.create({ slug: "x", ...SAMPLE_COURSE_CONTENT }, WHO);
    expect(await codeOf(own.create({ slug: "x", ...SAMPLE_COURSE_CONTENT }, WHO))).toEqual([
      "CONFLICT",
      null,
    ]);
    expect(await codeOf(own.revise("x", { ...SAMPLE_COURSE_CONTENT }, WHO, 7))).toEqual(["CONFLICT", null]);
    expect(await codeOf(own.revise("x", { ...SAMPLE_COURSE_CONTENT, slug: "y" }, WHO))).toEqual([
      "FIELD_INVALID",
      "slug",
    ]);
    expect(await codeOf(own.revise("nope", { ...SAMPLE_COURSE_CONTENT }, WHO))).toEqual(["NOT_FOUND", null]);
    expect(await codeOf(own.remove("nope", WHO))).toEqual(["NOT_FOUND", null]);
    await own.remove("x", WHO);
    expect(await codeOf(own.remove("x", WHO))).toEqual(["GONE", null]);
    expect(await codeOf(own.revise("x", { ...SAMPLE_COURSE_CONTENT }, WHO))).toEqual(["GONE", null]);
    expect(await own.get("../../etc")).toBeUndefined();
  });
});
