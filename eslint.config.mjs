import next from "eslint-config-next";
import prettier from "eslint-config-prettier";

/**
 * Next's rules plus Prettier's opt-out of style rules (formatting is Prettier's job). Import
 * boundaries (no folder cycles in lib/, no database from app/ or components/, the
 * workflow → hitl → engine → tasks layering) are checked by dependency-cruiser:
 * .dependency-cruiser.cjs, run by `npm run lint`.
 */
const config = [
  ...next,
  prettier,
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "e2e/screenshots/**", "e2e/.output/**", "bench/results/**"] },
];
export default config;
