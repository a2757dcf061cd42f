/** `wallet init`: makes the wallet and the learner's first identifier. */
import { UsageError } from "../cli-failure.ts";
import { createCliWallet, newPassphrase } from "../wallet-location.ts";
import { type Command, parse } from "./command.ts";

export const init: Command = {
  help: `Usage: pnpm wallet init [--wallet <dir>]

Makes a new wallet, protected by a passphrase you choose, with your first identifier.`,
  async run(args, io) {
    const { values, positionals } = parse(args, {});
    if (positionals.length) throw new UsageError("init takes no arguments");
    const opened = await createCliWallet(values, io, await newPassphrase(io));
    try {
      const [first] = await opened.wallet.dids();
      io.out(`Your wallet is ready.
  Kept in: ${opened.directory}
  Your identifier: ${first?.did}

Next: when a learning centre gives you a credential link, run
  pnpm wallet accept '<the link>'`);
      return 0;
    } finally {
      opened.client.close();
    }
  },
};
