import type Database from 'better-sqlite3';
import { initialMigration } from './migrations/0001-initial.js';
import { textOnceMigration } from './migrations/0002-text-once.js';
import { settingsMigration } from './migrations/0003-settings.js';
import { recordsPerDocumentMigration } from './migrations/0004-records-per-document.js';
import { reviewsMigration } from './migrations/0005-reviews.js';
import { corpusMigration } from './migrations/0006-corpus.js';

/**
 * One schema change. `id` numbers migrations from 1 without gaps. A migration is either `sql`
 * (several statements allowed) or a function `up(db)` for changes that need code, such as
 * converting stored JSON. Both run inside the transaction that applies every pending migration.
 */
export type Migration =
  | { id: number; name: string; sql: string; up?: never }
  | { id: number; name: string; up: (db: Database.Database) => void; sql?: never };

/**
 * Every migration, in the order they apply. Add a file `migrations/NNNN-<what-it-does>.ts` and one
 * line here; never edit a migration that has been released, since databases already carry it.
 */
export const migrations: readonly Migration[] = [
  initialMigration,
  textOnceMigration,
  settingsMigration,
  recordsPerDocumentMigration,
  reviewsMigration,
  corpusMigration,
];

/**
 * Brings a database up to the latest schema and returns the ids of the migrations it applied
 * (empty when there was nothing to do). All pending migrations run in one IMMEDIATE transaction, so
 * two processes opening the same new file cannot both apply them, and a failing migration leaves
 * the schema as it was. Applied migrations are recorded in `schema_migrations`;
 * `PRAGMA user_version` mirrors the highest id for tools that only read the header.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number[] {
  checkMigrationList(list);
  const run = db.transaction((): number[] => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id         INTEGER PRIMARY KEY NOT NULL,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )`);
    const applied = new Set(
      (db.prepare('SELECT id FROM schema_migrations').all() as Array<{ id: number }>).map((row) => row.id),
    );
    const latestKnown = list.length === 0 ? 0 : list[list.length - 1].id;
    const latestApplied = Math.max(0, ...applied);
    if (latestApplied > latestKnown) {
      throw new Error(
        `Database schema version ${latestApplied} is newer than this version of claimtrace supports (${latestKnown}); upgrade claimtrace`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (id, name) VALUES (?, ?)');
    const done: number[] = [];
    for (const migration of list) {
      if (applied.has(migration.id)) continue;
      if (migration.up) migration.up(db);
      else db.exec(migration.sql);
      record.run(migration.id, migration.name);
      done.push(migration.id);
    }
    if (done.length > 0 || readUserVersion(db) !== latestKnown) db.pragma(`user_version = ${latestKnown}`);
    return done;
  });
  return run.immediate();
}

/** The schema version this code writes: the id of the last migration. */
export function latestSchemaVersion(): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.id;
}

/** The highest migration id recorded in the database, 0 for a new one. */
export function schemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(id) AS id FROM schema_migrations').get() as { id: number | null };
  return row.id ?? 0;
}

function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.id !== index + 1) {
      throw new Error(`Migration "${migration.name}" has id ${migration.id}; expected ${index + 1} (ids run from 1 without gaps)`);
    }
  });
}
