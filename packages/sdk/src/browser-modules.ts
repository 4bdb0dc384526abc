// How a node package reaches the browser. The server bundles a package's main entry (its
// `nodeTypes`) into one ES module; the modules every package shares are not bundled in but taken
// from the canvas, which registers them under this global before importing any package. So zod
// and the SDK exist once in the page, whatever the number of packages.

/** The global the canvas puts the shared modules on: `{ [specifier]: module namespace }`. */
export const SHARED_MODULES_GLOBAL = '__braidSharedModules';

/** Specifiers a node package's browser module takes from the canvas instead of bundling. */
export const sharedModuleSpecifiers = ['zod', '@braid/sdk'] as const;
export type SharedModuleSpecifier = (typeof sharedModuleSpecifiers)[number];
