// Built-in node types (isomorphic): safe for the canvas bundle.
import { createRegistry } from '@braid/sdk';
import type { AnyNodeType } from '@braid/sdk';
import { adAudience } from './ad-audience/definition';
import { conditionBestChannel } from './condition-best-channel/definition';
import { conditionConsent } from './condition-consent/definition';
import { conditionEngagement } from './condition-engagement/definition';
import { conditionEventCount } from './condition-event-count/definition';
import { conditionRandomSplit } from './condition-random-split/definition';
import { conditionSegment } from './condition-segment/definition';
import { conditionTrait } from './condition-trait/definition';
import { createStaffTask } from './create-staff-task/definition';
import { exitCriteria } from './exit-criteria/definition';
import { exitJourney } from './exit/definition';
import { goal } from './goal/definition';
import { issueVoucher } from './issue-voucher/definition';
import { sendMessage } from './send-message/definition';
import { triggerDate } from './trigger-date/definition';
import { triggerEvent } from './trigger-event/definition';
import { triggerManual } from './trigger-manual/definition';
import { triggerSegment } from './trigger-segment/definition';
import { updateProfile } from './update-profile/definition';
import { waitDelay } from './wait-delay/definition';
import { waitForEvent } from './wait-for-event/definition';
import { waitTimeWindow } from './wait-time-window/definition';
import { waitUsualHour } from './wait-usual-hour/definition';

export {
  adAudience,
  conditionBestChannel,
  conditionConsent,
  conditionEngagement,
  conditionEventCount,
  conditionRandomSplit,
  conditionSegment,
  conditionTrait,
  createStaffTask,
  exitCriteria,
  exitJourney,
  goal,
  issueVoucher,
  sendMessage,
  triggerDate,
  triggerEvent,
  triggerManual,
  triggerSegment,
  updateProfile,
  waitDelay,
  waitForEvent,
  waitTimeWindow,
  waitUsualHour,
};

/** In palette order: triggers, waits, conditions, actions, settings. */
export { designToMjml, designToText, emailBlock, emailDesign, usesBlocks, EMAIL_BLOCK_TYPES, type EmailBlock, type EmailBlockType, type EmailDesign } from './send-message/email-design';
export { isAdvertisingSms, smsCost, stripDiacritics, withAdvertisingMark, type SmsCost } from './send-message/sms-cost';

export const builtinNodeTypes: readonly AnyNodeType[] = [
  triggerEvent,
  triggerSegment,
  triggerDate,
  triggerManual,
  waitDelay,
  waitTimeWindow,
  waitUsualHour,
  waitForEvent,
  conditionTrait,
  conditionEventCount,
  conditionSegment,
  conditionRandomSplit,
  conditionEngagement,
  conditionBestChannel,
  conditionConsent,
  sendMessage,
  updateProfile,
  adAudience,
  issueVoucher,
  createStaffTask,
  exitJourney,
  goal,
  exitCriteria,
];

export const builtinRegistry = createRegistry(builtinNodeTypes);

/** Built-ins are a node package like any other: Braid's loader and the canvas read `nodeTypes`. */
export const nodeTypes = builtinNodeTypes;
