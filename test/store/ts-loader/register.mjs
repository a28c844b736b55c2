// node --import ./register.mjs script.ts: runs TypeScript test helpers in a plain child process
// (Node 20 cannot strip types itself). Used by the crash tests, which must SIGKILL a real process.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
