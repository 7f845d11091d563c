package dev.lockstep.exec.image;

/**
 * The outcome of a build.
 *
 * @param reference the image reference it was written as
 * @param digest the manifest digest, "sha256:..."
 * @param imageId the config digest, "sha256:..." (what {@code docker images} calls the id)
 * @param bytesPushed blob bytes actually uploaded to the registry; 0 for tarballs and for blobs
 *     already there
 */
public record BuiltImage(String reference, String digest, String imageId, long bytesPushed) {}
