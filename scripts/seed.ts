import pino from 'pino';
import { systemClock } from '../server/src/clock';
import { seedDemo } from '../server/src/demo/seed-demo';
import { buildServices } from '../server/src/services';
import { openConfiguredDatabase } from './open-database';

const HELP = `npm run seed

Seeds the demo brand (HQ admin, a region and store with its manager and clerks, a community manager, a
KOC referral chain, a dozen products, the playbook's reward rules and the level ladder) into the
configured database (DATABASE_URL, else PGlite in DATA_DIR). Does nothing when the demo is already
there, so it is safe to run twice. npm start does the same on an empty database.`;

async function main() {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const { config, database } = await openConfiguredDatabase();
  try {
    const logger = pino({ level: 'warn' });
    const services = buildServices({ config, db: database.db, clock: systemClock, logger });
    const seeded = await seedDemo(services, logger);
    process.stdout.write(seeded ? 'demo data seeded\n' : 'demo data already present; nothing to do\n');
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
