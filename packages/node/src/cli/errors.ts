/** The two ways a command ends badly: misuse (exit 2, with a hint to --help) and failure (exit 1). */

/** Wrong arguments, an unreadable file or an impossible combination of options: exit status 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The command ran but could not do its job (invalid input, a key that does not fit): exit status 1. */
export class CommandFailure extends Error {
  override readonly name = "CommandFailure";
}
