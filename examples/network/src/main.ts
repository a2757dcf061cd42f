#!/usr/bin/env node
/**
 * `pnpm network`: a small Learnbridge network on loopback in one command (see examples/network/README.md).
 * Flags: `--base-port N` (ports N…N+3; default 8801; 0 picks free ones), `--data-dir DIR` (keep the
 * centres' data there instead of a temporary directory that is removed on exit).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { guideOf } from "./guide.ts";
import { startNetwork } from "./network.ts";

const USAGE = "usage: pnpm network [--base-port N] [--data-dir DIR]";
const flags = (() => {
  try {
    return parseArgs({ options: { "base-port": { type: "string" }, "data-dir": { type: "string" } } }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
})();
const basePort = Number(flags["base-port"] ?? 8801);
if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65_532) {
  console.error(`--base-port must be a port number (0 picks free ports)\n${USAGE}`);
  process.exit(2);
}

console.log("Starting a Learnbridge network on loopback: four centres, each its own process…");
const network = await startNetwork({
  basePort,
  ...(flags["data-dir"] ? { dataDir: flags["data-dir"] } : {}),
  log: (line) => console.log(`  ${line}`),
}).catch((error: unknown) => {
  console.error(`the network could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const credentialFile = join(network.dataDir, "sample-credential.json");
await writeFile(credentialFile, `${JSON.stringify(network.sample.credential, null, 2)}\n`);
for (const line of guideOf(network, credentialFile)) console.log(line);

const stop = async () => {
  console.log("\nStopping the network…");
  await network.stop();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
