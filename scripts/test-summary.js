#!/usr/bin/env node
// Prints the test counts of a Jest JSON report, in all and per database, and ends with
// the plain "N passed, N failed" line CI reads.
const report = require(require('node:path').resolve(process.argv[2]));

const counts = new Map();
const add = (key, status) => {
  const c = counts.get(key) ?? { passed: 0, failed: 0, skipped: 0 };
  if (status === 'passed') c.passed++;
  else if (status === 'failed') c.failed++;
  else c.skipped++;
  counts.set(key, c);
};
for (const file of report.testResults) {
  for (const test of file.assertionResults) {
    const name = [...test.ancestorTitles, test.title].join(' ');
    const db = /POSTGRES_\d+/.exec(name)?.[0] ?? /SQLITE_\d+/.exec(name)?.[0];
    add(db ?? 'not database-specific', test.status);
  }
}
for (const [key, c] of [...counts].sort()) {
  console.log(
    `${key.padEnd(24)} ${c.passed} passed, ${c.failed} failed, ${
      c.skipped
    } skipped`,
  );
}
const { numPassedTests: passed, numFailedTests: failed } = report;
console.log(`tests: ${passed} passed, ${failed} failed`);
if (!counts.has('POSTGRES_15') || !counts.has('SQLITE_3')) {
  console.error('expected tests on both SQLITE_3 and POSTGRES_15');
  process.exit(1);
}
process.exit(failed > 0 || !report.success ? 1 : 0);
