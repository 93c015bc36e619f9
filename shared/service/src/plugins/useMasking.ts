import { withoutSuggestions } from '@yrd/domain';
import type { ServicePlugin } from '../pipeline';
import { reportMaskedError } from '../pipeline/reportMaskedError';

/**
 * Every error as a caller may see it (maskError: an internal one is "Internal server error", its cause in the log),
 * and, with introspection off, no "Did you mean ...?" that would spell out the schema.
 */
export function useMasking(service: string, options: { introspection?: boolean } = {}): ServicePlugin {
  const hidden = options.introspection === false;
  return {
    name: 'masking',
    introspection: options.introspection,
    formatError(formatted, original) {
      const shown = reportMaskedError(service, formatted, original);
      return hidden ? { ...shown, message: withoutSuggestions(shown.message) } : shown;
    },
  };
}
