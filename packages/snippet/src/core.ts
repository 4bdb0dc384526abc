// The snippet's parts without booting it on a page: for the bench, which runs its batching.
export { Transport, type SegmentEvent, type TransportOptions } from './transport';
export { Identity } from './identity';
export { trackEvent, identifyEvent, pageEvent, VERSION } from './events';
