package io.tributary.adaptors.file;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.JobSession;
import io.tributary.adaptors.file.testing.LocalFileServers;
import io.tributary.adaptors.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The file adaptor against vsftpd requiring explicit TLS for logins and data (self-signed
 * certificate).
 */
class FtpsFilesIT extends FileAdaptorContract {
  @BeforeAll
  static void start() throws IOException {
    servers = LocalFileServers.create().startFtps();
  }

  @Override
  ObjectNode ftp() {
    return Json.object()
        .put("type", "ftps")
        .put("hostURI", "127.0.0.1")
        .put("port", servers.ftpsPort())
        .put("username", LocalFileServers.USER)
        .put("password", LocalFileServers.PASSWORD);
  }

  @Test
  void theServerRefusesAPlainFtpLoginSoTheseTestsReallyUseTls() {
    ObjectNode plain = connection();
    ((ObjectNode) plain.get("ftp")).put("type", "ftp");
    assertThatThrownBy(() -> adaptor.ping(context(plain, Json.object(), JobSession.NONE)))
        .isInstanceOf(AdaptorException.class)
        .hasMessageContaining("refused the login");
  }
}
