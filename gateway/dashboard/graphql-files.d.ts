/** Operation files (gateway/operations), bundled by esbuild's text loader. */
declare module '*.graphql' {
  const document: string;
  // The loader's shape, a default export: not a module of ours.
  // eslint-disable-next-line import-x/no-default-export
  export default document;
}
