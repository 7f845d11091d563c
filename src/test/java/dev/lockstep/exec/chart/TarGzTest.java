package dev.lockstep.exec.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.oci.TarArchive;
import dev.lockstep.testing.LayerListing;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

  @TempDir Path tmp;

  @Test
  void roundTripsShortPrefixedPaxAndNonAsciiNamesReadableByGnuTar() throws Exception {
    String prefixed = "c/" + "d".repeat(120) + "/file.yaml"; // ustar prefix + name
    String pax = "c/" + "x".repeat(130) + ".yaml"; // no '/' split fits: pax record
    String unicode = "c/templates/größe-✓.yaml"; // non-ASCII: pax record
    List<TarArchive.Entry> entries =
        List.of(
            new TarArchive.Entry(unicode, false, "u".getBytes(StandardCharsets.UTF_8)),
            new TarArchive.Entry(pax, false, new byte[1000]),
            new TarArchive.Entry("c/run.sh", true, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)),
            new TarArchive.Entry(prefixed, false, new byte[0]),
            new TarArchive.Entry(
                "c/Chart.yaml",
                false,
                "name: c\nversion: 1.0.0\n".getBytes(StandardCharsets.UTF_8)));
    byte[] archive = TarGz.write(entries);

    List<TarArchive.Entry> read = TarArchive.read(new ByteArrayInputStream(archive));
    List<String> expectedOrder = entries.stream().map(TarArchive.Entry::path).sorted().toList();
    assertEquals(expectedOrder, read.stream().map(TarArchive.Entry::path).toList());
    assertArrayEquals(
        new byte[1000],
        read.stream().filter(e -> e.path().equals(pax)).findFirst().orElseThrow().content());
    assertEquals(new ChartMetadata("c", "1.0.0"), ChartMetadata.of(read, "test"));
    assertArrayEquals(archive, TarGz.write(read), "writing what was read is a fixed point");

    Path file = tmp.resolve("c.tgz");
    Files.write(file, archive);
    List<String> listed = LayerListing.ofTgz(file);
    assertEquals(
        expectedOrder, listed.stream().map(l -> l.substring(l.indexOf(" c/") + 1)).toList());
    assertEquals(
        "-rwxr-xr-x 0/0 1970-01-01 00:00:00 c/run.sh",
        listed.stream().filter(l -> l.endsWith("run.sh")).findFirst().orElseThrow());
  }
}
