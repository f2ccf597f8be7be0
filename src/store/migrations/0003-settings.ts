import type { Migration } from '../schema.js';

/**
 * Schema 3: settings of the database as a whole, by name (today `aliases`: the user's alias table, so
 * that every later run on this database joins and splits entities the same way).
 */
export const settingsMigration: Migration = {
  id: 3,
  name: 'settings',
  sql: `
CREATE TABLE settings (
  name  TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;
`,
};
