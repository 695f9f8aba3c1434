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
    const args = { to: "sam@example.com", subject: "Your refund", body: "Hi" };
    // Without the marker the same args read as an email draft; with it, the tool call wins.
    expect(detectPayload(args).kind).toBe("email");
    expect(detectPayload(args, "ops-agent", schema)).toEqual({
      kind: "tool-call",
      value: { tool: "send_email", args, labels: { to: "Recipient", subject: "Subject line" } },
    });
  });

  it("ignores a marker without a tool name", () => {
    expect(detectPayload({ a: 1 }, null, { "x-acl-view": "tool-call" }).kind).toBe("json");
  });
});
