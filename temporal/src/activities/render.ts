// Liquid personalisation for node implementations (`services.renderTemplate`), through the
// channels package so the canvas preview and the runtime render alike.
import { ApplicationFailure } from '@temporalio/common';
import { EmailDesignError, renderEmailDesign, renderMessage, TemplateError } from '@braid/channels';
import type { Json } from '@braid/sdk';

/**
 * Renders one template. A variable with no value renders empty and is added to `missing`
 * (recorded with the message); a broken template is a permanent failure of the step.
 */
export async function renderTemplate(
  template: string,
  variables: Record<string, Json>,
  missing: string[],
  timezone: string | null,
): Promise<string> {
  try {
    const rendered = await renderMessage({ body: template }, variables, { timezone });
    missing.push(...rendered.missingVariables.filter((v) => !missing.includes(v)));
    return rendered.body;
  } catch (error) {
    if (error instanceof TemplateError) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
}

/** An email designed with blocks (`services.renderEmail`): MJML to HTML, customer data escaped, and its text part. */
export async function renderEmail(
  mjml: string,
  text: string,
  variables: Record<string, Json>,
  missing: string[],
  timezone: string | null,
): Promise<{ html: string; text: string }> {
  try {
    const rendered = await renderEmailDesign(mjml, text, variables, { timezone });
    missing.push(...rendered.missingVariables.filter((v) => !missing.includes(v)));
    return { html: rendered.html, text: rendered.text };
  } catch (error) {
    if (error instanceof TemplateError) throw ApplicationFailure.nonRetryable(error.message, error.code);
    if (error instanceof EmailDesignError) throw ApplicationFailure.nonRetryable(error.message, 'EMAIL_DESIGN');
    throw error;
  }
}
