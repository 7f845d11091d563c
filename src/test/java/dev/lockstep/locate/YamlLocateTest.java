package dev.lockstep.locate;

import static dev.lockstep.locate.Places.assertSpan;
import static dev.lockstep.locate.Places.locate;
import static dev.lockstep.locate.Places.only;
import static dev.lockstep.locate.Places.startOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML locators over real files: the span of each value is exact, whatever the YAML style. */
class YamlLocateTest {
  @TempDir Path repo;

  @Test
  void blockMappingPlainScalar() throws Exception {
    String text = "image:\n  repository: ghcr.io/example/app\n  tag: 1.2.3\nreplicas: 2\n";
    Place s = only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.tag }"));
    assertSpan(s, text, startOf(text, "tag: 1.2.3", "1.2.3"), "1.2.3");
    assertEquals(Place.Style.PLAIN, s.style());
    assertTrue(s.isSpliceable());
  }

  @Test
  void flowMapping() throws Exception {
    String text = "image: { repository: ghcr.io/example/app, tag: 1.2.3, pullPolicy: Always }\n";
    Place s = only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.tag }"));
    assertSpan(s, text, startOf(text, "tag: 1.2.3", "1.2.3"), "1.2.3");
    assertEquals(Place.Style.PLAIN, s.style());
  }

  @Test
  void singleQuotedSpanIsInsideTheQuotes() throws Exception {
    String text = "image:\n  tag: 'v1.2.3'\n";
    Place s = only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.tag }"));
    assertSpan(s, text, startOf(text, "'v1.2.3'", "v1.2.3"), "v1.2.3");
    assertEquals(Place.Style.SINGLE_QUOTED, s.style());
    assertEquals('\'', text.charAt(s.start() - 1));
    assertEquals('\'', text.charAt(s.end()));
  }

  @Test
  void doubleQuotedSpanIsInsideTheQuotes() throws Exception {
    String text = "image:\n  tag: \"1.2.3\"\n";
    Place s = only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.tag }"));
    assertSpan(s, text, startOf(text, "\"1.2.3\"", "1.2.3"), "1.2.3");
    assertEquals(Place.Style.DOUBLE_QUOTED, s.style());
    assertTrue(s.isSpliceable());
  }

  @Test
  void commentAfterTheValueIsNotPartOfIt() throws Exception {
    String text = "version: 1.2.3   # bumped by lockstep\nappVersion: \"2.0.0\" # quoted\n";
    Place plain = only(locate(repo, "Chart.yaml", text, "{ file: Chart.yaml, yaml: .version }"));
    assertSpan(plain, text, startOf(text, "version: 1.2.3", "1.2.3"), "1.2.3");
    Place quoted =
        only(locate(repo, "Chart.yaml", text, "{ file: Chart.yaml, yaml: .appVersion }"));
    assertSpan(quoted, text, startOf(text, "\"2.0.0\"", "2.0.0"), "2.0.0");
  }

  @Test
  void sequenceIndex() throws Exception {
    String text = "versions:\n  - 0.1.0\n  - 1.2.3\n  - 2.0.0\n";
    Place s = only(locate(repo, "pins.yaml", text, "{ file: pins.yaml, yaml: '.versions[1]' }"));
    assertSpan(s, text, startOf(text, "- 1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void sequenceIndexPastTheEndFindsNothing() throws Exception {
    String text = "versions:\n  - 0.1.0\n";
    Locate.Found found =
        locate(repo, "pins.yaml", text, "{ file: pins.yaml, yaml: '.versions[5]' }");
    assertEquals(List.of(), found.places());
  }

  @Test
  void keyValueSelector() throws Exception {
    String text =
        """
        dependencies:
          - name: redis
            version: 17.0.0
          - name: ocm-status-addon
            version: 0.2.0
            repository: oci://ghcr.io/kubestellar
        """;
    Place s =
        only(
            locate(
                repo,
                "Chart.yaml",
                text,
                "{ file: Chart.yaml, yaml: '.dependencies[name=ocm-status-addon].version' }"));
    assertSpan(s, text, startOf(text, "version: 0.2.0", "0.2.0"), "0.2.0");
  }

  @Test
  void quotedKeyWithAColon() throws Exception {
    String text = "charts:\n  kargo: 9.9.9\n  kargo:kubevirt: 0.3.0\n";
    Place s =
        only(
            locate(
                repo,
                "pins.yaml",
                text,
                "{ file: pins.yaml, yaml: '.charts[\"kargo:kubevirt\"]' }"));
    assertSpan(s, text, startOf(text, "kargo:kubevirt: 0.3.0", "0.3.0"), "0.3.0");
  }

  @Test
  void quotedKeyWithADot() throws Exception {
    String text = "annotations:\n  app.kubernetes.io/version: 1.2.3\n";
    Place s =
        only(
            locate(
                repo,
                "meta.yaml",
                text,
                "{ file: meta.yaml, yaml: \".annotations['app.kubernetes.io/version']\" }"));
    assertSpan(s, text, startOf(text, "version: 1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void mergeKeyFindsTheValueWhereItIsWritten() throws Exception {
    String text =
        """
        defaults: &defaults
          tag: 1.2.3
          pullPolicy: IfNotPresent
        image:
          <<: *defaults
          repository: ghcr.io/example/app
        """;
    Place s = only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.tag }"));
    assertSpan(s, text, startOf(text, "tag: 1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void ownKeyWinsOverAMergedOne() throws Exception {
    String text =
        """
        defaults: &defaults
          tag: 1.0.0
        image:
          <<: *defaults
          tag: 2.0.0
        """;
    Place s = only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.tag }"));
    assertSpan(s, text, startOf(text, "tag: 2.0.0", "2.0.0"), "2.0.0");
  }

  @Test
  void anAliasReachingTheSameNodeTwiceIsOnePlace() throws Exception {
    String text =
        """
        images:
          - &core { name: core, tag: 1.2.3 }
          - *core
        """;
    Place s =
        only(
            locate(
                repo,
                "images.yaml",
                text,
                "{ file: images.yaml, yaml: '.images[name=core].tag' }"));
    assertSpan(s, text, startOf(text, "tag: 1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void anAliasedScalarIsFoundAtItsAnchor() throws Exception {
    String text = "base: &v 1.2.3\ncopy: *v\n";
    Place s = only(locate(repo, "v.yaml", text, "{ file: v.yaml, yaml: .copy }"));
    assertSpan(s, text, startOf(text, "&v 1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void anAnchoredScalarSpanExcludesTheAnchor() throws Exception {
    String text = "base: &v 1.2.3\ncopy: *v\n";
    Place s = only(locate(repo, "v.yaml", text, "{ file: v.yaml, yaml: .base }"));
    assertSpan(s, text, startOf(text, "&v 1.2.3", "1.2.3"), "1.2.3");
    assertTrue(s.isSpliceable());
  }

  @Test
  void aTaggedScalarSpanExcludesTheTag() throws Exception {
    String text = "version: !!str 1.2.3\nquoted: !!str \"2.0.0\"\n";
    Place plain = only(locate(repo, "v.yaml", text, "{ file: v.yaml, yaml: .version }"));
    assertSpan(plain, text, startOf(text, "!!str 1.2.3", "1.2.3"), "1.2.3");
    Place quoted = only(locate(repo, "v.yaml", text, "{ file: v.yaml, yaml: .quoted }"));
    assertSpan(quoted, text, startOf(text, "\"2.0.0\"", "2.0.0"), "2.0.0");
  }

  private static final String MULTI =
      """
      apiVersion: apps/v1
      kind: Deployment
      spec:
        version: 1.0.0
      ---
      apiVersion: batch/v1
      kind: Job
      spec:
        version: 2.0.0
      """;

  @Test
  void multiDocumentWithoutSelectorSearchesEveryDocument() throws Exception {
    Locate.Found found =
        locate(repo, "hook.yaml", MULTI, "{ file: hook.yaml, yaml: .spec.version, count: 2 }");
    assertEquals(2, found.places().size(), found::toString);
    assertSpan(found.places().get(0), MULTI, startOf(MULTI, "version: 1.0.0", "1.0.0"), "1.0.0");
    assertSpan(found.places().get(1), MULTI, startOf(MULTI, "version: 2.0.0", "2.0.0"), "2.0.0");
  }

  @Test
  void multiDocumentByIndex() throws Exception {
    Place s =
        only(
            locate(
                repo, "hook.yaml", MULTI, "{ file: hook.yaml, yaml: .spec.version, document: 1 }"));
    assertSpan(s, MULTI, startOf(MULTI, "version: 2.0.0", "2.0.0"), "2.0.0");
  }

  @Test
  void multiDocumentByField() throws Exception {
    Place s =
        only(
            locate(
                repo,
                "hook.yaml",
                MULTI,
                "{ file: hook.yaml, yaml: .spec.version, document: kind=Job }"));
    assertSpan(s, MULTI, startOf(MULTI, "version: 2.0.0", "2.0.0"), "2.0.0");
  }

  @Test
  void multiDocumentWithALeadingSeparator() throws Exception {
    String text =
        "---\nkind: Deployment\nspec: { version: 1.0.0 }\n---\nkind: Job\nspec: { version: 2.0.0 }\n";
    Place s =
        only(
            locate(
                repo, "hook.yaml", text, "{ file: hook.yaml, yaml: .spec.version, document: 0 }"));
    assertSpan(s, text, startOf(text, "version: 1.0.0", "1.0.0"), "1.0.0");
  }

  @Test
  void missingDocumentIsANote() throws Exception {
    Locate.Found found =
        locate(repo, "hook.yaml", MULTI, "{ file: hook.yaml, yaml: .spec.version, document: 7 }");
    assertEquals(List.of(), found.places());
    assertEquals(1, found.notes().size(), found::toString);
    assertTrue(found.notes().get(0).contains("7"), found.notes()::toString);
  }

  @Test
  void negativeDocumentIndexIsRefusedByTheLoaderNotACrash() {
    dev.lockstep.model.BadInputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.lockstep.model.BadInputException.class,
            () ->
                locate(
                    repo,
                    "hook.yaml",
                    MULTI,
                    "{ file: hook.yaml, yaml: .spec.version, document: -1 }"));
    assertTrue(e.getMessage().contains("negative"), e::getMessage);
  }

  @Test
  void mkdocsConfigWithPythonTags() throws Exception {
    String text =
        """
        site_name: KubeStellar
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
              emoji_generator: !!python/name:material.extensions.emoji.to_svg
        extra:
          ks_latest_regular_release: 0.29.0
        """;
    Place s =
        only(
            locate(
                repo,
                "docs/mkdocs.yml",
                text,
                "{ file: docs/mkdocs.yml, yaml: .extra.ks_latest_regular_release }"));
    assertSpan(s, text, startOf(text, "release: 0.29.0", "0.29.0"), "0.29.0");
  }

  @Test
  void crlfLineEndingsStayOutOfTheSpan() throws Exception {
    String text =
        "image:\r\n  repository: ghcr.io/example/app\r\n  tag: 1.2.3\r\nchart:\r\n  version: \"0.4.0\"\r\n";
    Place plain =
        only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.tag }"));
    assertSpan(plain, text, startOf(text, "tag: 1.2.3", "1.2.3"), "1.2.3");
    assertEquals('\r', text.charAt(plain.end()));
    Place quoted =
        only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .chart.version }"));
    assertSpan(quoted, text, startOf(text, "\"0.4.0\"", "0.4.0"), "0.4.0");
  }

  @Test
  void crlfWithoutFinalNewline() throws Exception {
    String text = "a: 1\r\nversion: 1.2.3";
    Place s = only(locate(repo, "v.yaml", text, "{ file: v.yaml, yaml: .version }"));
    assertSpan(s, text, startOf(text, "version: 1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void nonAsciiTextBeforeTheValue() throws Exception {
    String text = "# Größe — été\nname: \"Müller\"\nimage: { note: \"ñ\", tag: 1.2.3 }\n";
    Place s = only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.tag }"));
    assertSpan(s, text, startOf(text, "tag: 1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void emojiBeforeTheValueCountsAsTwoChars() throws Exception {
    // 🚀 is one code point but two Java chars; SnakeYAML counts code points.
    String text =
        "# 🚀 release 🚀🚀\nname: \"日本語 🚀\"\nimage: { note: \"🚀\", tag: \"1.2.3\" }\nafter: 🚀 9.9.9\nlast: 4.5.6\n";
    Place s = only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.tag }"));
    assertSpan(s, text, startOf(text, "tag: \"1.2.3\"", "1.2.3"), "1.2.3");
    assertEquals("1.2.3", s.file().text().substring(s.start(), s.end()));
    Place last = only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .last }"));
    assertSpan(last, text, startOf(text, "last: 4.5.6", "4.5.6"), "4.5.6");
  }

  @Test
  void emojiOnTheSameLineAsAPlainValue() throws Exception {
    String text = "labels: { icon: 🚀🚀, version: 1.2.3 }\n";
    Place s =
        only(locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .labels.version }"));
    assertSpan(s, text, startOf(text, "version: 1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void aPathThatReachesAMappingIsANoteNotASite() throws Exception {
    String text = "image:\n  repository: ghcr.io/example/app\n  tag: 1.2.3\n";
    Locate.Found found = locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image }");
    assertEquals(List.of(), found.places());
    assertEquals(1, found.notes().size(), found::toString);
    assertTrue(found.notes().get(0).contains("mapping"), found.notes()::toString);
    assertTrue(found.notes().get(0).contains("values.yaml:"), found.notes()::toString);
    assertTrue(found.notes().get(0).contains(".image"), found.notes()::toString);
  }

  @Test
  void aPathThatReachesASequenceIsANoteNotASite() throws Exception {
    String text = "tags:\n  - 1.2.3\n";
    Locate.Found found = locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .tags }");
    assertEquals(List.of(), found.places());
    assertEquals(1, found.notes().size(), found::toString);
    assertTrue(found.notes().get(0).contains("sequence"), found.notes()::toString);
  }

  @Test
  void aMissingKeyFindsNothing() throws Exception {
    String text = "image:\n  tag: 1.2.3\n";
    Locate.Found found =
        locate(repo, "values.yaml", text, "{ file: values.yaml, yaml: .image.version }");
    assertEquals(List.of(), found.places());
  }

  @Test
  void blockScalarIsFoundButNotSpliceable() throws Exception {
    String text = "notes: |\n  1.2.3\nnext: x\n";
    Place s = only(locate(repo, "v.yaml", text, "{ file: v.yaml, yaml: .notes }"));
    assertEquals(Place.Style.BLOCK, s.style());
    assertFalse(s.isSpliceable());
  }

  @Test
  void escapedValueIsFoundButNotSpliceable() throws Exception {
    String text = "tag: \"1.2.\\u0033\"\n";
    Place s = only(locate(repo, "v.yaml", text, "{ file: v.yaml, yaml: .tag }"));
    assertEquals("1.2.3", s.value());
    assertEquals("1.2.\\u0033", s.raw());
    assertEquals(s.raw(), text.substring(s.start(), s.end()));
    assertFalse(s.isSpliceable());
  }

  @Test
  void malformedYamlIsUnparsableWithItsLine() {
    String text = "a: 1\nb: [1, 2\nc: 3\n";
    LocateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            LocateException.class,
            () -> locate(repo, "bad.yaml", text, "{ file: bad.yaml, yaml: .a }"));
    assertEquals(LocateException.Reason.UNPARSABLE, e.reason());
    assertTrue(e.getMessage().startsWith("bad.yaml:"), e.getMessage());
  }
}
