import { rmSync } from 'node:fs';
const { Builder } = await import('/work/main/dist/src/build/builder.js');
rmSync('/tmp/cpu-feeds', { recursive: true, force: true });
const b = new Builder('bench/out/corpus-10000', '/tmp/cpu-feeds');
const c0 = process.cpuUsage(); const t0 = performance.now();
await b.build(Date.now());
const c = process.cpuUsage(c0); const wall = performance.now() - t0;
console.log('wall', wall.toFixed(0), 'user', (c.user / 1000).toFixed(0), 'sys', (c.system / 1000).toFixed(0), 'rss', (process.resourceUsage().maxRSS/1024).toFixed(0));
