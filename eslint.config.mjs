import next from "eslint-config-next";

const config = [...next, { ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "e2e/screenshots/**"] }];
export default config;
