// Flat config: ESLint's recommended rules plus typescript-eslint's type-aware set, over the TypeScript sources.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".neo4j/**",
      ".corenlp/**",
      ".local/**",
      "docs/**",
      "schema/**",
      "src/web/**",
      "**/*.mjs",
      "**/*.cjs",
      "bin/*.js",
      "eslint.config.js",
    ],
  },
  {
    files: ["src/**/*.ts", "tests/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "vitest.config.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
);
