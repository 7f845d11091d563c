package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LocatorBuilderTest {

  @Test
  void normalizeDropsLeadingDotSlashesAndFoldsSlashRuns() {
    assertEquals("a/b.yaml", LocatorBuilder.normalize("a/b.yaml"));
    assertEquals("a/b.yaml", LocatorBuilder.normalize("./a/b.yaml"));
    assertEquals("a/b.yaml", LocatorBuilder.normalize("././a//b.yaml"));
    assertEquals("/a/b", LocatorBuilder.normalize(".///a///b"));
    assertEquals("a/./b/", LocatorBuilder.normalize("a/./b//"));
    assertEquals("../a", LocatorBuilder.normalize("./../a"));
    assertEquals("", LocatorBuilder.normalize("./"));
  }
}
