// Server-only entry (`@braid/nodes/server`): side effects of the built-in actions. Every
// handler reaches the world only through `ctx.services`, which the runtime provides.
import type { AnyNodeImplementation } from '@braid/sdk/server';
import { adAudienceRuntime } from './ad-audience/runtime';
import { createStaffTaskRuntime } from './create-staff-task/runtime';
import { issueVoucherRuntime } from './issue-voucher/runtime';
import { sendMessageRuntime } from './send-message/runtime';
import { updateProfileRuntime } from './update-profile/runtime';

export { templateVariables } from './send-message/runtime';

export const builtinImplementations: readonly AnyNodeImplementation[] = [
  sendMessageRuntime,
  updateProfileRuntime,
  adAudienceRuntime,
  issueVoucherRuntime,
  createStaffTaskRuntime,
];
