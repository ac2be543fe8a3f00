import nodemailer from 'nodemailer';

/** SMTP through nodemailer when SMTP_URL is set (e.g. smtp://user:pass@host:587, smtps://…:465). */
export type OutgoingMail = { from: string; to: string; subject: string; text: string; html: string | null };
export type MailTransport = { send: (m: OutgoingMail) => Promise<void>; close: () => void };

export function createMailTransport(smtpUrl: string | undefined): MailTransport | null {
  if (!smtpUrl) return null;
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(m) {
      await transporter.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
      });
    },
    close: () => transporter.close(),
  };
}
