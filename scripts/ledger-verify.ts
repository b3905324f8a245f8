import { verifyLedger } from '../server/src/modules/ledger';
import { openConfiguredDatabase } from './open-database';

const HELP = `npm run ledger:verify [-- --json]

Recomputes every member balance from its postings, checks that every entry sums to zero and that no
balance left its allowed range (pending, available, withdrawing never below zero; debt never above).
Exits 0 when the book is consistent, 1 when it is not (and prints what differs), 2 on a usage error.

Reads the database the server uses: DATABASE_URL, else PGlite in DATA_DIR (stop the server first:
PGlite serves one process at a time).`;

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const unknown = args.filter((arg) => arg !== '--json');
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument: ${unknown.join(' ')}\n\n${HELP}\n`);
    return 2;
  }
  const { database } = await openConfiguredDatabase();
  try {
    const report = await verifyLedger(database.db);
    if (args.includes('--json')) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(`${report.ok ? 'OK' : 'INCONSISTENT'}: ${report.entries} entries, ${report.accounts} accounts\n`);
      for (const entry of report.unbalancedEntries) process.stdout.write(`  entry ${entry.entryId} sums to ${entry.sumFen} fen\n`);
      for (const account of report.balanceMismatches) {
        process.stdout.write(`  account ${account.accountId} (member ${account.memberId} ${account.kind}) stores ${account.storedFen}, postings give ${account.postedFen}\n`);
      }
      for (const account of report.ruleViolations) process.stdout.write(`  account ${account.accountId} (${account.kind}) is at ${account.balanceFen} fen, out of range\n`);
    }
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`ledger:verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
