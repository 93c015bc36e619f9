import type { GraphQLResolveInfo } from 'graphql';
import { pinyin } from 'pinyin-pro';
import {
  FOREIGN_PORT_TYPE, badInput, listPage, pageRequest, type DirectoryEntry, type ListOrder, type PageArgs, type ProvinceRegistry,
} from '@yrd/domain';
import { fanOut } from '../provinces/fanOut';
import type { ProvinceClient } from '../provinces/ProvinceClient';
import type { RegionContext } from '../provinces/RegionContext';

/** The longest text a search takes: longer is refused before any work. */
export const MAX_SEARCH_TEXT = 100;
/** The most ports one province's list is read to (50 pages of 100). */
const MAX_PAGES = 50;

/** What a search matched a port on, best first. */
export type MatchField = 'CODE' | 'COMMERCIAL_ALIAS' | 'IATA' | 'ICAO' | 'NAME_ZH' | 'NAME_EN' | 'PINYIN' | 'DIRECTORY_NAME';

/** A port as search sees it: a province's published record, or a directory entry (foreign, or published by nobody). */
interface Candidate {
  code: string;
  province: string | null;
  published: boolean;
  nameZh: string | null;
  nameEn: string;
  commercialAlias: string | null;
  iata: string | null;
  icao: string | null;
}

interface Scored { candidate: Candidate; field: MatchField; text: string; score: number }

/** Best first; among equals the shorter name (a port before its areas), then by code. */
const ORDER: ListOrder = {
  list: 'searchPorts', columns: [{ expr: 'score', direction: 'DESC' }, { expr: 'length', direction: 'ASC' }, { expr: 'code', direction: 'ASC' }],
};

/** Letters and digits only, lower case: how codes, English names and pinyin compare. */
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The best way `text` matches a port, with a score: exact codes first (official, then the carriers' alias, then
 * IATA and ICAO), then exact names, whole pinyin, names containing the text, pinyin by syllables or initials, and
 * codes containing it.
 */
function bestMatch(candidate: Candidate, text: string): Omit<Scored, 'candidate'> | null {
  const q = squash(text);
  const found: Omit<Scored, 'candidate'>[] = [];
  const code = (field: MatchField, value: string | null, exact: number, partial: number) => {
    if (!value || !q) return;
    if (squash(value) === q) found.push({ field, text: value, score: exact });
    else if (q.length >= 3 && squash(value).includes(q)) found.push({ field, text: value, score: partial });
  };
  code('CODE', candidate.code, 100, 50);
  code('COMMERCIAL_ALIAS', candidate.commercialAlias, 95, 48);
  code('IATA', candidate.iata, 90, 0);
  code('ICAO', candidate.icao, 88, 0);
  const zh = candidate.nameZh;
  if (zh && text.trim()) {
    if (zh === text.trim()) found.push({ field: 'NAME_ZH', text: zh, score: 85 });
    else if (zh.includes(text.trim())) found.push({ field: 'NAME_ZH', text: zh, score: 70 });
    if (q && /^[a-z\s]+$/i.test(text)) {
      // Syllable by syllable, from the start of one ("ningbo", "zhoushan"), or by initials ("nbzs").
      const syllables = pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'removed' }).map((y) => y.toLowerCase());
      const from = syllables.findIndex((_, i) => syllables.slice(i).join('').startsWith(q));
      if (syllables.join('') === q) found.push({ field: 'PINYIN', text: zh, score: 80 });
      else if (from >= 0) found.push({ field: 'PINYIN', text: zh, score: from === 0 ? 62 : 60 });
      else if (q.length >= 2 && syllables.map((y) => y[0]).join('').includes(q)) found.push({ field: 'PINYIN', text: zh, score: 55 });
    }
  }
  if (q) {
    // English names match from the start of a word on ("zhoushan", "ningbozhoushan"), never across one ("ngb" in "Ningbo").
    const words = candidate.nameEn.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    const field: MatchField = candidate.published ? 'NAME_EN' : 'DIRECTORY_NAME';
    const from = words.findIndex((_, i) => words.slice(i).join('').startsWith(q));
    if (words.join('') === q) found.push({ field, text: candidate.nameEn, score: 84 });
    else if (q.length >= 2 && from >= 0) found.push({ field, text: candidate.nameEn, score: from === 0 ? 66 : 64 });
  }
  found.sort((a, b) => b.score - a.score);
  return found[0] ?? null;
}

const KIND_NAMES: Record<string, string> = { SEAPORT: 'a seaport', RIVER_PORT: 'a river port', AIRPORT: 'an airport', LAND_PORT: 'a land port' };

/**
 * The region's port search: every published port of the provinces and every directory port, matched on code,
 * carriers' alias, IATA and ICAO, Chinese and English names and pinyin, ranked best first, each with a note of what
 * its code means where carriers write it for another port.
 */
export function portSearch(
  registry: ProvinceRegistry, clients: readonly ProvinceClient[], kindOf: (e: DirectoryEntry) => string,
  foreignPort: (e: DirectoryEntry) => object,
) {
  const field = (province: string) => registry.names(province).field;

  async function publishedPorts(ctx: RegionContext, info: GraphQLResolveInfo): Promise<Candidate[]> {
    const answers = await fanOut(clients, ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const ports: Omit<Candidate, 'province' | 'published'>[] = [];
      for (let page = 0, after: string | null = null; page < MAX_PAGES; page++) {
        const data: Record<string, { ports: { nodes: Omit<Candidate, 'province' | 'published'>[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }> =
          await client.query(`query ($after: String) { ${f} { ports(first: 100, after: $after) {
            nodes { code nameZh nameEn commercialAlias iata icao } pageInfo { hasNextPage endCursor } } } }`, { after }, ctx);
        ports.push(...data[f].ports.nodes);
        if (!data[f].ports.pageInfo.hasNextPage) break;
        after = data[f].ports.pageInfo.endCursor;
      }
      return ports;
    });
    return answers.flatMap((a) => a.value.map((p) => ({ ...p, province: a.province, published: true })));
  }

  /** What a matched code means, where carriers write one port's official code for another. */
  function noteOf(hit: Scored, aliasOf: ReadonlyMap<string, Candidate>): string | null {
    const c = hit.candidate;
    const entry = registry.directory.get(c.code);
    const official = entry ? `${c.code} is ${entry.name}, ${KIND_NAMES[kindOf(entry)] ?? 'a port'}, in UN/LOCODE` : null;
    if (hit.field === 'COMMERCIAL_ALIAS' && c.commercialAlias) {
      const aliasEntry = registry.directory.get(c.commercialAlias);
      return `Carriers write ${c.commercialAlias} for ${c.nameEn} (official code ${c.code})`
        + (aliasEntry ? `; in UN/LOCODE ${c.commercialAlias} is ${aliasEntry.name}, ${KIND_NAMES[kindOf(aliasEntry)] ?? 'a port'}.` : '.');
    }
    const other = aliasOf.get(c.code);
    if (other) return `${official}; carriers also write ${c.code} for ${other.nameEn} (${other.code}).`;
    return null;
  }

  return async function searchPorts(_: unknown, args: PageArgs & { text: string }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const text = typeof args.text === 'string' ? args.text : '';
    if (text.length > MAX_SEARCH_TEXT) throw badInput('text', `must be at most ${MAX_SEARCH_TEXT} characters`);
    if (!text.trim()) throw badInput('text', 'must not be empty');
    const request = pageRequest(args, ORDER);
    const published = await publishedPorts(ctx, info);
    const publishedCodes = new Set(published.map((p) => p.code));
    const directoryOnly: Candidate[] = registry.directory.all().filter((e) => !publishedCodes.has(e.code)).map((e) => ({
      code: e.code, province: e.administeredBy && registry.isProvince(e.administeredBy) ? e.administeredBy : null, published: false, nameZh: null, nameEn: e.name, commercialAlias: null, iata: e.iata, icao: null,
    }));
    const aliasOf = new Map(published.filter((p) => p.commercialAlias).map((p) => [p.commercialAlias!, p]));
    const hits: Scored[] = [];
    for (const candidate of [...published, ...directoryOnly]) {
      const best = bestMatch(candidate, text);
      if (best) hits.push({ candidate, ...best });
    }
    const length = (hit: Scored) => hit.text.length;
    hits.sort((a, b) => b.score - a.score || length(a) - length(b) || (a.candidate.code < b.candidate.code ? -1 : 1));
    const matches = hits.map((hit) => {
      const c = hit.candidate;
      const entry = registry.directory.get(c.code);
      const foreign = c.published ? null : registry.foreignPort(c.code);
      const port = c.published ? { __typename: registry.names(c.province!).typeName('Port'), code: c.code }
        : foreign ? { __typename: FOREIGN_PORT_TYPE, ...foreignPort(foreign) } : null;
      return {
        code: c.code, province: c.province, port, directoryEntry: entry ?? null, matchedOn: hit.field, matchedText: hit.text,
        score: hit.score, note: noteOf(hit, aliasOf), length: length(hit),
      };
    });
    return listPage(matches, ORDER, request, (m) => ({ values: [m.score, m.length, m.code], province: m.province ?? 'FOREIGN' }));
  };
}
