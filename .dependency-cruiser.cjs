// The layering rules `npm test` enforces (npm run boundaries; docs/architecture.md draws the picture).
// Each product folder names the folders it may import; anything else is an arrow against the flow
// config → crawler → store → checks → scoring → reports, with inspection, service and cli on top.
// test/, bench/ and scripts/ are tools around the product: they may import any folder, and no product folder imports them.
const MAY_IMPORT = {
  model: [],
  config: ['model'],
  store: ['model'],
  crawler: ['model', 'config', 'store'],
  checks: ['model', 'config', 'store'],
  scoring: ['model', 'config', 'store', 'checks'],
  reports: ['model', 'config', 'store', 'checks', 'scoring'],
  notify: ['model', 'config', 'store', 'checks', 'scoring', 'reports'],
  onboard: ['model', 'config', 'store', 'crawler', 'checks'],
  sample: ['model', 'config'],
  inspection: ['model', 'config', 'store', 'crawler', 'checks', 'scoring', 'reports'],
  service: ['model', 'config', 'store', 'crawler', 'checks', 'scoring', 'reports', 'notify', 'inspection'],
  cli: ['model', 'config', 'store', 'crawler', 'checks', 'scoring', 'reports', 'notify', 'onboard', 'sample', 'inspection', 'service'],
};
const PRODUCT = Object.keys(MAY_IMPORT);
const TOOLS = ['test', 'bench', 'scripts'];
const projectFolders = `^(${[...PRODUCT, ...TOOLS].join('|')})/`;

const layerRules = PRODUCT.map((folder) => ({
  name: `layer-${folder}`,
  comment: `${folder}/ may import only ${MAY_IMPORT[folder].join(', ') || 'nothing outside itself'} (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^${folder}/` },
  to: { path: projectFolders, pathNot: `^(${[folder, ...MAY_IMPORT[folder]].join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'no import cycle within a folder or across folders, type-only imports included (they tie the files together as much)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'through-index',
      comment: "another folder is imported only through its index.ts (the folder's public API)",
      severity: 'error',
      from: { path: `^(${PRODUCT.join('|')})/` },
      to: { path: `${projectFolders}.+`, pathNot: ['^$1/', '^[^/]+/index\\.ts$'] },
    },
    {
      name: 'sqlite-in-store-only',
      comment: 'SQL lives in store/ only: no other product folder loads the database driver',
      severity: 'error',
      from: { path: `^(${PRODUCT.join('|')})/`, pathNot: '^store/' },
      to: { path: 'node_modules/better-sqlite3/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
  },
};
