/**
 * A centre's achievements over HTTP. Staff define and revise them (scope achievements); anyone may list
 * them and fetch one as the Open Badges 3.0 `Achievement` its credentials embed, at the very URL that is
 * its id. The texts are served as defined, the source language first: `?lang=` only says, in
 * Content-Language, which of the achievement's languages the reader asked to see.
 */
import { CONTEXT_URLS, toObAchievement } from "@learnbridge/credentials";
import { type AchievementRecord, Achievements } from "@learnbridge/issuer";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { ProblemError } from "../problem.ts";

const MAX_PAGE = 100;
/** The contexts of a standalone Achievement: those of the credentials that embed it. */
const ACHIEVEMENT_CONTEXT = [
  CONTEXT_URLS.VC_V2,
  CONTEXT_URLS.OB_V3_0_3,
  CONTEXT_URLS.OB_V3_EXTENSIONS,
  CONTEXT_URLS.LEARNBRIDGE_V1,
];

/** The stored form staff edit: PUT takes `{ ...definition, archived }` back. */
export const achievementView = (achievements: Achievements, r: AchievementRecord) => ({
  id: achievements.urlOf(r.slug),
  slug: r.slug,
  version: r.version,
  archived: r.archived,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  definition: r.content,
});

const summaryOf = (achievements: Achievements, r: AchievementRecord) => ({
  id: achievements.urlOf(r.slug),
  slug: r.slug,
  version: r.version,
  name: r.content.name,
  sourceLanguage: r.content.sourceLanguage,
  achievementType: r.content.achievementType ?? "MicroCredential",
  ...(r.content.eqfLevel !== undefined ? { eqfLevel: r.content.eqfLevel } : {}),
  ...(r.content.ectsCredits !== undefined ? { ectsCredits: r.content.ectsCredits } : {}),
  ...(r.content.workloadHours !== undefined ? { workloadHours: r.content.workloadHours } : {}),
  ...(r.content.participationForm ? { participationForm: r.content.participationForm } : {}),
  ...(r.archived ? { archived: true } : {}),
  updatedAt: r.updatedAt,
});

/** The achievement's language a `?lang=` asks for (exact tag, then primary subtag), else its source. */
export function renderingLanguage(record: AchievementRecord, wanted: string | undefined): string {
  const source = record.content.sourceLanguage;
  const { name } = record.content;
  if (!wanted || typeof name === "string") return source;
  const tags = Object.keys(name);
  const lower = wanted.toLowerCase();
  return (
    tags.find((t) => t.toLowerCase() === lower) ??
    tags.find((t) => t.toLowerCase().split("-")[0] === lower.split("-")[0]) ??
    source
  );
}

/** `If-Match: "v3"` as 3; undefined when absent or `*`. */
function ifMatchVersion(c: Context<AppEnv>): number | undefined {
  const header = c.req.header("If-Match")?.trim();
  if (header === undefined || header === "*") return undefined;
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header);
  if (!match) throw badRequest("If-Match", 'must be the ETag of a version, e.g. "v3"');
  return Number(match[1]);
}

const etag = (r: AchievementRecord) => `"v${r.version}"`;

/** POST/PUT (scope achievements), and the public GET of the list and of one achievement. */
export function achievementRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const achievements = new Achievements({
    repository: deps.achievements,
    publicUrl: deps.publicUrl,
    clock: deps.clock,
  });
  const who = (c: Context<AppEnv>) => ({ actor: c.get("apiKey").id, origin: c.get("clientAddress") });

  return new Hono<AppEnv>()
    .post("/achievements", requireScope(deps.apiKeys, "achievements"), async (c) => {
      const record = await achievements.define(await readJsonObject(c), who(c));
      c.header("Location", achievements.urlOf(record.slug));
      c.header("ETag", etag(record));
      return c.json(achievementView(achievements, record), 201);
    })
    .put("/achievements/:slug", requireScope(deps.apiKeys, "achievements"), async (c) => {
      const ifVersion = ifMatchVersion(c);
      const record = await achievements.revise(
        c.req.param("slug"),
        await readJsonObject(c),
        who(c),
        ifVersion,
      );
      c.header("ETag", etag(record));
      return c.json(achievementView(achievements, record));
    })
    .get("/achievements", publicCors(), async (c) => {
      const { after, limit = "50", archived } = c.req.query();
      const size = Number(limit);
      if (!/^\d+$/.test(limit) || size < 1 || size > MAX_PAGE) {
        throw badRequest("limit", `must be an integer from 1 to ${MAX_PAGE}`);
      }
      if (archived !== undefined && archived !== "true" && archived !== "false") {
        throw badRequest("archived", "must be true or false");
      }
      const page = await achievements.list({
        ...(after ? { after } : {}),
        limit: size,
        includeArchived: archived === "true",
      });
      const last = page.at(-1);
      c.header("Cache-Control", "public, max-age=60");
      return c.json({
        achievements: page.map((r) => summaryOf(achievements, r)),
        ...(page.length === size && last ? { next: last.slug } : {}),
      });
    })
    .get("/achievements/:slug", publicCors(), async (c) => {
      const slug = c.req.param("slug");
      const { version, view, lang } = c.req.query();
      if (version !== undefined && !/^[1-9]\d{0,8}$/.test(version)) {
        throw badRequest("version", "must be a positive integer");
      }
      if (view !== undefined && view !== "definition") throw badRequest("view", 'must be "definition"');
      const record = await achievements.get(slug, version === undefined ? undefined : Number(version));
      if (!record) {
        throw new ProblemError(
          "NOT_FOUND",
          `there is no achievement '${slug}'${version ? ` v${version}` : ""}`,
        );
      }
      c.header("ETag", etag(record));
      c.header("Cache-Control", "public, max-age=300");
      if (view === "definition") return c.json(achievementView(achievements, record));
      const document = {
        "@context": ACHIEVEMENT_CONTEXT,
        ...toObAchievement(achievements.definitionOf(record)),
      };
      return c.body(JSON.stringify(document), 200, {
        "Content-Type": "application/ld+json",
        "Content-Language": renderingLanguage(record, lang),
      });
    });
}
