import type { Command } from 'commander';
import { registerReview } from './review.ts';
import { registerScore } from './score.ts';
import { registerTemplate } from './template.ts';
import { registerManual } from './manual.ts';
import { registerReport } from './report.ts';
import { registerServe } from './serve.ts';
import { registerUser } from './user.ts';

/** Commands contributed by the scoring, reports and service modules. */
export function registerExtraCommands(program: Command): void {
  registerReview(program);
  registerScore(program);
  registerTemplate(program);
  registerManual(program);
  registerReport(program);
  registerServe(program);
  registerUser(program);
}
