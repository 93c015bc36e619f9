import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '@yrd/domain';
import type { ServicePlugin } from '../pipeline';

/**
 * The most representations one _entities fetch may carry. The gateway's fetches stay far below (a page is at most
 * 100 records, nested lists multiply it within its cost limit); a caller who posts a million straight to a subgraph
 * does not make it resolve a million references.
 */
export const MAX_ENTITY_REPRESENTATIONS = 5000;

/** The length of a list argument, given inline or as a variable; 0 when it is neither. */
const listLength = (value: ValueNode | undefined, variables: Readonly<Record<string, unknown>>): number => {
  if (value?.kind === Kind.LIST) return value.values.length;
  if (value?.kind !== Kind.VARIABLE) return 0;
  const given = variables[value.name.value];
  return Array.isArray(given) ? given.length : 0;
};

/** Refuses an _entities fetch with more than `max` representations (BAD_USER_INPUT, 400) before any is resolved. */
export function useEntitiesLimit(max = MAX_ENTITY_REPRESENTATIONS): ServicePlugin {
  return {
    name: 'entities-limit',
    apollo: [{
      async requestDidStart() {
        return {
          async didResolveOperation({ operation, request }) {
            for (const selection of operation?.selectionSet.selections ?? []) {
              if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
              const argument = selection.arguments?.find((a) => a.name.value === 'representations');
              const count = listLength(argument?.value, request.variables ?? {});
              if (count > max) {
                throw new GraphQLError(`_entities takes at most ${max} representations, got ${count}`, {
                  extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
                });
              }
            }
          },
        };
      },
    }],
  };
}
