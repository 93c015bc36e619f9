import Negotiator from 'negotiator';

/** The two media types of a GraphQL response (GraphQL over HTTP, "Body"). */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';
export type ResponseMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

/** Offered with their charset, as Apollo Server offers them: an Accept naming `charset=utf-8` matches too. */
const OFFERED = [`${APPLICATION_JSON}; charset=utf-8`, `${GRAPHQL_RESPONSE_JSON}; charset=utf-8`];
/**
 * Accept headers negotiated already, the first few (clients send one or two kinds): parsing one cost 4 us a request.
 * A caller cannot grow it, only find it full.
 */
const negotiated = new Map<string, ResponseMediaType | null>();
const MAX_NEGOTIATED = 64;
const MAX_NEGOTIATED_LENGTH = 256;

/**
 * The media type a caller's Accept header asks for, negotiated as Apollo Server does for the operations it answers
 * (no header: application/json, the specification's legacy default); null when it accepts neither (406).
 */
export function responseMediaType(accept: string | undefined): ResponseMediaType | null {
  if (!accept) return APPLICATION_JSON;
  const known = negotiated.get(accept);
  if (known !== undefined) return known;
  const preferred = new Negotiator({ headers: { accept } }).mediaType(OFFERED);
  const media = preferred === OFFERED[0] ? APPLICATION_JSON : preferred === OFFERED[1] ? GRAPHQL_RESPONSE_JSON : null;
  if (negotiated.size < MAX_NEGOTIATED && accept.length <= MAX_NEGOTIATED_LENGTH) negotiated.set(accept, media);
  return media;
}

/**
 * The status the specification gives a response. With application/graphql-response+json a request error (parse,
 * validation, variables, an operation limit) is a 4xx, as Apollo Server answers it. With application/json, which
 * clients of the legacy type read by its body alone, every well-formed request is answered 200: a 400 stays only for
 * a request that is not well-formed (BAD_REQUEST: no query, a body that is not JSON). Refusals above GraphQL (401,
 * 405, 406, 413, 429) keep their status under both.
 */
export function specificationStatus(media: ResponseMediaType, status: number, codes: readonly unknown[]): number {
  if (media === GRAPHQL_RESPONSE_JSON || status !== 400) return status;
  return codes.length && !codes.includes('BAD_REQUEST') ? 200 : status;
}
