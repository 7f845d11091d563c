package dev.lockstep.exec.chart;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

/** Real charts made by Helm itself ({@code helm create}), plus a long template path. */
final class ChartFixtures {

  static final String LONG_TEMPLATE =
      "templates/"
          + "very-long-directory-name-".repeat(5)
          + "/"
          + "and-an-even-longer-file-name-that-goes-past-one-hundred-characters.yaml";

  private ChartFixtures() {}

  static Path create(Path parent, String name) throws IOException {
    Files.createDirectories(parent);
    Helm.create().withName(name).withDir(parent.toAbsolutePath()).call();
    Path chart = parent.resolve(name);
    Path longFile = chart.resolve(LONG_TEMPLATE);
    Files.createDirectories(longFile.getParent());
    Files.writeString(longFile, "# {{ .Chart.Name }}\n");
    return chart;
  }

  static void touchAll(Path dir, Instant when) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        Files.setLastModifiedTime(p, FileTime.from(when));
      }
    }
  }

  /** Changes a value in Chart.yaml or values.yaml without Helm's help (it has no API for it). */
  static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    if (!text.contains(from)) {
      throw new IllegalStateException(file + " does not contain " + from);
    }
    Files.writeString(file, text.replace(from, to));
  }
}
