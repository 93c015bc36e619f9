import { Document, Scalar, isMap, isScalar, isSeq, visit, type Pair, type YAMLMap } from 'yaml';

/** The first lines of every generated file. */
export const GENERATED_NOTICE = [
  'Generated from the province folders (subgraphs/<province>/province.json) by `npm run generate:deploy`',
  '(docker/src): do not edit it by hand; a test fails while it differs from what the generator writes.',
];

// Long health-check commands stay on one line: folded they read worse and diff worse.
const OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

/**
 * YAML 1.1, as docker-compose (PyYAML) and kubectl read it: strings such as no, on and yes are quoted, where YAML
 * 1.2 would leave them bare and those readers would take them for booleans.
 */
export function yamlDocument(value: unknown): Document {
  const doc = new Document(value, { version: '1.1' });
  // 1.1 readers also take 22:22 for a base-60 number: a port mapping is quoted whatever its digits.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /^[0-9:]+$/.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc;
}

/** Comment text broken into lines of at most `width` characters. */
export function wrap(text: string, width = 116): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

/** Comment lines ('# ...') above the document. */
export function commentDocument(doc: Document, lines: readonly string[]): void {
  doc.commentBefore = lines.map((l) => (l ? ` ${l}` : '')).join('\n');
}

/** Sequences under these keys (a command, a health check's test) are written on one line. */
export function flowSequences(doc: Document, keys: readonly string[]): void {
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && keys.includes(String(pair.key.value)) && isSeq(pair.value)) pair.value.flow = true;
    },
  });
}

function pairAt(doc: Document, path: readonly string[]): Pair {
  const parent = doc.getIn(path.slice(0, -1), true);
  const key = path[path.length - 1];
  const pair = isMap(parent) ? (parent as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
  if (!pair) throw new Error(`no ${path.join('.')} in the document`);
  return pair;
}

/** A comment line above the key at `path`. */
export function commentKey(doc: Document, path: readonly string[], comment: string): void {
  const { key } = pairAt(doc, path);
  if (isScalar(key)) key.commentBefore = comment.split('\n').map((l) => ` ${l}`).join('\n');
}

/** A blank line before each entry of the map at `path` (the document's own when empty) but the first. */
export function spaceEntries(doc: Document, path: readonly string[]): void {
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (!isMap(map)) throw new Error(`no map at ${path.join('.')}`);
  map.items.slice(1).forEach((p) => {
    if (isScalar(p.key)) p.key.spaceBefore = true;
  });
}

export const renderYaml = (doc: Document): string => doc.toString(OPTIONS);

/** Several documents in one file, each after `---`, the header comment first. */
export function renderYamlStream(header: readonly string[], values: readonly unknown[]): string {
  const head = header.map((l) => (l ? `# ${l}` : '#')).join('\n');
  return `${head}\n${values.map((v) => `---\n${renderYaml(yamlDocument(v))}`).join('')}`;
}
