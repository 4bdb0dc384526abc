import { http } from './http';
import { list, num, obj, str, time, unwrap } from './normalize';
import type { Obj } from './normalize';
import type {
  CustomerRef,
  Journey,
  JourneyGraph,
  JourneyStatus,
  JourneySummary,
  JourneyVersion,
  NodeStats,
  TemplateInfo,
  Trace,
  ValidationIssue,
} from './types';

const statuses: JourneyStatus[] = ['draft', 'active', 'paused', 'archived'];

export function toGraph(value: unknown): JourneyGraph {
  const o = obj(value);
  const nodes = list(o.nodes).map((n) => {
    const x = obj(n);
    const p = obj(x.position);
    return {
      id: str(x, 'id') ?? '',
      type: str(x, 'type') ?? '',
      typeVersion: num(x, 'typeVersion') ?? 1,
      config: x.config ?? {},
      position: { x: num(p, 'x') ?? 0, y: num(p, 'y') ?? 0 },
      // Dropping it would make every save look like a renamed step to the publish review.
      ...(typeof x.label === 'string' ? { label: x.label } : {}),
    };
  });
  const edges = list(o.edges).map((e, i) => {
    const x = obj(e);
    return {
      id: str(x, 'id') ?? `e${i}`,
      source: str(x, 'source') ?? '',
      sourcePort: str(x, 'sourcePort', 'sourceHandle') ?? 'out',
      target: str(x, 'target') ?? '',
    };
  });
  return { nodes, edges };
}

function toSummary(value: unknown): JourneySummary {
  const o = obj(value);
  const stats = obj(o.stats ?? o.counts);
  const status = str(o, 'status') as JourneyStatus | null;
  return {
    id: str(o, 'id') ?? '',
    name: str(o, 'name') ?? '',
    description: str(o, 'description') ?? '',
    status: status && statuses.includes(status) ? status : 'draft',
    activeVersion: num(o, 'activeVersion', 'active_version'),
    entered: num(o, 'entered') ?? num(stats, 'entered'),
    converted: num(o, 'converted') ?? num(stats, 'converted'),
    updatedAt: time(o, 'updatedAt', 'updated_at'),
    updatedBy: str(o, 'updatedByName', 'updatedByEmail', 'updatedBy', 'updated_by'),
    hasUnpublishedChanges: o.hasUnpublishedChanges === true,
    startsAt: num(o, 'startsAt'),
    endsAt: num(o, 'endsAt'),
  };
}

function toJourney(value: unknown): Journey {
  const o = unwrap(value, 'journey');
  const draft = obj(o.draft);
  return {
    ...toSummary(o),
    draftGraph: toGraph(o.draftGraph ?? o.graph ?? draft.graph),
    draftRevision: num(o, 'draftRevision', 'revision') ?? num(draft, 'revision') ?? 0,
  };
}

function toVersion(value: unknown): JourneyVersion {
  const o = unwrap(value, 'version');
  return {
    version: num(o, 'version', 'number') ?? 0,
    note: str(o, 'note') ?? '',
    author: str(o, 'authorName', 'authorEmail', 'author', 'createdBy'),
    createdAt: time(o, 'createdAt', 'publishedAt', 'created_at'),
    graph: o.graph ? toGraph(o.graph) : undefined,
  };
}

export function toIssues(details: unknown): ValidationIssue[] {
  const raw = list(details, 'issues');
  return raw.map((i) => {
    const o = obj(i);
    const path = Array.isArray(o.path) ? (o.path as (string | number)[]) : (str(o, 'path') ?? '');
    // The server words publish checks (message rendering, the event catalogue) in both languages.
    const text = obj(o.text);
    const vi = str(text, 'vi');
    const en = str(text, 'en');
    return { nodeId: str(o, 'nodeId'), path, message: str(o, 'message') ?? '', ...(vi && en ? { text: { vi, en } } : {}) };
  });
}

export const journeysApi = {
  async list(): Promise<JourneySummary[]> {
    return list(await http.get('/api/journeys'), 'journeys').map(toSummary);
  },
  async get(id: string): Promise<Journey> {
    return toJourney(await http.get(`/api/journeys/${encodeURIComponent(id)}`));
  },
  async create(input: { name: string; graph?: JourneyGraph; template?: string }): Promise<Journey> {
    return toJourney(await http.post('/api/journeys', input));
  },
  /** Saves the draft; the server refuses (409) when `revision` is not the latest it holds. */
  async saveDraft(id: string, graph: JourneyGraph, revision: number, name?: string): Promise<{ revision: number; hasUnpublishedChanges: boolean }> {
    const res = obj(await http.put(`/api/journeys/${encodeURIComponent(id)}/draft`, { graph, revision, ...(name ? { name } : {}) }));
    const j = unwrap(res, 'journey');
    return {
      revision: num(res, 'revision', 'draftRevision') ?? num(j, 'draftRevision', 'revision') ?? revision + 1,
      hasUnpublishedChanges: (res.hasUnpublishedChanges ?? j.hasUnpublishedChanges) === true,
    };
  },
  async rename(id: string, name: string): Promise<void> {
    await http.patch(`/api/journeys/${encodeURIComponent(id)}`, { name });
  },
  async versions(id: string): Promise<JourneyVersion[]> {
    return list(await http.get(`/api/journeys/${encodeURIComponent(id)}/versions`), 'versions').map(toVersion);
  },
  async version(id: string, version: number): Promise<JourneyVersion> {
    return toVersion(await http.get(`/api/journeys/${encodeURIComponent(id)}/versions/${version}`));
  },
  async pause(id: string): Promise<void> {
    await http.post(`/api/journeys/${encodeURIComponent(id)}/pause`);
  },
  async resume(id: string): Promise<void> {
    await http.post(`/api/journeys/${encodeURIComponent(id)}/resume`);
  },
  async stats(id: string, version?: number | null): Promise<NodeStats[]> {
    const q = version ? `?version=${version}` : '';
    const res = await http.get(`/api/journeys/${encodeURIComponent(id)}/stats${q}`);
    const rows = list(res, 'nodes', 'stats');
    if (rows.length === 0) {
      // `{nodes: {nodeId: {...}}}` is also accepted.
      const byNode = obj(obj(res).nodes ?? obj(res).stats);
      return Object.entries(byNode).map(([nodeId, v]) => toStats({ nodeId, ...obj(v) }));
    }
    return rows.map(toStats);
  },
  /** Entered / converted over every published version (customers stay on the version they entered). */
  async totals(id: string, activeVersion: number): Promise<{ entered: number; converted: number }> {
    const versions = Array.from({ length: Math.min(activeVersion, 50) }, (_, i) => activeVersion - i);
    const all = await Promise.all(
      versions.map(async (v) => {
        const e = obj(obj(await http.get(`/api/journeys/${encodeURIComponent(id)}/stats?version=${v}`)).enrollments);
        const entered = ['active', 'completed', 'exited', 'converted', 'failed'].reduce((sum, k) => sum + (num(e, k) ?? 0), 0);
        return { entered, converted: num(e, 'converted') ?? 0 };
      }),
    );
    return all.reduce((a, b) => ({ entered: a.entered + b.entered, converted: a.converted + b.converted }), { entered: 0, converted: 0 });
  },
  async customersAt(id: string, nodeId: string, version?: number | null): Promise<CustomerRef[]> {
    const q = version ? `?version=${version}` : '';
    const res = await http.get(`/api/journeys/${encodeURIComponent(id)}/nodes/${encodeURIComponent(nodeId)}/customers${q}`);
    return list(res, 'customers').map(toCustomerRef);
  },
  async trace(id: string, customerId: string): Promise<Trace | null> {
    const res = await http.get(`/api/journeys/${encodeURIComponent(id)}/customers/${encodeURIComponent(customerId)}/trace`);
    const enrollments = list(res, 'enrollments');
    const latest = obj(enrollments[enrollments.length - 1]);
    if (!enrollments.length) return null;
    return {
      version: num(latest, 'version'),
      status: str(latest, 'status') ?? '',
      temporalUrl: str(latest, 'temporalUrl'),
      steps: list(latest.steps).map((s) => {
        const o = obj(s);
        return { nodeId: str(o, 'nodeId') ?? '', outcome: str(o, 'outcome') ?? '', reason: str(o, 'reason'), at: time(o, 'at', 'time') ?? 0 };
      }),
      messages: list(latest.messages).map((m) => {
        const o = obj(m);
        return { nodeId: str(o, 'nodeId'), channel: str(o, 'channel') ?? '', status: str(o, 'status') ?? '', subject: str(o, 'subject'), body: str(o, 'body'), error: str(o, 'error') };
      }),
    };
  },
  async templates(): Promise<TemplateInfo[]> {
    return list(await http.get('/api/journey-templates'), 'templates').map((t) => {
      const o = obj(t);
      return { id: str(o, 'id') ?? '', name: str(o, 'name') ?? '', description: str(o, 'description') ?? '' };
    });
  },
};

function toStats(value: unknown): NodeStats {
  const o = obj(value);
  return {
    nodeId: str(o, 'nodeId', 'node') ?? '',
    entered: num(o, 'entered') ?? 0,
    waiting: num(o, 'waiting', 'waitingNow', 'active') ?? 0,
    exited: num(o, 'exited', 'left') ?? 0,
    converted: num(o, 'converted') ?? 0,
  };
}

export function toCustomerRef(value: unknown): CustomerRef {
  const o: Obj = unwrap(value, 'customer');
  const traits = obj(o.traits);
  return {
    id: str(o, 'id', 'customerId') ?? '',
    name: str(o, 'name') ?? str(traits, 'name', 'firstName'),
    email: str(o, 'email') ?? str(traits, 'email'),
    phone: str(o, 'phone') ?? str(traits, 'phone'),
  };
}
