// Module resolve hook: dependency-cruiser's `import('@swc/core')` gets ./swc-tsx.cjs (see register.mjs).
export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@swc/core' && context.parentURL?.includes('/node_modules/dependency-cruiser/')) {
    return { url: new URL('./swc-tsx.cjs', import.meta.url).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
