import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Reads a command's arguments with node's parseArgs, and answers `--help` (or `-h`) with `usage` and exit 0, and a
 * bad argument with its message and `usage` on stderr and exit 2: never a stack trace.
 */
export function commandLine<O extends Options>(usage: string, options: O, allowPositionals = false) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ options: all, allowPositionals, strict: true }) as typeof parsed;
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error), usage);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed as unknown as { values: ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values']; positionals: string[] };
}

/** Ends the command with `message` and its usage, exit 2. */
export function usageError(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}
