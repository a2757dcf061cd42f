/** Node-only test support for the store and its consumers: a real sqld server and the libSQL backends. */
export { type LibsqlBackend, libsqlBackends, SQLD_CONCURRENCY } from "./backends.ts";
export { type SqldServer, type StartSqldOptions, sqldBinary, startSqld } from "./sqld.ts";
