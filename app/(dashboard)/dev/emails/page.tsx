import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageContainer, PageHeader } from "@/components/page-header";
import { env } from "@/lib/env";
import { previewEmails } from "@/lib/mail/templates";

export const metadata: Metadata = { title: "Email previews" };

/**
 * Development only: every email template rendered with sample data, as HTML and as the plain
 * text sent alongside. A 404 in production builds.
 */
export default function EmailPreviewsPage() {
  if (process.env.NODE_ENV === "production") notFound();
  const emails = previewEmails(env().APP_URL);
  return (
    <PageContainer>
      <PageHeader
        title="Email previews"
        description="Development only: each template with sample data (the sample task title tries to inject markup)."
      />
      <div className="grid gap-10">
        {emails.map(({ name, email }) => {
          const id = `email-${name.toLowerCase().replace(/[^a-z]+/g, "-")}`;
          return (
            <section key={name} aria-labelledby={id} className="grid gap-3">
              <h2 id={id} className="text-lg font-semibold">
                {name}
              </h2>
              <p className="text-sm text-muted-foreground">
                Subject: <span className="text-foreground">{email.subject}</span>
              </p>
              <div className="grid gap-4 lg:grid-cols-2">
                <iframe
                  title={`${name} email, HTML`}
                  srcDoc={email.html}
                  sandbox=""
                  className="h-[560px] w-full rounded-xl border bg-white"
                />
                <div
                  role="region"
                  aria-label={`${name} email, plain text`}
                  tabIndex={0}
                  className="h-[560px] overflow-auto rounded-xl border bg-muted p-4"
                >
                  <pre className="text-xs whitespace-pre-wrap">{email.text}</pre>
                </div>
              </div>
            </section>
          );
        })}
      </div>
    </PageContainer>
  );
}
