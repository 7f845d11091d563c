package dev.lockstep.rewrite;

import dev.lockstep.locate.Site;

/** Put {@code value} (a whole formatted value, e.g. {@code v0.3.0}) at a located site. */
public record Edit(Site site, String value) {}
