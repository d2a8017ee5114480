/** `npm run bench [-- NAME…]`: runs the speed benchmarks (all, or those whose name contains NAME). */
import { runSuites } from './harness.js';
import { SUITES } from './suites.js';

process.exitCode = await runSuites(SUITES.filter((s) => s.kind === 'bench'), process.argv.slice(2));
