export type * from '../store/dashboard-store.js';
export { locateIp } from './geo.js';
export { CONTENT_SECURITY_POLICY, CSRF_HEADER, isLoopbackHost, SECURITY_HEADERS } from './security.js';
export { DEFAULT_PORT, type RunningServer, type ServerOptions, startServer } from './server.js';
