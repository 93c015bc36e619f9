import { GraphQLError } from 'graphql';
import { CALLER_ERROR_CODES, ErrorCode, postJson, type ProvinceEndpoint } from '@yrd/shared';

/** A province that did not answer: named, with no URL or connection error text in it. */
export const provinceUnavailable = (province: string, path?: readonly (string | number)[]) =>
  new GraphQLError(`The ${province.toLowerCase()} subgraph is unavailable; its records are missing from this answer`, {
    path, extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: province.toLowerCase(), province },
  });


/**
 * Sends region's push-down queries to one province's subgraph, with a timeout, forwarding the caller's identity.
 * Any failure (down, slow, an error answer) is ProvinceUnavailable: the region answers with the others' data.
 */
export class ProvinceClient {
  constructor(readonly endpoint: ProvinceEndpoint, private readonly timeoutMs: number) {}

  async query<T>(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<T> {
    const { text } = await postJson(this.endpoint.url, JSON.stringify({ query, variables }), headers, AbortSignal.timeout(this.timeoutMs));
    const body = JSON.parse(text) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      const first = body.errors?.[0];
      // Pass on what the caller did wrong (bad input, forbidden); anything else is the province being unavailable.
      if (first && CALLER_ERROR_CODES.has(String(first.extensions?.code))) {
        throw new GraphQLError(first.message, { extensions: first.extensions });
      }
      throw new Error(`province ${this.endpoint.province} answered with errors`);
    }
    return body.data;
  }
}
