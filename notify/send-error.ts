/** A delivery that did not go through; `retryable` when trying again later may pass (network, 5xx, rate limit). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code = (cause as { code?: string } | undefined)?.code ?? (err as { code?: string }).code;
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return '连接超时';
    return code ? `${code}` : err.message;
  }
  return String(err);
}
