import "server-only";

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A plain, single-button email: renders everywhere, readable as text. */
function layout(params: { heading: string; body: string; cta: string; url: string; footer: string }) {
  const url = escapeHtml(params.url);
  return `<!doctype html><html><body style="margin:0;padding:32px 16px;background:#f6f6f7;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="100%" style="max-width:480px;background:#ffffff;border:1px solid #e4e4e7;border-radius:12px;padding:32px">
<tr><td><p style="margin:0 0 8px;font-size:13px;color:#71717a">AgentControlLayer</p>
<h1 style="margin:0 0 16px;font-size:20px;font-weight:600">${escapeHtml(params.heading)}</h1>
<p style="margin:0 0 24px;font-size:14px;line-height:1.6">${escapeHtml(params.body)}</p>
<a href="${url}" style="display:inline-block;background:#18181b;color:#ffffff;text-decoration:none;font-size:14px;font-weight:500;padding:10px 18px;border-radius:8px">${escapeHtml(params.cta)}</a>
<p style="margin:24px 0 0;font-size:12px;line-height:1.6;color:#71717a">${escapeHtml(params.footer)}<br>Or paste this link into your browser: ${url}</p>
</td></tr></table></td></tr></table></body></html>`;
}

export function magicLinkEmail(params: { url: string; host: string; expiresInMinutes: number }) {
  const subject = `Sign in to AgentControlLayer`;
  const text =
    `Sign in to AgentControlLayer (${params.host}) with this link:\n\n${params.url}\n\n` +
    `The link works once and expires in ${params.expiresInMinutes} minutes. ` +
    `If you did not ask for it, you can ignore this email.\n`;
  const html = layout({
    heading: "Your sign-in link",
    body: `Click the button to sign in to ${params.host}. The link works once and expires in ${params.expiresInMinutes} minutes.`,
    cta: "Sign in",
    url: params.url,
    footer: "If you did not ask for this email, you can ignore it.",
  });
  return { subject, text, html };
}

export function invitationEmail(params: { teamName: string; inviter: string; role: string; url: string }) {
  const subject = `You're invited to ${params.teamName} on AgentControlLayer`;
  const text =
    `${params.inviter} invited you to join ${params.teamName} as ${params.role}.\n\n` +
    `Sign in with this email address to accept:\n${params.url}\n`;
  const html = layout({
    heading: `Join ${params.teamName}`,
    body: `${params.inviter} invited you to review agent work in ${params.teamName} as ${params.role}. Sign in with this email address to accept.`,
    cta: "Accept invitation",
    url: params.url,
    footer: "If you were not expecting this invitation, you can ignore it.",
  });
  return { subject, text, html };
}
