/**
 * A centre's own courses over HTTP. Staff create, revise and delete them (scope achievements: the same
 * people define what the centre teaches and awards); the node signs each version as the owner and publishes
 * it to its feed in the same write. Anyone may list them and fetch one: the signed record, at the very URL
 * that is its id.
 */
import {
  type CatalogueEntry,
  COURSE_SLUG,
  type CourseRecord,
  isTombstone,
  OwnCatalogue,
} from "@learnbridge/catalogue";
import { DEFAULT_RETENTION } from "@learnbridge/federation";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { ProblemError } from "../problem.ts";
import type { CatalogueFeature } from "./catalogue-feature.ts";

const MAX_PAGE = 100;
/** Records are JSON-LD: their terms are defined by the catalogue context they name. */
const RECORD_MEDIA_TYPE = "application/ld+json";

const etagOf = (entry: CatalogueEntry) => `"v${entry.version}"`;

/** `If-Match: "v3"` as 3; undefined when absent or `*`. */
function ifMatchVersion(c: Context<AppEnv>): number | undefined {
  const header = c.req.header("If-Match")?.trim();
  if (header === undefined || header === "*") return undefined;
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header);
  if (!match) throw badRequest("If-Match", 'must be the ETag of a version, e.g. "v3"');
  return Number(match[1]);
}

const recordResponse = (c: Context<AppEnv>, entry: CatalogueEntry, status: 200 | 201 = 200) =>
  c.body(JSON.stringify(entry), status, { "Content-Type": RECORD_MEDIA_TYPE, ETag: etagOf(entry) });

/** The staff and public routes of the own catalogue. */
export function courseRoutes(deps: ResolvedDeps, feature: CatalogueFeature): Hono<AppEnv> {
  const own = new OwnCatalogue({
    repository: feature.courses,
    publicUrl: deps.publicUrl,
    owner: deps.keys.did,
    signer: () => deps.keys.signer(),
    clock: deps.clock,
  });
  const retention = feature.retention ?? DEFAULT_RETENTION;
  const who = (c: Context<AppEnv>) => ({ actor: c.get("apiKey").id, origin: c.get("clientAddress") });
  // Compaction is cheap when nothing fell out of the window; a failure of it never fails the write.
  const compact = async (c: Context<AppEnv>) => {
    try {
      await feature.feed.compact(retention, deps.clock());
    } catch (error) {
      deps.logError(error, c.get("requestId"));
    }
  };
  const staff = requireScope(deps.apiKeys, "achievements");

  return new Hono<AppEnv>()
    .post("/catalogue/courses", staff, async (c) => {
      const record = await own.create(await readJsonObject(c), who(c));
      await compact(c);
      c.header("Location", record.id);
      return recordResponse(c, record, 201);
    })
    .put("/catalogue/courses/:slug", staff, async (c) => {
      const ifVersion = ifMatchVersion(c);
      const record = await own.revise(c.req.param("slug"), await readJsonObject(c), who(c), ifVersion);
      await compact(c);
      return recordResponse(c, record);
    })
    .delete("/catalogue/courses/:slug", staff, async (c) => {
      const tombstone = await own.remove(c.req.param("slug"), who(c), ifMatchVersion(c));
      await compact(c);
      return recordResponse(c, tombstone);
    })
    .use("/catalogue/courses", publicCors())
    .get("/catalogue/courses", async (c) => {
      const { after, limit = "50" } = c.req.query();
      const size = Number(limit);
      if (!/^\d+$/.test(limit) || size < 1 || size > MAX_PAGE) {
        throw badRequest("limit", `must be an integer from 1 to ${MAX_PAGE}`);
      }
      if (after !== undefined && !COURSE_SLUG.test(after)) throw badRequest("after", "must be a course slug");
      const page = (await own.list({
        ...(after ? { after: own.urlOf(after) } : {}),
        limit: size,
      })) as CourseRecord[];
      const last = page.at(-1);
      return c.json(
        { courses: page, ...(page.length === size && last ? { next: own.slugOf(last.id) } : {}) },
        200,
        { "Cache-Control": "public, max-age=60" },
      );
    })
    .use("/catalogue/courses/:slug", publicCors())
    .get("/catalogue/courses/:slug", async (c) => {
      const slug = c.req.param("slug");
      const entry = await own.get(slug);
      if (!entry) throw new ProblemError("NOT_FOUND", `there is no course '${slug}'`);
      if (isTombstone(entry)) {
        // The signed tombstone says who deleted it and when; a follower may check it like any record.
        throw new ProblemError("GONE", `the course '${slug}' was deleted`, { extras: { tombstone: entry } });
      }
      if (c.req.header("If-None-Match") === etagOf(entry)) return c.body(null, 304, { ETag: etagOf(entry) });
      c.header("Cache-Control", "public, max-age=60");
      return recordResponse(c, entry);
    });
}
