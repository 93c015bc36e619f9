import { GraphQLScalarType, Kind } from 'graphql';
import { today } from '../validation';

/** A string scalar: values pass as they are, and the resolvers' validators say what is wrong with a bad one. */
function stringScalar(name: string, description: string) {
  return new GraphQLScalarType({
    name, description,
    serialize: (v) => v,
    parseValue: (v) => {
      if (typeof v !== 'string') throw new TypeError(`${name} must be a string`);
      return v;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw new TypeError(`${name} must be a string`);
      return ast.value;
    },
  });
}

export const DateScalar = stringScalar('Date', 'A calendar date, YYYY-MM-DD.');
export const DateTimeScalar = stringScalar('DateTime', 'An instant in UTC, ISO 8601.');
export const YearMonthScalar = stringScalar('YearMonth', 'A calendar month, YYYY-MM, such as 2024-12.');

/** What a milestone's derived fields read, whichever service holds the row. */
export interface MilestoneDates { readonly due: string; readonly doneOn: string | null; readonly doneOnEstimated?: boolean | null }

export const milestoneResolvers = {
  overdue: (m: MilestoneDates, args: { asOf?: string | null }) => !m.doneOn && m.due < (args.asOf ?? today()),
  doneOnEstimated: (m: MilestoneDates) => m.doneOnEstimated ?? false,
};
