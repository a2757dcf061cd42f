/**
 * The framework ceiling of `pnpm bench --http`: a bare Hono app that parses a JSON body and answers it back,
 * served by @hono/node-server exactly as the centre is. Run as a child process; prints its URL.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

/** `POST /echo`: the JSON body, parsed and serialised again; nothing else. */
export const echoApp = () => new Hono().post("/echo", async (c) => c.json(await c.req.json()));

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 0);
  serve({ fetch: echoApp().fetch, port, hostname: "127.0.0.1" }, (info) => {
    console.log(`listening at http://127.0.0.1:${info.port}`);
  });
  process.once("SIGTERM", () => process.exit(0));
}
