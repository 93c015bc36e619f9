import type { ProvenanceColumns } from '../db';
import type { ProvenanceInput } from './inputSchemas';

/** A provenance as its columns store it, from a validated input with its source resolved. */
export function provenanceColumns(input: Omit<ProvenanceInput, 'source'> & { source?: ProvenanceInput['source'] }): ProvenanceColumns {
  return {
    publisher: input.source?.publisher ?? null, title: input.source?.title ?? null, year: input.source?.year ?? null,
    asOf: input.asOf, estimated: input.estimated, estimateBasis: input.estimateBasis ?? null,
  };
}

/** What a write without provenance states: the office's own statement, as of the day of the write. */
export const officeStatement = (now: string): ProvenanceColumns => provenanceColumns({ asOf: now.slice(0, 10), estimated: false });

/** The provenance a write stores: the one given, else the office's own statement as of the write. */
export const provenanceOf = (input: ProvenanceInput | null | undefined, now: string): ProvenanceColumns =>
  (input ? provenanceColumns(input) : officeStatement(now));
