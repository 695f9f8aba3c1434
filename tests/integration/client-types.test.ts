import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CLIENT_TYPES_FILE, generateClientTypes } from "@/scripts/generate-client";

describe("typed client (clients/typescript)", () => {
  it("its committed types are what openapi-typescript makes of the served OpenAPI document (else: npm run client:generate)", async () => {
    const committed = fs.readFileSync(CLIENT_TYPES_FILE, "utf8");
    const fresh = await generateClientTypes();
    // toBe on two 40 KB strings prints a useless diff: compare line by line for a readable failure.
    expect(committed.split("\n"), "clients/typescript/src/schema.ts is stale: run `npm run client:generate`").toEqual(fresh.split("\n"));
    // Every operation of the document is in the types, by its operationId.
    for (const op of ["startRun", "getRun", "cancelRun", "listTasks", "createTask", "getTask", "resumeTask", "listFeedback"]) {
      expect(committed).toMatch(new RegExp(`\\b${op}: \\{`));
    }
  });
});
