import { DomainError, ErrorCode, badInput } from '../../errors';
import type { ProvinceRegistry } from '../../provinces';
import { postJson } from '../../http';

/** Where another province's subgraph answers now (resolved per call: in tests they start in any order). */
export type PeerUrl = (province: string) => string | undefined;

const unavailable = (lead: string) => new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE,
  `The ${lead.toLowerCase()} subgraph is unavailable, so the initiative cannot be checked now: try again later`,
  { subgraph: lead.toLowerCase() });

/**
 * Asks the lead province whether it leads an initiative and whom it names as partners, before a partner province
 * commits to it: through the lead's own subgraph (its `_entities`), with the caller's token.
 */
export class LeadInitiatives {
  constructor(private readonly registry: ProvinceRegistry, private readonly peerUrl: PeerUrl, private readonly timeoutMs = 3000) {}

  /** Throws BAD_USER_INPUT unless `lead` leads `initiativeId` with `partner` among its partners. */
  async checkPartner(lead: string, initiativeId: string, partner: string, authorization: string | undefined): Promise<void> {
    const url = this.peerUrl(lead);
    if (!url) throw unavailable(lead);
    const typeName = this.registry.names(lead).typeName('Initiative');
    let partners: string[] | null;
    try {
      const { text } = await postJson(url, JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { id partners } } }`,
        variables: { r: [{ __typename: typeName, id: initiativeId }] },
      }), authorization ? { authorization } : {}, AbortSignal.timeout(this.timeoutMs));
      const body = JSON.parse(text) as { data?: { _entities?: ({ partners?: string[] | null } | null)[] } };
      const entity = body.data?._entities?.[0];
      if (!body.data?._entities) throw new Error('no answer');
      partners = entity?.partners ?? null;
    } catch {
      throw unavailable(lead);
    }
    if (!partners) throw badInput('input.initiativeId', `${lead} leads no initiative ${initiativeId}`);
    if (!partners.includes(partner)) {
      throw badInput('input.initiativeId', `${partner} is not a partner of ${lead}'s initiative ${initiativeId}`);
    }
  }
}
