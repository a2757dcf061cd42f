#!/usr/bin/env node
/** `pnpm start`: runs one centre from the environment (see README, "Configuration"). */
import { ConfigError, readConfig } from "./config.ts";
import { startCentre } from "./start.ts";

try {
  const config = readConfig(process.env, process.cwd());
  const centre = await startCentre(config);
  for (const warning of centre.warnings) console.warn(`warning: ${warning}`);
  // One write: a reader watching for "listening at" gets the token and notices with it, never half of them.
  const lines = [
    `Learnbridge centre ${centre.did}`,
    `  listening at ${centre.url}  (DID document: ${centre.url}/.well-known/did.json, API: ${centre.url}/openapi.json)`,
    ...centre.notices.map((notice) => `  ${notice}`),
    ...(centre.adminToken ? [`  admin token (shown once, store it now): ${centre.adminToken}`] : []),
  ];
  console.log(lines.join("\n"));
  const stop = async () => {
    await centre.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(
      `learnbridge: invalid configuration\n${error.problems.map((p) => `  ${p.variable}: ${p.reason}`).join("\n")}`,
    );
    process.exit(1);
  }
  throw error;
}
