package dev.lockstep.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdsTest {
  private static final List<String> IDS =
      List.of("kubestellar", "kcm-image", "kcm-chart", "core-chart", "osa-chart");

  @Test
  void closestByEditDistanceThenByFragment() {
    assertEquals(Optional.of("core-chart"), Ids.closest("core-chrat", IDS));
    assertEquals(Optional.of("kubestellar"), Ids.closest("KubeStelar", IDS));
    assertEquals(
        Optional.of("kcm-image"),
        Ids.closest("kcm", IDS),
        "a fragment names the first id holding it");
    assertEquals(Optional.of("osa-chart"), Ids.closest("osa", IDS));
    assertEquals(Optional.empty(), Ids.closest("x", List.of()));
  }

  @Test
  void allocatorNeverHandsOutAnIdTwice() {
    Ids.Allocator a = new Ids.Allocator();
    assertEquals("a_b", a.claim("a-b"));
    assertEquals("a_b_2", a.claim("a.b"));
    assertEquals("a_b_3", a.claim("a_b"));
    assertEquals("n_end", a.claim("end"));
    assertEquals("n_", a.claim(""));
  }
}
