/**
 * Import rules, checked in CI by `npm run lint:deps` (dependency-cruiser). The module map and
 * the reasons are in src/README.md. Tests (test/, *.spec.ts) may import anything.
 */
const DOMAIN = '^src/(identity|classification|agreements|catalogues|search|ordering|exchange|invoicing|insights|seed|peppol)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles: a module that needs a module that needs it asks through a port (e.g. classification/unspsc-code-users.ts).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'platform-knows-no-domain',
      severity: 'error',
      comment: 'platform/ is the cross-cutting base: it imports no domain module (domains register with it instead, e.g. DatabaseModule.forRoot(entities)).',
      from: { path: '^src/platform/', pathNot: '\\.spec\\.ts$' },
      to: { path: [DOMAIN, '^src/[^/]+\\.ts$'] },
    },
    {
      name: 'peppol-is-pure',
      severity: 'error',
      comment: 'peppol/ reads and writes UBL documents as pure functions: nothing of Nest, TypeORM, pg or the database.',
      from: { path: '^src/peppol/' },
      to: { path: ['(^|/)node_modules/(@nestjs/|typeorm|pg|pg-[^/]+)(/|$)', '^src/platform/database/'] },
    },
    {
      name: 'module-data-stays-inside',
      severity: 'error',
      comment:
        "A module's repositories and entities are its own: other modules reach its data through its exported service. " +
        'Only the composition root (src/database-entities.ts) gathers the entity lists.',
      from: { path: '^src/([^/]+)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^src/([^/]+)/.+\\.(repository|entity|entities)\\.ts$', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.data)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
