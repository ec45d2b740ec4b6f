package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.JobSession;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.Throttle;
import io.tributary.adaptors.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reads every record of one CSV file over SFTP through the file adaptor and prints {@code count
 * lastId}: run by {@link LargeFileIT} in a JVM with a small heap, which a file held in memory would
 * exhaust.
 */
public final class LargeFileMain {
  private LargeFileMain() {}

  public static void main(String[] args) {
    ObjectNode connection = Json.object().put("type", "ftp");
    connection
        .putObject("ftp")
        .put("type", "sftp")
        .put("hostURI", "127.0.0.1")
        .put("port", Integer.parseInt(args[0]))
        .put("username", args[1])
        .put("password", args[2]);
    ObjectNode export = Json.object().put("pageSize", 1000);
    export.putObject("ftp").put("directoryPath", args[3]);
    export.putObject("file").put("type", "csv").put("skipDelete", true);
    FileAdaptor adaptor = new FileAdaptor();
    long count = 0;
    String last = null;
    StepContext ctx =
        new StepContext(
            connection,
            export,
            Json.object(),
            null,
            Throttle.NONE,
            () -> false,
            Clock.systemUTC(),
            5_000_000,
            JobSession.NONE);
    try (PageSource source = adaptor.export(ctx)) {
      for (Optional<List<ObjectNode>> page = source.next();
          page.isPresent();
          page = source.next()) {
        if (!source.takeErrors().isEmpty())
          throw new IllegalStateException("the file was reported malformed");
        count += page.get().size();
        last = page.get().get(page.get().size() - 1).get("id").asText();
      }
    } finally {
      adaptor.close();
    }
    System.out.println(count + " " + last);
  }
}
