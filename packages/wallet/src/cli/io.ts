/**
 * What the wallet CLI touches: output, the environment, and questions to the learner. `processIo` is the
 * real terminal (a passphrase typed at a terminal is not echoed); tests pass their own.
 */
import { createInterface, type Interface } from "node:readline";

/** The CLI's window on the world. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Asks a question; undefined when there is no one to answer (end of input). */
  readonly ask: (question: string, options?: { readonly secret?: boolean }) => Promise<string | undefined>;
}

/** Reads a line without echoing it, from a terminal in raw mode. */
function askSecretOnTerminal(question: string): Promise<string | undefined> {
  const { stdin, stdout } = process;
  stdout.write(question);
  return new Promise((resolve) => {
    let value = "";
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const done = (answer: string | undefined) => {
      stdin.removeListener("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stdout.write("\n");
      resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return done(value);
        if (char === "\u0003") {
          // Ctrl-C: leave as a terminal user expects.
          stdout.write("\n");
          process.exit(130);
        }
        if (char === "\u0004") return done(value.length ? value : undefined);
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on("data", onData);
  });
}

/** The process's terminal (or piped standard input). */
export function processIo(): CliIo {
  let lines: AsyncIterator<string> | undefined;
  let reader: Interface | undefined;
  const nextLine = async (question: string) => {
    if (!lines) {
      reader = createInterface({ input: process.stdin, terminal: false });
      lines = reader[Symbol.asyncIterator]();
    }
    process.stdout.write(question);
    const next = await lines.next();
    if (!process.stdin.isTTY) process.stdout.write("\n");
    return next.done ? undefined : next.value;
  };
  return {
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    env: process.env,
    ask: (question, options) =>
      options?.secret && process.stdin.isTTY && !reader ? askSecretOnTerminal(question) : nextLine(question),
  };
}
