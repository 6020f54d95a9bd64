// What the workspace's routers are built from.
import type { ServiceContext } from '../context.ts';
import type { PageKit } from './page-kit.ts';
import type { RoleGuard } from './roles.ts';

export interface AppOptions {
  secureCookies: boolean;
  /** Called after a re-check or 自查 is queued (the service starts the queue at once). */
  onRecheckQueued?: () => void;
  /** Next fire times of the scheduled jobs, for the run history page. */
  schedule?: () => { label: string; next: string | null }[];
}

export interface WebDeps {
  ctx: ServiceContext;
  opts: AppOptions;
  kit: PageKit;
  /** The role middleware: `router.get(path, role(EVALUATORS), handler)`. */
  role: RoleGuard;
}
