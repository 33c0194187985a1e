/**
 * What a replayed RUN or CMD inherits from this machine: the path to node and npm, the npm cache
 * and config in HOME, and the network settings npm needs to reach its registry. Nothing of the test
 * runner's own environment (NODE_ENV=test, npm_* of an enclosing `npm test`) leaks into the build.
 */
export function hostEnvironment(): Record<string, string> {
  const keep =
    /^(PATH|HOME|TMPDIR|LANG|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|(HTTPS?|NO|ALL)_PROXY)$/i;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && keep.test(name)) env[name] = value;
  }
  return env;
}
