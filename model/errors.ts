// The ground floor of error handling: every layer may throw an InputError, and the CLI answers all of them the same way.

/**
 * Input the user can fix (a config file, a table, an argument, a path): the message names the place, in Chinese,
 * and nothing was written. The CLI prints the message and exits 2 (cli/errors.ts exitCodeFor); the web workspace
 * shows it as a 400. Subclasses only name themselves and shape the message.
 */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
