package dev.lockstep.exec.chart;

/**
 * The outcome of publishing a chart version.
 *
 * @param reference "HOST/REPO/NAME:TAG", as Helm names it
 * @param digest the OCI manifest digest now at that tag
 * @param contentDigest the chart archive's digest (the chart content layer)
 * @param alreadyPresent true when the registry already held this exact archive and nothing was
 *     pushed
 * @param bytesUploaded blob bytes sent in this push: 0 when nothing was pushed, less than the whole
 *     when the registry already held some blobs
 */
public record PushResult(
    String reference,
    String digest,
    String contentDigest,
    boolean alreadyPresent,
    long bytesUploaded) {

  public static PushResult pushed(
      String reference, String digest, String contentDigest, long bytesUploaded) {
    return new PushResult(reference, digest, contentDigest, false, bytesUploaded);
  }

  public static PushResult alreadyPresent(String reference, String digest, String contentDigest) {
    return new PushResult(reference, digest, contentDigest, true, 0);
  }
}
