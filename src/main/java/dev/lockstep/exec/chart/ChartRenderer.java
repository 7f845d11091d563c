package dev.lockstep.exec.chart;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Renders a chart directory with Helm ({@code helm template}, default values). The only class of
 * {@code verify --render} that touches helm-java, whose first call loads a ~98 MB native library:
 * it is loaded only when {@code --render} is given.
 */
public final class ChartRenderer {
  private ChartRenderer() {}

  /** What Helm made of one chart: the rendered manifests, or the first line of its error. */
  public record Rendered(Optional<String> manifests, Optional<String> error) {
    public static Rendered ok(String manifests) {
      return new Rendered(Optional.of(manifests), Optional.empty());
    }

    public static Rendered failed(String error) {
      return new Rendered(Optional.empty(), Optional.of(error));
    }
  }

  public static Rendered render(Path chartDir) {
    try {
      String out = new Helm(chartDir.toAbsolutePath()).template().withName("lockstep").call();
      return Rendered.ok(out == null ? "" : out);
    } catch (RuntimeException e) {
      return Rendered.failed(firstLine(e.getMessage()));
    }
  }

  public static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    String m = message.strip();
    int newline = m.indexOf('\n');
    return (newline < 0 ? m : m.substring(0, newline)).strip();
  }
}
