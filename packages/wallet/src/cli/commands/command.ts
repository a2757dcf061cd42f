/** The shape of a CLI command and its argument parsing (node:util parseArgs, strict). */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../cli-failure.ts";
import type { CliIo } from "../io.ts";
import { COMMON_OPTIONS } from "../wallet-location.ts";

/** One command: runs with its arguments and returns the exit status. */
export interface Command {
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Parses a command's arguments with the common options added. */
export function parse<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: O,
) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
