/**
 * What a replayed RUN or CMD inherits from this machine: the path to node and npm, the npm cache
 * and config in HOME, and the network settings npm needs to reach its registry. Nothing of the test
 * runner's own environment (NODE_ENV=test, npm_* of an enclosing `npm test`) leaks into the build.
 *
 * npm prefers its cache: the project's own `npm ci` has just filled it with the very packages of the
 * lockfile, so the replay's `npm ci` need not wait on the registry a second time (a stalled registry
 * connection costs npm five minutes per try; one such stall once ended a CI run).
 */
export function hostEnvironment(): Record<string, string> {
  const keep =
    /^(PATH|HOME|TMPDIR|LANG|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|(HTTPS?|NO|ALL)_PROXY)$/i;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && keep.test(name)) env[name] = value;
  }
  env.npm_config_prefer_offline = "true";
  return env;
}
