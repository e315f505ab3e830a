/**
 * The Node options every service runs with unless NODE_OPTIONS says otherwise: a 64 MiB young-generation
 * semi-space (V8's default is 16 MiB). Under load a request's short-lived objects outlive the default's frequent
 * scavenges and are promoted, so the old generation fills and is collected again and again. Measured on the write
 * path (bench/README.md, same machine, same day): 910–1,017 against 724–878 bids/s, p99 68–72 ms against 93–125 ms.
 * The young generation grows to a few semi-spaces (V8 sizes it from the semi-space); bidding-service's RSS after the write benchmark was the same either way
 * (about 295 MiB), the old generation growing less.
 *
 * `npm start`, the demo, the benchmarks and the Docker image (docker/Dockerfile, kept equal by a test) apply it.
 */
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=64';

/** A service's environment: NODE_OPTIONS as given (even empty), else `SERVICE_NODE_OPTIONS`. */
export function serviceProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: env.NODE_OPTIONS ?? SERVICE_NODE_OPTIONS };
}
