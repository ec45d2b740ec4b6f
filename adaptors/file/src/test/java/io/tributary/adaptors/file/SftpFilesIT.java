package io.tributary.adaptors.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.JobSession;
import io.tributary.adaptors.file.testing.LocalFileServers;
import io.tributary.adaptors.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The file adaptor against OpenSSH's sshd: password logins, and a private key with a passphrase.
 */
class SftpFilesIT extends FileAdaptorContract {
  @BeforeAll
  static void start() throws IOException {
    servers = LocalFileServers.create().startSftp();
  }

  @Override
  ObjectNode ftp() {
    return Json.object()
        .put("type", "sftp")
        .put("hostURI", "127.0.0.1")
        .put("port", servers.sftpPort())
        .put("username", LocalFileServers.USER)
        .put("password", LocalFileServers.PASSWORD);
  }

  @Test
  void aPrivateKeyWithItsPassphraseLogsIn() throws IOException {
    put("k.csv", "id\n7\n");
    ObjectNode keyed = Json.object().put("type", "ftp");
    keyed.set(
        "ftp",
        Json.object()
            .put("type", "sftp")
            .put("hostURI", "sftp://127.0.0.1:" + servers.sftpPort())
            .put("username", LocalFileServers.USER)
            .put("authKey", servers.clientKey())
            .put("passphrase", servers.clientKeyPassphrase()));
    adaptor.ping(context(keyed, Json.object(), JobSession.NONE));
    try (var source = adaptor.export(context(keyed, export("k.csv", "csv"), JobSession.NONE))) {
      assertThat(source.next().orElseThrow())
          .extracting(o -> o.get("id").asText())
          .containsExactly("7");
    }
  }
}
