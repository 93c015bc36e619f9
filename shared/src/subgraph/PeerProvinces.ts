import { DomainError, ErrorCode, badInput } from '../errors';
import type { ProvinceRegistry } from '../provinces';
import { postJson } from '../http';

/** Where another province's subgraph answers now (resolved per call: in tests they start in any order). */
export type PeerUrl = (province: string) => string | undefined;

const unavailable = (province: string, why: string) => new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE,
  `The ${province.toLowerCase()} subgraph is unavailable, so ${why}: try again later`,
  { subgraph: province.toLowerCase(), province });

/**
 * Asks another province's subgraph about its own records, through its `_entities` and with the caller's token: the
 * lead before a partner commits to its initiative, and the partners about their commitments to the lead's.
 */
export class PeerProvinces {
  constructor(private readonly registry: ProvinceRegistry, private readonly peerUrl: PeerUrl, private readonly timeoutMs = 3000) {}

  /** The `selection` of each record of `province` with these ids, null where it has none; throws if it cannot be asked. */
  private async entities<T>(province: string, kind: 'Initiative' | 'Commitment', ids: readonly string[], selection: string,
    authorization: string | undefined, why: string): Promise<(T | null)[]> {
    const url = this.peerUrl(province);
    if (!url) throw unavailable(province, why);
    const typeName = this.registry.names(province).typeName(kind);
    try {
      const { text } = await postJson(url, JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selection} } } }`,
        variables: { r: ids.map((id) => ({ __typename: typeName, id })) },
      }), authorization ? { authorization } : {}, AbortSignal.timeout(this.timeoutMs));
      const entities = (JSON.parse(text) as { data?: { _entities?: (T | null)[] } }).data?._entities;
      if (!entities || entities.length !== ids.length) throw new Error('no answer');
      return entities;
    } catch {
      throw unavailable(province, why);
    }
  }

  /** Throws BAD_USER_INPUT unless `lead` leads `initiativeId` with `partner` among its partners. */
  async checkPartner(lead: string, initiativeId: string, partner: string, authorization: string | undefined): Promise<void> {
    const [initiative] = await this.entities<{ partners?: string[] | null; status?: string }>(lead, 'Initiative', [initiativeId],
      'id partners status', authorization, 'the initiative cannot be checked now');
    const partners = initiative?.partners ?? null;
    if (!partners) throw badInput('input.initiativeId', `${lead} leads no initiative ${initiativeId}`);
    if (initiative?.status === 'CANCELLED') throw badInput('input.initiativeId', `${lead}'s initiative ${initiativeId} was cancelled`);
    if (!partners.includes(partner)) {
      throw badInput('input.initiativeId', `${partner} is not a partner of ${lead}'s initiative ${initiativeId}`);
    }
  }

  /** Which of these commitment ids `partner` has made (a commitment not made yet is not found there). */
  async existingCommitments(partner: string, ids: readonly string[], authorization: string | undefined): Promise<Set<string>> {
    const found = await this.entities<{ id?: string }>(partner, 'Commitment', ids, 'id', authorization,
      'its commitments cannot be read now');
    return new Set(found.flatMap((c) => (c?.id ? [c.id] : [])));
  }
}
