/**
 * JSON-LD processing for Data Integrity: RDFC-1.0 canonicalisation and the safe-mode check, with jsonld's
 * errors mapped to our codes (TERM_UNDEFINED, CONTEXT_UNKNOWN, URL_INVALID, FIELD_INVALID).
 */
import { LearnbridgeError } from "@learnbridge/core";
import jsonld from "jsonld";
import ContextResolver, { type ResolvedContextCache } from "jsonld/lib/ContextResolver.js";
import type { DocumentLoader } from "../contexts/document-loader.ts";

// The options jsonld 9 reads (its published typings predate `safe`, `rdfDirection` and RDFC-1.0).
interface JsonLdOptions {
  readonly documentLoader: DocumentLoader;
  readonly safe: true;
  readonly base: null;
  // Language value objects with a direction (VC 2.0) fail safe mode without it; Digital Bazaar sets the same.
  readonly rdfDirection: "i18n-datatype";
  readonly contextResolver: ContextResolver;
  readonly algorithm?: "RDFC-1.0";
  readonly format?: "application/n-quads";
  readonly canonizeOptions?: { readonly algorithm: "RDFC-1.0" };
}
const canonize = jsonld.canonize as unknown as (input: unknown, options: JsonLdOptions) => Promise<string>;
const toRdf = jsonld.toRDF as unknown as (input: unknown, options: JsonLdOptions) => Promise<unknown>;

const CACHE_LIMIT = 100;

/** A small insertion-ordered cache; bounded because inline contexts in untrusted input are cached too. */
class BoundedCache implements ResolvedContextCache {
  readonly #entries = new Map<string, unknown>();
  get(key: string): unknown {
    return this.#entries.get(key);
  }
  set(key: string, value: unknown): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > CACHE_LIMIT) this.#entries.delete(this.#entries.keys().next().value as string);
    return this;
  }
}

// jsonld keeps resolved contexts that a loader marks `tag: "static"` in one module-wide cache by URL, so a
// context one loader served would be reused under another loader that refuses it; untagged ones it fetches
// and processes again on every call. We give each loader its own cache and mark its answers static: every
// loader stays authoritative, and a context is processed once per loader (about twice as fast).
interface LoaderState {
  readonly cache: BoundedCache;
  readonly loader: DocumentLoader;
}
const stateByLoader = new WeakMap<DocumentLoader, LoaderState>();

function options(documentLoader: DocumentLoader): JsonLdOptions {
  let state = stateByLoader.get(documentLoader);
  if (!state) {
    const loader: DocumentLoader = async (url) => ({ ...(await documentLoader(url)), tag: "static" });
    state = { cache: new BoundedCache(), loader };
    stateByLoader.set(documentLoader, state);
  }
  const contextResolver = new ContextResolver({ sharedCache: state.cache });
  return {
    documentLoader: state.loader,
    safe: true,
    base: null,
    rdfDirection: "i18n-datatype",
    contextResolver,
  };
}

/** RDFC-1.0 canonical N-Quads of a JSON-LD document in safe mode; throws a LearnbridgeError on failure. */
export async function canonizeRdfc(document: unknown, documentLoader: DocumentLoader): Promise<string> {
  try {
    return await canonize(document, {
      ...options(documentLoader),
      algorithm: "RDFC-1.0",
      format: "application/n-quads",
      canonizeOptions: { algorithm: "RDFC-1.0" },
    });
  } catch (error) {
    throw jsonLdFailure(error);
  }
}

/** Checks that a document is well-formed JSON-LD in safe mode (every term defined, every context known). */
export async function checkJsonLd(document: unknown, documentLoader: DocumentLoader): Promise<void> {
  try {
    await toRdf(document, options(documentLoader));
  } catch (error) {
    throw jsonLdFailure(error);
  }
}

interface JsonLdEvent {
  readonly code?: string;
  readonly details?: Record<string, unknown>;
}

const TERM_EVENTS = new Set(["invalid property", "relative @type reference", "relative @vocab reference"]);
const IRI_EVENTS = new Set([
  "relative @id reference",
  "relative subject reference",
  "relative object reference",
  "relative predicate reference",
  "relative graph reference",
  "reserved @id value",
]);

/** Maps an error thrown by jsonld (or by the document loader inside it) to a LearnbridgeError. */
function jsonLdFailure(error: unknown): LearnbridgeError {
  if (error instanceof LearnbridgeError) return error;
  const loaderError = findInChain(error, (e) => e.code === "CONTEXT_UNKNOWN" || e.code === "CONTEXT_MISSING");
  const details = (error as { details?: Record<string, unknown> } | null)?.details ?? {};
  if (
    loaderError ||
    details.code === "loading remote context failed" ||
    details.code === "loading document failed"
  ) {
    const url = String(details.url ?? loaderError?.url ?? "");
    return new LearnbridgeError(
      "CONTEXT_UNKNOWN",
      `context ${url} is not known to this node`,
      { url },
      { cause: error },
    );
  }
  const event = details.event as JsonLdEvent | undefined;
  const eventDetails = event?.details ?? {};
  if (event?.code && TERM_EVENTS.has(event.code)) {
    const term = String(eventDetails.property ?? eventDetails.type ?? eventDetails.vocab ?? "");
    return new LearnbridgeError(
      "TERM_UNDEFINED",
      `term "${term}" is not defined by the document's contexts`,
      {
        term,
        jsonLdEvent: event.code,
      },
      { cause: error },
    );
  }
  if (event?.code && IRI_EVENTS.has(event.code)) {
    return new LearnbridgeError(
      "URL_INVALID",
      `JSON-LD safe mode: ${event.code}`,
      {
        jsonLdEvent: event.code,
        ...plainValues(eventDetails),
      },
      { cause: error },
    );
  }
  const code = event?.code ?? (typeof details.code === "string" ? details.code : undefined);
  const message = code
    ? `invalid JSON-LD: ${code}`
    : `invalid JSON-LD: ${(error as Error)?.message ?? String(error)}`;
  return new LearnbridgeError("FIELD_INVALID", message, code ? { jsonLdEvent: code } : {}, { cause: error });
}

/** Follows `cause` and jsonld's `details.cause` links to the first error matching `test`. */
function findInChain(
  error: unknown,
  test: (e: { code?: unknown; url?: unknown }) => boolean,
): { code?: unknown; url?: unknown } | undefined {
  let current = error as { code?: unknown; cause?: unknown; details?: { cause?: unknown } } | undefined;
  for (let depth = 0; current && typeof current === "object" && depth < 8; depth++) {
    if (test(current)) return current;
    current = (current.details?.cause ?? current.cause) as typeof current;
  }
  return undefined;
}

/** Keeps the string and number values of jsonld's event details (it also carries whole JSON-LD objects). */
function plainValues(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).filter(([, v]) => typeof v === "string" || typeof v === "number"),
  );
}
