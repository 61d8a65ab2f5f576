package io.github.stagingtarget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A base URL with {@code user:password@} never shows its credentials in a message. */
class CredentialsInUrlsTests {

    @TempDir
    Path dir;

    private ConfiguredTarget target(int port, String extra) {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://deploy:url-secret-1@127.0.0.1:%d/"
                  ready { timeout = 300ms, interval = 50ms }
                  %s
                }
                """.formatted(port, extra));
        return ConfiguredTarget.of(
                ConfigLoader.load(getClass().getClassLoader(), Optional.of(config.toString()), Map.of())
                        .target(new TargetSelection("staging", "a test")));
    }

    @Test
    void configuredTarget() {
        assertThat(target(8080, "").toString()).isEqualTo("Target staging at http://****@127.0.0.1:8080/");
    }

    @Test
    void remoteTargetCheckAndReadinessWait() {
        int closed = Ports.closed();

        assertThatThrownBy(() -> RemoteTargetCheck.run(target(closed, "")))
                .isInstanceOf(TargetCheckException.class)
                .hasMessageContaining("did not answer http://****@127.0.0.1:" + closed + "/ within 0.3 s")
                .hasMessageNotContaining("url-secret-1");
    }

    @Test
    void versionCheck() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "abc1234".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            ConfiguredTarget target =
                    target(server.getAddress().getPort(), "version { path = \"/version\", expected = \"def5678\" }");

            assertThatThrownBy(() ->
                            VersionCheck.verify(target, target.definition().version()))
                    .hasMessageContaining("runs version 'abc1234' (from http://****@127.0.0.1:")
                    .hasMessageNotContaining("url-secret-1");
        } finally {
            server.stop(0);
        }
        ConfiguredTarget down = target(Ports.closed(), "version.path = /version");
        assertThatThrownBy(() -> VersionCheck.deployedVersion(down, "/version"))
                .hasMessageContaining("did not answer its version at http://****@127.0.0.1:")
                .hasMessageNotContaining("url-secret-1");
    }
}
