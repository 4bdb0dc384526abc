# __PACKAGE_NAME__

A Braid node package with one node type, **__NODE_TYPE_TITLE__**
(`__NODE_TYPE_ID__`): when a customer reaches the step, it writes a trait on their profile.

| file | what it is |
|---|---|
| `src/definition.ts` | the node type: texts in Vietnamese and English, icon, config schema, form, ports, summary, compile. Isomorphic: Braid's canvas runs it in the browser. |
| `src/server.ts` | what the step does on Braid's worker (`implementations`). |
| `src/index.ts` | the package entry Braid reads: `export const nodeTypes = [...]`. |
| `test/node-type.test.ts` | the load-time check Braid runs, config refusals, summary, compile and the implementation. |

## Develop

```sh
npm install
npm test            # vitest
npm run typecheck   # tsc, against @braid/sdk's type declarations
npm run build       # JavaScript + declarations into dist/
```

## Install into Braid

```sh
npm pack                                   # __PACKAGE_NAME__-0.1.0.tgz (builds first)
cd /path/to/braid
npm install /path/to/that.tgz              # @braid/sdk and zod come from Braid (peer dependencies)
BRAID_NODE_PACKAGES=__PACKAGE_NAME__ npm start
```

Braid lists the node packages it loaded when it starts, and `GET /api/node-types` lists the
node type; the canvas shows it in the palette. A node type Braid refuses at load time is named
with its package, its id and the field at fault, e.g.
`Node package "__PACKAGE_NAME__" has a malformed node type: node type "__NODE_TYPE_ID__": form.value.widget is missing`.

After editing, pack and install again (an installed copy does not follow your edits).
