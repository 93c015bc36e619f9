/** An operation that failed as a whole: refused (auth, limits, validation) or not answered. */
export class OperationError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly status: number) {
    super(message);
  }

  /** The token is missing, expired or refused: the page asks for another. */
  get unauthenticated(): boolean {
    return this.status === 401 || this.code === 'UNAUTHENTICATED';
  }
}

interface GraphQLErrorJson {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string };
}

export interface Answer<T> {
  readonly data: T;
  /** Errors beside the data (a province that could not be reached, say): the figure shows what came. */
  readonly warnings: readonly string[];
}

/**
 * Sends one named operation by POST to this origin's /graphql with the token, as any client does: the gateway's
 * authentication, limits and masking apply.
 */
export async function runOperation<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
  const operationName = /^\s*(?:query|mutation)\s+(\w+)/m.exec(query)?.[1];
  const response = await fetch(new URL('/graphql', location.href), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, operationName, variables }),
  });
  let body: { data?: T | null; errors?: readonly GraphQLErrorJson[] };
  try {
    body = await response.json() as typeof body;
  } catch {
    throw new OperationError(`${response.status} ${response.statusText}`, undefined, response.status);
  }
  const errors = body.errors ?? [];
  if (body.data === undefined || body.data === null) {
    const first = errors[0];
    throw new OperationError(first?.message ?? `${response.status} ${response.statusText}`, first?.extensions?.code, response.status);
  }
  return {
    data: body.data,
    warnings: errors.map((e) => (e.path ? `${e.path.join('.')}: ${e.message}` : e.message)),
  };
}
