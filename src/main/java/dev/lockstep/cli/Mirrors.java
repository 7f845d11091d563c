package dev.lockstep.cli;

import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Mirror;
import java.util.ArrayList;
import java.util.List;

/** {@code --mirror FROM=TO} options, read once: a mirror that is not a URL is bad input. */
final class Mirrors {
  private Mirrors() {}

  static List<Mirror> parse(List<String> options) {
    List<Mirror> out = new ArrayList<>();
    for (String o : options) {
      try {
        out.add(Mirror.parse(o));
      } catch (IllegalArgumentException e) {
        throw BadInputException.plain("--mirror: " + e.getMessage());
      }
    }
    return out;
  }
}
