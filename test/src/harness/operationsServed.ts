/** How many operations a service has served so far: its yrd_graphql_requests_total, all labels, from its /metrics. */
export async function operationsServed(graphqlUrl: string): Promise<number> {
  const text = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics')).then((r) => r.text());
  return [...text.matchAll(/^yrd_graphql_requests_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}
