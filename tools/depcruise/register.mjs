// dependency-cruiser reads TypeScript with the TypeScript compiler API (TypeScript 7, the project's compiler, has none)
// or with swc, whose options it fixes to plain TypeScript, so JSX in .tsx files fails to parse. This hook hands
// dependency-cruiser (and only it) an @swc/core that parses .tsx files as TSX. Used by `npm run check:deps`.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
