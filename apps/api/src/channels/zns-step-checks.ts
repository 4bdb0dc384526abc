// Publish-time checks of a Zalo send step against the ZNS template it names, as registered in this
// workspace: every parameter Zalo requires has a value, none is longer than Zalo allows, none is
// unknown to the template, and the template exists and is not rejected. Zalo refuses the whole
// message otherwise, so a journey would fail at its first customer. The same rules are checked
// again at send time against the rendered values (customer data can still be too long).
import { checkTemplate } from '@braid/channels';
import { and, eq, inArray, znsTemplates, type Db, type ZnsTemplateParam } from '@braid/db';
import type { MessageIssue } from '../journeys/message-checks';

type ZnsStep = { nodeId: string; step: string; templateId: string; params: Record<string, string> };
type RegisteredTemplate = { templateId: string; status: string; params: ZnsTemplateParam[] };

/** The text the customer receives whatever the data: Liquid tags removed, counted in characters as Zalo counts them. */
const literalLength = (template: string) => [...template.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, '')].length;
const hasLiquid = (template: string) => /\{\{|\{%/.test(template);

function znsStepsOf(graph: unknown): ZnsStep[] {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  const steps: ZnsStep[] = [];
  for (const n of nodes as Array<{ id?: unknown; type?: unknown; label?: unknown; config?: Record<string, unknown> }>) {
    if (!n || n.type !== 'send-message' || typeof n.id !== 'string' || !n.config || n.config.channel !== 'zalo') continue;
    const templateId = typeof n.config.znsTemplateId === 'string' ? n.config.znsTemplateId.trim() : '';
    if (!templateId) continue;
    const raw = n.config.znsParams;
    const params: Record<string, string> = {};
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) for (const [k, v] of Object.entries(raw)) params[k] = typeof v === 'string' ? v : '';
    steps.push({ nodeId: n.id, step: (typeof n.label === 'string' && n.label.trim()) || n.id, templateId, params });
  }
  return steps;
}

const issue = (s: ZnsStep, path: string, code: string, vi: string, en: string): MessageIssue => ({ nodeId: s.nodeId, path, message: `"${s.step}": ${en}`, text: { vi: `"${s.step}": ${vi}`, en: `"${s.step}": ${en}` }, code });

/** Problems of one step against its template (null: the template is not registered). Pure, for tests and the canvas. */
export function znsStepIssues(s: ZnsStep, template: RegisteredTemplate | null): MessageIssue[] {
  const id = s.templateId;
  if (!template) {
    return [issue(s, 'znsTemplateId', 'zns-template-unknown', `mẫu ZNS ${id} chưa được đăng ký trong Cài đặt kênh → Mẫu ZNS`, `ZNS template ${id} is not registered in Channel settings → ZNS templates`)];
  }
  const issues: MessageIssue[] = [];
  // A pending template may be approved before the first send (checked again then); a refused one never will.
  if (template.status === 'rejected' || template.status === 'disabled') {
    const vi = template.status === 'rejected' ? 'bị Zalo từ chối' : 'đã bị tắt';
    issues.push(issue(s, 'znsTemplateId', 'zns-template-unusable', `mẫu ZNS ${id} ${vi}; Zalo chỉ gửi mẫu đã duyệt`, `ZNS template ${id} is ${template.status}; Zalo sends approved templates only`));
  }
  for (const p of template.params) {
    const value = s.params[p.name];
    if (value === undefined || value.trim() === '') {
      if (p.required) issues.push(issue(s, `znsParams.${p.name}`, 'zns-param-missing', `mẫu ZNS ${id} cần tham số ${p.name} nhưng bước chưa điền giá trị`, `ZNS template ${id} needs parameter ${p.name} and the step gives it no value`));
      continue;
    }
    const syntax = checkTemplate({ body: value });
    if (syntax.length > 0) {
      const detail = syntax[0]!.message.replace(/^\w+: /, '');
      issues.push(issue(s, `znsParams.${p.name}`, 'template-syntax', `tham số ZNS ${p.name} viết sai cú pháp Liquid (${detail})`, `ZNS parameter ${p.name} is not valid Liquid (${detail})`));
      continue;
    }
    const length = literalLength(value);
    if (length > p.maxLength) {
      const [vi, en] = hasLiquid(value) ? [`ít nhất ${length} ký tự chưa kể dữ liệu khách hàng`, `at least ${length} characters before customer data`] : [`${length} ký tự`, `${length} characters`];
      issues.push(issue(s, `znsParams.${p.name}`, 'zns-param-too-long', `tham số ZNS ${p.name} dài ${vi}, Zalo cho phép tối đa ${p.maxLength}`, `ZNS parameter ${p.name} is ${en}; Zalo allows at most ${p.maxLength}`));
    }
  }
  for (const name of Object.keys(s.params)) {
    if (!template.params.some((p) => p.name === name)) {
      const known = template.params.map((p) => p.name).join(', ');
      issues.push(issue(s, `znsParams.${name}`, 'zns-param-unknown', `mẫu ZNS ${id} không có tham số ${name} (mẫu có: ${known})`, `ZNS template ${id} has no parameter ${name} (it has: ${known})`));
    }
  }
  return issues;
}

/** Every ZNS problem of a graph's Zalo steps, against the templates this workspace registered. */
export async function znsIssues(db: Db, workspaceId: string, graph: unknown): Promise<MessageIssue[]> {
  const steps = znsStepsOf(graph);
  if (steps.length === 0) return [];
  const rows = await db
    .select({ templateId: znsTemplates.templateId, status: znsTemplates.status, params: znsTemplates.params })
    .from(znsTemplates)
    .where(and(eq(znsTemplates.workspaceId, workspaceId), inArray(znsTemplates.templateId, [...new Set(steps.map((s) => s.templateId))])));
  const byId = new Map(rows.map((r) => [r.templateId, r]));
  return steps.flatMap((s) => znsStepIssues(s, byId.get(s.templateId) ?? null));
}
