/**
 * Splits `tf run`'s argv into tf's own flags and the child command, verbatim.
 * oclif's parser cannot be trusted with the child's arguments: it reorders repeated values
 * (`-d a -d b` became `-d -d a b`) and mistakes a second `--` or a repeated tf flag name for its own.
 * Everything after the first `--` is the child's; without `--`, the child starts at the first
 * word that is neither a tf flag nor a tf flag's value.
 */
export function splitRunArgv(argv: string[], valueFlags: ReadonlySet<string>): {own: string[]; command: string[]} {
  const dash = argv.indexOf('--');
  let i = 0;
  while (i < argv.length && i !== dash) {
    const word = argv[i];
    if (!word.startsWith('-') || word === '-') break;
    const name = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
    // A flag's value is the next word, but never the `--` that starts the command.
    i += valueFlags.has(name) && !word.includes('=') && i + 1 !== dash ? 2 : 1;
  }
  if (i === dash) return {own: argv.slice(0, dash), command: argv.slice(dash + 1)};
  return {own: argv.slice(0, Math.min(i, argv.length)), command: argv.slice(i)};
}

/** `--name` and `-c` for every flag of a command that takes a value. */
export function valueFlagNames(flags: Record<string, {type: string; char?: string}>): Set<string> {
  const names = new Set<string>();
  for (const [name, flag] of Object.entries(flags)) {
    if (flag.type !== 'option') continue;
    names.add(`--${name}`);
    if (flag.char) names.add(`-${flag.char}`);
  }
  return names;
}
