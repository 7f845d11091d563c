package dev.lockstep.rewrite;

import dev.lockstep.locate.Place;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML scalars, keeping their quoting: a plain scalar stays plain only while YAML still reads it as
 * a string (so {@code 1.10} never turns into a float), single quotes double an embedded quote,
 * double quotes escape. Block scalars and values with escapes are refused.
 */
final class YamlScalarRewriter implements ValueRewriter {
  private static final Resolver RESOLVER = new Resolver();

  @Override
  public String encode(Place site, String value) throws RewriteException {
    if (!site.isSpliceable()) {
      throw new RewriteException(
          site.position()
              + ": the value is a block scalar or holds escapes; write it as a one-line value");
    }
    switch (site.style()) {
      case PLAIN:
        if (value.isEmpty()
            || !RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR)
            || value.contains(": ")
            || value.contains(" #")
            || "-?:,[]{}#&*!|>'\"%@`".indexOf(value.charAt(0)) >= 0) {
          throw new RewriteException(
              site.position()
                  + ": '"
                  + value
                  + "' would not read back as the same plain YAML string; quote the value in the file");
        }
        if (!RESOLVER.resolve(NodeId.scalar, site.value(), true).equals(Tag.STR)) {
          throw new RewriteException(
              site.position()
                  + ": the plain value '"
                  + site.value()
                  + "' is not a YAML string; quote it in the file");
        }
        return value;
      case SINGLE_QUOTED:
        return value.replace("'", "''");
      case DOUBLE_QUOTED:
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
      default:
        throw new RewriteException(site.position() + ": not a YAML scalar");
    }
  }
}
