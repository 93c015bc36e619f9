import DataLoader from 'dataloader';
import type { RecordsRead } from '@yrd/domain';
import { traceBatch } from '@yrd/service';
import type { PeerProvinces } from './PeerProvinces';

/** A commitment a partner may or may not have made yet. */
export interface PartnerCommitment {
  readonly partner: string;
  readonly id: string;
}

/**
 * Per request: whether each partner has made each commitment, asking every partner once for all the initiatives of
 * the request. A partner that cannot be asked fails its own keys only. What the partners read is added to `reads`.
 */
export function commitmentsMadeLoader(peers: PeerProvinces, authorization: string | undefined, reads?: RecordsRead) {
  return new DataLoader<PartnerCommitment, boolean, string>(traceBatch('commitmentsMade', async (keys) => {
    const partners = [...new Set(keys.map((k) => k.partner))];
    const answers = new Map<string, Set<string> | Error>(await Promise.all(partners.map(async (partner): Promise<[string, Set<string> | Error]> => {
      const ids = [...new Set(keys.filter((k) => k.partner === partner).map((k) => k.id))];
      try {
        return [partner, await peers.existingCommitments(partner, ids, authorization, reads)];
      } catch (error) {
        return [partner, error as Error];
      }
    })));
    return keys.map((k) => {
      const made = answers.get(k.partner)!;
      return made instanceof Error ? made : made.has(k.id);
    });
  }), { cacheKeyFn: (k) => `${k.partner}\u0000${k.id}` });
}
