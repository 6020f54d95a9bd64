// Public API of notify/: messages to units and the office through 企业微信 / 钉钉 group robots and e-mail.
export {
  notifyReportsIssued,
  notifyRecheckResult,
  sendDeadlineReminders,
  startReminderLoop,
  basicsOf,
  type IssuedReports,
} from './events.ts';
export type { NotifyContext, DeliveryCount } from './deliver.ts';
export { sendTestMessages, type TestResult } from './test-message.ts';
export { escapeChatMarkdown, chatMarkdown, emailText } from './render.ts';
export { dingtalkSignedUrl } from './webhook.ts';
