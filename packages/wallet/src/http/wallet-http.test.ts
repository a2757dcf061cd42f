import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackServer, serveOnLoopback } from "../testing/serve.ts";
import { createWalletHttp, failureOf, isLoopbackHost } from "./wallet-http.ts";

let server: LoopbackServer;
beforeAll(async () => {
  server = await serveOnLoopback((request) => {
    const path = new URL(request.url).pathname;
    if (path === "/redirect")
      return new Response(null, { status: 302, headers: { location: "https://evil.example/" } });
    if (path === "/big") return new Response("x".repeat(5000));
    if (path === "/slow")
      return new Promise((resolve) => setTimeout(() => resolve(new Response("late")), 2000));
    return Response.json({ ok: true });
  });
});
afterAll(() => server.close());

const neverFetch = async () => {
  throw new Error("no request should have been sent");
};

describe("the wallet's HTTP client", () => {
  it("refuses plain http, private networks and loopback unless loopback is allowed, before sending anything", async () => {
    const strict = createWalletHttp({ fetch: neverFetch });
    await expect(strict.send("http://centre.example/x")).rejects.toMatchObject({ code: "URL_INVALID" });
    await expect(strict.send("https://10.0.0.8/x")).rejects.toMatchObject({ code: "DID_NETWORK_BLOCKED" });
    await expect(strict.send(`${server.url}/x`)).rejects.toMatchObject({ code: "DID_NETWORK_BLOCKED" });
    await expect(strict.send("not a url")).rejects.toMatchObject({ code: "URL_INVALID" });
    const local = createWalletHttp({ fetch: neverFetch, allowLoopback: true });
    await expect(local.send("http://192.168.1.2/x")).rejects.toMatchObject({ code: "URL_INVALID" });
    expect(isLoopbackHost("127.0.0.1:8080") && isLoopbackHost("localhost") && isLoopbackHost("[::1]")).toBe(
      true,
    );
    expect(isLoopbackHost("127.example.com")).toBe(false);
  });

  it("does not follow redirects, caps the size, and gives up after the deadline", async () => {
    const http = createWalletHttp({ allowLoopback: true, maxBytes: 1000, timeoutMs: 300 });
    expect((await http.send(`${server.url}/ok`)).text).toBe('{"ok":true}');
    await expect(http.send(`${server.url}/redirect`)).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    await expect(http.send(`${server.url}/big`)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    await expect(http.send(`${server.url}/slow`)).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      message: expect.stringContaining("no answer within"),
    });
  });

  it("reads a failure's code from our nodes' `code`, else from OAuth's `error`, else from the status", () => {
    const answer = (status: number, body: unknown) => ({
      url: "https://c.example/token",
      status,
      contentType: "application/json",
      text: typeof body === "string" ? body : JSON.stringify(body),
    });
    expect(
      failureOf(
        answer(400, { error: "invalid_grant", code: "TX_CODE_LOCKED", error_description: "locked" }),
        "x",
      ),
    ).toMatchObject({
      code: "TX_CODE_LOCKED",
      message: "x: locked",
    });
    expect(failureOf(answer(400, { error: "invalid_nonce" }), "x").code).toBe("NONCE_INVALID");
    expect(failureOf(answer(404, "<html>"), "x").code).toBe("NOT_FOUND");
    expect(failureOf(answer(503, ""), "x").code).toBe("UPSTREAM_UNAVAILABLE");
    expect(failureOf(answer(400, { type: "about:blank", title: "Bad", detail: "why" }), "x").message).toBe(
      "x: why",
    );
  });
});
