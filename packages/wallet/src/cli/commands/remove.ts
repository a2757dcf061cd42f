/** `wallet remove <number or id>`: the learner deletes a credential from the wallet, after saying yes. */
import { CliFailure, UsageError } from "../cli-failure.ts";
import { findCredential, issuerOf, nameOf } from "../display.ts";
import { openCliWallet } from "../wallet-location.ts";
import { type Command, parse } from "./command.ts";

export const remove: Command = {
  help: `Usage: pnpm wallet remove <number or id> [--yes]

Deletes one credential from your wallet (the number is the one 'pnpm wallet list' shows). It asks first;
--yes does not ask. The learning centre still has its record: it can offer the credential again. A backup
made before still holds it.`,
  async run(args, io) {
    const { values, positionals } = parse(args, { yes: { type: "boolean", default: false } });
    if (positionals.length !== 1) throw new UsageError("give the number or id of one credential");
    const { wallet, client } = await openCliWallet(values, io);
    try {
      const found = findCredential(await wallet.credentials.list(), positionals[0] as string);
      if (!found)
        throw new CliFailure(
          `There is no credential ${positionals[0]} in your wallet. See them with: pnpm wallet list`,
        );
      const what = `"${nameOf(found)}" from ${issuerOf(found)}`;
      if (!values.yes) {
        const answer = await io.ask(`Remove ${what} from your wallet? Type yes to remove it: `);
        if (answer?.trim().toLowerCase() !== "yes") {
          io.out("Nothing was removed.");
          return 0;
        }
      }
      if (!(await wallet.credentials.remove(found.id)))
        throw new CliFailure(`${what} was removed meanwhile (by another window?). See: pnpm wallet list`);
      io.out(`Removed ${what}.`);
      return 0;
    } finally {
      client.close();
    }
  },
};
