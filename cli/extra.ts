import type { Command } from 'commander';

/** Commands contributed by the scoring, reports and service modules. */
export function registerExtraCommands(_program: Command): void {}
