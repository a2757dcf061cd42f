/** CLI outcomes that are not crashes: a failure to explain plainly (exit 1) and a usage error (exit 2). */

/** Something the learner should be told in plain words; the command exits with status 1. */
export class CliFailure extends Error {
  override readonly name = "CliFailure";
}

/** The command line itself is wrong; the command exits with status 2 and points at `--help`. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
