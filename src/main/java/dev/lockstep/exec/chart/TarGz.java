package dev.lockstep.exec.chart;

import dev.lockstep.oci.TarArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Just enough tar to normalise a Helm chart archive ({@link TarArchive} reads it): writes sorted
 * ustar (pax only for over-long paths) with fixed times, owners and modes, gzipped with a zero
 * header timestamp. Regular files and directories only: Helm writes nothing else.
 */
final class TarGz {

  /** Fixed modification time of every entry: the Unix epoch (as SOURCE_DATE_EPOCH=0). */
  static final long MTIME = 0;

  private static final int BLOCK = 512;

  private TarGz() {}

  /**
   * Entries sorted by path, owner 0:0, mode 0644 (0755 for directories and executables), mtime
   * {@link #MTIME}.
   */
  static byte[] write(List<TarArchive.Entry> entries) throws IOException {
    List<TarArchive.Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(TarArchive.Entry::path));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // GZIPOutputStream writes MTIME 0 and no file name: the gzip header carries nothing variable.
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      for (TarArchive.Entry entry : sorted) {
        writeEntry(out, entry);
      }
      out.write(new byte[BLOCK * 2]);
    }
    return bytes.toByteArray();
  }

  private static void writeEntry(OutputStream out, TarArchive.Entry entry) throws IOException {
    String path = entry.isDirectory() ? entry.path() + "/" : entry.path();
    byte[] content = entry.isDirectory() ? new byte[0] : entry.content();
    String[] split = splitUstar(path);
    if (split == null) {
      byte[] record = paxRecord("path", path);
      writeHeader(out, "PaxHeaders/" + truncate(entry.path(), 80), "", 'x', 0644, record.length);
      writeData(out, record);
      split = new String[] {"", truncate(path, 100)};
    }
    int mode = entry.isDirectory() || entry.executable() ? 0755 : 0644;
    writeHeader(out, split[1], split[0], entry.isDirectory() ? '5' : '0', mode, content.length);
    writeData(out, content);
  }

  private static void writeHeader(
      OutputStream out, String name, String prefix, char type, int mode, long size)
      throws IOException {
    byte[] h = new byte[BLOCK];
    putString(h, 0, 100, name);
    putOctal(h, 100, 8, mode);
    putOctal(h, 108, 8, 0); // uid
    putOctal(h, 116, 8, 0); // gid
    putOctal(h, 124, 12, size);
    putOctal(h, 136, 12, MTIME);
    h[156] = (byte) type;
    putString(h, 257, 6, "ustar");
    putString(h, 263, 2, "00");
    putString(h, 345, 155, prefix);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long checksum = 0;
    for (byte b : h) {
      checksum += b & 0xff;
    }
    putString(h, 148, 8, String.format("%06o", checksum) + "\0 ");
    out.write(h);
  }

  /** {prefix, name} for ustar, or null when the path cannot be expressed without pax. */
  private static String[] splitUstar(String path) {
    byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
    if (utf8.length != path.length()) {
      return null; // non-ASCII: pax keeps it exact
    }
    if (path.length() <= 100) {
      return new String[] {"", path};
    }
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (slash <= 155 && path.length() - slash - 1 <= 100 && path.length() - slash - 1 > 0) {
        return new String[] {path.substring(0, slash), path.substring(slash + 1)};
      }
    }
    return null;
  }

  private static byte[] paxRecord(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int length = body.getBytes(StandardCharsets.UTF_8).length;
    int total = length + String.valueOf(length).length();
    if (String.valueOf(total).length() != String.valueOf(length).length()) {
      total++;
    }
    return (total + body).getBytes(StandardCharsets.UTF_8);
  }

  private static void writeData(OutputStream out, byte[] data) throws IOException {
    out.write(data);
    int padding = (BLOCK - data.length % BLOCK) % BLOCK;
    out.write(new byte[padding]);
  }

  private static void putString(byte[] h, int offset, int length, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, h, offset, Math.min(bytes.length, length));
  }

  private static void putOctal(byte[] h, int offset, int length, long value) {
    putString(h, offset, length, String.format("%0" + (length - 1) + "o", value) + "\0");
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
