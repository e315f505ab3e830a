/**
 * Lets plain Node run the TypeScript benchmarks without a build step:
 *
 *   node -r ./bench/register.js bench/matching.bench.ts [--quick]
 *
 * - every `.ts` file is compiled on load by @swc/core's `transformSync` with the repository's `.swcrc`
 *   (CommonJS, ES2023, decorators; no type-check — that is `npm run typecheck`);
 * - `@jiebang/<lib>` imports resolve to `libs/<lib>/src` through tsconfig-paths, as in tsconfig.json.
 * Both packages are devDependencies that are already installed.
 */
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');
const { register } = require('tsconfig-paths');

const root = path.join(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.sourceMaps = 'inline';

register({ baseUrl: root, paths: { '@jiebang/*': ['libs/*/src'] } });

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, filename, swcrc: false, configFile: false });
  module._compile(code, filename);
};
