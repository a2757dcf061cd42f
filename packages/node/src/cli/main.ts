#!/usr/bin/env node
/**
 * The `learnbridge` command: keygen, issue, verify, example, admin. Exit status 0 on success (verified), 1 when the
 * command failed (not verified), 2 on a usage error.
 */
import { readFile } from "node:fs/promises";
import { ADMIN_HELP, admin } from "./admin.ts";
import { CommandFailure, UsageError } from "./errors.ts";
import { type CliIo, readProcessStdin } from "./io.ts";
import { ISSUE_HELP, issue } from "./issue.ts";
import { KEYGEN_HELP, keygen } from "./keygen.ts";
import { VERIFY_HELP, verify } from "./verify.ts";

const HELP = `Usage: learnbridge <command> [options]

Commands:
  keygen    create a signing key and its did:key
  issue     sign a credential or an achievement input
  verify    verify a credential or presentation, explained in your language
  example   print an example achievement input
  admin     manage the staff API keys of a centre's database

Run 'learnbridge <command> --help' for a command's options.`;

const EXAMPLE = new URL("../../examples/achievement.json", import.meta.url);

async function example(args: string[], io: CliIo): Promise<number> {
  if (args.length) throw new UsageError("example takes no arguments");
  io.out(await readFile(EXAMPLE, "utf8"));
  return 0;
}

const COMMANDS: Record<string, { run: (args: string[], io: CliIo) => Promise<number>; help: string }> = {
  admin: { run: admin, help: ADMIN_HELP },
  keygen: { run: keygen, help: KEYGEN_HELP },
  issue: { run: issue, help: ISSUE_HELP },
  verify: { run: verify, help: VERIFY_HELP },
  example: {
    run: example,
    help: "Usage: learnbridge example > achievement.json\n\nPrints an example achievement input.",
  },
};

/** Runs one command line; returns the exit status. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? io.err : io.out)(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`learnbridge: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`learnbridge ${name}: ${(error as Error).message}\nRun 'learnbridge ${name} --help' for usage.`);
      return 2;
    }
    if (error instanceof CommandFailure) {
      io.err(`learnbridge ${name}: ${error.message}`);
      return 1;
    }
    io.err(`learnbridge ${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

if (import.meta.main) {
  const io: CliIo = {
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    readStdin: readProcessStdin,
    env: process.env,
  };
  process.exitCode = await run(process.argv.slice(2), io);
}
