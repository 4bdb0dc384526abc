// Problems shown on the canvas and blocking publish: the journey core's validator, the same
// one the API runs on publish, so the canvas and the server never disagree.
import { validate } from '@braid/journey';
import type { JourneyGraph, ValidationIssue } from '../api/types';
import { getRegistry } from './registry';
import { localText } from '../i18n/localText';

export function validateGraph(graph: JourneyGraph): ValidationIssue[] {
  return validate(graph, getRegistry()).map((i) => ({ nodeId: i.nodeId, path: i.path, message: i.message, ...(i.text ? { text: i.text } : {}) }));
}

/** The problem in the UI language when the node type gave both; journey-wide rules are worded once. */
export function issueMessage(issue: ValidationIssue): string {
  return issue.text ? localText(issue.text) : issue.message;
}

export function pathString(path: ValidationIssue['path']): string {
  return Array.isArray(path) ? path.join('.') : path;
}
