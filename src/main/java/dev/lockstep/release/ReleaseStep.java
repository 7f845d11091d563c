package dev.lockstep.release;

import java.util.Locale;

/**
 * One step of a running release, as reported to a {@link ReleaseListener}.
 *
 * @param subject what the step works on: an image reference, a chart, a ref, a file
 */
public record ReleaseStep(Kind kind, String subject) {

  public enum Kind {
    PREFLIGHT,
    COMMIT,
    CHECKOUT,
    PACKAGE_CHART,
    PREPARE,
    BUILD_IMAGE,
    CHECK_IMAGE,
    PUBLISH_IMAGE,
    PUBLISH_CHART,
    PUBLISH_ASSET,
    PUSH,
    TAG,
    MANIFEST,
    AFTER_BRANCH;

    /** e.g. {@code publish chart}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  @Override
  public String toString() {
    return kind.label() + " " + subject;
  }
}
