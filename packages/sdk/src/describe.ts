import { z } from 'zod';
import type { AnyNodeType, NodeTypeDescriptor, Port } from './node-type';

export function describeNodeType(type: AnyNodeType): NodeTypeDescriptor {
  let ports: readonly Port[] = [];
  const parsed = type.parseConfig(type.defaultConfig);
  try {
    ports = parsed.ok ? type.portsFor(parsed.config) : type.dynamicPorts ? [] : type.portsFor(undefined as never);
  } catch {
    ports = [];
  }
  let configJsonSchema: unknown = null;
  try {
    configJsonSchema = z.toJSONSchema(type.configSchema, { io: 'input', unrepresentable: 'any' });
  } catch {
    // Some schemas (transforms, custom checks) have no JSON Schema form; the form hints still work.
  }
  return {
    id: type.id,
    category: type.category,
    version: type.version,
    label: type.label,
    description: type.description,
    icon: type.icon ?? null,
    form: JSON.parse(JSON.stringify(type.form)) as unknown,
    defaultConfig: type.defaultConfig,
    ports,
    dynamicPorts: type.dynamicPorts,
    configJsonSchema,
  };
}
