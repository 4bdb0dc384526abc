import type { FieldHint } from '@braid/sdk';

export type WidgetProps = {
  name: string;
  value: unknown;
  onChange: (value: unknown) => void;
  hint: FieldHint<Record<string, unknown>>;
  /** The field's zod schema (enum values, nested shapes). */
  schema: unknown;
  /** Id of the node whose config this is (for node-ref and variable pickers). */
  nodeId: string;
  disabled: boolean;
};
