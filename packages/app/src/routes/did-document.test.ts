import { describe, expect, it } from "vitest";
import { CENTRE_DID, testCentre } from "../test-support/test-centre.ts";

describe("GET /.well-known/did.json", () => {
  it("serves the DID document with its signing key, as application/did+json, to anyone", async () => {
    const { app, keys } = await testCentre();
    const response = await app.request("/.well-known/did.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/did+json");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const document = (await response.json()) as { id: string; assertionMethod: unknown[] };
    expect(document.id).toBe(CENTRE_DID);
    const active = await keys.activeKey();
    expect(JSON.stringify(document.assertionMethod)).toContain(`${CENTRE_DID}#${active.id}`);
  });

  it("keeps a retired key after rotation so old credentials still verify", async () => {
    const { app, keys } = await testCentre();
    const before = await keys.activeKey();
    const after = await keys.rotate();
    const text = await (await app.request("/.well-known/did.json")).text();
    expect(text).toContain(before.id);
    expect(text).toContain(after.id);
  });
});
