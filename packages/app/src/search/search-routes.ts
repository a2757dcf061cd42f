/**
 * `GET /catalogue/search`: public full-text search over this node's own catalogue and every catalogue it
 * follows, in any language the records carry, with filters and a cursor. Each result names the course in
 * the reader's language, with a fallback, and says which language that is.
 */
import {
  MemoryCatalogueSearch,
  parseSearchParams,
  type SearchHit,
  searchCursorOf,
} from "@learnbridge/catalogue";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest } from "../json-body.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { type ReaderLanguages, readerText } from "./reader-text.ts";

/** Results may be a few seconds behind a feed anyway: shared caches may keep a page this long. */
const MAX_AGE_SECONDS = 30;

/** The search route; a node built without a search index searches an empty catalogue. */
export function catalogueSearchRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const search = deps.catalogueSearch ?? new MemoryCatalogueSearch({ sources: {} });
  return new Hono<AppEnv>().use("/catalogue/search", publicCors()).get("/catalogue/search", async (c) => {
    const parsed = parseSearchParams(c.req.queries());
    if (!parsed.ok) throw badRequest(parsed.field, parsed.message);
    const page = await search.search(parsed.query);
    const acceptLanguage = c.req.header("Accept-Language");
    const reader: ReaderLanguages = {
      ...(parsed.readerLanguage ? { chosen: parsed.readerLanguage } : {}),
      ...(acceptLanguage ? { acceptLanguage } : {}),
    };
    return c.json(
      {
        results: page.hits.map((hit) => resultOf(hit, reader)),
        ...(page.nextOffset !== undefined ? { next: searchCursorOf(parsed.query, page.nextOffset) } : {}),
      },
      200,
      { "Cache-Control": `public, max-age=${MAX_AGE_SECONDS}` },
    );
  });
}

/** What a reader sees of one hit; the signed record itself is at its id, on its owner's node. */
function resultOf(hit: SearchHit, reader: ReaderLanguages) {
  const { record } = hit;
  const title = readerText(record.title, reader);
  const description = readerText(record.description, reader);
  const copy = (field: string) => (record[field] !== undefined ? { [field]: record[field] } : {});
  return {
    id: hit.recordId,
    owner: hit.owner,
    version: hit.version,
    source: hit.source,
    ...(title ? { title: title.text, titleLanguage: title.language } : {}),
    ...(description ? { description: description.text, descriptionLanguage: description.language } : {}),
    ...copy("level"),
    ...copy("credits"),
    ...copy("language"),
    ...copy("mode"),
    ...copy("audience"),
    ...copy("country"),
  };
}
