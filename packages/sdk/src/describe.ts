// The catalogue entry of one node type: what the API serves so a browser can show it (palette,
// form, ports, texts, icon) without the server's copy of its code.
import { z } from 'zod';
import type { AnyNodeType, NodeTypeDescriptor, Port } from './node-type';

export function describeNodeType(type: AnyNodeType, packageName: string): NodeTypeDescriptor {
  let ports: readonly Port[] = [];
  const parsed = type.parseConfig(type.defaultConfig);
  try {
    ports = parsed.ok ? type.portsFor(parsed.config) : type.dynamicPorts ? [] : type.portsFor(undefined as never);
  } catch {
    ports = [];
  }
  return {
    id: type.id,
    package: packageName,
    category: type.category,
    version: type.version,
    label: type.label,
    description: type.description,
    icon: type.icon,
    form: JSON.parse(JSON.stringify(type.form)) as Record<string, unknown>,
    defaultConfig: type.defaultConfig,
    ports,
    dynamicPorts: type.dynamicPorts,
    templateVariable: type.templateVariable ?? null,
    configJsonSchema: configJsonSchema(type),
  };
}

/** JSON Schema of the config as a form fills it in (input side: defaults may be left out). */
export function configJsonSchema(type: AnyNodeType): unknown {
  try {
    return z.toJSONSchema(type.configSchema, { io: 'input', unrepresentable: 'any' });
  } catch {
    // Some schemas (transforms, custom checks) have no JSON Schema form; the form hints still work.
    return null;
  }
}
