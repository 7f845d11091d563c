package dev.lockstep.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A reference ({@code uses:} entry).
 *
 * <pre>
 * - to: core-chart                 # an artifact id, or a repo id for the repo's release line
 *   stamp: regular                 # only regular releases move it (default: every)
 *   placeholder: "0.0.0"           # git holds this text; the release commit holds the version
 *   format: "release-{version}"
 *   train: follow                  # moves on the after-release branch in a release train
 *   at:
 *     - { file: scripts/check.sh, regex: '^VERSION="(?&lt;version&gt;[^"]+)"' }
 *     - { file: docs/mkdocs.yml, yaml: .ks_latest_regular_release }
 * - to: kcm-code
 *   unversioned: "uses the local checkout"
 * </pre>
 */
record ReferenceSpec(
    String to,
    String policy,
    String placeholder,
    String stamp,
    String format,
    List<LocatorSpec> at,
    String unversioned,
    String description,
    String train) {

  /**
   * One place: {@code file} plus exactly one of {@code yaml}, {@code json}, {@code regex}, {@code
   * chart}; {@code count: N} or {@code all: true} when it matches more than once; {@code pin: true}
   * for the target's version of record in this repo, {@code override: NAME} for an environment's
   * own version.
   */
  record LocatorSpec(
      String file,
      String yaml,
      String json,
      String regex,
      String chart,
      JsonNode document,
      Integer count,
      Boolean all,
      String format,
      Boolean pin,
      String override) {}
}
