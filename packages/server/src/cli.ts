import { enableCompileCache } from 'node:module';
import { relaunchWithNodeFlags } from './node-flags.js';

relaunchWithNodeFlags();

// Every CLI start is a fresh process. V8's on-disk code cache (in the OS temp directory; turned off by
// NODE_DISABLE_COMPILE_CACHE=1) spares compiling the server and its dependencies again on the next start.
// It must be on before they load, hence the dynamic import.
enableCompileCache();
await import('./cli-main.js');
