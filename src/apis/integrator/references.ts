import { listed } from './collection.js';
import type { IntegratorState } from './state.js';
import type { ExportDoc, FlowDoc, ImportDoc } from './types.js';
import { isObject } from './json-object.js';

/**
 * Who still uses a resource, for the deletes that refuse to leave references dangling ([INF] 422
 * `resource_in_use`, naming the first user in list order).
 */

type Step = { _exportId?: unknown; _importId?: unknown };

/** The steps a flow names: page generators, page processors (also inside routers' branches), the old single-step shape. */
function stepsOf(flow: FlowDoc): Step[] {
  const steps: Step[] = [flow as Step];
  const add = (list: unknown) => {
    if (Array.isArray(list)) for (const s of list) if (isObject(s)) steps.push(s as Step);
  };
  add(flow.pageGenerators);
  add(flow.pageProcessors);
  if (Array.isArray(flow.routers)) {
    for (const router of flow.routers as unknown[]) {
      if (!isObject(router) || !Array.isArray(router.branches)) continue;
      for (const branch of router.branches as unknown[]) if (isObject(branch)) add(branch.pageProcessors);
    }
  }
  return steps;
}

/** Whether the flow uses the export or import `stepId` as a page generator, page processor (lookup/import) or old-shape step. */
export function flowUses(flow: FlowDoc, stepId: string): boolean {
  return stepsOf(flow).some((s) => s._exportId === stepId || s._importId === stepId);
}

/** The flows that use the export or import `stepId` (in list order). */
export function flowsUsing(state: IntegratorState, stepId: string): FlowDoc[] {
  return listed(state.flows).filter((flow) => flowUses(flow, stepId));
}

export interface ResourceUser {
  kind: 'export' | 'import' | 'flow';
  doc: { _id: string; name?: unknown };
}

/** The exports, then the imports, whose `_connectionId` is `connectionId`. */
export function stepsUsingConnection(state: IntegratorState, connectionId: string): ResourceUser[] {
  const exports = listed(state.exports).filter((e: ExportDoc) => e._connectionId === connectionId);
  const imports = listed(state.imports).filter((i: ImportDoc) => i._connectionId === connectionId);
  return [...exports.map((doc) => ({ kind: 'export' as const, doc })), ...imports.map((doc) => ({ kind: 'import' as const, doc }))];
}

/** The exports, imports and flows with a hook (anywhere in the document) whose `_scriptId` is `scriptId`. */
export function usersOfScript(state: IntegratorState, scriptId: string): ResourceUser[] {
  const using = (doc: object) => namesScript(doc, scriptId, 0);
  return [
    ...listed(state.exports).filter(using).map((doc) => ({ kind: 'export' as const, doc })),
    ...listed(state.imports).filter(using).map((doc) => ({ kind: 'import' as const, doc })),
    ...listed(state.flows).filter(using).map((doc) => ({ kind: 'flow' as const, doc })),
  ];
}

function namesScript(value: unknown, scriptId: string, depth: number): boolean {
  if (depth > 32 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => namesScript(v, scriptId, depth + 1));
  const record = value as Record<string, unknown>;
  if (record._scriptId === scriptId) return true;
  return Object.values(record).some((v) => namesScript(v, scriptId, depth + 1));
}

/** `Connection is used by export 597f… (Get license usage) and cannot be deleted.` */
export function inUseMessage(resource: string, user: ResourceUser): string {
  const name = typeof user.doc.name === 'string' && user.doc.name !== '' ? ` (${user.doc.name})` : '';
  return `${resource} is used by ${user.kind} ${user.doc._id}${name} and cannot be deleted.`;
}
