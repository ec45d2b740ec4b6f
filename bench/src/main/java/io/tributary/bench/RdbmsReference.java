package io.tributary.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The reference of the RDBMS benchmark, run in a JVM of its own so that its memory is measured
 * apart: a hand-written JDBC program reading {@code bench_src} with a fetch size, applying the
 * mapping by hand and inserting into PostgreSQL's {@code bench_dst} in batches of 1000 with {@code
 * reWriteBatchedInserts=true}. Prints {@code rows seconds peakRssKb}.
 */
final class RdbmsReference {
  private RdbmsReference() {}

  public static void main(String[] args) throws Exception {
    String sourceUrl = args[0];
    String sourceUser = args[1];
    String targetUrl = args[2];
    long t0 = System.nanoTime();
    long n = 0;
    try (Connection in = DriverManager.getConnection(sourceUrl, sourceUser, "");
        Connection out = DriverManager.getConnection(targetUrl, "postgres", "")) {
      in.setAutoCommit(false);
      out.setAutoCommit(false);
      try (Statement st = in.createStatement();
          PreparedStatement ins =
              out.prepareStatement(
                  "insert into bench_dst (id, full_name, email_lower, amount_cents, updated_at) values (?, ?, ?, ?, ?)")) {
        st.setFetchSize(1000);
        try (ResultSet rs =
            st.executeQuery("select id, name, email, amount, updated_at from bench_src")) {
          while (rs.next()) {
            ins.setLong(1, rs.getLong(1));
            ins.setString(2, rs.getString(2));
            ins.setString(3, rs.getString(3).toLowerCase());
            BigDecimal amount = rs.getBigDecimal(4);
            ins.setLong(4, amount.movePointRight(2).longValueExact());
            ins.setObject(5, rs.getObject(5));
            ins.addBatch();
            if (++n % 1000 == 0) ins.executeBatch();
          }
        }
        ins.executeBatch();
        out.commit();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.println(n + " " + seconds + " " + peakRssKb(Path.of("/proc/self/status")));
  }

  /**
   * VmHWM of a /proc status file: the most resident memory the process ever had, in kB (0 when
   * unknown).
   */
  static long peakRssKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // not Linux, or the process is gone
    }
    return 0;
  }
}
