package dev.lockstep.config;

/**
 * A repo entry.
 *
 * <pre>
 * kubestellar:
 *   path: ..                       # where it is checked out, relative to the graph file
 *   url: https://github.com/kubestellar/kubestellar
 *   tag: "v{version}"              # default
 *   branch: main                   # default
 *   scan: { exclude: [ "docs/history/**" ] }
 *   scheme: semver                 # default; also the default of its artifacts
 * </pre>
 */
record RepoSpec(
    String path,
    String url,
    String tag,
    String branch,
    ScanSpec scan,
    com.fasterxml.jackson.databind.JsonNode scheme) {

  /** Tracked files the undeclared-reference scan passes over (glob patterns). */
  record ScanSpec(java.util.List<String> exclude) {}
}
