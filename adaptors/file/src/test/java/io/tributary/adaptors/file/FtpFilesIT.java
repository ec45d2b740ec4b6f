package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.file.testing.LocalFileServers;
import io.tributary.adaptors.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/** The file adaptor against vsftpd over plain FTP, passive mode. */
class FtpFilesIT extends FileAdaptorContract {
  @BeforeAll
  static void start() throws IOException {
    servers = LocalFileServers.create().startFtp();
  }

  @Override
  ObjectNode ftp() {
    return Json.object()
        .put("type", "ftp")
        .put("hostURI", "127.0.0.1")
        .put("port", servers.ftpPort())
        .put("username", LocalFileServers.USER)
        .put("password", LocalFileServers.PASSWORD)
        .put("usePassiveMode", true);
  }
}
