/** `GET /health`: the process answers. Load balancers and the Workers smoke test call it. */
import { Hono } from "hono";
import type { AppEnv } from "../deps.ts";

/** Liveness: 200 `{ ok: true }`, never cached. */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/health", (c) => c.json({ ok: true }, 200, { "Cache-Control": "no-store" }));
}
