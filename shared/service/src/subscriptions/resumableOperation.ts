import {
  Kind, getNamedType, getOperationAST, isObjectType, valueFromAST, type DocumentNode, type FieldNode, type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** The alias under which the gateway reads each event's cursor, whatever the subscriber selected. */
export const RESUME_CURSOR = '_resumeCursor';
/** The variable the gateway binds the root field's `after` argument to, so that it can resume from a later cursor. */
export const RESUME_AFTER = '_resumeAfter';

/** The names a rewrite uses: the variable bound to `after`, and the hidden fields (alias to field) it selects. */
export interface ResumeNames {
  readonly after: string;
  readonly hidden: Readonly<Record<string, string>>;
}

/** The gateway's names: `$_resumeAfter`, and the cursor as `_resumeCursor`. */
export const GATEWAY_RESUME: ResumeNames = { after: RESUME_AFTER, hidden: { [RESUME_CURSOR]: 'cursor' } };

export interface ResumableOperation {
  /** The subscriber's operation with `after: $<names.after>` and the hidden fields on its root field. */
  readonly document: DocumentNode;
  /** The subscriber's variables, with `names.after` set to the cursor it asked to start after. */
  readonly variables: Record<string, unknown>;
  /** Where the root field's value is in a result. */
  readonly responseKey: string;
}

/**
 * Rewrites a subscription whose root field is resumable (an `after: String` argument and a `cursor: String!` on
 * what it returns, as the region's change subscriptions are) so that the gateway learns each event's cursor and
 * can subscribe again after the last one it delivered. Returns null for any other operation.
 */
export function resumableOperation(
  schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>>, names: ResumeNames = GATEWAY_RESUME,
): ResumableOperation | null {
  const operation = getOperationAST(document, operationName);
  const subscriptionType = schema.getSubscriptionType();
  if (!operation || operation.operation !== 'subscription' || !subscriptionType) return null;
  const fields = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  if (fields.length !== 1 || operation.selectionSet.selections.length !== 1) return null;
  const [root] = fields;
  const definition = subscriptionType.getFields()[root.name.value];
  const returned = definition && getNamedType(definition.type);
  const afterArg = definition?.args.find((a) => a.name === 'after');
  if (!afterArg || !isObjectType(returned) || !returned.getFields().cursor) return null;
  const returnedFields = returned.getFields();
  if (Object.values(names.hidden).some((field) => !returnedFields[field])) return null;

  const given = root.arguments?.find((a) => a.name.value === 'after');
  const start = given ? valueFromAST(given.value, afterArg.type, variables as Record<string, unknown>) ?? null : null;
  const rewritten: FieldNode = {
    ...root,
    arguments: [
      ...(root.arguments ?? []).filter((a) => a.name.value !== 'after'),
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'after' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: names.after } } },
    ],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        ...(root.selectionSet?.selections ?? []),
        ...Object.entries(names.hidden).map(([alias, field]): FieldNode => (
          { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: alias }, name: { kind: Kind.NAME, value: field } })),
      ],
    },
  };
  const withVariable: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []),
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: names.after } },
        type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
      },
    ],
    selectionSet: { ...operation.selectionSet, selections: [rewritten] },
  };
  return {
    // Only the subscribed operation (and the fragments it may spread) is kept.
    document: { ...document, definitions: document.definitions.map((d) => (d === operation ? withVariable : d))
      .filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d === withVariable) },
    variables: { ...variables, [names.after]: start },
    responseKey: root.alias?.value ?? root.name.value,
  };
}
