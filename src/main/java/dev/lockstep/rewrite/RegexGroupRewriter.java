package dev.lockstep.rewrite;

import dev.lockstep.locate.Place;

/**
 * A regex group's text is written as is; whether the pattern still finds it is checked after the
 * edit by locating again ({@link FileEdits#apply}).
 */
final class RegexGroupRewriter implements ValueRewriter {
  @Override
  public String encode(Place site, String value) throws RewriteException {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new RewriteException(site.position() + ": a version cannot span lines");
    }
    return value;
  }
}
