package dev.lockstep.oci;

/** How Helm stores a chart in an OCI registry: media types and the tag of a version. */
public final class HelmCharts {
  /** The layer holding the chart archive. */
  public static final String CONTENT_MEDIA_TYPE =
      "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  /** The config blob: the chart's metadata as JSON. */
  public static final String CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";

  private HelmCharts() {}

  /** The OCI tag Helm pushes a chart version under: '+' is not allowed in tags, Helm writes '_'. */
  public static String tag(String version) {
    return version.replace('+', '_');
  }
}
