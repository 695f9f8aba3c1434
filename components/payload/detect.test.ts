import { describe, expect, it } from "vitest";
import { detectPayload } from "./detect";

describe("detectPayload", () => {
  it("renders an agent's tool call as a tool call, with the args schema's descriptions as labels", () => {
    const schema = {
      type: "object",
      properties: {
        to: { type: "string", description: "Recipient" },
        subject: { type: "string", title: "Subject line" },
        body: { type: "string" },
      },
      "x-acl-view": "tool-call",
      "x-acl-tool": "send_email",
    };
    const args = { body: "Hi", to: "sam@example.com", subject: "Your refund" };
    // Without the marker the same args read as an email draft; with it, the tool call wins.
    expect(detectPayload(args).kind).toBe("email");
    const detected = detectPayload(args, "ops-agent", schema);
    expect(detected).toEqual({
      kind: "tool-call",
      value: { tool: "send_email", args, labels: { to: "Recipient", subject: "Subject line" } },
    });
    // Shown in the order the tool declares its arguments, whatever order the stored JSON has.
    expect(Object.keys((detected.value as { args: object }).args)).toEqual(["to", "subject", "body"]);
  });

  it("ignores a marker without a tool name", () => {
    expect(detectPayload({ a: 1 }, null, { "x-acl-view": "tool-call" }).kind).toBe("json");
  });
});
