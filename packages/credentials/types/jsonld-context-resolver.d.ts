/** jsonld's internal context resolver, used to give each document loader its own resolved-context cache. */
declare module "jsonld/lib/ContextResolver.js" {
  /** The cache jsonld keeps resolved contexts in: URL (or JSON of an inline context) -> tag -> resolved. */
  export interface ResolvedContextCache {
    get(key: string): unknown;
    set(key: string, value: unknown): unknown;
  }
  export default class ContextResolver {
    constructor(options: { sharedCache: ResolvedContextCache });
  }
}
