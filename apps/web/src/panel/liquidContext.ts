// The variables a message template can use, as the renderer on the server names them:
// `customer.<trait>`, `entry.properties.<property>` (the event that started the journey),
// and outputs of earlier steps (e.g. `voucher.code`).

export type VariableGroup = { title: string; variables: string[] };

export const commonTraits = ['firstName', 'lastName', 'name', 'email', 'phone', 'city', 'district'];

export function traitVariables(traits: Record<string, unknown> | null): string[] {
  const keys = new Set([...commonTraits, ...Object.keys(traits ?? {})]);
  return [...keys].map((k) => `customer.${k}`);
}

export function eventVariables(properties: Record<string, unknown> | null): string[] {
  return Object.keys(properties ?? {}).map((k) => `entry.properties.${k}`);
}

