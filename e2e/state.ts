import path from "node:path";

/** Written by e2e/server.ts before the app starts; read by fixtures. */
export interface E2EState {
  databaseUrl: string;
  baseURL: string;
  dataDir: string;
}

export const E2E_STATE_FILE = path.resolve(__dirname, ".output/state.json");
