import { Client } from "@langchain/langgraph-sdk";
import { expect } from "vitest";
import { createApiKey } from "@/lib/teams";
import { TEST_ACTOR } from "../helpers";
import { newTeam } from "./fixtures";

/**
 * The official @langchain/langgraph-sdk Client against the served build, as a LangGraph user
 * would point it at this product: apiUrl = APP_URL + "/api/langgraph", apiKey = a team key.
 */

export function langGraphClient(server: { url: string }, apiKey: string | null) {
  return new Client({
    apiUrl: `${server.url}/api/langgraph`,
    apiKey,
    callerOptions: { maxRetries: 0 }, // a failure must show, not be retried away
  });
}

/**
 * A team with two keys: `requester` starts threads (the agent), `approver` answers interrupts
 * (a reviewer's tool). Separation of duties will refuse the requester's own decisions.
 */
export async function langGraphTeam(server: { url: string }) {
  const team = await newTeam(server);
  // `scopes` is honoured once keys carry scopes (API key scopes, v1.1): the approver decides, it does not start runs.
  const keyParams = { teamId: team.team.id, name: "approver", actor: TEST_ACTOR, scopes: ["runs", "tasks", "decide"] };
  const approverKey = await createApiKey(keyParams);
  return {
    ...team,
    approverKey: approverKey.apiKey,
    approverKeyId: approverKey.id,
    /** The REST client (./api.ts) with the approver's key. */
    approverApi: team.api.withKey(approverKey.apiKey),
    requester: langGraphClient(server, team.apiKey),
    approver: langGraphClient(server, approverKey.apiKey),
  };
}

export interface StreamPart {
  id?: string;
  event: string;
  data: any;
}

export async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

/** The SDK's errors carry the HTTP status and our error body. */
export async function expectHttpError(promise: Promise<unknown>, status: number, code: string) {
  const err = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { status?: number; text?: string } | null;
  expect(err, `expected HTTP ${status}`).not.toBeNull();
  expect(err!.status).toBe(status);
  expect(JSON.parse(err!.text ?? "{}")).toMatchObject({ error: { code, message: expect.any(String) } });
}

export function refundInput(amount: number) {
  return {
    orderId: `ord-${Math.random().toString(36).slice(2, 10)}`,
    amount,
    currency: "usd",
    reason: "Arrived broken",
    customerEmail: "customer@example.test",
  };
}
