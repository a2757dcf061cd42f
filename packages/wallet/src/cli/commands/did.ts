/** `wallet did create|list`: the learner's identifiers. */
import { HOLDER_DID_METHODS, type HolderDidMethod } from "../../agent/holder-agent.ts";
import { UsageError } from "../cli-failure.ts";
import { openCliWallet } from "../wallet-location.ts";
import { type Command, parse } from "./command.ts";

export const did: Command = {
  help: `Usage: pnpm wallet did create [--method key|jwk]
       pnpm wallet did list

Your identifiers (DIDs): centres bind credentials to one of them. The wallet picks one for you; you
only need another if a centre asks for a did:jwk.`,
  async run(args, io) {
    const { values, positionals } = parse(args, { method: { type: "string" } });
    const [action, ...rest] = positionals;
    if (rest.length || (action !== "create" && action !== "list"))
      throw new UsageError("say 'did create' or 'did list'");
    const method = values.method ?? "key";
    if (action === "create" && !HOLDER_DID_METHODS.includes(method as HolderDidMethod)) {
      throw new UsageError("--method is key or jwk");
    }
    if (action === "list" && values.method !== undefined)
      throw new UsageError("--method is for 'did create'");
    const { wallet, client } = await openCliWallet(values, io);
    try {
      if (action === "create") {
        io.out(`New identifier: ${(await wallet.createDid(method as HolderDidMethod)).did}`);
        return 0;
      }
      const dids = await wallet.dids();
      if (dids.length === 0) io.out("You have no identifier yet. Make one with: pnpm wallet did create");
      dids.forEach((identifier, index) => {
        io.out(`  ${index + 1}. ${identifier.did}${index === 0 ? "   (used first)" : ""}`);
      });
      return 0;
    } finally {
      client.close();
    }
  },
};
