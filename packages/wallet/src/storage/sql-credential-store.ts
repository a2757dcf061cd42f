/** The credential store on the wallet database (libSQL). */
import {
  assertStorable,
  byReceivedDesc,
  type CredentialStore,
  type HeldCredentialFormat,
  type StoredCredential,
} from "./credential-store.ts";
import {
  optionalText,
  type SqlRow,
  type SqlStatement,
  textColumn,
  type WalletDatabase,
} from "./wallet-database.ts";

/** The statement that adds one credential unless its id is taken (used by the store and by backup import). */
export function credentialRowStatement(credential: StoredCredential): SqlStatement {
  assertStorable(credential);
  const { credential: secured } = credential;
  return {
    sql: `INSERT INTO wallet_credentials
            (id, format, credential, issuer, issuer_name, types, achievement_name, holder, received_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    args: [
      credential.id,
      credential.format,
      typeof secured === "string" ? secured : JSON.stringify(secured),
      credential.issuer,
      credential.issuerName ?? null,
      JSON.stringify(credential.types),
      credential.achievementName ?? null,
      credential.holder ?? null,
      credential.receivedAt,
    ],
  };
}

function credentialFromRow(row: SqlRow): StoredCredential {
  const format = textColumn(row, "format") as HeldCredentialFormat;
  const text = textColumn(row, "credential");
  const issuerName = optionalText(row, "issuer_name");
  const achievementName = optionalText(row, "achievement_name");
  const holder = optionalText(row, "holder");
  return {
    id: textColumn(row, "id"),
    format,
    credential: format === "ldp_vc" ? JSON.parse(text) : text,
    issuer: textColumn(row, "issuer"),
    ...(issuerName !== undefined ? { issuerName } : {}),
    types: JSON.parse(textColumn(row, "types")),
    ...(achievementName !== undefined ? { achievementName } : {}),
    ...(holder !== undefined ? { holder } : {}),
    receivedAt: textColumn(row, "received_at"),
  };
}

/** A `CredentialStore` on libSQL. */
export class SqlCredentialStore implements CredentialStore {
  readonly #database: WalletDatabase;

  constructor(database: WalletDatabase) {
    this.#database = database;
  }

  async add(credential: StoredCredential): Promise<boolean> {
    const { rowsAffected } = await this.#database.execute(credentialRowStatement(credential));
    return rowsAffected > 0;
  }

  async get(id: string): Promise<StoredCredential | undefined> {
    const { rows } = await this.#database.execute({
      sql: "SELECT * FROM wallet_credentials WHERE id = ?",
      args: [id],
    });
    return rows[0] ? credentialFromRow(rows[0]) : undefined;
  }

  async list(): Promise<StoredCredential[]> {
    const { rows } = await this.#database.execute({ sql: "SELECT * FROM wallet_credentials" });
    return rows.map(credentialFromRow).sort(byReceivedDesc);
  }

  async remove(id: string): Promise<boolean> {
    const { rowsAffected } = await this.#database.execute({
      sql: "DELETE FROM wallet_credentials WHERE id = ?",
      args: [id],
    });
    return rowsAffected > 0;
  }
}
