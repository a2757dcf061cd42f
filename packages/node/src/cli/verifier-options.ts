/**
 * The verifier options of the CLI: the Node root's network rules (did:web and status lists over HTTPS,
 * addresses checked after a DNS lookup), or no network at all with --offline.
 */
import { lookup } from "node:dns/promises";
import { fixedClock } from "@learnbridge/core";
import { createKeyResolver, err, type VerifierOptions } from "@learnbridge/credentials";

/** Options for `verifyCredential` / `verifyPresentation`. */
export function cliVerifierOptions(options: { offline: boolean; now?: Date }): VerifierOptions {
  const clock = options.now ? fixedClock(options.now) : undefined;
  if (!options.offline) {
    const network = {
      resolveHost: async (hostname: string) => (await lookup(hostname, { all: true })).map((a) => a.address),
    };
    return { network, ...(clock ? { clock } : {}) };
  }
  const blocked = (what: string) => err<never>("DID_NETWORK_BLOCKED", `--offline: ${what} is not fetched`);
  return {
    resolveKey: createKeyResolver({
      methods: { web: { cacheable: false, resolve: (did) => blocked(did) } },
      fetch: async (url) => {
        throw new Error(`--offline: ${url} is not fetched`);
      },
      ...(clock ? { clock } : {}),
    }),
    fetchStatusList: async (url) =>
      err("STATUS_LIST_UNAVAILABLE", `--offline: ${url} is not fetched`, { listUrl: url }),
    ...(clock ? { clock } : {}),
  };
}
