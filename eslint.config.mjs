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
  {
    // One visibility rule (issue 15): everything outside lib/access asks queueVisibility(), never canSeeQueue.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/access/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/access/principal",
              importNames: ["canSeeQueue"],
              message: "Use queueVisibility(principal) from @/lib/access/visibility: its canSee/canWork and SQL filters are the one rule.",
            },
          ],
        },
      ],
    },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "e2e/screenshots/**", "e2e/.output/**", "bench/results/**"] },
];
export default config;
