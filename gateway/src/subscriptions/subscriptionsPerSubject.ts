import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { ErrorCode, isDelegated } from '@yrd/domain';
import type { Authenticator, SubjectSlots } from '@yrd/service';
import type { GatewayContext } from '../subgraphs/GatewayContext';

/** The most subscriptions one subject (a partner system, an analyst) may hold open at once, over every connection. */
export const MAX_SUBSCRIPTIONS_PER_SUBJECT = 100;

type Subscribe = (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/** `stream`, releasing its slot once, however it ends: done, failed, or returned by its subscriber. */
function releasing(stream: AsyncIterableIterator<ExecutionResult>, release: () => void): AsyncIterableIterator<ExecutionResult> {
  let open = true;
  const once = () => {
    if (open) release();
    open = false;
  };
  return {
    next: async () => {
      try {
        const step = await stream.next();
        if (step.done) once();
        return step;
      } catch (error) {
        once();
        throw error;
      }
    },
    return: async (value?: unknown) => {
      once();
      return stream.return ? stream.return(value) : { done: true, value: undefined };
    },
    throw: async (error?: unknown) => {
      once();
      return stream.throw ? stream.throw(error) : Promise.reject(error);
    },
    [Symbol.asyncIterator]() { return this; },
  };
}

/**
 * Counts each subject's open subscriptions across WebSocket and SSE (and across gateway replicas, when the slots are
 * kept in Redis): one more than the bound is refused with TOO_MANY_OPERATIONS (as an error result of that operation
 * only), so that no caller can hold the gateway's upstream streams and plan runs for everyone.
 */
export function subscriptionsPerSubject(subscribe: Subscribe, authenticator: Authenticator, slots: SubjectSlots): Subscribe {
  return async (args) => {
    const actor = await authenticator.actorFrom((args.contextValue as GatewayContext).forward.authorization);
    // A webhook worker's subscriptions for an owner are the owner's webhooks (bounded at registration): counted apart,
    // so that registering webhooks never takes the owner's own live subscriptions away.
    const subject = isDelegated(actor) ? `${actor.subject} (webhooks)` : actor.subject;
    const release = await slots.acquire(subject);
    if (!release) {
      return { errors: [new GraphQLError(`A caller may hold at most ${slots.max} subscriptions at once: end one first`, { extensions: { code: ErrorCode.TOO_MANY_OPERATIONS } })] };
    }
    try {
      const result = await subscribe(args);
      if (Symbol.asyncIterator in result) return releasing(result, release);
      release();
      return result;
    } catch (error) {
      release();
      throw error;
    }
  };
}
