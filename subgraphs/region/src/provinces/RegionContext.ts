import type DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import type { Actor, RecordsRead } from '@yrd/domain';
import type { PushDown } from './mergePushDowns';

/**
 * What the region's resolvers get. Who is calling (actor, forward) is behind getters that note each look; the
 * provinces are sent the caller's headers without a note (forwardToProvinces), as each answer says itself whether it
 * depended on them, and one that does not say so is noted (readerDependent).
 */
export interface RegionContext {
  /** Who is calling, from its token. */
  readonly actor: Actor;
  /** The caller's identity headers, passed on to the provinces. */
  readonly forward: Readonly<Record<string, string>>;
  /** The same headers, for requests whose answers say whether they depended on them (ProvinceClient). */
  readonly forwardToProvinces: Readonly<Record<string, string>>;
  /** Provinces that did not answer in this request: sent beside the data, which is partial. */
  readonly problems: GraphQLError[];
  /** This request's push-downs by province, each batch sent as one request (ProvinceClient). */
  readonly pushDowns: Map<string, DataLoader<PushDown, unknown>>;
  /** What the provinces' answers to this request said they were read from (useRecordsRead tells the gateway). */
  readonly recordsRead: RecordsRead;
  /** Whether anything answering this request used who is calling, here or in a province. */
  readonly readerConsulted: boolean;
  /** Notes that something this request's answer is made of depended on who is calling. */
  readerDependent(): void;
}

/** Who is calling, and whether anything answering the request looked. */
interface Caller {
  readonly actor: Actor;
  readonly forward: Readonly<Record<string, string>>;
  consulted: boolean;
}

/**
 * Getters on the prototype, with the note in an object of its own: Apollo Server copies a context's own properties
 * for each operation (which would read every getter of the object itself), and the copy shares both.
 */
class RequestContext implements RegionContext {
  readonly problems: GraphQLError[] = [];
  readonly pushDowns = new Map<string, DataLoader<PushDown, unknown>>();
  readonly recordsRead: RecordsRead = new Map();

  constructor(private readonly caller: Caller) {}

  get actor(): Actor {
    this.caller.consulted = true;
    return this.caller.actor;
  }

  get forward(): Readonly<Record<string, string>> {
    this.caller.consulted = true;
    return this.caller.forward;
  }

  get forwardToProvinces(): Readonly<Record<string, string>> {
    return this.caller.forward;
  }

  get readerConsulted(): boolean {
    return this.caller.consulted;
  }

  readerDependent(): void {
    this.caller.consulted = true;
  }
}

/** A fresh context for one operation (or one subscription) with the caller's identity and headers. */
export const regionContext = (actor: Actor, forward: Readonly<Record<string, string>>): RegionContext =>
  new RequestContext({ actor, forward, consulted: false });
