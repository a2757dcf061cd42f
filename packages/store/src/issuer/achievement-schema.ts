/** The achievements tables: every version of every achievement definition, and the centre's profile. */
import type { Migration } from "../migrations.ts";

export const ACHIEVEMENTS_MIGRATION: Migration = {
  id: "0003-achievements",
  statements: [
    // Append-only: the latest version is the current one; (slug, version) refuses a second writer.
    `CREATE TABLE achievement_versions (
      slug TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      content TEXT NOT NULL,
      archived INTEGER NOT NULL CHECK (archived IN (0, 1)),
      course_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (slug, version)
    ) STRICT, WITHOUT ROWID`,
    "CREATE INDEX achievement_versions_course ON achievement_versions (course_id) WHERE course_id IS NOT NULL",
    `CREATE TABLE centre_profile (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      profile TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
  ],
};
