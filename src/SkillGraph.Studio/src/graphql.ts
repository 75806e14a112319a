// The one GraphQL client of the studio: POST /graphql with the session's API key (X-Api-Key), so every rule, limit and
// authorization of the server applies. A failed request becomes one readable line (GraphQLFailure), never a stack trace.
import { currentKey } from './session';

export interface GraphQLErrorEntry {
  message: string;
  extensions?: { code?: string };
}

/** A request that failed: the first error's message (and code) as one line a person can read. */
export class GraphQLFailure extends Error {
  constructor(message: string, readonly code: string | undefined, readonly status: number) {
    super(message);
    this.name = 'GraphQLFailure';
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
  const key = currentKey();
  if (key) headers['X-Api-Key'] = key;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new GraphQLFailure('The server cannot be reached. Is SkillGraph.Server running?', 'NETWORK', 0);
  }
  let body: { data?: T | null; errors?: GraphQLErrorEntry[] };
  try {
    body = await response.json();
  } catch {
    throw new GraphQLFailure(`The server answered ${response.status} ${response.statusText} without a GraphQL result.`, undefined, response.status);
  }
  if (body.errors && body.errors.length > 0) {
    const first = body.errors[0]!;
    const more = body.errors.length > 1 ? ` (and ${body.errors.length - 1} more)` : '';
    throw new GraphQLFailure(oneLine(first.message) + more, first.extensions?.code, response.status);
  }
  if (!response.ok || body.data === undefined || body.data === null) {
    throw new GraphQLFailure(`The server answered ${response.status} ${response.statusText}.`, undefined, response.status);
  }
  return body.data;
}

function oneLine(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** The readable line of any error a view catches. */
export function describe(error: unknown): string {
  if (error instanceof GraphQLFailure) return error.code ? `${error.message} (${error.code})` : error.message;
  if (error instanceof Error) return oneLine(error.message);
  return 'Something went wrong.';
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
