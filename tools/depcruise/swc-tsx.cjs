// @swc/core with one change: a .tsx file is parsed with JSX syntax on (see register.mjs).
const swc = require('@swc/core');

const withTsx = (file, options) => ({ ...options, tsx: String(file).endsWith('.tsx') });
module.exports = {
  ...swc,
  parseFileSync: (file, options) => swc.parseFileSync(file, withTsx(file, options)),
};
