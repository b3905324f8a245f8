import { join } from 'node:path';
import { loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/database';

/** The database the server would use (DATABASE_URL, else PGlite in DATA_DIR), for command-line tools. */
export async function openConfiguredDatabase() {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite'), poolMax: 2 });
  return { config, database };
}
