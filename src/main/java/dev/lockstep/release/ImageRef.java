package dev.lockstep.release;

/**
 * An image reference split the way the registry API needs it: {@code host/repository:tag}. Only
 * tagged references with an explicit host are ours to publish or check.
 */
record ImageRef(String host, String repository, String tag) {

  static ImageRef parse(String reference) {
    int slash = reference.indexOf('/');
    int colon = reference.lastIndexOf(':');
    if (reference.contains("@") || colon < 0 || colon < reference.lastIndexOf('/')) {
      throw new PlanMismatchException(
          "image reference " + reference + " has no tag; an image of a release is named NAME:TAG");
    }
    String name = reference.substring(0, colon);
    String tag = reference.substring(colon + 1);
    String path = Targets.pathOf(name);
    String host =
        path.length() == name.length() ? "registry-1.docker.io" : name.substring(0, slash);
    if (host.equals("registry-1.docker.io") && !path.contains("/")) {
      path = "library/" + path; // Docker Hub's own short names
    }
    return new ImageRef(host, path, tag);
  }

  @Override
  public String toString() {
    return host + "/" + repository + ":" + tag;
  }
}
