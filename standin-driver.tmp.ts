import { startBackendApiStandIn } from './test/setup/backend-api-stand-in.js';
const s = await startBackendApiStandIn({ allowedOrigins: ['https://example.com'] });
console.log(s.url);
process.on('SIGTERM', async () => { console.error('violations', JSON.stringify(s.violations)); console.error('requests', JSON.stringify(s.requests)); await s.close(); process.exit(0); });
setInterval(() => {}, 1000);
