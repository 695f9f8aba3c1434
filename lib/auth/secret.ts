import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

function dataDir() {
  return path.resolve(process.env.ACL_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

/**
 * Reads the secret generated on first start, or creates it (random, mode 0600). The file lives
 * beside the embedded database, so a single-machine install keeps sessions and pending magic
 * links valid across restarts without any configuration.
 */
function generatedSecret(): string {
  const file = path.join(dataDir(), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      // `wx`: when two processes race, the second one reads the winner's secret.
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/**
 * The Auth.js secret: AUTH_SECRET when set; otherwise a generated one kept in `.data/auth-secret`.
 * If that file cannot be written (read-only filesystem), development derives a per-checkout secret
 * and production refuses to start, since a secret that changes per instance breaks sign-in.
 */
export function authSecret(): string {
  if (cached) return cached;
  const configured = env().AUTH_SECRET;
  if (configured) return (cached = configured);
  try {
    cached = generatedSecret();
    console.warn(
      `[auth] AUTH_SECRET is not set: using the generated secret in ${path.join(dataDir(), "auth-secret")}. ` +
        "Set AUTH_SECRET when more than one instance serves the app.",
    );
  } catch (err) {
    if (env().NODE_ENV === "production") {
      throw new Error(
        `AUTH_SECRET is not set and ${dataDir()} is not writable to keep a generated one. ` +
          "Set AUTH_SECRET (e.g. `openssl rand -base64 33`).",
        { cause: err },
      );
    }
    cached = createHash("sha256").update(`agent-control-layer:dev:${process.cwd()}`).digest("base64url");
    console.warn("[auth] AUTH_SECRET is not set: using a development secret derived from the project path.");
  }
  return cached;
}
