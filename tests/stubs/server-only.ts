// Tests run outside React Server Components; `import "server-only"` resolves here (vitest.config.ts).
export {};
