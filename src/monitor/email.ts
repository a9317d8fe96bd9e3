/** E-mail delivery through the seller's own SMTP server (nodemailer): one message per check. */
import type { DeliveryResult } from './webhook.js';

export interface MailTarget {
  smtpUrl: string;
  from: string;
  to: readonly string[];
}

export async function sendMail(
  target: MailTarget,
  subject: string,
  lines: readonly string[],
): Promise<DeliveryResult> {
  const { default: nodemailer } = await import('nodemailer'); // loaded only when mail is sent
  const transport = nodemailer.createTransport(target.smtpUrl);
  try {
    await transport.sendMail({
      from: target.from,
      to: [...target.to],
      subject,
      text: `${lines.map((l) => `• ${l}`).join('\n')}\n`,
    });
    return { ok: true, attempts: 1 };
  } catch (cause) {
    return { ok: false, attempts: 1, error: `SMTP: ${(cause as Error).message}` };
  } finally {
    transport.close();
  }
}
