import {
  ANY_KIND, DomainError, ErrorCode, addRecordsRead, badInput, noteRecordsRead, type ProvinceRegistry, type RecordsRead,
} from '@yrd/domain';
import { postJson } from '@yrd/service';

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

  /**
   * The `selection` of each record of `province` with these ids, null where it has none; throws if it cannot be asked.
   * What the province's answer was read from is added to `reads` (any of its records, where it does not say).
   */
  private async entities<T>(province: string, kind: 'Initiative' | 'Commitment', ids: readonly string[], selection: string,
    authorization: string | undefined, why: string, reads?: RecordsRead): Promise<(T | null)[]> {
    const url = this.peerUrl(province);
    if (!url) throw unavailable(province, why);
    const typeName = this.registry.names(province).typeName(kind);
    try {
      const { text } = await postJson(url, JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selection} } } }`,
        variables: { r: ids.map((id) => ({ __typename: typeName, id })) },
      }), authorization ? { authorization } : {}, AbortSignal.timeout(this.timeoutMs));
      const body = JSON.parse(text) as { data?: { _entities?: (T | null)[] }; extensions?: Record<string, unknown> };
      const entities = body.data?._entities;
      if (!entities || entities.length !== ids.length) throw new Error('no answer');
      if (reads && !addRecordsRead(reads, body.extensions)) noteRecordsRead(reads, province, [ANY_KIND]);
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

  /** Whether `lead`'s initiative names `partner` a partner now (false for an initiative it does not lead). */
  async isPartner(lead: string, initiativeId: string, partner: string, authorization: string | undefined): Promise<boolean> {
    const [initiative] = await this.entities<{ partners?: string[] | null }>(lead, 'Initiative', [initiativeId], 'id partners',
      authorization, 'its partners cannot be checked now');
    return initiative?.partners?.includes(partner) ?? false;
  }

  /** Which of these commitments `partner` has made and neither withdrawn nor delivered. */
  async liveCommitments(partner: string, ids: readonly string[], authorization: string | undefined): Promise<Set<string>> {
    const found = await this.entities<{ id?: string; status?: string }>(partner, 'Commitment', ids, 'id status', authorization,
      'its commitments cannot be read now');
    return new Set(found.flatMap((c) => (c?.id && c.status !== 'WITHDRAWN' && c.status !== 'DELIVERED' ? [c.id] : [])));
  }

  /** Asks `partner` to release its commitment to `lead`'s initiative (it checks with the lead first); throws if it does not. */
  async releaseCommitment(partner: string, lead: string, initiativeId: string, authorization: string | undefined): Promise<void> {
    const url = this.peerUrl(partner);
    if (!url) throw unavailable(partner, 'its commitment cannot be released now');
    const field = this.registry.names(partner).field;
    const { text } = await postJson(url, JSON.stringify({
      query: `mutation ($id: ID!, $lead: Province!) { ${field} { _releaseCommitment(initiativeId: $id, lead: $lead) { commitment { id status } } } }`,
      variables: { id: initiativeId, lead },
    }), authorization ? { authorization } : {}, AbortSignal.timeout(this.timeoutMs));
    const body = JSON.parse(text) as { errors?: unknown[] };
    if (body.errors?.length) throw unavailable(partner, 'its commitment was not released');
  }

  /** Which of these commitment ids `partner` has made (a commitment not made yet is not found there). */
  async existingCommitments(partner: string, ids: readonly string[], authorization: string | undefined, reads?: RecordsRead): Promise<Set<string>> {
    const found = await this.entities<{ id?: string }>(partner, 'Commitment', ids, 'id', authorization,
      'its commitments cannot be read now', reads);
    return new Set(found.flatMap((c) => (c?.id ? [c.id] : [])));
  }
}
