package dev.lockstep.scan;

import dev.lockstep.model.ArtifactId;
import java.nio.charset.StandardCharsets;

/**
 * What the scan looks for: an image name (followed by {@code :tag}) or a chart's OCI path; {@code
 * latin1} is the name as the scan compares it with a file's bytes, null when it holds a char above
 * Latin-1 (which a file read one char per byte never holds).
 */
record Needle(UndeclaredPlace.Kind kind, ArtifactId artifact, String text, byte[] latin1) {
  Needle(UndeclaredPlace.Kind kind, ArtifactId artifact, String text) {
    this(kind, artifact, text, latin1(text));
  }

  private static byte[] latin1(String text) {
    return StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)
        ? text.getBytes(StandardCharsets.ISO_8859_1)
        : null;
  }
}
