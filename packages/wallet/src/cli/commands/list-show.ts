/** `wallet list` and `wallet show <id or number>`: what is in the wallet. */
import { parseCompactJws } from "@learnbridge/credentials";
import { CliFailure, UsageError } from "../cli-failure.ts";
import { credentialLines, dateFor, findCredential, formatName, issuerOf, nameOf } from "../display.ts";
import { openCliWallet } from "../wallet-location.ts";
import { type Command, parse } from "./command.ts";

export const list: Command = {
  help: `Usage: pnpm wallet list

Lists your credentials, the most recent first, with the number to use in 'pnpm wallet show <number>'.`,
  async run(args, io) {
    const { values, positionals } = parse(args, {});
    if (positionals.length) throw new UsageError("list takes no arguments");
    const { wallet, client, languages } = await openCliWallet(values, io);
    try {
      const all = await wallet.credentials.list();
      if (all.length === 0) {
        io.out("Your wallet has no credentials yet. Receive one with: pnpm wallet accept '<offer link>'");
        return 0;
      }
      io.out(`You have ${all.length} credential${all.length === 1 ? "" : "s"}:`);
      all.forEach((c, i) => {
        io.out(credentialLines(c, i + 1, languages).join("\n"));
      });
      return 0;
    } finally {
      client.close();
    }
  },
};

export const show: Command = {
  help: `Usage: pnpm wallet show <number or id>

Shows one credential in full (the number is the one 'pnpm wallet list' shows).`,
  async run(args, io) {
    const { values, positionals } = parse(args, {});
    if (positionals.length !== 1) throw new UsageError("give the number or id of one credential");
    const { wallet, client, languages } = await openCliWallet(values, io);
    try {
      const found = findCredential(await wallet.credentials.list(), positionals[0] as string);
      if (!found)
        throw new CliFailure(
          `There is no credential ${positionals[0]} in your wallet. See them with: pnpm wallet list`,
        );
      io.out(`${nameOf(found)}
  Issued by:   ${issuerOf(found)}
  About:       ${found.holder ?? "(not bound to an identifier)"}
  Kinds:       ${found.types.join(", ")}
  Received:    ${dateFor(found.receivedAt, languages)}
  Secured by:  ${formatName(found.format)}
  id:          ${found.id}
`);
      if (typeof found.credential === "string") {
        const parsed = parseCompactJws(found.credential);
        io.out("The credential (the content of the signed JWT):");
        io.out(JSON.stringify(parsed.ok ? parsed.value.payload : found.credential, null, 2));
        io.out(`\nAs received:\n${found.credential}`);
      } else {
        io.out("The credential, as received:");
        io.out(JSON.stringify(found.credential, null, 2));
      }
      return 0;
    } finally {
      client.close();
    }
  },
};
