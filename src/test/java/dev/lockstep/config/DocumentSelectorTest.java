package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.BadInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** document: only means something for yaml: locators; elsewhere it is refused, not ignored. */
class DocumentSelectorTest {
  @Test
  void documentOnARegexLocatorIsRefusedAtItsLine() {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: . }
        artifacts:
          doc:
            kind: file
            repo: app
            uses:
              - to: app
                at:
                  - file: install.sh
                    regex: 'V=(?<version>\\S+)'
                    document: 1
        """;
    BadInputException e =
        assertThrows(
            BadInputException.class, () -> GraphLoader.parse(Path.of("/tmp/g/graph.yaml"), text));
    assertTrue(e.getMessage().startsWith("/tmp/g/graph.yaml:13:"), e.getMessage());
    assertTrue(
        e.getMessage().contains("document:") && e.getMessage().contains("regex"), e.getMessage());
  }
}
