package dev.lockstep.rewrite;

import dev.lockstep.locate.Place;

/** Put {@code value} (a whole formatted value, e.g. {@code v0.3.0}) at a located place. */
public record Edit(Place place, String value) {}
