package dev.lockstep.exec.chart;

import java.io.IOException;

/**
 * The registry already holds this chart version with other content. Chart versions are immutable.
 */
public class ChartConflictException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String chartName;
  private final String chartVersion;
  private final String repository;

  public ChartConflictException(String chartName, String chartVersion, String repository) {
    super(
        "chart "
            + chartName
            + ":"
            + chartVersion
            + " already exists at "
            + repository
            + " with different content; versions are immutable, release a new version");
    this.chartName = chartName;
    this.chartVersion = chartVersion;
    this.repository = repository;
  }

  public String chartName() {
    return chartName;
  }

  public String chartVersion() {
    return chartVersion;
  }

  public String repository() {
    return repository;
  }
}
