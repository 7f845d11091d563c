package dev.lockstep.exec.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.model.BadInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A packaged chart's file name comes from its Chart.yaml: checked to stay in the output folder. */
class ChartFileNameTest {
  @Test
  void theTgzStaysInItsFolder() {
    Path out = Path.of("/tmp/lockstep-charts");
    assertEquals(out.resolve("addon-0.3.0.tgz"), ChartPackager.tgzIn(out, "addon", "0.3.0"));
    assertThrows(BadInputException.class, () -> ChartPackager.tgzIn(out, "../../escaped", "1.0.0"));
    assertThrows(BadInputException.class, () -> ChartPackager.tgzIn(out, "a/b", "1.0.0"));
    assertThrows(BadInputException.class, () -> ChartPackager.tgzIn(out, "x", "1.0.0/../.."));
  }
}
