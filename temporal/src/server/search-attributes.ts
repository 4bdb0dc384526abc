// Search attributes every journey workflow carries, so operators can list executions by journey,
// version or customer in the Temporal UI. Registered by the embedded dev server at start.
export const JOURNEY_SEARCH_ATTRIBUTES = {
  JourneyId: 'Keyword',
  JourneyVersion: 'Int',
  CustomerId: 'Keyword',
} as const;

export const searchAttributeFlags = (): string[] =>
  Object.entries(JOURNEY_SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
