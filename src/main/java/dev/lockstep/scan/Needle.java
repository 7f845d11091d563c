package dev.lockstep.scan;

import dev.lockstep.model.ArtifactId;

/** What the scan looks for: an image name (followed by {@code :tag}) or a chart's OCI path. */
record Needle(UndeclaredPlace.Kind kind, ArtifactId artifact, String text) {}
