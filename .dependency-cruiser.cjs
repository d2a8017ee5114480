/**
 * The allowed arrows between modules (see ARCHITECTURE.md). `npm run lint` fails on any other import.
 * Each module may import itself and the modules listed for it; nothing imports `cli`.
 */
const allowed = {
  core: [],
  ingest: ['core'],
  spec: ['core'],
  store: ['core'],
  report: ['core'],
  inventory: ['core', 'spec'],
  detect: ['core', 'spec', 'inventory'],
  pipeline: ['core', 'ingest', 'spec', 'store', 'inventory', 'detect'],
  compliance: ['core', 'report', 'ingest', 'spec', 'store', 'inventory', 'detect', 'pipeline'],
  testing: ['core', 'report', 'ingest', 'spec', 'store', 'inventory', 'detect', 'pipeline'],
  discovery: ['core', 'report', 'ingest', 'spec', 'store', 'inventory', 'pipeline'],
  protect: ['core', 'report', 'ingest', 'spec', 'store', 'inventory', 'detect', 'pipeline'],
  demo: ['core', 'report', 'ingest', 'spec', 'store', 'inventory', 'detect', 'pipeline', 'protect'],
  server: ['core', 'report', 'ingest', 'spec', 'store', 'inventory', 'detect', 'pipeline', 'compliance', 'testing', 'discovery', 'protect'],
  cli: ['core', 'report', 'ingest', 'spec', 'store', 'inventory', 'detect', 'pipeline', 'compliance', 'testing', 'discovery', 'protect', 'demo', 'server'],
};
const modules = Object.keys(allowed);

const forbidden = modules.map((m) => {
  const denied = modules.filter((o) => o !== m && !allowed[m].includes(o));
  return {
    name: `arrows-from-${m}`,
    comment: `${m} may import only: ${allowed[m].join(', ') || '(nothing outside itself)'}`,
    severity: 'error',
    from: { path: `^src/${m}/` },
    to: { path: denied.length ? `^src/(${denied.join('|')})/` : '^$' },
  };
});

forbidden.push(
  {
    name: 'core-has-no-io',
    comment: 'core is the model: no files, sockets, database, clock-bound libraries or logging',
    severity: 'error',
    from: { path: '^src/core/', pathNot: '\\.test\\.ts$' },
    to: { dependencyTypes: ['core', 'npm'], path: '^(node:)?(fs|net|http|https|http2|tls|dgram|dns|child_process|worker_threads|cluster)|better-sqlite3|undici|pino' },
  },
  {
    name: 'unknown-module',
    comment: 'every folder under src/ is a module listed in .dependency-cruiser.cjs',
    severity: 'error',
    from: { path: '^src/' },
    to: { path: `^src/(?!(${modules.join('|')})/)` },
  },
  {
    name: 'no-circular',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
  {
    name: 'no-tests-in-product',
    comment: 'product code never imports test files',
    severity: 'error',
    from: { path: '^src/', pathNot: '\\.test\\.ts$' },
    to: { path: '(\\.test\\.ts$|^(test|bench|scripts)/)' },
  },
);

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
  },
};
