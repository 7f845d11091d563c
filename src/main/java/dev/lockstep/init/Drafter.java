package dev.lockstep.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.init.Draft.DArtifact;
import dev.lockstep.init.Draft.DLoc;
import dev.lockstep.init.Draft.DRef;
import dev.lockstep.init.Draft.DRepo;
import dev.lockstep.model.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Drafts a graph from checkouts. Every file is read once (by {@link Checkout}); the passes below
 * work on that text: charts and their templates, the images repos build, then every place where a
 * file writes a version of something known.
 */
final class Drafter {
  private static final Set<String> CODE_HOSTS =
      Set.of(
          "github.com",
          "gitlab.com",
          "raw.githubusercontent.com",
          "golang.org",
          "k8s.io",
          "sigs.k8s.io",
          "go.dev",
          "pkg.go.dev",
          "gopkg.in",
          "bitbucket.org",
          "go.googlesource.com");

  static final Pattern IMAGE =
      Pattern.compile(
          "(?<![\\w./:@-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}(?::[0-9]{2,5})?"
              + "(?:/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)+)"
              + "(:[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}|:\\{\\{|:\\$)?(@sha256:[a-f0-9]{64})?");
  private static final Pattern OCI = Pattern.compile("oci://([\\w.-]+(?::\\d+)?(?:/[\\w.-]+)+)");
  private static final Pattern ASSIGN =
      Pattern.compile(
          "^([ \\t]*)((?:export|ARG|ENV|const|var)[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*|\"[A-Za-z0-9_./-]+\""
              + "|'[A-Za-z0-9_./-]+')[ \\t]*(?::[ \\t]*[A-Za-z_][\\w\\[\\]., ]*?)?[ \\t]*(\\?=|:=|=|:)"
              + "[ \\t]*[\"']?(v?[0-9][A-Za-z0-9._+-]*[A-Za-z0-9])");

  private final List<Checkout> repos;
  private final Path outDir;
  final Draft draft = new Draft();

  private final Map<String, Checkout> byId = new LinkedHashMap<>();
  private final Map<String, DArtifact> images = new LinkedHashMap<>();
  private final Map<String, String> imageRepo = new HashMap<>();
  private final Map<String, String> imageWhy = new HashMap<>();
  private final Map<String, DArtifact> charts = new LinkedHashMap<>(); // repo|dir
  private final Map<String, DArtifact> chartsByOci = new LinkedHashMap<>();
  private final Map<String, String> chartName = new HashMap<>(); // id -> Chart.yaml name
  private final Map<String, String> components = new HashMap<>();
  private final Map<String, String> goModules = new HashMap<>();
  private final Map<String, String> docSites = new LinkedHashMap<>();

  /** values.yaml keys a chart's templates use: repo|dir|path -> image name or "oci:" path. */
  private final Map<String, String> valueLinks = new HashMap<>();

  private final List<Cand> cands = new ArrayList<>();
  private final Map<String, Set<Integer>> claimed = new HashMap<>();

  /** One place found: who writes it (repo, file), what it names, and how to find it. */
  record Cand(Checkout repo, String file, String target, DLoc loc, String why, boolean direct) {}

  Drafter(List<Checkout> repos, Path outDir) {
    this.repos = repos;
    this.outDir = outDir;
  }

  Draft run() {
    repos();
    chartsOfRepos();
    imagesSeen();
    publishPaths();
    components();
    for (Checkout r : repos) {
      for (Map.Entry<String, String> f : r.files.entrySet()) {
        places(r, f.getKey(), f.getValue());
      }
    }
    chartSelfUses();
    Assembly.assemble(this);
    return draft;
  }

  // ------------------------------------------------------------------ repos

  private void repos() {
    for (Checkout r : repos) {
      DRepo d = new DRepo();
      d.id = draft.uniqueId(r.id, null);
      r.id = d.id;
      byId.put(d.id, r);
      Path rel = outDir.relativize(r.root);
      d.path = rel.toString().isEmpty() ? "." : rel.toString().replace('\\', '/');
      d.url = r.git.originUrl().orElse(null);
      d.tag = r.tagPrefix == null ? null : r.tagPrefix + "{version}";
      d.why =
          r.tagPrefix == null
              ? "a checkout with no release tags (the tag format defaults to v{version})"
              : "a checkout; "
                  + r.releases.size()
                  + " release tag(s) such as "
                  + r.tagOf.get(r.releases.get(0))
                  + r.current.map(v -> ", current release " + v).orElse("");
      draft.repos.add(d);
      String gomod = r.files.get("go.mod");
      if (gomod != null) {
        Matcher m = Pattern.compile("(?m)^module\\s+(\\S+)").matcher(gomod);
        if (m.find()) {
          goModules.put(m.group(1), d.id);
        }
      }
      for (Map.Entry<String, String> f : r.files.entrySet()) {
        if (f.getKey().endsWith("mkdocs.yml") || f.getKey().endsWith("mkdocs.yaml")) {
          Matcher m =
              Pattern.compile("(?m)^site_url:\\s*['\"]?https?://([^/\\s'\"]+)")
                  .matcher(f.getValue());
          if (m.find()) {
            docSites.put(m.group(1), d.id);
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ charts

  private void chartsOfRepos() {
    for (Checkout r : repos) {
      for (Map.Entry<String, String> f : r.files.entrySet()) {
        String path = f.getKey();
        if (!(path.equals("Chart.yaml") || path.endsWith("/Chart.yaml"))
            || path.contains("/charts/")) {
          continue;
        }
        Optional<YamlScan.Parsed> p = YamlScan.parse(f.getValue());
        if (p.isEmpty()) {
          draft.notModelled.add(r.id + "/" + path + ": not YAML, so not drafted as a chart");
          continue;
        }
        Map<String, String> top = new HashMap<>();
        for (YamlScan.Scalar s : p.get().scalars()) {
          if (s.path().matches("\\.[A-Za-z]+")) {
            top.put(s.key(), s.value());
          }
        }
        String name = top.getOrDefault("name", "chart");
        String dir = path.equals("Chart.yaml") ? "." : path.substring(0, path.length() - 11);
        DArtifact c = new DArtifact();
        c.kind = "chart";
        c.repo = r.id;
        c.path = dir;
        c.id = draft.uniqueId(name.endsWith("chart") ? name : name + "-chart", r.id);
        draft.artifacts.add(c);
        charts.put(r.id + "|" + dir, c);
        chartName.put(c.id, name);
        components.putIfAbsent(Texts.norm(name), c.id);
        components.putIfAbsent(Texts.norm(c.id), c.id);
        c.why.add("chart " + name + " at " + path);
        chartVersion(r, c, path, top, "version");
        if (top.containsKey("appVersion")) {
          chartVersion(r, c, path, top, "appVersion");
        }
        templates(r, dir);
      }
    }
  }

  /** Literal when the field moves with the tags; a placeholder when it stays while tags move. */
  private void chartVersion(
      Checkout r, DArtifact c, String chartYaml, Map<String, String> top, String field) {
    String head = top.get(field);
    Optional<String> fmt = Texts.formatOf(head);
    List<String> past = new ArrayList<>();
    boolean follows = false;
    for (Version v : r.releases.stream().limit(5).toList()) {
      Optional<String> text = r.at(v, chartYaml);
      if (text.isEmpty()) {
        continue;
      }
      Matcher m = Pattern.compile("(?m)^" + field + ":\\s*['\"]?([^'\"\\s#]+)").matcher(text.get());
      if (m.find()) {
        past.add(m.group(1));
        if (Texts.versionOf(m.group(1)).map(v::equals).orElse(false)) {
          follows = true;
        }
      }
    }
    boolean sameEverywhere = past.size() >= 2 && past.stream().allMatch(x -> x.equals(head));
    boolean placeholder =
        (sameEverywhere || !follows)
            && head != null
            && (sameEverywhere || r.current.isEmpty() || !Texts.versionOf(head).equals(r.current));
    String template = fmt.orElse("{version}");
    if (field.equals("version")) {
      c.version = placeholder ? null : template;
      if (placeholder) {
        c.placeholder = head;
      }
    } else {
      c.appVersion = template;
      if (placeholder) {
        c.appPlaceholder = head;
      }
    }
    c.why.add(
        field
            + " "
            + head
            + (placeholder
                ? sameEverywhere
                    ? ": the same at "
                        + past.size()
                        + " release tags while the tags move, a placeholder"
                    : ": does not follow the release tags, a placeholder"
                : ": follows the release tags, " + template));
  }

  private static final Pattern T_IMAGE_VALUE =
      Pattern.compile(
          "([a-z0-9.-]+\\.[a-z]{2,}(?::\\d+)?(?:/[\\w.-]+)+):\\{\\{-?\\s*\\.Values\\.([\\w.]+)\\s*-?}}");
  private static final Pattern T_REPO_TAG =
      Pattern.compile(
          "\\{\\{-?\\s*\\.Values\\.([\\w.]+)\\s*-?}}:\\{\\{-?\\s*\\.Values\\.([\\w.]+)\\s*-?}}");
  private static final Pattern T_APP =
      Pattern.compile(
          "([a-z0-9.-]+\\.[a-z]{2,}(?::\\d+)?(?:/[\\w.-]+)+):\\{\\{-?\\s*\\.Chart\\.AppVersion\\s*-?}}");
  private static final Pattern T_CHART =
      Pattern.compile(
          "oci://([\\w.-]+(?::\\d+)?(?:/[\\w.-]+)+)[\\s\\S]{0,200}?--version[\\s\\S]{0,24}?"
              + "\\{\\{-?\\s*\\.Values\\.([\\w.]+)");

  /** Links from a chart's templates to the values keys that hold versions. */
  private void templates(Checkout r, String dir) {
    String prefix = dir.equals(".") ? "templates/" : dir + "/templates/";
    String values =
        r.files.getOrDefault(dir.equals(".") ? "values.yaml" : dir + "/values.yaml", "");
    Map<String, String> valuesByPath = new HashMap<>();
    YamlScan.parse(values)
        .ifPresent(p -> p.scalars().forEach(s -> valuesByPath.put(s.path(), s.value())));
    for (Map.Entry<String, String> f : r.files.entrySet()) {
      if (!f.getKey().startsWith(prefix)) {
        continue;
      }
      String t = f.getValue();
      Matcher m = T_IMAGE_VALUE.matcher(t);
      while (m.find()) {
        valueLinks.put(r.id + "|" + dir + "|." + m.group(2), m.group(1));
        seeImage(m.group(1), null, null);
      }
      m = T_REPO_TAG.matcher(t);
      while (m.find()) {
        String name = valuesByPath.get("." + m.group(1));
        if (name != null && name.contains("/")) {
          valueLinks.put(r.id + "|" + dir + "|." + m.group(2), name);
          seeImage(name, null, null);
        }
      }
      m = T_APP.matcher(t);
      while (m.find()) {
        seeImage(m.group(1), r.id, "the chart at " + dir + " runs it at its appVersion");
        valueLinks.put(r.id + "|" + dir + "|appVersion", m.group(1));
      }
      m = T_CHART.matcher(t);
      while (m.find()) {
        valueLinks.put(r.id + "|" + dir + "|." + m.group(2), "oci:" + m.group(1));
      }
    }
  }

  // ------------------------------------------------------------------ images

  private final Map<String, List<String>> imageTags = new LinkedHashMap<>();

  /** Records an image name; {@code owner} when a repo is known to build it. */
  private void seeImage(String name, String owner, String why) {
    imageTags.computeIfAbsent(name, n -> new ArrayList<>());
    if (owner != null && !imageRepo.containsKey(name)) {
      imageRepo.put(name, owner);
      imageWhy.put(name, why);
    }
  }

  private static final Pattern MAKE_VAR =
      Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*)\\s*[?:]?=\\s*(\\S+)\\s*$");
  private static final Pattern KO_BUILD =
      Pattern.compile("ko build[^\\n]*?\\s\\./(?:[\\w./-]*/)?([\\w.-]+)\\s*$", Pattern.MULTILINE);
  private static final Pattern DOCKER =
      Pattern.compile(
          "docker\\s+(?:buildx\\s+)?(?:build|push)\\b[^\\n]*?\\s(?:-t\\s+|--tag[= ])?"
              + "([a-z0-9.-]+\\.[a-z]{2,}(?::\\d+)?(?:/[\\w.-]+)+)[:@\\s]");
  private static final Pattern GORELEASER =
      Pattern.compile("([a-z0-9.-]+\\.[a-z]{2,}(?::\\d+)?(?:/[\\w.-]+)+):\\{\\{");

  private void imagesSeen() {
    for (Checkout r : repos) {
      boolean dockerfile = r.files.keySet().stream().anyMatch(p -> p.endsWith("Dockerfile"));
      for (Map.Entry<String, String> f : r.files.entrySet()) {
        String path = f.getKey();
        String text = f.getValue();
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.equals("Makefile") || base.endsWith(".mk")) {
          Map<String, String> vars = new HashMap<>();
          Matcher m = MAKE_VAR.matcher(text);
          while (m.find()) {
            vars.putIfAbsent(m.group(1), m.group(2));
          }
          for (Map.Entry<String, String> v : vars.entrySet()) {
            String value = expand(v.getValue(), vars);
            if (v.getKey().matches(".*(IMAGE|IMG).*") && isRegistryName(value)) {
              seeImage(value, r.id, path + " sets " + v.getKey() + " to it");
            }
          }
          String ko = vars.get("KO_DOCKER_REPO");
          if (ko != null && isRegistryName(expand(ko, vars))) {
            Matcher k = KO_BUILD.matcher(text);
            while (k.find()) {
              String name = expand(ko, vars) + "/" + k.group(1);
              seeImage(name, r.id, path + " builds it with ko from ./" + k.group(1));
            }
          }
        }
        if (base.startsWith(".goreleaser") || base.startsWith("goreleaser")) {
          Matcher m = GORELEASER.matcher(text);
          while (m.find()) {
            seeImage(m.group(1), r.id, path + " (GoReleaser) pushes it");
          }
        }
        boolean buildFile =
            base.equals("Makefile")
                || path.startsWith(".github/workflows/")
                || path.endsWith(".sh");
        if (buildFile || dockerfile) {
          Matcher m = DOCKER.matcher(text);
          while (m.find()) {
            seeImage(m.group(1), r.id, path + " builds or pushes it with docker");
          }
        }
        Matcher m = IMAGE.matcher(text);
        while (m.find()) {
          String name = m.group(1);
          String host = name.substring(0, name.indexOf('/'));
          if (CODE_HOSTS.contains(host) || host.startsWith("docs.") || host.startsWith("www.")) {
            continue;
          }
          if (m.group(2) != null || m.group(3) != null) {
            seeImage(name, null, null);
            if (m.group(2) != null && !m.group(2).startsWith(":{") && !m.group(2).equals(":$")) {
              String tag = m.group(2).substring(1).replaceAll("\\.+$", "");
              imageTags.get(name).add(tag + (m.group(3) == null ? "" : m.group(3)));
            } else if (m.group(3) != null && m.group(2) == null) {
              imageTags.get(name).add(m.group(3));
            }
          }
        }
      }
    }
    // Owners by name: a path segment after the organisation that names a checkout.
    for (String name : imageTags.keySet()) {
      if (imageRepo.containsKey(name)) {
        continue;
      }
      String[] segs = name.split("/");
      for (int i = 2; i < segs.length; i++) {
        if (byId.containsKey(segs[i])) {
          imageRepo.put(name, segs[i]);
          imageWhy.put(name, "its name names the repo " + segs[i]);
          break;
        }
      }
    }
    for (Map.Entry<String, List<String>> e : imageTags.entrySet()) {
      String name = e.getKey();
      List<String> tags = e.getValue();
      String owner = imageRepo.get(name);
      boolean versioned = tags.stream().anyMatch(t -> Texts.formatOf(t).isPresent());
      if (owner == null && !versioned) {
        if (!tags.isEmpty()) {
          draft.notModelled.add(
              "image "
                  + name
                  + " is named only at "
                  + String.join(", ", distinct(tags))
                  + ": no version to pin");
        }
        continue;
      }
      DArtifact a = new DArtifact();
      a.kind = "image";
      a.name = name;
      a.repo = owner;
      String last = name.substring(name.lastIndexOf('/') + 1);
      String prev = name.split("/")[Math.max(0, name.split("/").length - 2)];
      a.id = draft.uniqueId(last + "-image", prev);
      a.why.add(
          owner == null
              ? "named with a version tag in files, built elsewhere"
              : imageWhy.get(name));
      long v = tags.stream().filter(t -> t.startsWith("v")).count();
      long plain =
          tags.stream().filter(t -> !t.isEmpty() && Character.isDigit(t.charAt(0))).count();
      a.tag = v > plain ? "v{version}" : "{version}";
      draft.artifacts.add(a);
      images.put(name, a);
      components.putIfAbsent(Texts.norm(last), a.id);
      tags.stream()
          .filter(t -> !t.startsWith("@") && Texts.formatOf(t).isEmpty())
          .distinct()
          .forEach(
              t ->
                  draft.notModelled.add(
                      "image "
                          + name
                          + ":"
                          + t
                          + ": '"
                          + t
                          + "' is no version (floating or free text)"));
    }
  }

  private static List<String> distinct(List<String> xs) {
    return xs.stream().distinct().toList();
  }

  private static String expand(String value, Map<String, String> vars) {
    String v = value;
    for (int i = 0; i < 5 && v.contains("$("); i++) {
      Matcher m = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(v);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "$?")));
      }
      m.appendTail(sb);
      v = sb.toString();
    }
    return v;
  }

  private static boolean isRegistryName(String v) {
    return v.matches("[a-z0-9.-]+\\.[a-z]{2,}(?::\\d+)?(/[a-z0-9._-]+)+")
        && !CODE_HOSTS.contains(v.substring(0, v.indexOf('/')));
  }

  // ------------------------------------------------------------------ chart publish paths

  private static final Pattern HELM_PUSH =
      Pattern.compile("helm\\s+push\\s+(\\S+)\\s+oci://([\\w.-]+(?::\\d+)?(?:/[\\w.-]+)*)");

  private void publishPaths() {
    for (Checkout r : repos) {
      List<DArtifact> own = charts.values().stream().filter(c -> c.repo.equals(r.id)).toList();
      for (Map.Entry<String, String> f : r.files.entrySet()) {
        Matcher m = HELM_PUSH.matcher(f.getValue());
        while (m.find()) {
          for (DArtifact c : own) {
            String name = chartName.get(c.id);
            if (c.publish == null && (m.group(1).contains(name + "-") || own.size() == 1)) {
              c.publish = "oci://" + m.group(2) + "/" + name;
              c.why.add("published: " + f.getKey() + " runs helm push to oci://" + m.group(2));
            }
          }
        }
      }
    }
    // Charts named elsewhere by their OCI path, or as a dependency with a repository.
    for (Checkout r : repos) {
      for (Map.Entry<String, String> f : r.files.entrySet()) {
        Matcher m = OCI.matcher(f.getValue());
        while (m.find()) {
          String p = m.group(1);
          String last = p.substring(p.lastIndexOf('/') + 1);
          for (DArtifact c : charts.values()) {
            if (c.publish == null && chartName.get(c.id).equals(last)) {
              c.publish = "oci://" + p;
              c.why.add(
                  "published at oci://" + p + ", as " + r.id + "/" + f.getKey() + " names it");
            }
          }
        }
        if (f.getKey().endsWith("Chart.yaml")) {
          Matcher d =
              Pattern.compile(
                      "(?m)^- name: (\\S+)\\n(?:  .*\\n)*?  repository: ['\"]?(oci://\\S+?)['\"]?$")
                  .matcher(f.getValue());
          while (d.find()) {
            for (DArtifact c : charts.values()) {
              if (c.publish == null && chartName.get(c.id).equals(d.group(1))) {
                c.publish = d.group(2) + "/" + d.group(1);
                c.why.add(
                    "published at " + c.publish + ", as the dependency in " + f.getKey() + " says");
              }
            }
          }
        }
      }
    }
    for (DArtifact c : charts.values()) {
      if (c.publish != null) {
        chartsByOci.put(c.publish.substring("oci://".length()), c);
      }
    }
  }

  private void components() {
    for (String id : byId.keySet()) {
      components.put(Texts.norm(id), id);
    }
    // Pin files: a JSON object of versions whose keys name nothing known yet.
    for (Checkout r : repos) {
      for (Map.Entry<String, String> f : r.files.entrySet()) {
        if (f.getKey().endsWith(".json")) {
          pinKeys(r, f.getKey(), f.getValue());
        }
      }
    }
  }

  private void pinKeys(Checkout r, String path, String text) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (Exception e) {
      return;
    }
    if (root == null || !root.isObject()) {
      return;
    }
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    root.fields().forEachRemaining(fields::add);
    long versions =
        fields.stream()
            .filter(e -> e.getValue().isValueNode())
            .filter(e -> Texts.formatOf(e.getValue().asText()).isPresent())
            .count();
    if (versions < 2) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : fields) {
      String key = e.getKey();
      String n = Texts.norm(key);
      if (!e.getValue().isValueNode()
          || Texts.formatOf(e.getValue().asText()).isEmpty()
          || n.isEmpty()
          || components.containsKey(n)) {
        continue;
      }
      Optional<String> image =
          imageTags.keySet().stream()
              .filter(
                  name -> {
                    String[] segs = name.split("/");
                    return Texts.norm(segs[segs.length - 1]).equals(n)
                        || segs.length > 2 && Texts.norm(segs[segs.length - 2]).equals(n);
                  })
              .findFirst();
      if (image.isPresent() && !images.containsKey(image.get())) {
        DArtifact a = new DArtifact();
        a.kind = "image";
        a.name = image.get();
        a.id = draft.uniqueId(n + "-image", null);
        a.tag = e.getValue().asText().startsWith("v") ? "v{version}" : "{version}";
        a.why.add("pinned as '" + key + "' in " + r.id + "/" + path + ", the image " + image.get());
        draft.artifacts.add(a);
        images.put(image.get(), a);
        components.put(n, a.id);
        continue;
      }
      Optional<DArtifact> chart = externalChartNamed(r, n);
      if (chart.isPresent()) {
        components.put(n, chart.get().id);
        continue;
      }
      draft.notModelled.add(
          r.id
              + "/"
              + path
              + ": '"
              + key
              + "' is pinned at "
              + e.getValue().asText()
              + ", but no image or chart of that name was found");
    }
  }

  private static final Pattern CHART_NAME_LINE =
      Pattern.compile("(?i)chart\\w*[\"']?\\s*[=:]\\s*[\"']([A-Za-z0-9_.-]+)[\"']");
  private static final Pattern URL = Pattern.compile("[\"'](https://[^\\s\"']+)[\"']");

  /** A Helm chart whose name matches a pin key, named in code with its repository URL. */
  private Optional<DArtifact> externalChartNamed(Checkout r, String n) {
    for (Map.Entry<String, String> f : r.files.entrySet()) {
      List<String> lines = f.getValue().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = CHART_NAME_LINE.matcher(lines.get(i));
        if (!m.find() || !Texts.norm(m.group(1)).equals(n)) {
          continue;
        }
        String repository = null;
        for (int j = Math.max(0, i - 3);
            j < Math.min(lines.size(), i + 4) && repository == null;
            j++) {
          Matcher u = URL.matcher(lines.get(j));
          if (u.find() && lines.get(j).toLowerCase().matches(".*(repo|url|chart).*")) {
            repository = u.group(1);
          }
        }
        DArtifact c = new DArtifact();
        c.kind = "chart";
        c.id =
            draft.uniqueId(m.group(1).endsWith("chart") ? m.group(1) : m.group(1) + "-chart", null);
        c.externalChart = m.group(1);
        c.externalRepository = repository;
        c.why.add(
            "a Helm chart named in "
                + r.id
                + "/"
                + f.getKey()
                + ":"
                + (i + 1)
                + ", pinned in a pin file");
        draft.artifacts.add(c);
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ places

  private void places(Checkout r, String path, String text) {
    if (isTemplate(r, path)) {
      return;
    }
    String lower = path.toLowerCase();
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      Optional<YamlScan.Parsed> p = YamlScan.parse(text);
      if (p.isPresent()) {
        yamlPlaces(r, path, p.get());
      }
    } else if (lower.endsWith(".json")) {
      jsonPlaces(r, path, text);
    }
    textPlaces(r, path, text);
  }

  private boolean isTemplate(Checkout r, String path) {
    for (DArtifact c : charts.values()) {
      if (c.repo.equals(r.id)
          && path.startsWith(c.path.equals(".") ? "templates/" : c.path + "/templates/")) {
        return true;
      }
    }
    return false;
  }

  private Optional<DArtifact> chartOf(Checkout r, String path) {
    for (DArtifact c : charts.values()) {
      String dir = c.path.equals(".") ? "" : c.path + "/";
      if (c.repo.equals(r.id)
          && path.startsWith(dir)
          && !path.substring(dir.length()).contains("/")) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private void yamlPlaces(Checkout r, String path, YamlScan.Parsed p) {
    Optional<DArtifact> chart = chartOf(r, path);
    boolean chartYaml = path.endsWith("Chart.yaml") && chart.isPresent();
    for (YamlScan.Scalar s : p.scalars()) {
      String v = s.value();
      Integer doc = p.documents() > 1 ? s.document() : null;
      if (chartYaml) {
        if (s.path().matches("\\.dependencies\\[.*]\\.version")) {
          dependency(r, path, chart.get(), p, s);
        }
        continue;
      }
      Optional<String> fmt = Texts.formatOf(v);
      // 1. a values key a template of the chart uses for a version
      if (chart.isPresent()) {
        String link = valueLinks.get(r.id + "|" + chart.get().path + "|" + s.path());
        if (link != null) {
          String target =
              link.startsWith("oci:") ? chartTarget(link.substring(4), null) : imageTarget(link);
          if (target != null && fmt.isPresent()) {
            yaml(
                r,
                path,
                s,
                doc,
                target,
                fmt.get(),
                "the chart's templates use " + s.path() + " as the version of " + link,
                false);
            continue;
          } else if (target != null) {
            draft.notModelled.add(
                r.id
                    + "/"
                    + path
                    + ":"
                    + s.line()
                    + ": "
                    + s.path()
                    + " is '"
                    + v
                    + "', not a version of "
                    + link);
            continue;
          }
        }
      }
      // 2. a whole image reference
      Matcher im = Pattern.compile("^(\\S+?):([^:@\\s]+(?:@sha256:[a-f0-9]{64})?)$").matcher(v);
      if (im.matches() && images.containsKey(im.group(1))) {
        Optional<String> tf = Texts.formatOf(im.group(2));
        if (tf.isPresent()) {
          yaml(
              r,
              path,
              s,
              doc,
              images.get(im.group(1)).id,
              im.group(1) + ":" + tf.get(),
              "names the image " + im.group(1),
              false);
          continue;
        }
      }
      if (fmt.isEmpty()) {
        continue;
      }
      // 3. --version after an oci:// chart in an argument list
      if (s.index() > 0 && "--version".equals(s.siblings().get(s.index() - 1))) {
        String oci = null;
        for (int i = 0; i < s.index(); i++) {
          String x = s.siblings().get(i);
          if (x != null && x.startsWith("oci://")) {
            oci = x.substring(6);
          }
        }
        if (oci != null) {
          String target = chartTarget(oci, v);
          if (target != null) {
            yaml(r, path, s, doc, target, fmt.get(), "--version of oci://" + oci, true);
            continue;
          }
        }
      }
      // 4. repository: NAME next to tag: X
      if ("tag".equals(s.key()) && s.parent() != null) {
        String repo = YamlScan.field(s.parent(), "repository");
        if (repo != null && images.containsKey(repo)) {
          yaml(
              r,
              path,
              s,
              doc,
              images.get(repo).id,
              fmt.get(),
              "the tag next to repository: " + repo,
              false);
          continue;
        }
      }
      // 5. a key that names something known
      if (s.key() != null) {
        String target = components.get(Texts.norm(s.key()));
        if (target != null && !Texts.norm(s.key()).isEmpty()) {
          yaml(
              r, path, s, doc, target, fmt.get(), "the key " + s.key() + " names " + target, false);
          continue;
        }
        // 6. the repo's own release under a key that says version or release
        if (s.key().toLowerCase().matches(".*(version|release).*")
            && Texts.versionOf(v).map(r.releases::contains).orElse(false)) {
          yaml(
              r,
              path,
              s,
              doc,
              r.id,
              fmt.get(),
              "the key " + s.key() + " holds a release of " + r.id,
              false);
        }
      }
    }
  }

  private void dependency(
      Checkout r, String path, DArtifact chart, YamlScan.Parsed p, YamlScan.Scalar s) {
    String depName = s.path().replaceAll("^\\.dependencies\\[name=([^\\]]+)]\\.version$", "$1");
    if (depName.equals(s.path()) || Texts.formatOf(s.value()).isEmpty()) {
      draft.notModelled.add(
          r.id
              + "/"
              + path
              + ":"
              + s.line()
              + ": dependency "
              + s.path()
              + " = '"
              + s.value()
              + "' (no exact version)");
      return;
    }
    String repository = YamlScan.field(s.parent(), "repository");
    String target = null;
    for (DArtifact c : charts.values()) {
      if (chartName.get(c.id).equals(depName) && c != chart) {
        target = c.id;
      }
    }
    if (target == null) {
      String oci =
          repository != null && repository.startsWith("oci://")
              ? repository.substring(6) + "/" + depName
              : null;
      target =
          oci != null
              ? chartTarget(oci, s.value())
              : externalChart(repository, depName, "a dependency in " + r.id + "/" + path);
    }
    if (target == null) {
      return;
    }
    if (!chart.dependencies.contains(target)) {
      chart.dependencies.add(target);
    }
    yaml(
        r,
        path,
        s,
        null,
        target,
        Texts.formatOf(s.value()).get(),
        "a dependency of the chart",
        true);
  }

  /** The chart of the graph published at an OCI path: ours, or a new external one. */
  private String chartTarget(String oci, String version) {
    DArtifact ours = chartsByOci.get(oci);
    if (ours != null) {
      return ours.id;
    }
    int slash = oci.lastIndexOf('/');
    return externalChart(
        "oci://" + oci.substring(0, slash), oci.substring(slash + 1), "named as oci://" + oci);
  }

  private String externalChart(String repository, String name, String why) {
    for (DArtifact a : draft.artifacts) {
      if ("chart".equals(a.kind)
          && a.repo == null
          && name.equals(a.externalChart)
          && java.util.Objects.equals(repository, a.externalRepository)) {
        return a.id;
      }
    }
    DArtifact c = new DArtifact();
    c.kind = "chart";
    c.id = draft.uniqueId(name.endsWith("chart") ? name : name + "-chart", null);
    c.externalChart = name;
    c.externalRepository = repository;
    c.why.add("an external chart, " + why);
    draft.artifacts.add(c);
    return c.id;
  }

  private String imageTarget(String name) {
    DArtifact a = images.get(name);
    return a == null ? null : a.id;
  }

  private void yaml(
      Checkout r,
      String path,
      YamlScan.Scalar s,
      Integer doc,
      String target,
      String format,
      String why,
      boolean direct) {
    DLoc l = new DLoc();
    l.file = path;
    l.yaml = s.path();
    l.document = doc;
    l.format = format;
    l.lines.add(s.line());
    l.values.add(s.value());
    claimed.computeIfAbsent(r.id + "|" + path, k -> new HashSet<>()).add(s.line());
    cands.add(new Cand(r, path, target, l, why, direct));
  }

  private void jsonPlaces(Checkout r, String path, String text) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (Exception e) {
      return;
    }
    if (root != null) {
      json(r, path, text, root, "", null);
    }
  }

  private void json(Checkout r, String path, String text, JsonNode n, String pointer, String key) {
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e ->
                  json(
                      r,
                      path,
                      text,
                      e.getValue(),
                      pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"),
                      e.getKey()));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        json(r, path, text, n.get(i), pointer + "/" + i, null);
      }
    } else if (key != null && n.isValueNode()) {
      String v = n.asText();
      Optional<String> fmt = Texts.formatOf(v);
      if (fmt.isEmpty()) {
        return;
      }
      String target = null;
      String why = null;
      if (images.containsKey(key)) {
        target = images.get(key).id;
        why = "the key is the image " + key;
      } else if (key.contains("/") && byId.containsKey(key.substring(key.lastIndexOf('/') + 1))) {
        target = key.substring(key.lastIndexOf('/') + 1);
        why = "the key names the repo " + target;
      } else if (!Texts.norm(key).isEmpty() && components.containsKey(Texts.norm(key))) {
        target = components.get(Texts.norm(key));
        why = "the key " + key + " names " + target;
      }
      if (target == null) {
        return;
      }
      DLoc l = new DLoc();
      l.file = path;
      l.json = pointer;
      l.format = fmt.get();
      int line = lineOfJsonKey(text, key);
      l.lines.add(line);
      l.values.add(v);
      cands.add(new Cand(r, path, target, l, why, false));
    }
  }

  private static int lineOfJsonKey(String text, String key) {
    int at = text.indexOf("\"" + key + "\"");
    return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private void textPlaces(Checkout r, String path, String text) {
    String base = path.substring(path.lastIndexOf('/') + 1);
    if (base.equals("Chart.yaml")) {
      return;
    }
    String lower = path.toLowerCase();
    boolean structured =
        lower.endsWith(".json")
            || ((lower.endsWith(".yaml") || lower.endsWith(".yml"))
                && YamlScan.parse(text).isPresent());
    boolean code = lower.matches(".*\\.(py|go|ts|js|rb|java|kt|rs)$");
    Set<Integer> taken = claimed.getOrDefault(r.id + "|" + path, Set.of());
    List<String> lines = text.lines().toList();
    Map<String, Cand> found = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (taken.contains(i + 1)) {
        continue;
      }
      // a. NAME:TAG of a known image
      Matcher m = IMAGE.matcher(line);
      while (m.find()) {
        DArtifact img = images.get(m.group(1));
        if (img == null
            || m.group(2) == null
            || m.group(2).startsWith(":{")
            || m.group(2).equals(":$")) {
          continue;
        }
        String tag =
            m.group(2).substring(1).replaceAll("\\.+$", "")
                + (m.group(3) == null ? "" : m.group(3));
        Optional<String> fmt = Texts.formatOf(tag);
        if (fmt.isPresent()) {
          regex(
              found,
              r,
              path,
              img.id,
              Texts.quote(m.group(1)) + ":" + Texts.capture(fmt.get()),
              fmt.get(),
              "names the image " + m.group(1),
              false);
        }
      }
      // b. oci://CHART ... --version X
      m = OCI.matcher(line);
      while (m.find()) {
        Matcher v =
            Pattern.compile("--version[= ]+[\"']?(v?[0-9][A-Za-z0-9._+-]*[A-Za-z0-9])")
                .matcher(line);
        if (v.find(m.end())) {
          Optional<String> fmt = Texts.formatOf(v.group(1));
          String target = fmt.isPresent() ? chartTarget(m.group(1), v.group(1)) : null;
          if (target != null) {
            regex(
                found,
                r,
                path,
                target,
                Texts.quote(m.group(1))
                    + "[\\s\"'][^\\n]*?--version[= ][\"']?"
                    + Texts.capture(fmt.get()),
                fmt.get(),
                "--version of oci://" + m.group(1),
                true);
          }
        }
      }
      // c. release downloads of a checked-out repo, and their asset names
      for (String repo : byId.keySet()) {
        Matcher d =
            Pattern.compile("/" + Pattern.quote(repo) + "/releases/download/(v?[0-9][^/\\s]*)/")
                .matcher(line);
        if (d.find() && Texts.formatOf(d.group(1)).isPresent()) {
          String fmt = Texts.formatOf(d.group(1)).get();
          regex(
              found,
              r,
              path,
              repo,
              Texts.quote(repo) + "/releases/download/" + Texts.capture(fmt) + "/",
              fmt,
              "a release download of " + repo,
              false);
        }
        Matcher a =
            Pattern.compile("(?<![\\w-])" + Pattern.quote(repo) + "_(v?[0-9][^_\\s/]*)_")
                .matcher(line);
        if (a.find() && Texts.formatOf(a.group(1)).isPresent()) {
          String fmt = Texts.formatOf(a.group(1)).get();
          String prefix = fmt.substring(0, fmt.indexOf("{version}"));
          regex(
              found,
              r,
              path,
              repo,
              Texts.quote(repo) + "_(?<version>" + Texts.quote(prefix) + "[0-9][^_\\s/]*)_",
              fmt,
              "a release asset of " + repo,
              false);
        }
      }
      // d. go.mod requires of another checkout's module
      if (base.equals("go.mod")) {
        for (Map.Entry<String, String> mod : goModules.entrySet()) {
          Matcher g =
              Pattern.compile("^\\s*(require\\s+)?" + Pattern.quote(mod.getKey()) + "\\s+(v\\S+)")
                  .matcher(line);
          if (g.find() && !mod.getValue().equals(r.id) && Texts.formatOf(g.group(2)).isPresent()) {
            regex(
                found,
                r,
                path,
                mod.getValue(),
                "^\\s*"
                    + (g.group(1) == null ? "" : "require\\s+")
                    + Texts.quote(mod.getKey())
                    + " (?<version>v\\S+)$",
                "v{version}",
                "requires the Go module of " + mod.getValue(),
                false);
          }
        }
        continue;
      }
      // e. versioned docs sites of a checkout
      for (Map.Entry<String, String> site : docSites.entrySet()) {
        Matcher s =
            Pattern.compile(Pattern.quote(site.getKey()) + "/([A-Za-z._-]*[0-9][^/\\s]*)/")
                .matcher(line);
        if (s.find() && Texts.formatOf(s.group(1)).isPresent()) {
          String fmt = Texts.formatOf(s.group(1)).get();
          regex(
              found,
              r,
              path,
              site.getValue(),
              Texts.quote(site.getKey()) + "/" + Texts.capture(fmt) + "/",
              fmt,
              "a page of the versioned docs site of " + site.getValue(),
              false);
        }
      }
      // f. KEY=VERSION assignments whose key names something known
      m = ASSIGN.matcher(line);
      if (!structured && m.find()) {
        String key = m.group(3).replaceAll("[\"']", "");
        String n = Texts.norm(key);
        String target = n.isEmpty() ? (code ? fromFolders(path) : null) : components.get(n);
        Optional<String> fmt = Texts.formatOf(m.group(5));
        String why = "the name " + key + " names " + target;
        if (target == null
            && key.toLowerCase().matches(".*(version|release).*")
            && Texts.versionOf(m.group(5)).map(r.releases::contains).orElse(false)) {
          target = r.id;
          why = key + " holds a release of " + r.id;
        }
        if (target != null && fmt.isPresent()) {
          String before = line.substring(m.group(1).length(), m.start(5));
          regex(
              found,
              r,
              path,
              target,
              "^\\s*" + Texts.quote(before) + "(?<version>[^\\s\"',]+)",
              fmt.get(),
              why,
              false);
        }
      }
    }
    for (Cand c : found.values()) {
      if (c.loc().lines.stream().noneMatch(taken::contains)) {
        cands.add(c);
      }
    }
  }

  /** The nearest folder whose name names something known ({@code modules/cert_manager/...}). */
  private String fromFolders(String path) {
    String[] segs = path.split("/");
    for (int i = segs.length - 2; i >= 0; i--) {
      String t = components.get(Texts.norm(segs[i]));
      if (t != null && !Texts.norm(segs[i]).isEmpty()) {
        return t;
      }
    }
    return null;
  }

  private void regex(
      Map<String, Cand> found,
      Checkout r,
      String path,
      String target,
      String regex,
      String format,
      String why,
      boolean direct) {
    String key = target + "|" + regex;
    if (found.containsKey(key)) {
      return;
    }
    DLoc l = new DLoc();
    l.file = path;
    l.regex = regex;
    l.format = format;
    com.google.re2j.Matcher m =
        com.google.re2j.Pattern.compile("(?m)" + regex).matcher(r.files.get(path));
    String text = r.files.get(path);
    while (m.find()) {
      if (m.group("version") == null) {
        continue;
      }
      l.lines.add(
          (int) text.substring(0, m.start("version")).chars().filter(c -> c == '\n').count() + 1);
      l.values.add(m.group("version"));
    }
    if (l.lines.isEmpty()) {
      return;
    }
    l.count = l.lines.size();
    found.put(key, new Cand(r, path, target, l, why, direct));
  }

  /** A chart whose templates run an image at {{ .Chart.AppVersion }} uses it at its appVersion. */
  private void chartSelfUses() {
    for (Map.Entry<String, DArtifact> e : charts.entrySet()) {
      DArtifact c = e.getValue();
      String name = valueLinks.get(c.repo + "|" + c.path + "|appVersion");
      DArtifact img = name == null ? null : images.get(name);
      if (img == null || c.appVersion == null) {
        continue;
      }
      DRef ref = new DRef();
      ref.to = img.id;
      ref.placeholder = c.appPlaceholder;
      DLoc l = new DLoc();
      l.chart = "appVersion";
      ref.at.add(l);
      ref.why = "its templates run " + name + ":{{ .Chart.AppVersion }}";
      c.uses.add(ref);
    }
  }

  List<Cand> cands() {
    return cands;
  }

  Map<String, Checkout> checkouts() {
    return byId;
  }

  Map<String, String> chartNames() {
    return chartName;
  }

  static <T> Map<T, Long> counts(List<T> xs) {
    return xs.stream().collect(Collectors.groupingBy(x -> x, TreeMap::new, Collectors.counting()));
  }

  static final Comparator<Cand> ORDER =
      Comparator.comparing((Cand c) -> c.file())
          .thenComparing(c -> c.loc().lines.isEmpty() ? 0 : c.loc().lines.get(0));

  static MappingNode none() {
    return null;
  }
}
