// The framework's part of eslint.config.mjs. Plain TypeScript and the DOM need no plugin beyond
// typescript-eslint's recommended rules, which every app gets.
export default [];
