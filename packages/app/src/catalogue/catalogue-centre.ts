/**
 * A test centre that publishes a catalogue: the in-memory centre of test-support, with its course records
 * published to an in-memory feed in the same write, and the centre's own audit log.
 */
import { MemoryCourseRepository } from "@learnbridge/catalogue";
import type { Clock } from "@learnbridge/core";
import { createKeyResolver, type DidDocument } from "@learnbridge/credentials";
import { MemoryFeedLog, type RetentionPolicy } from "@learnbridge/federation";
import { createCentreApp } from "../app.ts";
import { CENTRE_URL, NOW, testCentre } from "../test-support/test-centre.ts";

/** Builds the centre; `now` moves its clock (events, records, checkpoints, retention). */
export async function catalogueCentre(options: { readonly retention?: RetentionPolicy } = {}) {
  let now = NOW;
  const clock: Clock = () => now;
  const centre = await testCentre({ clock });
  const feed = new MemoryFeedLog({ clock });
  const courses = new MemoryCourseRepository({ audit: centre.audit, feed });
  const app = createCentreApp({
    ...centre,
    publicUrl: CENTRE_URL,
    clock,
    catalogue: { courses, feed, ...(options.retention ? { retention: options.retention } : {}) },
  });
  /** Resolves keys from the DID document the centre serves now (retired keys included). */
  const resolveKey = async (...args: Parameters<ReturnType<typeof createKeyResolver>>) => {
    const document = (await (await app.request("/.well-known/did.json")).json()) as DidDocument;
    return createKeyResolver({ documents: new Map([[centre.keys.did, document]]) })(...args);
  };
  return {
    ...centre,
    app,
    feed,
    courses,
    clock,
    resolveKey,
    /** Moves the clock on by `ms`. */
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}
