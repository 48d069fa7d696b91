// ESLint rule `layers/allowed-imports`: every source file belongs to a layer, and imports only
// what its layer's allow-list names (VS Code's code-layering, as DESIGN.md asks). A file in no
// layer, an import of another layer not listed, an npm package or a Node built-in not granted to
// the layer: each is an error naming the layer, the import and what is allowed. A new folder or a
// new arrow is therefore refused until eslint.config.js allows it.
import { builtinModules } from 'node:module'
import { posix, relative, sep } from 'node:path'

const BUILTINS = new Set(builtinModules)
/** Files the rule checks; everything else (tests, configs, scripts) is free. */
const CHECKED = /^src-(main|shared|renderer)\//

/**
 * @typedef {object} Layer
 * @property {string[]} paths repo-relative folders ('src-main/db/') or files ('src-main/index.ts')
 * @property {string[]} [allow] layers it may import (a trailing '*' matches a prefix)
 * @property {string[]} [allowTypes] layers it may import types from (`import type`) only
 * @property {boolean} [node] may import Node built-ins
 *
 * @typedef {object} Options
 * @property {string} root the repository
 * @property {Record<string, Layer>} layers
 * @property {Record<string, string[]>} packages npm package → layers that may import it
 */

const stripExt = (p) => p.replace(/\.(ts|vue|mjs|js|json)$/, '')

/** The layer of a repo-relative path (without query), by its longest matching path. */
function layerOf(layers, path) {
  let best = null
  let bestLength = -1
  for (const [name, layer] of Object.entries(layers)) {
    for (const p of layer.paths) {
      const hit = p.endsWith('/')
        ? `${path}/`.startsWith(p)
        : stripExt(path) === stripExt(p) || path === p
      if (hit && p.length > bestLength) [best, bestLength] = [name, p.length]
    }
  }
  return best
}

const matches = (list, name) =>
  (list ?? []).some((a) => (a.endsWith('*') ? name.startsWith(a.slice(0, -1)) : a === name))

const packageOf = (spec) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]

/** What an import specifier names: a repo path, a Node built-in or an npm package. */
function targetOf(spec, file) {
  const bare = spec.split('?')[0]
  if (bare.startsWith('.')) return { kind: 'path', path: posix.join(posix.dirname(file), bare) }
  if (bare.startsWith('@shared/')) return { kind: 'path', path: `src-shared/${bare.slice(8)}` }
  if (bare.startsWith('node:') || BUILTINS.has(bare.split('/')[0])) return { kind: 'node' }
  return { kind: 'package', name: packageOf(bare) }
}

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'imports follow the per-layer allow-list of DESIGN.md' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      noLayer:
        '{{file}} lies in no layer: add its folder to the layers in eslint.config.js (with what it may import) before putting code there',
      layer:
        '{{own}} may not import {{target}} ({{spec}}); {{own}} imports {{allowed}}. Move the code, or change the allow-list with DESIGN.md',
      typesOnly:
        '{{own}} may import only types from {{target}} ({{spec}}): use `import type`, or move the code',
      package:
        '{{own}} may not import the package {{name}}; it is granted to {{granted}} in eslint.config.js',
      node: '{{own}} may not import the Node built-in {{spec}}: this layer runs without Node',
      outside: '{{spec}} lies outside the repository',
    },
  },
  create(context) {
    /** @type {Options} */
    const { root, layers, packages } = context.options[0]
    const file = relative(root, context.filename).split(sep).join('/')
    if (!CHECKED.test(file)) return {}
    const own = layerOf(layers, file)
    if (!own) {
      return {
        Program(node) {
          context.report({ node, messageId: 'noLayer', data: { file } })
        },
      }
    }
    const layer = layers[own]

    const check = (node, spec, typeOnly) => {
      if (typeof spec !== 'string') return
      const target = targetOf(spec, file)
      if (target.kind === 'node') {
        if (!layer.node) context.report({ node, messageId: 'node', data: { own, spec } })
        return
      }
      if (target.kind === 'package') {
        const granted = packages[target.name]
        if (!granted || !matches(granted, own)) {
          const list = granted ? granted.join(', ') : 'no layer'
          context.report({
            node,
            messageId: 'package',
            data: { own, name: target.name, granted: list },
          })
        }
        return
      }
      if (target.path.startsWith('../')) {
        context.report({ node, messageId: 'outside', data: { spec } })
        return
      }
      const to = layerOf(layers, target.path) ?? target.path
      if (to === own || matches(layer.allow, to)) return
      if (matches(layer.allowTypes, to)) {
        if (!typeOnly)
          context.report({ node, messageId: 'typesOnly', data: { own, target: to, spec } })
        return
      }
      const allowed = [
        ...(layer.allow ?? []),
        ...(layer.allowTypes ?? []).map((t) => `${t} (types)`),
      ]
      context.report({
        node,
        messageId: 'layer',
        data: { own, target: to, spec, allowed: allowed.join(', ') || 'nothing else' },
      })
    }

    const allTypes = (specifiers) =>
      specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type')
    return {
      ImportDeclaration(node) {
        check(
          node.source,
          node.source.value,
          node.importKind === 'type' || allTypes(node.specifiers),
        )
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node.source, node.source.value, node.exportKind === 'type')
      },
      ExportAllDeclaration(node) {
        check(node.source, node.source.value, node.exportKind === 'type')
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value, false)
      },
    }
  },
}

export default { rules: { 'allowed-imports': allowedImports } }
