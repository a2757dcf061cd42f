/** Placeholder barrel; the feature modules export from here. */
export * from "./feed/index.ts";
export * from "./http-signature/index.ts";
export * from "./sync/index.ts";
export * from "./trust/index.ts";
