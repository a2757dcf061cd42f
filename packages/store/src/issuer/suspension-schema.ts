/** Migration 0005: the suspension status entry of credentials that can carry one. */
import type { Migration } from "../migrations.ts";

export const SUSPENSION_MIGRATION: Migration = {
  id: "0005-suspension-entries",
  statements: [
    "ALTER TABLE issued_credentials ADD COLUMN suspension_list_id TEXT",
    "ALTER TABLE issued_credentials ADD COLUMN suspension_index INTEGER",
  ],
};
