// The layering rule from design.md ("Layout"): each top-level folder may import only the folders
// and packages its row allows, so a wrong import fails `npm test` instead of a review.
// Modelled on VS Code's local/code-layering: the layer is read from the file's path.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

const ELECTRON = ['electron'];
const REACT = ['react', 'react-dom', 'zustand'];
const HARDWARE = ['node-hid', 'serialport', '@serialport/'];

/** Layers in match order: the first whose prefix matches a file's path wins. */
export const LAYERS = [
  { name: 'app/common', prefix: 'app/common/', folders: ['app/common/'], node: false, packages: { allow: [] } },
  { name: 'app', prefix: 'app/', folders: ['app/'], node: true, packages: { deny: [...ELECTRON, ...REACT, ...HARDWARE] } },
  { name: 'native', prefix: 'native/', folders: ['app/', 'native/'], node: true, packages: { deny: [...ELECTRON, ...REACT] } },
  { name: 'main', prefix: 'main/', folders: ['app/', 'native/', 'main/'], node: true, packages: { deny: REACT } },
  { name: 'cli', prefix: 'cli/', folders: ['app/', 'native/', 'cli/'], node: true, packages: { deny: [...ELECTRON, ...REACT] } },
  { name: 'renderer', prefix: 'renderer/', folders: ['app/common/', 'renderer/'], node: false, packages: { allow: [...REACT, 'qrcode'] } },
];

const NODE_BUILTINS = new Set(
  (await import('node:module')).builtinModules.flatMap((m) => [m, `node:${m}`]),
);

function layerOf(relFile) {
  return LAYERS.find((l) => relFile.startsWith(l.prefix));
}

function matches(spec, list) {
  return list.some((p) => spec === p || spec.startsWith(p.endsWith('/') ? p : `${p}/`));
}

/** Returns why `spec` imported from `relFile` breaks the layering, or null. */
export function violation(relFile, spec) {
  const layer = layerOf(relFile);
  if (!layer) return null;
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = path.relative(root, path.resolve(root, path.dirname(relFile), spec)).split(path.sep).join('/');
    if (target.startsWith('..')) return `${layer.name} may not import outside the repository (${spec})`;
    const ok = layer.folders.some((f) => target.startsWith(f) || `${target}/` === f);
    return ok ? null : `${layer.name} may not import ${target} (allowed: ${layer.folders.join(', ')})`;
  }
  if (NODE_BUILTINS.has(spec) || spec.startsWith('node:')) {
    return layer.node ? null : `${layer.name} must stay pure and may not import the Node built-in ${spec}`;
  }
  const { allow, deny } = layer.packages;
  if (allow && !matches(spec, allow)) return `${layer.name} may not import the package ${spec}`;
  if (deny && matches(spec, deny)) return `${layer.name} may not import the package ${spec}`;
  return null;
}

export const layeringRule = {
  meta: { type: 'problem', schema: [], messages: { layer: 'Layering (design.md): {{why}}' } },
  create(context) {
    const relFile = path.relative(root, context.filename).split(path.sep).join('/');
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const why = violation(relFile, source.value);
      if (why) context.report({ node, messageId: 'layer', data: { why } });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require') check(n, n.arguments[0]);
      },
    };
  },
};
