import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { ReactNode } from "react";

const font = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
export const styles = {
  body: { margin: 0, padding: "32px 16px", backgroundColor: "#f6f6f7", fontFamily: font, color: "#18181b" },
  container: { maxWidth: "520px", backgroundColor: "#ffffff", border: "1px solid #e4e4e7", borderRadius: "12px", padding: "32px" },
  brand: { margin: "0 0 8px", fontSize: "13px", color: "#71717a" },
  heading: { margin: "0 0 16px", fontSize: "20px", fontWeight: 600 },
  text: { margin: "0 0 16px", fontSize: "14px", lineHeight: "1.6" },
  muted: { margin: "0", fontSize: "12px", lineHeight: "1.6", color: "#71717a" },
  button: {
    backgroundColor: "#18181b",
    color: "#ffffff",
    fontSize: "14px",
    fontWeight: 500,
    padding: "10px 18px",
    borderRadius: "8px",
    textDecoration: "none",
  },
  link: { color: "#18181b", textDecoration: "underline" },
  hr: { borderColor: "#e4e4e7", margin: "24px 0" },
} as const;

/**
 * The one layout of every email: brand line, heading, body, one call to action, footer with the
 * link written out (for clients that block buttons). Every value is rendered as text: React
 * escapes it, so agent-written titles cannot inject markup.
 */
export function EmailLayout(props: {
  preview: string;
  heading: string;
  children: ReactNode;
  cta?: { label: string; url: string };
  footer: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>AgentControlLayer</Text>
          <Heading as="h1" style={styles.heading}>
            {props.heading}
          </Heading>
          {props.children}
          {props.cta ? (
            <Section style={{ margin: "8px 0 0" }}>
              <Button href={props.cta.url} style={styles.button}>
                {props.cta.label}
              </Button>
            </Section>
          ) : null}
          <Hr style={styles.hr} />
          <Text style={styles.muted}>{props.footer}</Text>
          {props.cta ? (
            <Text style={styles.muted} data-skip-in-text>
              Or open this link:{" "}
              <Link href={props.cta.url} style={styles.link}>
                {props.cta.url}
              </Link>
            </Text>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

export { Link, Section, Text };
