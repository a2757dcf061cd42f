/** The tables of bulk issuance jobs (migration 0004-issuance-jobs): jobs and their rows. */
import type { Migration } from "../migrations.ts";

export const JOBS_MIGRATION: Migration = {
  id: "0004-issuance-jobs",
  statements: [
    // job_key and content_hash are each UNIQUE: a resubmission matching either finds the first job.
    `CREATE TABLE issuance_jobs (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('issue')),
      format TEXT NOT NULL CHECK (format IN ('ldp_vc', 'jwt_vc')),
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done')),
      actor TEXT NOT NULL,
      origin TEXT,
      job_key TEXT UNIQUE,
      content_hash TEXT NOT NULL UNIQUE,
      total INTEGER NOT NULL CHECK (total >= 0),
      created_at TEXT NOT NULL,
      finished_at TEXT
    ) STRICT`,
    "CREATE INDEX issuance_jobs_unfinished ON issuance_jobs (seq) WHERE state <> 'done'",
    `CREATE TABLE issuance_job_rows (
      job_id TEXT NOT NULL REFERENCES issuance_jobs (id),
      row_no INTEGER NOT NULL CHECK (row_no >= 1),
      input TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'issued', 'failed')),
      credential_id TEXT,
      error_code TEXT,
      error_message TEXT,
      PRIMARY KEY (job_id, row_no)
    ) STRICT, WITHOUT ROWID`,
    "CREATE INDEX issuance_job_rows_state ON issuance_job_rows (job_id, state, row_no)",
  ],
};
