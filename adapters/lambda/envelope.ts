// What the handler needs from each Lambda event shape: how to recognise it, how to read it into the
// request model, and how to answer in that shape's own result format.
import { STATUS_CODES } from 'node:http';
import { isRecord } from '../../src/contract/request.ts';
import type { PolyRequest, PolyResponse } from '../../src/contract/types.ts';

export interface Envelope<Event, Result> {
  /** Names the shape in the log line. */
  kind: string;
  matches(event: unknown): event is Event;
  /** Throws HttpError for a bad envelope (e.g. invalid base64); any other throw means a malformed event. */
  toRequest(event: Event): PolyRequest;
  toResult(response: PolyResponse, event: Event): Result;
}

/** An object whose `names` are all strings: what a shape's `matches` checks before toRequest relies on them. */
export function hasStrings(value: unknown, ...names: string[]): value is Record<string, unknown> {
  return isRecord(value) && names.every((name) => typeof value[name] === 'string');
}

/** ALB and VPC Lattice answer with a status line as well as a code, e.g. "200 OK". */
export function statusDescription(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? 'Unknown'}`;
}
