package dev.lockstep.oci;

/** The OCI image annotation and label names lockstep writes and reads. */
public final class ImageLabels {
  private static final String PREFIX = "org.opencontainers.image.";

  /** The commit an image or chart was built from. */
  public static final String REVISION = PREFIX + "revision";

  /** The release version. */
  public static final String VERSION = PREFIX + "version";

  /** The source repository's url. */
  public static final String SOURCE = PREFIX + "source";

  /** When the artifact was made (RFC 3339). */
  public static final String CREATED = PREFIX + "created";

  /** A human-readable title (Helm writes the chart name). */
  public static final String TITLE = PREFIX + "title";

  /** A description (Helm writes the chart's). */
  public static final String DESCRIPTION = PREFIX + "description";

  private ImageLabels() {}
}
