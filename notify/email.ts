// E-mail over SMTP (nodemailer): one transport per batch of messages, closed after it.
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../config/index.ts';
import type { Message } from './message.ts';
import { emailHtml, emailText } from './render.ts';
import { describeError, SendError } from './send-error.ts';

export interface Mailer {
  send(to: string[], m: Message): Promise<void>;
  close(): void;
}

/** A mailer for `notify.smtp`, or a problem naming what is missing (the password's environment variable). */
export function createMailer(
  smtp: SmtpSettings | undefined,
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Mailer | { problem: string } {
  if (!smtp) return { problem: 'notify.smtp: 未配置发信服务器' };
  const password = smtp.password ?? (smtp.passwordEnv ? env[smtp.passwordEnv] : undefined);
  if (smtp.passwordEnv && !password) return { problem: `notify.smtp.passwordEnv: 环境变量 ${smtp.passwordEnv}（SMTP 密码）未设置或为空` };
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? smtp.port === 465,
    auth: smtp.user ? { user: smtp.user, pass: password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    async send(to, m) {
      try {
        // base64: Chinese text comes out shorter than in quoted-printable
        await transport.sendMail({ from: smtp.from, to, subject: m.title, text: emailText(m), html: emailHtml(m), textEncoding: 'base64' });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        const kind = (err as { code?: string }).code;
        // SMTP 4xx: try again later; 5xx and a refused login: configuration to fix
        const retryable = code !== undefined ? code < 500 : kind !== 'EAUTH' && kind !== 'EENVELOPE';
        const why = code !== undefined ? `SMTP ${code}` : kind === 'EAUTH' ? 'SMTP 登录失败，请核对 user 与密码' : describeError(err);
        throw new SendError(`邮件未发出（${why}）`, retryable);
      }
    },
    close() {
      transport.close();
    },
  };
}
