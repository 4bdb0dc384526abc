import type { LocalText } from '@braid/sdk';

/**
 * A template's words in every UI language: its name and description, a name for every step,
 * and the texts inside step settings (messages, exit reasons, staff tasks) by step id and field.
 * The template opens in the language of the UI it is picked in.
 */
export type TemplateTexts = {
  name: LocalText;
  description: LocalText;
  steps: Record<string, LocalText>;
  fields: Record<string, Record<string, LocalText>>;
};
