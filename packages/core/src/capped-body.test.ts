import { describe, expect, it } from "vitest";
import { readCappedBody } from "./capped-body.ts";

/** A body streamed in chunks with no Content-Length, counting how many chunks the reader pulled. */
function streamed(chunks: readonly string[]) {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[pulled++];
      if (next === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(next));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body), pulled: () => pulled, cancelled: () => cancelled };
}

describe("readCappedBody", () => {
  it("returns the whole body when it fits, chunks joined in order", async () => {
    const { response } = streamed(["ab", "cd", "e"]);
    expect(new TextDecoder().decode(await readCappedBody(response, 5))).toBe("abcde");
    expect(await readCappedBody(new Response(null), 5)).toEqual(new Uint8Array(0));
  });

  it("refuses a declared Content-Length over the cap without reading", async () => {
    const response = new Response("x".repeat(10), { headers: { "content-length": "10" } });
    expect(await readCappedBody(response, 9)).toBeUndefined();
  });

  it("stops and cancels the stream as soon as it grows past the cap", async () => {
    const body = streamed(["aaaa", "bbbb", "cccc", "dddd"]);
    expect(await readCappedBody(body.response, 6)).toBeUndefined();
    expect(body.cancelled()).toBe(true);
    expect(body.pulled()).toBeLessThan(4);
  });
});
