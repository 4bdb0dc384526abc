{
  "name": "__PACKAGE_NAME__",
  "version": "0.1.0",
  "description": "A Braid node package: __NODE_TYPE_TITLE__",
  "type": "module",
  "exports": {
    ".": { "types": "./dist/index.d.ts", "import": "./dist/index.js", "default": "./dist/index.js" },
    "./server": { "types": "./dist/server.d.ts", "import": "./dist/server.js", "default": "./dist/server.js" }
  },
  "files": ["dist", "README.md"],
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "typecheck": "tsc -p tsconfig.json",
    "test": "vitest run",
    "prepack": "npm run build"
  },
  "peerDependencies": {
    "@braid/sdk": "__SDK_RANGE__",
    "zod": "__ZOD_RANGE__"
  },
  "devDependencies": {
    "@braid/sdk": "__SDK_SPEC__",
    "@types/node": "^20.19.0",
    "typescript": "~5.9.0",
    "vitest": "^3.2.0",
    "zod": "__ZOD_RANGE__"
  }
}
