/** `GET /openapi.json`: the API description, with this centre's URL as its server. */
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { openApiDocument } from "../openapi.ts";

/** Serves the OpenAPI 3.1 document. */
export function openApiRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const document = openApiDocument(deps);
  return new Hono<AppEnv>()
    .use("/openapi.json", publicCors())
    .get("/openapi.json", (c) => c.json(document, 200, { "Cache-Control": "public, max-age=3600" }));
}
