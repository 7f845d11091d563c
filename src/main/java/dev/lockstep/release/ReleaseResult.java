package dev.lockstep.release;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a release left behind.
 *
 * @param commit the release commit (the tag peels to it)
 * @param afterBranch the branch for main with the moved literal self-references, if the plan has
 *     one
 * @param manifestFile where {@link #manifest()} was written
 * @param bytesUploaded blob bytes pushed to registries during this run (0 for the embedded default)
 * @param pushed whether the refs were pushed to the repo's {@code origin} remote in this run or
 *     before
 */
public record ReleaseResult(
    String tag,
    String commit,
    String releaseBranch,
    Optional<String> afterBranch,
    Path manifestFile,
    ReleaseManifest manifest,
    long bytesUploaded,
    boolean pushed,
    Duration elapsed) {}
