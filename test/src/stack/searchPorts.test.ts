import { startStack, type GqlResponse, type TestStack } from '../harness';

type Match = { code: string; province: string | null; matchedOn: string; score: number; note: string | null;
  port: { __typename: string; kind?: string; nameEn?: string } | null };
type Page = { totalCount: number; nodes: Match[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const SEARCH = `query ($text: String!, $first: Int, $after: String) { searchPorts(text: $text, first: $first, after: $after) {
  totalCount nodes { code province matchedOn score note port { __typename ... on Port { kind nameEn } } } pageInfo { hasNextPage endCursor } } }`;

/**
 * Port search (issue 14, item 3) through the gateway: a carrier or an analyst types what they know (a Chinese name,
 * pinyin, the carriers' code, an IATA code) and finds the seaport and the airport, each with what it is.
 */
describe('searchPorts', () => {
  let stack: TestStack;
  const search = async (text: string, first = 20, after: string | null = null) => {
    const res: GqlResponse = await stack.gql(SEARCH, { text, first, after });
    expect(res.errors).toBeUndefined();
    return (res.data as { searchPorts: Page }).searchPorts;
  };
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  it.each(['宁波', 'ningbo', 'CNNGB', 'NGB'])('finds Ningbo\'s seaport and airport for %s, each with its kind', async (text) => {
    const { nodes } = await search(text);
    const seaport = nodes.find((m) => m.code === 'CNNBO');
    const airport = nodes.find((m) => m.code === 'CNNGB');
    expect(seaport?.port).toMatchObject({ __typename: 'ZhejiangPort', kind: 'SEAPORT' });
    expect(airport?.port).toMatchObject({ __typename: 'ZhejiangPort', kind: 'AIRPORT' });
  });

  it('puts the exact code first, the port carriers mean by it next, and says what the code is', async () => {
    const { nodes } = await search('CNNGB');
    expect(nodes.slice(0, 2).map((m) => [m.code, m.matchedOn, m.score])).toEqual([['CNNGB', 'CODE', 100], ['CNNBO', 'COMMERCIAL_ALIAS', 95]]);
    expect(nodes[0].note).toContain('Ningbo Lishe');
    expect(nodes[0].note).toContain('an airport');
    expect(nodes[1].note).toMatch(/Carriers write CNNGB for Ningbo-Zhoushan Port \(official code CNNBO\); in UN\/LOCODE CNNGB is Ningbo Lishe .*an airport/);
    const iata = await search('NGB');
    expect(iata.nodes.map((m) => [m.code, m.matchedOn])).toEqual([['CNNGB', 'IATA'], ['CNNBO', 'COMMERCIAL_ALIAS']]);
  });

  it('matches pinyin by syllables and by initials, not across a syllable', async () => {
    const whole = await search('ningbozhoushangang');
    expect(whole.nodes[0]).toMatchObject({ code: 'CNNBO', matchedOn: 'PINYIN', score: 80 });
    expect((await search('nbzs')).nodes.map((m) => m.code)).toContain('CNNBO');
    // 'gbo' runs across ning|bo: no pinyin match.
    expect((await search('gbo')).nodes.filter((m) => m.matchedOn === 'PINYIN')).toEqual([]);
  });

  it('finds a foreign port by its code and a port nobody publishes by its directory name', async () => {
    expect((await search('SGSIN')).nodes[0]).toMatchObject({ code: 'SGSIN', province: null, port: { __typename: 'ForeignPort' } });
    // The region serves a foreign port's fields itself, from port(code) too.
    const foreign = await stack.gql('{ port(code: "SGSIN") { code kind nameEn source { publisher } } }');
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data).toEqual({ port: { code: 'SGSIN', kind: 'SEAPORT', nameEn: 'Singapore', source: { publisher: 'UNECE' } } });
    const directoryOnly = (await search('Ningbo Pt')).nodes.find((m) => m.code === 'CNNBG');
    expect(directoryOnly).toMatchObject({ matchedOn: 'DIRECTORY_NAME', port: null, province: 'ZHEJIANG' });
  });

  it('pages a ranked list with stable cursors, each match once', async () => {
    const whole = await search('port', 100);
    expect(whole.totalCount).toBeGreaterThan(10);
    const paged: Match[] = [];
    for (let after: string | null = null, pages = 0; pages < 50; pages++) {
      const page: Page = await search('port', 3, after);
      paged.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged.map((m) => m.code)).toEqual(whole.nodes.map((m) => m.code));
    const scores = whole.nodes.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it.each([
    ['empty text', '   '],
    ['text longer than 100 characters', '宁'.repeat(101)],
  ])('refuses %s as BAD_USER_INPUT before searching', async (_what, text) => {
    const res = await stack.gql(SEARCH, { text });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  });
});
