// The parts of the admin API's answers the commands read (the OpenAPI document has them all).
export interface JourneySummary {
  id: string;
  key: string | null;
  name: string;
  status: string;
  activeVersion: number | null;
  draftRevision: number;
  hasUnpublishedChanges: boolean;
}

export interface JourneyFileBody {
  $schema?: string;
  key: string;
  name: string;
  description: string;
  graph: unknown;
}

export interface FileIssue {
  field: string;
  nodeId: string | null;
  path: string;
  message: string;
  code?: string;
}

export interface VersionSummary {
  id: string;
  version: number;
  authorName: string | null;
  note: string;
  createdAt: number;
}

export interface PublishResult extends VersionSummary {
  unchanged: boolean;
  journey: JourneySummary;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface GraphDiff {
  added: { nodeId: string; type: string }[];
  removed: { nodeId: string; type: string }[];
  changed: { nodeId: string; type: string; typeBefore?: string; fields: FieldChange[] }[];
  rewired: { nodeId: string; port: string; before: string[]; after: string[] }[];
  same: boolean;
}
