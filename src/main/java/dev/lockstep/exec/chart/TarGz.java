package dev.lockstep.exec.chart;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Just enough tar to normalise a Helm chart archive: reads ustar with pax and GNU long names (what
 * Go's archive/tar writes), writes sorted ustar (pax only for over-long paths) with fixed times,
 * owners and modes, gzipped with a zero header timestamp. Regular files and directories only: Helm
 * writes nothing else.
 */
final class TarGz {

  /** Fixed modification time of every entry: the Unix epoch (as SOURCE_DATE_EPOCH=0). */
  static final long MTIME = 0;

  private static final int BLOCK = 512;

  /**
   * A file (content non-null) or a directory (content null) at a '/'-separated path without leading
   * '/'.
   */
  record Entry(String path, boolean executable, byte[] content) {
    Entry {
      Objects.requireNonNull(path, "path");
    }

    boolean isDirectory() {
      return content == null;
    }
  }

  private TarGz() {}

  static List<Entry> read(InputStream gzipped) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(gzipped)) {
      Map<String, String> pax = new HashMap<>();
      String gnuLongName = null;
      byte[] header = new byte[BLOCK];
      while (true) {
        if (!readBlock(in, header) || isZero(header)) {
          break;
        }
        char type = (char) header[156];
        long size = octal(header, 124, 12);
        byte[] data = readData(in, size);
        switch (type) {
          case 'x' -> pax.putAll(parsePax(data));
          case 'g' -> {} // global pax header: no field Helm relies on
          case 'L' -> gnuLongName = cString(data, 0, data.length);
          case '0', '\0', '7', '5' -> {
            String path =
                pax.containsKey("path")
                    ? pax.get("path")
                    : gnuLongName != null ? gnuLongName : ustarName(header);
            long mode = octal(header, 100, 8);
            boolean directory = type == '5' || path.endsWith("/");
            path = path.replaceFirst("^(\\./)+", "").replaceFirst("/+$", "");
            entries.add(new Entry(path, (mode & 0111) != 0, directory ? null : data));
            pax.clear();
            gnuLongName = null;
          }
          default ->
              throw new IOException(
                  "unsupported tar entry type '" + type + "' for " + ustarName(header));
        }
      }
    }
    return entries;
  }

  /**
   * Entries sorted by path, owner 0:0, mode 0644 (0755 for directories and executables), mtime
   * {@link #MTIME}.
   */
  static byte[] write(List<Entry> entries) throws IOException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::path));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // GZIPOutputStream writes MTIME 0 and no file name: the gzip header carries nothing variable.
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      for (Entry entry : sorted) {
        writeEntry(out, entry);
      }
      out.write(new byte[BLOCK * 2]);
    }
    return bytes.toByteArray();
  }

  private static void writeEntry(OutputStream out, Entry entry) throws IOException {
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

  private static Map<String, String> parsePax(byte[] data) throws IOException {
    Map<String, String> records = new HashMap<>();
    int pos = 0;
    while (pos < data.length && data[pos] != 0) {
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException("malformed pax header", e);
      }
      if (length <= 0 || pos + length > data.length) {
        throw new IOException("malformed pax header");
      }
      String record = new String(data, space + 1, pos + length - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        records.put(record.substring(0, eq), record.substring(eq + 1));
      }
      pos += length;
    }
    return records;
  }

  private static String ustarName(byte[] header) {
    String name = cString(header, 0, 100);
    boolean ustar = cString(header, 257, 6).startsWith("ustar");
    String prefix = ustar ? cString(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static byte[] readData(InputStream in, long size) throws IOException {
    if (size > Integer.MAX_VALUE - BLOCK) {
      throw new IOException("tar entry too large: " + size + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new EOFException("truncated tar entry");
    }
    long padding = (BLOCK - size % BLOCK) % BLOCK;
    in.skipNBytes(padding); // throws EOFException when the archive ends early
    return data;
  }

  private static void writeData(OutputStream out, byte[] data) throws IOException {
    out.write(data);
    int padding = (BLOCK - data.length % BLOCK) % BLOCK;
    out.write(new byte[padding]);
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n != BLOCK) {
      throw new EOFException("truncated tar header");
    }
    return true;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static long octal(byte[] h, int offset, int length) throws IOException {
    if ((h[offset] & 0x80) != 0) {
      long value = 0; // GNU base-256 for big numbers
      for (int i = offset + 1; i < offset + length; i++) {
        value = (value << 8) | (h[i] & 0xff);
      }
      return value;
    }
    String text = cString(h, offset, length).trim();
    try {
      return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw new IOException("malformed tar header number: " + text, e);
    }
  }

  private static String cString(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
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
