// A ZNS template's parameters as Zalo registered them: each has a name and a maximum length, and
// Zalo refuses the whole message (error -112) when one is missing or too long. Checking before the
// call says which parameter, in words, instead of a provider code.
import type { ZnsTemplateParam } from '@braid/db';

export const ZNS_PURPOSES = ['transaction', 'customer_care', 'promotion'] as const;
export type ZnsPurpose = (typeof ZNS_PURPOSES)[number];

export type ZnsParamProblem = { param: string; message: string };

/** Problems of the rendered values against the template's parameters; empty when Zalo would take them. */
export function checkZnsParams(params: readonly ZnsTemplateParam[], data: Record<string, string>): ZnsParamProblem[] {
  const problems: ZnsParamProblem[] = [];
  for (const p of params) {
    const value = data[p.name];
    if (value === undefined || value.trim() === '') {
      if (p.required) problems.push({ param: p.name, message: `ZNS parameter ${p.name} is required and has no value` });
      continue;
    }
    const length = [...value].length;
    if (length > p.maxLength) problems.push({ param: p.name, message: `ZNS parameter ${p.name} is ${length} characters, Zalo allows at most ${p.maxLength}` });
  }
  for (const name of Object.keys(data)) {
    if (!params.some((p) => p.name === name)) problems.push({ param: name, message: `ZNS template has no parameter ${name}` });
  }
  return problems;
}
