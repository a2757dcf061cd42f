/** Files and streams for the CLI: read a file or stdin, write a file (optionally private) or stdout. */
import { readFile, writeFile } from "node:fs/promises";
import { UsageError } from "./errors.ts";

/** What a command may touch; `main` passes the process's, tests may pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** Reads `path` as UTF-8, or stdin for "-"; a missing or oversized file is a usage error. */
export async function readInput(path: string, io: CliIo): Promise<string> {
  if (path === "-") return io.readStdin();
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_INPUT_BYTES) throw new UsageError(`${path} is larger than 8 MiB`);
    return bytes.toString("utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Reads and parses a JSON file (or stdin). */
export async function readJson(path: string, io: CliIo): Promise<unknown> {
  const text = await readInput(path, io);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path === "-" ? "stdin" : path} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Writes `text` to `path`, or to stdout when there is no path. A `secret` file is created with mode 0600
 * and never overwrites an existing file (a lost private key cannot be recovered).
 */
export async function writeOutput(
  path: string | undefined,
  text: string,
  io: CliIo,
  secret = false,
): Promise<void> {
  if (path === undefined || path === "-") {
    io.out(text);
    return;
  }
  try {
    await writeFile(path, text, secret ? { mode: 0o600, flag: "wx" } : { mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST")
      throw new UsageError(`${path} already exists; choose another --out or move it away`);
    throw new UsageError(`cannot write ${path}: ${code ?? String(error)}`);
  }
}

/** Reads all of the process's stdin. */
export async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) throw new UsageError("stdin is larger than 8 MiB");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
