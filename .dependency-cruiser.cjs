/**
 * Import boundaries (ARCHITECTURE.md habit 10), checked by `depcruise` in `npm run lint`:
 *  - apps never import other apps; libs never import apps;
 *  - libs/matching is pure: node built-ins and @node-rs/jieba only (no Nest, TypeORM, BullMQ, ioredis, pg,
 *    no other libs);
 *  - libs/domain has no HTTP server and no queues;
 *  - no import cycles;
 *  - no relative imports across libraries: another lib is reached through its `@jiebang/<lib>` alias.
 * Plus safety nets: every import must resolve (an alias that silently fails to resolve would slip past the
 * rules above), every imported package is declared in package.json, and production code does not need
 * devDependencies (the Docker image prunes them).
 *
 * Paths below are relative to the repository root, as dependency-cruiser reports them.
 */

/** Production sources: everything under apps/ and libs/ except tests. */
const TEST_FILE = '\\.(spec|int-spec|e2e-spec)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-app-to-other-app',
      comment: 'Apps never import other apps: shared code belongs in a lib (libs/*).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-to-app',
      comment: 'Libraries never import applications.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'matching-is-pure',
      comment:
        'libs/matching is pure TypeScript: it may import node built-ins, @node-rs/jieba and its own files only ' +
        '(no @nestjs/*, typeorm, bullmq, ioredis, pg, nor any other lib). Its tests may use dev tools (the highs LP solver).',
      severity: 'error',
      from: { path: '^libs/matching/', pathNot: TEST_FILE },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: ['^libs/matching/', '^node_modules/@node-rs/jieba[/-]'],
      },
    },
    {
      name: 'domain-has-no-http-or-queues',
      comment: 'libs/domain holds entities and invariants: no HTTP server, no queues.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '^node_modules/(@nestjs/platform-fastify|bullmq|@nestjs/bullmq)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles (do not paper over one with forwardRef; move the shared part instead).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-relative-import-across-libs',
      comment: 'Reach another library through its @jiebang/<lib> alias, never a relative path into it.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' },
      // an alias import is typed ['aliased', ..., 'local']; a relative one only ['local']
      to: { path: '^libs/', pathNot: '^$1/$2/', dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'no-relative-import-into-libs-from-tests',
      comment: 'Tests and benchmarks also import libraries through @jiebang/<lib>.',
      severity: 'error',
      from: { path: '^(test|bench)/' },
      to: { path: '^libs/', dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import must resolve (a missing package, a typo, or a @jiebang alias not in tsconfig.json).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment:
        'Every npm package imported must be declared in package.json, not merely present in node_modules as ' +
        "another package's dependency (it may vanish on an update, or with the pruning in the Docker image).",
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep-from-production-code',
      comment:
        'Production code must not import devDependencies: the Docker image runs with them pruned. ' +
        'Type-only imports are fine (erased at compile time).',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: TEST_FILE },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],

  options: {
    // Crawl our sources only; npm packages are recorded as dependencies but not followed.
    doNotFollow: { path: ['node_modules'] },
    // Anchored on purpose: an unanchored 'dist/' would also drop node_modules/<pkg>/dist/... targets, and an
    // excluded target is silently left out of every rule (bullmq would pass matching-is-pure).
    exclude: { path: ['^dist/', '^apps/web-portal/', '^coverage/', '^test-artifacts/'] },
    // Type-only imports count for cycles and boundaries (they are still coupling).
    tsPreCompilationDeps: true,
    // Resolve the @jiebang/* path aliases exactly as the compiler does.
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
      extensions: ['.ts', '.d.ts', '.js', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
