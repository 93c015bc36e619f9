import { parse, validate, type GraphQLSchema } from 'graphql';
import type { OperationFile } from './operationFiles';

export interface BrokenOperation {
  readonly file: string;
  readonly name: string;
  /** graphql-js's messages: which field or argument no longer exists, or changed type. */
  readonly problems: readonly string[];
}

/** Each operation validated against the API schema a new supergraph gives its clients; those it would break. */
export function checkOperations(schema: GraphQLSchema, operations: readonly OperationFile[]): BrokenOperation[] {
  return operations.flatMap((operation) => {
    const problems = validate(schema, parse(operation.body)).map((e) => e.message);
    return problems.length ? [{ file: operation.file, name: operation.name, problems }] : [];
  });
}

/** The build's message: each broken operation, its file and what breaks it. */
export const describeBroken = (broken: readonly BrokenOperation[]): string =>
  `The new supergraph would break ${broken.length} operation${broken.length === 1 ? '' : 's'} clients use:\n${broken
    .map((b) => `  ${b.name} (gateway/operations/${b.file}):\n${b.problems.map((p) => `    ${p}`).join('\n')}`).join('\n')}`;
