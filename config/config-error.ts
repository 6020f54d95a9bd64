import { InputError } from '../model/index.ts';

/** A config file's problems, each with its place in the file: the CLI prints them under one heading, exit 2. */
export class ConfigError extends InputError {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(problems.map((p) => `${file}: ${p.path || '(根)'}: ${p.message}`).join('\n'));
  }
}
