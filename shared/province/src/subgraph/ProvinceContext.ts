import type DataLoader from 'dataloader';
import type { Actor, RecordsRead, WrittenChange } from '@yrd/domain';
import type { PartnerCommitment } from './commitmentsMade';
import type { ProvinceLoaders } from './ProvinceLoaders';

/**
 * What every resolver of a province subgraph gets: who is calling, and this request's loaders. Reading who is calling
 * (actor, authorization, or the commitments asked of partners with the caller's token) is noted: an answer that read
 * none of them is the same for every reader, and says so (SAME_FOR_EVERY_READER_EXTENSION).
 */
export interface ProvinceContext {
  readonly actor: Actor;
  /** The caller's token, for the calls a write makes to other provinces on the caller's behalf. */
  readonly authorization?: string;
  /** Whether anything answering this request used who is calling (any of the fields above). */
  readonly readerConsulted: boolean;
  readonly loaders: ProvinceLoaders;
  /** Whether partners have made commitments to this province's initiatives, asked of them once per request. */
  readonly commitmentsMade: DataLoader<PartnerCommitment, boolean, string>;
  /** The changes this request's writes made, told to the caller (useCacheHints). */
  readonly written: WrittenChange[];
  /** What this request read of other provinces' records, as their answers said: told to the caller (useCacheHints). */
  readonly peerReads: RecordsRead;
}

/** Who is calling, and whether anything answering the request looked. */
interface Caller {
  readonly actor: Actor;
  readonly authorization?: string;
  readonly commitmentsMade: DataLoader<PartnerCommitment, boolean, string>;
  consulted: boolean;
}

/**
 * A request's context. Who is calling is behind getters on the prototype that note each look, with the note in an
 * object of its own: Apollo Server copies a context's own properties for each operation (which would read every
 * getter of the object itself), and the copy shares the prototype and the note.
 */
class RequestContext implements ProvinceContext {
  readonly written: WrittenChange[] = [];

  constructor(private readonly caller: Caller, readonly loaders: ProvinceLoaders, readonly peerReads: RecordsRead) {}

  get actor(): Actor {
    this.caller.consulted = true;
    return this.caller.actor;
  }

  get authorization(): string | undefined {
    this.caller.consulted = true;
    return this.caller.authorization;
  }

  get commitmentsMade(): DataLoader<PartnerCommitment, boolean, string> {
    this.caller.consulted = true;
    return this.caller.commitmentsMade;
  }

  get readerConsulted(): boolean {
    return this.caller.consulted;
  }
}

/** A province request's context (see RequestContext). */
export function provinceContext(
  caller: Omit<Caller, 'consulted'>, loaders: ProvinceLoaders, peerReads: RecordsRead,
): ProvinceContext {
  return new RequestContext({ ...caller, consulted: false }, loaders, peerReads);
}
