// Consent: subscription groups, customers' answers, the send-time check and unsubscribe links.
export { channelScope, channelOfScope } from './scope';
export { recordConsent, customerConsent, consentFromRows, defaultStatus, type AnswerRow, type ConsentChange, type ConsentSource, type CustomerConsent, type GroupConsent, type ChannelConsent, type GroupRow } from './consent-store';
export { checkConsent, consentVerdict, NOT_SUBSCRIBED, type ConsentQuery, type ConsentVerdict } from './check-consent';
export { signUnsubscribeToken, verifyUnsubscribeToken, signWorkspaceUnsubscribeToken, verifyAnyUnsubscribeToken, workspaceTrackingKey, type UnsubscribeClaim } from './unsubscribe-token';
export { unsubscribeUrl, listUnsubscribeHeaders } from './unsubscribe-link';
export { recordProviderSignal, smsKeyword, type ProviderSignal } from './provider-signals';
export { consentSignalOfRefusal } from './refusal-signals';
