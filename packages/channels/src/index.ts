export * from './types';
export { nextAllowedSendTime, type SendPolicyInput, type SendDecision } from './policy/next-allowed-send-time';
export { PolicyConfigError, isQuietAt, type QuietHours } from './policy/quiet-hours';
export { capReleaseTime, type FrequencyCap } from './policy/frequency-cap';
export { DEFAULT_TIMEZONE } from './policy/zoned-time';
