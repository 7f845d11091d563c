package dev.lockstep.rewrite;

import dev.lockstep.locate.Place;

/**
 * Writes a new value into a located span, in the file format's own syntax. One small class per
 * format; each refuses a value it cannot write without changing the meaning of the file.
 */
public interface ValueRewriter {

  /**
   * The characters to splice into {@code site}'s span so that it holds {@code value}.
   *
   * @throws RewriteException when the value cannot be written there as it is quoted
   */
  String encode(Place site, String value) throws RewriteException;

  /** The rewriter for a site's style. */
  static ValueRewriter forSite(Place site) {
    switch (site.style()) {
      case PLAIN:
      case SINGLE_QUOTED:
      case DOUBLE_QUOTED:
      case BLOCK:
        return new YamlScalarRewriter();
      case JSON_STRING:
      case JSON_NUMBER:
        return new JsonValueRewriter();
      default:
        return new RegexGroupRewriter();
    }
  }
}
