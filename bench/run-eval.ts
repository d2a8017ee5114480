/** `npm run eval [-- NAME…]`: runs the accuracy evaluations (all, or those whose name contains NAME). */
import { runSuites } from './harness.js';
import { SUITES } from './suites.js';

process.exitCode = await runSuites(SUITES.filter((s) => s.kind === 'eval'), process.argv.slice(2));
