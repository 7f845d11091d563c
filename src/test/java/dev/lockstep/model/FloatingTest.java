package dev.lockstep.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that move: never a version, whatever the format says. */
class FloatingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "latest",
        "LATEST",
        "Latest",
        " latest ",
        "main",
        "master",
        "HEAD",
        "stable",
        "nightly",
        "edge",
        "dev",
        "",
        "   ",
        "a1b2c3d",
        "5114f85",
        "0123456789abcdef0123456789abcdef01234567",
        "1234567"
      })
  void floats(String value) {
    assertTrue(Floating.is(value), "'" + value + "' floats");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.29.0",
        "v0.29.0",
        "release-0.29.0",
        "0-29-0",
        "1.2.3-rc.1",
        "1.2.3-latest",
        "ghcr.io/example/app:1.2.3",
        "v1.2.3@sha256:0123",
        "ABCDEF1",
        "abcdef",
        "0123456789abcdef0123456789abcdef012345678",
        "a1b2c3g"
      })
  void doesNotFloat(String value) {
    assertFalse(Floating.is(value), "'" + value + "' is a pinned value");
  }
}
