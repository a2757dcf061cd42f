import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { startSqld } from "./sqld.ts";

describe("startSqld", () => {
  it("starts a server that answers over HTTP, and stop() takes it down", async () => {
    const server = await startSqld();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.readyInMs).toBeLessThan(10_000);
    const client = createClient({ url: server.url });
    expect((await client.execute("select 40 + 2 AS n")).rows[0]?.n).toBe(42);
    await server.stop();
    await server.stop();
    await expect(client.execute("select 1")).rejects.toThrow();
    client.close();
  });

  it("fails clearly when the binary is missing", async () => {
    await expect(startSqld({ binary: "/nonexistent/sqld", readyTimeoutMs: 2_000 })).rejects.toThrow(
      /sqld exited/,
    );
  });
});
