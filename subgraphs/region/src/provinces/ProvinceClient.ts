import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { ANY_KIND, CALLER_ERROR_CODES, ErrorCode, addRecordsRead, noteRecordsRead, sameForEveryReader, type ProvinceEndpoint } from '@yrd/domain';
import { childSpan, postJson, type ServiceMetrics } from '@yrd/service';
import { mergePushDowns, type PartAnswer, type ProvinceError, type PushDown } from './mergePushDowns';
import type { RegionContext } from './RegionContext';

/** A province that did not answer: named, with no URL or connection error text in it. */
export const provinceUnavailable = (province: string, path?: readonly (string | number)[]) =>
  new GraphQLError(`The ${province.toLowerCase()} subgraph is unavailable; its records are missing from this answer`, {
    path, extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: province.toLowerCase(), province },
  });

/**
 * Sends region's push-down queries to one province's subgraph, with a timeout, forwarding the caller's identity. The
 * push-downs one operation makes of a province in the same tick (its root fields resolve together) go as one request
 * (a DataLoader per request and province). Any failure (down, slow, an error answer) is ProvinceUnavailable: the region
 * answers with the others' data; a refusal of the caller's own (bad input, forbidden) is passed on.
 */
export class ProvinceClient {
  constructor(readonly endpoint: ProvinceEndpoint, private readonly timeoutMs: number, private readonly metrics?: ServiceMetrics) {}

  async query<T>(query: string, variables: Record<string, unknown>, ctx: RegionContext): Promise<T> {
    let loader = ctx.pushDowns.get(this.endpoint.province);
    if (!loader) {
      loader = new DataLoader((parts: readonly PushDown[]) => this.send(parts, ctx), { cache: false });
      ctx.pushDowns.set(this.endpoint.province, loader);
    }
    return await loader.load({ query, variables }) as T;
  }

  /**
   * One request to the province with a batch of push-downs: a span (`push-down zhejiang`) and a fetch duration. What
   * the province says its answer was read from is the request's (any of its records, where it does not say).
   */
  private send(parts: readonly PushDown[], ctx: RegionContext): Promise<(unknown | Error)[]> {
    const subgraph = this.endpoint.province.toLowerCase();
    const attributes = () => ({ 'yrd.province': this.endpoint.province, 'yrd.push_downs': parts.length });
    return childSpan(`push-down ${subgraph}`, { attributes }, async () => {
      const timer = this.metrics?.subgraphFetchDuration.startTimer({ subgraph });
      try {
        const merged = mergePushDowns(parts);
        const { text } = await postJson(this.endpoint.url, JSON.stringify({ query: merged.query, variables: merged.variables }),
          ctx.forwardToProvinces, AbortSignal.timeout(this.timeoutMs));
        const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: ProvinceError[]; extensions?: Record<string, unknown> };
        if (!addRecordsRead(ctx.recordsRead, body.extensions)) noteRecordsRead(ctx.recordsRead, this.endpoint.province, [ANY_KIND]);
        if (!sameForEveryReader(body.extensions)) ctx.readerDependent();
        return merged.split(body).map((part) => this.outcome(part));
      } catch (error) {
        this.metrics?.subgraphFetchErrors.inc({ subgraph });
        throw error;
      } finally {
        timer?.();
      }
    });
  }

  private outcome({ data, errors }: PartAnswer): unknown {
    if (!errors.length && data) return data;
    const first = errors[0];
    // Pass on what the caller did wrong (bad input, forbidden); anything else is the province being unavailable.
    if (first && CALLER_ERROR_CODES.has(String(first.extensions?.code))) {
      return new GraphQLError(first.message, { extensions: first.extensions });
    }
    return new Error(`province ${this.endpoint.province} answered with errors`);
  }
}
