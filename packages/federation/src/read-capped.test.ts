import { describe, expect, it } from "vitest";
import { readCapped } from "./read-capped.ts";

/** A response whose body arrives in `chunks`, with a Content-Length that may lie. */
function streamed(chunks: Uint8Array[], contentLength?: number): Response {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Response(
    body,
    contentLength === undefined ? {} : { headers: { "content-length": `${contentLength}` } },
  );
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("readCapped", () => {
  it("joins the chunks of a body up to the cap, and gives an empty string for no body", async () => {
    expect(await readCapped(streamed([bytes("hé"), bytes("llo")]), 6)).toBe("héllo");
    expect(await readCapped(new Response(null, { status: 204 }), 6)).toBe("");
  });

  it("gives undefined as soon as the counted bytes pass the cap, whatever Content-Length says", async () => {
    let pulled = 0;
    const endless = new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(1024));
        },
      }),
      { headers: { "content-length": "10" } },
    );
    expect(await readCapped(endless, 4096)).toBeUndefined();
    expect(pulled).toBeLessThan(10);
    expect(await readCapped(streamed([bytes("abc"), bytes("def")], 3), 5)).toBeUndefined();
  });

  it("replaces bytes that are not UTF-8, or throws on them when fatal", async () => {
    const broken = () => streamed([new Uint8Array([0x61, 0xff, 0x62])]);
    expect(await readCapped(broken(), 10)).toBe("a\uFFFDb");
    await expect(readCapped(broken(), 10, { fatal: true })).rejects.toThrow(TypeError);
  });
});
