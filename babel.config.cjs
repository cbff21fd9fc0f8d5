// Babel is used only by Jest (TypeScript engine tests) and by the softphone rollup build
// (TypeScript stripped before the LWC compiler, decorators kept). `tsc --noEmit` does the type check.
module.exports = {
  presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
};
