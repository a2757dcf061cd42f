/**
 * A static JSON-LD document loader: answers from the bundled contexts and from documents the caller
 * supplies, and refuses everything else. It never touches the network (Web standards only: it runs
 * unchanged in Cloudflare Workers).
 */
import { LearnbridgeError } from "@learnbridge/core";
import { CONTEXTS } from "./index.ts";

/** What a JSON-LD processor (jsonld.js) expects a document loader to resolve to. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export interface DocumentLoaderOptions {
  /**
   * Further documents by URL, e.g. DID documents or test fixtures, returned as given (not copied).
   * Bundled contexts take precedence.
   */
  extra?: ReadonlyMap<string, unknown> | Record<string, unknown>;
}

/** The URL without its fragment, if any. */
function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}

function isMap(value: object): value is ReadonlyMap<string, unknown> {
  return value instanceof Map || typeof (value as { get?: unknown }).get === "function";
}

/**
 * A loader that answers only from bundled contexts (plus `extra` documents, e.g. DID documents or test
 * fixtures); anything else is refused with an Error whose `code` property is "CONTEXT_UNKNOWN" and whose
 * message names the URL. Never touches the network.
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const given = options.extra ?? {};
  const extra: ReadonlyMap<string, unknown> = isMap(given) ? given : new Map(Object.entries(given));
  return async (url: string): Promise<RemoteDocument> => {
    const documentUrl = withoutFragment(url);
    // A bundled context is handed out as a copy: CONTEXTS is frozen, and jsonld rewrites loaded contexts.
    const bundled = CONTEXTS.get(documentUrl);
    const document = bundled ? structuredClone(bundled) : (extra.get(documentUrl) ?? extra.get(url));
    if (document === undefined) {
      throw new LearnbridgeError("CONTEXT_UNKNOWN", `unknown JSON-LD document, not loaded: ${url}`, { url });
    }
    return { contextUrl: null, documentUrl, document };
  };
}

/** The loader of the bundled contexts alone: every component's default. */
export const bundledDocumentLoader: DocumentLoader = createDocumentLoader();
