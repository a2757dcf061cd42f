/**
 * The centre's DID document, where its did:web says it is: `/.well-known/did.json` at an origin root, or
 * `<path>/did.json` when the centre lives under a path (then the root's well-known file is not ours).
 */
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { publicCors } from "../middleware/public-cors.ts";

/** `GET <didDocumentPath>`: every key not revoked; the signing key exists before anyone looks. */
export function didDocumentRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().use(deps.didDocumentPath, publicCors()).get(deps.didDocumentPath, async (c) => {
    await deps.keys.activeKey();
    const document = await deps.keys.didDocument();
    return c.body(JSON.stringify(document), 200, {
      "Content-Type": "application/did+json",
      // Short: a rotated-in key must become resolvable soon; retired keys stay in the document.
      "Cache-Control": "public, max-age=300",
    });
  });
}
